//! Reading a bank from its TOML files and compiling it, collecting every
//! problem with its file, line and column rather than stopping at the first.

use super::Map as HashMap;
use std::ops::Range;
use std::path::Path;

use toml::Spanned;

use super::lang;
use super::model::*;
use super::raw::{self, ConditionDef, Sets};
use super::source::{Indexed, Problem, Source, parse_toml, read_source};

/// The files a bank folder must hold (besides `lang/CODE.toml` for each
/// other language it declares; `codes.toml` and `art/` are optional).
pub const BANK_FILES: [&str; 7] = [
    "bank.toml",
    "findings.toml",
    "questions.toml",
    "diagnoses.toml",
    "evidence.toml",
    "red_flags.toml",
    "ui.toml",
];

/// The text of each bank file.
#[derive(Debug, Clone)]
pub struct BankSources {
    pub bank: Source,
    pub findings: Source,
    pub questions: Source,
    pub diagnoses: Source,
    pub evidence: Source,
    pub red_flags: Source,
    pub art: HashMap<String, String>,
    /// Fixed screen wording (`ui.toml`).
    pub ui: Source,
    /// Translations (`lang/CODE.toml`), by language code.
    pub langs: Vec<(String, Source)>,
    /// Standard codes for diagnosis and urgency ids (`codes.toml`), if the
    /// bank has them.
    pub codes: Option<Source>,
}

/// The bank built into the binary.
pub fn builtin_sources() -> BankSources {
    macro_rules! file {
        ($name:literal) => {
            Source::new(
                concat!("questions/", $name),
                include_str!(concat!("../../questions/", $name)),
            )
        };
    }
    BankSources {
        bank: file!("bank.toml"),
        findings: file!("findings.toml"),
        questions: file!("questions.toml"),
        diagnoses: file!("diagnoses.toml"),
        evidence: file!("evidence.toml"),
        red_flags: file!("red_flags.toml"),
        art: builtin_art(),
        ui: file!("ui.toml"),
        langs: vec![("es".to_string(), file!("lang/es.toml"))],
        codes: Some(file!("codes.toml")),
    }
}

fn builtin_art() -> HashMap<String, String> {
    let pain_map = include_str!("../../assets/pain_map.txt");
    HashMap::from_iter([("pain_map".to_string(), pain_map.to_string())])
}

/// Reads a bank folder. Art is taken from `DIR/art/NAME.txt` where present,
/// else from the built-in assets.
pub fn read_dir_sources(dir: &Path) -> Result<BankSources, Vec<Problem>> {
    let missing: Vec<&str> = BANK_FILES
        .into_iter()
        .filter(|f| !dir.join(f).exists())
        .collect();
    if !dir.is_dir() || !missing.is_empty() {
        let found = match dir.is_dir() {
            false => "this is not a folder".to_string(),
            true => format!("missing here: {}", missing.join(", ")),
        };
        let want = BANK_FILES.join(", ");
        let message = format!(
            "expected a question bank folder holding {want} (and lang/CODE.toml for each other language it declares); {found}"
        );
        return Err(vec![Problem::folder(dir.display().to_string(), message)]);
    }
    let mut problems = Vec::new();
    let langs = read_each(&dir.join("lang"), "toml", |_| true, &mut problems);
    let mut read = |name: &str| match read_source(&dir.join(name)) {
        Ok(s) => s,
        Err(p) => {
            problems.push(p);
            Source::new(dir.join(name).display().to_string(), "")
        }
    };
    let mut sources = BankSources {
        bank: read("bank.toml"),
        findings: read("findings.toml"),
        questions: read("questions.toml"),
        diagnoses: read("diagnoses.toml"),
        evidence: read("evidence.toml"),
        red_flags: read("red_flags.toml"),
        ui: read("ui.toml"),
        codes: dir.join("codes.toml").exists().then(|| read("codes.toml")),
        langs,
        art: builtin_art(),
    };
    // Art passes over what is not a file (a folder named `NAME.txt`).
    let art = read_each(&dir.join("art"), "txt", Path::is_file, &mut problems);
    sources
        .art
        .extend(art.into_iter().map(|(name, s)| (name, s.text.into_owned())));
    if problems.is_empty() {
        Ok(sources)
    } else {
        Err(problems)
    }
}

