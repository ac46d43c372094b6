//! The interactive questionnaire's state and its one way of changing:
//! `update(&mut App, Action, &Drawn) -> Option<Effect>`. No drawing, no
//! terminal and no I/O here: the view (`ui`) reads this state and fills a
//! `Drawn` the caller keeps for the next `update`, and what needs the disk
//! comes back from `update` as an `Effect` for the caller to do.

pub mod drawn;
pub mod effect;
pub mod keys;
pub mod kiosk;
pub mod open;
pub mod practice;
pub mod progress;
pub mod save;
pub mod settings;

use tui_input::InputRequest;

use crate::audience::Audience;
use crate::bank::{Bank, Kind};
use crate::engine::{AnswerError, End, Step};
use crate::report::explain::option_text;
use crate::session::Session;

pub use drawn::{Drawn, Rows, Targets};
pub use effect::{Effect, OpenError, Outcome, PinTry, SaveError};
use open::{CodeEntry, Opened};
use progress::Remaining;
use save::SaveState;
pub use settings::{KioskSettings, Settings};

/// Which screen is showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// What this is and is not, and how to use it.
    Welcome,
    /// One question (`App::current`).
    Question,
    /// The answers given, each editable, before the result.
    Review,
    /// A red flag fired (index into the bank's red flags).
    RedFlag(usize),
    /// The result pane.
    Result,
}

/// A box drawn over the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// The keys and what they do.
    Help,
    /// "Quit? y/n".
    ConfirmQuit,
    /// The record of a failed save as JSON, to copy (scrolls).
    RecordJson,
    /// The box for a record's code (clinician audience).
    OpenRecord,
}

/// Something the person can click, recorded by the view while drawing.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// An option of the current question.
    Option(usize),
    /// An answer on the review screen (index into the walk's steps), or the
    /// "see my result" line after them.
    ReviewItem(usize),
    /// A button: what pressing it does (the same as its key).
    Button(Action),
}

/// What a key press, a click or a wheel turn means (produced by `keys`), or
/// what came of an `Effect`; applied by `update`.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Move the highlight up one (options, review list), or scroll the
    /// result up one line.
    Up,
    /// Move the highlight down one, or scroll the result down one line.
    Down,
    /// Scroll the result up a page (the first option elsewhere).
    PageUp,
    /// Scroll the result down a page (the last option elsewhere).
    PageDown,
    /// To the top: first option, first answer, start of the result.
    Home,
    /// To the bottom: last option, last item, end of the result.
    End,
    /// A number key (0-based): on a single-choice question choose that option
    /// and go on; on a multi-select question tick or untick it.
    Pick(usize),
    /// Space: tick or untick the highlighted option (multi-select), or mark
    /// it (single choice) without going on.
    Toggle,
    /// Enter: start, confirm the answer, open the highlighted answer for
    /// editing, or go on to the result.
    Confirm,
    /// Backspace or Left: the previous question on the path (or screen).
    Back,
    /// Show or hide "why we ask" under the question.
    ToggleWhy,
    /// Show or hide the help overlay.
    ToggleHelp,
    /// q or Esc: ask whether to quit.
    AskQuit,
    /// Yes to "Quit?".
    QuitConfirmed,
    /// Ctrl-C: quit at once, no question asked.
    QuitNow,
    /// Close whatever overlay is open.
    Dismiss,
    /// Wipe every answer and go back to the welcome screen.
    StartAgain,
    /// From the review or red-flag screen: show the result.
    ShowResult,
    /// A left click at this cell; hit-tested against what the view recorded.
    Click { column: u16, row: u16 },
    /// Mouse wheel up: scroll the result (or move the highlight).
    ScrollUp,
    /// Mouse wheel down.
    ScrollDown,
    /// On the result: save it for the clinician, or try a failed save again.
    Save,
    /// On the result after a failed save: show the record's JSON to copy.
    ShowRecord,
    /// On the welcome screen (clinician audience): the box for a record's
    /// code.
    OpenRecord,
    /// Editing the text of the code box.
    Edit(InputRequest),
    /// On the welcome screen: every text in the next of the bank's
    /// languages (answers given are kept: they do not depend on wording).
    SwitchLanguage,
    /// What came of the last `Effect`.
    Done(Outcome),
}

