//! One feed's bytes to articles. Bytes, not text: an XML feed names its own encoding
//! (`ISO-8859-1`, …) and feed-rs decodes it.
//!
//! Each item becomes an article: feed title → source; date, author, link, categories → the
//! article's fields; the item's HTML → paragraphs with numbered links listed under the body; an
//! insight heading inside the item (`Analysis`, `Our take`, …) splits it into body and insight.
//! The item's stable identity (guid, else link, else a hash of title and date) is left in
//! `Article::key` for the caller to put under the feed's own key.

use feed_rs::model::{Entry, Feed, Text};
use quick_xml::events::Event;
use xxhash_rust::xxh3::xxh3_64;

use super::html;
use crate::parse::heading::{heading_like, insight_heading};
use crate::parse::{ParseOptions, Parsed};
use crate::{Article, Format, ParseError};

/// Feeds larger than this are refused: a real feed is well under a megabyte.
pub const MAX_FEED_BYTES: usize = 32 * 1024 * 1024;
/// Elements nested deeper than this are refused (feeds nest about ten deep).
pub const MAX_DEPTH: usize = 256;

/// A parsed feed: its title and its items as articles.
#[derive(Debug, Default)]
pub struct FeedItems {
    pub title: Option<String>,
    pub items: Vec<Article>,
}

/// True when `bytes` start like a feed: an XML document whose root is `rss`, `feed` or
/// `rdf:RDF`, or a JSON object naming a JSON Feed version.
pub fn looks_like_feed(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    // Every .txt and .json file passes through here: most are settled by their first byte.
    match head.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => return memchr::memmem::find(head, b"jsonfeed.org/version").is_some(),
        Some(b'<') => {}
        _ => return false,
    }
    let text = String::from_utf8_lossy(head);
    let t = text.trim_start();
    // Skip the declaration, processing instructions, comments and a doctype to the root.
    let mut rest = t;
    while let Some(after) = rest.strip_prefix('<') {
        if after.starts_with('?') || after.starts_with('!') {
            let end = if after.starts_with("!--") {
                after.find("-->").map(|i| i + 3)
            } else {
                after.find('>').map(|i| i + 1)
            };
            let Some(end) = end else { return false };
            rest = after[end..].trim_start();
            continue;
        }
        let name: String =
            after.chars().take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/').collect();
        let local = name.rsplit(':').next().unwrap_or(&name);
        return matches!(local, "rss" | "feed" | "RDF");
    }
    false
}

/// Parses one feed file's bytes into articles (for the loader); `opts` adds insight headings.
pub fn parse(bytes: &[u8], opts: &ParseOptions) -> Result<Parsed, ParseError> {
    let feed = parse_feed(bytes, opts)?;
    Ok(feed.items.into())
}

/// Parses a feed: XML (RSS, Atom) or JSON Feed, chosen by its first character.
pub fn parse_feed(bytes: &[u8], opts: &ParseOptions) -> Result<FeedItems, ParseError> {
    parse_feed_from(bytes, opts, None)
}

/// [`parse_feed`] for a feed read from `source` (its web address): relative links in items
/// resolve against the item's URL, else `source`, else the feed's own `<link>`.
pub fn parse_feed_from(
    bytes: &[u8],
    opts: &ParseOptions,
    source: Option<&str>,
) -> Result<FeedItems, ParseError> {
    if bytes.len() > MAX_FEED_BYTES {
        return Err(ParseError::Invalid(format!(
            "feed is larger than the {MAX_FEED_BYTES}-byte limit for feeds"
        )));
    }
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace() && !matches!(b, 0xEF | 0xBB | 0xBF));
    if first == Some(&b'<') {
        check_depth(bytes)?;
    }
    // Ids missing from the feed are made here (guid, link, hash), never random: an empty
    // string tells feed-rs to leave them to us.
    let parser = feed_rs::parser::Builder::new().id_generator(|_, _, _| String::new()).build();
    let feed = parser.parse(bytes).map_err(|e| ParseError::Invalid(format!("not a readable feed: {e}")))?;
    Ok(items(&feed, opts, source))
}

/// Refuses XML nested deeper than [`MAX_DEPTH`], before feed-rs (which recurses) sees it.
fn check_depth(bytes: &[u8]) -> Result<(), ParseError> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    reader.config_mut().check_end_names = false;
    let mut buf = Vec::new();
    let mut depth = 0usize;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(_)) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(ParseError::Invalid(format!(
                        "elements nested more than {MAX_DEPTH} deep: not a feed"
                    )));
                }
            }
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(Event::Eof) => return Ok(()),
            // Malformed XML: feed-rs says what is wrong with it.
            Err(_) => return Ok(()),
            Ok(_) => {}
        }
        buf.clear();
    }
}

