//! Reading input: the one opener (regular files only, links as asked), the
//! private-folder check, the sanitiser of text bound for the terminal, and
//! the line and column a problem is reported at.

use std::borrow::Cow;
use std::io::Write;
use std::path::Path;

use hamstring_triage::bank::Source;
use hamstring_triage::bank::builtin_sources;
use hamstring_triage::bank::lang::flatten;
use hamstring_triage::bank::source::Indexed;
use hamstring_triage::input::text::{Clean, clean, hidden_chars};
use hamstring_triage::input::*;

fn fifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

#[test]
fn a_fifo_a_device_and_a_folder_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("pipe");
    fifo(&pipe);
    let started = std::time::Instant::now();
    for (path, what) in [
        (pipe.as_path(), "FIFO"),
        (Path::new("/dev/zero"), "device"),
        (dir.path(), "directory"),
    ] {
        for links in [Links::Follow, Links::Refuse] {
            let e = read_capped(path, links).unwrap_err();
            assert!(e.to_string().contains(what), "{}: {e}", path.display());
        }
    }
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

#[test]
fn a_link_is_followed_or_refused_as_asked() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real");
    std::fs::write(&real, "text").unwrap();
    let link = dir.path().join("link");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    assert_eq!(read_capped(&link, Links::Follow).unwrap(), b"text");
    let e = read_capped(&link, Links::Refuse).unwrap_err();
    assert!(e.to_string().contains("symbolic link"), "{e}");
    // A link to an endless device is refused however it is reached.
    let zero = dir.path().join("zero");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    assert!(read_capped(&zero, Links::Follow).is_err());
}

#[test]
fn private_folders_that_others_could_change_are_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let ok = dir.path().join("ok");
    std::fs::create_dir(&ok).unwrap();
    assert_eq!(check_private_folder(&ok), Ok(()));
    assert_eq!(check_private_folder(&dir.path().join("absent")), Ok(()));
    let link = dir.path().join("link");
    std::os::unix::fs::symlink(&ok, &link).unwrap();
    assert!(
        check_private_folder(&link)
            .unwrap_err()
            .contains("symbolic link")
    );
    let open = dir.path().join("open");
    std::fs::create_dir(&open).unwrap();
    std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o777)).unwrap();
    let e = check_private_folder(&open).unwrap_err();
    assert!(
        e.contains("writable by every user") && e.contains("chmod 700"),
        "{e}"
    );
    // Owned by another user: / belongs to root (unless the tests run as root).
    if unsafe { libc::geteuid() } != 0 {
        assert!(
            check_private_folder(Path::new("/"))
                .unwrap_err()
                .contains("another user")
        );
    }
}

#[test]
fn escape_sequences_and_overrides_are_replaced_and_the_rest_kept() {
    let osc52 = "Name \u{1b}]52;c;ZWNobyBoaQ==\u{7}ok";
    assert_eq!(clean(osc52), "Name \u{FFFD}]52;c;ZWNobyBoaQ==\u{FFFD}ok");
    assert_eq!(clean("a\u{1b}[8mhidden"), "a\u{FFFD}[8mhidden");
    assert_eq!(clean("x\u{9b}31m"), "x\u{FFFD}31m");
    assert_eq!(clean("abc\u{202E}fed"), "abc\u{FFFD}fed");
    assert!(matches!(clean("Día 1\n\ttab"), Cow::Borrowed(_)));
}

#[test]
fn the_writer_cleans_across_writes_even_inside_a_character() {
    let mut written = Vec::new();
    let mut out = Clean::new(&mut written);
    let text = "é\u{1b}]0;title\u{7}€";
    for b in text.as_bytes() {
        out.write_all(std::slice::from_ref(b)).unwrap();
    }
    out.flush().unwrap();
    drop(out);
    assert_eq!(
        String::from_utf8(written).unwrap(),
        "é\u{FFFD}]0;title\u{FFFD}€"
    );
}

#[test]
fn hidden_characters_are_found_raw_and_escaped_with_their_place() {
    let text =
        "a = \"x\\u001b]52;c;\"\nb = \"\u{202E}\"\nc = \"\\\\u001b\"\r\nd = \"\\U0000009B\"\n";
    let found = hidden_chars(text);
    let at: Vec<usize> = found.iter().map(|(o, _)| *o).collect();
    assert_eq!(at, [6, 25, text.find("\\U").unwrap()], "{found:?}");
    assert!(found[0].1.contains("escape") && found[0].1.contains("U+001B"));
    assert!(found[1].1.contains("bidirectional"));
    assert!(found[2].1.contains("U+009B"));
}

#[test]
fn line_col_counts_from_one() {
    let s = Source::new("f", "ab\ncdé\nx");
    let expect = [(0, (1, 1)), (3, (2, 1)), (5, (2, 3)), (8, (3, 1))];
    let indexed = Indexed::new(&s);
    for (offset, want) in expect {
        // (8 is after the two-byte 'é'.)
        assert_eq!(indexed.line_col(offset), want);
    }
}

#[test]
fn the_line_index_agrees_with_a_count_everywhere() {
    // Multi-byte characters, long and empty lines.
    let mut text = String::new();
    for i in 0..300 {
        text.push_str(&"é€a😀".repeat(i % 7));
        if i % 100 == 99 {
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
    let indexed = Indexed::new(&s);
    for (o, want) in expected.iter().enumerate() {
        assert_eq!(indexed.line_col(o), *want, "indexed, offset {o}");
    }
    assert_eq!(
        indexed.line_col(s.text.len() + 5),
        *expected.last().unwrap()
    );
}

#[test]
fn the_built_in_texts_flatten_and_anything_but_text_is_located() {
    let s = builtin_sources();
    for src in std::iter::once(&s.ui).chain(s.langs.iter().map(|(_, src)| src)) {
        let texts = flatten(src).expect("a clean file");
        assert!(texts.len() > 100, "{}: {} texts", src.name, texts.len());
    }
    let bad = Source::new("x.toml", "[a]\nb = 1\n");
    let e = flatten(&bad).unwrap_err();
    assert_eq!((e.line, e.column), (2, 5), "{e}");
}
