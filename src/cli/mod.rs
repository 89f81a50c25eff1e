//! The command line: clap definitions and the non-TUI commands. Data goes to stdout,
//! warnings and errors to stderr, so output pipes cleanly.

mod compare_report;
mod feeds;
mod library;
mod open;
mod output_file;
mod related;
mod suggest;

pub use suggest::mistyped_command;

pub use open::{Loading, Opened};

use std::borrow::Cow;
use std::fmt;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};

use crate::compare::{Comparer, Params};
use crate::export::{self, ExportFormat};
use crate::grounding::Grounding;
use crate::library::Change;
use crate::load::{self, DEFAULT_MAX_FILE_SIZE};
use crate::model::Lookup;
use crate::sanitize;
use crate::search::index::Doc;
use crate::search::words::NOT_INDEXED;
use crate::search::{self, Field, Hit, Query, Searcher};
use crate::sort::{self as order, Grouping, SortKey};
use crate::{Article, Corpus};

/// Prints one message line to stderr. The line goes through the sanitiser (it may hold paths
/// and ids the user or a file supplied), and a failed write is ignored: stderr being full or
/// closed must not turn an error report into a panic.
pub fn say(message: impl fmt::Display) {
    let line = message.to_string();
    let _ = writeln!(io::stderr().lock(), "{}", sanitize::clean_line(&line));
}

/// A terminal reader for articles that carry commentary: article list | body | insight.
#[derive(Debug, Parser)]
#[command(name = "triptych", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub input: Input,
}

impl Cli {
    /// The subcommand with the options given before it (`triptych --no-library list`) applied.
    pub fn resolved_command(&self) -> Option<Command> {
        let mut command = self.command.clone()?;
        match &mut command {
            Command::Library { library, action } => {
                if library.is_none() {
                    library.clone_from(&self.input.library);
                }
                if let LibraryAction::Update { config, .. } = action {
                    if config.is_none() {
                        config.clone_from(&self.input.config);
                    }
                }
            }
            Command::Config { config, .. } => {
                if config.is_none() {
                    config.clone_from(&self.input.config);
                }
            }
            Command::Feeds { library, .. } => {
                if library.is_none() {
                    library.clone_from(&self.input.library);
                }
            }
            Command::Fetch { library, config, .. } => {
                if library.is_none() {
                    library.clone_from(&self.input.library);
                }
                if config.is_none() {
                    config.clone_from(&self.input.config);
                }
            }
            Command::List { input, .. }
            | Command::Mark { input, .. }
            | Command::Show { input, .. }
            | Command::Search { input, .. }
            | Command::Compare { input, .. }
            | Command::Related { input, .. }
            | Command::Export { input, .. } => input.inherit(&self.input),
        }
        Some(command)
    }
}

/// Where articles come from.
#[derive(Debug, Args, Clone)]
pub struct Input {
    /// Files or directories to read (.txt, .md, .json, .jsonl, RSS/Atom/JSON feeds); default: the
    /// subscribed feeds' items, else the bundled samples
    pub paths: Vec<PathBuf>,
    /// Skip files larger than this many bytes
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
    /// Follow symbolic links inside directories (links named on the command line are always read)
    #[arg(long)]
    pub follow: bool,
    /// The library file (reading state, parsed files); default: $TRIPTYCH_LIBRARY, else
    /// library.sqlite3 in the platform data directory
    #[arg(long, value_name = "PATH")]
    pub library: Option<PathBuf>,
    /// Use no library: read the files, remember nothing, write nothing
    #[arg(long, conflicts_with = "library")]
    pub no_library: bool,
    /// The config file; default: $TRIPTYCH_CONFIG, else config.toml in the platform config
    /// directory (see `triptych config --path`)
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Only the items of the subscribed feed NAME (see `triptych feeds list`)
    #[arg(long, value_name = "NAME", conflicts_with_all = ["paths", "no_library"])]
    pub feed: Option<String>,
}

impl Input {
    /// Takes the options `outer` sets that this one leaves at their defaults.
    fn inherit(&mut self, outer: &Input) {
        self.follow |= outer.follow;
        self.no_library |= outer.no_library;
        if self.library.is_none() {
            self.library.clone_from(&outer.library);
        }
        if self.config.is_none() {
            self.config.clone_from(&outer.config);
        }
        if self.max_file_size == DEFAULT_MAX_FILE_SIZE {
            self.max_file_size = outer.max_file_size;
        }
        if self.feed.is_none() {
            self.feed.clone_from(&outer.feed);
        }
    }
}

