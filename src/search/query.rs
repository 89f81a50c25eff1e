//! The query language. Plain words are ANDed; `"a phrase"` matches exactly (case-insensitive);
//! `title:`, `source:`, `body:`, `insight:` restrict a term to one field; a leading `-` excludes
//! a term. Terms are case-folded here, once, so matching compares folded text.

/// The query language in brief, for the help overlay (the README has the long form).
pub const SYNTAX_HELP: &[(&str, &str)] = &[
    ("word word", "all words match (fuzzy in titles)"),
    ("\"a phrase\"", "the exact phrase, any case"),
    ("title: source:", "only in that field (fuzzy)"),
    ("body: insight:", "only in that field"),
    ("-word", "leave out articles that match"),
];

/// Where a term may match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// Fuzzy in title and source, substring in body and insight.
    All,
    Title,
    Source,
    Body,
    Insight,
}

impl Field {
    /// The name used in output and in `--field` (same as the serde name).
    pub fn name(self) -> &'static str {
        match self {
            Field::All => "all",
            Field::Title => "title",
            Field::Source => "source",
            Field::Body => "body",
            Field::Insight => "insight",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// Case-folded text of the word or phrase.
    pub text: String,
    pub field: Field,
    pub phrase: bool,
    pub negated: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub terms: Vec<Term>,
}

/// Unicode case folding as used everywhere in search (lower-casing, char by char).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    super::index::fold_into(&mut out, s);
    out
}

impl Query {
    pub fn parse(input: &str) -> Self {
        let mut terms = Vec::new();
        let mut rest = input.trim_start();
        while !rest.is_empty() {
            let (negated, r) = match rest.strip_prefix('-') {
                Some(r) if !r.is_empty() && !r.starts_with(char::is_whitespace) => (true, r),
                _ => (false, rest),
            };
            let (field, r) = field_prefix(r);
            let (text, phrase, r) = match r.strip_prefix('"') {
                // An unterminated phrase runs to the end: the user is still typing it.
                Some(q) => match q.find('"') {
                    Some(end) => (&q[..end], true, &q[end + 1..]),
                    None => (q, true, ""),
                },
                None => {
                    let end = r.find(char::is_whitespace).unwrap_or(r.len());
                    (&r[..end], false, &r[end..])
                }
            };
            let text =
                if phrase { text.split_whitespace().collect::<Vec<_>>().join(" ") } else { text.to_string() };
            if !text.is_empty() {
                terms.push(Term { text: fold(&text), field, phrase, negated });
            }
            rest = r.trim_start();
        }
        Query { terms }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Terms that must match (not excluded).
    pub fn positive(&self) -> impl Iterator<Item = &Term> {
        self.terms.iter().filter(|t| !t.negated)
    }

    /// Restricts every unprefixed term to `field` (the CLI's `--field`).
    pub fn restrict(mut self, field: Field) -> Self {
        for t in &mut self.terms {
            if t.field == Field::All {
                t.field = field;
            }
        }
        self
    }
}

/// True when every article matching `new` provably also matches `old`, so a search for `new`
/// may look only at `old`'s results: `new` keeps every term of `old` unchanged and adds more
/// (terms are ANDed). Extending a word is not enough: the fuzzy title match is not monotonic
/// (`gp` may match nothing where `gpr` matches "Gas Price Rise"), so that is a fresh search.
pub fn refines(old: &str, new: &str) -> bool {
    let (old, new) = (Query::parse(old), Query::parse(new));
    !old.terms.is_empty() && new.terms.len() > old.terms.len() && new.terms.starts_with(&old.terms)
}

fn field_prefix(s: &str) -> (Field, &str) {
    for (prefix, field) in [
        ("title:", Field::Title),
        ("source:", Field::Source),
        ("body:", Field::Body),
        ("insight:", Field::Insight),
    ] {
        if s.get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix)) {
            return (field, &s[prefix.len()..]);
        }
    }
    (Field::All, s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(text: &str, field: Field, phrase: bool, negated: bool) -> Term {
        Term { text: text.into(), field, phrase, negated }
    }

    #[test]
    fn words_phrases_fields_and_exclusions() {
        let q =
            Query::parse(r#"Altman "Iterative  Deployment" title:gpt -cloud insight:"power" -body:"x y""#);
        assert_eq!(
            q.terms,
            [
                term("altman", Field::All, false, false),
                term("iterative deployment", Field::All, true, false),
                term("gpt", Field::Title, false, false),
                term("cloud", Field::All, false, true),
                term("power", Field::Insight, true, false),
                term("x y", Field::Body, true, true),
            ]
        );
    }

    #[test]
    fn edge_cases() {
        assert!(Query::parse("   ").is_empty());
        assert!(Query::parse("title: \"\"").is_empty());
        assert_eq!(Query::parse("-").terms, [term("-", Field::All, false, false)]);
        assert_eq!(Query::parse("\"open phr").terms, [term("open phr", Field::All, true, false)]);
        assert_eq!(Query::parse("ÜNÏCODE 洞察").terms[0].text, "ünïcode");
        assert_eq!(Query::parse("ÜNÏCODE 洞察").terms[1].text, "洞察");
        assert_eq!(Query::parse("url:x").terms, [term("url:x", Field::All, false, false)]);
    }

    #[test]
    fn restrict_applies_to_unprefixed_terms() {
        let q = Query::parse("a body:b").restrict(Field::Title);
        assert_eq!(q.terms[0].field, Field::Title);
        assert_eq!(q.terms[1].field, Field::Body);
    }

    #[test]
    fn refinement_only_when_typing_narrows() {
        assert!(!refines("alt", "altm"), "a longer word may match titles the shorter did not");
        assert!(refines("alt", "alt man"));
        assert!(refines("alt ", "alt -man"));
        assert!(refines("\"a b\"", "\"a b\" c"));
        assert!(!refines("alt", "al"));
        assert!(!refines("", "a"));
        assert!(!refines("-a", "-ab"), "excluding more text excludes less");
        assert!(!refines("title", "title:x"));
        assert!(!refines("\"open", "\"open x"), "the phrase itself changed");
    }
}
