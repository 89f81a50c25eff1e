//! Loading articles from paths: walking directories, size limits, decoding bytes, and turning
//! every file that cannot be used into a warning so that the rest still load.
//! This module only reads: it never writes to, or even opens for writing, an input file.

use std::fmt;
use std::fs::{self, File, Metadata, OpenOptions};
use std::io::{self, Read};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use xxhash_rust::xxh3::xxh3_64;

use crate::library::cache::{Entry, FileCache, Parsed as CachedParse, Stamp};
use crate::library::folders::FolderIndex;
use crate::library::listing::{FileOutline, Line, ListIndex, Summary};
use crate::parallel;
use crate::parse::{self, ParseOptions, Parsed};
use crate::sanitize;
use crate::{Article, Corpus, Format, LoadError};

mod decode;
mod search;
mod walk;
use decode::decode_owned;
pub use decode::{decode, Decoded};
pub use search::{load_search_walked, search_lines_walked, SearchDocs, SearchLine, SearchLines};
use walk::{is_readme, jobs_for, name_of, sniff_file};

/// The bundled sample articles as (file name, bytes), sorted by name; embedded by `build.rs`
/// so that `triptych` works from any directory.
static SEEDS: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/seeds.rs"));

pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;
/// How far into a file to look for NUL bytes when deciding whether it is binary.
const BINARY_SNIFF: usize = 8192;

#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Files larger than this many bytes are skipped.
    pub max_file_size: u64,
    /// Follow symbolic links found while walking a directory. Off by default (as in ripgrep and
    /// fd) so a link cannot lead the load out of the folder; a path named directly is always read.
    pub follow_links: bool,
    /// The user's extra insight headings and source prefixes.
    pub parse: ParseOptions,
    /// Counts files as they are done, for a progress line.
    pub progress: Option<Arc<Progress>>,
}

/// How far a load is: files found and files done (read, parsed or taken from the index).
#[derive(Debug, Default)]
pub struct Progress {
    pub total: AtomicUsize,
    pub done: AtomicUsize,
}

impl LoadOptions {
    fn found(&self, jobs: &[Job]) {
        if let Some(p) = &self.progress {
            p.total.store(jobs.len(), Ordering::Relaxed);
        }
    }

    fn did_one(&self) {
        if let Some(p) = &self.progress {
            p.done.fetch_add(1, Ordering::Relaxed);
        }
    }
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            follow_links: false,
            parse: ParseOptions::default(),
            progress: None,
        }
    }
}

/// A file the corpus was read from, by identity: `export -o` refuses to overwrite one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    pub dev: u64,
    pub ino: u64,
    /// The path it was read by (made canonical only when compared, which is rare).
    pub path: PathBuf,
}

impl InputFile {
    fn new(path: &Path, meta: &Metadata) -> Self {
        InputFile { dev: meta.dev(), ino: meta.ino(), path: path.to_path_buf() }
    }

    /// True when `meta` (of a file whose canonical path is `canonical`) is this file.
    pub fn is(&self, meta: &Metadata, canonical: Option<&Path>) -> bool {
        (self.dev, self.ino) == (meta.dev(), meta.ino())
            || canonical.is_some_and(|c| fs::canonicalize(&self.path).is_ok_and(|mine| mine == c))
    }
}

/// Something the user should know about one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub path: String,
    pub message: String,
    /// True when the whole file was skipped.
    pub skipped: bool,
}

