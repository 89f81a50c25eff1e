//! Opening the input: the library first (reading state, cached parses), then the articles.
//! Warnings go to stderr here, at the edge; the library and loader only return them.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use super::{say, Input};
use crate::config::Config;
use crate::library::cache::FileCache;
use crate::library::folders::FolderIndex;
use crate::library::listing::ListIndex;
use crate::library::search_text::{self, SearchTexts};
use crate::library::search_words::{self, WordsBuild};
use crate::library::{self, Library, Marks};
use crate::load::{self, LoadOptions, Loaded, Progress, SearchDocs};
use crate::parse::ParseOptions;
use crate::tui::feeds::Shown;
use crate::tui::{TextLoader, Texts};
use crate::Corpus;

/// The corpus and, unless `--no-library` or it cannot be used, the library.
pub struct Opened {
    pub corpus: Corpus,
    /// Load warnings, already printed.
    pub warnings: Vec<load::Warning>,
    /// Every file that was read (`export -o` refuses to overwrite one).
    pub inputs: Vec<load::InputFile>,
    pub library: Option<Library>,
    /// The parse cache read for this load; with `store_parses`, it holds the fresh parses
    /// to write (`FileCache::save`).
    pub cache: Option<FileCache>,
    /// The list index read for this load, holding the rows to write after the output
    /// ([`Opened::save_index`]).
    pub index: Option<ListIndex>,
    /// The folder index read for the walk, holding the rows of folders read afresh (written
    /// with the list index).
    pub folders: Option<FolderIndex>,
    /// The articles are outlines (list fields only, see [`Loading::Outline`]).
    pub outline: bool,
    /// The config file's settings (the defaults without one).
    pub config: Config,
    /// What the corpus is: files, the samples, or the subscribed feeds' items.
    pub shown: Shown,
    /// How files were loaded (to read an outlined article's text).
    pub load_options: LoadOptions,
    /// For the reader's first start on many files: the corpus is empty and this reads the
    /// files after the first frame, listing them as they come (`Input::stream_loader`).
    pub texts: Option<TextLoader>,
    /// [`Loading::Search`] with a library: each article's search doc (stored texts for
    /// unchanged files) and the search-text rows to write after the output.
    pub search: Option<SearchDocs>,
    /// With [`Loading::Lines`] and a list index, or [`Loading::SearchWords`] with a list
    /// index and the word index's build: the files walked, not loaded yet.
    pub lines: Option<Walked>,
    /// `corpus` is the first rows of the list index only, not yet checked against the files
    /// (the reader's peek; `texts` brings the whole list).
    pub peek: bool,
}

/// Files walked for [`Loading::Lines`], for `list` to read straight from the list index
/// (`load::list_walked`).
pub struct Walked {
    pub walk: load::Walk,
    pub options: LoadOptions,
    pub progress: Arc<Progress>,
    pub paths: Vec<PathBuf>,
}

/// How [`Input::open`] loads the articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loading {
    /// Every article with its text.
    Full,
    /// Every article with its text, keeping every fresh parse to store
    /// (`triptych library update`).
    StoreParses,
    /// Only what the list shows (no text: see `Summary::outline`), from the list index where
    /// files are unchanged: `list` without `--json` or grounding.
    Outline,
    /// `list` in load order: the files walked and the list index read, and no article built
    /// ([`Opened::lines`]); without a library, as [`Loading::Outline`].
    Lines,
    /// The reader: outlines when the list index holds rows (the texts then load in the
    /// background, [`Input::text_loader`]), else every article with its text.
    Reader,
    /// `search`: outlines and their stored search texts where the list index and the search
    /// texts both hold a current row, every other article with its text
    /// ([`load::load_search_walked`]).
    Search,
    /// `search` for a query the stored word index answers (`search::words::answers`): with a
    /// build in the library and a list index, the files walked and nothing loaded
    /// ([`Opened::lines`]): the search ranks from `list`'s rows, and builds articles only for
    /// the files the build does not hold as they are and for the results it prints
    /// ([`load::search_lines_walked`]); without a build, as [`Loading::Search`].
    SearchWords,
}

