//! A bank or case file's text and the mapping from byte offsets to line and
//! column, so every problem can point at the place in the file.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use super::model::Loc;

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

    /// A problem at a span of this file.
    pub fn problem(&self, span: Range<usize>, message: impl Into<String>) -> Problem {
        Indexed::new(self).problem(span, message)
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
    /// A problem with a folder: shown with its name alone (line 0, no
    /// place in a file).
    pub fn folder(dir: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            file: dir.into(),
            line: 0,
            column: 0,
            message: message.into(),
        }
    }

    /// A problem with a file as a whole (unreadable, missing), at 1:1.
    pub fn whole_file(file: impl Into<String>, message: impl Into<String>) -> Self {
        Loc::start(&file.into()).problem(message)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (file, column, message) = (&self.file, self.column, &self.message);
        match self.line {
            0 => write!(f, "{file}: {message}"),
            line => write!(f, "{file}:{line}:{column}: {message}"),
        }
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
        let message = match e.kind() {
            std::io::ErrorKind::FileTooLarge => e.to_string(),
            _ => format!("cannot read the file: {e}"),
        };
        Problem::whole_file(&name, message)
    })?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Source::new(name, text)),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let valid = String::from_utf8_lossy(&e.as_bytes()[..offset]).into_owned();
            let m = "expected UTF-8 text but found bytes that are not valid UTF-8";
            Err(Source::new(name, valid).problem(offset..offset, m))
        }
    }
}

/// A source with the start of each of its lines found once, so that the
/// many places of one file (every question and option of a large bank) are
/// located without scanning the text from its start each time.
#[derive(Debug)]
pub struct Indexed<'a> {
    pub source: &'a Source,
    /// Byte offset where each line starts (the first is 0).
    starts: Vec<usize>,
}

impl<'a> Indexed<'a> {
    pub fn new(source: &'a Source) -> Self {
        let bytes = source.text.as_bytes();
        let mut starts = Vec::with_capacity(bytes.len() / 32 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
        Indexed { source, starts }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let text = &self.source.text;
        let offset = text.floor_char_boundary(offset);
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        (line, text[start..offset].chars().count() + 1)
    }

    /// Where a span of this file starts.
    pub fn loc(&self, span: Range<usize>) -> Loc {
        let (line, column) = self.line_col(span.start);
        Loc {
            file: self.source.name.clone(),
            line,
            column,
        }
    }

    /// A problem at a span of this file.
    pub fn problem(&self, span: Range<usize>, message: impl Into<String>) -> Problem {
        self.loc(span).problem(message)
    }
}

impl std::ops::Deref for Indexed<'_> {
    type Target = Source;

    fn deref(&self) -> &Source {
        self.source
    }
}

/// Every character of a file's text that must not reach a terminal (an
/// escape sequence, a bidirectional override), as a located problem each.
pub fn hidden_char_problems(src: &Source) -> Vec<Problem> {
    let found = crate::input::text::hidden_chars(&src.text);
    if found.is_empty() {
        return Vec::new();
    }
    // The file's lines indexed once for them all.
    let src = Indexed::new(src);
    let m = "control and bidirectional characters are refused in text that is shown";
    let problem = |(at, what)| src.problem(at..at, format!("{what}: {m}"));
    found.into_iter().map(problem).collect()
}

/// Parses TOML into `T`, turning a syntax or shape error into a located problem.
pub fn parse_toml<T: serde::de::DeserializeOwned>(src: &Source) -> Result<T, Problem> {
    toml::from_str(&src.text)
        .map_err(|e| src.problem(e.span().unwrap_or(0..0), e.message().trim().to_string()))
}
