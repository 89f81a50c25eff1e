//! `triptych feeds …` (subscriptions, OPML) and `triptych fetch`. Progress and problems go to
//! stderr, data (lists, OPML) to stdout.

use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};

use super::{count, say, FeedsAction};
use crate::feed::fetch::{self, FeedResult, FetchOptions};
use crate::feed::opml;
use crate::feed::store::AddError;
use crate::library::Library;

fn library(flag: Option<&Path>) -> Option<Library> {
    let lib = super::open::open_library(false, flag);
    if lib.is_none() {
        say("error: subscriptions are kept in the library, and there is none to use (see the warning above)");
    }
    lib
}

pub fn run(action: &FeedsAction, flag: Option<&Path>, out: &mut dyn Write) -> Result<ExitCode> {
    let Some(mut lib) = library(flag) else { return Ok(ExitCode::from(2)) };
    match action {
        FeedsAction::Add { source, name } => {
            let url = match subscription_url(source) {
                Ok(u) => u,
                Err(e) => {
                    say(format_args!("error: {e}"));
                    return Ok(ExitCode::from(2));
                }
            };
            match add(&mut lib, &url, name.as_deref(), true) {
                Ok(name) => {
                    say(format_args!("subscribed to {url} as {name}; `triptych fetch` gets its items"))
                }
                Err(e) => {
                    say(format_args!("error: {url}: {e}"));
                    return Ok(ExitCode::from(1));
                }
            }
        }
        FeedsAction::List => {
            for s in lib.feeds().context("cannot read the library")? {
                let status = match (&s.error, s.fetched) {
                    (Some(e), _) => format!("failed: {e}"),
                    (None, Some(_)) => "ok".to_string(),
                    (None, None) => "not fetched yet".to_string(),
                };
                // Names and URLs come from the user and from OPML files: cleaned like any text.
                let clean = |t: &str| crate::sanitize::clean_line(t).into_owned();
                let title = s.title.as_deref().unwrap_or("-");
                let (name, url, title, status) =
                    (clean(&s.name), clean(&s.url), clean(title), clean(&status));
                writeln!(out, "{name}\t{url}\t{title}\t{}\t{status}", s.items)?;
            }
        }
        FeedsAction::Remove { name } => {
            if !lib.remove_feed(name).context("cannot write the library")? {
                say(format_args!("error: no feed named {name:?}; `triptych feeds list` shows them"));
                return Ok(ExitCode::from(1));
            }
            say(format_args!("unsubscribed from {name}"));
        }
        FeedsAction::Import { file } => {
            // A file that cannot be read or is no OPML is a bad argument, as for `feeds add`.
            let bytes = match std::fs::read(file) {
                Ok(b) => b,
                Err(e) => {
                    say(format_args!("error: cannot read {}: {e}", file.display()));
                    return Ok(ExitCode::from(2));
                }
            };
            let text = String::from_utf8_lossy(&bytes);
            let outlines = match opml::read(&text) {
                Ok(o) => o,
                Err(e) => {
                    say(format_args!("error: {}: {e}", file.display()));
                    return Ok(ExitCode::from(2));
                }
            };
            let (mut added, mut known) = (0, 0);
            for o in outlines {
                // A feed file (as `feeds export` writes file subscriptions) must exist here.
                let url = match subscription_url(&o.url) {
                    Ok(url) => url,
                    Err(_) => {
                        let url = crate::sanitize::clean_line(&o.url).into_owned();
                        say(format_args!("warning: skipped {url}: not an http(s) URL or a feed file here"));
                        continue;
                    }
                };
                // The OPML's name, numbered when taken.
                match add(&mut lib, &url, Some(&o.name), false) {
                    Ok(_) => added += 1,
                    Err(AddError::AlreadySubscribed(_)) => known += 1,
                    Err(e) => say(format_args!("warning: {}: {e}", o.url)),
                }
            }
            say(format_args!("imported {} ({known} already subscribed)", count(added, "feed")));
        }
        FeedsAction::Export => {
            let subs = lib.feeds().context("cannot read the library")?;
            let xml = opml::write(&subs).map_err(anyhow::Error::msg)?;
            writeln!(out, "{xml}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The URL to store for what the user gave: an http(s) URL as given, a file by its canonical
/// path (so reading it directly and through the subscription share reading state).
fn subscription_url(source: &str) -> Result<String, String> {
    if fetch::is_web(source) {
        return Ok(source.trim().to_string());
    }
    let path = source.strip_prefix("file://").unwrap_or(source);
    if source.contains("://") && !source.starts_with("file://") {
        return Err(format!("{source:?} is not an http(s) URL or a feed file"));
    }
    match std::fs::canonicalize(path) {
        Ok(p) if p.is_file() => {
            // Said now rather than at the first fetch: a file that is no feed is no subscription.
            let mut bytes = Vec::new();
            let limit = crate::feed::MAX_FEED_BYTES as u64 + 1;
            let read = std::fs::File::open(&p).and_then(|f| f.take(limit).read_to_end(&mut bytes));
            match read {
                Err(e) => Err(format!("{source}: {e}")),
                Ok(_) if bytes.len() > crate::feed::MAX_FEED_BYTES => Err(format!(
                    "{source} is larger than a feed may be ({} bytes)",
                    crate::feed::MAX_FEED_BYTES
                )),
                Ok(_) => match crate::feed::parse(&bytes, &Default::default()) {
                    Ok(_) => Ok(p.to_string_lossy().into_owned()),
                    Err(e) => Err(format!("{source} is not a feed: {e}")),
                },
            }
        }
        Ok(_) => Err(format!("{source} is not a file")),
        Err(e) => Err(format!("{source}: {e} (give an http(s) URL or a feed file)")),
    }
}

/// Subscribes to `url` under `name`, else under a name made from the URL (`example.com`, the
/// file's stem). A name given with `exact` must be free; any other is numbered when taken
/// (`bbc-2`). Returns the name used.
fn add(lib: &mut Library, url: &str, name: Option<&str>, exact: bool) -> Result<String, AddError> {
    let given = name.map(|n| crate::sanitize::clean_line(n).trim().to_string()).filter(|n| !n.is_empty());
    if let (Some(name), true) = (&given, exact) {
        return lib.add_feed(name, url).map(|_| name.clone());
    }
    let base = given.unwrap_or_else(|| default_name(url));
    for n in 1.. {
        let name = if n == 1 { base.clone() } else { format!("{base}-{n}") };
        match lib.add_feed(&name, url) {
            Err(AddError::NameTaken(_)) => continue,
            other => return other.map(|_| name),
        }
    }
    unreachable!("names run out")
}

fn default_name(url: &str) -> String {
    let name = if fetch::is_web(url) {
        let rest = url.split_once("://").map_or(url, |(_, r)| r);
        let host = rest.split(['/', '?', '#', ':']).next().unwrap_or("");
        host.strip_prefix("www.").unwrap_or(host).to_ascii_lowercase()
    } else {
        Path::new(url).file_stem().map_or(String::new(), |s| s.to_string_lossy().into_owned())
    };
    let name: String = name
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'))
        .collect::<String>()
        .to_lowercase();
    if name.is_empty() {
        "feed".to_string()
    } else {
        name
    }
}

/// `triptych fetch`: every feed (or `only`), in parallel; exit 0 when each was fetched or
/// unchanged, 1 when some failed (named on stderr).
pub fn fetch(
    only: Option<&str>,
    timeout: u64,
    flag: Option<&Path>,
    config: Option<&Path>,
) -> Result<ExitCode> {
    // Items split into body and insight by the config file's rules, as files do.
    let parse = match super::open::load_config(config) {
        Ok(c) => c.parse,
        Err(code) => return Ok(code),
    };
    let Some(mut lib) = library(flag) else { return Ok(ExitCode::from(2)) };
    if lib.is_read_only() {
        // Say so once, before any request, rather than fail every feed after fetching it.
        say("error: fetched items are kept in the library, and it is read-only");
        return Ok(ExitCode::from(1));
    }
    let mut subs = lib.feeds().context("cannot read the library")?;
    if let Some(name) = only {
        subs.retain(|s| s.name == name);
        if subs.is_empty() {
            say(format_args!("error: no feed named {name:?}; `triptych feeds list` shows them"));
            return Ok(ExitCode::from(1));
        }
    }
    if subs.is_empty() {
        say("no feeds to fetch: subscribe with `triptych feeds add URL`");
        return Ok(ExitCode::SUCCESS);
    }
    let mut opts = FetchOptions { parse, ..Default::default() };
    opts.http.total_timeout = Duration::from_secs(timeout.max(1));
    opts.http.connect_timeout = opts.http.total_timeout.min(opts.http.connect_timeout);
    let total = subs.len();
    let (mut done, mut failed, mut new_items) = (0, Vec::new(), 0);
    fetch::fetch_into(&mut lib, &subs, &opts, |i, stored| {
        done += 1;
        let s = &subs[i];
        let line = match stored {
            FeedResult::Fetched { items, new } => {
                new_items += new;
                format!("{}, {new} new", count(items, "item"))
            }
            FeedResult::Unchanged => "unchanged".to_string(),
            FeedResult::Failed(e) => {
                failed.push(s.name.clone());
                format!("failed: {e}")
            }
        };
        say(format_args!("[{done}/{total}] {}: {line}", s.name));
    });
    if failed.is_empty() {
        say(format_args!("fetched {}: {}", count(total, "feed"), count(new_items, "new item")));
        Ok(ExitCode::SUCCESS)
    } else {
        failed.sort();
        // "from the others" only when there are others.
        let others = if failed.len() < total {
            format!(" ({} from the others)", count(new_items, "new item"))
        } else {
            String::new()
        };
        say(format_args!("error: {} of {total} feeds failed: {}{others}", failed.len(), failed.join(", ")));
        Ok(ExitCode::from(1))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_agree_with_their_noun() {
        assert_eq!(crate::cli::count(1, "item"), "1 item");
        assert_eq!(super::count(0, "new item"), "0 new items");
        assert_eq!(super::count(3, "feed"), "3 feeds");
    }
}
