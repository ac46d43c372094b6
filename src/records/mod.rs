//! Saved records of completed questionnaires: building them, storing them
//! atomically, reading them back and exporting them (Markdown, JSON, FHIR).

pub mod code;
pub mod commands;
pub mod fhir;
pub mod markdown;
pub mod record;
pub mod replay;
pub mod store;

pub use record::Record;
pub use store::{Store, StoreError, data_dir, now_rfc3339};
