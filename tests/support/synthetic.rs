//! Synthetic question banks of any size, for benchmarks and scale tests: valid
//! trees that load and validate clean, shaped like the real bank.
//!
//! A bank of `n` questions has the real bank's skeleton: an age question, the
//! cauda equina screen (multi-select, red flags that stop at once, a "Not sure"
//! with a floor), a main-complaint question whose 14 options each favour one of
//! 14 diagnoses, then a tree of router questions (up to 8 options each) fanning
//! out to sections. A section is a chain of diamonds: a single-choice question
//! whose answers lead to one of two follow-ups (one single-choice, one
//! multi-select) or skip them, the branches joining again at the next diamond;
//! some carry a red-flag answer ("cannot walk") or a "Not sure". Every section
//! ends at the general red-flag screen (fever, a swollen leg, night pain with
//! weight loss or cancer), the last question before the result.
//!
//! The bank grows by width, as a real one would: a path asks about 20
//! questions whatever the size (the router tree adds one level per eightfold
//! growth), while the files grow in proportion to `n`.

// Included by the tests and benchmarks that need it; each uses a part.
#![allow(dead_code)]

use hamstring_triage::bank::{BankSources, Source, builtin_sources};
use std::fmt::Write as _;

/// How many diagnoses a synthetic bank has (as many as the real one).
pub const DIAGNOSES: usize = 14;

/// The smallest bank the generator builds.
pub const MIN_QUESTIONS: usize = 8;

/// Questions in a section, before the last sections take up the remainder.
const SECTION: usize = 15;
/// Options of a router question.
const FAN_OUT: usize = 8;

/// The findings the cauda equina screen asks (each a red flag that stops).
const CES: [&str; 5] = [
    "ces_bladder",
    "ces_bowel",
    "ces_saddle",
    "ces_sexual",
    "ces_both_legs",
];
/// The findings the general red-flag screen asks.
const GENERAL: [&str; 5] = [
    "rf_fever",
    "rf_whole_leg_swelling",
    "rf_night_pain",
    "rf_weight_loss",
    "rf_cancer_history",
];

/// The id of the `i`th diagnosis.
pub fn diagnosis_id(i: usize) -> String {
    format!("dx_{i:02}")
}

struct Opt {
    id: String,
    label: String,
    sets: Vec<(String, String)>,
    unticked: Vec<(String, String)>,
    next: Option<String>,
    not_sure: bool,
    none: bool,
    floor: Option<&'static str>,
}

impl Opt {
    fn new(id: impl Into<String>, label: impl Into<String>) -> Self {
        Opt {
            id: id.into(),
            label: label.into(),
            sets: Vec::new(),
            unticked: Vec::new(),
            next: None,
            not_sure: false,
            none: false,
            floor: None,
        }
    }

    fn sets(mut self, key: &str, value: &str) -> Self {
        self.sets.push((key.to_string(), value.to_string()));
        self
    }

    fn unticked(mut self, key: &str, value: &str) -> Self {
        self.unticked.push((key.to_string(), value.to_string()));
        self
    }

    fn next(mut self, next: &str) -> Self {
        self.next = Some(next.to_string());
        self
    }
}

struct Question {
    id: String,
    multi: bool,
    theme: &'static str,
    patient: String,
    clinician: String,
    why: String,
    next: Option<String>,
    options: Vec<Opt>,
}

/// A finding of the vocabulary: key, values (`None` for yes/no) and default.
struct FindingDef {
    key: String,
    values: Option<Vec<String>>,
    default: String,
}

/// Builds the sources of a bank with `n` questions (at least
/// [`MIN_QUESTIONS`]). The art and any other files are the built-in ones.
pub fn bank_sources(n: usize) -> BankSources {
    Generator::new(n.max(MIN_QUESTIONS)).finish()
}

/// A case file (TOML) for a synthetic bank: a patient whose complaint favours
/// diagnosis `d` and who has none of the red flags.
pub fn case_text(d: usize) -> String {
    format!(
        "[case]\nid = \"synthetic-{d:02}\"\ntitle = \"Synthetic patient\"\n\n[findings]\ncomplaint = \"c_{:02}\"\n",
        d % DIAGNOSES
    )
}

/// One diagnosis's evidence: (finding, [(value, likelihood ratio)]).
type Evidence = Vec<(String, Vec<(String, f64)>)>;

struct Generator {
    n: usize,
    questions: Vec<Question>,
    findings: Vec<FindingDef>,
    /// Per diagnosis.
    evidence: Vec<Evidence>,
}

