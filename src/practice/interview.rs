//! A practice interview: the student picks questions from the whole bank, the
//! simulated patient answers from the case's findings, then the student
//! commits a differential and an urgency.

use std::collections::HashSet;

use crate::bank::{Bank, Kind, Urgency};
use crate::engine::choose;

use super::feedback::{Feedback, judge};
use super::library::LibraryCase;

/// The order themes are offered in, with their ui.toml keys.
pub const THEMES: [&str; 6] = [
    "onset",
    "pain",
    "function",
    "neurology",
    "red_flags",
    "general",
];

/// The most diagnoses a differential holds.
pub const MAX_DIFFERENTIAL: usize = 3;

/// A question the student can ask: the first of the bank's questions with
/// this wording (branches repeat some questions; the student sees each once).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Askable {
    pub question: usize,
    pub theme: String,
}

/// The bank's questions grouped by theme, in `THEMES` order (themes beyond
/// those at the end), each wording once.
pub fn askable(bank: &Bank) -> Vec<Askable> {
    let rank = |i: &usize| THEMES.iter().position(|&t| t == bank.questions[*i].theme);
    let mut order: Vec<usize> = (0..bank.questions.len()).collect();
    order.sort_by_key(|i| rank(i).unwrap_or(THEMES.len()));
    let mut seen = HashSet::new();
    order
        .into_iter()
        .filter(|&i| seen.insert(bank.questions[i].clinician.as_str()))
        .map(|i| Askable {
            question: i,
            theme: bank.questions[i].theme.clone(),
        })
        .collect()
}

/// One question asked and the patient's reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    pub question: usize,
    pub chosen: Vec<usize>,
    pub reply: String,
}

/// The interview so far.
#[derive(Debug, Clone)]
pub struct Interview {
    pub case: LibraryCase,
    pub asked: Vec<Asked>,
}

impl Interview {
    pub fn new(case: LibraryCase) -> Interview {
        Interview {
            case,
            asked: Vec::new(),
        }
    }

    /// Asks a question (again: the same reply); returns the reply.
    pub fn ask(&mut self, bank: &Bank, q: usize) -> &Asked {
        if let Some(i) = self.asked.iter().position(|a| a.question == q) {
            return &self.asked[i];
        }
        let chosen = choose(bank, q, &self.case.case.findings).unwrap_or_default();
        let reply = reply(bank, q, &chosen);
        self.asked.push(Asked {
            question: q,
            chosen,
            reply,
        });
        self.asked.last().expect("just pushed")
    }

    pub fn has_asked(&self, q: usize) -> bool {
        self.asked.iter().any(|a| a.question == q)
    }

    /// Ends the interview with the student's differential (most likely first,
    /// up to three diagnosis indices) and urgency.
    pub fn commit(&self, bank: &Bank, differential: &[usize], urgency: Urgency) -> Feedback {
        judge(bank, self, differential, urgency)
    }
}

/// The questions of `askable` a search lets through (their indices), in
/// order. Every word typed must appear in the question (either wording) or
/// its theme's name, regardless of case and accents.
pub fn search(bank: &Bank, askable: &[Askable], text: &str) -> Vec<usize> {
    let words: Vec<String> = text.split_whitespace().map(fold).collect();
    let found = |a: &Askable| {
        let q = &bank.questions[a.question];
        let theme = bank.ui(&format!("theme.{}", a.theme));
        let hay = fold(&format!("{} {} {theme}", q.clinician, q.patient));
        words.iter().all(|w| hay.contains(w.as_str()))
    };
    (0..askable.len()).filter(|&i| found(&askable[i])).collect()
}

/// Text for matching: lower case, without the accents of the bank's
/// languages, so "funcion" finds "función".
fn fold(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            other => other,
        })
        .collect()
}

/// The urgency levels, most urgent first.
pub fn levels(bank: &Bank) -> Vec<Urgency> {
    (0..bank.vocab.urgencies.len() as u8)
        .rev()
        .map(Urgency)
        .collect()
}

/// The patient's words: the chosen option in the first person.
pub fn reply(bank: &Bank, q: usize, chosen: &[usize]) -> String {
    let question = &bank.questions[q];
    let labels: Vec<&str> = chosen
        .iter()
        .map(|&o| question.options[o].label.as_str())
        .collect();
    match question.kind {
        _ if chosen.is_empty() => bank.ui("practice.reply_unsure").to_string(),
        Kind::Multi if chosen.iter().any(|&o| question.options[o].none) => {
            bank.ui("practice.reply_none").to_string()
        }
        Kind::Multi => bank.ui_fill("practice.reply_yes", &[("answers", &labels.join("; "))]),
        Kind::Single => bank.ui_fill("practice.reply_single", &[("answer", labels[0])]),
    }
}