fn items(feed: &Feed, opts: &ParseOptions, source: Option<&str>) -> FeedItems {
    let title = feed.title.as_ref().map(text_line).filter(|t| !t.is_empty());
    let feed_authors = people(&feed.authors);
    let own_link = || {
        let alternate = feed.links.iter().find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"));
        alternate.or(feed.links.first()).and_then(|l| absolute(&l.href))
    };
    let base = source.and_then(absolute).or_else(own_link);
    let mut items: Vec<Article> =
        feed.entries.iter().map(|e| article(e, title.as_deref(), feed_authors.as_deref(), opts)).collect();
    for a in &mut items {
        resolve_links(a, base.as_ref());
    }
    FeedItems { title, items }
}

/// `s` as an absolute web address, if it is one.
fn absolute(s: &str) -> Option<url::Url> {
    url::Url::parse(s.trim()).ok().filter(|u| matches!(u.scheme(), "http" | "https"))
}

/// Makes the item's URL and links absolute: relative ones (`/about`, `other.html`, `//cdn…`)
/// resolve against the item's URL, else `base` (the feed's). Absolute links and links with no
/// base to resolve against stay as they are.
pub fn resolve_links(a: &mut Article, base: Option<&url::Url>) {
    fn resolve(link: &mut String, base: Option<&url::Url>) {
        if url::Url::parse(link.trim()).is_ok() {
            return;
        }
        if let Some(joined) = base.and_then(|b| b.join(link.trim()).ok()) {
            *link = joined.to_string();
        }
    }
    if let Some(url) = a.url.as_mut() {
        resolve(url, base);
    }
    let item_base = a.url.as_deref().and_then(absolute);
    let base = item_base.as_ref().or(base);
    for link in &mut a.links {
        resolve(link, base);
    }
}

fn article(e: &Entry, source: Option<&str>, feed_authors: Option<&str>, opts: &ParseOptions) -> Article {
    let html_body = e
        .content
        .as_ref()
        .and_then(|c| c.body.as_ref().map(|b| (b.as_str(), is_plain(c.content_type.as_ref()))))
        .or_else(|| e.summary.as_ref().map(|s| (s.content.as_str(), is_plain(s.content_type.as_ref()))))
        .or_else(|| {
            e.media.iter().find_map(|m| {
                m.description.as_ref().map(|d| (d.content.as_str(), is_plain(d.content_type.as_ref())))
            })
        });
    let text = match html_body {
        // RSS 1.0 descriptions come typed as plain text yet carry escaped HTML, as RSS 2.0's do.
        Some((body, true)) if !body.contains(['<', '&']) => html::plain_text(body),
        Some((body, _)) => html::to_text(body),
        None => html::Text::default(),
    };
    let mut title = e.title.as_ref().map(text_line).unwrap_or_default();
    if title.is_empty() {
        title = untitled(&text.paragraphs);
    }
    let date = e.published.or(e.updated).map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string());
    let url = e
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(e.links.first())
        .map(|l| l.href.clone());
    let mut a = Article {
        title,
        source: source.map(str::to_string),
        format: Format::Feed,
        author: people(&e.authors).or_else(|| feed_authors.map(str::to_string)),
        tags: e.categories.iter().map(|c| c.label.clone().unwrap_or_else(|| c.term.clone())).collect(),
        ..Default::default()
    };
    a.key = stable_id(e, &a.title, date.as_deref(), url.as_deref());
    a.date = date;
    a.url = url;
    split_insight(&mut a, text.paragraphs, opts);
    // Listed under the article (`[1] https://…`) by the reader and `show`, from `links`.
    a.links = text.links;
    a
}

/// The item's identity: its guid/id, else its link, else a hash of title and date.
fn stable_id(e: &Entry, title: &str, date: Option<&str>, url: Option<&str>) -> String {
    if !e.id.trim().is_empty() {
        return e.id.trim().to_string();
    }
    if let Some(url) = url.filter(|u| !u.trim().is_empty()) {
        return url.trim().to_string();
    }
    let seed = format!("{title}\u{1f}{}", date.unwrap_or(""));
    format!("h{:016x}", xxh3_64(seed.as_bytes()))
}

