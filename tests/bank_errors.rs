//! A table of broken banks: each gives the intended problem at the right file,
//! line and column, every problem is listed, and nothing panics.

use hamstring_triage::bank::{
    BANK_FILES, Bank, BankSources, Problem, builtin_sources, compile, read_dir_sources,
};
use hamstring_triage::check;

/// Which file of the bank to break.
#[derive(Clone, Copy)]
enum File {
    Bank,
    Questions,
    Evidence,
    RedFlags,
}

fn source(s: &mut BankSources, f: File) -> &mut hamstring_triage::bank::Source {
    match f {
        File::Bank => &mut s.bank,
        File::Questions => &mut s.questions,
        File::Evidence => &mut s.evidence,
        File::RedFlags => &mut s.red_flags,
    }
}

/// The built-in bank with `from` replaced by `to` (once) in one file; every
/// problem that loading and validating it finds.
fn problems_after(f: File, from: &str, to: &str) -> Vec<Problem> {
    let mut s = builtin_sources();
    let src = source(&mut s, f);
    assert!(src.text.contains(from), "{from:?} is not in {}", src.name);
    src.text = src.text.replacen(from, to, 1).into();
    match compile(&s) {
        Ok(bank) => check::validate(&bank),
        Err(p) => p,
    }
}

/// The line (1-based) of the first occurrence of `needle` in a built-in file.
fn line_of(f: File, needle: &str) -> usize {
    let mut s = builtin_sources();
    let text = &source(&mut s, f).text;
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not found"));
    text[..at].matches('\n').count() + 1
}

#[track_caller]
fn assert_problem(
    problems: &[Problem],
    file: &str,
    line: usize,
    column: Option<usize>,
    what: &str,
) {
    let hit = problems.iter().any(|p| {
        p.file.ends_with(file)
            && p.line == line
            && column.is_none_or(|c| p.column == c)
            && p.message.contains(what)
    });
    assert!(
        hit,
        "want {file}:{line}:{column:?} {what:?} among:\n{problems:#?}"
    );
}

#[test]
fn the_built_in_bank_loads_and_validates_clean() {
    let bank = compile(&builtin_sources()).expect("built-in bank");
    assert!(check::validate(&bank).is_empty());
    assert_eq!(bank.diagnoses.len(), bank.vocab.diagnoses.len());
    assert!(bank.diagnoses.len() >= 20, "the contract's 20 diagnoses");
}

