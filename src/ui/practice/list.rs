//! A list whose rows wrap, some of them headings, with the highlighted row
//! kept in view and "more above / below" marks when it does not fit: the
//! questions by theme, the diagnoses and the urgency levels. (The
//! questionnaire's `ui::list` has no headings and records its own app's
//! targets.)

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Text};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::app::practice::{Drawn, PracticeApp, Target};
use crate::ui::theme::Theme;
use crate::ui::wrapped_height;

use super::tf;

/// One row: a fixed-width prefix (mark, rank) on its first line and a body
/// that wraps beside it with a hanging indent.
pub struct Row<'a> {
    pub prefix: Line<'a>,
    pub body: Text<'a>,
    /// What a click on it does; `None` for a heading, which is never
    /// highlighted nor counted in the marks.
    pub target: Option<Target>,
}

impl Row<'_> {
    fn is_heading(&self) -> bool {
        self.target.is_none()
    }

    /// Headings start at the left edge; items after their prefix.
    fn indent(&self, prefix_width: u16) -> u16 {
        if self.is_heading() { 0 } else { prefix_width }
    }
}

fn row_height(row: &Row<'_>, prefix_width: u16, width: u16) -> u16 {
    wrapped_height(&row.body, width.saturating_sub(row.indent(prefix_width))).max(1)
}

/// Draws the rows in `area`, keeping row `selected` in view (with the
/// heading above it where there is room); records each drawn row that has a
/// target as clickable.
pub fn render(
    app: &PracticeApp,
    rows: &[Row<'_>],
    selected: Option<usize>,
    prefix_width: u16,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
    drawn: &mut Drawn,
) {
    if area.height == 0 || rows.is_empty() {
        return;
    }
    let heights: Vec<u16> = rows
        .iter()
        .map(|r| row_height(r, prefix_width, area.width))
        .collect();
    let fits = heights.iter().sum::<u16>() <= area.height;
    let sel = selected.unwrap_or(0).min(rows.len() - 1);
    // When the list does not fit, a row at the bottom (and at the top once
    // scrolled) says how many items are out of view.
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
    if first > 0 && rows[first - 1].is_heading() && span(first - 1, sel) <= room_from(first - 1) {
        first -= 1;
    }
    let room = room_from(first);
    let top = area.y + u16::from(!fits && first > 0);
    let bottom = top + room;
    let mut y = top;
    let mut last_drawn = first;
    for (i, row) in rows.iter().enumerate().skip(first) {
        // Whole rows only, except one taller than the room on its own; a
        // heading only with the row after it.
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
        let highlighted = selected == Some(i) && !row.is_heading();
        let style = if highlighted {
            theme.selected()
        } else {
            Style::default()
        };
        if highlighted {
            buf.set_style(area_i, style);
        }
        let indent = row.indent(prefix_width);
        buf.set_line(area.x, y, &row.prefix, indent);
        let body = Rect::new(area.x + indent, y, area.width.saturating_sub(indent), h);
        Paragraph::new(row.body.clone())
            .style(style)
            .wrap(Wrap { trim: false })
            .render(body, buf);
        if highlighted {
            buf.set_style(area_i, style);
        }
        if let Some(t) = row.target {
            drawn.target(area_i, t);
        }
        y += h;
        last_drawn = i;
    }
    if !fits {
        let items = |r: &[Row<'_>]| r.iter().filter(|x| !x.is_heading()).count();
        let above = items(&rows[..first]);
        if above > 0 {
            let text = tf(app, "more_above", &[("n", &above.to_string())]);
            buf.set_stringn(
                area.x + 1,
                area.y,
                text,
                area.width.saturating_sub(1) as usize,
                theme.quiet(),
            );
        }
        let below = items(&rows[last_drawn + 1..]);
        if below > 0 {
            let text = tf(app, "more_below", &[("n", &below.to_string())]);
            buf.set_stringn(
                area.x + 1,
                area.bottom() - 1,
                text,
                area.width.saturating_sub(1) as usize,
                theme.quiet(),
            );
        }
    }
}
