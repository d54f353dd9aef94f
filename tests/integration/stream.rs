//! End-to-end tests of `bitext stream`: pairs in every input form on
//! standard input, bead records out in input order, a bad pair reported in
//! one error record and the exit status, and the records of a bilingual
//! report equal to what `bitext build` writes for it.

use crate::util::{bitext, corpus, root, stderr};
use bitext::record::BeadRecord;
use std::io::Write;
use std::process::{Output, Stdio};

fn stream(input: &str) -> Output {
    let mut child = bitext()
        .arg("stream")
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("bitext runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_string();
    let feeder = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().expect("bitext finishes");
    feeder.join().expect("feeder").expect("input written");
    out
}

fn lines(o: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

#[test]
fn every_input_form_aligns_in_order_and_a_bad_pair_fails_alone() {
    let report = corpus("003_11247a11cc0494c9.txt");
    let input = [
        serde_json::json!({"id": "texts", "src": "会议开始了。我们讨论了安全。", "tgt": "The meeting began. We discussed security."}),
        serde_json::json!({"id": "bad", "src_path": "/nonexistent/zh.txt", "tgt_path": "/nonexistent/en.txt"}),
        serde_json::json!({"id": "report", "path": report}),
        serde_json::json!({"id": "lists", "src_sentences": ["山很高。", "河很长。"], "tgt_sentences": ["The mountain is high.", "The river is long."]}),
    ]
    .map(|v| v.to_string())
    .join("\n");
    let o = stream(&input);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = lines(&o);
    let mut order: Vec<&str> = out.iter().map(|v| v["pair"].as_str().unwrap()).collect();
    order.dedup();
    assert_eq!(order, ["texts", "bad", "report", "lists"]);
    let bad: Vec<&serde_json::Value> = out.iter().filter(|v| v["pair"] == "bad").collect();
    assert_eq!(bad.len(), 1);
    assert!(bad[0]["error"]
        .as_str()
        .unwrap()
        .contains("/nonexistent/zh.txt"));
    let lists: Vec<BeadRecord> = out
        .iter()
        .filter(|v| v["pair"] == "lists")
        .map(|v| serde_json::from_value(v.clone()).unwrap())
        .collect();
    assert_eq!(lists.len(), 2);
    assert_eq!(
        lists[1].tgt_texts().collect::<Vec<_>>(),
        ["The river is long."]
    );
}

#[test]
fn a_report_streams_to_the_records_build_writes() {
    let name = "003_11247a11cc0494c9";
    let input = serde_json::json!({"id": name, "path": format!("corpus/{name}.txt")});
    let o = stream(&input.to_string());
    assert!(o.status.success(), "{}", stderr(&o));
    let built = std::fs::read_to_string(root().join(format!("alignments/{name}.sentence.jsonl")))
        .expect("committed alignment");
    let want: Vec<BeadRecord> = built
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let got: Vec<BeadRecord> = lines(&o)
        .into_iter()
        .map(|v| serde_json::from_value(v).unwrap())
        .collect();
    assert_eq!(got, want);
}
