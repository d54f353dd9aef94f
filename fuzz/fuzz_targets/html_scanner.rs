//! The HTML scanner on arbitrary text: never panics, and every block's
//! line lies within the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let lines = text.matches('\n').count() + 1;
    for b in bitext::ingest::html::blocks(text, 0, 1) {
        assert!(b.line >= 1 && b.line <= lines, "line {} of {lines}", b.line);
    }
});
