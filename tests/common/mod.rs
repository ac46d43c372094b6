//! Helpers shared by the integration tests: the shared cases folder and the
//! safety floors as the shared contract states them, independent of the bank.

#![allow(dead_code)]

use std::path::PathBuf;

use hamstring_triage::bank::{Bank, Findings};

/// `../shared` beside the repository, or `HAMSTRING_SHARED`. Fails loudly when
/// absent: a missing folder must never pass as "no cases".
pub fn shared_dir() -> PathBuf {
    let dir = std::env::var_os("HAMSTRING_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    assert!(
        dir.join("cases").is_dir(),
        "the shared folder with cases is missing: expected {}/cases (set HAMSTRING_SHARED to its path)",
        dir.display()
    );
    dir
}

/// Every `*.toml` file in a folder, sorted.
pub fn toml_files(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

pub fn shared_cases() -> Vec<PathBuf> {
    let files = toml_files(&shared_dir().join("cases"));
    assert!(
        !files.is_empty(),
        "the shared cases folder holds no case files"
    );
    files
}

/// The project's own case library (practice mode), also held to the bar.
pub fn library_cases() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("questions/cases");
    if dir.is_dir() {
        toml_files(&dir)
    } else {
        Vec::new()
    }
}

pub fn bank() -> Bank {
    Bank::builtin().unwrap_or_else(|p| panic!("built-in bank: {p:?}"))
}

/// One safety floor as the shared contract (version 2) states it, written
/// here independently of the bank: a test on the findings, the least
/// urgency it allows, whether it ends the questionnaire at once, and probes
/// (findings to add to a case so that it must fire), as
/// `../shared/tools/floors.py` has them.
pub struct Flag {
    pub name: &'static str,
    pub holds: fn(&Findings) -> bool,
    pub probes: &'static [&'static [(&'static str, &'static str)]],
    pub floor: &'static str,
    /// Ends the questionnaire at once with emergency advice.
    pub stops: bool,
}

fn is(f: &Findings, key: &str, values: &[&str]) -> bool {
    f.get(key).is_some_and(|v| values.contains(&v.as_str()))
}

const CHILD: &[&str] = &["under_12", "12_to_17"];
const LIMP: &[&str] = &["limping", "unable"];

