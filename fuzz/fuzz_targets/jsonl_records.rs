//! The JSONL bead-record reader: never panics; every record it accepts
//! writes back (no `null` score) and reads back equal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    if let Ok(records) = bitext::export::jsonl::read(data, Path::new("fuzz.jsonl")) {
        let mut out = Vec::new();
        bitext::export::jsonl::write(&mut out, &records).expect("valid records write");
        let back = bitext::export::jsonl::read(&out[..], Path::new("again.jsonl"))
            .expect("written records read back");
        assert_eq!(back, records);
    }
});
