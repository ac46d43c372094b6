//! Imports run one way: `ui` → `app` → `engine` → `bank`, with `check` above
//! `bank` and `engine`, and the terminal loop and the command line above them
//! all. This scans `src/` for `crate::…` and `super::…` paths and fails on
//! one that runs the wrong way.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Each module and the modules it must not import.
const RULES: &[(&str, &[&str])] = &[
    ("engine", &["app", "ui", "terminal", "check", "cli"]),
    ("bank", &["engine", "check", "app", "ui", "terminal", "cli"]),
    // `kiosk` is the staff PIN's store on disk.
    ("app", &["ui", "terminal", "cli", "kiosk"]),
    ("ui", &["terminal", "cli"]),
    ("check", &["app", "ui", "terminal", "cli"]),
];

/// Wrong-way imports that are known and not yet undone, as (file, module
/// imported). Each is a fault to fix, listed so that the test holds the line
/// against new ones; the test fails when one is gone, so that it is taken
/// off this list.
const KNOWN_VIOLATIONS: &[(&str, &str)] = &[];

/// The crate's top-level modules (files and folders of `src/`).
fn top_modules(src: &Path) -> BTreeSet<String> {
    std::fs::read_dir(src)
        .expect("src/")
        .map(|e| e.expect("an entry of src/").path())
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?.to_string();
            match name.strip_suffix(".rs") {
                Some(stem) => Some(stem.to_string()),
                None if p.is_dir() => Some(name),
                None => None,
            }
        })
        .filter(|m| m != "lib" && m != "main")
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a folder of src/") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file under `src/` (`src/app/kiosk.rs` is
/// `["app", "kiosk"]`, `src/app/mod.rs` is `["app"]`).
fn module_path(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().expect("a file name");
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" && stem != "main" {
        parts.push(stem.to_string());
    }
    parts
}

/// The leading names of a path after `crate::`: one name, or each of a
/// `{…}` group's.
fn leading_names(rest: &str) -> Vec<String> {
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let Some(group) = rest.strip_prefix('{') else {
        return vec![ident(rest)];
    };
    let mut names = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                names.push(ident(&group[start..i]));
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                names.push(ident(&group[start..i]));
                start = i + 1;
            }
            _ => {}
        }
    }
    names
}

/// The top-level modules a file's code names, through `crate::` or
/// through enough `super::` to reach the crate's root.
fn imports(code: &str, module: &[String], tops: &BTreeSet<String>) -> BTreeSet<String> {
    // Comments say what they like; code without them.
    let code: String = code
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let mut found = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        found.extend(leading_names(&code[at + "crate::".len()..]));
    }
    for (at, _) in code.match_indices("super::") {
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let mut rest = &code[at..];
        let mut ups = 0;
        while let Some(r) = rest.strip_prefix("super::") {
            rest = r;
            ups += 1;
        }
        if ups == module.len() {
            found.extend(leading_names(rest));
        }
    }
    found.retain(|m| tops.contains(m));
    found
}

/// Every (file, module imported) that breaks a rule.
fn violations(src: &Path) -> Vec<(String, String)> {
    let tops = top_modules(src);
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let relative = file.strip_prefix(src).expect("under src/");
        let module = module_path(relative);
        let Some((_, forbidden)) = RULES
            .iter()
            .find(|(m, _)| module.first().map(String::as_str) == Some(*m))
        else {
            continue;
        };
        let code = std::fs::read_to_string(&file).expect("a source file");
        for m in imports(&code, &module, &tops) {
            if forbidden.contains(&m.as_str()) {
                out.push((format!("src/{}", relative.display()), m));
            }
        }
    }
    out
}

#[test]
fn imports_run_one_way() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = violations(&src);
    let known = |(f, m): &(String, String)| KNOWN_VIOLATIONS.contains(&(f.as_str(), m.as_str()));
    let new: Vec<String> = found
        .iter()
        .filter(|v| !known(v))
        .map(|(f, m)| format!("{f} imports `{m}`"))
        .collect();
    assert!(
        new.is_empty(),
        "imports that run the wrong way:\n{}",
        new.join("\n")
    );
    let fixed: Vec<String> = KNOWN_VIOLATIONS
        .iter()
        .filter(|(f, m)| !found.iter().any(|(g, n)| g == f && n == m))
        .map(|(f, m)| format!("{f} no longer imports `{m}`"))
        .collect();
    assert!(
        fixed.is_empty(),
        "take these off KNOWN_VIOLATIONS:\n{}",
        fixed.join("\n")
    );
}

/// What the app must not name: it does no I/O (no files, no clock, no
/// randomness, no record store); `update` returns an `Effect` for the loop.
const APP_DOES_NO_IO: &[&str] = &[
    "std::fs",
    "std::io",
    "std::env",
    "Store",
    "now_rfc3339",
    "new_code",
    "Instant::now",
    "SystemTime",
    "PinGate",
    "verify_pin",
];

/// Whether `code` (comments left out) names `word` as a whole path or name.
fn names(code: &str, word: &str) -> bool {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    code.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .any(|l| {
            l.match_indices(word).any(|(at, _)| {
                !l[..at].chars().next_back().is_some_and(ident)
                    && !l[at + word.len()..].chars().next().is_some_and(ident)
            })
        })
}

#[test]
fn the_app_does_no_io() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src.join("app"), &mut files);
    assert!(files.len() > 5, "the app's files: {files:?}");
    let mut found = Vec::new();
    for file in files {
        let code = std::fs::read_to_string(&file).expect("a source file");
        for word in APP_DOES_NO_IO {
            if names(&code, word) {
                found.push(format!("{} names `{word}`", file.display()));
            }
        }
    }
    assert!(found.is_empty(), "I/O in the app:\n{}", found.join("\n"));
    // The check sees what it looks for.
    assert!(names("use std::fs::read;", "std::fs"));
    assert!(!names("// std::fs\nlet StoreError = 1;", "Store"));
}

#[test]
fn the_scan_finds_groups_nested_paths_and_super() {
    let tops: BTreeSet<String> = ["app", "bank", "engine", "ui", "terminal"]
        .into_iter()
        .map(String::from)
        .collect();
    let module = vec!["engine".to_string(), "walk".to_string()];
    let code = "use crate::{bank::{Bank, Kind}, ui::theme};\n\
                // use crate::terminal;\n\
                fn f() { super::super::app::App::new(); super::scoring::rank(); }\n\
                let x = my_crate::engine::y;";
    let found = imports(code, &module, &tops);
    assert_eq!(found.into_iter().collect::<Vec<_>>(), ["app", "bank", "ui"]);
}
