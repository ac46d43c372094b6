//! The full-screen practice interview: its state and its one way of
//! changing, `update(&mut PracticeApp, Action, &Drawn)`. Screens: the interview (the
//! case's presentation, the bank's questions by theme with a search box, the
//! transcript of questions and replies), the commit (a ranked differential of
//! up to three, then an urgency) and the feedback. No drawing and no terminal
//! here: `ui::practice` draws this state into a `Drawn` (where it drew
//! clickable things, how tall the scrolled panes are) that the caller keeps
//! for the next `update`.

use std::cell::OnceCell;
use std::rc::Rc;

use ratatui::layout::{Position, Rect};
use tui_input::{Input, InputRequest};

use super::moved;
use crate::app::{Rows, Targets};
use crate::bank::{Bank, Urgency};
pub use crate::practice::interview::MAX_DIFFERENTIAL;
use crate::practice::interview::{Askable, levels, search};
use crate::practice::{Feedback, Interview, LibraryCase, askable};

/// Which screen is showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// Asking the simulated patient questions.
    Interview,
    /// Committing an answer: the differential first, then the urgency.
    Commit(Step),
    /// The judgement of the committed answer, with its score.
    Feedback,
}

/// The two steps of committing an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Up to three diagnoses, most likely first.
    Differential,
    /// How urgent it is.
    Urgency,
}

/// Something the student can click, recorded by the view while drawing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A question of the list (index into `PracticeApp::askable`).
    Question(usize),
    /// The search box.
    SearchBox,
    /// A diagnosis on the differential step (index into the bank's).
    Diagnosis(usize),
    /// An urgency level on the urgency step (index into `levels()`).
    Level(usize),
    /// A button, by what it does.
    Button(Action),
}

/// What a key press, a click or a wheel turn means. Produced by `keys::practice`,
/// applied by `update`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Move the highlight up one (a question, a diagnosis, an urgency), or
    /// scroll the feedback up a line.
    Up,
    /// Move the highlight down one, or scroll the feedback down a line.
    Down,
    /// A page up the transcript (interview) or the feedback; elsewhere the
    /// first item.
    PageUp,
    /// A page down the transcript or the feedback; elsewhere the last item.
    PageDown,
    /// The first item (question, diagnosis, urgency), or the top of the
    /// feedback.
    Home,
    /// The last item, or the end of the feedback.
    End,
    /// `/`: start a new search (the box is cleared and takes the typing).
    Search,
    /// Change the search text: a typed character, a deletion, a cursor move.
    Edit(InputRequest),
    /// Stop typing into the search box and keep its filter.
    KeepSearch,
    /// Empty the search box (and stop typing into it): every question shows.
    ClearSearch,
    /// Enter: ask the highlighted question; pick or unpick the highlighted
    /// diagnosis; submit with the highlighted urgency.
    Confirm,
    /// Move the highlighted diagnosis one place up the differential.
    Raise,
    /// Move the highlighted diagnosis one place down the differential.
    Lower,
    /// Go on: interview → differential → urgency.
    Next,
    /// Go back: urgency → differential → interview.
    Back,
    /// q or Esc: ask whether to quit.
    AskQuit,
    /// Yes to "Quit?".
    QuitConfirmed,
    /// No to "Quit?": close it.
    Dismiss,
    /// Ctrl-C: quit at once, no question asked.
    QuitNow,
    /// A left click at this cell; hit-tested against what the view recorded.
    Click { column: u16, row: u16 },
    /// Mouse wheel up at this cell: scroll the pane under the pointer.
    ScrollUp { column: u16, row: u16 },
    /// Mouse wheel down at this cell.
    ScrollDown { column: u16, row: u16 },
}

/// Where the last frame drew things, for clicks and scrolling: filled by
/// the view, kept by the caller, read by `update`.
#[derive(Debug, Default)]
pub struct Drawn {
    /// Clickable areas, topmost last.
    pub targets: Targets<Target>,
    /// The transcript pane, so the wheel over it scrolls it.
    pub transcript_area: Rect,
    pub transcript: Rows,
    pub feedback: Rows,
}

