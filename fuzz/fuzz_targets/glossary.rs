//! Glossary parsers, TSV and TBX, on arbitrary text.
#![no_main]

use bitext::lexical::glossary::Glossary;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|text: &str| {
    let _ = Glossary::parse_tsv(text, Path::new("fuzz.tsv"));
    let _ = Glossary::parse_tbx(text, Path::new("fuzz.tbx"));
});
