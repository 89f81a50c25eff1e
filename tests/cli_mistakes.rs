//! The CLI when the user gets something wrong: mistyped commands and ids, empty results, bad
//! JSON fields. The real binary, its stdout, stderr and exit codes.

mod common;

use std::fs;

use common::triptych;
use predicates::prelude::*;

#[test]
fn a_mistyped_command_is_named_with_the_one_meant() {
    triptych()
        .args(["serach", "market"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("error: no such command 'serach', did you mean 'search'?\n");
    triptych().arg("lsit").assert().code(2).stderr(predicate::str::contains("did you mean 'list'?"));
    // An existing path with a command-like name is read as a path.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("serach");
    fs::write(&path, "A title\nA fact.\n").unwrap();
    // (Its id is the folder and file name: `tmpab12cd-serach`.)
    triptych()
        .current_dir(dir.path())
        .arg("serach")
        .assert()
        .success()
        .stdout(predicate::str::is_match("^[a-z0-9_-]+-serach\tA title\t-\t1\t0\n$").unwrap());
    // A missing path that looks like no command is still reported as a missing file.
    triptych()
        .arg("/no/such/file.txt")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no such command").not());
}

#[test]
fn list_json_with_nothing_to_list_prints_an_empty_array() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    fs::write(&empty, "").unwrap();
    let out = triptych().args(["list", "--json"]).arg(&empty).assert().code(1).stdout("[]\n");
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("no articles found"));
    // The text form prints nothing.
    triptych().arg("list").arg(&empty).assert().code(1).stdout("");
}

#[test]
fn search_json_with_no_hits_prints_an_empty_array_and_limit_0_is_a_usage_error() {
    triptych().args(["search", "zzqqxx", "--json"]).assert().code(1).stdout("[]\n");
    triptych().args(["search", "zzqqxx"]).assert().code(1).stdout("").stderr("no matches\n");
    triptych()
        .args(["search", "market", "--limit", "0"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("invalid value '0' for '--limit <N>': must be at least 1"));
    triptych().args(["search", "altman", "--limit", "1"]).assert().success();
    // A query with no word in it is a mistake, not "everything".
    for empty in ["", " ", "\"", "body:"] {
        triptych()
            .args(["search", empty])
            .assert()
            .code(2)
            .stdout("")
            .stderr("error: the query has no word to look for\n");
    }
}

#[test]
fn compare_without_insight_prints_no_empty_heading() {
    triptych().args(["compare", "007_plain_news"]).assert().success().stdout(
        predicate::str::contains("0 insight statements").and(predicate::str::contains("By insight").not()),
    );
    triptych()
        .args(["compare", "003_rail_strike"])
        .assert()
        .success()
        .stdout(predicate::str::contains("By insight paragraph:"));
}

#[test]
fn ids_accept_unique_prefixes_and_suggest_only_close_ones() {
    triptych()
        .args(["show", "003"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Regional Rail Strike"));
    triptych()
        .args(["show", "nosuch"])
        .assert()
        .code(1)
        .stderr("error: no article with id \"nosuch\"; run `triptych list` to see the ids\n");
    triptych()
        .args(["show", "rial"])
        .assert()
        .code(1)
        .stderr("error: no article with id \"rial\"; did you mean: 003_rail_strike?\n");
    // The shortest ids (the likeliest meant), listed in order.
    triptych().args(["compare", "00"]).assert().code(1).stderr(
        "error: several ids match \"00\"; did you mean: 000_77ee804ac85e857f, 001_port_automation, \
         002_city_heat_pumps, 003_rail_strike, 004_chinese_ev, 007_plain_news, 008_water_meters?\n",
    );
    // Parts of an id or title are suggested too.
    for part in ["heat_pumps", "rail strike", "port_automaton"] {
        triptych().args(["show", part]).assert().code(1).stderr(predicate::str::contains("did you mean: 00"));
    }
    // More than a few: how many were left out.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("n")).unwrap();
    for i in 0..12 {
        std::fs::write(dir.path().join(format!("n/note{i:02}.txt")), format!("Note {i}\n\nBody {i}.\n"))
            .unwrap();
    }
    triptych().args(["show", "n-note"]).arg(dir.path()).assert().code(1).stderr(
        "error: several ids match \"n-note\"; did you mean: n-note00, n-note01, n-note02, n-note03, \
         n-note04, n-note05, n-note06, n-note07 (and 4 more)?\n",
    );
}

#[test]
fn a_json_type_error_names_the_field() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.jsonl"),
        "{\"title\":\"A\",\"author\":{\"name\":\"x\"}}\n{\"title\":\"B\"}\n",
    )
    .unwrap();
    triptych()
        .arg("list")
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("\tB\t-\t0\t0\n"))
        .stderr(predicate::str::contains(
            "line 1, column 22: field `author`: invalid type: map, expected a string",
        ));
}

