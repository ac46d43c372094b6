//! Bad input, hunted for: every loader of outside text (the question bank's
//! files, case files, the config file, saved records) is fed arbitrary bytes,
//! TOML and JSON token soup, mutations of the real files (bit flips,
//! truncations, deleted, repeated and swapped lines, inserted tokens, swapped
//! names) and hand-made monsters (nesting thousands deep, megabyte strings).
//!
//! Each input must end in a value or in problems located at a line and
//! column from 1 inside the file, with a message, and do so within a time
//! limit and a memory budget: never a panic, a hang or unbounded memory. A
//! value goes on through everything that would use it (validate, the engine,
//! the report, the record and its exports), which must not panic either.
//!
//! CI runs a short pass with a fixed seed. A long hunt, in release:
//!
//!     FUZZ_CASES=20000 FUZZ_SEED=7 cargo test --release --test fuzz_loaders -- --nocapture
//!
//! `FUZZ_CASES` is the number of inputs per target; `FUZZ_SEED` picks other
//! inputs. A failing input is shrunk and written to
//! `target/tmp/fuzz-failures/`. `cargo fuzz` targets over the same loaders
//! are in `fuzz/` (nightly only).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use hamstring_triage::audience::Audience;
use hamstring_triage::bank::{
    Bank, BankSources, Findings, Kind, Problem, Source, builtin_sources, compile,
};
use hamstring_triage::case::{load_case, parse_case};
use hamstring_triage::check;
use hamstring_triage::config;
use hamstring_triage::engine::{interview, triage};
use hamstring_triage::records::{Record, Store, StoreError, fhir, markdown};
use hamstring_triage::report::{assess_json, assess_text};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestError, TestRng, TestRunner};

// ------------------------------------------------------------ memory budget

/// Counts the bytes each thread has allocated and not freed, and the peak.
struct Counting;

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn note(delta: isize) {
    let _ = LIVE.try_with(|live| {
        let now = live.get() + delta;
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

// SAFETY: every call is passed straight to the system allocator; the counts
// are thread-local cells that never allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            note(layout.size() as isize);
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            note(layout.size() as isize);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) };
        note(-(layout.size() as isize));
    }
    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, layout, new_size) };
        if !q.is_null() {
            note(new_size as isize - layout.size() as isize);
        }
        q
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The most one input may hold in memory at once: a fixed allowance plus a
/// multiple of its size (parsed TOML takes some tens of times its text).
fn memory_budget(input_bytes: usize) -> usize {
    256 * 1024 * 1024 + 64 * input_bytes
}

// ------------------------------------------------------------ settings

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

/// Inputs per target: the short CI pass unless `FUZZ_CASES` says otherwise.
fn cases(ci: u32) -> u32 {
    env_number("FUZZ_CASES").map_or(ci, |n| n as u32)
}

/// How long one input may take before it counts as a hang.
fn time_limit() -> Duration {
    Duration::from_secs(env_number("FUZZ_TIMEOUT_SECS").unwrap_or(60))
}

fn runner(target: &str, ci_cases: u32) -> TestRunner {
    let seed = env_number("FUZZ_SEED").unwrap_or(0x5eed);
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    // Each target its own stream, the same on every run.
    for (i, b) in target.bytes().enumerate() {
        bytes[8 + i % 24] ^= b;
    }
    let config = Config {
        cases: cases(ci_cases),
        failure_persistence: None,
        max_shrink_iters: 2000,
        max_shrink_time: 120_000,
        ..Config::default()
    };
    TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &bytes))
}

/// What a long run reports per target.
#[derive(Default)]
struct Tally {
    inputs: u64,
    values: u64,
    refused: u64,
    slowest: Duration,
    peak: usize,
}

