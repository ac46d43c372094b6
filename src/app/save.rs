//! Saving the result as a record from the app. The clinician audience and
//! kiosk mode save on reaching the result; patients are offered "Save for
//! your clinician". A failed save keeps the whole record in memory, says
//! why, and offers to try again or to show the record's JSON for copying:
//! nothing is lost without the person being told. The save itself is an
//! `Effect` for the caller; its outcome comes back as `Outcome::Saved`.

use crate::audience::Audience;
use crate::engine::Answers;
use crate::records::Record;

use super::{Action, App, Drawn, Effect, SaveError, Screen};

/// Where the record of the result shown stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Saving {
    /// Not saved: patients are offered to save it.
    #[default]
    NotSaved,
    /// Saved under this reference code.
    Saved { code: String },
    /// The save failed; the record is kept whole, to try again or to copy.
    Failed { record: Box<Record>, error: String },
}

/// The saving of the current result.
#[derive(Debug, Clone, Default)]
pub struct SaveState {
    pub saving: Saving,
    /// The answers `saving` is about: once the answers change, the result is
    /// another one and starts unsaved.
    pub answers: Answers,
    /// Failed tries so far for this result.
    pub failures: u32,
    /// The first row shown of the record's JSON (its overlay).
    pub json_scroll: u16,
}

impl App {
    /// The reference code of the result shown, once saved.
    pub fn saved_code(&self) -> Option<&str> {
        match &self.save.saving {
            Saving::Saved { code } if self.save.answers == self.session.answers => Some(code),
            _ => None,
        }
    }

    /// The code of the record last saved when the answers have changed
    /// since (that record is kept; the changes are not, yet).
    pub fn saved_before(&self) -> Option<&str> {
        match &self.save.saving {
            Saving::Saved { code } if self.save.answers != self.session.answers => Some(code),
            _ => None,
        }
    }

    /// The record a failed save kept, as JSON (what the overlay shows).
    pub fn unsaved_json(&self) -> Option<String> {
        match &self.save.saving {
            Saving::Failed { record, .. } => Some(record.to_json()),
            _ => None,
        }
    }

    /// The result screen is showing: a result with other answers than the
    /// last one saved starts unsaved, and the clinician audience and kiosk
    /// mode save it at once.
    pub(super) fn result_reached(&mut self) {
        if !self.settings.save_records {
            return;
        }
        if self.save.answers != self.session.answers {
            self.save = SaveState {
                answers: self.session.answers.clone(),
                ..SaveState::default()
            };
        }
        let auto = self.audience == Audience::Clinician || self.is_kiosk();
        if auto && self.save.saving == Saving::NotSaved {
            self.save_result();
        }
    }

    /// Asks for the result shown to be saved (or a failed save tried again
    /// with the same record and code). Does nothing once saved or away from
    /// the result.
    pub(super) fn save_result(&mut self) {
        if self.screen != Screen::Result || !self.settings.save_records {
            return;
        }
        let Some(outcome) = &self.session.outcome else {
            return;
        };
        let record = match &self.save.saving {
            Saving::Saved { .. } => return,
            Saving::Failed { record, .. } => record.clone(),
            // The code and the time are the saver's to give.
            Saving::NotSaved => Box::new(Record::new(
                &self.bank,
                &self.session.walk,
                outcome,
                self.audience,
                String::new(),
                String::new(),
            )),
        };
        self.effect = Some(Effect::Save(record));
    }

    /// What came of a save: the code it is saved under, or why not. A save
    /// asked for by an earlier result (or patient) changes nothing.
    pub(super) fn saved(&mut self, record: Box<Record>, error: Option<SaveError>) {
        if self.screen != Screen::Result || self.save.answers != self.session.answers {
            return;
        }
        let error = match error {
            None => {
                self.save.saving = Saving::Saved { code: record.code };
                return;
            }
            Some(SaveError::NoFolder) => self.bank.ui("record.no_folder").to_string(),
            Some(SaveError::Failed(e)) => e,
        };
        self.save.failures += 1;
        self.save.saving = Saving::Failed { record, error };
    }

    /// Opens the overlay with the unsaved record's JSON.
    pub(super) fn show_record_json(&mut self) {
        if self.screen == Screen::Result && self.unsaved_json().is_some() {
            self.save.json_scroll = 0;
            self.overlay = Some(super::Overlay::RecordJson);
        }
    }

    /// An action while the record's JSON is shown: scrolling, or closing.
    pub(super) fn json_action(&mut self, action: Action, drawn: &Drawn) {
        let rows = drawn.overlay;
        let page = rows.page();
        let max = rows.total as isize;
        let delta = match action {
            Action::Up => -1,
            Action::Down => 1,
            Action::ScrollUp => -3,
            Action::ScrollDown => 3,
            Action::PageUp => -page,
            Action::PageDown | Action::Toggle => page,
            Action::Home => -max,
            Action::End => max,
            Action::Dismiss
            | Action::AskQuit
            | Action::Back
            | Action::Confirm
            | Action::ShowRecord => {
                self.overlay = None;
                return;
            }
            _ => return,
        };
        self.save.json_scroll = rows.scrolled(self.save.json_scroll, delta);
    }
}
