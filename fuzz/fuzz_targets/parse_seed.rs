//! The seed text parser, through the loader's decoding: any bytes, no panic, and every article
//! it yields is terminal-safe after normalising.
#![no_main]
use libfuzzer_sys::fuzz_target;
use triptych::{load, parse, sanitize, Format};

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = load::decode(data) else { return };
    if let Ok(parsed) = parse::parse(Format::Seed, &decoded.text) {
        for mut a in parsed.articles {
            a.normalize();
            assert!(a.title.chars().all(sanitize::is_safe));
            assert!(a.body.iter().chain(&a.insight).all(|p| p.chars().all(|c| sanitize::is_safe(c) && c != '\n')));
        }
    }
});
