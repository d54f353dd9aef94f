//! End-to-end tests: `bitext segment`.

use crate::util::{corpus, run, stderr, stdout};

#[test]
fn json_sentences_point_back_into_their_paragraphs() {
    let file = corpus("000_58fd57bd8402631f.txt");
    let out = run(["segment", "--json", "corpus/000_58fd57bd8402631f.txt"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let docs: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let docs = docs.as_array().expect("array");
    assert!(docs.len() >= 2, "000 holds Chinese and English");
    let ingested = bitext::ingest::read_file(&file).expect("ingest");
    for (d, doc) in docs.iter().zip(&ingested.documents) {
        let sentences = d["sentences"].as_array().expect("sentences");
        assert!(sentences.len() > doc.paragraphs.len() / 2);
        for s in sentences {
            let para = s["para"].as_u64().expect("para") as usize;
            let (a, b) = (
                s["span"]["start"].as_u64().expect("start") as usize,
                s["span"]["end"].as_u64().expect("end") as usize,
            );
            assert_eq!(
                &doc.paragraphs[para].text[a..b],
                s["text"].as_str().expect("text")
            );
        }
    }
    // The English "II." lead stays with its heading; the number is read.
    let text = stdout(&out);
    assert!(
        text.contains("\"text\": \"II. CICA Evolution and Asian Security Architecture Building\"")
    );
    assert!(text.contains("\"kind\": \"year\""));
}

#[test]
fn human_output_lists_sentences_words_and_numbers() {
    let out = run(["segment", "corpus/002_4ab8577cf434d32c.txt"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("sentences"));
    assert!(text.contains("words: "));
    assert!(text.contains("47 (ordinal: 第47)"), "{text}");
}

#[test]
fn missing_file_is_reported_and_others_still_run() {
    let out = run([
        "segment",
        "no/such/file.txt",
        "corpus/004_24d6c3fffd3a773b.txt",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no/such/file.txt"));
    assert!(stdout(&out).contains("004_24d6c3fffd3a773b.txt"));
}
