//! Finding the files to read: the paths named, and each folder walked in name order (hidden
//! entries and READMEs left out, symbolic links to files already walked dropped).

use std::borrow::Cow;
use std::ffi::OsStr;
use std::fs::{self, OpenOptions};
use std::io::Read;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::{Job, LoadOptions, Warning};
use crate::library::cache::Stamp;
use crate::library::folders::{Child, FolderIndex};
use crate::{parse, Format};

/// The jobs for `paths`: one per file named or found by walking a folder, in order. With
/// `folders`, a folder whose row there still matches its `stat` is not read (see
/// [`FolderIndex`]), and the rows of folders read afresh are handed to it.
pub(super) fn jobs_for(paths: &[PathBuf], opts: &LoadOptions, folders: Option<&FolderIndex>) -> Vec<Job> {
    let mut jobs = Vec::new();
    for root in paths {
        // Canonicalised once per root (not per file): keys then name each file the same way
        // whichever folder above it was given.
        let canonical = fs::canonicalize(root).unwrap_or_else(|_| root.clone());
        if root.is_dir() {
            let mut walk =
                FolderWalk { root, canonical_root: &canonical, jobs: &mut jobs, via_link: Vec::new() };
            let first_job = walk.jobs.len();
            match folders.filter(|_| !opts.follow_links) {
                Some(folders) => walk.folder(root, &canonical.to_string_lossy(), folders),
                None => walk.walk_dir(opts.follow_links),
            }
            let via_link = walk.via_link;
            drop_links_walked_twice(&mut jobs, first_job, &via_link);
        } else {
            let format = parse::format_for_path(root).unwrap_or(Format::Seed);
            jobs.push(Job::File {
                path: root.clone(),
                format,
                key: canonical.to_string_lossy().into_owned(),
            });
        }
    }
    // A folder and one inside it (or a file of it) both named: each file is read once, where
    // it came first, so its articles are listed and its warnings printed once.
    if paths.len() > 1 {
        drop_jobs_named_twice(&mut jobs);
    }
    jobs
}

/// Drops every job whose file (by key) or walk problem an earlier job already holds.
fn drop_jobs_named_twice(jobs: &mut Vec<Job>) {
    let mut files = std::collections::HashSet::with_capacity(jobs.len());
    let mut problems = Vec::new();
    jobs.retain(|job| match job {
        Job::File { key, .. } | Job::Sniff { key, .. } => files.insert(key.clone()),
        Job::Problem(w) if problems.contains(w) => false,
        Job::Problem(w) => {
            problems.push(w.clone());
            true
        }
    });
}

/// One folder named on the command line, being walked.
struct FolderWalk<'a> {
    root: &'a Path,
    canonical_root: &'a Path,
    jobs: &'a mut Vec<Job>,
    /// Jobs (by index) that a symbolic link to a file made: dropped when the file they lead to
    /// is in the walk too, or another link already leads there.
    via_link: Vec<usize>,
}

