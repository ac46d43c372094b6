//! The record of the result: the panel on the result screen that says
//! whether it is saved (its reference code, the offer to save, or why the
//! save failed with the ways on), the overlay with an unsaved record's JSON,
//! and the box for opening a record by its code.

use ratatui::buffer::Buffer;
use ratatui::layout::Constraint::{Fill, Length};
use ratatui::layout::{Alignment, Layout, Margin, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::Widget;
use tui_big_text::PixelSize;

use crate::app::save::Saving;
use crate::app::{Action, App, Drawn, Rows, keys};
use crate::audience::Audience;

use super::kiosk::{big_fits, big_word};
use super::theme::Theme;
use super::{centred, wrapped, wrapped_height};

/// The panel's lines above its buttons (and its big code, in a kiosk).
fn lines(app: &App, theme: Theme) -> Vec<Line<'static>> {
    let bank = &app.bank;
    let ui = |k: &str| crate::report::say(bank, app.audience, k).to_string();
    if let Some(o) = app.opened() {
        let opened = bank.ui_fill("record.opened", &[("code", &o.code)]);
        let at = bank.ui_fill("record.opened_at", &[("created", &o.created)]);
        let head = Line::from(vec![
            Span::styled(format!(" {opened} "), theme.button_main()),
            Span::styled(format!("  {at}"), theme.bold()),
        ]);
        let note = |n| Line::styled(format!("! {n}"), theme.notice());
        return std::iter::once(head)
            .chain(o.notes.iter().map(note))
            .collect();
    }
    // A kiosk's emergency: the patient tells the staff first of all.
    let tell = (app.is_kiosk() && app.emergency_result())
        .then(|| Line::styled(bank.ui("kiosk.tell_staff").to_string(), theme.urgency(0)));
    let code = |code: &str| Span::styled(format!(" {code} "), theme.button_main());
    let rest = match (app.saved_code(), &app.save.saving) {
        (Some(c), _) if app.is_kiosk() => {
            let show = match tell.is_some() {
                true => "record.saved_kiosk_emergency",
                false => "record.saved_kiosk",
            };
            vec![Line::from(vec![
                Span::styled(format!("{} ", ui(show)), theme.bold()),
                code(c),
            ])]
        }
        (Some(c), _) => {
            let reopen = match app.audience {
                Audience::Clinician => "record.reopen",
                Audience::Patient => "record.give_code",
            };
            vec![Line::from(vec![
                Span::styled(format!("{} ", ui("record.saved")), theme.bold()),
                code(c),
                Span::raw(format!("  {}", ui(reopen))),
            ])]
        }
        (None, Saving::Failed { error, .. }) => {
            let not_saved = if app.save.failures > 1 {
                let n = app.save.failures.to_string();
                bank.ui_fill("record.not_saved_tries", &[("n", &n), ("error", error)])
            } else {
                bank.ui_fill("record.not_saved", &[("error", error)])
            };
            let still_here = match app.is_kiosk() {
                true => "record.still_here_kiosk",
                false => "record.still_here",
            };
            vec![
                Line::styled(format!("! {not_saved}"), theme.notice()),
                Line::from(ui(still_here)),
            ]
        }
        (None, _) => vec![Line::from(ui("record.not_saved_yet"))],
    };
    tell.into_iter().chain(rest).collect()
}

/// The buttons under the panel's lines: (label, button, main).
fn buttons(app: &App) -> Vec<(&str, Action, bool)> {
    if app.saved_code().is_some() {
        return Vec::new();
    }
    let ui = |k| app.bank.ui(k);
    let buttons = match &app.save.saving {
        Saving::Failed { .. } => vec![
            (ui("button.try_again"), Action::Save, true),
            (ui("button.show_record"), Action::ShowRecord, false),
        ],
        _ => vec![(ui("button.save"), Action::Save, true)],
    };
    // At a kiosk, only what the keys' table lets a patient do (the record
    // to copy is for the staff).
    let allowed = |a: &Action| !app.is_kiosk() || keys::kiosk_allows(a);
    buttons.into_iter().filter(|(_, a, _)| allowed(a)).collect()
}

/// A kiosk's saved code, to show in big letters where it fits a width.
fn big_code(app: &App, width: u16) -> Option<&str> {
    app.saved_code()
        .filter(|&code| app.is_kiosk() && app.opened().is_none() && big_fits(code, width))
}

/// The rows the panel needs at a width (0 when there is nothing to say).
pub fn height(app: &App, width: u16) -> u16 {
    if app.session.outcome.is_none() || !app.settings.save_records {
        return 0;
    }
    let inner = width.saturating_sub(2);
    let text = Text::from(lines(app, Theme::new(false)));
    let buttons = u16::from(!buttons(app).is_empty());
    let big = if big_code(app, inner).is_some() { 4 } else { 0 };
    wrapped_height(&text, inner) + buttons + big
}

