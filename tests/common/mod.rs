//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod http;
pub mod screen;
pub mod tmux;

use std::path::{Path, PathBuf};

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

/// The binary with the library at `lib` (tests that follow one library across runs).
pub fn at(lib: &Path) -> Command {
    let mut c = Command::cargo_bin("triptych").unwrap();
    c.env("TRIPTYCH_LIBRARY", lib);
    c
}

/// stdout and stderr of a run that must succeed.
pub fn run_ok(c: &mut Command) -> (String, String) {
    let out = c.output().unwrap();
    assert!(out.status.success(), "failed: {}", String::from_utf8_lossy(&out.stderr));
    (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
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

/// The inode change time of `file` in nanoseconds, as the library stamps a file with it.
pub fn ctime_ns(file: &std::path::Path) -> i64 {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(file).unwrap();
    meta.ctime() * 1_000_000_000 + meta.ctime_nsec()
}

/// Waits until files written or touched just now are old enough for the library to trust
/// their stamp (`library::cache::RACY_SECONDS`): until then a row is written so that it is
/// never used, and the file is read again on the next run.
pub fn settle() {
    let racy = std::time::Duration::from_secs(triptych::library::cache::RACY_SECONDS);
    std::thread::sleep(racy + std::time::Duration::from_millis(100));
}

/// Writes `text` over `file` keeping what `touch -r` or `cp -p` keeps: the inode (written in
/// place), the size (`text` must have the file's) and the modification time, which is set
/// back. Only the inode change time moves: the kernel sets it and nothing can set it back.
pub fn edit_keeping_stamp(file: &std::path::Path, text: &str) {
    use std::os::unix::fs::MetadataExt;
    let before = std::fs::metadata(file).unwrap();
    assert_eq!(before.len(), text.len() as u64, "the same size");
    std::fs::write(file, text).unwrap();
    let times = std::fs::FileTimes::new()
        .set_modified(before.modified().unwrap())
        .set_accessed(before.accessed().unwrap());
    std::fs::File::options().write(true).open(file).unwrap().set_times(times).unwrap();
    let after = std::fs::metadata(file).unwrap();
    assert_eq!(
        (after.len(), after.modified().unwrap(), after.ino()),
        (before.len(), before.modified().unwrap(), before.ino()),
        "size, mtime and inode kept"
    );
}
