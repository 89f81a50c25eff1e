//! The document model: articles and the corpus that holds them.
//! Plain data with serde derives: the JSON schema *is* these types.

use std::borrow::Cow;
use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{xxh3_64, Xxh3};

use crate::sanitize;

/// The input format an article was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Plain text: title line, body, `Source:` line, insight heading, insight.
    #[default]
    Seed,
    Markdown,
    Json,
    Jsonl,
    /// An RSS, Atom or JSON Feed item.
    Feed,
}

/// One article: the reported facts (`body`) and the commentary on them (`insight`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Article {
    /// Short, URL-safe, unique within a corpus: for typing on the command line. Made from the
    /// file's folder and name (or the title), never from the folder named on the command line.
    pub id: String,
    /// Stable identity, independent of the root given and of load order: the canonical path
    /// (`/abs/dir/a.txt`), with `#ID`, `#title-HASH` or `#N` for one of several articles in a
    /// file; `seeds/NAME` for bundled ones. Reading state hangs on this key. Never read from input.
    #[serde(default, skip_serializing_if = "String::is_empty", skip_deserializing)]
    pub key: String,
    /// Hash of the article's text, to notice edits (see [`Article::content_hash`]).
    #[serde(skip)]
    pub hash: u64,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Where the article was loaded from.
    #[serde(default)]
    pub path: String,
    #[serde(default)]
    pub format: Format,
    /// Body paragraphs.
    #[serde(default)]
    pub body: Vec<String>,
    /// The heading of the insight section, e.g. "ABAB AI Insight".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insight_label: Option<String>,
    /// Insight paragraphs.
    #[serde(default)]
    pub insight: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Link targets found in the text (e.g. Markdown links reduced to their text).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
}

/// Titles longer than this many characters are cut (with `…`): a "title" that long is a file
/// that is not an article, and it must not swamp the list.
pub const MAX_TITLE_CHARS: usize = 300;

/// The label shown for an insight section that came without a heading.
pub const DEFAULT_INSIGHT_LABEL: &str = "Insight";

impl Article {
    pub fn has_insight(&self) -> bool {
        !self.insight.is_empty()
    }

    /// The metadata under the title, one line each: date and author, the URL, the tags;
    /// lines without a value are left out. The reader and `show` print the same lines.
    pub fn meta_lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        let byline: Vec<String> = [self.date.clone(), self.author.as_ref().map(|a| format!("by {a}"))]
            .into_iter()
            .flatten()
            .collect();
        if !byline.is_empty() {
            lines.push(byline.join(" · "));
        }
        if let Some(url) = &self.url {
            lines.push(format!("URL: {url}"));
        }
        if !self.tags.is_empty() {
            lines.push(format!("Tags: {}", self.tags.join(", ")));
        }
        lines
    }

    /// The numbered link list under the article: `[1] https://…`, numbered from 1 as `o 1` opens them.
    pub fn link_lines(&self) -> Vec<String> {
        self.links.iter().enumerate().map(|(i, l)| format!("[{}] {l}", i + 1)).collect()
    }

    /// A hash of every text field (xxh3, stable across runs and builds): equal hashes mean the
    /// same text, so an edited article is noticed even when its file keeps its size and mtime.
    pub fn content_hash(&self) -> u64 {
        let mut h = Xxh3::new();
        let mut field = |s: &str| {
            h.update(s.as_bytes());
            h.update(b"\x1f");
        };
        field(&self.title);
        for o in [&self.source, &self.insight_label, &self.date, &self.url, &self.author] {
            field(o.as_deref().unwrap_or("\x1e"));
        }
        for list in [&self.body, &self.insight, &self.tags, &self.links] {
            for p in list {
                field(p);
            }
            field("\x1d");
        }
        h.digest()
    }

    /// Makes every string terminal-safe and tidy: the one place untrusted text is cleaned.
    pub fn normalize(&mut self) {
        let line = |s: &str| sanitize::clean_line(s).into_owned();
        let opt = |o: &mut Option<String>| {
            *o = o.as_deref().map(line).filter(|s| !s.is_empty());
        };
        self.title = line(&self.title);
        if let Some((cut, _)) = self.title.char_indices().nth(MAX_TITLE_CHARS) {
            self.title.truncate(cut);
            self.title.push('…');
        }
        self.id = sanitize::clean(&self.id).into_owned();
        self.path = sanitize::clean(&self.path).into_owned();
        opt(&mut self.source);
        opt(&mut self.insight_label);
        opt(&mut self.date);
        opt(&mut self.url);
        opt(&mut self.author);
        // In place: text that is already clean (nearly all) is neither copied nor reallocated,
        // so a large file costs no more here than its paragraphs already do.
        // Paragraphs may keep line breaks (a Markdown code block or table); the rest is one line.
        let paragraph: fn(&str) -> std::borrow::Cow<'_, str> = sanitize::clean_paragraph;
        let line: fn(&str) -> std::borrow::Cow<'_, str> = sanitize::clean_line;
        for (list, clean) in [
            (&mut self.body, paragraph),
            (&mut self.insight, paragraph),
            (&mut self.tags, line),
            (&mut self.links, line),
        ] {
            for p in list.iter_mut() {
                if let std::borrow::Cow::Owned(clean) = clean(p) {
                    *p = clean;
                }
            }
            list.retain(|p| !p.is_empty());
        }
        if self.has_insight() && self.insight_label.is_none() {
            self.insight_label = Some(DEFAULT_INSIGHT_LABEL.to_string());
        }
    }
}

