//! The CLI as a user runs it: the real binary, its stdout, stderr and exit codes.

mod common;

use std::fs;

use common::{stdout_of, triptych};
use predicates::prelude::*;
use serde_json::Value;
use triptych::load::{load_paths, LoadOptions};

#[test]
fn list_prints_one_tab_separated_line_per_seed_article() {
    let out = stdout_of(triptych().arg("list"));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 11, "{out}");
    assert_eq!(
        lines[0],
        "000_77ee804ac85e857f\tOpenAI CEO Sam Altman Outlines Three Principles Behind GPT-5.5\tPublic Information\t3\t4"
    );
    assert!(lines.iter().any(|l| l.starts_with("007_plain_news\t") && l.ends_with("\t-\t3\t0")));
}

#[test]
fn list_json_carries_the_model_fields() {
    let v: Value = serde_json::from_str(&stdout_of(triptych().args(["list", "--json"]))).unwrap();
    let first = &v.as_array().unwrap()[0];
    assert_eq!(first["id"], "000_77ee804ac85e857f");
    assert_eq!(first["source"], "Public Information");
    assert_eq!(first["insight_label"], "ABAB AI Insight");
    assert_eq!(first["format"], "seed");
    assert_eq!(first["body"].as_array().unwrap().len(), 3);
    assert_eq!(first["insight"].as_array().unwrap().len(), 4);
    let heat = v.as_array().unwrap().iter().find(|a| a["id"] == "002_city_heat_pumps").unwrap();
    assert_eq!(heat["format"], "markdown");
    assert_eq!(heat["tags"], serde_json::json!(["energy", "housing"]));
    assert_eq!(heat["links"], serde_json::json!(["https://example.org/installers"]));
}

#[test]
fn show_prints_the_whole_article() {
    let out = stdout_of(triptych().args(["show", "000_77ee804ac85e857f"]));
    assert!(out.starts_with("OpenAI CEO Sam Altman Outlines Three Principles Behind GPT-5.5\n===="));
    assert!(out.contains("\nSource: Public Information\n"));
    assert!(out.contains("\nABAB AI Insight\n---------------\n"));
    assert!(out.trim_end().ends_with("forming new centers of technological power."));
    let json: Value =
        serde_json::from_str(&stdout_of(triptych().args(["show", "003_rail_strike", "--json"]))).unwrap();
    assert_eq!(json["insight_label"], "Our take");
    assert_eq!(json["date"], "2026-02-02");
}

#[test]
fn unknown_id_exits_1_and_suggests_close_ids() {
    triptych().args(["show", "rail"]).assert().code(1).stdout("").stderr(
        predicate::str::contains("no article with id \"rail\"")
            .and(predicate::str::contains("003_rail_strike")),
    );
}

#[test]
fn usage_errors_exit_2() {
    triptych().args(["show"]).assert().code(2);
    triptych().args(["export", "--format", "pdf"]).assert().code(2);
    triptych().args(["--help"]).assert().success().stdout(predicate::str::contains("list"));
}

#[test]
fn bad_files_are_skipped_with_one_warning_each_and_the_rest_load() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("good.txt"), "Good title\nA fact.\n").unwrap();
    fs::write(dir.path().join("binary.txt"), b"\x7fELF\0\0\x01").unwrap();
    fs::write(dir.path().join("empty.md"), "  \n").unwrap();
    fs::write(dir.path().join("broken.json"), "{\"title\": ").unwrap();
    fs::write(dir.path().join("notes.csv"), "ignored, not an article format").unwrap();
    fs::create_dir(dir.path().join(".hidden")).unwrap();
    fs::write(dir.path().join(".hidden/secret.txt"), "Hidden\nbody").unwrap();
    let d = dir.path().display();
    // Ids are made from the file's folder and name, whichever folder is named.
    let folder = dir.path().file_name().unwrap().to_string_lossy();
    let id = triptych::model::slugify(&format!("{folder}/good"));
    triptych()
        .arg("list")
        .arg(dir.path())
        .assert()
        .success()
        .stdout(format!("{id}\tGood title\t-\t1\t0\n"))
        .stderr(format!(
            "warning: skipped {d}/binary.txt: binary file\n\
             warning: skipped {d}/broken.json: line 1: invalid JSON: EOF while parsing a value at line 1 column 10\n\
             warning: skipped {d}/empty.md: file holds only white space\n"
        ));
}