/// The whole state of the practice screen.
#[derive(Debug)]
pub struct PracticeApp {
    pub bank: Bank,
    /// Colours on (false when NO_COLOR is set).
    pub colour: bool,
    pub interview: Interview,
    /// Every question the student may ask, grouped by theme.
    pub askable: Vec<Askable>,
    pub screen: Screen,
    /// The search box's text and cursor.
    pub search: Input,
    /// Typing goes into the search box.
    pub searching: bool,
    /// The highlighted question (index into `askable`).
    pub cursor: usize,
    /// The exchange of the transcript to keep in view (index into the
    /// interview's `asked`): the one just asked.
    pub focus: Option<usize>,
    /// The transcript's first row when the student scrolled it; `None`
    /// keeps `focus` in view.
    pub transcript_scroll: Option<u16>,
    /// The differential so far: diagnosis indices, most likely first.
    pub differential: Vec<usize>,
    /// The highlighted diagnosis.
    pub diagnosis_cursor: usize,
    /// The highlighted urgency (index into `levels()`): none at first, so
    /// that a stray Enter commits nothing; a choice is required.
    pub level_cursor: Option<usize>,
    /// The first row of the feedback shown.
    pub feedback_scroll: u16,
    /// A one-line message for the student (a refused pick, for example).
    pub notice: Option<String>,
    /// "Quit?" is showing.
    pub confirm_quit: bool,
    pub should_quit: bool,
    /// The feedback once the answer is committed; shared with whoever
    /// started the app (`result`), who keeps the attempt after the screen
    /// closes.
    feedback: Rc<OnceCell<Feedback>>,
}

impl PracticeApp {
    pub fn new(bank: Bank, case: LibraryCase, colour: bool) -> Self {
        Self {
            askable: askable(&bank),
            colour,
            interview: Interview::new(case),
            screen: Screen::Interview,
            search: Input::default(),
            searching: false,
            cursor: 0,
            focus: None,
            transcript_scroll: None,
            differential: Vec::new(),
            diagnosis_cursor: 0,
            level_cursor: None,
            feedback_scroll: 0,
            notice: None,
            confirm_quit: false,
            should_quit: false,
            feedback: Rc::new(OnceCell::new()),
            bank,
        }
    }

    /// The feedback, once the answer has been committed.
    pub fn feedback(&self) -> Option<&Feedback> {
        self.feedback.get()
    }

    /// A handle on the feedback that outlives the app: the terminal loop
    /// consumes the app, and the caller keeps the attempt afterwards.
    pub fn result(&self) -> Rc<OnceCell<Feedback>> {
        Rc::clone(&self.feedback)
    }

    /// The questions the search lets through (indices into `askable`).
    pub fn visible(&self) -> Vec<usize> {
        search(&self.bank, &self.askable, self.search.value())
    }

    /// The urgency levels, most urgent first.
    pub fn levels(&self) -> Vec<Urgency> {
        levels(&self.bank)
    }

    /// Where diagnosis `d` stands in the differential (0 = first).
    pub fn rank_of(&self, d: usize) -> Option<usize> {
        self.differential.iter().position(|&x| x == d)
    }

    /// Asks question `i` of `askable`; asking again shows the same reply.
    fn ask(&mut self, i: usize) {
        let Some(a) = self.askable.get(i) else { return };
        let q = a.question;
        self.cursor = i;
        let again = self.interview.has_asked(q);
        self.interview.ask(&self.bank, q);
        self.focus = self.interview.asked.iter().position(|x| x.question == q);
        self.transcript_scroll = None;
        self.searching = false;
        self.notice = again.then(|| self.bank.ui("practice.already_asked").to_string());
    }

    /// Keeps the highlight on a question the search lets through.
    fn settle_cursor(&mut self) {
        let visible = self.visible();
        if !visible.contains(&self.cursor)
            && let Some(&first) = visible.first()
        {
            self.cursor = first;
        }
    }