/// Turns any text into a URL-safe slug (`a-z`, `0-9`, `-`, `_`); may return "".
///
/// Escape sequences go first, whole (their payload is not text: `ESC]0;pwn BEL` leaves nothing),
/// then letters of every script are transliterated to ASCII (`Überstraße` → `uberstrasse`,
/// `北京` → `bei-jing`): ids are typed in shells and put in URLs, and ASCII ids cannot differ
/// only in Unicode normalisation or in look-alike letters of two scripts.
pub fn slugify(s: &str) -> String {
    let letters: Cow<str> = if s.bytes().all(|b| b.is_ascii_graphic() || b == b' ') {
        Cow::Borrowed(s)
    } else {
        // Symbols and marks are separators here, not words (deunicode spells out emoji).
        let text: String = crate::sanitize::clean(s)
            .chars()
            .map(|c| if c.is_alphanumeric() || c == '_' { c } else { ' ' })
            .collect();
        Cow::Owned(deunicode::deunicode_with_tofu(&text, " "))
    };
    let mut out = String::with_capacity(letters.len());
    for c in letters.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.truncate(out.trim_end_matches('-').len());
    if out.len() > 80 {
        let cut = out[..80].trim_end_matches('-').len();
        out.truncate(cut);
    }
    out
}

/// An ordered collection of articles with unique ids and keys.
///
/// The lookup tables hold indices into `articles` and hash the article's own id or key, so
/// building a corpus of 100,000 articles copies no string (a second start builds one from the
/// list index every time).
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    articles: Vec<Article>,
    by_id: HashTable<usize>,
    by_key: HashTable<usize>,
}

/// Why [`Corpus::resolve`] found no single article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    NotFound,
    /// Several ids start (or end) with what was given: the shortest few (the likeliest meant),
    /// and how many more there are.
    Ambiguous {
        ids: Vec<String>,
        more: usize,
    },
}

/// How many of several matching ids an ambiguous lookup names.
const AMBIGUOUS_SHOWN: usize = 8;

fn hash_str(s: &str) -> u64 {
    FxBuildHasher.hash_one(s)
}

/// What de-duplication needs of an article: an [`Article`], or one line of `list` read straight
/// from the list index (`load::Line`), which thereby gets the same ids.
pub trait Named {
    fn id(&self) -> &str;
    fn key(&self) -> &str;
    fn set_id(&mut self, id: String);
}

impl Named for Article {
    fn id(&self) -> &str {
        &self.id
    }

