//! The question screen: the question, "why we ask" on demand, an honest
//! progress line, the options (with the pain map beside or above them when
//! the question has art), the buttons and the key legend.

use ratatui::buffer::Buffer;
use ratatui::layout::Constraint::{Fill, Length};
use ratatui::layout::{Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::Widget;

use crate::app::{Action, App, Drawn, Target};
use crate::bank::Kind;
use crate::report::explain::{option_text, question_text};

use super::list::{List, Row};
use super::theme::Theme;
use super::{ButtonSpec, footer, title_bar, wrapped, wrapped_height};

/// Width of an option's prefix: cursor, number, tick box.
const PREFIX: u16 = 10;

/// The progress line: answered so far and what is left on this path, as a
/// range when the branches ahead differ in length.
pub fn progress_text(app: &App) -> String {
    let bank = &app.bank;
    let left = app.left();
    let (few, most) = (left.fewest.saturating_sub(1), left.most.saturating_sub(1));
    let more = if most == 0 {
        bank.ui("question.last").to_string()
    } else if few == most {
        bank.ui_fill("question.more_exact", &[("n", &most.to_string())])
    } else {
        let (few, most) = (few.to_string(), most.to_string());
        bank.ui_fill("question.more_range", &[("fewest", &few), ("most", &most)])
    };
    let done = app.answered_before_current().to_string();
    bank.ui_fill("question.progress", &[("done", &done), ("more", &more)])
}

/// Draws the question screen for `app.current`.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: Theme, drawn: &mut Drawn) {
    let q = app.current;
    let question = &app.bank.questions[q];
    let multi = question.kind == Kind::Multi;
    let body = title_bar(app, area, buf, theme, drawn, "");
    let ui = |k| app.say(k);

    // A multiple choice is ticked, then confirmed with Continue.
    let (choose, hint) = match multi {
        true => ("button.continue", "question.hint_multi"),
        false => ("button.choose", "question.hint_single"),
    };
    let why = if app.show_why {
        "button.hide_why"
    } else {
        "button.why"
    };
    let buttons: [ButtonSpec<'_>; 3] = [
        (ui("button.back"), Action::Back, false),
        (ui(choose), Action::Confirm, true),
        (ui(why), Action::ToggleWhy, false),
    ];
    let rest = footer(app, body, buf, theme, drawn, &buttons);
    let inner = rest.inner(ratatui::layout::Margin::new(1, 0));

    // Progress, question, "why", hint.
    let mut head = vec![Line::styled(progress_text(app), theme.quiet())];
    if inner.height >= 30 {
        head.push(Line::from(""));
    }
    let text = question_text(&app.bank, app.audience, q).to_string();
    head.push(Line::styled(text, theme.bold()));
    if app.show_why {
        head.push(Line::from(vec![
            Span::styled(format!("{} ", ui("question.why")), theme.bold()),
            Span::styled(question.why.clone(), theme.quiet()),
        ]));
    }
    head.push(Line::styled(ui(hint), theme.quiet()));
    let notice_h = app
        .notice
        .as_deref()
        .map_or(0, |n| wrapped_height(&Text::from(n), inner.width));
    let [top, notice_area] = Layout::vertical([Fill(1), Length(notice_h)]).areas(inner);
    let main = super::head(Text::from(head), top, buf);
    if let Some(n) = &app.notice {
        let notice = Line::styled(format!("! {n}"), theme.notice());
        wrapped(notice, false).render(notice_area, buf);
    }

    let items = items(app, theme);
    let list = super::app_list(app, &items, app.cursor, PREFIX);
    let art = question
        .art
        .as_ref()
        .and_then(|name| app.bank.art.get(name))
        .map(|a| a.trim_end_matches('\n'));
    let mut target = |r, t| drawn.targets.add(r, t);
    match art {
        None => list.render(main, buf, theme, target),
        Some(art) => {
            let (opts, pic) = with_art(app, art, &list, main, buf, theme);
            list.render(opts, buf, theme, &mut target);
            if let Some(pic) = pic {
                draw_art(art, &map_letters(app), pic, buf, theme);
            }
        }
    }
}

