//! End-to-end tests: `bitext terms` and `bitext concord`.

use crate::check::{bead, write_jsonl};
use crate::util::{run, stderr, stdout};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn corpus(dir: &Path) -> PathBuf {
    let beads = vec![
        bead(
            0,
            &["秘书处设在阿拉木图。"],
            &["The Secretariat is located in Almaty."],
        ),
        bead(
            1,
            &["秘书处的工作得到加强。"],
            &["The work of the Secretariat was strengthened."],
        ),
        bead(
            2,
            &["各国讨论了信任措施。"],
            &["Countries discussed confidence building measures."],
        ),
        bead(
            3,
            &["信任措施十分重要。"],
            &["Confidence building measures matter a lot."],
        ),
        bead(
            4,
            &["秘书处发布了信任措施目录。"],
            &["The Secretariat published a catalogue of confidence building measures."],
        ),
        bead(
            5,
            &["会议在阿拉木图举行。"],
            &["The meeting was held in Almaty."],
        ),
        bead(
            6,
            &["中国担任主席国。"],
            &["China assumed the chairmanship."],
        ),
        bead(7, &["主席国的职责。"], &["The duties of the chairmanship."]),
        bead(
            8,
            &["历任主席国的努力。"],
            &["Efforts of successive chairs."],
        ),
        bead(9, &["主席国发言。"], &["The chair spoke."]),
    ];
    let fillers = [
        ("天气很好。", "The weather is fine."),
        ("我们吃饭。", "We eat rice."),
        ("河水很深。", "The river is deep."),
        ("孩子在读书。", "The child reads."),
        ("山很高。", "The mountain is high."),
        ("商店关门了。", "The shop closed."),
        ("主席国表示感谢。", "The chair expressed thanks."),
    ];
    let mut beads = beads;
    for (k, (zh, en)) in fillers.iter().enumerate() {
        beads.push(bead(10 + k, &[zh], &[en]));
    }
    write_jsonl(dir, "pair.jsonl", &beads)
}

