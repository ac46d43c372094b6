//! The shared contract's safety floors, proved against a bank's red flags.

use std::collections::BTreeSet;

use crate::bank::{Bank, Floor, Problem, Question, RedFlag};

/// Proves the bank's red flags against the contract's safety floors. With
/// every finding a floor looks at asked on every path (`must_ask`, checked
/// above) and red flags that stay fired once their answers are given, a
/// floor holds on every path if, for every set of answers that meets it,
/// the red flags that those answers alone set off reach its urgency (and one
/// of them stops where it stops). That is checked here over every value,
/// or none, of the findings the floor looks at. "Not sure" on a question
/// that asks a stopping floor's finding, or on a red-flag screen, must
/// give at least "urgent".
pub(super) fn floors_in(bank: &Bank, floors: &[Floor]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let red_flags_file = bank.red_flags.first().map(|f| f.at.file.clone());
    let urgent = bank.vocab.urgency("urgent");
    for floor in floors {
        let keys: BTreeSet<&str> = floor.condition.keys().collect();
        for k in keys
            .iter()
            .filter(|k| !bank.must_ask.iter().any(|m| m == *k))
        {
            problems.push(floor.at.problem(format!(
                "safety floor `{}` looks at `{k}`, which bank.toml's must_ask does not list: a path could end without asking it",
                floor.name
            )));
        }
        // Each finding's values, or none.
        let findings = &bank.vocab.findings;
        let domains: Vec<Vec<Option<&str>>> = keys
            .iter()
            .map(|k| {
                let values = findings.get(*k).into_iter().flat_map(|f| f.values.iter());
                std::iter::once(None)
                    .chain(values.map(|v| Some(v.as_str())))
                    .collect()
            })
            .collect();
        // Every combination of values, the first key's changing fastest.
        let combinations: usize = domains.iter().map(Vec::len).product();
        let gap = (0..combinations).find_map(|mut n| {
            let mut pick = Vec::with_capacity(domains.len());
            for d in &domains {
                pick.push(d[n % d.len()]);
                n /= d.len();
            }
            let value_of = |k: &str| keys.iter().position(|x| *x == k).and_then(|i| pick[i]);
            if !floor.condition.matches_by(value_of) {
                return None;
            }
            let fires = |f: &&RedFlag| f.condition.matches_by(value_of);
            let fired = bank.red_flags.iter().filter(fires);
            let reached = fired.clone().map(|f| f.urgency).max();
            let stops = fired.clone().any(|f| f.stop);
            if reached >= Some(floor.urgency) && (stops || !floor.stop) {
                return None;
            }
            let said: Vec<String> = keys
                .iter()
                .zip(&pick)
                .filter_map(|(k, v)| v.map(|v| format!("{k} = {v}")))
                .collect();
            let short = match reached {
                // High enough, so it is the stop that is missing.
                _ if reached >= Some(floor.urgency) => "no red flag stops the questionnaire".into(),
                Some(u) => format!("the red flags give {}", bank.vocab.urgency_id(u)),
                None => "no red flag fires".into(),
            };
            Some(format!("{}: {short}", said.join(", ")))
        });
        if let Some(gap) = gap {
            // Where the bank falls short: the red flag that looks at most of
            // the floor's findings, else the red flags' file.
            let nearest = bank
                .red_flags
                .iter()
                .max_by_key(|f| f.condition.keys().filter(|k| keys.contains(k)).count());
            let message = format!(
                "the red flags do not meet the shared contract's safety floor `{}` (at least {}{}): {gap}",
                floor.name,
                bank.vocab.urgency_id(floor.urgency),
                if floor.stop { ", stopping at once" } else { "" }
            );
            problems.push(match (nearest, &red_flags_file) {
                (Some(f), _) if f.condition.keys().any(|k| keys.contains(&k)) => {
                    f.at.problem(message)
                }
                (_, Some(file)) => Problem::whole_file(file.to_string(), message),
                _ => floor.at.problem(message),
            });
        }
    }
    // "Not sure" where a stopping floor's finding is asked, or on a
    // red-flag screen, cannot be read as "no".
    let stop_keys: BTreeSet<&str> = floors
        .iter()
        .filter(|f| f.stop)
        .flat_map(|f| f.condition.keys())
        .collect();
    let screens =
        |q: &&Question| q.theme == "red_flags" || q.finding_keys().any(|k| stop_keys.contains(k));
    for q in bank.questions.iter().filter(screens) {
        for o in q.options.iter().filter(|o| o.not_sure && o.floor < urgent) {
            problems.push(o.at.problem(format!(
                "\"Not sure\" at `{}`, a red-flag screen, must give at least urgent: add floor = \"urgent\"",
                q.id
            )));
        }
    }
    problems
}
