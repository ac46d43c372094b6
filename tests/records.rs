//! Saved records: the round trip from a finished questionnaire to every export,
//! atomic saves, owner-only files, versions, damaged files, clear errors.

mod common;

use std::path::PathBuf;

use assert_cmd::Command;
use common::*;
use hamstring_triage::audience::Audience;
use hamstring_triage::bank::Bank;
use hamstring_triage::case::load_case;
use hamstring_triage::engine::{interview, triage};
use hamstring_triage::records::{Record, Store, StoreError, fhir, markdown, replay};

fn record_for(bank: &Bank, case: &str, code: &str, created: &str) -> Record {
    let path = shared_dir().join("cases").join(case);
    let case = load_case(&path, &bank.vocab).unwrap();
    let walk = interview(bank, &case.findings).unwrap();
    let outcome = triage(bank, &walk);
    Record::new(
        bank,
        &walk,
        &outcome,
        Audience::Clinician,
        code.into(),
        created.into(),
    )
}

#[test]
fn a_record_round_trips_through_save_list_load_and_every_export() {
    let bank = bank();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let older = record_for(
        &bank,
        "03-marathoner-sit-bone-ache.toml",
        "AAA-222",
        "2026-01-01T09:00:00Z",
    );
    let newer = record_for(
        &bank,
        "01-waterski-fall.toml",
        store.fresh_code().as_str(),
        "2026-02-01T09:00:00Z",
    );
    store.save_with(&older, &mut || Ok(())).unwrap();
    let path = store.save_with(&newer, &mut || Ok(())).unwrap();
    assert!(path.ends_with(format!("{}.json", newer.code)));

    let (list, bad) = store.list().unwrap();
    assert!(bad.is_empty());
    assert_eq!(
        list.iter().map(|s| s.code.as_str()).collect::<Vec<_>>(),
        [newer.code.as_str(), "AAA-222"]
    );
    assert_eq!(list[0].result.urgency, "urgent");
    assert_eq!(list[0].result.diagnoses[0].id, "hamstring_avulsion");

    let loaded = store.load(&newer.code.to_lowercase()).unwrap();
    assert_eq!(loaded, newer);
    assert_eq!(loaded.audience, "clinician");
    assert_eq!(loaded.answers[0].question, "age");
    assert_eq!(
        loaded.answers[0].wording, "Age band",
        "the clinician wording shown is kept"
    );

    // The summary with the result worked out again, and as saved.
    let report = replay::report(&bank, &loaded).expect("the record fits the bank");
    let saved = markdown::to_markdown(&bank, &loaded, None);
    for md in [
        markdown::to_markdown(&bank, &loaded, Some(&report)),
        saved.clone(),
    ] {
        assert!(md.contains(&format!("intake summary {}", newer.code)));
        assert!(md.contains("## Urgency: URGENT"));
        assert!(md.contains("Proximal hamstring avulsion"));
        assert!(md.contains("| 1 | Age band |"));
    }
    let md = markdown::to_markdown(&bank, &loaded, Some(&report));
    assert!(md.contains("**Why this urgency:**\n\n- "), "{md}");
    assert!(
        md.contains("   - for: reported \""),
        "answers quoted as given: {md}"
    );
    assert!(!md.contains("you"), "in the clinician's words: {md}");
    assert!(!saved.contains("Why this urgency"));

    let q = fhir::questionnaire(&bank, false);
    let qr = fhir::questionnaire_response(&loaded);
    assert_eq!(q["resourceType"], "Questionnaire");
    assert_eq!(qr["resourceType"], "QuestionnaireResponse");
    assert_eq!(qr["status"], "completed");
    let link_ids: Vec<&str> = q["item"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["linkId"].as_str().unwrap())
        .collect();
    for item in qr["item"].as_array().unwrap() {
        let id = item["linkId"].as_str().unwrap();
        assert!(link_ids.contains(&id), "{id} is not in the Questionnaire");
        assert!(!item["answer"].as_array().unwrap().is_empty());
    }
    // Branching: `mechanism` is enabled only by a sudden onset.
    let mech = q["item"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["linkId"] == "mechanism")
        .unwrap();
    assert_eq!(mech["enableWhen"][0]["question"], "onset");
    assert_eq!(mech["enableWhen"][0]["answerCoding"]["code"], "sudden");
}

