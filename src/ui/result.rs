//! The result pane: the urgency as a banner in words and colour, then the
//! `Report`: for patients what to do now, the likely causes with "because you
//! said ...", self-care, when to get help sooner and where; for clinicians
//! the differential as a bar chart, the findings for and against each cause,
//! the first cause's waterfall of log-odds, what to examine, investigate and
//! refer. Scrolls.

use ratatui::buffer::Buffer;
use ratatui::layout::Constraint::{Fill, Length};
use ratatui::layout::{Layout, Margin, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{
    Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget,
};

use crate::app::{Action, App, Drawn, Rows};
use crate::bank::Bank;
use crate::report::{Listed, Report};

use super::theme::Theme;
use super::{ButtonSpec, banner, banner_height, footer, title_bar};

/// Draws the result pane and records its content and visible heights.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: Theme, drawn: &mut Drawn) {
    let body = title_bar(app, area, buf, theme, drawn, "");
    let ui = |k| app.bank.ui(k);
    let Some(outcome) = &app.session.outcome else {
        Paragraph::new(ui("result.not_yet")).render(body, buf);
        return;
    };
    let buttons: [ButtonSpec<'_>; 3] = [
        (ui("button.back"), Action::Back, false),
        (ui("button.start_again"), Action::StartAgain, true),
        (ui("button.quit"), Action::AskQuit, false),
    ];
    let rest = footer(app, body, buf, theme, drawn, &buttons);
    let bh =
        banner_height(app, outcome.urgency, rest.width) + if rest.height >= 30 { 2 } else { 0 };
    // Whether it is saved, its code, or why not.
    let ph = super::record::height(app, rest.width);
    let [banner_area, _gap, panel, _gap2, text_area, status] = Layout::vertical([
        Length(bh),
        Length(1),
        Length(ph),
        Length(u16::from(ph > 0 && rest.height >= 30)),
        Fill(1),
        Length(1),
    ])
    .areas(rest);
    let alarm = super::alarm(&app.bank, outcome.urgency);
    banner(app, outcome.urgency, banner_area, buf, theme, alarm);
    super::record::render(app, panel, buf, theme, drawn);

    let number = app.settings.emergency_number.as_deref();
    let report = app.session.report(&app.bank, app.audience, number);
    let report = report.expect("the walk has an outcome");
    let inner = text_area.inner(Margin::new(1, 0));
    // One column for the scroll bar.
    let width = inner.width.saturating_sub(1);
    let text = text(&app.bank, &report, theme, width);
    // Wrapped once: measured by its rows, and only the rows in view drawn.
    let pane = Rect::new(inner.x, inner.y, width, inner.height);
    let rows = super::wrap::wrap(&text, width);
    drawn.result = super::scrolled(rows, app.result_scroll, pane, buf);
    let Rows { total, view, top } = drawn.result;
    let (words, width) = if total > view {
        let mut state = ScrollbarState::new(total.saturating_sub(view) as usize)
            .position(top as usize)
            .viewport_content_length(view as usize);
        Scrollbar::new(ScrollbarOrientation::VerticalRight).render(text_area, buf, &mut state);
        let last = (top + view).min(total);
        let more = if last < total {
            ui("result.more_below")
        } else {
            ui("result.end")
        };
        let words = app.bank.ui_fill(
            "result.rows",
            &[
                ("first", &(top + 1).to_string()),
                ("last", &last.to_string()),
                ("total", &total.to_string()),
                ("more", more),
            ],
        );
        (words, status.width.saturating_sub(2))
    } else {
        (ui("result.end_full").to_string(), status.width)
    };
    buf.set_stringn(status.x + 1, status.y, words, width.into(), theme.quiet());
}

fn heading(text: &str, theme: Theme, lines: &mut Vec<Line<'static>>) {
    if !lines.is_empty() {
        lines.push(Line::from(""));
    }
    lines.push(Line::styled(text.to_string(), theme.heading()));
}

/// How wide a chart's bars are at a pane width: the label follows the bar
/// and its figure, and wraps if it must, so no label is cut.
fn bar_width(width: u16) -> usize {
    usize::from(width / 3).clamp(10, 40)
}

/// The differential as a horizontal bar chart: one row per listed cause, a
/// bar as long as its relative score (0 to 1), the score, then the name.
fn score_chart(report: &Report, width: u16, theme: Theme) -> Vec<Line<'static>> {
    let bar_w = bar_width(width);
    report
        .diagnoses
        .iter()
        .map(|d| {
            let filled = ((d.score * bar_w as f64).round() as usize).min(bar_w);
            Line::from(vec![
                Span::styled("█".repeat(filled), theme.bold()),
                Span::raw(format!(
                    "{} {:>6}  {}",
                    "·".repeat(bar_w - filled),
                    crate::report::score_text(d.score),
                    d.name
                )),
            ])
        })
        .collect()
}

