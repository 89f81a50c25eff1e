//! The three-pane reader: article list | body | insight.
//!
//! State / update / view: `app::App` holds the state, `action::Action` is what the user asks
//! for (mapped from keys by `keymap`), `update::update` applies it, and `view::render` draws.
//! What reaches outside the reader (browser, editor, pager, clipboard) is an `effect::Effect`
//! that `update` leaves in `App::effect` and the event loop performs, handing the terminal over
//! while the `input` thread is parked. This module owns the terminal: it never parses files.

mod act;
pub mod action;
pub mod anchor;
pub mod app;
pub mod compare;
pub mod effect;
pub mod feeds;
pub mod gauges;
pub mod heap;
mod input;
pub mod keymap;
pub mod layout;
pub mod outside;
pub mod overlay;
pub mod reading;
pub mod related;
mod reload;
mod replace;
pub mod search;
pub mod theme;
pub mod update;
pub mod view;
pub mod wrap;

use std::io::{self, stdout, IsTerminal};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::thread;
use std::time::Duration;

use crossterm::event::{DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseEventKind};
use crossterm::execute;
use ratatui::layout::Rect;

use action::Action;
use app::App;

use crate::config::Config;
use crate::library::Library;
use crate::Corpus;

/// Loads the articles with their texts (see [`run`]).
pub type TextLoader = Box<dyn FnOnce(&mut dyn FnMut(Corpus, usize, usize)) -> Texts + Send>;

/// What a [`TextLoader`] gives at the end: the articles with their texts, and the load's
/// warnings when they were not known before the reader started (a first start reads the files
/// after the first frame).
#[derive(Debug, Default)]
pub struct Texts {
    pub corpus: Corpus,
    pub warnings: Vec<String>,
}

/// Reads an article's file again (after `e`), by the loader's rules: the article with the same
/// key, or `None` when the file no longer holds it or cannot be read.
pub type Reload = Box<dyn Fn(&crate::Article) -> Option<crate::Article>>;

/// How the reader starts besides its articles.
#[derive(Default)]
pub struct Start {
    /// With it, the articles are outlines (from the list index): the list is drawn at once,
    /// then this runs on another thread and the articles it gives replace the outlines.
    pub texts: Option<TextLoader>,
    /// The articles are only the first rows of the list index, not yet checked against the
    /// files: the list says so until `texts` brings the whole list.
    pub peek: bool,
    /// Load warnings already found.
    pub warnings: Vec<String>,
    /// Reads an edited article again; without it `e` shows the old text until a restart.
    pub reload: Option<Reload>,
}

/// What wakes the event loop.
enum Msg {
    Input(Event),
    InputFailed(io::Error),
    Search(search::SearchResponse),
    Compare(compare::CompareResponse),
    /// Related articles, or a claim's outside links.
    Related(related::Answer),
    /// More grounding gauges are ready: redraw.
    Gauges,
    /// The fetch started with `r` made progress or finished.
    Fetch(feeds::FetchEvent),
    /// The articles with their texts, replacing the outlines the reader started with.
    Texts(Texts),
    /// At a first start, the outlines of the articles read so far: files done, files.
    Outlines(Corpus, usize, usize),
}

/// How often the event loop wakes to check for SIGTERM / SIGHUP when no input arrives.
const SIGNAL_POLL: Duration = Duration::from_millis(200);

/// How the reader ended: the user quit (or the terminal went away), or a signal told it to
/// stop — the binary then exits with 128 + the signal's number, as a shell reports a kill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    Quit,
    Signal(i32),
}