impl Opened {
    /// Nothing loaded yet: for the reader's streaming first start and `list` from the index.
    fn unloaded(
        library: Option<Library>,
        index: Option<ListIndex>,
        outline: bool,
        config: Config,
        shown: Shown,
        load_options: LoadOptions,
    ) -> Self {
        Opened {
            corpus: Corpus::default(),
            warnings: Vec::new(),
            inputs: Vec::new(),
            library,
            cache: None,
            index,
            folders: None,
            outline,
            config,
            shown,
            load_options,
            texts: None,
            search: None,
            lines: None,
            peek: false,
        }
    }

    /// [`Opened::save_index`] on another thread with its own connection, for the reader: its
    /// first frame does not wait for the write. A failure is silent (the rows are written by
    /// the next run).
    pub fn save_index_in_background(&mut self) {
        let Some(library) = self.library.as_ref() else { return };
        let index = self.index.take().filter(|i| i.fresh_count() > 0);
        let folders = self.folders.take().filter(|f| f.fresh_count() > 0);
        if index.is_none() && folders.is_none() {
            return;
        }
        let path = library.path().to_path_buf();
        std::thread::spawn(move || {
            if let (Some(mut library), _) = Library::open(&path) {
                if let Some(index) = index {
                    let _ = index.save(&mut library);
                }
                if let Some(folders) = folders {
                    let _ = folders.save(&mut library);
                }
            }
        });
    }

    /// Writes the list rows this load found missing or stale, in one transaction. Called after
    /// the output: a failure is one warning, the command's work is done.
    pub fn save_index(&mut self) {
        let Some(library) = self.library.as_mut() else { return };
        let index = self.index.take().map(|i| i.save(library));
        let folders = self.folders.take().map(|f| f.save(library));
        if let Some(Err(e)) = index.into_iter().chain(folders).find(Result::is_err) {
            say(format_args!("warning: cannot update the list index in {}: {e}", library.path().display()));
        }
    }

    /// For a search from the word index's build: reads the postings of the words holding
    /// the query's terms. False when the build is damaged: it is then forgotten (with a
    /// warning), and the articles loaded from it have no text to search.
    pub fn read_postings(&mut self, query: &crate::search::Query) -> bool {
        let (Some(search), Some(library)) = (self.search.as_mut(), self.library.as_mut()) else {
            return true;
        };
        let Some(build) = &search.words else { return true };
        match build.index_for(library, &query.terms) {
            Ok(Some(stored)) => {
                search.stored = Some(stored);
                true
            }
            result => {
                let why = result.err().map_or("it is damaged".to_string(), |e| e.to_string());
                say(format_args!(
                    "warning: cannot read the word index in {} ({why}); searching the texts",
                    library.path().display()
                ));
                let _ = search_words::forget(library);
                false
            }
        }
    }

    /// After a search: writes a new build of the word index when the search read every
    /// article's text and there was none (not on a first start of 2,000 files or more: building
    /// costs about as much as the search, and the first start would be the slower for it), or
    /// forgets the build the search used when a quarter of the files had to be read around it
    /// (the next search reads every text and builds anew). A failure is one warning.
    pub fn save_search_words(&mut self) {
        let (Some(search), Some(library)) = (self.search.as_mut(), self.library.as_mut()) else { return };
        let docs = &search.docs;
        let result = match (&search.words, search.files.take()) {
            (Some(_), _) if search.stale * 4 > search.from_library + search.stale => {
                search_words::forget(library)
            }
            (None, Some(files)) if !search.first_start || files.len() < BUILD_ON_FIRST_START_BELOW => {
                let index = crate::search::words::WordIndex::new(docs);
                let lens: Vec<u32> = docs.iter().map(|d| d.body_len as u32).collect();
                search_words::save(library, &self.config.parse, &index, &files, &lens)
            }
            _ => Ok(()),
        };
        if let Err(e) = result {
            say(format_args!("warning: cannot update the word index in {}: {e}", library.path().display()));
        }
    }

    /// Writes the search-text rows of the files this load read afresh, after the output;
    /// a failure is one warning.
    pub fn save_search_texts(&mut self) {
        let (Some(search), Some(library)) = (self.search.as_mut(), self.library.as_mut()) else { return };
        let fresh = std::mem::take(&mut search.fresh);
        if let Err(e) = search_text::save(library, &self.config.parse, &fresh) {
            say(format_args!("warning: cannot update the search texts in {}: {e}", library.path().display()));
        }
        drop_aside(fresh);
    }

