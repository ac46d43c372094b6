//! Walking the decision tree: answers in, the path, the findings and the red
//! flags that fired out. Pure: no I/O, no terminal.

use std::collections::BTreeMap;

use crate::bank::{Bank, Findings, Kind, Slot, Target};

/// The options chosen at each question, by question index.
pub type Answers = BTreeMap<usize, Vec<usize>>;

/// One question on the path and the options chosen there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub question: usize,
    pub chosen: Vec<usize>,
}

/// How a walk ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// This question is next and has no (valid) answer yet.
    Pending(usize),
    /// The tree reached its result.
    Result,
    /// A red flag that stops the questionnaire fired (index into `red_flags`).
    Stopped(usize),
}

/// A red flag that fired, and at which step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fired {
    pub flag: usize,
    pub step: usize,
}

/// The state of a questionnaire after some answers.
#[derive(Debug, Clone)]
pub struct Walk {
    pub steps: Vec<Step>,
    pub findings: Findings,
    /// Which question set each finding (for "because you said ...").
    pub set_by: BTreeMap<String, usize>,
    pub fired: Vec<Fired>,
    pub end: End,
}

impl End {
    /// The question waiting for an answer, if the walk has not ended.
    pub fn pending(self) -> Option<usize> {
        match self {
            End::Pending(q) => Some(q),
            _ => None,
        }
    }
}

impl Walk {
    pub fn is_finished(&self) -> bool {
        self.end.pending().is_none()
    }

    pub fn asked(&self) -> impl Iterator<Item = usize> + '_ {
        self.steps.iter().map(|s| s.question)
    }

    /// The answers given on the path, by question.
    pub fn answers(&self) -> Answers {
        let answer = |s: &Step| (s.question, s.chosen.clone());
        self.steps.iter().map(answer).collect()
    }
}

/// Why an answer was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    #[error("choose exactly one option")]
    NotOne,
    #[error("tick at least one option")]
    NoneTicked,
    #[error("there is no option {0}")]
    NoSuchOption(usize),
    #[error("\"None of these\" and \"Not sure\" cannot be ticked with other options")]
    ExclusiveMixed,
    #[error("the same option was chosen twice")]
    Repeated,
}

/// Checks that `chosen` is a valid answer to question `q`.
pub fn check_answer(bank: &Bank, q: usize, chosen: &[usize]) -> Result<(), AnswerError> {
    let question = &bank.questions[q];
    if let Some(&bad) = chosen.iter().find(|&&o| o >= question.options.len()) {
        return Err(AnswerError::NoSuchOption(bad));
    }
    if (1..chosen.len()).any(|i| chosen[..i].contains(&chosen[i])) {
        return Err(AnswerError::Repeated);
    }
    let exclusive = |o: &usize| question.options[*o].exclusive();
    match question.kind {
        Kind::Single if chosen.len() != 1 => Err(AnswerError::NotOne),
        Kind::Multi if chosen.is_empty() => Err(AnswerError::NoneTicked),
        Kind::Multi if chosen.len() > 1 && chosen.iter().any(exclusive) => {
            Err(AnswerError::ExclusiveMixed)
        }
        Kind::Single | Kind::Multi => Ok(()),
    }
}

/// Builds a walk one answer at a time.
///
/// Cheap to clone, so that a search can try every answer from the same
/// place: the walker keeps its findings as names borrowed from the bank, in
/// a short sorted list, and builds a [`Walk`] (owned strings, maps) only
/// when asked for one.
#[derive(Debug, Clone)]
pub struct Walker<'b> {
    bank: &'b Bank,
    /// Finding, value, the question that set it and the value's number,
    /// sorted by finding.
    findings: Vec<(&'b str, &'b str, usize, Option<Slot>)>,
    /// Each step's question and where its options lie in `chosen`.
    steps: Vec<(usize, u32, u32)>,
    /// The options chosen at every step, one after another.
    chosen: Vec<usize>,
    fired: Vec<Fired>,
    end: End,
}

impl<'b> Walker<'b> {
    pub fn new(bank: &'b Bank) -> Self {
        Self {
            bank,
            findings: Vec::new(),
            steps: Vec::new(),
            chosen: Vec::new(),
            fired: Vec::new(),
            end: End::Pending(bank.start),
        }
    }

    /// The question waiting for an answer, if any.
    pub fn pending(&self) -> Option<usize> {
        self.end.pending()
    }

