//! Every file of ../shared/corpora/feeds loads as its items. The counts and first titles in the
//! table were read from the files by eye (not produced by triptych).

mod common;

use std::collections::HashMap;

use common::{corpus, stdout_of, triptych};
use triptych::load::{load_paths, LoadOptions};

/// (file under corpora/feeds, items, first item's title). A title ending in `...` is a prefix:
/// the item has no title and is named by the start of its text.
const TABLE: &[(&str, usize, &str)] = &[
    ("atom/atom_example_2.xml", 2, "Will someone plz dump our shizz on the Moon, NASA begs as one of the space biz vendors drops out"),
    ("atom/atom_example_7.xml", 1, "High resolution wheel scrolling in the desktop stack"),
    ("atom/atom_example_reddit.xml", 1, "Hey Rustaceans! Got an easy question? Ask here (21/2020)!"),
    ("atom/atom_mediarss_reddit_1.xml", 25, "Any reason to keep 1G connections to my servers?"),
    ("atom/atom_mediarss_youtube_1.xml", 1, "Navigating with Quantum Entanglement"),
    ("atom/atom_spec_1.xml", 1, "Atom-Powered Robots Run Amok"),
    ("jsonfeed/jsonfeed_elastic_1.1.json", 3, "InfluxDB vs. Graphite for Time Series Data & Metrics Benchmark"),
    ("jsonfeed/jsonfeed_example_1.json", 2, "How Jeff Bezos’s iPhone X Was Hacked"),
    ("rss0/rss_0.91_spec_1.xml", 2, "Giving the world a pluggable Gnutella"),
    ("rss0/rss_0.92_spec_1.xml", 3, "Kevin Drennan started a Grateful Dead Weblog...."),
    ("rss1/rss_1.0_biorxiv.xml", 1, "Complete genome of the Medicago anthracnose fungus, Colletotrichum destructivum, reveals a mini-chromosome-like region within a core chromosome."),
    ("rss1/rss_1.0_debian.xml", 1, "Updated Debian 11: 11.6 released"),
    ("rss1/rss_1.0_iso8859.xml", 1, "Digitalministerium: Neue Glasfaserförderung mit Schnellkasse"),
    ("rss1/rss_1.0_spec_1.xml", 2, "Processing Inclusions with XSLT"),
    ("rss2/rss_2.0_anchorfm.xml", 1, "Advocating for our children"),
    ("rss2/rss_2.0_bbc.xml", 1, "Marcus Aurelius"),
    ("rss2/rss_2.0_ch9.xml", 1, "Troubleshoot AKS cluster issues with AKS Diagnostics and AKS Periscope"),
    ("rss2/rss_2.0_cloudflare.xml", 1, "Privacy-Preserving Compromised Credential Checking"),
    ("rss2/rss_2.0_dbengines.xml", 1, "Snowflake is the DBMS of the Year 2022, defending the title from last year"),
    ("rss2/rss_2.0_element_io.xml", 1, "Simpler plans for Element, on-premise and cloud!"),
    ("rss2/rss_2.0_encoding_1.xml", 1, "Revolução nas telas com pontos quânticos impressos em 3D"),
    ("rss2/rss_2.0_example_1.xml", 1, "Example entry"),
    ("rss2/rss_2.0_example_2.xml", 1, "NASA Television to Broadcast Space Station Departure of Cygnus Cargo Ship"),
    ("rss2/rss_2.0_example_3.xml", 1, "How a Historian Uncovered Ronald Reagan’s Racist Remarks to Richard Nixon"),
    ("rss2/rss_2.0_example_4.xml", 1, "Minor earthquake, 3.5 mag was detected near Aris in Greece"),
    ("rss2/rss_2.0_ghost_2.xml", 1, "Send emails without publishing"),
    ("rss2/rss_2.0_heated.xml", 1, "A conversation about Keystone XL"),
    ("rss2/rss_2.0_ilgiornale.xml", 1, "Arrestato in Pakistan Shabbar Abbas. In Italia è accusato per l'omicidio di Saman"),
    ("rss2/rss_2.0_ilmessaggero.xml", 1, "Missili Polonia, cosa è successo? Tensione Nato-Russia, Mosca: non siamo stati noi"),
    ("rss2/rss_2.0_kdist.xml", 1, "5.7-rc4: mainline"),
    ("rss2/rss_2.0_matrix.xml", 1, "This Week in Matrix 2022-09-23"),
    ("rss2/rss_2.0_nbcny.xml", 1, "NYC cops search for stabbing suspect after leaving 18-year-old to bleed out on sidewalk"),
    ("rss2/rss_2.0_nightvale.xml", 1, "221 - The Glow Cloud, Explained"),
    ("rss2/rss_2.0_reddit.xml", 1, "Announcing FeedMail"),
    ("rss2/rss_2.0_rps.xml", 1, "The Sunday Papers"),
    ("rss2/rss_2.0_spec_1.xml", 2, "Joshua Allen: Who loves namespaces?"),
    ("rss2/rss_2.0_spiegel.xml", 1, "07.02. – die Wochenvorschau: Lockdown-Verlängerung, Kriegsverbrecher vor Gericht, Super Bowl, Karneval"),
    ("rss2/rss_2.0_spreaker.xml", 1, "Lwowska Fala odc. 78 Wrzesień 1939 | Radio Katowice"),
    ("rss2/rss_2.0_vimeo_media.xml", 1, "Oregon Harvest Update and Fall Release Date Set"),
    ("rss2/rss_2.0_wirecutter.xml", 1, "How to Teach Someone a Board Game (and Even Have Fun Doing It)"),
];

