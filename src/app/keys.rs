//! Every key in one table per app (the questionnaire's here, practice's in
//! `practice`): what it does where, its name and what the footers and the
//! help say of it (texts from the bank's `[ui.keys]`, `[ui.legend]` and
//! `[ui.help]`), and whether a patient at a kiosk may use it. The key
//! handlers, the footers, the help box and the kiosk's allow-list are all
//! read from it. No state changes here: `update` applies what this returns.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use tui_input::InputRequest;
use tui_input::backend::crossterm::to_input_request;

use super::{Action, App, Overlay, Screen};

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
pub enum Does<A = Action> {
    Act(A),
    /// A number key, 1 to 9: choose (or tick) the option of that number.
    Pick,
    /// Any key that edits text (a character, a deletion, a cursor move):
    /// it edits the text being typed.
    Type,
}

/// When a key is named in a footer beyond its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offered {
    Always,
    /// Records can be opened (`App::opens_records`).
    Records,
    /// The bank has another language (named in its own words).
    OtherLanguage,
}

/// One line of a table, of places `P` and actions `A`.
#[derive(Debug, Clone)]
pub struct Binding<P: 'static = Place, A: 'static = Action> {
    /// The keys of an `Act` line (`Pick` and `Type` name a kind of key).
    pub keys: &'static [KeyCode],
    /// Pressed with Ctrl (and only then).
    pub ctrl: bool,
    pub places: &'static [P],
    pub does: Does<A>,
    /// The keys' name (`ui.keys.NAME`).
    pub name: &'static str,
    /// In the footer of these places, with these words (`ui.legend.X`).
    pub legend: &'static [(&'static [P], &'static str)],
    pub offered: Offered,
    /// The help box's words (`ui.help.X`).
    pub help: Option<&'static str>,
    /// A patient at a kiosk may use it (no way out, no help listing the
    /// ways out, no records of other patients).
    pub kiosk: bool,
}

const fn key<P, A>(keys: &'static [KeyCode], places: &'static [P], action: A) -> Binding<P, A> {
    line(keys, places, Does::Act(action))
}

const fn line<P, A>(
    keys: &'static [KeyCode],
    places: &'static [P],
    does: Does<A>,
) -> Binding<P, A> {
    Binding {
        keys,
        ctrl: false,
        places,
        does,
        name: "",
        legend: &[],
        offered: Offered::Always,
        help: None,
        kiosk: true,
    }
}

impl<P, A> Binding<P, A> {
    const fn named(mut self, name: &'static str) -> Self {
        self.name = name;
        self
    }
    const fn legend(mut self, legend: &'static [(&'static [P], &'static str)]) -> Self {
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

use KeyCode::{Backspace, Char, Down, End, Enter, Esc, F, Home, Left, PageDown, PageUp, Right, Up};

/// The "Quit?" box's yes (s for "sí": the Spanish box offers s) and no.
const YES: &[KeyCode] = &[
    Char('y'),
    Char('Y'),
    Char('s'),
    Char('S'),
    Char('q'),
    Char('Q'),
    Enter,
];
const NO: &[KeyCode] = &[Char('n'), Char('N'), Esc, Backspace];
/// What closes a box of text.
const CLOSE: &[KeyCode] = &[Esc, Enter, Backspace, Char('q')];

/// The table, in the order the footers and the help list the keys. The
/// first line that holds for a key in a place is the one that counts.
pub const KEYS: &[Binding] = &[
    // The boxes.
    key(YES, &[QuitBox], Action::QuitConfirmed).staff(),
    key(NO, &[QuitBox], Action::Dismiss),
    key(
        &[Char('?'), Char('h'), Char('H')],
        &[HelpBox],
        Action::ToggleHelp,
    )
    .staff(),
    key(CLOSE, &[HelpBox, RecordBox], Action::Dismiss),
    key(&[Char(' ')], &[RecordBox], Action::PageDown),
    key(&[Char('v'), Char('V')], &[RecordBox], Action::Dismiss),
    key(&[Esc], &[CodeBox], Action::Dismiss),
    key(&[Enter], &[CodeBox], Action::Confirm),
    // Every other key that edits text edits the code.
    line(&[], &[CodeBox], Does::Type).staff(),
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
    line(&[], QUESTION, Does::Pick)
        .named("digits")
        .legend(&[(&[Single], "choose"), (&[Multi], "tick")])
        .help("choose"),
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
        (None, Screen::Question) if app.current_is_multi() => Multi,
        (None, Screen::Question) => Single,
        (None, Screen::Review) => Review,
        (None, Screen::RedFlag(_)) => RedFlag,
        (None, Screen::Result) => Result,
    }
}

/// The line of `table` for a key press in a place.
fn binding<P: PartialEq, A>(
    table: &'static [Binding<P, A>],
    place: P,
    k: &KeyEvent,
) -> Option<&'static Binding<P, A>> {
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    table.iter().find(|b| {
        b.places.contains(&place)
            && match b.does {
                Does::Type => to_input_request(&Event::Key(*k)).is_some(),
                Does::Pick => !ctrl && matches!(k.code, Char('1'..='9')),
                Does::Act(_) => b.ctrl == ctrl && b.keys.contains(&k.code),
            }
    })
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
    let chord = KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SUPER;
    if kiosk && k.modifiers.intersects(chord) {
        return None;
    }
    let b = binding(KEYS, place(app), k)?;
    match (&b.does, k.code) {
        _ if kiosk && !b.kiosk => None,
        (Does::Pick, Char(c)) => Some(Action::Pick(c as usize - '1' as usize)),
        _ => meaning(b, k, Action::Edit),
    }
}

