//! A record as a one-page intake summary in Markdown, to print or paste into
//! clinical notes.

use std::fmt::Write;

use super::record::Record;

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

pub fn to_markdown(r: &Record) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# Buttock and hamstring pain: intake summary {}\n",
        r.code
    );
    let _ = writeln!(
        s,
        "Completed {} by the {} · question bank \"{}\" {} · language {}\n",
        r.created, r.audience, r.bank.name, r.bank.version, r.language
    );
    let _ = writeln!(
        s,
        "## Urgency: {}\n\n{}\n",
        r.result.urgency.replace('_', " ").to_uppercase(),
        r.result.urgency_meaning
    );
    if !r.result.red_flags.is_empty() {
        let _ = writeln!(s, "**Red flags:**\n");
        for f in &r.result.red_flags {
            let _ = writeln!(s, "- {} (`{}`)", f.title, f.id);
        }
        if r.result.stopped_early {
            let _ = writeln!(
                s,
                "\nThe questionnaire ended at the red flag; later questions were not asked."
            );
        }
        s.push('\n');
    }
    let _ = writeln!(s, "## Likely diagnoses\n");
    for (i, d) in r.result.diagnoses.iter().take(3).enumerate() {
        let _ = writeln!(
            s,
            "{}. **{}** (`{}`), score {:.2}",
            i + 1,
            d.clinician_name,
            d.id,
            d.score
        );
        if !d.because.is_empty() {
            let _ = writeln!(s, "   - for: {}", d.because.join("; "));
        }
        if !d.against.is_empty() {
            let _ = writeln!(s, "   - against: {}", d.against.join("; "));
        }
    }
    if let Some(top) = r.result.diagnoses.first() {
        let _ = writeln!(s, "\n## Next steps for {}\n", top.clinician_name);
        for e in &top.examine {
            let _ = writeln!(s, "- Examine: {e}");
        }
        for i in &top.image {
            let _ = writeln!(s, "- Imaging: {i}");
        }
    }
    let _ = writeln!(
        s,
        "\n## Answers\n\n| # | Question | Answer |\n| --- | --- | --- |"
    );
    for (i, a) in r.answers.iter().enumerate() {
        let answer: Vec<&str> = a.answers.iter().map(|o| o.label.as_str()).collect();
        let _ = writeln!(
            s,
            "| {} | {} | {} |",
            i + 1,
            cell(&a.wording),
            cell(&answer.join("; "))
        );
    }
    let _ = writeln!(s, "\n## Findings\n\n| Finding | Value |\n| --- | --- |");
    for (k, v) in &r.findings {
        let _ = writeln!(s, "| {} | {} |", cell(k), cell(v));
    }
    let _ = writeln!(
        s,
        "\nA self-reported screening history, not a diagnosis: confirm by examination."
    );
    s
}
