//! A bank or case file's text and the mapping from byte offsets to line and
//! column, so every problem can point at the place in the file.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// One text file as it was read: its name for messages and its contents.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path shown in messages (for the built-in bank, `questions/NAME`),
    /// shared with every place in the bank located in this file.
    pub name: Arc<str>,
    /// The whole text of the file: borrowed for the files built into the
    /// binary, which are not copied at start-up.
    pub text: Cow<'static, str>,
}

impl Source {
    pub fn new(name: impl Into<String>, text: impl Into<Cow<'static, str>>) -> Self {
        Self {
            name: name.into().into(),
            text: text.into(),
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    ///
    /// Inside [`index_lines`] for this source it takes time in proportion to
    /// the logarithm of the file's size, else to the offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let mut offset = offset;
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        if let Some(found) = with_index(&self.text, |index| index.line_col(&self.text, offset)) {
            return found;
        }
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        (line, col)
    }

    /// A problem at a span of this file.
    pub fn problem(&self, span: Range<usize>, message: impl Into<String>) -> Problem {
        let (line, column) = self.line_col(span.start);
        Problem {
            file: self.name.to_string(),
            line,
            column,
            message: message.into(),
        }
    }
}

/// One thing wrong with an input file, located by file, line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl Problem {
    /// A problem with a file as a whole (unreadable, missing), at 1:1.
    pub fn whole_file(file: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            line: 1,
            column: 1,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

/// Reads a file as UTF-8 text, turning every failure into a located problem.
pub fn read_source(path: &std::path::Path) -> Result<Source, Problem> {
    let name = path.display().to_string();
    if path.is_dir() {
        return Err(Problem::whole_file(
            name,
            "expected a TOML file but this is a directory",
        ));
    }
    let bytes = crate::input::read_capped(path, crate::input::Links::Follow).map_err(|e| {
        if e.kind() == std::io::ErrorKind::FileTooLarge {
            Problem::whole_file(&name, e.to_string())
        } else {
            Problem::whole_file(&name, format!("cannot read the file: {e}"))
        }
    })?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Source::new(name, text)),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let valid = String::from_utf8_lossy(&e.as_bytes()[..offset]).into_owned();
            let src = Source::new(name, valid);
            Err(src.problem(
                offset..offset,
                "expected UTF-8 text but found bytes that are not valid UTF-8",
            ))
        }
    }
}

/// Line starts and character counts of one text, so that a byte offset
/// turns into a line and column without scanning the text from its start.
#[derive(Debug)]
struct LineIndex {
    /// Byte offset where each line starts (the first is 0).
    starts: Vec<usize>,
    /// The line found last: a bank is located mostly in file order, so the
    /// next line is usually at or just after it (a search from here stays
    /// in the cache, where one over the whole index of a large file would
    /// not).
    last: std::cell::Cell<usize>,
    /// Characters before each `BLOCK`-byte boundary, counted the first time
    /// a line longer than a block needs them (lines are short).
    chars_before_block: std::cell::OnceCell<Vec<usize>>,
}

/// Bytes between character-count checkpoints.
const BLOCK: usize = 1024;

impl LineIndex {
    fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(bytes.len() / 32 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
        LineIndex {
            starts,
            last: std::cell::Cell::new(0),
            chars_before_block: std::cell::OnceCell::new(),
        }
    }

    /// Characters in `text[..offset]` (`offset` on a character boundary).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let checkpoints = self.chars_before_block.get_or_init(|| {
            let bytes = text.as_bytes();
            let mut checkpoints = Vec::with_capacity(bytes.len() / BLOCK + 2);
            let mut chars = 0;
            for block in bytes.chunks(BLOCK) {
                checkpoints.push(chars);
                chars += count_chars(block);
            }
            checkpoints.push(chars);
            checkpoints
        });
        let block = offset / BLOCK;
        checkpoints[block] + count_chars(&text.as_bytes()[block * BLOCK..offset])
    }

    /// The 1-based line of `offset`: searched forward from the line found
    /// last by doubling steps, or over the lines before it.
    fn line_of(&self, offset: usize) -> usize {
        let starts = &self.starts;
        let last = self.last.get().min(starts.len() - 1);
        let line = if starts[last] <= offset {
            let mut step = 1;
            let mut below = last;
            while below + step < starts.len() && starts[below + step] <= offset {
                below += step;
                step *= 2;
            }
            let end = (below + step).min(starts.len());
            below + starts[below..end].partition_point(|&s| s <= offset)
        } else {
            starts[..last].partition_point(|&s| s <= offset)
        };
        self.last.set(line - 1);
        line
    }

    fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        // The last line start at or before the offset (`line` counts from 1).
        let line = self.line_of(offset);
        let start = self.starts[line - 1];
        let chars = if offset - start <= BLOCK {
            count_chars(&text.as_bytes()[start..offset])
        } else {
            self.chars_before(text, offset) - self.chars_before(text, start)
        };
        (line, chars + 1)
    }
}

/// Characters in UTF-8 bytes: every byte that does not continue a character.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// A source's line index inside a live scope: (scope, text address, text
/// length, index).
type ScopedIndex = (u64, usize, usize, std::rc::Rc<LineIndex>);