impl FolderWalk<'_> {
    /// The whole folder walked by walkdir (with `--follow`, or without a library).
    fn walk_dir(&mut self, follow_links: bool) {
        let walker = WalkDir::new(self.root)
            .follow_links(follow_links)
            // Siblings share their parent's path, so comparing whole paths (a memcmp) orders
            // them by name, as `sort_by_file_name` would, without splitting each path per
            // comparison.
            .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !name_of(e.path()).starts_with(b"."));
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    self.problem(&e);
                    continue;
                }
            };
            if entry.file_type().is_dir() {
                continue;
            }
            let symlink = entry.path_is_symlink();
            self.file(entry.into_path(), symlink, follow_links, None);
        }
    }

    /// The folder `dir` (canonical path `key`) and everything in it, in walk order: its
    /// entries from `folders` when its row there matches its `stat`, else read (and the row
    /// handed to `folders`); each folder in it walked the same way (a subfolder unchanged is
    /// not read even when its parent changed).
    fn folder(&mut self, dir: &Path, key: &str, folders: &FolderIndex) {
        // The stamp is taken before the folder is read: a change while it is read leaves a
        // row whose stamp matches nothing.
        let stamp = fs::metadata(dir).ok().map(|m| Stamp::of(&m));
        let stored = stamp.and_then(|s| folders.entries(key, s));
        let children = match stored {
            Some(children) => children,
            None => self.read_folder(dir, key, stamp, folders),
        };
        self.jobs.reserve(children.len());
        for child in children {
            let name = OsStr::from_bytes(&child.name);
            let path = dir.join(name);
            let child_key = join_key(key, name);
            if child.is_dir {
                self.folder(&path, &child_key, folders);
            } else {
                self.file(path, false, false, Some(child_key));
            }
        }
    }

    /// The entries of `dir` that a walk takes (hidden ones left out), in name order; the row
    /// is handed to `folders` unless an entry is a symbolic link (its target may change while
    /// the folder does not) or something could not be read. Links are walked here (they are
    /// never descended into) and left out of what is returned.
    fn read_folder<'f>(
        &mut self,
        dir: &Path,
        key: &str,
        stamp: Option<Stamp>,
        folders: &FolderIndex,
    ) -> Vec<Child<'f>> {
        let walker = WalkDir::new(dir)
            .max_depth(1)
            .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !name_of(e.path()).starts_with(b"."));
        let (mut children, mut whole) = (Vec::new(), stamp.is_some());
        // Links are walked in their place among the entries: the entries before one are
        // walked first.
        let mut links = Vec::new();
        for entry in walker {
            let entry = match entry {
                Ok(e) if e.depth() == 0 => continue,
                Ok(e) => e,
                Err(e) => {
                    whole = false;
                    links.push((children.len(), Err(e)));
                    continue;
                }
            };
            if entry.path_is_symlink() {
                whole = false;
                links.push((children.len(), Ok(entry.into_path())));
                continue;
            }
            let name = Cow::Owned(name_of(entry.path()).to_vec());
            children.push(Child { name, is_dir: entry.file_type().is_dir() });
        }
        if let (true, Some(stamp)) = (whole, stamp) {
            folders.put(key, stamp, &children);
        }
        if links.is_empty() {
            return children;
        }
        // Rare: walked here, in order, so that what is returned holds no link.
        let mut rest = children.into_iter().enumerate().peekable();
        for (at, link) in links {
            while let Some((_, child)) = rest.next_if(|(i, _)| *i < at) {
                let name = OsStr::from_bytes(&child.name);
                let child_key = join_key(key, name);
                if child.is_dir {
                    self.folder(&dir.join(name), &child_key, folders);
                } else {
                    self.file(dir.join(name), false, false, Some(child_key));
                }
            }
            match link {
                Ok(path) => self.file(path, true, false, None),
                Err(e) => self.problem(&e),
            }
        }
        rest.map(|(_, c)| c).collect()
    }

    /// A problem the walk met (a folder it cannot read, a link loop).
    fn problem(&mut self, e: &walkdir::Error) {
        let dangling = e.io_error().is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound)
            && e.path().is_some_and(|p| p.is_symlink());
        let message = match e.loop_ancestor() {
            Some(a) => format!("symbolic link loop back to {}", a.display()),
            None if dangling => "symbolic link to nothing".to_string(),
            None => e.to_string(),
        };
        let path = e.path().unwrap_or(self.root).display().to_string();
        self.jobs.push(Job::Problem(Warning::new(&path, &message, true)));
    }

    /// The job for `path`, an entry of a walked folder that is not a folder (or a link to
    /// one), if it is to be read; `key` its key when already known (neither a link nor
    /// followed).
    fn file(&mut self, path: PathBuf, symlink: bool, follow_links: bool, key: Option<String>) {
        // A folder's README documents the articles beside it; it is not one of them.
        let name = name_of(&path);
        if is_readme(name) {
            return;
        }
        // The name's bytes, not `Path::extension` (which splits the path into components
        // again for each of 100,000 files).
        let extension = extension_of(name);
        let format =
            extension.and_then(|e| std::str::from_utf8(e).ok()).and_then(parse::format_for_extension);
        // An extension-less file is read only if it turns out to be a feed: a link among
        // them is not worth a warning.
        if format.is_none() && (extension.is_some() || symlink && !follow_links) {
            return;
        }
        // Without --follow a link to a file inside the folder is read (once: not again beside
        // the file itself); a link leading out of it (an untrusted folder may point at
        // ~/.ssh) or to a folder is not followed (as ripgrep and fd do), quietly: none of this
        // is a problem worth a warning on every run.
        if symlink && !follow_links {
            match fs::metadata(&path) {
                Ok(meta) if meta.is_file() => {
                    let inside = fs::canonicalize(&path).is_ok_and(|t| t.starts_with(self.canonical_root));
                    if !inside {
                        return;
                    }
                    self.via_link.push(self.jobs.len());
                }
                Ok(_) => return,
                Err(_) => {
                    let w = Warning::new(&path.display().to_string(), "symbolic link to nothing", true);
                    self.jobs.push(Job::Problem(w));
                    return;
                }
            }
        }
        // A link followed (--follow) is named by where it leads. Otherwise the key is the
        // canonical root joined to the relative path, built as one string.
        let key = match key.ok_or_else(|| relative(&path, self.root)) {
            Ok(key) => key,
            Err(Some(rel)) if !symlink => {
                let root_key = self.canonical_root.to_string_lossy();
                let rel = rel.to_string_lossy();
                let mut key = String::with_capacity(root_key.len() + 1 + rel.len());
                key.push_str(&root_key);
                if !key.ends_with('/') {
                    key.push('/');
                }
                key.push_str(&rel);
                key
            }
            _ => fs::canonicalize(&path).unwrap_or_else(|_| path.clone()).to_string_lossy().into_owned(),
        };
        self.jobs.push(match format {
            Some(format) => Job::File { path, format, key },
            None => Job::Sniff { path, key },
        });
    }
}

