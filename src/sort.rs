//! Orders for the article list, shared by `list --sort` and the reader: by path, title, date,
//! source or grounding, optionally grouped by folder or source. Pure: indices in, indices out
//! (grounding, which is computed elsewhere, is handed in).

use std::cmp::Ordering;

use serde::Deserialize;

use crate::Article;

/// What the list is sorted by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    /// The order files were read in: paths as given, folders walked in name order, the
    /// articles of one file in file order.
    #[default]
    Path,
    /// Title, ignoring case.
    Title,
    /// Newest first; articles without a date last.
    Date,
    /// Source, ignoring case; articles without a source last.
    Source,
    /// Least grounded first (the share of insight statements the article's own facts
    /// support); articles without an insight, or whose grounding is not known yet, last.
    // `sort` leaves load order for this key: `by_grounding` applies it.
    Grounding,
}

impl SortKey {
    pub const ALL: [SortKey; 5] =
        [SortKey::Path, SortKey::Title, SortKey::Date, SortKey::Source, SortKey::Grounding];

    pub fn name(self) -> &'static str {
        match self {
            SortKey::Path => "path",
            SortKey::Title => "title",
            SortKey::Date => "date",
            SortKey::Source => "source",
            SortKey::Grounding => "grounding",
        }
    }

    pub fn next(self) -> Self {
        let i = Self::ALL.iter().position(|&k| k == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }
}

/// How the list is grouped: a group's articles stay together, groups in name order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Grouping {
    #[default]
    None,
    /// The folder the article's file is in.
    Folder,
    Source,
}

impl Grouping {
    pub fn name(self) -> &'static str {
        match self {
            Grouping::None => "none",
            Grouping::Folder => "folder",
            Grouping::Source => "source",
        }
    }

    pub fn next(self) -> Self {
        match self {
            Grouping::None => Grouping::Folder,
            Grouping::Folder => Grouping::Source,
            Grouping::Source => Grouping::None,
        }
    }

    /// The group `a` belongs to ("" for none).
    pub fn of(self, a: &Article) -> &str {
        match self {
            Grouping::None => "",
            Grouping::Folder => folder(&a.path),
            Grouping::Source => a.source.as_deref().unwrap_or(""),
        }
    }
}

/// The folder part of a path as loaded (`bbc/business/001.txt` → `bbc/business`).
fn folder(path: &str) -> &str {
    match path.rfind(['/', '\\']) {
        Some(i) => &path[..i],
        None => "",
    }
}

/// Sorts `order` (indices into `articles`) by `key` within groups; stable, so ties keep the
/// order they came in (load order).
pub fn sort(articles: &[Article], order: &mut [usize], key: SortKey, group: Grouping) {
    if (key, group) == (SortKey::Path, Grouping::None) {
        // Load order already: nothing to compute, however large the corpus.
        return;
    }
    // Keys are computed once per article, not once per comparison.
    let mut keyed: Vec<(String, SortValue, usize)> = order
        .iter()
        .map(|&i| {
            let a = &articles[i];
            (group.of(a).to_lowercase(), SortValue::of(a, key), i)
        })
        .collect();
    keyed.sort_by(|x, y| group_order(&x.0, &y.0).then_with(|| x.1.cmp(&y.1)));
    for (slot, (_, _, i)) in order.iter_mut().zip(keyed) {
        *slot = i;
    }
}

/// Re-orders `order`, already sorted by [`sort`] with the same `group`, least grounded first
/// within each group: `share(i)` is article `i`'s supported share, `None` (no insight, or not
/// known yet) sorting last. Stable: ties keep their order.
pub fn by_grounding(
    articles: &[Article],
    order: &mut [usize],
    group: Grouping,
    share: impl Fn(usize) -> Option<f64>,
) {
    let same = |x: &usize, y: &usize| group.of(&articles[*x]).eq_ignore_ascii_case(group.of(&articles[*y]));
    for run in order.chunk_by_mut(same) {
        run.sort_by(|&x, &y| match (share(x), share(y)) {
            (Some(a), Some(b)) => a.total_cmp(&b),
            (a, b) => b.is_some().cmp(&a.is_some()),
        });
    }
}

/// Named groups in name order, the unnamed one ("no source") last.
fn group_order(x: &str, y: &str) -> Ordering {
    (x.is_empty(), x).cmp(&(y.is_empty(), y))
}

/// One article's sort value: present values first, then missing ones.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum SortValue {
    Present(String),
    /// Dates sort newest first.
    Newer(std::cmp::Reverse<String>),
    Missing,
}

impl SortValue {
    fn of(a: &Article, key: SortKey) -> Self {
        match key {
            // The stable sort keeps load order (grounding is applied afterwards).
            SortKey::Path | SortKey::Grounding => SortValue::Missing,
            SortKey::Title => SortValue::Present(a.title.to_lowercase()),
            SortKey::Source => {
                a.source.as_ref().map_or(SortValue::Missing, |s| SortValue::Present(s.to_lowercase()))
            }
            SortKey::Date => a
                .date
                .as_deref()
                .map_or(SortValue::Missing, |d| SortValue::Newer(std::cmp::Reverse(date_key(d)))),
        }
    }
}

