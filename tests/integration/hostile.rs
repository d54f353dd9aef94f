//! End-to-end tests with hostile and broken inputs (issue 12): colliding
//! names, special files in the corpus, careless output folders, bad bytes,
//! old line endings. Each one lost, deleted or corrupted data silently
//! before.

use crate::build::{build, scratch, summary};
use crate::util::{corpus, run, stderr, stdout};
use std::path::Path;

/// A small bilingual report of the corpus (one file, both languages).
const REPORT: &str = "003_11247a11cc0494c9.txt";

#[test]
fn colliding_names_each_get_their_own_outputs() {
    let dir = scratch("hostile-collide");
    let (c, out) = (dir.join("corpus"), dir.join("out"));
    std::fs::create_dir(&c).unwrap();
    for name in ["dup.txt", "dup.md", "index.txt", "terms.txt"] {
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
    assert_eq!(ids, ["dup.md", "dup.txt", "index.txt", "terms.txt"]);
    for id in ids {
        let tsv = std::fs::read_to_string(out.join(format!("{id}.sentence.jsonl"))).unwrap();
        assert!(tsv.contains(&format!("\"pair\":\"{id}\"")), "{id}");
    }
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("<title>bitext corpus</title>"));
    let terms = std::fs::read_to_string(out.join("terms.html")).unwrap();
    assert!(terms.contains("<title>bitext terms</title>"));
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

#[test]
fn index_links_are_files_even_for_hostile_names_in_chromium() {
    let dir = scratch("hostile-links");
    let (c, out) = (dir.join("corpus"), dir.join("out"));
    std::fs::create_dir(&c).unwrap();
    let names = ["javascript:alert(1).txt", "a#b?c%d e.txt"];
    for name in names {
        std::fs::copy(corpus(REPORT), c.join(name)).unwrap();
    }
    let o = build(&c, &out);
    assert!(o.status.success(), "{}", stderr(&o));
    // The index as Chromium sees it: every link's protocol and the file
    // its path names, written into the page by a probe script appended to
    // a copy (the index itself has no scripts).
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        !index.contains("href=\"javascript"),
        "raw link in index.html"
    );
    let probe = out.join("probe.html");
    let script = "<pre id=\"probe\"></pre><script>\
        document.getElementById('probe').textContent = [...document.querySelectorAll('a')]\
        .map(a => a.protocol + '\\t' + decodeURIComponent(a.pathname.split('/').pop()))\
        .join('\\n');</script>";
    std::fs::write(
        &probe,
        index.replace("</body>", &format!("{script}</body>")),
    )
    .unwrap();
    let Some(dom) =
        crate::build::chromium(&["--dump-dom".into(), crate::build::file_url(&probe, "")])
    else {
        return;
    };
    let body = dom
        .split("<pre id=\"probe\">")
        .nth(1)
        .and_then(|s| s.split("</pre>").next())
        .expect("probe ran");
    let links: Vec<(&str, &str)> = body
        .lines()
        .map(|l| l.split_once('\t').expect("protocol and file"))
        .collect();
    // Per pair: the page, 6 exports and the flagged/low filters when
    // non-zero; plus summary.json.
    assert!(links.len() > 2 * 7, "{links:?}");
    for (protocol, file) in &links {
        assert_eq!(*protocol, "file:", "{file}");
        let file = html_unescape(file);
        assert!(out.join(&file).is_file(), "link to missing {file:?}");
    }
    for stem in ["javascript:alert(1)", "a#b?c%d e"] {
        let page = format!("{stem}.html");
        assert!(
            links.iter().any(|(_, f)| html_unescape(f) == page),
            "{page}"
        );
    }
}

/// Undoes the escaping of text content in a dumped DOM.
fn html_unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Opens `tsv` in LibreOffice headless (CSV import, tab separated, other
/// options at their defaults; `lang` a locale id such as 1031 for German,
/// empty for the default) and gives every cell of every row as (value
/// type, value, shown text, formula). `None` when LibreOffice is not
/// installed (a failure when the `CI` variable is set).
fn libreoffice_cells(tsv: &Path, lang: &str) -> Option<Vec<Vec<[String; 4]>>> {
    let installed = std::process::Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !installed {
        assert!(
            std::env::var_os("CI").is_none(),
            "soffice (LibreOffice) is not installed (CI is set); run .ci/setup"
        );
        eprintln!("NOTICE: soffice not installed; skipping the LibreOffice test (run .ci/setup)");
        return None;
    }
    let work = tempfile::tempdir().unwrap();
    let fods = work
        .path()
        .join(tsv.with_extension("fods").file_name().unwrap());
    // A fresh profile makes the first start exit (code 81) after setting
    // it up; the second start converts.
    for _ in 0..2 {
        let o = std::process::Command::new("soffice")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                work.path().join("profile").display()
            ))
            .args(["--headless", "--convert-to", "fods"])
            .arg(format!(
                "--infilter=Text - txt - csv (StarCalc):9,34,76,1,,{lang}"
            ))
            .arg("--outdir")
            .arg(work.path())
            .arg(tsv)
            .output()
            .unwrap();
        if fods.exists() {
            break;
        }
        eprintln!("soffice: {:?} {} {}", o.status, stdout(&o), stderr(&o));
    }
    let xml = std::fs::read_to_string(&fods).expect("soffice wrote the sheet");
    Some(fods_cells(&xml))
}

