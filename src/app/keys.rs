//! Every key of the questionnaire in one table: what it does where, its name
//! and what the footers and the help say of it (texts from the bank's
//! `[ui.keys]`, `[ui.legend]` and `[ui.help]`), and whether a patient at a
//! kiosk may use it. The key handler, the footers, the help box and the
//! kiosk's allow-list are all read from it. No state changes here: `update`
//! applies what this returns.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use tui_input::InputRequest;

use super::{Action, App, Overlay, Screen};
use crate::audience::Audience;
use crate::bank::Kind;

/// Where a key is pressed: a screen (a question by its kind) or a box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Welcome,
    /// A question with one answer.
    Single,
    /// A question where several answers may be ticked.
    Multi,
    Review,
    RedFlag,
    Result,
    /// The "Quit?" box.
    QuitBox,
    HelpBox,
    /// The unsaved record's JSON.
    RecordBox,
    /// The box for a record's code: keys it does not bind edit the code.
    CodeBox,
}

use Place::*;

/// Every screen (not the boxes).
const SCREENS: &[Place] = &[Welcome, Single, Multi, Review, RedFlag, Result];
const QUESTION: &[Place] = &[Single, Multi];
/// Where the arrows move a highlight or scroll.
const LISTS: &[Place] = &[Single, Multi, Review, Result, RecordBox];
/// Every screen and box.
const ALL: &[Place] = &[
    Welcome, Single, Multi, Review, RedFlag, Result, QuitBox, HelpBox, RecordBox, CodeBox,
];

/// What a key does.
#[derive(Debug, Clone, PartialEq)]
pub enum Does {
    Act(Action),
    /// A number key: choose (or tick) the option of that number.
    Pick,
}

/// When a key is named in a footer beyond its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offered {
    Always,
    /// Records can be opened (clinician audience, saving on, not a kiosk).
    Records,
    /// The bank has another language (named in its own words).
    OtherLanguage,
}

/// One line of the table.
#[derive(Debug, Clone)]
pub struct Binding {
    pub keys: &'static [KeyCode],
    /// Pressed with Ctrl (and only then).
    pub ctrl: bool,
    pub places: &'static [Place],
    pub does: Does,
    /// The keys' name (`ui.keys.NAME`).
    pub name: &'static str,
    /// In the footer of these places, with these words (`ui.legend.X`).
    pub legend: &'static [(&'static [Place], &'static str)],
    pub offered: Offered,
    /// The help box's words (`ui.help.X`).
    pub help: Option<&'static str>,
    /// A patient at a kiosk may use it (no way out, no help listing the
    /// ways out, no records of other patients).
    pub kiosk: bool,
}

const fn key(keys: &'static [KeyCode], places: &'static [Place], action: Action) -> Binding {
    Binding {
        keys,
        ctrl: false,
        places,
        does: Does::Act(action),
        name: "",
        legend: &[],
        offered: Offered::Always,
        help: None,
        kiosk: true,
    }
}

impl Binding {
    const fn named(mut self, name: &'static str) -> Self {
        self.name = name;
        self
    }
    const fn legend(mut self, legend: &'static [(&'static [Place], &'static str)]) -> Self {
        self.legend = legend;
        self
    }
    const fn help(mut self, help: &'static str) -> Self {
        self.help = Some(help);
        self
    }
    const fn staff(mut self) -> Self {
        self.kiosk = false;
        self
    }
    const fn offered(mut self, offered: Offered) -> Self {
        self.offered = offered;
        self
    }
    const fn with_ctrl(mut self) -> Self {
        self.ctrl = true;
        self
    }
}

/// The number keys: each chooses (or ticks) the option of its number.
const fn digits() -> Binding {
    Binding {
        keys: &[
            Char('1'),
            Char('2'),
            Char('3'),
            Char('4'),
            Char('5'),
            Char('6'),
            Char('7'),
            Char('8'),
            Char('9'),
        ],
        ctrl: false,
        places: QUESTION,
        does: Does::Pick,
        name: "digits",
        legend: &[(&[Single], "choose"), (&[Multi], "tick")],
        offered: Offered::Always,
        help: Some("choose"),
        kiosk: true,
    }
}

use KeyCode::{Backspace, Char, Down, End, Enter, Esc, F, Home, Left, PageDown, PageUp, Right, Up};

