//! Finding what the user meant: an article by its exact id or a unique id prefix, with "did you
//! mean" suggestions by edit distance over ids, titles and their words; and a mistyped
//! subcommand that clap would otherwise read as a path. Never prints: the caller reports.

use std::path::Path;

use clap::CommandFactory;

use super::{Cli, Input};
use crate::Corpus;

/// Up to `n` ids the user may have meant by `query`: those whose id or title contains it
/// (spaces, `-` and `_` alike: `heat_pumps`, "rail strike"), then those within a few edits (a
/// third of its length, at least one) of the id or title, whole or word by word; case-insensitive,
/// best first, ties in corpus order. Unrelated ids are never offered.
///
/// Runs on every "not found", over every article (100,000 in a big library), so it allocates
/// nothing per article and computes an edit distance only for a word that two cheap lower
/// bounds (length, letters) leave within reach: almost none.
pub fn closest<'a>(corpus: &'a Corpus, query: &str, n: usize) -> Vec<&'a str> {
    let query = Target::new(&query.to_lowercase());
    let part = joined(&query.text, &mut Vec::new()).to_vec();
    let search_part = query.chars >= 3;
    let finder = memchr::memmem::Finder::new(&part);
    let (mut id, mut title, mut scratch) = (String::new(), String::new(), Vec::new());
    let mut scored: Vec<(usize, usize, &str)> = Vec::new();
    for (i, a) in corpus.articles().iter().enumerate() {
        lower_into(&mut id, &a.id);
        lower_into(&mut title, &a.title);
        let contains = search_part
            && (finder.find(joined(&id, &mut scratch)).is_some()
                || finder.find(joined(&title, &mut scratch)).is_some());
        let d = if contains { 0 } else { distance(&query, &id, &title) };
        if d <= query.limit {
            scored.push((d, i, a.id.as_str()));
        }
    }
    scored.sort_unstable();
    scored.into_iter().take(n).map(|(_, _, id)| id).collect()
}

/// The query as [`distance`] compares it.
struct Target {
    text: String,
    chars: usize,
    /// Most edits a suggestion may be away.
    limit: usize,
    letters: Letters,
}

impl Target {
    fn new(text: &str) -> Self {
        let chars = text.chars().count();
        Target { text: text.to_string(), chars, limit: (chars / 3).max(1), letters: Letters::of(text) }
    }

    /// The edit distance to `c` when it may be within `limit`, else `usize::MAX`. An edit
    /// changes the length by at most one and the count of at most two letters (in opposite
    /// directions), so both differences bound the distance from below.
    fn distance_to(&self, c: &str) -> usize {
        if c.len() + self.limit < self.chars || c.chars().count().abs_diff(self.chars) > self.limit {
            return usize::MAX;
        }
        if self.letters.lower_bound(&Letters::of(c)) > self.limit {
            return usize::MAX;
        }
        strsim::damerau_levenshtein(&self.text, c)
    }
}

/// How often each letter occurs, letters folded into 64 buckets (a collision only lowers the
/// bound, never raises it).
struct Letters([u8; 64]);

impl Letters {
    fn of(s: &str) -> Self {
        let mut counts = [0u8; 64];
        for c in s.chars() {
            let b = &mut counts[c as usize % 64];
            *b = b.saturating_add(1);
        }
        Letters(counts)
    }

    /// Fewest edits that turn one count into the other: each edit adds at most one letter and
    /// removes at most one.
    fn lower_bound(&self, other: &Letters) -> usize {
        let (mut more, mut fewer) = (0usize, 0usize);
        for (&a, &b) in self.0.iter().zip(&other.0) {
            if a > b {
                more += usize::from(a - b);
            } else {
                fewer += usize::from(b - a);
            }
        }
        more.max(fewer)
    }
}

/// `s` lower-cased into `buf` (cleared first).
fn lower_into(buf: &mut String, s: &str) {
    buf.clear();
    if s.is_ascii() {
        buf.push_str(s);
        buf.make_ascii_lowercase();
    } else {
        buf.extend(s.chars().flat_map(char::to_lowercase));
    }
}

/// `s` (lower-case) with spaces and `_` as `-`, in `buf` (bytes: both are ASCII, so a match
/// in them is a match of whole characters).
fn joined<'b>(s: &str, buf: &'b mut Vec<u8>) -> &'b [u8] {
    buf.clear();
    buf.extend(s.bytes().map(|b| if b == b' ' || b == b'_' { b'-' } else { b }));
    buf
}

/// The smallest edit distance from the query to the article's id or title (lower-case), whole,
/// any one of their words, or the id from any of its words on (`port_automaton` against
/// `001_port_automation`).
fn distance(query: &Target, id: &str, title: &str) -> usize {
    let word = |c: char| !c.is_alphanumeric();
    let mut best = usize::MAX;
    let mut consider = |c: &str| best = best.min(query.distance_to(c));
    for w in id.split(word).chain(title.split(word)).filter(|w| !w.is_empty()) {
        consider(w);
    }
    let word_starts = id.char_indices().filter(|&(i, c)| i > 0 && word(c)).map(|(i, c)| i + c.len_utf8());
    for i in word_starts.filter(|&i| i < id.len()) {
        consider(&id[i..]);
    }
    consider(id);
    consider(title);
    best
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

    /// The edit distance of every word, with no bound skipping any: what [`distance`] must
    /// agree with wherever the result is within the limit.
    fn brute_force(query: &str, a: &crate::Article) -> usize {
        let (id, title) = (a.id.to_lowercase(), a.title.to_lowercase());
        let words = |s: &str| {
            s.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(String::from)
                .collect::<Vec<_>>()
        };
        let mut candidates = words(&id);
        candidates.extend(words(&title));
        let starts = id.char_indices().filter(|&(i, c)| i > 0 && !c.is_alphanumeric()).map(|(i, _)| i + 1);
        candidates.extend(starts.filter(|&i| i < id.len()).map(|i| id[i..].to_string()));
        candidates.push(id);
        candidates.push(title);
        candidates.iter().map(|c| strsim::damerau_levenshtein(query, c)).min().unwrap_or(usize::MAX)
    }

    #[test]
    fn the_cheap_bounds_never_lose_a_suggestion() {
        let corpus = load_seeds().corpus;
        // Queries near and far from every id and title: cut, doubled, swapped, misspelt letters.
        let mut queries = vec!["x".to_string(), "zzzzzzzz".into(), "Überstraße".into(), "洞察".into()];
        for a in corpus.articles() {
            for s in [a.id.as_str(), a.title.as_str()] {
                let chars: Vec<char> = s.chars().collect();
                for n in [2, 4, 7, 12] {
                    let head: String = chars.iter().take(n).collect();
                    queries.push(head.clone());
                    queries.push(format!("{head}q"));
                    queries.push(head.chars().rev().collect());
                }
                queries.push(s.replace('e', "a"));
            }
        }
        for q in &queries {
            let target = Target::new(&q.to_lowercase());
            for a in corpus.articles() {
                let (id, title) = (a.id.to_lowercase(), a.title.to_lowercase());
                let (fast, slow) = (distance(&target, &id, &title), brute_force(&target.text, a));
                if fast <= target.limit || slow <= target.limit {
                    assert_eq!(fast, slow, "{q:?} against {:?}", a.id);
                }
            }
        }
    }
}
