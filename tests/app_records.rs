//! Saving results from the full-screen app and opening them again: driven
//! with actions and clicks, drawn on a TestBackend. The clinician audience
//! saves on reaching the result, patients choose to; a failed save says so,
//! keeps everything and saves on a retry; a clinician opens a record by its
//! code. Snapshots at 80x24 and 120x40 (the random code replaced).

use std::path::{Path, PathBuf};

use hamstring_triage::app::save::Saving;
use hamstring_triage::app::{Action, App, Overlay, Screen, Settings};
use hamstring_triage::bank::Bank;
use hamstring_triage::cli::Audience;
use hamstring_triage::records::{Record, Store};
use tui_input::InputRequest;

#[path = "common/driver.rs"]
mod driver;
#[path = "common/screen.rs"]
mod screen;

use driver::{Driver, drive};
use screen::SIZES;

fn new_app(audience: Audience, data_dir: &Path) -> Driver<App> {
    drive(
        App::new(Bank::builtin().expect("built-in bank"), audience, true).with_settings(Settings {
            save_records: true,
            data_dir: Some(data_dir.to_path_buf()),
            ..Settings::default()
        }),
    )
}

fn to_result(app: &mut Driver<App>) {
    app.walk_to_review();
    app.act(Action::ShowResult);
    assert_eq!(app.screen, Screen::Result);
}

fn record_files(data: &Path) -> Vec<PathBuf> {
    match std::fs::read_dir(data.join("records")) {
        Ok(d) => {
            let mut v: Vec<PathBuf> = d.flatten().map(|e| e.path()).collect();
            v.sort();
            v
        }
        Err(_) => Vec::new(),
    }
}

/// Snapshots the app at both sizes with its random code shown as `ABC-DEF`.
#[track_caller]
fn snap(name: &str, app: &mut Driver<App>, code: Option<&str>) {
    for (w, h) in SIZES {
        let t = app.render(w, h);
        let mut shown = format!("{}", t.backend());
        if let Some(code) = code {
            shown = shown.replace(code, "ABC-DEF");
        }
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), shown);
    }
}

#[test]
fn the_clinician_result_is_saved_on_arrival_and_shows_its_code() {
    let data = tempfile::tempdir().unwrap();
    let mut app = new_app(Audience::Clinician, data.path());
    to_result(&mut app);
    let code = app
        .saved_code()
        .expect("saved on reaching the result")
        .to_string();
    let files = record_files(data.path());
    assert_eq!(
        files,
        vec![data.path().join(format!("records/{code}.json"))]
    );
    let record = Store::new(data.path()).load(&code).unwrap();
    assert_eq!(record.audience, "clinician");
    assert_eq!(record.answers.len(), app.session.walk.steps.len());
    for (w, h) in SIZES {
        let s = app.screen(w, h);
        assert!(s.contains(&format!("Reference code  {code} ")), "{s}");
    }
    snap("result_clinician_saved", &mut app, Some(&code));
    // Drawing, scrolling or coming back to it saves nothing more.
    app.act(Action::PageDown);
    app.act(Action::Back);
    app.act(Action::ShowResult);
    assert_eq!(app.saved_code(), Some(code.as_str()));
    assert_eq!(record_files(data.path()).len(), 1);
}

#[test]
fn a_red_flag_result_is_saved_too() {
    let data = tempfile::tempdir().unwrap();
    let mut app = new_app(Audience::Clinician, data.path());
    app.act(Action::Confirm);
    app.answer(&["18_to_49"]);
    app.answer(&["not_said"]);
    app.answer(&["running"]);
    app.answer(&["bladder_difficulty"]);
    assert!(matches!(app.screen, Screen::RedFlag(_)));
    assert!(
        record_files(data.path()).is_empty(),
        "nothing before the result"
    );
    app.act(Action::Confirm);
    assert_eq!(app.screen, Screen::Result);
    let code = app.saved_code().unwrap();
    let record = Store::new(data.path()).load(code).unwrap();
    assert!(record.result.stopped_early);
    assert_eq!(record.result.urgency, "emergency");
}