/// Draws the panel in `area` (as tall as `height` said).
pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: Theme, drawn: &mut Drawn) {
    if area.height == 0 {
        return;
    }
    let inner = area.inner(Margin::new(1, 0));
    let text = Text::from(lines(app, theme));
    let th = wrapped_height(&text, inner.width).min(inner.height);
    wrapped(text, true).render(Rect::new(inner.x, inner.y, inner.width, th), buf);
    let mut y = inner.y + th;
    if let Some(code) = big_code(app, inner.width)
        && y + 4 <= inner.bottom()
    {
        let (half, left) = (PixelSize::HalfHeight, Alignment::Left);
        big_word(code, half, left, theme.bold(), Rect { y, ..inner }, buf);
        y += 4;
    }
    if y < inner.bottom() {
        let row = Rect::new(inner.x - 1, y, inner.width + 1, 1);
        super::button_row(row, buf, theme, &buttons(app), super::clicks(drawn));
    }
}

/// The overlay with the unsaved record's JSON, scrolled.
pub fn json_overlay(app: &App, area: Rect, buf: &mut Buffer, theme: Theme, drawn: &mut Drawn) {
    let Some(json) = app.unsaved_json() else {
        return;
    };
    let ui = |k| app.bank.ui(k);
    let box_area = area.inner(Margin::new(2, 1));
    let (title, keys) = (ui("record.json_title"), ui("record.json_keys"));
    let inner = super::frame(box_area, title, Some(keys), buf);
    // Long lines wrap so that nothing is cut off; the record is also printed
    // in full when the program ends, for copying whole.
    let rows = super::wrap::wrap(&Text::raw(json), inner.width);
    let [pane, status_row] = Layout::vertical([Fill(1), Length(1)]).areas(inner);
    drawn.overlay = super::scrolled(rows, app.save.json_scroll, pane, buf);
    let Rows { total, view, top } = drawn.overlay;
    let rows = app.bank.ui_fill(
        "record.json_rows",
        &[
            ("first", &(top + 1).to_string()),
            ("last", &(top + view).min(total).to_string()),
            ("total", &total.to_string()),
        ],
    );
    let status = if app.is_kiosk() {
        rows
    } else {
        format!("{rows} · {}", ui("record.json_printed"))
    };
    let (x, y) = (status_row.x, status_row.y);
    buf.set_stringn(x, y, status, inner.width.into(), theme.quiet());
    super::close_button(box_area, ui("button.close"), buf, theme, drawn);
}

/// The box for a record's code.
pub fn code_box(app: &App, area: Rect, buf: &mut Buffer, theme: Theme, drawn: &mut Drawn) {
    let entry = &app.code_entry;
    let ui = |k| app.bank.ui(k);
    let w = area.width.saturating_sub(4).min(64);
    let prompt = Line::from(ui("record.code_prompt"));
    // The prompt, the field's row, then any error.
    let mut text = vec![prompt.clone(), Line::from(""), Line::from("")];
    if let Some(e) = &entry.error {
        text.extend([
            Line::from(""),
            Line::styled(format!("! {e}"), theme.notice()),
        ]);
    }
    let text = Text::from(text);
    let th = wrapped_height(&text, w.saturating_sub(4));
    let box_area = centred(area, w, th + 2);
    let (title, keys) = (ui("record.code_title"), ui("record.code_keys"));
    let inner = super::frame(box_area, title, Some(keys), buf);
    wrapped(text, false).render(inner, buf);
    // The field: the prompt wraps to one or two rows; find its row.
    let y = inner.y + wrapped_height(&Text::from(prompt), inner.width) + 1;
    if y >= inner.bottom() {
        return;
    }
    let label = format!("{} ", ui("record.code_label"));
    let lw = label.chars().count() as u16;
    let fx = inner.x + lw;
    let fw = 12.min(inner.width.saturating_sub(lw + 12));
    buf.set_string(inner.x, y, &label, theme.bold());
    let field = Rect::new(fx, y, fw, 1);
    buf.set_style(field, theme.selected());
    let scroll = entry.input.visual_scroll(fw.saturating_sub(1) as usize);
    let shown: String = entry.input.value().chars().skip(scroll).collect();
    buf.set_stringn(fx, y, shown, fw.into(), theme.selected());
    // The cursor: an underlined cell (a "_" where there is no letter yet).
    let cx = fx + (entry.input.visual_cursor().saturating_sub(scroll)) as u16;
    if cx < field.right() {
        let cell = &mut buf[(cx, y)];
        if cell.symbol() == " " {
            cell.set_symbol("_");
        }
        cell.set_style(Style::default().add_modifier(Modifier::UNDERLINED));
    }
    let x = field.right() + 1;
    let row = Rect::new(x, y, inner.right().saturating_sub(x), 1);
    let open = [(ui("button.open"), Action::Confirm, true)];
    super::button_row(row, buf, theme, &open, super::clicks(drawn));
    super::close_button(box_area, ui("button.cancel"), buf, theme, drawn);
}