    /// The findings so far by number, in the order of their names (for
    /// [`crate::engine::Scorer`]).
    pub fn slots(&self) -> impl Iterator<Item = Option<Slot>> + '_ {
        self.findings.iter().map(|f| f.3)
    }

    /// The red flags fired so far, in the order they fired.
    pub fn fired(&self) -> &[Fired] {
        &self.fired
    }

    /// The walk so far.
    pub fn walk(&self) -> Walk {
        let (findings, set_by) = self
            .findings
            .iter()
            .map(|&(k, v, q, _)| ((k.to_string(), v.to_string()), (k.to_string(), q)))
            .unzip();
        Walk {
            steps: self
                .steps
                .iter()
                .map(|&(question, from, to)| Step {
                    question,
                    chosen: self.chosen[from as usize..to as usize].to_vec(),
                })
                .collect(),
            findings,
            set_by,
            fired: self.fired.clone(),
            end: self.end,
        }
    }

    /// A finding's value. (A look through the few findings a walk has,
    /// whose names mostly differ in length, costs less than a binary search
    /// comparing names: red flags ask this after every answer.)
    fn value_of(&self, key: &str) -> Option<&'b str> {
        self.findings
            .iter()
            .find(|f| f.0.len() == key.len() && f.0 == key)
            .map(|f| f.1)
    }

    fn set(&mut self, key: &'b str, value: &'b str, q: usize) {
        let entry = (key, value, q, self.bank.vocab.slot(key, value));
        match self.findings.binary_search_by(|f| f.0.cmp(key)) {
            Ok(i) => self.findings[i] = entry,
            Err(i) => self.findings.insert(i, entry),
        }
    }

    /// Answers the pending question.
    pub fn answer(&mut self, chosen: &[usize]) -> Result<(), AnswerError> {
        let Some(q) = self.pending() else {
            return Ok(());
        };
        check_answer(self.bank, q, chosen)?;
        let bank = self.bank;
        let question = &bank.questions[q];
        let step = self.steps.len();
        // One rule for both kinds: a single-choice answer is one option
        // ticked, with no findings for the options left unticked.
        // "Not sure" says nothing of the lines left unticked.
        let unsure = chosen.iter().any(|&o| question.options[o].not_sure);
        let options = question.options.iter().enumerate();
        let unticked = options
            .clone()
            .filter(|(i, _)| !unsure && !chosen.contains(i))
            .flat_map(|(_, o)| &o.unticked);
        // In the bank's order of options, not the order ticked: a finding
        // two ticked options set takes the later option's value (list the
        // graver last), however it was typed.
        let ticked = options
            .filter(|(i, _)| chosen.contains(i))
            .flat_map(|(_, o)| &o.sets);
        for (k, v) in unticked.chain(ticked) {
            self.set(k, v, q);
        }
        // Every option of a multi-select question leads to its `next`.
        let next = question.options[chosen[0]].next;
        let from = self.chosen.len() as u32;
        self.chosen.extend_from_slice(chosen);
        self.steps.push((q, from, self.chosen.len() as u32));
        // Red flags are sticky: once fired they stay, whatever comes later.
        for (i, flag) in bank.red_flags.iter().enumerate() {
            if !self.fired.iter().any(|f| f.flag == i)
                && flag.condition.matches_by(|k| self.value_of(k))
            {
                self.fired.push(Fired { flag: i, step });
            }
        }
        // The first flag fired by this answer that stops the questionnaire.
        let stop = self
            .fired
            .iter()
            .find(|f| f.step == step && bank.red_flags[f.flag].stop);
        self.end = match (stop, next) {
            (Some(f), _) => End::Stopped(f.flag),
            (None, Target::Result) => End::Result,
            (None, Target::Question(n)) if self.steps.iter().any(|s| s.0 == n) => {
                // A cycle; banks with one are refused at load, so this is a
                // last guard against looping for ever.
                End::Result
            }
            (None, Target::Question(n)) => End::Pending(n),
        };
        Ok(())
    }
}

/// Replays stored answers from the start. Stops at the first question on the
/// path with no valid stored answer; answers off the path are ignored.
pub fn walk(bank: &Bank, answers: &Answers) -> Walk {
    let mut w = Walker::new(bank);
    while let Some(q) = w.pending() {
        match answers.get(&q) {
            Some(chosen) if w.answer(chosen).is_ok() => {}
            _ => break,
        }
    }
    w.walk()
}