#[test]
fn a_patient_saves_for_the_clinician_by_key_or_by_click() {
    let data = tempfile::tempdir().unwrap();
    let mut app = new_app(Audience::Patient, data.path());
    to_result(&mut app);
    assert!(app.saved_code().is_none(), "patients choose");
    assert!(record_files(data.path()).is_empty());
    let s = app.screen(80, 24);
    assert!(s.contains("Your answers are not saved."), "{s}");
    app.resize(80, 24);
    assert!(app.click_text("Save for your clinician (c)"));
    let code = app.saved_code().expect("saved by the click").to_string();
    assert_eq!(record_files(data.path()).len(), 1);
    let s = app.screen(80, 24);
    assert!(
        s.contains(&code) && s.contains("Give this code to your clinician"),
        "{s}"
    );
    assert!(!s.contains("Save for your clinician"), "{s}");
    // Saving again does not make a second record.
    app.act(Action::Save);
    assert_eq!(record_files(data.path()).len(), 1);
    assert_eq!(
        Store::new(data.path()).load(&code).unwrap().audience,
        "patient"
    );

    // With the key, after changing an answer: another result, another record.
    app.act(Action::Back);
    app.act(Action::Home);
    app.act(Action::Confirm);
    app.answer(&["50_to_64"]);
    app.act(Action::ShowResult);
    assert_eq!(app.screen, Screen::Result);
    assert!(
        app.saved_code().is_none(),
        "the changed result is not the saved one"
    );
    app.act(Action::Save);
    let second = app.saved_code().unwrap().to_string();
    assert_ne!(second, code);
    assert_eq!(record_files(data.path()).len(), 2);
}

/// A data folder that is a plain file: a save fails, even as root.
fn plain_file_dir() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::write(&data, "not a folder").unwrap();
    (dir, data)
}

#[test]
fn a_failed_save_says_so_keeps_the_answers_and_saves_on_a_retry() {
    let (_keep, data) = plain_file_dir();
    let mut app = new_app(Audience::Clinician, &data);
    to_result(&mut app);
    let Saving::Failed { record, error } = app.save.saving.clone() else {
        panic!("the save did not fail: {:?}", app.save.saving);
    };
    assert!(
        error.contains("cannot create the records folder"),
        "{error}"
    );
    assert!(app.saved_code().is_none());
    let answers = app.session.answers.clone();
    for (w, h) in SIZES {
        let s = app.screen(w, h);
        assert!(s.contains("NOT SAVED"), "{s}");
        assert!(s.contains("Try again (r)"), "{s}");
        assert!(s.contains("Show the record to copy (v)"), "{s}");
        assert!(s.contains("Differential"), "the result stays:\n{s}");
    }
    // Trying again while it still fails says how often it was tried.
    app.act(Action::Save);
    assert!(matches!(app.save.saving, Saving::Failed { .. }));
    assert!(app.screen(120, 40).contains("tried 2 times"));
    assert_eq!(app.session.answers, answers, "the answers are kept");

    // Fixed: the file goes, a folder comes; the retry saves the same record.
    std::fs::remove_file(&data).unwrap();
    std::fs::create_dir(&data).unwrap();
    app.resize(80, 24);
    assert!(app.click_text("Try again (r)"));
    assert_eq!(
        app.saved_code(),
        Some(record.code.as_str()),
        "the same code"
    );
    let saved = Store::new(&data).load(&record.code).unwrap();
    assert_eq!(saved, *record, "the very record that failed");
    // No temporary file left beside it.
    assert_eq!(
        record_files(&data),
        vec![data.join(format!("records/{}.json", record.code))]
    );
    assert!(app.screen(80, 24).contains(&record.code));
}

