//! Drives an app the way the terminal loop does, on a test terminal: draw,
//! then an event (or an action) against where that frame drew things, then
//! the `Effect` it asks for done by a real `Io` (records in the folder the
//! test gives, or none) and its outcome fed back. Include it with
//! `#[path = "common/driver.rs"] mod driver;` (it uses `screen.rs`).

#![allow(dead_code)]

use std::ops::{Deref, DerefMut};
use std::time::Instant;

use hamstring_triage::app::practice::{self, PracticeApp};
use hamstring_triage::app::{self, Action, App, Screen};
use hamstring_triage::bank::Bank;
use hamstring_triage::practice::built_in;
use hamstring_triage::terminal::{Interactive, Io, draw, perform};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

/// An app, the terminal it draws on, where its last frame drew things, and
/// what does its effects.
pub struct Driver<A: Interactive> {
    pub state: A,
    pub drawn: A::Drawn,
    pub io: Io,
    pub terminal: Terminal<TestBackend>,
    /// The time effects are done at (a kiosk's clock moves by `tick`).
    pub now: Instant,
}

impl<A: Interactive> Deref for Driver<A> {
    type Target = A;
    fn deref(&self) -> &A {
        &self.state
    }
}

impl<A: Interactive> DerefMut for Driver<A> {
    fn deref_mut(&mut self) -> &mut A {
        &mut self.state
    }
}

impl<A: Interactive> Driver<A> {
    /// `app` on an 80x24 terminal, its effects done by `io`.
    pub fn new(app: A, io: Io) -> Self {
        Driver {
            state: app,
            drawn: A::Drawn::default(),
            io,
            terminal: Terminal::new(TestBackend::new(80, 24)).unwrap(),
            now: Instant::now(),
        }
    }

    /// The same on a terminal of this size.
    pub fn sized(mut self, w: u16, h: u16) -> Self {
        self.resize(w, h);
        self
    }

    pub fn resize(&mut self, w: u16, h: u16) {
        self.terminal.backend_mut().resize(w, h);
    }

    /// Draws a frame; returns its text, a line a row.
    pub fn draw(&mut self) -> String {
        draw(&mut self.terminal, &self.state, &mut self.drawn).unwrap();
        self.text()
    }

    /// The text of the last frame.
    pub fn text(&self) -> String {
        crate::screen::text(self.terminal.backend().buffer())
    }

    /// Draws a frame at `w` x `h`; returns the terminal it is on.
    pub fn render(&mut self, w: u16, h: u16) -> &Terminal<TestBackend> {
        self.resize(w, h);
        self.draw();
        &self.terminal
    }

    /// Draws a frame at `w` x `h` and returns its text.
    pub fn screen(&mut self, w: u16, h: u16) -> String {
        self.resize(w, h);
        self.draw()
    }

    /// A terminal event against the frame drawn first, and its effects.
    pub fn event(&mut self, event: Event) {
        self.draw();
        let effect = self.state.handle(&event, &self.drawn);
        perform(&mut self.state, &mut self.io, effect, self.now);
    }

    /// Time passes to `now`; true when the screen must be redrawn.
    pub fn tick(&mut self, now: Instant) -> bool {
        self.now = now;
        let (changed, effect) = self.state.tick(now);
        perform(&mut self.state, &mut self.io, effect, now);
        changed
    }

    /// A left click at a cell of the frame drawn first.
    pub fn click(&mut self, column: u16, row: u16) {
        self.event(mouse(MouseEventKind::Down(MouseButton::Left), column, row));
    }

    /// Where `needle` first starts on the last frame, as (x, y).
    pub fn find(&self, needle: &str) -> Option<(u16, u16)> {
        crate::screen::find(self.terminal.backend().buffer(), needle)
    }

    /// Draws a frame, finds `needle` on it and clicks its first letter;
    /// false when it is not on the screen.
    pub fn click_text(&mut self, needle: &str) -> bool {
        self.draw();
        match self.find(needle) {
            Some((x, y)) => {
                self.click(x, y);
                true
            }
            None => false,
        }
    }
}

