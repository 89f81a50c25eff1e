//! `triptych search` from the library (issue 15): a second start ranks unchanged files from
//! the stored word index (words) or their stored folded texts (other queries) and reads only
//! the printed results' files again. Whatever the query, the output (order, scores, fields,
//! snippets, `--json` offsets) is the same as `--no-library`, on a first start, on a second,
//! and after files are edited, added or removed. Every run names its own library: none
//! touches the user's.

mod common;

use common::at;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;

/// Exit status, stdout and stderr.
fn run(c: &mut Command) -> (Option<i32>, String, String) {
    let out = c.output().unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn age_to(file: &Path, date: &str) {
    assert!(Process::new("touch").args(["-d", date]).arg(file).status().unwrap().success());
}

fn rows(lib: &Path) -> i64 {
    count(lib, "SELECT COUNT(*) FROM search_text")
}

/// Rows of the stored word index: its build and one per word (0: there is none).
fn word_rows(lib: &Path) -> i64 {
    count(lib, "SELECT COUNT(*) FROM search_words")
}

fn count(lib: &Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(lib).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

fn sql(lib: &Path, sql: &str) {
    rusqlite::Connection::open(lib).unwrap().execute_batch(sql).unwrap();
}

const WORDS: &[&str] = &[
    "market",
    "markets",
    "supermarket",
    "rate",
    "separate",
    "climate",
    "lock-in",
    "Altman",
    "OpenAI",
    "İstanbul",
    "Tōkyō",
    "ΣΊΣΥΦΟΣ",
    "σίσυφος",
    "洞察",
    "Überstraße",
    "cloud",
    "deployment",
    "iterative",
    "the",
    "of",
    "a",
    "and",
    "aaaa",
    "e-mail",
    "3.5%",
    "naïve",
    "NAÏVE",
    "ﬁnance",
];

/// A small deterministic generator: the corpus and the queries are the same on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }

    fn words(&mut self, n: usize) -> String {
        (0..n).map(|_| WORDS[self.next(WORDS.len())]).collect::<Vec<_>>().join(" ")
    }
}

/// `news/`: plain-text articles with and without an insight, a Markdown file, a JSONL file of
/// several articles (two with the same title), and the hostile and odd fixtures; all modified
/// in the past, and changed long enough ago for their rows to be used (a file changed within
/// the last seconds gets no row, or one that is read again).
fn corpus(dir: &Path) -> PathBuf {
    let news = dir.join("news");
    fs::create_dir_all(&news).unwrap();
    let mut g = Lcg(15);
    for i in 0..40 {
        let (t, b1, b2) = (g.words(5), g.words(30), g.words(20));
        let text = if i % 3 == 0 {
            format!("{t}\n{b1}\n\n{b2}\n")
        } else {
            let insight = g.words(15);
            format!("{t}\nSource: {}\n{b1}\n\n{b2}\n\nAnalysis:\n{insight}\n", g.words(2))
        };
        fs::write(news.join(format!("{i:03}.txt")), text).unwrap();
    }
    fs::write(
        news.join("notes.md"),
        format!("# {}\n\n{}\n\n## Insight\n\n{}\n", g.words(4), g.words(40), g.words(10)),
    )
    .unwrap();
    let jsonl: Vec<String> = (0..4)
        .map(|i| {
            let title = if i < 2 { "Same title".to_string() } else { g.words(4) };
            serde_json::json!({"title": title, "body": g.words(25), "insight": g.words(8)}).to_string()
        })
        .collect();
    fs::write(news.join("feed.jsonl"), jsonl.join("\n") + "\n").unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for name in ["hostile.txt", "bad_line.jsonl", "crlf.txt", "utf16le.txt", "invalid_utf8.txt", "empty.txt"]
    {
        fs::copy(fixtures.join(name), news.join(name)).unwrap();
    }
    for entry in fs::read_dir(&news).unwrap() {
        age_to(&entry.unwrap().path(), "2020-01-01 00:00:00");
    }
    common::settle();
    news
}

/// The queries compared: words, prefixes and pieces inside words, phrases, exclusions, field
/// prefixes, typo'd titles, punctuation, non-ASCII and length-changing case folds.
fn queries() -> Vec<String> {
    let mut q: Vec<String> = [
        "market",
        "mark",
        "arke",
        "rate",
        "MARKET",
        "\"the market\"",
        "\"of the\"",
        "market -cloud",
        "-market cloud",
        "title:market",
        "body:rate",
        "insight:cloud",
        "source:altman",
        "altmn",
        "opnai",
        "deploymnt",
        "lock-in",
        "lock",
        "e-mail",
        "3.5%",
        "istanbul",
        "i̇stanbul",
        "İSTANBUL",
        "tokyo",
        "tōkyō",
        "σίσυφοσ",
        "ΣΊΣΥΦΟΣ",
        "洞察",
        "察",
        "überstraße",
        "strasse",
        "naïve",
        "ﬁnance",
        "finance",
        "aa",
        "aaa",
        "title:\"same title\"",
        "same",
        "a",
        "the of",
        "market rate climate",
        "\"iterative deployment\"",
        "nothingatall",
        "insight:\"the\" -body:of",
    ]
    .map(String::from)
    .into();
    let mut g = Lcg(7);
    for _ in 0..20 {
        let mut words: Vec<String> =
            (0..1 + g.next(3)).map(|_| WORDS[g.next(WORDS.len())].to_lowercase()).collect();
        if g.next(3) == 0 {
            let w = &words[0];
            let cut =
                w.char_indices().nth(1 + g.next(w.chars().count().max(2) - 1)).map_or(w.len(), |(i, _)| i);
            words[0] = w[..cut].to_string();
        }
        if g.next(4) == 0 {
            words.push(format!("-{}", WORDS[g.next(WORDS.len())]));
        }
        q.push(words.join(" "));
    }
    q
}

/// Every query's text and `--json` output (with every result) is the same from the library
/// as without one.
fn assert_same_as_without_library(lib: &Path, news: &Path, when: &str) {
    for q in queries() {
        for args in [vec!["--json", "--limit", "1000"], vec![], vec!["--limit", "3", "--field", "body"]] {
            let plain = run(at(lib).args(["search", "--no-library"]).args(&args).arg(&q).arg(news));
            let stored = run(at(lib).arg("search").args(&args).arg(&q).arg(news));
            assert_eq!(stored, plain, "{when}: query {q:?} {args:?}");
        }
    }
}

#[test]
fn stored_search_gives_the_same_results_as_reading_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.sqlite3");
    let news = corpus(dir.path());
    assert_same_as_without_library(&lib, &news, "first start");
    let files = rows(&lib);
    assert!(files >= 44, "a row per readable file: {files}");
    let words = word_rows(&lib);
    assert!(words > 30, "a small first start builds the word index: {words} rows");
    assert_same_as_without_library(&lib, &news, "second start");
    assert_eq!(word_rows(&lib), words, "the build is kept while it holds the files");
    // Edited (a new mtime), replaced by a rename (a new inode), added and removed files.
    fs::write(news.join("000.txt"), "Edited market title\nA new body about the supermarket.\n").unwrap();
    age_to(&news.join("000.txt"), "2021-01-01 00:00:00");
    let tmp = news.join("001.new");
    fs::write(&tmp, "Replaced\nΣΊΣΥΦΟΣ and lock-in and rate.\n\nAnalysis:\nmarket market\n").unwrap();
    age_to(&tmp, "2021-01-01 00:00:00");
    fs::rename(&tmp, news.join("001.txt")).unwrap();
    fs::write(news.join("050.txt"), "Added Altman\nThe market of the İstanbul deployment.\n").unwrap();
    age_to(&news.join("050.txt"), "2021-01-01 00:00:00");
    fs::remove_file(news.join("002.txt")).unwrap();
    assert_same_as_without_library(&lib, &news, "after edits");
    common::settle();
    assert_same_as_without_library(&lib, &news, "second start after edits");
    assert_eq!(rows(&lib), files + 1, "the added file has a row; the removed one waits for prune");
    assert_eq!(word_rows(&lib), words, "4 files of 50 read around the build: it is kept");
    at(&lib).args(["library", "prune"]).assert().success();
    assert_eq!(rows(&lib), files, "prune drops the removed file's row");
    assert_eq!(word_rows(&lib), 0, "and the build that held it");
    assert_same_as_without_library(&lib, &news, "after prune (the first search builds anew)");
    assert!(word_rows(&lib) > 30, "built again");
    // A damaged build: one warning, the texts searched instead, the build made again.
    sql(&lib, "UPDATE search_words SET data = x'ffffffff00' WHERE id > 0");
    let (code, out, err) = run(at(&lib).args(["search", "market"]).arg(&news));
    assert_eq!((code, out), {
        let (code, out, _) = run(at(&lib).args(["search", "--no-library", "market"]).arg(&news));
        (code, out)
    });
    assert!(err.contains("cannot read the word index"), "{err}");
    let (_, _, err) = run(at(&lib).args(["search", "market"]).arg(&news));
    assert!(!err.contains("word index"), "rebuilt: {err}");
    assert_same_as_without_library(&lib, &news, "after a damaged build");
}

