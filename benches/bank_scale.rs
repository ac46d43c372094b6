//! Loading and validating question banks at scale: synthetic banks of 1k, 10k
//! and 100k questions (see `tests/support/synthetic.rs`), each compiled from
//! its TOML text and checked as `validate` does. The time should grow in
//! proportion to the bank: 10k questions in under 300 ms, 100k in at most 12
//! times that.
//! Freeing the compiled bank afterwards is timed apart, as `drop`. The load
//! is repeated in one process, whose heap is warm after the first; for the
//! cold case a user meets, one load in a fresh process, see
//! `examples/bank_once.rs`.
//!
//!     cargo bench --bench bank_scale
//!     cargo bench --bench bank_scale -- cpu/      # CPU time only
//!     BANK_SCALE_SIZES=1000,10000 cargo bench --bench bank_scale
//!
//! Each is measured twice: `wall/` by the clock on the wall, `cpu/` by the CPU
//! time of the benchmark's thread (from /proc, Linux only), which other
//! programs on a busy machine inflate less. Under `wall/`, `drop` is freeing
//! a compiled bank; under `cpu/`, `parse` is the `toml` crate alone taking
//! `questions.toml` into the bank's raw types, and `validate` the whole-tree
//! checks alone.

use std::hint::black_box;
use std::time::Duration;

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use hamstring_triage::bank::{Bank, BankSources, compile, raw};
use hamstring_triage::check;

#[path = "../tests/support/synthetic.rs"]
mod synthetic;

fn sizes() -> Vec<usize> {
    std::env::var("BANK_SCALE_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000])
}

/// A synthetic bank's sources, checked once outside the timing: it compiles
/// and validates clean.
fn bank(n: usize) -> BankSources {
    let sources = synthetic::bank_sources(n);
    let bytes: usize = [
        &sources.bank,
        &sources.findings,
        &sources.questions,
        &sources.diagnoses,
        &sources.evidence,
        &sources.red_flags,
    ]
    .iter()
    .map(|s| s.text.len())
    .sum();
    eprintln!("bank_scale: {n} questions, {bytes} bytes of TOML");
    let bank = compile(&sources).expect("a synthetic bank compiles");
    assert!(check::validate_tree(&bank).is_empty());
    sources
}

fn load_and_validate<M: Measurement + 'static>(c: &mut Criterion<M>, clock: &str, breakdown: bool) {
    let mut group = c.benchmark_group(clock);
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    // One size at a time, each made and dropped in turn: a process holds
    // one bank, and the heap a larger bank leaves behind would slow the
    // allocator for the next.
    for n in sizes() {
        let sources = bank(n);
        group.throughput(Throughput::Elements(n as u64));
        // Load and validate; the bank is freed outside the timing (the
        // `validate` command frees it as the process ends), and how long
        // freeing takes is measured on its own, as `drop`.
        group.bench_with_input(BenchmarkId::new("load_validate", n), &sources, |b, s| {
            b.iter_with_large_drop(|| {
                let bank = compile(black_box(s)).expect("compiles");
                let problems = check::validate_tree(&bank);
                (bank, black_box(problems))
            })
        });
        if !breakdown {
            group.bench_with_input(BenchmarkId::new("drop", n), &sources, |b, s| {
                b.iter_batched(
                    || compile(s).expect("compiles"),
                    drop,
                    criterion::BatchSize::PerIteration,
                )
            });
        }
        if breakdown {
            group.bench_with_input(BenchmarkId::new("parse", n), &sources, |b, s| {
                b.iter(|| {
                    let q: raw::QuestionsFile =
                        toml::from_str(black_box(&s.questions.text)).expect("parses");
                    black_box(q)
                })
            });
            let bank = compile(&sources).expect("compiles");
            group.bench_with_input(BenchmarkId::new("validate", n), &bank, |b, bank| {
                b.iter(|| black_box(check::validate(black_box(bank))))
            });
        }
    }
    group.finish();
}

fn builtin<M: Measurement + 'static>(c: &mut Criterion<M>, clock: &str) {
    c.bench_function(&format!("{clock}/builtin_load_validate"), |b| {
        b.iter(|| {
            let bank = Bank::builtin().expect("the built-in bank compiles");
            black_box(check::validate_tree(&bank))
        })
    });
}

fn wall(c: &mut Criterion<WallTime>) {
    builtin(c, "wall");
    load_and_validate(c, "wall", false);
}

fn cpu(c: &mut Criterion<CpuTime>) {
    builtin(c, "cpu");
    load_and_validate(c, "cpu", true);
}

/// The CPU time this thread has used, in nanoseconds (Linux's schedstat).
fn thread_cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .expect("/proc/thread-self/schedstat (Linux) for CPU time")
}

/// Criterion measuring the benchmark thread's CPU time instead of the wall.
struct CpuTime;

impl Measurement for CpuTime {
    type Intermediate = u64;
    type Value = u64;
    fn start(&self) -> u64 {
        thread_cpu_ns()
    }
    fn end(&self, started: u64) -> u64 {
        thread_cpu_ns() - started
    }
    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }
    fn zero(&self) -> u64 {
        0
    }
    fn to_f64(&self, v: &u64) -> f64 {
        *v as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        &Nanoseconds
    }
}

/// Formats nanoseconds of CPU time as criterion formats the wall clock's.
struct Nanoseconds;

impl ValueFormatter for Nanoseconds {
    fn scale_values(&self, ns: f64, values: &mut [f64]) -> &'static str {
        let (factor, unit) = match ns {
            x if x < 1e3 => (1.0, "ns"),
            x if x < 1e6 => (1e-3, "µs"),
            x if x < 1e9 => (1e-6, "ms"),
            _ => (1e-9, "s"),
        };
        values.iter_mut().for_each(|v| *v *= factor);
        unit
    }

    fn scale_throughputs(
        &self,
        ns: f64,
        throughput: &Throughput,
        values: &mut [f64],
    ) -> &'static str {
        let per = match *throughput {
            Throughput::Elements(n) | Throughput::ElementsAndBytes { elements: n, .. } => n,
            Throughput::Bytes(n) | Throughput::BytesDecimal(n) => n,
            Throughput::Bits(n) => n,
        } as f64;
        let typical = per * 1e9 / ns;
        let (factor, unit) = if typical < 1e3 {
            (1.0, " elem/s")
        } else if typical < 1e6 {
            (1e-3, "Kelem/s")
        } else {
            (1e-6, "Melem/s")
        };
        values.iter_mut().for_each(|v| *v = per * 1e9 / *v * factor);
        unit
    }

    fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
        "ns"
    }
}

criterion_group!(wall_clock, wall);
criterion_group! {
    name = cpu_time;
    config = Criterion::default().with_measurement(CpuTime);
    targets = cpu
}
criterion_main!(wall_clock, cpu_time);
