//! Drawing the app: one file per screen, each a function of `&App`. The view
//! changes no state; it fills a `Drawn` the caller owns (where it drew
//! clickable things, how tall the scrolled panes are) so that `update` can
//! hit-test clicks and clamp scrolling.

pub mod help;
pub mod kiosk;
pub mod list;
pub mod practice;
pub mod question;
pub mod record;
pub mod red_flag;
pub mod result;
pub mod review;
pub mod theme;
pub mod welcome;
pub mod wrap;

use ratatui::buffer::Buffer;
use ratatui::layout::Constraint::{Fill, Length};
use ratatui::layout::{Alignment, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, StatefulWidget, Widget, Wrap};

use crate::app::{Action, App, Drawn, Overlay, Rows, Screen, Target};
use crate::bank::{Bank, Urgency};

use theme::Theme;

/// The smallest window the app draws in; below it, it says how big the
/// window must be.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 20;

// `&App` rather than `App`: drawing must not consume or change the state,
// and the terminal loop keeps the app between frames. What the frame drew
// where goes into the loop's `Drawn`, not into the app.
impl StatefulWidget for &App {
    type State = Drawn;

    fn render(self, area: Rect, buf: &mut Buffer, drawn: &mut Drawn) {
        *drawn = Drawn::default();
        let theme = Theme::new(self.colour);
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            too_small(self, area, buf, theme);
            return;
        }
        match self.screen {
            Screen::Welcome => welcome::render(self, area, buf, theme, drawn),
            Screen::Question => question::render(self, area, buf, theme, drawn),
            Screen::Review => review::render(self, area, buf, theme, drawn),
            Screen::RedFlag(f) => red_flag::render(self, f, area, buf, theme, drawn),
            Screen::Result => result::render(self, area, buf, theme, drawn),
        }
        match self.overlay {
            Some(Overlay::Help) => help::render(self, area, buf, theme, drawn),
            Some(Overlay::ConfirmQuit) => confirm_quit(self, area, buf, theme, drawn),
            Some(Overlay::RecordJson) => record::json_overlay(self, area, buf, theme, drawn),
            Some(Overlay::OpenRecord) => record::code_box(self, area, buf, theme, drawn),
            None => {}
        }
    }
}

/// The app's "too small" screen: how big the window must be, and how to
/// quit (not in a kiosk, where patients cannot). Once an urgency is known (a
/// red flag has fired, or the result is showing) its banner comes first,
/// with the number to call for an emergency, so that no window hides it.
pub fn too_small(app: &App, mut area: Rect, buf: &mut Buffer, theme: Theme) {
    // The most urgent red flag's once one has fired, or the result's.
    let fired = app.session.walk.fired.iter();
    let flags = fired.map(|f| app.bank.red_flags[f.flag].urgency).max();
    let on_result = app.screen == Screen::Result;
    let result = app.session.outcome.as_ref().filter(|_| on_result);
    if let Some(u) = flags.max(result.map(|o| o.urgency)) {
        let h = banner_height(app, u, area.width).min(area.height);
        let [top, rest] = Layout::vertical([Length(h), Fill(1)]).areas(area);
        banner(app, u, top, buf, theme, alarm(&app.bank, u));
        area = rest;
    }
    let bank = &app.bank;
    let (w, h) = (area.width.to_string(), area.height.to_string());
    let (min_w, min_h) = (MIN_WIDTH.to_string(), MIN_HEIGHT.to_string());
    let need = [("min_width", min_w.as_str()), ("min_height", &min_h)];
    let lines = [
        Line::styled(bank.ui("app.too_small").to_string(), theme.bold()),
        Line::from(bank.ui_fill("app.too_small_size", &[("width", &w), ("height", &h)])),
        Line::from(bank.ui_fill("app.too_small_need", &need)),
    ];
    let quit = (!app.is_kiosk()).then(|| Line::from(bank.ui("app.too_small_quit").to_string()));
    wrapped(Text::from_iter(lines.into_iter().chain(quit)), true).render(area, buf);
}

/// `text` as a paragraph that wraps; `trim` drops the spaces that would
/// begin a wrapped row.
pub fn wrapped<'a>(text: impl Into<Text<'a>>, trim: bool) -> Paragraph<'a> {
    Paragraph::new(text).wrap(Wrap { trim })
}