/// A cause's waterfall: the prior's log-odds, then each finding's weight
/// as a bar from the running sum before it to the sum after (█ for, ░
/// against), ending at the total the engine scored; `│` marks zero.
fn waterfall(bank: &Bank, d: &Listed, width: u16, theme: Theme) -> Vec<Line<'static>> {
    let ui = |k: &str| bank.ui(k).to_string();
    let mark = if d.estimated { " *" } else { "" };
    // (label, sum before, sum after, the figure shown)
    let mut sum = d.prior_log_odds;
    let mut rows = vec![(ui("result.prior"), 0.0, sum, sum)];
    for w in &d.weights {
        let damped = if w.damped { " ~" } else { "" };
        let label = format!("{}{mark}{damped}", w.finding);
        rows.push((label, sum, sum + w.log_lr, w.log_lr));
        sum += w.log_lr;
    }
    rows.push((ui("result.total"), 0.0, d.log_odds, d.log_odds));
    let lo = rows.iter().map(|r| r.1.min(r.2)).fold(0.0_f64, f64::min);
    let hi = rows.iter().map(|r| r.1.max(r.2)).fold(0.0_f64, f64::max);
    let bar_w = bar_width(width);
    let cell = |x: f64| {
        let at = (x - lo) / (hi - lo).max(f64::EPSILON) * bar_w as f64;
        (at.round() as usize).min(bar_w)
    };
    let zero = cell(0.0);
    rows.into_iter()
        .map(|(label, from, to, value)| {
            let a = cell(from.min(to));
            // At least one cell, so that a small weight still shows.
            let b = cell(from.max(to)).max(a + 1).min(bar_w);
            let a = a.min(b.saturating_sub(1));
            let glyph = if to >= from { "█" } else { "░" };
            let bar: String = (0..bar_w)
                .map(|i| {
                    if (a..b).contains(&i) {
                        glyph
                    } else if i == zero {
                        "│"
                    } else {
                        " "
                    }
                })
                .collect();
            Line::from(vec![
                Span::styled(bar, theme.bold()),
                Span::raw(format!(" {value:>+6.2}  {label}")),
            ])
        })
        .collect()
}

/// A report as the result pane's text at a width, before wrapping.
pub fn text(bank: &Bank, report: &Report, theme: Theme, width: u16) -> Text<'static> {
    let say = |k: &str| report.say(bank, k).to_string();
    // A bold label before text on the same line: "Because you said: ...".
    let label = |k: &str| Span::styled(format!("{} ", report.say(bank, k)), theme.bold());
    let clin = report.for_clinician();
    let mut lines: Vec<Line<'static>> = Vec::new();

    if !report.red_flags.is_empty() {
        lines.push(Line::styled(say("result.warning_signs"), theme.heading()));
        for flag in &report.red_flags {
            lines.push(Line::styled(format!("⚠ {}", flag.title), theme.bold()));
            lines.push(Line::from(flag.text.clone()));
        }
    }

    // The number to call is on the banner above: named once.
    if report.do_now.is_some() || report.first.is_some() {
        heading(&say("result.do_now"), theme, &mut lines);
        if let Some(first) = &report.first {
            lines.push(Line::from(vec![
                label("result.first"),
                Span::styled(first.clone(), theme.bold()),
            ]));
        }
        if let Some(do_now) = &report.do_now {
            lines.push(Line::from(do_now.clone()));
        }
    }
    if let Some(care_where) = &report.care_where {
        heading(&say("result.where"), theme, &mut lines);
        lines.push(Line::from(care_where.clone()));
    }

    heading(&say("result.likely"), theme, &mut lines);
    if clin && !report.diagnoses.is_empty() {
        lines.push(Line::styled(say("result.chart"), theme.bold()));
        lines.extend(score_chart(report, width, theme));
        if let Some(note) = &report.score_note {
            lines.push(Line::styled(note.clone(), theme.quiet()));
        }
    }
    for (i, d) in report.diagnoses.iter().enumerate() {
        if i > 0 || clin {
            lines.push(Line::from(""));
        }
        lines.push(Line::from(vec![
            Span::styled(format!("{}. {}", i + 1, d.name), theme.bold()),
            Span::raw(format!("  ({})", d.label)),
        ]));
        lines.push(Line::from(d.explanation.clone()));
        for (key, said) in [
            ("result.because", &d.because),
            ("result.against", &d.against),
        ] {
            if let Some(said) = said {
                lines.push(Line::from(vec![label(key), Span::raw(said.clone())]));
            }
        }
        if clin && i == 0 {
            lines.push(Line::from(""));
            lines.push(Line::styled(
                bank.ui_fill("result.waterfall", &[("diagnosis", &d.name)]),
                theme.bold(),
            ));
            lines.extend(waterfall(bank, d, width, theme));
            lines.push(Line::styled(say("result.waterfall_key"), theme.quiet()));
        }
        for (key, items) in [
            ("result.examine", &d.examine),
            ("result.image", &d.image),
            ("result.refer", &d.refer),
        ] {
            if !items.is_empty() {
                lines.push(Line::styled(say(key), theme.bold()));
                for e in items {
                    lines.push(Line::from(format!("  • {e}")));
                }
            }
        }
    }
    if report.folded > 0 {
        lines.push(Line::from(""));
        lines.push(Line::styled(say("result.folded"), theme.quiet()));
    }

    for (key, care) in [
        ("result.self_care", &report.self_care),
        ("result.seek_care", &report.seek_care),
    ] {
        if let Some(care) = care {
            heading(&say(key), theme, &mut lines);
            lines.push(Line::from(care.clone()));
        }
    }

    heading(&say("result.why_urgency"), theme, &mut lines);
    for r in &report.reasons {
        lines.push(Line::from(format!("• {r}")));
    }

    lines.push(Line::from(""));
    lines.push(Line::styled(report.not_a_diagnosis.clone(), theme.quiet()));
    Text::from(lines)
}