impl Warning {
    /// File names and parser messages can carry control characters too: cleaned here.
    fn new(path: &str, message: &str, skipped: bool) -> Self {
        Warning {
            path: sanitize::clean_line(path).into_owned(),
            message: sanitize::clean_line(message).into_owned(),
            skipped,
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verb = if self.skipped { "skipped " } else { "" };
        write!(f, "{verb}{}: {}", self.path, self.message)
    }
}

#[derive(Debug, Default)]
pub struct Loaded {
    pub corpus: Corpus,
    pub warnings: Vec<Warning>,
    /// Every file that was read (whether or not it held articles).
    pub inputs: Vec<InputFile>,
}

/// Warning lines printed per run before the rest are only counted.
pub const MAX_WARNING_LINES: usize = 20;

/// The lines to print for `warnings`: the first [`MAX_WARNING_LINES`], then one summary line
/// with the counts, so that ten thousand bad files do not bury the output.
pub fn warning_lines(warnings: &[Warning]) -> Vec<String> {
    let mut lines: Vec<String> =
        warnings.iter().take(MAX_WARNING_LINES).map(|w| format!("warning: {w}")).collect();
    let rest = &warnings[warnings.len().min(MAX_WARNING_LINES)..];
    if !rest.is_empty() {
        let skipped = rest.iter().filter(|w| w.skipped).count();
        let files_hit: std::collections::HashSet<&str> = rest.iter().map(|w| w.path.as_str()).collect();
        let files = |n: usize| if n == 1 { "1 file".to_string() } else { format!("{n} files") };
        let of_which = match (skipped, files_hit.len()) {
            (s, f) if s == f => format!("{} skipped", files(s)),
            (0, f) => format!("in {}", files(f)),
            (s, f) => format!("{} skipped, {} read with problems", files(s), files(f.saturating_sub(s))),
        };
        lines.push(format!("warning: {} more warnings not shown ({of_which})", rest.len()));
    }
    lines
}

/// Files are read and parsed on all cores once there are at least this many.
const PARALLEL_MIN_FILES: usize = 64;

/// Loads the bundled seeds.
pub fn load_seeds() -> Loaded {
    load_seeds_with(&ParseOptions::default())
}

/// Loads the bundled seeds with the user's parse options.
pub fn load_seeds_with(opts: &ParseOptions) -> Loaded {
    let mut acc = Accumulator::default();
    for &(name, bytes) in SEEDS {
        let Some(format) = parse::format_for_path(Path::new(name)) else {
            continue;
        };
        let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
        let display = format!("seeds/{name}");
        acc.add(parse_bytes(bytes.to_vec(), format, stem, display.clone(), &display, opts));
    }
    acc.finish()
}

/// Something to do for one entry found on the command line or while walking.
enum Job {
    File {
        path: PathBuf,
        format: Format,
        /// The article key: the canonical path.
        key: String,
    },
    /// A file without an extension found while walking: read only if it starts like a feed.
    Sniff { path: PathBuf, key: String },
    /// A problem the walk itself found (e.g. a symbolic link loop).
    Problem(Warning),
}

/// Loads every file and directory in `paths`, in order; directories are walked recursively,
/// sorted by path, skipping hidden entries. Files are read and parsed in parallel; the
/// articles and warnings come out in path order all the same.
pub fn load_paths(paths: &[PathBuf], opts: &LoadOptions) -> Loaded {
    load_paths_cached(paths, opts, None)
}

/// [`load_paths`], taking each file's parse from `cache` when its stamp (size, mtime, inode)
/// still matches, and handing fresh parses to it.
pub fn load_paths_cached(paths: &[PathBuf], opts: &LoadOptions, cache: Option<&FileCache>) -> Loaded {
    load_paths_indexed(paths, opts, cache, None)
}

/// [`load_paths_cached`], also handing each file's list row to `index` when the index lacks it
/// or holds a stale one (written by [`ListIndex::save`] after the output).
pub fn load_paths_indexed(
    paths: &[PathBuf],
    opts: &LoadOptions,
    cache: Option<&FileCache>,
    index: Option<&ListIndex>,
) -> Loaded {
    load_walked(&walk(paths, opts), opts, cache, index)
}

/// The files found in the paths named (folders walked): what a load reads, in order. Walking
/// is apart from reading so that a caller can walk while it reads the library.
pub struct Walk {
    jobs: Vec<Job>,
    /// Each file's `stat`, taken ahead by [`Walk::stat_ahead`] (per chunk of
    /// [`STAT_CHUNK`] jobs; a chunk not taken is `stat`ed where it is used).
    stats: Vec<OnceLock<Vec<FileStat>>>,
    /// The next chunk of `stats` to take.
    next_stat: AtomicUsize,
}

/// What [`FolderStat::stat`] says of a file: its stamp and whether it is a regular file.
type FileStat = Option<(Stamp, bool)>;

/// Files `stat`ed per chunk by [`Walk::stat_ahead`].
const STAT_CHUNK: usize = 1024;

/// Walks `paths` (see [`load_paths`] for the order and what is skipped); reads no file.
pub fn walk(paths: &[PathBuf], opts: &LoadOptions) -> Walk {
    walk_indexed(paths, opts, None)
}

/// [`walk()`], taking a folder's entries from `folders` when its row there still matches the
/// folder's `stat` (no `getdents`, no sort), and handing the rows of folders read afresh to
/// it (written by [`FolderIndex::save`] after the output). The same files in the same order.
pub fn walk_indexed(paths: &[PathBuf], opts: &LoadOptions, folders: Option<&FolderIndex>) -> Walk {
    let jobs = jobs_for(paths, opts, folders);
    let stats = (0..jobs.len().div_ceil(STAT_CHUNK)).map(|_| OnceLock::new()).collect();
    Walk { jobs, stats, next_stat: AtomicUsize::new(0) }
}

impl Walk {
    /// Files (and problems) found.
    pub fn len(&self) -> usize {
        self.jobs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.jobs.is_empty()
    }

    /// `stat`s the files found, chunk by chunk, until every chunk is taken: called on as many
    /// threads as are free (while another reads the list index), so the `stat`s, a second
    /// start's largest cost, overlap the rest. Whatever is not taken by the time a file is
    /// looked up ([`list_walked`], [`load_outline_walked`]) is `stat`ed then. A `stat` taken
    /// ahead is as good as one taken later: a row is used only when it matches it.
    pub fn stat_ahead(&self) {
        let mut folder = FolderStat::default();
        loop {
            let n = self.next_stat.fetch_add(1, Ordering::Relaxed);
            let Some(slot) = self.stats.get(n) else { return };
            let end = ((n + 1) * STAT_CHUNK).min(self.jobs.len());
            let stats = self.jobs[n * STAT_CHUNK..end]
                .iter()
                .map(|job| match job {
                    Job::File { path, .. } | Job::Sniff { path, .. } => folder.stat(path),
                    Job::Problem(_) => None,
                })
                .collect();
            let _ = slot.set(stats);
        }
    }

