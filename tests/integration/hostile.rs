//! End-to-end tests with hostile and broken inputs (issue 12): colliding
//! names, special files in the corpus, careless output folders, bad bytes,
//! old line endings. Each one lost, deleted or corrupted data silently
//! before.

use crate::util::{corpus, run, stderr, stdout};
use std::path::{Path, PathBuf};

/// A small bilingual report of the corpus (one file, both languages).
const REPORT: &str = "003_11247a11cc0494c9.txt";

/// A fresh, empty folder under Cargo's target tmp dir.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn build(corpus: &Path, out: &Path) -> std::process::Output {
    run([
        "build".as_ref(),
        "--corpus".as_ref(),
        corpus.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ])
}

fn summary(dir: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("summary.json")).unwrap()).unwrap()
}

#[test]
fn colliding_names_each_get_their_own_outputs() {
    let dir = scratch("hostile-collide");
    let (c, out) = (dir.join("corpus"), dir.join("out"));
    std::fs::create_dir(&c).unwrap();
    for name in ["dup.txt", "dup.md", "index.txt"] {
        std::fs::copy(corpus(REPORT), c.join(name)).unwrap();
    }
    let o = build(&c, &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = summary(&out);
    let ids: Vec<&str> = s["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["dup.md", "dup.txt", "index.txt"]);
    for id in ids {
        let tsv = std::fs::read_to_string(out.join(format!("{id}.sentence.jsonl"))).unwrap();
        assert!(tsv.contains(&format!("\"pair\":\"{id}\"")), "{id}");
    }
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("<title>bitext corpus</title>"));
}

#[test]
fn special_entries_in_the_corpus_are_reported_not_skipped() {
    let dir = scratch("hostile-special");
    let (c, out) = (dir.join("corpus"), dir.join("out"));
    std::fs::create_dir(&c).unwrap();
    std::fs::copy(corpus(REPORT), c.join(REPORT)).unwrap();
    std::fs::create_dir(c.join("sub")).unwrap();
    assert!(std::process::Command::new("mkfifo")
        .arg(c.join("pipe.txt"))
        .status()
        .unwrap()
        .success());
    std::os::unix::fs::symlink("no-such-file", c.join("dangling.txt")).unwrap();
    std::os::unix::fs::symlink("loop.txt", c.join("loop.txt")).unwrap();
    // Would block forever on the FIFO before; `run` waits for the exit.
    let o = build(&c, &out);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    let s = summary(&out);
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    for (name, why) in [
        ("sub", "a folder, not a regular file"),
        ("pipe.txt", "a FIFO (named pipe), not a regular file"),
        (
            "dangling.txt",
            "a symbolic link whose target cannot be read",
        ),
        ("loop.txt", "a symbolic link whose target cannot be read"),
    ] {
        // The build names corpus files relative to the working directory.
        let line = format!("hostile-special/corpus/{name}: refused: {why}");
        assert!(err.contains(&line), "{line} not in {err}");
        assert!(index.contains(&line), "{line} not in index.html");
        let input = s["inputs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["file"].as_str().unwrap().ends_with(name))
            .unwrap();
        assert!(input["error"].as_str().unwrap().contains(why));
    }
    assert_eq!(s["totals"]["pairs"], 1);
}

#[test]
fn the_output_folder_never_destroys_files() {
    let dir = scratch("hostile-out");
    let c = dir.join("corpus");
    std::fs::create_dir(&c).unwrap();
    std::fs::copy(corpus(REPORT), c.join(REPORT)).unwrap();
    std::fs::write(c.join("x.html"), "<p>My own page, not an output.</p>").unwrap();
    for out in [c.clone(), c.join("out"), dir.clone()] {
        let o = build(&c, &out);
        assert_eq!(o.status.code(), Some(2), "{out:?}");
        assert!(
            stderr(&o).contains("choose another --out"),
            "{}",
            stderr(&o)
        );
    }
    assert_eq!(
        std::fs::read_to_string(c.join("x.html")).unwrap(),
        "<p>My own page, not an output.</p>"
    );
    assert!(!c.join("out").exists() && !c.join("summary.json").exists());

    // A summary.json in bitext's shape that lists a file the user keeps.
    let out = dir.join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(
        out.join("summary.json"),
        "{\n  \"tool\": \"bitext\",\n  \"files\": [\"thesis.docx\"]\n}\n",
    )
    .unwrap();
    std::fs::write(out.join("thesis.docx"), "PK\x03\x04 my thesis").unwrap();
    std::fs::write(out.join("old.sentence.tsv"), "bead\tzh\ten\n").unwrap();
    let o = build(&c, &out);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.join("thesis.docx").exists(), "thesis.docx removed");
    assert!(!out.join("old.sentence.tsv").exists(), "stale output kept");

    // An index.html the build did not write is not overwritten.
    std::fs::write(out.join("index.html"), "<h1>my index</h1>").unwrap();
    let o = build(&c, &out);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("index.html: refused: exists and was not written by bitext"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(out.join("index.html")).unwrap(),
        "<h1>my index</h1>"
    );
}

#[test]
fn bad_bytes_and_old_line_breaks_are_repaired_and_reported() {
    let dir = scratch("hostile-bytes");
    let mut zh = "亚洲相互协作与信任措施会议于一九九二年提出，成员国遍布亚洲各地区。\n"
        .repeat(3)
        .into_bytes();
    zh.insert(12, 0xFF);
    std::fs::write(dir.join("bad.txt"), &zh).unwrap();
    std::fs::write(
        dir.join("cr.txt"),
        "---\rtitle: x\r---\rFirst line.\r\rSecond line.\r",
    )
    .unwrap();
    let o = run([
        "ingest".as_ref(),
        "--json".as_ref(),
        dir.join("bad.txt").as_os_str(),
        dir.join("cr.txt").as_os_str(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "bad.txt: 1 invalid UTF-8 sequence(s) replaced by U+FFFD at byte offset(s) 12"
        ),
        "{}",
        stderr(&o)
    );
    let docs: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(docs[0]["lang"], "zh-Hans");
    assert_eq!(docs[0]["encoding"], "UTF-8");
    assert_eq!(docs[1]["paragraphs"][1]["line"], 6);
    assert_eq!(docs[1]["dropped"][0]["reason"], "front-matter");
}

#[test]
fn a_fifo_or_device_given_directly_is_refused() {
    let dir = scratch("hostile-fifo");
    let fifo = dir.join("pipe.txt");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let o = run(["ingest".as_ref(), fifo.as_os_str(), "/dev/zero".as_ref()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("pipe.txt: refused: a FIFO"), "{err}");
    assert!(err.contains("/dev/zero: refused: a device"), "{err}");
    let o = run(["export", "--format", "tsv", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("refused: a folder, not a regular file"),
        "{err}"
    );
    assert_eq!(err.matches("folder").count(), 1, "said twice: {err}");
}