pub const FLAGS: &[Flag] = &[
    Flag {
        name: "cauda equina",
        holds: |f| {
            is(
                f,
                "bladder",
                &[
                    "reduced_sensation",
                    "difficulty_or_retention",
                    "incontinence",
                ],
            ) || is(f, "bowel_incontinence", &["true"])
                || is(f, "saddle_numbness", &["true"])
                || is(f, "new_sexual_dysfunction", &["true"])
                || is(f, "both_legs", &["true"])
                || is(f, "weakness", &["both_legs"])
        },
        probes: &[
            &[("bladder", "reduced_sensation")],
            &[("bladder", "difficulty_or_retention")],
            &[("bladder", "incontinence")],
            &[("bowel_incontinence", "true")],
            &[("saddle_numbness", "true")],
            &[("new_sexual_dysfunction", "true")],
            &[("both_legs", "true")],
            &[("weakness", "both_legs"), ("both_legs", "true")],
            &[("weakness", "both_legs")],
        ],
        floor: "emergency",
        stops: true,
    },
    Flag {
        name: "breathless or chest pain",
        holds: |f| is(f, "breathless_or_chest_pain", &["true"]),
        probes: &[&[("breathless_or_chest_pain", "true")]],
        floor: "emergency",
        stops: true,
    },
    Flag {
        name: "tearing pain or faint",
        holds: |f| is(f, "tearing_pain_or_faint", &["true"]),
        probes: &[&[("tearing_pain_or_faint", "true")]],
        floor: "emergency",
        stops: true,
    },
    Flag {
        name: "child with fever and a limp",
        holds: |f| {
            is(f, "fever", &["true"]) && is(f, "age_band", CHILD) && is(f, "weight_bearing", LIMP)
        },
        probes: &[
            &[
                ("fever", "true"),
                ("age_band", "under_12"),
                ("weight_bearing", "limping"),
            ],
            &[
                ("fever", "true"),
                ("age_band", "12_to_17"),
                ("weight_bearing", "unable"),
            ],
        ],
        floor: "emergency",
        stops: false,
    },
    Flag {
        name: "older adult fell and cannot bear weight",
        holds: |f| {
            is(f, "age_band", &["65_plus"])
                && is(f, "mechanism", &["fall_onto_buttock"])
                && is(f, "weight_bearing", &["unable"])
        },
        probes: &[&[
            ("age_band", "65_plus"),
            ("onset", "sudden"),
            ("mechanism", "fall_onto_buttock"),
            ("weight_bearing", "unable"),
        ]],
        floor: "emergency",
        stops: false,
    },
    Flag {
        name: "older adult fell and limps",
        holds: |f| {
            is(f, "age_band", &["65_plus"])
                && is(f, "mechanism", &["fall_onto_buttock"])
                && is(f, "weight_bearing", &["limping"])
        },
        probes: &[&[
            ("age_band", "65_plus"),
            ("onset", "sudden"),
            ("mechanism", "fall_onto_buttock"),
            ("weight_bearing", "limping"),
        ]],
        floor: "urgent",
        stops: false,
    },
    Flag {
        name: "fever",
        holds: |f| is(f, "fever", &["true"]),
        probes: &[&[("fever", "true")]],
        floor: "urgent",
        stops: false,
    },
    Flag {
        name: "whole-leg swelling",
        holds: |f| is(f, "leg_swelling", &["whole_leg"]),
        probes: &[&[("leg_swelling", "whole_leg")]],
        floor: "urgent",
        stops: false,
    },
    Flag {
        name: "cannot bear weight",
        holds: |f| is(f, "weight_bearing", &["unable"]),
        probes: &[&[("weight_bearing", "unable")]],
        floor: "urgent",
        stops: false,
    },
    Flag {
        name: "new foot drop",
        holds: |f| is(f, "weakness", &["foot_or_ankle"]),
        probes: &[&[("weakness", "foot_or_ankle")]],
        floor: "urgent",
        stops: false,
    },
    Flag {
        name: "possible clot after immobility",
        holds: |f| {
            is(f, "recent_immobility", &["true"])
                && is(f, "duration", &["under_2_weeks"])
                && is(f, "mechanism", &["none"])
                && (is(f, "pain_location", &["back_of_thigh"])
                    || is(f, "radiation", &["below_knee"]))
        },
        probes: &[
            &[
                ("recent_immobility", "true"),
                ("duration", "under_2_weeks"),
                ("mechanism", "none"),
                ("pain_location", "back_of_thigh"),
            ],
            &[
                ("recent_immobility", "true"),
                ("duration", "under_2_weeks"),
                ("mechanism", "none"),
                ("radiation", "below_knee"),
            ],
        ],
        floor: "urgent",
        stops: false,
    },
    Flag {
        name: "injury on a blood thinner",
        holds: |f| {
            is(f, "anticoagulant", &["true"])
                && is(f, "onset", &["sudden"])
                && f.get("mechanism").is_some_and(|m| m != "none")
        },
        probes: &[
            &[
                ("anticoagulant", "true"),
                ("onset", "sudden"),
                ("mechanism", "sprint_or_kick"),
            ],
            &[
                ("anticoagulant", "true"),
                ("onset", "sudden"),
                ("mechanism", "fall_onto_buttock"),
            ],
        ],
        floor: "urgent",
        stops: false,
    },
    Flag {
        name: "cancer history with a warning sign",
        holds: |f| {
            is(f, "cancer_history", &["true"])
                && (is(f, "night_pain", &["true"])
                    || is(f, "weight_loss", &["true"])
                    || f.get("weakness").is_some_and(|w| w != "none")
                    || is(f, "leg_numbness", &["true"]))
        },
        probes: &[
            &[("cancer_history", "true"), ("night_pain", "true")],
            &[("cancer_history", "true"), ("weight_loss", "true")],
            &[("cancer_history", "true"), ("weakness", "hamstring")],
            &[("cancer_history", "true"), ("leg_numbness", "true")],
        ],
        floor: "urgent",
        stops: false,
    },
    Flag {
        name: "night pain with weight loss",
        holds: |f| is(f, "night_pain", &["true"]) && is(f, "weight_loss", &["true"]),
        probes: &[&[("night_pain", "true"), ("weight_loss", "true")]],
        floor: "urgent",
        stops: false,
    },
    Flag {
        name: "child with a limp",
        holds: |f| is(f, "age_band", &["under_12"]) && is(f, "weight_bearing", LIMP),
        probes: &[&[("age_band", "under_12"), ("weight_bearing", "limping")]],
        floor: "urgent",
        stops: false,
    },
    Flag {
        name: "adolescent hip pain with a limp",
        holds: |f| {
            is(f, "age_band", &["12_to_17"])
                && is(f, "pain_location", &["groin", "lateral_hip"])
                && is(f, "weight_bearing", LIMP)
        },
        probes: &[
            &[
                ("age_band", "12_to_17"),
                ("pain_location", "groin"),
                ("weight_bearing", "limping"),
            ],
            &[
                ("age_band", "12_to_17"),
                ("pain_location", "lateral_hip"),
                ("weight_bearing", "limping"),
            ],
        ],
        floor: "urgent",
        stops: false,
    },
    Flag {
        name: "cancer history",
        holds: |f| is(f, "cancer_history", &["true"]),
        probes: &[&[("cancer_history", "true")]],
        floor: "soon",
        stops: false,
    },
    Flag {
        name: "walking pain with vascular risk",
        holds: |f| {
            is(f, "walking_pain", &["eases_standing_still"]) && is(f, "vascular_risk", &["true"])
        },
        probes: &[&[
            ("walking_pain", "eases_standing_still"),
            ("vascular_risk", "true"),
        ]],
        floor: "soon",
        stops: false,
    },
];

impl Flag {
    pub fn holds(&self, findings: &Findings) -> bool {
        (self.holds)(findings)
    }
}

/// Findings from (key, value) pairs.
pub fn findings(pairs: &[(&str, &str)]) -> Findings {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

pub fn urgency_rank(bank: &Bank, id: &str) -> u8 {
    bank.vocab
        .urgency(id)
        .unwrap_or_else(|| panic!("unknown urgency {id}"))
        .0
}