impl Generator {
    fn new(n: usize) -> Self {
        Generator {
            n,
            questions: Vec::with_capacity(n),
            findings: Vec::new(),
            evidence: vec![Vec::new(); DIAGNOSES],
        }
    }

    fn finding(&mut self, key: &str, values: Option<&[&str]>, default: &str) {
        self.findings.push(FindingDef {
            key: key.to_string(),
            values: values.map(|v| v.iter().map(|s| s.to_string()).collect()),
            default: default.to_string(),
        });
    }

    fn lr(&mut self, d: usize, key: &str, values: &[(&str, f64)]) {
        self.evidence[d].push((
            key.to_string(),
            values.iter().map(|(v, lr)| (v.to_string(), *lr)).collect(),
        ));
    }

    fn finish(mut self) -> BankSources {
        let n = self.n;
        // The fixed head: age, the cauda equina screen, the main complaint.
        // The general screen is last, so sections get `n - 4 - routers`.
        let mut sections = ((n - 4) / (SECTION + 1)).max(1);
        while sections > 1 && n - 4 - routers(sections) < sections {
            sections -= 1;
        }
        let section_questions = n - 4 - routers(sections);
        // Index layout: 0 age, 1 screen, 2 complaint, then routers, then the
        // sections, and the general screen last.
        let router_count = routers(sections);
        let first_section = 3 + router_count;
        let general = n - 1;
        let qid = |i: usize| format!("q{i}");

        // Section starts and sizes.
        let mut starts = Vec::with_capacity(sections);
        let mut at = first_section;
        for s in 0..sections {
            let size = section_questions / sections + usize::from(s < section_questions % sections);
            starts.push((at, size));
            at += size;
        }
        debug_assert_eq!(at, general);

        self.head(&qid, router_count, &starts);
        self.router_tree(&qid, &starts);
        for (s, &(start, size)) in starts.iter().enumerate() {
            self.section(&qid, s, start, size, general);
        }
        self.general_screen(&qid(general));
        debug_assert_eq!(self.questions.len(), n);
        self.sources()
    }

    fn head(
        &mut self,
        qid: &dyn Fn(usize) -> String,
        router_count: usize,
        starts: &[(usize, usize)],
    ) {
        self.finding(
            "age_band",
            Some(&["under_12", "12_to_17", "18_to_49", "50_to_64", "65_plus"]),
            "18_to_49",
        );
        self.questions.push(Question {
            id: qid(0),
            multi: false,
            theme: "general",
            patient: "How old are you?".into(),
            clinician: "Age band".into(),
            why: "Age changes the likely causes.".into(),
            next: Some(qid(1)),
            options: ["under_12", "12_to_17", "18_to_49", "50_to_64", "65_plus"]
                .iter()
                .map(|v| Opt::new(*v, v.replace('_', " ")).sets("age_band", v))
                .collect(),
        });

        let mut screen = Vec::new();
        for key in CES {
            self.finding(key, None, "false");
            screen.push(
                Opt::new(key, format!("New {}", key.replace('_', " ")))
                    .sets(key, "true")
                    .unticked(key, "false"),
            );
        }
        let mut none = Opt::new("none", "None of these");
        none.none = true;
        screen.push(none);
        let mut unsure = Opt::new("not_sure", "Not sure");
        unsure.not_sure = true;
        unsure.floor = Some("urgent");
        screen.push(unsure);
        self.questions.push(Question {
            id: qid(1),
            multi: true,
            theme: "red_flags",
            patient: "Since this pain started, have you noticed any of these? Tick any that apply."
                .into(),
            clinician: "Cauda equina screen".into(),
            why: "The warning signs of cauda equina syndrome, asked of everyone, first.".into(),
            next: Some(qid(2)),
            options: screen,
        });

        let values: Vec<String> = (0..DIAGNOSES).map(|d| format!("c_{d:02}")).collect();
        let value_refs: Vec<&str> = values.iter().map(String::as_str).collect();
        self.finding("complaint", Some(&value_refs), &values[0]);
        for (d, v) in values.iter().enumerate() {
            self.lr(d, "complaint", &[(v, 8.0)]);
        }
        let after = if router_count > 0 {
            qid(3)
        } else {
            qid(starts[0].0)
        };
        self.questions.push(Question {
            id: qid(2),
            multi: false,
            theme: "general",
            patient: "What bothers you most?".into(),
            clinician: "Main complaint".into(),
            why: "The main complaint points to the likeliest cause.".into(),
            next: Some(after),
            options: values
                .iter()
                .enumerate()
                .map(|(d, v)| {
                    Opt::new(
                        v.as_str(),
                        format!("Complaint typical of {}", diagnosis_id(d)),
                    )
                    .sets("complaint", v)
                })
                .collect(),
        });
    }

