//! The config file.
#![no_main]

#[path = "promises.rs"]
mod promises;

use hamstring_triage::bank::Source;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let src = Source::new("config.toml", String::from_utf8_lossy(data).into_owned());
    if let Err(p) = hamstring_triage::config::parse(&src) {
        promises::located(&[p]);
    }
});
