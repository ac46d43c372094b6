//! Reading a bank from its TOML files and compiling it, collecting every
//! problem with its file, line and column rather than stopping at the first.

use super::Map as HashMap;
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
    let langs = {
        let mut langs = Vec::new();
        if let Ok(entries) = std::fs::read_dir(dir.join("lang")) {
            for e in entries.flatten() {
                let p = e.path();
                if let (Some(stem), Some("toml")) = (
                    p.file_stem().and_then(|s| s.to_str()),
                    p.extension().and_then(|s| s.to_str()),
                ) {
                    match read_source(&p) {
                        Ok(src) => langs.push((stem.to_string(), src)),
                        Err(problem) => problems.push(problem),
                    }
                }
            }
        }
        langs.sort_by(|a, b| a.0.cmp(&b.0));
        langs
    };
    let mut read = |name: &str| match read_source(&dir.join(name)) {
        Ok(s) => s,
        Err(p) => {
            problems.push(p);
            Source::new(dir.join(name).display().to_string(), "")
        }
    };
    let sources = BankSources {
        bank: read("bank.toml"),
        findings: read("findings.toml"),
        questions: read("questions.toml"),
        diagnoses: read("diagnoses.toml"),
        evidence: read("evidence.toml"),
        red_flags: read("red_flags.toml"),
        ui: read("ui.toml"),
        codes: dir.join("codes.toml").exists().then(|| read("codes.toml")),
        langs,
        art: {
            let mut art = builtin_art();
            if let Ok(entries) = std::fs::read_dir(dir.join("art")) {
                for e in entries.flatten() {
                    let p = e.path();
                    if p.extension().is_some_and(|x| x == "txt")
                        && p.is_file()
                        && let Some(stem) = p.file_stem().and_then(|s| s.to_str())
                    {
                        // Read like the bank's files: too large or not text
                        // is a problem, not a silent gap.
                        match read_source(&p) {
                            Ok(src) => {
                                art.insert(stem.to_string(), src.text.into_owned());
                            }
                            Err(problem) => problems.push(problem),
                        }
                    }
                }
            }
            art
        },
    };
    if problems.is_empty() {
        Ok(sources)
    } else {
        Err(problems)
    }
}

/// The screen wording by key, where each is written, and what is wrong with
/// the file.
fn read_ui(src: &Source) -> (Ui, Vec<Problem>) {
    let mut ui = Ui::default();
    let mut problems = Vec::new();
    match lang::flatten(src, "") {
        Ok(map) => {
            for (k, (text, at)) in map {
                match k.strip_prefix("ui.") {
                    Some(key) => {
                        ui.text.insert(key.to_string(), text);
                        ui.at.insert(key.to_string(), at);
                    }
                    None => {
                        problems.push(at.problem(format!("`{k}`: screen wording goes under [ui]")))
                    }
                }
            }
        }
        Err(p) => problems.push(p),
    }
    (ui, problems)
}