#[test]
fn the_unsaved_record_can_be_shown_and_scrolled_to_copy() {
    let (_keep, data) = plain_file_dir();
    let mut app = new_app(Audience::Patient, &data);
    to_result(&mut app);
    app.act(Action::Save);
    assert!(matches!(app.save.saving, Saving::Failed { .. }));
    app.resize(120, 40);
    assert!(app.click_text("Show the record to copy (v)"));
    assert_eq!(app.overlay, Some(Overlay::RecordJson));
    let first = app.screen(80, 24);
    assert!(
        first.contains("\"format\": \"hamstring-triage-record\""),
        "{first}"
    );
    app.act(Action::PageDown);
    let next = app.screen(80, 24);
    assert_ne!(first, next);
    assert!(
        next.contains("Rows ") && !next.contains("Rows 1-"),
        "{next}"
    );
    app.act(Action::End);
    let end = app.screen(80, 24);
    // "Rows a-b of c" with b = c: the last row is in view.
    let status: Vec<&str> = end
        .split("Rows ")
        .nth(1)
        .expect(&end)
        .split_whitespace()
        .take(3)
        .collect();
    assert_eq!(status[0].split('-').nth(1), Some(status[2]), "{end}");
    // Nothing else happens while it is open; Esc (Dismiss) closes it.
    app.act(Action::StartAgain);
    assert_eq!(app.screen, Screen::Result);
    app.act(Action::Dismiss);
    assert_eq!(app.overlay, None);
}

#[cfg(target_os = "linux")]
#[test]
fn the_save_failed_screen() {
    // /proc/self is refused as a data folder (it is a symbolic link, and
    // cannot hold a folder even for root); its path is the same on every
    // machine, so the message is too.
    let mut app = new_app(Audience::Clinician, Path::new("/proc/self"));
    to_result(&mut app);
    let Saving::Failed { record, .. } = &app.save.saving else {
        panic!("saved in /proc/self: {:?}", app.save.saving);
    };
    let code = record.code.clone();
    snap("result_save_failed", &mut app, Some(&code));
}

/// Types into the code box.
fn type_code(app: &mut Driver<App>, code: &str) {
    for c in code.chars() {
        app.act(Action::Edit(InputRequest::InsertChar(c)));
    }
}

