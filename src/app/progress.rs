//! How far along the questionnaire is: the fewest and the most questions left
//! from any question to the result, over the edges of the branching tree.

use crate::bank::{Bank, Kind, Target};

/// The fewest and the most questions from a question to the result, that
/// question included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    let n = bank.questions.len();
    let mut memo: Vec<Option<Remaining>> = vec![None; n];
    let mut on_stack = vec![false; n];
    for q in 0..n {
        visit(bank, q, &mut memo, &mut on_stack);
    }
    memo.into_iter()
        .map(|r| r.unwrap_or(Remaining { fewest: 1, most: 1 }))
        .collect()
}

fn targets(bank: &Bank, q: usize) -> Vec<Target> {
    let question = &bank.questions[q];
    match question.kind {
        Kind::Single => question.options.iter().map(|o| o.next).collect(),
        Kind::Multi => vec![question.next.unwrap_or(Target::Result)],
    }
}

fn visit(
    bank: &Bank,
    q: usize,
    memo: &mut Vec<Option<Remaining>>,
    on_stack: &mut Vec<bool>,
) -> Remaining {
    if let Some(r) = memo[q] {
        return r;
    }
    if on_stack[q] {
        return Remaining { fewest: 0, most: 0 };
    }
    on_stack[q] = true;
    let mut fewest = usize::MAX;
    let mut most = 0;
    for t in targets(bank, q) {
        let r = match t {
            Target::Result => Remaining { fewest: 0, most: 0 },
            Target::Question(n) => visit(bank, n, memo, on_stack),
        };
        fewest = fewest.min(r.fewest);
        most = most.max(r.most);
    }
    if fewest == usize::MAX {
        fewest = 0;
    }
    on_stack[q] = false;
    let r = Remaining {
        fewest: fewest + 1,
        most: most + 1,
    };
    memo[q] = Some(r);
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_question_has_one_left_and_the_first_has_the_most() {
        let bank = Bank::builtin().unwrap();
        let r = remaining(&bank);
        let last = bank.question_index["general_screen"];
        assert_eq!(r[last], Remaining { fewest: 1, most: 1 });
        let first = r[bank.start];
        assert!(first.fewest > 5, "{first:?}");
        assert!(first.most >= first.fewest);
        // onset branches: sudden adds two questions.
        let onset = r[bank.question_index["onset"]];
        assert!(onset.most - onset.fewest >= 2, "{onset:?}");
    }
}
