//! The Markdown parser (front matter, headings, nesting): any text, no panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use triptych::{parse, Format};

fuzz_target!(|text: &str| {
    let _ = parse::parse(Format::Markdown, text);
});
