//! Text from files on its way to a terminal. A bank, a case file, the config
//! or a record could carry control characters (an escape sequence that sets
//! the clipboard, the window title or hides text) or bidirectional
//! overrides (text that reads otherwise than it is stored). [`clean`] is
//! the one place they are taken out of what is printed; [`hidden_chars`]
//! finds them in a file's text, written raw or as a TOML or JSON escape, so
//! the loaders can refuse them with their place.

use std::borrow::Cow;
use std::io::{self, Write};

/// Shown in place of a character that must not reach a terminal: the text
/// is visibly not what it was, and nothing is hidden.
pub const REPLACEMENT: char = '\u{FFFD}';

/// Whether a character must not reach a terminal as it is: C0 and C1
/// controls (except line feed and tab), DEL, and the bidirectional
/// marks, embeddings, overrides and isolates.
pub fn is_hidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t'))
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// A text safe to print: every [`is_hidden`] character replaced by
/// [`REPLACEMENT`]. Borrowed when there is nothing to replace.
pub fn clean(text: &str) -> Cow<'_, str> {
    if text.contains(is_hidden) {
        Cow::Owned(text.replace(is_hidden, REPLACEMENT.encode_utf8(&mut [0; 4])))
    } else {
        Cow::Borrowed(text)
    }
}

/// A writer that [`clean`]s everything written through it: the output
/// boundary of plain mode and of the commands that print records.
pub struct Clean<W: Write> {
    inner: W,
    /// The start of a UTF-8 character cut off by the end of a write.
    pending: Vec<u8>,
}

impl<W: Write> Clean<W> {
    pub fn new(inner: W) -> Self {
        Clean {
            inner,
            pending: Vec::new(),
        }
    }
}

impl<W: Write> Write for Clean<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        // An incomplete character at the end is kept for the next write;
        // bytes that are not UTF-8 are written as the replacement character.
        let whole = match std::str::from_utf8(&self.pending) {
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            _ => self.pending.len(),
        };
        let rest = self.pending.split_off(whole);
        let done = std::mem::replace(&mut self.pending, rest);
        self.inner
            .write_all(clean(&String::from_utf8_lossy(&done)).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let done = std::mem::take(&mut self.pending);
        self.inner
            .write_all(clean(&String::from_utf8_lossy(&done)).as_bytes())?;
        self.inner.flush()
    }
}

/// Whether a byte may start a hidden character or an escape.
#[inline(always)]
fn worth_a_look(b: u8) -> bool {
    (b < 0x20 && b != b'\n' && b != b'\t')
        | (b == 0x7F)
        | (b == 0xC2)
        | (b == 0xD8)
        | (b == 0xE2)
        | (b == b'\\')
}

/// The name of a hidden character for a message.
fn describe(c: char) -> String {
    let what = match c {
        '\u{1B}' => "escape",
        '\u{7}' => "bell",
        '\r' => "carriage return",
        '\u{8}' => "backspace",
        '\u{7F}' => "delete",
        '\u{0}' => "NUL",
        c if c.is_control() => "control character",
        _ => "bidirectional text control",
    };
    format!("U+{:04X} ({what})", c as u32)
}

/// Every character of a file's text that must not reach a terminal, as its
/// byte offset and a description: written raw, or as a `\uXXXX` or
/// `\UXXXXXXXX` escape (TOML and JSON strings). A carriage return that ends
/// a line (`\r\n`) is a line end, not hidden.
pub fn hidden_chars(text: &str) -> Vec<(usize, String)> {
    // A scan of bytes: only a control byte, a backslash or the first byte
    // of a C1 control or a bidirectional character (0xC2, 0xD8, 0xE2) is
    // looked at further, and blocks of 32 bytes with none of those are
    // passed over whole (a test without an early exit, which the compiler
    // turns into vector instructions), so a large bank costs little. None
    // of those bytes is a continuation byte, so each is at a character's
    // start.
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if let Some(block) = bytes.get(i..i + 32)
            && !block.iter().fold(false, |any, &b| any | worth_a_look(b))
        {
            i += 32;
            continue;
        }
        let b = bytes[i];
        if !worth_a_look(b) {
            i += 1;
            continue;
        }
        if b == b'\\' {
            // An escape: an odd run of backslashes before `u` or `U`.
            let start = i;
            while bytes.get(i) == Some(&b'\\') {
                i += 1;
            }
            let digits = match bytes.get(i) {
                Some(b'u') => 4,
                Some(b'U') => 8,
                _ => continue,
            };
            if (i - start) % 2 == 1
                && let Some(hex) = text.get(i + 1..i + 1 + digits)
                && let Ok(n) = u32::from_str_radix(hex, 16)
                && let Some(c) = char::from_u32(n)
                && is_hidden(c)
            {
                found.push((i - 1, format!("{} written as an escape", describe(c))));
            }
            continue;
        }
        if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            i += 2;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        if is_hidden(c) {
            found.push((i, describe(c)));
        }
        i += c.len_utf8();
    }
    found
}
