//! End to end: acting on an article from the real binary in tmux. `e`, `v` and `o` hand the
//! terminal to $EDITOR, $PAGER and $BROWSER (here scripts that record what they were given)
//! and the reader comes back whole; `y` puts the text on tmux's clipboard with OSC 52.

mod common;

use std::path::Path;

use common::tmux::{binary, Tmux};

const ARTICLE: &str = "---\ntitle: Harbour cranes arrive\nsource: Port Gazette\ndate: 2024-05-01\n\
    author: Jane Doe\nurl: https://example.com/cranes\ntags: [ports, automation]\n---\n\n\
    The first [cranes](https://example.com/one) arrived on Monday.\n\n## Insight\n\nAutomation is coming.\n";

/// A script that writes its arguments and its terminal's settings to `record`, shows a marker
/// and waits until `release` exists (so the test can look at the screen while it runs). With
/// `read_stdin` it also keeps what it was sent.
fn recording_script(dir: &Path, name: &str, read_stdin: bool) -> std::path::PathBuf {
    let script = dir.join(name);
    let record = dir.join(format!("{name}.args"));
    let release = dir.join(format!("{name}.release"));
    let stdin = if read_stdin { format!("cat > {}.stdin", record.display()) } else { String::new() };
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\n{stdin}\nstty -a < /dev/tty > {r}.stty 2>&1\nprintf '%s\\n' \"$@\" > {r}\n\
             echo {name}-RAN\nwhile [ ! -e {release} ]; do sleep 0.05; done\n",
            r = record.display(),
            release = release.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script
}

/// Presses `key`, checks that the program ran on the normal screen with the terminal in
/// cooked mode, lets it end, and waits for the reader to draw itself again. Returns what the
/// program was given as arguments.
fn hand_over(t: &Tmux, key: &str, name: &str) -> String {
    t.send(&[key]);
    t.wait_for_text(&format!("{name}-RAN"));
    assert_eq!(t.format("#{alternate_on}"), "0", "{name} runs on the normal screen");
    let record = t.dir.path().join(format!("{name}.args"));
    let stty = std::fs::read_to_string(format!("{}.stty", record.display())).unwrap();
    assert!(stty.contains(" icanon") && !stty.contains("-icanon"), "raw mode is off for {name}: {stty}");
    std::fs::write(t.dir.path().join(format!("{name}.release")), "").unwrap();
    // Whole again: the list, the body, the insight pane and the status bar, and nothing the
    // program printed.
    let screen = t.wait_for("the reader to redraw", |s| {
        s.contains("Articles (1)") && s.contains("Automation is coming.") && !s.contains("-RAN")
    });
    assert!(screen.contains("Harbour cranes arrive") && screen.contains(" 1/1 │"), "{screen}");
    assert_eq!(t.format("#{alternate_on}"), "1", "back in the alternate screen");
    std::fs::read_to_string(record).unwrap()
}