/// The translations of the languages a bank declares, each read when first
/// needed, and a problem for each declared language without its file.
pub fn translations(
    bank_file: &str,
    languages: &[String],
    langs: &[(String, Source)],
) -> (Vec<lang::Texts>, Vec<Problem>) {
    let mut texts = Vec::new();
    let mut problems = Vec::new();
    for code in languages.iter().filter(|l| *l != lang::BASE) {
        match langs.iter().find(|(l, _)| l == code) {
            Some((_, s)) => texts.push(lang::Texts::from_source(code, s.clone())),
            None => problems.push(Problem::whole_file(
                bank_file,
                format!("the bank declares language `{code}` but has no lang/{code}.toml"),
            )),
        }
    }
    (texts, problems)
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
    let bank_file: Option<raw::BankFile> = parse_into(&sources.bank, &mut problems);
    let findings_file: Option<raw::FindingsFile> = parse_into(&sources.findings, &mut problems);
    let questions_file: Option<raw::QuestionsFile> = parse_into(&sources.questions, &mut problems);
    let diagnoses_file: Option<raw::DiagnosesFile> = parse_into(&sources.diagnoses, &mut problems);
    let evidence_file: Option<raw::EvidenceFile> = parse_into(&sources.evidence, &mut problems);
    let red_flags_file: Option<raw::RedFlagsFile> = parse_into(&sources.red_flags, &mut problems);
    let (Some(bf), Some(ff), Some(qf), Some(df), Some(mut ef), Some(rf)) = (
        bank_file,
        findings_file,
        questions_file,
        diagnoses_file,
        evidence_file,
        red_flags_file,
    ) else {
        return Err(problems);
    };
    // Every question and option is located by line and column: index each
    // file's lines once rather than scan it from its start every time.
    let src = Files {
        bank: Indexed::new(&sources.bank),
        findings: Indexed::new(&sources.findings),
        questions: Indexed::new(&sources.questions),
        diagnoses: Indexed::new(&sources.diagnoses),
        evidence: Indexed::new(&sources.evidence),
        red_flags: Indexed::new(&sources.red_flags),
    };

    let vocab = compile_vocab(&src.findings, ff, &mut problems);
    let mut c = Compiler {
        vocab: &vocab,
        problems: &mut problems,
    };

    let mut tree = Tree::default();
    for q in qf.question {
        tree.add(&mut c, &src.questions, &sources.art, q);
    }
    let (questions, question_index) = tree.finish(&mut c, &src.questions);

    let start = match question_index.get(bf.bank.start.get_ref()) {
        Some(&i) => i,
        None => {
            c.at(
                &src.bank,
                &bf.bank.start,
                format!(
                    "`start` names `{}`, which is no question id",
                    bf.bank.start.get_ref()
                ),
            );
            0
        }
    };
    let threshold = *bf.bank.likely_threshold.get_ref();
    if !(0.0..=1.0).contains(&threshold) {
        c.at(
            &src.bank,
            &bf.bank.likely_threshold,
            "expected a probability between 0 and 1",
        );
    }

    // Diagnoses, in the vocabulary's order.
    let mut diagnoses = Vec::new();
    for (id, d) in &df.diagnosis {
        if !vocab.diagnoses.contains_key(id.get_ref()) {
            c.at(
                &src.diagnoses,
                id,
                format!(
                    "unknown diagnosis id `{}`: add it to [diagnosis] in findings.toml first",
                    id.get_ref()
                ),
            );
        }
        // Taken out, so that what is left names no diagnosis.
        let evidence_entry = ef.diagnosis.shift_remove_entry(id.get_ref().as_str());
        let at = match &evidence_entry {
            Some((k, _)) => src.evidence.loc(k.span()),
            None => src.diagnoses.loc(id.span()),
        };
        let (prior, evidence, estimated) = match evidence_entry.map(|(_, e)| e) {
            Some(e) => compile_evidence(&mut c, &src.evidence, e),
            None => {
                c.problems.push(Problem::whole_file(
                    &*src.evidence.name,
                    format!(
                        "diagnosis `{}` has no entry here: add [diagnosis.{}] with its prior",
                        id.get_ref(),
                        id.get_ref()
                    ),
                ));
                (0.01, HashMap::default(), true)
            }
        };
        let urgency = c.urgency(&src.diagnoses, &d.urgency).unwrap_or(Urgency(0));
        let urgency_when = d
            .urgency_when
            .iter()
            .filter_map(|r| {
                let cond = c.condition(&src.diagnoses, &r.when, &Default::default());
                let u = c.urgency(&src.diagnoses, &r.urgency)?;
                Some((cond, u))
            })
            .collect();
        let suspect_when = d
            .suspect_when
            .iter()
            .map(|r| c.condition(&src.diagnoses, &r.when, &r.any))
            .collect();
        diagnoses.push(Diagnosis {
            id: id.get_ref().clone(),
            at,
            text_at: src.diagnoses.loc(id.span()),
            name: d.name.clone(),
            clinician_name: d.clinician_name.clone(),
            prior,
            urgency,
            urgency_when,
            suspect_when,
            plain: d.plain.clone(),
            clinician: d.clinician.clone(),
            do_now: d.do_now.clone(),
            self_care: d.self_care.clone(),
            seek_care: d.seek_care.clone(),
            care_where: d.care_where.clone(),
            examine: d.examine.clone(),
            image: d.image.clone(),
            refer: d.refer.clone(),
            evidence,
            estimated,
            hold_self_care: d.hold_self_care,
        });
    }
    for id in ef.diagnosis.keys() {
        if !df.diagnosis.contains_key(id.get_ref().as_str()) {
            c.at(
                &src.evidence,
                id,
                format!(
                    "unknown diagnosis id `{}`: it has no entry in diagnoses.toml",
                    id.get_ref()
                ),
            );
        }
    }
    for id in vocab.diagnoses.keys() {
        if !diagnoses.iter().any(|d| &d.id == id) {
            c.problems.push(Problem::whole_file(
                &*src.diagnoses.name,
                format!(
                    "diagnosis `{id}` of the vocabulary has no entry here: add [diagnosis.{id}]"
                ),
            ));
        }
    }

    let mut red_flags = Vec::new();
    for r in &rf.red_flag {
        let diagnosis = r.diagnosis.as_ref().and_then(|d| {
            let i = diagnoses.iter().position(|x| &x.id == d.get_ref());
            if i.is_none() {
                c.at(
                    &src.red_flags,
                    d,
                    format!("unknown diagnosis id `{}`", d.get_ref()),
                );
            }
            i
        });
        if r.when.is_empty() {
            c.at(
                &src.red_flags,
                &r.id,
                "a red flag needs at least one finding in `when`",
            );
        }
        red_flags.push(RedFlag {
            id: r.id.get_ref().clone(),
            at: src.red_flags.loc(r.id.span()),
            urgency: c.urgency(&src.red_flags, &r.urgency).unwrap_or(Urgency(0)),
            stop: r.stop,
            diagnosis,
            diagnosis_first: r.diagnosis_first,
            condition: c.condition(&src.red_flags, &r.when, &r.any),
            title: r.title.clone(),
            patient: r.patient.clone(),
            clinician: r.clinician.clone(),
        });
    }

    let (ui, ui_problems) = read_ui(&sources.ui);
    c.problems.extend(ui_problems);
    let (translations, lang_problems) =
        translations(&src.bank.name, &bf.bank.languages, &sources.langs);
    c.problems.extend(lang_problems);

    let groups = compile_groups(&mut c, &src.evidence, std::mem::take(&mut ef.group));
    let must_ask = bf
        .bank
        .must_ask
        .iter()
        .filter_map(|k| c.finding(&src.bank, k).map(|f| f.key.clone()))
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
        start,
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

/// The bank's files with their lines indexed.
struct Files<'a> {
    bank: Indexed<'a>,
    findings: Indexed<'a>,
    questions: Indexed<'a>,
    diagnoses: Indexed<'a>,
    evidence: Indexed<'a>,
    red_flags: Indexed<'a>,
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
                let Some(system) = d.system.or_else(|| file.system.clone()) else {
                    missing_system = true;
                    return None;
                };
                Some((
                    id,
                    Coding {
                        system,
                        code: d.code,
                        display: d.display,
                    },
                ))
            })
            .collect()
    };
    let codes = Codes {
        diagnosis: table(file.diagnosis),
        urgency: table(file.urgency),
    };
    if missing_system {
        problems.push(Problem::whole_file(
            &*src.name,
            "an entry names no code system: give `system` at the top of the file or in the entry",
        ));
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
            at(
                c,
                &q.id,
                "`result` is reserved for the end of the questionnaire".into(),
            );
        }
        let question_has_next = q.next.is_some();
        if let Some(next) = q.next.take() {
            self.next.push((index, None, next));
        }
        if q.option.is_empty() {
            at(c, &q.id, format!("question `{qid}` has no options"));
        }
        if q.kind == Kind::Multi && !question_has_next {
            at(
                c,
                &q.id,
                format!("multi-select question `{qid}` needs its own `next`"),
            );
        }
        let mut options: Vec<AnswerOption> = Vec::with_capacity(q.option.len());
        for o in std::mem::take(&mut q.option) {
            let oid = o.id.get_ref();
            if options.iter().any(|x| x.id == *oid) {
                at(
                    c,
                    &o.id,
                    format!("option id `{oid}` is used twice in question `{qid}`"),
                );
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
            let name = a.get_ref();
            at(
                c,
                a,
                format!("no text art named `{name}` (expected art/{name}.txt)"),
            );
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
                c.at(
                    questions,
                    &next,
                    format!(
                        "`next` names `{}`, which is no question id (nor `result`)",
                        next.get_ref()
                    ),
                );
                match o {
                    // As if it had none: its options lead to the result.
                    None => continue,
                    Some(_) => Target::Result,
                }
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
            c.at(
                src,
                b,
                format!(
                    "unknown basis `{}`; expected expert_estimate or published",
                    b.get_ref()
                ),
            );
            true
        }
    };
    if !(prior > 0.0 && prior < 1.0) {
        c.at(
            src,
            &e.prior,
            "expected a prior probability strictly between 0 and 1",
        );
    }
    let mut evidence: HashMap<String, HashMap<String, f64>> = HashMap::default();
    for (key, by_value) in e.lr {
        let Some(f) = c.finding(src, &key) else {
            continue;
        };
        let mut map = HashMap::default();
        map.reserve(by_value.len());
        for (value, lr) in by_value {
            if !f.values.contains(value.get_ref()) {
                c.at(
                    src,
                    &value,
                    format!(
                        "`{}` is not a value of `{}`; expected one of {}",
                        value.get_ref(),
                        key.get_ref(),
                        f.values.join(", ")
                    ),
                );
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
                    c.at(
                        src,
                        k,
                        format!(
                            "`{}` is in group `{other}` already: a finding counts in one group at most",
                            k.get_ref()
                        ),
                    );
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
    let mut c = Compiler {
        vocab,
        problems: &mut problems,
    };
    let floors = compile_floors(&mut c, &src);
    (floors, problems)
}

fn compile_floors(c: &mut Compiler, src: &Indexed) -> Vec<Floor> {
    let Ok(file) = parse_toml::<raw::FloorsFile>(src).map_err(|p| c.problems.push(p)) else {
        return Vec::new();
    };
    file.floor
        .iter()
        .map(|f| Floor {
            name: f.name.get_ref().clone(),
            at: src.loc(f.name.span()),
            urgency: c.urgency(src, &f.urgency).unwrap_or(Urgency(0)),
            stop: f.stop,
            condition: c.condition(src, &f.when, &f.any),
        })
        .collect()
}

fn parse_into<T: serde::de::DeserializeOwned>(
    src: &Source,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    if src.text.trim().is_empty() {
        problems.push(Problem::whole_file(
            &*src.name,
            "the file is empty; expected TOML tables",
        ));
        return None;
    }
    match parse_toml(src) {
        Ok(v) => Some(v),
        Err(p) => {
            problems.push(p);
            None
        }
    }
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
                problems.push(src.problem(
                    values_span,
                    format!("expected \"bool\" or a list of values, found \"{k}\""),
                ));
                continue;
            }
            raw::ValuesDef::List(l) if l.is_empty() => {
                problems.push(src.problem(values_span, "expected at least one value"));
                continue;
            }
            raw::ValuesDef::List(l) => (l.into(), false),
        };
        let default = match value_string(def.default.get_ref())
            .and_then(|d| values.iter().position(|v| *v == d))
        {
            Some(d) => d,
            None => {
                problems.push(src.problem(
                    def.default.span(),
                    format!(
                        "the default must be one of the values: {}",
                        values.join(", ")
                    ),
                ));
                0
            }
        };
        let key_s = key.get_ref().clone();
        let first_slot = vocab
            .findings
            .last()
            .map_or(0, |(_, f)| f.first_slot + f.values.len() as u32);
        vocab.findings.insert(
            key_s.clone(),
            Finding {
                key: key_s,
                values,
                is_bool,
                default,
                means: def.means,
                first_slot,
                group: None,
            },
        );
    }
    for (id, text) in ff.diagnosis {
        vocab.diagnoses.insert(id.into_inner(), text);
    }
    // The file lists urgencies from most to least urgent.
    for (id, meaning) in ff.urgency.into_iter().rev() {
        vocab.urgencies.push(UrgencyLevel {
            id: id.into_inner(),
            meaning,
        });
    }
    if vocab.urgencies.is_empty() {
        problems.push(Problem::whole_file(
            &*src.name,
            "expected at least one urgency level in [urgency]",
        ));
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
        let vocab = self.vocab;
        let f = vocab.findings.get(key.get_ref());
        if f.is_none() {
            self.at(
                src,
                key,
                format!(
                    "unknown finding `{}`: it is not in findings.toml",
                    key.get_ref()
                ),
            );
        }
        f
    }

    fn value(&mut self, src: &Indexed, f: &Finding, v: &Spanned<toml::Value>) -> Option<String> {
        match value_string(v.get_ref()) {
            Some(s) if f.values.contains(&s) => Some(s),
            _ => {
                self.at(src, v, not_a_value(f, v.get_ref()));
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
                other => self.value(src, f, &Spanned::new(span, other)),
            };
            if let Some(v) = value {
                out.push((k.into_inner(), v));
            }
        }
        out
    }

    fn condition(&mut self, src: &Indexed, all: &ConditionDef, any: &ConditionDef) -> Condition {
        let part = |c: &mut Self, def: &ConditionDef| {
            let mut out = Vec::new();
            for (k, vals) in def {
                let Some(f) = c.finding(src, k) else {
                    continue;
                };
                let list: Vec<Spanned<toml::Value>> = match vals.get_ref() {
                    toml::Value::Array(vs) => vs
                        .iter()
                        .map(|v| Spanned::new(vals.span(), v.clone()))
                        .collect(),
                    v => vec![Spanned::new(vals.span(), v.clone())],
                };
                let vs: Vec<String> = list.iter().filter_map(|v| c.value(src, f, v)).collect();
                out.push((f.key.clone(), vs));
            }
            out
        };
        Condition {
            all: part(self, all),
            any: part(self, any),
        }
    }

    fn urgency(&mut self, src: &Indexed, u: &Spanned<String>) -> Option<Urgency> {
        let found = self.vocab.urgency(u.get_ref());
        if found.is_none() {
            let ids: Vec<_> = self
                .vocab
                .urgencies
                .iter()
                .rev()
                .map(|u| u.id.as_str())
                .collect();
            self.at(
                src,
                u,
                format!(
                    "unknown urgency `{}`; expected one of {}",
                    u.get_ref(),
                    ids.join(", ")
                ),
            );
        }
        found
    }
}
