//! Committing an answer: first the differential (up to three of the bank's
//! diagnoses, ranked in the order picked and reorderable), then the urgency
//! (the levels most urgent first, each in its colour and words).

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span, Text};

use crate::app::practice::{Action, Drawn, PracticeApp, Step, Target};
use crate::practice::report::urgency;
use crate::ui::theme::Theme;
use crate::ui::{head, urgency_meaning, urgency_rank};

use super::{case_title, differential_text, footer, t, title_bar};
use crate::ui::list::Row;

pub fn render(
    app: &PracticeApp,
    step: Step,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
    drawn: &mut Drawn,
) {
    let body = title_bar(area, buf, theme, t(app, "commit_title"), &case_title(app));
    let (heading, next, submit) = match step {
        Step::Differential => ("differential_heading", "button_next", Action::Next),
        Step::Urgency => ("urgency_heading", "button_submit", Action::Confirm),
    };
    let buttons = [
        (t(app, "button_back"), Action::Back, false),
        (t(app, next), submit, true),
    ];
    let rest = footer(app, body, buf, theme, drawn, &buttons).inner(Margin::new(1, 0));

    let picked = if app.differential.is_empty() {
        Span::styled(t(app, "none_picked").to_string(), theme.quiet())
    } else {
        Span::styled(differential_text(app, &app.differential), theme.bold())
    };
    let top = Text::from(vec![
        Line::styled(t(app, heading).to_string(), theme.bold()),
        Line::from(vec![
            Span::styled(format!("{} ", t(app, "your_differential")), theme.heading()),
            picked,
        ]),
    ]);
    let list_area = head(top, rest, buf);

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
            let (mark, styles) = match app.rank_of(d) {
                Some(r) => (format!("[{}]", r + 1), (theme.key(), theme.bold())),
                None => ("[ ]".to_string(), (theme.text(), theme.text())),
            };
            Row {
                prefix: Line::styled(mark, styles.0),
                body: Text::from(Line::styled(diag.clinician_name.clone(), styles.1)),
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
            let mark = if Some(i) == app.level_cursor {
                "(•)"
            } else {
                "( )"
            };
            Row {
                prefix: Line::raw(mark),
                body: Text::from(Line::from(vec![
                    Span::styled(
                        format!(" {} ", urgency(bank, u)),
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
