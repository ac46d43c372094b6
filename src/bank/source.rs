//! A bank or case file's text and the mapping from byte offsets to line and
//! column, so every problem can point at the place in the file.

use std::fmt;
use std::ops::Range;

/// One text file as it was read: its name for messages and its contents.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path shown in messages (for the built-in bank, `questions/NAME`).
    pub name: String,
    /// The whole text of the file.
    pub text: String,
}

impl Source {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            text: text.into(),
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let mut offset = offset;
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
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
            file: self.name.clone(),
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
    let bytes = std::fs::read(path)
        .map_err(|e| Problem::whole_file(&name, format!("cannot read the file: {e}")))?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Problem::whole_file(
            name,
            format!(
                "the file is {} bytes; files over {} bytes are refused",
                bytes.len(),
                MAX_FILE_BYTES
            ),
        ));
    }
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

/// Input files larger than this are refused before they are parsed.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;

/// Parses TOML into `T`, turning a syntax or shape error into a located problem.
pub fn parse_toml<T: serde::de::DeserializeOwned>(src: &Source) -> Result<T, Problem> {
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
        assert_eq!(s.line_col(0), (1, 1));
        assert_eq!(s.line_col(3), (2, 1));
        assert_eq!(s.line_col(5), (2, 3));
        // After the two-byte 'é'.
        assert_eq!(s.line_col(8), (3, 1));
    }
}
