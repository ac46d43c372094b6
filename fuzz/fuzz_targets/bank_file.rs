//! One file of the built-in bank replaced by the input (its first byte picks
//! which), compiled, validated and run.
#![no_main]

#[path = "promises.rs"]
mod promises;

use hamstring_triage::bank::{builtin_sources, compile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest).into_owned();
    let mut s = builtin_sources();
    let slot = match which % 8 {
        0 => &mut s.bank,
        1 => &mut s.findings,
        2 => &mut s.questions,
        3 => &mut s.diagnoses,
        4 => &mut s.evidence,
        5 => &mut s.red_flags,
        6 => &mut s.ui,
        _ => &mut s.langs[0].1,
    };
    slot.text = text.into();
    match compile(&s) {
        Ok(bank) => promises::use_bank(&bank),
        Err(problems) => promises::located(&problems),
    }
});