/// Runs the reader until the user quits or the process is told to stop. `warnings` are the
/// load warnings already printed to stderr (shown again once the reader exits, and in the
/// reader with `w`). With a library, reading state is restored at start and saved as it
/// changes. `config` gives the keys, theme and layout (`NO_COLOR` still wins over its theme).
/// `shown` says what the corpus is (files, samples, feed items): what `r` may fetch.
/// `start` says whether `corpus` holds outlines to be replaced (see [`Start`]).
pub fn run(
    corpus: Corpus,
    start: Start,
    library: Option<Library>,
    config: &Config,
    shown: feeds::Shown,
) -> io::Result<Ended> {
    let Start { texts, peek, mut warnings, reload } = start;
    heap::share_arenas();
    let saved = library.as_ref().map(|l| saved_state(l, &mut warnings)).unwrap_or_default();
    let mut store = Store { library };
    // The number of the signal that asked the reader to stop; 0 while none has.
    let stop = Arc::new(AtomicUsize::new(0));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register_usize(signal, Arc::clone(&stop), signal as usize)?;
    }
    // Ctrl-C in an editor or pager the reader started (raw mode off) reaches the reader too:
    // caught, so it does not end the reader under the program. In raw mode Ctrl-C is a key.
    signal_hook::flag::register(signal_hook::consts::SIGINT, Arc::new(AtomicBool::new(false)))?;
    // ratatui::init enters raw mode and the alternate screen and installs a panic hook that
    // restores them; mouse capture is ours to undo, on panic too.
    // try_init, not init: a terminal that cannot be set up (no controlling terminal, a closed
    // pty) is an error to report, not a panic.
    let mut terminal = match ratatui::try_init() {
        Ok(t) => t,
        Err(e) => {
            ratatui::restore();
            return Err(e);
        }
    };
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture);
        ratatui_hook(info);
    }));
    // Warnings found once the reader was up, printed when it leaves, as the others were before.
    let printed = warnings.len();
    let mut late = Vec::new();
    let result = execute!(stdout(), EnableMouseCapture).and_then(|_| {
        let size = terminal.size()?;
        let mut app = App::new(corpus, Rect::new(0, 0, size.width, size.height));
        app.loading = texts.is_some();
        app.peek = peek;
        app.configure(config);
        app.theme = theme::Theme::unless_no_color(config.theme.clone());
        app.warnings = warnings;
        app.feeds.shown = shown;
        app.feeds.library = store.library.as_ref().is_some_and(|l| !l.is_read_only());
        app.restore(saved);
        if store.library.as_ref().is_some_and(Library::is_read_only) {
            app.reading.note = Some("read-only library: not saving".into());
        }
        let result = event_loop(&mut terminal, &mut app, texts, reload, &stop, &mut store);
        app.leave();
        store.save(&mut app);
        late = app.warnings.split_off(printed.min(app.warnings.len()));
        result
    });
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
    for line in late {
        eprintln!("{line}");
    }
    result.map(|()| match stop.load(Ordering::Relaxed) {
        0 => Ended::Quit,
        signal => Ended::Signal(signal as i32),
    })
}

/// Input and search answers arrive on one channel, so typing never waits for a search: the
/// worker drops queries that newer keystrokes replaced, and the view shows the latest answer.
fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    texts: Option<TextLoader>,
    reload: Option<Reload>,
    stop: &AtomicUsize,
    store: &mut Store,
) -> io::Result<()> {
    let (tx, rx) = mpsc::channel();
    let input = tx.clone();
    let gate = Arc::new(input::InputGate::default());
    let reader_gate = Arc::clone(&gate);
    thread::spawn(move || {
        input::read_events(&reader_gate, |event| {
            input.send(event.map_or_else(Msg::InputFailed, Msg::Input)).is_ok()
        })
    });
    let library = store.library.as_ref().map(|l| l.path().to_path_buf());
    // Nothing is derived from outlines (a grounding or signature of an empty text would be
    // stored): the workers start with the texts, and requests wait for them.
    let mut workers = (!app.loading).then(|| Workers::start(app, &tx, library.clone()));
    let mut waiting = Waiting::default();
    terminal.draw(|f| view::render(app, f))?;
    // After the first frame, so that it does not wait for the cores.
    if let Some(texts) = texts {
        let texts_tx = tx.clone();
        thread::spawn(move || {
            let partial_tx = texts_tx.clone();
            let mut partial = |corpus, done, of| {
                let _ = partial_tx.send(Msg::Outlines(corpus, done, of));
            };
            let _ = texts_tx.send(Msg::Texts(texts(&mut partial)));
        });
    }
    while !app.quit && stop.load(Ordering::Relaxed) == 0 {
        let first = match rx.recv_timeout(SIGNAL_POLL) {
            Ok(msg) => msg,
            // crossterm's reader loops on a hung-up terminal without reporting it, so its
            // silence is checked here: a terminal that went away ends the reader.
            Err(mpsc::RecvTimeoutError::Timeout) if !terminal_present() => break,
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        };
        // Handle everything already queued before drawing once: bursts of keys cost one frame.
        for msg in std::iter::once(first).chain(rx.try_iter()) {
            let search = match msg {
                Msg::Input(event) => {
                    let mut request = apply_input(app, event);
                    if let Some(effect) = app.effect.take() {
                        // The article edited, to read again when the editor is done.
                        let edited =
                            matches!(effect, effect::Effect::Edit(_)).then(|| app.article().cloned());
                        let said = effect::perform(effect, terminal, &gate, app.osc52);
                        // The terminal may have been resized while another program had it.
                        if let Ok(size) = terminal.size() {
                            let (width, height) = (size.width, size.height);
                            update::update(app, Action::Resize { width, height });
                        }
                        app.flash = (!said.is_empty()).then_some(said);
                        if let (Some(Some(article)), Some(reload)) = (edited, &reload) {
                            match reload(&article) {
                                Some(new) => request = app.reloaded(new).or(request),
                                None => {
                                    app.flash = Some(format!(
                                        "cannot read {} again: the old text stays",
                                        article.path
                                    ))
                                }
                            }
                        }
                    }
                    request
                }
                Msg::Search(response) => {
                    app.apply_search(response);
                    None
                }
                Msg::Compare(response) => {
                    app.apply_compare(response);
                    None
                }
                Msg::Related(related::Answer::Related(response)) => {
                    app.apply_related(response);
                    None
                }
                Msg::Related(related::Answer::Outside(response)) => {
                    app.apply_outside(response);
                    None
                }
                Msg::Fetch(event) => app.apply_fetch(event),
                Msg::Gauges => {
                    app.gauges_arrived();
                    None
                }
                Msg::Texts(Texts { corpus, warnings }) => {
                    app.set_texts(corpus);
                    app.late_warnings(warnings);
                    // The outlines and the loader's buffers are free now, amid the texts.
                    heap::give_back_soon();
                    None
                }
                Msg::Outlines(corpus, done, of) => {
                    app.set_outlines(corpus, done, of);
                    None
                }
                // Input ended with the terminal (hang-up, end of file): a clean end, not an error.
                Msg::InputFailed(_) if !terminal_present() => return Ok(()),
                Msg::InputFailed(e) => return Err(e),
            };
            if app.quit {
                return Ok(());
            }
            waiting.search = search.or(waiting.search.take());
            waiting.compare = app.compare_request.take().or(waiting.compare.take());
            waiting.related = app.related_request.take().or(waiting.related.take());
            waiting.outside = app.outside_request.take().or(waiting.outside.take());
            // Workers start once the texts are in, and again when the corpus is replaced:
            // workers on the old one are let go (each ends when its channel closes; the gauges
            // thread was told to stop).
            if !app.loading && workers.as_ref().is_none_or(|w| w.epoch != app.corpus_epoch) {
                workers = Some(Workers::start(app, &tx, library.clone()));
            }
            if let Some(workers) = &workers {
                workers.send(&mut waiting);
            }
            start_fetch(app, &tx, library.as_ref());
        }
        // One transaction per burst of input: a kill loses at most the last action.
        store.save(app);
        match terminal.draw(|f| view::render(app, f)) {
            Err(_) if !terminal_present() => return Ok(()),
            r => r?,
        };
    }
    Ok(())
}

