//! Orders for the article list, shared by `list --sort` and the reader: by path, title, date,
//! source or grounding, optionally grouped by folder or source. Pure: indices in, indices out
//! (grounding, which is computed elsewhere, is handed in).

use std::cmp::Ordering;

use serde::Deserialize;

use crate::grounding::Grounding;
use crate::Article;

/// What the list is sorted by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    /// The order files were read in: paths as given, folders walked in name order, the
    /// articles of one file in file order.
    #[default]
    Path,
    /// Title, ignoring case and accents.
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
            (group_key(group.of(a)), SortValue::of(a, key), i)
        })
        .collect();
    keyed.sort_by(|x, y| group_order(&x.0, &y.0).then_with(|| x.1.cmp(&y.1)));
    for (slot, (_, _, i)) in order.iter_mut().zip(keyed) {
        *slot = i;
    }
}

/// Re-orders `order`, already sorted by [`sort`] with the same `group`, least grounded first
/// within each group: by supported share, then by supported-or-weak share (as the gauge shows
/// them); `None` (no insight, or not known yet) sorts last. Stable: ties keep their order.
pub fn by_grounding(
    articles: &[Article],
    order: &mut [usize],
    group: Grouping,
    grounding: impl Fn(usize) -> Option<Grounding>,
) {
    let same = |x: &usize, y: &usize| same_group(group.of(&articles[*x]), group.of(&articles[*y]));
    for run in order.chunk_by_mut(same) {
        run.sort_by(|&x, &y| match (grounding(x), grounding(y)) {
            (Some(a), Some(b)) => a.rank().partial_cmp(&b.rank()).unwrap_or(Ordering::Equal),
            (a, b) => b.is_some().cmp(&a.is_some()),
        });
    }
}

/// A group's name as it sorts: like a title (`/work/seeds` under "work seeds", after `cmp`
/// however the path was typed); the unnamed group stays empty.
fn group_key(name: &str) -> String {
    if name.is_empty() {
        String::new()
    } else {
        title_key(name)
    }
}

/// Whether two group names are one group as [`sort`] orders them ("Wire" and "wire").
pub fn same_group(a: &str, b: &str) -> bool {
    a == b || group_key(a) == group_key(b)
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
    Newer(std::cmp::Reverse<DateKey>),
    Missing,
}

impl SortValue {
    fn of(a: &Article, key: SortKey) -> Self {
        match key {
            // The stable sort keeps load order (grounding is applied afterwards).
            SortKey::Path | SortKey::Grounding => SortValue::Missing,
            SortKey::Title => SortValue::Present(title_key(&a.title)),
            SortKey::Source => {
                a.source.as_ref().map_or(SortValue::Missing, |s| SortValue::Present(title_key(s)))
            }
            SortKey::Date => a
                .date
                .as_deref()
                .map_or(SortValue::Missing, |d| SortValue::Newer(std::cmp::Reverse(date_key(d)))),
        }
    }
}

/// A title or source as it sorts: transliterated to ASCII and lower case, punctuation left out
/// (`écologie` sorts with `ecology`, 北京 under "bei jing", «Quoted» under "q"), then the text
/// in lower case, so that titles differing only in accents order the same way every time.
fn title_key(title: &str) -> String {
    let ascii = deunicode::deunicode(title).to_lowercase();
    let words: Vec<&str> =
        ascii.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    format!("{}\u{0}{}", words.join(" "), title.to_lowercase())
}

/// A date as it sorts: an instant (seconds since the epoch, UTC) when it can be read, else
/// the text, which sorts after every instant (newest first).
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum DateKey {
    Unread(String),
    Instant(i64),
}