/// Brings a stored item up to date with how items are parsed now: the numbered link lines that
/// earlier builds appended to the body go (the reader and `show` list `links` under the
/// article), and an item without an insight is split by `opts`, so headings the config file
/// added after it was fetched apply as they do to files, which are parsed afresh.
pub fn resplit(a: &mut Article, opts: &ParseOptions) {
    // Items stored before links were resolved: the feed's address is the item's path.
    let feed = absolute(&a.path);
    resolve_links(a, feed.as_ref());
    let lines = a.link_lines();
    if !lines.is_empty() && a.body.ends_with(&lines) {
        a.body.truncate(a.body.len() - lines.len());
    }
    if a.has_insight() || *opts == ParseOptions::default() {
        return;
    }
    let paragraphs = std::mem::take(&mut a.body);
    split_insight(a, paragraphs, opts);
}

/// Moves the paragraphs after an insight heading (not the first paragraph) into the insight.
fn split_insight(a: &mut Article, mut paragraphs: Vec<String>, opts: &ParseOptions) {
    let at = paragraphs
        .iter()
        .enumerate()
        .skip(1)
        .find(|(i, p)| {
            *i + 1 < paragraphs.len() && heading_like(p).is_some() && insight_heading(p, opts).is_some()
        })
        .map(|(i, _)| i);
    if let Some(i) = at {
        let insight = paragraphs.split_off(i + 1);
        let heading = paragraphs.pop().unwrap_or_default();
        a.insight_label = insight_heading(&heading, opts).map(str::to_string);
        a.insight = insight;
    }
    a.body = paragraphs;
}

fn is_plain(mime: &str) -> bool {
    mime.starts_with("text/plain")
}

/// A title or name given as text or HTML, on one line.
fn text_line(t: &Text) -> String {
    let s = t.content.trim();
    if is_plain(t.content_type.as_ref()) && !s.contains('<') && !s.contains('&') {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        html::to_line(s)
    }
}

/// The people's names. RSS 2.0 writes an author as `email (Name)`, which feed-rs splits into an
/// email and `(Name)`: the name loses its parentheses, and an author given only as an email
/// is named by it.
fn people(people: &[feed_rs::model::Person]) -> Option<String> {
    fn name(p: &feed_rs::model::Person) -> &str {
        let n = p.name.as_deref().map(str::trim).unwrap_or("");
        let n = n.strip_prefix('(').and_then(|n| n.strip_suffix(')')).unwrap_or(n).trim();
        if n.is_empty() {
            p.email.as_deref().map(str::trim).unwrap_or("")
        } else {
            n
        }
    }
    let names: Vec<&str> = people.iter().map(name).filter(|n| !n.is_empty()).collect();
    (!names.is_empty()).then(|| names.join(", "))
}

