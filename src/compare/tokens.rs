//! Turning a statement into the terms it is compared by: Unicode words, case-folded, stop
//! words dropped, English stemmed (Snowball), numbers kept, and runs of CJK characters as
//! character bigrams. Each term remembers the words it came from, to explain a link.

use std::collections::HashMap;
use std::ops::Range;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_segmentation::UnicodeSegmentation;

/// English function words that carry no evidence of what a statement is about.
const STOP_WORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as",
    "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can",
    "could", "did", "do", "does", "doing", "down", "during", "each", "even", "few", "for", "from", "further",
    "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in",
    "into", "is", "it", "its", "itself", "just", "last", "may", "me", "might", "more", "most", "much",
    "must", "my", "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other", "our",
    "ours", "out", "over", "own", "per", "rather", "said", "same", "says", "she", "should", "since", "so",
    "some", "such", "than", "that", "the", "their", "theirs", "them", "then", "there", "these", "they",
    "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what",
    "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "yet", "you", "your",
];

/// One term of a statement and where its word is (byte range in the statement).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub term: String,
    pub span: Range<usize>,
}

/// A stemmer with a cache: a corpus repeats the same few thousand words.
pub struct Tokenizer {
    stemmer: Stemmer,
    cache: HashMap<String, Option<String>>,
}

impl Default for Tokenizer {
    fn default() -> Self {
        Tokenizer { stemmer: Stemmer::create(Algorithm::English), cache: HashMap::new() }
    }
}

pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' |
        '\u{3040}'..='\u{30ff}' | '\u{ac00}'..='\u{d7af}' | '\u{20000}'..='\u{2ffff}')
}

impl Tokenizer {
    pub fn tokens(&mut self, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let mut run_start = 0;
        let mut in_cjk = false;
        for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            let cjk = i < text.len() && is_cjk(c);
            if cjk != in_cjk {
                let run = run_start..i;
                if in_cjk {
                    bigrams(text, run, &mut out);
                } else {
                    self.words(text, run, &mut out);
                }
                run_start = i;
                in_cjk = cjk;
            }
        }
        if !in_cjk {
            self.words(text, run_start..text.len(), &mut out);
        }
        out
    }

    fn words(&mut self, text: &str, run: Range<usize>, out: &mut Vec<Token>) {
        for (offset, word) in text[run.clone()].unicode_word_indices() {
            let start = run.start + offset;
            if let Some(term) = self.term(word) {
                out.push(Token { term, span: start..start + word.len() });
            }
        }
    }

    /// The term for one word, or `None` for stop words and single letters.
    fn term(&mut self, word: &str) -> Option<String> {
        if let Some(t) = self.cache.get(word) {
            return t.clone();
        }
        let lower = word.to_lowercase();
        let bare = lower.trim_end_matches("'s").trim_end_matches("’s");
        let term = if bare.chars().any(char::is_numeric) {
            Some(bare.replace(',', ""))
        } else if STOP_WORDS.contains(&bare) || bare.chars().count() < 2 {
            None
        } else {
            Some(self.stemmer.stem(bare).into_owned())
        };
        self.cache.insert(word.to_string(), term.clone());
        term
    }
}

/// Character bigrams of a CJK run (a lone character is its own term).
fn bigrams(text: &str, run: Range<usize>, out: &mut Vec<Token>) {
    let chars: Vec<(usize, char)> = text[run.clone()].char_indices().collect();
    if chars.len() == 1 {
        out.push(Token { term: chars[0].1.to_string(), span: run });
        return;
    }
    for w in chars.windows(2) {
        let (start, end) = (run.start + w[0].0, run.start + w[1].0 + w[1].1.len_utf8());
        out.push(Token { term: text[start..end].to_string(), span: start..end });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        Tokenizer::default().tokens(text).into_iter().map(|t| t.term).collect()
    }

    #[test]
    fn english_words_are_folded_stemmed_and_filtered() {
        assert_eq!(
            terms("The Fires DAMAGED homes; OpenAI's deployment of 20,000 packs"),
            ["fire", "damag", "home", "openai", "deploy", "20000", "pack"]
        );
    }

    #[test]
    fn cjk_runs_become_bigrams_with_spans() {
        let text = "用电负荷增长8%";
        let toks = Tokenizer::default().tokens(text);
        let terms: Vec<&str> = toks.iter().map(|t| t.term.as_str()).collect();
        assert_eq!(terms, ["用电", "电负", "负荷", "荷增", "增长", "8"]);
        assert_eq!(&text[toks[2].span.clone()], "负荷");
    }

    #[test]
    fn mixed_scripts() {
        assert_eq!(terms("AI 洞察 GPT-5.5"), ["ai", "洞察", "gpt", "5.5"]);
    }
}
