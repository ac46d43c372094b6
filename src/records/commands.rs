//! `records list|show|export` and `export-questionnaire`: the records read
//! and written without a terminal.

use std::path::Path;
use std::process::ExitCode;

use crate::bank::Bank;
use crate::cli::{ExportFormat, fail, print_clean};

use super::record::pretty;
use super::{Store, data_dir, fhir, markdown};

fn store(flag: Option<&Path>, bank: &Bank) -> Result<Store, ExitCode> {
    if let Some(d) = flag.filter(|d| !d.is_dir()) {
        return Err(fail(format!(
            "the data folder {} does not exist (or is not a folder); create it or give another with --data-dir",
            d.display()
        )));
    }
    let d = data_dir(flag).ok_or_else(|| {
        fail("no data folder could be found for records; give one with --data-dir DIR")
    })?;
    Ok(Store::new(&d).with_urgencies(bank.vocab.urgencies.iter().map(|u| u.id.clone())))
}

/// `records list`; `Err` is the exit status of a failure already printed.
pub fn list(flag: Option<&Path>, bank: &Bank) -> Result<ExitCode, ExitCode> {
    let store = store(flag, bank)?;
    let (good, bad) = store.list().map_err(fail)?;
    let mut text = String::new();
    if good.is_empty() {
        let dir = store.dir().display().to_string();
        text = format!("{}\n", bank.ui_fill("records.none", &[("dir", &dir)]));
    } else {
        // In words: the urgency's name (the store refuses one the bank does
        // not know) and the diagnosis's clinical name in the bank's language
        // (the name saved, for one it does not know).
        let heading =
            ["code", "time", "urgency", "top"].map(|k| bank.ui(&format!("records.{k}")).into());
        let rows = good.iter().map(|r| {
            let urgency = bank.ui(&format!("urgency.{}", r.result.urgency));
            let top = r.result.diagnoses.first().map_or(String::new(), |d| {
                let known = bank.diagnosis_index(&d.id);
                let known = known.map(|i| &bank.diagnoses[i].clinician_name);
                known.unwrap_or(&d.clinician_name).clone()
            });
            [r.code.clone(), r.created.clone(), urgency.into(), top]
        });
        let table: Vec<[String; 4]> = std::iter::once(heading).chain(rows).collect();
        let width = |i: usize| table.iter().map(|r| r[i].chars().count()).max();
        let [w0, w1, w2] = [0, 1, 2].map(|i| width(i).unwrap_or(0));
        for [code, time, urgency, top] in &table {
            text += &format!("{code:<w0$}  {time:<w1$}  {urgency:<w2$}  {top}\n");
        }
    }
    for p in &bad {
        eprintln!("error: {}", crate::input::text::clean(&p.to_string()));
    }
    let (code, failed) = (print_clean(&text), !bad.is_empty());
    Ok(if failed { ExitCode::from(1) } else { code })
}

/// `records show` (Markdown) and `records export`; `Err` is the exit status of a failure already printed.
pub fn export(
    flag: Option<&Path>,
    bank: &Bank,
    code: &str,
    format: ExportFormat,
) -> Result<ExitCode, ExitCode> {
    let store = store(flag, bank)?;
    let record = store
        .load(code)
        .map_err(|e| fail(crate::input::text::clean(&e.to_string())))?;
    let text = match format {
        ExportFormat::Markdown => {
            markdown::to_markdown(bank, &record, super::replay::report(bank, &record).as_ref())
        }
        ExportFormat::Json => record.to_json(),
        ExportFormat::Fhir => pretty(&fhir::bundle(&record, &bank.codes)),
    };
    Ok(print_clean(&text))
}

pub fn export_questionnaire(bank: &Bank, clinician: bool) -> ExitCode {
    print_clean(&pretty(&fhir::questionnaire(bank, clinician)))
}
