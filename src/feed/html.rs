//! Item HTML to readable paragraphs with html2text (html5ever underneath; no regular
//! expressions): paragraphs and list items become paragraphs, quotes keep a `> ` mark, links
//! become numbered references (`text[1]`) whose targets are returned in order, images become
//! their alt text, scripts and styles are dropped. The caller sanitises what comes out.

use html2text::render::TextDecorator;

/// Wide enough that html2text never wraps a paragraph: the reader wraps to its own width.
const NO_WRAP: usize = 1 << 16;

/// What an item's HTML holds as text.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Text {
    pub paragraphs: Vec<String>,
    /// Link targets; `links[0]` is the reference `[1]` in the paragraphs.
    pub links: Vec<String>,
}

/// Converts `html` to paragraphs and numbered links. Preformatted text (`<pre>`), a table and
/// a list with nested items each become one paragraph holding line breaks, which the reader
/// draws line by line with their indentation (as a Markdown code block or table).
pub fn to_text(html: &str) -> Text {
    to_text_within(html, NO_WRAP, true)
}

/// [`to_text`] without link references: for HTML inside a Markdown file, whose links are
/// listed with the article's and carry no numbers in its text.
pub fn to_paragraphs(html: &str) -> Vec<String> {
    to_text_within(html, NO_WRAP, false).paragraphs
}

/// [`to_text`] rendered within `width` columns (tests use a narrow one to reach the limits
/// that [`NO_WRAP`] puts out of reach of all but pathological nesting).
fn to_text_within(html: &str, width: usize, references: bool) -> Text {
    // html2text's layout costs grow with the square of the nesting (20,000 nested `<div>`s took
    // 4 s in one feed item): text nested that deep is read as plain words.
    if nesting(html) > MAX_NESTING {
        return plain_text(&without_tags(html));
    }
    let config = html2text::config::with_decorator(Reading)
        .link_footnotes(references)
        .no_link_wrapping()
        // Deeper nesting than the width holds (each quote or list level indents) is rendered
        // wider rather than refused.
        .allow_width_overflow()
        // Tables between ``` lines, so that their rows can be kept together.
        .fence_tables();
    let rendered = match config.lines_from_read(html.as_bytes(), width) {
        Ok(lines) => lines,
        // html5ever accepts any input; an error here is a rendering limit. Keep the words,
        // never the markup.
        Err(_) => return plain_text(&without_tags(html)),
    };
    let mut text = Text::default();
    let mut para = String::new();
    // What `para` holds when it keeps its line breaks.
    let mut block = Block::None;
    for tagged in rendered {
        let preformatted = tagged.tagged_strings().any(|s| s.tag.contains(&true));
        let line: String = tagged.tagged_strings().map(|s| s.s.as_str()).collect();
        let trimmed = line.trim_end();
        if block != Block::Table {
            if let Some(target) = footnote(trimmed, text.links.len() + 1) {
                text.links.push(target.to_string());
                continue;
            }
        }
        if trimmed.trim() == "```" && !preformatted {
            if block == Block::Table {
                drop_outer_borders(&mut para);
            }
            flush(&mut para, &mut text.paragraphs);
            block = if block == Block::Table { Block::None } else { Block::Table };
            continue;
        }
        if block == Block::Table || (preformatted && block == Block::Pre) {
            para.push('\n');
            para.push_str(trimmed);
            continue;
        }
        if preformatted {
            flush(&mut para, &mut text.paragraphs);
            block = Block::Pre;
            para.push_str(trimmed);
            continue;
        }
        if trimmed.trim().is_empty() {
            // A blank line inside preformatted text is not tagged: kept until the next line says.
            if block == Block::Pre {
                para.push('\n');
            } else {
                flush(&mut para, &mut text.paragraphs);
            }
            continue;
        }
        if block == Block::Pre {
            flush(&mut para, &mut text.paragraphs);
            block = Block::None;
        }
        let item = is_list_item(trimmed);
        let nested = item && trimmed.starts_with(' ');
        // A nested item joins the item it is nested in, on a line of its own with its indent.
        if nested && block == Block::List {
            para.push('\n');
            para.push_str(trimmed);
            continue;
        }
        // A list item or a line of a quote starts its own paragraph; other lines of one block
        // (a `<br>`) belong together.
        if item || trimmed.starts_with('>') || block == Block::List {
            flush(&mut para, &mut text.paragraphs);
            block = Block::None;
        }
        if !para.is_empty() {
            para.push(' ');
        }
        para.push_str(trimmed.trim_start());
        if item {
            block = Block::List;
        }
    }
    flush(&mut para, &mut text.paragraphs);
    text
}