/// A word query ranks unchanged files from the stored word index's postings alone: with the
/// rows of two words swapped, `zebra` finds the file about the lion. A phrase, which the word
/// index cannot answer, is ranked from the texts.
#[test]
fn words_are_ranked_from_the_stored_postings_and_phrases_from_the_texts() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.sqlite3");
    let news = dir.path().join("news");
    fs::create_dir_all(&news).unwrap();
    fs::write(news.join("001.txt"), "First\nAbout the zebra.\n").unwrap();
    fs::write(news.join("002.txt"), "Second\nAbout the lion.\n").unwrap();
    for f in ["001.txt", "002.txt"] {
        age_to(&news.join(f), "2020-01-01 00:00:00");
    }
    common::settle();
    let search = |q: &str| run(at(&lib).args(["search", q]).arg(&news));
    assert!(search("zebra").1.starts_with("news-001\t"));
    // The build and the words of the bodies, in order: about, lion, the, zebra.
    assert_eq!(word_rows(&lib), 5);
    sql(
        &lib,
        "UPDATE search_words SET id = -1 WHERE id = 2; UPDATE search_words SET id = 2 WHERE id = 4;
               UPDATE search_words SET id = 4 WHERE id = -1;",
    );
    let (code, out, _) = search("zebra");
    assert_eq!(code, Some(0));
    assert!(out.starts_with("news-002\tSecond\t"), "ranked from the postings: {out}");
    assert!(search("\"the zebra\"").1.starts_with("news-001\t"), "a phrase: from the texts");
}