    /// Every article's reading state by key (empty without a library).
    pub fn marks(&self) -> HashMap<String, Marks> {
        let marks = self.library.as_ref().map(Library::marks);
        match marks {
            Some(Ok(m)) => m,
            Some(Err(e)) => {
                say(format_args!("warning: cannot read the library: {e}"));
                HashMap::new()
            }
            None => HashMap::new(),
        }
    }
}

/// The config file (`--config`, else the usual place), with a warning when it cannot be read;
/// a config with mistakes is a usage error (exit 2), said on stderr.
pub fn load_config(flag: Option<&Path>) -> Result<Config, ExitCode> {
    match Config::load(flag) {
        Ok((c, None)) => Ok(c),
        Ok((c, Some(unreadable))) => {
            say(format_args!("warning: {unreadable}; using the default settings"));
            Ok(c)
        }
        Err(e) => {
            super::say_config_error(&e);
            Err(ExitCode::from(2))
        }
    }
}

/// Runs `load`, showing on stderr (when it is a terminal) how many files are done once it has
/// taken more than half a second; the line is cleared at the end.
pub fn with_progress<T>(progress: &Progress, load: impl FnOnce() -> T) -> T {
    if !std::io::stderr().is_terminal() {
        return load();
    }
    let done = AtomicBool::new(false);
    std::thread::scope(|s| {
        let reporter = s.spawn(|| {
            let start = Instant::now();
            let mut shown = false;
            while !done.load(Ordering::Relaxed) {
                if start.elapsed() >= PROGRESS_AFTER {
                    let (n, total) =
                        (progress.done.load(Ordering::Relaxed), progress.total.load(Ordering::Relaxed));
                    let mut err = std::io::stderr().lock();
                    let _ = write!(err, "\rreading files: {n}/{total}");
                    let _ = err.flush();
                    shown = true;
                }
                std::thread::park_timeout(Duration::from_millis(100));
            }
            if shown {
                // Back to the start of the line, and clear it.
                let _ = write!(std::io::stderr(), "\r\x1b[K");
            }
        });
        let loaded = load();
        done.store(true, Ordering::Relaxed);
        reporter.thread().unpark();
        loaded
    })
}

/// Drops `value` on another thread: freeing 100,000 articles (or the paths of 100,000 files)
/// one string at a time costs tens of milliseconds that the output need not wait for. At the
/// end of a command the process may exit first, which frees everything at once.
pub fn drop_aside<T: Send + 'static>(value: T) {
    std::thread::spawn(move || drop(value));
}

/// A search's first start on fewer files than this builds the word index too (see
/// [`Opened::save_search_words`]).
const BUILD_ON_FIRST_START_BELOW: usize = 2_000;

/// A reader's first start on at least this many files draws the list at once and fills it
/// as the files are read; fewer load before the first frame, as quickly as a batch would.
const STREAM_MIN_FILES: usize = 2_000;

/// Whether the reader should read `walked` after its first frame: many files, most of them
/// not in the list index (a first start, or a folder never opened before).
fn first_start(walked: &load::Walk, index: Option<&ListIndex>) -> bool {
    let files = walked.len();
    files >= STREAM_MIN_FILES
        && index.is_none_or(|ix| walked.keys().filter(|k| ix.holds(k)).count() * 2 < files)
}

/// The outlines of `walked` from `index` (sent as one partial, their warnings kept for the
/// end), the fresh rows written with `own`, then the articles with their texts.
fn outlines_then_texts(
    walked: load::Walk,
    opts: &LoadOptions,
    index: ListIndex,
    own: Option<Library>,
    partial: &mut dyn FnMut(Corpus, usize, usize),
) -> Texts {
    let files = walked.len();
    let outlined = load::load_outline_walked(&walked, opts, &index);
    let warnings = outlined.loaded.warnings.iter().map(|w| format!("warning: {w}")).collect();
    partial(outlined.loaded.corpus, files, files);
    if let Some(mut own) = own.filter(|_| index.fresh_count() > 0) {
        let _ = index.save(&mut own);
    }
    // The texts of the files already walked: no second walk.
    let corpus = load::load_walked(&walked, opts, None, None).corpus;
    drop_aside(walked);
    Texts { corpus, warnings }
}

