//! Where the last frame drew things: the clickable areas and the height of
//! each scrolled pane. The view fills a fresh one on every draw; the terminal
//! loop (or a test) keeps it and hands it to `update`, which hit-tests clicks
//! and clamps scrolling against it. None of it lives in the app's state, so
//! drawing changes nothing there.

use ratatui::layout::{Position, Rect};

use super::Target;

/// Where the questionnaire's last frame drew things.
#[derive(Debug, Default)]
pub struct Drawn {
    /// Clickable areas, topmost last.
    pub targets: Targets<Target>,
    /// The result pane.
    pub result: Rows,
    /// A scrolling overlay (the record's JSON).
    pub overlay: Rows,
}

/// Clickable areas of a frame and what each is, topmost last.
#[derive(Debug, Clone)]
pub struct Targets<T>(Vec<(Rect, T)>);

impl<T> Default for Targets<T> {
    fn default() -> Self {
        Targets(Vec::new())
    }
}

impl<T: Clone> Targets<T> {
    /// Records a clickable area (an empty one is left out).
    pub fn add(&mut self, area: Rect, target: T) {
        if area.width > 0 && area.height > 0 {
            self.0.push((area, target));
        }
    }

    /// What was drawn at a cell, topmost first.
    pub fn hit(&self, column: u16, row: u16) -> Option<T> {
        let p = Position::new(column, row);
        self.0
            .iter()
            .rev()
            .find(|(r, _)| r.contains(p))
            .map(|(_, t)| t.clone())
    }

    /// Every area and what it is, bottom first.
    pub fn all(&self) -> &[(Rect, T)] {
        &self.0
    }
}

/// A scrolled pane as last drawn: its wrapped content and visible heights
/// in rows, and the first row shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rows {
    pub total: u16,
    pub view: u16,
    pub top: u16,
}

impl Rows {
    /// `from` moved by `delta` rows, kept between the top and the last
    /// full page.
    pub fn scrolled(&self, from: u16, delta: isize) -> u16 {
        let max = self.total.saturating_sub(self.view) as isize;
        (from as isize + delta).clamp(0, max) as u16
    }

    /// A page: the visible rows less one, so a line stays in view.
    pub fn page(&self) -> isize {
        (self.view as isize - 1).max(1)
    }
}