/// When a quarter of the files or more changed since the word index was built, the search
/// that finds out still answers as `--no-library` does (reading those files), and forgets the
/// build; the next one reads every text and builds anew.
#[test]
fn a_build_many_files_outgrew_is_made_again() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.sqlite3");
    let news = corpus(dir.path());
    let same = |when: &str| {
        let plain = run(at(&lib).args(["search", "--no-library", "--json", "market rate"]).arg(&news));
        assert_eq!(run(at(&lib).args(["search", "--json", "market rate"]).arg(&news)), plain, "{when}");
    };
    same("first start");
    let built = word_rows(&lib);
    assert!(built > 0);
    for i in 10..30 {
        let f = news.join(format!("{i:03}.txt"));
        fs::write(&f, format!("Changed {i}\nThe market rate of change {i}.\n")).unwrap();
        age_to(&f, "2021-01-01 00:00:00");
    }
    common::settle();
    same("20 of 50 files changed");
    assert_eq!(word_rows(&lib), 0, "the build is forgotten");
    same("built anew");
    let rebuilt = word_rows(&lib);
    assert!(rebuilt > 0);
    same("from the new build");
    assert_eq!(word_rows(&lib), rebuilt, "kept: it holds every file as it is");
}

#[test]
fn a_second_start_ranks_from_the_stored_texts_and_prints_the_file_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.sqlite3");
    let news = dir.path().join("news");
    fs::create_dir_all(&news).unwrap();
    let file = news.join("001.txt");
    fs::write(&file, "First\nAbout the zebra.\n").unwrap();
    fs::write(news.join("002.txt"), "Second\nAbout the lion.\n").unwrap();
    for f in ["001.txt", "002.txt"] {
        age_to(&news.join(f), "2020-01-01 00:00:00");
    }
    common::settle();
    let search = |q: &str| run(at(&lib).args(["search", q]).arg(&news));
    assert_eq!(search("zebra").0, Some(0));
    assert_eq!(rows(&lib), 2);
    // An edit that keeps the size, mtime and inode (`touch -r`) changes the ctime: seen.
    common::edit_keeping_stamp(&file, "First\nAbout the hyena.\n");
    assert_eq!(search("hyena").0, Some(0));
    assert_eq!(search("zebra").0, Some(1));
    // With the stored ctimes set to the file's (as if the change could not be seen), ranking
    // uses the stored text: `hyena.` still finds the file, `tiger.` does not. (Terms with
    // punctuation: words are ranked from the word index, whose stamps are its own.)
    common::edit_keeping_stamp(&file, "First\nAbout the tiger.\n");
    let conn = rusqlite::Connection::open(&lib).unwrap();
    let key = fs::canonicalize(&file).unwrap().display().to_string();
    for table in ["listing", "search_text"] {
        let sql = format!("UPDATE {table} SET ctime_ns = ?1 WHERE path = ?2");
        assert_eq!(conn.execute(&sql, rusqlite::params![common::ctime_ns(&file), key]).unwrap(), 1);
    }
    assert_eq!(search("tiger.").0, Some(1));
    let (code, out, _) = search("hyena.");
    assert_eq!(code, Some(0));
    // The printed result's file was read again and no longer holds what was stored: shown
    // without a snippet rather than with one from another text.
    assert!(out.starts_with("news-001\tFirst\t"), "{out}");
    assert!(!out.contains('«'), "{out}");
    assert_eq!(run(at(&lib).args(["search", "--no-library", "tiger"]).arg(&news)).0, Some(0));
}

