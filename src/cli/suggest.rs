//! Finding what the user meant: an article by its exact id or a unique id prefix, with "did you
//! mean" suggestions by edit distance over ids, titles and their words; and a mistyped
//! subcommand that clap would otherwise read as a path. Never prints: the caller reports.

use std::path::Path;

use clap::CommandFactory;

use super::{Cli, Input};
use crate::{Article, Corpus};

/// Up to `n` ids the user may have meant by `query`: those whose id or title contains it
/// (spaces, `-` and `_` alike: `heat_pumps`, "rail strike"), then those within a few edits (a
/// third of its length, at least one) of the id or title, whole or word by word; case-insensitive,
/// best first, ties in corpus order. Unrelated ids are never offered.
pub fn closest<'a>(corpus: &'a Corpus, query: &str, n: usize) -> Vec<&'a str> {
    let query = query.to_lowercase();
    let limit = (query.chars().count() / 3).max(1);
    let joined = |s: &str| s.to_lowercase().replace([' ', '_'], "-");
    let part = joined(&query);
    let mut scored: Vec<(usize, usize, &str)> = corpus
        .articles()
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let contains = part.chars().count() >= 3
                && (joined(&a.id).contains(&part) || joined(&a.title).contains(&part));
            let d = if contains { 0 } else { distance(&query, a) };
            (d <= limit).then_some((d, i, a.id.as_str()))
        })
        .collect();
    scored.sort_unstable();
    scored.into_iter().take(n).map(|(_, _, id)| id).collect()
}

/// The smallest edit distance from `query` (lower-case) to the article's id or title, whole,
/// any one of their words, or the id from any of its words on (`port_automaton` against
/// `001_port_automation`).
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
    let word_starts = id.char_indices().filter(|&(i, c)| i > 0 && !c.is_alphanumeric()).map(|(i, _)| i + 1);
    candidates.extend(word_starts.filter(|&i| i < id.len()).map(|i| id[i..].to_string()));
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
    fn suggestions_by_part_and_by_edit_distance() {
        let corpus = load_seeds().corpus;
        assert!(closest(&corpus, "nosuch", 3).is_empty());
        for part in ["heat_pumps", "rail strik", "water-meters", "port_automaton"] {
            assert_eq!(closest(&corpus, part, 3).len(), 1, "{part}: {:?}", closest(&corpus, part, 3));
        }
        assert_eq!(closest(&corpus, "heat_pumps", 3), ["002_city_heat_pumps"]);
        assert_eq!(closest(&corpus, "rail strike", 3), ["003_rail_strike"], "a part of the title");
        assert_eq!(closest(&corpus, "rial", 3), ["003_rail_strike"], "a word of the id, one transposition");
        assert_eq!(closest(&corpus, "cofee", 3), ["coffee-prices-hit-a-ten-year-high"]);
        assert_eq!(closest(&corpus, "Rotterdm", 3), ["001_port_automation"], "a word of the title");
    }
}