    /// The `stat` of job `i` (see [`FolderStat::stat`]): taken ahead, or now.
    fn stat_of(&self, i: usize, path: &Path, folder: &mut FolderStat) -> FileStat {
        match self.stats.get(i / STAT_CHUNK).and_then(OnceLock::get) {
            Some(chunk) => chunk[i % STAT_CHUNK],
            None => folder.stat(path),
        }
    }

    /// The keys of the files found, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.jobs.iter().filter_map(|j| match j {
            Job::File { key, .. } | Job::Sniff { key, .. } => Some(key.as_str()),
            Job::Problem(_) => None,
        })
    }
}

/// [`load_paths_indexed`] over files already walked.
pub fn load_walked(
    walk: &Walk,
    opts: &LoadOptions,
    cache: Option<&FileCache>,
    index: Option<&ListIndex>,
) -> Loaded {
    let jobs = &walk.jobs;
    opts.found(jobs);
    accumulate(read_jobs(jobs, opts, cache, index))
}

/// First batch of a streaming load; each next one is twice as big, up to [`MAX_BATCH`]: the
/// list fills at once, and re-listing what was read stays a small share of the work.
const FIRST_BATCH: usize = 512;
const MAX_BATCH: usize = 16_384;

/// [`load_walked`] in batches of files, in order, calling `partial` after each batch but the
/// last with the outlines (list fields, no text) of every article read so far and the number
/// of files done: for a reader that lists what a first start has parsed while it parses the
/// rest. Gives what [`load_walked`] gives.
pub fn load_walked_in_batches(
    walk: &Walk,
    opts: &LoadOptions,
    cache: Option<&FileCache>,
    index: Option<&ListIndex>,
    mut partial: impl FnMut(Vec<Article>, usize),
) -> Loaded {
    let jobs = &walk.jobs;
    opts.found(jobs);
    let mut outcomes = Vec::with_capacity(jobs.len());
    let mut outlines = Vec::new();
    let (mut start, mut size) = (0, FIRST_BATCH);
    while start < jobs.len() {
        let end = (start + size).min(jobs.len());
        let batch = read_jobs(&jobs[start..end], opts, cache, index);
        for o in &batch {
            if let Ok(Some(Outcome { result: Ok(p), .. })) = o {
                outlines.extend(p.articles.iter().map(|a| Summary::of(a).outline(a.path.clone())));
            }
        }
        outcomes.extend(batch);
        if end < jobs.len() {
            partial(outlines.clone(), end);
        }
        (start, size) = (end, (size * 2).min(MAX_BATCH));
    }
    accumulate(outcomes)
}

/// Reads and parses `jobs` on all cores, in order.
fn read_jobs(
    jobs: &[Job],
    opts: &LoadOptions,
    cache: Option<&FileCache>,
    index: Option<&ListIndex>,
) -> Vec<Result<Option<Outcome>, Warning>> {
    parallel::map_chunks(jobs, PARALLEL_MIN_FILES, |chunk| {
        chunk
            .iter()
            .map(|job| {
                opts.did_one();
                let (outcome, key) = match job {
                    Job::File { path, format, key } => (
                        match cache {
                            Some(cache) => cached_read_and_parse(path, *format, key, opts, cache),
                            None => read_and_parse(path, *format, key, opts),
                        },
                        key,
                    ),
                    Job::Sniff { path, key } if sniff_file(path) => {
                        (read_and_parse(path, Format::Feed, key, opts), key)
                    }
                    Job::Sniff { .. } => return Ok(None),
                    Job::Problem(w) => return Err(w.clone()),
                };
                if let Some(index) = index {
                    outcome.index_into(key, index);
                }
                Ok(Some(outcome))
            })
            .collect()
    })
}

/// What an outline load gave: articles with their list fields only (see
/// [`Summary::outline`]), and where they came from.
#[derive(Debug, Default)]
pub struct Outlined {
    pub loaded: Loaded,
    /// Files whose row came from the list index (one `stat` each).
    pub from_index: usize,
    /// Files read and parsed (new, changed, or not indexable).
    pub parsed: usize,
}

/// Loads what `list` and the reader's list pane need: a file whose list-index row still
/// matches its stamp costs one `stat`; any other is read and parsed, and its row handed to
/// `index` for [`ListIndex::save`]. Articles come out in the same order, with the same keys,
/// ids and hashes as from [`load_paths`], but without their text.
pub fn load_outline(paths: &[PathBuf], opts: &LoadOptions, index: &ListIndex) -> Outlined {
    load_outline_walked(&walk(paths, opts), opts, index)
}

