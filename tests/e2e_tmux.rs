//! End to end: the real binary in a real pseudo-terminal (tmux), driven by keys, read from the
//! screen. Checks the panes, the effect of keys, and that the terminal is restored on exit.

mod common;

use common::tmux::{binary, Tmux};

#[test]
fn reader_shows_three_panes_reacts_to_keys_and_restores_the_terminal() {
    let t = Tmux::start(120, 40);
    t.launch("");
    // The status bar is the last row drawn: once it is there, so is the rest of the frame.
    let screen =
        t.wait_for("the first frame", |s| s.contains("Articles (11)") && s.contains(" 1/11 │ List │"));
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
    let pidfile = t.launch_with_pid("");
    t.wait_for_text("Articles (11)");
    let pid = std::fs::read_to_string(&pidfile).unwrap();
    assert!(std::process::Command::new("kill").args(["-TERM", pid.trim()]).status().unwrap().success());
    t.wait_for_text("TRIPTYCH-EXITED-143");
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
    // Waited for as a whole: a capture can land in the middle of a redraw.
    t.wait_for("the list to collapse, the insight pane still shown", |s| {
        !s.contains("Articles (11)") && s.contains("ABAB AI Insight")
    });
    // Every row above the status line is drawn across the whole new width and ends at a
    // border: nothing is left over from the wider layout, and nothing runs past the edge.
    let full_width = |screen: &str| {
        let rows: Vec<&str> = screen.lines().collect();
        rows.len() > 2
            && rows[..rows.len() - 2].iter().all(|row| {
                unicode_width::UnicodeWidthStr::width(*row) == 70
                    && row.ends_with(['│', '┃', '┐', '┓', '┘', '┛', '█', '║'])
            })
    };
    t.wait_for("every row drawn 70 columns wide, ending at a border", full_width);
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
    // Positive control: the same bytes printed raw in this tmux do set the title and write a
    // paste buffer, so the checks below can fail.
    // (The fixture's last OSC is unterminated: the BEL after it ends it.)
    t.type_line(&format!("clear; cat {}; printf '\\007'; echo CAT-DONE", fixture.display()));
    t.wait_for_text("CAT-DONE");
    // The last OSC 0 in the file wins: the unterminated one, ended by the BEL.
    t.wait_for("the raw bytes to set the title", |_| t.format("#{pane_title}").starts_with("never closed"));
    assert_eq!(t.buffers(), "buffer0", "OSC 52 printed raw writes a paste buffer");
    t.cmd_title("original-title");
    t.clear_buffers();
    assert_eq!((t.format("#{pane_title}").as_str(), t.buffers().as_str()), ("original-title", ""));
    t.type_line(&format!(
        "echo BEFORE-MARKER; {} {}; echo TRIPTYCH-EXITED-$?",
        binary().display(),
        fixture.display()
    ));
    // The status line is drawn last: waiting for it alone could catch a frame half written.
    let screen = t.wait_for_text(" 1/1 │ List │");
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
    t.wait_for_text("│ COMPARE │ I1/11 supported (support 0.56) │ F1 ");
    t.send(&["j"]);
    t.wait_for_text("│ COMPARE │ I2/11 ");
    t.send(&["Escape"]);
    t.wait_for("compare mode to end", |s| !s.contains("COMPARE") && s.contains("│ Insight │"));
    t.send(&["q"]);
    t.wait_for_text("TRIPTYCH-EXITED-0");
}

/// Compare mode's outside links come from the related worker through the real event loop: the
/// comparison arriving asks for them, and their answer is drawn without another key.
#[test]
fn compare_mode_shows_facts_from_other_articles() {
    let t = Tmux::start(120, 40);
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval/corroboration");
    t.launch(&format!("--no-library {}", folder.display()));
    t.wait_for_text("Articles (30)");
    // The first article's last claim is supported only by another article's fact.
    t.send(&["c"]);
    t.wait_for_text("│ COMPARE │ I1/2 ");
    t.send(&["G"]);
    let screen = t.wait_for_text("Coastal Shipping Weekly,");
    assert!(screen.contains("Elsewhere (other articles):"), "{screen}");
    assert!(screen.contains("↗ 0.91 Bayline puts two catamarans into"), "{screen}");
    assert!(screen.contains("│ I2/2 unsupported (support 0."), "{screen}");
    // One: the fare article (0.38) shares words but is below the supported threshold.
    assert!(screen.contains(") │ no supporting fact │ ↗ 1 elsewhere"), "{screen}");
    t.send(&["q"]);
    t.wait_for_text("TRIPTYCH-EXITED-0");
}

