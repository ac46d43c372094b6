//! Languages: every text the bank shows (questions, options, why-we-ask,
//! diagnoses, advice, red-flag messages, urgency meanings, art, the screens'
//! fixed wording) has a key such as `question.age.patient`. The base texts are
//! English; `lang/CODE.toml` beside the bank holds the same keys in another
//! language, and `Bank::localized` swaps them in.

use std::collections::{BTreeMap, HashSet};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::model::{Bank, Loc};
use super::source::{Indexed, Problem, Source};

/// The language the bank's own files are written in.
pub const BASE: &str = "en";

/// Texts by key, each with where it is written.
pub type TextMap = BTreeMap<String, (String, Loc)>;

/// One language's texts, by key, with where each is written. A language
/// file is read the first time its texts are needed (most runs never show
/// the second language, and reading it would more than double the start-up).
#[derive(Debug, Clone, Default)]
pub struct Texts {
    pub lang: String,
    /// The language file, for a translation not read yet.
    source: Option<Source>,
    texts: std::sync::OnceLock<Result<TextMap, Problem>>,
}

impl Texts {
    /// The texts by key, or what is wrong with the language file.
    pub fn texts(&self) -> Result<&TextMap, &Problem> {
        self.texts
            .get_or_init(|| match &self.source {
                Some(src) => flatten(src),
                None => Ok(BTreeMap::new()),
            })
            .as_ref()
    }
}

/// The translations of the languages a bank declares, each read when first
/// needed, and a problem for each declared language without its file.
pub fn translations(
    bank_file: &str,
    languages: &[String],
    langs: &[(String, Source)],
) -> (Vec<Texts>, Vec<Problem>) {
    let mut texts = Vec::new();
    let mut problems = Vec::new();
    for code in languages.iter().filter(|l| *l != BASE) {
        match langs.iter().find(|(l, _)| l == code) {
            Some((_, s)) => texts.push(Texts {
                lang: code.clone(),
                source: Some(s.clone()),
                texts: std::sync::OnceLock::new(),
            }),
            None => problems.push(Problem::whole_file(
                bank_file,
                format!("the bank declares language `{code}` but has no lang/{code}.toml"),
            )),
        }
    }
    (texts, problems)
}

/// Flattens a TOML document of (nested) tables of strings, and arrays of
/// strings, into dotted keys: `[question.age] patient = "..."` gives
/// `question.age.patient`, an array item `examine.0`.
pub fn flatten(src: &Source) -> Result<TextMap, Problem> {
    let table = DeTable::parse(&src.text)
        .map_err(|e| src.problem(e.span().unwrap_or(0..0), e.message().trim().to_string()))?;
    let root = Spanned::new(table.span(), DeValue::Table(table.into_inner()));
    let mut out = BTreeMap::new();
    walk(&Indexed::new(src), "", &root, &mut out)?;
    Ok(out)
}

fn walk(src: &Indexed, key: &str, v: &Spanned<DeValue>, out: &mut TextMap) -> Result<(), Problem> {
    match v.get_ref() {
        DeValue::String(s) => {
            out.insert(key.to_string(), (s.to_string(), src.loc(v.span())));
        }
        DeValue::Table(t) => {
            for (k, v) in t {
                let k = match key {
                    "" => k.get_ref().to_string(),
                    _ => format!("{key}.{}", k.get_ref()),
                };
                walk(src, &k, v, out)?;
            }
        }
        DeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(src, &format!("{key}.{i}"), item, out)?;
            }
        }
        _ => return Err(src.problem(v.span(), format!("`{key}`: expected text in quotes"))),
    }
    Ok(())
}

