//! Colours and emphasis. High contrast by default; with NO_COLOR set (and not
//! empty) no colour at all, only bold, reverse and underline. Meaning never
//! rests on colour alone: every coloured thing also has words or a symbol.

use ratatui::style::{Color, Modifier, Style};

/// Whether colours may be used: false when NO_COLOR is set and not empty.
pub fn colour_allowed() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Bold and reversed: a filled thing (bar, highlight, button) without colour.
const STRONG: Modifier = Modifier::REVERSED.union(Modifier::BOLD);

/// The styles the screens use.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub colour: bool,
}

impl Theme {
    pub fn new(colour: bool) -> Self {
        Self { colour }
    }

    /// Bold `fg` on `bg` in colour, else `plain`.
    fn filled(&self, fg: Color, bg: Color, plain: Modifier) -> Style {
        if self.colour {
            Style::new().fg(fg).bg(bg).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(plain)
        }
    }

    /// `style` in `fg` when there is colour.
    fn tinted(&self, style: Style, fg: Color) -> Style {
        if self.colour { style.fg(fg) } else { style }
    }

    pub fn text(&self) -> Style {
        Style::new()
    }

    pub fn bold(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// The application's title bar.
    pub fn title_bar(&self) -> Style {
        self.filled(Color::Black, Color::White, STRONG)
    }

    /// Headings inside a screen.
    pub fn heading(&self) -> Style {
        let s = Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
        self.tinted(s, Color::Cyan)
    }

    /// Secondary text (hints, "why we ask").
    pub fn quiet(&self) -> Style {
        Style::new().add_modifier(Modifier::ITALIC)
    }

    /// The highlighted line of a list.
    pub fn selected(&self) -> Style {
        self.filled(Color::Black, Color::Cyan, STRONG)
    }

    /// A key name in a legend.
    pub fn key(&self) -> Style {
        self.tinted(self.bold(), Color::Yellow)
    }

    /// A clickable button.
    pub fn button(&self) -> Style {
        self.filled(Color::White, Color::Blue, Modifier::REVERSED)
    }

    /// The main button of a screen.
    pub fn button_main(&self) -> Style {
        self.filled(Color::Black, Color::Green, STRONG)
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
        self.key()
    }

    /// The letters A-F on the pain map.
    pub fn map_label(&self) -> Style {
        self.key()
    }

    /// The banner of an urgency level: `rank` 0 is the most urgent level the
    /// bank has, counting down.
    pub fn urgency(&self, rank: usize) -> Style {
        let (fg, bg) = match rank {
            0 => (Color::White, Color::Red),
            1 => (Color::Black, Color::Indexed(208)),
            2 => (Color::Black, Color::Yellow),
            3 => (Color::Black, Color::Green),
            _ => (Color::Black, Color::Cyan),
        };
        self.filled(fg, bg, STRONG)
    }
}