/// Draws `head` wrapped at the top of `area`; returns the space under it
/// less a blank row.
pub fn head(head: Text<'_>, area: Rect, buf: &mut Buffer) -> Rect {
    let h = wrapped_height(&head, area.width);
    let [top, _gap, rest] = Layout::vertical([Length(h), Length(1), Fill(1)]).areas(area);
    wrapped(head, false).render(top, buf);
    rest
}

/// A wrapped paragraph's height at a width.
pub fn wrapped_height(text: &Text<'_>, width: u16) -> u16 {
    wrapped(text.clone(), false)
        .line_count(width)
        .min(u16::MAX as usize) as u16
}

/// Draws the rows of a scrolled pane that are in `area`, from `scroll`
/// (held to the last full page); returns the pane as drawn.
pub fn scrolled(rows: Vec<Line<'_>>, scroll: u16, area: Rect, buf: &mut Buffer) -> Rows {
    let (total, view) = (rows.len().min(u16::MAX as usize) as u16, area.height);
    let top = scroll.min(total.saturating_sub(view));
    let shown = rows.into_iter().skip(top.into()).take(view.into());
    Paragraph::new(Text::from_iter(shown)).render(area, buf);
    Rows { total, view, top }
}

/// Draws the title bar on the top row and returns the rest.
pub fn title_bar(
    app: &App,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
    drawn: &mut Drawn,
    right: &str,
) -> Rect {
    let [top, rest] = Layout::vertical([Length(1), Fill(1)]).areas(area);
    buf.set_style(top, theme.title_bar());
    let title = app.bank.ui_fill("app.title", &[("name", &app.bank.name)]);
    let left = format!(" {title}");
    buf.set_stringn(top.x, top.y, &left, top.width as usize, theme.title_bar());
    // A kiosk has no help box: its screens say what to touch, and the help
    // lists ways out patients must not have.
    let help = (!app.is_kiosk()).then(|| format!("[ {} ]", app.bank.ui("app.help_button")));
    let hw = help.as_ref().map_or(0, |h| h.chars().count() as u16);
    let rw = right.chars().count() as u16;
    if top.width > left.chars().count() as u16 + hw + rw + 3 {
        let mut x = top.right();
        if let Some(help) = help {
            x -= hw + 1;
            buf.set_string(x, top.y, help, theme.title_bar());
            let target = Target::Button(Action::ToggleHelp);
            drawn.targets.add(Rect::new(x, top.y, hw, 1), target);
            x -= 1;
        }
        buf.set_string(x - rw - 1, top.y, right, theme.title_bar());
    }
    rest
}

/// Draws buttons ("[ label ]") left to right on `row`, as many as fit, the
/// main one highlighted, and tells `drawn` where each went (for clicks).
pub fn button_row<L: AsRef<str>, B: Clone>(
    row: Rect,
    buf: &mut Buffer,
    theme: Theme,
    buttons: &[(L, B, bool)],
    mut drawn: impl FnMut(Rect, B),
) {
    let mut x = row.x + 1;
    for (label, b, main) in buttons {
        let text = format!("[ {} ]", label.as_ref());
        let w = text.chars().count() as u16;
        if x + w > row.right() {
            break;
        }
        let style = theme.button_of(*main);
        buf.set_string(x, row.y, &text, style);
        drawn(Rect::new(x, row.y, w, 1), b.clone());
        x += w + 2;
    }
}

/// Where `button_row` drew the app's buttons, recorded for clicks.
pub fn clicks(drawn: &mut Drawn) -> impl FnMut(Rect, Action) + '_ {
    |r, b| drawn.targets.add(r, Target::Button(b))
}

/// A box's close button, "[ label ]" on its top border at the right: it
/// dismisses the box.
pub fn close_button(
    box_area: Rect,
    label: &str,
    buf: &mut Buffer,
    theme: Theme,
    drawn: &mut Drawn,
) {
    let text = format!("[ {label} ]");
    let w = text.chars().count() as u16;
    let x = box_area.right().saturating_sub(w + 2);
    buf.set_string(x, box_area.y, &text, theme.button());
    clicks(drawn)(Rect::new(x, box_area.y, w, 1), Action::Dismiss);
}