#[cfg(unix)]
#[test]
fn records_are_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let bank = bank();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let r = record_for(
        &bank,
        "02-sprint-grab-football.toml",
        "BBB-333",
        "2026-01-01T09:00:00Z",
    );
    let path = store.save_with(&r, &mut || Ok(())).unwrap();
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(
        std::fs::metadata(store.dir()).unwrap().permissions().mode() & 0o777,
        0o700
    );
}

#[test]
fn an_interrupted_save_leaves_no_partial_record_and_earlier_ones_intact() {
    let bank = bank();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let first = record_for(
        &bank,
        "02-sprint-grab-football.toml",
        "CCC-444",
        "2026-01-01T09:00:00Z",
    );
    store.save_with(&first, &mut || Ok(())).unwrap();
    let before = std::fs::read(store.dir().join("CCC-444.json")).unwrap();

    // A failure between write and rename: an error, and nothing left behind.
    let second = record_for(
        &bank,
        "01-waterski-fall.toml",
        "DDD-555",
        "2026-01-02T09:00:00Z",
    );
    let err = store
        .save_with(&second, &mut || Err(std::io::Error::other("disk full")))
        .unwrap_err();
    assert!(
        err.to_string().contains("cannot save the record") && err.to_string().contains("disk full"),
        "{err}"
    );
    let names: Vec<String> = std::fs::read_dir(store.dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["CCC-444.json"]);

    // A crash at the same point (the process dies: no clean-up runs).
    let crashed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _ = store.save_with(&second, &mut || panic!("power cut"));
    }));
    assert!(crashed.is_err());
    let (list, bad) = store.list().unwrap();
    assert!(
        bad.is_empty(),
        "a half-saved record must not show as damaged: {bad:?}"
    );
    assert_eq!(list.len(), 1, "only the whole record is listed");
    assert_eq!(
        std::fs::read(store.dir().join("CCC-444.json")).unwrap(),
        before
    );
    assert!(matches!(
        store.load("DDD-555"),
        Err(StoreError::NotFound { .. })
    ));

    // Saving again afterwards works.
    store.save_with(&second, &mut || Ok(())).unwrap();
    assert_eq!(store.list().unwrap().0.len(), 2);
}

#[test]
fn an_existing_record_is_never_overwritten() {
    let bank = bank();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let r = record_for(
        &bank,
        "02-sprint-grab-football.toml",
        "EEE-666",
        "2026-01-01T09:00:00Z",
    );
    store.save_with(&r, &mut || Ok(())).unwrap();
    let err = store.save_with(&r, &mut || Ok(())).unwrap_err();
    assert!(err.to_string().contains("already exists"), "{err}");
}

#[test]
fn an_unwritable_place_gives_a_clear_error() {
    let bank = bank();
    let r = record_for(
        &bank,
        "02-sprint-grab-football.toml",
        "FFF-777",
        "2026-01-01T09:00:00Z",
    );
    // A data "folder" that is a file: the records folder cannot be made.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plain-file");
    std::fs::write(&file, "x").unwrap();
    let err = Store::new(&file).save_with(&r, &mut || Ok(())).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("cannot create the records folder"),
        "{err}"
    );
    assert!(err.to_string().contains("plain-file"), "{err}");
    // A read-only file system (procfs refuses writes even to root): this
    // process's own folder there, a real folder of its own user (not
    // /proc/self, a link, which is refused as such).
    if cfg!(target_os = "linux") {
        let own = format!("/proc/{}", std::process::id());
        let err = Store::new(std::path::Path::new(&own))
            .save_with(&r, &mut || Ok(()))
            .unwrap_err();
        assert!(
            err.to_string()
                .starts_with(&format!("cannot create the records folder {own}/records")),
            "{err}"
        );
    }
}