#[test]
fn editor_pager_browser_and_clipboard_from_the_reader() {
    let t = Tmux::start(120, 30);
    t.cmd_title("reader"); // also lets programs set the clipboard
    let dir = t.dir.path();
    let file = dir.join("cranes.md");
    std::fs::write(&file, ARTICLE).unwrap();
    let editor = recording_script(dir, "EDITOR", false);
    let pager = recording_script(dir, "PAGER", true);
    let browser = recording_script(dir, "BROWSER", false);
    t.type_line(&format!(
        "clear; EDITOR={} PAGER={} BROWSER={} {} {}; echo TRIPTYCH-EXITED-$?",
        editor.display(),
        pager.display(),
        browser.display(),
        binary().display(),
        file.display()
    ));
    // Waiting for the list's title alone could catch a frame half written.
    t.wait_for_text("Articles (1)");
    t.wait_for_text("2024-05-01 · by Jane Doe");

    assert_eq!(hand_over(&t, "e", "EDITOR"), format!("{}\n", file.display()), "the article's file");
    // Keys reach the reader again after the hand-over.
    t.send(&["Tab"]);
    t.wait_for_text(" 1/1 │ Body │");

    hand_over(&t, "v", "PAGER");
    let paged = std::fs::read_to_string(dir.join("PAGER.args.stdin")).unwrap();
    assert!(
        paged.starts_with("Harbour cranes arrive\n") && paged.contains("[1] https://example.com/one"),
        "{paged}"
    );

    // One link: `o` asks which; Enter opens the article's URL, `1` the link.
    t.send(&["o"]);
    t.wait_for_text("open link");
    assert_eq!(hand_over(&t, "Enter", "BROWSER"), "https://example.com/cranes\n");
    t.send(&["o"]);
    t.wait_for_text("open link");
    std::fs::remove_file(dir.join("BROWSER.release")).unwrap();
    assert_eq!(hand_over(&t, "1", "BROWSER"), "https://example.com/one\n");

    t.clear_buffers();
    t.send(&["y"]);
    t.wait_for_text("copied");
    assert_eq!(t.buffers(), "buffer0", "OSC 52 reached the terminal's clipboard");
    assert!(t.buffer_text().starts_with("Harbour cranes arrive\n"), "{}", t.buffer_text());

    t.send(&["q"]);
    t.wait_for_text("TRIPTYCH-EXITED-0");
}

#[test]
fn esc_does_not_quit_and_warnings_are_read_inside() {
    let t = Tmux::start(100, 30);
    let dir = t.dir.path().join("articles");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("good.txt"), "Good title\nA fact.\n").unwrap();
    std::fs::write(dir.join("bad.json"), "{").unwrap();
    t.launch(&dir.display().to_string());
    // Waited for as a whole: a capture can land in the middle of the first frame.
    t.wait_for("the list and the warning count", |s| {
        s.contains("Articles (1)") && s.contains(" 1 load warning: w shows ")
    });
    t.send(&["Escape", "Escape", "Escape"]);
    t.wait_for_text("nothing to back out of; q quits");
    t.send(&["w"]);
    let screen = t.wait_for_text("1 load warning — Esc to close");
    assert!(screen.contains("warning: skipped") && screen.contains("bad.json"), "{screen}");
    t.send(&["Escape"]);
    let screen = t.wait_for("the overlay to close", |s| !s.contains("Esc to close"));
    assert!(!screen.contains("load warning"), "the count goes once seen: {screen}");
    t.send(&["q"]);
    t.wait_for_text("TRIPTYCH-EXITED-0");
}

/// `e`, and the editor changes the file: the reader shows the new text when it comes back,
/// on the same article, with its marks.
#[test]
fn the_edited_file_is_read_again_when_the_editor_returns() {
    let t = Tmux::start(120, 30);
    let dir = t.dir.path();
    let file = dir.join("cranes.md");
    std::fs::write(&file, ARTICLE).unwrap();
    std::fs::write(dir.join("other.txt"), "Another article\nA fact.\n").unwrap();
    let editor = dir.join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nsed 's/Automation is coming./Automation arrived early./' \"$1\" > \"$1.new\" && mv \"$1.new\" \"$1\"\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    t.type_line(&format!(
        "clear; EDITOR={} {} {}; echo TRIPTYCH-EXITED-$?",
        editor.display(),
        binary().display(),
        dir.display()
    ));
    t.wait_for_text("Articles (2)");
    t.send(&["s"]);
    t.wait_for_text("★");
    t.send(&["e"]);
    // Waited for as a whole: a capture can land in the middle of a frame.
    let screen = t.wait_for("the new text and the status bar", |s| {
        s.contains("Automation arrived early.") && s.contains(" 1/2 │")
    });
    assert!(!screen.contains("Automation is coming."), "{screen}");
    assert!(screen.contains("Harbour cranes arrive") && screen.contains(" 1/2 │"), "{screen}");
    assert!(screen.contains('★'), "still starred: {screen}");
    t.send(&["q"]);
    t.wait_for_text("TRIPTYCH-EXITED-0");
}