/// The table, in the order the footers and the help list the keys. The
/// first line that holds for a key in a place is the one that counts.
pub const KEYS: &[Binding] = &[
    // The boxes.
    key(
        &[
            Char('y'),
            Char('Y'),
            Char('s'),
            Char('S'),
            Char('q'),
            Char('Q'),
            Enter,
        ],
        &[QuitBox],
        Action::QuitConfirmed,
    )
    .staff(),
    key(
        &[Char('n'), Char('N'), Esc, Backspace],
        &[QuitBox],
        Action::Dismiss,
    ),
    key(
        &[Char('?'), Char('h'), Char('H')],
        &[HelpBox],
        Action::ToggleHelp,
    )
    .staff(),
    key(
        &[Esc, Enter, Backspace, Char('q')],
        &[HelpBox],
        Action::Dismiss,
    ),
    key(&[Char(' ')], &[RecordBox], Action::PageDown),
    key(
        &[Esc, Enter, Backspace, Char('q'), Char('v'), Char('V')],
        &[RecordBox],
        Action::Dismiss,
    ),
    key(&[Esc], &[CodeBox], Action::Dismiss),
    key(&[Enter], &[CodeBox], Action::Confirm),
    // The screens.
    key(&[Up, Char('k')], LISTS, Action::Up)
        .named("arrows")
        .legend(&[(&[Single, Multi, Review], "move"), (&[Result], "scroll")])
        .help("move"),
    key(&[Down, Char('j')], LISTS, Action::Down),
    key(&[PageUp], LISTS, Action::PageUp)
        .named("pages")
        .legend(&[(&[Result], "page")])
        .help("page"),
    key(&[PageDown], LISTS, Action::PageDown),
    key(&[Char(' ')], &[Result], Action::PageDown),
    key(&[Home, Char('g')], LISTS, Action::Home),
    key(&[End, Char('G')], LISTS, Action::End),
    digits(),
    key(&[Char(' ')], QUESTION, Action::Toggle)
        .named("space")
        .help("tick"),
    key(&[Enter], SCREENS, Action::Confirm)
        .named("enter")
        .legend(&[
            (&[Welcome], "start"),
            (&[Review], "change_or_result"),
            (&[RedFlag], "continue"),
        ])
        .help("confirm"),
    key(&[Right], &[Welcome, Single, Multi], Action::Confirm),
    key(
        &[Char(' '), Char('s'), Char('S')],
        &[Welcome],
        Action::Confirm,
    ),
    key(&[Backspace, Left], SCREENS, Action::Back)
        .named("backspace")
        .legend(&[
            (&[Single, Multi, Review, Result], "back"),
            (&[RedFlag], "change_answer"),
        ])
        .help("back"),
    key(
        &[Char('r'), Char('R')],
        &[Review, RedFlag],
        Action::ShowResult,
    )
    .named("result")
    .legend(&[(&[Review], "result")]),
    key(&[Char('w'), Char('W')], QUESTION, Action::ToggleWhy)
        .named("why")
        .legend(&[(QUESTION, "why")])
        .help("why"),
    key(&[Char('s'), Char('S')], &[Result], Action::StartAgain)
        .named("start_again")
        .legend(&[(&[Result], "start_again")])
        .help("start_again"),
    key(
        &[Char('c'), Char('C'), Char('r'), Char('R')],
        &[Result],
        Action::Save,
    ),
    key(&[Char('v'), Char('V')], &[Result], Action::ShowRecord).staff(),
    key(&[Char('o'), Char('O')], &[Welcome], Action::OpenRecord)
        .named("open")
        .legend(&[(&[Welcome], "open_record")])
        .offered(Offered::Records)
        .staff(),
    key(&[Char('l'), Char('L')], &[Welcome], Action::SwitchLanguage)
        .named("language")
        .legend(&[(&[Welcome], "")])
        .offered(Offered::OtherLanguage)
        .help("language"),
    key(&[Char('?'), F(1)], SCREENS, Action::ToggleHelp)
        .named("help")
        .legend(&[(&[Welcome, Single, Multi, Review, RedFlag], "help")])
        .help("help")
        .staff(),
    key(&[Char('q'), Char('Q'), Esc], SCREENS, Action::AskQuit)
        .named("quit")
        .legend(&[(&[Welcome, Single, Multi, RedFlag, Result], "quit")])
        .help("quit")
        .staff(),
    key(&[Char('c'), Char('C')], ALL, Action::QuitNow)
        .with_ctrl()
        .named("ctrl_c")
        .help("quit_now")
        .staff(),
];

/// Where the app takes keys now.
pub fn place(app: &App) -> Place {
    match (app.overlay, app.screen) {
        (Some(Overlay::ConfirmQuit), _) => QuitBox,
        (Some(Overlay::Help), _) => HelpBox,
        (Some(Overlay::RecordJson), _) => RecordBox,
        (Some(Overlay::OpenRecord), _) => CodeBox,
        (None, Screen::Welcome) => Welcome,
        (None, Screen::Question) if app.bank.questions[app.current].kind == Kind::Multi => Multi,
        (None, Screen::Question) => Single,
        (None, Screen::Review) => Review,
        (None, Screen::RedFlag(_)) => RedFlag,
        (None, Screen::Result) => Result,
    }
}

