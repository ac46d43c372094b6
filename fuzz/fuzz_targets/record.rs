//! A saved record (JSON), read and exported every way.
#![no_main]

#[path = "promises.rs"]
mod promises;

use hamstring_triage::records::Record;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match Record::from_json(&text, "record.json") {
        Ok(r) => promises::use_record(&r),
        Err(p) => promises::located(&[p]),
    }
});
