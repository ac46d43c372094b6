//! The fast way to read TOML into the program's types. `toml-spanner` parses
//! about ten times faster than the `toml` crate; this module feeds its tree
//! to the same serde `Deserialize` impls, spans included (`toml::Spanned`
//! works through serde_spanned's named-struct protocol, answered here).
//!
//! Only the good path is fast: an input this cannot take whole (a syntax
//! error, a wrong shape, an unknown field) returns `None`, and the caller
//! reads it again with the `toml` crate, whose located message is the one
//! shown. A test checks that both give the same values and spans for every
//! file of the bank and for synthetic banks.

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor,
};
use toml_spanner::{Arena, Item, Value};

/// Reads `text` into `T`, or `None` for anything but a clean read.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Option<T> {
    let arena = Arena::new();
    let doc = toml_spanner::parse(text, &arena).ok()?;
    T::deserialize(ItemDe(doc.table().as_item(), At { text, base: 0 }, 0)).ok()
}

/// How large a piece of `questions.toml` is, at least.
const PIECE_BYTES: usize = 128 * 1024;

/// From this size on, `questions.toml` is read in pieces.
pub const PIECES_FROM: usize = 2 * PIECE_BYTES;

/// Reads `questions.toml` a piece at a time, each piece some whole
/// `[[question]]` tables, handing each piece's questions to `take` as soon as
/// it is read: a large bank's parse tree and questions are used while they
/// are still in the processor's cache, not after the whole file's have pushed
/// them out. Each piece must hold nothing but `[[question]]` tables
/// (checked), so the pieces together say what the whole file says: the same
/// values and spans, which a test checks. `false` for anything this cannot
/// read cleanly, a file it cannot cut cleanly included: what `take` was given
/// must then be thrown away, and the file read whole.
pub fn each_question_piece(
    text: &str,
    take: impl FnMut(Vec<toml::Spanned<super::raw::QuestionDef>>),
) -> bool {
    pieces_of(text, PIECE_BYTES, take)
}

/// All the questions, read as [`each_question_piece`] reads them (a small
/// file whole).
pub fn questions(text: &str) -> Option<super::raw::QuestionsFile> {
    questions_in_pieces(text, PIECE_BYTES)
}

fn questions_in_pieces(text: &str, piece_bytes: usize) -> Option<super::raw::QuestionsFile> {
    if text.len() < 2 * piece_bytes {
        return from_str(text);
    }
    let mut question = Vec::new();
    pieces_of(text, piece_bytes, |piece| question.extend(piece))
        .then_some(super::raw::QuestionsFile { question })
}

fn pieces_of(
    text: &str,
    piece_bytes: usize,
    mut take: impl FnMut(Vec<toml::Spanned<super::raw::QuestionDef>>),
) -> bool {
    let mut start = 0;
    while start < text.len() {
        let end = piece_end(text, start + piece_bytes);
        let piece = &text[start..end];
        let arena = Arena::new();
        let Ok(doc) = toml_spanner::parse(piece, &arena) else {
            return false;
        };
        let root = doc.table();
        if root.is_empty() {
            // Comments before the first question.
            start = end;
            continue;
        }
        let only_question_tables = root.len() == 1
            && root
                .get("question")
                .and_then(Item::as_array)
                .is_some_and(|a| a.style() == toml_spanner::ArrayStyle::Header);
        if !only_question_tables {
            return false;
        }
        let at = At {
            text: piece,
            base: start,
        };
        let Ok(file) = <super::raw::QuestionsFile as serde::Deserialize>::deserialize(ItemDe(
            root.as_item(),
            at,
            0,
        )) else {
            return false;
        };
        take(file.question);
        start = end;
    }
    true
}