/// Reads `walked` in batches, sending the outlines read so far after each, then writes their
/// list rows with `own` (whose parse cache it reads).
fn stream(
    walked: load::Walk,
    opts: &LoadOptions,
    index: Option<ListIndex>,
    own: Option<Library>,
    partial: &mut dyn FnMut(Corpus, usize, usize),
) -> Texts {
    let cache = own.as_ref().map(|l| FileCache::read(l, 0, &opts.parse).unwrap_or_default());
    let files = walked.len();
    let loaded =
        load::load_walked_in_batches(&walked, opts, cache.as_ref(), index.as_ref(), |articles, done| {
            partial(Corpus::new(articles), done, files)
        });
    if let (Some(index), Some(mut own)) = (index, own) {
        let _ = index.save(&mut own);
    }
    drop_aside(walked);
    let warnings = loaded.warnings.iter().map(|w| format!("warning: {w}")).collect();
    Texts { corpus: loaded.corpus, warnings }
}

/// How long loading runs before its progress is shown.
const PROGRESS_AFTER: Duration = Duration::from_millis(500);

/// The library asked for (`--no-library`, `--library PATH`), with one warning line per problem
/// on stderr; `None` when there is none to use.
pub fn open_library(no_library: bool, flag: Option<&Path>) -> Option<Library> {
    if no_library {
        return None;
    }
    let Some(path) = library::location(flag) else {
        say("warning: no data directory for the library; reading state will not be saved");
        return None;
    };
    let (lib, warnings) = Library::open(&path);
    for w in warnings {
        say(format_args!("warning: {w}"));
    }
    lib
}

/// The subscribed feeds' stored items (only `feed`'s when named); `None` when there are no
/// subscriptions, so that the bundled samples show instead. Subscribed feeds with no items
/// yet give an empty corpus, after a line on stderr saying so and what to do, unless
/// `quiet` (the reader says it in its list instead).
fn feed_items(
    library: Option<&Library>,
    feed: Option<&str>,
    parse: &ParseOptions,
    quiet: bool,
) -> Result<Option<Loaded>, ExitCode> {
    let Some(lib) = library else {
        if feed.is_some() {
            say("error: feeds are kept in the library, and there is none to use (see the warning above)");
            return Err(ExitCode::from(2));
        }
        return Ok(None);
    };
    let read = |e: rusqlite::Error| {
        say(format_args!("error: cannot read the library {}: {e}", lib.path().display()));
        ExitCode::from(1)
    };
    let mut subs = lib.feeds().map_err(read)?;
    if let Some(name) = feed {
        if !subs.iter().any(|s| s.name == name) {
            let names: Vec<&str> = subs.iter().map(|s| s.name.as_str()).collect();
            let known = if names.is_empty() { "there are none".to_string() } else { names.join(", ") };
            say(format_args!("error: no feed named {name:?} (subscribed: {known})"));
            return Err(ExitCode::from(1));
        }
        subs.retain(|s| s.name == name);
    } else if subs.is_empty() {
        return Ok(None);
    }
    let items = lib.feed_items(feed, parse).map_err(read)?;
    if items.is_empty() && !quiet {
        // Each feed's state, so a failing feed is seen for what it is.
        let states: Vec<String> = subs
            .iter()
            .map(|s| {
                let state = match (&s.error, s.fetched) {
                    (Some(e), _) => format!("failed: {e}"),
                    (None, Some(_)) => "no items".to_string(),
                    (None, None) => "not fetched yet".to_string(),
                };
                crate::sanitize::clean_line(&format!("{}: {state}", s.name)).into_owned()
            })
            .collect();
        let feeds = if subs.len() == 1 {
            "the subscribed feed has".to_string()
        } else {
            format!("the {} subscribed feeds have", subs.len())
        };
        say(format_args!("{feeds} no items yet ({}); `triptych fetch` gets them", first_few(&states)));
    }
    Ok(Some(Loaded { corpus: Corpus::new(items), ..Default::default() }))
}

/// The first few of `states` and how many more: forty feeds would not fit on a line.
fn first_few(states: &[String]) -> String {
    const FEW: usize = 3;
    match states.len() {
        n if n <= FEW + 1 => states.join("; "),
        n => format!("{}; and {} more", states[..FEW].join("; "), n - FEW),
    }
}

