//! The whole process: `assess` on the built-in bank, from start to exit,
//! against the start-up of an empty Rust program built with the same
//! compiler and optimisation. The target: `assess` within three times the
//! empty program's time.
//!
//!     cargo bench --bench process
//!
//! The empty program is compiled by this benchmark (with `rustc`, or
//! `$RUSTC`) into `target/bench-empty/`. The ratio of the two medians is
//! printed at the end.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `fn main() {}`, compiled with optimisations.
fn empty_program() -> PathBuf {
    let dir = manifest().join("target/bench-empty");
    std::fs::create_dir_all(&dir).expect("target/bench-empty");
    let src = dir.join("empty.rs");
    std::fs::write(&src, "fn main() {}\n").expect("empty.rs");
    let exe = dir.join("empty");
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let status = Command::new(&rustc)
        .args(["--edition", "2024", "-C", "opt-level=3", "-o"])
        .arg(&exe)
        .arg(&src)
        .status()
        .unwrap_or_else(|e| panic!("cannot run {rustc}: {e}"));
    assert!(
        status.success(),
        "{rustc} could not build the empty program"
    );
    exe
}

/// The first case of the shared examples, or of the built-in practice cases.
fn a_case() -> PathBuf {
    let shared = std::env::var_os("HAMSTRING_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest().join("../shared"))
        .join("cases/01-waterski-fall.toml");
    if shared.is_file() {
        return shared;
    }
    let dir = manifest().join("questions/cases");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .expect("questions/cases")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    cases.sort();
    cases.remove(0)
}

/// Runs a program to its end, its output thrown away; how long it took.
fn run(exe: &Path, args: &[&str]) -> Duration {
    let start = Instant::now();
    let status = Command::new(exe)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("spawn");
    let took = start.elapsed();
    assert!(status.success(), "{} {args:?} failed", exe.display());
    took
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn process(c: &mut Criterion) {
    let empty = empty_program();
    let triage = PathBuf::from(env!("CARGO_BIN_EXE_hamstring-triage"));
    let case = a_case();
    let case = case.to_str().expect("a UTF-8 path");
    let assess = ["assess", "--case", case, "--format", "json"];

    let mut g = c.benchmark_group("process");
    g.sample_size(50);
    g.bench_function("empty_rust_program", |b| {
        b.iter_custom(|n| (0..n).map(|_| run(&empty, &[])).sum())
    });
    g.bench_function("assess_builtin_bank", |b| {
        b.iter_custom(|n| (0..n).map(|_| run(&triage, &assess)).sum())
    });
    g.finish();

    // The ratio, from runs taken in turn so that both see the same machine.
    let (mut e, mut a) = (Vec::new(), Vec::new());
    for _ in 0..200 {
        e.push(run(&empty, &[]));
        a.push(run(&triage, &assess));
    }
    let (e, a) = (median(e), median(a));
    println!(
        "process: median of 200 alternate runs: empty {:.2} ms, assess {:.2} ms, ratio {:.2} (target: at most 3)",
        e.as_secs_f64() * 1e3,
        a.as_secs_f64() * 1e3,
        a.as_secs_f64() / e.as_secs_f64()
    );
}

criterion_group!(benches, process);
criterion_main!(benches);
