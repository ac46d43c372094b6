//! Practice mode for students of history-taking: a simulated patient from the
//! case library, an interview the student leads, and feedback on the
//! reasoning (diagnosis, urgency, red flags missed, efficiency).

pub mod commands;
pub mod feedback;
pub mod interview;
pub mod library;
pub mod plain;
pub mod progress;
pub mod report;
pub mod stats;

pub use feedback::{Feedback, Score, judge};
pub use interview::{Asked, Interview, askable, reply};
pub use library::{LibraryCase, built_in, from_file};
