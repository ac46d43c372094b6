//! The welcome screen: what this is and is not, what to do in an emergency,
//! how to use the keys, and Start.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::Widget;

use crate::app::{Action, App, Drawn};
use crate::audience::Audience;

use super::theme::Theme;
use super::{ButtonSpec, footer, title_bar, wrapped, wrapped_height};

/// Draws the welcome screen.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: Theme, drawn: &mut Drawn) {
    let body = title_bar(app, area, buf, theme, drawn, "");
    let ui = |k| app.bank.ui(k);
    let mut buttons: Vec<ButtonSpec<'_>> = vec![
        (ui("button.start"), Action::Confirm, true),
        (ui("button.quit"), Action::AskQuit, false),
    ];
    // The other language, named in its own words so that its speakers find
    // it: "Español (l)" on the English screen.
    let other_button = app
        .next_language()
        .map(|l| format!("{} (l)", app.language_name(&l)));
    if let Some(button) = &other_button {
        buttons.push((button, Action::SwitchLanguage, false));
    }
    if app.audience == Audience::Clinician && app.settings.save_records {
        buttons.insert(1, (ui("button.open_record"), Action::OpenRecord, false));
    }
    let rest = footer(app, body, buf, theme, drawn, &buttons);
    let area = rest.inner(Margin::new(1, 1));
    let full = text(app, theme, area.width, true);
    let text = if wrapped_height(&full, area.width) <= area.height {
        full
    } else {
        text(app, theme, area.width, false)
    };
    wrapped(text, false).render(area, buf);
}

/// The welcome text; with `keys` false (a small window) the key table is
/// left out and the help overlay offered instead.
fn text(app: &App, theme: Theme, width: u16, keys: bool) -> Text<'static> {
    let bank = &app.bank;
    let ui = |k: &str| app.say(k).to_string();
    let r = app.remaining[bank.start];
    let (fewest, most) = (r.fewest.to_string(), r.most.to_string());
    let how_long = [("fewest", fewest.as_str()), ("most", &most)];
    let number = app.settings.emergency_number.as_deref();
    let number = crate::report::number(bank, app.audience, number);
    let mut lines = Vec::new();
    if let Some(clinic) = &app.settings.clinic_name {
        lines.push(Line::styled(clinic.clone(), theme.bold()));
    }
    lines.extend([
        Line::styled(ui("welcome.heading"), theme.heading()),
        Line::from(""),
        Line::from(app.say_fill("welcome.how_long", &how_long)),
        Line::from(""),
        Line::from(vec![
            Span::styled(format!("{} ", ui("welcome.not_a_diagnosis")), theme.bold()),
            Span::raw(ui("welcome.not_a_replacement")),
        ]),
        Line::styled(
            bank.ui_fill("welcome.emergency", &[("number", number)]),
            theme.bold(),
        ),
        Line::from(""),
    ]);
    if keys {
        lines.push(Line::styled(ui("welcome.how_to"), theme.heading()));
        let table = crate::app::keys::described(app, "welcome.key_");
        // Two keys a row where they fit.
        for keys in table.chunks(if width >= 78 { 2 } else { 1 }) {
            let mut row = Line::raw("  ");
            for (k, what) in keys {
                row.push_span(Span::styled(format!("{k:<12}"), theme.key()));
                row.push_span(Span::raw(format!("{what:<26}")));
            }
            lines.push(row);
        }
        lines.push(Line::from(ui("welcome.mouse")));
    } else {
        lines.push(Line::from(super::fill_spans(
            bank.ui("welcome.small"),
            &[
                ("help", "?", theme.key()),
                ("start", bank.ui("keys.enter"), theme.key()),
            ],
            theme.text(),
        )));
    }
    if app.audience == Audience::Clinician {
        lines.push(Line::from(""));
        lines.push(Line::styled(ui("welcome.clinician"), theme.quiet()));
        if app.settings.save_records {
            lines.push(Line::styled(ui("welcome.records"), theme.quiet()));
        }
    }
    Text::from(lines)
}
