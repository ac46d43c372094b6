//! Who reads the screens: the patient, in plain words, or a clinician, in
//! clinical wording. Every face (the app, plain mode, records) takes the same
//! choice; the command line parses it (`--audience patient|clinician`).

/// The reader the texts are chosen for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Audience {
    Patient,
    Clinician,
}

impl Audience {
    /// The patient's or the clinician's of two wordings.
    pub fn pick<'a, T: ?Sized>(self, patient: &'a T, clinician: &'a T) -> &'a T {
        match self {
            Audience::Patient => patient,
            Audience::Clinician => clinician,
        }
    }
}