/// Where the piece that should end near `from` ends: at the start of the
/// next line that is a `[[question]]` header, or at the end of the text.
fn piece_end(text: &str, from: usize) -> usize {
    const HEADER: &[u8] = b"\n[[question]]";
    let bytes = text.as_bytes();
    if from >= bytes.len() {
        return bytes.len();
    }
    let mut at = from;
    while let Some(i) = memchr::memmem::find(&bytes[at..], HEADER) {
        let header = at + i + 1;
        let after = header + HEADER.len() - 1;
        if matches!(
            bytes.get(after),
            None | Some(b'\n' | b'\r' | b' ' | b'\t' | b'#')
        ) {
            return header;
        }
        at = after;
    }
    bytes.len()
}

/// How deep tables and arrays may nest for the fast reader (its reading
/// recurses, and a dotted key such as `a.a.a. ...` can nest thousands
/// deep); the deepest real file has 4. Deeper goes to the `toml` crate.
pub const MAX_DEPTH: usize = 32;

/// Why the fast read gave up; never shown (the `toml` crate says why).
#[derive(Debug)]
pub struct GaveUp;

impl std::fmt::Display for GaveUp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not read by the fast path")
    }
}

impl std::error::Error for GaveUp {}

impl de::Error for GaveUp {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        GaveUp
    }
}

// serde_spanned's protocol for `toml::Spanned<T>`.
const SPANNED: &str = "$__serde_spanned_private_Spanned";
const SPANNED_START: &str = "$__serde_spanned_private_start";
const SPANNED_END: &str = "$__serde_spanned_private_end";
const SPANNED_VALUE: &str = "$__serde_spanned_private_value";

/// serde_spanned asking for a `Spanned`'s three fields.
fn is_spanned(name: &str, fields: &[&str]) -> bool {
    name == SPANNED && fields == [SPANNED_START, SPANNED_END, SPANNED_VALUE]
}

/// The text an item was read from, and where that text starts in its file
/// (a piece of `questions.toml` starts part-way).
#[derive(Clone, Copy)]
struct At<'a> {
    text: &'a str,
    base: usize,
}

