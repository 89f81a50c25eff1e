//! What an adversarial probe broke (issue 10), each with a test of the exact outcome: failed
//! stderr writes, size limits, writing where triptych must not, reading where it must not,
//! escape sequences in paths, HTML in Markdown output, and warning floods.

mod common;

use std::fs::{self, File};
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::Path;
use std::process::{Command as StdCommand, Stdio};
use std::time::Duration;

use common::triptych;

fn article(dir: &Path, name: &str, title: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    fs::write(&path, format!("{title}\nA fact about {title}.\n")).unwrap();
    path
}

fn bin() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("triptych")
}

/// The binary as a plain process, with a library of its own.
fn process() -> StdCommand {
    let mut c = StdCommand::new(bin());
    c.env("TRIPTYCH_LIBRARY", common::fresh_library());
    c
}

#[test]
fn a_failed_write_to_stderr_exits_1_not_101() {
    for args in [&["show", "nope"][..], &["list", "/no/such/path"], &["search", "zzzzqqq"]] {
        let status = process()
            .args(args)
            .stdout(Stdio::null())
            .stderr(File::create("/dev/full").unwrap())
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(1), "{args:?}");
    }
    // stderr into a closed pipe.
    let mut child =
        process().args(["show", "nope"]).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
    drop(child.stderr.take());
    assert_eq!(child.wait().unwrap().code(), Some(1));
}

#[test]
fn the_largest_max_file_size_does_not_wrap() {
    let dir = tempfile::tempdir().unwrap();
    let path = article(dir.path(), "a.txt", "Alpha");
    triptych()
        .args(["list", "--max-file-size", &u64::MAX.to_string()])
        .arg(&path)
        .assert()
        .success()
        .stdout(format!("{}\tAlpha\t-\t1\t0\n", id_in(dir.path(), "a")))
        .stderr("");
}

#[test]
fn export_refuses_to_overwrite_an_input_by_any_name() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.json");
    let original = r#"[{"title":"Kept","body":["One fact."]}]"#;
    fs::write(&input, original).unwrap();
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink(&input, &link).unwrap();
    let hard = dir.path().join("hard.md");
    fs::hard_link(&input, &hard).unwrap();
    let dotted = dir.path().join(".").join("in.json");
    for out in [&input, &link, &hard, &dotted] {
        triptych()
            .args(["export", "--format", "md", "-o"])
            .arg(out)
            .arg(&input)
            .assert()
            .code(1)
            .stderr(predicates::str::contains("it is one of the input files"));
        assert_eq!(fs::read_to_string(&input).unwrap(), original, "{}", out.display());
    }
    // Inputs found by walking a directory count too.
    triptych().args(["export", "--format", "md", "-o"]).arg(&input).arg(dir.path()).assert().code(1);
    assert_eq!(fs::read_to_string(&input).unwrap(), original);
}

#[test]
fn export_writes_through_devices_fifos_and_symlinks_instead_of_replacing_them() {
    let dir = tempfile::tempdir().unwrap();
    let input = article(dir.path(), "a.txt", "Alpha");

    // A character device stays one.
    triptych().args(["export", "--format", "json", "-o", "/dev/null"]).arg(&input).assert().success();
    assert!(fs::metadata("/dev/null").unwrap().file_type().is_char_device());

    // A FIFO is written to, not replaced.
    let fifo = dir.path().join("pipe");
    assert!(StdCommand::new("mkfifo").arg(&fifo).status().unwrap().success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    triptych().args(["export", "--format", "jsonl", "-o"]).arg(&fifo).arg(&input).assert().success();
    let got = reader.join().unwrap();
    let id = id_in(dir.path(), "a");
    assert!(
        got.starts_with(&format!("{{\"id\":\"{id}\",\"key\":")) && got.contains("\"title\":\"Alpha\""),
        "{got}"
    );
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "still a FIFO");

    // A symbolic link keeps pointing at its target, which gets the output.
    let target = dir.path().join("target.json");
    fs::write(&target, "old").unwrap();
    let link = dir.path().join("out.json");
    std::os::unix::fs::symlink("target.json", &link).unwrap();
    triptych().args(["export", "--format", "json", "-o"]).arg(&link).arg(&input).assert().success();
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link is still a link");
    assert!(fs::read_to_string(&target).unwrap().contains("\"title\": \"Alpha\""));
    // A device on /dev/full reports the user's path and the reason.
    triptych()
        .args(["export", "--format", "json", "-o", "/dev/full"])
        .arg(&input)
        .assert()
        .code(1)
        .stderr("error: cannot write /dev/full: No space left on device (os error 28)\n");
}