/// A table's rows without the border lines above and below them (`─┬──`, `─┴──`): the rule
/// between its rows (`─┼──`) and the column marks (`a│b`) are enough to read it by.
fn drop_outer_borders(table: &mut String) {
    let border = |l: &str| !l.trim().is_empty() && l.chars().all(|c| matches!(c, '─' | '┬' | '┴' | ' '));
    let lines: Vec<&str> = table.lines().filter(|l| !border(l)).collect();
    *table = lines.join("\n");
}

/// Lines that stay lines: preformatted text, a table, or a list item with nested items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    None,
    Pre,
    Table,
    List,
}

/// Text with no links: for a title given as HTML.
pub fn to_line(html: &str) -> String {
    let text = if nesting(html) > MAX_NESTING {
        without_tags(html)
    } else {
        html2text::config::with_decorator(Reading)
            .link_footnotes(false)
            .string_from_read(html.as_bytes(), NO_WRAP)
            .unwrap_or_else(|_| without_tags(html))
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Deeper than any page written for reading (a few dozen levels) by far.
const MAX_NESTING: usize = 500;

/// Elements that never hold others: they open no level.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
    "wbr",
];

/// How deeply `html`'s elements nest at most, by counting open and close tags in one pass
/// (void and self-closed elements open nothing).
fn nesting(html: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        if let Some(name) = tag.strip_prefix('/') {
            if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
                depth = depth.saturating_sub(1);
            }
        } else if tag.starts_with(|c: char| c.is_ascii_alphabetic()) && !tag.ends_with('/') {
            let name = tag.split(|c: char| c.is_ascii_whitespace()).next().unwrap_or("");
            if !VOID.iter().any(|v| v.eq_ignore_ascii_case(name)) {
                depth += 1;
                deepest = deepest.max(depth);
            }
        }
        rest = &rest[end..];
    }
    deepest
}

/// `html` with every `<…>` left out (a tag, a comment): the last resort when it cannot be
/// rendered, so that markup never reaches the reader as text.
fn without_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        match rest[open..].find('>') {
            Some(close) => rest = &rest[open + close + 1..],
            None => rest = "",
        }
        out.push(' ');
    }
    out.push_str(rest);
    out
}

/// Plain text split into paragraphs at blank lines.
pub fn plain_text(text: &str) -> Text {
    let paragraphs = text
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    Text { paragraphs, links: Vec::new() }
}

/// Text for reading: no markup marks around emphasis, code or links (a link is followed by
/// its reference number), images as their alt text, headings as a paragraph of their own without
/// marks, quotes as `> `.
struct Reading;

impl TextDecorator for Reading {
    /// True for preformatted text.
    type Annotation = bool;