/// A comparison far longer than the test's patience runs on a worker: `q` and SIGTERM end the
/// reader at once while it runs (were it on the input thread, neither would be seen in time).
#[test]
fn quitting_does_not_wait_for_a_long_comparison() {
    let t = Tmux::start(120, 30);
    let path = t.dir.path().join("degenerate.txt");
    let mut text = String::from("Degenerate\n");
    for i in 0..100_000 {
        text.push_str(&format!("Fact {i} says the port moved containers.\n"));
    }
    text.push_str("Source: test\nAnalysis\n");
    for i in 0..100_000 {
        text.push_str(&format!("Claim {i} says the port moved containers.\n"));
    }
    std::fs::write(&path, text).unwrap();
    for stop in ["q", "TERM"] {
        let pidfile = t.launch_with_pid(&path.display().to_string());
        t.wait_for_text("Articles (1)");
        t.send(&["c"]);
        t.wait_for_text("│ comparing…");
        if stop == "q" {
            t.send(&["q"]);
        } else {
            let pid = std::fs::read_to_string(&pidfile).unwrap();
            assert!(std::process::Command::new("kill")
                .args(["-TERM", pid.trim()])
                .status()
                .unwrap()
                .success());
        }
        t.wait_for_text("TRIPTYCH-EXITED-");
        t.send(&["clear", "Enter"]);
        t.wait_for("the screen to clear", |s| !s.contains("TRIPTYCH-EXITED-"));
    }
}

#[test]
fn load_warnings_are_counted_in_the_reader_and_visible_after_it() {
    let t = Tmux::start(120, 30);
    let dir = t.dir.path().join("articles");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("good.txt"), "Good title\nA fact.\n").unwrap();
    std::fs::write(dir.join("bad.json"), "{").unwrap();
    t.launch(&dir.display().to_string());
    // The count comes with the checked list, which may be drawn a frame after the first.
    let screen = t.wait_for_text(" 1 load warning: w shows ");
    assert!(screen.contains("Articles (1)"), "{screen}");
    t.send(&["q"]);
    let screen = t.wait_for_text("TRIPTYCH-EXITED-0");
    assert!(screen.contains("warning: skipped") && screen.contains("bad.json"), "{screen}");
}

#[test]
fn wide_emoji_never_overwrite_a_border() {
    let t = Tmux::start(120, 30);
    let file = t.dir.path().join("emoji.txt");
    std::fs::write(
        &file,
        "Thumbs 👍🏽 family 👨\u{200d}👩\u{200d}👧 snow ☃\u{fe0f} flag 🏳\u{fe0f}\u{200d}🌈 end\n\
         A body line with 👍🏽 and 👨\u{200d}👩\u{200d}👧\u{200d}👦 repeated 👍🏽👍🏿👍🏻 to wrap at the edge of the pane.\n",
    )
    .unwrap();
    t.launch(&file.display().to_string());
    let screen = t.wait_for_text("Articles (1)");
    assert!(screen.contains("Thumbs 👍 family 👨👩👧 snow ☃ flag"), "{screen}");
    let rows: Vec<&str> = screen.lines().collect();
    // Measured per character, as tmux does for these: every row is exactly the pane's width and
    // ends with the insight pane's border, so no glyph pushed a border out of place.
    for row in &rows[..rows.len() - 2] {
        let width: usize = row.chars().map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)).sum();
        assert_eq!(width, 120, "{row:?} in\n{screen}");
        assert!(row.ends_with(['│', '┃', '┐', '┓', '┘', '┛', '█', '║']), "{row:?} in\n{screen}");
    }
    t.send(&["q"]);
    t.wait_for_text("TRIPTYCH-EXITED-0");
}

/// Reads field `n` (1-based, after the command name) of /proc/PID/stat.
fn stat_field(pid: &str, n: usize) -> Option<String> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_name = stat.rsplit_once(')')?.1;
    after_name.split_whitespace().nth(n - 2).map(str::to_string)
}