/// Runs `check` on every input the strategy makes, each on its own thread
/// with a time limit and its memory counted. The test fails on a panic, a
/// hang, a budget overrun or a broken promise, with the shrunk input saved.
fn hunt<S>(target: &str, ci_cases: u32, strategy: S, check: fn(&S::Value) -> Verdict)
where
    S: Strategy,
    S::Value: Clone + Send + std::fmt::Debug + 'static,
{
    let tally = std::sync::Mutex::new(Tally::default());
    let started = Instant::now();
    let result = runner(target, ci_cases).run(&strategy, |input| {
        let size = format!("{input:?}").len();
        let (verdict, took, peak) = run_guarded(input.clone(), check)?;
        let mut t = tally.lock().unwrap();
        t.inputs += 1;
        t.slowest = t.slowest.max(took);
        t.peak = t.peak.max(peak);
        match verdict {
            Verdict::Value => t.values += 1,
            Verdict::Refused => t.refused += 1,
            Verdict::Broken(why) => return Err(TestCaseError::fail(why)),
        }
        if peak > memory_budget(size) {
            return Err(TestCaseError::fail(format!(
                "{peak} bytes held at once for an input of about {size} bytes"
            )));
        }
        Ok(())
    });
    let t = tally.into_inner().unwrap();
    eprintln!(
        "fuzz {target}: {} inputs in {:.1?} ({} values, {} refused with located problems); slowest {:.1?}, most memory {} KiB",
        t.inputs,
        started.elapsed(),
        t.values,
        t.refused,
        t.slowest,
        t.peak / 1024
    );
    if let Err(e) = result {
        let (why, input) = match e {
            TestError::Fail(why, input) => (why.to_string(), input),
            TestError::Abort(why) => panic!("{target}: aborted: {why}"),
        };
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("fuzz-failures");
        let _ = std::fs::create_dir_all(&dir);
        let file = dir.join(format!("{target}.txt"));
        let _ = std::fs::write(&file, format!("{why}\n\n{input:#?}\n"));
        let shown: String = format!("{input:?}").chars().take(2000).collect();
        panic!(
            "{target}: {why}\ninput (whole in {}):\n{shown}",
            file.display()
        );
    }
}

/// The outcome of one input.
enum Verdict {
    /// A usable value, carried through everything that would use it.
    Value,
    /// Refused with problems that are all properly located.
    Refused,
    /// A promise broken: the reason.
    Broken(String),
}

/// Runs one check on its own thread: the verdict, the time and the peak
/// memory, or a failure for a panic or a hang.
fn run_guarded<T: Send + 'static>(
    input: T,
    check: fn(&T) -> Verdict,
) -> Result<(Verdict, Duration, usize), TestCaseError> {
    let (tx, rx) = mpsc::channel();
    let worker = std::thread::Builder::new()
        .name("fuzz-input".into())
        .spawn(move || {
            let start = Instant::now();
            let verdict = check(&input);
            drop(input);
            let peak = PEAK.with(Cell::get).max(0) as usize;
            let _ = tx.send((verdict, start.elapsed(), peak));
        })
        .expect("a thread for the input");
    match rx.recv_timeout(time_limit()) {
        Ok(done) => {
            let _ = worker.join();
            Ok(done)
        }
        Err(mpsc::RecvTimeoutError::Timeout) => Err(TestCaseError::fail(format!(
            "still running after {:?}: a hang",
            time_limit()
        ))),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            let why = match worker.join() {
                Err(payload) => payload
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_else(|| "a panic".into()),
                Ok(()) => "the check ended without a verdict".into(),
            };
            Err(TestCaseError::fail(format!("panicked: {why}")))
        }
    }
}

// ------------------------------------------------------------ promises

/// The files an input's problems may point into, split into lines once.
struct Files<'a> {
    files: Vec<(&'a str, Vec<&'a str>)>,
}

