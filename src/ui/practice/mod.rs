//! Drawing the practice app: one file per screen, each a function of
//! `&PracticeApp`, plus the pieces they share (title bar, footer with the key
//! legend, the "Quit?" box). Every fixed word comes from the bank's
//! `[ui.practice]` texts. The view changes no state; it fills the caller's
//! `Drawn` with where it drew clickable things and how tall the scrolled
//! panes are.

pub mod commit;
pub mod feedback;
pub mod interview;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Text};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget};

use crate::app::Rows;
use crate::app::practice::{Action, Drawn, PracticeApp, Screen, Target};

use super::list::{List, Row};
use super::theme::Theme;
use super::{MIN_HEIGHT, MIN_WIDTH, legend, wrapped, wrapped_height};

// `&PracticeApp` rather than `PracticeApp`: drawing must not consume or
// change the state, and the terminal loop keeps the app between frames.
impl StatefulWidget for &PracticeApp {
    type State = Drawn;

    fn render(self, area: Rect, buf: &mut Buffer, drawn: &mut Drawn) {
        *drawn = Drawn::default();
        let theme = Theme::new(self.colour);
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            too_small(self, area, buf, theme);
            return;
        }
        match self.screen {
            Screen::Interview => interview::render(self, area, buf, theme, drawn),
            Screen::Commit(step) => commit::render(self, step, area, buf, theme, drawn),
            Screen::Feedback => feedback::render(self, area, buf, theme, drawn),
        }
        if self.confirm_quit {
            confirm_quit(self, area, buf, theme, drawn);
        }
    }
}

/// A `[ui.practice]` text.
pub fn t<'a>(app: &'a PracticeApp, key: &str) -> &'a str {
    app.bank.ui(&format!("practice.{key}"))
}

/// A `[ui.practice]` text with its placeholders filled in.
pub fn tf(app: &PracticeApp, key: &str, values: &[(&str, &str)]) -> String {
    app.bank.ui_fill(&format!("practice.{key}"), values)
}

/// The title bar's "Practice case: {title}".
pub fn case_title(app: &PracticeApp) -> String {
    tf(
        app,
        "case_title",
        &[("title", &app.interview.case.case.info.title)],
    )
}

fn too_small(app: &PracticeApp, area: Rect, buf: &mut Buffer, theme: Theme) {
    let text = tf(
        app,
        "too_small",
        &[
            ("width", &area.width.to_string()),
            ("height", &area.height.to_string()),
            ("min_width", &MIN_WIDTH.to_string()),
            ("min_height", &MIN_HEIGHT.to_string()),
        ],
    );
    wrapped(Line::styled(text, theme.bold()), true).render(area, buf);
}

/// Draws the title bar on the top row (`left` at the start, `right` at the
/// end where it fits) and returns the rest.
pub fn title_bar(area: Rect, buf: &mut Buffer, theme: Theme, left: &str, right: &str) -> Rect {
    let [top, rest] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    buf.set_style(top, theme.title_bar());
    let right = format!("{right} ");
    let rw = right.chars().count() as u16;
    let room = top.width.saturating_sub(rw + 1);
    let left = format!(" {left}");
    buf.set_stringn(top.x, top.y, left, room as usize, theme.title_bar());
    if top.width > rw {
        buf.set_string(top.right() - rw, top.y, &right, theme.title_bar());
    }
    rest
}

/// Draws the footer at the bottom of `area`, from the top: the notice (if
/// any), a row of buttons (if any: each its words, what it does, whether it
/// is the main one) and the screen's keys from the keys' table, wrapped.
/// Returns the space above it.
pub fn footer(
    app: &PracticeApp,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
    drawn: &mut Drawn,
    buttons: &[(&str, Action, bool)],
) -> Rect {
    let width = area.width.saturating_sub(2);
    let legend = Text::from(legend(&crate::app::keys::practice::legend(app), theme));
    let lh = wrapped_height(&legend, width).max(1);
    let notice = app
        .notice
        .as_deref()
        .map(|n| Text::from(Line::styled(n.to_string(), theme.notice())));
    let nh = notice.as_ref().map_or(0, |n| wrapped_height(n, width));
    let [rest, nrow, brow, lrow] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(nh),
        Constraint::Length(u16::from(!buttons.is_empty())),
        Constraint::Length(lh),
    ])
    .areas(area);
    if let Some(n) = notice {
        wrapped(n, true).render(nrow.inner(Margin::new(1, 0)), buf);
    }
    super::button_row(brow, buf, theme, buttons, |r, b| {
        drawn.targets.add(r, Target::Button(b))
    });
    wrapped(legend, true).render(lrow.inner(Margin::new(1, 0)), buf);
    rest
}

/// Practice's list of `rows` with `selected` highlighted.
pub fn list<'a, 'b>(
    app: &'b PracticeApp,
    rows: &'b [Row<'a, Target>],
    selected: Option<usize>,
    prefix_width: u16,
) -> List<'a, 'b, Target> {
    List {
        rows,
        selected,
        prefix_width,
        gap: 0,
        marks: ([t(app, "more_above"), t(app, "more_below")], 1),
    }
}

/// `text` wrapped in `area` from its row `top` (held to the last full
/// page), with a scroll bar down the right of `bar` when it does not all
/// fit; returns the pane as drawn.
fn scrolled(text: Text<'_>, top: u16, area: Rect, bar: Rect, buf: &mut Buffer) -> Rows {
    let (total, view) = (wrapped_height(&text, area.width), area.height);
    let top = top.min(total.saturating_sub(view));
    wrapped(text, false).scroll((top, 0)).render(area, buf);
    if total > view {
        let mut state = ScrollbarState::new((total - view) as usize)
            .position(top as usize)
            .viewport_content_length(view as usize);
        Scrollbar::new(ScrollbarOrientation::VerticalRight).render(bar, buf, &mut state);
    }
    Rows { total, view, top }
}

/// The differential in one line: "1. First; 2. Second".
pub fn differential_text(app: &PracticeApp, picks: &[usize]) -> String {
    picks
        .iter()
        .enumerate()
        .map(|(i, &d)| format!("{}. {}", i + 1, app.bank.diagnoses[d].clinician_name))
        .collect::<Vec<_>>()
        .join("; ")
}

fn confirm_quit(app: &PracticeApp, area: Rect, buf: &mut Buffer, theme: Theme, drawn: &mut Drawn) {
    let question = match app.feedback() {
        Some(_) => t(app, "quit_scored"),
        None => t(app, "quit_unscored"),
    };
    let buttons = [
        (t(app, "quit_yes"), Action::QuitConfirmed, false),
        (t(app, "quit_no"), Action::Dismiss, true),
    ];
    let title = t(app, "quit_title");
    super::quit_box(area, title, question, buttons, buf, theme, |r, b| {
        drawn.targets.add(r, Target::Button(b))
    });
}