/// [`load_outline`] over files already walked.
pub fn load_outline_walked(walk: &Walk, opts: &LoadOptions, index: &ListIndex) -> Outlined {
    let jobs = &walk.jobs;
    opts.found(jobs);
    let from_index = AtomicUsize::new(0);
    let outcomes = parallel::map_ranges(jobs.len(), PARALLEL_MIN_FILES, |range| {
        let mut folder = FolderStat::default();
        // The index row after the last one found.
        let mut near = 0;
        jobs[range.clone()]
            .iter()
            .enumerate()
            .map(|(i, job)| {
                opts.did_one();
                let (path, key, format) = match job {
                    Job::File { path, format, key } => (path, key, Some(*format)),
                    Job::Sniff { path, key } => (path, key, None),
                    Job::Problem(w) => return Err(w.clone()),
                };
                let stat = walk.stat_of(range.start + i, path, &mut folder);
                if let Some(hit) = indexed(path, key, stat, opts, index, &mut near) {
                    from_index.fetch_add(1, Ordering::Relaxed);
                    return Ok(Some(hit));
                }
                let outcome = match format {
                    Some(format) => read_and_parse(path, format, key, opts),
                    None if sniff_file(path) => read_and_parse(path, Format::Feed, key, opts),
                    None => return Ok(None),
                };
                outcome.index_into(key, index);
                Ok(Some(outcome.into_outline()))
            })
            .collect()
    });
    let from_index = from_index.into_inner();
    let parsed = outcomes.iter().filter(|o| matches!(o, Ok(Some(_)))).count() - from_index;
    Outlined { loaded: accumulate(outcomes), from_index, parsed }
}

/// The file's outline from the list index, when its row matches one `stat`.
fn indexed(
    path: &Path,
    key: &str,
    stat: Option<(Stamp, bool)>,
    opts: &LoadOptions,
    index: &ListIndex,
    near: &mut usize,
) -> Option<Outcome> {
    let (stamp, is_file) = stat?;
    if !is_file || stamp.size > opts.max_file_size {
        return None;
    }
    let row = index.get_near(key, stamp, near)?;
    let lossless = path.to_string_lossy();
    // The path shown is the one given this time, not the one given when it was indexed.
    let mut shown = sanitize::clean(&lossless).into_owned();
    // The display path only names the file in warnings: most rows have none.
    let warns = row.lossy || !row.warnings.is_empty() || row.more_warnings > 0 || row.articles.is_empty();
    let display = if warns { lossless.into_owned() } else { String::new() };
    let mut articles = Vec::with_capacity(row.articles.len());
    let mut summaries = row.articles.into_iter().peekable();
    while let Some(summary) = summaries.next() {
        // The last (nearly always the only) article takes the string itself.
        let path = if summaries.peek().is_some() { shown.clone() } else { std::mem::take(&mut shown) };
        articles.push(summary.outline(path));
    }
    Some(Outcome {
        display,
        result: Ok(Parsed {
            articles,
            warnings: row.warnings,
            more_warnings: row.more_warnings,
            ..Default::default()
        }),
        lossy: row.lossy,
        // Not read: `inputs` lists the files that were (for `export -o`, which never outlines).
        input: None,
        stamp: Some(stamp),
    })
}

/// Up to `limit` outlines from the list index of the files inside the folders in `paths`, by
/// the index alone: no folder walked, no file `stat`ed, so the rows may be stale (a file
/// edited or deleted since) and the folders may hold more. For the reader's first frame on a
/// big folder, replaced once the folders are walked ([`load_outline_walked`]). Rows of files a
/// walk would skip (hidden, a README) are left out; the order is the walk's (by path, folder
/// by folder). The path shown is the folder as given joined to the file's place in it.
pub fn peek_outlines(
    paths: &[PathBuf],
    opts: &LoadOptions,
    library: &crate::library::Library,
    limit: usize,
) -> Vec<Article> {
    let mut articles = Vec::new();
    for root in paths {
        let left = limit.saturating_sub(articles.len());
        if left == 0 || !root.is_dir() {
            continue;
        }
        let Ok(canonical) = fs::canonicalize(root) else { continue };
        let folder = canonical.to_string_lossy();
        let Ok(mut rows) = ListIndex::peek(library, &opts.parse, &folder, left) else { continue };
        // The table's order is by bytes; a walk's is folder by folder (`a/b/c` before `a/b.txt`).
        rows.sort_by(|(a, _), (b, _)| Path::new(a).cmp(Path::new(b)));
        let given = root.to_string_lossy();
        for (key, row) in rows {
            let rel = key[folder.len()..].trim_start_matches('/');
            let walked = rel.split('/').all(|part| !part.starts_with('.'));
            if !walked || is_readme(name_of(Path::new(rel))) {
                continue;
            }
            let sep = if given.ends_with('/') { "" } else { "/" };
            let shown = sanitize::clean(&format!("{given}{sep}{rel}")).into_owned();
            articles.extend(row.articles.into_iter().map(|s| s.outline(shown.clone())));
        }
    }
    articles
}

