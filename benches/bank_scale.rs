//! Loading and validating question banks at scale: synthetic banks of 1k, 10k
//! and 100k questions (see `bank::synthetic`), each compiled from its TOML
//! text and checked as `validate` does. The time should grow in proportion to
//! the bank: 10k questions in under 100 ms, 100k under 12 times that.
//!
//!     cargo bench --bench bank_scale
//!
//! Set `BANK_SCALE_SIZES=1000,10000` to run only some sizes.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use hamstring_triage::bank::{Bank, compile, synthetic, validate};

fn sizes() -> Vec<usize> {
    std::env::var("BANK_SCALE_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000])
}

fn load_and_validate(c: &mut Criterion) {
    let mut group = c.benchmark_group("bank_scale");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    for n in sizes() {
        let sources = synthetic::bank_sources(n);
        let bytes = [
            &sources.bank,
            &sources.findings,
            &sources.questions,
            &sources.diagnoses,
            &sources.evidence,
            &sources.red_flags,
        ]
        .iter()
        .map(|s| s.text.len())
        .sum::<usize>();
        eprintln!("bank_scale: {n} questions, {bytes} bytes of TOML");
        // Checked once outside the timing: the bank is valid.
        let bank = compile(&sources).expect("a synthetic bank compiles");
        assert!(validate::validate(&bank).is_empty());

        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("load_validate", n), &sources, |b, s| {
            b.iter(|| {
                let bank = compile(black_box(s)).expect("compiles");
                black_box(validate::validate(&bank))
            })
        });
        group.bench_with_input(BenchmarkId::new("load", n), &sources, |b, s| {
            b.iter(|| black_box(compile(black_box(s)).expect("compiles")))
        });
        group.bench_with_input(BenchmarkId::new("validate", n), &bank, |b, bank| {
            b.iter(|| black_box(validate::validate(black_box(bank))))
        });
    }
    group.finish();
}

fn builtin(c: &mut Criterion) {
    c.bench_function("builtin_load_validate", |b| {
        b.iter(|| {
            let bank = Bank::builtin().expect("the built-in bank compiles");
            black_box(validate::validate(&bank))
        })
    });
}

criterion_group!(benches, builtin, load_and_validate);
criterion_main!(benches);