    /// Router questions, root first (at index 3), each leading to up to
    /// `FAN_OUT` routers of the level below or to sections.
    fn router_tree(&mut self, qid: &dyn Fn(usize) -> String, starts: &[(usize, usize)]) {
        // Build the levels bottom-up, then number them top-down.
        let mut levels: Vec<usize> = Vec::new();
        let mut width = starts.len();
        while width > 1 {
            width = width.div_ceil(FAN_OUT);
            levels.push(width);
        }
        levels.reverse();
        // The first index of each level, top-down.
        let mut first = 3;
        let mut level_first = Vec::new();
        for &w in &levels {
            level_first.push(first);
            first += w;
        }
        for (l, &w) in levels.iter().enumerate() {
            let below = levels.get(l + 1).copied().unwrap_or(starts.len());
            for r in 0..w {
                let i = level_first[l] + r;
                let key = qid(i);
                let children: Vec<usize> = (r * FAN_OUT..((r + 1) * FAN_OUT).min(below)).collect();
                let values: Vec<String> = (0..children.len()).map(|k| format!("o{k}")).collect();
                let value_refs: Vec<&str> = values.iter().map(String::as_str).collect();
                self.finding(&key, Some(&value_refs), &values[0]);
                let options = children
                    .iter()
                    .zip(&values)
                    .map(|(&c, v)| {
                        let target = match level_first.get(l + 1) {
                            Some(f) => qid(f + c),
                            None => qid(starts[c].0),
                        };
                        Opt::new(v.as_str(), format!("Mostly in area {c} of this region"))
                            .sets(&key, v)
                            .next(&target)
                    })
                    .collect();
                self.questions.push(Question {
                    id: key.clone(),
                    multi: false,
                    theme: "location",
                    patient: format!("Where is the pain worst? (region {i})"),
                    clinician: format!("Site of maximal pain, region {i}"),
                    why: "Where the pain is worst picks the questions that separate the causes found there."
                        .into(),
                    next: None,
                    options,
                });
            }
        }
    }

    /// Section `s`: `size` questions from index `start`, as diamonds, then
    /// single questions for the remainder; the last leads to `general`.
    fn section(
        &mut self,
        qid: &dyn Fn(usize) -> String,
        s: usize,
        start: usize,
        size: usize,
        general: usize,
    ) {
        let theme_dx = s % DIAGNOSES;
        let end = start + size;
        let mut i = start;
        while i < end {
            if end - i >= 3 {
                let join = if i + 3 < end {
                    qid(i + 3)
                } else {
                    qid(general)
                };
                self.diamond(qid, i, theme_dx, &join);
                i += 3;
            } else {
                let next = if i + 1 < end {
                    qid(i + 1)
                } else {
                    qid(general)
                };
                self.single(qid, i, theme_dx, &next, &next, &next);
                i += 1;
            }
        }
    }

    fn diamond(&mut self, qid: &dyn Fn(usize) -> String, i: usize, dx: usize, join: &str) {
        self.single(qid, i, dx, &qid(i + 1), &qid(i + 2), join);
        self.single(qid, i + 1, dx, join, join, join);
        self.multi(qid, i + 2, dx, join);
    }

    /// A single-choice question: "yes" leads to `yes`, "partly" to `partly`,
    /// "no" to `no`; every fourth has a "Not sure", every tenth a red-flag
    /// answer.
    fn single(
        &mut self,
        qid: &dyn Fn(usize) -> String,
        i: usize,
        dx: usize,
        yes: &str,
        partly: &str,
        no: &str,
    ) {
        let key = qid(i);
        self.finding(&key, Some(&["yes", "partly", "no"]), "no");
        self.lr(dx, &key, &[("yes", 2.0), ("partly", 1.2), ("no", 0.9)]);
        let mut options = vec![
            Opt::new("yes", "Yes, clearly").sets(&key, "yes").next(yes),
            Opt::new("partly", "Sometimes, or a little")
                .sets(&key, "partly")
                .next(partly),
            Opt::new("no", "No").sets(&key, "no").next(no),
        ];
        if i.is_multiple_of(4) {
            let mut o = Opt::new("not_sure", "Not sure").next(no);
            o.not_sure = true;
            options.push(o);
        }
        if i.is_multiple_of(10) {
            options.push(
                Opt::new("cannot_walk", "It hurts too much to stand or walk")
                    .sets("rf_unable_to_walk", "true")
                    .next(no),
            );
        }
        self.questions.push(Question {
            id: key,
            multi: false,
            theme: "features",
            patient: format!(
                "Does the pain come on with movement {i}, such as a lunge or a stride?"
            ),
            clinician: format!("Pain provoked by test {i}"),
            why: format!(
                "Pain with this movement points towards {}.",
                diagnosis_id(dx)
            ),
            next: None,
            options,
        });
    }

