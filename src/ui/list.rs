//! A list of items that wrap over several rows, with a highlighted item kept
//! in view and "more above / below" marks when it does not fit: the answer
//! options and the review list.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Text};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::app::{App, Drawn, Target};

use super::theme::Theme;
use super::wrapped_height;

/// One item: a fixed-width prefix (cursor, number, tick box) on its first
/// row and a body that wraps beside it with a hanging indent.
pub struct Item<'a> {
    pub prefix: Line<'a>,
    pub body: Text<'a>,
    pub target: Target,
}

/// The total height the items need at a width.
pub fn height(items: &[Item<'_>], prefix_width: u16, width: u16) -> u16 {
    items
        .iter()
        .map(|i| item_height(i, prefix_width, width))
        .sum()
}

fn item_height(item: &Item<'_>, prefix_width: u16, width: u16) -> u16 {
    wrapped_height(&item.body, width.saturating_sub(prefix_width)).max(1)
}

/// Draws the items in `area`, keeping `cursor` in view; records each drawn
/// item as clickable.
pub fn render(
    app: &App,
    items: &[Item<'_>],
    cursor: usize,
    prefix_width: u16,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
    drawn: &mut Drawn,
) {
    if area.height == 0 || items.is_empty() {
        return;
    }
    let body_width = area.width.saturating_sub(prefix_width);
    // Each body wrapped once, measured and drawn from the same paragraph.
    let paragraphs: Vec<Paragraph<'_>> = items
        .iter()
        .map(|i| Paragraph::new(i.body.clone()).wrap(Wrap { trim: false }))
        .collect();
    // In a kiosk every item has a blank row under it that is part of it: a
    // bigger target for a finger, and space between neighbours.
    let gap = u16::from(app.is_kiosk());
    let heights: Vec<u16> = paragraphs
        .iter()
        .map(|p| (p.line_count(body_width).max(1)).min(u16::MAX as usize) as u16 + gap)
        .collect();
    let total: u16 = heights.iter().sum();
    let fits = total <= area.height;
    let cursor = cursor.min(items.len() - 1);
    // When the list scrolls, a row at the bottom (and at the top once
    // scrolled) says how many items are out of view.
    let room_from = |first: usize| {
        if fits {
            area.height
        } else {
            area.height.saturating_sub(1 + u16::from(first > 0)).max(1)
        }
    };
    let mut first = 0;
    while first < cursor && heights[first..=cursor].iter().sum::<u16>() > room_from(first) {
        first += 1;
    }
    let room = room_from(first);
    let top = area.y + u16::from(!fits && first > 0);
    let bottom = top + room;
    let mut y = top;
    let mut last_drawn = None;
    for (i, item) in items.iter().enumerate().skip(first) {
        // Whole items only, except one taller than the room on its own.
        let h = if heights[i] <= bottom - y {
            heights[i]
        } else if i == first {
            bottom - y
        } else {
            break;
        };
        if h == 0 {
            break;
        }
        let row = Rect::new(area.x, y, area.width, h);
        let selected = i == cursor;
        let style = if selected {
            theme.selected()
        } else {
            Style::default()
        };
        if selected {
            buf.set_style(row, style);
        }
        buf.set_line(area.x, y, &item.prefix, prefix_width);
        let body = Rect::new(area.x + prefix_width, y, body_width, h);
        (&paragraphs[i]).render(body, buf);
        if selected {
            buf.set_style(row, style);
        }
        drawn.target(row, item.target);
        y += h;
        last_drawn = Some(i);
    }
    if !fits {
        if first > 0 {
            let text = format!(
                "   {}",
                app.bank
                    .ui_fill("app.more_above", &[("n", &first.to_string())])
            );
            buf.set_stringn(area.x, area.y, text, area.width as usize, theme.quiet());
        }
        let below = items.len() - 1 - last_drawn.unwrap_or(first);
        if below > 0 {
            let text = format!(
                "   {}",
                app.bank
                    .ui_fill("app.more_below", &[("n", &below.to_string())])
            );
            buf.set_stringn(
                area.x,
                area.bottom() - 1,
                text,
                area.width as usize,
                theme.quiet(),
            );
        }
    }
}
