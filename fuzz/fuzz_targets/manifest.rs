//! The corpus pairing manifest parser on arbitrary text.
#![no_main]

use bitext::align::Manifest;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|text: &str| {
    let _ = Manifest::parse(text, Path::new("manifest.tsv"));
});
