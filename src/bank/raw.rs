//! The bank's TOML files exactly as written, with spans kept for checks that
//! serde cannot do (dangling `next`, unknown findings, cycles).

use serde::Deserialize;
use toml::Spanned;

pub type SpannedMap<V> = super::OrderedMap<Spanned<String>, V>;

/// `findings.toml`: the vocabulary.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingsFile {
    pub finding: SpannedMap<FindingDef>,
    pub diagnosis: SpannedMap<String>,
    pub urgency: SpannedMap<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingDef {
    pub values: Spanned<ValuesDef>,
    pub default: Spanned<toml::Value>,
    pub means: String,
}

#[derive(Debug)]
pub enum ValuesDef {
    /// `"bool"`: true or false.
    Kind(String),
    List(Vec<String>),
}

// By hand rather than `#[serde(untagged)]`, which copies every value into a
// buffer of its own before trying each kind: this is read for every finding.
impl<'de> Deserialize<'de> for ValuesDef {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = ValuesDef;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("\"bool\" or a list of values")
            }

            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<ValuesDef, E> {
                Ok(ValuesDef::Kind(s.to_string()))
            }

            fn visit_string<E: serde::de::Error>(self, s: String) -> Result<ValuesDef, E> {
                Ok(ValuesDef::Kind(s))
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                seq: A,
            ) -> Result<ValuesDef, A::Error> {
                Vec::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))
                    .map(ValuesDef::List)
            }
        }
        d.deserialize_any(Visit)
    }
}

/// `bank.toml`: what the bank is and where it starts.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BankFile {
    pub bank: BankInfo,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BankInfo {
    pub name: String,
    pub version: String,
    pub start: Spanned<String>,
    /// A diagnosis whose probability reaches this also sets the urgency.
    pub likely_threshold: Spanned<f64>,
    /// Findings every path must ask (or end on a red flag before).
    #[serde(default)]
    pub must_ask: Vec<Spanned<String>>,
    /// Languages the bank's texts are written in.
    #[serde(default)]
    pub languages: Vec<String>,
}

/// `questions.toml`: the decision tree.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionsFile {
    pub question: Vec<QuestionDef>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Choose exactly one option.
    #[default]
    Single,
    /// Tick any that apply.
    Multi,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionDef {
    pub id: Spanned<String>,
    #[serde(default)]
    pub kind: Kind,
    pub theme: String,
    pub patient: String,
    pub clinician: String,
    pub why: String,
    #[serde(default)]
    pub art: Option<Spanned<String>>,
    #[serde(default)]
    pub next: Option<Spanned<String>>,
    pub option: Vec<OptionDef>,
}

/// The findings an option sets (or leaves set when unticked): each key names
/// its value.
pub type Sets = SpannedMap<Spanned<toml::Value>>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionDef {
    pub id: Spanned<String>,
    pub label: String,
    #[serde(default)]
    pub clinician: Option<String>,
    #[serde(default)]
    pub sets: Sets,
    #[serde(default)]
    pub unticked: Sets,
    #[serde(default)]
    pub next: Option<Spanned<String>>,
    #[serde(default)]
    pub not_sure: bool,
    #[serde(default)]
    pub none: bool,
    #[serde(default)]
    pub floor: Option<Spanned<String>>,
}

/// A condition on findings: each key names the value, or a list of the
/// values, that match.
pub type ConditionDef = SpannedMap<Spanned<toml::Value>>;

/// `red_flags.toml`: answers that raise the urgency on their own.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedFlagsFile {
    pub red_flag: Vec<RedFlagDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedFlagDef {
    pub id: Spanned<String>,
    pub urgency: Spanned<String>,
    #[serde(default)]
    pub stop: bool,
    #[serde(default)]
    pub diagnosis: Option<Spanned<String>>,
    #[serde(default)]
    pub diagnosis_first: bool,
    pub when: ConditionDef,
    #[serde(default)]
    pub any: ConditionDef,
    pub title: String,
    pub patient: String,
    pub clinician: String,
}

/// The contract's safety floors (`contract/floors.toml`, built in).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FloorsFile {
    pub floor: Vec<FloorDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FloorDef {
    pub name: Spanned<String>,
    pub urgency: Spanned<String>,
    #[serde(default)]
    pub stop: bool,
    #[serde(default)]
    pub when: ConditionDef,
    #[serde(default)]
    pub any: ConditionDef,
}

/// `diagnoses.toml`: what each diagnosis means, its evidence and its advice.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiagnosesFile {
    pub diagnosis: SpannedMap<DiagnosisDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiagnosisDef {
    pub name: String,
    pub clinician_name: String,
    pub urgency: Spanned<String>,
    #[serde(default)]
    pub urgency_when: Vec<UrgencyRuleDef>,
    #[serde(default)]
    pub suspect_when: Vec<SuspectRuleDef>,
    pub plain: String,
    pub clinician: String,
    pub do_now: String,
    #[serde(default)]
    pub self_care: Option<String>,
    pub seek_care: String,
    #[serde(rename = "where")]
    pub care_where: String,
    pub examine: Vec<String>,
    pub image: Vec<String>,
    /// Referrals to consider (surgical, specialist), apart from imaging.
    #[serde(default)]
    pub refer: Vec<String>,
    /// Self-care (stretching, massage, keeping walking) could harm while
    /// this diagnosis is in view: no result shows any while it is.
    #[serde(default)]
    pub hold_self_care: bool,
}

/// A pattern of answers that keeps a diagnosis in view and sets at least its
/// urgency, however it ranks: `when` all hold and, if given, one of `any`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SuspectRuleDef {
    pub when: ConditionDef,
    #[serde(default)]
    pub any: ConditionDef,
}

/// `evidence.toml`: how strongly each finding points to each diagnosis.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceFile {
    pub diagnosis: SpannedMap<EvidenceDef>,
    /// Findings that largely say one thing, so that together they count
    /// about once.
    #[serde(default)]
    pub group: Vec<GroupDef>,
}

/// Correlated findings: for each diagnosis, the strongest weight for and
/// the strongest against count in full, the others of the group are
/// multiplied by `damping`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupDef {
    pub name: String,
    pub findings: Vec<Spanned<String>>,
    pub damping: Spanned<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceDef {
    /// Probability before any answer.
    pub prior: Spanned<f64>,
    /// Where the figures come from: `expert_estimate` (the default: no
    /// source gives a figure) or `published`.
    #[serde(default)]
    pub basis: Option<Spanned<String>>,
    /// Finding, then value, then likelihood ratio.
    #[serde(default)]
    pub lr: SpannedMap<SpannedMap<Spanned<f64>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UrgencyRuleDef {
    pub when: ConditionDef,
    pub urgency: Spanned<String>,
}

/// `codes.toml` (optional): standard codes for the bank's diagnosis and
/// urgency ids.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodesFile {
    /// The code system of entries that name none.
    pub system: Option<String>,
    #[serde(default)]
    pub diagnosis: super::OrderedMap<String, CodeDef>,
    #[serde(default)]
    pub urgency: super::OrderedMap<String, CodeDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeDef {
    pub system: Option<String>,
    pub code: String,
    pub display: String,
}
