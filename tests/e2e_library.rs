//! The reader remembers: open an article, scroll, star it, quit, start again, and find the same
//! article selected and open, scrolled to the same place, with its marks shown.

mod common;

use common::tmux::Tmux;

/// The status bar's position, pane and scroll fields, e.g. "3/11 │ Body │ 40%".
fn status(screen: &str) -> String {
    let last = screen.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("");
    last.split(" │ ?").next().unwrap_or("").trim().to_string()
}

#[test]
fn reading_state_survives_a_restart() {
    let t = Tmux::start(120, 30);
    t.launch("");
    t.wait_for_text("Articles (11)");
    t.send(&["j", "j", "Enter"]);
    t.wait_for_text("3/11 │ Body");
    t.send(&["j", "j", "j", "s"]);
    let before = t.wait_for("the star", |s| s.contains("read ★"));
    let body_line = before.lines().nth(3).unwrap().to_string();
    assert!(status(&before).starts_with("3/11 │ Body │ "), "{before}");
    assert!(!status(&before).contains("│ 0% │"), "scrolled: {before}");
    t.send(&["q"]);
    t.wait_for_text("TRIPTYCH-EXITED-0");

    t.launch("");
    // The status line is drawn last: until it matches, the frame may be half written (a
    // different article, pane or scroll times out here, showing the screen).
    let after = t.wait_for("the same article, pane and scroll", |s| {
        s.contains("Articles (11)") && status(s) == status(&before)
    });
    assert_eq!(after.lines().nth(3).unwrap(), body_line, "the same text at the top of the body");
    assert!(after.contains("read ★"), "{after}");
    assert!(after.contains("★ "), "the list shows the star: {after}");
    // The list filter: only the starred article.
    t.send(&["f", "f"]);
    t.wait_for_text("Starred (1 of 11)");
    t.send(&["q"]);
    t.wait_for_text("TRIPTYCH-EXITED-0");
}

#[test]
fn a_second_start_from_the_list_index_shows_the_list_then_the_text() {
    let t = Tmux::start(120, 30);
    let news = t.dir.path().join("news");
    std::fs::create_dir_all(&news).unwrap();
    for i in 0..12 {
        let file = news.join(format!("{i:02}.txt"));
        std::fs::write(&file, format!("Story {i}\nThe text of story number {i}.\n")).unwrap();
        // Modified in the past: a file modified within the last seconds gets no index row.
        let touched = std::process::Command::new("touch").args(["-d", "2020-01-01"]).arg(&file).status();
        assert!(touched.unwrap().success());
    }
    let library = t.dir.path().join("library.sqlite3");
    let listed = assert_cmd::Command::cargo_bin("triptych")
        .unwrap()
        .env("TRIPTYCH_LIBRARY", &library)
        .arg("list")
        .arg(&news)
        .output()
        .unwrap();
    assert!(listed.status.success());
    let rows: i64 = rusqlite::Connection::open(&library)
        .unwrap()
        .query_row("SELECT COUNT(*) FROM listing", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 12, "the list index holds every file");

    t.launch(&news.display().to_string());
    t.wait_for_text("Articles (12)");
    t.send(&["j", "j", "Enter", "s"]);
    t.wait_for("the text and the star", |s| s.contains("The text of story number 2.") && s.contains("★"));
    t.send(&["q"]);
    t.wait_for_text("TRIPTYCH-EXITED-0");

    // Started from the index: the same article selected, its text read in the background.
    t.launch(&news.display().to_string());
    let after = t.wait_for("the text", |s| s.contains("The text of story number 2."));
    assert!(after.contains("Articles (12)") && after.contains("read ★"), "{after}");
    t.send(&["]"]);
    t.wait_for_text("The text of story number 3.");
    t.send(&["q"]);
    t.wait_for_text("TRIPTYCH-EXITED-0");
}

