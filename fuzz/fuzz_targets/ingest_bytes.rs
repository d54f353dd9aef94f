//! Ingestion of arbitrary bytes: decoding, format detection, blocks,
//! boilerplate, page breaks, language split. Must never panic; whatever is
//! kept has a real source line.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(ing) = bitext::ingest::read_bytes("fuzz.txt", data) {
        for d in &ing.documents {
            for p in &d.paragraphs {
                assert!(p.line >= 1);
                assert!(!p.text.is_empty());
            }
        }
    }
});
