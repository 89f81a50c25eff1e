//! Fetching feeds over HTTP from a real server on 127.0.0.1 started by each test: statuses,
//! conditional GET, timeouts, limits, redirects, gzip, hostile XML; and the `feeds`/`fetch`
//! commands against it (no duplicates, read marks kept, one failure reported and survived).

mod common;

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::http::{ok, rss, status, with_headers, Reply, Server};
use common::{fresh_library, stdout_of};
use triptych::feed::fetch::{fetch_all, fetch_one, FetchOptions, Outcome};
use triptych::feed::http::{self, Fetched, HttpOptions, Validators};
use triptych::feed::store::Subscription;

fn opts() -> HttpOptions {
    HttpOptions {
        total_timeout: Duration::from_secs(2),
        connect_timeout: Duration::from_secs(2),
        ..Default::default()
    }
}

fn get(url: &str, held: &Validators) -> Result<Fetched, String> {
    let o = opts();
    http::get(&http::agent(&o), &o, url, held)
}

fn sub(url: &str) -> Subscription {
    Subscription {
        name: "t".into(),
        url: url.into(),
        title: None,
        validators: Validators::default(),
        fetched: None,
        error: None,
        items: 0,
    }
}

fn fetch(url: &str) -> Outcome {
    let o = FetchOptions { http: opts(), ..Default::default() };
    fetch_one(&http::agent(&o.http), &o, &sub(url))
}

