//! The practice case library: the cases built into the binary
//! (`questions/cases/`) or a case file given on the command line. A case with
//! an error is reported with file, line and column and left out; the others
//! stay available.

use std::path::Path;

use crate::bank::Vocabulary;
use crate::bank::source::{Problem, Source};
use crate::case::{Case, load_case, parse_case};

mod built_in {
    include!(concat!(env!("OUT_DIR"), "/cases.rs"));
}

/// A case ready for practice, with where it came from.
#[derive(Debug, Clone)]
pub struct LibraryCase {
    /// The file name (built in) or path it was read from.
    pub source: String,
    pub case: Case,
}

impl LibraryCase {
    pub fn id(&self) -> &str {
        if self.case.info.id.is_empty() {
            &self.source
        } else {
            &self.case.info.id
        }
    }
}

/// Checks that a case can be practised: it has an answer key whose ids exist.
fn check_key(case: &Case, vocab: &Vocabulary, name: &str) -> Result<(), Problem> {
    let bad = |message: String| Err(Problem::whole_file(name, message));
    let Some(key) = &case.expected else {
        return bad("a practice case needs an [expected] answer key".into());
    };
    if vocab.urgency(&key.urgency).is_none() {
        return bad(format!(
            "[expected] urgency `{}` is not an urgency id",
            key.urgency
        ));
    }
    let mut named = std::iter::once(&key.diagnosis).chain(&key.also);
    match named.find(|d| !vocab.diagnoses.contains_key(*d)) {
        Some(d) => bad(format!(
            "[expected] names `{d}`, which is not a diagnosis id"
        )),
        None => Ok(()),
    }
}

/// The built-in cases that load, and a problem for each that does not.
pub fn built_in(vocab: &Vocabulary) -> (Vec<LibraryCase>, Vec<Problem>) {
    let (mut good, mut bad) = (Vec::new(), Vec::new());
    for (name, text) in built_in::CASES {
        let shown = format!("questions/cases/{name}");
        let src = Source::new(&shown, *text);
        match parse_case(&src, vocab).and_then(|c| check_key(&c, vocab, &shown).map(|_| c)) {
            Ok(case) => good.push(LibraryCase {
                source: shown,
                case,
            }),
            Err(p) => bad.push(p),
        }
    }
    (good, bad)
}

/// One case file from disk, checked for practice.
pub fn from_file(path: &Path, vocab: &Vocabulary) -> Result<LibraryCase, Problem> {
    let shown = path.display().to_string();
    let case = load_case(path, vocab)?;
    check_key(&case, vocab, &shown)?;
    Ok(LibraryCase {
        source: shown,
        case,
    })
}
