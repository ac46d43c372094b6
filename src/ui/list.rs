//! A list whose rows wrap, some of them headings, with the highlighted row
//! kept in view and "n more above / below" marks when it does not fit: the
//! answer options and the review list, and practice's questions by theme,
//! diagnoses and urgency levels.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Text};
use ratatui::widgets::Widget;

use super::theme::Theme;
use super::wrapped;
use super::wrapped_height;

/// One row: a fixed-width prefix (cursor, number, tick box, rank) on its
/// first line and a body that wraps beside it with a hanging indent.
pub struct Row<'a, T> {
    pub prefix: Line<'a>,
    pub body: Text<'a>,
    /// What a click on it does; `None` for a heading, which starts at the
    /// left edge, is never highlighted nor counted in the marks, and is
    /// drawn only with the row after it.
    pub target: Option<T>,
}

impl<T> Row<'_, T> {
    fn is_heading(&self) -> bool {
        self.target.is_none()
    }

    fn indent(&self, prefix_width: u16) -> u16 {
        if self.is_heading() { 0 } else { prefix_width }
    }
}

/// A list to draw.
pub struct List<'a, 'b, T> {
    pub rows: &'b [Row<'a, T>],
    /// The highlighted row, kept in view.
    pub selected: Option<usize>,
    pub prefix_width: u16,
    /// Blank rows under each item, part of it (a kiosk's bigger targets
    /// for a finger).
    pub gap: u16,
    /// The texts of the marks ("{n} more above", "{n} more below") and how
    /// far in they start.
    pub marks: ([&'b str; 2], u16),
}

impl<T: Clone> List<'_, '_, T> {
    /// The rows' heights at a width.
    fn heights(&self, width: u16) -> Vec<u16> {
        self.rows
            .iter()
            .map(|r| {
                let w = width.saturating_sub(r.indent(self.prefix_width));
                wrapped_height(&r.body, w).max(1) + self.gap
            })
            .collect()
    }

    /// The total height the rows need at a width.
    pub fn height(&self, width: u16) -> u16 {
        self.heights(width).iter().sum()
    }

    /// Draws the rows in `area`; `add` is told where each drawn row with a
    /// target went (for clicks).
    pub fn render(self, area: Rect, buf: &mut Buffer, theme: Theme, mut add: impl FnMut(Rect, T)) {
        let rows = self.rows;
        if area.height == 0 || rows.is_empty() {
            return;
        }
        let heights = self.heights(area.width);
        let fits = heights.iter().sum::<u16>() <= area.height;
        let sel = self.selected.unwrap_or(0).min(rows.len() - 1);
        // When the list does not fit, a row at the bottom (and at the top
        // once scrolled) says how many items are out of view.
        let room_from = |first: usize| {
            if fits {
                area.height
            } else {
                area.height.saturating_sub(1 + u16::from(first > 0)).max(1)
            }
        };
        let span = |a: usize, b: usize| heights[a..=b].iter().sum::<u16>();
        let mut first = 0;
        while first < sel && span(first, sel) > room_from(first) {
            first += 1;
        }
        if first > 0 && rows[first - 1].is_heading() && span(first - 1, sel) <= room_from(first - 1)
        {
            first -= 1;
        }
        let top = area.y + u16::from(!fits && first > 0);
        let bottom = top + room_from(first);
        let mut y = top;
        let mut last_drawn = first;
        for (i, row) in rows.iter().enumerate().skip(first) {
            // Whole rows only, except one taller than the room on its own;
            // a heading only with the row after it.
            let need = if row.is_heading() && i + 1 < rows.len() {
                heights[i] + heights[i + 1]
            } else {
                heights[i]
            };
            let h = if need <= bottom - y {
                heights[i]
            } else if i == first {
                (bottom - y).min(heights[i])
            } else {
                break;
            };
            if h == 0 {
                break;
            }
            let area_i = Rect::new(area.x, y, area.width, h);
            let indent = row.indent(self.prefix_width);
            buf.set_line(area.x, y, &row.prefix, indent);
            let body = Rect::new(area.x + indent, y, area.width.saturating_sub(indent), h);
            wrapped(row.body.clone(), false).render(body, buf);
            if self.selected == Some(i) && !row.is_heading() {
                buf.set_style(area_i, theme.selected());
            }
            if let Some(t) = row.target.clone() {
                add(area_i, t);
            }
            y += h;
            last_drawn = i;
        }
        if fits {
            return;
        }
        let ([above, below], indent) = self.marks;
        let items = |r: &[Row<'_, T>]| r.iter().filter(|x| !x.is_heading()).count();
        let marks = [
            (items(&rows[..first]), above, area.y),
            (items(&rows[last_drawn + 1..]), below, area.bottom() - 1),
        ];
        for (n, mark, y) in marks {
            if n > 0 {
                let text = " ".repeat(indent.into()) + &mark.replace("{n}", &n.to_string());
                buf.set_stringn(area.x, y, text, area.width as usize, theme.quiet());
            }
        }
    }
}