    fn key(&self) -> &str {
        &self.key
    }

    fn set_id(&mut self, id: String) {
        self.id = id;
    }
}

/// The index in `table` of the article whose `field` is `value`.
fn find<T>(table: &HashTable<usize>, articles: &[T], field: fn(&T) -> &str, value: &str) -> Option<usize> {
    table.find(hash_str(value), |&i| field(&articles[i]) == value).copied()
}

/// Adds article `i` to `table`, which must not hold its `field` yet.
fn insert<T>(table: &mut HashTable<usize>, articles: &[T], field: fn(&T) -> &str, i: usize) {
    table.insert_unique(hash_str(field(&articles[i])), i, |&j| hash_str(field(&articles[j])));
}

fn id_of<T: Named>(a: &T) -> &str {
    a.id()
}

fn key_of<T: Named>(a: &T) -> &str {
    a.key()
}

/// True when `s` is its own slug (see [`slugify`]): nothing to copy.
fn is_slug(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 80
        && b[0] != b'-'
        && b[b.len() - 1] != b'-'
        && !b.windows(2).any(|w| w == b"--")
        && b.iter().all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_' || c == b'-')
}

/// The id an article given `id` starts from before de-duplication (see [`Corpus::new`]): its
/// slug, or `article`. The list index stores it, so a second start need not slugify.
pub fn base_id(id: &str) -> String {
    if is_slug(id) {
        return id.to_string();
    }
    match slugify(id) {
        slug if slug.is_empty() => "article".to_string(),
        slug => slug,
    }
}

/// Makes the ids of `kept` unique (see [`Corpus::new`]) and drops articles whose key is
/// already in it; returns the tables of indices by id and by key.
pub fn dedup<T: Named>(kept: &mut Vec<T>) -> (HashTable<usize>, HashTable<usize>) {
    // In place: 100,000 articles are not moved again.
    let mut by_key = HashTable::with_capacity(kept.len());
    let mut dropped = Vec::new();
    for i in 0..kept.len() {
        let a = &mut kept[i];
        if !is_slug(a.id()) {
            let id = base_id(a.id());
            a.set_id(id);
        }
        if a.key().is_empty() {
            continue;
        }
        match find(&by_key, kept, key_of, kept[i].key()) {
            Some(_) => dropped.push(i),
            None => insert(&mut by_key, kept, key_of, i),
        }
    }
    if !dropped.is_empty() {
        let mut i = 0;
        kept.retain(|_| {
            i += 1;
            dropped.binary_search(&(i - 1)).is_err()
        });
        by_key.clear();
        for i in (0..kept.len()).filter(|&i| !kept[i].key().is_empty()) {
            insert(&mut by_key, kept, key_of, i);
        }
    }
    // Each article's first holder of its id; groups only for the ids held more than once.
    let mut by_id: HashTable<usize> = HashTable::with_capacity(kept.len());
    let mut groups: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for i in 0..kept.len() {
        match find(&by_id, kept, id_of, kept[i].id()) {
            Some(first) => groups.entry(first).or_insert_with(|| vec![first]).push(i),
            None => insert(&mut by_id, kept, id_of, i),
        }
    }
    let mut renames: Vec<(usize, String)> = Vec::new();
    // Ids given to other members so far (the original ids are in `by_id`).
    let mut new_ids: FxHashSet<String> = FxHashSet::default();
    let taken = |id: &str, new_ids: &FxHashSet<String>| {
        new_ids.contains(id) || find(&by_id, kept, id_of, id).is_some()
    };
    let mut collided: Vec<Vec<usize>> = groups.into_values().collect();
    collided.sort_unstable_by_key(|g| g[0]);
    for group in collided {
        let order = |&x: &usize| (kept[x].key(), x);
        let keeper = group.iter().copied().min_by(|x, y| order(x).cmp(&order(y))).expect("a group");
        let base = kept[keeper].id().to_string();
        // Each other member takes the shortest prefix of its key's hash that no other
        // member shares: linear per length, and the same whatever the order.
        let mut unresolved: Vec<(usize, String)> = group
            .iter()
            .filter(|&&i| i != keeper)
            .map(|&i| {
                // Keyless articles (built in code) fall back to their position.
                let seed = if kept[i].key().is_empty() { format!("#{i}") } else { kept[i].key().to_string() };
                (i, format!("{:016x}", xxh3_64(seed.as_bytes())))
            })
            .collect();
        // Start where few prefixes collide (16^len ≥ 8 × members), so the work per member
        // does not grow with the group.
        let lens: [usize; 5] = [4, 6, 8, 12, 16];
        let members = unresolved.len() as f64;
        let first =
            lens.iter().position(|&l| 16f64.powi(l as i32) >= 8.0 * members).unwrap_or(lens.len() - 1);
        for len in lens[first..].iter().copied() {
            let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
            counts.reserve(unresolved.len());
            for (_, hex) in &unresolved {
                *counts.entry(&hex[..len]).or_default() += 1;
            }
            let mut still = Vec::new();
            for (i, hex) in &unresolved {
                let id = format!("{base}-{}", &hex[..len]);
                if counts[&hex[..len]] == 1 && !taken(&id, &new_ids) {
                    new_ids.insert(id.clone());
                    renames.push((*i, id));
                } else {
                    still.push((*i, hex.clone()));
                }
            }
            unresolved = still;
        }
        // Only identical keys get this far: numbered in key order after the full hash.
        unresolved.sort_by(|x, y| order(&x.0).cmp(&order(&y.0)));
        let mut n = 1;
        for (i, hex) in unresolved {
            let id = loop {
                n += 1;
                let id = format!("{base}-{hex}-{n}");
                if !taken(&id, &new_ids) {
                    break id;
                }
            };
            new_ids.insert(id.clone());
            renames.push((i, id));
        }
    }
    if !renames.is_empty() {
        for (i, id) in renames {
            kept[i].set_id(id);
        }
        by_id.clear();
        for i in 0..kept.len() {
            insert(&mut by_id, kept, id_of, i);
        }
    }
    (by_id, by_key)
}

