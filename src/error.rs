//! Error types of the library. Messages name what went wrong and, where it helps, what to do.

use thiserror::Error;

/// A file's text could not be turned into articles.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ParseError {
    #[error("empty file")]
    Empty,
    /// Something is wrong at a known place; `line` is 1-based.
    #[error("line {line}: {msg}")]
    At { line: usize, msg: String },
    #[error("{0}")]
    Invalid(String),
}

/// Why a file was skipped while loading.
#[derive(Debug, Error)]
pub enum LoadError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("binary file")]
    Binary,
    #[error("empty file")]
    Empty,
    #[error("file holds only white space")]
    Blank,
    #[error("file is larger than the {limit}-byte limit (raise it with --max-file-size)")]
    TooLarge { limit: u64 },
    #[error("not a regular file")]
    NotRegular,
    #[error("reading would block (a special file, not an article)")]
    WouldBlock,
    #[error("{0}")]
    Parse(#[from] ParseError),
    #[error("no articles in file")]
    NoArticles,
}