/// A loader for the reader that runs `load` on the loader thread, with a library connection of
/// its own (one is not shared between threads) and no progress printed.
fn own_library_loader(
    library: Option<&Library>,
    mut opts: LoadOptions,
    load: impl FnOnce(&LoadOptions, Option<Library>, &mut dyn FnMut(Corpus, usize, usize)) -> Texts
        + Send
        + 'static,
) -> TextLoader {
    opts.progress = None;
    let path = library.map(|l| l.path().to_path_buf());
    Box::new(move |partial| {
        let own = path.and_then(|p| Library::open(&p).0);
        load(&opts, own, partial)
    })
}

impl Input {
    fn load_options(&self, config: &Config) -> LoadOptions {
        LoadOptions {
            max_file_size: self.max_file_size,
            follow_links: self.follow,
            parse: config.parse.clone(),
            progress: None,
        }
    }

    /// For the reader started on outlines: what loads the articles with their texts, as one
    /// corpus (the same articles, keys and ids, unless files changed in between).
    pub fn text_loader(&self, config: &Config) -> TextLoader {
        let (paths, opts) = (self.paths.clone(), self.load_options(config));
        Box::new(move |_| Texts { corpus: load::load_paths(&paths, &opts).corpus, warnings: Vec::new() })
    }

    /// For the reader started on a peek at the list index ([`load::peek_outlines`]): walks the
    /// folders while it reads the index (its own connection), then goes on as a second start
    /// does ([`outlines_then_texts`]), or as a first start ([`stream`]) when most files turn
    /// out to have no row after all.
    fn peek_loader(&self, opts: LoadOptions, library: &Library) -> TextLoader {
        let paths = self.paths.clone();
        own_library_loader(Some(library), opts, move |opts, own, partial| {
            let (walked, index) = std::thread::scope(|s| {
                let walker = s.spawn(|| load::walk(&paths, opts));
                let index = own.as_ref().map(|l| ListIndex::read(l, &opts.parse, true).unwrap_or_default());
                (walker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)), index)
            });
            match index {
                Some(index) if !first_start(&walked, Some(&index)) => {
                    outlines_then_texts(walked, opts, index, own, partial)
                }
                index => stream(walked, opts, index, own, partial),
            }
        })
    }

    /// Opens the library and loads the corpus (from the library's cache where files are
    /// unchanged), printing one warning line per problem file to stderr. Fresh parses are
    /// kept for writing only with [`Loading::StoreParses`] (`triptych library update`):
    /// measured on 100,000 articles, writing and reading them back cost more than parsing the
    /// files (README, Benchmarks), so nothing else fills the cache. Every load notes the list
    /// rows to write ([`Opened::save_index`]). For the reader, subscribed feeds without items
    /// yet open an empty list that says how to fetch them (`r`), where commands stop with exit
    /// status 1.
    pub fn open(&self, loading: Loading) -> Result<Opened, ExitCode> {
        let reader = loading == Loading::Reader;
        // A config file that cannot be used stops everything, before the library is touched.
        let config = load_config(self.config.as_deref())?;
        let library = open_library(self.no_library, self.library.as_deref());
        let mut cache = None;
        let mut shown = Shown::Files;
        let mut index = None;
        let mut folders = None;
        let mut outline = false;
        let mut search = None;
        let Loaded { corpus, warnings, inputs } = if self.paths.is_empty() {
            match feed_items(library.as_ref(), self.feed.as_deref(), &config.parse, reader)? {
                Some(loaded) => {
                    shown = Shown::Feeds { only: self.feed.clone() };
                    // An empty feed list was explained above (or is explained in the reader).
                    if loaded.corpus.is_empty() && !reader {
                        return Err(ExitCode::from(1));
                    }
                    loaded
                }
                None => {
                    shown = Shown::Samples;
                    load::load_seeds_with(&config.parse)
                }
            }
        } else {
            let mut opts = self.load_options(&config);
            let progress = Arc::new(Progress::default());
            opts.progress = Some(Arc::clone(&progress));
            // The reader on a big folder it has seen before draws its first frame from a peek
            // at the list index, before anything is walked (at 1,000,000 files the walk and
            // the `stat`s take seconds); the loader then walks, checks and replaces the list.
            if let Some(lib) = library.as_ref().filter(|_| loading == Loading::Reader) {
                let peek = load::peek_outlines(&self.paths, &opts, lib, STREAM_MIN_FILES);
                if peek.len() >= STREAM_MIN_FILES {
                    let texts = Some(self.peek_loader(opts, lib));
                    let load_options = self.load_options(&config);
                    return Ok(Opened {
                        corpus: Corpus::new(peek),
                        texts,
                        peek: true,
                        ..Opened::unloaded(library, None, true, config, shown, load_options)
                    });
                }
            }
            // A library whose index cannot be read is read around: the rows are rewritten.
            let rows = matches!(
                loading,
                Loading::Outline | Loading::Reader | Loading::Search | Loading::SearchWords | Loading::Lines
            );
            // Folders unchanged since the last run are not read again (their entries are in
            // the folder index, a few rows); a library whose folder index cannot be read is
            // read around: the rows are rewritten.
            folders = library.as_ref().map(|l| {
                let roots: Vec<PathBuf> =
                    self.paths.iter().filter_map(|p| std::fs::canonicalize(p).ok()).collect();
                FolderIndex::read(l, &config.parse, &roots).unwrap_or_default()
            });
            // The folders are walked on another core while the index is read. For `list`, that
            // core then `stat`s the files, and this one joins in once the index is read (the
            // reader's first frame and search do not wait for the `stat`s). Not on a first
            // start (no folder walked before): every file is read then, `stat`ed as it is.
            let stat_ahead = matches!(loading, Loading::Lines | Loading::Outline)
                && folders.as_ref().is_some_and(|f| !f.is_empty());
            let walk_cell = OnceLock::new();
            let mut search_texts;
            (index, search_texts) = std::thread::scope(|s| {
                let (walk_done, walk_known) = std::sync::mpsc::channel();
                let (paths, opts, folders, cell) = (&self.paths, &opts, folders.as_ref(), &walk_cell);
                let walker = s.spawn(move || {
                    let walked = cell.get_or_init(|| load::walk_indexed(paths, opts, folders));
                    let _ = walk_done.send(());
                    if stat_ahead {
                        walked.stat_ahead();
                    }
                });
                // On a third thread, with its own connection: the word index's build, else
                // the search texts. A library whose search texts cannot be read is read
                // around: the rows are rewritten.
                let at = library.as_ref().map(|l| l.path().to_path_buf());
                let search_texts = matches!(loading, Loading::Search | Loading::SearchWords).then(|| {
                    s.spawn(|| {
                        let library = Library::open(&at?).0?;
                        if loading == Loading::SearchWords {
                            if let Ok(Some(build)) = WordsBuild::read(&library, &config.parse) {
                                return Some((SearchTexts::default(), Some(build), true));
                            }
                        }
                        // A query the build cannot answer leaves it as it is.
                        let built = loading == Loading::Search && search_words::exists(&library);
                        Some((SearchTexts::read(&library, &config.parse).unwrap_or_default(), None, built))
                    })
                });
                let index =
                    library.as_ref().map(|l| ListIndex::read(l, &config.parse, rows).unwrap_or_default());
                let search_texts = search_texts
                    .and_then(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
                // The sender is gone without a word only when the walk panicked: the join
                // below passes that on.
                if let (true, Ok(())) = (stat_ahead, walk_known.recv()) {
                    walk_cell.get().map(load::Walk::stat_ahead);
                }
                walker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                (index, search_texts)
            });
            let Some(walked) = walk_cell.into_inner() else { unreachable!("the walker walked or panicked") };
            if loading == Loading::Reader && first_start(&walked, index.as_ref()) {
                // A first start: the files walked are read on the loader thread, the list
                // growing after each batch.
                let texts = Some(own_library_loader(library.as_ref(), opts, move |opts, own, partial| {
                    stream(walked, opts, index, own, partial)
                }));
                let load_options = self.load_options(&config);
                return Ok(Opened {
                    texts,
                    folders: folders.take(),
                    ..Opened::unloaded(library, None, true, config, shown, load_options)
                });
            }
            if loading == Loading::Reader && walked.len() >= STREAM_MIN_FILES {
                if let Some(index) = index.take() {
                    // A second start: the first frame is drawn before the outlines are read
                    // (sent as one partial), then the articles with their texts.
                    let texts =
                        Some(own_library_loader(library.as_ref(), opts, move |opts, own, partial| {
                            outlines_then_texts(walked, opts, index, own, partial)
                        }));
                    let load_options = self.load_options(&config);
                    return Ok(Opened {
                        texts,
                        folders: folders.take(),
                        ..Opened::unloaded(library, None, true, config, shown, load_options)
                    });
                }
            }
            // A search the word index's build answers ranks from `list`'s rows: walked here,
            // loaded by the search itself (`cli::search_lines`).
            let from_rows = loading == Loading::SearchWords
                && index.is_some()
                && matches!(search_texts, Some((_, Some(_), _)));
            if from_rows {
                let words = search_texts.take().and_then(|(_, words, _)| words);
                search = Some(SearchDocs { words, ..Default::default() });
            }
            if (loading == Loading::Lines || from_rows) && index.is_some() {
                let (walk, paths) = (walked, self.paths.clone());
                let lines = Some(Walked { walk, options: opts, progress, paths });
                let load_options = self.load_options(&config);
                return Ok(Opened {
                    lines,
                    folders,
                    search,
                    ..Opened::unloaded(library, index, outline, config, shown, load_options)
                });
            }
            let loaded = with_progress(&progress, || match (loading, &index, &mut search_texts) {
                (Loading::Search | Loading::SearchWords, Some(index), Some((texts, words, built))) => {
                    let (loaded, mut docs) =
                        load::load_search_walked(&walked, &opts, index, texts, words.as_ref());
                    docs.words = words.take();
                    if *built && docs.words.is_none() {
                        docs.files = None;
                    }
                    search = Some(docs);
                    loaded
                }
                (Loading::Outline | Loading::Lines, Some(index), _) | (Loading::Reader, Some(index), _)
                    if loading != Loading::Reader || !index.is_empty() =>
                {
                    outline = true;
                    load::load_outline_walked(&walked, &opts, index).loaded
                }
                _ => {
                    let limit = if loading == Loading::StoreParses { usize::MAX } else { 0 };
                    cache = library
                        .as_ref()
                        .map(|l| FileCache::read(l, limit, &config.parse).unwrap_or_default());
                    load::load_walked(&walked, &opts, cache.as_ref(), index.as_ref())
                }
            });
            drop_aside(walked);
            drop_aside(search_texts);
            loaded
        };
        for line in load::warning_lines(&warnings) {
            say(line);
        }
        if corpus.is_empty() && shown == Shown::Files {
            return Err(no_articles(&self.paths, &warnings));
        }
        let load_options = self.load_options(&config);
        Ok(Opened {
            corpus,
            warnings,
            inputs,
            cache,
            search,
            folders,
            ..Opened::unloaded(library, index, outline, config, shown, load_options)
        })
    }
}

/// Says on stderr that `paths` held no article (and why, from `warnings`): exit status 1.
pub fn no_articles(paths: &[PathBuf], warnings: &[load::Warning]) -> ExitCode {
    let where_ = paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ");
    let skipped = warnings.iter().filter(|w| w.skipped).count();
    if skipped > 0 {
        // The files were there but could not be read: the warnings above say why.
        let files = if skipped == 1 { "1 file".to_string() } else { format!("{skipped} files") };
        say(format_args!("error: no articles found in {where_}: {files} skipped (see the warnings above)"));
    } else {
        say(format_args!(
            "error: no articles found in {where_} (readable formats: .txt, .md, .json, .jsonl, and RSS, Atom or JSON feeds)"
        ));
    }
    ExitCode::from(1)
}

#[cfg(test)]
mod tests {
    #[test]
    fn many_feed_states_are_cut_to_a_few() {
        let states: Vec<String> = (1..=40).map(|i| format!("f{i}: not fetched yet")).collect();
        let line = super::first_few(&states);
        assert_eq!(line, "f1: not fetched yet; f2: not fetched yet; f3: not fetched yet; and 37 more");
        assert_eq!(super::first_few(&states[..4]), states[..4].join("; "));
    }
}