#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// One line per article: id, title, source, body and insight paragraph counts
    List {
        #[command(flatten)]
        input: Input,
        /// Print a JSON array of articles instead
        #[arg(long)]
        json: bool,
        /// Only articles not read yet
        #[arg(long, conflicts_with = "starred")]
        unread: bool,
        /// Only starred articles
        #[arg(long)]
        starred: bool,
        /// Order: path (as read, the default), title, date (newest first), source, or grounding
        /// (the share of insight statements the article's own facts support, least first;
        /// articles without an insight last)
        #[arg(long, value_enum, value_name = "KEY", default_value_t = SortKey::Path)]
        sort: SortKey,
        /// Keep each folder's or source's articles together
        #[arg(long, value_enum, value_name = "BY", default_value_t = Grouping::None)]
        group: Grouping,
        /// Only articles with an insight whose grounding is below PERCENT
        #[arg(long, value_name = "PERCENT", value_parser = clap::value_parser!(u8).range(0..=100))]
        grounding_below: Option<u8>,
    },
    /// Articles that report the same facts as one article, with the facts they share
    Related {
        /// The article: its id (see `triptych list`), key (path), or a unique id prefix
        id: String,
        #[command(flatten)]
        input: Input,
        /// Print a JSON array instead
        #[arg(long)]
        json: bool,
        /// Print at most N articles (at least 1)
        #[arg(long, value_name = "N", default_value_t = 10, value_parser = at_least_one::<usize>)]
        limit: usize,
    },
    /// Mark an article read or unread, starred or not (kept in the library)
    #[command(group = clap::ArgGroup::new("marks").required(true).multiple(true).args(["read", "unread", "star", "unstar"]))]
    Mark {
        /// The article: its id (see `triptych list`), key (path), or a unique id prefix
        id: String,
        #[command(flatten)]
        input: Input,
        /// Mark it read
        #[arg(long, conflicts_with = "unread")]
        read: bool,
        /// Mark it unread
        #[arg(long)]
        unread: bool,
        /// Star it
        #[arg(long, conflicts_with = "unstar")]
        star: bool,
        /// Remove its star
        #[arg(long)]
        unstar: bool,
    },
    /// Subscribe to RSS, Atom and JSON feeds; list, remove, import and export (OPML) them
    Feeds {
        #[command(subcommand)]
        action: FeedsAction,
        /// The library file; default: $TRIPTYCH_LIBRARY, else the platform data directory
        #[arg(long, value_name = "PATH", global = true)]
        library: Option<PathBuf>,
    },
    /// Fetch every subscribed feed (in parallel) and store new items in the library
    Fetch {
        /// Only the feed NAME
        #[arg(long, value_name = "NAME")]
        feed: Option<String>,
        /// Give up on a feed that has not answered within SECS seconds
        #[arg(long, value_name = "SECS", default_value_t = 30, value_parser = at_least_one::<u64>)]
        timeout: u64,
        /// The library file; default: $TRIPTYCH_LIBRARY, else the platform data directory
        #[arg(long, value_name = "PATH")]
        library: Option<PathBuf>,
        /// The config file, whose `[parse]` rules split the items into body and insight
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Look after the library
    Library {
        #[command(subcommand)]
        action: LibraryAction,
        /// The library file; default: $TRIPTYCH_LIBRARY, else the platform data directory
        #[arg(long, value_name = "PATH", global = true)]
        library: Option<PathBuf>,
    },
    /// Print one whole article
    Show {
        /// The article: its id (see `triptych list`), key (path), or a unique id prefix
        id: String,
        #[command(flatten)]
        input: Input,
        /// Print the article as JSON instead
        #[arg(long)]
        json: bool,
    },
    /// Search titles and sources (fuzzy) and bodies and insights (keywords); best first
    Search {
        /// Words (ANDed), "quoted phrases", field prefixes title: source: body: insight:, -excluded
        #[arg(allow_hyphen_values = true)]
        query: String,
        #[command(flatten)]
        input: Input,
        /// Print a JSON array with match offsets instead
        #[arg(long)]
        json: bool,
        /// Print at most N results (at least 1)
        #[arg(long, value_name = "N", default_value_t = 20, value_parser = at_least_one::<usize>)]
        limit: usize,
        /// Restrict unprefixed words to one field
        #[arg(long, value_enum, default_value_t = Field::All)]
        field: Field,
    },
    /// Link each insight statement to the body facts it rests on; flag unsupported claims
    Compare {
        /// The article: its id (see `triptych list`), key (path), or a unique id prefix
        id: String,
        #[command(flatten)]
        input: Input,
        /// Print facts and insights with links as JSON
        #[arg(long, conflicts_with = "markdown")]
        json: bool,
        /// Print a two-column Markdown table
        #[arg(long)]
        markdown: bool,
        /// Flag claims whose linked fact states another number or the opposite change or
        /// decision (the default, unless `[compare] conflicts = false` in the config)
        #[arg(long, overrides_with = "no_conflicts")]
        conflicts: bool,
        /// Do not flag conflicts
        #[arg(long, overrides_with = "conflicts")]
        no_conflicts: bool,
    },
    /// Print the documented default config file, or where the config file is read from
    #[command(group = clap::ArgGroup::new("what").required(true).args(["default", "path"]))]
    Config {
        /// Print the default config.toml, every setting documented
        #[arg(long)]
        default: bool,
        /// Print the path the config file is read from
        #[arg(long)]
        path: bool,
        /// The config file (as for the other commands)
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Write the whole corpus as JSON, JSONL or Markdown
    Export {
        #[command(flatten)]
        input: Input,
        /// Output format
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Write to FILE (atomically) instead of stdout (`-`: stdout)
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Subcommand)]
pub enum FeedsAction {
    /// Subscribe to a feed: an http(s) URL or a feed file
    Add {
        #[arg(value_name = "URL|FILE")]
        source: String,
        /// The name to call it by (default: from the URL or file name)
        #[arg(long, value_parser = clap::builder::NonEmptyStringValueParser::new())]
        name: Option<String>,
    },
    /// One line per feed: name, URL, title, items stored, last fetch
    List,
    /// Unsubscribe and forget the feed's stored items
    Remove { name: String },
    /// Subscribe to every feed in an OPML file
    Import {
        #[arg(value_name = "FILE.opml")]
        file: PathBuf,
    },
    /// Print the subscriptions as OPML
    Export,
}

#[derive(Debug, Clone, Subcommand)]
pub enum LibraryAction {
    /// Print where the library is
    Path,
    /// Forget the state and parsed files of articles whose files no longer exist
    Prune,
    /// Read PATHs and store every file's parse in the library; later starts take unchanged
    /// files from it (other commands never store parses)
    Update {
        /// Files or directories to read
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Skip files larger than this many bytes
        #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_FILE_SIZE)]
        max_file_size: u64,
        /// The config file, whose `[parse]` rules the stored parses follow
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
}

/// `--limit 0` would print nothing and look like "no matches": a usage error instead.
fn at_least_one<T>(s: &str) -> Result<T, String>
where
    T: std::str::FromStr<Err = std::num::ParseIntError> + PartialEq + From<u8>,
{
    match s.parse::<T>() {
        Ok(n) if n == T::from(0) => Err("must be at least 1".to_string()),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}

/// Runs a non-TUI command; `out` is stdout in the binary and a buffer in tests.
pub fn run(command: &Command, out: &mut dyn Write) -> Result<ExitCode> {
    let input = match command {
        Command::Library { action, library } => return library::run(action, library.as_deref(), out),
        Command::Config { default, path: _, config } => {
            return config_command(*default, config.as_deref(), out)
        }
        Command::Feeds { action, library } => return feeds::run(action, library.as_deref(), out),
        Command::Fetch { feed, timeout, library, config } => {
            return feeds::fetch(feed.as_deref(), *timeout, library.as_deref(), config.as_deref())
        }
        Command::List { input, .. }
        | Command::Mark { input, .. }
        | Command::Show { input, .. }
        | Command::Search { input, .. }
        | Command::Compare { input, .. }
        | Command::Related { input, .. }
        | Command::Export { input, .. } => input,
    };
    let loading = match command {
        // In load order: straight from the list index, no article built.
        Command::List {
            json: false,
            sort: SortKey::Path,
            group: Grouping::None,
            grounding_below: None,
            ..
        } => Loading::Lines,
        // The list's fields and the marks' keys and hashes, not the text: from the list index.
        Command::List { json: false, sort, grounding_below: None, .. } if *sort != SortKey::Grounding => {
            Loading::Outline
        }
        // One article's text, read from its file when found.
        Command::Mark { .. } | Command::Show { .. } => Loading::Outline,
        // Stored word postings, else stored search texts, where files are unchanged.
        Command::Search { query, field, .. }
            if search::words::answers(&Query::parse(query).restrict(*field)) =>
        {
            Loading::SearchWords
        }
        Command::Search { .. } => Loading::Search,
        _ => Loading::Full,
    };
    let mut opened = match input.open(loading) {
        Ok(o) => o,
        Err(code) => {
            // Nothing to list: a script reading `--json` still gets a list, an empty one.
            if matches!(command, Command::List { json: true, .. }) {
                writeln!(out, "[]")?;
            }
            return Ok(code);
        }
    };
    if let Command::Search { query, field, .. } = command {
        if !opened.read_postings(&Query::parse(query).restrict(*field)) {
            // The word index is damaged: forgotten, and the search reads the texts instead.
            drop(opened);
            opened = match input.open(Loading::Search) {
                Ok(o) => o,
                Err(code) => return Ok(code),
            };
        }
    }
    let result = command_output(command, &mut opened, out);
    // The output first: the index rows are for the next start.
    let _ = out.flush();
    opened.save_index();
    opened.save_search_texts();
    opened.save_search_words();
    open::drop_aside(std::mem::take(&mut opened.corpus));
    open::drop_aside(opened.search.take());
    result
}

fn command_output(command: &Command, opened: &mut Opened, out: &mut dyn Write) -> Result<ExitCode> {
    match command {
        Command::Related { id, json, limit, .. } => {
            let Some(i) = article_index(&opened.corpus, id, "related") else {
                return Ok(ExitCode::from(1));
            };
            return related::related(opened, i, *limit, *json, out);
        }
        Command::Compare { id, json: true, conflicts, no_conflicts, .. } => {
            let Some(i) = article_index(&opened.corpus, id, "compare") else {
                return Ok(ExitCode::from(1));
            };
            let params = compare_params(*conflicts, *no_conflicts, opened.config.conflicts);
            related::compare_json(opened, i, params, out)?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::List { unread, starred, .. } if opened.lines.is_some() => {
            return list_lines(opened, *unread, *starred, out)
        }
        Command::List { json, unread, starred, sort, group, grounding_below, .. } => {
            // Grounding costs a comparison per new or edited article (then it is stored): only
            // when asked for.
            let with_grounding = *json || *sort == SortKey::Grounding || grounding_below.is_some();
            let groundings = if with_grounding {
                let (g, warning) =
                    crate::library::derived::groundings(&opened.corpus, opened.library.as_mut());
                if let Some(w) = warning {
                    say(format_args!("warning: {w}"));
                }
                g
            } else {
                vec![None; opened.corpus.len()]
            };
            let opened = &*opened;
            let marks = if *unread || *starred { opened.marks() } else { Default::default() };
            let keep = |(a, g): &(&Article, Option<Grounding>)| {
                let m = marks.get(&a.key).copied().unwrap_or_default();
                let below =
                    grounding_below.is_none_or(|pct| g.is_some_and(|g| g.share() * 100.0 < f64::from(pct)));
                (!*unread || !m.read) && (!*starred || m.starred) && below
            };
            let all = opened.corpus.articles();
            let mut indices: Vec<usize> =
                (0..all.len()).filter(|&i| keep(&(&all[i], groundings[i]))).collect();
            order::sort(all, &mut indices, *sort, *group);
            if *sort == SortKey::Grounding {
                // Least grounded first, within each group; no insight, nothing to ground: last.
                order::by_grounding(all, &mut indices, *group, |i| groundings[i]);
            }
            let rows: Vec<(&Article, Option<Grounding>)> =
                indices.iter().map(|&i| (&all[i], groundings[i])).collect();
            list(&rows, *json, with_grounding, out)?;
            if rows.is_empty() {
                // Filters left nothing: "nothing found", as for search.
                let n = all.len();
                say(format_args!(
                    "no article matches the filter ({n} article{} loaded)",
                    if n == 1 { "" } else { "s" }
                ));
                return Ok(ExitCode::from(1));
            }
        }
        Command::Mark { id, read, unread, star, unstar, .. } => {
            let corpus = &opened.corpus;
            let Some(a) = find_article(corpus, id, "mark") else {
                return Ok(ExitCode::from(1));
            };
            let Some(library) = opened.library.as_mut() else {
                say("error: marks are kept in the library, and there is none to use (--no-library, or see the warning above)");
                return Ok(ExitCode::from(2));
            };
            if library.is_read_only() {
                say("error: marks are kept in the library, and it is read-only (see the warning above)");
                return Ok(ExitCode::from(1));
            }
            let mut changes = Vec::new();
            if *read || *unread {
                changes.push(Change::Read { key: a.key.clone(), hash: a.hash, read: *read });
            }
            if *star || *unstar {
                changes.push(Change::Starred { key: a.key.clone(), hash: a.hash, starred: *star });
            }
            library
                .apply(&changes)
                .with_context(|| format!("cannot write the library {}", library.path().display()))?;
        }
        Command::Show { id, json, .. } => return show(opened, id, *json, out),
        Command::Compare { id, markdown, conflicts, no_conflicts, .. } => {
            let Some(i) = article_index(&opened.corpus, id, "compare") else {
                return Ok(ExitCode::from(1));
            };
            let params = compare_params(*conflicts, *no_conflicts, opened.config.conflicts);
            if *markdown {
                let a = &opened.corpus.articles()[i];
                let comparison = Comparer::for_corpus(&opened.corpus, params).compare(a);
                out.write_all(compare_report::markdown(a, &comparison).as_bytes())?;
            } else {
                let (comparison, outside) = related::compare_with_outside(opened, i, params);
                let a = &opened.corpus.articles()[i];
                out.write_all(compare_report::text(a, &comparison, &outside).as_bytes())?;
            }
        }
        Command::Search { query, json, limit, field, .. } => {
            return search(opened, query, *field, *limit, *json, out)
        }
        Command::Export { format, output, .. } => match output {
            // `-o -` is stdout, as for most tools that take an output file.
            Some(path) if path.as_os_str() != "-" => output_file::write(path, &opened.inputs, |w| {
                export::write(opened.corpus.articles(), *format, w)
            })?,
            _ => export::write(opened.corpus.articles(), *format, out)?,
        },
        Command::Library { .. } | Command::Config { .. } | Command::Feeds { .. } | Command::Fetch { .. } => {
            unreachable!("handled above")
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `triptych config --default` / `--path`.
fn config_command(default: bool, flag: Option<&std::path::Path>, out: &mut dyn Write) -> Result<ExitCode> {
    if default {
        out.write_all(crate::config::DEFAULT_TOML.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    let Some(location) = crate::config::locate(flag) else {
        say("error: no config directory on this system; give --config FILE or set TRIPTYCH_CONFIG");
        return Ok(ExitCode::from(2));
    };
    writeln!(out, "{}", location.path.display())?;
    if !location.path.exists() {
        if location.explicit {
            // Named by --config or TRIPTYCH_CONFIG: every other command refuses to start.
            say("error: there is no file there: the other commands refuse to start until it exists or is no longer named (`triptych config --default` prints the defaults to start one from)");
            return Ok(ExitCode::from(2));
        }
        say("note: there is no file there: the defaults apply (`triptych config --default` prints them)");
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints a config error: its first line after `error: `, then the line it is about with a
/// caret, spaces kept (each line made terminal-safe).
pub fn say_config_error(e: &crate::config::ConfigError) {
    let text = format!("error: {e}");
    let mut err = io::stderr().lock();
    for line in text.lines() {
        let _ = writeln!(err, "{}", sanitize::clean(line));
    }
}

/// An article as `list --json` prints it: the article and its grounding (`null` without an
/// insight section).
#[derive(serde::Serialize)]
struct ListRow<'a> {
    #[serde(flatten)]
    article: &'a Article,
    grounding: Option<GroundingOut>,
}

#[derive(serde::Serialize)]
struct GroundingOut {
    #[serde(flatten)]
    counts: Grounding,
    /// The share of insight statements supported, in [0, 1].
    share: f64,
}

/// One line per article: id, title, source, body and insight paragraph counts, and with
/// `gauge` the grounding gauge (`-` without an insight).
fn list(
    rows: &[(&Article, Option<Grounding>)],
    json: bool,
    gauge: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    if json {
        let rows: Vec<ListRow> = rows
            .iter()
            .map(|(article, g)| ListRow {
                article,
                grounding: g
                    .map(|counts| GroundingOut { counts, share: (counts.share() * 1000.0).round() / 1000.0 }),
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        return writeln!(out);
    }
    // Each line is put together in one buffer and written in one call: 100,000 lines through
    // `write!` on a `dyn Write` cost ten calls each.
    let mut line = String::new();
    for (a, g) in rows {
        list_line(&mut line, &a.id, &a.title, a.source.as_deref(), a.body.len(), a.insight.len());
        if gauge {
            line.push('\t');
            line.push_str(&g.map_or_else(|| "-".to_string(), |g| g.gauge()));
        }
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// One line of `list` in `line` (cleared first), without its end: id, title, source (`-`
/// without one), body and insight paragraph counts.
fn list_line(line: &mut String, id: &str, title: &str, source: Option<&str>, body: usize, insight: usize) {
    use std::fmt::Write as _;
    line.clear();
    for field in [id, title, source.unwrap_or("-")] {
        line.push_str(field);
        line.push('\t');
    }
    let _ = write!(line, "{body}\t{insight}");
}

/// `list` in load order straight from the list index ([`load::list_walked`]): the lines that
/// `list` prints from articles, without building them.
fn list_lines(opened: &mut Opened, unread: bool, starred: bool, out: &mut dyn Write) -> Result<ExitCode> {
    let (Some(walked), Some(index)) = (opened.lines.take(), opened.index.as_ref()) else {
        return Ok(ExitCode::from(1));
    };
    let open::Walked { walk, options, progress, paths } = walked;
    let mut listed = open::with_progress(&progress, || load::list_walked(&walk, &options, index));
    open::drop_aside(walk);
    for line in load::warning_lines(&listed.warnings) {
        say(line);
    }
    if listed.lines.is_empty() {
        return Ok(open::no_articles(&paths, &listed.warnings));
    }
    crate::model::dedup(&mut listed.lines);
    let marks = if unread || starred { opened.marks() } else { Default::default() };
    let (mut line, mut shown) = (String::new(), 0);
    for l in &listed.lines {
        let m = marks.get(l.key.as_ref()).copied().unwrap_or_default();
        if (unread && m.read) || (starred && !m.starred) {
            continue;
        }
        list_line(&mut line, &l.id, &l.title, l.source.as_deref(), l.body, l.insight);
        line.push('\n');
        out.write_all(line.as_bytes())?;
        shown += 1;
    }
    if shown == 0 {
        // Filters left nothing: "nothing found", as for search.
        let n = listed.lines.len();
        say(format_args!(
            "no article matches the filter ({n} article{} loaded)",
            if n == 1 { "" } else { "s" }
        ));
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// [`find_article`]'s index in `corpus`.
fn article_index(corpus: &Corpus, given: &str, command: &str) -> Option<usize> {
    find_article(corpus, given, command).and_then(|a| corpus.index_of_key(&a.key))
}

/// The article named by `given` (an id, a key, a file's path, a unique id prefix), or `None`
/// after telling the user the closest ids. `command` names the command in hints.
fn find_article<'a>(corpus: &'a Corpus, given: &str, command: &str) -> Option<&'a Article> {
    let path = std::path::Path::new(given);
    // A path to a file read, however it is written: its articles' keys are its canonical path,
    // with `#…` when it holds several.
    let in_file = || -> Result<usize, Lookup> {
        let canonical = std::fs::canonicalize(path).map_err(|_| Lookup::NotFound)?;
        let canonical = canonical.to_string_lossy();
        let of_file = |key: &str| {
            key.strip_prefix(&*canonical).is_some_and(|rest| rest.is_empty() || rest.starts_with('#'))
        };
        let found: Vec<usize> = (0..corpus.len()).filter(|&i| of_file(&corpus.articles()[i].key)).collect();
        corpus.pick(found)
    };
    let lookup = match corpus.resolve(given) {
        Err(Lookup::NotFound) if path.is_file() => in_file(),
        found => found,
    };
    let (close, more, what) = match lookup {
        Ok(i) => return Some(&corpus.articles()[i]),
        Err(Lookup::Ambiguous { mut ids, more }) => {
            // The shortest few, listed in order so the eye finds the one meant.
            ids.sort();
            (ids, more, "several ids match")
        }
        Err(Lookup::NotFound) if path.is_file() => {
            // A path works as an ID only for a file that was read: the paths given, else the samples.
            say(format_args!(
                "error: {given:?} is a file, but not among the files read; name it as a path too to read it: `triptych {command} {given} {given}`"
            ));
            return None;
        }
        Err(Lookup::NotFound) => (
            suggest::closest(corpus, given, 3).into_iter().map(String::from).collect(),
            0,
            "no article with id",
        ),
    };
    let hint = if close.is_empty() {
        "run `triptych list` to see the ids".to_string()
    } else {
        let more = if more > 0 { format!(" (and {more} more)") } else { String::new() };
        format!("did you mean: {}{more}?", close.join(", "))
    };
    say(format_args!("error: {what} {given:?}; {hint}"));
    None
}

fn show(opened: &Opened, id: &str, json: bool, out: &mut dyn Write) -> Result<ExitCode> {
    let Some(found) = find_article(&opened.corpus, id, "show") else {
        return Ok(ExitCode::from(1));
    };
    let read;
    let a = if opened.outline {
        read = crate::load::text_of(found, &opened.load_options);
        let Some(a) = &read else {
            say(format_args!("error: {} changed while it was read; run the command again", found.path));
            return Ok(ExitCode::from(1));
        };
        a
    } else {
        found
    };
    if json {
        serde_json::to_writer_pretty(&mut *out, a)?;
        writeln!(out)?;
    } else {
        out.write_all(export::to_text(a).as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Characters of context in a search snippet.
const SNIPPET_WIDTH: usize = 80;

/// One search result as `search --json` prints it.
#[derive(serde::Serialize)]
struct SearchRow<'a> {
    id: &'a str,
    title: &'a str,
    score: f64,
    #[serde(rename = "where")]
    fields: &'a [Field],
    snippet: Option<String>,
    /// Byte range of the match inside `snippet`.
    snippet_match: Option<std::ops::Range<usize>>,
    /// Every match of the query's terms in the title, body and insight.
    hits: Vec<Hit>,
    /// The snippet with the match between « and », for the text output.
    #[serde(skip)]
    marked: String,
}

fn search(
    opened: &mut Opened,
    query: &str,
    field: Field,
    limit: usize,
    json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let query = Query::parse(query).restrict(field);
    if query.terms.is_empty() {
        say("error: the query has no word to look for");
        return Ok(ExitCode::from(2));
    }
    if opened.lines.is_some() {
        return search_lines(opened, &query, limit, json, out);
    }
    let corpus = &opened.corpus;
    // With a library the docs were made while loading (stored texts for unchanged files);
    // articles loaded as outlines are read again below, only those printed.
    let (searcher, outlined) = match opened.search.as_mut() {
        Some(s) => (Searcher::with_docs(std::mem::take(&mut s.docs)), std::mem::take(&mut s.outlined)),
        None => (Searcher::one_shot(corpus), Vec::new()),
    };
    // Outlines without text are ranked from the stored postings (`Loading::SearchWords`).
    let results = match opened.search.as_ref().and_then(|s| s.stored.as_ref().map(|w| (w, &s.built))) {
        Some((stored, built)) => searcher.search_stored(&query, stored, built),
        None => searcher.search(&query, None),
    };
    let options = &opened.load_options;
    let shown = shown_in_parallel(&results[..limit.min(results.len())], |r| {
        let a = &corpus.articles()[r.index];
        if !outlined.get(r.index).copied().unwrap_or(false) {
            return (r, Cow::Borrowed(a), searcher.first_hit(corpus, r, &query));
        }
        with_text(r, Cow::Borrowed(a), options, &query)
    });
    let printed = print_results(shown, &query, json, out);
    // The docs go back: a new word index is built from them after the output.
    if let Some(s) = opened.search.as_mut() {
        s.docs = searcher.into_docs();
    }
    printed
}

/// A search ranked from `list`'s rows ([`load::search_lines_walked`]) and the stored word
/// index's postings: no article is built but for the files the build does not hold as they
/// are and for the results printed (their files read again, as for any outline).
fn search_lines(
    opened: &mut Opened,
    query: &Query,
    limit: usize,
    json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let (Some(walked), Some(index), Some(found)) =
        (opened.lines.take(), opened.index.as_ref(), opened.search.as_mut())
    else {
        return Ok(ExitCode::from(1));
    };
    let (Some(words), Some(stored)) = (found.words.as_ref(), found.stored.as_ref()) else {
        return Ok(ExitCode::from(1));
    };
    let open::Walked { walk, options, progress, paths } = walked;
    let mut loaded =
        open::with_progress(&progress, || load::search_lines_walked(&walk, &options, index, words));
    open::drop_aside(walk);
    for line in load::warning_lines(&loaded.warnings) {
        say(line);
    }
    // Counted for the word index's upkeep, after the output (`Opened::save_search_words`).
    (found.from_library, found.stale) = (loaded.from_library, loaded.stale);
    found.fresh = std::mem::take(&mut loaded.fresh);
    if loaded.lines.is_empty() {
        return Ok(open::no_articles(&paths, &loaded.warnings));
    }
    crate::model::dedup(&mut loaded.lines);
    let from: Vec<u32> = loaded.lines.iter().map(|l| l.built).collect();
    let results = search::search_outlines(query, stored, &from, &loaded);
    let (lines, read, options) = (&loaded.lines, &loaded.read, &opened.load_options);
    let shown = shown_in_parallel(&results[..limit.min(results.len())], |r| {
        let l = &lines[r.index];
        match read.get(l.read as usize) {
            Some((a, doc)) if l.built == NOT_INDEXED => {
                // Its id as de-duplicated among all articles.
                let a = Article { id: l.line.id.to_string(), ..a.clone() };
                let hit = search::first_hit_with(&a, doc, r, query);
                (r, Cow::Owned(a), hit)
            }
            _ => with_text(r, Cow::Owned(l.line.outline(String::new())), options, query),
        }
    });
    print_results(shown, query, json, out)
}

/// Results printed, each with its article and snippet hit made by `show`, in order: on all
/// cores when there are many (`--limit` large: each may read and parse its file again).
fn shown_in_parallel<'r, 'a>(
    results: &'r [search::SearchResult],
    show: impl Fn(&'r search::SearchResult) -> (&'r search::SearchResult, Cow<'a, Article>, Option<Hit>) + Sync,
) -> Vec<(&'r search::SearchResult, Cow<'a, Article>, Option<Hit>)> {
    crate::parallel::map_ranges(results.len(), SHOWN_PARALLEL_MIN, |range| {
        results[range].iter().map(&show).collect()
    })
}

/// Below this many results printed, one thread makes them (the default limit is 20).
const SHOWN_PARALLEL_MIN: usize = 256;

/// A result loaded as an outline, with its text read again from its file and the hit its
/// snippet shows; the outline itself, without a snippet, when the file changed since it was
/// looked at (its text is then not the one ranked).
fn with_text<'r, 'a>(
    r: &'r search::SearchResult,
    outline: Cow<'a, Article>,
    options: &load::LoadOptions,
    query: &Query,
) -> (&'r search::SearchResult, Cow<'a, Article>, Option<Hit>) {
    match load::text_of(&outline, options) {
        Some(full) if full.hash == outline.hash => {
            let hit = search::first_hit_with(&full, &Doc::new(&full), r, query);
            (r, Cow::Owned(full), hit)
        }
        _ => (r, outline, None),
    }
}

/// The results shown (each with its article and the hit its snippet shows), as text or JSON;
/// none is "no matches" (exit status 1).
fn print_results(
    shown: Vec<(&search::SearchResult, Cow<Article>, Option<Hit>)>,
    query: &Query,
    json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    if shown.is_empty() {
        // A JSON consumer still gets valid JSON: an empty array.
        if json {
            writeln!(out, "[]")?;
        }
        say("no matches");
        return Ok(ExitCode::from(1));
    }
    let rows = shown.iter().map(|(r, a, hit)| {
        let snippet = hit.as_ref().and_then(|h| search::snippet(a, h, SNIPPET_WIDTH));
        SearchRow {
            id: &a.id,
            title: &a.title,
            score: (r.score * 100.0).round() / 100.0,
            fields: &r.fields,
            marked: snippet.as_ref().map_or(String::new(), |s| s.marked("«", "»")),
            snippet_match: snippet.as_ref().map(|s| s.mark.clone()),
            snippet: snippet.map(|s| s.text),
            hits: if json { search::highlights(a, query) } else { Vec::new() },
        }
    });
    if json {
        serde_json::to_writer_pretty(&mut *out, &rows.collect::<Vec<_>>())?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    for row in rows {
        let fields: Vec<&str> = row.fields.iter().map(|f| f.name()).collect();
        writeln!(out, "{}\t{}\t{:.1}\t{}\t{}", row.id, row.title, row.score, fields.join(","), row.marked)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// "1 feed", "2 feeds".
pub(crate) fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The comparison's constants for `compare`: conflicts flagged as the flags given say, else as
/// the config does.
fn compare_params(asked: bool, refused: bool, configured: bool) -> Params {
    Params { conflicts: !refused && (asked || configured), ..Params::default() }
}