impl Corpus {
    /// Builds a corpus. An article whose key is already in it (the same file named twice) is
    /// dropped. Ids are made unique in linear time, independent of load order: of the articles
    /// whose ids collide, the one with the smallest key keeps the id, the others get a suffix
    /// from a hash of their key (`x-3fa2`), lengthened only where other members share it.
    pub fn new(mut kept: Vec<Article>) -> Self {
        let (by_id, by_key) = dedup(&mut kept);
        Corpus { articles: kept, by_id, by_key }
    }

    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    /// Puts `article` (the same article read again: same key and id) in place of the one at
    /// `i`; the lookup tables stay valid. False, changing nothing, when key or id differ.
    pub fn replace_text(&mut self, i: usize, article: Article) -> bool {
        let Some(old) = self.articles.get_mut(i) else { return false };
        if old.key != article.key || old.id != article.id {
            return false;
        }
        *old = article;
        true
    }

    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    pub fn get(&self, id: &str) -> Option<&Article> {
        self.index_of(id).map(|i| &self.articles[i])
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        find(&self.by_id, &self.articles, id_of, id)
    }

    /// The article with stable key `key`.
    pub fn index_of_key(&self, key: &str) -> Option<usize> {
        find(&self.by_key, &self.articles, key_of, key)
    }

    /// What the user typed for an article: its id, its key, a unique id (or key) prefix, or a
    /// unique start of an id's last part (`hostile` for `fixtures-hostile`, `e11` for
    /// `eval-e11_chip_plant`). Text that is no id is tried as the name of an article's file
    /// (`北京` for `北京.md`, whose id is transliterated), then as its slug (`show Überstraße`
    /// finds `…-uberstrasse`).
    pub fn resolve(&self, given: &str) -> Result<usize, Lookup> {
        match self.resolve_as_given(given) {
            Err(Lookup::NotFound) => {}
            found => return found,
        }
        let stem = |a: &Article| std::path::Path::new(&a.path).file_stem().is_some_and(|s| s == given);
        match self.pick((0..self.articles.len()).filter(|&i| stem(&self.articles[i])).collect()) {
            Err(Lookup::NotFound) => {}
            found => return found,
        }
        let slug = slugify(given);
        if slug.is_empty() || slug == given {
            return Err(Lookup::NotFound);
        }
        self.resolve_as_given(&slug)
    }