#[test]
fn an_older_record_still_opens_and_damaged_ones_are_named_without_hiding_others() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    std::fs::create_dir_all(store.dir()).unwrap();
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/record-v1.json");
    std::fs::copy(&fixture, store.dir().join("V2T-EST.json")).unwrap();
    let v1 = store.load("v2t-est").unwrap();
    assert_eq!(v1.version, 1);
    assert_eq!(v1.result.diagnoses[0].id, "hamstring_strain");

    let text = std::fs::read_to_string(&fixture).unwrap();
    std::fs::write(store.dir().join("GGG-888.json"), &text[..text.len() / 2]).unwrap();
    std::fs::write(
        store.dir().join("HHH-999.json"),
        text.replace("\"version\": 1", "\"version\": 7"),
    )
    .unwrap();
    let (list, bad) = store.list().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(bad.len(), 2, "{bad:?}");
    assert!(
        bad[0].file.ends_with("GGG-888.json") && bad[0].message.contains("damaged or cut short"),
        "{bad:?}"
    );
    assert!(bad[0].line > 1, "a truncated record is located: {bad:?}");
    assert!(
        bad[1].file.ends_with("HHH-999.json") && bad[1].message.contains("newer"),
        "{bad:?}"
    );
    assert!(matches!(store.load("GGG-888"), Err(StoreError::Damaged(_))));
    assert!(matches!(
        store.load("not a code"),
        Err(StoreError::BadCode(_))
    ));
}

fn bin() -> Command {
    Command::cargo_bin("hamstring-triage").unwrap()
}

#[test]
fn the_records_commands_list_show_and_export() {
    let dir = tempfile::tempdir().unwrap();
    let case = shared_dir().join("cases/01-waterski-fall.toml");
    let out = bin()
        .arg("assess")
        .arg("--case")
        .arg(&case)
        .arg("--save")
        .arg("--data-dir")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let code = v["record"].as_str().unwrap().to_string();

    let list = bin()
        .args(["records", "list", "--data-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    let list = String::from_utf8(list.stdout).unwrap();
    assert!(
        list.contains(&code)
            && list.contains("URGENT")
            && list.contains("Proximal hamstring avulsion"),
        "names, not ids: {list}"
    );
    assert!(!list.contains("hamstring_avulsion"), "{list}");

    let show = bin()
        .args(["records", "show", &code, "--data-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        String::from_utf8(show.stdout)
            .unwrap()
            .contains("## Urgency: URGENT")
    );

    for (format, needle) in [
        ("markdown", "## Answers"),
        ("json", "\"format\": \"hamstring-triage-record\""),
        ("fhir", "\"resourceType\": \"RiskAssessment\""),
    ] {
        let out = bin()
            .args(["records", "export", &code, "--format", format, "--data-dir"])
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(out.status.success());
        assert!(
            String::from_utf8(out.stdout).unwrap().contains(needle),
            "{format}"
        );
    }
    let q = bin()
        .args(["export-questionnaire", "--format", "fhir"])
        .output()
        .unwrap();
    let q: serde_json::Value = serde_json::from_slice(&q.stdout).unwrap();
    assert_eq!(q["resourceType"], "Questionnaire");

    let missing = bin()
        .args(["records", "show", "ZZZ-ZZZ", "--data-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no record with code ZZZ-ZZZ"));

    let nowhere = bin()
        .args(["records", "list", "--data-dir", "/no/such/folder"])
        .output()
        .unwrap();
    assert_eq!(nowhere.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&nowhere.stderr).contains("/no/such/folder does not exist"));
}

/// The Markdown of a record of a shared case, in a language.
fn markdown_of(case: &str, lang: &str, replayed: bool) -> String {
    let base = bank();
    let record = record_for(&base, case, "MBB-3XM", "2026-03-01T10:00:00Z");
    let bank = base.localized(lang).unwrap();
    let report = replayed.then(|| replay::report(&bank, &record)).flatten();
    assert_eq!(report.is_some(), replayed);
    markdown::to_markdown(&bank, &record, report.as_ref())
}

/// The lines of a Markdown section, up to the next heading.
fn section<'a>(md: &'a str, heading: &str) -> Vec<&'a str> {
    md.lines()
        .skip_while(|l| *l != heading)
        .skip(1)
        .take_while(|l| !l.starts_with("## "))
        .filter(|l| !l.trim().is_empty())
        .collect()
}

