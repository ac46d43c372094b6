//! hamstring-triage: a history of buttock and hamstring pain, taken the way a
//! sports physiotherapist would, turned into likely diagnoses and an urgency.
//!
//! TOML bank → `bank` (load, validate) → `engine` (pure) → `app` (state) → `ui`.

pub mod app;
pub mod bank;
pub mod case;
pub mod cli;
pub mod config;
pub mod engine;
pub mod headless;
pub mod input;
pub mod kiosk;
pub mod plain;
pub mod practice;
pub mod records;
pub mod report;
pub mod session;
pub mod terminal;
pub mod ui;