/// The key of the entry `name` of the folder whose key is `folder`.
fn join_key(folder: &str, name: &OsStr) -> String {
    let name = name.to_string_lossy();
    let mut key = String::with_capacity(folder.len() + 1 + name.len());
    key.push_str(folder);
    if !folder.ends_with('/') {
        key.push('/');
    }
    key.push_str(&name);
    key
}

/// Drops, of the jobs from `first_job` on, those a symbolic link made (`via_link`) whose file
/// is walked too or was reached by an earlier link.
fn drop_links_walked_twice(jobs: &mut Vec<Job>, first_job: usize, via_link: &[usize]) {
    if via_link.is_empty() {
        return;
    }
    let key_of = |job: &Job| match job {
        Job::File { key, .. } | Job::Sniff { key, .. } => Some(key.clone()),
        Job::Problem(_) => None,
    };
    let mut seen: std::collections::HashSet<String> = (first_job..jobs.len())
        .filter(|i| via_link.binary_search(i).is_err())
        .filter_map(|i| key_of(&jobs[i]))
        .collect();
    let mut i = 0;
    jobs.retain(|job| {
        let keep = i < first_job
            || via_link.binary_search(&i).is_err()
            || key_of(job).is_none_or(|k| seen.insert(k));
        i += 1;
        keep
    });
}

/// `README`, `readme.md`, `ReadMe.txt`: a folder's documentation, skipped when walking (read
/// when named).
pub(super) fn is_readme(name: &[u8]) -> bool {
    let stem = name.split(|&b| b == b'.').next().unwrap_or(name);
    stem.eq_ignore_ascii_case(b"readme")
}

/// The last part of a walked path (as [`Path::file_name`] for the paths walkdir gives).
pub(super) fn name_of(path: &Path) -> &[u8] {
    let bytes = path.as_os_str().as_bytes();
    bytes.rsplit(|&b| b == b'/').next().unwrap_or(bytes)
}

/// A file name's extension, as [`Path::extension`]: after the last dot, unless that dot starts
/// the name (`.profile`).
fn extension_of(name: &[u8]) -> Option<&[u8]> {
    match name.iter().rposition(|&b| b == b'.') {
        Some(0) | None => None,
        Some(dot) => Some(&name[dot + 1..]),
    }
}

/// `path`, found by walking `root`, relative to it. Walked paths are `root` joined to names,
/// so a byte prefix nearly always does it, without splitting the path into components.
fn relative<'a>(path: &'a Path, root: &Path) -> Option<&'a Path> {
    let (bytes, root_bytes) = (path.as_os_str().as_bytes(), root.as_os_str().as_bytes());
    match bytes.strip_prefix(root_bytes) {
        Some(rest) if root_bytes.ends_with(b"/") || rest.starts_with(b"/") => {
            let rest = rest.strip_prefix(b"/").unwrap_or(rest);
            Some(Path::new(std::ffi::OsStr::from_bytes(rest)))
        }
        _ => path.strip_prefix(root).ok(),
    }
}

/// True when the file at `path` starts like a feed (see [`crate::feed::looks_like_feed`]).
/// Reads at most a few kilobytes, and only from a regular file, without blocking.
pub(super) fn sniff_file(path: &Path) -> bool {
    let Ok(meta) = fs::metadata(path) else { return false };
    if !meta.is_file() {
        return false;
    }
    let Ok(file) = OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path) else {
        return false;
    };
    let mut head = Vec::with_capacity(4096);
    file.take(4096).read_to_end(&mut head).is_ok() && crate::feed::looks_like_feed(&head)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_extensions_read_as_the_path_methods_do() {
        for p in ["a/b.txt", "a/.hidden", "a/b.tar.gz", "a/b.", "a/noext", "b.md", "a/..b"] {
            let path = Path::new(p);
            let name = path.file_name().map(|n| n.as_bytes());
            if let Some(name) = name {
                assert_eq!(Some(name_of(path)), Some(name), "{p}");
            }
            let ext = path.extension().map(|e| e.as_bytes());
            assert_eq!(name.and_then(extension_of), ext, "{p}");
        }
        let root = Path::new("some/root");
        for (path, rel) in [("some/root/a.txt", "a.txt"), ("some/root/x/y.md", "x/y.md")] {
            assert_eq!(relative(Path::new(path), root), Some(Path::new(rel)));
        }
        assert_eq!(relative(Path::new("./d/a.txt"), Path::new("./d/")), Some(Path::new("a.txt")));
        assert_eq!(relative(Path::new("some/rooted/a.txt"), root), None);
    }
}
