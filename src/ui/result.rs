//! The result pane: the urgency as a banner in words and colour, the likely
//! causes with "because you said ...", what to do now, self-care, when to get
//! help sooner and where; for clinicians what to examine and image. Scrolls.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{
    Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget,
};

use crate::app::{Action, App, Drawn};
use crate::bank::Bank;
use crate::report::Report;

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
    let call = super::call_line(app, outcome.urgency);
    let bh = banner_height(&app.bank, outcome.urgency, rest.width, call.as_deref())
        + if rest.height >= 30 { 2 } else { 0 };
    // Whether it is saved, its code, or why not.
    let ph = super::record::height(app, rest.width);
    let [banner_area, _gap, panel, _gap2, text_area, status] = Layout::vertical([
        Constraint::Length(bh),
        Constraint::Length(1),
        Constraint::Length(ph),
        Constraint::Length(u16::from(ph > 0 && rest.height >= 30)),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(rest);
    banner(
        &app.bank,
        outcome.urgency,
        banner_area,
        buf,
        theme,
        "!!",
        call.as_deref(),
    );
    super::record::render(app, panel, buf, theme, drawn);

    let report = app
        .session
        .report(
            &app.bank,
            app.audience,
            app.settings.emergency_number.as_deref(),
        )
        .expect("the walk has an outcome");
    let text = text(&app.bank, &report, theme);
    let inner = text_area.inner(Margin::new(1, 0));
    // One column for the scroll bar.
    let width = inner.width.saturating_sub(1);
    // Wrapped once: measured by its rows, and only the rows in view drawn.
    let rows = super::wrap::wrap(&text, width);
    let total = rows.len().min(u16::MAX as usize) as u16;
    let view = inner.height;
    drawn.result = crate::app::Rows {
        total,
        view,
        top: 0,
    };
    let scroll = app.result_scroll.min(total.saturating_sub(view));
    let shown: Vec<Line<'static>> = rows
        .into_iter()
        .skip(usize::from(scroll))
        .take(usize::from(view))
        .collect();
    Paragraph::new(shown).render(Rect::new(inner.x, inner.y, width, view), buf);
    if total > view {
        let mut state = ScrollbarState::new(total.saturating_sub(view) as usize)
            .position(scroll as usize)
            .viewport_content_length(view as usize);
        Scrollbar::new(ScrollbarOrientation::VerticalRight).render(text_area, buf, &mut state);
        let last = (scroll + view).min(total);
        let more = if last < total {
            ui("result.more_below")
        } else {
            ui("result.end")
        };
        buf.set_stringn(
            status.x + 1,
            status.y,
            app.bank.ui_fill(
                "result.rows",
                &[
                    ("first", &(scroll + 1).to_string()),
                    ("last", &last.to_string()),
                    ("total", &total.to_string()),
                    ("more", more),
                ],
            ),
            status.width.saturating_sub(2) as usize,
            theme.quiet(),
        );
    } else {
        buf.set_stringn(
            status.x + 1,
            status.y,
            ui("result.end_full"),
            status.width as usize,
            theme.quiet(),
        );
    }
}

fn heading(text: &str, theme: Theme, lines: &mut Vec<Line<'static>>) {
    if !lines.is_empty() {
        lines.push(Line::from(""));
    }
    lines.push(Line::styled(text.to_string(), theme.heading()));
}

/// A report as the result pane's text, before wrapping.
pub fn text(bank: &Bank, report: &Report, theme: Theme) -> Text<'static> {
    let ui = |k: &str| bank.ui(k).to_string();
    // A bold label before text on the same line: "Because you said: ...".
    let label = |k: &str| Span::styled(format!("{} ", bank.ui(k)), theme.bold());
    let clin = report.for_clinician();
    let mut lines: Vec<Line<'static>> = Vec::new();

    if !report.red_flags.is_empty() {
        lines.push(Line::styled(ui("result.warning_signs"), theme.heading()));
        for flag in &report.red_flags {
            lines.push(Line::styled(format!("⚠ {}", flag.title), theme.bold()));
            lines.push(Line::from(flag.text.clone()));
        }
    }

    if let Some(do_now) = &report.do_now {
        heading(bank.ui("result.do_now"), theme, &mut lines);
        if let Some(first) = &report.first {
            lines.push(Line::from(vec![
                label("result.first"),
                Span::styled(first.clone(), theme.bold()),
            ]));
        }
        lines.push(Line::from(do_now.clone()));
    }
    if let Some(care_where) = &report.care_where {
        heading(bank.ui("result.where"), theme, &mut lines);
        lines.push(Line::from(care_where.clone()));
    }

    heading(bank.ui("result.likely"), theme, &mut lines);
    if clin {
        lines.push(Line::styled(ui("result.score_note"), theme.quiet()));
    }
    for (i, d) in report.diagnoses.iter().enumerate() {
        if i > 0 || clin {
            lines.push(Line::from(""));
        }
        lines.push(Line::from(vec![
            Span::styled(format!("{}. {}", i + 1, d.name), theme.bold()),
            Span::raw(format!("  {}", d.label)),
        ]));
        lines.push(Line::from(d.explanation.clone()));
        if let Some(because) = &d.because {
            lines.push(Line::from(vec![
                label("result.because"),
                Span::raw(because.clone()),
            ]));
        }
        if let Some(against) = &d.against {
            lines.push(Line::from(vec![
                label("result.against"),
                Span::raw(against.clone()),
            ]));
        }
        for (key, items) in [("result.examine", &d.examine), ("result.image", &d.image)] {
            if !items.is_empty() {
                lines.push(Line::styled(ui(key), theme.bold()));
                for e in items {
                    lines.push(Line::from(format!("  • {e}")));
                }
            }
        }
    }

    if let Some(s) = &report.self_care {
        heading(bank.ui("result.self_care"), theme, &mut lines);
        lines.push(Line::from(s.clone()));
    }
    if let Some(s) = &report.seek_care {
        heading(bank.ui("result.seek_care"), theme, &mut lines);
        lines.push(Line::from(s.clone()));
    }

    heading(bank.ui("result.why_urgency"), theme, &mut lines);
    for r in &report.reasons {
        lines.push(Line::from(format!("• {r}")));
    }

    lines.push(Line::from(""));
    lines.push(Line::styled(report.not_a_diagnosis.clone(), theme.quiet()));
    Text::from(lines)
}
