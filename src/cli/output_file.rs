//! `export -o FILE`: where the output goes and how. A regular file (or a new one) is written to
//! a temporary file beside it and renamed into place, so it is never left half-written; a
//! symbolic link is written through to the file it names; a device or FIFO the user named is
//! written to directly, never replaced. The output may never be one of the files just read.
//! Errors name the file the user gave, never the temporary file.

use std::fs::{self, OpenOptions, Permissions};
use std::io::{self, BufWriter, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use anyhow::{bail, Result};

use crate::load::InputFile;

/// Mode of a new file before the umask, as a shell redirection would create it.
const NEW_FILE_MODE: u32 = 0o666;

/// Writes what `fill` produces to `path`. `inputs` are the files the corpus was read from.
pub fn write(
    path: &Path,
    inputs: &[InputFile],
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    let shown = path.display();
    let target = resolve_links(path)?;
    let existing = match fs::metadata(&target) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => bail!("cannot write {shown}: {}", bare(&e)),
    };
    if let Some(meta) = &existing {
        let canonical = fs::canonicalize(&target).ok();
        if inputs.iter().any(|i| i.is(meta, canonical.as_deref())) {
            bail!("cannot write {shown}: it is one of the input files (triptych never writes to its inputs)");
        }
        if !meta.is_file() {
            if meta.is_dir() {
                bail!("cannot write {shown}: it is a directory");
            }
            // A device or FIFO: write to it as `> FILE` would, without truncating or replacing it.
            let file = OpenOptions::new().write(true).open(&target).map_err(|e| failed(path, &e))?;
            let mut w = BufWriter::new(file);
            fill(&mut w).and_then(|_| w.flush()).map_err(|e| failed(path, &e))?;
            return Ok(());
        }
    }
    let dir = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    // Created with 0o666 so the umask applies as it does to any new file; an existing file keeps
    // its mode.
    let mode = existing.as_ref().map_or(NEW_FILE_MODE, |m| m.mode() & 0o7777);
    let mut tmp = tempfile::Builder::new()
        .prefix(".triptych-export")
        .permissions(Permissions::from_mode(NEW_FILE_MODE))
        .tempfile_in(dir)
        .map_err(|e| failed(path, &e))?;
    {
        let mut w = BufWriter::new(tmp.as_file_mut());
        fill(&mut w).and_then(|_| w.flush()).map_err(|e| failed(path, &e))?;
    }
    if existing.is_some() {
        fs::set_permissions(tmp.path(), Permissions::from_mode(mode)).map_err(|e| failed(path, &e))?;
    }
    tmp.as_file().sync_all().map_err(|e| failed(path, &e))?;
    tmp.persist(&target).map_err(|e| failed(path, &e.error))?;
    Ok(())
}

/// The file a chain of symbolic links at `path` ends at (`path` itself when it is no link), so
/// that the rename replaces the file the link names rather than the link.
fn resolve_links(path: &Path) -> Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {
                let next = fs::read_link(&current).map_err(|e| failed(path, &e))?;
                current = match current.parent() {
                    Some(parent) if next.is_relative() => parent.join(next),
                    _ => next,
                };
            }
            _ => return Ok(current),
        }
    }
    bail!("cannot write {}: too many levels of symbolic links", path.display())
}

fn failed(path: &Path, e: &io::Error) -> anyhow::Error {
    anyhow::anyhow!("cannot write {}: {}", path.display(), bare(e))
}

/// The OS's description of an error without any path a library attached to it (tempfile's
/// errors name the temporary file, which means nothing to the user).
fn bare(e: &io::Error) -> String {
    // tempfile wraps the OS error in one that names its file and hides the code: recover it.
    let code = e.raw_os_error().or(match e.kind() {
        io::ErrorKind::NotFound => Some(libc::ENOENT),
        io::ErrorKind::PermissionDenied => Some(libc::EACCES),
        io::ErrorKind::NotADirectory => Some(libc::ENOTDIR),
        io::ErrorKind::ReadOnlyFilesystem => Some(libc::EROFS),
        io::ErrorKind::StorageFull => Some(libc::ENOSPC),
        io::ErrorKind::AlreadyExists => Some(libc::EEXIST),
        _ => None,
    });
    match code {
        Some(code) => io::Error::from_raw_os_error(code).to_string(),
        None => e.kind().to_string(),
    }
}