    fn resolve_as_given(&self, given: &str) -> Result<usize, Lookup> {
        if let Some(i) = self.index_of(given).or_else(|| self.index_of_key(given)) {
            return Ok(i);
        }
        if given.is_empty() {
            return Err(Lookup::NotFound);
        }
        let prefixed: Vec<usize> = (0..self.articles.len())
            .filter(|&i| {
                let a = &self.articles[i];
                a.id.starts_with(given) || a.key.starts_with(given)
            })
            .collect();
        if !prefixed.is_empty() {
            return self.pick(prefixed);
        }
        fn last_part(id: &str) -> &str {
            id.rsplit('-').next().unwrap_or(id)
        }
        let ids = |keep: &dyn Fn(&str) -> bool| -> Vec<usize> {
            (0..self.articles.len()).filter(|&i| keep(&self.articles[i].id)).collect()
        };
        let mut matches = ids(&|id| last_part(id).starts_with(given));
        if matches.is_empty() {
            // The last part may hold hyphens of its own (`zh_ji-hua` in `fc-zh_ji-hua`, made
            // from `zh_计划.md`): any part after a hyphen may start it.
            matches = ids(&|id| id.match_indices('-').any(|(at, _)| id[at + 1..].starts_with(given)));
        }
        self.pick(matches)
    }

