//! Case files: a simulated patient's findings, what a student sees first, and
//! the answer key. Checked against the bank's vocabulary with line and column.

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::bank::load::{not_a_value, value_string};
use crate::bank::raw::SpannedMap;
use crate::bank::source::{Problem, Source, hidden_char_problems, parse_toml, read_source};
use crate::bank::{Findings, Vocabulary};

#[derive(Debug, Deserialize)]
struct CaseFileDef {
    #[serde(default)]
    case: CaseInfo,
    findings: Option<SpannedMap<Spanned<toml::Value>>>,
    expected: Option<Expected>,
}

/// What a student sees before the interview.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CaseInfo {
    pub id: String,
    pub title: String,
    pub presentation: String,
    /// easy, medium or hard (practice mode).
    pub difficulty: String,
}

/// The answer key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Expected {
    pub urgency: String,
    pub diagnosis: String,
    pub also: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Case {
    pub info: CaseInfo,
    /// Only the findings the file states; the vocabulary's defaults fill the rest.
    pub findings: Findings,
    pub expected: Option<Expected>,
}

/// Reads and checks a case file.
pub fn load_case(path: &Path, vocab: &Vocabulary) -> Result<Case, Problem> {
    parse_case(&read_source(path)?, vocab)
}

/// Checks a case's text against the vocabulary.
pub fn parse_case(src: &Source, vocab: &Vocabulary) -> Result<Case, Problem> {
    if src.text.trim().is_empty() {
        return Err(Problem::whole_file(
            &*src.name,
            "the file is empty; expected a case with a [findings] table",
        ));
    }
    if let Some(p) = hidden_char_problems(src).into_iter().next() {
        return Err(p);
    }
    let def: CaseFileDef = parse_toml(src)?;
    let Some(raw) = def.findings else {
        return Err(Problem::whole_file(
            &*src.name,
            "expected a [findings] table with the patient's findings",
        ));
    };
    let mut findings = Findings::new();
    for (key, value) in raw {
        let Some(f) = vocab.findings.get(key.get_ref()) else {
            let m = format!("unknown finding `{key}`; expected a key from findings.toml");
            return Err(src.problem(key.span(), m));
        };
        match value_string(value.get_ref()) {
            Some(v) if f.values.contains(&v) && (f.is_bool == value.get_ref().is_bool()) => {
                findings.insert(f.key.clone(), v);
            }
            _ => return Err(src.problem(value.span(), not_a_value(f, value.get_ref()))),
        }
    }
    Ok(Case {
        info: def.case,
        findings,
        expected: def.expected,
    })
}
