//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod tmux;

use std::path::PathBuf;

use assert_cmd::Command;

/// The real binary.
pub fn triptych() -> Command {
    Command::cargo_bin("triptych").unwrap()
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
