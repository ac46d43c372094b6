//! Compiles and validates the built-in question bank with the program's own
//! loader and checks (the same modules, not a copy), so that a broken
//! built-in bank fails the build instead of a patient's session, and embeds
//! the compiled bank for `Bank::builtin` to read at start-up without parsing
//! any TOML. Also embeds the practice case library (questions/cases/*.toml),
//! so practice mode runs from anywhere with no files beside it.

use std::fmt::Write;
use std::path::Path;

// Only part of each module is used here.
#[allow(dead_code, unused_imports)]
#[path = "src/bank/mod.rs"]
mod bank;
#[allow(dead_code, unused_imports)]
#[path = "src/check/mod.rs"]
mod check;
#[allow(dead_code, unused_imports)]
#[path = "src/engine/mod.rs"]
mod engine;
#[allow(dead_code, unused_imports)]
#[path = "src/input/mod.rs"]
mod input;

fn main() {
    // The bank's files are included by `bank::builtin_sources`, and the
    // modules above by this script: cargo runs it again when any changes.
    for dir in [
        "questions",
        "contract",
        "assets",
        "src/bank",
        "src/check",
        "src/engine",
        "src/input",
    ] {
        println!("cargo::rerun-if-changed={dir}");
    }
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    embed_bank(&out.join("bank.postcard"));
    embed_cases(&out.join("cases.rs"));
    // `Bank::builtin` reads what this script wrote, so it is compiled in the
    // program only, not in this script.
    println!("cargo::rustc-cfg=embedded_bank");
}

fn embed_bank(out: &Path) {
    let problems = match bank::compile(&bank::builtin_sources()) {
        Ok(bank) => match check::validate(&bank) {
            problems if problems.is_empty() => {
                let bytes = postcard::to_allocvec(&bank).expect("a compiled bank serialises");
                std::fs::write(out, bytes).expect("write the compiled bank");
                return;
            }
            problems => problems,
        },
        Err(problems) => problems,
    };
    for p in &problems {
        println!("cargo::error={p}");
    }
    std::process::exit(1);
}

fn embed_cases(out: &Path) {
    let dir = Path::new("questions/cases");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    names.sort();
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let mut code = String::from(
        "/// The built-in practice cases: (file name, text).\npub const CASES: &[(&str, &str)] = &[\n",
    );
    for n in &names {
        let path = Path::new(&manifest).join("questions/cases").join(n);
        let path = path.display().to_string();
        let _ = writeln!(code, "    ({n:?}, include_str!({path:?})),");
    }
    code.push_str("];\n");
    std::fs::write(out, code).expect("write the case list");
}
