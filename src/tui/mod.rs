//! The three-pane reader: article list | body | insight.
//!
//! State / update / view: `app::App` holds the state, `action::Action` is what the user asks
//! for (mapped from keys by `keymap`), `update::update` applies it, and `view::render` draws.
//! This module owns the terminal: it never parses files.

pub mod action;
pub mod app;
pub mod keymap;
pub mod layout;
pub mod theme;
pub mod update;
pub mod view;
pub mod wrap;

use std::io::{self, stdout};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseEventKind};
use crossterm::execute;
use ratatui::layout::Rect;

use action::Action;
use app::App;

use crate::Corpus;

/// How often the event loop wakes to check for SIGTERM / SIGHUP when no input arrives.
const SIGNAL_POLL: Duration = Duration::from_millis(200);

/// Runs the reader until the user quits or the process is told to stop.
pub fn run(corpus: Corpus) -> io::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    // ratatui::init enters raw mode and the alternate screen and installs a panic hook that
    // restores them; mouse capture is ours to undo, on panic too.
    let mut terminal = ratatui::init();
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture);
        ratatui_hook(info);
    }));
    let result = execute!(stdout(), EnableMouseCapture).and_then(|_| {
        let size = terminal.size()?;
        let mut app = App::new(corpus, Rect::new(0, 0, size.width, size.height));
        app.theme = theme::Theme::from_env();
        event_loop(&mut terminal, &mut app, &stop)
    });
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App, stop: &AtomicBool) -> io::Result<()> {
    terminal.draw(|f| view::render(app, f))?;
    while !app.quit && !stop.load(Ordering::Relaxed) {
        if !event::poll(SIGNAL_POLL)? {
            continue;
        }
        let Some(action) = to_action(app, event::read()?) else {
            continue;
        };
        update::update(app, action);
        if !app.quit {
            terminal.draw(|f| view::render(app, f))?;
        }
    }
    Ok(())
}

fn to_action(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => app.keymap.action_for(&key),
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => Some(Action::ScrollAt {
                column: m.column,
                row: m.row,
                down: m.kind == MouseEventKind::ScrollDown,
            }),
            MouseEventKind::Down(_) => Some(Action::ClickAt {
                column: m.column,
                row: m.row,
            }),
            _ => None,
        },
        _ => None,
    }
}
