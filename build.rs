//! Embeds the bundled sample articles (`seeds/`) into the binary as (file name, text) pairs.
use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=seeds");
    let mut names: Vec<String> = fs::read_dir("seeds")
        .expect("seeds/ directory")
        .map(|e| e.expect("readable seeds/ entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n != "README.md" && !n.starts_with('.'))
        .collect();
    names.sort();
    let root = env::var("CARGO_MANIFEST_DIR").unwrap();
    let entries: String = names
        .iter()
        .map(|n| format!("({n:?}, include_bytes!({:?})),\n", Path::new(&root).join("seeds").join(n)))
        .collect();
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("seeds.rs");
    fs::write(out, format!("&[\n{entries}]")).unwrap();
}
