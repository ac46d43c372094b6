//! Kiosk mode's screens: the welcome screen with a large heading and one
//! large Start button, large buttons for a finger in every footer (with
//! "Start again" and no Quit), the countdown on the result, the emergency
//! notice an emergency result folds to, and the boxes over everything: "Are
//! you still there?", "Start again?" and the staff PIN.

use ratatui::buffer::Buffer;
use ratatui::layout::Constraint::{Fill, Length};
use ratatui::layout::{Alignment, Flex, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, StatefulWidget, Widget};
use tui_big_text::{BigText, PixelSize};

use crate::app::kiosk::{KioskApp, KioskDrawn, KioskTarget, Phase, STAFF_CHORD, seconds_left};
use crate::app::{Action, App, Drawn, Screen, Target, Targets, keys};

use super::theme::Theme;
use super::{
    ButtonSpec, MIN_HEIGHT, MIN_WIDTH, centred, frame, title_bar, wrapped, wrapped_height,
};

/// The width of one letter of the big text, in cells.
const BIG_LETTER: u16 = 8;

type KioskTargets = Targets<KioskTarget>;

// `&KioskApp`, as for `&App`: drawing reads the state and records where it
// drew clickable things in the loop's `KioskDrawn`.
impl StatefulWidget for &KioskApp {
    type State = KioskDrawn;

    fn render(self, area: Rect, buf: &mut Buffer, drawn: &mut KioskDrawn) {
        *drawn = KioskDrawn::default();
        let app = &self.app;
        let theme = Theme::new(app.colour);
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            super::too_small(app, area, buf, theme);
            return;
        }
        if self.folded() {
            emergency_notice(app, area, buf, theme, &mut drawn.app);
        } else if app.screen == Screen::Welcome && app.overlay.is_none() {
            welcome(app, area, buf, theme, &mut drawn.app);
        } else {
            app.render(area, buf, &mut drawn.app);
        }
        if let Some(left) = self.done_left() {
            let seconds = seconds_left(left).to_string();
            // At the right of the title bar.
            let clears = app
                .bank
                .ui_fill("kiosk.clears_in", &[("seconds", &seconds)]);
            let w = clears.chars().count() as u16;
            if area.width > w + 2 {
                buf.set_string(area.right() - w - 1, area.y, clears, theme.title_bar());
            }
        }
        let targets = &mut drawn.targets;
        match self.phase {
            Phase::Questionnaire => {}
            Phase::StillThere { .. } => still_there(self, area, buf, theme, targets),
            Phase::ConfirmRestart => choice_box(area, confirm_restart(self, theme), buf, targets),
            Phase::Staff => choice_box(area, staff(self, theme), buf, targets),
        }
    }
}

/// A button for a finger: the whole of `area` (three rows high), the label
/// centred in its middle row. The caller records the area as clickable.
fn big_button(area: Rect, label: &str, style: Style, buf: &mut Buffer) {
    buf.set_style(area, style);
    let w = label.chars().count() as u16;
    let x = area.x + area.width.saturating_sub(w) / 2;
    buf.set_stringn(x, area.y + area.height / 2, label, area.width.into(), style);
}

/// The width a big button needs: its label and three cells either side.
fn big_width(label: &str) -> u16 {
    label.chars().count() as u16 + 6
}

/// A footer label without its key hint: "See my result (r)" is "See my
/// result" for a finger.
pub fn touch_label(label: &str) -> &str {
    match label.rfind(" (") {
        Some(i) if label.ends_with(')') => &label[..i],
        _ => label,
    }
}