#[test]
fn markdown_without_a_heading_is_titled_by_its_file_name_and_keeps_code_and_tables() {
    let dir = tempfile::tempdir().unwrap();
    let md = "Notes from the meeting.\n\n```\nfn main() {\n    go();\n}\n```\n\n| port | TEU |\n|---|---|\n| Rotterdam | 8.2 |\n";
    fs::write(dir.path().join("reading notes.md"), md).unwrap();
    fs::write(dir.path().join("only-front.md"), "---\ntags: [x]\n---\n").unwrap();
    let out = triptych().args(["list", "--json"]).arg(dir.path()).assert().success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stderr.contains("only-front.md: front matter but no text"), "{stderr}");
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let a = &v.as_array().unwrap()[0];
    assert_eq!(a["title"], "reading notes");
    assert_eq!(
        a["body"],
        serde_json::json!([
            "Notes from the meeting.",
            "fn main() {\n    go();\n}",
            "port      | TEU\nRotterdam | 8.2"
        ])
    );
}

#[test]
fn ids_transliterate_letters_and_keep_nothing_of_escape_sequences() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("Überstraße.txt"), "Strasse\nText.\n").unwrap();
    fs::write(
        dir.path().join("two.json"),
        r#"[{"title":"Red \u001b[31mAlert \u001b]0;pwn\u0007now","body":"a"},{"title":"北京 news","body":"b"}]"#,
    )
    .unwrap();
    let out = stdout_of(triptych().arg("list").arg(dir.path()));
    let ids: Vec<&str> = out.lines().map(|l| l.split('\t').next().unwrap()).collect();
    let folder = triptych::model::slugify(&dir.path().file_name().unwrap().to_string_lossy());
    // In path order: `two.json` sorts before `Überstraße.txt`.
    assert_eq!(ids, ["red-alert-now", "bei-jing-news", format!("{folder}-uberstrasse").as_str()], "{out}");
    let shown = stdout_of(triptych().args(["show", "Überstraße"]).arg(dir.path()));
    assert!(shown.starts_with("Strasse"), "{shown}");
}

#[test]
fn no_articles_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    triptych()
        .arg("list")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error: no articles found in"));
    triptych()
        .args(["list", "/no/such/path.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("warning: skipped /no/such/path.txt: No such file or directory"));
    // Files that were there but skipped: the error points at the warnings, not at the formats.
    std::fs::write(dir.path().join("big.txt"), "Title\n\nA body longer than the limit.\n").unwrap();
    triptych().args(["list", "--max-file-size", "5"]).arg(dir.path()).assert().code(1).stderr(
        predicate::str::ends_with(format!(
            "error: no articles found in {}: 1 file skipped (see the warnings above)\n",
            dir.path().display()
        )),
    );
}

/// Export as `format` to a file, load it back, and compare everything but path and format.
fn round_trip(format: &str, ext: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(format!("all.{ext}"));
    triptych().args(["export", "--format", format, "-o"]).arg(&file).assert().success().stdout("");
    let original = triptych::load::load_seeds().corpus;
    let back = load_paths(&[file], &LoadOptions::default());
    assert!(back.warnings.is_empty(), "{:?}", back.warnings);
    assert_eq!(back.corpus.len(), original.len());
    for (a, b) in original.articles().iter().zip(back.corpus.articles()) {
        let mut b = b.clone();
        b.path = a.path.clone();
        b.format = a.format;
        // The key names where an article was read from; its content hash must survive.
        b.key = a.key.clone();
        assert_eq!(a, &b);
    }
}

#[test]
fn markdown_export_round_trips() {
    round_trip("md", "md");
}

#[test]
fn json_and_jsonl_exports_round_trip() {
    round_trip("json", "json");
    round_trip("jsonl", "jsonl");
}

#[test]
fn output_pipes_cleanly_when_the_reader_closes_early() {
    let bbc = common::corpus("bbc");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "{} list --no-library {} 2>/dev/null | head -1",
            env!("CARGO_BIN_EXE_triptych"),
            bbc.display()
        ))
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "business-001\tAd sales boost Time Warner profit\t-\t5\t0\n"
    );
}