/// Calls `f` on every text of the bank with its key and where it is written.
/// The one list of what a translation must cover.
pub fn each_text(bank: &mut Bank, f: &mut dyn FnMut(&str, &mut String, &Loc)) {
    f("bank.name", &mut bank.name, &Loc::start("bank.toml"));
    let vocab_loc = Loc::start("findings.toml");
    for u in &mut bank.vocab.urgencies {
        f(&format!("urgency.{}", u.id), &mut u.meaning, &vocab_loc);
    }
    for q in &mut bank.questions {
        let k = |field: &str| format!("question.{}.{field}", q.id);
        f(&k("patient"), &mut q.patient, &q.at);
        f(&k("clinician"), &mut q.clinician, &q.at);
        f(&k("why"), &mut q.why, &q.at);
        for o in &mut q.options {
            let k = |field: &str| format!("question.{}.option.{}.{field}", q.id, o.id);
            f(&k("label"), &mut o.label, &o.at);
            f(&k("clinician"), &mut o.clinician, &o.at);
        }
    }
    for d in &mut bank.diagnoses {
        let at = &d.text_at;
        let k = |field: &str| format!("diagnosis.{}.{field}", d.id);
        f(&k("name"), &mut d.name, at);
        f(&k("clinician_name"), &mut d.clinician_name, at);
        f(&k("plain"), &mut d.plain, at);
        f(&k("clinician"), &mut d.clinician, at);
        f(&k("do_now"), &mut d.do_now, at);
        if let Some(s) = &mut d.self_care {
            f(&k("self_care"), s, at);
        }
        f(&k("seek_care"), &mut d.seek_care, at);
        f(&k("where"), &mut d.care_where, at);
        for (list, items) in [
            ("examine", &mut d.examine),
            ("image", &mut d.image),
            ("refer", &mut d.refer),
        ] {
            for (i, e) in items.iter_mut().enumerate() {
                f(&k(&format!("{list}.{i}")), e, at);
            }
        }
    }
    for r in &mut bank.red_flags {
        let k = |field: &str| format!("red_flag.{}.{field}", r.id);
        f(&k("title"), &mut r.title, &r.at);
        f(&k("patient"), &mut r.patient, &r.at);
        f(&k("clinician"), &mut r.clinician, &r.at);
    }
    // Art and screen wording by name, in order (their maps keep none).
    for (name, text) in bank.art.iter_mut().collect::<BTreeMap<_, _>>() {
        let at = Loc::start(&format!("assets/{name}.txt"));
        f(&format!("art.{name}"), text, &at);
    }
    for (key, text) in bank.ui.text.iter_mut().collect::<BTreeMap<_, _>>() {
        let at = bank.ui.at.get(key).cloned().unwrap_or_default();
        f(&format!("ui.{key}"), text, &at);
    }
}

/// Problems with one translation: texts it lacks (located at the base text)
/// and keys it has that the bank does not (located in the language file).
pub fn check(bank: &Bank, t: &Texts) -> Vec<Problem> {
    let texts = match t.texts() {
        Ok(texts) => texts,
        Err(p) => return vec![p.clone()],
    };
    let mut known = HashSet::new();
    let mut problems = Vec::new();
    each_text(&mut bank.clone(), &mut |k, text, at| {
        known.insert(k.to_string());
        match texts.get(k) {
            None => problems.push(at.problem(format!("no `{}` text for `{k}`", t.lang))),
            Some((translated, tat)) => {
                if translated.trim().is_empty() {
                    problems.push(tat.problem(format!("`{k}` is empty")));
                } else if placeholders(translated) != placeholders(text) {
                    problems.push(tat.problem(format!(
                        "`{k}` must keep the placeholders {:?} of the base text, no more and no fewer",
                        placeholders(text)
                    )));
                }
            }
        }
    });
    problems.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    for (k, (_, at)) in texts {
        if !known.contains(k) {
            problems.push(at.problem(format!(
                "`{k}` is not a text of the bank (a misspelt key, or one the bank no longer has)"
            )));
        }
    }
    problems
}