/// Where the options and the picture go: beside each other when there is
/// room, the picture above when there is height, else the options alone
/// under a note saying so.
fn with_art(
    app: &App,
    art: &str,
    list: &List<'_, '_, Target>,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
) -> (Rect, Option<Rect>) {
    let art_w = art.lines().map(|l| Line::raw(l).width()).max().unwrap_or(0) as u16;
    let art_h = art.lines().count() as u16;
    if area.width >= art_w + 3 + 44 && area.height >= art_h {
        let [opts, _gap, pic] = Layout::horizontal([Fill(1), Length(3), Length(art_w)]).areas(area);
        return (opts, Some(pic));
    }
    let full = list.height(area.width);
    if area.width >= art_w && area.height >= art_h + full.min(5) {
        let gap = u16::from(area.height > art_h + full);
        let [pic, _gap, opts] = Layout::vertical([Length(art_h), Length(gap), Fill(1)]).areas(area);
        return (opts, Some(pic));
    }
    let width = art_w.to_string();
    let hidden = app
        .bank
        .ui_fill("question.picture_hidden", &[("width", &width)]);
    let note = Text::styled(hidden, theme.quiet());
    let nh = wrapped_height(&note, area.width);
    let [note_area, opts] = Layout::vertical([Length(nh), Fill(1)]).areas(area);
    wrapped(note, false).render(note_area, buf);
    (opts, None)
}

/// The letter ("A" to "Z") that begins an option's label, as in "A: On the
/// sit bone": the place on the picture it names.
fn letter(app: &App, option: usize) -> Option<char> {
    let label = &app.bank.questions[app.current].options.get(option)?.label;
    let mut chars = label.chars();
    let c = chars.next()?;
    (c.is_ascii_uppercase() && chars.next() == Some(':')).then_some(c)
}

/// The places to show on the picture: the highlighted option's and the
/// chosen (or ticked) ones'.
fn map_letters(app: &App) -> Vec<char> {
    std::iter::once(app.cursor)
        .chain(marked(app).iter().copied())
        .filter_map(|o| letter(app, o))
        .collect()
}

/// The options marked: those ticked so far of a multiple choice, else the
/// one chosen before.
fn marked(app: &App) -> &[usize] {
    if app.current_is_multi() {
        &app.draft
    } else {
        app.session
            .answers
            .get(&app.current)
            .map_or(&[], Vec::as_slice)
    }
}

/// Draws the text art with its region letters in bold, and the regions of
/// `highlight`'s letters in the highlight style: on the letter's row, the
/// run of cells between the region's borders (the box-drawing lines), so
/// the place stands out without colour too.
fn draw_art(art: &str, highlight: &[char], area: Rect, buf: &mut Buffer, theme: Theme) {
    let border = |c: char| ('\u{2500}'..='\u{257f}').contains(&c);
    for (y, line) in (area.y..area.bottom()).zip(art.lines()) {
        let chars: Vec<char> = line.chars().collect();
        let is_label = |i: usize| {
            let alone = |j: Option<usize>| {
                j.and_then(|j| chars.get(j))
                    .is_none_or(|n| !n.is_alphanumeric())
            };
            chars[i].is_ascii_uppercase() && alone(i.checked_sub(1)) && alone(Some(i + 1))
        };
        let mut lit = vec![false; chars.len()];
        for i in (0..chars.len()).filter(|&i| is_label(i) && highlight.contains(&chars[i])) {
            let start = chars[..i]
                .iter()
                .rposition(|&c| border(c))
                .map_or(0, |b| b + 1);
            let end = chars[i..]
                .iter()
                .position(|&c| border(c))
                .map_or(chars.len(), |b| i + b);
            lit[start..end].fill(true);
        }
        let spans = chars.iter().enumerate().map(|(i, &c)| {
            let style = if lit[i] {
                theme.selected()
            } else if is_label(i) {
                theme.map_label()
            } else {
                Style::default()
            };
            Span::styled(c.to_string(), style)
        });
        buf.set_line(area.x, y, &Line::from_iter(spans), area.width);
    }
}

fn items<'a>(app: &'a App, theme: Theme) -> Vec<Row<'a, Target>> {
    let q = app.current;
    let question = &app.bank.questions[q];
    let multi = question.kind == Kind::Multi;
    (0..question.options.len())
        .map(|i| {
            let mark = match (multi, marked(app).contains(&i)) {
                (true, true) => "[x]",
                (true, false) => "[ ]",
                (false, true) => "(•)",
                (false, false) => "( )",
            };
            let number = if i < 9 {
                format!("{}.", i + 1)
            } else {
                "  ".to_string()
            };
            let prefix = Line::from(vec![
                super::cursor(i == app.cursor, theme),
                Span::raw(format!("{number} {mark} ")),
            ]);
            Row {
                prefix,
                body: Text::from(option_text(&app.bank, app.audience, q, i).to_string()),
                target: Some(Target::Option(i)),
            }
        })
        .collect()
}