#[test]
fn compare_prints_verdicts_links_and_uncovered_facts() {
    let out = stdout_of(triptych().args(["compare", "000_77ee804ac85e857f"]));
    assert!(out.starts_with(
        "OpenAI CEO Sam Altman Outlines Three Principles Behind GPT-5.5\n6 facts, 11 insight statements"
    ));
    assert!(out.contains("[I1] ✓ supported (support 0.56)  Iterative deployment is essentially"), "{out}");
    assert!(
        out.contains("[I11] ✗ unsupported (support 0.13)  This structure will promote innovation"),
        "{out}"
    );
    assert!(out.contains("By insight paragraph:\n  ¶1  "), "{out}");
    // Every fact of the sample is used; a fact nothing rests on is listed at the end.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("port.txt");
    std::fs::write(
        &file,
        "Port strike\n\nDockworkers at Northport walked off the job on Tuesday.\n\n\
         The mayor opened a new library on Friday.\n\nAnalysis\n\nThe Northport dockworkers' strike began on Tuesday.\n\n\
         The Northport dockworkers will strike again on Tuesday.\n",
    )
    .unwrap();
    let out = stdout_of(triptych().arg("compare").arg("port").arg(&file));
    assert!(out.contains("[I2] ✗ unsupported (support 0.87, but a forecast its facts do not make)"), "{out}");
    assert!(
        out.ends_with("Facts no insight statement uses:\n  F2  The mayor opened a new library on Friday.\n"),
        "{out}"
    );
}

#[test]
fn compare_json_says_what_a_claim_asserts_beyond_its_facts() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("dairy.txt");
    std::fs::write(
        &file,
        "Milk price\n\nThe Greenvale dairy cooperative collects milk from 1,800 farms in the country.\n\n\
         The mayor opened a new library on Friday.\n\nAnalysis\n\n\
         Greenvale is the biggest dairy cooperative in the country, with 1,800 farms.\n\n\
         The Greenvale cooperative collects milk from 1,800 farms.\n",
    )
    .unwrap();
    let out = stdout_of(triptych().args(["compare", "--json", "dairy"]).arg(&file));
    let v: Value = serde_json::from_str(&out).unwrap();
    let claims = v["insights"].as_array().unwrap();
    assert_eq!(claims[0]["verdict"], "unsupported", "{out}");
    assert_eq!(claims[0]["beyond"], "ranking", "{out}");
    assert!(!claims[0]["links"].as_array().unwrap().is_empty(), "its links are kept: {out}");
    assert_eq!(claims[1]["verdict"], "supported", "{out}");
    assert!(claims[1].get("beyond").is_none(), "{out}");
    let text = stdout_of(triptych().args(["compare", "dairy"]).arg(&file));
    assert!(text.contains("but a ranking its facts do not give)  Greenvale is the biggest"), "{text}");
}

#[test]
fn conflicts_are_flagged_unless_turned_off() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("boarding.txt");
    std::fs::write(
        &file,
        "Cabin bags\n\nThe airline said boarding now takes an average of 38 minutes.\n\n\
         Analysis\n\nBoarding currently takes around 45 minutes on average.\n",
    )
    .unwrap();
    let flagged = stdout_of(triptych().arg("compare").arg("boarding").arg(&file));
    assert!(flagged.contains("! conflicts with F1: the claim says 45, the fact says 38"), "{flagged}");
    assert!(
        flagged.contains("[I1] ! supported") && !flagged.contains('✓'),
        "no tick beside a conflict: {flagged}"
    );
    assert_eq!(stdout_of(triptych().args(["compare", "--conflicts", "boarding"]).arg(&file)), flagged);
    let plain = stdout_of(triptych().args(["compare", "--no-conflicts", "boarding"]).arg(&file));
    assert!(!plain.contains("conflicts with"), "turned off: {plain}");
    assert!(plain.contains("[I1] ✓ supported"), "{plain}");
    // The last of the two flags wins.
    let last =
        stdout_of(triptych().args(["compare", "--no-conflicts", "--conflicts", "boarding"]).arg(&file));
    assert_eq!(last, flagged);
    // The config's `[compare] conflicts = false` turns it off; the flag turns it back on.
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[compare]\nconflicts = false\n").unwrap();
    let configured =
        stdout_of(triptych().arg("compare").arg("--config").arg(&config).arg("boarding").arg(&file));
    assert_eq!(configured, plain);
    let asked = stdout_of(
        triptych().arg("compare").arg("--config").arg(&config).args(["--conflicts", "boarding"]).arg(&file),
    );
    assert_eq!(asked, flagged);
    let json = stdout_of(triptych().args(["compare", "--json", "boarding"]).arg(&file));
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["insights"][0]["conflict"]["reason"], "the claim says 45, the fact says 38", "{json}");
    let json = stdout_of(triptych().args(["compare", "--json", "--no-conflicts", "boarding"]).arg(&file));
    assert!(!json.contains("\"conflict\""), "{json}");
    // The Markdown table gives the reason too, not only the `!`.
    let md = stdout_of(triptych().args(["compare", "--markdown", "boarding"]).arg(&file));
    assert!(md.contains("| ! **supported**"), "{md}");
    assert!(md.contains("<br>**! conflicts with F1:** the claim says 45, the fact says 38 |"), "{md}");
    let md = stdout_of(triptych().args(["compare", "--markdown", "--no-conflicts", "boarding"]).arg(&file));
    assert!(!md.contains("conflicts with"), "{md}");
}

