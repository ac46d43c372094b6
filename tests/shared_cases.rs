//! Every shared case, and every case of the project's library, meets its
//! answer key; the bar of the engine issue holds over all of them; and adding
//! any safety floor's findings to any case raises the urgency to the floor
//! (as ../shared/tools/inject_red_flags.py does).

mod common;

use common::*;
use hamstring_triage::bank::Bank;
use hamstring_triage::case::{Case, load_case};
use hamstring_triage::engine::{interview, triage};

struct Run {
    name: String,
    top: Vec<String>,
    urgency: String,
    asked: usize,
    stopped: bool,
}

fn run(bank: &Bank, name: &str, case: &Case) -> Run {
    let walk = interview(bank, &case.findings).unwrap_or_else(|e| panic!("{name}: {e}"));
    let out = triage(bank, &walk);
    Run {
        name: name.to_string(),
        top: out
            .ranked
            .iter()
            .take(3)
            .map(|r| bank.diagnoses[r.diagnosis].id.clone())
            .collect(),
        urgency: bank.vocab.urgency_id(out.urgency).to_string(),
        asked: walk.steps.len(),
        stopped: out.stopped_by.is_some(),
    }
}

fn load_all(bank: &Bank, files: &[std::path::PathBuf]) -> Vec<(String, Case)> {
    files
        .iter()
        .map(|p| {
            let case = load_case(p, &bank.vocab).unwrap_or_else(|e| panic!("{e}"));
            (p.file_name().unwrap().to_string_lossy().into_owned(), case)
        })
        .collect()
}

#[test]
fn every_shared_case_meets_its_answer_key() {
    let bank = bank();
    let cases = load_all(&bank, &shared_cases());
    let mut failures = Vec::new();
    for (name, case) in &cases {
        let key = case
            .expected
            .as_ref()
            .unwrap_or_else(|| panic!("{name} has no [expected]"));
        let r = run(&bank, name, case);
        let ok_first = r.top[0] == key.diagnosis || key.also.contains(&r.top[0]);
        if !ok_first || r.urgency != key.urgency {
            failures.push(format!(
                "{name}: want {}/{} got {:?}/{}",
                key.diagnosis, key.urgency, r.top, r.urgency
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "cases off their answer key:\n{}",
        failures.join("\n")
    );
}

#[test]
fn the_clinical_bar_holds_over_shared_and_library_cases() {
    let bank = bank();
    let mut files = shared_cases();
    files.extend(library_cases());
    let cases = load_all(&bank, &files);
    let n = cases.len();
    let (mut top1, mut top3, mut exact) = (0, 0, 0);
    let mut under = Vec::new();
    let mut asked = Vec::new();
    for (name, case) in &cases {
        let key = case
            .expected
            .as_ref()
            .unwrap_or_else(|| panic!("{name} has no [expected]"));
        let r = run(&bank, name, case);
        let ok_ids: Vec<&String> = std::iter::once(&key.diagnosis)
            .chain(key.also.iter())
            .collect();
        top1 += ok_ids.contains(&&r.top[0]) as usize;
        top3 += (r.top.contains(&key.diagnosis) || ok_ids.contains(&&r.top[0])) as usize;
        exact += (r.urgency == key.urgency) as usize;
        if urgency_rank(&bank, &r.urgency) < urgency_rank(&bank, &key.urgency) {
            under.push(format!("{}: {} for {}", r.name, r.urgency, key.urgency));
        }
        if key.urgency == "emergency" {
            assert_eq!(
                r.urgency, "emergency",
                "{}: an emergency case must be triaged emergency",
                r.name
            );
            assert!(
                r.stopped,
                "{}: an emergency must end the questionnaire at once",
                r.name
            );
        }
        asked.push(r.asked);
    }
    asked.sort_unstable();
    let median = if n % 2 == 1 {
        asked[n / 2] as f64
    } else {
        (asked[n / 2 - 1] + asked[n / 2]) as f64 / 2.0
    };
    assert!(under.is_empty(), "under-triaged:\n{}", under.join("\n"));
    assert!(
        top1 as f64 >= 0.9 * n as f64,
        "top-1 {top1}/{n} is below 90%"
    );
    assert!(
        top3 as f64 >= 0.97 * n as f64,
        "top-3 {top3}/{n} is below 97%"
    );
    assert!(
        exact as f64 >= 0.9 * n as f64,
        "exact urgency {exact}/{n} is below 90%"
    );
    assert!(
        median <= 16.0,
        "median questions asked {median} is above 16"
    );
}

#[test]
fn any_single_red_flag_added_to_any_case_reaches_its_floor() {
    let bank = bank();
    let mut files = shared_cases();
    files.extend(library_cases());
    let cases = load_all(&bank, &files);
    let mut misses = Vec::new();
    let mut probes = 0;
    for (name, case) in &cases {
        for flag in FLAGS {
            for probe in flag.probes {
                let mut c = case.clone();
                for (k, v) in *probe {
                    c.findings.insert(k.to_string(), v.to_string());
                }
                assert!(
                    flag.holds(&c.findings),
                    "{}: a probe that does not set it off",
                    flag.name
                );
                let r = run(&bank, name, &c);
                probes += 1;
                if urgency_rank(&bank, &r.urgency) < urgency_rank(&bank, flag.floor) {
                    misses.push(format!(
                        "{name} + {probe:?} ({}): {}, needs {}",
                        flag.name, r.urgency, flag.floor
                    ));
                }
                if flag.stops && !r.stopped {
                    misses.push(format!("{name} + {probe:?}: the questionnaire went on"));
                }
            }
        }
    }
    assert!(probes >= cases.len() * FLAGS.len());
    assert!(
        misses.is_empty(),
        "red flags under-triaged:\n{}",
        misses.join("\n")
    );
}