/// The whole state of the interactive questionnaire.
#[derive(Debug, Clone)]
pub struct App {
    pub bank: Bank,
    pub audience: Audience,
    /// Colours on (false when NO_COLOR is set).
    pub colour: bool,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    /// The questionnaire: answers, walk, red flags shown, outcome.
    pub session: Session,
    /// The question on the question screen.
    pub current: usize,
    /// The highlighted option.
    pub cursor: usize,
    /// The options ticked (multi) or marked (single) but not yet confirmed.
    pub draft: Vec<usize>,
    /// Show "why we ask" under the question.
    pub show_why: bool,
    /// A one-line message for the person (a refused answer, for example).
    pub notice: Option<String>,
    /// The highlighted line of the review list.
    pub review_cursor: usize,
    /// The first row of the result shown.
    pub result_scroll: u16,
    /// The question being edited was opened from the review screen.
    pub from_review: bool,
    pub should_quit: bool,
    /// Fewest and most questions left from each question.
    pub remaining: Vec<Remaining>,
    /// Where records go, the clinic, the emergency number, kiosk mode.
    pub settings: Settings,
    /// Whether the result shown is saved.
    pub save: SaveState,
    /// The code box.
    pub code_entry: CodeEntry,
    /// The saved record whose result is showing, when one was opened.
    pub opened: Option<Opened>,
    /// What the action being applied asks to be done (taken by `update`).
    effect: Option<Effect>,
}

impl App {
    pub fn new(bank: Bank, audience: Audience, colour: bool) -> Self {
        Self {
            session: Session::new(&bank),
            remaining: progress::remaining(&bank),
            current: bank.start,
            bank,
            audience,
            colour,
            screen: Screen::Welcome,
            overlay: None,
            cursor: 0,
            draft: Vec::new(),
            show_why: false,
            notice: None,
            review_cursor: 0,
            result_scroll: 0,
            from_review: false,
            should_quit: false,
            settings: Settings::default(),
            save: SaveState::default(),
            code_entry: CodeEntry::default(),
            opened: None,
            effect: None,
        }
    }

    /// The same app with these settings (data folder, clinic, kiosk mode).
    pub fn with_settings(mut self, settings: Settings) -> Self {
        self.settings = settings;
        self
    }

    /// Running as a kiosk: patients one after another.
    pub fn is_kiosk(&self) -> bool {
        self.settings.kiosk.is_some()
    }

    /// A screen text for the person at this screen: a kiosk's wording for a
    /// finger as well as keys (`touch.KEY` in ui.toml) where there is one,
    /// else the audience's (`report::say`).
    pub fn say(&self, key: &str) -> &str {
        if self.is_kiosk()
            && let Some(text) = self.bank.ui.get(&format!("touch.{key}"))
        {
            return text;
        }
        crate::report::say(&self.bank, self.audience, key)
    }