#[test]
fn compare_json_has_facts_and_insights_with_links() {
    let v: Value =
        serde_json::from_str(&stdout_of(triptych().args(["compare", "000_77ee804ac85e857f", "--json"])))
            .unwrap();
    let facts = v["facts"].as_array().unwrap();
    let insights = v["insights"].as_array().unwrap();
    assert_eq!((facts.len(), insights.len()), (6, 11));
    assert_eq!(facts[0]["lead"], "OpenAI CEO Sam Altman outlined three principles behind GPT-5.5:");
    assert_eq!(facts[0]["paragraph"], 0);
    let first = &insights[0];
    assert_eq!(first["verdict"], "supported");
    assert_eq!(first["links"][0]["fact"], 0);
    let terms = first["links"][0]["terms"].as_array().unwrap();
    assert!(
        terms.iter().any(|t| t["claim"] == "deployment" && t["fact"] == "deployment" && t["kind"] == "exact"),
        "{terms:?}"
    );
    assert!(first["best"].as_f64().unwrap() >= 0.45, "supported means support of at least 0.45");
    let range = &facts[0]["range"];
    let body0 = triptych::load::load_seeds().corpus.get("000_77ee804ac85e857f").unwrap().body[0].clone();
    let (s, e) = (range["start"].as_u64().unwrap() as usize, range["end"].as_u64().unwrap() as usize);
    assert_eq!(&body0[s..e], facts[0]["text"].as_str().unwrap());
}

#[test]
fn compare_markdown_is_a_two_column_table() {
    let out = stdout_of(triptych().args(["compare", "003_rail_strike", "--markdown"]));
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[2].ends_with(" facts, 3 insight statements (Our take)"), "{out}");
    assert_eq!(lines[4], "| Insight | Supporting facts |");
    assert_eq!(lines[5], "|---|---|");
    let rows: Vec<&&str> = lines[6..].iter().take_while(|l| !l.is_empty()).collect();
    assert_eq!(rows.len(), 3, "one row per insight sentence: {out}");
    assert!(rows.iter().all(|l| l.starts_with("| ") && l.ends_with(" |") && l.matches(" | ").count() >= 1));
    triptych().args(["compare", "nope"]).assert().code(1);
    triptych().args(["compare", "003_rail_strike", "--json", "--markdown"]).assert().code(2);
}

#[test]
fn compare_markdown_without_an_insight_lists_the_facts_as_the_text_does() {
    let md = stdout_of(triptych().args(["compare", "007", "--markdown"]));
    let text = stdout_of(triptych().args(["compare", "007"]));
    assert!(!md.contains("| Insight |"), "no empty table: {md}");
    assert!(md.contains("0 insight statements (no insight section)"), "{md}");
    assert!(md.contains("Facts no insight statement uses:"), "{md}");
    // Every fact the text output lists is listed in the Markdown.
    let facts: Vec<&str> = text.lines().filter_map(|l| l.strip_prefix("  F")).collect();
    assert!(!facts.is_empty(), "{text}");
    assert_eq!(md.lines().filter(|l| l.starts_with("- F")).count(), facts.len(), "{md}");
}

#[test]
fn export_to_a_file_replaces_it_whole_and_leaves_no_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.jsonl");
    fs::write(&file, "old contents that must disappear\n").unwrap();
    triptych().args(["export", "--format", "jsonl", "-o"]).arg(&file).assert().success().stdout("");
    let text = fs::read_to_string(&file).unwrap();
    assert_eq!(text.lines().count(), 11);
    assert!(text.lines().all(|l| serde_json::from_str::<Value>(l).is_ok()));
    let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["out.jsonl"], "no temporary file left beside it");
    // An unwritable destination is an error that names it, and nothing is half-written.
    triptych()
        .args(["export", "--format", "json", "-o", "/no/such/dir/out.json"])
        .assert()
        .code(1)
        .stderr("error: cannot write /no/such/dir/out.json: No such file or directory (os error 2)\n");
    // `-o -` is stdout, not a file named `-`.
    let out = stdout_of(triptych().current_dir(dir.path()).args(["export", "--format", "jsonl", "-o", "-"]));
    assert_eq!(out, text);
    assert!(!dir.path().join("-").exists());
}