/// The line of the table for a key press in a place.
pub fn binding(place: Place, k: &KeyEvent) -> Option<&'static Binding> {
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    KEYS.iter()
        .find(|b| b.ctrl == ctrl && b.places.contains(&place) && b.keys.contains(&k.code))
}

/// The meaning of a terminal event, if it has one. Only key presses count
/// (not releases or repeats reported as such).
pub fn action(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(k) if k.kind == KeyEventKind::Press => key_action(app, k, false),
        Event::Mouse(m) => mouse(m),
        _ => None,
    }
}

/// The meaning of a key press; at a `kiosk`, only of keys a patient may use
/// and never of a chord.
pub fn key_action(app: &App, k: &KeyEvent, kiosk: bool) -> Option<Action> {
    let place = place(app);
    let chord = KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SUPER;
    if kiosk && k.modifiers.intersects(chord) {
        return None;
    }
    match binding(place, k) {
        Some(b) if kiosk && !b.kiosk => None,
        Some(Binding {
            does: Does::Act(a), ..
        }) => Some(a.clone()),
        Some(Binding {
            does: Does::Pick, ..
        }) => match k.code {
            Char(c) => Some(Action::Pick(c as usize - '1' as usize)),
            _ => None,
        },
        // Everything else edits the code box.
        None if place == CodeBox && !kiosk => code_edit(k).map(Action::Edit),
        None => None,
    }
}

fn code_edit(k: &KeyEvent) -> Option<InputRequest> {
    Some(match k.code {
        Backspace => InputRequest::DeletePrevChar,
        KeyCode::Delete => InputRequest::DeleteNextChar,
        Left => InputRequest::GoToPrevChar,
        Right => InputRequest::GoToNextChar,
        Home => InputRequest::GoToStart,
        End => InputRequest::GoToEnd,
        Char(c) if !c.is_control() => InputRequest::InsertChar(c),
        _ => return None,
    })
}

/// What a patient at a kiosk may do of an action (a click is judged by the
/// button it lands on).
pub fn kiosk_allows(action: &Action) -> bool {
    match action {
        Action::Click { .. } | Action::ScrollUp | Action::ScrollDown | Action::Done(_) => true,
        Action::Pick(_) => true,
        a => KEYS
            .iter()
            .any(|b| b.kiosk && b.does == Does::Act(a.clone())),
    }
}

/// The meaning of a mouse event: left clicks and the wheel.
pub fn mouse(m: &MouseEvent) -> Option<Action> {
    let (column, row) = (m.column, m.row);
    match m.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
        MouseEventKind::ScrollUp => Some(Action::ScrollUp),
        MouseEventKind::ScrollDown => Some(Action::ScrollDown),
        _ => None,
    }
}

fn offered(app: &App, b: &Binding) -> bool {
    match b.offered {
        Offered::Always => true,
        Offered::Records => {
            app.audience == Audience::Clinician && app.settings.save_records && !app.is_kiosk()
        }
        Offered::OtherLanguage => app.next_language().is_some(),
    }
}

/// The footer's keys for the place showing: each key's name and what it
/// does there.
pub fn legend(app: &App) -> Vec<(String, String)> {
    let place = place(app);
    KEYS.iter()
        .filter(|b| offered(app, b))
        .filter_map(|b| {
            let (_, what) = b
                .legend
                .iter()
                .find(|(places, _)| places.contains(&place))?;
            let what = match b.offered {
                Offered::OtherLanguage => app.language_name(&app.next_language()?),
                _ => app.say(&format!("legend.{what}")).to_string(),
            };
            Some((app.say(&format!("keys.{}", b.name)).to_string(), what))
        })
        .collect()
}

/// The keys the help box names (`section` "help."), or the welcome
/// screen's table ("welcome.key_"): each key's name and the text of its help
/// id in that section, for the keys that have one there.
pub fn described(app: &App, section: &str) -> Vec<(String, String)> {
    KEYS.iter()
        // The language key is named where it works.
        .filter(|b| {
            offered(app, b)
                && (b.offered != Offered::OtherLanguage || app.screen == Screen::Welcome)
        })
        .filter_map(|b| {
            let key = format!("{section}{}", b.help?);
            let what = app.bank.ui.contains_key(&key).then(|| app.say(&key))?;
            let name = app.say(&format!("keys.{}", b.name));
            Some((name.to_string(), what.to_string()))
        })
        .collect()
}
