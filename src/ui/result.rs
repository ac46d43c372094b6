//! The result pane: the urgency as a banner in words and colour, the likely
//! causes with "because you said ...", what to do now, self-care, when to get
//! help sooner and where; for clinicians what to examine and image. Scrolls.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{
    Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget,
};

use crate::app::explain::{Said, option_text, question_text, said};
use crate::app::{App, Button};
use crate::audience::Audience;
use crate::bank::Bank;
use crate::engine::{Outcome, Reason};

use super::theme::Theme;
use super::{ButtonSpec, Key, banner, banner_height, footer, title_bar};

/// How many diagnoses the result lists.
pub const LISTED: usize = 3;

/// A cause below the first is "possible" to a patient from this score, "less
/// likely" under it.
const POSSIBLE: f64 = 0.2;

/// Draws the result pane and records its content and visible heights.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: Theme) {
    let body = title_bar(app, area, buf, theme, "");
    let ui = |k| app.bank.ui(k);
    let Some(outcome) = &app.outcome else {
        Paragraph::new(ui("result.not_yet")).render(body, buf);
        return;
    };
    let buttons: [ButtonSpec<'_>; 3] = [
        (ui("button.back"), Button::Back, false),
        (ui("button.start_again"), Button::StartAgain, true),
        (ui("button.quit"), Button::Quit, false),
    ];
    let keys: [Key<'_>; 5] = [
        (ui("keys.arrows_or_jk"), ui("legend.scroll")),
        (ui("keys.pages"), ui("legend.page")),
        ("s", ui("legend.start_again")),
        (ui("keys.backspace"), ui("legend.back")),
        ("q", ui("legend.quit")),
    ];
    let rest = footer(app, body, buf, theme, &buttons, &keys);
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
    super::record::render(app, panel, buf, theme);

    let text = content(app, outcome, theme);
    let inner = text_area.inner(Margin::new(1, 0));
    // One column for the scroll bar.
    let width = inner.width.saturating_sub(1);
    // Wrapped once: measured by its rows, and only the rows in view drawn.
    let rows = super::wrap::wrap(&text, width);
    let total = rows.len().min(u16::MAX as usize) as u16;
    let view = inner.height;
    app.drawn.result_rows.set((total, view));
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

fn quote(bank: &Bank, s: &[Said]) -> String {
    let mut ticked: Vec<String> = s
        .iter()
        .filter(|x| x.ticked)
        .map(|x| format!("\"{}\"", x.text))
        .collect();
    let unticked: Vec<String> = s
        .iter()
        .filter(|x| !x.ticked)
        .map(|x| format!("\"{}\"", x.text))
        .collect();
    if !unticked.is_empty() {
        let or = format!(" {} ", bank.ui("result.or"));
        ticked.push(bank.ui_fill("result.did_not_tick", &[("options", &unticked.join(&or))]));
    }
    ticked.join("; ")
}

