//! hamstring-triage: a history of buttock and hamstring pain, taken the way a
//! sports physiotherapist would, turned into likely diagnoses and an urgency.
//!
//! TOML bank → `bank` (load) → `engine` (pure) → `app` (state) → `ui`, with
//! `check` (the whole-tree checks) above `bank` and `engine`.

pub mod app;
pub mod audience;
pub mod bank;
pub mod case;
pub mod check;
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
