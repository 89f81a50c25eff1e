//! Finding what the user meant: an article by its exact id or a unique id prefix, with "did you
//! mean" suggestions by edit distance over ids, titles and their words; and a mistyped
//! subcommand that clap would otherwise read as a path. Never prints: the caller reports.

use std::path::Path;

use clap::CommandFactory;

use super::{Cli, Input};
use crate::{Article, Corpus};

/// What an id the user typed names.
pub enum Lookup<'a> {
    Found(&'a Article),
    /// A prefix of several ids: the first few of them.
    Ambiguous(Vec<&'a str>),
    /// Nothing: the closest ids, best first (maybe none).
    Missing(Vec<&'a str>),
}

/// The article with `id`, else the only one whose id starts with `id`.
pub fn lookup<'a>(corpus: &'a Corpus, id: &str) -> Lookup<'a> {
    if let Some(a) = corpus.get(id) {
        return Lookup::Found(a);
    }
    let mut prefixed = corpus.articles().iter().filter(|a| !id.is_empty() && a.id.starts_with(id));
    match (prefixed.next(), prefixed.next()) {
        (Some(a), None) => Lookup::Found(a),
        (Some(a), Some(b)) => {
            Lookup::Ambiguous([a, b].into_iter().chain(prefixed).take(5).map(|a| a.id.as_str()).collect())
        }
        (None, _) => Lookup::Missing(closest(corpus, id, 3)),
    }
}

/// Up to `n` ids within a few edits of `query` (a third of its length, at least one), compared
/// with each id and title whole and word by word, case-insensitively; best first, ties in
/// corpus order. Unrelated ids are never offered.
pub fn closest<'a>(corpus: &'a Corpus, query: &str, n: usize) -> Vec<&'a str> {
    let query = query.to_lowercase();
    let limit = (query.chars().count() / 3).max(1);
    let mut scored: Vec<(usize, usize, &str)> = corpus
        .articles()
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let d = distance(&query, a);
            (d <= limit).then_some((d, i, a.id.as_str()))
        })
        .collect();
    scored.sort_unstable();
    scored.into_iter().take(n).map(|(_, _, id)| id).collect()
}

/// The smallest edit distance from `query` (lower-case) to the article's id or title, whole or
/// any one of their words.
fn distance(query: &str, a: &Article) -> usize {
    let (id, title) = (a.id.to_lowercase(), a.title.to_lowercase());
    let words = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let mut candidates = words(&id);
    candidates.extend(words(&title));
    candidates.push(id);
    candidates.push(title);
    candidates.iter().map(|c| strsim::damerau_levenshtein(query, c)).min().unwrap_or(usize::MAX)
}

/// `triptych serach market` parses as two paths; when the first is not an existing path and is
/// within two edits of a subcommand, returns that subcommand's name.
pub fn mistyped_command(input: &Input) -> Option<(String, String)> {
    let first = input.paths.first()?;
    if Path::new(first).symlink_metadata().is_ok() {
        return None;
    }
    let word = first.to_str()?;
    let cli = Cli::command();
    let (d, name) = cli
        .get_subcommands()
        .map(|c| (strsim::damerau_levenshtein(&word.to_lowercase(), c.get_name()), c.get_name()))
        .min()?;
    (d <= 2 && d < word.chars().count()).then(|| (word.to_string(), name.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_seeds;

    #[test]
    fn ids_resolve_by_prefix_and_suggest_by_edit_distance() {
        let corpus = load_seeds().corpus;
        assert!(matches!(lookup(&corpus, "003"), Lookup::Found(a) if a.id == "003_rail_strike"));
        assert!(
            matches!(lookup(&corpus, "00"), Lookup::Ambiguous(ids) if ids.len() == 5 && ids[0] == "000_77ee804ac85e857f")
        );
        assert!(matches!(lookup(&corpus, "nosuch"), Lookup::Missing(ids) if ids.is_empty()));
        assert_eq!(closest(&corpus, "rial", 3), ["003_rail_strike"], "a word of the id, one transposition");
        assert_eq!(closest(&corpus, "cofee", 3), ["coffee-prices-hit-a-ten-year-high"]);
        assert_eq!(closest(&corpus, "Rotterdm", 3), ["001_port_automation"], "a word of the title");
    }
}
