//! One questionnaire in progress: the answers, the walk they make, the red
//! flags already shown and, once the walk ends, the outcome. Its rules
//! (answers are checked, answers off the path are dropped, the outcome is
//! the triage of the finished walk) hold for every face that drives it: the
//! full screen, the kiosk wrapped round it, and plain mode. No terminal and
//! no drawing here.

use crate::audience::Audience;
use crate::bank::Bank;
use crate::engine::{self, AnswerError, Answers, Outcome, Walk};
use crate::report::Report;

/// The state of one questionnaire.
#[derive(Debug, Clone)]
pub struct Session {
    /// Confirmed answers: question index to chosen option indices.
    pub answers: Answers,
    /// The walk of `answers`, kept in step with them.
    pub walk: Walk,
    /// The result of `walk`, once it has ended.
    pub outcome: Option<Outcome>,
    /// The red flags the person has already been shown.
    pub seen_flags: Vec<usize>,
}

impl Session {
    /// A questionnaire with nothing answered.
    pub fn new(bank: &Bank) -> Session {
        Session {
            answers: Answers::new(),
            walk: engine::walk(bank, &Answers::new()),
            outcome: None,
            seen_flags: Vec::new(),
        }
    }

    /// A questionnaire with these answers (a saved record's), every red flag
    /// they raise already shown.
    pub fn with_answers(bank: &Bank, answers: Answers) -> Session {
        let mut s = Session::new(bank);
        s.answers = answers;
        s.rewalk(bank);
        s.seen_flags = s.walk.fired.iter().map(|f| f.flag).collect();
        s
    }

    /// Answers question `q` (or changes its answer), when the answer is one
    /// the question allows.
    pub fn answer(&mut self, bank: &Bank, q: usize, chosen: Vec<usize>) -> Result<(), AnswerError> {
        engine::check_answer(bank, q, &chosen)?;
        self.answers.insert(q, chosen);
        self.rewalk(bank);
        Ok(())
    }

    /// Withdraws the answer to question `q`: it is asked again.
    pub fn withdraw(&mut self, bank: &Bank, q: usize) {
        self.answers.remove(&q);
        self.rewalk(bank);
    }

    /// The last answered question on the path, its answer withdrawn, or
    /// `None` at the first question.
    pub fn back(&mut self, bank: &Bank) -> Option<usize> {
        let q = self.walk.steps.last()?.question;
        self.withdraw(bank, q);
        Some(q)
    }

    /// Walks the answers again after a change. Answers off the new path are
    /// dropped: they belonged to a branch that is no longer taken; so are
    /// shown red flags that no longer fire.
    pub fn rewalk(&mut self, bank: &Bank) {
        self.walk = engine::walk(bank, &self.answers);
        let on_path: Vec<usize> = self.walk.asked().collect();
        self.answers.retain(|q, _| on_path.contains(q));
        let fired: Vec<usize> = self.walk.fired.iter().map(|f| f.flag).collect();
        self.seen_flags.retain(|f| fired.contains(f));
        self.outcome = self
            .walk
            .is_finished()
            .then(|| engine::triage(bank, &self.walk));
    }

    /// The question waiting for an answer, if the walk has not ended.
    pub fn pending(&self) -> Option<usize> {
        self.walk.end.pending()
    }

    /// Where question `q` is on the path, if it was answered there.
    pub fn step_of(&self, q: usize) -> Option<usize> {
        self.walk.steps.iter().position(|s| s.question == q)
    }

    /// The first red flag that fired and has not been shown, marked shown.
    pub fn show_next_flag(&mut self) -> Option<usize> {
        let f = self
            .walk
            .fired
            .iter()
            .map(|f| f.flag)
            .find(|f| !self.seen_flags.contains(f))?;
        self.seen_flags.push(f);
        Some(f)
    }

    /// The result in words for an audience, once the walk has ended.
    pub fn report(
        &self,
        bank: &Bank,
        audience: Audience,
        emergency_number: Option<&str>,
    ) -> Option<Report> {
        let outcome = self.outcome.as_ref()?;
        Some(Report::new(
            bank,
            &self.walk,
            &self.answers,
            outcome,
            audience,
            emergency_number,
        ))
    }
}