    fn decorate_link_start(&mut self, _url: &str) -> (String, bool) {
        (String::new(), false)
    }
    fn decorate_link_end(&mut self) -> String {
        String::new()
    }
    fn decorate_em_start(&self) -> (String, bool) {
        (String::new(), false)
    }
    fn decorate_em_end(&self) -> String {
        String::new()
    }
    fn decorate_strong_start(&self) -> (String, bool) {
        (String::new(), false)
    }
    fn decorate_strong_end(&self) -> String {
        String::new()
    }
    fn decorate_strikeout_start(&self) -> (String, bool) {
        (String::new(), false)
    }
    fn decorate_strikeout_end(&self) -> String {
        String::new()
    }
    fn decorate_code_start(&self) -> (String, bool) {
        (String::new(), false)
    }
    fn decorate_code_end(&self) -> String {
        String::new()
    }
    fn decorate_preformat_first(&self) -> bool {
        true
    }
    fn decorate_preformat_cont(&self) -> bool {
        true
    }
    fn decorate_image(&mut self, _src: &str, title: &str) -> (String, bool) {
        // Spaced so that the alt texts of images side by side stay words apart.
        let alt = title.trim();
        (if alt.is_empty() { String::new() } else { format!(" {alt} ") }, false)
    }
    fn header_prefix(&self, _level: usize) -> String {
        // A heading is its own paragraph; `## ` marks would be read as literal text.
        String::new()
    }
    fn quote_prefix(&self) -> String {
        "> ".to_string()
    }
    fn unordered_item_prefix(&self) -> String {
        "* ".to_string()
    }
    fn ordered_item_prefix(&self, i: i64) -> String {
        format!("{i}. ")
    }
    fn make_subblock_decorator(&self) -> Self {
        Reading
    }
    fn decorate_superscript_start(&self) -> (String, bool) {
        (String::new(), false)
    }
    fn decorate_superscript_end(&self) -> String {
        String::new()
    }
}

/// `[N]: target` where N is the next reference number.
fn footnote(line: &str, next: usize) -> Option<&str> {
    let rest = line.strip_prefix('[')?;
    let (n, rest) = rest.split_once("]: ")?;
    (n.parse::<usize>().ok()? == next).then_some(rest.trim())
}

