//! How far along the questionnaire is: the fewest and the most questions left
//! from any question to the result, over the edges of the branching tree.

use crate::bank::{Bank, Target};

/// The fewest and the most questions from a question to the result, that
/// question included.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Remaining {
    pub fewest: usize,
    pub most: usize,
}

/// `Remaining` for every question of the bank, by question index.
///
/// Red flags may end a walk earlier; this counts the tree's edges only, which
/// is what a person without a red flag will meet. The bank is loaded only when
/// it has no cycle, but a cycle is still cut here rather than looped on.
pub fn remaining(bank: &Bank) -> Vec<Remaining> {
    let mut memo = vec![None; bank.questions.len()];
    (0..bank.questions.len())
        .map(|q| visit(bank, q, &mut memo))
        .collect()
}

fn visit(bank: &Bank, q: usize, memo: &mut [Option<Remaining>]) -> Remaining {
    if let Some(r) = memo[q] {
        return r;
    }
    // Met again on its own path (a cycle), it counts nothing more.
    memo[q] = Some(Remaining::default());
    let question = &bank.questions[q];
    let ahead: Vec<Remaining> = question
        .targets()
        .map(|(_, t)| match t {
            Target::Result => Remaining::default(),
            Target::Question(n) => visit(bank, n, memo),
        })
        .collect();
    let r = Remaining {
        fewest: 1 + ahead.iter().map(|r| r.fewest).min().unwrap_or(0),
        most: 1 + ahead.iter().map(|r| r.most).max().unwrap_or(0),
    };
    memo[q] = Some(r);
    r
}
