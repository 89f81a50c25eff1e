//! Feeds end to end in a real terminal: subscribe to a local feed file, fetch it, open the
//! reader with no PATH (the subscribed items), read one, quit, and find it read after a
//! restart; the other items stay unread.

mod common;

use common::tmux::{binary, Tmux};

const FEED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Harbour Notes</title>
<item><guid>n1</guid><title>Cranes double at the terminal</title><pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate>
<author>ed@example.com (Ed Itor)</author>
<description>&lt;p&gt;The terminal doubles its cranes.&lt;/p&gt;&lt;h2&gt;Our take&lt;/h2&gt;&lt;p&gt;A bet on growth.&lt;/p&gt;</description></item>
<item><guid>n2</guid><title>Ferry timetable changes</title><pubDate>Sun, 02 Mar 2025 10:00:00 GMT</pubDate>
<description>Ferries leave earlier.</description></item>
<item><guid>n3</guid><title>Dredging starts in May</title><pubDate>Sat, 01 Mar 2025 10:00:00 GMT</pubDate>
<description>The channel gets deeper.</description></item>
</channel></rss>"#;

#[test]
fn a_read_feed_item_is_still_read_after_a_restart() {
    let t = Tmux::start(120, 30);
    let file = t.dir.path().join("harbour.xml");
    std::fs::write(&file, FEED).unwrap();
    let bin = binary();
    t.type_line(&format!(
        "{} feeds add {} --name harbour && {} fetch",
        bin.display(),
        file.display(),
        bin.display()
    ));
    t.wait_for_text("[1/1] harbour: 3 items, 3 new");

    t.launch("");
    t.wait_for_text("Articles (3)");
    let screen = t.wait_for_text("Cranes double at the terminal");
    assert!(
        screen.contains("Ferry timetable changes") && screen.contains("Dredging starts in May"),
        "{screen}"
    );
    // Open the newest item: it becomes read; its insight is split off.
    t.send(&["Enter"]);
    t.wait_for_text("A bet on growth.");
    t.send(&["q"]);
    t.wait_for_text("TRIPTYCH-EXITED-0");

    t.launch("");
    t.wait_for_text("Articles (3)");
    t.send(&["q"]);
    t.wait_for_text("TRIPTYCH-EXITED-0");
    t.type_line(&format!("clear; {} list --unread --feed harbour | cut -f2; echo LISTED", bin.display()));
    // The line LISTED alone, not the typed command that ends with it.
    let screen = t.wait_for("the listing", |s| s.lines().any(|l| l.trim() == "LISTED"));
    let listed: Vec<&str> = screen
        .lines()
        .map(str::trim)
        .filter(|l| ["Cranes", "Ferry", "Dredging"].iter().any(|w| l.starts_with(w)))
        .collect();
    assert_eq!(listed, ["Ferry timetable changes", "Dredging starts in May"], "{screen}");
}

/// The harbour feed as served now: `extra` items first (newest), then the three above.
fn served(extra: &[(&str, &str)]) -> String {
    let mut items: Vec<(&str, &str)> = extra.to_vec();
    items.extend([
        ("n1", "Cranes double at the terminal"),
        ("n2", "Ferry timetable changes"),
        ("n3", "Dredging starts in May"),
    ]);
    common::http::rss("Harbour Notes", &items)
}

#[test]
fn r_fetches_in_the_reader_and_the_new_item_appears_marked_new() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    use common::http::{ok, Reply, Server};

    let body = Arc::new(Mutex::new(served(&[])));
    let slow = Arc::new(AtomicBool::new(false));
    let (b, s) = (Arc::clone(&body), Arc::clone(&slow));
    let server = Server::start(move |_| {
        let reply = ok(b.lock().unwrap().clone());
        // Long enough that a reader waiting for it would fail the test's patience.
        if s.load(Ordering::SeqCst) {
            Reply::Slow(Duration::from_secs(60), Box::new(reply))
        } else {
            reply
        }
    });
    let t = Tmux::start(120, 30);
    let bin = binary();
    t.type_line(&format!(
        "{} feeds add {} --name harbour && {} fetch",
        bin.display(),
        server.url("/harbour.xml"),
        bin.display()
    ));
    t.wait_for_text("[1/1] harbour: 3 items, 3 new");

    t.launch("");
    t.wait_for_text("Articles (3)");
    // Select the second item; the fetch must not move the selection off it.
    t.send(&["j"]);
    t.wait_for_text("2/3");
    *body.lock().unwrap() = served(&[("n4", "Tugboat strike vote")]);
    t.send(&["r"]);
    let screen = t.wait_for_text("Articles (4)");
    let screen =
        if screen.contains("1 new item from 1 feed") { screen } else { t.wait_for_text("1 new item") };
    assert!(screen.contains("new Tugboat strike vote"), "the new item, marked new:\n{screen}");
    assert!(screen.contains("3/4"), "still on the same article, now third:\n{screen}");
    assert!(screen.contains("1 new item from 1 feed"), "{screen}");

    // A fetch that hangs does not hold up quitting.
    slow.store(true, Ordering::SeqCst);
    t.send(&["r"]);
    t.wait_for_text("fetching");
    t.send(&["q"]);
    t.wait_for_text("TRIPTYCH-EXITED-0");
}

#[test]
fn r_with_nothing_subscribed_says_how_to_subscribe() {
    let t = Tmux::start(140, 30);
    t.launch("");
    t.wait_for_text("Articles (");
    t.send(&["r"]);
    t.wait_for_text("no feeds subscribed: `triptych feeds add URL`");
    t.send(&["q"]);
    t.wait_for_text("TRIPTYCH-EXITED-0");
}

#[test]
fn subscribed_but_never_fetched_opens_an_empty_list_until_r_fetches() {
    let t = Tmux::start(120, 30);
    let file = t.dir.path().join("harbour.xml");
    std::fs::write(&file, FEED).unwrap();
    t.type_line(&format!("{} feeds add {} --name harbour", binary().display(), file.display()));
    t.wait_for_text("subscribed to");
    t.launch("");
    let screen = t.wait_for_text("No feed items yet.");
    assert!(screen.contains("Articles (0)") && !screen.contains("OpenAI"), "not the samples:\n{screen}");
    t.send(&["r"]);
    let screen = t.wait_for_text("3 new items from 1 feed");
    assert!(screen.contains("new Cranes double"), "{screen}");
    t.send(&["q"]);
    t.wait_for_text("TRIPTYCH-EXITED-0");
}