/// The kiosk's footer: a row of large buttons (no Quit, no Help; "Start
/// again" everywhere but the result, whose "Start again" is "Done", and an
/// emergency result has neither: it waits for the staff) and no key legend.
/// Returns the space above it.
pub fn footer(
    app: &App,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
    drawn: &mut Drawn,
    buttons: &[ButtonSpec<'_>],
) -> Rect {
    let on_result = app.screen == Screen::Result;
    let emergency = app.emergency_result();
    let mut shown: Vec<(String, Action, bool)> = buttons
        .iter()
        // What a patient may not do (the keys' table says) has no button.
        .filter(|(_, b, _)| keys::kiosk_allows(b))
        .filter(|(_, b, _)| !(emergency && *b == Action::StartAgain))
        .map(|(label, b, main)| {
            if *b == Action::StartAgain && on_result {
                (app.bank.ui("kiosk.done").to_string(), b.clone(), true)
            } else {
                (touch_label(label).to_string(), b.clone(), *main)
            }
        })
        .collect();
    if !on_result && !shown.iter().any(|(_, b, _)| *b == Action::StartAgain) {
        let again = app.bank.ui("kiosk.start_again").to_string();
        shown.push((again, Action::StartAgain, false));
    }
    let gap = u16::from(area.height >= 30);
    let [rest, _gap, row] = Layout::vertical([Fill(1), Length(gap), Length(3)]).areas(area);
    // Three cells of padding either side and two between where they fit;
    // then one of padding; then one between.
    let fits = |shown: &[(String, Action, bool)], (shrink, gap): (u16, u16)| {
        shown
            .iter()
            .map(|(l, ..)| big_width(l) - shrink + gap)
            .sum::<u16>()
            < row.width
    };
    // Where none fits (longer words in another language, a narrow screen),
    // the extras ("Why we ask") go first, from the right, so that the main
    // button, Back, Start again (or Done) and Save stay.
    while !fits(&shown, (4, 1)) {
        let extra = shown.iter().rposition(|(_, b, main)| {
            !main
                && !matches!(
                    b,
                    Action::Back
                        | Action::StartAgain
                        | Action::Save
                        | Action::ShowResult
                        | Action::Confirm
                )
        });
        let Some(i) = extra else { break };
        shown.remove(i);
    }
    let roomiest = [(0, 2), (4, 2)].into_iter().find(|&s| fits(&shown, s));
    let (shrink, gap) = roomiest.unwrap_or((4, 1));
    let mut x = row.x + 1;
    for (label, b, main) in &shown {
        let w = big_width(label) - shrink;
        if x + w > row.right() {
            break;
        }
        let style = theme.button_of(*main);
        let r = Rect::new(x, row.y, w, row.height);
        big_button(r, label, style, buf);
        drawn.targets.add(r, Target::Button(b.clone()));
        x += w + gap;
    }
    rest
}

/// The kiosk's welcome screen.
fn welcome(app: &App, area: Rect, buf: &mut Buffer, theme: Theme, drawn: &mut Drawn) {
    let ui = |key| app.bank.ui(key);
    let body = title_bar(app, area, buf, theme, drawn, "");
    let inner = body.inner(Margin::new(2, 1));
    let r = app.remaining[app.bank.start];
    let (fewest, most) = (r.fewest.to_string(), r.most.to_string());
    let (bank, call) = (&app.bank, super::call_now(app));
    let how_long = bank.ui_fill("kiosk.how_long", &[("fewest", &fewest), ("most", &most)]);
    let emergency = bank.ui_fill("kiosk.emergency", &[("call", &call)]);
    let mut lines = Vec::new();
    if let Some(clinic) = &app.settings.clinic_name {
        lines.push(Line::styled(clinic.clone(), theme.bold()));
        lines.push(Line::from(""));
    }
    lines.extend([
        Line::styled(ui("kiosk.heading"), theme.heading()),
        Line::from(how_long),
        Line::from(""),
        Line::from(vec![
            Span::styled(format!("{} ", ui("kiosk.not_a_diagnosis")), theme.bold()),
            Span::raw(ui("kiosk.not_a_replacement")),
        ]),
        Line::styled(emergency, theme.bold()),
    ]);
    let text = Text::from(lines).alignment(Alignment::Center);
    let th = wrapped_height(&text, inner.width);
    let note = Line::styled(ui("kiosk.wiped"), theme.quiet());
    // The big heading where it fits: full size on a tall screen, half
    // height on a smaller one, none on the smallest.
    let word = ui("kiosk.big_word");
    let fits_wide = big_fits(word, inner.width);
    let rest = th + 1 + 3 + 1 + 1;
    let big = if fits_wide && inner.height >= rest + 8 + 2 && inner.height >= 34 {
        Some((PixelSize::Full, 8))
    } else if fits_wide && inner.height > rest + 4 {
        Some((PixelSize::HalfHeight, 4))
    } else {
        None
    };
    let big_h = big.map_or(0, |(_, h)| h + 1);
    let [big_area, text_area, _gap, button_row, _gap2, note_area] =
        Layout::vertical([big_h, th, 1, 3, 1, 1].map(Length))
            .flex(Flex::Center)
            .areas(inner);
    if let Some((size, _)) = big {
        let style = theme.heading();
        big_word(word, size, Alignment::Center, style, big_area, buf);
    }
    wrapped(text, true).render(text_area, buf);
    let label = ui("kiosk.touch_start");
    // The other language, in its own words, beside Start where it fits.
    let other = app
        .next_language()
        .map(|code| app.language_name(&code))
        .filter(|name| big_width(label) + 8 + 2 + big_width(name) <= button_row.width);
    let w = (big_width(label) + 8).min(button_row.width);
    let lw = other.as_deref().map_or(0, |name| big_width(name) + 2);
    let x = button_row.x + button_row.width.saturating_sub(w + lw) / 2;
    let b = Rect::new(x, button_row.y, w, button_row.height);
    big_button(b, label, theme.button_main(), buf);
    drawn.targets.add(b, Target::Button(Action::Confirm));
    if let Some(name) = &other {
        let l = Rect::new(b.right() + 2, b.y, big_width(name), b.height);
        big_button(l, name, theme.button(), buf);
        drawn.targets.add(l, Target::Button(Action::SwitchLanguage));
    }
    Paragraph::new(note)
        .alignment(Alignment::Center)
        .render(note_area, buf);
}

/// What an emergency result folds to after the done timeout: "Tell a
/// member of staff now" and the number to call, over the whole screen, with
/// the answers and the causes hidden from whoever comes next.
fn emergency_notice(app: &App, area: Rect, buf: &mut Buffer, theme: Theme, drawn: &mut Drawn) {
    let ui = |key| app.bank.ui(key);
    let body = title_bar(app, area, buf, theme, drawn, "");
    let style = theme.urgency(0);
    buf.set_style(body, style);
    let inner = body.inner(Margin::new(2, 1));
    let (bank, call) = (&app.bank, super::call_now(app));
    let no_one = bank.ui_fill("kiosk.no_one_there", &[("call", &call)]);
    let mut lines = vec![
        Line::styled(ui("kiosk.tell_staff"), style),
        Line::from(""),
        Line::styled(no_one, style),
    ];
    if let Some(code) = app.saved_code() {
        let code = app.bank.ui_fill("kiosk.code_for_staff", &[("code", code)]);
        lines.extend([Line::from(""), Line::styled(code, style)]);
    }
    lines.extend([Line::from(""), Line::styled(ui("kiosk.hidden"), style)]);
    let text = Text::from(lines).alignment(Alignment::Center);
    let th = wrapped_height(&text, inner.width);
    // The big words where they fit.
    let word = ui("kiosk.big_staff");
    let big = big_fits(word, inner.width) && inner.height >= th + 5;
    let big_h = if big { 5 } else { 0 };
    let [big_area, text_area] = Layout::vertical([Length(big_h), Length(th)])
        .flex(Flex::Center)
        .areas(inner);
    if big {
        let (half, centre) = (PixelSize::HalfHeight, Alignment::Center);
        big_word(word, half, centre, style, big_area, buf);
    }
    wrapped(text, true).render(text_area, buf);
}

/// `word` in big letters, aligned in the top rows of `area` (8 at full
/// size, 4 at half height; the rows under them are left alone).
pub(super) fn big_word(
    word: &str,
    size: PixelSize,
    alignment: Alignment,
    style: Style,
    area: Rect,
    buf: &mut Buffer,
) {
    BigText::builder()
        .pixel_size(size)
        .style(style)
        .lines(vec![Line::from(word.to_string())])
        .alignment(alignment)
        .build()
        .render(area, buf);
}

/// Whether `word` in big letters fits a width.
pub(super) fn big_fits(word: &str, width: u16) -> bool {
    word.chars().count() as u16 * BIG_LETTER <= width
}

/// A box's title, its text, and its two big buttons.
type Choice<'a> = (String, Text<'a>, [(&'a str, KioskTarget, Style); 2]);

/// A box of text with two big buttons side by side under it, recorded as
/// kiosk targets.
fn choice_box(area: Rect, choice: Choice<'_>, buf: &mut Buffer, targets: &mut KioskTargets) {
    let (title, text, buttons) = choice;
    let w = area.width.saturating_sub(4).min(60);
    let th = wrapped_height(&text, w.saturating_sub(4));
    let inner = frame(centred(area, w, th + 1 + 3 + 2), &title, None, buf);
    wrapped(text, true).render(Rect::new(inner.x, inner.y, inner.width, th), buf);
    let [w1, w2] = buttons.map(|(label, ..)| big_width(label));
    let mut x = inner.x + inner.width.saturating_sub(w1 + 2 + w2) / 2;
    for ((label, t, style), w) in buttons.into_iter().zip([w1, w2]) {
        let r = Rect::new(x, inner.y + th + 1, w, 3).intersection(inner);
        big_button(r, label, style, buf);
        targets.add(r, t);
        x += w + 2;
    }
}

/// "Are you still there?", with the seconds left in big figures where they
/// fit.
fn still_there(
    k: &KioskApp,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
    targets: &mut KioskTargets,
) {
    let bank = &k.app.bank;
    let ui = |key| bank.ui(key);
    let left = seconds_left(k.still_there_left().unwrap_or_default());
    let w = area.width.saturating_sub(4).min(70);
    let text = Text::from(vec![
        Line::styled(ui("kiosk.still_heading"), theme.heading()),
        Line::from(""),
        Line::from(ui("kiosk.still_touch")),
        Line::from(bank.ui_fill("kiosk.still_wiped_in", &[("seconds", &left.to_string())])),
    ])
    .alignment(Alignment::Center);
    let th = wrapped_height(&text, w.saturating_sub(4));
    let number = left.to_string();
    let big = big_fits(&number, w.saturating_sub(4)) && area.height >= 24;
    let h = th + if big { 5 } else { 0 } + 1 + 3 + 2;
    let inner = frame(centred(area, w, h), ui("kiosk.still_title"), None, buf);
    wrapped(text, true).render(Rect::new(inner.x, inner.y, inner.width, th), buf);
    let mut y = inner.y + th + 1;
    if big {
        let (half, centre) = (PixelSize::HalfHeight, Alignment::Center);
        let at = Rect { y, ..inner };
        big_word(&number, half, centre, theme.notice(), at, buf);
        y += 5;
    }
    let label = ui("kiosk.still_yes");
    let bw = big_width(label).min(inner.width);
    let r = Rect::new(inner.x + (inner.width - bw) / 2, y, bw, 3).intersection(inner);
    big_button(r, label, theme.button_main(), buf);
    targets.add(r, KioskTarget::StillHere);
}

/// "Start again?": the answers would be wiped.
fn confirm_restart(k: &KioskApp, theme: Theme) -> Choice<'_> {
    let ui = |key| k.app.bank.ui(key);
    let text = Text::from(vec![
        Line::styled(ui("kiosk.restart_heading"), theme.heading()),
        Line::from(ui("kiosk.restart_wiped")),
    ])
    .alignment(Alignment::Center);
    let (yes, no) = (ui("kiosk.restart_yes"), ui("kiosk.restart_no"));
    let buttons = [
        (yes, KioskTarget::RestartYes, theme.button()),
        (no, KioskTarget::RestartNo, theme.button_main()),
    ];
    (ui("kiosk.restart_title").to_string(), text, buttons)
}

/// The staff PIN's box.
fn staff(k: &KioskApp, theme: Theme) -> Choice<'_> {
    let bank = &k.app.bank;
    let ui = |key| bank.ui(key);
    // On an emergency the PIN clears the result for the next patient.
    let prompt = match k.app.emergency_result() {
        true => "kiosk.staff_prompt_emergency",
        false => "kiosk.staff_prompt",
    };
    let mut lines = vec![
        Line::styled(ui(prompt), theme.bold()),
        Line::from(ui("kiosk.staff_keys")),
        Line::from(""),
        Line::from(vec![
            Span::styled(ui("kiosk.pin"), theme.bold()),
            Span::styled(
                format!("{:<12}", "•".repeat(k.pin.value().chars().count())),
                theme.selected(),
            ),
        ]),
    ];
    let message = match k.pin_wait() {
        Some(wait) => {
            let seconds = seconds_left(wait).to_string();
            Some(bank.ui_fill("kiosk.pin_wait", &[("seconds", &seconds)]))
        }
        None => k.pin_message.clone(),
    };
    if let Some(m) = message {
        lines.extend([Line::from(""), Line::styled(m, theme.notice())]);
    }
    let buttons = [
        (ui("kiosk.unlock"), KioskTarget::PinOk, theme.button_main()),
        (ui("kiosk.cancel"), KioskTarget::PinCancel, theme.button()),
    ];
    let title = bank.ui_fill("kiosk.staff_title", &[("chord", STAFF_CHORD)]);
    (title, Text::from(lines), buttons)
}
