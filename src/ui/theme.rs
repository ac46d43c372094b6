//! Colours and emphasis. High contrast by default; with NO_COLOR set (and not
//! empty) no colour at all, only bold, reverse and underline. Meaning never
//! rests on colour alone: every coloured thing also has words or a symbol.

use ratatui::style::{Color, Modifier, Style};

/// Whether colours may be used: false when NO_COLOR is set and not empty.
pub fn colour_allowed() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// The styles the screens use.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub colour: bool,
}

impl Theme {
    pub fn new(colour: bool) -> Self {
        Self { colour }
    }

    pub fn text(&self) -> Style {
        Style::default()
    }

    pub fn bold(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    /// The application's title bar.
    pub fn title_bar(&self) -> Style {
        if self.colour {
            Style::default()
                .fg(Color::Black)
                .bg(Color::White)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    /// Headings inside a screen.
    pub fn heading(&self) -> Style {
        let s = Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
        if self.colour { s.fg(Color::Cyan) } else { s }
    }

    /// Secondary text (hints, "why we ask").
    pub fn quiet(&self) -> Style {
        Style::default().add_modifier(Modifier::ITALIC)
    }

    /// The highlighted line of a list.
    pub fn selected(&self) -> Style {
        if self.colour {
            Style::default()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    /// A key name in a legend.
    pub fn key(&self) -> Style {
        let s = Style::default().add_modifier(Modifier::BOLD);
        if self.colour { s.fg(Color::Yellow) } else { s }
    }

    /// A clickable button.
    pub fn button(&self) -> Style {
        if self.colour {
            Style::default()
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::REVERSED)
        }
    }

    /// The main button of a screen.
    pub fn button_main(&self) -> Style {
        if self.colour {
            Style::default()
                .fg(Color::Black)
                .bg(Color::Green)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    /// A button: the screen's main one, or another.
    pub fn button_of(&self, main: bool) -> Style {
        if main {
            self.button_main()
        } else {
            self.button()
        }
    }

    /// A message that needs attention (a refused answer).
    pub fn notice(&self) -> Style {
        let s = Style::default().add_modifier(Modifier::BOLD);
        if self.colour { s.fg(Color::Yellow) } else { s }
    }

    /// The letters A-F on the pain map.
    pub fn map_label(&self) -> Style {
        let s = Style::default().add_modifier(Modifier::BOLD);
        if self.colour { s.fg(Color::Yellow) } else { s }
    }

    /// The banner of an urgency level: `rank` 0 is the most urgent level the
    /// bank has, counting down.
    pub fn urgency(&self, rank: usize) -> Style {
        if !self.colour {
            return Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD);
        }
        let (fg, bg) = match rank {
            0 => (Color::White, Color::Red),
            1 => (Color::Black, Color::Indexed(208)),
            2 => (Color::Black, Color::Yellow),
            3 => (Color::Black, Color::Green),
            _ => (Color::Black, Color::Cyan),
        };
        Style::default().fg(fg).bg(bg).add_modifier(Modifier::BOLD)
    }
}
