//! Inputs built to be expensive cost time in proportion to their size and memory within a small
//! multiple of it. Times are compared as ratios (10x the input may take at most 20x the time),
//! never against a clock; memory is the peak resident size of the real binary.

#[path = "common/ratio.rs"]
mod ratio;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use triptych::{parse, Format};

/// The tests here measure time or memory: one at a time, so that none loads the machine
/// while another measures.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn exclusive() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner())
}

/// Linear is 10; quadratic would be 100. Linear passes measured up to 16x on a busy 2-core
/// machine (larger inputs fall out of the caches).
const MAX_RATIO: f64 = 20.0;

/// Times `check` on the input at scale 1 and at scale 10. Ten separate copies of the small
/// input are timed together, so that both measurements touch as much memory (one small input
/// alone would run from the cache) and last about as long, and a burst of load on a shared
/// machine hits them alike; runs are interleaved and the best of five kept for each.
fn assert_linear(what: &str, make: impl Fn(usize) -> String, check: impl Fn(&str)) {
    let _one = exclusive();
    let smalls: Vec<String> = (0..10).map(|_| make(1)).collect();
    let large = [make(10)];
    let time = |inputs: &[String]| {
        let t = Instant::now();
        for input in inputs {
            check(input);
        }
        t.elapsed() / inputs.len() as u32
    };
    ratio::assert_within(what, MAX_RATIO, || {
        let (mut t1, mut t10) = (Duration::MAX, Duration::MAX);
        for _ in 0..5 {
            t1 = t1.min(time(&smalls));
            t10 = t10.min(time(&large));
        }
        t10.as_secs_f64() / t1.as_secs_f64().max(1e-9)
    });
}

fn markdown_error(text: &str) -> String {
    parse::parse(Format::Markdown, text).unwrap_err().to_string()
}

#[test]
fn yaml_aliases_cannot_multiply_a_small_file() {
    // One anchored string referenced many times: rejected, in time proportional to the file.
    let bomb = |scale: usize| {
        let refs: String = (0..3_000 * scale).map(|i| format!("k{i}: *x\n")).collect();
        format!("---\ntitle: T\nx: &x {}\n{refs}---\nbody\n", "a".repeat(20_000))
    };
    assert_eq!(
        markdown_error(&bomb(1)),
        "line 1: front matter: aliases expand it to more than 4 times its size"
    );
    assert_linear("YAML aliases", bomb, |t| {
        assert!(parse::parse(Format::Markdown, t).is_err());
    });
    // Aliases that stay small are fine.
    let ok = parse::parse(Format::Markdown, "---\nname: &n Ann\ntitle: *n\nauthor: *n\n---\nbody\n").unwrap();
    assert_eq!((ok.articles[0].title.as_str(), ok.articles[0].author.as_deref()), ("Ann", Some("Ann")));
}

#[test]
fn deep_yaml_flow_nesting_is_rejected_in_linear_time() {
    // The body makes the file large enough to be out of cache at both sizes without being
    // refused for density; the nesting is what is rejected.
    let deep = |scale: usize| {
        let depth = 4_000 * scale;
        let body = format!("{}\n", "word ".repeat(40)).repeat(depth * 8 / 5);
        format!("---\ntitle: T\ntags: {}{}\n---\n{body}", "[".repeat(depth), "]".repeat(depth))
    };
    assert_eq!(markdown_error(&deep(1)), "line 1: front matter: nested deeper than 64 levels");
    assert_linear("YAML nesting", deep, |t| {
        assert!(parse::parse(Format::Markdown, t).is_err());
    });
    // Brackets in text are not nesting.
    let text = format!("---\ntitle: a{}\ntags: [x, \"[[[\"]\n---\nbody\n", "[".repeat(100));
    let a = &parse::parse(Format::Markdown, &text).unwrap().articles[0];
    assert_eq!((a.title.len(), a.tags.len()), (101, 2));
}

#[test]
fn a_flood_of_bad_lines_costs_linear_time() {
    let bad = "this line is not JSON at all, and it goes on for a while to look like text\n";
    let lines = |scale: usize| "{\"title\":\"A\"}\n".to_string() + &bad.repeat(20_000 * scale);
    assert_linear("bad JSONL lines", lines, |t| {
        let p = parse::parse(Format::Jsonl, t).unwrap();
        assert_eq!(p.warnings.len(), parse::MAX_FILE_WARNINGS);
    });
}

