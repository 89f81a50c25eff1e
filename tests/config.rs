//! config.toml as a user meets it: `config --default` and `--path`, errors with file, line and
//! column (exit 2, nothing on stdout), and settings that change what the commands print.

mod common;

use std::fs;

use common::{stdout_of, triptych};
use predicates::prelude::*;

#[test]
fn config_default_prints_the_documented_defaults() {
    let out = stdout_of(triptych().args(["config", "--default"]));
    assert_eq!(out, triptych::config::DEFAULT_TOML);
    assert!(out.contains("[keys]") && out.contains("quit = [\"q\", \"ctrl-c\"]"), "{out}");
}

#[test]
fn config_path_names_the_flag_the_variable_or_the_platform_directory() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("xdg");
    let out = stdout_of(triptych().args(["config", "--path"]).env("XDG_CONFIG_HOME", &home));
    assert_eq!(out.trim(), home.join("triptych/config.toml").display().to_string());
    let from_env = dir.path().join("env.toml");
    fs::write(&from_env, "").unwrap();
    let out = stdout_of(triptych().args(["config", "--path"]).env("TRIPTYCH_CONFIG", &from_env));
    assert_eq!(out.trim(), from_env.display().to_string());
    let flag = dir.path().join("flag.toml");
    fs::write(&flag, "").unwrap();
    let out = stdout_of(
        triptych().args(["config", "--path", "--config"]).arg(&flag).env("TRIPTYCH_CONFIG", &from_env),
    );
    assert_eq!(out.trim(), flag.display().to_string());
    triptych().arg("config").assert().code(2);
}

#[test]
fn config_path_with_a_named_file_that_is_missing_says_the_other_commands_refuse() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nonexistent2.toml");
    let out = triptych().args(["config", "--path"]).env("TRIPTYCH_CONFIG", &missing).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), missing.display().to_string());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("error: there is no file there") && stderr.contains("refuse"), "{stderr}");
    assert!(!stderr.contains("defaults apply"), "{stderr}");
    // In the default place a missing file is still only a note.
    let out = triptych().args(["config", "--path"]).env("XDG_CONFIG_HOME", dir.path()).output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("the defaults apply"));
}

#[test]
fn a_config_file_that_is_not_utf8_is_an_error_even_in_the_default_place() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("triptych")).unwrap();
    fs::write(dir.path().join("triptych/config.toml"), b"theme = \"\xff\xfe\"\n").unwrap();
    triptych()
        .arg("list")
        .env("XDG_CONFIG_HOME", dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("config.toml: cannot read: not UTF-8 text"));
}

#[test]
fn a_config_error_names_file_line_and_column_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.toml");
    fs::write(&file, "theme = \"dark\"\n\n[layout]\nlist-width = \"wide\"\n").unwrap();
    let expected = format!("error: {}:4:14: invalid type: string \"wide\", expected u16", file.display());
    triptych()
        .args(["list", "--config"])
        .arg(&file)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(expected))
        .stderr(predicate::str::contains("  | list-width = \"wide\"\n  |              ^\n"));

    // The same through TRIPTYCH_CONFIG, with an unknown name.
    fs::write(&file, "[keys]\nquit = \"q\"\nsearch = \"/\"\n").unwrap();
    triptych().arg("list").env("TRIPTYCH_CONFIG", &file).assert().code(2).stderr(predicate::str::contains(
        format!("{}:3:1: unknown action `search` in [keys]; did you mean `search-start`?", file.display()),
    ));

    // --config before the command applies to it.
    triptych()
        .arg("--config")
        .arg(&file)
        .arg("list")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("{}:3:1: unknown action `search`", file.display())));
    let out = stdout_of(triptych().arg("--config").arg(&file).args(["config", "--path"]));
    assert_eq!(out.trim(), file.display().to_string());

    // A config file named but missing is an error too, not the defaults.
    triptych()
        .arg("list")
        .env("TRIPTYCH_CONFIG", dir.path().join("missing.toml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.toml: no such file"));
}

#[test]
fn the_default_config_file_is_read_from_the_platform_directory() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("triptych")).unwrap();
    fs::write(dir.path().join("triptych/config.toml"), "[layout]\nbody-share = 200\n").unwrap();
    triptych()
        .arg("list")
        .env("XDG_CONFIG_HOME", dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("config.toml:2:14: body-share (percent) must be from 10 to 90"));
}

#[test]
fn an_unreadable_file_in_the_default_place_is_a_warning_and_a_named_one_an_error() {
    let dir = tempfile::tempdir().unwrap();
    // A folder where the file should be: it exists but cannot be read as a file.
    fs::create_dir_all(dir.path().join("triptych/config.toml")).unwrap();
    let out = triptych().arg("list").env("XDG_CONFIG_HOME", dir.path()).output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("warning: ") && stderr.contains("config.toml: cannot read"), "{stderr}");
    assert!(stderr.contains("using the default settings"), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 11);
    triptych()
        .arg("list")
        .env("TRIPTYCH_CONFIG", dir.path().join("triptych/config.toml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("config.toml: cannot read"));
}

#[test]
fn extra_headings_and_source_prefixes_change_how_articles_parse() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    fs::write(&article, "Harbour Cranes\nThe port bought six cranes.\nVia: Port Authority\nAusblick\nAutomation will spread.\n")
        .unwrap();
    let before = stdout_of(triptych().args(["list", "--no-library"]).arg(&article));
    assert!(before.ends_with("\t-\t4\t0\n"), "without the config: no source, no insight: {before}");
    let config = dir.path().join("config.toml");
    fs::write(&config, "[parse]\ninsight-headings = [\"Ausblick\"]\nsource-prefixes = [\"via\"]\n").unwrap();
    let after = stdout_of(triptych().args(["list", "--no-library", "--config"]).arg(&config).arg(&article));
    assert!(after.ends_with("\tHarbour Cranes\tPort Authority\t1\t1\n"), "{after}");
}

#[test]
fn parses_cached_under_other_parse_rules_are_not_reused() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    fs::write(&article, "Title\nA fact.\nVia: Wire\nA view.\n").unwrap();
    // Cached parses are only served when the file is older than the racy window.
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    fs::File::options().write(true).open(&article).unwrap().set_modified(old).unwrap();
    let library = dir.path().join("library.sqlite3");
    let config = dir.path().join("config.toml");
    fs::write(&config, "[parse]\nsource-prefixes = [\"via\"]\n").unwrap();
    triptych().args(["library", "update", "--library"]).arg(&library).arg(&article).assert().success();
    let plain = stdout_of(triptych().args(["list", "--library"]).arg(&library).arg(&article));
    assert!(plain.contains("\t-\t"), "the default rules see no source: {plain}");
    let with = stdout_of(
        triptych().args(["list", "--library"]).arg(&library).arg("--config").arg(&config).arg(&article),
    );
    assert!(with.contains("\tWire\t"), "{with}");
}

#[test]
fn the_readme_example_is_a_valid_config() {
    let readme = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = readme.split("## Configuration").nth(1).expect("a Configuration section");
    let example =
        section.split("```toml\n").nth(1).and_then(|s| s.split("```").next()).expect("a toml example");
    let config = triptych::config::Config::from_toml(example, std::path::Path::new("README.md"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(config, triptych::config::Config::default());
    assert_eq!(config.max_text_width, Some(80));
}