/// What `list` prints, read straight from the list index: [`Line`]s borrowed from its rows (no
/// article is built for them), in load order, ids not yet de-duplicated
/// ([`crate::model::dedup`]), and the load's warnings.
#[derive(Debug, Default)]
pub struct Listed<'a> {
    pub lines: Vec<Line<'a>>,
    pub warnings: Vec<Warning>,
}

/// [`load_outline_walked`] for `list`: the same articles, as [`Line`]s. A file whose row still
/// matches its stamp costs one `stat` and no allocation per article; any other is read and
/// parsed, and its row handed to `index` for [`ListIndex::save`].
pub fn list_walked<'a>(walk: &Walk, opts: &LoadOptions, index: &'a ListIndex) -> Listed<'a> {
    lines_walked(walk, opts, index, || ()).0
}

/// What a caller of [`lines_walked`] keeps of each file besides its lines, one per chunk of
/// files (chunks are walked on their own threads).
trait LineFiles: Send {
    /// The file with key `key` and stamp `stamp` has a current row, whose `n` lines were just
    /// appended: true to keep them, false to read the file instead (they are taken back).
    fn row(&mut self, key: &str, stamp: Stamp, n: usize) -> bool;
    /// A file was read (`stamp`: as it was), and these articles parsed from it, in order, after
    /// their lines were appended; `None` when it could not be read or parsed.
    fn read(&mut self, key: &str, stamp: Option<Stamp>, articles: Option<Vec<Article>>);
}

/// `list` keeps nothing else.
impl LineFiles for () {
    fn row(&mut self, _: &str, _: Stamp, _: usize) -> bool {
        true
    }

    fn read(&mut self, _: &str, _: Option<Stamp>, _: Option<Vec<Article>>) {}
}

/// The lines of `list` ([`list_walked`]) and, per chunk of files in order, what `files` (made
/// by `make`, one per chunk) kept of them.
fn lines_walked<'a, F: LineFiles>(
    walk: &Walk,
    opts: &LoadOptions,
    index: &'a ListIndex,
    make: impl Fn() -> F + Sync,
) -> (Listed<'a>, Vec<F>) {
    let jobs = &walk.jobs;
    opts.found(jobs);
    let parts = parallel::map_ranges(jobs.len(), PARALLEL_MIN_FILES, |range| {
        let (mut part, mut files) = (Listed::default(), make());
        let mut folder = FolderStat::default();
        // The index row after the last one found.
        let mut near = 0;
        for (i, job) in jobs[range.clone()].iter().enumerate() {
            opts.did_one();
            let (path, key, format) = match job {
                Job::File { path, format, key } => (path, key, Some(*format)),
                Job::Sniff { path, key } => (path, key, None),
                Job::Problem(w) => {
                    part.warnings.push(w.clone());
                    continue;
                }
            };
            let stamp = walk
                .stat_of(range.start + i, path, &mut folder)
                .filter(|&(s, file)| file && s.size <= opts.max_file_size);
            let before = part.lines.len();
            if let Some((stamp, row)) =
                stamp.and_then(|(s, _)| Some((s, index.lines_near(key, s, &mut near, &mut part.lines)?)))
            {
                let (count, FileOutline { warnings, more_warnings, lossy, .. }) =
                    (part.lines.len() - before, row);
                if files.row(key, stamp, count) {
                    if lossy || !warnings.is_empty() || more_warnings > 0 || count == 0 {
                        let display = path.to_string_lossy();
                        file_warnings(&mut part.warnings, &display, lossy, warnings, more_warnings, count);
                    }
                    continue;
                }
                part.lines.truncate(before);
            }
            let outcome = match format {
                Some(format) => read_and_parse(path, format, key, opts),
                None if sniff_file(path) => read_and_parse(path, Format::Feed, key, opts),
                None => continue,
            };
            outcome.index_into(key, index);
            let stamp = outcome.stamp;
            let parsed = outcome.warnings_into(&mut part.warnings);
            if let Some(parsed) = &parsed {
                part.lines.extend(parsed.articles.iter().map(Line::of));
            }
            files.read(key, stamp, parsed.map(|p| p.articles));
        }
        vec![(part, files)]
    });
    let mut parts = parts.into_iter();
    let (mut all, first) = parts.next().unwrap_or_else(|| (Listed::default(), make()));
    let mut files = vec![first];
    for (part, kept) in parts {
        all.lines.extend(part.lines);
        all.warnings.extend(part.warnings);
        files.push(kept);
    }
    (all, files)
}

/// `stat`s walked files relative to their open folder: one name is looked up per file instead
/// of every part of its path, as `fs::metadata` does (100,000 files in one folder: a third of
/// the time of a second start's `stat`s).
#[derive(Default)]
struct FolderStat {
    /// The folder open in `fd`, as a path.
    dir: Vec<u8>,
    fd: Option<rustix::fd::OwnedFd>,
}

