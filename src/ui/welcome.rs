//! The welcome screen: what this is and is not, what to do in an emergency,
//! how to use the keys, and Start.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::app::{App, Button};
use crate::cli::Audience;

use super::theme::Theme;
use super::{ButtonSpec, Key, footer, title_bar, wrapped_height};

/// Draws the welcome screen.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: Theme) {
    let body = title_bar(app, area, buf, theme, "");
    let mut buttons: Vec<ButtonSpec<'_>> = vec![
        ("Start (Enter)", Button::Start, true),
        ("Quit (q)", Button::Quit, false),
    ];
    let mut keys: Vec<Key<'_>> = vec![("Enter", "start"), ("?", "help"), ("q", "quit")];
    let records = app.audience == Audience::Clinician && app.settings.save_records;
    if records {
        buttons.insert(1, ("Open a record (o)", Button::OpenRecord, false));
        keys.insert(1, ("o", "open a record"));
    }
    let rest = footer(app, body, buf, theme, &buttons, &keys);
    let area = rest.inner(Margin::new(1, 1));
    let full = text(app, theme, area.width, true);
    let text = if wrapped_height(&full, area.width) <= area.height {
        full
    } else {
        text(app, theme, area.width, false)
    };
    Paragraph::new(text)
        .wrap(Wrap { trim: false })
        .render(area, buf);
}

/// The welcome text; with `keys` false (a small window) the key table is
/// left out and the help overlay offered instead.
fn text(app: &App, theme: Theme, width: u16, keys: bool) -> Text<'static> {
    let r = app.remaining[app.bank.start];
    let mut lines = Vec::new();
    if let Some(clinic) = &app.settings.clinic_name {
        lines.push(Line::styled(clinic.clone(), theme.bold()));
    }
    lines.extend([
        Line::styled(
            "Pain in the buttock or the back of the thigh: what might it be, and how soon should you get care?",
            theme.heading(),
        ),
        Line::from(""),
        Line::from(format!(
            "You will answer about {} to {} short questions about your pain. At the end you will see what is most likely going on, what to do now and how soon to get care.",
            r.fewest, r.most
        )),
        Line::from(""),
        Line::from(vec![
            Span::styled("This is not a diagnosis. ", theme.bold()),
            Span::raw("It does not replace a doctor or a physiotherapist who examines you."),
        ]),
        Line::styled(
            format!(
                "In an emergency, call {} now.",
                app.settings
                    .emergency_number
                    .as_deref()
                    .unwrap_or("your local emergency number")
            ),
            theme.bold(),
        ),
        Line::from(""),
    ]);
    if keys {
        lines.push(Line::styled("How to use it", theme.heading()));
        let table = [
            ("↑ ↓  j k", "move"),
            ("1 to 9", "choose an answer"),
            ("Space", "tick (several may apply)"),
            ("Enter", "confirm and go on"),
            ("Backspace ←", "go back and change"),
            ("w", "why we ask"),
            ("?", "all the keys"),
            ("q", "quit"),
        ];
        let cell = |k: &str, what: &str| {
            vec![
                Span::styled(format!("{k:<12}"), theme.key()),
                Span::raw(format!("{what:<26}")),
            ]
        };
        if width >= 78 {
            for pair in table.chunks(2) {
                let mut spans = vec![Span::raw("  ")];
                for (k, what) in pair {
                    spans.extend(cell(k, what));
                }
                lines.push(Line::from(spans));
            }
        } else {
            for (k, what) in table {
                let mut spans = vec![Span::raw("  ")];
                spans.extend(cell(k, what));
                lines.push(Line::from(spans));
            }
        }
        lines.push(Line::from(
            "You can also click answers and buttons with the mouse.",
        ));
    } else {
        lines.push(Line::from(vec![
            Span::raw("Press "),
            Span::styled("?", theme.key()),
            Span::raw(" to see the keys, "),
            Span::styled("Enter", theme.key()),
            Span::raw(" to start."),
        ]));
    }
    if app.audience == Audience::Clinician {
        lines.push(Line::from(""));
        lines.push(Line::styled(
            "Clinician wording is on: questions and results use clinical terms.",
            theme.quiet(),
        ));
        if app.settings.save_records {
            lines.push(Line::styled(
                "Results are saved as records: press o to open one by its code.",
                theme.quiet(),
            ));
        }
    }
    Text::from(lines)
}