/// A title for an item that has none: the start of its first paragraph (see
/// [`crate::parse::title_from_text`]).
fn untitled(paragraphs: &[String]) -> String {
    crate::parse::title_from_text(paragraphs).unwrap_or_else(|| "(untitled)".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing_tells_feeds_from_other_files() {
        assert!(looks_like_feed(b"<?xml version=\"1.0\"?>\n<!-- c -->\n<rss version=\"2.0\">"));
        assert!(looks_like_feed(b"\xEF\xBB\xBF<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
        assert!(looks_like_feed(b"<rdf:RDF xmlns:rdf=\"x\">"));
        assert!(looks_like_feed(b"{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}"));
        assert!(!looks_like_feed(b"<html><body>"));
        assert!(!looks_like_feed(b"{\"title\": \"x\"}"));
        assert!(!looks_like_feed(b"Title\n\nBody"));
    }

    #[test]
    fn an_insight_heading_in_an_item_splits_it() {
        let xml = r#"<rss version="2.0"><channel><title>T</title><item><title>A</title>
            <description>&lt;p&gt;Fact one.&lt;/p&gt;&lt;h2&gt;Our take&lt;/h2&gt;&lt;p&gt;Why it matters.&lt;/p&gt;</description>
            </item></channel></rss>"#;
        let f = parse_feed(xml.as_bytes(), &ParseOptions::default()).unwrap();
        let a = &f.items[0];
        assert_eq!(a.body, ["Fact one."]);
        assert_eq!(a.insight_label.as_deref(), Some("Our take"));
        assert_eq!(a.insight, ["Why it matters."]);
        assert_eq!(a.source.as_deref(), Some("T"));
    }

    #[test]
    fn ids_are_guid_then_link_then_a_hash() {
        let xml = r#"<rss version="2.0"><channel><title>T</title>
            <item><title>A</title><guid>g1</guid><link>http://x/a</link></item>
            <item><title>B</title><link>http://x/b</link></item>
            <item><title>C</title><pubDate>Mon, 30 Sep 2002 01:52:02 GMT</pubDate></item>
            </channel></rss>"#;
        let f = parse_feed(xml.as_bytes(), &ParseOptions::default()).unwrap();
        let again = parse_feed(xml.as_bytes(), &ParseOptions::default()).unwrap();
        assert_eq!(f.items[0].key, "g1");
        assert_eq!(f.items[1].key, "http://x/b");
        assert!(f.items[2].key.starts_with('h'));
        assert_eq!(f.items[2].key, again.items[2].key, "the hash is the same every time");
        assert_eq!(f.items[2].date.as_deref(), Some("2002-09-30T01:52:02Z"));
    }

    #[test]
    fn rss_authors_given_as_email_and_name_read_as_the_name() {
        let xml = r#"<rss version="2.0"><channel><title>T</title>
            <item><title>A</title><author>ed@example.com (Ed Itor)</author></item>
            <item><title>B</title><author>only@example.com</author></item>
            <item><title>C</title><dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">Dee Creator</dc:creator></item>
            </channel></rss>"#;
        let f = parse_feed(xml.as_bytes(), &ParseOptions::default()).unwrap();
        let authors: Vec<Option<&str>> = f.items.iter().map(|a| a.author.as_deref()).collect();
        assert_eq!(authors, [Some("Ed Itor"), Some("only@example.com"), Some("Dee Creator")]);
    }

    #[test]
    fn relative_links_resolve_against_the_item_then_the_feed() {
        let xml = r#"<rss version="2.0"><channel><title>T</title><link>https://site.example/blog/</link>
            <item><title>A</title><link>/posts/1</link><description>&lt;p&gt;&lt;a href="/about"&gt;a&lt;/a&gt;
            &lt;a href="other.html"&gt;o&lt;/a&gt; &lt;a href="//cdn.example.com/x"&gt;c&lt;/a&gt;
            &lt;a href="https://abs.example/y"&gt;y&lt;/a&gt;&lt;/p&gt;</description></item>
            <item><title>B</title><description>&lt;a href="rel.html"&gt;r&lt;/a&gt;</description></item>
            </channel></rss>"#;
        let f = parse_feed(xml.as_bytes(), &ParseOptions::default()).unwrap();
        let a = &f.items[0];
        assert_eq!(a.url.as_deref(), Some("https://site.example/posts/1"));
        assert_eq!(
            a.links,
            [
                "https://site.example/about",
                "https://site.example/posts/other.html",
                "https://cdn.example.com/x",
                "https://abs.example/y"
            ]
        );
        // No item URL: the feed's <link>.
        assert_eq!(f.items[1].links, ["https://site.example/blog/rel.html"]);
        // The address the feed was fetched from comes before its <link>.
        let f = parse_feed_from(xml.as_bytes(), &ParseOptions::default(), Some("https://feeds.example/rss"))
            .unwrap();
        assert_eq!(f.items[0].url.as_deref(), Some("https://feeds.example/posts/1"));
        assert_eq!(f.items[1].links, ["https://feeds.example/rel.html"]);
    }

    #[test]
    fn stored_items_get_their_links_resolved() {
        let mut a = Article {
            path: "https://feeds.example/rss".into(),
            url: Some("/posts/2".into()),
            links: vec!["x.html".into()],
            ..Default::default()
        };
        resplit(&mut a, &ParseOptions::default());
        assert_eq!(a.url.as_deref(), Some("https://feeds.example/posts/2"));
        assert_eq!(a.links, ["https://feeds.example/posts/x.html"]);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let xml = format!(
            "<rss version=\"2.0\">{}{}</rss>",
            "<a>".repeat(MAX_DEPTH + 5),
            "</a>".repeat(MAX_DEPTH + 5)
        );
        let e = parse_feed(xml.as_bytes(), &ParseOptions::default()).unwrap_err();
        assert!(e.to_string().contains("nested"), "{e}");
    }

    #[test]
    fn untitled_items_are_named_by_their_text() {
        assert_eq!(untitled(&["Who loves namespaces[1]?".to_string()]), "Who loves namespaces?");
        let long = "word ".repeat(40);
        let t = untitled(&[long]);
        assert!(t.ends_with('…') && t.chars().count() <= crate::parse::UNTITLED_CHARS + 1, "{t}");
    }
}
