//! The UI's text helpers: word wrapping into rows, and footer labels for a
//! finger.

use hamstring_triage::ui::kiosk::touch_label;
use hamstring_triage::ui::wrap::wrap;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};

fn plain(rows: &[Line<'_>]) -> Vec<String> {
    rows.iter().map(|l| l.to_string()).collect()
}

#[test]
fn words_wrap_whole_and_blank_lines_stay() {
    let text = Text::from(vec![
        Line::from("the quick brown fox jumps"),
        Line::from(""),
        Line::from("over"),
    ]);
    assert_eq!(
        plain(&wrap(&text, 10)),
        ["the quick", "brown fox", "jumps", "", "over"]
    );
}

#[test]
fn long_words_split_and_indent_is_kept() {
    let text = Text::from(vec![Line::from("  - abcdefghijkl xy")]);
    assert_eq!(plain(&wrap(&text, 8)), ["  -", "abcdefgh", "ijkl xy"]);
    assert_eq!(plain(&wrap(&text, 20)), ["  - abcdefghijkl xy"]);
    let bullet = Text::from(vec![Line::from("  • abcdefghijkl xy")]);
    assert_eq!(
        plain(&wrap(&bullet, 8)),
        ["  • abcd", "    efgh", "    ijkl", "    xy"]
    );
}

#[test]
fn bullets_hang() {
    let text = Text::from(vec![Line::from("  • one two three four")]);
    assert_eq!(
        plain(&wrap(&text, 12)),
        ["  • one two", "    three", "    four"]
    );
}

#[test]
fn styles_survive_the_wrap() {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let text = Text::from(Line::from(vec![
        Span::styled("Because you said: ", bold),
        Span::raw("\"a\"; \"b\""),
    ]));
    let rows = wrap(&text, 12);
    assert_eq!(plain(&rows), ["Because you", "said: \"a\";", "\"b\""]);
    assert_eq!(rows[0].spans[0].style, bold);
    assert_eq!(rows[1].spans[0].style, bold);
    assert_eq!(rows[1].spans[1].style, Style::default());
}

#[test]
fn no_row_is_wider_than_asked() {
    let text = Text::from("Pain at night or at rest that no position eases, ".repeat(20));
    for w in [1u16, 5, 17, 60, 117] {
        for row in wrap(&text, w) {
            assert!(row.width() <= usize::from(w), "{w}: {row:?}");
        }
    }
}

#[test]
fn key_hints_are_left_off_touch_labels() {
    assert_eq!(touch_label("See my result (r)"), "See my result");
    assert_eq!(
        touch_label("Choose highlighted → (Enter)"),
        "Choose highlighted →"
    );
    assert_eq!(touch_label("← Back"), "← Back");
}