/// The result's text, before wrapping.
pub fn content(app: &App, outcome: &Outcome, theme: Theme) -> Text<'static> {
    let bank = &app.bank;
    let ui = |k: &str| bank.ui(k).to_string();
    // A bold label before text on the same line: "Because you said: ...".
    let label = |k: &str| Span::styled(format!("{} ", bank.ui(k)), theme.bold());
    let clin = app.audience == Audience::Clinician;
    let mut lines: Vec<Line<'static>> = Vec::new();

    if !outcome.red_flags.is_empty() {
        lines.push(Line::styled(ui("result.warning_signs"), theme.heading()));
        for &f in &outcome.red_flags {
            let flag = &bank.red_flags[f];
            lines.push(Line::styled(format!("⚠ {}", flag.title), theme.bold()));
            lines.push(Line::from(if clin {
                flag.clinician.clone()
            } else {
                flag.patient.clone()
            }));
        }
    }

    let top = outcome.ranked.first().map(|r| &bank.diagnoses[r.diagnosis]);
    if let Some(d) = top {
        heading(bank.ui("result.do_now"), theme, &mut lines);
        // When a warning sign or an unsure answer raised the urgency above
        // what the likely cause needs, that comes first.
        if outcome.urgency > d.urgency_for(&app.walk.findings) {
            lines.push(Line::from(vec![
                label("result.first"),
                Span::styled(
                    super::urgency_meaning(bank, outcome.urgency).to_string(),
                    theme.bold(),
                ),
            ]));
        }
        lines.push(Line::from(d.do_now.clone()));
        heading(bank.ui("result.where"), theme, &mut lines);
        lines.push(Line::from(d.care_where.clone()));
    }

    heading(bank.ui("result.likely"), theme, &mut lines);
    if clin {
        lines.push(Line::styled(ui("result.score_note"), theme.quiet()));
    }
    for (i, r) in outcome.ranked.iter().take(LISTED).enumerate() {
        let d = &bank.diagnoses[r.diagnosis];
        let name = if clin { &d.clinician_name } else { &d.name };
        let mut title = vec![Span::styled(format!("{}. {name}", i + 1), theme.bold())];
        if clin {
            let score = format!("{:.2}", r.score);
            let key = if d.estimated {
                "result.score_estimated"
            } else {
                "result.posterior"
            };
            title.push(Span::raw(format!(
                "  {}",
                bank.ui_fill(key, &[("score", &score)])
            )));
        } else {
            // Patients never see a number: how likely, in words.
            let key = if i == 0 {
                "result.most_likely"
            } else if r.score >= POSSIBLE {
                "result.possible"
            } else {
                "result.less_likely"
            };
            title.push(Span::raw(format!("  {}", ui(key))));
        }
        if i > 0 || clin {
            lines.push(Line::from(""));
        }
        lines.push(Line::from(title));
        lines.push(Line::from(if clin {
            d.clinician.clone()
        } else {
            d.plain.clone()
        }));
        let because = said(bank, &app.walk, &app.answers, app.audience, &r.because);
        if !because.is_empty() {
            lines.push(Line::from(vec![
                label("result.because"),
                Span::raw(quote(bank, &because)),
            ]));
        }
        if clin {
            let against = said(bank, &app.walk, &app.answers, app.audience, &r.against);
            if !against.is_empty() {
                lines.push(Line::from(vec![
                    label("result.against"),
                    Span::raw(quote(bank, &against)),
                ]));
            }
            if !d.examine.is_empty() {
                lines.push(Line::styled(ui("result.examine"), theme.bold()));
                for e in &d.examine {
                    lines.push(Line::from(format!("  • {e}")));
                }
            }
            if !d.image.is_empty() {
                lines.push(Line::styled(ui("result.image"), theme.bold()));
                for e in &d.image {
                    lines.push(Line::from(format!("  • {e}")));
                }
            }
        }
    }

    if let Some(d) = top {
        if let Some(s) = d.self_care.as_ref().filter(|_| !outcome.self_care_held) {
            heading(bank.ui("result.self_care"), theme, &mut lines);
            lines.push(Line::from(s.clone()));
        }
        heading(bank.ui("result.seek_care"), theme, &mut lines);
        lines.push(Line::from(d.seek_care.clone()));
    }

    heading(bank.ui("result.why_urgency"), theme, &mut lines);
    for r in &outcome.reasons {
        let text = match *r {
            Reason::RedFlag(f) => {
                bank.ui_fill("result.reason_flag", &[("flag", &bank.red_flags[f].title)])
            }
            Reason::Floor { question, option } => bank.ui_fill(
                "result.reason_floor",
                &[
                    ("option", option_text(bank, app.audience, question, option)),
                    ("question", question_text(bank, app.audience, question)),
                ],
            ),
            Reason::NotSure { question } => bank.ui_fill(
                "result.reason_not_sure",
                &[("question", question_text(bank, app.audience, question))],
            ),
            Reason::Diagnosis(d) => {
                let d = &bank.diagnoses[d];
                bank.ui_fill(
                    "result.reason_diagnosis",
                    &[("diagnosis", if clin { &d.clinician_name } else { &d.name })],
                )
            }
            Reason::Suspected(d) => {
                let d = &bank.diagnoses[d];
                bank.ui_fill(
                    "result.reason_suspected",
                    &[("diagnosis", if clin { &d.clinician_name } else { &d.name })],
                )
            }
        };
        lines.push(Line::from(format!("• {text}")));
    }

    lines.push(Line::from(""));
    let number = app
        .settings
        .emergency_number
        .clone()
        .unwrap_or_else(|| ui("app.local_number"));
    lines.push(Line::styled(
        bank.ui_fill("result.not_a_diagnosis", &[("number", &number)]),
        theme.quiet(),
    ));
    Text::from(lines)
}