/// The worker threads that answer questions about one corpus (`epoch`).
struct Workers {
    epoch: u64,
    search: mpsc::Sender<search::SearchRequest>,
    compare: mpsc::Sender<compare::CompareRequest>,
    /// Related articles and compare mode's outside links.
    related: mpsc::Sender<related::Ask>,
}

/// Requests made before the workers started (while the texts were loading): the latest of each.
#[derive(Default)]
struct Waiting {
    search: Option<search::SearchRequest>,
    compare: Option<compare::CompareRequest>,
    related: Option<related::RelatedRequest>,
    outside: Option<outside::OutsideRequest>,
}

impl Workers {
    /// Starts the search, compare and related workers and the gauges thread on `app.corpus`.
    fn start(app: &App, tx: &mpsc::Sender<Msg>, library: Option<PathBuf>) -> Workers {
        let gauges_tx = tx.clone();
        gauges::spawn(Arc::clone(&app.corpus), Arc::clone(&app.gauges), library, move || {
            let _ = gauges_tx.send(Msg::Gauges);
        });
        let (search_tx, compare_tx, related_tx) = (tx.clone(), tx.clone(), tx.clone());
        Workers {
            epoch: app.corpus_epoch,
            search: search::spawn_worker(Arc::clone(&app.corpus), move |r| {
                let _ = search_tx.send(Msg::Search(r));
            }),
            compare: compare::spawn_worker(Arc::clone(&app.corpus), app.conflicts, move |r| {
                let _ = compare_tx.send(Msg::Compare(r));
            }),
            related: related::spawn_worker(Arc::clone(&app.corpus), move |r| {
                let _ = related_tx.send(Msg::Related(r));
            }),
        }
    }

    /// Hands the requests waiting for them to the threads that do them.
    fn send(&self, waiting: &mut Waiting) {
        if let Some(r) = waiting.search.take() {
            let _ = self.search.send(r);
        }
        if let Some(r) = waiting.compare.take() {
            let _ = self.compare.send(r);
        }
        if let Some(r) = waiting.related.take() {
            let _ = self.related.send(related::Ask::Related(r));
        }
        if let Some(r) = waiting.outside.take() {
            let _ = self.related.send(related::Ask::Outside(r));
        }
    }
}