/// Whether a text holds a raw `key = value` or a snake_case id.
fn raw_keys(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '='))
        .filter(|w| w.contains('_') || w.contains('='))
        .map(String::from)
        .collect()
}

#[test]
fn the_findings_of_a_record_read_aloud_in_words_in_both_languages() {
    for replayed in [true, false] {
        let md = markdown_of("01-waterski-fall.toml", "en", replayed);
        let rows = section(&md, "## Findings");
        assert_eq!(rows[0], "| Finding | Value |", "{md}");
        assert!(rows.len() > 20, "{md}");
        let table = rows.join("\n");
        assert!(
            raw_keys(&table).is_empty(),
            "{:?}\n{table}",
            raw_keys(&table)
        );
        assert!(
            table.contains("| Mechanism of injury | Forced hip flexion with knee extension |"),
            "{table}"
        );
        assert!(
            table.contains("| Audible or felt pop | reported |"),
            "{table}"
        );
        assert!(table.contains("| not reported |"), "{table}");
        // In the order asked: the age before the mechanism.
        let at = |needle: &str| rows.iter().position(|r| r.contains(needle)).unwrap();
        assert!(at("Age band") < at("Mechanism of injury"), "{table}");
        // The diagnoses' findings for and against, in words too.
        let listed: Vec<&str> = section(&md, "## Likely diagnoses")
            .into_iter()
            .filter(|l| l.starts_with("   - "))
            .collect();
        let listed = listed.join("\n");
        assert!(listed.contains("   - for: "), "{listed}");
        assert!(
            raw_keys(&listed).is_empty(),
            "{:?}\n{listed}",
            raw_keys(&listed)
        );
        if !replayed {
            // As saved: `anticoagulant = false` against the haematoma.
            assert!(
                listed.contains("   - against: not reported: \"Anticoagulated"),
                "{listed}"
            );
        }
    }
    let es = markdown_of("01-waterski-fall.toml", "es", false);
    let rows = section(&es, "## Hallazgos");
    assert_eq!(rows[0], "| Hallazgo | Valor |", "{es}");
    let table = rows.join("\n");
    assert!(raw_keys(&table).is_empty(), "{table}");
    assert!(
        table.contains("| referido |") && table.contains("| no referido |"),
        "{table}"
    );
    assert!(!table.contains("| reported |"), "{table}");
    // The export's own headings and labels are in Spanish too, whether the
    // result is replayed or given as saved.
    for replayed in [true, false] {
        let es = markdown_of("01-waterski-fall.toml", "es", replayed);
        for spanish in [
            "## Respuestas",
            "## Diagnósticos probables",
            "a favor:",
            "Explorar:",
        ] {
            assert!(es.contains(spanish), "{spanish}\n{es}");
        }
        for english in [
            "## Answers",
            "Likely diagnoses",
            "Examine:",
            "   - for:",
            "intake summary",
        ] {
            assert!(!es.contains(english), "{english}\n{es}");
        }
    }
}

#[test]
fn records_list_names_the_urgency_and_the_diagnosis_in_the_language_asked() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let b = bank();
    store
        .save_with(
            &record_for(
                &b,
                "01-waterski-fall.toml",
                "MBB-3XM",
                "2026-03-01T10:00:00Z",
            ),
            &mut || Ok(()),
        )
        .unwrap();
    let list = |lang: &str| {
        let out = bin()
            .args(["records", "list", "--lang", lang, "--data-dir"])
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let en = list("en");
    let es_bank = b.localized("es").unwrap();
    let es = list("es");
    assert!(en.starts_with("CODE "), "{en}");
    assert!(es.starts_with("CÓDIGO "), "{es}");
    for (text, bank) in [(&en, &b), (&es, &es_bank)] {
        let avulsion = bank.diagnosis_index("hamstring_avulsion").unwrap();
        assert!(
            text.contains(&bank.diagnoses[avulsion].clinician_name),
            "{text}"
        );
        assert!(text.contains(bank.ui("urgency.urgent")), "{text}");
        assert!(raw_keys(text).is_empty(), "{text}");
    }
    assert_ne!(en, es);
}
