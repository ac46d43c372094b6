//! The red-flag interrupt: a full-screen message that cannot be missed, in
//! words (a heading such as "EMERGENCY") and not by colour alone, with what
//! to do now, the warning sign, the answer that raised it, and the way on.

use ratatui::buffer::Buffer;
use ratatui::layout::Constraint::{Fill, Length};
use ratatui::layout::{Layout, Margin, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, BorderType, Widget};

use crate::app::{Action, App, Drawn};
use crate::report::explain::option_text;

use super::theme::Theme;
use super::{ButtonSpec, banner, banner_height, footer, title_bar, wrapped};

/// Draws the interrupt for red flag `f`.
pub fn render(app: &App, f: usize, area: Rect, buf: &mut Buffer, theme: Theme, drawn: &mut Drawn) {
    let bank = &app.bank;
    let flag = &bank.red_flags[f];
    let stopped = app.flag_stopped(f);
    let ui = |k| app.say(k);
    let body = title_bar(app, area, buf, theme, drawn, ui("red_flag.title"));
    let go_on = match stopped || app.session.outcome.is_some() {
        true => "button.see_result_enter",
        false => "button.carry_on",
    };
    let buttons: [ButtonSpec<'_>; 2] = [
        (ui(go_on), Action::Confirm, true),
        (ui("button.change_answer"), Action::Back, false),
    ];
    let rest = footer(app, body, buf, theme, drawn, &buttons);

    // A thick frame in the urgency's style around the whole message.
    let style = theme.urgency(super::urgency_rank(bank, flag.urgency));
    let title = format!(" ⚠ {} ⚠ ", ui("red_flag.title"));
    let frame = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(style)
        .title(Line::styled(title, style));
    let outer = rest.inner(Margin::new(0, 1));
    let inner = frame.inner(outer).inner(Margin::new(1, 0));
    frame.render(outer, buf);

    let bh = banner_height(app, flag.urgency, inner.width) + 2;
    let [b, _gap, text_area] = Layout::vertical([Length(bh), Length(1), Fill(1)]).areas(inner);
    // The banner with a blank row above and below, so it reads as a block.
    banner(app, flag.urgency, b, buf, theme, "!!!");

    let mut lines = vec![
        Line::styled(flag.title.clone(), theme.heading()),
        Line::from(app.audience.pick(&flag.patient, &flag.clinician).clone()),
    ];
    if let Some(step) = app.flag_step(f) {
        let said: Vec<String> = step
            .chosen
            .iter()
            .map(|&o| format!("\"{}\"", option_text(bank, app.audience, step.question, o)))
            .collect();
        lines.push(Line::from(""));
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", ui("red_flag.because")), theme.bold()),
            Span::raw(said.join("; ")),
        ]));
    }
    let way_on = match stopped {
        true => "red_flag.stopped",
        false => "red_flag.go_on",
    };
    lines.extend([Line::from(""), Line::styled(ui(way_on), theme.quiet())]);
    wrapped(Text::from(lines), false).render(text_area, buf);
}