impl<'a> Files<'a> {
    fn new(sources: &[&'a Source]) -> Self {
        Files {
            files: sources
                .iter()
                .map(|s| (&*s.name, s.text.split('\n').collect()))
                .collect(),
        }
    }

    /// A problem must point inside the file it names (when it is one of
    /// these), from line and column 1, and say something.
    fn located(&self, p: &Problem) -> Result<(), String> {
        if p.line == 0 || p.column == 0 {
            return Err(format!("not located from 1: {p}"));
        }
        if p.message.trim().is_empty() || p.file.is_empty() {
            return Err(format!("no message or no file: {p:?}"));
        }
        if let Some((name, lines)) = self.files.iter().find(|(name, _)| *name == p.file) {
            let Some(line) = lines.get(p.line - 1) else {
                return Err(format!(
                    "line {} is past the end of {name} ({} lines): {p}",
                    p.line,
                    lines.len()
                ));
            };
            if p.column > line.chars().count() + 1 {
                return Err(format!(
                    "column {} is past the end of its line: {p}",
                    p.column
                ));
            }
        }
        Ok(())
    }

    fn all_located(&self, problems: &[Problem]) -> Result<(), String> {
        problems.iter().try_for_each(|p| self.located(p))
    }
}

fn all_located(problems: &[Problem], texts: &[&Source]) -> Verdict {
    if problems.is_empty() {
        return Verdict::Broken("refused with no problem given".into());
    }
    match Files::new(texts).all_located(problems) {
        Ok(()) => Verdict::Refused,
        Err(why) => Verdict::Broken(why),
    }
}

fn sources_of(s: &BankSources) -> Vec<&Source> {
    let mut v = vec![
        &s.bank,
        &s.findings,
        &s.questions,
        &s.diagnoses,
        &s.evidence,
        &s.red_flags,
        &s.ui,
    ];
    v.extend(s.langs.iter().map(|(_, s)| s));
    v
}

/// A compiled bank is validated, and, unless it loops (which `assess` and the
/// app refuse), run: a patient with nothing stated and one with every
/// finding's first value, in every language it declares, to the report, the
/// record and its exports.
fn use_bank(bank: &Bank, texts: &[&Source]) -> Verdict {
    let problems = check::validate(bank);
    if let Err(why) = Files::new(texts).all_located(&problems) {
        return Verdict::Broken(format!("validate: {why}"));
    }
    if !check::cycles(bank).is_empty() {
        return Verdict::Value;
    }
    let _ = fhir::questionnaire(bank, false);
    let _ = fhir::questionnaire(bank, true);
    let mut languages = vec!["en".to_string()];
    languages.extend(bank.languages.iter().cloned());
    for lang in languages {
        let Ok(localized) = bank.localized(&lang) else {
            continue;
        };
        let first_values: Findings = localized
            .vocab
            .findings
            .values()
            .map(|f| (f.key.clone(), f.values[0].clone()))
            .collect();
        for stated in [Findings::new(), first_values] {
            if let Ok(walk) = interview(&localized, &stated) {
                let outcome = triage(&localized, &walk);
                let _ = assess_text(&localized, &walk, &outcome, Audience::Clinician);
                let _ = serde_json::to_string(&assess_json(&localized, &walk, &outcome));
                let record = Record::new(
                    &localized,
                    &walk,
                    &outcome,
                    Audience::Clinician,
                    "ABC-234".into(),
                    "2026-01-01T00:00:00Z".into(),
                );
                if let Verdict::Broken(why) = use_record(&record) {
                    return Verdict::Broken(why);
                }
            }
        }
    }
    Verdict::Value
}

/// A record read back is exported every way, and survives a round trip.
fn use_record(record: &Record) -> Verdict {
    let _ = markdown::to_markdown(builtin_bank(), record, None);
    let _ = fhir::bundle(record, &Default::default());
    let json = record.to_json();
    match Record::from_json(&json, "round-trip.json") {
        Ok(back) if &back == record => Verdict::Value,
        Ok(_) => Verdict::Broken("a record changed in a round trip through JSON".into()),
        Err(p) => Verdict::Broken(format!("a record written cannot be read back: {p}")),
    }
}

fn builtin_bank() -> &'static Bank {
    static BANK: OnceLock<Bank> = OnceLock::new();
    BANK.get_or_init(|| Bank::builtin().expect("the built-in bank"))
}

// ------------------------------------------------------------ the loaders

/// Which of the bank's files an input replaces.
const BANK_SLOTS: usize = 8;

fn slot(s: &mut BankSources, i: usize) -> &mut Source {
    match i % BANK_SLOTS {
        0 => &mut s.bank,
        1 => &mut s.findings,
        2 => &mut s.questions,
        3 => &mut s.diagnoses,
        4 => &mut s.evidence,
        5 => &mut s.red_flags,
        6 => &mut s.ui,
        _ => &mut s.langs[0].1,
    }
}

fn check_bank(slot_index: usize, text: &str) -> Verdict {
    let mut sources = builtin_sources();
    slot(&mut sources, slot_index).text = text.to_string().into();
    let texts = sources_of(&sources);
    match compile(&sources) {
        Ok(bank) => use_bank(&bank, &texts),
        Err(problems) => all_located(&problems, &texts),
    }
}

fn check_case(text: &str) -> Verdict {
    let src = Source::new("case.toml", text.to_string());
    match parse_case(&src, &builtin_bank().vocab) {
        Ok(case) => {
            let bank = builtin_bank();
            match interview(bank, &case.findings) {
                Ok(walk) => {
                    let outcome = triage(bank, &walk);
                    let _ = assess_text(bank, &walk, &outcome, Audience::Patient);
                    let record = Record::new(
                        bank,
                        &walk,
                        &outcome,
                        Audience::Patient,
                        "ABC-234".into(),
                        "2026-01-01T00:00:00Z".into(),
                    );
                    use_record(&record)
                }
                // A case the bank cannot answer is a clear error too.
                Err(e) if !e.to_string().is_empty() => Verdict::Value,
                Err(_) => Verdict::Broken("an interview error without words".into()),
            }
        }
        Err(p) => all_located(&[p], &[&src]),
    }
}