/// A second start's word search takes `list`'s lines straight from the list index (borrowed,
/// no article built) and each article's hits from the build: only a file the build does not
/// hold as it is is read (its articles kept with their text). The lines, de-duplicated, are
/// the corpus's articles in order; a file named twice is listed once, and the output is still
/// that of `--no-library`.
#[test]
fn a_word_search_ranks_from_the_list_rows_and_reads_only_changed_files() {
    use std::borrow::Cow;
    use triptych::library::listing::ListIndex;
    use triptych::library::search_words::WordsBuild;
    use triptych::library::Library;
    use triptych::load::{load_paths, search_lines_walked, walk, LoadOptions};
    use triptych::search::words::NOT_INDEXED;

    let dir = tempfile::tempdir().unwrap();
    let lib_path = dir.path().join("lib.sqlite3");
    let news = corpus(dir.path());
    // The first search builds the word index and the list rows.
    run(at(&lib_path).args(["search", "market"]).arg(&news));
    let opts = LoadOptions::default();
    let lines_of = |roots: &[PathBuf]| {
        let (lib, _) = Library::open(&lib_path);
        let lib = lib.unwrap();
        let index = ListIndex::read(&lib, &opts.parse, true).unwrap();
        let build = WordsBuild::read(&lib, &opts.parse).unwrap().expect("a build");
        let walked = walk(roots, &opts);
        let found = search_lines_walked(&walked, &opts, &index, &build);
        let lines: Vec<_> = found
            .lines
            .iter()
            .map(|l| {
                let borrowed = matches!(l.line.title, Cow::Borrowed(_));
                (l.line.key.to_string(), l.built, borrowed, l.read)
            })
            .collect();
        let read: Vec<String> = found.read.iter().map(|(a, _)| a.key.clone()).collect();
        let mut deduped = found.lines;
        triptych::model::dedup(&mut deduped);
        let shown: Vec<(String, String, String)> = deduped
            .iter()
            .map(|l| (l.line.id.to_string(), l.line.key.to_string(), l.line.title.to_string()))
            .collect();
        (lines, read, found.from_library, found.stale, shown)
    };
    let full = |roots: &[PathBuf]| -> Vec<(String, String, String)> {
        let corpus = load_paths(roots, &opts).corpus;
        corpus.articles().iter().map(|a| (a.id.clone(), a.key.clone(), a.title.clone())).collect()
    };
    let roots = [news.clone()];
    let (lines, read, from_library, stale, shown) = lines_of(&roots);
    assert!(lines.len() >= 44, "{}", lines.len());
    assert!(lines.iter().all(|&(_, built, borrowed, _)| built != NOT_INDEXED && borrowed), "{lines:?}");
    assert!(read.is_empty(), "nothing read: {read:?}");
    // Only `empty.txt` is read again: a file that gives no article has no row.
    assert_eq!(stale, 1);
    assert!(from_library >= 46, "{from_library}");
    assert_eq!(shown, full(&roots));
    // An edited file is read, its line owned and its article kept with its text; the rest
    // still come from the rows and the build.
    let edited = news.join("004.txt");
    fs::write(&edited, "Edited market title\nA market body.\n").unwrap();
    age_to(&edited, "2021-01-01 00:00:00");
    common::settle();
    let (lines, read, _, stale, shown) = lines_of(&roots);
    let key = fs::canonicalize(&edited).unwrap().display().to_string();
    assert_eq!((read, stale), (vec![key.clone()], 2));
    for (k, built, borrowed, at) in &lines {
        assert_eq!(*k == key, (*built, *borrowed, *at) == (NOT_INDEXED, false, 0), "{k}");
    }
    assert_eq!(shown, full(&roots));
    // A file named twice is listed once: the walk holds it once.
    let twice = [news.clone(), news.join("007.txt")];
    let (lines, .., shown) = lines_of(&twice);
    assert_eq!(lines.len(), shown.len());
    assert_eq!(shown, full(&twice));
    for q in ["market", "title:edited", "rate -cloud", "mark"] {
        for args in [&["--json", "--limit", "100"][..], &[]] {
            let search = |extra: &[&str]| {
                run(at(&lib_path)
                    .arg("search")
                    .args(extra)
                    .args(args)
                    .arg(q)
                    .arg(&news)
                    .arg(news.join("007.txt")))
            };
            assert_eq!(search(&[]), search(&["--no-library"]), "{q} {args:?}");
        }
    }
}

