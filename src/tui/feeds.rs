//! `r` in the reader: fetching every subscribed feed in the background. A worker thread with a
//! library connection of its own fetches and stores as `triptych fetch` does, reports progress,
//! then reads the stored items back as a new corpus, which the App swaps in
//! ([`App::replace_corpus`]). The worker never touches the App and never prints; quitting
//! never waits for it (a feed cut off mid-transaction is rolled back by SQLite).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::thread;

use super::app::App;
use super::search::SearchRequest;
use crate::feed::fetch::{self, FeedResult, FetchOptions};
use crate::library::Library;
use crate::parse::ParseOptions;
use crate::Corpus;

/// What the reader's list was opened on: it decides what `r` can do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Shown {
    /// Files or folders named on the command line: `r` leaves them alone.
    #[default]
    Files,
    /// The bundled samples, shown while nothing is subscribed.
    Samples,
    /// The subscribed feeds' items (only the feed `only` with `--feed`).
    Feeds { only: Option<String> },
}

/// A fetch for the event loop to start.
#[derive(Debug, Clone)]
pub struct FetchRequest {
    pub only: Option<String>,
    pub opts: FetchOptions,
}

/// What the fetch worker reports.
#[derive(Debug)]
pub enum FetchEvent {
    /// `done` of `total` feeds fetched (or failed) so far.
    Progress {
        done: usize,
        total: usize,
    },
    Finished(Finished),
}

/// How a fetch ended.
#[derive(Debug)]
pub enum Finished {
    /// No feed is subscribed (or none of the name given with `--feed`).
    NothingSubscribed,
    /// The library could not be opened or read.
    Failed(String),
    /// The subscribed feeds' items as stored now, and the names of the feeds that failed.
    Fetched { corpus: Corpus, failed: Vec<String>, subscribed: usize },
}

/// The reader's side of feeds.
#[derive(Debug, Clone, Default)]
pub struct FeedState {
    pub shown: Shown,
    /// Whether there is a library to fetch into (not with `--no-library`).
    pub library: bool,
    /// While a fetch runs: feeds done and in all (0 until the worker has counted them).
    pub fetching: Option<(usize, usize)>,
    /// A fetch for the event loop to start.
    pub request: Option<FetchRequest>,
    /// Keys of items that arrived with a fetch in this session and have not been opened.
    pub new: HashSet<String>,
    /// The config file's `[parse]` rules, for splitting fetched items.
    pub parse: ParseOptions,
}

/// Starts the fetch on a thread of its own with its own library connection at `library`.
pub fn spawn(library: PathBuf, request: FetchRequest, reply: impl Fn(FetchEvent) + Send + 'static) {
    thread::spawn(move || {
        let finished = fetch_and_read(&library, &request, &reply);
        reply(FetchEvent::Finished(finished));
    });
}

fn fetch_and_read(library: &Path, request: &FetchRequest, reply: &impl Fn(FetchEvent)) -> Finished {
    let (lib, warnings) = Library::open(library);
    let Some(mut lib) = lib else {
        return Finished::Failed(warnings.join("; "));
    };
    let mut subs = match lib.feeds() {
        Ok(s) => s,
        Err(e) => return Finished::Failed(e.to_string()),
    };
    if let Some(only) = &request.only {
        subs.retain(|s| &s.name == only);
    }
    let total = subs.len();
    if total == 0 {
        return Finished::NothingSubscribed;
    }
    reply(FetchEvent::Progress { done: 0, total });
    let (mut done, mut failed) = (0, Vec::new());
    fetch::fetch_into(&mut lib, &subs, &request.opts, |i, stored| {
        done += 1;
        if let FeedResult::Failed(_) = stored {
            failed.push(subs[i].name.clone());
        }
        reply(FetchEvent::Progress { done, total });
    });
    failed.sort();
    match lib.feed_items(request.only.as_deref(), &request.opts.parse) {
        Ok(items) => Finished::Fetched { corpus: Corpus::new(items), failed, subscribed: total },
        Err(e) => Finished::Failed(e.to_string()),
    }
}

impl App {
    /// `r`: asks the event loop to fetch, unless that cannot help.
    pub fn start_fetch(&mut self) {
        let key = |app: &App| app.keymap.key_text(super::action::Action::Fetch);
        if let Some((done, total)) = self.feeds.fetching {
            self.flash = Some(format!("already fetching: {done}/{total} feeds done"));
            return;
        }
        if self.feeds.shown == Shown::Files {
            self.flash = Some(format!(
                "{} fetches the subscribed feeds; this list shows files (start triptych with no PATH to read feeds)",
                key(self)
            ));
            return;
        }
        if !self.feeds.library {
            self.flash = Some("feeds are kept in the library, and there is none (--no-library?)".to_string());
            return;
        }
        let only = match &self.feeds.shown {
            Shown::Feeds { only } => only.clone(),
            _ => None,
        };
        let opts = FetchOptions { parse: self.feeds.parse.clone(), ..Default::default() };
        self.feeds.request = Some(FetchRequest { only, opts });
        self.feeds.fetching = Some((0, 0));
    }

    /// Takes in the fetch worker's report. When the fetch is done the list shows the stored
    /// items (new ones marked) and the status bar says what happened; a search to run again
    /// on the new corpus is returned.
    pub fn apply_fetch(&mut self, event: FetchEvent) -> Option<SearchRequest> {
        let finished = match event {
            FetchEvent::Progress { done, total } => {
                self.feeds.fetching = Some((done, total));
                return None;
            }
            FetchEvent::Finished(f) => f,
        };
        self.feeds.fetching = None;
        let (corpus, failed, subscribed) = match finished {
            Finished::Failed(e) => {
                self.flash = Some(format!("cannot fetch: {}", crate::sanitize::clean_line(&e)));
                return None;
            }
            Finished::NothingSubscribed => {
                self.flash = Some(
                    "no feeds subscribed: `triptych feeds add URL` subscribes to one, then r fetches it"
                        .to_string(),
                );
                return None;
            }
            Finished::Fetched { corpus, failed, subscribed } => (corpus, failed, subscribed),
        };
        if self.feeds.shown == Shown::Samples {
            self.feeds.shown = Shown::Feeds { only: None };
        }
        let before = self.feeds.new.len();
        let request = self.replace_corpus(corpus);
        let new = self.feeds.new.len() - before;
        let items = if new == 1 { "1 new item".to_string() } else { format!("{new} new items") };
        // Names come from the user and from OPML files: drawn only once cleaned.
        let failed: Vec<String> =
            failed.iter().map(|n| crate::sanitize::clean_line(n).into_owned()).collect();
        self.flash = Some(match failed.len() {
            0 if subscribed == 1 => format!("{items} from 1 feed"),
            0 => format!("{items} from {subscribed} feeds"),
            1 => format!("{items}, 1 feed failed: {}", failed[0]),
            n => format!("{items}, {n} feeds failed: {}", failed.join(", ")),
        });
        request
    }

    /// Whether the item is new since this session's last fetch and not yet opened.
    pub fn is_new(&self, key: &str) -> bool {
        self.feeds.new.contains(key)
    }
}