fn check_config(text: &str) -> Verdict {
    let src = Source::new("config.toml", text.to_string());
    match config::parse(&src) {
        Ok(_) => Verdict::Value,
        Err(p) => all_located(&[p], &[&src]),
    }
}

fn check_record(text: &str) -> Verdict {
    let src = Source::new("record.json", text.to_string());
    match Record::from_json(text, "record.json") {
        Ok(record) => use_record(&record),
        Err(p) => all_located(&[p], &[&src]),
    }
}

// ------------------------------------------------------------ the inputs

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn shared() -> PathBuf {
    std::env::var_os("HAMSTRING_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest().join("../shared"))
}

fn toml_files(dir: &std::path::Path) -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|x| x == "toml"));
    files.sort();
    files
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("a case file"))
        .collect()
}

/// The real case files: the shared cases and the project's library.
fn case_corpus() -> &'static [String] {
    static CORPUS: OnceLock<Vec<String>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let mut v = toml_files(&shared().join("cases"));
        v.extend(toml_files(&manifest().join("questions/cases")));
        assert!(v.len() > 10, "the case files are missing");
        v
    })
}

const CONFIGS: &[&str] = &[
    "clinic_name = \"Riverside Physio\"\nemergency_number = \"999\"\nidle_timeout_seconds = 120\ndone_timeout_seconds = 60\ndata_dir = \"/var/lib/hamstring-triage\"\nkiosk = true\nlang = \"es\"\n",
    "# defaults but one\nkiosk = false\n",
    "",
];

/// A saved record of each kind: the older-format fixture and fresh ones.
fn record_corpus() -> &'static [String] {
    static CORPUS: OnceLock<Vec<String>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let mut v = vec![
            std::fs::read_to_string(manifest().join("tests/fixtures/record-v1.json"))
                .expect("the record fixture"),
        ];
        let bank = builtin_bank();
        for text in case_corpus().iter().take(4) {
            let case = parse_case(&Source::new("c.toml", text.as_str()), &bank.vocab).unwrap();
            let walk = interview(bank, &case.findings).unwrap();
            let outcome = triage(bank, &walk);
            let r = Record::new(
                bank,
                &walk,
                &outcome,
                Audience::Patient,
                "K7M-4QX".into(),
                "x".into(),
            );
            v.push(r.to_json());
        }
        v
    })
}

/// Pieces of TOML and JSON, and of the bank's own words.
const TOKENS: &[&str] = &[
    "[",
    "]",
    "[[",
    "]]",
    "{",
    "}",
    "=",
    ",",
    ".",
    ":",
    "\"",
    "'",
    "\"\"\"",
    "'''",
    "\n",
    "\r\n",
    "#",
    " ",
    "\t",
    "\\",
    "\\u00e9",
    "\\U0001F600",
    "true",
    "false",
    "0",
    "-1",
    "1e400",
    "-0.0",
    "nan",
    "inf",
    "+inf",
    "0x7f",
    "0o17",
    "0b1",
    "1_000",
    "9999999999999999999999",
    "1979-05-27T07:32:00Z",
    "07:32:00",
    "null",
    "[]",
    "{}",
    "\u{0}",
    "\u{7f}",
    "é",
    "😀",
    "\u{200b}",
    "question",
    "option",
    "id",
    "next",
    "sets",
    "unticked",
    "kind",
    "multi",
    "single",
    "not_sure",
    "none",
    "floor",
    "result",
    "start",
    "must_ask",
    "likely_threshold",
    "when",
    "any",
    "urgency",
    "emergency",
    "routine",
    "diagnosis",
    "prior",
    "lr",
    "finding",
    "values",
    "bool",
    "default",
    "stop",
    "diagnosis_first",
    "bladder",
    "pop",
    "onset",
    "sudden",
    "findings",
    "case",
    "expected",
    "format",
    "version",
    "\"hamstring-triage-record\"",
    "\"version\": 2",
    "\"answers\"",
    "\"result\"",
    "\"diagnoses\"",
    "\"score\"",
    "kiosk",
    "lang",
    "idle_timeout_seconds",
];

/// Token soup or arbitrary text.
fn soup() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::collection::vec(
            prop_oneof![
                4 => prop::sample::select(TOKENS.to_vec()).prop_map(str::to_string),
                1 => "[a-z_]{1,10}",
                1 => "\"[^\"\\\\\n]{0,16}\"",
                1 => any::<String>(),
            ],
            0..300
        )
        .prop_map(|parts| parts.concat()),
        1 => prop::collection::vec(any::<u8>(), 0..2048)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        1 => any::<String>(),
    ]
}

