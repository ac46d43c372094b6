//! Reading a screen back (drawn on a test terminal, or a pseudo-terminal's
//! or tmux's), finding text on it and clicking it, and the questionnaire's
//! calm path (no red flag) to the review screen. Include it with
//! `#[path = "common/screen.rs"] mod screen;`.

#![allow(dead_code)]

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
    find_text(&text(buf), needle)
}

/// Where `needle` first starts on a screen's text (a line a row), as (x, y).
pub fn find_text(screen: &str, needle: &str) -> Option<(u16, u16)> {
    screen.lines().enumerate().find_map(|(y, line)| {
        line.find(needle)
            .map(|byte| (line[..byte].chars().count() as u16, y as u16))
    })
}

/// What a terminal sends for a left click (press and release, SGR mouse
/// encoding) on the first cell of `needle` on `screen`.
#[track_caller]
pub fn click_bytes(screen: &str, needle: &str) -> String {
    let (x, y) =
        find_text(screen, needle).unwrap_or_else(|| panic!("no {needle:?} on screen:\n{screen}"));
    let (x, y) = (x + 1, y + 1);
    format!("\x1b[<0;{x};{y}M\x1b[<0;{x};{y}m")
}

/// Which of `words` a screen shows as whole words.
pub fn whole_words(screen: &str, words: &[&'static str]) -> Vec<&'static str> {
    words
        .iter()
        .copied()
        .filter(|w| {
            screen.match_indices(w).any(|(i, _)| {
                let before = screen[..i].chars().next_back();
                let after = screen[i + w.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            })
        })
        .collect()
}
