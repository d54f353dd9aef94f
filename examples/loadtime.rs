//! Measures how long the shipped lexicon takes to load (best of 15), and
//! how much of it is gzip decompression.
use std::io::Read;
fn main() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/lexicon-zh-en.tsv.gz"
    ))
    .unwrap_or_default();
    let (mut best, mut best_gz) = (std::time::Duration::MAX, std::time::Duration::MAX);
    for _ in 0..15 {
        let t = std::time::Instant::now();
        let mut text = String::new();
        let _ = flate2::read::GzDecoder::new(&bytes[..]).read_to_string(&mut text);
        best_gz = best_gz.min(t.elapsed());
        let t = std::time::Instant::now();
        let l = bitext::align::Lexicon::embedded()
            .map(|l| l.len())
            .unwrap_or(0);
        best = best.min(t.elapsed());
        assert!(l > 0);
    }
    eprintln!("lexicon load, best of 15: {best:?} (gzip decompression alone: {best_gz:?})");
}