/// One change to a file's bytes.
#[derive(Debug, Clone)]
enum Mutation {
    FlipBit(u32, u8),
    Truncate(u32),
    DeleteLine(u32),
    DuplicateLine(u32, u32),
    SwapLines(u32, u32),
    InsertToken(u32, usize),
    DeleteRange(u32, u16),
    /// Replace one word (a name or a number) with another word of the file.
    SwapWord(u32, u32),
    /// Repeat a line many times.
    RepeatLine(u32, u16),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        1 => (any::<u32>(), 0u8..8).prop_map(|(a, b)| Mutation::FlipBit(a, b)),
        1 => any::<u32>().prop_map(Mutation::Truncate),
        1 => any::<u32>().prop_map(Mutation::DeleteLine),
        1 => (any::<u32>(), any::<u32>()).prop_map(|(a, b)| Mutation::DuplicateLine(a, b)),
        1 => (any::<u32>(), any::<u32>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        1 => (any::<u32>(), 0..TOKENS.len()).prop_map(|(a, b)| Mutation::InsertToken(a, b)),
        1 => (any::<u32>(), any::<u16>()).prop_map(|(a, b)| Mutation::DeleteRange(a, b % 200)),
        2 => (any::<u32>(), any::<u32>()).prop_map(|(a, b)| Mutation::SwapWord(a, b)),
        1 => (any::<u32>(), any::<u16>()).prop_map(|(a, b)| Mutation::RepeatLine(a, b % 2000)),
    ]
}

fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    prop::collection::vec(mutation(), 1..6)
}

fn lines(bytes: &[u8]) -> Vec<Vec<u8>> {
    bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect()
}

fn words(bytes: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &b) in bytes.iter().enumerate() {
        let w = b.is_ascii_alphanumeric() || b == b'_';
        match (w, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..bytes.len());
    }
    out
}

