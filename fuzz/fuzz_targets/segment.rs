//! Segmentation of whatever ingestion keeps: sentences, words, numbers.
#![no_main]

use bitext::segment::Segmenter;
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static SEG: LazyLock<Segmenter> = LazyLock::new(Segmenter::new);

fuzz_target!(|text: &str| {
    if let Ok(ing) = bitext::ingest::read_bytes("fuzz.txt", text.as_bytes()) {
        for d in &ing.documents {
            let _ = SEG.segment(d);
        }
    }
});
