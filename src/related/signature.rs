//! An article's signature for the candidate index: the distinct terms of its title and body,
//! as the comparison's tokenizer makes them (stemmed words, canonical numbers, Chinese words).
//! Computed once per article text and kept in the library, so a start does not re-tokenise.

use std::collections::BTreeSet;

use crate::compare::tokens::{Kind, Tokenizer};
use crate::Article;

/// Terms at most this long are too short to tell stories apart (Latin script only).
const MIN_WORD_CHARS: usize = 3;

/// The distinct terms of `title` and `body`, sorted.
pub fn of_article(a: &Article) -> Vec<String> {
    of_texts(std::iter::once(a.title.as_str()).chain(a.body.iter().map(String::as_str)))
}

/// The distinct indexable terms of some texts, sorted.
pub fn of_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut tok = Tokenizer::cached();
    let mut terms = BTreeSet::new();
    for text in texts {
        for t in tok.tokens(text) {
            let keep = match t.kind {
                Kind::Unit => false,
                Kind::Number | Kind::Chinese => true,
                Kind::Word => t.term.chars().count() >= MIN_WORD_CHARS,
            };
            if keep {
                terms.insert(t.term);
            }
        }
    }
    terms.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_words_and_drops_stop_words_and_short_ones() {
        let terms = of_texts(["The ministers were cutting taxes by 5% in 2004"]);
        assert!(
            terms.contains(&"minist".to_string()) || terms.iter().any(|t| t.starts_with("minist")),
            "{terms:?}"
        );
        assert!(!terms.iter().any(|t| t == "the" || t == "by"), "{terms:?}");
        assert!(terms.iter().any(|t| t.contains("2004")), "{terms:?}");
    }
}
