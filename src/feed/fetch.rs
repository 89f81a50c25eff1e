//! Fetching every subscription: a few worker threads, at most [`FetchOptions::per_host`]
//! requests in flight to any one host, each result handed back to the calling thread as it
//! arrives (the library connection stays on that thread). One feed failing never stops the
//! others. This module never prints.

use std::collections::HashMap;
use std::sync::{mpsc, Condvar, Mutex};

use super::http::{self, Fetched, HttpOptions, Validators};
use super::store::Subscription;
use super::{parse_feed_from, FeedItems};
use crate::library::Library;
use crate::parse::ParseOptions;
use crate::Article;

#[derive(Debug, Clone)]
pub struct FetchOptions {
    pub http: HttpOptions,
    /// Fetches in flight at once.
    pub workers: usize,
    /// Fetches in flight to one host at once.
    pub per_host: usize,
    /// The config file's `[parse]` rules: items split body / insight as files do.
    pub parse: ParseOptions,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions { http: HttpOptions::default(), workers: 8, per_host: 2, parse: ParseOptions::default() }
    }
}

/// How one feed's fetch went.
#[derive(Debug)]
pub enum Outcome {
    /// New content: the feed's title and its items, keys set (`URL#ITEM`), text sanitised.
    Fetched {
        title: Option<String>,
        items: Vec<Article>,
        validators: Validators,
    },
    /// 304 Not Modified.
    Unchanged,
    Failed(String),
}

/// True for the URLs fetched over the network; anything else is a feed file's path.
pub fn is_web(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The host part of a web URL ("" for files): the unit of the per-host bound.
fn host(url: &str) -> String {
    if !is_web(url) {
        return String::new();
    }
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    host.to_ascii_lowercase()
}

/// The feeds still to fetch and how many fetches each host has running.
struct Queue {
    pending: Vec<usize>,
    busy: HashMap<String, usize>,
}

impl Queue {
    /// The next feed whose host has fewer than `per_host` fetches running, waiting while every
    /// pending feed's host is busy; `None` once nothing is pending. (A local file has no host.)
    fn take(queue: &Mutex<Queue>, freed: &Condvar, hosts: &[String], per_host: usize) -> Option<usize> {
        let mut q = queue.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            if q.pending.is_empty() {
                return None;
            }
            let free = |h: &String| h.is_empty() || q.busy.get(h).copied().unwrap_or(0) < per_host;
            if let Some(at) = q.pending.iter().rposition(|&i| free(&hosts[i])) {
                let i = q.pending.remove(at);
                *q.busy.entry(hosts[i].clone()).or_default() += 1;
                return Some(i);
            }
            q = freed.wait(q).unwrap_or_else(|p| p.into_inner());
        }
    }

    /// One fetch from `host` has ended.
    fn release(queue: &Mutex<Queue>, host: &str) {
        let mut q = queue.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(n) = q.busy.get_mut(host) {
            *n = n.saturating_sub(1);
        }
    }
}

/// Fetches every subscription in `subs`; `done(i, outcome)` runs on this thread for each,
/// in the order they finish.
pub fn fetch_all(subs: &[Subscription], opts: &FetchOptions, mut done: impl FnMut(usize, Outcome)) {
    if subs.is_empty() {
        return;
    }
    let agent = http::agent(&opts.http);
    let queue = Mutex::new(Queue { pending: (0..subs.len()).rev().collect(), busy: HashMap::new() });
    let freed = Condvar::new();
    let hosts: Vec<String> = subs.iter().map(|s| host(&s.url)).collect();
    let (tx, rx) = mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..opts.workers.clamp(1, subs.len()) {
            let tx = tx.clone();
            let (queue, freed, hosts, agent) = (&queue, &freed, &hosts, &agent);
            scope.spawn(move || loop {
                // Take the next feed whose host has a free slot; wait while all are busy.
                let Some(i) = Queue::take(queue, freed, hosts, opts.per_host.max(1)) else { return };
                let outcome = fetch_one(agent, opts, &subs[i]);
                Queue::release(queue, &hosts[i]);
                freed.notify_all();
                if tx.send((i, outcome)).is_err() {
                    return;
                }
            });
        }
        drop(tx);
        for (i, outcome) in rx {
            done(i, outcome);
        }
    });
}

