//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod http;
pub mod screen;
pub mod tmux;

use std::path::PathBuf;

use assert_cmd::Command;

/// The real binary, with a fresh library of its own and no config file: no test reads or
/// writes the user's.
pub fn triptych() -> Command {
    let mut c = Command::cargo_bin("triptych").unwrap();
    let library = fresh_library();
    c.env("TRIPTYCH_LIBRARY", &library);
    c.env("XDG_CONFIG_HOME", library.with_file_name("config-home")).env_remove("TRIPTYCH_CONFIG");
    c
}

/// A library path no other test uses (under cargo's per-target temporary folder).
pub fn fresh_library() -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("libraries")
        .join(format!("{}-{n}", std::process::id()))
        .join("library.sqlite3")
}

/// `../shared/corpora/NAME` beside the project root (present on developer machines and in CI);
/// a test that reads it fails with a message naming the folder when it is missing.
pub fn corpus(name: &str) -> PathBuf {
    triptych::synth::shared_corpus_dir(env!("CARGO_MANIFEST_DIR"), name)
}

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

pub fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}