#[test]
fn a_folders_readme_is_not_an_article_unless_named() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("README.md"), "# About these notes\n\nThey are mine.\n").unwrap();
    fs::write(dir.path().join("readme.txt"), "Read me\nPlease.\n").unwrap();
    fs::write(dir.path().join("readmore.txt"), "Read more\nA real article.\n").unwrap();
    let listed = stdout_of(triptych().args(["list", "--no-library"]).arg(dir.path()));
    let titles: Vec<&str> = listed.lines().map(|l| l.split('\t').nth(1).unwrap()).collect();
    assert_eq!(titles, ["Read more"], "{listed}");
    let named = stdout_of(triptych().args(["list", "--no-library"]).arg(dir.path().join("README.md")));
    assert!(named.contains("About these notes"), "{named}");
}

#[test]
fn every_id_help_says_the_same_and_mark_explains_its_flags() {
    for cmd in ["show", "compare", "mark", "related"] {
        let help = stdout_of(triptych().args([cmd, "--help"]));
        assert!(
            help.contains("its id (see `triptych list`), key (path), or a unique id prefix"),
            "{cmd}: {help}"
        );
    }
    let help = stdout_of(triptych().args(["mark", "--help"]));
    for line in ["--read", "--unread", "--star", "--unstar"] {
        let row = help.lines().find(|l| l.trim_start().starts_with(line)).unwrap();
        assert!(row.trim().len() > line.len() + 3, "{line} has a help text: {row:?}");
    }
}

#[test]
fn compare_counts_one_fact_and_one_statement_in_the_singular() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("one.txt");
    std::fs::write(&file, "One\n\nThe bridge opened on Monday.\n\nAnalysis\n\nThe bridge is open.\n")
        .unwrap();
    let out = stdout_of(triptych().arg("compare").arg("one").arg(&file));
    assert!(out.contains("\n1 fact, 1 insight statement (Analysis)\n"), "{out}");
}

/// An article whose title is there but blank is never a blank row: per format that can carry
/// one, the start of its text names it (a Markdown note: its file name, as one with no title),
/// and an article with no text at all either takes the file's name.
#[test]
fn a_blank_title_is_named_by_the_text_or_the_file_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        (
            "a.json",
            r#"{"title":"","body":["Prices rose [1] sharply   in May, the report said."]}"#.to_string(),
        ),
        ("b.json", r#"[{"title":" ","body":"First body."},{"title":"","insight":["Only insight."]}]"#.into()),
        ("c.jsonl", "{\"title\":\"\",\"body\":\"Jsonl body.\"}\n{\"title\":\"Kept\"}\n".into()),
        ("d.md", "---\ntitle: \"\"\n---\nMarkdown body.\n".into()),
        ("e.txt", "#\n\nSeed body here.\n".into()),
        ("f.json", format!(r#"{{"title":"","body":["{}"]}}"#, "word ".repeat(40))),
    ];
    for (name, text) in &files {
        fs::write(dir.path().join(name), text).unwrap();
    }
    let lib = tempfile::tempdir().unwrap().keep().join("library.sqlite3");
    let out = stdout_of(common::at(&lib).arg("list").arg(dir.path()));
    let titles: Vec<&str> = out.lines().map(|l| l.split('\t').nth(1).unwrap()).collect();
    assert_eq!(
        titles[..6],
        [
            "Prices rose sharply in May, the report said.",
            "First body.",
            "Only insight.",
            "Jsonl body.",
            "Kept",
            "d",
        ],
        "{out}"
    );
    assert_eq!(titles[6], "Seed body here.", "{out}");
    assert!(titles[7].ends_with('…') && titles[7].starts_with("word word"), "{out}");
    assert!(titles.iter().all(|t| !t.trim().is_empty()), "{out}");
    // The same titles from the list index on a second run (not a blank row cached from before).
    assert_eq!(stdout_of(common::at(&lib).arg("list").arg(dir.path())), out);
}
