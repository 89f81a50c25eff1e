//! What the reader does outside itself: open a URL, edit a file, page text, copy to the
//! clipboard. `update` only names the effect (`App::effect`); the event loop performs it here,
//! where the terminal is. Programs are started with arguments, never through a shell string.

use std::io::{self, stdout, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crossterm::cursor::Show;
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{enable_raw_mode, EnterAlternateScreen};

use super::input::InputGate;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// A web address for `$BROWSER` or the platform's opener.
    Browse(String),
    /// The article's file, for `$EDITOR`.
    Edit(PathBuf),
    /// Plain text for `$PAGER`.
    Page(String),
    /// Text for the terminal's clipboard (OSC 52).
    Copy(String),
}

/// The most text one OSC 52 sequence carries: terminals drop longer ones (xterm's default
/// limit is about 100 kB of base64).
pub const MAX_COPY_BYTES: usize = 74_000;

/// Performs `effect`; the answer is a line for the status bar. Programs that use the terminal
/// run with it handed over (alternate screen left, raw mode off, input thread parked) and the
/// reader redraws everything when they end.
pub fn perform(
    effect: Effect,
    terminal: &mut ratatui::DefaultTerminal,
    gate: &InputGate,
    osc52: bool,
) -> String {
    match effect {
        Effect::Browse(url) => browse(&url, terminal, gate),
        Effect::Edit(path) => edit(&path, terminal, gate),
        Effect::Page(text) => page(&text, terminal, gate),
        Effect::Copy(text) => copy(&text, osc52),
    }
}

/// The program named by environment variable `var` (words split at spaces, so `code -w`
/// works), or `fallback`.
fn program(var: &str, fallback: &str) -> Vec<String> {
    let words: Vec<String> = std::env::var(var)
        .ok()
        .map(|v| v.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default();
    if words.is_empty() {
        vec![fallback.to_string()]
    } else {
        words
    }
}

fn command(words: &[String]) -> Command {
    let mut c = Command::new(&words[0]);
    c.args(&words[1..]);
    c
}

/// Runs `c` in the terminal and waits for it; "" on success, else what went wrong.
fn run_in_terminal(
    mut c: Command,
    name: &str,
    stdin_text: Option<&str>,
    terminal: &mut ratatui::DefaultTerminal,
    gate: &InputGate,
) -> String {
    if stdin_text.is_some() {
        c.stdin(Stdio::piped());
    }
    let outcome = suspended(terminal, gate, || {
        let mut child = c.spawn()?;
        if let (Some(text), Some(mut stdin)) = (stdin_text, child.stdin.take()) {
            // A pager that quits before reading everything closes the pipe: not an error.
            let _ = stdin.write_all(text.as_bytes());
        }
        child.wait()
    });
    match outcome {
        Ok(Ok(status)) if status.success() => String::new(),
        Ok(Ok(status)) => format!("{name} ended with {status}"),
        Ok(Err(e)) => format!("cannot run {name}: {e}"),
        Err(e) => format!("terminal: {e}"),
    }
}

/// Hands the terminal to `f` and takes it back: the screen is fully redrawn afterwards.
fn suspended<T>(
    terminal: &mut ratatui::DefaultTerminal,
    gate: &InputGate,
    f: impl FnOnce() -> T,
) -> io::Result<T> {
    // The input thread must not read the keys meant for the program.
    gate.pause();
    let _ = execute!(stdout(), DisableMouseCapture, Show);
    let _ = ratatui::try_restore();
    let out = f();
    let back = enable_raw_mode()
        .and_then(|_| execute!(stdout(), EnterAlternateScreen, EnableMouseCapture))
        .and_then(|_| terminal.clear());
    gate.resume();
    back.map(|_| out)
}

/// A web address with a scheme a browser should be given; anything else (a relative link, a
/// `file:` or `javascript:` address, an argument-like `-x`) is refused.
pub fn openable(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    ["http://", "https://", "mailto:", "ftp://", "gemini://"].iter().any(|s| lower.starts_with(s))
}

fn browse(url: &str, terminal: &mut ratatui::DefaultTerminal, gate: &InputGate) -> String {
    if !openable(url) {
        return format!("not opening {url}: only http, https, mailto, ftp and gemini addresses");
    }
    // $BROWSER may be a terminal browser: it gets the terminal. It can list several, `:`-separated.
    if let Some(first) = std::env::var("BROWSER").ok().and_then(|b| b.split(':').next().map(str::to_string)) {
        let words: Vec<String> = first.split_whitespace().map(str::to_string).collect();
        if !words.is_empty() {
            let mut c = command(&words);
            c.arg(url);
            let err = run_in_terminal(c, "$BROWSER", None, terminal, gate);
            return if err.is_empty() { format!("opened {url}") } else { err };
        }
    }
    // The platform opener hands the address to a graphical browser and returns: run in the
    // background with no terminal, so its chatter cannot draw over the reader.
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let spawned = Command::new(opener)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    match spawned {
        Ok(mut child) => {
            // Reaped in the background so no zombie is left.
            std::thread::spawn(move || child.wait());
            format!("opened {url}")
        }
        Err(e) => format!("cannot run {opener} (set $BROWSER): {e}"),
    }
}

fn edit(path: &Path, terminal: &mut ratatui::DefaultTerminal, gate: &InputGate) -> String {
    if !path.is_file() {
        return format!("no file to edit: {}", path.display());
    }
    // A relative path that starts with `-` would read as an option.
    let path = if path.is_relative() { Path::new(".").join(path) } else { path.to_path_buf() };
    let mut c = command(&program("EDITOR", "vi"));
    c.arg(&path);
    let err = run_in_terminal(c, "$EDITOR", None, terminal, gate);
    if err.is_empty() {
        "edited; changes show the next time the file is read".to_string()
    } else {
        err
    }
}

fn page(text: &str, terminal: &mut ratatui::DefaultTerminal, gate: &InputGate) -> String {
    run_in_terminal(command(&program("PAGER", "less")), "$PAGER", Some(text), terminal, gate)
}

fn copy(text: &str, osc52: bool) -> String {
    if !osc52 {
        return "copying is turned off".to_string();
    }
    if !stdout().is_terminal() {
        return "not copied: output is not a terminal".to_string();
    }
    if text.len() > MAX_COPY_BYTES {
        return format!("not copied: {} kB is more than a terminal takes at once", text.len() / 1000);
    }
    let mut out = stdout().lock();
    match write!(out, "{}", osc52_sequence(text)).and_then(|_| out.flush()) {
        Ok(()) => format!("copied {} characters", text.chars().count()),
        Err(e) => format!("not copied: {e}"),
    }
}

/// The OSC 52 sequence that puts `text` on the clipboard.
pub fn osc52_sequence(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// Standard base64 with padding: a dozen lines do not need a crate.
fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(TABLE[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard_vectors() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
        assert_eq!(osc52_sequence("hi"), "\x1b]52;c;aGk=\x07");
    }

    #[test]
    fn only_web_addresses_are_opened() {
        assert!(openable("https://example.com/a?b=c"));
        assert!(openable("HTTP://EXAMPLE.COM"));
        for bad in ["-x", "file:///etc/passwd", "javascript:alert(1)", "page.html", "$(rm -rf)"] {
            assert!(!openable(bad), "{bad}");
        }
    }
}
