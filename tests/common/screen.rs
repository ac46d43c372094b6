//! Drawing an app into a test terminal and reading the screen back, and the
//! questionnaire's calm path (no red flag) to the review screen. Include it
//! with `#[path = "common/screen.rs"] mod screen;`.

#![allow(dead_code)]

use hamstring_triage::app::{Action, App, Screen, update};
use hamstring_triage::terminal::draw;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

/// The sizes snapshots are taken at.
pub const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// Option ids that answer every question of the calm path, from the age
/// question to the review screen: a runner's sit-bone ache (tendinopathy).
pub const CALM_PATH: &[&[&str]] = &[
    &["18_to_49"],
    &["not_said"],
    &["running"],
    &["none"],
    &["gradual"],
    &["6_weeks_to_6_months"],
    &["sit_bone"],
    &["none"],
    &["ache_or_pulling"],
    &["sitting", "running_fast"],
    &["yes"],
    &["none"],
    &["training_change"],
    &["none"],
];

/// One frame of `app` at `w` x `h`.
pub fn render<T>(app: &T, w: u16, h: u16) -> Terminal<TestBackend>
where
    for<'a> &'a T: ratatui::widgets::Widget,
{
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    draw(&mut t, app).unwrap();
    t
}

/// The screen's text, a line a row.
pub fn text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut s = String::new();
    for y in 0..area.height {
        for x in 0..area.width {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

/// Where `needle` first starts on the screen, as (x, y).
pub fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    let t = text(buf);
    t.lines().enumerate().find_map(|(y, line)| {
        line.find(needle)
            .map(|byte| (line[..byte].chars().count() as u16, y as u16))
    })
}

/// Answers the current question with these option ids (a multi-select
/// question is confirmed after ticking them).
#[track_caller]
pub fn answer(app: &mut App, ids: &[&str]) {
    assert_eq!(app.screen, Screen::Question);
    let q = &app.bank.questions[app.current];
    let picks: Vec<usize> = ids
        .iter()
        .map(|id| {
            q.options
                .iter()
                .position(|o| o.id == *id)
                .unwrap_or_else(|| panic!("no option {id} at {}", q.id))
        })
        .collect();
    let multi = app.current_is_multi();
    for o in picks {
        update(app, Action::Pick(o));
    }
    if multi {
        update(app, Action::Confirm);
    }
}

/// From the welcome screen along the calm path to the review screen.
#[track_caller]
pub fn to_review(app: &mut App) {
    update(app, Action::Confirm);
    for ids in CALM_PATH {
        answer(app, ids);
    }
    assert_eq!(app.screen, Screen::Review);
}
