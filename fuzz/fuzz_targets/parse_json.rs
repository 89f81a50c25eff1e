//! The JSON and JSONL parsers: any text, no panic, no stack overflow.
#![no_main]
use libfuzzer_sys::fuzz_target;
use triptych::{parse, Format};

fuzz_target!(|text: &str| {
    let _ = parse::parse(Format::Json, text);
    let _ = parse::parse(Format::Jsonl, text);
});