/// Each `NAME.EXT` of a folder (none when there is no folder) that `take`
/// accepts, by name, in order of name. They are read like the bank's files:
/// one too large or not text is a problem, not a silent gap.
fn read_each(
    dir: &Path,
    ext: &str,
    take: fn(&Path) -> bool,
    problems: &mut Vec<Problem>,
) -> Vec<(String, Source)> {
    let mut found = Vec::new();
    let entries = std::fs::read_dir(dir).into_iter().flatten().flatten();
    for p in entries.map(|e| e.path()) {
        let Some(name) = p.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if p.extension().is_some_and(|x| x == ext) && take(&p) {
            match read_source(&p) {
                Ok(src) => found.push((name.to_string(), src)),
                Err(problem) => problems.push(problem),
            }
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

/// The screen wording by key, with where each is written.
fn read_ui(src: &Source, problems: &mut Vec<Problem>) -> Ui {
    let mut ui = Ui::default();
    let texts = lang::flatten(src).map_err(|p| problems.push(p));
    for (k, (text, at)) in texts.unwrap_or_default() {
        match k.strip_prefix("ui.") {
            Some(key) => {
                ui.text.insert(key.to_string(), text);
                ui.at.insert(key.to_string(), at);
            }
            None => problems.push(at.problem(format!("`{k}`: screen wording goes under [ui]"))),
        }
    }
    ui
}

/// Parses and compiles a bank; every problem found is returned.
pub fn compile(sources: &BankSources) -> Result<Bank, Vec<Problem>> {
    let mut problems: Vec<Problem> = [
        &sources.bank,
        &sources.findings,
        &sources.questions,
        &sources.diagnoses,
    ]
    .into_iter()
    .chain([&sources.evidence, &sources.red_flags, &sources.ui])
    .chain(sources.langs.iter().map(|(_, s)| s))
    .flat_map(super::source::hidden_char_problems)
    .collect();
    let (Some(bf), Some(ff), Some(qf), Some(df), Some(mut ef), Some(rf)) = (
        parse_into::<raw::BankFile>(&sources.bank, &mut problems),
        parse_into::<raw::FindingsFile>(&sources.findings, &mut problems),
        parse_into::<raw::QuestionsFile>(&sources.questions, &mut problems),
        parse_into::<raw::DiagnosesFile>(&sources.diagnoses, &mut problems),
        parse_into::<raw::EvidenceFile>(&sources.evidence, &mut problems),
        parse_into::<raw::RedFlagsFile>(&sources.red_flags, &mut problems),
    ) else {
        return Err(problems);
    };
    // Every question and option is located by line and column: index each
    // file's lines once rather than scan it from its start every time.
    let bank_src = Indexed::new(&sources.bank);
    let questions_src = Indexed::new(&sources.questions);
    let diagnoses_src = Indexed::new(&sources.diagnoses);
    let evidence_src = Indexed::new(&sources.evidence);
    let red_flags_src = Indexed::new(&sources.red_flags);

    let vocab = compile_vocab(&Indexed::new(&sources.findings), ff, &mut problems);
    let mut c = Compiler {
        vocab: &vocab,
        problems: &mut problems,
    };

    let mut tree = Tree::default();
    for q in qf.question {
        tree.add(&mut c, &questions_src, &sources.art, q);
    }
    let (questions, question_index) = tree.finish(&mut c, &questions_src);

    let start = question_index.get(bf.bank.start.get_ref()).copied();
    if start.is_none() {
        let m = format!("`start` names `{}`, which is no question id", bf.bank.start);
        c.at(&bank_src, &bf.bank.start, m);
    }
    let threshold = *bf.bank.likely_threshold.get_ref();
    if !(0.0..=1.0).contains(&threshold) {
        let m = "expected a probability between 0 and 1";
        c.at(&bank_src, &bf.bank.likely_threshold, m);
    }

    // Diagnoses, in the vocabulary's order.
    let mut diagnoses = Vec::new();
    for (id, d) in df.diagnosis {
        if !vocab.diagnoses.contains_key(id.get_ref()) {
            let m = format!(
                "unknown diagnosis id `{id}`: add it to [diagnosis] in findings.toml first"
            );
            c.at(&diagnoses_src, &id, m);
        }
        // Taken out, so that what is left names no diagnosis.
        let evidence_entry = ef.diagnosis.shift_remove_entry(id.get_ref().as_str());
        let at = match &evidence_entry {
            Some((k, _)) => evidence_src.loc(k.span()),
            None => diagnoses_src.loc(id.span()),
        };
        let (prior, evidence, estimated) = match evidence_entry {
            Some((_, e)) => compile_evidence(&mut c, &evidence_src, e),
            None => {
                let m = format!(
                    "diagnosis `{id}` has no entry here: add [diagnosis.{id}] with its prior"
                );
                c.problems.push(Problem::whole_file(&*evidence_src.name, m));
                (0.01, HashMap::default(), true)
            }
        };
        let urgency = c.urgency(&diagnoses_src, &d.urgency).unwrap_or(Urgency(0));
        let urgency_when = d
            .urgency_when
            .iter()
            .filter_map(|r| {
                let cond = c.condition(&diagnoses_src, &r.when, &Default::default());
                Some((cond, c.urgency(&diagnoses_src, &r.urgency)?))
            })
            .collect();
        let suspect_when = d
            .suspect_when
            .iter()
            .map(|r| c.condition(&diagnoses_src, &r.when, &r.any))
            .collect();
        diagnoses.push(Diagnosis {
            text_at: diagnoses_src.loc(id.span()),
            id: id.into_inner(),
            at,
            name: d.name,
            clinician_name: d.clinician_name,
            prior,
            urgency,
            urgency_when,
            suspect_when,
            plain: d.plain,
            clinician: d.clinician,
            do_now: d.do_now,
            self_care: d.self_care,
            seek_care: d.seek_care,
            care_where: d.care_where,
            examine: d.examine,
            image: d.image,
            refer: d.refer,
            evidence,
            estimated,
            hold_self_care: d.hold_self_care,
        });
    }
    for id in ef.diagnosis.keys() {
        let m = format!("unknown diagnosis id `{id}`: it has no entry in diagnoses.toml");
        c.at(&evidence_src, id, m);
    }
    for id in vocab.diagnoses.keys() {
        if !diagnoses.iter().any(|d| &d.id == id) {
            let m = format!(
                "diagnosis `{id}` of the vocabulary has no entry here: add [diagnosis.{id}]"
            );
            c.problems
                .push(Problem::whole_file(&*diagnoses_src.name, m));
        }
    }

    let mut red_flags = Vec::new();
    for r in rf.red_flag {
        let diagnosis = r.diagnosis.as_ref().and_then(|d| {
            let i = diagnoses.iter().position(|x| &x.id == d.get_ref());
            if i.is_none() {
                c.at(&red_flags_src, d, format!("unknown diagnosis id `{d}`"));
            }
            i
        });
        if r.when.is_empty() {
            let m = "a red flag needs at least one finding in `when`";
            c.at(&red_flags_src, &r.id, m);
        }
        red_flags.push(RedFlag {
            at: red_flags_src.loc(r.id.span()),
            urgency: c.urgency(&red_flags_src, &r.urgency).unwrap_or(Urgency(0)),
            condition: c.condition(&red_flags_src, &r.when, &r.any),
            id: r.id.into_inner(),
            stop: r.stop,
            diagnosis,
            diagnosis_first: r.diagnosis_first,
            title: r.title,
            patient: r.patient,
            clinician: r.clinician,
        });
    }

    let ui = read_ui(&sources.ui, c.problems);
    let (translations, lang_problems) =
        lang::translations(&bank_src.name, &bf.bank.languages, &sources.langs);
    c.problems.extend(lang_problems);

    let groups = compile_groups(&mut c, &evidence_src, std::mem::take(&mut ef.group));
    let must_ask = bf
        .bank
        .must_ask
        .iter()
        .filter_map(|k| c.finding(&bank_src, k).map(|f| f.key.clone()))
        .collect();

    let codes = sources
        .codes
        .as_ref()
        .map(|s| compile_codes(s, &mut problems))
        .unwrap_or_default();

    if !problems.is_empty() {
        return Err(problems);
    }
    let mut vocab = vocab;
    for (g, group) in groups.iter().enumerate() {
        for k in &group.findings {
            if let Some(f) = vocab.findings.get_mut(k) {
                f.group = Some(g as u32);
            }
        }
    }
    Ok(Bank {
        weighs: Weighs::new(&vocab, &diagnoses),
        codes,
        language: lang::BASE.to_string(),
        ui,
        translations,
        must_ask,
        name: bf.bank.name,
        version: bf.bank.version,
        start: start.unwrap_or(0),
        likely_threshold: threshold,
        languages: bf.bank.languages,
        vocab,
        questions,
        question_index,
        diagnoses,
        groups,
        red_flags,
        art: sources.art.clone(),
    })
}

/// Reads `codes.toml`. Ids are not checked against the vocabulary: the
/// table may be written ahead of the bank, and an entry for an id the bank
/// does not have is never looked up.
fn compile_codes(src: &Source, problems: &mut Vec<Problem>) -> Codes {
    let Some(file) = parse_into::<raw::CodesFile>(src, problems) else {
        return Codes::default();
    };
    let mut missing_system = false;
    let mut table = |defs: super::OrderedMap<String, raw::CodeDef>| {
        defs.into_iter()
            .filter_map(|(id, d)| {
                let system = d.system.or_else(|| file.system.clone());
                missing_system |= system.is_none();
                let coding = Coding {
                    system: system?,
                    code: d.code,
                    display: d.display,
                };
                Some((id, coding))
            })
            .collect()
    };
    let codes = Codes {
        diagnosis: table(file.diagnosis),
        urgency: table(file.urgency),
    };
    if missing_system {
        let m =
            "an entry names no code system: give `system` at the top of the file or in the entry";
        problems.push(Problem::whole_file(&*src.name, m));
    }
    codes
}

/// The questions compiled so far, and the `next` of each question and
/// option waiting for every question id to be known.
#[derive(Default)]
struct Tree {
    questions: Vec<Question>,
    index: HashMap<String, usize>,
    /// (question, option or `None` for the question's own, the id named).
    next: Vec<(usize, Option<usize>, Spanned<String>)>,
    /// Options that take their question's `next`.
    inherit: Vec<(usize, usize)>,
}

impl Tree {
    fn add(
        &mut self,
        c: &mut Compiler,
        questions: &Indexed,
        art: &HashMap<String, String>,
        mut q: raw::QuestionDef,
    ) {
        let index = self.questions.len();
        let qid = q.id.get_ref().clone();
        let at = |c: &mut Compiler, s: &Spanned<String>, m: String| c.at(questions, s, m);
        if self.index.insert(qid.clone(), index).is_some() {
            at(c, &q.id, format!("question id `{qid}` is used twice"));
        }
        if qid == "result" {
            let m = "`result` is reserved for the end of the questionnaire";
            at(c, &q.id, m.into());
        }
        let question_has_next = q.next.is_some();
        if let Some(next) = q.next.take() {
            self.next.push((index, None, next));
        }
        if q.option.is_empty() {
            at(c, &q.id, format!("question `{qid}` has no options"));
        }
        if q.kind == Kind::Multi && !question_has_next {
            let m = format!("multi-select question `{qid}` needs its own `next`");
            at(c, &q.id, m);
        }
        let mut options: Vec<AnswerOption> = Vec::with_capacity(q.option.len());
        for o in std::mem::take(&mut q.option) {
            let oid = o.id.get_ref();
            if options.iter().any(|x| x.id == *oid) {
                let m = format!("option id `{oid}` is used twice in question `{qid}`");
                at(c, &o.id, m);
            }
            let only_multi = |what: &str| format!("`{what}` is only for multi-select questions");
            if q.kind == Kind::Multi {
                if let Some(n) = &o.next {
                    at(c, n, "an option of a multi-select question cannot have its own `next`; set it on the question".into());
                }
            } else {
                if !o.unticked.is_empty() {
                    at(c, &o.id, only_multi("unticked"));
                }
                if o.none {
                    at(c, &o.id, only_multi("none"));
                }
            }
            if o.not_sure && !o.sets.is_empty() {
                let m = "a \"Not sure\" option must not set findings: not knowing is no evidence";
                at(c, &o.id, m.into());
            }
            // Where it leads is resolved once every question is known.
            match o.next {
                Some(next) => self.next.push((index, Some(options.len()), next)),
                None if question_has_next => self.inherit.push((index, options.len())),
                None => at(
                    c,
                    &o.id,
                    format!(
                        "option `{oid}` of question `{qid}` leads nowhere: give it or its question a `next` (a question id or `result`)"
                    ),
                ),
            }
            options.push(AnswerOption {
                at: questions.loc(o.id.span()),
                floor: o.floor.as_ref().and_then(|f| c.urgency(questions, f)),
                id: o.id.into_inner(),
                clinician: o.clinician.unwrap_or_else(|| o.label.clone()),
                label: o.label,
                sets: c.sets(questions, o.sets),
                unticked: c.sets(questions, o.unticked),
                next: Target::Result,
                not_sure: o.not_sure,
                none: o.none,
            });
        }
        if let Some(a) = q.art.as_ref().filter(|a| !art.contains_key(a.get_ref())) {
            let m = format!("no text art named `{a}` (expected art/{a}.txt)");
            at(c, a, m);
        }
        self.questions.push(Question {
            at: questions.loc(q.id.span()),
            id: qid,
            kind: q.kind,
            theme: q.theme,
            patient: q.patient,
            clinician: q.clinician,
            why: q.why,
            art: q.art.map(Spanned::into_inner),
            options,
            next: None,
        });
    }

    /// Resolves every `next` and hands over the questions and their index.
    fn finish(
        mut self,
        c: &mut Compiler,
        questions: &Indexed,
    ) -> (Vec<Question>, HashMap<String, usize>) {
        for (q, o, next) in self.next {
            let target = if next.get_ref() == "result" {
                Target::Result
            } else if let Some(&i) = self.index.get(next.get_ref()) {
                Target::Question(i)
            } else {
                let m = format!("`next` names `{next}`, which is no question id (nor `result`)");
                c.at(questions, &next, m);
                // Left as if it had none: it leads to the result.
                continue;
            };
            match o {
                None => self.questions[q].next = Some(target),
                Some(o) => self.questions[q].options[o].next = target,
            }
        }
        for (q, o) in self.inherit {
            self.questions[q].options[o].next = self.questions[q].next.unwrap_or(Target::Result);
        }
        (self.questions, self.index)
    }
}

fn compile_evidence(
    c: &mut Compiler,
    src: &Indexed,
    e: raw::EvidenceDef,
) -> (f64, HashMap<String, HashMap<String, f64>>, bool) {
    let prior = *e.prior.get_ref();
    let estimated = match &e.basis {
        None => true,
        Some(b) if b.get_ref() == "expert_estimate" => true,
        Some(b) if b.get_ref() == "published" => false,
        Some(b) => {
            let m = format!("unknown basis `{b}`; expected expert_estimate or published");
            c.at(src, b, m);
            true
        }
    };
    if !(prior > 0.0 && prior < 1.0) {
        let m = "expected a prior probability strictly between 0 and 1";
        c.at(src, &e.prior, m);
    }
    let mut evidence: HashMap<String, HashMap<String, f64>> = HashMap::default();
    for (key, by_value) in e.lr {
        let Some(f) = c.finding(src, &key) else {
            continue;
        };
        let mut map = HashMap::with_capacity_and_hasher(by_value.len(), Default::default());
        for (value, lr) in by_value {
            if !f.values.contains(value.get_ref()) {
                let want = f.values.join(", ");
                let m = format!("`{value}` is not a value of `{key}`; expected one of {want}");
                c.at(src, &value, m);
            }
            if !(*lr.get_ref() > 0.0 && lr.get_ref().is_finite()) {
                c.at(src, &lr, "expected a likelihood ratio above 0");
                continue;
            }
            map.insert(value.into_inner(), lr.get_ref().ln());
        }
        evidence.insert(key.into_inner(), map);
    }
    (prior.clamp(1e-9, 1.0 - 1e-9), evidence, estimated)
}

/// `evidence.toml`'s groups of correlated findings.
fn compile_groups(c: &mut Compiler, src: &Indexed, defs: Vec<raw::GroupDef>) -> Vec<EvidenceGroup> {
    let mut grouped: HashMap<String, String> = HashMap::default();
    defs.into_iter()
        .map(|g| {
            for k in &g.findings {
                if let Some(other) = grouped.insert(k.get_ref().clone(), g.name.clone()) {
                    let m = format!(
                        "`{k}` is in group `{other}` already: a finding counts in one group at most"
                    );
                    c.at(src, k, m);
                }
            }
            let damping = *g.damping.get_ref();
            if !(0.0..=1.0).contains(&damping) {
                c.at(src, &g.damping, "expected a damping between 0 and 1");
            }
            let findings = g
                .findings
                .iter()
                .filter_map(|k| c.finding(src, k).map(|f| f.key.clone()))
                .collect();
            EvidenceGroup {
                name: g.name,
                findings,
                damping: damping.clamp(0.0, 1.0),
            }
        })
        .collect()
}

/// The shared contract's safety floors (`contract/floors.toml`), built into
/// the program whatever bank is loaded, compiled against a bank's
/// vocabulary: a vocabulary without a finding they look at is a problem.
pub fn contract_floors(vocab: &Vocabulary) -> (Vec<Floor>, Vec<Problem>) {
    let src = Source::new(
        "contract/floors.toml (built in)",
        include_str!("../../contract/floors.toml"),
    );
    let src = Indexed::new(&src);
    let mut problems = Vec::new();
    let file = parse_toml::<raw::FloorsFile>(&src).map_err(|p| problems.push(p));
    let mut c = Compiler {
        vocab,
        problems: &mut problems,
    };
    let floors = file.map(|file| {
        file.floor
            .iter()
            .map(|f| Floor {
                name: f.name.get_ref().clone(),
                at: src.loc(f.name.span()),
                urgency: c.urgency(&src, &f.urgency).unwrap_or(Urgency(0)),
                stop: f.stop,
                condition: c.condition(&src, &f.when, &f.any),
            })
            .collect()
    });
    (floors.unwrap_or_default(), problems)
}

fn parse_into<T: serde::de::DeserializeOwned>(
    src: &Source,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    if src.text.trim().is_empty() {
        let m = "the file is empty; expected TOML tables";
        problems.push(Problem::whole_file(&*src.name, m));
        return None;
    }
    parse_toml(src).map_err(|p| problems.push(p)).ok()
}

/// A TOML value as the bank's canonical string form.
pub fn value_string(v: &toml::Value) -> Option<String> {
    match v {
        toml::Value::String(s) => Some(s.clone()),
        toml::Value::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The problem with a value that is not one of `f`'s: what was given and
/// what is expected.
pub fn not_a_value(f: &Finding, v: &toml::Value) -> String {
    let want = if f.is_bool {
        "true or false".to_string()
    } else {
        let quoted: Vec<String> = f.values.iter().map(|v| format!("\"{v}\"")).collect();
        quoted.join(", ")
    };
    format!("`{v}` is not a value of `{}`; expected {want}", f.key)
}

fn compile_vocab(src: &Indexed, ff: raw::FindingsFile, problems: &mut Vec<Problem>) -> Vocabulary {
    let mut vocab = Vocabulary::default();
    let bools: std::sync::Arc<[String]> = ["true".to_string(), "false".to_string()].into();
    for (key, def) in ff.finding {
        let values_span = def.values.span();
        let (values, is_bool) = match def.values.into_inner() {
            raw::ValuesDef::Kind(k) if k == "bool" => (bools.clone(), true),
            raw::ValuesDef::Kind(k) => {
                let m = format!("expected \"bool\" or a list of values, found \"{k}\"");
                problems.push(src.problem(values_span, m));
                continue;
            }
            raw::ValuesDef::List(l) if l.is_empty() => {
                problems.push(src.problem(values_span, "expected at least one value"));
                continue;
            }
            raw::ValuesDef::List(l) => (l.into(), false),
        };
        let default = value_string(def.default.get_ref())
            .and_then(|d| values.iter().position(|v| *v == d))
            .unwrap_or_else(|| {
                let m = format!(
                    "the default must be one of the values: {}",
                    values.join(", ")
                );
                problems.push(src.problem(def.default.span(), m));
                0
            });
        let key = key.into_inner();
        let first_slot = vocab
            .findings
            .last()
            .map_or(0, |(_, f)| f.first_slot + f.values.len() as u32);
        vocab.findings.insert(
            key.clone(),
            Finding {
                key,
                values,
                is_bool,
                default,
                means: def.means,
                first_slot,
                group: None,
            },
        );
    }
    let unspan = |(id, text): (Spanned<String>, String)| (id.into_inner(), text);
    vocab.diagnoses = ff.diagnosis.into_iter().map(unspan).collect();
    // The file lists urgencies from most to least urgent.
    let urgencies = ff.urgency.into_iter().rev().map(unspan);
    vocab.urgencies = urgencies
        .map(|(id, meaning)| UrgencyLevel { id, meaning })
        .collect();
    if vocab.urgencies.is_empty() {
        let m = "expected at least one urgency level in [urgency]";
        problems.push(Problem::whole_file(&*src.name, m));
        vocab.urgencies.push(UrgencyLevel {
            id: "routine".into(),
            meaning: String::new(),
        });
    }
    vocab
}

struct Compiler<'a> {
    vocab: &'a Vocabulary,
    problems: &'a mut Vec<Problem>,
}

impl<'a> Compiler<'a> {
    fn at<T>(&mut self, src: &Indexed, spanned: &Spanned<T>, message: impl Into<String>) {
        self.problems.push(src.problem(spanned.span(), message));
    }

    fn finding(&mut self, src: &Indexed, key: &Spanned<String>) -> Option<&'a Finding> {
        let f = self.vocab.findings.get(key.get_ref());
        if f.is_none() {
            let m = format!("unknown finding `{key}`: it is not in findings.toml");
            self.at(src, key, m);
        }
        f
    }

    /// A value of `f` written at `span`, or `None` and a problem.
    fn value(
        &mut self,
        src: &Indexed,
        f: &Finding,
        span: Range<usize>,
        v: &toml::Value,
    ) -> Option<String> {
        match value_string(v) {
            Some(s) if f.values.contains(&s) => Some(s),
            _ => {
                self.problems.push(src.problem(span, not_a_value(f, v)));
                None
            }
        }
    }

    /// An option's findings, the texts moved from the file's (the key as
    /// written is the finding's key).
    fn sets(&mut self, src: &Indexed, sets: Sets) -> Vec<(String, String)> {
        let mut out = Vec::with_capacity(sets.len());
        for (k, v) in sets {
            let Some(f) = self.finding(src, &k) else {
                continue;
            };
            let span = v.span();
            let value = match v.into_inner() {
                toml::Value::String(s) if f.values.contains(&s) => Some(s),
                other => self.value(src, f, span, &other),
            };
            if let Some(v) = value {
                out.push((k.into_inner(), v));
            }
        }
        out
    }

    fn condition(&mut self, src: &Indexed, all: &ConditionDef, any: &ConditionDef) -> Condition {
        let mut part = |def: &ConditionDef| {
            let mut out = Vec::new();
            for (k, vals) in def {
                let Some(f) = self.finding(src, k) else {
                    continue;
                };
                let list = match vals.get_ref() {
                    toml::Value::Array(vs) => vs.as_slice(),
                    v => std::slice::from_ref(v),
                };
                let span = vals.span();
                let vs = list
                    .iter()
                    .filter_map(|v| self.value(src, f, span.clone(), v));
                out.push((f.key.clone(), vs.collect()));
            }
            out
        };
        Condition {
            all: part(all),
            any: part(any),
        }
    }

    fn urgency(&mut self, src: &Indexed, u: &Spanned<String>) -> Option<Urgency> {
        let found = self.vocab.urgency(u.get_ref());
        if found.is_none() {
            let levels = &self.vocab.urgencies;
            let ids: Vec<_> = levels.iter().rev().map(|u| u.id.as_str()).collect();
            let m = format!("unknown urgency `{u}`; expected one of {}", ids.join(", "));
            self.at(src, u, m);
        }
        found
    }
}