    /// `say` with `{name}` placeholders filled in.
    pub fn say_fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        crate::bank::fill(self.say(key), values)
    }

    /// On the result, and it is an emergency (the most urgent level, the one
    /// that names a number to call).
    pub fn emergency_result(&self) -> bool {
        self.screen == Screen::Result
            && self
                .session
                .outcome
                .as_ref()
                .is_some_and(|o| crate::report::most_urgent(&self.bank, o.urgency))
    }

    /// The number of answered questions before the current one on the path.
    pub fn answered_before_current(&self) -> usize {
        self.session
            .step_of(self.current)
            .unwrap_or(self.session.walk.steps.len())
    }

    /// The fewest and most questions left, the current one included.
    ///
    /// From an already answered question the path ahead is known as far as
    /// the answers go; from there on the tree's estimate is used.
    pub fn left(&self) -> Remaining {
        let tree = self.remaining[self.current];
        let Some(i) = self.session.step_of(self.current) else {
            return tree;
        };
        let known = self.session.walk.steps.len() - i;
        let ahead = match self.session.walk.end {
            End::Pending(p) => self.remaining[p],
            End::Result => Remaining::default(),
            // A red flag ended the walk here; if the answer changes, the
            // tree goes on, so count from the tree.
            End::Stopped(_) => return tree,
        };
        Remaining {
            fewest: known + ahead.fewest,
            most: known + ahead.most,
        }
    }

    /// The language the welcome screen offers: the one after the bank's own
    /// in its list, when it has more than one.
    pub fn next_language(&self) -> Option<String> {
        let langs = self.bank.available_languages();
        let i = langs.iter().position(|l| *l == self.bank.language);
        (langs.len() > 1).then(|| langs[(i.unwrap_or(0) + 1) % langs.len()].to_string())
    }

    /// The name of a language in its own words (its code if the bank has
    /// no name for it).
    pub fn language_name(&self, code: &str) -> String {
        self.bank
            .ui
            .get(&format!("language.{code}"))
            .cloned()
            .unwrap_or_else(|| code.to_string())
    }

    /// Puts every text of the bank in its next language.
    fn switch_language(&mut self) {
        // The localized bank keeps the texts it replaces, so this also
        // switches back.
        let next = self.next_language();
        if let Some(bank) = next.and_then(|l| self.bank.localized(&l).ok()) {
            self.bank = bank;
            self.notice = None;
        }
    }

    /// Whether the current question is a multi-select one.
    pub fn current_is_multi(&self) -> bool {
        self.bank.questions[self.current].kind == Kind::Multi
    }

    /// The answer that raised red flag `f`, if it fired.
    pub fn flag_step(&self, f: usize) -> Option<&Step> {
        let walk = &self.session.walk;
        let fired = walk.fired.iter().find(|x| x.flag == f)?;
        walk.steps.get(fired.step)
    }

    /// The red flag of the red-flag screen stopped the questionnaire.
    pub fn flag_stopped(&self, flag: usize) -> bool {
        self.session.walk.end == End::Stopped(flag)
    }

    fn option_count(&self) -> usize {
        self.bank.questions[self.current].options.len()
    }

    /// Opens question `q` with its stored answer (if any) preselected.
    fn open_question(&mut self, q: usize) {
        self.screen = Screen::Question;
        self.current = q;
        self.draft = self.session.answers.get(&q).cloned().unwrap_or_default();
        self.cursor = self.draft.first().copied().unwrap_or(0);
        self.notice = None;
    }

    fn open_review(&mut self) {
        self.screen = Screen::Review;
        self.review_cursor = self.session.walk.steps.len();
        self.notice = None;
        self.from_review = false;
    }

    fn open_result(&mut self) {
        self.screen = Screen::Result;
        self.result_scroll = 0;
        self.notice = None;
        self.result_reached();
    }

    /// Wipes every answer: the app as new, in the language showing and with
    /// its settings.
    fn reset(&mut self) {
        *self = App::new(self.bank.clone(), self.audience, self.colour)
            .with_settings(self.settings.clone());
    }

    /// Stores the draft as the answer to the current question and moves on.
    fn commit(&mut self) {
        let q = self.current;
        // A single choice is the highlighted option; a multi-select answer
        // is what is ticked.
        let chosen = match self.bank.questions[q].kind {
            Kind::Single => vec![self.cursor],
            Kind::Multi => self.draft.clone(),
        };
        if let Err(e) = self.session.answer(&self.bank, q, chosen) {
            self.notice = Some(refusal(self, &e));
            return;
        }
        self.advance_from(q);
    }

    /// Shows what follows question `q` on the path.
    fn advance_from(&mut self, q: usize) {
        self.notice = None;
        // A red flag that fired is shown before anything else, then one
        // that stopped the walk.
        if let Some(f) = self.session.show_next_flag() {
            self.screen = Screen::RedFlag(f);
            return;
        }
        let next = self
            .session
            .step_of(q)
            .and_then(|i| self.session.walk.steps.get(i + 1))
            .map(|s| s.question);
        match (next, self.session.walk.end) {
            (_, End::Stopped(f)) => self.screen = Screen::RedFlag(f),
            (_, End::Result) if self.from_review => self.open_review(),
            (Some(n), _) | (None, End::Pending(n)) => self.open_question(n),
            (None, End::Result) => self.open_review(),
        }
    }

    /// The question before the current one on the path.
    fn go_back(&mut self) {
        match self.screen {
            Screen::Welcome => {}
            Screen::Question => {
                let before = &self.session.walk.steps[..self.answered_before_current()];
                match before.last() {
                    Some(s) => self.open_question(s.question),
                    None => self.screen = Screen::Welcome,
                }
            }
            Screen::Review => {
                if let Some(s) = self.session.walk.steps.last() {
                    self.open_question(s.question);
                }
            }
            Screen::RedFlag(f) => {
                // Back to the answer that raised the flag, to change it.
                let step = self.flag_step(f).or(self.session.walk.steps.last());
                if let Some(q) = step.map(|s| s.question) {
                    self.open_question(q);
                }
            }
            Screen::Result => match self.session.walk.end {
                End::Stopped(f) => self.screen = Screen::RedFlag(f),
                _ => self.open_review(),
            },
        }
    }

    /// Marks option `o` of a single-choice question, or ticks or unticks it
    /// on a multi-select one: "None of these" and "Not sure" exclude every
    /// other option (ticking one unticks the rest, and the other way round).
    fn toggle(&mut self, o: usize) {
        self.notice = None;
        if !self.current_is_multi() {
            self.draft = vec![o];
        } else if let Some(i) = self.draft.iter().position(|&x| x == o) {
            self.draft.remove(i);
        } else {
            let options = &self.bank.questions[self.current].options;
            let exclusive = |i: usize| options[i].exclusive();
            self.draft.retain(|&x| !exclusive(o) && !exclusive(x));
            self.draft.push(o);
            self.draft.sort_unstable();
        }
    }

    fn move_cursor(&mut self, delta: isize, drawn: &Drawn) {
        match self.screen {
            Screen::Question => self.cursor = moved(self.cursor, delta, self.option_count()),
            Screen::Review => {
                // The answers, then "see my result".
                let n = self.session.walk.steps.len() + 1;
                self.review_cursor = moved(self.review_cursor, delta, n);
            }
            Screen::Result => self.result_scroll = drawn.result.scrolled(self.result_scroll, delta),
            _ => {}
        }
    }

    fn confirm(&mut self) {
        match self.screen {
            Screen::Welcome => self.open_question(self.bank.start),
            Screen::Question => self.commit(),
            Screen::Review => match self.session.walk.steps.get(self.review_cursor) {
                Some(&Step { question, .. }) => {
                    self.open_question(question);
                    self.from_review = true;
                }
                None => self.show_result(),
            },
            Screen::RedFlag(f) => match self.flag_step(f).map(|s| s.question) {
                // A flag that does not stop: carry on with the questions.
                Some(q) if !self.flag_stopped(f) && self.session.walk.end != End::Result => {
                    self.advance_from(q)
                }
                _ => self.open_result(),
            },
            Screen::Result => {}
        }
    }

    fn show_result(&mut self) {
        match self.session.walk.end {
            End::Pending(p) => {
                self.open_question(p);
                self.notice = Some(self.bank.ui("app.unanswered").to_string());
            }
            _ => self.open_result(),
        }
    }

    fn click(&mut self, column: u16, row: u16, drawn: &Drawn) {
        match drawn.targets.hit(column, row) {
            Some(Target::Button(action)) => self.apply(action, drawn),
            // Under an overlay only its buttons take a click.
            _ if self.overlay.is_some() => {}
            Some(Target::Option(o)) if self.screen == Screen::Question => {
                self.apply(Action::Pick(o), drawn)
            }
            Some(Target::ReviewItem(i)) if self.screen == Screen::Review => {
                self.review_cursor = i;
                self.confirm();
            }
            _ => {}
        }
    }

    fn apply(&mut self, action: Action, drawn: &Drawn) {
        match (self.overlay, action) {
            (_, Action::QuitNow) => self.should_quit = true,
            (_, Action::Click { column, row }) => self.click(column, row, drawn),
            (_, Action::Done(Outcome::Saved { record, error })) => self.saved(record, error),
            (_, Action::Done(Outcome::Opened(read))) => self.opened_code(read),
            // The kiosk's, which sees it first.
            (_, Action::Done(Outcome::Pin { .. })) => {}
            (Some(Overlay::RecordJson), a) => self.json_action(a, drawn),
            (Some(Overlay::OpenRecord), a) => self.code_entry_action(a),
            (Some(Overlay::ConfirmQuit), Action::QuitConfirmed) => self.should_quit = true,
            (Some(_), Action::Dismiss | Action::AskQuit | Action::ToggleHelp)
            | (Some(Overlay::Help), Action::Confirm) => self.overlay = None,
            (Some(_), _) => {}
            (None, action) => self.screen_action(action, drawn),
        }
    }

    /// An action with no overlay open.
    fn screen_action(&mut self, action: Action, drawn: &Drawn) {
        // The wheel scrolls the result three lines and a list one item; a
        // page of a list is all of it.
        let (wheel, page) = match self.screen {
            Screen::Result => (3, drawn.result.page()),
            _ => (1, 100),
        };
        match action {
            Action::Up => self.move_cursor(-1, drawn),
            Action::Down => self.move_cursor(1, drawn),
            Action::ScrollUp => self.move_cursor(-wheel, drawn),
            Action::ScrollDown => self.move_cursor(wheel, drawn),
            Action::PageUp => self.move_cursor(-page, drawn),
            Action::PageDown => self.move_cursor(page, drawn),
            Action::Home => self.move_cursor(-(u16::MAX as isize), drawn),
            Action::End => self.move_cursor(u16::MAX as isize, drawn),
            Action::Pick(o) => match self.screen {
                Screen::Question if o < self.option_count() => {
                    self.cursor = o;
                    self.toggle(o);
                    if !self.current_is_multi() {
                        self.commit();
                    }
                }
                Screen::Review if o <= self.session.walk.steps.len() => self.review_cursor = o,
                _ => {}
            },
            Action::Toggle => match self.screen {
                Screen::Question => self.toggle(self.cursor),
                _ => self.confirm(),
            },
            Action::Confirm => self.confirm(),
            Action::Back => self.go_back(),
            Action::ToggleWhy if self.screen == Screen::Question => self.show_why = !self.show_why,
            Action::ToggleHelp => self.overlay = Some(Overlay::Help),
            Action::AskQuit => self.overlay = Some(Overlay::ConfirmQuit),
            Action::StartAgain if self.screen == Screen::Result => self.reset(),
            Action::ShowResult if matches!(self.screen, Screen::Review | Screen::RedFlag(_)) => {
                self.show_result()
            }
            Action::Save => self.save_result(),
            Action::ShowRecord => self.show_record_json(),
            Action::OpenRecord => self.open_code_entry(),
            Action::SwitchLanguage if self.screen == Screen::Welcome => self.switch_language(),
            // Away from their screen.
            Action::ToggleWhy
            | Action::StartAgain
            | Action::ShowResult
            | Action::SwitchLanguage => {}
            Action::QuitConfirmed | Action::Dismiss => {}
            Action::QuitNow | Action::Click { .. } | Action::Edit(_) | Action::Done(_) => {}
        }
    }
}