/// The questionnaire's list of `rows` with `selected` highlighted: a blank
/// row under each item in a kiosk, for a finger.
pub fn app_list<'a, 'b>(
    app: &'b App,
    rows: &'b [list::Row<'a, Target>],
    selected: usize,
    prefix_width: u16,
) -> list::List<'a, 'b, Target> {
    list::List {
        rows,
        selected: Some(selected),
        prefix_width,
        gap: u16::from(app.is_kiosk()),
        marks: ([app.say("app.more_above"), app.say("app.more_below")], 3),
    }
}

/// The mark before a list's row: `>` on the highlighted one.
pub fn cursor(here: bool, theme: Theme) -> Span<'static> {
    Span::styled(if here { " > " } else { "   " }, theme.bold())
}

/// A button in the footer: its words, what it does, whether it is the main
/// one.
pub type ButtonSpec<'a> = (&'a str, Action, bool);

/// Draws the footer (a row of buttons, then the keys of the screen from the
/// keys' table, wrapped) at the bottom of `area` and returns the space above
/// it.
pub fn footer(
    app: &App,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
    drawn: &mut Drawn,
    buttons: &[ButtonSpec<'_>],
) -> Rect {
    if app.is_kiosk() {
        return kiosk::footer(app, area, buf, theme, drawn, buttons);
    }
    let legend = legend(&crate::app::keys::legend(app), theme);
    let lh = wrapped_height(&Text::from(legend.clone()), area.width.saturating_sub(2)).max(1);
    let [rest, _gap, brow, lrow] = Layout::vertical([
        Fill(1),
        // A blank row above the buttons where there is height to spare.
        Length(u16::from(area.height >= 30)),
        Length(u16::from(!buttons.is_empty())),
        Length(lh),
    ])
    .areas(area);
    button_row(brow, buf, theme, buttons, clicks(drawn));
    wrapped(legend, true).render(lrow.inner(Margin::new(1, 0)), buf);
    rest
}

/// The key legend as one line: "Enter confirm  Backspace back  ...".
pub fn legend<K: AsRef<str>, W: AsRef<str>>(keys: &[(K, W)], theme: Theme) -> Line<'static> {
    Line::from_iter(keys.iter().enumerate().flat_map(|(i, (k, what))| {
        let gap = (i > 0).then(|| Span::raw("  "));
        gap.into_iter().chain([
            Span::styled(k.as_ref().to_string(), theme.key()),
            Span::raw(format!(" {}", what.as_ref())),
        ])
    }))
}

/// `template` as spans: each `{name}` placeholder replaced by its value in
/// its own style (a key name in a sentence), the rest in `style`.
pub fn fill_spans(
    template: &str,
    values: &[(&str, &str, Style)],
    style: Style,
) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut rest = template;
    // The earliest placeholder left, while there is one.
    let next = |rest: &str| {
        let at = |name| rest.find(&format!("{{{name}}}"));
        values
            .iter()
            .filter_map(|&(name, value, st)| Some((at(name)?, name, value, st)))
            .min_by_key(|p| p.0)
    };
    while let Some((at, name, value, st)) = next(rest) {
        spans.push(Span::styled(rest[..at].to_string(), style));
        spans.push(Span::styled(value.to_string(), st));
        rest = &rest[at + name.len() + 2..];
    }
    spans.push(Span::styled(rest.to_string(), style));
    spans
}

/// A rectangle of at most `w` by `h` in the middle of `area`.
pub fn centred(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// The words on an urgency banner: a short order in capitals.
pub fn headline(bank: &Bank, u: Urgency) -> String {
    // The headlines are `ui.headline.ID` in ui.toml; a bank that adds a
    // level without one still gets its id in capitals.
    let id = bank.vocab.urgency_id(u);
    let headline = bank.ui.get(&format!("headline.{id}")).cloned();
    headline.unwrap_or_else(|| id.replace('_', " ").to_uppercase())
}

/// The marks either side of a result's banner: an alarm for the two most
/// urgent levels, none (calm) for the levels that need no hurry.
pub fn alarm(bank: &Bank, u: Urgency) -> &'static str {
    if urgency_rank(bank, u) < 2 { "!!" } else { "" }
}

/// How far an urgency is from the most urgent level: 0 is the most urgent.
pub fn urgency_rank(bank: &Bank, u: Urgency) -> usize {
    bank.vocab.urgencies.len().saturating_sub(1 + u.0 as usize)
}