fn is_list_item(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("* ")
        || t.starts_with("- ")
        || t.split_once(". ").is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// Ends a paragraph; one of several lines keeps its indentation.
fn flush(para: &mut String, out: &mut Vec<String>) {
    let text = para.trim_matches('\n').trim_end();
    if !text.trim().is_empty() {
        out.push(text.to_string());
    }
    para.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Nesting deeper than the width holds once made html2text refuse the item, and the
    /// fallback kept the raw tags as text (`<blockquote><blockquote>…` on screen). A narrow
    /// width reaches that limit here; `NO_WRAP` reaches it at some 33,000 levels.
    #[test]
    fn nesting_is_counted_by_elements_that_hold_others() {
        assert_eq!(nesting("<p>One <b>two</b></p><p>three<br>four<img src=x><br/></p>"), 2);
        assert_eq!(nesting(&format!("{}x{}", "<div>".repeat(700), "</div>".repeat(700))), 700);
        assert_eq!(nesting(&"<p>a<br>b</p>".repeat(5_000)), 1, "line breaks open nothing");
        assert_eq!(nesting("a < b and c > d"), 0, "a bare < is no tag");
    }

    /// 20,000 nested elements took html2text 4 s; deeper than [`MAX_NESTING`], the words are
    /// kept as plain text without rendering.
    #[test]
    fn nesting_deeper_than_any_page_is_read_as_plain_words() {
        let html =
            format!("<p>Intro</p>{}deep <b>words</b>{}", "<div>".repeat(20_000), "</div>".repeat(20_000));
        // One paragraph: read as words, not laid out (html2text makes "Intro" a paragraph).
        assert_eq!(to_text(&html).paragraphs, ["Intro deep words"]);
        let shallow = format!("{}deep words{}", "<div>".repeat(50), "</div>".repeat(50));
        assert_eq!(to_text(&shallow).paragraphs, ["deep words"], "rendered as usual");
        assert_eq!(
            to_line(&format!("{}A <i>title</i>{}", "<b>".repeat(20_000), "</b>".repeat(20_000))),
            "A title"
        );
    }

    #[test]
    fn nesting_deeper_than_the_width_keeps_the_words_and_no_tag() {
        let html = format!("{}<b>deep</b> text{}", "<blockquote>".repeat(30), "</blockquote>".repeat(30));
        let t = to_text_within(&html, 20, true);
        let all = t.paragraphs.join("\n");
        // Rendered wider than asked, the words wrapped at html2text's narrowest: all there.
        let letters: String = all.chars().filter(char::is_ascii_alphabetic).collect();
        assert!(letters.contains("deeptext"), "{all:?}");
        assert!(!all.contains('<') && !all.contains("blockquote"), "{all:?}");
        // The last resort, should rendering fail for another reason, keeps no tag either.
        assert_eq!(
            plain_text(&without_tags("<p>One <b>two</b></p><!-- x --><p>three")).paragraphs,
            ["One two three"]
        );
    }

    #[test]
    fn paragraphs_lists_quotes_and_links() {
        let t = to_text(
            "<p>One <a href=\"https://a.example/\">link</a>.</p><ul><li>first</li><li>second \
             <ul><li>nested</li></ul></li></ul><blockquote>quoted</blockquote><p>Two &amp; <b>bold</b></p>",
        );
        assert_eq!(t.links, ["https://a.example/"]);
        assert_eq!(t.paragraphs[0], "One link[1].");
        assert!(t.paragraphs.iter().any(|p| p == "* first"), "{:?}", t.paragraphs);
        // The nested item stays under its item, indented.
        assert!(t.paragraphs.iter().any(|p| p == "* second\n  * nested"), "{:?}", t.paragraphs);
        assert!(t.paragraphs.iter().any(|p| p == "> quoted"), "{:?}", t.paragraphs);
        assert!(t.paragraphs.iter().any(|p| p.contains("Two & ")), "{:?}", t.paragraphs);
    }

    #[test]
    fn headings_are_paragraphs_without_markdown_marks() {
        let t = to_text("<p>Intro.</p><h4>OrbitBeyond begone</h4><p>Text.</p><h2>The threat</h2>");
        assert_eq!(t.paragraphs, ["Intro.", "OrbitBeyond begone", "Text.", "The threat"]);
    }

    #[test]
    fn scripts_and_styles_are_dropped_and_images_keep_their_alt_text() {
        let t = to_text(
            "<style>p{color:red}</style><script>alert('x')</script><p>Shown <img src=\"x.png\" alt=\"a cat\"></p>",
        );
        let all = t.paragraphs.join("\n");
        assert!(!all.contains("alert") && !all.contains("color"), "{all}");
        assert!(all.contains("Shown") && all.contains("a cat"), "{all}");
    }

    #[test]
    fn entities_and_numbering_across_paragraphs() {
        let t = to_text("<p>&lt;tag&gt; &eacute; <a href=\"/a\">a</a></p><p><a href=\"/b\">b</a></p>");
        assert_eq!(t.paragraphs[0], "<tag> é a[1]");
        assert_eq!(t.paragraphs[1], "b[2]");
        assert_eq!(t.links, ["/a", "/b"]);
    }

    #[test]
    fn preformatted_text_tables_and_nested_lists_keep_their_lines() {
        let t = to_text(
            "<p>Intro.</p><pre>fn main() {\n    hi();\n\n    bye();\n}</pre>\
             <table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>22</td></tr></table>\
             <ul><li>one<ul><li>nested</li><li>n2<ol><li>deep</li></ol></li></ul></li><li>two</li></ul><p>End.</p>",
        );
        let p = &t.paragraphs;
        assert_eq!(p[0], "Intro.");
        assert_eq!(p[1], "fn main() {\n    hi();\n\n    bye();\n}", "{p:#?}");
        // One line per row, columns marked, a rule under the head.
        assert_eq!(p[2], "a│b\n─┼──\n1│22", "{p:#?}");
        let list: Vec<&str> = p[3].lines().collect();
        assert_eq!(list[0], "* one", "{p:#?}");
        assert!(list[1].starts_with("  * nested") && list[2].starts_with("  * n2"), "{p:#?}");
        assert!(list[3].starts_with("    ") && list[3].trim_start() == "1. deep", "{p:#?}");
        assert_eq!(p[4], "* two");
        assert_eq!(p[5], "End.");
        // Every paragraph survives the cleaning the loader gives it.
        for para in p {
            assert_eq!(crate::sanitize::clean_paragraph(para), para.as_str());
        }
    }

    #[test]
    fn title_html_is_one_line() {
        assert_eq!(to_line("A <b>bold</b>\n title &amp; more"), "A bold title & more");
    }
}
