//! A case file, checked against the built-in vocabulary and interviewed.
#![no_main]

#[path = "promises.rs"]
mod promises;

use std::sync::OnceLock;

use hamstring_triage::bank::{Bank, Source};
use hamstring_triage::case::parse_case;
use hamstring_triage::engine::{interview, triage};
use hamstring_triage::records::Record;
use libfuzzer_sys::fuzz_target;

fn bank() -> &'static Bank {
    static BANK: OnceLock<Bank> = OnceLock::new();
    BANK.get_or_init(|| Bank::builtin().expect("the built-in bank"))
}

fuzz_target!(|data: &[u8]| {
    let src = Source::new("case.toml", String::from_utf8_lossy(data).into_owned());
    match parse_case(&src, &bank().vocab) {
        Ok(case) => {
            if let Ok(walk) = interview(bank(), &case.findings) {
                let outcome = triage(bank(), &walk);
                let r = Record::new(bank(), &walk, &outcome, false, "ABC-234".into(), "t".into());
                promises::use_record(&r);
            }
        }
        Err(p) => promises::located(&[p]),
    }
});