/// A mouse event at a cell.
pub fn mouse(kind: MouseEventKind, column: u16, row: u16) -> Event {
    Event::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

/// The app is on question `id`.
#[track_caller]
pub fn at(app: &App, id: &str) {
    assert_eq!(app.screen, Screen::Question, "expected question {id}");
    assert_eq!(app.bank.questions[app.current].id, id);
}

/// The indexes of these option ids in the current question.
#[track_caller]
pub fn option_indexes(app: &App, ids: &[&str]) -> Vec<usize> {
    let q = &app.bank.questions[app.current];
    ids.iter()
        .map(|id| {
            q.options
                .iter()
                .position(|o| o.id == *id)
                .unwrap_or_else(|| panic!("no option {id} at {}", q.id))
        })
        .collect()
}

/// A questionnaire app driven with records in its settings' data folder.
pub fn drive(app: App) -> Driver<App> {
    let io = Io::new(app.settings.data_dir.as_deref());
    Driver::new(app, io)
}

impl Driver<App> {
    /// One action against the frame drawn first, and its effects.
    pub fn act(&mut self, action: Action) {
        self.draw();
        let effect = app::update(&mut self.state, action, &self.drawn);
        perform(&mut self.state, &mut self.io, effect, self.now);
    }

    /// Answers the current question with these option ids (a multi-select
    /// question is confirmed after ticking them, whatever was ticked before
    /// untouched).
    #[track_caller]
    pub fn answer(&mut self, ids: &[&str]) {
        assert_eq!(self.state.screen, Screen::Question, "not on a question");
        let picks = option_indexes(&self.state, ids);
        let multi = self.state.current_is_multi();
        if multi {
            for o in self.state.draft.clone() {
                self.act(Action::Pick(o));
            }
        }
        for o in picks {
            self.act(Action::Pick(o));
        }
        if multi {
            self.act(Action::Confirm);
        }
    }

    /// From the welcome screen along the first `n` answers of the calm path.
    #[track_caller]
    pub fn walk(&mut self, n: usize) {
        self.act(Action::Confirm);
        for ids in &crate::screen::CALM_PATH[..n] {
            self.answer(ids);
        }
    }

    /// Along the calm path to the location question (the pain map).
    #[track_caller]
    pub fn walk_to_location(&mut self) {
        self.walk(6);
        at(&self.state, "location");
    }

    /// From the welcome screen along the calm path to the review screen.
    #[track_caller]
    pub fn walk_to_review(&mut self) {
        self.walk(crate::screen::CALM_PATH.len());
        assert_eq!(self.state.screen, Screen::Review);
    }
}

/// The practice interview of one of the built-in cases, on `bank`.
pub fn practice_case(bank: Bank, case: &str, colour: bool) -> Driver<PracticeApp> {
    let (cases, bad) = built_in(&bank.vocab);
    assert!(bad.is_empty(), "{bad:?}");
    let case = cases
        .into_iter()
        .find(|c| c.id() == case)
        .unwrap_or_else(|| panic!("no case {case}"));
    Driver::new(PracticeApp::new(bank, case, colour), Io::default())
}

impl Driver<PracticeApp> {
    /// One action against the frame drawn first.
    pub fn act(&mut self, action: practice::Action) {
        self.draw();
        practice::update(&mut self.state, action, &self.drawn);
    }

    /// Asks the question with this bank id, highlighting it with the keys.
    #[track_caller]
    pub fn ask(&mut self, id: &str) {
        let app = &self.state;
        let target = app
            .askable
            .iter()
            .position(|a| app.bank.questions[a.question].id == id)
            .unwrap_or_else(|| panic!("no askable question {id}"));
        self.act(practice::Action::Home);
        while self.state.cursor != target {
            let before = self.state.cursor;
            self.act(practice::Action::Down);
            assert_ne!(self.state.cursor, before, "{id} is not reachable");
        }
        self.act(practice::Action::Confirm);
    }

    /// Highlights a diagnosis and picks (or unpicks) it.
    pub fn pick(&mut self, id: &str) {
        self.state.diagnosis_cursor = self.state.bank.diagnosis_index(id).unwrap();
        self.act(practice::Action::Confirm);
    }
}
