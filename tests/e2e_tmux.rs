//! End to end: the real binary in a real pseudo-terminal (tmux), driven by keys, read from the
//! screen. Checks the panes, the effect of keys, and that the terminal is restored on exit.

mod common;

use common::tmux::{binary, Tmux};

#[test]
fn reader_shows_three_panes_reacts_to_keys_and_restores_the_terminal() {
    let t = Tmux::start(120, 40);
    t.launch("");
    let screen = t.wait_for_text("Articles (11)");
    assert!(screen.contains("◆ OpenAI CEO Sam Altman"), "{screen}");
    assert!(screen.contains("OpenAI CEO Sam Altman Outlines Three"), "body title: {screen}");
    assert!(screen.contains("ABAB AI Insight"), "insight label: {screen}");
    assert!(screen.contains("Iterative deployment is essentially"), "insight text: {screen}");
    assert!(screen.contains(" 1/11 │ List │"), "status: {screen}");
    assert_eq!(t.format("#{alternate_on}"), "1", "runs in the alternate screen");

    t.send(&["j"]);
    let screen = t.wait_for_text(" 2/11 │ List │");
    assert!(screen.contains("Rotterdam Terminal Doubles Automated"), "j selected the next article: {screen}");
    assert!(screen.contains("The crane order is a bet"), "its insight is shown: {screen}");

    t.send(&["Tab"]);
    t.wait_for_text(" 2/11 │ Body │");

    t.send(&["?"]);
    let screen = t.wait_for_text("Help — Esc or ? to close");
    assert!(screen.contains("next article / scroll down"), "{screen}");
    t.send(&["Escape"]);
    t.wait_for("the help overlay to close", |s| !s.contains("Help — Esc"));

    t.send(&["q"]);
    let screen = t.wait_for_text("TRIPTYCH-EXITED-0");
    assert!(!screen.contains("Articles (11)"), "the reader's screen is gone: {screen}");
    assert_eq!(t.format("#{alternate_on}"), "0", "alternate screen left");
    assert_eq!(t.format("#{cursor_flag}"), "1", "cursor shown");
    assert_eq!(
        t.format("#{mouse_any_flag}#{mouse_button_flag}#{mouse_all_flag}"),
        "000",
        "mouse capture off"
    );
}

#[test]
fn sigterm_restores_the_terminal() {
    let t = Tmux::start(100, 30);
    let pidfile = t.dir.path().join("pid");
    t.type_line(&format!(
        "sh -c 'echo $$ > {}; exec {}'; echo TRIPTYCH-EXITED-$?",
        pidfile.display(),
        binary().display()
    ));
    t.wait_for_text("Articles (11)");
    let pid = std::fs::read_to_string(&pidfile).unwrap();
    assert!(std::process::Command::new("kill").args(["-TERM", pid.trim()]).status().unwrap().success());
    t.wait_for_text("TRIPTYCH-EXITED-");
    assert_eq!(t.format("#{alternate_on}"), "0");
    assert_eq!(t.format("#{mouse_any_flag}#{mouse_button_flag}#{mouse_all_flag}"), "000");
}

#[test]
fn resizing_rewraps_and_collapses_the_list() {
    let t = Tmux::start(120, 40);
    t.launch("");
    t.wait_for_text("Articles (11)");
    t.send(&["Tab"]);
    t.wait_for_text("│ Body │");
    assert!(t.cmd_resize(70, 30));
    let screen = t.wait_for("the list to collapse", |s| !s.contains("Articles (11)"));
    assert!(screen.contains("ABAB AI Insight"), "{screen}");
    assert!(screen.lines().all(|l| unicode_width::UnicodeWidthStr::width(l) <= 70));
    t.send(&["q"]);
    t.wait_for_text("TRIPTYCH-EXITED-0");
}

#[test]
fn slash_search_filters_as_you_type_and_esc_clears() {
    let t = Tmux::start(120, 40);
    t.launch("");
    t.wait_for_text("Articles (11)");
    t.send(&["/"]);
    t.send(&["-l", "altman"]);
    let screen = t.wait_for_text("Articles (1 of 11)");
    assert!(screen.contains("/altman  1 of 11"), "{screen}");
    assert!(screen.contains("◆ OpenAI CEO Sam Altman"), "{screen}");
    t.send(&["Enter"]);
    let screen = t.wait_for_text("│ /altman 2 matches");
    assert!(screen.contains(" 1/1 │ Body │"), "Enter keeps the filter and opens the article: {screen}");
    t.send(&["n"]);
    t.wait_for_text("match 1/2");
    t.send(&["Escape"]);
    t.wait_for_text("Articles (11)");
    t.send(&["q"]);
    t.wait_for_text("TRIPTYCH-EXITED-0");
}

#[test]
fn hostile_article_cannot_drive_the_terminal() {
    let t = Tmux::start(120, 40);
    t.cmd_title("original-title");
    let fixture = common::fixture("hostile.txt");
    t.type_line(&format!(
        "echo BEFORE-MARKER; {} {}; echo TRIPTYCH-EXITED-$?",
        binary().display(),
        fixture.display()
    ));
    let screen = t.wait_for_text("Articles (1)");
    // The text is there, inert: escape sequences shown as ␛, the reversed word in logical order.
    assert!(screen.contains("Hostile ␛title ␛ with escapes"), "{screen}");
    assert!(screen.contains("Clipboard ␛ write and a ␛forged link␛"), "{screen}");
    assert!(screen.contains("a reversed evil"), "{screen}");
    assert!(screen.contains("The line after it survives."), "{screen}");
    assert!(
        screen.contains("Articles (1)") && screen.contains(" 1/1 │ List │"),
        "screen not cleared: {screen}"
    );
    assert_eq!(t.format("#{pane_title}"), "original-title", "OSC 0 did not set the title");
    assert_eq!(t.buffers(), "", "OSC 52 did not write a paste buffer");
    t.send(&["q"]);
    let screen = t.wait_for_text("TRIPTYCH-EXITED-0");
    assert!(screen.contains("BEFORE-MARKER"), "the shell screen was not cleared: {screen}");
    assert_eq!(t.format("#{pane_title}"), "original-title");
}

#[test]
fn compare_mode_in_a_real_terminal() {
    let t = Tmux::start(120, 40);
    t.launch("");
    t.wait_for_text("Articles (11)");
    t.send(&["c"]);
    t.wait_for_text("│ COMPARE │ I1/11 supported │ F1 ");
    t.send(&["j"]);
    t.wait_for_text("│ COMPARE │ I2/11 ");
    t.send(&["Escape"]);
    t.wait_for("compare mode to end", |s| !s.contains("COMPARE") && s.contains("│ Insight │"));
    t.send(&["q"]);
    t.wait_for_text("TRIPTYCH-EXITED-0");
}

#[test]
fn load_warnings_are_counted_in_the_reader_and_visible_after_it() {
    let t = Tmux::start(120, 30);
    let dir = t.dir.path().join("articles");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("good.txt"), "Good title\nA fact.\n").unwrap();
    std::fs::write(dir.join("bad.json"), "{").unwrap();
    t.launch(&dir.display().to_string());
    let screen = t.wait_for_text("Articles (1)");
    assert!(screen.contains(" 1 load warning, shown on exit "), "{screen}");
    t.send(&["q"]);
    let screen = t.wait_for_text("TRIPTYCH-EXITED-0");
    assert!(screen.contains("warning: skipped") && screen.contains("bad.json"), "{screen}");
}
