//! Deterministic synthetic articles for benchmarks and scale tests: realistic lengths
//! (≈8-word titles, ≈500-word bodies, ≈150-word insights), word frequencies skewed like
//! real text, and the same output for the same seed on every machine.

use crate::{Article, Corpus, Format};

const WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "is",
    "that",
    "for",
    "it",
    "as",
    "was",
    "with",
    "be",
    "by",
    "on",
    "not",
    "he",
    "this",
    "are",
    "or",
    "his",
    "from",
    "at",
    "which",
    "but",
    "have",
    "an",
    "had",
    "they",
    "you",
    "were",
    "their",
    "one",
    "all",
    "we",
    "can",
    "her",
    "has",
    "there",
    "been",
    "if",
    "more",
    "when",
    "will",
    "would",
    "who",
    "so",
    "no",
    "she",
    "other",
    "its",
    "may",
    "these",
    "what",
    "them",
    "than",
    "some",
    "him",
    "time",
    "into",
    "only",
    "do",
    "first",
    "people",
    "new",
    "year",
    "government",
    "market",
    "company",
    "said",
    "percent",
    "growth",
    "policy",
    "bank",
    "prices",
    "energy",
    "minister",
    "report",
    "election",
    "workers",
    "million",
    "billion",
    "economy",
    "trade",
    "shares",
    "investors",
    "profit",
    "sales",
    "technology",
    "software",
    "network",
    "security",
    "data",
    "users",
    "mobile",
    "phone",
    "court",
    "police",
    "health",
    "hospital",
    "school",
    "students",
    "climate",
    "carbon",
    "emissions",
    "power",
    "oil",
    "gas",
    "electricity",
    "housing",
    "rents",
    "city",
    "council",
    "transport",
    "rail",
    "airport",
    "port",
    "ships",
    "container",
    "crane",
    "union",
    "strike",
    "talks",
    "agreement",
    "deal",
    "contract",
    "budget",
    "tax",
    "spending",
    "deficit",
    "inflation",
    "interest",
    "rates",
    "central",
    "regulator",
    "competition",
    "platform",
    "model",
    "models",
    "deployment",
    "safety",
    "research",
    "scientists",
    "study",
    "evidence",
    "analysts",
    "expected",
    "forecast",
    "quarter",
    "record",
    "rise",
    "fall",
    "cut",
    "increase",
    "decline",
    "demand",
    "supply",
    "chips",
    "factory",
    "plant",
    "jobs",
    "wages",
    "pay",
    "pension",
    "reform",
    "vote",
    "parliament",
    "party",
    "leader",
    "campaign",
    "film",
    "music",
    "award",
    "festival",
    "team",
    "match",
    "season",
    "coach",
    "players",
    "league",
    "final",
    "victory",
    "injury",
    "game",
    "games",
    "console",
    "broadband",
    "internet",
    "online",
    "digital",
    "cloud",
    "infrastructure",
    "resilience",
    "openness",
    "iteration",
    "strategy",
    "principles",
    "capabilities",
    "resources",
    "distribution",
    "control",
    "innovation",
    "dependence",
    "concentration",
    "diffusion",
    "institutions",
    "entrepreneurs",
    "businesses",
];
const NAMES: &[&str] = &[
    "Altman",
    "OpenAI",
    "Rotterdam",
    "Oslo",
    "Brussels",
    "Reuters",
    "Greenspan",
    "TimeWarner",
    "Google",
    "Microsoft",
    "Sony",
    "Nintendo",
    "Yukos",
    "Gazprom",
    "Airbus",
    "Boeing",
    "Toyota",
    "Samsung",
    "Nvidia",
    "Ünïcode",
    "Zürich",
    "São",
    "Paulo",
    "Kraków",
    "Tōkyō",
];

/// A small, fast, deterministic PRNG (xorshift64*): enough for benchmark text, no dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A word, skewed toward the start of the list the way real word frequencies are.
    fn word(&mut self) -> &'static str {
        if self.below(25) == 0 {
            return NAMES[self.below(NAMES.len())];
        }
        let u = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        WORDS[((u * u) * WORDS.len() as f64) as usize]
    }

    fn sentence(&mut self, words: usize) -> String {
        let mut s = String::with_capacity(words * 7);
        for i in 0..words {
            let w = self.word();
            if i == 0 {
                let mut c = w.chars();
                s.extend(c.next().into_iter().flat_map(char::to_uppercase));
                s.push_str(c.as_str());
            } else {
                s.push(' ');
                s.push_str(w);
            }
        }
        s.push('.');
        s
    }

    /// A paragraph of `mean - spread/2 .. mean + spread/2` words.
    fn paragraph_about(&mut self, mean: usize, spread: usize) -> String {
        let words = mean - spread / 2 + self.below(spread);
        self.paragraph(words)
    }

    /// A paragraph of about `words` words in sentences of 8 to 24 words.
    fn paragraph(&mut self, words: usize) -> String {
        let mut p = String::new();
        let mut left = words;
        while left > 0 {
            let n = (8 + self.below(17)).min(left.max(3));
            if !p.is_empty() {
                p.push(' ');
            }
            p.push_str(&self.sentence(n));
            left = left.saturating_sub(n);
        }
        p
    }
}

