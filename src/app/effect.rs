//! What `update` asks the outside world to do, and what came of it. The app
//! touches no disk and no clock: saving a record, opening one and checking
//! the kiosk's staff PIN are handed to whoever runs the app (the terminal
//! loop, or a test's driver), which does it and feeds the outcome back as
//! `Action::Done`.

use std::time::Duration;

use crate::records::Record;

/// Something to do outside the app.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Save this record. One not tried before has an empty code and time:
    /// it is given a fresh code and the time now. It comes back in
    /// `Outcome::Saved`, so that a failed save is tried again (or shown) as
    /// the very same record.
    Save(Box<Record>),
    /// Read the saved record of this code, as typed.
    Open(String),
    /// Check this PIN against the kiosk's staff PIN (counting wrong tries).
    CheckPin(String),
}

/// What came of an `Effect`.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The record, with the code it is saved under, and why the save
    /// failed if it did.
    Saved {
        record: Box<Record>,
        error: Option<SaveError>,
    },
    /// The record of the code typed, or why there is none.
    Opened(Result<Box<Record>, OpenError>),
    /// What the PIN try came to, and how long the next one must wait.
    Pin {
        tried: PinTry,
        wait: Option<Duration>,
    },
}

/// One try of the staff PIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinTry {
    Accepted,
    Wrong {
        wrong_so_far: u32,
    },
    /// Too many wrong PINs: no check was made; try again after this long.
    Wait(Duration),
}

/// Why a record was not saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    /// There is no data folder to save in.
    NoFolder,
    /// The store failed (the reason in words).
    Failed(String),
}

/// Why a code typed opened no record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    /// There is no data folder to look in.
    NoFolder,
    /// It is not a code's shape.
    BadCode,
    /// No record has it (`dir` is the folder looked in).
    NotFound { code: String, dir: String },
    /// The record could not be read (the reason in words).
    Unreadable(String),
}