/// The cells of a flat ODS document, row by row.
fn fods_cells(xml: &str) -> Vec<Vec<[String; 4]>> {
    use quick_xml::escape::unescape;
    use quick_xml::events::Event;
    let mut rd = quick_xml::Reader::from_str(xml);
    let (mut rows, mut cell): (Vec<Vec<[String; 4]>>, Option<[String; 4]>) = (vec![], None);
    loop {
        match rd.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "table:table-row" => {
                rows.push(vec![])
            }
            Event::Start(e) if e.name().as_ref() == "table:table-cell" => {
                let attr = |name: &str| {
                    e.try_get_attribute(name)
                        .unwrap()
                        .map(|a| unescape(&a.value).unwrap().into_owned())
                        .unwrap_or_default()
                };
                cell = Some([
                    attr("office:value-type"),
                    attr("office:value"),
                    String::new(),
                    attr("table:formula"),
                ]);
            }
            Event::Text(t) => {
                if let Some(c) = cell.as_mut() {
                    c[2].push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(c) = cell.as_mut() {
                    c[2].push_str(&format!("&{};", &*r.xml10_content()));
                }
            }
            Event::End(e) if e.name().as_ref() == "table:table-cell" => {
                if let (Some(mut c), Some(row)) = (cell.take(), rows.last_mut()) {
                    c[2] = unescape(c[2].trim()).unwrap().into_owned();
                    row.push(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    rows
}

#[test]
fn tsv_cells_stay_text_and_scores_stay_scores_in_libreoffice() {
    let dir = scratch("hostile-tsv");
    let texts = [
        "=1+1",
        "+1",
        "-2",
        "@SUM(1)",
        "=HYPERLINK(\"http://x\";\"y\")",
    ];
    let scores = [0.927, 1.0, 0.5, 0.0, 0.123];
    let beads: Vec<serde_json::Value> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            serde_json::json!({
                "bead": i, "score": scores[i],
                "src_lang": "zh-Hans", "tgt_lang": "en",
                "src": [format!("第{i}句。")], "tgt": [t],
                "src_lines": [12], "tgt_lines": [345],
            })
        })
        .collect();
    let jsonl = crate::check::write_jsonl(&dir, "t.jsonl", &beads);
    let tsv = dir.join("t.tsv");
    let o = run([
        "export".as_ref(),
        "--format".as_ref(),
        "tsv".as_ref(),
        "-o".as_ref(),
        tsv.as_os_str(),
        jsonl.as_os_str(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    for lang in ["", "1031"] {
        let Some(rows) = libreoffice_cells(&tsv, lang) else {
            return;
        };
        assert_eq!(rows.len(), 1 + texts.len(), "{lang}: {rows:?}");
        for (i, row) in rows[1..].iter().enumerate() {
            let [kind, _, shown, formula] = &row[2];
            assert!(formula.is_empty(), "{lang}: formula {formula}");
            assert_eq!(kind, "string", "{lang}: {row:?}");
            assert_eq!(shown.trim_start_matches('\''), texts[i], "{lang}");
            let [kind, value, shown, _] = &row[3];
            let score = scores[i];
            // A number equal to the score, or the score as text: never
            // 927 (a German import reading `.` as thousands separator).
            let got: f64 = if kind == "float" {
                value.parse().unwrap()
            } else {
                shown.parse().unwrap()
            };
            assert!(
                (got - score).abs() < 1e-9,
                "{lang}: score {score} read as {row:?}"
            );
            for col in [5, 6] {
                assert_eq!(
                    rows[i + 1][col][0],
                    "float",
                    "{lang}: single line is a number"
                );
            }
            let [kind, ..] = &row[4];
            assert_eq!(kind, "string", "{lang}: type column");
        }
    }
}

#[test]
fn control_and_bidi_characters_never_reach_people_raw() {
    let dir = scratch("hostile-bidi");
    // One escape sequence in an ordinary page (many control bytes would
    // make it a binary file).
    let text = format!(
        "{}The board met in May.\u{1b}]0;pwned\u{7} Invoice\u{202E}fdp.exe was paid.\u{1b}[2J\n",
        "The members reviewed the annual report and approved the budget.\n".repeat(10)
    );
    std::fs::write(dir.join("t.txt"), text).unwrap();
    let o = run(["segment".as_ref(), dir.join("t.txt").as_os_str()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        !out.contains('\u{1b}') && !out.contains('\u{202E}') && !out.contains('\u{7}'),
        "{out:?}"
    );
    assert!(
        out.contains("\u{241B}]0;pwned\u{2407}") && out.contains("Invoice<U+202E>fdp.exe"),
        "{out}"
    );

    // Review page and TSV show the characters; JSONL keeps them.
    let bead = serde_json::json!({
        "score": 0.9, "src_lang": "zh-Hans", "tgt_lang": "en",
        "src": ["发票已付。"], "tgt": ["Invoice\u{202E}fdp.exe paid.\u{1b}[2J"],
    });
    let jsonl = crate::check::write_jsonl(&dir, "b.jsonl", &[bead]);
    let export = |format: &str| {
        let o = run([
            "export".as_ref(),
            "--format".as_ref(),
            format.as_ref(),
            jsonl.as_os_str(),
        ]);
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        stdout(&o)
    };
    for format in ["html", "tsv"] {
        let out = export(format);
        assert!(
            !out.contains('\u{202E}') && !out.contains('\u{1b}'),
            "{format}"
        );
        assert!(
            out.contains("Invoice&lt;U+202E&gt;fdp.exe") || out.contains("Invoice<U+202E>fdp.exe"),
            "{format}"
        );
    }
    assert!(export("jsonl").contains("Invoice\u{202E}fdp.exe paid.\\u001b[2J"));

    // The concordance (a terminal listing) shows them too, on both the hit
    // line and the other side; only its own colour escapes stay raw.
    let bead = serde_json::json!({
        "score": 0.9, "src_lang": "zh-Hans", "tgt_lang": "en",
        "src": ["发票\u{1b}[2J已付。"], "tgt": ["Invoice\u{202E}fdp.exe paid."],
    });
    let jsonl = crate::check::write_jsonl(&dir, "c.jsonl", &[bead]);
    for (term, color) in [("发票", "never"), ("paid", "always")] {
        let o = run([
            "concord".as_ref(),
            term.as_ref(),
            jsonl.as_os_str(),
            "--color".as_ref(),
            color.as_ref(),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let out = stdout(&o)
            .replace("\u{1b}[1;31m", "")
            .replace("\u{1b}[0m", "");
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{202E}'),
            "{term}: {out:?}"
        );
        assert!(
            out.contains("\u{241B}[2J") && out.contains("<U+202E>"),
            "{out}"
        );
    }
}

#[test]
fn align_tsv_cells_are_inert() {
    let dir = scratch("hostile-align-tsv");
    std::fs::write(dir.join("zh.txt"), "=HYPERLINK(\"x\")付款。\n").unwrap();
    std::fs::write(dir.join("en.txt"), "-2+3 paid\u{202E}.\n").unwrap();
    let o = run([
        "align".as_ref(),
        "--presplit".as_ref(),
        "--format".as_ref(),
        "tsv".as_ref(),
        dir.join("zh.txt").as_os_str(),
        dir.join("en.txt").as_os_str(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let cells: Vec<&str> = out.lines().next().unwrap().split('\t').collect();
    assert_eq!(cells.len(), 6, "{out}");
    assert!(
        cells[4].trim_start_matches('"').starts_with("'=HYPERLINK"),
        "{out}"
    );
    assert_eq!(cells[5], "'-2+3 paid<U+202E>.", "{out}");
}

#[test]
fn a_language_warning_names_each_language() {
    let dir = scratch("hostile-langs");
    std::fs::write(
        dir.join("a.txt"),
        "亚洲相互协作与信任措施会议于一九九二年提出。成员国遍布亚洲各地区。\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("b.txt"),
        "亞洲相互協作與信任措施會議於一九九二年提出。成員國遍佈亞洲各地區。\n",
    )
    .unwrap();
    let o = run([
        "align".as_ref(),
        dir.join("a.txt").as_os_str(),
        dir.join("b.txt").as_os_str(),
    ]);
    let err = stderr(&o);
    assert!(
        err.contains("(zh-Hans) and ") && err.contains("(zh-Hant) are both Chinese"),
        "{err}"
    );
}
