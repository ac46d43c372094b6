//! The hazard log (docs/safety.md) names, for every hazard, the tests that
//! show its controls work. This keeps it honest: every test it cites must
//! exist, every hazard must have a control and a test, ids must be unique,
//! and severity and likelihood must come from the scales the log defines.

use std::collections::BTreeSet;
use std::path::Path;

const MIN_HAZARDS: usize = 20;
const SEVERITY: &[&str] = &[
    "Minor",
    "Significant",
    "Considerable",
    "Major",
    "Catastrophic",
];
const LIKELIHOOD: &[&str] = &["Very low", "Low", "Medium", "High", "Very high"];

/// One row of the hazard table.
#[derive(Debug)]
struct Row {
    id: String,
    severity: String,
    likelihood: String,
    controls: String,
    tests: Vec<String>,
}

/// Splits a Markdown table line into its trimmed cells.
fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    inner.split('|').map(|c| c.trim().to_string()).collect()
}

/// Every `path::name` in backticks whose path is under tests/ or src/.
fn cited_tests(cell: &str) -> Vec<String> {
    cell.split('`')
        .skip(1)
        .step_by(2)
        .filter(|s| (s.starts_with("tests/") || s.starts_with("src/")) && s.contains(".rs::"))
        .map(str::to_string)
        .collect()
}

/// The rows of the hazard table: the table whose header starts with `Id`,
/// each row an id such as H01. Columns are found by their headings.
fn hazard_rows(md: &str) -> Result<Vec<Row>, String> {
    let mut lines = md.lines();
    let header = lines
        .by_ref()
        .find(|l| l.trim_start().starts_with("| Id |"))
        .ok_or("no table whose header starts with `| Id |`")?;
    let heads = cells(header);
    let col = |prefix: &str| {
        heads
            .iter()
            .position(|h| h.starts_with(prefix))
            .ok_or(format!("no column starting {prefix:?} in {heads:?}"))
    };
    let (sev, lik, ctl, tst) = (
        col("Severity")?,
        col("Likelihood")?,
        col("Control")?,
        col("Test")?,
    );
    let mut rows = Vec::new();
    for line in lines {
        let line = line.trim();
        if !line.starts_with('|') {
            break;
        }
        let c = cells(line);
        if c[0].chars().all(|ch| ch == '-' || ch == ':') {
            continue;
        }
        if c.len() != heads.len() {
            return Err(format!(
                "{}: {} cells, the header has {}",
                c[0],
                c.len(),
                heads.len()
            ));
        }
        rows.push(Row {
            id: c[0].clone(),
            severity: c[sev].clone(),
            likelihood: c[lik].clone(),
            controls: c[ctl].clone(),
            tests: cited_tests(&c[tst]),
        });
    }
    Ok(rows)
}

/// Every cited test that does not exist under `root`: its file is missing,
/// or holds no `fn name(` (a plain test, or one inside `proptest!`).
fn missing_tests(root: &Path, cited: &[String]) -> Vec<String> {
    let mut missing = Vec::new();
    for reference in cited {
        let Some((file, name)) = reference.split_once("::") else {
            missing.push(format!("{reference}: not FILE::test_name"));
            continue;
        };
        match std::fs::read_to_string(root.join(file)) {
            Err(e) => missing.push(format!("{reference}: {file}: {e}")),
            Ok(text) => {
                let valid =
                    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
                if !valid || !text.contains(&format!("fn {name}(")) {
                    missing.push(format!("{reference}: no fn {name}( in {file}"));
                }
            }
        }
    }
    missing
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn log() -> Vec<Row> {
    let path = root().join("docs/safety.md");
    let md = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    hazard_rows(&md).unwrap_or_else(|e| panic!("docs/safety.md: {e}"))
}

#[test]
fn every_test_the_hazard_log_cites_exists() {
    let rows = log();
    let cited: Vec<String> = rows.iter().flat_map(|r| r.tests.clone()).collect();
    assert!(!cited.is_empty(), "no tests cited at all");
    let missing = missing_tests(root(), &cited);
    assert!(
        missing.is_empty(),
        "docs/safety.md cites {} test(s) that do not exist:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

#[test]
fn every_hazard_has_an_id_a_control_a_test_and_rated_risk() {
    let rows = log();
    assert!(
        rows.len() >= MIN_HAZARDS,
        "only {} hazards, expected at least {MIN_HAZARDS}",
        rows.len()
    );
    let mut problems = Vec::new();
    let mut ids = BTreeSet::new();
    for r in &rows {
        let well_formed = r.id.len() >= 3
            && r.id.starts_with('H')
            && r.id[1..].chars().all(|c| c.is_ascii_digit());
        if !well_formed {
            problems.push(format!("{:?} is not an id like H01", r.id));
        }
        if !ids.insert(r.id.clone()) {
            problems.push(format!("{} is used twice", r.id));
        }
        if r.controls.trim().is_empty() {
            problems.push(format!("{} has no control", r.id));
        }
        if r.tests.is_empty() {
            problems.push(format!("{} cites no test", r.id));
        }
        if !SEVERITY.contains(&r.severity.as_str()) {
            problems.push(format!("{}: severity {:?}", r.id, r.severity));
        }
        if !LIKELIHOOD.contains(&r.likelihood.as_str()) {
            problems.push(format!("{}: likelihood {:?}", r.id, r.likelihood));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_checker_reports_a_made_up_test_and_a_missing_file() {
    let md = "\
intro

| Id | Hazard | Severity | Likelihood | Controls | Tests |
| --- | --- | --- | --- | --- | --- |
| H01 | real | Major | Low | a control | `tests/hazard_log.rs::every_test_the_hazard_log_cites_exists` |
| H02 | made up | Major | Low | a control | `tests/hazard_log.rs::no_such_test_anywhere`, `tests/safety.rs::random_paths_are_safe` |
| H03 | no file | Minor | Low |  | `tests/no_such_file.rs::anything` |

after the table: `tests/hazard_log.rs::not_in_the_table`
";
    let rows = hazard_rows(md).unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1].tests.len(), 2);
    assert!(rows[2].controls.is_empty());
    let cited: Vec<String> = rows.iter().flat_map(|r| r.tests.clone()).collect();
    let missing = missing_tests(root(), &cited);
    assert_eq!(missing.len(), 2, "{missing:?}");
    assert!(missing[0].contains("no_such_test_anywhere"), "{missing:?}");
    assert!(missing[1].contains("no_such_file.rs"), "{missing:?}");
    // A name that is only a prefix of a real test is not that test.
    let prefix = vec!["tests/hazard_log.rs::every_test_the_hazard".to_string()];
    assert_eq!(missing_tests(root(), &prefix).len(), 1);
}
