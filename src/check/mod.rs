//! Checks on a compiled bank that need the whole tree or the engine: loops,
//! questions no path reaches, paths that skip the cauda equina screen,
//! diagnoses no answers can rank first, the shared contract's safety floors
//! and the translations. It sits above `bank` and `engine` (the rank-first
//! search runs the engine's own walker and scoring). The tree's order and
//! reach ([`Graph`]) are the FHIR export's too.

mod floors;
mod rank_first;
mod tree;

pub use rank_first::rank_first;
pub use tree::{Graph, cycles, reach};

use crate::bank::{Bank, Problem, lang, load};

/// Every problem of the whole-tree checks and the contract's safety floors.
pub fn validate(bank: &Bank) -> Vec<Problem> {
    let mut problems = validate_tree(bank);
    // The floors need only the bank's vocabulary, red flags and must-ask
    // list, not a tree without loops.
    let (floors, contract) = load::contract_floors(&bank.vocab);
    if contract.is_empty() {
        problems.extend(floors::floors_in(bank, &floors));
    } else {
        problems.extend(contract);
    }
    problems
}

/// Every problem the whole-tree checks find (a bank of another vocabulary
/// than the shared contract's, such as the benchmarks' synthetic banks, is
/// checked with these alone).
pub fn validate_tree(bank: &Bank) -> Vec<Problem> {
    let graph = tree::Graph::new(bank);
    let mut problems = tree::cycles_in(bank, &graph);
    if !problems.is_empty() {
        // The remaining checks assume a tree without loops.
        return problems;
    }
    problems.extend(tree::unreachable(bank, &graph));
    problems.extend(tree::must_ask(bank, &graph));
    problems.extend(rank_first(bank));
    problems.extend(bank.translations.iter().flat_map(|t| lang::check(bank, t)));
    problems
}
