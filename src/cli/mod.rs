//! The command line: clap definitions and the non-TUI commands. Data goes to stdout,
//! warnings and errors to stderr, so output pipes cleanly.

mod compare_report;
mod output_file;
mod suggest;

pub use suggest::mistyped_command;

use std::fmt;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, Parser, Subcommand};
use unicode_width::UnicodeWidthStr;

use crate::compare::Comparer;
use crate::export::{self, ExportFormat};
use crate::load::{self, LoadOptions, Loaded, DEFAULT_MAX_FILE_SIZE};
use crate::sanitize;
use crate::search::{self, Field, Hit, Query, Searcher};
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
#[command(name = "triptych", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub input: Input,
}

/// Where articles come from.
#[derive(Debug, Args, Clone)]
pub struct Input {
    /// Files or directories to read (.txt, .md, .json, .jsonl); default: the bundled samples
    pub paths: Vec<PathBuf>,
    /// Skip files larger than this many bytes
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
    /// Follow symbolic links inside directories (links named on the command line are always read)
    #[arg(long)]
    pub follow: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// One line per article: id, title, source, body and insight paragraph counts
    List {
        #[command(flatten)]
        input: Input,
        /// Print a JSON array of articles instead
        #[arg(long)]
        json: bool,
    },
    /// Print one whole article
    Show {
        /// The article's id (see `triptych list`)
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
        #[arg(long, value_name = "N", default_value_t = 20, value_parser = at_least_one)]
        limit: usize,
        /// Restrict unprefixed words to one field
        #[arg(long, value_enum, default_value_t = Field::All)]
        field: Field,
    },
    /// Link each insight statement to the body facts it rests on; flag unsupported claims
    Compare {
        /// The article's id (see `triptych list`)
        id: String,
        #[command(flatten)]
        input: Input,
        /// Print facts and insights with links as JSON
        #[arg(long, conflicts_with = "markdown")]
        json: bool,
        /// Print a two-column Markdown table
        #[arg(long)]
        markdown: bool,
    },
    /// Write the whole corpus as JSON, JSONL or Markdown
    Export {
        #[command(flatten)]
        input: Input,
        /// Output format
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Write to FILE (atomically) instead of stdout
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

/// `--limit 0` would print nothing and look like "no matches": a usage error instead.
fn at_least_one(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(0) => Err("must be at least 1".to_string()),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}

impl Input {
    /// Loads the corpus, printing one warning line per problem file to stderr.
    pub fn load(&self) -> Result<Corpus, ExitCode> {
        self.load_reporting().map(|l| l.corpus)
    }

    /// Like [`Input::load`], also returning the warnings (the reader counts them).
    pub fn load_reporting(&self) -> Result<Loaded, ExitCode> {
        let Loaded { corpus, warnings, inputs } = if self.paths.is_empty() {
            load::load_seeds()
        } else {
            let opts = LoadOptions { max_file_size: self.max_file_size, follow_links: self.follow };
            load::load_paths(&self.paths, &opts)
        };
        for line in load::warning_lines(&warnings) {
            say(line);
        }
        if corpus.is_empty() {
            let where_ = self.paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ");
            say(format_args!(
                "error: no articles found in {where_} (readable formats: .txt, .md, .json, .jsonl)"
            ));
            return Err(ExitCode::from(1));
        }
        Ok(Loaded { corpus, warnings, inputs })
    }
}

/// Runs a non-TUI command; `out` is stdout in the binary and a buffer in tests.
pub fn run(command: &Command, out: &mut dyn Write) -> Result<ExitCode> {
    let input = match command {
        Command::List { input, .. }
        | Command::Show { input, .. }
        | Command::Search { input, .. }
        | Command::Compare { input, .. }
        | Command::Export { input, .. } => input,
    };
    let Loaded { corpus, inputs, .. } = match input.load_reporting() {
        Ok(l) => l,
        Err(code) => return Ok(code),
    };
    match command {
        Command::List { json, .. } => list(&corpus, *json, out)?,
        Command::Show { id, json, .. } => return show(&corpus, id, *json, out),
        Command::Compare { id, json, markdown, .. } => {
            let Some(a) = find_article(&corpus, id) else {
                return Ok(ExitCode::from(1));
            };
            let comparison = Comparer::new(&corpus).compare(a);
            if *json {
                serde_json::to_writer_pretty(&mut *out, &comparison)?;
                writeln!(out)?;
            } else if *markdown {
                out.write_all(compare_report::markdown(a, &comparison).as_bytes())?;
            } else {
                out.write_all(compare_report::text(a, &comparison).as_bytes())?;
            }
        }
        Command::Search { query, json, limit, field, .. } => {
            return search(&corpus, query, *field, *limit, *json, out)
        }
        Command::Export { format, output, .. } => match output {
            Some(path) => {
                output_file::write(path, &inputs, |w| export::write(corpus.articles(), *format, w))?
            }
            None => export::write(corpus.articles(), *format, out)?,
        },
    }
    Ok(ExitCode::SUCCESS)
}

fn list(corpus: &Corpus, json: bool, out: &mut dyn Write) -> io::Result<()> {
    if json {
        serde_json::to_writer_pretty(&mut *out, corpus.articles())?;
        return writeln!(out);
    }
    for a in corpus.articles() {
        let source = a.source.as_deref().unwrap_or("-");
        writeln!(out, "{}\t{}\t{}\t{}\t{}", a.id, a.title, source, a.body.len(), a.insight.len())?;
    }
    Ok(())
}

/// The article with `id` (or a unique prefix of it), or `None` after telling the user the
/// closest ids.
fn find_article<'a>(corpus: &'a Corpus, id: &str) -> Option<&'a Article> {
    let (close, what) = match suggest::lookup(corpus, id) {
        suggest::Lookup::Found(a) => return Some(a),
        suggest::Lookup::Ambiguous(ids) => (ids, "several ids start with"),
        suggest::Lookup::Missing(ids) => (ids, "no article with id"),
    };
    let hint = if close.is_empty() {
        "run `triptych list` to see the ids".to_string()
    } else {
        format!("did you mean: {}?", close.join(", "))
    };
    say(format_args!("error: {what} {id:?}; {hint}"));
    None
}