/// The bank built into the binary (compiled and validated by build.rs, which
/// cargo runs again whenever a file of the bank or the loader changes) is
/// exactly what compiling the bank's files gives now, field by field.
#[test]
fn the_embedded_bank_is_what_its_files_compile_to() {
    let embedded = Bank::builtin().expect("the embedded bank reads back");
    let compiled = compile(&builtin_sources()).expect("the built-in bank compiles");
    // As JSON values, whose objects are sorted: the hash maps' order aside.
    let json = |b: &Bank| serde_json::to_value(b).expect("a bank serialises");
    assert_eq!(json(&embedded), json(&compiled));
    let langs = |b: &Bank| {
        b.translations
            .iter()
            .map(|t| t.lang.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(langs(&embedded), langs(&compiled));
    assert_eq!(langs(&embedded), ["es"]);
    assert!(
        embedded.translations[0]
            .texts()
            .is_ok_and(|t| t.len() > 500)
    );
}

/// An empty or half-filled `--questions` folder is one problem naming the
/// folder, every file a bank folder needs and the ones it lacks, at no
/// made-up place in a file.
#[test]
fn an_empty_or_incomplete_bank_folder_is_one_problem_listing_what_it_lacks() {
    let dir = tempfile::tempdir().unwrap();
    let name = dir.path().display().to_string();
    let p = read_dir_sources(dir.path()).unwrap_err();
    assert_eq!(p.len(), 1, "{p:#?}");
    let shown = p[0].to_string();
    assert!(
        shown.starts_with(&format!("{name}: expected a question bank folder")),
        "{shown}"
    );
    assert!(!shown.contains(":1:1"), "{shown}");
    for f in BANK_FILES {
        // Listed as needed, and as missing.
        assert_eq!(shown.matches(f).count(), 2, "{f}: {shown}");
    }
    assert!(BANK_FILES.contains(&"ui.toml"));

    let s = builtin_sources();
    std::fs::write(dir.path().join("bank.toml"), s.bank.text.as_bytes()).unwrap();
    std::fs::write(
        dir.path().join("questions.toml"),
        s.questions.text.as_bytes(),
    )
    .unwrap();
    let p = read_dir_sources(dir.path()).unwrap_err();
    assert_eq!(p.len(), 1, "{p:#?}");
    let missing = p[0]
        .message
        .split("missing here: ")
        .nth(1)
        .expect("the missing files");
    assert_eq!(
        missing,
        "findings.toml, diagnoses.toml, evidence.toml, red_flags.toml, ui.toml"
    );

    let file = dir.path().join("bank.toml");
    let p = read_dir_sources(&file).unwrap_err();
    assert_eq!(p.len(), 1, "{p:#?}");
    assert!(p[0].message.ends_with("this is not a folder"), "{p:#?}");
}

/// A finding counts in one group of correlated findings at most: a second
/// group naming it is refused where it names it.
#[test]
fn a_finding_in_two_groups_is_refused_where_the_second_names_it() {
    let from = "findings = [\"pop\", \"bruising\", \"leg_swelling\"]";
    let line = line_of(File::Evidence, from);
    let p = problems_after(
        File::Evidence,
        from,
        "findings = [\"pop\", \"bruising\", \"leg_swelling\", \"worse_sitting\"]",
    );
    assert_problem(
        &p,
        "evidence.toml",
        line,
        Some(48),
        "`worse_sitting` is in group `sit bone` already",
    );
    assert_eq!(p.len(), 1, "{p:#?}");
}

#[test]
fn broken_toml_is_located() {
    let line = line_of(File::Questions, "id = \"activity\"");
    let p = problems_after(File::Questions, "id = \"activity\"", "id = \"activity");
    assert_problem(&p, "questions.toml", line, None, "");
    assert_eq!(p.len(), 1, "{p:#?}");
}

#[test]
fn an_unknown_field_is_named_where_it_stands() {
    let line = line_of(File::Questions, "id = \"activity\"");
    let p = problems_after(
        File::Questions,
        "id = \"activity\"",
        "id = \"activity\"\ncolour = \"red\"",
    );
    assert_problem(
        &p,
        "questions.toml",
        line + 1,
        Some(1),
        "unknown field `colour`",
    );
}

#[test]
fn a_wrong_type_is_located() {
    let line = line_of(File::Questions, "id = \"activity\"");
    let p = problems_after(
        File::Questions,
        "id = \"activity\"",
        "id = \"activity\"\nkind = 3",
    );
    assert_problem(&p, "questions.toml", line + 1, Some(8), "");
}

#[test]
fn a_dangling_next_is_located_at_the_name() {
    let line = line_of(File::Questions, "next = \"activity\"");
    let p = problems_after(File::Questions, "next = \"activity\"", "next = \"actvity\"");
    assert_problem(
        &p,
        "questions.toml",
        line,
        Some(8),
        "`actvity`, which is no question id",
    );
}

#[test]
fn a_cycle_is_found() {
    // `history` leads back to `age`.
    let history_next = "next = \"general_screen\"";
    let line = line_of(File::Questions, "id = \"history\"");
    let p = problems_after(
        File::Questions,
        history_next,
        &history_next.replace("general_screen", "age"),
    );
    assert_problem(
        &p,
        "questions.toml",
        line,
        Some(6),
        "loops: `history` leads back to `age`",
    );
}

#[test]
fn an_unknown_finding_or_value_is_located() {
    let line = line_of(File::Questions, "sets = { age_band = \"under_12\" }");
    let p = problems_after(
        File::Questions,
        "sets = { age_band = \"under_12\" }",
        "sets = { age_band = \"teen\" }",
    );
    assert_problem(
        &p,
        "questions.toml",
        line,
        Some(21),
        "`\"teen\"` is not a value of `age_band`",
    );
    let p = problems_after(
        File::Questions,
        "sets = { age_band = \"under_12\" }",
        "sets = { age = \"under_12\" }",
    );
    assert_problem(
        &p,
        "questions.toml",
        line,
        Some(10),
        "unknown finding `age`",
    );
    let line = line_of(File::Evidence, "onset = { sudden = 5");
    let p = problems_after(
        File::Evidence,
        "onset = { sudden = 5",
        "onset = { abrupt = 5",
    );
    assert_problem(
        &p,
        "evidence.toml",
        line,
        Some(11),
        "`abrupt` is not a value of `onset`",
    );
}

#[test]
fn an_unknown_diagnosis_or_urgency_is_located() {
    let line = line_of(File::Evidence, "[diagnosis.hamstring_strain]");
    let p = problems_after(
        File::Evidence,
        "[diagnosis.hamstring_strain]",
        "[diagnosis.hamstring_sprain]\nprior = 0.1\n\n[diagnosis.hamstring_strain]",
    );
    assert_problem(
        &p,
        "evidence.toml",
        line,
        Some(12),
        "unknown diagnosis id `hamstring_sprain`",
    );
    let line = line_of(File::RedFlags, "urgency = \"urgent\"");
    let p = problems_after(File::RedFlags, "urgency = \"urgent\"", "urgency = \"asap\"");
    assert_problem(
        &p,
        "red_flags.toml",
        line,
        Some(11),
        "unknown urgency `asap`",
    );
}

#[test]
fn an_empty_file_is_refused() {
    let mut s = builtin_sources();
    s.diagnoses.text = "  \n".into();
    let p = compile(&s).unwrap_err();
    assert_problem(&p, "diagnoses.toml", 1, Some(1), "empty");
}

#[test]
fn an_unreachable_question_is_found() {
    // Skipping `mechanism` (after a sudden or an uncertain onset) leaves it
    // (and `injury_signs`) unreached.
    let line = line_of(File::Questions, "id = \"mechanism\"");
    let mut s = builtin_sources();
    s.questions.text = s
        .questions
        .text
        .replace("next = \"mechanism\"", "next = \"duration\"")
        .into();
    let p = check::validate(&compile(&s).unwrap());
    assert_problem(
        &p,
        "questions.toml",
        line,
        Some(6),
        "no path from the start (`age`) reaches question `mechanism`",
    );
}

#[test]
fn a_path_that_skips_the_cauda_equina_screen_is_found() {
    let p = problems_after(
        File::Questions,
        "next = \"cauda_equina_screen\"",
        "next = \"onset\"",
    );
    assert!(
        p.iter()
            .any(|x| x.message.contains("without the cauda equina screen")
                && x.message.contains("bladder")),
        "{p:#?}"
    );
}

#[test]
fn a_diagnosis_no_answers_can_rank_first_is_found() {
    let line = line_of(File::Evidence, "[diagnosis.myofascial_pain]");
    let p = problems_after(
        File::Evidence,
        "prior = 0.10\nbasis = \"expert_estimate\"\n[diagnosis.myofascial_pain.lr]",
        "prior = 0.0000001\nbasis = \"expert_estimate\"\n[diagnosis.myofascial_pain.lr]",
    );
    assert_problem(
        &p,
        "evidence.toml",
        line,
        Some(12),
        "`myofascial_pain` first",
    );
}

#[test]
fn a_not_sure_option_that_sets_findings_is_refused() {
    let from = "id = \"not_sure\"\nlabel = \"Not sure\"\nclinician = \"Unsure (cannot exclude)\"\nnot_sure = true";
    let line = line_of(File::Questions, from);
    let p = problems_after(
        File::Questions,
        from,
        &format!("{from}\nsets = {{ bladder = \"normal\" }}"),
    );
    assert_problem(&p, "questions.toml", line, Some(6), "must not set findings");
}

#[test]
fn every_problem_is_listed_not_just_the_first() {
    let mut s = builtin_sources();
    s.questions.text = s
        .questions
        .text
        .replacen("next = \"activity\"", "next = \"nowhere\"", 1)
        .into();
    s.red_flags.text = s
        .red_flags
        .text
        .replacen("urgency = \"urgent\"", "urgency = \"asap\"", 1)
        .into();
    let p = compile(&s).unwrap_err();
    assert!(p.len() >= 2, "{p:#?}");
}

#[test]
fn a_bank_folder_with_bad_bytes_or_a_directory_for_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let s = builtin_sources();
    for (name, src) in [
        ("bank.toml", &s.bank),
        ("findings.toml", &s.findings),
        ("questions.toml", &s.questions),
        ("diagnoses.toml", &s.diagnoses),
        ("evidence.toml", &s.evidence),
        ("red_flags.toml", &s.red_flags),
        ("ui.toml", &s.ui),
    ] {
        std::fs::write(dir.path().join(name), src.text.as_bytes()).unwrap();
    }
    std::fs::create_dir(dir.path().join("lang")).unwrap();
    for (code, src) in &s.langs {
        std::fs::write(
            dir.path().join("lang").join(format!("{code}.toml")),
            src.text.as_bytes(),
        )
        .unwrap();
    }
    assert!(compile(&read_dir_sources(dir.path()).unwrap()).is_ok());

    std::fs::write(
        dir.path().join("bank.toml"),
        b"[bank]\nname = \"caf\xe9\"\n",
    )
    .unwrap();
    std::fs::remove_file(dir.path().join("red_flags.toml")).unwrap();
    std::fs::create_dir(dir.path().join("red_flags.toml")).unwrap();
    let p = read_dir_sources(dir.path()).unwrap_err();
    assert_problem(&p, "bank.toml", 2, Some(12), "not valid UTF-8");
    assert_problem(&p, "red_flags.toml", 1, Some(1), "directory");
}

/// A bank's red flags must meet every safety floor of the shared contract
/// (built into the program), at the urgency and stopping as it says; where
/// one falls short, `validate` names the red flag nearest to it.
#[test]
fn a_red_flag_that_weakens_a_safety_floor_is_refused_at_its_place() {
    let line = line_of(File::RedFlags, "id = \"infection_fever\"");
    let p = problems_after(
        File::RedFlags,
        "id = \"infection_fever\"\nurgency = \"urgent\"",
        "id = \"infection_fever\"\nurgency = \"soon\"",
    );
    assert_problem(
        &p,
        "red_flags.toml",
        line,
        Some(6),
        "safety floor `fever` (at least urgent): fever = true",
    );

    let line = line_of(File::RedFlags, "id = \"pe_breathless\"");
    let p = problems_after(
        File::RedFlags,
        "id = \"pe_breathless\"\nurgency = \"emergency\"\nstop = true",
        "id = \"pe_breathless\"\nurgency = \"emergency\"",
    );
    assert_problem(
        &p,
        "red_flags.toml",
        line,
        Some(6),
        "no red flag stops the questionnaire",
    );

    // A condition narrowed so that part of the floor is left uncovered.
    let p = problems_after(
        File::RedFlags,
        "when = { bladder = [\"reduced_sensation\", \"difficulty_or_retention\", \"incontinence\"] }",
        "when = { bladder = [\"difficulty_or_retention\", \"incontinence\"] }",
    );
    assert!(
        p.iter()
            .any(|x| x.message.contains("safety floor `cauda equina`")
                && x.message.contains("bladder = reduced_sensation")),
        "{p:#?}"
    );
}

#[test]
fn a_floor_whose_finding_a_path_may_never_ask_is_refused() {
    let p = problems_after(File::Bank, "\"walking_pain\",", "");
    assert!(
        p.iter().any(|x| x
            .message
            .contains("safety floor `walking pain with vascular risk`")
            && x.message
                .contains("`walking_pain`, which bank.toml's must_ask does not list")),
        "{p:#?}"
    );
}

#[test]
fn not_sure_on_the_emergency_screen_without_a_floor_is_refused() {
    let from = "not_sure = true\nfloor = \"urgent\"\n\n# ------------------------------------------------------------ onset";
    let p = problems_after(
        File::Questions,
        from,
        "not_sure = true\n\n# ------------------------------------------------------------ onset",
    );
    assert!(
        p.iter()
            .any(|x| x.message.contains("\"Not sure\" at `cauda_equina_screen`")),
        "{p:#?}"
    );
}