/// Many results printed (`--limit` large) are made on all cores, each reading its file again:
/// the same rows in the same order as a short listing makes one by one, and as `--no-library`.
#[test]
fn a_long_listing_is_the_short_one_continued() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.sqlite3");
    let news = dir.path().join("many");
    fs::create_dir_all(&news).unwrap();
    let mut g = Lcg(7);
    for i in 0..400 {
        // A varying number of "market"s, so the scores differ and the order means something.
        let markets = vec!["market"; 1 + i % 5].join(" ");
        let text = format!(
            "{}\n{} {markets} {}\n\nAnalysis:\n{}\n",
            g.words(5),
            g.words(20),
            g.words(9),
            g.words(8)
        );
        fs::write(news.join(format!("{i:03}.txt")), text).unwrap();
    }
    for entry in fs::read_dir(&news).unwrap() {
        age_to(&entry.unwrap().path(), "2020-01-01 00:00:00");
    }
    common::settle();
    for round in ["first start", "second start"] {
        let (_, long, _) = run(at(&lib).args(["search", "--limit", "1000", "market"]).arg(&news));
        let (_, short, _) = run(at(&lib).args(["search", "--limit", "100", "market"]).arg(&news));
        let lines: Vec<&str> = long.lines().collect();
        assert_eq!(lines.len(), 400, "{round}: every article holds the word");
        assert_eq!(
            lines[..100].join("\n") + "\n",
            short,
            "{round}: the first 100 rows are the short listing"
        );
        let scores: Vec<f64> = lines.iter().map(|l| l.split('\t').nth(2).unwrap().parse().unwrap()).collect();
        assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{round}: best first");
        assert!(lines.iter().all(|l| l.contains("«market»")), "{round}: each with its snippet");
        let (_, plain, _) =
            run(at(&lib).args(["search", "--no-library", "--limit", "1000", "market"]).arg(&news));
        assert_eq!(long, plain, "{round}: as without the library");
    }
}