    fn move_question(&mut self, delta: isize) {
        let visible = self.visible();
        if visible.is_empty() {
            return;
        }
        let at = visible.iter().position(|&i| i == self.cursor).unwrap_or(0);
        self.cursor = visible[moved(at, delta, visible.len())];
    }

    fn move_cursor(&mut self, delta: isize, drawn: &Drawn) {
        match self.screen {
            Screen::Interview => self.move_question(delta),
            Screen::Commit(Step::Differential) => {
                let n = self.bank.diagnoses.len();
                self.diagnosis_cursor = moved(self.diagnosis_cursor, delta, n);
            }
            Screen::Commit(Step::Urgency) => {
                // From nothing highlighted, any move lands on the first.
                let n = self.levels().len() as isize;
                let at = self.level_cursor.map_or(-1, |c| c as isize);
                self.level_cursor = Some((at + delta).clamp(0, n - 1) as usize);
            }
            Screen::Feedback => {
                self.feedback_scroll = drawn.feedback.scrolled(self.feedback_scroll, delta)
            }
        }
    }

    fn scroll_transcript(&mut self, delta: isize, rows: Rows) {
        let from = self.transcript_scroll.unwrap_or(rows.top);
        self.transcript_scroll = Some(rows.scrolled(from, delta));
    }

    /// Shows the student the `[ui]` text `key` until the next action.
    fn say(&mut self, key: &str) {
        self.notice = Some(self.bank.ui(key).to_string());
    }

    /// Picks the highlighted diagnosis, or unpicks it if it was picked.
    fn toggle_pick(&mut self) {
        let d = self.diagnosis_cursor;
        match self.rank_of(d) {
            Some(i) => _ = self.differential.remove(i),
            None if self.differential.len() >= MAX_DIFFERENTIAL => {
                self.say("practice.three_picked")
            }
            None => self.differential.push(d),
        }
    }

    /// Moves the highlighted diagnosis `delta` places in the differential.
    fn reorder(&mut self, delta: isize) {
        if let Some(i) = self.rank_of(self.diagnosis_cursor) {
            let j = moved(i, delta, self.differential.len());
            self.differential.swap(i, j);
        }
    }

    fn next(&mut self) {
        match self.screen {
            Screen::Interview => {
                self.searching = false;
                self.screen = Screen::Commit(Step::Differential);
            }
            Screen::Commit(Step::Differential) if self.differential.is_empty() => {
                self.say("practice.pick_first")
            }
            Screen::Commit(Step::Differential) => self.screen = Screen::Commit(Step::Urgency),
            _ => {}
        }
    }

    fn back(&mut self) {
        self.screen = match self.screen {
            Screen::Commit(Step::Urgency) => Screen::Commit(Step::Differential),
            Screen::Commit(Step::Differential) => Screen::Interview,
            s => s,
        };
    }

    /// Judges the answer and shows the feedback.
    fn submit(&mut self) {
        if self.differential.is_empty() {
            self.screen = Screen::Commit(Step::Differential);
            self.say("practice.pick_first");
            return;
        }
        let Some(urgency) = self
            .level_cursor
            .and_then(|c| self.levels().get(c).copied())
        else {
            self.say("practice_commit.choose_urgency");
            return;
        };
        let f = self
            .interview
            .commit(&self.bank, &self.differential, urgency);
        let _ = self.feedback.set(f);
        self.screen = Screen::Feedback;
        self.feedback_scroll = 0;
    }

    fn confirm(&mut self) {
        match self.screen {
            Screen::Interview if self.visible().contains(&self.cursor) => self.ask(self.cursor),
            Screen::Interview => self.searching = false,
            Screen::Commit(Step::Differential) => self.toggle_pick(),
            Screen::Commit(Step::Urgency) => self.submit(),
            Screen::Feedback => {}
        }
    }