/// How one feed's fetch ended once stored in the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedResult {
    /// `items` in the feed now, `new` of them not stored before.
    Fetched {
        items: usize,
        new: usize,
    },
    Unchanged,
    /// The fetch, or storing what it got, failed.
    Failed(String),
}

/// Fetches every subscription in `subs` and stores what each gave in `lib` (items, validators,
/// the error of a feed that failed); `done(i, stored)` runs on this thread for each, in the
/// order they finish. The CLI's `fetch` and the reader's `r` both come here.
pub fn fetch_into(
    lib: &mut Library,
    subs: &[Subscription],
    opts: &FetchOptions,
    mut done: impl FnMut(usize, FeedResult),
) {
    fetch_all(subs, opts, |i, outcome| {
        let url = &subs[i].url;
        let stored = match outcome {
            Outcome::Fetched { title, items, validators } => {
                match lib.store_fetch(url, title.as_deref(), &validators, &items) {
                    Ok(s) => FeedResult::Fetched { items: items.len(), new: s.new },
                    Err(e) => FeedResult::Failed(format!("cannot store the items: {e}")),
                }
            }
            Outcome::Unchanged => {
                // Only the time of the check is lost if this write fails.
                let _ = lib.feed_unchanged(url);
                FeedResult::Unchanged
            }
            Outcome::Failed(e) => {
                let _ = lib.feed_failed(url, &e);
                FeedResult::Failed(e)
            }
        };
        done(i, stored);
    });
}

/// Fetches (or reads) and parses one feed.
pub fn fetch_one(agent: &ureq::Agent, opts: &FetchOptions, sub: &Subscription) -> Outcome {
    let (bytes, validators) = if is_web(&sub.url) {
        match http::get(agent, &opts.http, &sub.url, &sub.validators) {
            Ok(Fetched::NotModified) => return Outcome::Unchanged,
            Ok(Fetched::Body { bytes, validators }) => (bytes, validators),
            Err(e) => return Outcome::Failed(e),
        }
    } else {
        match read_file(&sub.url, opts.http.max_bytes) {
            Ok(bytes) => (bytes, Validators::default()),
            Err(e) => return Outcome::Failed(e),
        }
    };
    let source = is_web(&sub.url).then_some(sub.url.as_str());
    match parse_feed_from(&bytes, &opts.parse, source) {
        Ok(FeedItems { title, items }) => {
            let title = title.map(|t| crate::sanitize::clean_line(&t).into_owned());
            Outcome::Fetched { title, items: finish_items(&sub.url, items), validators }
        }
        Err(e) => Outcome::Failed(e.to_string()),
    }
}

/// A local feed file, read as the loader reads files: a FIFO or device named as a feed is an
/// error, never a hang.
fn read_file(path: &str, limit: u64) -> Result<Vec<u8>, String> {
    crate::load::read_limited(std::path::Path::new(path), limit)
        .map(|(bytes, ..)| bytes)
        .map_err(|e| e.to_string())
}

/// Gives each item its key (`URL#ITEM`), path and id, and cleans its text, as the loader
/// does for a feed file (so a file read directly and subscribed to share reading state).
pub fn finish_items(url: &str, items: Vec<Article>) -> Vec<Article> {
    let mut seen = std::collections::HashSet::new();
    items
        .into_iter()
        .filter_map(|mut a| {
            a.key = format!("{url}#{}", a.key);
            // A feed that repeats a guid: the first copy wins.
            if !seen.insert(a.key.clone()) {
                return None;
            }
            a.path = url.to_string();
            a.id = crate::model::slugify(&a.title);
            a.normalize();
            a.hash = a.content_hash();
            Some(a)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_and_web_urls() {
        assert_eq!(host("https://User@Example.com:8080/feed?x"), "example.com:8080");
        assert_eq!(host("/tmp/feed.xml"), "");
        assert!(is_web("HTTPS://x") && !is_web("ftp://x") && !is_web("/a/b"));
    }
}
