//! Who reads the screens: the patient, in plain words, or a clinician, in
//! clinical wording. Every face (the app, plain mode, records) takes the same
//! choice; the command line only parses it.

/// The reader the texts are chosen for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Patient,
    Clinician,
}
