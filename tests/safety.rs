//! Safety over every path of the built-in tree. Every route through the tree
//! is walked with every possible answer (every option, every multi-select
//! combination) at each question in turn, the rest answered "no"; a property
//! test adds random answers everywhere. The red flags are the brief's own
//! list (tests/common), not the bank's, so a bank that forgets one fails here.

mod common;

use std::collections::{BTreeSet, HashSet};

use common::*;
use hamstring_triage::bank::{Bank, Findings, Kind, Target};
use hamstring_triage::case::load_case;
use hamstring_triage::engine::{Answers, End, Reason, Walker, choose, interview, triage, walk};
use proptest::prelude::*;

/// Every valid answer to a question.
fn valid_answers(bank: &Bank, q: usize) -> Vec<Vec<usize>> {
    let question = &bank.questions[q];
    match question.kind {
        Kind::Single => (0..question.options.len()).map(|o| vec![o]).collect(),
        Kind::Multi => {
            let plain: Vec<usize> = (0..question.options.len())
                .filter(|&o| !question.options[o].none && !question.options[o].not_sure)
                .collect();
            assert!(
                plain.len() <= 10,
                "{}: too many options to enumerate",
                question.id
            );
            let mut out: Vec<Vec<usize>> = (1u32..(1 << plain.len()))
                .map(|mask| {
                    plain
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| mask & (1 << i) != 0)
                        .map(|(_, &o)| o)
                        .collect()
                })
                .collect();
            out.extend(
                (0..question.options.len())
                    .filter(|&o| question.options[o].none || question.options[o].not_sure)
                    .map(|o| vec![o]),
            );
            out
        }
    }
}

/// What a patient with none of the findings answers.
fn plain_no(bank: &Bank, q: usize) -> Vec<usize> {
    choose(bank, q, &Findings::new()).expect("every question has a plain answer")
}

fn next_of(bank: &Bank, q: usize, a: &[usize]) -> Target {
    let question = &bank.questions[q];
    match question.kind {
        Kind::Single => question.options[a[0]].next,
        Kind::Multi => question.next.unwrap_or(Target::Result),
    }
}

/// A brief red flag that holds now and did not before this step.
fn new_flags(before: &Findings, after: &Findings) -> Vec<&'static Flag> {
    FLAGS
        .iter()
        .filter(|f| f.holds(after) && !f.holds(before))
        .collect()
}

