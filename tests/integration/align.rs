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
    assert!(stderr(&o).contains("directory"));
}

#[test]
fn same_language_and_wrong_language_lines_warn_or_align_without_panic() {
    let d = tempfile::tempdir().unwrap();
    let en = write(d.path(), "en.txt", EN);
    let en2 = write(d.path(), "en2.txt", EN);
    let o = run(["align", "--presplit", "--format", "beads", s(&en), s(&en2)]);
    assert!(o.status.success());
    assert!(stderr(&o).contains("both en"), "{}", stderr(&o));
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