fn show(corpus: &Corpus, id: &str, json: bool, out: &mut dyn Write) -> Result<ExitCode> {
    let Some(a) = find_article(corpus, id) else {
        return Ok(ExitCode::from(1));
    };
    if json {
        serde_json::to_writer_pretty(&mut *out, a)?;
        writeln!(out)?;
    } else {
        out.write_all(render_text(a).as_bytes())?;
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
    corpus: &Corpus,
    query: &str,
    field: Field,
    limit: usize,
    json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let query = Query::parse(query).restrict(field);
    let searcher = Searcher::new(corpus);
    let results = searcher.search(&query, None);
    if results.is_empty() {
        // A JSON consumer still gets valid JSON: an empty array.
        if json {
            writeln!(out, "[]")?;
        }
        say("no matches");
        return Ok(ExitCode::from(1));
    }
    let rows = results.iter().take(limit).map(|r| {
        let a = &corpus.articles()[r.index];
        let snippet =
            searcher.first_hit(corpus, r, &query).and_then(|h| search::snippet(a, &h, SNIPPET_WIDTH));
        SearchRow {
            id: &a.id,
            title: &a.title,
            score: (r.score * 100.0).round() / 100.0,
            fields: &r.fields,
            marked: snippet.as_ref().map_or(String::new(), |s| s.marked("«", "»")),
            snippet_match: snippet.as_ref().map(|s| s.mark.clone()),
            snippet: snippet.map(|s| s.text),
            hits: if json { search::highlights(a, &query) } else { Vec::new() },
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

/// An article as readable plain text.
pub fn render_text(a: &Article) -> String {
    let mut s = format!("{}\n{}\n", a.title, "=".repeat(a.title.width().min(80)));
    if let Some(src) = &a.source {
        s.push_str(&format!("Source: {src}\n"));
    }
    for p in &a.body {
        s.push_str(&format!("\n{p}\n"));
    }
    if let Some(label) = &a.insight_label {
        s.push_str(&format!("\n{label}\n{}\n", "-".repeat(label.width().min(80))));
    }
    for p in &a.insight {
        s.push_str(&format!("\n{p}\n"));
    }
    s
}
