//! The clinical engine: walking the tree, scoring diagnoses, setting the
//! urgency. It knows the bank and nothing of terminals or files.

pub mod patient;
pub mod scoring;
pub mod triage;
pub mod walk;

pub use patient::{choose, interview};
pub use scoring::{Contribution, Ranked, Scorer, rank};
pub use triage::{Outcome, Reason, first_diagnosis, triage};
pub use walk::{AnswerError, Answers, End, Fired, Step, Walk, Walker, check_answer, walk};