fn check_title(file: &str, got: &str, want: &str) {
    match want.strip_suffix("...") {
        Some(prefix) => {
            assert!(got.starts_with(prefix), "{file}: first title {got:?} should start {prefix:?}")
        }
        None => assert_eq!(got, want, "{file}: first title"),
    }
}

#[test]
fn every_feed_file_loads_with_its_items_and_first_title() {
    let dir = corpus("feeds");
    for &(file, count, title) in TABLE {
        let loaded = load_paths(&[dir.join(file)], &LoadOptions::default());
        assert!(loaded.warnings.is_empty(), "{file}: {:?}", loaded.warnings);
        let articles = loaded.corpus.articles();
        assert_eq!(articles.len(), count, "{file}: item count");
        check_title(file, &articles[0].title, title);
        for a in articles {
            assert_eq!(a.format, triptych::Format::Feed, "{file}");
            assert!(
                !a.title.contains('<') || a.title.contains("<tag"),
                "{file}: raw markup in {:?}",
                a.title
            );
            assert!(a.key.contains('#'), "{file}: item key {:?} names the item", a.key);
        }
    }
}

#[test]
fn the_table_names_every_feed_file() {
    let dir = corpus("feeds");
    let mut on_disk: Vec<String> = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(&dir).unwrap().to_string_lossy().into_owned())
        .filter(|p| p != "LICENSE-MIT")
        .collect();
    on_disk.sort();
    let table: Vec<&str> = TABLE.iter().map(|r| r.0).collect();
    assert_eq!(on_disk, table);
}

#[test]
fn a_directory_of_feeds_lists_every_item() {
    let dir = corpus("feeds");
    let out = stdout_of(triptych().arg("list").arg(&dir));
    let expected: usize = TABLE.iter().map(|r| r.1).sum();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), expected, "{out}");
    let titles: HashMap<&str, usize> =
        lines.iter().filter_map(|l| l.split('\t').nth(1)).map(|t| (t, 1)).collect();
    assert!(titles.contains_key("Marcus Aurelius"));
    assert!(!out.contains("<?xml"), "no raw XML: {out}");
}

#[test]
fn an_item_keeps_its_metadata_and_numbered_links() {
    let dir = corpus("feeds");
    let loaded = load_paths(&[dir.join("jsonfeed/jsonfeed_example_1.json")], &LoadOptions::default());
    let a = &loaded.corpus.articles()[0];
    assert_eq!(a.source.as_deref(), Some("Daring Fireball"));
    assert_eq!(a.author.as_deref(), Some("John Gruber"));
    assert_eq!(a.date.as_deref(), Some("2020-01-24T23:46:57Z"));
    assert_eq!(a.url.as_deref(), Some("https://daringfireball.net/linked/2020/01/24/bezos-iphone-x"));
    assert!(a.body[0].starts_with("Good summary from The New York Times."), "{:?}", a.body);

    let loaded = load_paths(&[dir.join("rss1/rss_1.0_iso8859.xml")], &LoadOptions::default());
    let a = &loaded.corpus.articles()[0];
    assert_eq!(a.author.as_deref(), Some("Achim Sawall"));
    assert_eq!(a.source.as_deref(), Some("Golem.de"));
    // Two links in the text, numbered, and listed under the body.
    assert!(a.body.iter().any(|p| p.contains("Infrastruktur[1]")), "{:?}", a.body);
    assert_eq!(a.links[0], "https://www.golem.de/specials/infrastruktur/", "{:?}", a.links);
    assert!(
        !a.body.iter().any(|p| p.starts_with("[1] ")),
        "listed under the article, not in the body: {:?}",
        a.body
    );
    assert_eq!(a.links[1], "https://www.golem.de/specials/glasfaser/");
}