#[test]
fn a_200_gives_the_items_and_sends_our_user_agent() {
    let s = Server::start(|_| ok(rss("Feed", &[("1", "One"), ("2", "Two")])));
    match fetch(&s.url("/feed")) {
        Outcome::Fetched { title, items, .. } => {
            assert_eq!(title.as_deref(), Some("Feed"));
            let titles: Vec<&str> = items.iter().map(|a| a.title.as_str()).collect();
            assert_eq!(titles, ["One", "Two"]);
            assert_eq!(items[0].key, format!("{}#1", s.url("/feed")));
        }
        other => panic!("{other:?}"),
    }
    let ua = &s.requests()[0].headers["user-agent"];
    assert_eq!(ua, &format!("triptych/{}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn etag_and_last_modified_make_an_unchanged_feed_a_304() {
    let s = Server::start(|r| match r.headers.get("if-none-match").map(String::as_str) {
        Some("\"v1\"") => status(304),
        _ => with_headers(200, &[("ETag", "\"v1\"")], rss("F", &[("1", "One")])),
    });
    let Ok(Fetched::Body { validators, .. }) = get(&s.url("/"), &Validators::default()) else { panic!() };
    assert_eq!(validators.etag.as_deref(), Some("\"v1\""));
    assert!(matches!(get(&s.url("/"), &validators), Ok(Fetched::NotModified)));

    let lm = "Wed, 21 Oct 2015 07:28:00 GMT";
    let s = Server::start(move |r| match r.headers.get("if-modified-since") {
        Some(v) if v == lm => status(304),
        _ => with_headers(200, &[("Last-Modified", lm)], rss("F", &[("1", "One")])),
    });
    let Ok(Fetched::Body { validators, .. }) = get(&s.url("/"), &Validators::default()) else { panic!() };
    assert_eq!(validators.last_modified.as_deref(), Some(lm));
    assert!(matches!(get(&s.url("/"), &validators), Ok(Fetched::NotModified)));
}

#[test]
fn error_statuses_are_one_clear_line() {
    let s = Server::start(|r| if r.path == "/missing" { status(404) } else { status(500) });
    let e = get(&s.url("/missing"), &Validators::default()).unwrap_err();
    assert!(e.contains("404") && e.contains("Not Found"), "{e}");
    let e = get(&s.url("/broken"), &Validators::default()).unwrap_err();
    assert!(e.contains("500"), "{e}");
}

#[test]
fn a_server_slower_than_the_timeout_is_given_up_on() {
    let s = Server::start(|_| Reply::Slow(Duration::from_secs(5), Box::new(ok(rss("F", &[("1", "x")])))));
    let started = std::time::Instant::now();
    let e = get(&s.url("/"), &Validators::default()).unwrap_err();
    assert!(e.contains("timed out") || e.contains("timeout"), "{e}");
    // Generous: the 2-second timeout, not the server's 5 seconds.
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
}

#[test]
fn the_timeout_bounds_the_whole_answer_when_the_body_trickles_in() {
    let body = rss("F", &[("1", "x")]).into_bytes();
    let s = Server::start(move |_| Reply::Trickle { every: Duration::from_secs(1), body: body.clone() });
    // The read timeout is the whole answer's; a longer connect timeout must not add to it.
    let o = HttpOptions {
        total_timeout: Duration::from_secs(2),
        connect_timeout: Duration::from_secs(10),
        ..opts()
    };
    let started = std::time::Instant::now();
    let e = http::get(&http::agent(&o), &o, &s.url("/"), &Validators::default()).unwrap_err();
    assert!(e.contains("timed out") || e.contains("timeout"), "{e}");
    // Generous against 2 s; the body would take minutes and the two timeouts together 12 s.
    assert!(started.elapsed() < Duration::from_secs(8), "{:?}", started.elapsed());
}

#[test]
fn a_truncated_body_is_an_error_not_half_a_feed() {
    let body = rss("F", &[("1", "One"), ("2", "Two")]).into_bytes();
    let s = Server::start(move |_| Reply::Truncated { claimed: body.len() + 500, body: body.clone() });
    assert!(get(&s.url("/"), &Validators::default()).is_err());
}

#[test]
fn a_body_over_the_limit_is_refused() {
    let s = Server::start(|_| ok(vec![b' '; 50_000]));
    let o = HttpOptions { max_bytes: 10_000, ..opts() };
    let e = http::get(&http::agent(&o), &o, &s.url("/"), &Validators::default()).unwrap_err();
    assert!(e.contains("10000-byte limit"), "{e}");
}

#[test]
fn a_redirect_loop_stops_at_the_limit() {
    let s = Server::start(|r| {
        let to = if r.path == "/a" { "/b" } else { "/a" };
        with_headers(302, &[("Location", to)], "")
    });
    let e = get(&s.url("/a"), &Validators::default()).unwrap_err();
    assert!(e.contains("too many redirects"), "{e}");
    assert!(s.requests().len() <= opts().max_redirects as usize + 1, "{}", s.requests().len());
}

#[test]
fn gzip_bodies_are_decompressed() {
    let s = Server::start(|r| {
        if !r.headers.get("accept-encoding").is_some_and(|v| v.contains("gzip")) {
            return status(406);
        }
        let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(rss("Zipped", &[("1", "Compressed item")]).as_bytes()).unwrap();
        with_headers(200, &[("Content-Encoding", "gzip")], z.finish().unwrap())
    });
    match fetch(&s.url("/")) {
        Outcome::Fetched { items, .. } => assert_eq!(items[0].title, "Compressed item"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn deflate_bodies_are_decompressed_zlib_wrapped_or_raw() {
    let s = Server::start(|r| {
        if !r.headers.get("accept-encoding").is_some_and(|v| v.contains("deflate")) {
            return status(406);
        }
        let xml = rss("Deflated", &[("1", &format!("Deflated item {}", r.path))]);
        let body = if r.path == "/zlib" {
            let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
            z.write_all(xml.as_bytes()).unwrap();
            z.finish().unwrap()
        } else {
            let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
            z.write_all(xml.as_bytes()).unwrap();
            z.finish().unwrap()
        };
        with_headers(200, &[("Content-Encoding", "deflate")], body)
    });
    for path in ["/zlib", "/raw"] {
        match fetch(&s.url(path)) {
            Outcome::Fetched { items, .. } => assert_eq!(items[0].title, format!("Deflated item {path}")),
            other => panic!("{path}: {other:?}"),
        }
    }
}

#[test]
fn a_deflate_body_over_the_limit_once_inflated_is_refused() {
    // 200 kB of one repeated item deflate to a few kB: the limit counts the inflated size.
    let s = Server::start(|_| {
        let xml = rss("Big", &[("1", &"x".repeat(200_000))]);
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(xml.as_bytes()).unwrap();
        with_headers(200, &[("Content-Encoding", "deflate")], z.finish().unwrap())
    });
    let o = FetchOptions { http: HttpOptions { max_bytes: 100_000, ..opts() }, ..Default::default() };
    match fetch_one(&http::agent(&o.http), &o, &sub(&s.url("/"))) {
        Outcome::Failed(e) => assert!(e.contains("larger than the 100000-byte limit"), "{e}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn malformed_xml_fails_with_a_reason() {
    let s = Server::start(|_| ok("<rss version=\"2.0\"><channel><title>x</title><item><title>broken"));
    match fetch(&s.url("/")) {
        Outcome::Failed(e) => assert!(e.contains("not a readable feed"), "{e}"),
        other => panic!("{other:?}"),
    }
    let s = Server::start(|_| ok("<html><body>not a feed</body></html>"));
    assert!(matches!(fetch(&s.url("/")), Outcome::Failed(_)));
}

const BILLION_LAUGHS: &str = r#"<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>Laughs</title>
<item><guid>1</guid><title>&lol9;</title><description>&lol9;</description></item>
</channel></rss>"#;

#[test]
fn billion_laughs_is_not_expanded() {
    let s = Server::start(|_| ok(BILLION_LAUGHS));
    match fetch(&s.url("/")) {
        // The entity stays as written (and then is cleaned); a billion "lol"s would be 3 GB.
        Outcome::Fetched { items, .. } => {
            let a = &items[0];
            let size: usize = a.title.len() + a.body.iter().map(String::len).sum::<usize>();
            assert!(size < 100, "entity expanded: {size} bytes");
            assert!(!a.title.contains("lollol"), "{}", a.title);
        }
        // Refusing the document would be as safe.
        Outcome::Failed(_) => {}
        Outcome::Unchanged => panic!("unchanged?"),
    }
}

#[test]
fn an_external_entity_is_never_read() {
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "TOP-SECRET-CONTENT").unwrap();
    let xml = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file://{}\">]>\
         <rss version=\"2.0\"><channel><title>X</title><item><guid>1</guid><title>t &xxe;</title>\
         <description>d &xxe;</description></item></channel></rss>",
        secret.display()
    );
    let s = Server::start(move |_| ok(xml.clone()));
    if let Outcome::Fetched { items, .. } = fetch(&s.url("/")) {
        let all = format!("{:?}", items);
        assert!(!all.contains("TOP-SECRET"), "{all}");
    }
    // The same through the loader, from a file.
    let file = dir.path().join("xxe.xml");
    std::fs::write(
        &file,
        format!(
            "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"{}\">]><rss version=\"2.0\"><channel>\
             <title>X</title><item><title>&xxe;</title></item></channel></rss>",
            secret.display()
        ),
    )
    .unwrap();
    let loaded = triptych::load::load_paths(&[file], &Default::default());
    assert!(!format!("{:?}", loaded.corpus.articles()).contains("TOP-SECRET"));
}

#[test]
fn at_most_two_requests_per_host_are_in_flight() {
    let s = Server::start(|_| Reply::Slow(Duration::from_millis(300), Box::new(ok(rss("F", &[("1", "x")])))));
    let subs: Vec<Subscription> = (0..6).map(|i| sub(&s.url(&format!("/f{i}")))).collect();
    let o = FetchOptions { http: opts(), workers: 6, per_host: 2, ..Default::default() };
    let done = AtomicUsize::new(0);
    fetch_all(&subs, &o, |_, outcome| {
        assert!(matches!(outcome, Outcome::Fetched { .. }), "{outcome:?}");
        done.fetch_add(1, Ordering::Relaxed);
    });
    assert_eq!(done.load(Ordering::Relaxed), 6);
    let max = s.max_concurrent.load(Ordering::SeqCst);
    assert!((1..=2).contains(&max), "{max} in flight");
}

fn cli(lib: &std::path::Path) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("triptych").unwrap();
    c.env("TRIPTYCH_LIBRARY", lib);
    c
}

#[test]
fn fetching_twice_adds_no_duplicates_and_keeps_read_marks() {
    let version = Arc::new(AtomicUsize::new(1));
    let v = version.clone();
    let s = Server::start(move |_| {
        // The second version changes one item's text and adds one: the ETag changes too.
        if v.load(Ordering::SeqCst) == 1 {
            with_headers(200, &[("ETag", "\"1\"")], rss("Feed", &[("a", "Alpha"), ("b", "Beta")]))
        } else {
            with_headers(
                200,
                &[("ETag", "\"2\"")],
                rss("Feed", &[("a", "Alpha edited"), ("b", "Beta"), ("c", "Gamma")]),
            )
        }
    });
    let lib = fresh_library();
    cli(&lib).args(["feeds", "add", &s.url("/feed"), "--name", "local"]).assert().success();
    let out = cli(&lib).arg("fetch").assert().success();
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(err.contains("[1/1] local: 2 items, 2 new"), "{err}");
    let list = stdout_of(cli(&lib).arg("list"));
    assert_eq!(list.lines().count(), 2, "{list}");
    let beta = list.lines().find(|l| l.contains("Beta")).unwrap().split('\t').next().unwrap().to_string();
    cli(&lib).args(["mark", &beta, "--read"]).assert().success();

    version.store(2, Ordering::SeqCst);
    cli(&lib).arg("fetch").assert().success();
    let list = stdout_of(cli(&lib).arg("list"));
    assert_eq!(list.lines().count(), 3, "no duplicates: {list}");
    assert!(list.contains("Alpha edited") && !list.contains("Alpha\t"), "{list}");
    let unread = stdout_of(cli(&lib).args(["list", "--unread"]));
    assert!(!unread.contains("Beta") && unread.contains("Gamma"), "{unread}");
    // Unchanged now: a 304 would cost nothing, and even a 200 adds nothing.
    cli(&lib).arg("fetch").assert().success();
    assert_eq!(stdout_of(cli(&lib).arg("list")).lines().count(), 3);
    // Offline: the server is not asked when reading.
    let asked = s.requests().len();
    stdout_of(cli(&lib).args(["list", "--feed", "local"]));
    assert_eq!(s.requests().len(), asked);
}

#[test]
fn one_failing_feed_is_named_and_the_others_are_fetched() {
    let s =
        Server::start(
            |r| if r.path == "/good" { ok(rss("Good", &[("1", "Fine item")])) } else { status(404) },
        );
    let lib = fresh_library();
    cli(&lib).args(["feeds", "add", &s.url("/good"), "--name", "good"]).assert().success();
    cli(&lib).args(["feeds", "add", &s.url("/gone"), "--name", "gone"]).assert().success();
    let out = cli(&lib).arg("fetch").assert().code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(err.contains("gone: failed: HTTP 404 Not Found"), "{err}");
    assert!(err.contains("1 of 2 feeds failed: gone (1 new item from the others)"), "{err}");
    // With no others, no "from the others".
    let alone = fresh_library();
    cli(&alone).args(["feeds", "add", &s.url("/gone"), "--name", "gone"]).assert().success();
    let out = cli(&alone).arg("fetch").assert().code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(err.trim_end().ends_with("error: 1 of 1 feeds failed: gone"), "{err}");
    let list = stdout_of(cli(&lib).arg("list"));
    assert!(list.contains("Fine item"), "{list}");
    let feeds = stdout_of(cli(&lib).args(["feeds", "list"]));
    assert!(
        feeds.lines().any(|l| l.starts_with("gone\t") && l.ends_with("failed: HTTP 404 Not Found")),
        "{feeds}"
    );
}

#[test]
fn opml_round_trip() {
    let lib = fresh_library();
    cli(&lib).args(["feeds", "add", "https://one.example/rss.xml", "--name", "one"]).assert().success();
    cli(&lib).args(["feeds", "add", "https://www.two.example/atom"]).assert().success();
    // A feed file subscription round-trips too, on the machine that has the file.
    let dir = tempfile::tempdir().unwrap();
    let local = dir.path().join("local.xml");
    std::fs::write(&local, rss("Local", &[("1", "x")])).unwrap();
    cli(&lib).args(["feeds", "add"]).arg(&local).assert().success();
    let opml = stdout_of(cli(&lib).args(["feeds", "export"]));
    assert!(opml.contains("xmlUrl=\"https://one.example/rss.xml\""), "{opml}");
    assert!(
        opml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml") && opml.ends_with(">\n"),
        "{opml}"
    );
    // Flags that would make no sense are refused, not silently replaced.
    cli(&lib).args(["feeds", "add", "https://three.example/", "--name", ""]).assert().code(2);
    cli(&lib)
        .args(["fetch", "--timeout", "0"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("must be at least 1"));
    let file = dir.path().join("subs.opml");
    std::fs::write(&file, &opml).unwrap();
    let other = fresh_library();
    cli(&other).args(["feeds", "import"]).arg(&file).assert().success();
    let a = stdout_of(cli(&lib).args(["feeds", "list"]));
    let b = stdout_of(cli(&other).args(["feeds", "list"]));
    assert_eq!(a, b);
    assert!(a.starts_with("local\t") && a.contains("\none\thttps://one.example/rss.xml\t"), "{a}");
    assert!(a.contains("\ntwo.example\t"), "{a}");
    // Importing again adds nothing.
    let out = cli(&other).args(["feeds", "import"]).arg(&file).assert().success();
    assert!(
        String::from_utf8_lossy(&out.get_output().stderr).contains("imported 0 feeds (3 already subscribed)")
    );
    // What cannot be subscribed to here is skipped with a reason.
    let odd = dir.path().join("odd.opml");
    std::fs::write(
        &odd,
        r#"<opml version="2.0"><head/><body><outline text="f" xmlUrl="ftp://f.example/x"/>
           <outline text="gone" xmlUrl="/nonexistent/feed.xml"/></body></opml>"#,
    )
    .unwrap();
    let out = cli(&other).args(["feeds", "import"]).arg(&odd).assert().success();
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        err.contains("warning: skipped ftp://f.example/x: not an http(s) URL or a feed file here"),
        "{err}"
    );
    assert!(err.contains("warning: skipped /nonexistent/feed.xml: "), "{err}");
    assert!(err.contains("imported 0 feeds (0 already subscribed)"), "{err}");
}

#[test]
fn no_path_shows_subscribed_items_else_the_samples() {
    let lib = fresh_library();
    let samples = stdout_of(cli(&lib).arg("list"));
    assert!(samples.lines().count() >= 7, "{samples}");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("f.xml");
    std::fs::write(&file, rss("Local", &[("http://x.example/a#frag", "Hash in the guid")])).unwrap();
    cli(&lib).args(["feeds", "add"]).arg(&file).assert().success();
    // Subscribed but not fetched: say so, with each feed's state, rather than show the samples.
    let out = cli(&lib).arg("list").assert().code(1).stdout("");
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert_eq!(
        err,
        "the subscribed feed has no items yet (f: not fetched yet); `triptych fetch` gets them\n"
    );
    cli(&lib).arg("fetch").assert().success();
    // Piped, plain `triptych` lists too.
    let list = stdout_of(&mut cli(&lib));
    assert_eq!(list.lines().count(), 1, "{list}");
    assert!(list.contains("Hash in the guid\tLocal\t"), "{list}");
    let out = cli(&lib).args(["list", "--feed", "nope"]).assert().code(1);
    assert!(
        String::from_utf8_lossy(&out.get_output().stderr).contains("no feed named \"nope\" (subscribed: f)")
    );
    // The item's key is FILE#GUID, a guid with `#` in it: prune keeps its marks.
    cli(&lib).args(["mark", "hash-in-the-guid", "--read"]).assert().success();
    cli(&lib)
        .args(["library", "prune"])
        .assert()
        .success()
        .stdout("forgot 0 articles whose files are gone\n");
    // Nothing unread: nothing listed, and "nothing found" (exit 1).
    cli(&lib).args(["list", "--unread"]).assert().code(1).stdout("");
    // The same file read directly shares the mark.
    cli(&lib).args(["list", "--unread"]).arg(&file).assert().code(1).stdout("");
    // The feed's file gone, its stored items are still listed, and prune keeps their marks.
    let kept = dir.path().join("f.xml.kept");
    std::fs::rename(&file, &kept).unwrap();
    cli(&lib)
        .args(["library", "prune"])
        .assert()
        .success()
        .stdout("forgot 0 articles whose files are gone\n");
    cli(&lib).args(["list", "--unread"]).assert().code(1).stdout("");
    assert!(stdout_of(cli(&lib).arg("list")).contains("Hash in the guid"));
    std::fs::rename(&kept, &file).unwrap();
    // Unsubscribing forgets the items: the samples are back.
    cli(&lib).args(["feeds", "remove", "f"]).assert().success();
    assert_eq!(stdout_of(cli(&lib).arg("list")), samples);
}

#[test]
fn feeds_without_items_are_named_with_their_state_and_list_exits_1() {
    let lib = fresh_library();
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.xml"), dir.path().join("b.xml"));
    std::fs::write(&a, rss("A", &[("1", "One")])).unwrap();
    std::fs::write(&b, rss("B", &[("2", "Two")])).unwrap();
    cli(&lib).args(["feeds", "add"]).arg(&a).assert().success();
    cli(&lib).args(["feeds", "add"]).arg(&b).assert().success();
    std::fs::remove_file(&b).unwrap();
    cli(&lib).args(["fetch", "--feed", "b"]).assert().code(1);
    let out = cli(&lib).arg("list").assert().code(1).stdout("");
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        err.starts_with("the 2 subscribed feeds have no items yet (a: not fetched yet; b: failed: ")
            && err.ends_with("); `triptych fetch` gets them\n"),
        "{err}"
    );
    // Narrowed to one feed, the message is about that feed.
    let out = cli(&lib).args(["list", "--feed", "a"]).assert().code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert_eq!(
        err,
        "the subscribed feed has no items yet (a: not fetched yet); `triptych fetch` gets them\n"
    );
    // Once one feed has items, the list shows them and exits 0.
    cli(&lib).arg("fetch").assert().code(1);
    let list = stdout_of(cli(&lib).arg("list"));
    assert!(list.starts_with("one\tOne\tA\t"), "{list}");
}

#[test]
fn hostile_names_and_urls_are_cleaned_in_feeds_list() {
    let lib = fresh_library();
    cli(&lib)
        .args(["feeds", "add", "https://e.example/\x1b]0;PWNED\x07x", "--name", "a\x1b[2Jb"])
        .assert()
        .success();
    let list = stdout_of(cli(&lib).args(["feeds", "list"]));
    assert!(!list.contains('\x1b') && !list.contains('\x07'), "{list:?}");
    assert!(list.starts_with("a␛"), "{list:?}");
}

#[test]
fn a_file_that_is_no_feed_is_refused_when_added() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.sqlite3");
    let text = dir.path().join("passwd");
    std::fs::write(&text, "root:x:0:0:root:/root:/bin/bash\n").unwrap();
    cli(&lib)
        .args(["feeds", "add"])
        .arg(&text)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("is not a feed"));
    let listed = stdout_of(cli(&lib).args(["feeds", "list"]));
    assert!(!listed.contains("passwd"), "{listed}");
    let feed = dir.path().join("ok.xml");
    std::fs::write(&feed, rss("Harbour", &[("1", "One")])).unwrap();
    cli(&lib).args(["feeds", "add"]).arg(&feed).assert().success();
}

#[test]
fn importing_a_missing_or_non_opml_file_is_a_usage_error_like_adding_one() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.sqlite3");
    cli(&lib)
        .args(["feeds", "import"])
        .arg(dir.path().join("nowhere.opml"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("cannot read"));
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "just some notes\n").unwrap();
    cli(&lib).args(["feeds", "import"]).arg(&text).assert().code(2);
    cli(&lib).args(["feeds", "add"]).arg(dir.path().join("nowhere.xml")).assert().code(2);
}
