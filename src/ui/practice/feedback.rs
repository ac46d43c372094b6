//! The feedback screen: the serious misses first, marked in words ("!!" and
//! the text's own "SERIOUS MISS") and in the alarm colour, then the other
//! red flags not asked ("!", in the notice colour); then what the student
//! chose, the verdicts, what separated their choice from the right
//! one, efficiency, the teaching text and the score with its breakdown.
//! Scrolls; the score stays in the title bar.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::Widget;

use crate::app::Rows;
use crate::app::practice::{Drawn, PracticeApp};
use crate::practice::Feedback;
use crate::practice::report::{lines, urgency};
use crate::ui::theme::Theme;
use crate::ui::wrap::wrap;

use super::{differential_text, footer, scrolled, t, tf, title_bar};

/// The mark before a serious miss, so it does not rest on colour.
pub const SERIOUS: &str = "!!";
/// The mark before another red flag not asked about.
pub const MISSED: &str = "!";

pub fn render(app: &PracticeApp, area: Rect, buf: &mut Buffer, theme: Theme, drawn: &mut Drawn) {
    let Some(f) = app.feedback() else {
        return;
    };
    let title = &app.interview.case.case.info.title;
    let title = tf(app, "feedback_title", &[("title", title)]);
    let total = f.score.total().to_string();
    let score = tf(app, "score_short", &[("total", &total)]);
    let body = title_bar(area, buf, theme, &title, &score);
    let rest = footer(app, body, buf, theme, drawn, &[]);
    let [text_area, status] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(rest);

    let inner = text_area.inner(Margin::new(1, 0));
    // One column for the scroll bar.
    let shown = Rect {
        width: inner.width.saturating_sub(1),
        ..inner
    };
    let text = content(app, f, theme, shown.width);
    drawn.feedback = scrolled(text, app.feedback_scroll, shown, text_area, buf);
    let Rows { total, view, top } = drawn.feedback;
    let more = if top + view < total {
        "more_feedback"
    } else {
        "end_of_feedback"
    };
    Span::styled(t(app, more), theme.quiet()).render(status.inner(Margin::new(1, 0)), buf);
}

/// The feedback's text at a width: `report::lines`, each its own paragraph
/// (indented lines stay with the one before, wrapped under their own
/// indent; the rest is left to the paragraph's wrapping). `report::lines`
/// gives the red flags not asked first, one line each, then any under-triage;
/// what the student chose follows them, before the verdicts.
pub fn content(app: &PracticeApp, f: &Feedback, theme: Theme, width: u16) -> Text<'static> {
    let bank = &app.bank;
    let report = lines(bank, f);
    let flags = f.missed_red_flags.len();
    let verdicts = flags + usize::from(f.under_triaged());
    let differential = differential_text(app, &f.differential);
    let chose = [
        ("differential", differential.as_str()),
        ("urgency", urgency(bank, f.urgency)),
    ];
    let chose = tf(app, "you_chose", &chose);
    let last = report.len().saturating_sub(1);
    let mut out: Vec<Line<'static>> = Vec::new();
    for (i, l) in report.into_iter().enumerate() {
        if i == verdicts {
            if !out.is_empty() {
                out.push(Line::default());
            }
            out.push(Line::styled(chose.clone(), theme.heading()));
        }
        let indent = l.text.len() - l.text.trim_start_matches([' ', '-']).len();
        if indent > 0 {
            out.extend(hanging(&l.text, indent, width));
            continue;
        }
        if !out.is_empty() {
            out.push(Line::default());
        }
        out.push(if l.serious {
            Line::from(vec![
                Span::styled(format!("{SERIOUS} {}", l.text), theme.urgency(0)),
                // A space after, so the colour does not end flush on the text.
                Span::styled(" ", theme.urgency(0)),
            ])
        } else if i < flags {
            Line::styled(format!("{MISSED} {}", l.text), theme.notice())
        } else if i == last {
            Line::styled(l.text, theme.bold())
        } else {
            Line::raw(l.text)
        });
    }
    Text::from(out)
}

/// An indented line ("  - finding ...") wrapped so that its continuation
/// rows start under its text, not at the margin.
fn hanging(text: &str, indent: usize, width: u16) -> Vec<Line<'static>> {
    let (head, body) = text.split_at(indent);
    let pad = " ".repeat(indent);
    let width = width.saturating_sub(indent as u16);
    let mut rows = wrap(&Text::raw(body.to_string()), width);
    for (i, row) in rows.iter_mut().enumerate() {
        let lead = if i == 0 { head } else { &pad };
        row.spans.insert(0, Span::raw(lead.to_string()));
    }
    rows
}