/// Starts the fetch `r` asked for, on its own thread with its own library connection.
fn start_fetch(app: &mut App, tx: &mpsc::Sender<Msg>, library: Option<&PathBuf>) {
    let Some(request) = app.feeds.request.take() else { return };
    match library {
        Some(path) => {
            let tx = tx.clone();
            feeds::spawn(path.clone(), request, move |e| {
                let _ = tx.send(Msg::Fetch(e));
            });
        }
        None => {
            app.feeds.fetching = None;
            app.flash = Some("feeds are kept in the library, and there is none to use".to_string());
        }
    }
}

/// False once the terminal has hung up: the kernel then fails every terminal request on it
/// (`isatty` is one), even when no SIGHUP was delivered (e.g. a process started with `setsid`).
fn terminal_present() -> bool {
    stdout().is_terminal()
}

/// Where reading state goes: the library, until a write fails; nowhere when it is read-only.
struct Store {
    library: Option<Library>,
}

impl Store {
    /// Writes the app's queued changes; on failure says so once in the status bar and stops
    /// saving, and reading goes on.
    fn save(&mut self, app: &mut App) {
        let changes = std::mem::take(&mut app.reading.outbox);
        let Some(library) = self.library.as_mut().filter(|l| !l.is_read_only()) else { return };
        if let Err(e) = library.apply(&changes) {
            app.reading.note = Some(format!("not saving reading state: {e}"));
            self.library = None;
        }
    }
}

/// What the library remembers from the last session; whatever cannot be read is left out.
/// A part that cannot be read is a warning (the reader would otherwise show every article as
/// unread without saying why).
fn saved_state(library: &Library, warnings: &mut Vec<String>) -> reading::Saved {
    let mut or_warn = |what: &str, e: rusqlite::Error| {
        let warning = format!("warning: cannot read the {what} from the library: {e}");
        if !warnings.contains(&warning) {
            warnings.push(warning);
        }
    };
    let mut session = |name: &str| {
        library.session(name).unwrap_or_else(|e| {
            or_warn("last session", e);
            None
        })
    };
    let saved = reading::Saved {
        selected: session("selected"),
        focus: session("focus"),
        filter: session("filter"),
        ..Default::default()
    };
    reading::Saved {
        marks: library.marks().unwrap_or_else(|e| {
            or_warn("read and star marks", e);
            Default::default()
        }),
        history: library.history().unwrap_or_else(|e| {
            or_warn("search history", e);
            Vec::new()
        }),
        ..saved
    }
}

/// An input event applied: its action, if any. A key with no action still ends the message
/// on the status line (README: a message lasts until the next key).
fn apply_input(app: &mut App, event: Event) -> Option<search::SearchRequest> {
    let pressed = matches!(&event, Event::Key(key) if key.kind != KeyEventKind::Release);
    match to_action(app, event) {
        Some(action) => update::update(app, action),
        None => {
            if pressed {
                app.flash = None;
            }
            None
        }
    }
}

fn to_action(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Release => None,
        Event::Key(key) if app.search.prompt.is_some() || app.link_prompt.is_some() => {
            app.keymap.prompt_action_for(&key)
        }
        Event::Key(key) => app.keymap.action_for(&key),
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => Some(Action::ScrollAt {
                column: m.column,
                row: m.row,
                down: m.kind == MouseEventKind::ScrollDown,
            }),
            MouseEventKind::Down(_) => Some(Action::ClickAt { column: m.column, row: m.row }),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_with_no_action_ends_the_status_message() {
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let mut app = App::new(crate::load::load_seeds().corpus, ratatui::layout::Rect::new(0, 0, 120, 40));
        let key = |c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        apply_input(&mut app, key('J'));
        assert!(app.flash.as_deref().is_some_and(|f| f.contains("linked facts panel")), "{:?}", app.flash);
        assert_eq!(app.keymap.action_for(&KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE)), None);
        apply_input(&mut app, key('x'));
        assert_eq!(app.flash, None, "the unbound key ended the message");
    }

    #[test]
    fn unreadable_reading_state_is_a_warning_not_silence() {
        let dir = tempfile::tempdir().unwrap();
        let library = Library::open(&dir.path().join("lib.sqlite3")).0.unwrap();
        let mut warnings = Vec::new();
        saved_state(&library, &mut warnings);
        assert!(warnings.is_empty(), "{warnings:?}");
        library.conn().execute_batch("DROP TABLE state; DROP TABLE session;").unwrap();
        let saved = saved_state(&library, &mut warnings);
        assert!(saved.marks.is_empty() && saved.selected.is_none());
        assert_eq!(warnings.len(), 2, "one per part, not one per session row: {warnings:?}");
        assert!(warnings[0].starts_with("warning: cannot read the "), "{warnings:?}");
        assert!(warnings.iter().any(|w| w.contains("read and star marks")), "{warnings:?}");
    }
}