    fn multi(&mut self, qid: &dyn Fn(usize) -> String, i: usize, dx: usize, next: &str) {
        let base = qid(i);
        let mut options = Vec::new();
        for k in 1..=3 {
            let key = format!("{base}_{k}");
            self.finding(&key, None, "false");
            self.lr(dx, &key, &[("true", 1.5)]);
            options.push(
                Opt::new(format!("sign_{k}"), format!("Sign {k} of this group"))
                    .sets(&key, "true")
                    .unticked(&key, "false"),
            );
        }
        let mut none = Opt::new("none", "None of these");
        none.none = true;
        options.push(none);
        self.questions.push(Question {
            id: base,
            multi: true,
            theme: "features",
            patient: format!("Which of these have you noticed (group {i})? Tick any that apply."),
            clinician: format!("Associated features, group {i}"),
            why: format!("These features go with {}.", diagnosis_id(dx)),
            next: Some(next.to_string()),
            options,
        });
    }

    fn general_screen(&mut self, id: &str) {
        self.finding("rf_unable_to_walk", None, "false");
        let mut options = Vec::new();
        for key in GENERAL {
            self.finding(key, None, "false");
            options.push(
                Opt::new(key, key.trim_start_matches("rf_").replace('_', " "))
                    .sets(key, "true")
                    .unticked(key, "false"),
            );
        }
        let mut none = Opt::new("none", "None of these");
        none.none = true;
        options.push(none);
        self.questions.push(Question {
            id: id.to_string(),
            multi: true,
            theme: "red_flags",
            patient: "Have you had any of these? Tick any that apply.".into(),
            clinician: "General red-flag screen".into(),
            why: "Infection, a clot and cancer can all cause this pain and need a doctor soon."
                .into(),
            next: Some("result".into()),
            options,
        });
    }