/// Applies the mutations to a text; the result is read as UTF-8, bad bytes
/// replaced (the loaders take text; bad bytes on disk are tested apart).
fn mutate(text: &str, ms: &[Mutation]) -> String {
    let mut b = text.as_bytes().to_vec();
    for m in ms {
        let at = |x: u32, n: usize| if n == 0 { 0 } else { x as usize % n };
        match *m {
            Mutation::FlipBit(x, bit) if !b.is_empty() => {
                let i = at(x, b.len());
                b[i] ^= 1 << bit;
            }
            Mutation::Truncate(x) => b.truncate(at(x, b.len() + 1)),
            Mutation::DeleteLine(x) => {
                let mut ls = lines(&b);
                ls.remove(at(x, ls.len()));
                b = ls.join(&b'\n');
            }
            Mutation::DuplicateLine(x, y) => {
                let mut ls = lines(&b);
                let copy = ls[at(y, ls.len())].clone();
                ls.insert(at(x, ls.len() + 1), copy);
                b = ls.join(&b'\n');
            }
            Mutation::SwapLines(x, y) => {
                let mut ls = lines(&b);
                let n = ls.len();
                ls.swap(at(x, n), at(y, n));
                b = ls.join(&b'\n');
            }
            Mutation::InsertToken(x, t) => {
                let i = at(x, b.len() + 1);
                b.splice(i..i, TOKENS[t].bytes());
            }
            Mutation::DeleteRange(x, len) => {
                let i = at(x, b.len() + 1);
                let j = (i + len as usize).min(b.len());
                b.drain(i..j);
            }
            Mutation::SwapWord(x, y) => {
                let ws = words(&b);
                if !ws.is_empty() {
                    let to = ws[at(x, ws.len())].clone();
                    let from = b[ws[at(y, ws.len())].clone()].to_vec();
                    b.splice(to, from);
                }
            }
            Mutation::RepeatLine(x, times) => {
                let mut ls = lines(&b);
                let i = at(x, ls.len());
                let line = ls[i].clone();
                for _ in 0..times {
                    ls.insert(i, line.clone());
                }
                b = ls.join(&b'\n');
            }
            Mutation::FlipBit(..) => {}
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}

/// Monsters: nesting far past any sane depth, huge strings and keys, many
/// keys, long lines, in TOML and in JSON. The CI pass makes the deep and
/// repeated ones a tenth as large (`scale` 10): 10,000 deep, not 100,000.
fn monsters(scale: usize) -> Vec<String> {
    let deep = 100_000 / scale;
    let many = |n: usize| n / scale;
    let mb = "x".repeat(1 << 20);
    vec![
        format!("a = {}1{}", "[".repeat(deep), "]".repeat(deep)),
        format!("a = {}", "[".repeat(deep)),
        format!("a = {}1{}", "{b=".repeat(deep), "}".repeat(deep)),
        format!("{} = 1", vec!["a"; deep].join(".")),
        format!("[{}]\nx = 1", vec!["a"; deep].join(".")),
        format!("[[{}]]\nx = 1", vec!["a"; many(10_000)].join(".")),
        format!("[findings]\nonset = \"{mb}\"\n"),
        format!("[findings]\n{mb} = true\n"),
        format!("# {mb}\n[findings]\n"),
        format!("[findings]\nonset = '''{mb}'''\n"),
        "[[question]]\n".repeat(many(50_000)),
        "[[question.option]]\nid = \"a\"\n".repeat(many(20_000)),
        (0..many(50_000)).map(|i| format!("k{i} = {i}\n")).collect(),
        format!("a = [{}]", vec!["1"; many(200_000)].join(",")),
        format!("{}1{}", "[".repeat(deep), "]".repeat(deep)),
        format!("{{\"format\": \"hamstring-triage-record\", \"version\": 1, \"code\": \"{mb}\"}}"),
        format!("{{\"a\": {}}}", "{\"a\": ".repeat(deep)),
        "\u{feff}".repeat(many(10_000)),
        "\r".repeat(many(100_000)),
        "\"".repeat(many(100_000)),
        "'".repeat(many(100_000)),
        "\\".repeat(many(100_000)),
        format!("a = \"{}\"", "\\u00e9".repeat(many(200_000))),
        format!("a = 1e{}", "9".repeat(many(100_000))),
    ]
}

// ------------------------------------------------------------ the hunts

#[test]
fn bank_files_mutated() {
    hunt(
        "bank_files_mutated",
        48,
        (0..BANK_SLOTS, mutations()),
        |(s, ms)| {
            let mut sources = builtin_sources();
            let text = mutate(&slot(&mut sources, *s).text, ms);
            check_bank(*s, &text)
        },
    );
}

#[test]
fn bank_files_of_soup() {
    hunt(
        "bank_files_of_soup",
        40,
        (0..BANK_SLOTS, soup()),
        |(s, text)| check_bank(*s, text),
    );
}

#[test]
fn case_files_mutated() {
    hunt(
        "case_files_mutated",
        300,
        (0..64usize, mutations()),
        |(i, ms)| {
            let corpus = case_corpus();
            check_case(&mutate(&corpus[i % corpus.len()], ms))
        },
    );
}

#[test]
fn case_files_of_soup() {
    hunt("case_files_of_soup", 200, soup(), |t| check_case(t));
}

#[test]
fn config_files_mutated_and_of_soup() {
    hunt(
        "config_files_mutated",
        200,
        (0..CONFIGS.len(), mutations()),
        |(i, ms)| check_config(&mutate(CONFIGS[*i], ms)),
    );
    hunt("config_files_of_soup", 200, soup(), |t| check_config(t));
}

#[test]
fn records_mutated_and_of_soup() {
    hunt(
        "records_mutated",
        300,
        (0..8usize, mutations()),
        |(i, ms)| {
            let corpus = record_corpus();
            check_record(&mutate(&corpus[i % corpus.len()], ms))
        },
    );
    hunt("records_of_soup", 150, soup(), |t| check_record(t));
}

/// Records whose every field is arbitrary (empty lists, odd text, extreme
/// scores) still export and round-trip.
#[test]
fn records_of_any_content() {
    let text = || any::<String>();
    let list = || prop::collection::vec(any::<String>(), 0..3);
    let diagnosis = (
        text(),
        text(),
        any::<f64>().prop_filter("JSON has no NaN or infinity", |x| x.is_finite()),
        list(),
        list(),
    )
        .prop_map(|(id, name, score, because, examine)| {
            hamstring_triage::records::record::DiagnosisRef {
                clinician_name: name.clone(),
                id,
                name,
                score,
                against: because.clone(),
                because,
                image: examine.clone(),
                examine,
            }
        });
    let answer = (
        text(),
        text(),
        prop_oneof![Just(Kind::Single), Just(Kind::Multi)],
        prop::collection::vec((text(), text()), 0..3),
    )
        .prop_map(|(question, wording, kind, answers)| {
            hamstring_triage::records::record::AnsweredQuestion {
                question,
                wording,
                kind,
                answers: answers
                    .into_iter()
                    .map(
                        |(option, label)| hamstring_triage::records::record::ChosenOption {
                            option,
                            label,
                        },
                    )
                    .collect(),
            }
        });
    let record = (
        (text(), text(), text(), text()),
        prop::collection::vec(answer, 0..4),
        prop::collection::btree_map(text(), text(), 0..4),
        (
            text(),
            any::<bool>(),
            prop::collection::vec((text(), text()), 0..3),
        ),
        prop::collection::vec(diagnosis, 0..6),
    )
        .prop_map(
            |(
                (code, created, audience, language),
                answers,
                findings,
                (urgency, stopped, flags),
                diagnoses,
            )| {
                use hamstring_triage::records::record::*;
                Record {
                    format: FORMAT.to_string(),
                    version: VERSION,
                    code,
                    created,
                    bank: BankRef {
                        name: "bank".into(),
                        version: "1".into(),
                    },
                    audience,
                    language,
                    answers,
                    findings,
                    result: RecordResult {
                        urgency_meaning: urgency.clone(),
                        urgency,
                        stopped_early: stopped,
                        red_flags: flags
                            .into_iter()
                            .map(|(id, title)| FlagRef { id, title })
                            .collect(),
                        diagnoses,
                    },
                }
            },
        );
    hunt("records_of_any_content", 120, record, use_record);
}

/// The monsters, through every loader and every file of the bank.
#[test]
fn monsters_end_in_a_value_or_a_located_problem() {
    let scale = if std::env::var_os("FUZZ_CASES").is_some() {
        1
    } else {
        10
    };
    for (i, text) in monsters(scale).into_iter().enumerate() {
        let started = Instant::now();
        let mut verdicts = Vec::new();
        for s in 0..BANK_SLOTS {
            let t = text.clone();
            verdicts.push(("bank", run_guarded((s, t), |(s, t)| check_bank(*s, t))));
        }
        verdicts.push(("case", run_guarded(text.clone(), |t| check_case(t))));
        verdicts.push(("config", run_guarded(text.clone(), |t| check_config(t))));
        verdicts.push(("record", run_guarded(text.clone(), |t| check_record(t))));
        for (what, v) in verdicts {
            let shown: String = text.chars().take(60).collect();
            match v {
                Err(e) => panic!("monster {i} ({shown}...) as a {what}: {e}"),
                Ok((Verdict::Broken(why), ..)) => {
                    panic!("monster {i} ({shown}...) as a {what}: {why}")
                }
                Ok((_, _, peak)) => assert!(
                    peak <= memory_budget(text.len()),
                    "monster {i} ({shown}...) as a {what}: {peak} bytes"
                ),
            }
        }
        eprintln!(
            "monster {i}: {} bytes, every loader in {:.1?}",
            text.len(),
            started.elapsed()
        );
    }
}

/// Nesting deeper than the parser goes is a located problem, not a stack
/// overflow (the `toml` crate stops at a fixed depth).
#[test]
fn deep_nesting_is_a_located_problem() {
    let text = format!(
        "[findings]\nonset = {}1{}\n",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let src = Source::new("case.toml", text.clone());
    let p = parse_case(&src, &builtin_bank().vocab).unwrap_err();
    assert_eq!(p.line, 2, "{p}");
    assert!(!p.message.is_empty());
}

// ------------------------------------------------------------ files on disk

/// Arbitrary bytes in a case file on disk: a value or one located problem
/// (bad UTF-8 at the line and column of the first bad byte).
#[test]
fn case_files_of_arbitrary_bytes_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.toml");
    let mut runner = runner("case_files_on_disk", 64);
    runner
        .run(&prop::collection::vec(any::<u8>(), 0..512), |bytes| {
            std::fs::write(&path, &bytes).unwrap();
            match load_case(&path, &builtin_bank().vocab) {
                Ok(_) => Ok(()),
                Err(p) => {
                    let shown = Source::new(
                        path.display().to_string(),
                        String::from_utf8_lossy(&bytes).into_owned(),
                    );
                    prop_assert!(p.line >= 1 && p.column >= 1 && !p.message.is_empty(), "{p}");
                    if std::str::from_utf8(&bytes).is_ok() {
                        Files::new(&[&shown])
                            .located(&p)
                            .map_err(TestCaseError::fail)?;
                    }
                    Ok(())
                }
            }
        })
        .unwrap();
}

/// Files over the size limit are refused, before they are parsed, with a
/// message that says why: bank files, case files, the config file, records,
/// and a "file" that never ends.
#[test]
fn oversized_inputs_are_refused_before_parsing() {
    use hamstring_triage::input::MAX_FILE_BYTES;
    let dir = tempfile::tempdir().unwrap();
    // Valid TOML all the way, so only the size can be the reason.
    let big = format!(
        "[findings]\n{}",
        "# padding padding padding padding\n".repeat(MAX_FILE_BYTES / 34 + 10)
    );
    assert!(big.len() > MAX_FILE_BYTES);
    let says_too_big = |p: &Problem| {
        assert!(
            p.message.contains(&MAX_FILE_BYTES.to_string()) && p.message.contains("refused"),
            "{p}"
        );
        assert_eq!((p.line, p.column), (1, 1), "{p}");
    };

    let case = dir.path().join("case.toml");
    std::fs::write(&case, &big).unwrap();
    says_too_big(&load_case(&case, &builtin_bank().vocab).unwrap_err());

    let bank_dir = dir.path().join("bank");
    std::fs::create_dir(&bank_dir).unwrap();
    let s = builtin_sources();
    for (name, text) in [
        ("bank.toml", &*s.bank.text),
        ("findings.toml", &*s.findings.text),
        ("questions.toml", big.as_str()),
        ("diagnoses.toml", &*s.diagnoses.text),
        ("evidence.toml", &*s.evidence.text),
        ("red_flags.toml", &*s.red_flags.text),
        ("ui.toml", &*s.ui.text),
    ] {
        std::fs::write(bank_dir.join(name), text).unwrap();
    }
    std::fs::create_dir(bank_dir.join("art")).unwrap();
    std::fs::write(bank_dir.join("art/pain_map.txt"), &big).unwrap();
    let problems = hamstring_triage::bank::read_dir_sources(&bank_dir).unwrap_err();
    assert_eq!(problems.len(), 2, "{problems:#?}");
    for p in &problems {
        says_too_big(p);
    }
    assert!(problems.iter().any(|p| p.file.ends_with("questions.toml")));
    assert!(problems.iter().any(|p| p.file.ends_with("pain_map.txt")));

    let config_dir = dir.path().join("config");
    std::fs::create_dir(&config_dir).unwrap();
    std::fs::write(config::config_file(&config_dir), &big).unwrap();
    says_too_big(&config::load(Some(&config_dir)).unwrap_err());

    let store = Store::new(dir.path());
    std::fs::create_dir_all(store.dir()).unwrap();
    std::fs::write(store.dir().join("K7M-4QX.json"), &big).unwrap();
    match store.load("K7M-4QX") {
        Err(StoreError::Damaged(p)) => says_too_big(&p),
        other => panic!("{other:?}"),
    }
    let (good, bad) = store.list().unwrap();
    assert!(good.is_empty());
    assert_eq!(bad.len(), 1);
    says_too_big(&bad[0]);

    // A file that never ends (a device) is refused before a byte is read.
    #[cfg(unix)]
    {
        let endless = dir.path().join("endless.toml");
        std::os::unix::fs::symlink("/dev/zero", &endless).unwrap();
        let started = Instant::now();
        let p = load_case(&endless, &builtin_bank().vocab).unwrap_err();
        assert!(
            p.message.contains("a device, not a regular file") && p.file.ends_with("endless.toml"),
            "{p}"
        );
        assert!(started.elapsed() < Duration::from_secs(5));
    }
}

/// Files at the limit are still read: the limit refuses only what is over it.
#[test]
fn a_file_just_under_the_limit_is_read() {
    use hamstring_triage::bank::source::read_source;
    use hamstring_triage::input::MAX_FILE_BYTES;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.toml");
    let mut text = "[findings]\n".to_string();
    text.push_str(&"#".repeat(MAX_FILE_BYTES - text.len() - 1));
    text.push('\n');
    assert_eq!(text.len(), MAX_FILE_BYTES);
    std::fs::write(&path, &text).unwrap();
    assert_eq!(read_source(&path).unwrap().text.len(), MAX_FILE_BYTES);
}

// ------------------------------------------------------------ found by the hunt

/// Found by `records_of_any_content`: a score read back from JSON came out
/// one step off (serde_json's fast float parsing); records now read floats
/// exactly (its `float_roundtrip` feature), so a record survives export and
/// import unchanged.
#[test]
fn a_record_score_survives_a_round_trip_exactly() {
    let mut record: Record = Record::from_json(&record_corpus()[0], "r.json").unwrap();
    for score in [3.8249683575378304e-75, 0.1 + 0.2, 1e-300, 5e-324, 0.123] {
        record.result.diagnoses[0].score = score;
        let back = Record::from_json(&record.to_json(), "r.json").unwrap();
        assert_eq!(back.result.diagnoses[0].score.to_bits(), score.to_bits());
    }
}