#[test]
fn a_read_only_library_folder_still_restores_the_reading_state() {
    let t = Tmux::start(120, 30);
    t.launch("");
    t.wait_for_text("Articles (11)");
    t.send(&["j", "j", "Enter"]);
    t.wait_for_text("3/11 │ Body");
    t.send(&["j", "j", "j", "s"]);
    let before = t.wait_for("the star", |s| s.contains("read ★"));
    let body_line = before.lines().nth(3).unwrap().to_string();
    t.send(&["q"]);
    t.wait_for_text("TRIPTYCH-EXITED-0");

    // The library's folder (the session's) becomes read-only; as root, whom chmod does not
    // restrict, the reader runs as `nobody`.
    let dir = t.dir.path();
    let library = dir.join("library.sqlite3");
    let mode =
        |m: &str| assert!(std::process::Command::new("chmod").arg(m).arg(dir).status().unwrap().success());
    mode("555");
    let files = || {
        let mut f: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name()).collect();
        f.sort();
        f
    };
    let (listed, bytes) = (files(), std::fs::read(&library).unwrap());
    let root = std::process::Command::new("id").arg("-u").output().unwrap().stdout == b"0\n";
    let binary = common::tmux::binary().display().to_string();
    let as_user =
        if root { format!("setpriv --reuid=65534 --regid=65534 --clear-groups {binary}") } else { binary };
    t.type_line(&format!("clear; {as_user}; echo TRIPTYCH-EXITED-$?"));
    let after = t.wait_for("the reader", |s| s.contains("Articles (11)") && s.contains("read ★"));
    assert!(after.contains("read-only library: not saving"), "{after}");
    assert!(status(&after).ends_with(&status(&before)), "same article, pane and scroll:\n{after}");
    assert_eq!(after.lines().nth(3).unwrap(), body_line, "the same text at the top of the body");
    // Changes are shown but not saved.
    t.send(&["s", "Tab", "j", "j"]);
    t.wait_for("the star taken off", |s| !s.contains("read ★"));
    t.send(&["q"]);
    t.wait_for_text("TRIPTYCH-EXITED-0");
    assert_eq!((files(), std::fs::read(&library).unwrap()), (listed, bytes), "nothing written");
    mode("700");
}

/// The file is edited above where the reader was (paragraphs added at the top) between two
/// runs: the reader reopens at the same words, not at the same byte offset.
#[test]
fn an_edit_above_the_reading_position_is_followed_across_runs() {
    let t = Tmux::start(120, 20);
    let file = t.dir.path().join("valley.txt");
    let para = |i: usize| {
        format!("Paragraph {i:02} tells of the harvest in the valley, and of prices and weather there.")
    };
    let body = |lead: &str| {
        let paras: Vec<String> = (0..40).map(para).collect();
        format!("Harvest report\n\n{lead}{}\n", paras.join("\n\n"))
    };
    std::fs::write(&file, body("")).unwrap();
    t.launch(&file.display().to_string());
    t.wait_for_text("Articles (1)");
    t.send(&["Enter", "PageDown", "PageDown"]);
    let before = t.wait_for("the body scrolled", |s| !status(s).contains("│ 0%") && s.contains("│ Body │"));
    let top = before.lines().nth(1).unwrap();
    let shown = top[top.find("Paragraph").expect("a paragraph at the top")..][..12].to_string();
    t.send(&["q"]);
    t.wait_for_text("TRIPTYCH-EXITED-0");

    let lead: String = (0..5)
        .map(|i| format!("Added {i}: a lead paragraph written while the reader was away.\n\n"))
        .collect();
    std::fs::write(&file, body(&lead)).unwrap();
    t.launch(&file.display().to_string());
    let after = t.wait_for("the text", |s| s.contains("│ Body │") && s.contains("Paragraph"));
    let top = after.lines().nth(1).unwrap();
    assert!(top.contains(&shown), "{shown} at the top again:\n{after}");
    t.send(&["q"]);
    t.wait_for_text("TRIPTYCH-EXITED-0");
}