#[test]
fn export_honours_the_umask_keeps_an_existing_mode_and_names_the_users_file() {
    let dir = tempfile::tempdir().unwrap();
    let input = article(dir.path(), "a.txt", "Alpha");
    let new = dir.path().join("new.json");
    let script = format!(
        "umask 027; exec '{}' export --no-library --format json -o '{}' '{}'",
        bin().display(),
        new.display(),
        input.display()
    );
    assert!(StdCommand::new("sh").args(["-c", &script]).status().unwrap().success());
    assert_eq!(fs::metadata(&new).unwrap().permissions().mode() & 0o777, 0o640, "0666 less the umask");

    let existing = dir.path().join("existing.json");
    fs::write(&existing, "old").unwrap();
    fs::set_permissions(&existing, fs::Permissions::from_mode(0o604)).unwrap();
    triptych().args(["export", "--format", "json", "-o"]).arg(&existing).arg(&input).assert().success();
    assert_eq!(fs::metadata(&existing).unwrap().permissions().mode() & 0o777, 0o604, "mode kept");

    // The temporary file cannot be made (its folder is a file): the error names the user's file.
    let out = input.join("out.json");
    let assert = triptych().args(["export", "--format", "json", "-o"]).arg(&out).arg(&input).assert().code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert_eq!(stderr, format!("error: cannot write {}: Not a directory (os error 20)\n", out.display()));
}

#[test]
fn symbolic_links_out_of_a_folder_are_followed_only_with_follow() {
    let outside = tempfile::tempdir().unwrap();
    let secret = article(outside.path(), "secret.txt", "Secret");
    let dir = tempfile::tempdir().unwrap();
    article(dir.path(), "own.txt", "Own");
    std::os::unix::fs::symlink(&secret, dir.path().join("passwd.txt")).unwrap();

    let link = dir.path().join("passwd.txt");
    triptych()
        .arg("list")
        .arg(dir.path())
        .assert()
        .success()
        .stdout(format!("{}\tOwn\t-\t1\t0\n", id_in(dir.path(), "own")))
        // Quietly, as ripgrep and fd: a warning on every run would be noise.
        .stderr("");
    triptych().args(["list", "--follow"]).arg(dir.path()).assert().success().stdout(format!(
        "{}\tOwn\t-\t1\t0\n{}\tSecret\t-\t1\t0\n",
        id_in(dir.path(), "own"),
        id_in(outside.path(), "secret")
    ));
    // A link named on the command line is read; a followed link is named by where it leads.
    triptych()
        .arg("list")
        .arg(&link)
        .assert()
        .success()
        .stdout(format!("{}\tSecret\t-\t1\t0\n", id_in(outside.path(), "secret")));
}

#[test]
fn symbolic_links_within_a_folder_are_read_once_and_never_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    article(dir.path(), "own.txt", "Own");
    fs::create_dir(dir.path().join("sub")).unwrap();
    std::os::unix::fs::symlink("../own.txt", dir.path().join("sub/again.txt")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("sub/up")).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    fs::create_dir(elsewhere.path().join("d")).unwrap();
    let kept = article(elsewhere.path().join("d").as_path(), "kept.txt", "Kept");
    std::os::unix::fs::symlink(elsewhere.path().join("d"), dir.path().join("folder-link")).unwrap();
    // Links leading out of the folder (to a file or a folder) are not followed.
    std::os::unix::fs::symlink(&kept, dir.path().join("z-out.txt")).unwrap();
    // A link to a file inside it is read, even one the walk skips (hidden), once.
    let hidden = dir.path().join(".drafts");
    fs::create_dir(&hidden).unwrap();
    let draft = article(&hidden, "draft.txt", "Draft");
    std::os::unix::fs::symlink(&draft, dir.path().join("published.txt")).unwrap();
    for _ in 0..2 {
        triptych().arg("list").arg(dir.path()).assert().success().stderr("").stdout(format!(
            "{}\tOwn\t-\t1\t0\n{}\tDraft\t-\t1\t0\n",
            id_in(dir.path(), "own"),
            id_in(&hidden, "draft")
        ));
    }
}

#[test]
fn a_file_that_would_block_is_skipped_not_waited_for() {
    // /proc/kmsg is a "regular file" whose reads wait for kernel messages; only root may open it.
    if File::open("/proc/kmsg").is_err() {
        eprintln!("skipped: /proc/kmsg cannot be opened here");
        return;
    }
    triptych().args(["list", "/proc/kmsg"]).timeout(Duration::from_secs(60)).assert().code(1).stderr(
        predicates::str::starts_with(
            "warning: skipped /proc/kmsg: reading would block (a special file, not an article)\n",
        ),
    );
}