/// One article: ≈8-word title, ≈500-word body in 5 paragraphs, ≈150-word insight in 2.
pub fn article(rng: &mut Rng, n: usize) -> Article {
    let title_words = 6 + rng.below(5);
    let title = rng.sentence(title_words);
    Article {
        id: format!("synth-{n}"),
        title: title.trim_end_matches('.').to_string(),
        source: Some(format!("{} Wire", NAMES[rng.below(NAMES.len())])),
        path: format!("synth/{n}.txt"),
        format: Format::Seed,
        body: (0..5).map(|_| rng.paragraph_about(100, 40)).collect(),
        insight_label: Some("Analysis".to_string()),
        insight: (0..2).map(|_| rng.paragraph_about(75, 30)).collect(),
        ..Default::default()
    }
}

/// `count` articles from `seed`.
pub fn corpus(count: usize, seed: u64) -> Corpus {
    let mut rng = Rng::new(seed);
    Corpus::new((0..count).map(|n| article(&mut rng, n)).collect())
}

/// One article whose body is about `bytes` long, for worst-case rendering benchmarks.
pub fn long_article(bytes: usize, seed: u64) -> Article {
    let mut rng = Rng::new(seed);
    let mut a = article(&mut rng, 0);
    a.body.clear();
    let mut total = 0;
    while total < bytes {
        let p = rng.paragraph(120);
        total += p.len();
        a.body.push(p);
    }
    a
}

/// The article in the seed text format, as `triptych` reads it from a file.
pub fn to_seed_text(a: &Article) -> String {
    let mut s = format!("{}\n", a.title);
    for p in &a.body {
        s.push_str(p);
        s.push('\n');
    }
    if let Some(src) = &a.source {
        s.push_str(&format!("Source: {src}\n"));
    }
    if let Some(label) = &a.insight_label {
        s.push_str(label);
        s.push('\n');
    }
    for p in &a.insight {
        s.push_str(p);
        s.push('\n');
    }
    s
}

/// `../shared/corpora/NAME` beside the project (`root` is `CARGO_MANIFEST_DIR`), the folder the
/// benchmarks and corpus tests read. Panics with a message naming the folder when it is missing
/// or holds no articles, so that a benchmark can never silently time an empty corpus.
pub fn shared_corpus_dir(root: &str, name: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(root).join("../shared/corpora").join(name);
    assert!(
        dir.is_dir(),
        "missing shared corpus folder {}: the benchmarks and corpus tests read it (read-only shared data, \
         never copied into the repository)",
        dir.display()
    );
    dir
}

/// The articles in [`shared_corpus_dir`]; panics naming the folder when it loads nothing.
pub fn shared_corpus(root: &str, name: &str) -> Corpus {
    let dir = shared_corpus_dir(root, name);
    let corpus =
        crate::load::load_paths(std::slice::from_ref(&dir), &crate::load::LoadOptions::default()).corpus;
    assert!(!corpus.is_empty(), "no articles in shared corpus folder {}", dir.display());
    corpus
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[should_panic(expected = "missing shared corpus folder /nonexistent/../shared/corpora/bbc")]
    fn a_missing_shared_corpus_is_named() {
        shared_corpus_dir("/nonexistent", "bbc");
    }

    #[test]
    fn deterministic_and_realistic_lengths() {
        let a = corpus(50, 7);
        let b = corpus(50, 7);
        assert_eq!(a.articles(), b.articles());
        let words = |v: &[String]| v.iter().map(|p| p.split_whitespace().count()).sum::<usize>();
        let avg_body = a.articles().iter().map(|x| words(&x.body)).sum::<usize>() / 50;
        let avg_insight = a.articles().iter().map(|x| words(&x.insight)).sum::<usize>() / 50;
        assert!((450..=550).contains(&avg_body), "{avg_body}");
        assert!((120..=180).contains(&avg_insight), "{avg_insight}");
    }

    #[test]
    fn seed_text_parses_back() {
        let a = corpus(1, 1).articles()[0].clone();
        let back = crate::parse::seed::parse(&to_seed_text(&a)).unwrap();
        assert_eq!((back.title, back.body, back.insight), (a.title, a.body, a.insight));
    }
}