#[test]
fn a_clinician_opens_a_record_by_its_code() {
    let data = tempfile::tempdir().unwrap();
    let mut app = new_app(Audience::Clinician, data.path());
    to_result(&mut app);
    let code = app.saved_code().unwrap().to_string();
    let first = app.screen(120, 40);
    let urgency = app.session.outcome.as_ref().unwrap().urgency;
    app.act(Action::StartAgain);
    assert_eq!(app.screen, Screen::Welcome);

    // The welcome screen offers it, by key and by button.
    app.resize(80, 24);
    assert!(app.click_text("Open a record (o)"));
    assert_eq!(app.overlay, Some(Overlay::OpenRecord));
    snap("open_record_box", &mut app, None);
    // Typed as a person might: lower case, no dash.
    type_code(&mut app, &code.to_lowercase().replace('-', ""));
    app.act(Action::Confirm);
    assert_eq!(app.overlay, None);
    assert_eq!(app.screen, Screen::Result);
    assert_eq!(app.session.outcome.as_ref().unwrap().urgency, urgency);
    assert_eq!(app.saved_code(), Some(code.as_str()));
    let opened = app.opened().expect("the opened record");
    assert!(opened.notes.is_empty(), "{:?}", opened.notes);
    let s = app.screen(120, 40);
    assert!(s.contains(&format!("Record {code}")), "{s}");
    // The same result as when it was saved, below the panel.
    let tail = |s: &str| {
        s.lines()
            .skip_while(|l| !l.contains("What to do now"))
            .take(10)
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(tail(&s), tail(&first));
    // Opening it saves nothing new.
    assert_eq!(record_files(data.path()).len(), 1);
}

#[test]
fn wrong_and_unknown_codes_say_why() {
    let data = tempfile::tempdir().unwrap();
    let mut app = new_app(Audience::Clinician, data.path());
    app.act(Action::OpenRecord);
    app.act(Action::Confirm);
    assert!(
        app.code_entry
            .error
            .as_deref()
            .unwrap()
            .contains("Type the record's code"),
        "{:?}",
        app.code_entry.error
    );
    type_code(&mut app, "K7M-4Q0");
    app.act(Action::Confirm);
    let e = app.code_entry.error.clone().unwrap();
    assert!(
        e.contains("is not a record code") && e.contains("no 0, O, 1 or I"),
        "{e}"
    );
    assert!(app.screen(80, 24).contains("is not a record code"));
    for _ in 0..7 {
        app.act(Action::Edit(InputRequest::DeletePrevChar));
    }
    type_code(&mut app, "K7M-4QX");
    app.act(Action::Confirm);
    let e = app.code_entry.error.clone().unwrap();
    assert!(e.contains("There is no record K7M-4QX"), "{e}");
    assert_eq!(app.overlay, Some(Overlay::OpenRecord), "the box stays open");
    assert_eq!(app.screen, Screen::Welcome);
    app.act(Action::Dismiss);
    assert_eq!(app.overlay, None);
    // Patients have no such box.
    let mut patient = new_app(Audience::Patient, data.path());
    patient.act(Action::OpenRecord);
    assert_eq!(patient.overlay, None);
}

#[test]
fn a_record_from_another_bank_version_says_so() {
    let data = tempfile::tempdir().unwrap();
    let mut app = new_app(Audience::Clinician, data.path());
    to_result(&mut app);
    let code = app.saved_code().unwrap().to_string();
    let store = Store::new(data.path());
    let mut record: Record = store.load(&code).unwrap();
    std::fs::remove_file(data.path().join(format!("records/{code}.json"))).unwrap();
    record.bank.version = "0.9.0".into();
    record.result.urgency = "emergency".into();
    store.save_with(&record, &mut || Ok(())).unwrap();
    app.act(Action::StartAgain);
    app.show_record(&record).unwrap();
    let notes = &app.opened().unwrap().notes;
    assert!(notes[0].contains("version 0.9.0"), "{notes:?}");
    assert!(notes[1].contains("urgency emergency"), "{notes:?}");
    let s = app.screen(120, 40);
    assert!(s.contains("version 0.9.0"), "{s}");

    // A record whose answers this bank does not have is refused, changing
    // nothing.
    app.act(Action::StartAgain);
    record.answers[0].question = "no_such_question".into();
    let e = app.show_record(&record).unwrap_err();
    assert!(
        e.contains("no_such_question") && e.contains("records show"),
        "{e}"
    );
    assert_eq!(app.screen, Screen::Welcome);
}

#[test]
fn a_reopened_record_s_own_texts_are_shown_cleaned() {
    let data = tempfile::tempdir().unwrap();
    let mut app = new_app(Audience::Clinician, data.path());
    to_result(&mut app);
    let code = app.saved_code().unwrap().to_string();
    let store = Store::new(data.path());
    let mut record: Record = store.load(&code).unwrap();
    record.bank.version = "0.9\u{202E}1.0".into();
    record.created = "2026\u{1b}]0;owned\u{7}".into();
    app.act(Action::StartAgain);
    app.show_record(&record).unwrap();
    let opened = app.opened().unwrap();
    assert!(
        opened.notes[0].contains("0.9\u{FFFD}1.0"),
        "{:?}",
        opened.notes
    );
    assert_eq!(opened.created, "2026\u{FFFD}]0;owned\u{FFFD}");
    record.answers[0].question = "no\u{202E}such".into();
    app.act(Action::StartAgain);
    let e = app.show_record(&record).unwrap_err();
    assert!(
        e.contains("no\u{FFFD}such") && !e.contains('\u{202E}'),
        "{e}"
    );
}
