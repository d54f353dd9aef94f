//! End-to-end tests: `bitext align` and `bitext eval`.

use crate::util::{run, stderr, stdout};
use std::path::{Path, PathBuf};

const ZH: &str = "亚洲相互协作与信任措施会议是一个多边论坛。\n\
秘书处设在阿拉木图，于2006年6月启动。\n\
截至2019年1月，亚信会议共有成员国27个、观察员13个。\n\
他们讨论了加强合作的措施，也讨论了增加信任的办法。\n";

const EN: &str = "The Conference on Interaction and Confidence Building Measures in Asia is a multilateral forum.\n\
The Secretariat is located in Almaty.\n\
It was launched in June 2006.\n\
As of January 2019, CICA had 27 member states and 13 observers.\n\
They discussed measures to strengthen cooperation.\n\
They also discussed ways to increase trust.\n";

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn presplit_pair_aligns_with_splits() {
    let d = tempfile::tempdir().unwrap();
    let (zh, en) = (write(d.path(), "zh.txt", ZH), write(d.path(), "en.txt", EN));
    let o = run(["align", "--presplit", "--format", "beads", s(&zh), s(&en)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "[0]:[0]\n[1]:[1,2]\n[2]:[3]\n[3]:[4,5]\n");
}

#[test]
fn jsonl_records_carry_texts_indices_type_and_score() {
    let d = tempfile::tempdir().unwrap();
    let (zh, en) = (write(d.path(), "zh.txt", ZH), write(d.path(), "en.txt", EN));
    let o = run(["align", "--presplit", s(&zh), s(&en)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut src_seen = 0;
    for line in stdout(&o).lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let src = v["src"].as_array().unwrap();
        src_seen += src.len();
        assert_eq!(
            v["tgt"].as_array().unwrap().len(),
            v["tgt_idx"].as_array().unwrap().len()
        );
        let score = v["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score));
        assert!(v["type"].as_str().unwrap().contains('-'));
    }
    assert_eq!(src_seen, 4);
}

#[test]
fn english_first_still_aligns() {
    let d = tempfile::tempdir().unwrap();
    let (zh, en) = (write(d.path(), "zh.txt", ZH), write(d.path(), "en.txt", EN));
    let o = run(["align", "--presplit", "--format", "beads", s(&en), s(&zh)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "[0]:[0]\n[1,2]:[1]\n[3]:[2]\n[4,5]:[3]\n");
}

#[test]
fn bad_inputs_get_clear_messages_not_panics() {
    let d = tempfile::tempdir().unwrap();
    let zh = write(d.path(), "zh.txt", ZH);
    let empty = write(d.path(), "empty.txt", "\n  \n");
    let huge = write(d.path(), "huge.txt", &"word ".repeat(300_000));
    let missing = d.path().join("missing.txt");
    for (bad, what) in [
        (&empty, "empty"),
        (&huge, "line longer"),
        (&missing, "cannot read"),
    ] {
        let o = run(["align", "--presplit", s(&zh), s(bad)]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(
            err.contains(what) && err.contains(&*bad.to_string_lossy()),
            "{err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
    let o = run(["align", "--presplit", s(&zh), s(d.path())]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("refused: a folder, not a regular file"));
}

#[test]
fn same_language_and_wrong_language_lines_warn_or_align_without_panic() {
    let d = tempfile::tempdir().unwrap();
    let en = write(d.path(), "en.txt", EN);
    let en2 = write(d.path(), "en2.txt", EN);
    let o = run(["align", "--presplit", "--format", "beads", s(&en), s(&en2)]);
    assert!(o.status.success());
    assert!(
        stderr(&o).contains("(en) are both English"),
        "{}",
        stderr(&o)
    );
    // Identical texts align 1-1 on shared tokens.
    assert_eq!(stdout(&o).lines().count(), 6);
    let mixed = write(
        d.path(),
        "mixed.txt",
        &format!("{ZH}This line is English.\n"),
    );
    let o = run([
        "align",
        "--presplit",
        "--format",
        "beads",
        s(&mixed),
        s(&en),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let covered: usize = stdout(&o)
        .lines()
        .map(|l| {
            l.split(':')
                .next()
                .unwrap()
                .matches(|c: char| c.is_ascii_digit())
                .count()
        })
        .sum();
    assert_eq!(covered, 5);
}

#[test]
fn directory_mode_and_eval_agree() {
    let d = tempfile::tempdir().unwrap();
    for sub in ["src", "tgt", "gold"] {
        std::fs::create_dir(d.path().join(sub)).unwrap();
    }
    write(&d.path().join("src"), "001", ZH);
    write(&d.path().join("tgt"), "001", EN);
    write(
        &d.path().join("gold"),
        "001.align",
        "[0]:[0]\n[1]:[1,2]\n[2]:[3]\n[3]:[4,5]\n",
    );
    let out = d.path().join("out");
    let o = run([
        "align",
        "--presplit",
        "--format",
        "beads",
        "--src-dir",
        s(&d.path().join("src")),
        "--tgt-dir",
        s(&d.path().join("tgt")),
        "--out-dir",
        s(&out),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.join("001.align").is_file());
    let o = run(["eval", s(&d.path().join("gold")), s(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let strict = stdout(&o)
        .lines()
        .find(|l| l.starts_with("strict"))
        .unwrap()
        .to_string();
    assert!(strict.ends_with("1.000"), "{strict}");
}

#[test]
fn eval_warns_on_gold_naming_missing_sentences() {
    let d = tempfile::tempdir().unwrap();
    let gold = write(d.path(), "gold.align", "[0]:[0]\n[1]:[1,2]\n[7]:[9]\n");
    let pred = write(d.path(), "pred.align", "[0]:[0]\n[1]:[1]\n[]:[2]\n");
    let o = run(["eval", s(&gold), s(&pred)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("source sentence 7"), "{}", stderr(&o));
    assert!(stdout(&o).contains("strict"));
    let bad = write(d.path(), "bad.align", "[0]:[0\n");
    let o = run(["eval", s(&bad), s(&pred)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bad.align:1"), "{}", stderr(&o));
}

mod corpus {
    use crate::util::corpus;
    use bitext::align::{
        pair_documents, pair_documents_with, AlignConfig, Aligner, Manifest, Relation,
    };
    use bitext::record::Level;
    use bitext::segment::{SegmentedDoc, Segmenter};
    use std::sync::OnceLock;

    struct Shared {
        aligner: Aligner,
        docs: Vec<SegmentedDoc>,
    }

    fn shared() -> &'static Shared {
        static S: OnceLock<Shared> = OnceLock::new();
        S.get_or_init(|| {
            let seg = Segmenter::new();
            let mut docs = Vec::new();
            for f in [
                "000_58fd57bd8402631f.txt",
                "001_c0907f7ee83eb81c.txt",
                "002_4ab8577cf434d32c.txt",
                "003_11247a11cc0494c9.txt",
                "004_24d6c3fffd3a773b.txt",
            ] {
                let ing = bitext::ingest::read_file(&corpus(f)).expect("corpus file reads");
                docs.extend(ing.documents.iter().map(|d| seg.segment(d)));
            }
            Shared {
                aligner: Aligner::new(AlignConfig::default()).expect("lexicon"),
                docs,
            }
        })
    }

    fn doc(stem: &str, chinese: bool) -> &'static SegmentedDoc {
        shared()
            .docs
            .iter()
            .find(|d| d.doc.source.contains(stem) && d.doc.lang.is_chinese() == chinese)
            .expect("document present")
    }

    #[test]
    fn doc_000_paragraphs_pair_and_the_title_note_stays_alone() {
        let s = shared();
        let (zh, en) = (doc("000_", true), doc("000_", false));
        let al = s.aligner.align_docs(zh, en, Level::Paragraph);
        let note = al
            .src_units
            .iter()
            .position(|u| u.text.contains("题记"))
            .expect("the 题记 paragraph");
        for b in &al.beads {
            if b.src.contains(&note) {
                assert!(b.tgt.is_empty(), "题记 paired with {:?}", b.tgt);
            } else {
                assert_eq!((b.src.len(), b.tgt.len()), (1, 1), "{b:?}");
            }
        }
        assert_eq!(al.beads.len(), al.src_units.len());
    }

    #[test]
    fn doc_003_chinese_sentences_pair_with_english_paragraphs() {
        let s = shared();
        let (zh, en) = (doc("003_", true), doc("003_", false));
        let al = s.aligner.align_docs(zh, en, Level::Sentence);
        assert!(zh.sentences.len() > 5);
        let mut last_tgt = 0;
        for b in &al.beads {
            assert!(!b.src.is_empty(), "English left unpaired: {b:?}");
            assert!(!b.tgt.is_empty(), "Chinese sentence unpaired: {b:?}");
            assert!(b.tgt.start >= last_tgt);
            last_tgt = b.tgt.end;
        }
        assert_eq!(last_tgt, al.tgt_units.len());
    }

    #[test]
    fn doc_003_paragraph_level_follows_the_sentences() {
        // One Chinese paragraph renders all the English paragraphs: the
        // paragraph beads come from the sentence alignment, so every
        // paragraph is covered once and none is left unpaired.
        let s = shared();
        let (zh, en) = (doc("003_", true), doc("003_", false));
        let al = s.aligner.align_docs(zh, en, Level::Paragraph);
        assert_eq!(al.src_units.len(), 1);
        let mut next = (0, 0);
        for b in &al.beads {
            assert_eq!((b.src.start, b.tgt.start), next, "{b:?}");
            next = (b.src.end, b.tgt.end);
            assert!(!b.src.is_empty() && !b.tgt.is_empty(), "unpaired: {b:?}");
            assert!((0.0..=1.0).contains(&b.score));
        }
        assert_eq!(next, (al.src_units.len(), al.tgt_units.len()));
    }

    #[test]
    fn corpus_pairs_translations_and_not_comparable_documents() {
        let s = shared();
        let pairs = pair_documents(&s.docs, &s.aligner);
        for p in &pairs {
            let (a, b) = (&s.docs[p.src].doc, &s.docs[p.tgt].doc);
            let same = a.source == b.source;
            let want = if same {
                Relation::Translation
            } else {
                Relation::Comparable
            };
            assert_eq!(
                p.relation,
                want,
                "{} vs {}: {} ({})",
                a.id(),
                b.id(),
                p.score,
                p.reason
            );
            assert!((0.0..=1.0).contains(&p.score) && !p.reason.is_empty());
        }
        assert_eq!(
            pairs
                .iter()
                .filter(|p| p.relation == Relation::Translation)
                .count(),
            2
        );
    }

    #[test]
    fn manifest_overrides_the_pairing() {
        let s = shared();
        let (zh0, en0) = (doc("000_", true).doc.id(), doc("000_", false).doc.id());
        let (zh2, en4) = (doc("002_", true).doc.id(), doc("004_", false).doc.id());
        let text = format!("comparable\t{zh0}\t{en0}\ntranslation\t{zh2}\t{en4}\n");
        let m = Manifest::parse(&text, std::path::Path::new("manifest.tsv")).expect("manifest");
        let pairs = pair_documents_with(&s.docs, &s.aligner, Some(&m));
        let find = |a: &str, b: &str| {
            pairs
                .iter()
                .find(|p| s.docs[p.src].doc.id() == a && s.docs[p.tgt].doc.id() == b)
                .expect("pair listed")
        };
        assert_eq!(find(&zh0, &en0).relation, Relation::Comparable);
        assert_eq!(find(&zh2, &en4).relation, Relation::Translation);
        assert!(find(&zh2, &en4)
            .reason
            .starts_with("manifest says translation"));
    }
}

/// Corpus 002 (Chinese) and 004 (English) are about the same subject but
/// not translations: `align` and `check` say so, and no bead scores above
/// 0.5. A real translation pair (000) gets no such warning.
#[test]
fn unrelated_documents_are_reported_and_scored_low() {
    let (zh, en) = (
        crate::util::corpus("002_4ab8577cf434d32c.txt"),
        crate::util::corpus("004_24d6c3fffd3a773b.txt"),
    );
    let o = run(["align", "--format", "jsonl", s(&zh), s(&en)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("do not look like translations"),
        "{}",
        stderr(&o)
    );
    let mut beads = 0;
    for line in stdout(&o).lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let score = v["score"].as_f64().unwrap();
        assert!(score <= 0.5, "{line}");
        beads += 1;
    }
    assert!(beads > 5);
    let o = run(["check", "--format", "json", s(&zh), s(&en)]);
    assert!(
        stderr(&o).contains("do not look like translations"),
        "{}",
        stderr(&o)
    );
    let o = run([
        "align",
        "--format",
        "beads",
        s(&crate::util::corpus("000_58fd57bd8402631f.txt")),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("translations"), "{}", stderr(&o));
}