#[test]
fn the_reader_ends_when_its_terminal_goes_away_without_sighup() {
    let t = Tmux::start(100, 30);
    let pidfile = t.dir.path().join("pid");
    // SIGHUP blocked before exec stays blocked: the reader never hears that its terminal
    // closed (as when it runs detached from the terminal's session) and must notice by itself.
    t.type_line(&format!(
        "echo $$ > {}; exec perl -e 'use POSIX; sigprocmask(SIG_BLOCK, POSIX::SigSet->new(SIGHUP)); exec @ARGV' {}",
        pidfile.display(),
        binary().display()
    ));
    t.wait_for_text("Articles (11)");
    let pid = std::fs::read_to_string(&pidfile).unwrap().trim().to_string();
    let blocked = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let sigblk = blocked.lines().find_map(|l| l.strip_prefix("SigBlk:")).unwrap().trim().to_string();
    assert_eq!(u64::from_str_radix(&sigblk, 16).unwrap() & 1, 1, "SIGHUP (1) is blocked: {sigblk}");
    t.kill_server();
    let start = std::time::Instant::now();
    loop {
        // Gone, or a zombie waiting for its reaper: either way it has ended.
        match stat_field(&pid, 3).as_deref() {
            None | Some("Z") | Some("X") => break,
            Some(_) => {}
        }
        if start.elapsed() > std::time::Duration::from_secs(30) {
            let _ = std::process::Command::new("kill").args(["-KILL", &pid]).status();
            panic!("the reader was still running 30 s after its terminal closed");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

#[test]
fn a_key_remapped_in_the_config_file_works_and_the_hints_and_help_follow_it() {
    let t = Tmux::start(120, 40);
    let config = t.dir.path().join("remapped.toml");
    std::fs::write(&config, "[keys]\ndown = \"w\"\nquit = \"x\"\ntoggle-help = \"f2\"\n").unwrap();
    t.type_line(&format!(
        "clear; TRIPTYCH_CONFIG={} {}; echo TRIPTYCH-EXITED-$?",
        config.display(),
        binary().display()
    ));
    let screen = t.wait_for_text("Articles (11)");
    assert!(screen.contains("F2 help"), "the status bar's hint names the new key: {screen}");
    assert!(!screen.contains("? help"), "{screen}");

    // j no longer moves (it is not one of down's keys now); F2 opens the help, so once the
    // help is on screen j has been handled.
    t.send(&["j", "F2"]);
    let screen = t.wait_for_text("Help — Esc or F2 to close, w/k to scroll");
    let row = screen.lines().find(|l| l.contains("next article / scroll down")).expect("the help lists down");
    let keys = row.split("next article / scroll down").next().unwrap();
    assert_eq!(keys.split_whitespace().last(), Some("w"), "the help lists w for down: {row}");
    t.send(&["Escape"]);
    // Wait for the whole overlay to be gone and the status bar drawn: a capture can catch a
    // frame half drawn (the title gone, the help's rows still there).
    let screen = t.wait_for("the help overlay to close", |s| {
        !s.contains("Help — Esc") && !s.contains("this help") && s.contains("/11 │ List │")
    });
    assert!(screen.contains(" 1/11 │ List │"), "j did nothing: {screen}");

    // q no longer quits: the reader still takes w after it.
    t.send(&["q", "w"]);
    let screen = t.wait_for_text(" 2/11 │ List │");
    assert!(screen.contains("Rotterdam Terminal Doubles Automated"), "w selected the next article: {screen}");
    t.send(&["x"]);
    t.wait_for_text("TRIPTYCH-EXITED-0");
}

#[test]
fn a_bad_config_file_stops_the_reader_before_it_draws() {
    let t = Tmux::start(100, 30);
    let config = t.dir.path().join("bad.toml");
    std::fs::write(&config, "[keys]\nquit = [\"q\", \"ctrl-\"]\n").unwrap();
    t.launch(&format!("--config {}", config.display()));
    let screen = t.wait_for_text("TRIPTYCH-EXITED-2");
    assert!(screen.contains("bad.toml:2:14: unknown key \"ctrl-\""), "{screen}");
    assert_eq!(t.format("#{alternate_on}"), "0", "the reader never started: {screen}");
}

/// The SGR sequences in `styled` that set a colour (`38;5;15`, `41`, `107`), by their parameters.
fn colour_codes(styled: &str) -> Vec<String> {
    // 39 and 49 are the terminal's own colours: not a colour set.
    let sets_colour = |n: u16| ((30..=49).contains(&n) && n != 39 && n != 49) || (90..=107).contains(&n);
    styled
        .split("\x1b[")
        .skip(1)
        .filter_map(|s| s.split_once('m').map(|(params, _)| params))
        .filter(|params| {
            params.split(';').next().and_then(|p| p.parse().ok()).is_some_and(sets_colour)
                || params.split(';').any(|p| p == "38" || p == "48")
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn the_configured_theme_colours_the_screen_and_no_color_wins_over_it() {
    let t = Tmux::start(100, 30);
    let config = t.dir.path().join("light.toml");
    std::fs::write(&config, "theme = \"light\"\n").unwrap();
    let run = |no_color: &str| {
        t.type_line(&format!(
            "clear; {no_color} TRIPTYCH_CONFIG={} {}; echo TRIPTYCH-EXITED-$?",
            config.display(),
            binary().display()
        ));
        t.wait_for_text("ABAB AI Insight");
        let styled = t.styled_screen();
        t.send(&["q"]);
        t.wait_for_text("TRIPTYCH-EXITED-0");
        styled
    };
    let light = colour_codes(&run(""));
    // The light theme paints the screen white (bright white, colour 15, as the background).
    assert!(light.iter().any(|c| c.contains("48;5;15") || c == "107"), "{light:?}");
    let plain = colour_codes(&run("NO_COLOR=1"));
    assert!(plain.is_empty(), "NO_COLOR draws no colour: {plain:?}");
}
