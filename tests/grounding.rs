//! Grounding in `list` (stored in the library once per article text, refreshed by an edit) and
//! the `related` command, through the real binary.

mod common;

use common::at;

use std::path::{Path, PathBuf};

use serde_json::Value;

fn rows(lib: &Path, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(lib).unwrap();
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

const GROUNDED: &str = "Port strike ends\n\
Dock workers at Ravenport ended their strike on Monday after nine days.\n\
The union accepted a pay rise of 6 percent over two years.\n\
Source: Harbour News\n\
Our view\n\
Dock workers at Ravenport ended their nine-day strike on Monday.\n\
The union accepted a 6 percent pay rise over two years.\n";

fn folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("strike.txt");
    std::fs::write(&file, GROUNDED).unwrap();
    std::fs::write(dir.path().join("plain.txt"), "Weather\n\nRain is expected on Tuesday.\n").unwrap();
    (dir, file)
}

fn grounding_of(lib: &Path, dir: &Path, id: &str) -> Value {
    let out = common::stdout_of(at(lib).arg("list").arg(dir).arg("--json"));
    let list: Vec<Value> = serde_json::from_str(&out).unwrap();
    let named = |a: &Value| a["id"].as_str().is_some_and(|s| s.ends_with(&format!("-{id}")));
    list.into_iter().find(named).unwrap_or_else(|| panic!("{id} in {out}"))["grounding"].clone()
}

#[test]
fn list_json_carries_grounding_stored_once_and_refreshed_by_an_edit() {
    let (dir, file) = folder();
    let lib = common::fresh_library();
    let g = grounding_of(&lib, dir.path(), "strike");
    assert_eq!(g["supported"], 2, "{g}");
    assert_eq!(g["unsupported"], 0, "{g}");
    assert_eq!(g["share"], 1.0, "{g}");
    assert_eq!(grounding_of(&lib, dir.path(), "plain"), Value::Null, "no insight, nothing to ground");
    assert_eq!(rows(&lib, "grounding"), 2, "both articles' grounding is stored");

    // An edit adds a claim the facts do not support: the stored grounding is refreshed.
    let edited = format!("{GROUNDED}Shipping lines will move their cargo to Antwerp within a year.\n");
    std::fs::write(&file, edited).unwrap();
    let g = grounding_of(&lib, dir.path(), "strike");
    assert_eq!((g["supported"].as_i64(), g["unsupported"].as_i64()), (Some(2), Some(1)), "{g}");
    assert_eq!(rows(&lib, "grounding"), 2, "replaced, not added");
}

#[test]
fn list_sorts_and_filters_by_grounding_and_shows_the_gauge() {
    let (dir, _) = folder();
    let weak = "Bridge closes\nThe old bridge closed on Friday for repairs.\nSource: Town Post\nComment\n\
                The council has lost control of its budget.\nThe mayor will resign in the spring.\n";
    std::fs::write(dir.path().join("bridge.txt"), weak).unwrap();
    let lib = common::fresh_library();
    let out = common::stdout_of(at(&lib).arg("list").arg(dir.path()).args(["--sort", "grounding"]));
    // Ids are the folder's name and the file's: `tmpXXXX-bridge`.
    let ids: Vec<&str> =
        out.lines().map(|l| l.split('\t').next().unwrap().rsplit('-').next().unwrap()).collect();
    assert_eq!(ids, ["bridge", "strike", "plain"], "least grounded first, no insight last:\n{out}");
    let gauges: Vec<&str> = out.lines().map(|l| l.rsplit('\t').next().unwrap()).collect();
    assert_eq!(gauges, ["○○○○ 0/2", "●●●● 2/2", "-"], "{out}");

    let out = common::stdout_of(at(&lib).arg("list").arg(dir.path()).args(["--grounding-below", "50"]));
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.split('\t').next().unwrap().ends_with("-bridge"), "{out}");
}

#[test]
fn related_lists_the_other_report_with_shared_facts_and_keeps_its_index() {
    let (dir, _) = folder();
    let other = "Ravenport dockers return to work\n\
                 The nine-day strike at Ravenport port is over after dock workers accepted a 6 percent pay rise.\n\
                 The rise will be paid over two years, the union said.\n\
                 Cranes were working again on Monday afternoon.\n";
    std::fs::write(dir.path().join("dockers.txt"), other).unwrap();
    let lib = common::fresh_library();
    let out = common::stdout_of(at(&lib).args(["related", "strike"]).arg(dir.path()).arg("--json"));
    let found: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(found.len(), 1, "{out}");
    assert!(found[0]["id"].as_str().unwrap().ends_with("-dockers"), "{out}");
    let shared = found[0]["shared"].as_array().unwrap();
    assert!(!shared.is_empty(), "{out}");
    assert!(shared.iter().any(|s| s["other"].as_str().unwrap().contains("6 percent pay rise")), "{out}");
    assert_eq!(rows(&lib, "signatures"), 3, "every article's signature is stored");

    let text = common::stdout_of(at(&lib).args(["related", "strike", "--limit", "1"]).arg(dir.path()));
    assert!(text.lines().next().unwrap().contains("-dockers\tRavenport dockers return to work\t"), "{text}");

    // Nothing related: exit 1, a message, and `[]` for JSON.
    let out = at(&lib).args(["related", "plain", "--json"]).arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[]");
    assert!(String::from_utf8_lossy(&out.stderr).contains("no related articles"));
}