/// An item, where it was read from, and how deep it is nested.
struct ItemDe<'a, 'de>(&'a Item<'de>, At<'a>, usize);

/// The span the `toml` crate gives an item: a table under a header
/// (`[[question]]`, `[bank]`) is spanned by its header alone.
fn toml_span(item: &Item<'_>, at: At) -> (usize, usize) {
    let (text, base) = (at.text, at.base);
    let span = item.span();
    let (start, end) = (span.start as usize, span.end as usize);
    if item.as_table().is_some() {
        let rest = text.get(start..).unwrap_or("");
        let close = if rest.starts_with("[[") {
            rest.find("]]").map(|i| i + 2)
        } else if rest.starts_with('[') {
            rest.find(']').map(|i| i + 1)
        } else {
            None
        };
        if let Some(len) = close {
            return (base + start, base + start + len);
        }
    }
    (base + start, base + end)
}

impl<'de> Deserializer<'de> for ItemDe<'_, '_> {
    type Error = GaveUp;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GaveUp> {
        match self.0.value() {
            Value::String(s) => visitor.visit_str(s),
            Value::Integer(i) => match i.as_i64() {
                Some(n) => visitor.visit_i64(n),
                None => visitor.visit_i128(i.as_i128()),
            },
            Value::Float(f) => visitor.visit_f64(*f),
            Value::Boolean(b) => visitor.visit_bool(*b),
            // Dates are not part of any file the program reads.
            Value::DateTime(_) => Err(GaveUp),
            Value::Array(_) | Value::Table(_) if self.2 >= MAX_DEPTH => Err(GaveUp),
            Value::Array(a) => visitor.visit_seq(Seq(a.iter(), self.1, self.2 + 1)),
            Value::Table(t) => visitor.visit_map(Map {
                entries: t.entries().iter(),
                value: None,
                text: self.1,
                depth: self.2 + 1,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GaveUp> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, GaveUp> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, GaveUp> {
        if is_spanned(name, fields) {
            let (start, end) = toml_span(self.0, self.1);
            return visitor.visit_map(SpannedAccess::new(start, end, self));
        }
        self.deserialize_any(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, GaveUp> {
        // Unit variants written as strings, the only enums the files hold.
        match self.0.value() {
            Value::String(s) => visitor.visit_enum(de::value::StrDeserializer::<GaveUp>::new(s)),
            _ => Err(GaveUp),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier
        ignored_any
    }
}

struct Seq<'a, 'de>(std::slice::Iter<'a, Item<'de>>, At<'a>, usize);

impl<'de> SeqAccess<'de> for Seq<'_, '_> {
    type Error = GaveUp;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, GaveUp> {
        match self.0.next() {
            Some(item) => seed.deserialize(ItemDe(item, self.1, self.2)).map(Some),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Map<'a, 'de> {
    entries: std::slice::Iter<'a, (toml_spanner::Key<'de>, Item<'de>)>,
    value: Option<&'a Item<'de>>,
    text: At<'a>,
    depth: usize,
}

impl<'de> MapAccess<'de> for Map<'_, '_> {
    type Error = GaveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, GaveUp> {
        match self.entries.next() {
            Some((key, item)) => {
                self.value = Some(item);
                seed.deserialize(KeyDe(key, self.text.base)).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, GaveUp> {
        let item = self.value.take().ok_or(GaveUp)?;
        seed.deserialize(ItemDe(item, self.text, self.depth))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// A table's key: a string, or a `Spanned<String>` with the key's own span
/// (and where its text starts in the file).
struct KeyDe<'a, 'de>(&'a toml_spanner::Key<'de>, usize);

impl<'de> Deserializer<'de> for KeyDe<'_, '_> {
    type Error = GaveUp;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GaveUp> {
        visitor.visit_str(self.0.name)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, GaveUp> {
        if is_spanned(name, fields) {
            let (span, base) = (self.0.span, self.1);
            return visitor.visit_map(SpannedAccess::new(
                base + span.start as usize,
                base + span.end as usize,
                self,
            ));
        }
        self.deserialize_any(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, GaveUp> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct seq tuple tuple_struct map enum
        identifier ignored_any
    }
}

/// The three fields of a `Spanned` value (of an item or of a key): start,
/// end, then the value.
struct SpannedAccess<D> {
    start: usize,
    end: usize,
    value: Option<D>,
    at: u8,
}

impl<D> SpannedAccess<D> {
    fn new(start: usize, end: usize, value: D) -> Self {
        SpannedAccess {
            start,
            end,
            value: Some(value),
            at: 0,
        }
    }
}

impl<'de, D: Deserializer<'de, Error = GaveUp>> MapAccess<'de> for SpannedAccess<D> {
    type Error = GaveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, GaveUp> {
        let key = match self.at {
            0 => SPANNED_START,
            1 => SPANNED_END,
            2 => SPANNED_VALUE,
            _ => return Ok(None),
        };
        seed.deserialize(de::value::BorrowedStrDeserializer::<GaveUp>::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, GaveUp> {
        self.at += 1;
        match self.at {
            1 => seed.deserialize(de::value::UsizeDeserializer::<GaveUp>::new(self.start)),
            2 => seed.deserialize(de::value::UsizeDeserializer::<GaveUp>::new(self.end)),
            _ => seed.deserialize(self.value.take().ok_or(GaveUp)?),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{BankSources, builtin_sources, raw, synthetic};

    /// Both readers, as text to compare (values and spans).
    fn both<T: DeserializeOwned + std::fmt::Debug>(text: &str) -> (String, String) {
        let fast: T = from_str(text).expect("the fast path reads it");
        let slow: T = toml::from_str(text).expect("the toml crate reads it");
        (format!("{fast:#?}"), format!("{slow:#?}"))
    }

    #[track_caller]
    fn same_values_and_spans(s: &BankSources) {
        let checks = [
            both::<raw::BankFile>(&s.bank.text),
            both::<raw::FindingsFile>(&s.findings.text),
            both::<raw::QuestionsFile>(&s.questions.text),
            both::<raw::DiagnosesFile>(&s.diagnoses.text),
            both::<raw::EvidenceFile>(&s.evidence.text),
            both::<raw::RedFlagsFile>(&s.red_flags.text),
        ];
        for (i, (fast, slow)) in checks.iter().enumerate() {
            if fast != slow {
                let at = fast
                    .lines()
                    .zip(slow.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or(0);
                let near = |t: &str| {
                    t.lines()
                        .skip(at.saturating_sub(5))
                        .take(10)
                        .collect::<Vec<_>>()
                        .join("\n")
                };
                panic!(
                    "file {i} differs at line {at}:\nfast:\n{}\nslow:\n{}",
                    near(fast),
                    near(slow)
                );
            }
        }
    }

    #[test]
    fn the_fast_path_reads_the_bank_exactly_as_the_toml_crate_does() {
        same_values_and_spans(&builtin_sources());
        same_values_and_spans(&synthetic::bank_sources(200));
    }

    #[test]
    fn questions_read_in_pieces_are_the_questions_read_whole() {
        let whole = |text: &str| format!("{:#?}", from_str::<raw::QuestionsFile>(text));
        let s = synthetic::bank_sources(2_000);
        assert!(s.questions.text.len() >= 2 * PIECE_BYTES);
        assert_eq!(
            format!("{:#?}", questions(&s.questions.text)),
            whole(&s.questions.text)
        );
        // Small pieces: a cut before every question.
        let builtin = builtin_sources().questions.text;
        let read = questions_in_pieces(&builtin, 64);
        assert!(read.is_some());
        assert_eq!(format!("{read:#?}"), whole(&builtin));
        // A cut that would fall inside a text, or pieces that hold more than
        // questions: read whole or not at all, never differently.
        let tricky = builtin.replacen(
            "why = \"",
            "why = '''\n[[question]]\nid = \"x\"\n''' # \"",
            1,
        );
        assert!(from_str::<raw::QuestionsFile>(&tricky).is_some());
        assert!(questions_in_pieces(&tricky, 64).is_none());
        for text in [
            tricky,
            format!("{builtin}\n[meta]\nx = 1\n"),
            format!("question = []\n{builtin}"),
            format!("[question]\nid = 1\n{builtin}"),
        ] {
            let pieces = questions_in_pieces(&text, 64);
            assert!(
                pieces.is_none() || format!("{pieces:#?}") == whole(&text),
                "pieces differ from the whole for {}",
                &text[..200.min(text.len())]
            );
        }
    }

    #[test]
    fn deep_nesting_is_left_to_the_toml_crate() {
        // A type that takes any table, so only the depth can stop it.
        let dotted = |n: usize| format!("{} = 1", vec!["a"; n].join("."));
        assert!(from_str::<toml::Table>(&dotted(MAX_DEPTH - 1)).is_some());
        assert!(from_str::<toml::Table>(&dotted(MAX_DEPTH + 1)).is_none());
        assert!(from_str::<toml::Table>(&dotted(100_000)).is_none());
        let header = format!("[{}]\nx = 1", vec!["a"; 100_000].join("."));
        assert!(from_str::<toml::Table>(&header).is_none());
        let nested = format!(
            "a = {}1{}",
            "[".repeat(MAX_DEPTH + 2),
            "]".repeat(MAX_DEPTH + 2)
        );
        assert!(from_str::<toml::Table>(&nested).is_none());
        assert!(from_str::<raw::BankFile>(&dotted(100_000)).is_none());
    }

    #[test]
    fn anything_the_fast_path_cannot_read_whole_is_left_to_the_toml_crate() {
        // A syntax error, an unknown field, a wrong type: no value.
        assert!(from_str::<raw::BankFile>("[bank\n").is_none());
        let s = builtin_sources();
        let unknown = s.bank.text.replace("[bank]", "[bank]\nnot_a_field = 1");
        assert!(from_str::<raw::BankFile>(&unknown).is_none());
        assert!(toml::from_str::<raw::BankFile>(&unknown).is_err());
    }
}
