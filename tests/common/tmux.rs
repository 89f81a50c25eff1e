//! Driving the real binary in a real pseudo-terminal with tmux (send-keys / capture-pane).
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

/// A private tmux server running one shell session; killed on drop.
pub struct Tmux {
    socket: String,
    pub dir: tempfile::TempDir,
}

/// How long to wait for the screen to show what a test expects before failing.
const PATIENCE: Duration = Duration::from_secs(15);

impl Tmux {
    pub fn start(width: u16, height: u16) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let socket = format!(
            "triptych-test-{}-{}",
            std::process::id(),
            dir.path().display().to_string().len() + rand_suffix()
        );
        // Everything started in the session keeps its library in the session's own folder:
        // tests never touch the user's.
        let library = format!("TRIPTYCH_LIBRARY={}", dir.path().join("library.sqlite3").display());
        // ...and reads no config file but the one a test names.
        let config_home = format!("XDG_CONFIG_HOME={}", dir.path().join("config-home").display());
        let t = Tmux { socket, dir };
        let status = t
            .cmd()
            .args(["new-session", "-d", "-s", "main", "-x", &width.to_string(), "-y", &height.to_string()])
            .args(["env", "-u", "TRIPTYCH_CONFIG", "PS1=$ ", &library, &config_home, "sh"])
            .status()
            .expect("tmux must be installed to run the end-to-end tests (apt-get install tmux)");
        assert!(status.success());
        t
    }

    fn cmd(&self) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket, "-f", "/dev/null"]).env("TERM", "xterm-256color");
        c
    }

    /// Types `keys` (tmux key names, e.g. "j", "Tab", "Escape", "Enter").
    pub fn send(&self, keys: &[&str]) {
        let ok = self.cmd().args(["send-keys", "-t", "main"]).args(keys).status().unwrap().success();
        assert!(ok, "send-keys {keys:?}");
    }

    /// Starts the real binary with `args` from the shell on a cleared screen; when it exits the shell prints `TRIPTYCH-EXITED-<status>`.
    pub fn launch(&self, args: &str) {
        self.type_line(&format!("clear; {} {args}; echo TRIPTYCH-EXITED-$?", binary().display()));
    }

    /// Starts the binary with `args` so that its pid can be read: the returned file holds it.
    pub fn launch_with_pid(&self, args: &str) -> PathBuf {
        let pidfile = self.dir.path().join("pid");
        let _ = std::fs::remove_file(&pidfile);
        self.type_line(&format!(
            "sh -c 'echo $$ > {}; exec {} {args}'; echo TRIPTYCH-EXITED-$?",
            pidfile.display(),
            binary().display()
        ));
        pidfile
    }

    /// Types a line of text literally, then Enter.
    pub fn type_line(&self, line: &str) {
        assert!(self.cmd().args(["send-keys", "-t", "main", "-l", line]).status().unwrap().success());
        self.send(&["Enter"]);
    }

    pub fn screen(&self) -> String {
        let out = self.cmd().args(["capture-pane", "-p", "-t", "main"]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The screen with its colours and attributes as SGR escape sequences (`capture-pane -e`).
    pub fn styled_screen(&self) -> String {
        let out = self.cmd().args(["capture-pane", "-p", "-e", "-t", "main"]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// A tmux format value for the pane, e.g. `#{alternate_on}`.
    pub fn format(&self, f: &str) -> String {
        let out = self.cmd().args(["display-message", "-p", "-t", "main", f]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Waits until the screen satisfies `pred`; panics with the screen if it never does.
    pub fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if pred(&screen) {
                return screen;
            }
            if start.elapsed() > PATIENCE {
                panic!("timed out waiting for {what}; screen:\n{screen}");
            }
            sleep(Duration::from_millis(50));
        }
    }

    pub fn wait_for_text(&self, text: &str) -> String {
        self.wait_for(text, |s| s.contains(text))
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd().arg("kill-server").status();
    }
}

fn rand_suffix() -> usize {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

pub fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_triptych"))
}

impl Tmux {
    /// Resizes the window, as a user dragging the terminal would.
    pub fn cmd_resize(&self, width: u16, height: u16) -> bool {
        self.cmd()
            .args(["resize-window", "-t", "main", "-x", &width.to_string(), "-y", &height.to_string()])
            .status()
            .unwrap()
            .success()
    }
}

impl Tmux {
    /// Sets the pane title, so a test can see whether anything changed it.
    pub fn cmd_title(&self, title: &str) {
        assert!(self.cmd().args(["select-pane", "-t", "main", "-T", title]).status().unwrap().success());
        // Let programs set the title and the clipboard as a real terminal would allow.
        let _ = self.cmd().args(["set-option", "-g", "set-clipboard", "on"]).status();
        let _ = self.cmd().args(["set-option", "-g", "allow-rename", "on"]).status();
    }

    /// The paste buffers' names, one per line ("" when there are none).
    pub fn buffers(&self) -> String {
        let out = self.cmd().args(["list-buffers", "-F", "#{buffer_name}"]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }
}

impl Tmux {
    /// Deletes every paste buffer.
    pub fn clear_buffers(&self) {
        for name in self.buffers().lines() {
            let _ = self.cmd().args(["delete-buffer", "-b", name]).status();
        }
    }

    /// Ends the tmux server, closing the pseudo-terminal under whatever runs in it.
    pub fn kill_server(&self) {
        let _ = self.cmd().arg("kill-server").status();
    }
}

impl Tmux {
    /// The text of the newest paste buffer.
    pub fn buffer_text(&self) -> String {
        let out = self.cmd().args(["show-buffer"]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}