#[test]
fn every_path_in_every_message_is_sanitised() {
    let dir = tempfile::tempdir().unwrap();
    let evil = dir.path().join("x\x1b]0;PWNED\x07\x1b]52;c;aGk=\x07\u{202e}y");
    fs::create_dir(&evil).unwrap();
    let assert = triptych().arg("list").arg(&evil).assert().code(1);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert_eq!(
        stderr,
        format!(
            "error: no articles found in {}/x␛␛y (readable formats: .txt, .md, .json, .jsonl, and RSS, Atom or JSON feeds)\n",
            dir.path().display()
        )
    );
    // The same in warnings and in the errors of export.
    fs::write(evil.join("bad\x1b[2J.json"), "{").unwrap();
    let out = evil.join("o\x1b[31m/out.json");
    let assert = triptych().args(["export", "--format", "json", "-o"]).arg(&out).assert().code(1);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        !stderr.contains('\x1b') && !stderr.contains('\u{202e}') && stderr.contains("o␛/out.json"),
        "{stderr:?}"
    );
    let assert = triptych().arg("list").arg(&evil).assert().code(1);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(!stderr.contains('\x1b') && stderr.contains("bad␛.json"), "{stderr:?}");
}

#[test]
fn compare_markdown_escapes_html() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.txt");
    fs::write(
        &path,
        "Title <script>alert(1)</script>\nThe <img src=x onerror=alert(1)> rate & rose 5%.\nSource: S\nOur take\nThe <img src=x onerror=alert(1)> rate & rose | sharply.\n",
    )
    .unwrap();
    let out = triptych().args(["compare", "x", "--markdown"]).arg(&path).output().unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.starts_with("### Title &lt;script&gt;alert(1)&lt;/script&gt;\n"), "{md}");
    assert!(md.contains("The &lt;img src=x onerror=alert(1)&gt; rate &amp; rose \\| sharply."), "{md}");
    assert!(
        !md.contains('<') || md.matches('<').count() == md.matches("<br>").count(),
        "raw HTML left: {md}"
    );
}

#[test]
fn warnings_are_capped_per_file_and_per_run() {
    let dir = tempfile::tempdir().unwrap();
    // One file with many bad lines: five shown, the rest counted.
    let jsonl = dir.path().join("many.jsonl");
    fs::write(&jsonl, "{\"title\":\"Good\"}\n".to_string() + &"bad\n".repeat(100_000)).unwrap();
    let out = triptych().arg("list").arg(&jsonl).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 6, "{stderr}");
    assert!(stderr
        .ends_with(&format!("warning: {}: 99995 more problems like these not shown\n", jsonl.display())));

    // Many bad files: twenty shown, then one line with the counts.
    let bad = dir.path().join("bad");
    fs::create_dir(&bad).unwrap();
    for i in 0..2_000 {
        fs::write(bad.join(format!("{i:05}.json")), "{").unwrap();
    }
    article(&bad, "ok.txt", "Fine");
    let out = triptych().arg("list").arg(&bad).output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 21, "{stderr}");
    assert_eq!(lines[20], "warning: 1980 more warnings not shown (1980 files skipped)");
}

/// The id of file `name` (without extension) in `dir`: made from the folder's and the file's
/// names, whichever folder is named on the command line.
fn id_in(dir: &std::path::Path, name: &str) -> String {
    triptych::model::slugify(&format!("{}/{name}", dir.file_name().unwrap().to_string_lossy()))
}

/// A folder and a folder inside it both named (in either order, or a file of it named too):
/// each file is read once, so its warnings are printed once and its articles listed once —
/// with the library and without, for `list`, `show` and the reader's non-terminal list.
#[test]
fn a_folder_and_its_subfolder_named_together_read_each_file_once() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("sub");
    fs::create_dir(&sub).unwrap();
    article(dir.path(), "top.txt", "Top");
    article(&sub, "inner.txt", "Inner");
    fs::write(sub.join("bad.json"), "{\"title\": 5}").unwrap();
    let (top, sub_s) = (dir.path().to_str().unwrap(), sub.to_str().unwrap());
    let inner = sub.join("inner.txt");
    for args in
        [vec![top, sub_s], vec![sub_s, top], vec![top, sub_s, inner.to_str().unwrap()], vec![top, top]]
    {
        for library in [true, false] {
            let mut c = triptych();
            c.arg("list").args(&args);
            if !library {
                c.arg("--no-library");
            }
            let out = c.output().unwrap();
            let (stdout, stderr) =
                (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap());
            assert_eq!(stderr.matches("bad.json").count(), 1, "{args:?} library {library}: {stderr}");
            assert_eq!(stdout.lines().count(), 2, "{args:?} library {library}: {stdout}");
        }
    }
}
