//! Converts the gloss-word lexicon (`simplified<TAB>pinyin<TAB>glosses`,
//! gzip) into the compact form the aligner loads fastest (stems
//! precomputed with the segmenter's Snowball stemmer). Used by
//! `data/build-lexicon.sh`: `build_lexicon IN.tsv.gz OUT.tsv.gz`.

use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: build_lexicon IN.tsv.gz OUT.tsv.gz");
        std::process::exit(2);
    };
    let lex = match bitext::align::Lexicon::read(std::path::Path::new(input)) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("build_lexicon: {e}");
            std::process::exit(1);
        }
    };
    let file = std::fs::File::create(output).expect("create output");
    let mut gz = GzEncoder::new(file, Compression::best());
    lex.write_compact(&mut gz).expect("write");
    gz.finish().expect("finish").flush().expect("flush");
    eprintln!(
        "{} headwords, {} stems -> {output}",
        lex.len(),
        lex.stem_count()
    );
}
