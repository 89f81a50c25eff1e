//! `triptych library`: where it is, pruning vanished files, storing every parse.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};

use super::{Input, LibraryAction};

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
            let stored = match opened.cache.take() {
                Some(cache) => cache.save(library).context("cannot store parsed files")?,
                None => 0,
            };
            writeln!(out, "{} articles; stored {stored} parsed files", opened.corpus.len())?;
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