    fn sources(self) -> BankSources {
        let must_ask: Vec<String> = CES
            .iter()
            .chain(GENERAL.iter())
            .map(|k| format!("\"{k}\""))
            .collect();
        let bank = format!(
            "[bank]\nname = \"Synthetic bank of {} questions\"\nversion = \"0.0.1\"\nstart = \"q0\"\nlikely_threshold = 0.5\nmust_ask = [{}]\nlanguages = [\"en\"]\n",
            self.n,
            must_ask.join(", ")
        );

        let mut findings = String::with_capacity(self.findings.len() * 120);
        for f in &self.findings {
            let values = match &f.values {
                None => "\"bool\"".to_string(),
                Some(v) => format!(
                    "[{}]",
                    v.iter()
                        .map(|v| format!("\"{v}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            let default = match f.values {
                None => f.default.clone(),
                Some(_) => format!("\"{}\"", f.default),
            };
            let _ = write!(
                findings,
                "[finding.{}]\nvalues = {values}\ndefault = {default}\nmeans = \"Synthetic finding {}.\"\n\n",
                f.key, f.key
            );
        }
        findings.push_str("[diagnosis]\n");
        for d in 0..DIAGNOSES {
            let _ = writeln!(
                findings,
                "{} = \"Synthetic diagnosis {d}.\"",
                diagnosis_id(d)
            );
        }
        findings.push_str(
            "\n[urgency]\nemergency = \"Now.\"\nurgent = \"Within 48 hours.\"\nsoon = \"Within 2 weeks.\"\nroutine = \"Book a visit.\"\nself_care = \"Look after it at home.\"\n",
        );

        let mut questions = String::with_capacity(self.questions.len() * 520);
        for q in &self.questions {
            let _ = write!(
                questions,
                "[[question]]\nid = \"{}\"\n{}theme = \"{}\"\npatient = \"{}\"\nclinician = \"{}\"\nwhy = \"{}\"\n",
                q.id,
                if q.multi { "kind = \"multi\"\n" } else { "" },
                q.theme,
                q.patient,
                q.clinician,
                q.why
            );
            if let Some(next) = &q.next {
                let _ = writeln!(questions, "next = \"{next}\"");
            }
            for o in &q.options {
                let _ = write!(
                    questions,
                    "\n[[question.option]]\nid = \"{}\"\nlabel = \"{}\"\n",
                    o.id, o.label
                );
                for (name, pairs) in [("sets", &o.sets), ("unticked", &o.unticked)] {
                    if !pairs.is_empty() {
                        let inner: Vec<String> = pairs
                            .iter()
                            .map(|(k, v)| format!("{k} = {}", literal(v)))
                            .collect();
                        let _ = writeln!(questions, "{name} = {{ {} }}", inner.join(", "));
                    }
                }
                if let Some(next) = &o.next {
                    let _ = writeln!(questions, "next = \"{next}\"");
                }
                if o.not_sure {
                    questions.push_str("not_sure = true\n");
                }
                if o.none {
                    questions.push_str("none = true\n");
                }
                if let Some(floor) = o.floor {
                    let _ = writeln!(questions, "floor = \"{floor}\"");
                }
            }
            questions.push('\n');
        }

        let urgency = ["emergency", "urgent", "soon", "routine", "self_care"];
        let mut diagnoses = String::new();
        let mut evidence = String::new();
        for d in 0..DIAGNOSES {
            let id = diagnosis_id(d);
            let _ = write!(
                diagnoses,
                "[diagnosis.{id}]\nname = \"Synthetic condition {d}\"\nclinician_name = \"Synthetic condition {d} (clinical)\"\nurgency = \"{}\"\nplain = \"What condition {d} is, in plain words.\"\nclinician = \"What condition {d} is, in clinical words.\"\ndo_now = \"What to do now.\"\nself_care = \"How to look after it.\"\nseek_care = \"When to get help sooner.\"\nwhere = \"Who to see.\"\nexamine = [\"An examination\"]\nimage = [\"An image\"]\n\n",
                urgency[1 + d % 4]
            );
            let _ = write!(
                evidence,
                "[diagnosis.{id}]\nprior = 0.05\n[diagnosis.{id}.lr]\n"
            );
            for (key, values) in &self.evidence[d] {
                let inner: Vec<String> =
                    values.iter().map(|(v, lr)| format!("{v} = {lr}")).collect();
                let _ = writeln!(evidence, "{key} = {{ {} }}", inner.join(", "));
            }
            evidence.push('\n');
        }

        let flag = |id: &str, urgency: &str, dx: usize, when: &str, any: &str| {
            format!(
                "[[red_flag]]\nid = \"{id}\"\nurgency = \"{urgency}\"\nstop = true\ndiagnosis = \"{}\"\ndiagnosis_first = true\nwhen = {{ {when} }}\n{any}title = \"Red flag {id}\"\npatient = \"This needs a doctor soon.\"\nclinician = \"Red flag: {id}.\"\n\n",
                diagnosis_id(dx)
            )
        };
        let mut red_flags = String::new();
        for key in CES {
            red_flags.push_str(&flag(key, "emergency", 0, &format!("{key} = [true]"), ""));
        }
        red_flags.push_str(&flag("rf_fever", "urgent", 1, "rf_fever = [true]", ""));
        red_flags.push_str(&flag(
            "rf_dvt",
            "urgent",
            2,
            "rf_whole_leg_swelling = [true]",
            "",
        ));
        red_flags.push_str(&flag(
            "rf_tumour",
            "urgent",
            3,
            "rf_night_pain = [true]",
            "any = { rf_weight_loss = [true], rf_cancer_history = [true] }\n",
        ));
        red_flags.push_str(
            "[[red_flag]]\nid = \"rf_unable_to_walk\"\nurgency = \"urgent\"\nstop = true\nwhen = { rf_unable_to_walk = [true] }\ntitle = \"Cannot walk\"\npatient = \"This needs a doctor soon.\"\nclinician = \"Unable to bear weight.\"\n",
        );

        let file = |name: &str, text: String| Source::new(format!("synthetic/{name}"), text);
        BankSources {
            bank: file("bank.toml", bank),
            findings: file("findings.toml", findings),
            questions: file("questions.toml", questions),
            diagnoses: file("diagnoses.toml", diagnoses),
            evidence: file("evidence.toml", evidence),
            red_flags: file("red_flags.toml", red_flags),
            ..builtin_sources()
        }
    }
}

/// How many router questions a tree over `sections` sections needs.
pub fn routers(sections: usize) -> usize {
    let mut total = 0;
    let mut width = sections;
    while width > 1 {
        width = width.div_ceil(FAN_OUT);
        total += width;
    }
    total
}

/// A value as TOML: booleans bare, everything else quoted.
fn literal(v: &str) -> String {
    match v {
        "true" | "false" => v.to_string(),
        _ => format!("\"{v}\""),
    }
}