impl FolderStat {
    /// What `fs::metadata(path)` says (symbolic links followed): the file's stamp, and whether
    /// it is a regular file. `None` when it cannot be read.
    fn stat(&mut self, path: &Path) -> Option<(Stamp, bool)> {
        use rustix::fs::{AtFlags, FileType, Mode, OFlags};
        let bytes = path.as_os_str().as_bytes();
        let split = bytes.iter().rposition(|&b| b == b'/').filter(|&i| i + 1 < bytes.len());
        let Some(slash) = split else {
            let meta = fs::metadata(path).ok()?;
            return Some((Stamp::of(&meta), meta.is_file()));
        };
        let (dir, name) = (&bytes[..slash.max(1)], &bytes[slash + 1..]);
        if self.dir != dir {
            // O_PATH: a handle to look names up in, which needs no read permission.
            self.fd =
                rustix::fs::open(dir, OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC, Mode::empty()).ok();
            self.dir = dir.to_vec();
        }
        let st = match &self.fd {
            Some(fd) => rustix::fs::statat(fd, name, AtFlags::empty()).ok()?,
            None => {
                let meta = fs::metadata(path).ok()?;
                return Some((Stamp::of(&meta), meta.is_file()));
            }
        };
        Some((Stamp::of_stat(&st), FileType::from_raw_mode(st.st_mode).is_file()))
    }
}

/// The article that `outline` outlines, with its text: its file is read and parsed afresh (so
/// never stale), and the article with the same key taken from it, with the outline's id and
/// path (the id was de-duplicated among all articles). `None` when the file no longer holds it.
pub fn text_of(outline: &Article, opts: &LoadOptions) -> Option<Article> {
    // The file's key is the article's key, or the part before one of its `#`s.
    let key = &outline.key;
    let file = std::iter::once(key.len())
        .chain(key.match_indices('#').map(|(i, _)| i))
        .map(|i| Path::new(&key[..i]))
        .find(|p| p.is_file())?;
    let loaded = load_paths(&[file.to_path_buf()], opts);
    let mut articles = loaded.corpus.articles().to_vec();
    let i = articles.iter().position(|a| a.key == *key)?;
    let mut article = articles.swap_remove(i);
    article.id.clone_from(&outline.id);
    article.path.clone_from(&outline.path);
    Some(article)
}

fn accumulate(outcomes: Vec<Result<Option<Outcome>, Warning>>) -> Loaded {
    let mut acc = Accumulator::default();
    let articles = outcomes.iter().map(|o| match o {
        Ok(Some(Outcome { result: Ok(p), .. })) => p.articles.len(),
        _ => 0,
    });
    acc.articles.reserve(articles.sum());
    acc.inputs.reserve(outcomes.len());
    for outcome in outcomes {
        match outcome {
            Ok(Some(o)) => acc.add(o),
            Ok(None) => {}
            Err(w) => acc.warnings.push(w),
        }
    }
    acc.finish()
}

/// The display id's source for a file: its folder's name and its own name without extension
/// (`bbc/business/001.txt` → `business/001`), whatever folder was named on the command line.
fn stem_of(key: &str) -> String {
    let path = Path::new(key);
    let stem = path.file_stem().map_or(String::new(), |s| s.to_string_lossy().into_owned());
    match path.parent().and_then(Path::file_name) {
        Some(parent) => format!("{}/{stem}", parent.to_string_lossy()),
        None => stem,
    }
}

/// What reading and parsing one file gave.
struct Outcome {
    display: String,
    result: Result<Parsed, LoadError>,
    /// Invalid UTF-8 was replaced.
    lossy: bool,
    /// The file that was read, when one was.
    input: Option<InputFile>,
    /// Its stamp when it was read (for the list index).
    stamp: Option<Stamp>,
}

impl Outcome {
    /// Hands the list row of the file with key `key` to `index` (which keeps it only if its
    /// own is missing or stale). Files that could not be read or parsed get no row.
    fn index_into(&self, key: &str, index: &ListIndex) {
        let (Ok(parsed), Some(stamp)) = (&self.result, self.stamp) else {
            return;
        };
        let outline = FileOutline {
            articles: parsed.articles.iter().map(Summary::of).collect(),
            warnings: parsed.warnings.clone(),
            more_warnings: parsed.more_warnings,
            lossy: self.lossy,
        };
        index.put(key, stamp, &outline);
    }

    /// Pushes the file's warnings to `out` (see [`file_warnings`]); its parse, when it gave one.
    fn warnings_into(self, out: &mut Vec<Warning>) -> Option<Parsed> {
        match self.result {
            Ok(mut p) => {
                let warnings = std::mem::take(&mut p.warnings);
                file_warnings(out, &self.display, self.lossy, warnings, p.more_warnings, p.articles.len());
                Some(p)
            }
            Err(e) => {
                file_warnings(out, &self.display, self.lossy, Vec::new(), 0, 1);
                out.push(Warning::new(&self.display, &e.to_string(), true));
                None
            }
        }
    }

    /// The same outcome with each article's text dropped (see [`Summary::outline`]).
    fn into_outline(mut self) -> Self {
        if let Ok(parsed) = &mut self.result {
            for a in &mut parsed.articles {
                let path = std::mem::take(&mut a.path);
                *a = Summary::of(a).outline(path);
            }
        }
        self
    }
}

