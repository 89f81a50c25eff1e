//! The reader's side of search: the prompt being edited, the applied filter, history, the
//! highlights in the open article, and the worker thread that runs queries off the input
//! thread. Matching itself lives in `crate::search`.

use std::sync::mpsc;
use std::sync::Arc;
use std::thread;

use unicode_segmentation::UnicodeSegmentation;

use crate::search::{Hit, Query, SearchResult, Searcher, Typing};
use crate::Corpus;

/// The line being typed after `/`. `cursor` is a byte offset on a character boundary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prompt {
    pub text: String,
    pub cursor: usize,
}

impl Prompt {
    pub fn new(text: &str) -> Self {
        Prompt { text: text.to_string(), cursor: text.len() }
    }

    /// Inserts `c` at the cursor; characters that could drive the terminal or that terminals
    /// measure differently (see `sanitize`) are not taken.
    pub fn insert(&mut self, c: char) {
        if !crate::sanitize::is_prompt_char(c) {
            return;
        }
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
    }

    /// Backspace, Delete and the arrows take one grapheme cluster — what the terminal draws as
    /// one character — so `é` typed as `e` + U+0301 or a flag (two regional indicators) goes
    /// whole, never leaving a stray mark.
    pub fn backspace(&mut self) {
        let len = self.before();
        self.cursor -= len;
        self.text.replace_range(self.cursor..self.cursor + len, "");
    }

    pub fn delete(&mut self) {
        let len = self.after();
        self.text.replace_range(self.cursor..self.cursor + len, "");
    }

    pub fn left(&mut self) {
        self.cursor -= self.before();
    }

    pub fn right(&mut self) {
        self.cursor += self.after();
    }

    /// Bytes of the grapheme cluster before / after the cursor (0 at either end).
    fn before(&self) -> usize {
        self.text[..self.cursor].graphemes(true).next_back().map_or(0, str::len)
    }

    fn after(&self) -> usize {
        self.text[self.cursor..].graphemes(true).next().map_or(0, str::len)
    }

    /// Ctrl-w: deletes the word before the cursor and the spaces after it.
    pub fn delete_word(&mut self) {
        let before = &self.text[..self.cursor];
        let trimmed = before.trim_end();
        // After the last white space character, whatever its UTF-8 length (U+3000 is 3 bytes).
        let start = trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    /// Ctrl-u: deletes everything before the cursor.
    pub fn clear_to_start(&mut self) {
        self.text.replace_range(..self.cursor, "");
        self.cursor = 0;
    }
}

/// A query for the worker. `within`, when set, limits it to those corpus indices.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchRequest {
    pub generation: u64,
    pub query: String,
    pub within: Option<Vec<usize>>,
}

#[derive(Debug, Clone)]
pub struct SearchResponse {
    pub generation: u64,
    pub query: String,
    pub results: Vec<SearchResult>,
}

/// Runs a request on the calling thread (tests, and anything that wants an answer now).
pub fn run_now(searcher: &Searcher, req: SearchRequest) -> SearchResponse {
    let results = searcher.search(&Query::parse(&req.query), req.within.as_deref());
    SearchResponse { generation: req.generation, query: req.query, results }
}

/// [`run_now`] for the worker: what the previous request's terms found is kept in `typing`
/// for the next keystroke (the same results, sooner).
pub fn run_typing(searcher: &Searcher, req: SearchRequest, typing: &mut Typing) -> SearchResponse {
    let results = searcher.search_typing(&Query::parse(&req.query), req.within.as_deref(), typing);
    SearchResponse { generation: req.generation, query: req.query, results }
}

/// Starts the search thread. It builds the index at once (so the first `/` is quick), then
/// answers requests, skipping any that a newer one has already replaced.
pub fn spawn_worker(
    corpus: Arc<Corpus>,
    reply: impl Fn(SearchResponse) + Send + 'static,
) -> mpsc::Sender<SearchRequest> {
    let (tx, rx) = mpsc::channel::<SearchRequest>();
    thread::spawn(move || {
        // The corpus itself, not a folded copy of its texts: phrases are scanned in it.
        let searcher = Searcher::shared(corpus);
        // Each text was folded to be indexed, and the index's building maps are gone: those
        // pages are free now.
        super::heap::give_back();
        let mut typing = Typing::default();
        while let Ok(mut req) = rx.recv() {
            while let Ok(newer) = rx.try_recv() {
                req = newer;
            }
            reply(run_typing(&searcher, req, &mut typing));
        }
    });
    tx
}

