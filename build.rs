//! Embeds the practice case library (questions/cases/*.toml) in the binary,
//! so practice mode runs from anywhere with no files beside it.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let dir = Path::new("questions/cases");
    println!("cargo:rerun-if-changed=questions/cases");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| n.ends_with(".toml"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let mut code = String::from(
        "/// The built-in practice cases: (file name, text).\npub const CASES: &[(&str, &str)] = &[\n",
    );
    for n in &names {
        println!("cargo:rerun-if-changed=questions/cases/{n}");
        let path = Path::new(&manifest).join("questions/cases").join(n);
        let _ = writeln!(
            code,
            "    ({n:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("cases.rs");
    std::fs::write(out, code).expect("write the case list");
}
