//! Loads and validates one synthetic bank once, in a fresh process, as the
//! `validate` command would a folder: the benchmark `bank_scale` repeats the
//! load in one process, whose heap is warm after the first; this is the cold
//! case a user meets. Prints user, system and wall time for the load and
//! checks alone (not the making of the bank's text), and the process's peak
//! memory (the bank's text included).
//!
//!     cargo run --release --example bank_once -- 10000
//!     valgrind --tool=callgrind \
//!         --toggle-collect='hamstring_triage::bank::load::compile*' \
//!         --toggle-collect='hamstring_triage::check::validate_tree*' \
//!         target/release/examples/bank_once 10000

use std::time::Instant;

use hamstring_triage::bank::compile;
use hamstring_triage::check;

#[path = "../tests/support/synthetic.rs"]
mod synthetic;

/// User and system CPU time of this process so far, in seconds, and its peak
/// resident memory in KiB.
fn usage() -> (f64, f64, i64) {
    // SAFETY: getrusage fills the struct it is given and keeps no pointer.
    let u = unsafe {
        let mut u: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut u);
        u
    };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    (secs(u.ru_utime), secs(u.ru_stime), u.ru_maxrss)
}

fn main() {
    let n: usize = match std::env::args().nth(1).map(|a| a.parse()) {
        Some(Ok(n)) => n,
        _ => {
            eprintln!("usage: bank_once QUESTIONS (a whole number, such as 10000)");
            std::process::exit(2);
        }
    };
    let sources = synthetic::bank_sources(n);
    let (user, sys, _) = usage();
    let started = Instant::now();
    let bank = compile(&sources).expect("a synthetic bank compiles");
    let problems = check::validate_tree(&bank);
    let wall = started.elapsed().as_secs_f64();
    let (user_after, sys_after, peak) = usage();
    assert!(problems.is_empty(), "a synthetic bank validates clean");
    println!(
        "{n} questions: user {:.3} s, system {:.3} s, wall {wall:.3} s; peak {} MiB",
        user_after - user,
        sys_after - sys,
        peak / 1024
    );
    // The process ends here: freeing the bank is not the load's cost.
    std::mem::forget(bank);
}
