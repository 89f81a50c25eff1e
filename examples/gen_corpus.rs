//! Writes a deterministic synthetic corpus for benchmarks:
//!
//! ```sh
//! cargo run --release --example gen_corpus -- COUNT DIR [SEED]
//! ```
//!
//! DIR gets COUNT seed-text files (`00000.txt`, ...) and `all.lines`, the same articles one per
//! line (title, body and insight joined), as input for line-oriented tools such as `fzf --filter`.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use triptych::synth;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(count), Some(dir)) = (args.first().and_then(|c| c.parse::<usize>().ok()), args.get(1)) else {
        eprintln!("usage: gen_corpus COUNT DIR [SEED]");
        std::process::exit(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(42);
    let dir = PathBuf::from(dir);
    fs::create_dir_all(&dir)?;
    let mut rng = synth::Rng::new(seed);
    let mut lines = BufWriter::new(fs::File::create(dir.join("all.lines"))?);
    let width = count.saturating_sub(1).to_string().len().max(5);
    for n in 0..count {
        let a = synth::article(&mut rng, n);
        fs::write(dir.join(format!("{n:0width$}.txt")), synth::to_seed_text(&a))?;
        let mut line = a.title.clone();
        for p in a.body.iter().chain(&a.insight) {
            line.push(' ');
            line.push_str(p);
        }
        writeln!(lines, "{line}")?;
    }
    lines.flush()?;
    eprintln!("wrote {count} articles to {}", dir.display());
    Ok(())
}
