//! `practice --stats` in words: the summary of a student's progress, the
//! scores over time and the red flags missed in each session, drawn as a
//! small chart for a terminal or said as numbers in plain output.

use crate::bank::Bank;

use super::progress::{ProgressFile, summarise};
use super::report::count;

/// The most recent sessions the chart shows.
pub const SHOWN: usize = 30;

/// Heights of a bar in a chart row, lowest first; nothing at all is `·`.
const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// One row of a chart: a bar for each value, as high as it is against `top`.
pub fn sparkline(values: &[usize], top: usize) -> String {
    values
        .iter()
        .map(|&v| match v {
            0 => '·',
            v => BARS[((v * BARS.len()).div_ceil(top.max(1))).clamp(1, BARS.len()) - 1],
        })
        .collect()
}

/// The progress so far as text, one line after another. `chart`: draw the
/// scores and the red flags missed as bars (a terminal); else say them as
/// numbers (plain output, screen readers).
pub fn text(bank: &Bank, file: &ProgressFile, chart: bool) -> String {
    let file = &in_language(bank, file);
    let s = summarise(file);
    if s.attempts == 0 {
        return format!("{}\n", bank.ui("practice_stats.none"));
    }
    let times = |n| count(bank, n, "practice_stats.times");
    let mut out = Vec::new();
    out.push(bank.ui_fill(
        "practice_stats.summary",
        &[
            (
                "attempts",
                &count(bank, s.attempts, "practice_stats.attempts"),
            ),
            ("cases", &count(bank, s.cases, "practice_stats.cases")),
            ("correct", &times(s.correct)),
            ("mean", &format!("{:.0}", s.mean_score)),
        ],
    ));
    out.push(bank.ui_fill(
        "practice_stats.misses",
        &[
            ("ces", &times(s.ces_missed)),
            ("under", &times(s.under_triaged)),
        ],
    ));

    let recent = &file.attempts[file.attempts.len().saturating_sub(SHOWN)..];
    let scores: Vec<usize> = recent.iter().map(|a| a.score as usize).collect();
    let flags: Vec<usize> = recent.iter().map(|a| a.red_flags_missed.len()).collect();
    let sessions = count(bank, recent.len(), "practice_stats.sessions");
    let list = |v: &[usize]| {
        v.iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    if chart {
        let ends = |v: &[usize]| match (v.first(), v.last()) {
            (Some(a), Some(b)) if v.len() > 1 => format!("{a} → {b}"),
            (Some(a), _) => a.to_string(),
            _ => String::new(),
        };
        out.push(bank.ui_fill("practice_stats.scores_chart", &[("sessions", &sessions)]));
        out.push(format!("  {}  {}", sparkline(&scores, 100), ends(&scores)));
        out.push(bank.ui("practice_stats.flags_chart").to_string());
        let most = flags.iter().copied().max().unwrap_or(0);
        out.push(format!("  {}  {}", sparkline(&flags, most), ends(&flags)));
    } else {
        out.push(bank.ui_fill(
            "practice_stats.scores_words",
            &[("sessions", &sessions), ("list", &list(&scores))],
        ));
        out.push(bank.ui_fill("practice_stats.flags_words", &[("list", &list(&flags))]));
    }

    if !s.flags_missed.is_empty() {
        out.push(bank.ui("practice_stats.flags_heading").to_string());
        for (flag, n) in &s.flags_missed {
            out.push(format!("  {}: {flag}", times(*n)));
        }
    }
    if !s.wrong_most.is_empty() {
        out.push(bank.ui("practice_stats.wrong_heading").to_string());
        for (id, n) in &s.wrong_most {
            let name = bank
                .diagnosis_index(id)
                .map_or(id.as_str(), |d| bank.diagnoses[d].clinician_name.as_str());
            out.push(format!("  {}: {name}", times(*n)));
        }
    }
    out.iter().map(|l| format!("{l}\n")).collect()
}

/// The progress with each red flag's title, saved in the language of its
/// session, in the bank's language now (a title no language of the bank
/// has stays as saved), so that one red flag is counted once.
fn in_language(bank: &Bank, file: &ProgressFile) -> ProgressFile {
    let langs: Vec<Bank> = bank
        .available_languages()
        .into_iter()
        .filter_map(|l| bank.localized(l).ok())
        .collect();
    let now = |saved: &str| {
        langs.iter().find_map(|b| {
            if b.ui("practice.ces_screen") == saved {
                return Some(bank.ui("practice.ces_screen").to_string());
            }
            let i = b.red_flags.iter().position(|f| f.title == saved)?;
            Some(bank.red_flags[i].title.clone())
        })
    };
    let mut file = file.clone();
    for t in file
        .attempts
        .iter_mut()
        .flat_map(|a| &mut a.red_flags_missed)
    {
        if let Some(title) = now(t) {
            *t = title;
        }
    }
    file
}