thread_local! {
    /// Line indexes of the sources inside a live [`LineIndexScope`], by the
    /// address and length of their text.
    static INDEXES: std::cell::RefCell<Vec<ScopedIndex>> =
        const { std::cell::RefCell::new(Vec::new()) };
    static NEXT_SCOPE: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

fn with_index<T>(text: &str, f: impl FnOnce(&LineIndex) -> T) -> Option<T> {
    let key = (text.as_ptr() as usize, text.len());
    let index = INDEXES.with(|i| {
        i.borrow()
            .iter()
            .find(|(_, p, l, _)| (*p, *l) == key)
            .map(|(_, _, _, x)| x.clone())
    })?;
    Some(f(&index))
}

/// While this lives, [`Source::line_col`] on the sources it was made from
/// uses an index of their lines instead of scanning each text from the start,
/// so locating every question and option of a large bank stays linear. The
/// sources are borrowed for as long as it lives, so their texts cannot change
/// under the index.
#[derive(Debug)]
pub struct LineIndexScope<'a> {
    id: u64,
    _sources: std::marker::PhantomData<&'a Source>,
}

/// Indexes the lines of these sources for as long as the returned scope lives.
pub fn index_lines<'a>(sources: impl IntoIterator<Item = &'a Source>) -> LineIndexScope<'a> {
    let id = NEXT_SCOPE.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    });
    let entries: Vec<_> = sources
        .into_iter()
        .map(|s| {
            (
                id,
                s.text.as_ptr() as usize,
                s.text.len(),
                std::rc::Rc::new(LineIndex::new(&s.text)),
            )
        })
        .collect();
    INDEXES.with(|i| i.borrow_mut().extend(entries));
    LineIndexScope {
        id,
        _sources: std::marker::PhantomData,
    }
}

impl Drop for LineIndexScope<'_> {
    fn drop(&mut self) {
        INDEXES.with(|i| i.borrow_mut().retain(|(id, ..)| *id != self.id));
    }
}

/// Input files larger than this are refused (see [`crate::input`], which
/// reads every input file).
pub use crate::input::MAX_FILE_BYTES;

/// Every character of a file's text that must not reach a terminal (an
/// escape sequence, a bidirectional override), as a located problem each.
pub fn hidden_char_problems(src: &Source) -> Vec<Problem> {
    crate::input::text::hidden_chars(&src.text)
        .into_iter()
        .map(|(at, what)| {
            src.problem(
                at..at,
                format!(
                    "{what}: control and bidirectional characters are refused in text that is shown"
                ),
            )
        })
        .collect()
}

/// Parses TOML into `T`, turning a syntax or shape error into a located problem.
/// A clean file takes the fast reader; anything else is read again by the
/// `toml` crate for its located message.
pub fn parse_toml<T: serde::de::DeserializeOwned>(src: &Source) -> Result<T, Problem> {
    if let Some(v) = super::fast::from_str(&src.text) {
        return Ok(v);
    }
    toml::from_str::<T>(&src.text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let message = e.message().trim().to_string();
        src.problem(span, message)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one() {
        let s = Source::new("f", "ab\ncdé\nx");
        let expect = [(0, (1, 1)), (3, (2, 1)), (5, (2, 3)), (8, (3, 1))];
        for (offset, want) in expect {
            assert_eq!(s.line_col(offset), want);
        }
        // The same with the lines indexed. (8 is after the two-byte 'é'.)
        let _scope = index_lines([&s]);
        for (offset, want) in expect {
            assert_eq!(s.line_col(offset), want);
        }
    }

    #[test]
    fn the_line_index_agrees_with_a_scan_everywhere() {
        // Multi-byte characters across block boundaries, long and empty lines.
        let mut text = String::new();
        for i in 0..3000 {
            text.push_str(&"é€a😀".repeat(i % 7));
            if i % 1000 == 999 {
                // Lines longer than a block of the index.
                text.push_str(&"ab€😀".repeat(900));
            }
            if i % 5 != 0 {
                text.push('\n');
            }
        }
        let s = Source::new("f", text);
        // The line and column of every byte offset, counted in one pass (an
        // offset inside a character counts as that character's start).
        let mut expected = Vec::with_capacity(s.text.len() + 1);
        let (mut line, mut col) = (1, 1);
        for ch in s.text.chars() {
            expected.extend(std::iter::repeat_n((line, col), ch.len_utf8()));
            if ch == '\n' {
                (line, col) = (line + 1, 1);
            } else {
                col += 1;
            }
        }
        expected.push((line, col));
        for o in (0..expected.len()).step_by(101) {
            assert_eq!(s.line_col(o), expected[o], "scanning, offset {o}");
        }
        let _scope = index_lines([&s]);
        for (o, want) in expected.iter().enumerate() {
            assert_eq!(s.line_col(o), *want, "indexed, offset {o}");
        }
        assert_eq!(s.line_col(s.text.len() + 5), *expected.last().unwrap());
        // Backwards, and jumping about (the search starts from the line
        // found last).
        for o in (0..expected.len()).rev().step_by(7) {
            assert_eq!(s.line_col(o), expected[o], "backwards, offset {o}");
        }
        let mut o = 0usize;
        for _ in 0..20_000 {
            o = (o * 7_919 + 104_729) % expected.len();
            assert_eq!(s.line_col(o), expected[o], "jumping, offset {o}");
        }
    }

    #[test]
    fn the_index_ends_with_its_scope() {
        let s = Source::new("f", "a\nb");
        {
            let _scope = index_lines([&s]);
            assert!(with_index(&s.text, |_| ()).is_some());
        }
        assert!(with_index(&s.text, |_| ()).is_none());
    }
}