    /// The one article of `matches` (indices), else the shortest few ids of them.
    pub fn pick(&self, matches: Vec<usize>) -> Result<usize, Lookup> {
        match matches.as_slice() {
            [] => Err(Lookup::NotFound),
            [one] => Ok(*one),
            many => {
                let mut shortest = many.to_vec();
                shortest.sort_by_key(|&i| (self.articles[i].id.len(), i));
                let ids =
                    shortest.iter().take(AMBIGUOUS_SHOWN).map(|&i| self.articles[i].id.clone()).collect();
                Err(Lookup::Ambiguous { ids, more: many.len().saturating_sub(AMBIGUOUS_SHOWN) })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_keeps_url_safe_ascii() {
        assert_eq!(slugify("Hello, World! GPT-5.5"), "hello-world-gpt-5-5");
        assert_eq!(slugify("business/001"), "business-001");
        assert_eq!(slugify("000_77ee804ac85e857f"), "000_77ee804ac85e857f");
        assert_eq!(slugify("洞察"), "dong-cha");
        assert_eq!(slugify("Überstraße in Köln"), "uberstrasse-in-koln");
        assert_eq!(slugify("Αθήνα"), "athena");
        // Nothing from inside an escape sequence, terminated or not, 7- or 8-bit.
        assert_eq!(slugify("i\x1b]0;pwn\x07d"), "i-d");
        assert_eq!(slugify("B \x1b[31mred"), "b-red");
        assert_eq!(slugify("x\u{9b}31my \x1b]8;;http://e\x1b\\z"), "x-y-z");
        assert_eq!(slugify("cat 😀 ␇ dog"), "cat-dog");
    }

    #[test]
    fn corpus_deduplicates_ids_by_key_whatever_the_order() {
        let a = |id: &str, key: &str| Article { id: id.into(), key: key.into(), ..Default::default() };
        let make = |order: &[usize]| {
            let all = [a("x", "/b"), a("x", "/a"), a("", "/c"), a("x", "/c2"), a("", "/d")];
            Corpus::new(order.iter().map(|&i| all[i].clone()).collect())
        };
        let c = make(&[0, 1, 2, 3, 4]);
        let ids: std::collections::HashMap<_, _> =
            c.articles().iter().map(|a| (a.key.as_str(), a.id.as_str())).collect();
        assert_eq!(ids["/a"], "x", "the smallest key keeps the id");
        assert!(ids["/b"].starts_with("x-") && ids["/b"].len() == 6, "{}", ids["/b"]);
        assert_eq!(ids["/c"], "article");
        assert!(ids["/d"].starts_with("article-"));
        let reversed = make(&[4, 3, 2, 1, 0]);
        for a in reversed.articles() {
            assert_eq!(a.id, ids[a.key.as_str()], "ids do not depend on load order");
        }
        assert!(c.get("nope").is_none());
    }

    #[test]
    fn the_same_key_twice_is_one_article() {
        let a = Article { id: "x".into(), key: "/a".into(), ..Default::default() };
        assert_eq!(Corpus::new(vec![a.clone(), a]).len(), 1);
    }

    #[test]
    fn resolve_takes_ids_keys_prefixes_and_last_parts() {
        let a = |id: &str, key: &str| Article { id: id.into(), key: key.into(), ..Default::default() };
        let c = Corpus::new(vec![
            a("business-001", "/bbc/business/001.txt"),
            a("business-002", "/bbc/business/002.txt"),
            a("fixtures-hostile", "/t/fixtures/hostile.txt"),
        ]);
        assert_eq!(c.resolve("business-002"), Ok(1));
        assert_eq!(c.resolve("/bbc/business/001.txt"), Ok(0));
        assert_eq!(c.resolve("fix"), Ok(2));
        assert_eq!(c.resolve("hostile"), Ok(2));
        assert_eq!(c.resolve("host"), Ok(2), "the start of the last part");
        assert_eq!(
            c.resolve("00"),
            Err(Lookup::Ambiguous { ids: vec!["business-001".into(), "business-002".into()], more: 0 })
        );
        assert_eq!(
            c.resolve("business-00"),
            Err(Lookup::Ambiguous { ids: vec!["business-001".into(), "business-002".into()], more: 0 })
        );
        assert_eq!(c.resolve("nope"), Err(Lookup::NotFound));
        assert_eq!(c.resolve(""), Err(Lookup::NotFound));
    }

    #[test]
    fn resolve_takes_file_names_as_typed_and_last_parts_with_hyphens() {
        let a = |id: &str, path: &str| Article {
            id: id.into(),
            key: path.into(),
            path: path.into(),
            ..Default::default()
        };
        let c = Corpus::new(vec![
            a("bj-bei-jing", "/d/bj/北京.md"),
            a("fc-zh_ji-hua", "/d/fc/zh_计划.md"),
            a("fc-zh_ji-hui", "/d/fc/zh_机会.md"),
            a("business-001", "/bbc/business/001.txt"),
        ]);
        assert_eq!(c.resolve("北京"), Ok(0), "the file's own name");
        assert_eq!(c.resolve("zh_计划"), Ok(1));
        assert_eq!(c.resolve("zh_ji-hua"), Ok(1), "the last part, hyphens and all");
        assert_eq!(c.resolve("bei"), Ok(0));
        assert_eq!(
            c.resolve("zh_ji-h"),
            Err(Lookup::Ambiguous { ids: vec!["fc-zh_ji-hua".into(), "fc-zh_ji-hui".into()], more: 0 })
        );
        assert_eq!(c.resolve("001"), Ok(3), "the plain last part still comes first");
        assert_eq!(c.resolve("jing-x"), Err(Lookup::NotFound));
    }

    #[test]
    fn normalize_labels_unlabelled_insight_and_drops_empty_paragraphs() {
        let mut a = Article {
            title: "  A\n title ".into(),
            body: vec!["one".into(), "   ".into()],
            insight: vec!["why".into()],
            ..Default::default()
        };
        a.normalize();
        assert_eq!(a.title, "A title");
        assert_eq!(a.body, ["one"]);
        assert_eq!(a.insight_label.as_deref(), Some(DEFAULT_INSIGHT_LABEL));
    }
}
