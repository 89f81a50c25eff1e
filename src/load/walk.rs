//! Finding the files to read: the paths named, and each folder walked in name order (hidden
//! entries and READMEs left out, symbolic links to files already walked dropped).

use std::fs::{self, OpenOptions};
use std::io::Read;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::{Job, LoadOptions, Warning};
use crate::{parse, Format};

/// The jobs for `paths`: one per file named or found by walking a folder, in order.
pub(super) fn jobs_for(paths: &[PathBuf], opts: &LoadOptions) -> Vec<Job> {
    let mut jobs = Vec::new();
    for root in paths {
        // Canonicalised once per root (not per file): keys then name each file the same way
        // whichever folder above it was given.
        let canonical = fs::canonicalize(root).unwrap_or_else(|_| root.clone());
        if root.is_dir() {
            walk_dir(root, &canonical, opts.follow_links, &mut jobs);
        } else {
            let format = parse::format_for_path(root).unwrap_or(Format::Seed);
            jobs.push(Job::File {
                path: root.clone(),
                format,
                key: canonical.to_string_lossy().into_owned(),
            });
        }
    }
    jobs
}

fn walk_dir(root: &Path, canonical_root: &Path, follow_links: bool, jobs: &mut Vec<Job>) {
    let walker = WalkDir::new(root)
        .follow_links(follow_links)
        // Siblings share their parent's path, so comparing whole paths (a memcmp) orders them
        // by name, as `sort_by_file_name` would, without splitting each path per comparison.
        .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !name_of(e.path()).starts_with(b"."));
    let root_key = canonical_root.to_string_lossy();
    let first_job = jobs.len();
    // Jobs (by index) that a symbolic link to a file made: dropped below when the file they
    // lead to is in the walk too, or another link already leads there.
    let mut via_link = Vec::new();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let dangling = e.io_error().is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound)
                    && e.path().is_some_and(|p| p.is_symlink());
                let message = match e.loop_ancestor() {
                    Some(a) => format!("symbolic link loop back to {}", a.display()),
                    None if dangling => "symbolic link to nothing".to_string(),
                    None => e.to_string(),
                };
                let path = e.path().unwrap_or(root).display().to_string();
                jobs.push(Job::Problem(Warning::new(&path, &message, true)));
                continue;
            }
        };
        // A folder's README documents the articles beside it; it is not one of them.
        if entry.file_type().is_dir() || (entry.depth() > 0 && is_readme(name_of(entry.path()))) {
            continue;
        }
        let symlink = entry.path_is_symlink();
        let path = entry.into_path();
        // The name's bytes, not `Path::extension` (which splits the path into components
        // again for each of 100,000 files).
        let extension = extension_of(name_of(&path));
        let format =
            extension.and_then(|e| std::str::from_utf8(e).ok()).and_then(parse::format_for_extension);
        // An extension-less file is read only if it turns out to be a feed: a link among
        // them is not worth a warning.
        if format.is_none() && (extension.is_some() || symlink && !follow_links) {
            continue;
        }
        // Without --follow a link to a file inside the folder is read (once: not again beside
        // the file itself); a link leading out of it (an untrusted folder may point at
        // ~/.ssh) or to a folder is not followed (as ripgrep and fd do), quietly: none of this
        // is a problem worth a warning on every run.
        if symlink && !follow_links {
            match fs::metadata(&path) {
                Ok(meta) if meta.is_file() => {
                    let inside = fs::canonicalize(&path).is_ok_and(|t| t.starts_with(canonical_root));
                    if !inside {
                        continue;
                    }
                    via_link.push(jobs.len());
                }
                Ok(_) => continue,
                Err(_) => {
                    let w = Warning::new(&path.display().to_string(), "symbolic link to nothing", true);
                    jobs.push(Job::Problem(w));
                    continue;
                }
            }
        }
        // A link followed (--follow) is named by where it leads. Otherwise the key is the
        // canonical root joined to the relative path, built as one string.
        let key = match relative(&path, root) {
            Some(rel) if !symlink => {
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
        jobs.push(match format {
            Some(format) => Job::File { path, format, key },
            None => Job::Sniff { path, key },
        });
    }
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