#[test]
fn json_export_of_feed_items_reads_back() {
    let dir = corpus("feeds");
    let out =
        stdout_of(triptych().arg("export").arg("--format").arg("json").arg(dir.join("rss2/rss_2.0_bbc.xml")));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["title"], "Marcus Aurelius");
    assert_eq!(v[0]["format"], "feed");
    assert!(v[0]["date"].is_string());
}

#[test]
fn config_insight_headings_split_feed_files_too() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("f.xml");
    std::fs::write(
        &feed,
        "<rss version=\"2.0\"><channel><title>T</title><item><guid>1</guid><title>A</title><description>\
         &lt;p&gt;Fact.&lt;/p&gt;&lt;h3&gt;The Bottom Line&lt;/h3&gt;&lt;p&gt;View.&lt;/p&gt;</description></item></channel></rss>",
    )
    .unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[parse]\ninsight-headings = [\"Bottom line\"]\n").unwrap();
    let plain = stdout_of(triptych().arg("list").arg(&feed));
    assert!(plain.ends_with("\t3\t0\n"), "no split without the rule: {plain}");
    let split = stdout_of(triptych().arg("list").arg("--config").arg(&config).arg(&feed));
    assert!(split.ends_with("\t1\t1\n"), "{split}");
}

#[test]
fn config_insight_headings_split_subscribed_items_when_fetched_and_when_read() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("f.xml");
    std::fs::write(
        &feed,
        "<rss version=\"2.0\"><channel><title>T</title><item><guid>1</guid><title>A</title><description>\
         &lt;p&gt;Fact &lt;a href=\"https://t.example/\"&gt;here&lt;/a&gt;.&lt;/p&gt;&lt;h3&gt;The Bottom Line&lt;/h3&gt;\
         &lt;p&gt;View.&lt;/p&gt;</description></item></channel></rss>",
    )
    .unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[parse]\ninsight-headings = [\"Bottom line\"]\n").unwrap();
    let library = common::fresh_library();
    let cli = || {
        let mut c = triptych();
        c.env("TRIPTYCH_LIBRARY", &library);
        c
    };
    cli().args(["feeds", "add"]).arg(&feed).assert().success();
    // Fetched with the built-in headings only: not split (Fact, heading, View).
    cli().arg("fetch").assert().success();
    assert!(stdout_of(cli().arg("list")).ends_with("\t3\t0\n"));
    // Read with the config's heading: the stored item splits as a file would.
    let split = stdout_of(cli().arg("list").arg("--config").arg(&config));
    assert!(split.ends_with("\t1\t1\n"), "{split}");
    let shown = stdout_of(cli().args(["show", "a", "--json", "--config"]).arg(&config));
    let v: serde_json::Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(v["body"], serde_json::json!(["Fact here[1]."]));
    assert_eq!(v["links"], serde_json::json!(["https://t.example/"]));
    let text = stdout_of(cli().args(["show", "a"]));
    assert_eq!(text.matches("[1] https://t.example/").count(), 1, "the link is listed once:\n{text}");
    assert_eq!(v["insight"], serde_json::json!(["View."]));
    assert_eq!(v["insight_label"], "The Bottom Line");
    // Fetched with the config (TRIPTYCH_CONFIG names it too): stored split.
    cli().arg("fetch").env("TRIPTYCH_CONFIG", &config).assert().success();
    assert!(stdout_of(cli().arg("list")).ends_with("\t1\t1\n"));
}

#[test]
fn rss_1_descriptions_are_read_as_html_like_rss_2_ones() {
    let loaded = load_paths(&[corpus("feeds").join("rss1/rss_1.0_debian.xml")], &LoadOptions::default());
    let text = loaded.corpus.articles()[0].body.join("\n");
    assert!(text.contains("(codename bullseye)"), "{text}");
    assert!(!text.contains("<q>"), "{text}");
}