/// Checks one finished walk against the flags seen on the way.
fn check_finished(
    bank: &Bank,
    w: &Walker,
    seen: &[(&'static Flag, usize)],
    failures: &mut Vec<String>,
) {
    let walk = w.walk();
    let out = triage(bank, &walk);
    let path: Vec<&str> = walk
        .asked()
        .map(|q| bank.questions[q].id.as_str())
        .collect();
    for (flag, step) in seen {
        if out.urgency.0 < urgency_rank(bank, flag.floor) {
            failures.push(format!(
                "{} at step {step} gave {} on path {path:?}",
                flag.name,
                bank.vocab.urgency_id(out.urgency)
            ));
        }
        if flag.stops && walk.steps.len() != step + 1 {
            failures.push(format!(
                "{} at step {step} did not end the questionnaire: {path:?}",
                flag.name
            ));
        }
        if flag.stops && !matches!(walk.end, End::Stopped(_)) {
            failures.push(format!(
                "{} did not stop the questionnaire: {path:?}",
                flag.name
            ));
        }
    }
    if walk.end == End::Result {
        let asked: BTreeSet<&str> = walk
            .asked()
            .flat_map(|q| bank.questions[q].finding_keys())
            .collect();
        for key in &bank.must_ask {
            if !asked.contains(key.as_str()) {
                failures.push(format!("path {path:?} never asks {key}"));
            }
        }
    }
}

/// Walks every route, trying every answer at each question while the rest
/// are answered "no" (or the first answer that takes each distinct route).
fn explore(
    bank: &Bank,
    w: Walker,
    seen: Vec<(&'static Flag, usize)>,
    deviated: bool,
    count: &mut usize,
    failures: &mut Vec<String>,
) {
    let Some(q) = w.pending() else {
        *count += 1;
        check_finished(bank, &w, &seen, failures);
        return;
    };
    assert!(
        w.walk().steps.len() <= bank.questions.len(),
        "a walk longer than the bank"
    );
    let base = plain_no(bank, q);
    let mut routes_taken: HashSet<Target> = HashSet::new();
    routes_taken.insert(next_of(bank, q, &base));
    for a in valid_answers(bank, q) {
        let route = next_of(bank, q, &a);
        let opens_route = routes_taken.insert(route);
        let is_base = a == base;
        if deviated && !is_base && !opens_route {
            continue;
        }
        let mut w2 = w.clone();
        let before = w2.walk().findings.clone();
        w2.answer(&a)
            .unwrap_or_else(|e| panic!("{}: {e}", bank.questions[q].id));
        let step = w2.walk().steps.len() - 1;
        let mut seen2 = seen.clone();
        seen2.extend(
            new_flags(&before, &w2.walk().findings)
                .into_iter()
                .map(|f| (f, step)),
        );
        explore(
            bank,
            w2,
            seen2,
            deviated || !(is_base || opens_route),
            count,
            failures,
        );
    }
}

#[test]
fn every_route_with_every_answer_keeps_the_red_flag_floors() {
    let bank = bank();
    let mut failures = Vec::new();
    let mut count = 0;
    explore(
        &bank,
        Walker::new(&bank),
        Vec::new(),
        false,
        &mut count,
        &mut failures,
    );
    assert!(
        count > 1000,
        "only {count} paths walked: the enumeration is broken"
    );
    failures.truncate(30);
    assert!(
        failures.is_empty(),
        "{count} paths walked; unsafe:\n{}",
        failures.join("\n")
    );
}

#[test]
fn the_bank_validates_clean() {
    let bank = bank();
    let problems = hamstring_triage::check::validate(&bank);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn every_red_flag_question_comes_before_any_result() {
    // The emergency screen holds every stopping floor's findings (validate
    // proves no path reaches the result without it).
    let bank = bank();
    let w = walk(&bank, &Answers::new());
    assert_eq!(w.end, End::Pending(bank.start));
    let q = bank.question_index["cauda_equina_screen"];
    for key in [
        "bladder",
        "bowel_incontinence",
        "saddle_numbness",
        "new_sexual_dysfunction",
        "both_legs",
        "breathless_or_chest_pain",
        "tearing_pain_or_faint",
    ] {
        assert!(
            bank.questions[q].finding_keys().any(|k| k == key),
            "the screen misses {key}"
        );
    }
}

/// Walks the tree as the patient in `findings` would answer, except that the
/// question `unsure` is answered "Not sure".
fn walk_unsure_at<'b>(bank: &'b Bank, findings: &Findings, unsure: usize) -> Walker<'b> {
    let not_sure = bank.questions[unsure]
        .options
        .iter()
        .position(|o| o.not_sure)
        .expect("the question has a Not sure option");
    let mut w = Walker::new(bank);
    while let Some(q) = w.pending() {
        let chosen = if q == unsure {
            vec![not_sure]
        } else {
            choose(bank, q, findings).expect("every question has an answer for a case")
        };
        w.answer(&chosen).unwrap();
    }
    w
}

/// "Not sure" on a red-flag screen cannot be taken as "no": on the
/// emergency screen, the other-symptoms question (weakness in both legs,
/// cannot bear weight) and the closing screen (fever, night pain, weight
/// loss, cancer, a swollen leg) it gives at least "urgent", whatever the
/// rest of the history. Every shared and library case is walked with
/// that one answer changed.
#[test]
fn not_sure_on_a_red_flag_screen_keeps_its_floor_for_every_case() {
    let bank = bank();
    let mut files = shared_cases();
    files.extend(library_cases());
    let mut failures = Vec::new();
    let mut raised = 0;
    for (screen, floor) in [
        ("cauda_equina_screen", "urgent"),
        ("other_symptoms", "urgent"),
        ("general_screen", "urgent"),
    ] {
        let q = bank.question_index[screen];
        for file in &files {
            let case = load_case(file, &bank.vocab).unwrap_or_else(|e| panic!("{e}"));
            let name = file.file_name().unwrap().to_string_lossy();
            let w = walk_unsure_at(&bank, &case.findings, q);
            if !w.walk().steps.iter().any(|s| s.question == q) {
                // A red flag ended this case before the screen was reached.
                continue;
            }
            let out = triage(&bank, &w.walk());
            if out.urgency.0 < urgency_rank(&bank, floor) {
                failures.push(format!(
                    "{name}: Not sure at {screen} gave {}, needs {floor}",
                    bank.vocab.urgency_id(out.urgency)
                ));
            }
            // Where the answer alone raised the urgency, the result says so.
            let as_stated = triage(&bank, &interview(&bank, &case.findings).unwrap());
            if as_stated.urgency.0 < urgency_rank(&bank, floor) {
                raised += 1;
                if !out
                    .reasons
                    .iter()
                    .any(|r| matches!(r, Reason::Floor { question, .. } if *question == q))
                {
                    failures.push(format!(
                        "{name}: Not sure at {screen} is not among the reasons {:?}",
                        out.reasons
                    ));
                }
            }
        }
    }
    assert!(raised >= 10, "only {raised} cases were raised by the floor");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A history in which a proximal hamstring avulsion cannot be ruled out
/// (within six weeks of a sudden onset, a weak hamstring, or a heavy lift or
/// forced split with a pop or bruising) is never triaged below "urgent" and
/// keeps the avulsion among the first three, wherever the pain is worst: the
/// repair does best within 2-3 weeks (source 000). Every other finding but
/// the red flags is drawn at random (fixed seed), so the rest of the history
/// cannot talk the urgency down.
#[test]
fn an_avulsion_history_is_urgent_whatever_else_is_said() {
    let bank = bank();
    let urgent = urgency_rank(&bank, "urgent");
    let mut state: u64 = 0x5EED_0A51;
    let mut next = move || {
        // SplitMix64.
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) as usize
    };
    let mut failures = Vec::new();
    let mut checked = 0;
    let runs = 3000;
    for i in 0..runs {
        let mut f = Findings::new();
        for (key, def) in &bank.vocab.findings {
            f.insert(key.clone(), def.values[next() % def.values.len()].clone());
        }
        // No red flag: the urgency must come from the scoring itself.
        for key in &bank.must_ask {
            f.insert(key.clone(), bank.vocab.default_of(key).unwrap().to_string());
        }
        let walking = ["normal", "limping"][next() % 2];
        f.insert("weight_bearing".into(), walking.into());
        // Wherever the pain is worst: the history decides, not the site.
        let sites = &bank.vocab.findings["pain_location"].values;
        f.insert("pain_location".into(), sites[next() % sites.len()].clone());
        // One of the patterns that mean an avulsion cannot be ruled out:
        // sudden weakness of the hamstring, or a heavy lift or a forced
        // split with a pop or bruising; within six weeks.
        let duration = ["under_2_weeks", "2_to_6_weeks"][next() % 2];
        f.insert("onset".into(), "sudden".into());
        f.insert("duration".into(), duration.into());
        match i % 3 {
            0 => {
                f.insert("weakness".into(), "hamstring".into());
            }
            _ => {
                let mechanism = ["heavy_lift", "forced_split"][i % 2];
                f.insert("mechanism".into(), mechanism.into());
                let sign = ["pop", "bruising"][next() % 2];
                f.insert(sign.into(), "true".into());
            }
        }
        let out = triage(&bank, &interview(&bank, &f).unwrap());
        if !out.red_flags.is_empty() {
            continue;
        }
        checked += 1;
        let top = &bank.diagnoses[out.ranked[0].diagnosis].id;
        let in_view = out.ranked[..3]
            .iter()
            .any(|r| bank.diagnoses[r.diagnosis].id == "hamstring_avulsion");
        if (out.urgency.0 < urgent || !in_view) && failures.len() < 10 {
            failures.push(format!(
                "{} (top {top}, avulsion in the first three: {in_view}) for {f:?}",
                bank.vocab.urgency_id(out.urgency)
            ));
        }
    }
    // Not a vacuous pass: most draws fire no red flag.
    assert!(checked * 2 > runs, "only {checked}/{runs} checked");
    assert!(
        failures.is_empty(),
        "under-triaged:\n{}",
        failures.join("\n")
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Random answers everywhere: the walk ends, every flag keeps its floor,
    /// and "Not sure" never gives a lower urgency than a plain "no".
    #[test]
    fn random_paths_are_safe(picks in proptest::collection::vec(any::<u32>(), 40)) {
        let bank = bank();
        let mut w = Walker::new(&bank);
        let mut seen = Vec::new();
        let mut i = 0;
        while let Some(q) = w.pending() {
            prop_assert!(i < picks.len(), "the walk did not end");
            let answers = valid_answers(&bank, q);
            let a = answers[picks[i] as usize % answers.len()].clone();
            i += 1;
            let before = w.walk().findings.clone();
            w.answer(&a).unwrap();
            let step = w.walk().steps.len() - 1;
            seen.extend(new_flags(&before, &w.walk().findings).into_iter().map(|f| (f, step)));
        }
        let mut failures = Vec::new();
        check_finished(&bank, &w, &seen, &mut failures);
        prop_assert!(failures.is_empty(), "{:?}", failures);

        let walk_done = w.walk();
        let urgency = triage(&bank, &walk_done).urgency;
        let answers: Answers = walk_done.steps.iter().map(|s| (s.question, s.chosen.clone())).collect();
        for s in &walk_done.steps {
            let question = &bank.questions[s.question];
            if s.chosen.iter().any(|&o| question.options[o].not_sure) {
                let mut alt = answers.clone();
                alt.insert(s.question, plain_no(&bank, s.question));
                let alt_walk = walk(&bank, &alt);
                prop_assert!(urgency >= triage(&bank, &alt_walk).urgency,
                    "Not sure at {} lowered the urgency", question.id);
            }
        }
    }
}

/// The result for a patient who states these findings (the rest default).
fn triage_of(bank: &Bank, pairs: &[(&str, &str)]) -> hamstring_triage::engine::Outcome {
    triage(bank, &interview(bank, &findings(pairs)).unwrap())
}

/// The presentations that harm when under-triaged, written from the
/// guidelines rather than from the bank: each gets at least its urgency and
/// keeps its serious diagnosis among the first three.
#[test]
fn the_serious_mimics_get_the_care_they_need() {
    let bank = bank();
    // (what the patient has, their answers, the diagnosis to keep in view,
    // the least urgency)
    type Mimic<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a str, &'a str);
    let cases: &[Mimic] = &[
        (
            "a runner whose bone aches on hopping",
            &[
                ("main_activity", "running"),
                ("training_change", "true"),
                ("pain_location", "deep_buttock"),
                ("hop_pain", "true"),
                ("sex", "female"),
            ],
            "stress_fracture",
            "urgent",
        ),
        (
            "thin bones, a sit-bone ache and pain on hopping",
            &[
                ("age_band", "65_plus"),
                ("osteoporosis_or_steroids", "true"),
                ("pain_location", "sit_bone"),
                ("hop_pain", "true"),
            ],
            "stress_fracture",
            "urgent",
        ),
        (
            "an ache in the back of the thigh ten days after an operation",
            &[
                ("recent_immobility", "true"),
                ("duration", "under_2_weeks"),
                ("pain_location", "back_of_thigh"),
            ],
            "dvt",
            "urgent",
        ),
        (
            "constant back and buttock pain at rest in someone who injects drugs, no fever",
            &[
                ("mechanism", "none"),
                ("pain_location", "low_back_and_buttock"),
                ("back_pain", "true"),
                ("night_pain", "true"),
                ("infection_risk", "true"),
                ("duration", "2_to_6_weeks"),
            ],
            "serious_pathology",
            "urgent",
        ),
        (
            "new rest and night pain past 65, no cancer history",
            &[
                ("age_band", "65_plus"),
                ("mechanism", "none"),
                ("pain_location", "low_back_and_buttock"),
                ("back_pain", "true"),
                ("night_pain", "true"),
                ("duration", "6_weeks_to_6_months"),
            ],
            "serious_pathology",
            "soon",
        ),
        (
            "a child with a fever and a limp",
            &[
                ("age_band", "under_12"),
                ("fever", "true"),
                ("weight_bearing", "limping"),
                ("pain_location", "groin"),
            ],
            "paediatric_hip",
            "emergency",
        ),
        (
            "an older adult who fell and cannot stand",
            &[
                ("age_band", "65_plus"),
                ("onset", "sudden"),
                ("mechanism", "fall_onto_buttock"),
                ("weight_bearing", "unable"),
                ("pain_location", "lateral_hip"),
            ],
            "hip_fracture",
            "emergency",
        ),
        (
            "an older adult who fell and limps",
            &[
                ("age_band", "65_plus"),
                ("onset", "sudden"),
                ("mechanism", "fall_onto_buttock"),
                ("weight_bearing", "limping"),
                ("pain_location", "deep_buttock"),
            ],
            "hip_fracture",
            "urgent",
        ),
        (
            "sudden back and buttock pain at rest in an older smoker",
            &[
                ("age_band", "65_plus"),
                ("vascular_risk", "true"),
                ("onset", "sudden"),
                ("mechanism", "none"),
                ("duration", "under_2_weeks"),
                ("pain_location", "low_back_and_buttock"),
                ("back_pain", "true"),
            ],
            "aortic_aneurysm",
            "emergency",
        ),
        (
            "a cancer history with new buttock pain",
            &[
                ("age_band", "50_to_64"),
                ("cancer_history", "true"),
                ("pain_location", "deep_buttock"),
            ],
            "serious_pathology",
            "soon",
        ),
        (
            "a new foot drop with sit-bone pain",
            &[
                ("pain_location", "sit_bone"),
                ("weakness", "foot_or_ankle"),
                ("worse_sitting", "true"),
                ("tender_sit_bone", "true"),
            ],
            "lumbar_radiculopathy",
            "urgent",
        ),
        (
            "a limping teenager with groin pain",
            &[
                ("age_band", "12_to_17"),
                ("pain_location", "groin"),
                ("weight_bearing", "limping"),
                ("duration", "2_to_6_weeks"),
            ],
            "paediatric_hip",
            "urgent",
        ),
        (
            "a fever after an injection near the hip, with diabetes",
            &[
                ("age_band", "50_to_64"),
                ("infection_risk", "true"),
                ("fever", "true"),
                ("pain_location", "groin"),
                ("weight_bearing", "limping"),
            ],
            "serious_pathology",
            "emergency",
        ),
        (
            "a strain on a blood thinner with a tense, bruised thigh",
            &[
                ("anticoagulant", "true"),
                ("onset", "sudden"),
                ("mechanism", "sprint_or_kick"),
                ("bruising", "true"),
                ("pain_location", "back_of_thigh"),
                ("pain_quality", "tight_or_bursting"),
            ],
            "haematoma",
            "urgent",
        ),
    ];
    let mut failures = Vec::new();
    for (name, findings, diagnosis, floor) in cases {
        let out = triage_of(&bank, findings);
        let top3: Vec<&str> = out.ranked[..3]
            .iter()
            .map(|r| bank.diagnoses[r.diagnosis].id.as_str())
            .collect();
        if out.urgency.0 < urgency_rank(&bank, floor) || !top3.contains(diagnosis) {
            failures.push(format!(
                "{name}: {} {top3:?}, needs {floor} with {diagnosis}",
                bank.vocab.urgency_id(out.urgency)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // And the other way: sore hamstrings in both legs after deadlifts are
    // not a cauda equina emergency.
    let out = triage_of(
        &bank,
        &[
            ("main_activity", "strength_training"),
            ("duration", "under_2_weeks"),
            ("pain_location", "back_of_thigh"),
        ],
    );
    assert!(out.urgency.0 < urgency_rank(&bank, "urgent"), "{out:?}");
}

/// No stretching, massage or "keep walking" while a clot, a bleed, a
/// fracture or a child's hip is in view; ordinary results keep their
/// self-care.
#[test]
fn self_care_is_held_back_while_a_clot_bleed_or_fracture_is_in_view() {
    let bank = bank();
    let run = |pairs: &[(&str, &str)]| triage_of(&bank, pairs);
    let clot = run(&[
        ("recent_immobility", "true"),
        ("duration", "under_2_weeks"),
        ("pain_location", "back_of_thigh"),
    ]);
    assert!(clot.self_care_held, "{clot:?}");
    let fall = run(&[
        ("age_band", "65_plus"),
        ("onset", "sudden"),
        ("mechanism", "fall_onto_buttock"),
        ("weight_bearing", "limping"),
    ]);
    assert!(fall.self_care_held);
    let tendon = run(&[
        ("main_activity", "running"),
        ("pain_location", "sit_bone"),
        ("tender_sit_bone", "true"),
        ("worse_sitting", "true"),
        ("duration", "6_weeks_to_6_months"),
    ]);
    assert!(!tendon.self_care_held, "{tendon:?}");
}

/// Findings that largely say one thing count about once: in a group, the
/// strongest weight for a diagnosis counts in full and the others are damped.
#[test]
fn grouped_findings_count_about_once() {
    let bank = bank();
    let group = bank
        .groups
        .iter()
        .find(|g| g.findings.iter().any(|k| k == "tender_sit_bone"))
        .expect("a sit-bone group");
    let f = findings(&[
        ("pain_location", "sit_bone"),
        ("tender_sit_bone", "true"),
        ("worse_sitting", "true"),
    ]);
    let d = bank.diagnosis_index("ischial_bursitis").unwrap();
    let r = hamstring_triage::engine::rank(&bank, &f)
        .into_iter()
        .find(|r| r.diagnosis == d)
        .unwrap();
    let c: Vec<_> = r.because.iter().chain(&r.against).collect();
    let full: Vec<_> = c.iter().filter(|c| !c.damped).collect();
    let damped: Vec<_> = c.iter().filter(|c| c.damped).collect();
    assert_eq!(full.len(), 1, "{c:?}");
    assert_eq!(damped.len(), 2, "{c:?}");
    for x in &damped {
        let raw = bank.diagnoses[d].evidence[&x.finding][&x.value];
        assert!((x.weight - raw * group.damping).abs() < 1e-9);
        assert!(x.weight.abs() <= full[0].weight.abs());
    }
}