/// Everything the reader knows about search.
#[derive(Debug, Clone, Default)]
pub struct SearchState {
    /// Open while the user types a query.
    pub prompt: Option<Prompt>,
    /// The query whose results the list shows ("" when the list is unfiltered).
    pub applied: String,
    pub query: Query,
    /// Results of `applied`, parallel to the list, when filtered.
    pub results: Vec<SearchResult>,
    /// Bumped on every request; answers to older ones are dropped.
    pub generation: u64,
    pub history: Vec<String>,
    /// Position in `history` while browsing it with Up/Down.
    pub history_pos: Option<usize>,
    /// Matches in the open article, in reading order, and the one `n`/`N` reached.
    pub hits: Vec<Hit>,
    pub current_hit: Option<usize>,
    /// The article and query `hits` were computed for.
    pub hits_key: Option<(usize, String)>,
    /// Where the list was when `/` opened the prompt, for Esc to go back to.
    pub before: Option<Before>,
}

/// The reader's place when a search started: the selected article (corpus index), the focus
/// and, when the list was unfiltered (so the same list comes back), its first visible item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Before {
    pub article: Option<usize>,
    pub focus: super::layout::Pane,
    pub list_offset: Option<usize>,
}

impl SearchState {
    pub fn is_filtering(&self) -> bool {
        !self.applied.is_empty()
    }

    /// Remembers a submitted query, most recent last, without repeating the last one.
    pub fn remember(&mut self, query: &str) {
        if !query.trim().is_empty() && self.history.last().map(String::as_str) != Some(query) {
            self.history.push(query.to_string());
        }
        self.history_pos = None;
    }

    /// The history entry before (`older`) or after the current one; `None` past the newest.
    pub fn browse(&mut self, older: bool) -> Option<&str> {
        let n = self.history.len();
        self.history_pos = match (self.history_pos, older) {
            (None, true) if n > 0 => Some(n - 1),
            (Some(i), true) => Some(i.saturating_sub(1)),
            (Some(i), false) if i + 1 < n => Some(i + 1),
            _ => None,
        };
        self.history_pos.map(|i| self.history[i].as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompt_editing_respects_character_boundaries() {
        let mut p = Prompt::new("洞察 ab");
        p.left();
        p.left();
        p.left();
        p.insert('x');
        assert_eq!(p.text, "洞察x ab");
        p.backspace();
        p.backspace();
        assert_eq!((p.text.as_str(), p.cursor), ("洞 ab", 3));
        p.right();
        p.delete();
        assert_eq!(p.text, "洞 b");
        p.cursor = p.text.len();
        p.delete_word();
        assert_eq!(p.text, "洞 ");
        p.insert('z');
        p.left();
        p.clear_to_start();
        assert_eq!((p.text.as_str(), p.cursor), ("z", 0));
    }

    #[test]
    fn delete_word_after_multi_byte_spaces() {
        // U+3000 (ideographic space) and U+00A0 (no-break space) are several bytes long.
        let mut p = Prompt::new("降息\u{3000}利率");
        p.delete_word();
        assert_eq!((p.text.as_str(), p.cursor), ("降息\u{3000}", "降息\u{3000}".len()));
        p.delete_word();
        assert_eq!((p.text.as_str(), p.cursor), ("", 0));
        let mut p = Prompt::new("a\u{a0}b");
        p.delete_word();
        assert_eq!(p.text, "a\u{a0}");
        let mut p = Prompt::new("x\u{2003}\u{3000}");
        p.delete_word();
        assert_eq!(p.text, "");
    }

    #[test]
    fn editing_keys_take_whole_grapheme_clusters() {
        // `é` as e + combining acute, a flag (two regional indicators), a Hangul syllable
        // spelled in jamo, and a keycap.
        let mut p = Prompt::new("cafe\u{301}\u{1f1e9}\u{1f1ea}\u{1100}\u{1161}\u{11a8}1\u{20e3}");
        p.backspace();
        assert_eq!(p.text, "cafe\u{301}\u{1f1e9}\u{1f1ea}\u{1100}\u{1161}\u{11a8}");
        p.backspace();
        assert_eq!(p.text, "cafe\u{301}\u{1f1e9}\u{1f1ea}");
        p.left();
        assert_eq!(p.cursor, "cafe\u{301}".len());
        p.left();
        p.delete();
        assert_eq!((p.text.as_str(), p.cursor), ("caf\u{1f1e9}\u{1f1ea}", 3));
        p.right();
        assert_eq!(p.cursor, p.text.len());
        p.right();
        p.delete();
        assert_eq!(p.cursor, p.text.len());
        p.backspace();
        assert_eq!(p.text, "caf");
        let mut empty = Prompt::default();
        empty.backspace();
        empty.left();
        empty.delete();
        assert_eq!(empty, Prompt::default());
    }

    #[test]
    fn history_browses_both_ways() {
        let mut s = SearchState::default();
        s.remember("one");
        s.remember("two");
        s.remember("two");
        s.remember(" ");
        assert_eq!(s.history, ["one", "two"]);
        assert_eq!(s.browse(true), Some("two"));
        assert_eq!(s.browse(true), Some("one"));
        assert_eq!(s.browse(true), Some("one"));
        assert_eq!(s.browse(false), Some("two"));
        assert_eq!(s.browse(false), None);
    }
}
