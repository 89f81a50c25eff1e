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

/// Converts `html` to paragraphs and numbered links.
pub fn to_text(html: &str) -> Text {
    let config = html2text::config::with_decorator(Reading).link_footnotes(true).no_link_wrapping();
    let rendered = match config.string_from_read(html.as_bytes(), NO_WRAP) {
        Ok(s) => s,
        // html5ever accepts any input; an error here is a rendering limit. Keep the words.
        Err(_) => return plain_text(html),
    };
    let mut text = Text::default();
    let mut para = String::new();
    for line in rendered.lines() {
        let trimmed = line.trim_end();
        if let Some(target) = footnote(trimmed, text.links.len() + 1) {
            text.links.push(target.to_string());
            continue;
        }
        if trimmed.trim().is_empty() {
            flush(&mut para, &mut text.paragraphs);
            continue;
        }
        // A list item or a line of a quote starts its own paragraph; other lines of one block
        // (a `<br>`) belong together.
        let item = is_list_item(trimmed);
        if item || trimmed.starts_with('>') {
            flush(&mut para, &mut text.paragraphs);
        }
        if !para.is_empty() {
            para.push(' ');
        }
        para.push_str(trimmed.trim_start_matches(|c: char| c == ' ' && !item));
        if item {
            flush(&mut para, &mut text.paragraphs);
        }
    }
    flush(&mut para, &mut text.paragraphs);
    text
}

/// Text with no links: for a title given as HTML.
pub fn to_line(html: &str) -> String {
    let text = html2text::config::with_decorator(Reading)
        .link_footnotes(false)
        .string_from_read(html.as_bytes(), NO_WRAP)
        .unwrap_or_else(|_| html.to_string());
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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
    type Annotation = ();

    fn decorate_link_start(&mut self, _url: &str) -> (String, ()) {
        (String::new(), ())
    }
    fn decorate_link_end(&mut self) -> String {
        String::new()
    }
    fn decorate_em_start(&self) -> (String, ()) {
        (String::new(), ())
    }
    fn decorate_em_end(&self) -> String {
        String::new()
    }
    fn decorate_strong_start(&self) -> (String, ()) {
        (String::new(), ())
    }
    fn decorate_strong_end(&self) -> String {
        String::new()
    }
    fn decorate_strikeout_start(&self) -> (String, ()) {
        (String::new(), ())
    }
    fn decorate_strikeout_end(&self) -> String {
        String::new()
    }
    fn decorate_code_start(&self) -> (String, ()) {
        (String::new(), ())
    }
    fn decorate_code_end(&self) -> String {
        String::new()
    }
    fn decorate_preformat_first(&self) {}
    fn decorate_preformat_cont(&self) {}
    fn decorate_image(&mut self, _src: &str, title: &str) -> (String, ()) {
        // Spaced so that the alt texts of images side by side stay words apart.
        let alt = title.trim();
        (if alt.is_empty() { String::new() } else { format!(" {alt} ") }, ())
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
    fn decorate_superscript_start(&self) -> (String, ()) {
        (String::new(), ())
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

/// Ends a paragraph; a nested list item keeps its indent.
fn flush(para: &mut String, out: &mut Vec<String>) {
    if !para.trim().is_empty() {
        out.push(para.trim_end().to_string());
    }
    para.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_lists_quotes_and_links() {
        let t = to_text(
            "<p>One <a href=\"https://a.example/\">link</a>.</p><ul><li>first</li><li>second \
             <ul><li>nested</li></ul></li></ul><blockquote>quoted</blockquote><p>Two &amp; <b>bold</b></p>",
        );
        assert_eq!(t.links, ["https://a.example/"]);
        assert_eq!(t.paragraphs[0], "One link[1].");
        assert!(t.paragraphs.iter().any(|p| p == "* first"), "{:?}", t.paragraphs);
        assert!(
            t.paragraphs.iter().any(|p| p.ends_with("nested") && p.starts_with("  ")),
            "{:?}",
            t.paragraphs
        );
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
    fn title_html_is_one_line() {
        assert_eq!(to_line("A <b>bold</b>\n title &amp; more"), "A bold title & more");
    }
}