fn read_and_parse(path: &Path, format: Format, key: &str, opts: &LoadOptions) -> Outcome {
    let display = path.display().to_string();
    match read_limited(path, opts.max_file_size) {
        Ok((bytes, input, stamp)) => Outcome {
            input: Some(input),
            stamp: Some(stamp),
            ..parse_bytes(bytes, format, &stem_of(key), display, key, &opts.parse)
        },
        Err(e) => Outcome { display, result: Err(e), lossy: false, input: None, stamp: None },
    }
}

/// [`read_and_parse`] through the cache: a hit costs one `stat` and a decode of the record.
fn cached_read_and_parse(
    path: &Path,
    format: Format,
    key: &str,
    opts: &LoadOptions,
    cache: &FileCache,
) -> Outcome {
    let meta = match fs::metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() <= opts.max_file_size => meta,
        // Let the uncached path report what is wrong.
        _ => return read_and_parse(path, format, key, opts),
    };
    let stamp = Stamp::of(&meta);
    let display = path.display().to_string();
    if let Some(hit) = cache.get(key, stamp) {
        // The path shown is the one given this time, not the one given when it was cached.
        let shown = sanitize::clean(&display).into_owned();
        let articles = hit
            .articles
            .into_iter()
            .map(|e| Article { key: e.key, hash: e.hash, path: shown.clone(), ..e.article })
            .collect();
        let input = Some(InputFile::new(path, &meta));
        let parsed = Parsed {
            articles,
            warnings: hit.warnings,
            more_warnings: hit.more_warnings,
            ..Default::default()
        };
        return Outcome { display, result: Ok(parsed), lossy: hit.lossy, input, stamp: Some(stamp) };
    }
    let outcome = read_and_parse(path, format, key, opts);
    if let Ok(parsed) = &outcome.result {
        let articles = parsed
            .articles
            .iter()
            .map(|a| Entry { key: a.key.clone(), hash: a.hash, article: a.clone() })
            .collect();
        let warnings = parsed.warnings.clone();
        let more_warnings = parsed.more_warnings;
        cache.put(key, stamp, CachedParse { articles, warnings, more_warnings, lossy: outcome.lossy });
    }
    outcome
}

/// Decodes and parses one file's bytes, and gives each article its path, id, key, clean text
/// and content hash. One of several articles in a file is keyed by the id the file gives it
/// (stable when records are inserted), else by its position (`#3`).
fn parse_bytes(
    bytes: Vec<u8>,
    format: Format,
    stem: &str,
    display: String,
    key: &str,
    opts: &ParseOptions,
) -> Outcome {
    let mut lossy = false;
    // A JSON or plain-text (unknown extension) file that starts like a feed is one.
    let format = match format {
        Format::Json | Format::Seed if crate::feed::looks_like_feed(&bytes) => Format::Feed,
        f => f,
    };
    // Feeds are parsed from bytes: an XML feed names its own encoding.
    let parsed = if format == Format::Feed {
        crate::feed::parse(&bytes, opts).map_err(LoadError::from)
    } else {
        decode_owned(bytes).and_then(|d| {
            lossy = d.lossy;
            Ok(parse::parse_with(format, &d.text, opts)?)
        })
    };
    let result = parsed.map(|mut parsed| {
        // An article that names no title (Markdown without `title:` or `# `) takes the file's
        // name, as editors and wikis show such notes, rather than its first paragraph.
        let name = Path::new(key).file_stem().map(|s| s.to_string_lossy());
        for &i in &parsed.untitled {
            if let (Some(a), Some(name)) = (parsed.articles.get_mut(i), &name) {
                a.title = name.to_string();
            }
        }
        let single = parsed.articles.len() == 1 && format != Format::Feed;
        let mut explicit_ids = std::collections::HashSet::new();
        // Articles of one file without an id of their own are told apart by their title where it
        // is unique in the file, so adding or removing another article does not move the marks
        // onto a neighbour; only untitled or same-titled ones fall back to their position.
        let mut titles: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for a in &parsed.articles {
            *titles.entry(a.title.trim()).or_default() += 1;
        }
        let by_title: Vec<Option<String>> = parsed
            .articles
            .iter()
            .map(|a| {
                let t = a.title.trim();
                (!t.is_empty() && titles[t] == 1)
                    .then(|| format!("title-{:012x}", xxh3_64(t.as_bytes()) >> 16))
            })
            .collect();
        for (i, a) in parsed.articles.iter_mut().enumerate() {
            a.path = display.clone();
            // A feed item's identity (guid, link or hash) comes from the parser.
            let item = std::mem::take(&mut a.key);
            a.key = if !item.is_empty() {
                format!("{key}#{item}")
            } else if single {
                key.to_string()
            } else if !a.id.is_empty() && explicit_ids.insert(a.id.clone()) {
                format!("{key}#{}", a.id)
            } else if let Some(t) = &by_title[i] {
                format!("{key}#{t}")
            } else {
                format!("{key}#{}", i + 1)
            };
            if a.id.is_empty() {
                a.id = if single { stem.to_string() } else { id_from_title(&a.title, stem, i) };
            }
            // A title that is there but blank (JSON `"title": ""`, front matter `title: ""`, a
            // lone `#` line) would be a blank row in the list: the start of the text names it,
            // else the file (a Markdown note, as one without a title). After the key, which
            // stays the one a blank title gives, so editing the text does not move the marks.
            if a.title.trim().is_empty() {
                let from_text = (format != Format::Markdown)
                    .then(|| parse::title_from_text(&a.body).or_else(|| parse::title_from_text(&a.insight)))
                    .flatten();
                a.title = from_text.or_else(|| name.as_ref().map(|n| n.to_string())).unwrap_or_default();
            }
            a.normalize();
            a.hash = a.content_hash();
        }
        parsed
    });
    Outcome { display, result, lossy, input: None, stamp: None }
}

