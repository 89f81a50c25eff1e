//! `triptych library`: where it is, pruning vanished files, storing every parse.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};

use super::{say, Input, LibraryAction};
use crate::library::cache::RACY_SECONDS;

pub fn run(action: &LibraryAction, flag: Option<&Path>, out: &mut dyn Write) -> Result<ExitCode> {
    let Some(path) = crate::library::location(flag) else {
        super::say("error: no data directory for the library; give --library PATH");
        return Ok(ExitCode::from(2));
    };
    match action {
        LibraryAction::Path => writeln!(out, "{}", path.display())?,
        LibraryAction::Update { paths, max_file_size, config } => {
            let input = Input {
                paths: paths.clone(),
                max_file_size: *max_file_size,
                follow: false,
                library: Some(path),
                no_library: false,
                config: config.clone(),
                feed: None,
            };
            let mut opened = match input.open(super::open::Loading::StoreParses) {
                Ok(o) => o,
                Err(code) => return Ok(code),
            };
            let Some(library) = opened.library.as_mut() else {
                return Ok(ExitCode::from(1));
            };
            let (stored, racy) = match opened.cache.take() {
                Some(cache) => {
                    let racy = cache.racy_count();
                    (cache.save(library).context("cannot store parsed files")?, racy)
                }
                None => (0, 0),
            };
            let (articles, parsed) = (opened.corpus.len(), super::count(stored, "parsed file"));
            writeln!(out, "{}; stored {parsed}", super::count(articles, "article"))?;
            if racy > 0 {
                // Said, not silent: a user who just copied the files would wonder why.
                say(format_args!(
                    "note: {racy} file{} modified in the last {RACY_SECONDS} seconds {} not stored yet (an edit within the same moment could go unnoticed); run `triptych library update` again later",
                    if racy == 1 { "" } else { "s" },
                    if racy == 1 { "is" } else { "are" },
                ));
            }
            opened.save_index();
        }
        LibraryAction::Prune => {
            let Some(mut library) = super::open::open_library(false, Some(&path)) else {
                return Ok(ExitCode::from(1));
            };
            let n = library.prune().context("cannot prune the library")?;
            let (what, whose) = if n == 1 { ("article", "file is") } else { ("articles", "files are") };
            writeln!(out, "forgot {n} {what} whose {whose} gone")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