#[test]
fn extracts_pairs_and_writes_glossaries() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = corpus(dir.path());
    let tbx = dir.path().join("terms.tbx");
    let o = run([
        "terms".as_ref(),
        jsonl.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
        "--glossary-out".as_ref(),
        tbx.as_os_str(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let terms = v["terms"].as_array().unwrap();
    let en_of = |zh: &str| {
        terms
            .iter()
            .find(|t| t["zh"] == zh)
            .map(|t| t["en"].as_str().unwrap().to_lowercase())
    };
    assert_eq!(en_of("秘书处").as_deref(), Some("secretariat"), "{v:#}");
    assert_eq!(
        en_of("信任措施").as_deref(),
        Some("confidence building measures"),
        "{v:#}"
    );
    assert_eq!(en_of("阿拉木图").as_deref(), Some("almaty"), "{v:#}");
    let inconsistent = v["inconsistent"].as_array().unwrap();
    let chair = inconsistent
        .iter()
        .find(|u| u["zh"] == "主席国")
        .unwrap_or_else(|| panic!("主席国 not reported: {v:#}"));
    let renderings: Vec<&str> = chair["renderings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["en"].as_str().unwrap())
        .collect();
    assert!(renderings.len() >= 2, "{chair:#}");

    let text = std::fs::read_to_string(&tbx).unwrap();
    assert!(text.contains("<martif type=\"TBX-Basic\""), "{text}");
    assert!(text.contains("<term>秘书处</term>"), "{text}");
    let back = bitext::terms::Glossary::read(&tbx).unwrap();
    assert_eq!(back.len(), terms.len());
}

#[test]
fn terms_writes_tsv_and_prints_a_table() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = corpus(dir.path());
    let tsv = dir.path().join("terms.tsv");
    let o = run([
        "terms".as_ref(),
        jsonl.as_os_str(),
        "--glossary-out".as_ref(),
        tsv.as_os_str(),
        "--top".as_ref(),
        "3".as_ref(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("3 term pairs from 17 aligned beads"),
        "{out}"
    );
    let text = std::fs::read_to_string(&tsv).unwrap();
    assert_eq!(text.lines().count(), 4, "{text}");
    assert!(text.starts_with("zh\ten\tnote\n"), "{text}");
}

#[test]
fn terms_writes_an_omegat_glossary_without_header() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = corpus(dir.path());
    let out = dir.path().join("glossary.utf8");
    let o = run([
        "terms".as_ref(),
        jsonl.as_os_str(),
        "--glossary-out".as_ref(),
        out.as_os_str(),
        "--top".as_ref(),
        "3".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let first = &v["terms"][0];
    let text = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    // Every line is an entry: source, target, comment; the first is the
    // first term, not a header.
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines.iter().all(|l| l.split('\t').count() == 3), "{text}");
    assert_eq!(
        lines[0].split('\t').take(2).collect::<Vec<_>>(),
        [first["zh"].as_str().unwrap(), first["en"].as_str().unwrap()]
    );
    // --glossary-format overrides the name.
    let tbx = dir.path().join("glossary.xml");
    let o = run([
        "terms".as_ref(),
        jsonl.as_os_str(),
        "--glossary-out".as_ref(),
        tbx.as_os_str(),
        "--glossary-format".as_ref(),
        "tbx".as_ref(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&tbx).unwrap();
    assert!(
        text.contains("<p type=\"XCSURI\">TBXBasicXCSV02.xcs</p>"),
        "{text}"
    );
}

#[test]
fn concord_finds_traditional_and_english_terms() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = corpus(dir.path());
    let o = run(["concord".as_ref(), "祕書處".as_ref(), jsonl.as_os_str()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("t#0  秘书处设在阿拉木图。"), "{out}");
    assert!(
        out.contains("    ↳ The Secretariat is located in Almaty."),
        "{out}"
    );
    assert!(!out.contains('\x1b'), "no colour when piped: {out}");
    assert!(
        out.trim_end().ends_with("3 hits of “祕書處” in 3 beads"),
        "{out}"
    );

    let o = run([
        "concord".as_ref(),
        "confidence-building measure".as_ref(),
        jsonl.as_os_str(),
        "--color".as_ref(),
        "always".as_ref(),
    ]);
    let out = stdout(&o);
    assert!(
        out.contains("\x1b[1;31mConfidence building measures\x1b[0m"),
        "{out}"
    );
    assert!(out.contains("    ↳ 信任措施十分重要。"), "{out}");
}

#[test]
fn terms_names_its_evidence_and_finds_a_name_seen_once() {
    let dir = tempfile::tempdir().unwrap();
    let beads = vec![
        bead(
            0,
            &["亚信与上海合作组织建立了联系。"],
            &["CICA has established ties with the Shanghai Cooperation Organization."],
        ),
        bead(1, &["亚信成员国开会。"], &["CICA member states met."]),
        bead(2, &["亚信成员国发言。"], &["CICA member states spoke."]),
        bead(3, &["天气很好。"], &["The weather is fine."]),
        bead(4, &["河水很深。"], &["The river is deep."]),
    ];
    let jsonl = write_jsonl(dir.path(), "pair.jsonl", &beads);
    let o = run([
        "terms".as_ref(),
        jsonl.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let find = |zh: &str| {
        v["terms"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["zh"] == zh)
            .cloned()
            .unwrap_or_else(|| panic!("{zh} not found: {v:#}"))
    };
    let sco = find("上海合作组织");
    assert_eq!(sco["en"], "Shanghai Cooperation Organization");
    assert_eq!(sco["evidence"], "lexicon");
    assert_eq!(sco["freq"], 1);
    let ms = find("成员国");
    assert_eq!(ms["en"], "member states");
    assert_eq!(ms["evidence"], "both");
    let cica = find("亚信");
    assert_eq!(cica["en"], "CICA");
    assert_eq!(cica["evidence"], "association");

    let o = run(["terms".as_ref(), jsonl.as_os_str()]);
    let out = stdout(&o);
    assert!(out.contains("support"), "{out}");
    assert!(
        out.lines()
            .any(|l| l.contains("上海合作组织") && l.contains("lexicon")),
        "{out}"
    );
}
