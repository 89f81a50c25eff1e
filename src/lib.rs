//! triptych: a terminal reader for articles that carry commentary.
//!
//! The architecture in one screen:
//! - [`model`]: `Article` and `Corpus`, the plain data every other module reads.
//! - [`parse`]: one module per input format, text in, articles out; never touches the file system.
//! - [`feed`]: RSS, Atom and JSON Feed: parsing, subscriptions, HTTP fetching, OPML.
//! - [`load`]: walks paths, enforces limits, decodes bytes, reports skipped files as warnings.
//! - [`library`]: the SQLite library: reading state per article key and cached parses.
//! - [`sanitize`]: makes untrusted text terminal-safe, once, at load time.
//! - [`export`]: writes a corpus back out as JSON, JSONL or Markdown.
//! - [`search`]: the query language, the per-article index and ranking.
//! - [`sort`]: list orders (path, title, date, source) and grouping, for the CLI and the reader.
//! - [`compare`]: links insight statements to the body facts they rest on.
//! - [`related`]: articles reporting the same facts, and facts elsewhere that support a claim.
//! - [`grounding`]: how much of each article's insight its own facts support, stored once.
//! - [`tui`]: the three-pane reader (state / action / update / view).
//! - [`synth`]: deterministic synthetic corpora for benchmarks and scale tests.
//! - [`config`]: config.toml (keys, theme, layout, parse rules) merged over the defaults.
//! - [`cli`]: clap definitions and the non-TUI commands.

pub mod cli;
pub mod compare;
pub mod config;
pub mod error;
pub mod export;
pub mod feed;
pub mod grounding;
pub mod library;
pub mod load;
pub mod model;
pub mod parallel;
pub mod parse;
pub mod related;
pub mod sanitize;
pub mod search;
pub mod sort;
pub mod synth;
pub mod tui;

pub use error::{LoadError, ParseError};
pub use model::{Article, Corpus, Format};
