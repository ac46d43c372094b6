//! The question bank: loading its TOML files, compiling them and checking
//! each file (the whole-tree checks are in `check`).

pub mod lang;
pub mod load;
pub mod model;
pub mod raw;
pub mod source;

pub use lang::fill;
pub use load::{BANK_FILES, BankSources, builtin_sources, compile, read_dir_sources};
pub use model::*;
pub use source::{Problem, Source};

#[cfg(embedded_bank)]
use std::path::Path;

/// A hash map with a fast hasher: the bank's keys are short ids, hashed by
/// the hundred thousand when a large bank loads, and SipHash's guard against
/// crafted keys buys nothing for files a clinic writes itself.
pub type Map<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// An insertion-ordered map with the same hasher.
pub type OrderedMap<K, V> = indexmap::IndexMap<K, V, foldhash::fast::RandomState>;

// build.rs compiles these modules to make the built-in bank, so the bank it
// made is there for the program only (`embedded_bank` is set for it alone).
#[cfg(embedded_bank)]
impl Bank {
    /// The bank built into the binary: compiled and validated by build.rs
    /// with this same loader and `check::validate`, embedded in postcard's compact binary form, and
    /// read here without parsing any TOML. Its translations are read from
    /// their files when first needed, as a folder's are.
    pub fn builtin() -> Result<Bank, Vec<Problem>> {
        let bytes = include_bytes!(concat!(env!("OUT_DIR"), "/bank.postcard"));
        let mut bank: Bank = postcard::from_bytes(bytes).map_err(|e| {
            vec![Problem::whole_file(
                "the built-in bank",
                format!("the embedded bank does not read back: {e}"),
            )]
        })?;
        (bank.translations, _) = lang::translations("", &bank.languages, &builtin_sources().langs);
        Ok(bank)
    }

    /// A bank from a folder, or the built-in one when `dir` is `None`.
    pub fn load(dir: Option<&Path>) -> Result<Bank, Vec<Problem>> {
        match dir {
            Some(d) => compile(&read_dir_sources(d)?),
            None => Bank::builtin(),
        }
    }
}