/// Reads ISO 8601 / RFC 3339 (`2026-01-02T01:00:00+05:00`, `2026-01-02 12:00`, `2026-01-02`),
/// RFC 2822 (`Thu, 01 Jan 2026 23:00:00 +0000`, `GMT`) and `2 Jan 2026`. A time without a zone
/// is taken as UTC, a date without a time as its midnight.
fn date_key(date: &str) -> DateKey {
    use chrono::{DateTime, NaiveDate, NaiveDateTime};
    let d = date.trim();
    // `Z` as an offset chrono's formats can read ("2024-05-01T08:00Z" has no seconds).
    let zoned = d.strip_suffix(['Z', 'z']).map(|t| format!("{t}+00:00"));
    let zoned = zoned.as_deref().unwrap_or(d);
    let instant = DateTime::parse_from_rfc3339(zoned)
        .or_else(|_| DateTime::parse_from_rfc2822(d))
        .or_else(|_| DateTime::parse_from_str(zoned, "%Y-%m-%dT%H:%M%:z"))
        .or_else(|_| DateTime::parse_from_str(zoned, "%Y-%m-%d %H:%M:%S%:z"))
        .map(|t| t.timestamp())
        .ok()
        .or_else(|| {
            ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
                .iter()
                .find_map(|f| NaiveDateTime::parse_from_str(d, f).ok())
                .map(|t| t.and_utc().timestamp())
        })
        .or_else(|| {
            ["%Y-%m-%d", "%d %b %Y", "%d %B %Y", "%a, %d %b %Y", "%b %d, %Y", "%B %d, %Y", "%Y/%m/%d"]
                .iter()
                .find_map(|f| NaiveDate::parse_from_str(d, f).ok())
                .and_then(|day| day.and_hms_opt(0, 0, 0))
                .map(|t| t.and_utc().timestamp())
        });
    instant.map_or_else(|| DateKey::Unread(d.to_string()), DateKey::Instant)
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
    fn accented_titles_sort_with_their_letters() {
        let a: Vec<Article> = ["zebra", "Ångström", "écologie", "ecology", "apple", "Eagle"]
            .iter()
            .map(|t| article(&format!("/k/{t}"), t, None, None))
            .collect();
        assert_eq!(
            sorted(&a, SortKey::Title, Grouping::None),
            ["Ångström", "apple", "Eagle", "écologie", "ecology", "zebra"]
        );
    }

    #[test]
    fn titles_of_every_script_sort_by_their_letters_and_punctuation_is_ignored() {
        let titles = [
            "Zebra News",
            "中文标题",
            "«Quoted» title",
            "Ωmega Greek",
            "123 Numbers",
            "北京新闻",
            "Ärger im Amt",
        ];
        let a: Vec<Article> = titles.iter().map(|t| article(&format!("/k/{t}"), t, None, Some(t))).collect();
        let expected = [
            "123 Numbers",
            "Ärger im Amt",
            "北京新闻",
            "Ωmega Greek",
            "«Quoted» title",
            "Zebra News",
            "中文标题",
        ];
        assert_eq!(sorted(&a, SortKey::Title, Grouping::None), expected);
        assert_eq!(sorted(&a, SortKey::Source, Grouping::None), expected, "sources sort the same way");
    }

    #[test]
    fn dates_in_common_forms_compare_in_time_order() {
        let instant = |d: &str| match date_key(d) {
            DateKey::Instant(t) => t,
            DateKey::Unread(_) => panic!("{d} not read"),
        };
        assert_eq!(instant("Tue, 30 Apr 2024 10:00:00 +0000"), instant("2024-04-30T10:00:00Z"));
        assert_eq!(instant("2 May 2024"), instant("2024-05-02"));
        assert_eq!(instant("2024-05-01T08:00Z") - instant("2024-05-01"), 8 * 3600);
        // Zones count: 01:00 at +05:00 is 20:00 UTC the day before.
        assert!(instant("2026-01-02T01:00:00+05:00") < instant("2026-01-02T00:30:00Z"));
        assert!(instant("2026-01-01T22:00:00Z") < instant("Thu, 01 Jan 2026 23:00:00 GMT"));
        assert!(instant("2026-01-02T06:00:00Z") < instant("2026-01-02 12:00"));
        assert!(instant("2026-01-01T22:00:00+00:00") < instant("2026-01-01T21:00:00-05:00"));
        assert!(date_key("yesterday") < date_key("1999-01-01"), "unreadable dates sort last");
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
        let g = |supported, weak| {
            Some(Grounding { supported, weak, unsupported: 4 - supported - weak, conflicting: 0 })
        };
        let share = |i: usize| [g(2, 0), None, g(4, 0), g(1, 0), g(0, 1)][i];
        let run = |group: Grouping| {
            let mut order: Vec<usize> = (0..a.len()).collect();
            sort(&a, &mut order, SortKey::Grounding, group);
            by_grounding(&a, &mut order, group, share);
            order.iter().map(|&i| a[i].title.as_str()).collect::<Vec<_>>()
        };
        assert_eq!(run(Grouping::None), ["a-low", "b-low", "b-half", "a-full", "a-none"]);
        assert_eq!(run(Grouping::Folder), ["a-low", "a-full", "a-none", "b-low", "b-half"]);
        // Equally supported, the one with weak support too is the better grounded.
        let weak = |i: usize| [g(0, 2), g(0, 0), g(1, 1), g(1, 0), g(0, 1)][i];
        let mut order: Vec<usize> = (0..a.len()).collect();
        by_grounding(&a, &mut order, Grouping::None, weak);
        assert_eq!(order, [1, 4, 0, 3, 2]);
    }
}