/// Reads a regular file of at most `limit` bytes; anything else is an error that names why.
/// Never blocks: the type is checked before opening (opening a FIFO would block), and the file
/// is opened non-blocking, so a "regular" file of a special file system that would wait for
/// data (`/proc/kmsg`) is an error instead of a hang.
pub(crate) fn read_limited(path: &Path, limit: u64) -> Result<(Vec<u8>, InputFile, Stamp), LoadError> {
    let meta = fs::metadata(path)?;
    if !meta.is_file() {
        return Err(LoadError::NotRegular);
    }
    if meta.len() > limit {
        return Err(LoadError::TooLarge { limit });
    }
    let file = OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path)?;
    // The path may have been swapped for something else between the check and the open.
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(LoadError::NotRegular);
    }
    let mut bytes = Vec::with_capacity(meta.len().min(limit) as usize);
    // One byte past the limit tells a file that grew past it from one that fits exactly.
    match read_to_end(file, limit.saturating_add(1), &mut bytes) {
        Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Err(LoadError::WouldBlock),
        r => r?,
    };
    if bytes.len() as u64 > limit {
        return Err(LoadError::TooLarge { limit });
    }
    Ok((bytes, InputFile::new(path, &meta), Stamp::of(&meta)))
}

fn read_to_end(file: File, limit: u64, bytes: &mut Vec<u8>) -> io::Result<usize> {
    file.take(limit).read_to_end(bytes)
}

/// Collects articles and warnings in load order.
#[derive(Default)]
struct Accumulator {
    articles: Vec<Article>,
    warnings: Vec<Warning>,
    inputs: Vec<InputFile>,
}

impl Accumulator {
    fn add(&mut self, mut o: Outcome) {
        self.inputs.extend(o.input.take());
        if let Some(p) = o.warnings_into(&mut self.warnings) {
            self.articles.extend(p.articles);
        }
    }

    fn finish(self) -> Loaded {
        Loaded { corpus: Corpus::new(self.articles), warnings: self.warnings, inputs: self.inputs }
    }
}

/// The warnings for one file read or taken from the list index: invalid UTF-8 replaced, then
/// the parser's (and how many more), or, when it held no article, that it was skipped.
fn file_warnings(
    out: &mut Vec<Warning>,
    display: &str,
    lossy: bool,
    warnings: Vec<String>,
    more_warnings: usize,
    articles: usize,
) {
    if lossy {
        out.push(Warning::new(display, "invalid UTF-8, decoded with replacement characters", false));
    }
    if articles == 0 {
        out.push(Warning::new(display, &LoadError::NoArticles.to_string(), true));
        return;
    }
    for w in warnings {
        out.push(Warning::new(display, &w, false));
    }
    if more_warnings > 0 {
        out.push(Warning::new(
            display,
            &format!("{more_warnings} more problems like these not shown"),
            false,
        ));
    }
}

/// Id for one of several articles in a file: its title's slug, else the file's stem and number.
fn id_from_title(title: &str, stem: &str, index: usize) -> String {
    let slug = crate::model::slugify(title);
    if slug.is_empty() {
        format!("{stem}-{}", index + 1)
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_stat_says_what_metadata_says() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        fs::write(&file, "hello").unwrap();
        std::os::unix::fs::symlink(&file, dir.path().join("link.txt")).unwrap();
        fs::create_dir(dir.path().join("sub")).unwrap();
        let mut folder = FolderStat::default();
        for name in ["a.txt", "link.txt", "sub", "sub/", "."] {
            let path = dir.path().join(name);
            let meta = fs::metadata(&path).unwrap();
            assert_eq!(folder.stat(&path), Some((Stamp::of(&meta), meta.is_file())), "{name}");
        }
        assert_eq!(folder.stat(&dir.path().join("gone.txt")), None);
        assert_eq!(folder.stat(Path::new("/")).map(|(_, file)| file), Some(false));
    }

    #[test]
    fn seeds_load_without_warnings() {
        let l = load_seeds();
        assert!(l.warnings.is_empty(), "{:?}", l.warnings);
        assert!(l.corpus.len() >= 7);
        let sample = l.corpus.get("000_77ee804ac85e857f").expect("sample seed");
        assert_eq!(sample.insight_label.as_deref(), Some("ABAB AI Insight"));
    }
}