/// What a line does for a key press: its action, or the edit of the text
/// typed (by `edit`).
fn meaning<P, A: Clone>(b: &Binding<P, A>, k: &KeyEvent, edit: fn(InputRequest) -> A) -> Option<A> {
    match &b.does {
        Does::Act(a) => Some(a.clone()),
        Does::Type => to_input_request(&Event::Key(*k)).map(edit),
        Does::Pick => None,
    }
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
        Offered::Records => app.opens_records(),
        Offered::OtherLanguage => app.next_language().is_some(),
    }
}

/// The footer's keys for the place showing: each key's name and what it
/// does there.
pub fn legend(app: &App) -> Vec<(String, String)> {
    footer(KEYS, place(app), |b, what| {
        let what = match b.offered {
            _ if !offered(app, b) => return None,
            Offered::OtherLanguage => app.language_name(&app.next_language()?),
            _ => app.say(&format!("legend.{what}")).to_string(),
        };
        Some((app.say(&format!("keys.{}", b.name)).to_string(), what))
    })
}

/// The footer of `place` from `table`: the name and words (by `words`, from
/// a line and its words' id there) of each line named there. Keys side by
/// side that do the same are named together ("↑↓ PgUp PgDn scroll").
fn footer<P: PartialEq, A>(
    table: &[Binding<P, A>],
    place: P,
    words: impl Fn(&Binding<P, A>, &str) -> Option<(String, String)>,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for b in table {
        let here = b.legend.iter().find(|(places, _)| places.contains(&place));
        let Some((name, what)) = here.and_then(|(_, id)| words(b, id)) else {
            continue;
        };
        match out.last_mut() {
            Some((names, last)) if *last == what => *names = format!("{names} {name}"),
            _ => out.push((name, what)),
        }
    }
    out
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

/// Practice's keys, in a table of the same kind.
pub mod practice {
    use ratatui::crossterm::event::{
        Event, KeyCode, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
    };

    use super::{Binding, Does, NO, YES, binding, footer, key, line, meaning};
    use crate::app::practice::{Action as A, PracticeApp, Screen, Step};

    /// Where a key is pressed in practice.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Place {
        Interview,
        /// The interview with a search left in place: Esc clears it first.
        Filtered,
        /// The search box takes the typing: keys that edit text edit it.
        Search,
        Differential,
        Urgency,
        Feedback,
        /// The "Quit?" box.
        QuitBox,
    }

    use KeyCode::{
        Backspace, Char, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
    };
    use Place::*;

    const EVERY: &[Place] = &[
        Interview,
        Filtered,
        Search,
        Differential,
        Urgency,
        Feedback,
        QuitBox,
    ];
    /// Every screen (not the boxes).
    const SCREENS: &[Place] = &[Interview, Filtered, Differential, Urgency, Feedback];
    /// The screens and the search box.
    const MOVING: &[Place] = &[Interview, Filtered, Search, Differential, Urgency, Feedback];
    /// Where the arrows move a highlight.
    const LISTS: &[Place] = &[Interview, Filtered, Search, Differential, Urgency];
    /// Where the list of questions shows.
    const QUESTIONS: &[Place] = &[Interview, Filtered, Search];
    const ASKING: &[Place] = &[Interview, Filtered];
    const COMMIT: &[Place] = &[Differential, Urgency];
    /// Where c goes on to the next step (and Space asks or picks).
    const ONWARD: &[Place] = &[Interview, Filtered, Differential];

    /// The table, in the order the footers list the keys. The first line
    /// that binds a key in a place is the one that counts.
    pub const KEYS: &[Binding<Place, A>] = &[
        key(&[Char('c'), Char('C')], EVERY, A::QuitNow).with_ctrl(),
        key(YES, &[QuitBox], A::QuitConfirmed),
        key(NO, &[QuitBox], A::Dismiss),
        line(&[], &[Search], Does::Type)
            .named("typing")
            .legend(&[(&[Search], "to_search")]),
        key(&[Up, Char('k')], MOVING, A::Up)
            .named("arrows")
            .legend(&[(LISTS, "move"), (&[Feedback], "scroll_feedback")]),
        key(&[Down, Char('j')], MOVING, A::Down),
        key(&[Home, Char('g')], MOVING, A::Home),
        key(&[End, Char('G')], MOVING, A::End),
        key(&[Char(' ')], ONWARD, A::Confirm)
            .named("space")
            .legend(&[(&[Differential], "pick")]),
        key(&[Char(' ')], &[Feedback], A::PageDown),
        key(&[Enter], LISTS, A::Confirm)
            .named("enter")
            .legend(&[(QUESTIONS, "ask"), (&[Urgency], "submit")]),
        key(&[Char('/')], ASKING, A::Search)
            .named("search")
            .legend(&[(ASKING, "search")]),
        key(&[PageUp], MOVING, A::PageUp)
            .named("pages")
            .legend(&[(ASKING, "scroll_answers"), (&[Feedback], "scroll_feedback")]),
        key(&[PageDown], MOVING, A::PageDown),
        key(&[Tab], &[Search], A::KeepSearch)
            .named("tab")
            .legend(&[(&[Search], "keep_search")]),
        key(&[Esc], &[Search, Filtered], A::ClearSearch)
            .named("esc")
            .legend(&[(&[Search], "clear_search")]),
        key(&[Char('+')], &[Differential], A::Raise)
            .named("raise")
            .legend(&[(&[Differential], "reorder")]),
        key(&[Char('-')], &[Differential], A::Lower)
            .named("lower")
            .legend(&[(&[Differential], "reorder")]),
        key(&[Char('c'), Char('C')], ONWARD, A::Next)
            .named("next")
            .legend(&[(ASKING, "diagnose"), (&[Differential], "next_urgency")]),
        key(&[Right, Tab], &[Differential], A::Next),
        key(&[Left, Backspace], COMMIT, A::Back)
            .named("left")
            .legend(&[(COMMIT, "back")]),
        key(&[Char('q'), Char('Q'), Esc], MOVING, A::AskQuit)
            .named("quit")
            .legend(&[(SCREENS, "quit")]),
    ];

    /// Where the screen showing takes keys (the "Quit?" box aside).
    fn screen(app: &PracticeApp) -> Place {
        match app.screen {
            Screen::Interview if app.searching => Search,
            Screen::Interview if !app.search.value().is_empty() => Filtered,
            Screen::Interview => Interview,
            Screen::Commit(Step::Differential) => Differential,
            Screen::Commit(Step::Urgency) => Urgency,
            Screen::Feedback => Feedback,
        }
    }

    /// The meaning of a terminal event, if it has one. Only key presses
    /// count (not releases or repeats reported as such).
    pub fn action(app: &PracticeApp, event: &Event) -> Option<A> {
        match event {
            Event::Key(k) if k.kind == KeyEventKind::Press => {
                let place = if app.confirm_quit {
                    QuitBox
                } else {
                    screen(app)
                };
                meaning(binding(KEYS, place, k)?, k, A::Edit)
            }
            Event::Mouse(m) => mouse(m),
            _ => None,
        }
    }

    /// The meaning of a mouse event: left clicks and the wheel.
    pub fn mouse(m: &MouseEvent) -> Option<A> {
        let (column, row) = (m.column, m.row);
        match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(A::Click { column, row }),
            MouseEventKind::ScrollUp => Some(A::ScrollUp { column, row }),
            MouseEventKind::ScrollDown => Some(A::ScrollDown { column, row }),
            _ => None,
        }
    }

    /// The footer's keys for the place showing: each key's name and what it
    /// does there.
    pub fn legend(app: &PracticeApp) -> Vec<(String, String)> {
        let say = |section: &str, id: &str| app.bank.ui(&format!("{section}.{id}")).to_string();
        footer(KEYS, screen(app), |b, what| {
            Some((say("keys", b.name), say("legend", what)))
        })
    }
}
