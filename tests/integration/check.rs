//! End-to-end tests: `bitext check`.

use crate::util::{run, stderr, stdout};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// One bead record line (zh-Hans → en).
pub fn bead(i: usize, zh: &[&str], en: &[&str]) -> Value {
    json!({
        "pair": "t", "bead": i, "type": format!("{}-{}", zh.len(), en.len()),
        "score": 0.9, "src_lang": "zh-Hans", "tgt_lang": "en",
        "src": zh, "tgt": en, "src_lines": [i + 1], "tgt_lines": [i + 1],
    })
}

/// Writes `beads` as JSONL into `dir`.
pub fn write_jsonl(dir: &Path, name: &str, beads: &[Value]) -> PathBuf {
    let p = dir.join(name);
    let text: String = beads.iter().map(|b| format!("{b}\n")).collect();
    std::fs::write(&p, text).unwrap();
    p
}

const GOOD: (&str, &str) = (
    "会议讨论了信任措施。",
    "The meeting discussed confidence building measures.",
);

fn sample(dir: &Path) -> PathBuf {
    let mut beads: Vec<Value> = (0..8).map(|i| bead(i, &[GOOD.0], &[GOOD.1])).collect();
    beads.push(bead(8, &["亚信会议讨论了很多重要的信任措施问题。"], &[]));
    beads.push(bead(9, &[GOOD.0], &["会议讨论了信任措施和其他问题。"]));
    beads.push(bead(10, &["会议（CICA）讨论了信任措施。"], &[GOOD.1]));
    beads.push(bead(
        11,
        &[GOOD.0],
        &["The meeting discussed trust measures."],
    ));
    write_jsonl(dir, "pair.jsonl", &beads)
}

