//! Finding a reading position again after its file was edited. A position is a byte offset into
//! a text pane's text (its parts joined by one separator each, see `wrap::Wrapped::offset_at`),
//! so text added or removed above it would move it onto other words. With the offset goes an
//! *anchor*: a hash of the text that starts there (up to [`ANCHOR_BYTES`], within its
//! paragraph). When the text at the offset no longer hashes to it, the anchor is looked for in
//! the new text, the occurrence nearest the old offset winning; not found, the offset stands
//! (the view clamps it). Pure over an article: never reads files, never draws.

use xxhash_rust::xxh3::xxh3_64;

use crate::library::{Position, TextPane};
use crate::Article;

/// How much text an anchor covers: enough to tell one row's start from another's.
pub const ANCHOR_BYTES: usize = 64;

/// The strings of `pane`, in order, as the pane's offsets count them (see `wrap::Wrapped`).
fn parts(a: &Article, pane: TextPane) -> Vec<&str> {
    match pane {
        TextPane::Body => {
            let mut parts = vec![a.title.as_str()];
            parts.extend(a.source.as_deref());
            parts.extend(a.body.iter().map(String::as_str));
            parts
        }
        TextPane::Insight if a.insight.is_empty() => vec![super::wrap::NO_INSIGHT],
        TextPane::Insight => a.insight.iter().map(String::as_str).collect(),
    }
}

/// The hash of `text` from byte `at` (a char boundary): at most [`ANCHOR_BYTES`], cut at a
/// char boundary. `None` when nothing starts there.
fn hash_at(text: &str, at: usize) -> Option<u64> {
    let rest = text.get(at..).filter(|r| !r.is_empty())?;
    let mut end = rest.len().min(ANCHOR_BYTES);
    while !rest.is_char_boundary(end) {
        end -= 1;
    }
    Some(xxh3_64(&rest.as_bytes()[..end]))
}

/// The anchor for byte `offset` of `pane`'s text: `None` when the offset is not inside a part.
pub fn anchor_at(a: &Article, pane: TextPane, offset: usize) -> Option<u64> {
    let mut base = 0;
    for part in parts(a, pane) {
        if offset < base + part.len() {
            return hash_at(part, offset - base);
        }
        base += part.len() + 1;
    }
    None
}

/// The position `at` for `a`'s current text: where the same text as when it was kept starts
/// now (nearest the old offset), else the old offset.
pub fn locate(a: &Article, at: Position) -> usize {
    let Some(anchor) = at.anchor else { return at.offset };
    if anchor_at(a, at.pane, at.offset) == Some(anchor) {
        return at.offset;
    }
    let mut best: Option<usize> = None;
    let mut base = 0;
    for part in parts(a, at.pane) {
        for (i, _) in part.char_indices() {
            if hash_at(part, i) == Some(anchor) {
                let found = base + i;
                if best.is_none_or(|b| found.abs_diff(at.offset) < b.abs_diff(at.offset)) {
                    best = Some(found);
                }
            }
        }
        base += part.len() + 1;
    }
    best.unwrap_or(at.offset)
}

/// A position at byte `offset` of `pane`, with its anchor.
pub fn position(a: &Article, pane: TextPane, offset: usize) -> Position {
    Position { pane, offset, anchor: anchor_at(a, pane, offset) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(body: &[&str]) -> Article {
        Article {
            title: "Title".into(),
            body: body.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn an_edit_above_the_position_is_followed_to_the_same_words() {
        let old = article(&["First paragraph.", "Second one, where the reader was."]);
        let offset = "Title".len() + 1 + "First paragraph.".len() + 1 + "Second one, ".len();
        let at = position(&old, TextPane::Body, offset);
        assert_eq!(locate(&old, at), offset, "unchanged text: the offset stands");
        let new =
            article(&["A new lead.", "First paragraph, longer now.", "Second one, where the reader was."]);
        let found = locate(&new, at);
        let second = "Title".len() + 1 + "A new lead.".len() + 1 + "First paragraph, longer now.".len() + 1;
        assert_eq!(found, second + "Second one, ".len());
        // Removed above it too.
        let shorter = article(&["Second one, where the reader was."]);
        assert_eq!(locate(&shorter, at), "Title".len() + 1 + "Second one, ".len());
    }

    #[test]
    fn text_no_longer_there_keeps_the_offset_and_no_anchor_is_the_old_behaviour() {
        let old = article(&["Alpha beta gamma.", "Delta epsilon."]);
        let at = position(&old, TextPane::Body, 20);
        let new = article(&["Something else entirely.", "Nothing alike."]);
        assert_eq!(locate(&new, at), 20);
        assert_eq!(locate(&new, Position { anchor: None, ..at }), 20);
        assert_eq!(anchor_at(&old, TextPane::Body, 10_000), None);
    }

    #[test]
    fn the_nearest_occurrence_wins_and_multibyte_text_is_cut_on_a_boundary() {
        let para = "国产电动汽车一季度出口增长三成，".repeat(8);
        let old = article(&[&para, "x", &para]);
        let second = "Title".len() + 1 + para.len() + 1 + 2;
        let at = position(&old, TextPane::Body, second);
        let new = article(&["added", &para, "x", &para]);
        assert_eq!(locate(&new, at), second + "added".len() + 1);
    }
}
