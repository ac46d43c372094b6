//! Committing an answer: first the differential (up to three of the bank's
//! diagnoses, ranked in the order picked and reorderable), then the urgency
//! (the levels most urgent first, each in its colour and words).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::app::practice::{Action, Drawn, PracticeApp, Step, Target};
use crate::ui::theme::Theme;
use crate::ui::{urgency_meaning, urgency_rank, wrapped_height};

use super::{differential_text, footer, t, title_bar};
use crate::ui::list::Row;

pub fn render(
    app: &PracticeApp,
    step: Step,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
    drawn: &mut Drawn,
) {
    let info = &app.interview.case.case.info;
    let body = title_bar(
        area,
        buf,
        theme,
        t(app, "commit_title"),
        &app.bank
            .ui_fill("practice.case_title", &[("title", &info.title)]),
    );
    let back = (t(app, "button_back").to_string(), Action::Back, false);
    let next = match step {
        Step::Differential => (t(app, "button_next").to_string(), Action::Next, true),
        Step::Urgency => (t(app, "button_submit").to_string(), Action::Confirm, true),
    };
    let rest = footer(app, body, buf, theme, drawn, &[back, next]);
    let rest = rest.inner(Margin::new(1, 0));

    let picked = if app.differential.is_empty() {
        Span::styled(t(app, "none_picked").to_string(), theme.quiet())
    } else {
        Span::styled(differential_text(app, &app.differential), theme.bold())
    };
    let summary = Text::from(Line::from(vec![
        Span::styled(format!("{} ", t(app, "your_differential")), theme.heading()),
        picked,
    ]));
    let heading_key = match step {
        Step::Differential => "differential_heading",
        Step::Urgency => "urgency_heading",
    };
    let heading = Text::from(Line::styled(t(app, heading_key).to_string(), theme.bold()));
    let sh = wrapped_height(&summary, rest.width);
    let hh = wrapped_height(&heading, rest.width);
    let [heading_area, summary_area, gap, list_area] = Layout::vertical([
        Constraint::Length(hh),
        Constraint::Length(sh),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(rest);
    let _ = gap;
    Paragraph::new(heading)
        .wrap(Wrap { trim: true })
        .render(heading_area, buf);
    Paragraph::new(summary)
        .wrap(Wrap { trim: true })
        .render(summary_area, buf);

    match step {
        Step::Differential => diagnoses(app, list_area, buf, theme, drawn),
        Step::Urgency => levels(app, list_area, buf, theme, drawn),
    }
}

/// Every diagnosis, its place in the differential shown as `[1]`.
fn diagnoses(app: &PracticeApp, area: Rect, buf: &mut Buffer, theme: Theme, drawn: &mut Drawn) {
    let rows: Vec<Row<'_, Target>> = app
        .bank
        .diagnoses
        .iter()
        .enumerate()
        .map(|(d, diag)| {
            let rank = app.rank_of(d);
            let mark = rank.map_or("[ ]".to_string(), |r| format!("[{}]", r + 1));
            Row {
                prefix: Line::styled(
                    mark,
                    if rank.is_some() {
                        theme.key()
                    } else {
                        theme.text()
                    },
                ),
                body: Text::from(Line::styled(
                    diag.clinician_name.clone(),
                    if rank.is_some() {
                        theme.bold()
                    } else {
                        theme.text()
                    },
                )),
                target: Some(Target::Diagnosis(d)),
            }
        })
        .collect();
    super::list(app, &rows, Some(app.diagnosis_cursor), 4)
        .render(area, buf, theme, |r, t| drawn.targets.add(r, t));
}

/// The urgency levels, most urgent first: the level's name on its colour,
/// then what it means.
fn levels(app: &PracticeApp, area: Rect, buf: &mut Buffer, theme: Theme, drawn: &mut Drawn) {
    let bank = &app.bank;
    let rows: Vec<Row<'_, Target>> = app
        .levels()
        .into_iter()
        .enumerate()
        .map(|(i, u)| {
            let id = bank.vocab.urgency_id(u);
            let mark = if Some(i) == app.level_cursor {
                "(•)"
            } else {
                "( )"
            };
            Row {
                prefix: Line::raw(mark),
                body: Text::from(Line::from(vec![
                    Span::styled(
                        format!(" {} ", bank.ui(&format!("urgency.{id}"))),
                        theme.urgency(urgency_rank(bank, u)),
                    ),
                    Span::raw(format!(" {}", urgency_meaning(bank, u))),
                ])),
                target: Some(Target::Level(i)),
            }
        })
        .collect();
    super::list(app, &rows, app.level_cursor, 4)
        .render(area, buf, theme, |r, t| drawn.targets.add(r, t));
}