const MONTHS: [&str; 12] =
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// A string that sorts dates in time order: ISO 8601 dates as they are; "2 Jan 2006" and
/// RFC 2822 dates ("Mon, 02 Jan 2006 15:04:05 +0000") rewritten as `2006-01-02 15:04:05`.
/// Anything else sorts as written, after every date it cannot be compared with.
fn date_key(date: &str) -> String {
    let d = date.trim();
    if d.len() >= 4 && d.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
        return d.to_string();
    }
    let words: Vec<&str> = d.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    let start = usize::from(words.first().is_some_and(|w| w.chars().all(char::is_alphabetic)));
    if let [day, month, year, rest @ ..] = &words[start.min(words.len())..] {
        let month = MONTHS.iter().position(|m| month.to_lowercase().starts_with(m));
        if let (Ok(day), Some(month), Ok(year)) = (day.parse::<u32>(), month, year.parse::<u32>()) {
            let time = rest.first().copied().unwrap_or("");
            return format!("{year:04}-{:02}-{day:02} {time}", month + 1).trim_end().to_string();
        }
    }
    // Not a date we can read: "0" sorts before every year, so it ends up after them (newest first).
    format!("0 {d}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(path: &str, title: &str, date: Option<&str>, source: Option<&str>) -> Article {
        Article {
            path: path.into(),
            title: title.into(),
            date: date.map(Into::into),
            source: source.map(Into::into),
            ..Default::default()
        }
    }

    fn sorted(articles: &[Article], key: SortKey, group: Grouping) -> Vec<&str> {
        let mut order: Vec<usize> = (0..articles.len()).collect();
        sort(articles, &mut order, key, group);
        order.iter().map(|&i| articles[i].title.as_str()).collect()
    }

    #[test]
    fn each_key_orders_the_list_and_missing_values_go_last() {
        let a = [
            article("b/2.txt", "beta", Some("2024-05-01"), Some("Wire")),
            article("a/1.txt", "Alpha", None, None),
            article("b/1.txt", "gamma", Some("Tue, 30 Apr 2024 10:00:00 +0000"), Some("agency")),
            article("a/3.txt", "delta", Some("2 May 2024"), Some("wire")),
        ];
        assert_eq!(sorted(&a, SortKey::Path, Grouping::None), ["beta", "Alpha", "gamma", "delta"]);
        assert_eq!(sorted(&a, SortKey::Path, Grouping::Folder), ["Alpha", "delta", "beta", "gamma"]);
        assert_eq!(sorted(&a, SortKey::Title, Grouping::None), ["Alpha", "beta", "delta", "gamma"]);
        assert_eq!(sorted(&a, SortKey::Date, Grouping::None), ["delta", "beta", "gamma", "Alpha"]);
        assert_eq!(sorted(&a, SortKey::Source, Grouping::None), ["gamma", "beta", "delta", "Alpha"]);
        assert_eq!(sorted(&a, SortKey::Title, Grouping::Folder), ["Alpha", "delta", "beta", "gamma"]);
        assert_eq!(sorted(&a, SortKey::Title, Grouping::Source), ["gamma", "beta", "delta", "Alpha"]);
    }

    #[test]
    fn dates_in_common_forms_compare_in_time_order() {
        assert_eq!(date_key("Tue, 30 Apr 2024 10:00:00 +0000"), "2024-04-30 10:00:00");
        assert_eq!(date_key("2 May 2024"), "2024-05-02");
        assert_eq!(date_key("2024-05-01T08:00Z"), "2024-05-01T08:00Z");
        assert!(date_key("yesterday") < date_key("1999-01-01"));
    }

    #[test]
    fn keys_cycle_through_every_value() {
        let mut k = SortKey::Path;
        for _ in 0..5 {
            k = k.next();
        }
        assert_eq!(k, SortKey::Path);
        assert_eq!(Grouping::None.next().next().next(), Grouping::None);
        assert_eq!(Grouping::Folder.of(&article("x/y/z.md", "", None, None)), "x/y");
    }

    #[test]
    fn grounding_orders_within_groups_least_first_and_unknown_last() {
        let a = [
            article("b/1.txt", "b-half", None, None),
            article("a/1.txt", "a-none", None, None),
            article("a/2.txt", "a-full", None, None),
            article("b/2.txt", "b-low", None, None),
            article("a/3.txt", "a-low", None, None),
        ];
        let share = |i: usize| [Some(0.5), None, Some(1.0), Some(0.25), Some(0.0)][i];
        let run = |group: Grouping| {
            let mut order: Vec<usize> = (0..a.len()).collect();
            sort(&a, &mut order, SortKey::Grounding, group);
            by_grounding(&a, &mut order, group, share);
            order.iter().map(|&i| a[i].title.as_str()).collect::<Vec<_>>()
        };
        assert_eq!(run(Grouping::None), ["a-low", "b-low", "b-half", "a-full", "a-none"]);
        assert_eq!(run(Grouping::Folder), ["a-low", "a-full", "a-none", "b-low", "b-half"]);
    }
}
