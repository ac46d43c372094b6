//! The question bank: loading its TOML files, compiling them and checking
//! each file (the whole-tree checks are in `check`).

pub mod lang;
pub mod load;
pub mod model;
pub mod raw;
pub mod source;

pub use load::{BankSources, UiRead, builtin_sources, compile, compile_with, read_dir_sources};
pub use model::*;
pub use source::{Problem, Source};

use std::path::Path;

/// A hash map with a fast hasher: the bank's keys are short ids, hashed by
/// the hundred thousand when a large bank loads, and SipHash's guard against
/// crafted keys buys nothing for files a clinic writes itself.
pub type Map<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// An insertion-ordered map with the same hasher.
pub type OrderedMap<K, V> = indexmap::IndexMap<K, V, foldhash::fast::RandomState>;

impl Bank {
    /// The bank built into the binary.
    pub fn builtin() -> Result<Bank, Vec<Problem>> {
        compile_with(&builtin_sources(), UiRead::WhenAsked)
    }

    /// A bank from a folder, or the built-in one when `dir` is `None`.
    pub fn load(dir: Option<&Path>) -> Result<Bank, Vec<Problem>> {
        match dir {
            Some(d) => compile(&read_dir_sources(d)?),
            None => Bank::builtin(),
        }
    }
}
