//! Helpers shared by the integration tests: the shared cases folder and the
//! red flags as the project's brief states them, independent of the bank.

#![allow(dead_code)]

use std::path::PathBuf;

use hamstring_triage::bank::{Bank, Findings};

/// `../shared` beside the repository, or `HAMSTRING_SHARED`. Fails loudly when
/// absent: a missing folder must never pass as "no cases".
pub fn shared_dir() -> PathBuf {
    let dir = std::env::var_os("HAMSTRING_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    assert!(
        dir.join("cases").is_dir(),
        "the shared folder with cases is missing: expected {}/cases (set HAMSTRING_SHARED to its path)",
        dir.display()
    );
    dir
}

/// Every `*.toml` file in a folder, sorted.
pub fn toml_files(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

pub fn shared_cases() -> Vec<PathBuf> {
    let files = toml_files(&shared_dir().join("cases"));
    assert!(
        !files.is_empty(),
        "the shared cases folder holds no case files"
    );
    files
}

/// The project's own case library (practice mode), also held to the bar.
pub fn library_cases() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("questions/cases");
    if dir.is_dir() {
        toml_files(&dir)
    } else {
        Vec::new()
    }
}

pub fn bank() -> Bank {
    Bank::builtin().unwrap_or_else(|p| panic!("built-in bank: {p:?}"))
}

/// One red flag as the brief states it: a finding value (or a combination)
/// and the least urgency it must give.
pub struct Flag {
    pub name: &'static str,
    pub sets: &'static [(&'static str, &'static str)],
    pub floor: &'static str,
    /// Cauda equina: ends the questionnaire at once with emergency advice.
    pub stops: bool,
}

pub const FLAGS: &[Flag] = &[
    Flag {
        name: "bladder difficulty",
        sets: &[("bladder", "difficulty_or_retention")],
        floor: "emergency",
        stops: true,
    },
    Flag {
        name: "bladder incontinence",
        sets: &[("bladder", "incontinence")],
        floor: "emergency",
        stops: true,
    },
    Flag {
        name: "bowel incontinence",
        sets: &[("bowel_incontinence", "true")],
        floor: "emergency",
        stops: true,
    },
    Flag {
        name: "saddle numbness",
        sets: &[("saddle_numbness", "true")],
        floor: "emergency",
        stops: true,
    },
    Flag {
        name: "both legs",
        sets: &[("both_legs", "true")],
        floor: "emergency",
        stops: true,
    },
    Flag {
        name: "new sexual dysfunction",
        sets: &[("new_sexual_dysfunction", "true")],
        floor: "emergency",
        stops: true,
    },
    Flag {
        name: "weakness in both legs",
        sets: &[("weakness", "both_legs")],
        floor: "emergency",
        stops: true,
    },
    Flag {
        name: "whole-leg swelling",
        sets: &[("leg_swelling", "whole_leg")],
        floor: "urgent",
        stops: false,
    },
    Flag {
        name: "unable to bear weight",
        sets: &[("weight_bearing", "unable")],
        floor: "urgent",
        stops: false,
    },
    Flag {
        name: "fever",
        sets: &[("fever", "true")],
        floor: "urgent",
        stops: false,
    },
    Flag {
        name: "night pain with weight loss",
        sets: &[("night_pain", "true"), ("weight_loss", "true")],
        floor: "urgent",
        stops: false,
    },
    Flag {
        name: "night pain with cancer history",
        sets: &[("night_pain", "true"), ("cancer_history", "true")],
        floor: "urgent",
        stops: false,
    },
];

impl Flag {
    pub fn holds(&self, findings: &Findings) -> bool {
        self.sets
            .iter()
            .all(|(k, v)| findings.get(*k).is_some_and(|x| x == v))
    }
}

pub fn urgency_rank(bank: &Bank, id: &str) -> u8 {
    bank.vocab
        .urgency(id)
        .unwrap_or_else(|| panic!("unknown urgency {id}"))
        .0
}
