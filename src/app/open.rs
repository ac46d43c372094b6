//! Opening a saved record by its code, in the clinician audience: a small
//! code box from the welcome screen, then the record's result screen again,
//! worked out from its stored answers with the bank in use (and saying so
//! when the bank's version differs or the result has come out otherwise).
//! Reading the record is an `Effect` for the caller; it comes back as
//! `Outcome::Opened`.

use tui_input::Input;

use crate::audience::Audience;
use crate::input::text::clean;
use crate::records::Record;
use crate::records::replay::{self, Misfit};
use crate::session::Session;

use super::save::{SaveState, Saving};
use super::{Action, App, Effect, OpenError, Overlay, Screen};

/// The code box.
#[derive(Debug, Clone, Default)]
pub struct CodeEntry {
    pub input: Input,
    /// Why the last code typed did not open a record.
    pub error: Option<String>,
}

/// The record whose result is showing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    pub code: String,
    /// When it was saved (RFC 3339, UTC).
    pub created: String,
    /// Differences worth knowing: another bank version, another result.
    pub notes: Vec<String>,
}

impl App {
    /// Saved records can be opened: clinician audience, saving on, not a
    /// kiosk.
    pub fn opens_records(&self) -> bool {
        self.audience == Audience::Clinician && self.settings.save_records && !self.is_kiosk()
    }

    /// Opens the code box (welcome screen, when records can be opened).
    pub(super) fn open_code_entry(&mut self) {
        if self.screen == Screen::Welcome && self.opens_records() {
            self.code_entry = CodeEntry::default();
            self.overlay = Some(Overlay::OpenRecord);
        }
    }

    /// An action while the code box is open.
    pub(super) fn code_entry_action(&mut self, action: Action) {
        match action {
            Action::Edit(request) => {
                self.code_entry.input.handle(request);
                self.code_entry.error = None;
            }
            Action::Confirm => match self.code_entry.input.value().trim() {
                "" => self.code_entry.error = Some(self.bank.ui("record.code_empty").to_string()),
                typed => self.effect = Some(Effect::Open(typed.to_string())),
            },
            Action::Dismiss | Action::AskQuit => self.overlay = None,
            _ => {}
        }
    }

    /// What came of reading the record of the code typed.
    pub(super) fn opened_code(&mut self, read: Result<Box<Record>, OpenError>) {
        if self.overlay != Some(Overlay::OpenRecord) {
            return;
        }
        let bank = &self.bank;
        let typed = self.code_entry.input.value().trim();
        let error = match read {
            Ok(record) => match self.show_record(&record) {
                Ok(()) => return,
                Err(e) => e,
            },
            Err(OpenError::NoFolder) => bank.ui("record.no_folder_open").to_string(),
            Err(OpenError::BadCode) => bank.ui_fill("record.bad_code", &[("typed", typed)]),
            Err(OpenError::NotFound { code, dir }) => {
                bank.ui_fill("record.no_record", &[("code", &code), ("dir", &dir)])
            }
            Err(OpenError::Unreadable(e)) => e,
        };
        self.code_entry.error = Some(error);
    }

    /// Shows a saved record's result: its answers, found by question and
    /// option ids in the bank in use, walked again. Refuses (and changes
    /// nothing) when the answers no longer fit the bank.
    pub fn show_record(&mut self, record: &Record) -> Result<(), String> {
        let bank = &self.bank;
        // The record's own texts are shown cleaned: a planted file could
        // carry bidirectional overrides.
        let misfit = |what: String| {
            clean(&bank.ui_fill(
                "record.misfit",
                &[
                    ("code", &record.code),
                    ("bank", &record.bank.name),
                    ("version", &record.bank.version),
                    ("what", &what),
                    ("this", &bank.version),
                ],
            ))
            .into_owned()
        };
        let answers = replay::answers(bank, record).map_err(|m| {
            misfit(match m {
                Misfit::Question(question) => {
                    bank.ui_fill("record.misfit_question", &[("question", &question)])
                }
                Misfit::Answer { answer, question } => bank.ui_fill(
                    "record.misfit_answer",
                    &[("answer", &answer), ("question", &question)],
                ),
                Misfit::Unfinished => bank.ui("record.misfit_result").to_string(),
            })
        })?;

        self.reset();
        self.session = Session::with_answers(&self.bank, answers);
        let mut notes = Vec::new();
        if record.bank.version != self.bank.version || record.bank.name != self.bank.name {
            notes.push(self.bank.ui_fill(
                "record.other_version",
                &[
                    ("bank", &record.bank.name),
                    ("version", &record.bank.version),
                    ("this", &self.bank.version),
                ],
            ));
        }
        // Its answers fit, so no report means the result has come out
        // otherwise than saved (another urgency or first diagnosis).
        if replay::report(&self.bank, record).is_none() {
            let name = record
                .result
                .diagnoses
                .first()
                .map(|d| self.audience.pick(d.name.as_str(), &d.clinician_name));
            notes.push(self.bank.ui_fill(
                "record.different",
                &[
                    ("urgency", &record.result.urgency),
                    ("diagnosis", name.unwrap_or(self.bank.ui("record.none"))),
                ],
            ));
        }
        self.save = SaveState {
            saving: Saving::Saved {
                code: record.code.clone(),
            },
            answers: self.session.answers.clone(),
            ..SaveState::default()
        };
        self.opened = Some(Opened {
            code: record.code.clone(),
            created: clean(&record.created).into_owned(),
            notes: notes.iter().map(|n| clean(n).into_owned()).collect(),
        });
        self.open_result();
        Ok(())
    }

    /// The record whose result is showing, if one was opened and its
    /// answers are unchanged.
    pub fn opened(&self) -> Option<&Opened> {
        self.opened
            .as_ref()
            .filter(|o| self.saved_code() == Some(o.code.as_str()))
    }
}