#[test]
fn options_before_the_command_apply_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("note.txt");
    fs::write(&file, "A title\nA fact.\n").unwrap();
    // `--no-library` before `list` used to turn `list` into a path to read.
    triptych()
        .arg("--no-library")
        .arg("list")
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("\tA title\t-\t1\t0\n"))
        .stderr("");
    let library = dir.path().join("lib.sqlite3");
    triptych()
        .arg("--library")
        .arg(&library)
        .args(["library", "path"])
        .assert()
        .success()
        .stdout(format!("{}\n", library.display()));
}

#[test]
fn a_path_to_a_file_not_read_says_so_and_how_to_read_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    std::fs::write(&file, "A title\n\nA body.\n").unwrap();
    let given = file.display().to_string();
    let out = triptych().args(["show", &given]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not among the files read"), "{stderr}");
    assert!(stderr.contains(&format!("`triptych show {given} {given}`")), "{stderr}");
    // And the hint works.
    let out = triptych().args(["show", &given, &given]).output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("A body."));
}

#[test]
fn a_path_to_a_file_of_several_articles_lists_them_however_it_is_written() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("jid")).unwrap();
    fs::write(
        dir.path().join("jid/a.json"),
        r#"[{"title":"Alpha","body":["a one"]},{"title":"Beta","body":["b two"]}]"#,
    )
    .unwrap();
    let absolute = dir.path().join("jid/a.json").display().to_string();
    for given in ["jid/a.json", "./jid/a.json", absolute.as_str()] {
        for args in [vec!["show", given, "jid"], vec!["mark", given, "jid", "--read"]] {
            let out = triptych().current_dir(dir.path()).args(&args).output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
            assert!(
                stderr.contains("several ids match") && stderr.contains("did you mean: alpha, beta?"),
                "{args:?}: {stderr}"
            );
        }
    }
    // A file not read gets the hint for the command used.
    fs::write(dir.path().join("x.txt"), "X\n\nText.\n").unwrap();
    let out = triptych().current_dir(dir.path()).args(["mark", "x.txt", "jid", "--read"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("not among the files read") && stderr.contains("`triptych mark x.txt x.txt`"),
        "{stderr}"
    );
}

#[test]
fn an_article_is_found_by_its_file_name_as_typed_and_by_a_last_part_with_hyphens() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("bj")).unwrap();
    fs::create_dir_all(dir.path().join("fc")).unwrap();
    fs::write(dir.path().join("bj/北京.md"), "# 北京\n\nThe capital's body.\n").unwrap();
    fs::write(dir.path().join("fc/zh_计划.md"), "# Plan\n\nThe plan's body.\n").unwrap();
    let list = triptych().arg("list").arg(dir.path()).output().unwrap();
    let list = String::from_utf8_lossy(&list.stdout).to_string();
    assert!(list.contains("bj-bei-jing\t") && list.contains("fc-zh_ji-hua\t"), "{list}");
    for (given, text) in
        [("北京", "The capital's body."), ("zh_ji-hua", "The plan's body."), ("zh_计划", "The plan's body.")]
    {
        triptych()
            .args(["show", given])
            .arg(dir.path())
            .assert()
            .success()
            .stdout(predicate::str::contains(text));
    }
    triptych().args(["compare", "zh_ji-hua"]).arg(dir.path()).assert().success();
}