/// Peak resident memory of `triptych list FILE`, in bytes, and whether it succeeded.
///
/// A child's peak includes the memory of the process that started it (the kernel counts the
/// parent's pages the child shared before `exec`), and this test process is large. So a fresh,
/// small copy of this test binary starts triptych and reports its peak: see [`rss_probe`].
fn peak_rss(file: &Path) -> (u64, bool) {
    let out = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "rss_probe", "--ignored", "--nocapture", "--test-threads=1"])
        .env(PROBE_ENV, file)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout
        .lines()
        .find_map(|l| l.split_once("RSS "))
        .unwrap_or_else(|| panic!("no probe output: {stdout}"));
    let mut words = line.1.split_whitespace();
    let bytes = words.next().unwrap().parse().unwrap();
    (bytes, words.next() == Some("ok"))
}

const PROBE_ENV: &str = "TRIPTYCH_RSS_PROBE";

/// Not a test on its own (hence ignored): run by [`peak_rss`] with `TRIPTYCH_RSS_PROBE=FILE`,
/// runs `triptych list FILE` and prints `RSS <peak bytes> ok|failed`.
#[test]
#[ignore = "a helper process for peak_rss, not a test"]
fn rss_probe() {
    let file = std::env::var_os(PROBE_ENV).expect("run by peak_rss with TRIPTYCH_RSS_PROBE set");
    let (peak, ok) = measure(Path::new(&file));
    println!("RSS {peak} {}", if ok { "ok" } else { "failed" });
}

// The child is reaped by `wait4`, which std does not know about.
#[allow(clippy::zombie_processes)]
fn measure(file: &Path) -> (u64, bool) {
    let child = Command::new(assert_cmd::cargo::cargo_bin("triptych"))
        .args(["list", "--no-library"])
        .arg(file)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut status = 0;
    // SAFETY: wait4 on our own child with valid pointers; rusage is plain data.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as libc::pid_t);
    (usage.ru_maxrss as u64 * 1024, libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0)
}

#[test]
fn memory_stays_within_four_times_the_input() {
    let _one = exclusive();
    let dir = tempfile::tempdir().unwrap();
    let tiny = dir.path().join("tiny.txt");
    fs::write(&tiny, "Title\nA fact.\n").unwrap();
    let (baseline, ok) = peak_rss(&tiny);
    assert!(ok);
    let size = 8 << 20;
    let files: Vec<(&str, String, bool)> = vec![
        // Built to blow up: skipped with a warning naming the limit.
        ("lines.txt", "T\n".to_string() + &"x\n".repeat(size / 2), false),
        ("brackets.md", "[".repeat(size), false),
        ("tags.md", format!("+++\ntitle = \"T\"\ntags = [{}]\n+++\nb\n", "\"a\",".repeat(size / 4)), false),
        ("tags.json", format!("[{{\"title\":\"T\",\"tags\":[{}\"a\"]}}]", "\"a\",".repeat(size / 4)), false),
        // As dense as allowed: loaded.
        ("dense.txt", "T\n".to_string() + &format!("{}\n", "x".repeat(33)).repeat(size / 34), true),
        ("dense.md", "# T\n\n".to_string() + &format!("{}[", "x".repeat(64)).repeat(size / 65), true),
        (
            "dense.json",
            format!(
                "[{{\"title\":\"T\",\"tags\":[{}\"a\"]}}]",
                format!("\"{}\",", "a".repeat(18)).repeat(size / 21)
            ),
            true,
        ),
        // Many tiny articles: each costs hundreds of bytes in memory.
        ("tiny.jsonl", "{\"title\":\"Short title here\"}\n".repeat(size / 29), false),
    ];
    for (name, text, loads) in files {
        let path = dir.path().join(name);
        fs::write(&path, &text).unwrap();
        let (peak, ok) = peak_rss(&path);
        assert_eq!(ok, loads, "{name}");
        let growth = peak.saturating_sub(baseline) as f64 / text.len() as f64;
        assert!(growth <= 4.0, "{name}: {:.1}x its size ({} MB peak)", growth, peak >> 20);
    }
    // The warning names the limit.
    let out = Command::new(assert_cmd::cargo::cargo_bin("triptych"))
        .args(["list", "--no-library"])
        .arg(dir.path().join("lines.txt"))
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("(files over 1048576 bytes may hold at most one per 32 bytes)"), "{stderr}");
}