/// Every text of the bank as a TOML document in the shape of `lang/CODE.toml`,
/// for a translator to start from. With `only_missing`, just the texts that
/// translation lacks.
pub fn template(bank: &Bank, only_missing: Option<&Texts>) -> String {
    let mut root = toml::Table::new();
    each_text(&mut bank.clone(), &mut |key, text, _| {
        if only_missing.is_some_and(|t| t.texts().is_ok_and(|texts| texts.contains_key(key))) {
            return;
        }
        let parts: Vec<&str> = key.split('.').collect();
        insert(&mut root, &parts, text.clone());
    });
    toml::to_string(&root).unwrap_or_default()
}

fn insert(table: &mut toml::Table, parts: &[&str], text: String) {
    match parts {
        [] => {}
        [last] => {
            table.insert(last.to_string(), text.into());
        }
        [name, index] if index.parse::<usize>().is_ok() => {
            let items = table.entry(*name).or_insert(toml::Value::Array(Vec::new()));
            if let Some(items) = items.as_array_mut() {
                items.push(text.into());
            }
        }
        [first, rest @ ..] => {
            let t = table.entry(*first).or_insert(toml::Table::new().into());
            if let Some(t) = t.as_table_mut() {
                insert(t, rest, text);
            }
        }
    }
}

/// The `{name}` placeholders of a text, sorted.
fn placeholders(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .filter(|name| {
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
        .map(String::from)
        .collect();
    out.sort();
    out
}

impl Bank {
    /// The bank with every text in `lang` (texts a translation lacks stay in
    /// the base language; `validate` reports them).
    pub fn localized(&self, lang: &str) -> Result<Bank, String> {
        self.clone().into_localized(lang)
    }

    /// `localized` without a copy (a copy of the whole bank is most of a
    /// millisecond at start-up, where the bank is usually in `lang` already).
    pub fn into_localized(mut self, lang: &str) -> Result<Bank, String> {
        if lang == self.language {
            return Ok(self);
        }
        let Some(t) = self.translations.iter().position(|t| t.lang == lang) else {
            return Err(format!(
                "no `{lang}` language in this bank; it has {}",
                self.available_languages().join(", ")
            ));
        };
        // Taken out while the texts are swapped in, and put back.
        let mut translations = std::mem::take(&mut self.translations);
        let texts = translations[t].texts().map_err(|p| p.to_string())?;
        // The texts being replaced stay as a translation, so that a localized
        // bank can be switched back (the welcome screen's language choice).
        let keep = !translations.iter().any(|t| t.lang == self.language);
        let mut current = BTreeMap::new();
        each_text(&mut self, &mut |k, text, at| {
            if keep {
                current.insert(k.to_string(), (text.clone(), at.clone()));
            }
            if let Some((s, _)) = texts.get(k) {
                *text = s.clone();
            }
        });
        if keep {
            translations.push(Texts {
                lang: self.language.clone(),
                source: None,
                texts: std::sync::OnceLock::from(Ok(current)),
            });
        }
        self.translations = translations;
        self.language = lang.to_string();
        Ok(self)
    }

    /// The languages this bank can be shown in: its declared languages that
    /// it has texts for, in the order `bank.toml` gives them.
    pub fn available_languages(&self) -> Vec<&str> {
        let have: Vec<&str> = std::iter::once(self.language.as_str())
            .chain(self.translations.iter().map(|t| t.lang.as_str()))
            .collect();
        let declared = self.languages.iter().map(String::as_str);
        let mut out: Vec<&str> = declared.filter(|l| have.contains(l)).collect();
        for l in have {
            if !out.contains(&l) {
                out.push(l);
            }
        }
        out
    }

    /// A fixed piece of screen wording, by key (a visible marker when the
    /// key is missing, so a gap shows rather than blanking the screen).
    pub fn ui(&self, key: &str) -> &str {
        self.ui.get(key).map_or("[missing text]", String::as_str)
    }

    /// `ui` with `{name}` placeholders filled in.
    pub fn ui_fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill(self.ui(key), values)
    }
}

/// A text with its `{name}` placeholders filled in: the one place every
/// face fills the bank's wording.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_string(), |s, (name, value)| {
            s.replace(&format!("{{{name}}}"), value)
        })
}
