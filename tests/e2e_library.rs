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
    let after = t.wait_for_text("Articles (11)");
    assert_eq!(status(&after), status(&before), "same article, pane and scroll:\n{after}");
    assert_eq!(after.lines().nth(3).unwrap(), body_line, "the same text at the top of the body");
    assert!(after.contains("read ★"), "{after}");
    assert!(after.contains("★ "), "the list shows the star: {after}");
    // The list filter: only the starred article.
    t.send(&["f", "f"]);
    t.wait_for_text("Starred (1 of 11)");
    t.send(&["q"]);
    t.wait_for_text("TRIPTYCH-EXITED-0");
}