#[test]
fn flags_each_kind_and_leaves_good_beads_out() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = sample(dir.path());
    let gloss = dir.path().join("g.tsv");
    std::fs::write(&gloss, "zh\ten\n信任措施\tconfidence building measures\n").unwrap();
    let o = run([
        "check".as_ref(),
        jsonl.as_os_str(),
        "--glossary".as_ref(),
        gloss.as_os_str(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for (bead, kind) in [
        ("t#8 ", "unaligned"),
        ("t#9 ", "untranslated"),
        ("t#10 ", "name-mismatch"),
        ("t#11 ", "glossary-violation"),
    ] {
        let at = out
            .find(bead)
            .unwrap_or_else(|| panic!("{bead} missing:\n{out}"));
        let block = &out[at..];
        let block = &block[..block.find("\n\n").unwrap_or(block.len())];
        assert!(block.contains(kind), "{bead} lacks {kind}:\n{block}");
    }
    for good in 0..8 {
        assert!(
            !out.contains(&format!("t#{good} ")),
            "good bead {good} flagged:\n{out}"
        );
    }
    // Most severe first: the untranslated error leads.
    assert!(out.starts_with("t#9 "), "{out}");
    assert!(out.trim_end().ends_with(
        "12 beads, 4 flagged: 1 name-mismatch, 1 unaligned, 1 untranslated, 1 glossary-violation"
    ), "{out}");
}

#[test]
fn json_format_gives_flagged_records() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = sample(dir.path());
    let o = run([
        "check".as_ref(),
        jsonl.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let recs: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // Without a glossary, bead 11 is clean.
    let beads: Vec<u64> = recs.iter().map(|r| r["bead"].as_u64().unwrap()).collect();
    assert_eq!(beads, vec![9, 8, 10]);
    assert_eq!(recs[0]["flags"][0]["kind"], "untranslated");
    assert_eq!(recs[0]["flags"][0]["severity"], "error");
}

#[test]
fn bad_input_names_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.jsonl");
    std::fs::write(
        &p,
        format!("{}\n{{oops\n", bead(0, &["会议"], &["meeting"])),
    )
    .unwrap();
    let o = run(["check".as_ref(), p.as_os_str()]);
    assert!(!o.status.success());
    let e = stderr(&o);
    assert!(e.contains("bad.jsonl:2:"), "{e}");

    let o = run(["check", "/nonexistent/pair.jsonl"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("/nonexistent/pair.jsonl"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn min_severity_filters() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = sample(dir.path());
    let o = run([
        "check".as_ref(),
        jsonl.as_os_str(),
        "--min-severity".as_ref(),
        "error".as_ref(),
    ]);
    let out = stdout(&o);
    assert!(out.contains("t#9 ") && !out.contains("t#8 "), "{out}");
}

#[test]
fn omission_and_addition_name_their_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut beads: Vec<Value> = (0..10).map(|i| bead(i, &[GOOD.0], &[GOOD.1])).collect();
    beads.push(bead(
        10,
        &["会议讨论了信任措施，各国领导人在上海举行峰会并通过了联合宣言。"],
        &[GOOD.1],
    ));
    beads.push(bead(
        11,
        &[GOOD.0],
        &["The meeting discussed confidence building measures, which the leaders of the member states had set at the summit in Shanghai."],
    ));
    let jsonl = write_jsonl(dir.path(), "pair.jsonl", &beads);
    let o = run(["check".as_ref(), jsonl.as_os_str()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let block = |b: &str| -> String {
        let at = out.find(b).unwrap_or_else(|| panic!("{b} missing:\n{out}"));
        let rest = &out[at..];
        rest[..rest.find("\n\n").unwrap_or(rest.len())].to_string()
    };
    let om = block("t#10 ");
    assert!(om.contains("omission: source clause"), "{om}");
    for w in ["上海", "峰会", "宣言"] {
        assert!(om.contains(w), "{w} not listed:\n{om}");
    }
    let add = block("t#11 ");
    assert!(add.contains("addition: target clause"), "{add}");
    for w in ["leaders", "summit", "Shanghai"] {
        assert!(add.contains(w), "{w} not listed:\n{add}");
    }
    for good in 0..10 {
        assert!(
            !out.contains(&format!("t#{good} ")),
            "good bead {good} flagged:\n{out}"
        );
    }
}

#[test]
fn numbers_compare_across_languages() {
    let dir = tempfile::tempdir().unwrap();
    let beads = vec![
        bead(
            0,
            &["亚信会议创立于1992年，经历了二十五年的发展。"],
            &["CICA was founded in 1992 and has evolved for 25 years."],
        ),
        bead(
            1,
            &["2014年5月，峰会在上海举行。"],
            &["The summit was held in Shanghai in May 2014."],
        ),
        bead(2, &["贸易增长了百分之五。"], &["Trade grew by 5%."]),
        bead(
            3,
            &["第四十七届联合国大会。"],
            &["The 47th session of the UN General Assembly."],
        ),
        bead(
            4,
            &["亚信会议创立于1993年。"],
            &["CICA was founded in 1992."],
        ),
        bead(5, &["贸易增长了百分之五。"], &["Trade grew by 15%."]),
        bead(
            6,
            &["截止到2016年底，亚信会议已有26个成员国。"],
            &["CICA has 26 member states."],
        ),
    ];
    let jsonl = write_jsonl(dir.path(), "n.jsonl", &beads);
    let o = run([
        "check".as_ref(),
        jsonl.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let recs: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut flagged: Vec<u64> = recs.iter().map(|r| r["bead"].as_u64().unwrap()).collect();
    flagged.sort();
    assert_eq!(flagged, vec![4, 5, 6], "{}", stdout(&o));
    // The number flag of bead `b`: (severity, reason).
    let number_flag = |b: u64| -> (String, String) {
        let r = recs.iter().find(|r| r["bead"] == b).unwrap();
        let f = r["flags"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["kind"] == "number-mismatch")
            .unwrap_or_else(|| panic!("no number flag on {b}: {r}"));
        (
            f["severity"].as_str().unwrap().to_string(),
            f["reason"].as_str().unwrap().to_string(),
        )
    };
    let (sev, why) = number_flag(4);
    assert_eq!(sev, "error");
    assert!(why.contains("1993") && why.contains("1992"), "{why}");
    let (sev, why) = number_flag(5);
    assert_eq!(sev, "error");
    assert!(why.contains("15%") && why.contains("百分之五"), "{why}");
    let (sev, why) = number_flag(6);
    assert_eq!(sev, "warning");
    assert!(
        why.contains("2016") && why.contains("not in target"),
        "{why}"
    );
}

/// `bitext check` on six good beads, four that render 北京 and 上海 by
/// name, and `last`; returns its output.
fn check_with_places(last: (&str, &str)) -> String {
    let dir = tempfile::tempdir().unwrap();
    let mut beads: Vec<Value> = (0..6).map(|i| bead(i, &[GOOD.0], &[GOOD.1])).collect();
    for (i, (zh, en)) in [
        ("会议在北京举行。", "The meeting was held in Beijing."),
        ("代表来自上海。", "The delegates came from Shanghai."),
        ("峰会在上海举行。", "The summit was held in Shanghai."),
        ("代表来自北京。", "The delegates came from Beijing."),
        last,
    ]
    .into_iter()
    .enumerate()
    {
        beads.push(bead(6 + i, &[zh], &[en]));
    }
    let jsonl = write_jsonl(dir.path(), "pair.jsonl", &beads);
    let o = run(["check".as_ref(), jsonl.as_os_str()]);
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o)
}

#[test]
fn a_name_changed_in_its_slot_is_a_warning_naming_both() {
    let out = check_with_places((
        "代表在北京举行会议。",
        "The delegates held a meeting in Shanghai.",
    ));
    let at = out
        .find("t#10 ")
        .unwrap_or_else(|| panic!("t#10 missing:\n{out}"));
    let block = &out[at..];
    let block = &block[..block.find("\n\n").unwrap_or(block.len())];
    assert!(
        block.contains(
            "warning name-mismatch: different names: “Shanghai” in the target where the source has 北京 (place, beijing)"
        ),
        "{block}"
    );
    assert_eq!(out.matches("different names").count(), 1, "{out}");
    let good = check_with_places((
        "代表在北京举行会议。",
        "The delegates held a meeting in Beijing.",
    ));
    assert!(
        !good.contains("different names"),
        "the good twin is flagged:\n{good}"
    );
}
