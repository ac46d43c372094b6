//! Word wrapping of styled text into rows of a given width, done once so
//! that a long pane can be measured and drawn from the same rows: drawing a
//! scrolled pane then touches only the rows in view. (ratatui's own wrapping
//! re-wraps the whole text on every measure and every draw.)

use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};

/// The rows `text` takes at `width` columns: words are kept whole where they
/// fit, spaces at a break are dropped, a word wider than a row is split, and
/// the leading spaces of a line (its indent) are kept. Empty lines stay.
pub fn wrap(text: &Text<'_>, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width.max(1));
    let mut rows = Vec::new();
    for line in &text.lines {
        let mut row = Row::default();
        let start = rows.len();
        let hang = hanging_indent(line).min(width / 2);
        for span in &line.spans {
            let style = line.style.patch(span.style);
            for (piece, space) in pieces(&span.content) {
                let w = Span::raw(piece).width();
                if space {
                    // A space that would begin a wrapped row is dropped.
                    if row.width == hang && rows.len() > start {
                        continue;
                    }
                    if row.width + w <= width {
                        row.push(piece, style, w);
                    } else {
                        row.wrap(&mut rows, hang);
                    }
                    continue;
                }
                if row.width + w > width && row.width > hang {
                    row.wrap(&mut rows, hang);
                }
                if w <= width {
                    row.push(piece, style, w);
                    continue;
                }
                // A word wider than the row: split it at the row's end.
                for (i, ch) in piece.char_indices() {
                    let c = &piece[i..i + ch.len_utf8()];
                    let cw = Span::raw(c).width();
                    if row.width + cw > width && row.width > hang {
                        row.wrap(&mut rows, hang);
                    }
                    row.push(c, style, cw);
                }
            }
        }
        rows.push(row.take());
    }
    rows
}

/// The indent for the continuation rows of a bullet ("  • text"): the width
/// of the leading spaces and the bullet, so wrapped text lines up.
fn hanging_indent(line: &Line<'_>) -> usize {
    let first = line.spans.first().map_or("", |s| s.content.as_ref());
    let spaces = first.len() - first.trim_start_matches(' ').len();
    if first[spaces..].starts_with("• ") {
        spaces + 2
    } else {
        0
    }
}

/// Splits text into runs of spaces and runs of anything else.
fn pieces(s: &str) -> impl Iterator<Item = (&str, bool)> {
    let mut rest = s;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let space = first == ' ';
        let end = rest
            .char_indices()
            .find(|&(_, c)| (c == ' ') != space)
            .map_or(rest.len(), |(i, _)| i);
        let (piece, tail) = rest.split_at(end);
        rest = tail;
        Some((piece, space))
    })
}

/// A row being filled: spans of one style are merged.
#[derive(Default)]
struct Row {
    spans: Vec<Span<'static>>,
    width: usize,
}

impl Row {
    fn push(&mut self, s: &str, style: Style, w: usize) {
        match self.spans.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push_str(s),
            _ => self.spans.push(Span::styled(s.to_string(), style)),
        }
        self.width += w;
    }

    /// Ends the row and starts the next, indented by `hang`.
    fn wrap(&mut self, rows: &mut Vec<Line<'static>>, hang: usize) {
        rows.push(self.take());
        if hang > 0 {
            self.push(&" ".repeat(hang), Style::default(), hang);
        }
    }

    fn take(&mut self) -> Line<'static> {
        // Spaces at the end of a row take room but show nothing.
        if let Some(last) = self.spans.last_mut() {
            let trimmed = last.content.trim_end_matches(' ').len();
            last.content.to_mut().truncate(trimmed);
        }
        self.width = 0;
        Line::from(std::mem::take(&mut self.spans))
    }
}
