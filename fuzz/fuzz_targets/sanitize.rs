//! The sanitiser: output never contains a control character, bidi control or BOM; a line
//! never contains a newline or doubled space; cleaning is idempotent.
#![no_main]
use libfuzzer_sys::fuzz_target;
use triptych::sanitize;

fuzz_target!(|text: &str| {
    let clean = sanitize::clean(text);
    assert!(clean.chars().all(sanitize::is_safe));
    assert_eq!(sanitize::clean(&clean), clean);
    let line = sanitize::clean_line(text);
    assert!(line.chars().all(|c| sanitize::is_safe(c) && c != '\n'));
    assert!(!line.contains("  ") && !line.starts_with(' ') && !line.ends_with(' '));
    assert_eq!(sanitize::clean_line(&line), line);
});
