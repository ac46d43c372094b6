//! A student's progress, kept locally: each attempt's case, score and the red
//! flags missed; summarised by `practice --stats`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::bank::{Bank, Problem};
use crate::records::store::{Publish, atomic_write, ensure_private_dir};

use super::feedback::Feedback;

/// The progress file's format version.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attempt {
    pub case: String,
    pub time: String,
    pub score: u32,
    pub correct: bool,
    pub chosen: String,
    pub expected: String,
    pub urgency_exact: bool,
    pub under_triaged: bool,
    pub red_flags_missed: Vec<String>,
    pub ces_missed: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProgressFile {
    pub version: u32,
    pub attempts: Vec<Attempt>,
}

/// Where progress is kept under the data folder.
pub fn path(data_dir: &Path) -> PathBuf {
    data_dir.join("practice").join("progress.json")
}

impl Attempt {
    pub fn from_feedback(bank: &Bank, f: &Feedback, time: String) -> Attempt {
        Attempt {
            case: f.case_id.clone(),
            time,
            score: f.score.total(),
            correct: f.correct(),
            chosen: f
                .differential
                .first()
                .map(|&d| bank.diagnoses[d].id.clone())
                .unwrap_or_default(),
            expected: bank.diagnoses[f.expected].id.clone(),
            urgency_exact: f.urgency == f.expected_urgency,
            under_triaged: f.under_triaged(),
            red_flags_missed: f.missed_red_flags.iter().map(|m| m.title.clone()).collect(),
            ces_missed: f.missed_red_flags.iter().any(|m| m.serious),
        }
    }
}

/// Reads the progress file; none yet is an empty history.
pub fn load(data_dir: &Path) -> Result<ProgressFile, Problem> {
    let p = path(data_dir);
    let shown = p.display().to_string();
    let text = match crate::input::read_text(&p, crate::input::Links::Refuse) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(ProgressFile::default()),
        Err(e) => return Err(Problem::whole_file(shown, format!("cannot read: {e}"))),
    };
    let file: ProgressFile = serde_json::from_str(&text).map_err(|e| Problem {
        file: shown.clone(),
        line: e.line().max(1),
        column: e.column().max(1),
        message: format!("damaged progress file: {e}"),
    })?;
    if file.version > VERSION {
        return Err(Problem::whole_file(
            shown,
            format!("written by a newer version (format {})", file.version),
        ));
    }
    Ok(file)
}

/// Adds an attempt and saves atomically.
pub fn record(data_dir: &Path, attempt: Attempt) -> Result<(), String> {
    let mut file = load(data_dir).map_err(|p| p.to_string())?;
    file.version = VERSION;
    file.attempts.push(attempt);
    let p = path(data_dir);
    let dir = p.parent().expect("the progress file has a folder");
    crate::input::check_private_folder(data_dir)?;
    crate::input::check_private_folder(dir)?;
    ensure_private_dir(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let json = serde_json::to_string_pretty(&file).map_err(|e| e.to_string())?;
    atomic_write(&p, json.as_bytes(), Publish::Replace, &mut || Ok(()))
        .map_err(|e| format!("cannot save progress to {}: {e}", p.display()))
}

/// What `practice --stats` shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub attempts: usize,
    pub cases: usize,
    pub mean_score: f64,
    pub correct: usize,
    pub ces_missed: usize,
    pub under_triaged: usize,
    /// Red-flag screens missed, most often first.
    pub flags_missed: Vec<(String, usize)>,
    /// Diagnoses the student got wrong, most often first.
    pub wrong_most: Vec<(String, usize)>,
}

pub fn summarise(file: &ProgressFile) -> Summary {
    let n = file.attempts.len();
    let cases: BTreeSet<&str> = file.attempts.iter().map(|a| a.case.as_str()).collect();
    let mut flags: BTreeMap<String, usize> = BTreeMap::new();
    let mut wrong: BTreeMap<String, usize> = BTreeMap::new();
    for a in &file.attempts {
        for f in &a.red_flags_missed {
            *flags.entry(f.clone()).or_default() += 1;
        }
        if !a.correct {
            *wrong.entry(a.expected.clone()).or_default() += 1;
        }
    }
    let ranked = |m: BTreeMap<String, usize>| {
        let mut v: Vec<(String, usize)> = m.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    };
    Summary {
        attempts: n,
        cases: cases.len(),
        mean_score: if n == 0 {
            0.0
        } else {
            file.attempts.iter().map(|a| a.score as f64).sum::<f64>() / n as f64
        },
        correct: file.attempts.iter().filter(|a| a.correct).count(),
        ces_missed: file.attempts.iter().filter(|a| a.ces_missed).count(),
        under_triaged: file.attempts.iter().filter(|a| a.under_triaged).count(),
        flags_missed: ranked(flags),
        wrong_most: ranked(wrong),
    }
}