/// A highlight at `from` in a list of `len` moved by `delta`, kept in it.
fn moved(from: usize, delta: isize, len: usize) -> usize {
    (from as isize + delta).clamp(0, len as isize - 1) as usize
}

/// The refusal of an answer in words a person understands, naming the
/// question's own "None of these" (or "Not sure") option where it has one.
fn refusal(app: &App, e: &AnswerError) -> String {
    let bank = &app.bank;
    let reason = match e {
        AnswerError::NoneTicked => {
            let Some(o) = bank.questions[app.current].way_out() else {
                return app.say("app.none_ticked").to_string();
            };
            let option = option_text(bank, app.audience, app.current, o);
            return app.say_fill("app.none_ticked_or", &[("option", option)]);
        }
        AnswerError::NotOne => return bank.ui("app.choose_one").to_string(),
        AnswerError::ExclusiveMixed => bank.ui("answer.exclusive").to_string(),
        AnswerError::NoSuchOption(n) => bank.ui_fill("answer.no_such", &[("n", &n.to_string())]),
        AnswerError::Repeated => bank.ui("answer.repeated").to_string(),
    };
    bank.ui_fill("app.refused", &[("reason", &reason)])
}

/// Applies an action to the state, given where the last frame drew things.
/// The only place the state changes; returns what needs doing outside (a
/// save, an open), whose outcome comes back as `Action::Done`.
pub fn update(app: &mut App, action: Action, drawn: &Drawn) -> Option<Effect> {
    app.apply(action, drawn);
    app.effect.take()
}