/// What an urgency level means, in the vocabulary's words (not the screen's).
pub fn urgency_meaning(bank: &Bank, u: Urgency) -> &str {
    &bank.vocab.urgencies[u.0 as usize].meaning
}

/// "Call 999 now.", in the bank's language (or the default wording when the
/// config names no number): the `Report`'s line.
pub fn call_now(app: &App) -> String {
    let number = app.settings.emergency_number.as_deref();
    crate::report::call_now(&app.bank, app.audience, number)
}

/// Draws an urgency banner filling `area` (its words centred in it), its
/// headline between `symbol`s.
pub fn banner(app: &App, u: Urgency, area: Rect, buf: &mut Buffer, theme: Theme, symbol: &str) {
    let style = theme.urgency(urgency_rank(&app.bank, u));
    Clear.render(area, buf);
    buf.set_style(area, style);
    let text = banner_text(app, u, symbol);
    let inner = area.inner(Margin::new(1, 0));
    let th = wrapped_height(&text, inner.width);
    wrapped(text, true)
        .style(style)
        .alignment(Alignment::Center)
        .render(centred(inner, inner.width, th), buf);
}

/// The height an urgency banner needs at a width.
pub fn banner_height(app: &App, u: Urgency, width: u16) -> u16 {
    wrapped_height(&banner_text(app, u, "!!"), width.saturating_sub(2))
}

/// An urgency banner's words: the headline between `symbol`s, what it
/// means, and for the most urgent level the number to call.
fn banner_text(app: &App, u: Urgency, symbol: &str) -> Text<'static> {
    let bank = &app.bank;
    let headline = match symbol {
        "" => headline(bank, u),
        _ => format!("{symbol} {} {symbol}", headline(bank, u)),
    };
    // The banner's words are the `Report`'s: the number named once.
    let meaning = crate::report::screen_meaning(bank, u).to_string();
    let call = crate::report::most_urgent(bank, u).then(|| call_now(app));
    Text::from_iter([Some(headline), Some(meaning), call].into_iter().flatten())
}

fn confirm_quit(app: &App, area: Rect, buf: &mut Buffer, theme: Theme, drawn: &mut Drawn) {
    let ui = |k| app.say(k);
    let buttons = [
        (ui("app.quit_yes"), Action::QuitConfirmed, false),
        (ui("app.quit_no"), Action::Dismiss, true),
    ];
    // Whether the answers are kept: saved, saved before a change, or not.
    let question = match (app.saved_code(), app.saved_before()) {
        (Some(code), _) => app.say_fill("app.quit_question_saved", &[("code", code)]),
        (None, Some(code)) => app.say_fill("app.quit_question_changed", &[("code", code)]),
        (None, None) => ui("app.quit_question").to_string(),
    };
    let title = ui("app.quit_title");
    quit_box(area, title, &question, buttons, buf, theme, clicks(drawn));
}

/// The "Quit?" box of the questionnaire and of practice: the question, then
/// Yes and No.
pub fn quit_box<B: Clone>(
    area: Rect,
    title: &str,
    question: &str,
    buttons: [(&str, B, bool); 2],
    buf: &mut Buffer,
    theme: Theme,
    add: impl FnMut(Rect, B),
) {
    let text = Text::from(Line::styled(question.to_string(), theme.bold()));
    let w = area.width.saturating_sub(4).min(56);
    let h = wrapped_height(&text, w.saturating_sub(4)) + 4;
    let inner = frame(centred(area, w, h), title, None, buf);
    wrapped(text, true).render(inner, buf);
    let y = inner.bottom().saturating_sub(1);
    let row = Rect::new(inner.x.saturating_sub(1), y, inner.width + 1, 1);
    button_row(row, buf, theme, &buttons, add);
}

/// Clears `box_area` and draws a double border with a title (and the keys
/// along the bottom); returns its inside (less a column either side).
pub fn frame(box_area: Rect, title: &str, keys: Option<&str>, buf: &mut Buffer) -> Rect {
    Clear.render(box_area, buf);
    let mut block = Block::bordered()
        .border_type(BorderType::Double)
        .title(format!(" {title} "));
    if let Some(keys) = keys {
        block = block.title_bottom(format!(" {keys} "));
    }
    let inner = block.inner(box_area).inner(Margin::new(1, 0));
    block.render(box_area, buf);
    inner
}