    fn click(&mut self, column: u16, row: u16, drawn: &Drawn) {
        let Some(target) = drawn.targets.hit(column, row) else {
            return;
        };
        if self.confirm_quit
            && !matches!(
                target,
                Target::Button(Action::QuitConfirmed | Action::Dismiss)
            )
        {
            return;
        }
        self.notice = None;
        match target {
            Target::Button(a) => update(self, a, drawn),
            Target::Question(i) if self.screen == Screen::Interview => self.ask(i),
            Target::SearchBox if self.screen == Screen::Interview => self.searching = true,
            Target::Diagnosis(d) if self.screen == Screen::Commit(Step::Differential) => {
                self.diagnosis_cursor = d;
                self.toggle_pick();
            }
            Target::Level(i) if self.screen == Screen::Commit(Step::Urgency) => {
                self.level_cursor = Some(i);
            }
            _ => {}
        }
    }

    fn wheel(&mut self, column: u16, row: u16, delta: isize, drawn: &Drawn) {
        let over_transcript = drawn.transcript_area.contains(Position::new(column, row));
        match self.screen {
            Screen::Interview if over_transcript => {
                self.scroll_transcript(3 * delta, drawn.transcript)
            }
            Screen::Feedback => self.move_cursor(3 * delta, drawn),
            _ => self.move_cursor(delta, drawn),
        }
    }

    /// An action with "Quit?" not showing.
    fn screen_action(&mut self, action: Action, drawn: &Drawn) {
        match action {
            Action::Up => self.move_cursor(-1, drawn),
            Action::Down => self.move_cursor(1, drawn),
            Action::PageUp | Action::PageDown => {
                let sign = if action == Action::PageUp { -1 } else { 1 };
                match self.screen {
                    Screen::Interview => {
                        self.scroll_transcript(sign * drawn.transcript.page(), drawn.transcript)
                    }
                    Screen::Feedback => self.move_cursor(sign * drawn.feedback.page(), drawn),
                    Screen::Commit(_) => self.move_cursor(sign * 100, drawn),
                }
            }
            Action::Home => self.move_cursor(-(u16::MAX as isize), drawn),
            Action::End => self.move_cursor(u16::MAX as isize, drawn),
            Action::Search if self.screen == Screen::Interview => {
                self.search.reset();
                self.searching = true;
            }
            Action::Edit(req) if self.screen == Screen::Interview && self.searching => {
                self.search.handle(req);
                self.settle_cursor();
            }
            Action::KeepSearch => self.searching = false,
            Action::ClearSearch => {
                self.search.reset();
                self.searching = false;
                self.settle_cursor();
            }
            Action::Confirm => self.confirm(),
            Action::Raise if self.screen == Screen::Commit(Step::Differential) => self.reorder(-1),
            Action::Lower if self.screen == Screen::Commit(Step::Differential) => self.reorder(1),
            Action::Next => self.next(),
            Action::Back => self.back(),
            Action::AskQuit => {
                self.searching = false;
                self.confirm_quit = true;
            }
            Action::ScrollUp { column, row } => self.wheel(column, row, -1, drawn),
            Action::ScrollDown { column, row } => self.wheel(column, row, 1, drawn),
            Action::Search | Action::Edit(_) | Action::Raise | Action::Lower => {}
            Action::QuitConfirmed | Action::Dismiss | Action::QuitNow | Action::Click { .. } => {}
        }
    }
}

/// Applies an action to the state, given where the last frame drew things.
/// The only place the state changes.
pub fn update(app: &mut PracticeApp, action: Action, drawn: &Drawn) {
    match (app.confirm_quit, action) {
        (_, Action::QuitNow) => app.should_quit = true,
        (_, Action::Click { column, row }) => app.click(column, row, drawn),
        (true, Action::QuitConfirmed) => app.should_quit = true,
        (true, Action::Dismiss | Action::AskQuit) => app.confirm_quit = false,
        (true, _) => {}
        (false, action) => {
            // A notice answers the last action; the next one clears it.
            app.notice = None;
            app.screen_action(action, drawn);
        }
    }
}
