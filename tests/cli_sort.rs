//! `list --sort` / `--group` and the metadata `show` prints, from the real binary.

mod common;

use common::{stdout_of, triptych};

/// Three Markdown articles in two folders, with dates in two forms and one without.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, front: &str| {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, format!("---\n{front}\n---\n\nA fact about the port.\n")).unwrap();
    };
    write("news/a.md", "title: Zebra crossing\nsource: Wire\ndate: 2024-05-01");
    write("news/b.md", "title: apple harvest\ndate: Thu, 02 May 2024 09:00:00 +0000\nsource: agency");
    write(
        "blog/c.md",
        "title: Middle\nauthor: Jane Doe\nurl: https://example.com/m\ntags: [ports, cranes]\nlinks: [https://example.com/1]",
    );
    dir
}

fn titles(out: &str) -> Vec<String> {
    out.lines().map(|l| l.split('\t').nth(1).unwrap().to_string()).collect()
}

#[test]
fn list_sorts_by_each_key_and_groups() {
    let dir = corpus();
    let list = |extra: &[&str]| {
        let mut c = triptych();
        c.arg("list").arg(dir.path()).args(extra);
        titles(&stdout_of(&mut c))
    };
    assert_eq!(list(&[]), ["Middle", "Zebra crossing", "apple harvest"], "as read: folders in name order");
    assert_eq!(list(&["--sort", "title"]), ["apple harvest", "Middle", "Zebra crossing"]);
    assert_eq!(list(&["--sort", "date"]), ["apple harvest", "Zebra crossing", "Middle"], "newest first");
    assert_eq!(list(&["--sort", "source"]), ["apple harvest", "Zebra crossing", "Middle"], "none last");
    assert_eq!(
        list(&["--sort", "title", "--group", "source"]),
        ["apple harvest", "Zebra crossing", "Middle"]
    );
    assert_eq!(list(&["--sort", "date", "--group", "folder"]), ["Middle", "apple harvest", "Zebra crossing"]);
    triptych()
        .args(["list", "--sort", "size"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("possible values: path, title, date, source"));
}

#[test]
fn show_prints_metadata_under_the_title_and_numbered_links() {
    let dir = corpus();
    let out = stdout_of(triptych().args(["show", "blog-c"]).arg(dir.path()));
    assert_eq!(
        out,
        "Middle\n======\nby Jane Doe\nURL: https://example.com/m\nTags: ports, cranes\n\n\
         A fact about the port.\n\nLinks\n[1] https://example.com/1\n"
    );
}
