//! End-to-end tests: `bitext ingest` on the real corpus files and on small
//! inputs made here (encodings, markup, chrome, page breaks, mixed
//! languages, bad input).

use crate::util::{corpus, run, stderr, stdout};
use serde_json::Value;
use std::path::Path;

const F000: &str = "corpus/000_58fd57bd8402631f.txt";
const F001: &str = "corpus/001_c0907f7ee83eb81c.txt";
const F002: &str = "corpus/002_4ab8577cf434d32c.txt";
const F003: &str = "corpus/003_11247a11cc0494c9.txt";
const F004: &str = "corpus/004_24d6c3fffd3a773b.txt";
const ALL: [&str; 5] = [F000, F001, F002, F003, F004];

/// Runs `bitext ingest --json` on `files`; gives the documents and asserts
/// success.
fn docs<P: AsRef<std::ffi::OsStr>>(files: &[P]) -> Vec<Value> {
    let mut args: Vec<std::ffi::OsString> = vec!["ingest".into(), "--json".into()];
    args.extend(files.iter().map(|f| f.as_ref().to_os_string()));
    let out = run(&args);
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    match serde_json::from_str(&stdout(&out)) {
        Ok(Value::Array(a)) => a,
        other => panic!("not a JSON array: {other:?}"),
    }
}

/// Writes `bytes` to a named file in a fresh temporary folder.
fn temp_file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

fn paragraphs(doc: &Value) -> Vec<&Value> {
    doc["paragraphs"].as_array().unwrap().iter().collect()
}

fn texts(doc: &Value) -> Vec<&str> {
    paragraphs(doc)
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect()
}

fn dropped(doc: &Value) -> Vec<(u64, &str, &str)> {
    doc["dropped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["line"].as_u64().unwrap(),
                d["text"].as_str().unwrap(),
                d["reason"].as_str().unwrap(),
            )
        })
        .collect()
}

fn summary(doc: &Value) -> (String, String, usize) {
    (
        doc["lang"].as_str().unwrap().to_string(),
        doc["format"].as_str().unwrap().to_string(),
        paragraphs(doc).len(),
    )
}

// 1. Formats -------------------------------------------------------------

#[test]
fn corpus_formats_are_detected_from_content() {
    let d = docs(&ALL);
    let formats: Vec<(&str, &str)> = d
        .iter()
        .map(|d| (d["source"].as_str().unwrap(), d["format"].as_str().unwrap()))
        .collect();
    assert!(formats.contains(&(F000, "markdown")));
    assert!(formats.contains(&(F001, "text")));
    assert!(formats.contains(&(F002, "html")));
    assert!(formats.contains(&(F004, "text")));
}

#[test]
fn markdown_markers_are_removed_in_000() {
    let d = docs(&[F000]);
    let zh = &d[0];
    let heads: Vec<&str> = paragraphs(zh)
        .iter()
        .filter(|p| p["heading"] == true)
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        heads,
        [
            "亚信 25 年：回顾与展望",
            "一、亚洲安全形势的挑战",
            "二、亚信会议的发展历程与安全框架建设的尝试",
            "三、亚信会议发展的前景展望"
        ]
    );
    let first = paragraphs(zh)[0];
    assert_eq!(first["line"], 3);
    for t in texts(&d[0]).iter().chain(texts(&d[1]).iter()) {
        assert!(!t.starts_with('#') && !t.contains("**"), "{t}");
    }
}

#[test]
fn html_paragraphs_keep_real_lines_and_lose_tags_in_002() {
    let d = docs(&[F002]);
    assert_eq!(d.len(), 1);
    let source = std::fs::read_to_string(corpus("002_4ab8577cf434d32c.txt")).unwrap();
    let lines: Vec<&str> = source.lines().collect();
    for p in paragraphs(&d[0]) {
        let text = p["text"].as_str().unwrap();
        assert!(!text.contains('<') && !text.starts_with('　'), "{text}");
        let line = lines[p["line"].as_u64().unwrap() as usize - 1];
        let head: String = text.chars().take(8).collect();
        assert!(
            line.contains(&head),
            "line {} does not hold {head}",
            p["line"]
        );
    }
    let inline = paragraphs(&d[0])
        .into_iter()
        .find(|p| p["text"].as_str().unwrap().contains("驱动力"))
        .unwrap();
    assert_eq!(inline["line"], 30);
    assert!(inline["text"]
        .as_str()
        .unwrap()
        .starts_with("萨雷拜指出，对话和信任一直是推进亚信进程的驱动力，并且"));
}

#[test]
fn small_markdown_and_html_inputs() {
    let (_d, md) = temp_file("a.txt", "# Title\n\nSome **bold** words here.\n".as_bytes());
    let html = "---\ntitle: x\n---\n<div>\n<style>p{}</style>\n<!-- note -->\n<h1>Heading</h1>\n<p>One &amp; two <a href=\"#\">link</a> text.</p>\n<p class=\"caption\">A photo caption</p>\n</div>\n";
    let (_e, ht) = temp_file("b.txt", html.as_bytes());
    let d = docs(&[&md, &ht]);
    assert_eq!(d[0]["format"], "markdown");
    assert_eq!(texts(&d[0]), ["Title", "Some bold words here."]);
    assert_eq!(d[0]["paragraphs"][0]["heading"], true);
    assert_eq!(d[1]["format"], "html");
    assert_eq!(texts(&d[1]), ["Heading", "One & two link text."]);
    assert_eq!(d[1]["paragraphs"][1]["line"], 8);
    let reasons: Vec<(u64, &str)> = dropped(&d[1]).iter().map(|x| (x.0, x.2)).collect();
    assert_eq!(
        reasons,
        [
            (1, "front-matter"),
            (5, "markup"),
            (6, "markup"),
            (9, "caption")
        ]
    );
}

// 2. Encodings -----------------------------------------------------------

#[test]
fn encodings_are_detected_and_reported() {
    let zh = "亚洲相互协作与信任措施会议于一九九二年提出，成员国遍布亚洲各地区。\n\nCICA was first proposed by Kazakhstan in 1992.\n";
    let hant = "亞洲相互協作與信任措施會議於一九九二年提出，成員國遍佈亞洲各地區。\n";
    let utf16 = |be: bool| -> Vec<u8> {
        let mut v = if be {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for u in zh.encode_utf16() {
            v.extend(if be { u.to_be_bytes() } else { u.to_le_bytes() });
        }
        v
    };
    let mut bom8 = vec![0xEF, 0xBB, 0xBF];
    bom8.extend(zh.as_bytes());
    let cases: Vec<(&str, Vec<u8>, &str, &str)> = vec![
        (
            "gbk.txt",
            encoding_rs::GBK.encode(zh).0.into_owned(),
            "GBK",
            zh,
        ),
        (
            "big5.txt",
            encoding_rs::BIG5.encode(hant).0.into_owned(),
            "Big5",
            hant,
        ),
        ("le.txt", utf16(false), "UTF-16LE", zh),
        ("be.txt", utf16(true), "UTF-16BE", zh),
        ("bom8.txt", bom8, "UTF-8", zh),
        ("plain8.txt", zh.as_bytes().to_vec(), "UTF-8", zh),
    ];
    for (name, bytes, enc, text) in cases {
        let (_d, path) = temp_file(name, &bytes);
        let d = docs(&[&path]);
        let first_line = text.lines().next().unwrap();
        assert_eq!(d[0]["encoding"], enc, "{name}");
        assert_eq!(d[0]["paragraphs"][0]["text"], first_line, "{name}");
    }
    let (_d, path) = temp_file("big5.txt", &encoding_rs::BIG5.encode(hant).0);
    assert_eq!(docs(&[&path])[0]["lang"], "zh-Hant");
}

// 3. Boilerplate ---------------------------------------------------------

#[test]
fn corpus_chrome_is_dropped_with_reasons() {
    let d = docs(&[F001, F002, F003, F004]);
    let by_source = |s: &str| -> Vec<(u64, &str, &str)> {
        d.iter()
            .filter(|x| x["source"] == s)
            .flat_map(dropped)
            .collect()
    };
    let d001 = by_source(F001);
    let lines001: Vec<(u64, &str)> = d001.iter().map(|x| (x.0, x.2)).collect();
    assert_eq!(
        lines001,
        [
            (1, "boilerplate"),
            (3, "boilerplate"),
            (5, "boilerplate"),
            (6, "boilerplate"),
            (9, "caption"),
            (117, "boilerplate")
        ]
    );
    assert_eq!(d001[5].1, "參考來源");

    let d002 = by_source(F002);
    assert_eq!(d002[0].2, "front-matter");
    for (needle, reason) in [
        ("<!-- 正文下iframe -->", "markup"),
        (".appendQr_wrap", "markup"),
        ("海量资讯、精准解读，尽在新浪财经APP", "boilerplate"),
        ("责任编辑：王珊珊", "boilerplate"),
        ("本文图均为\u{a0}主办方供图", "caption"),
    ] {
        assert!(
            d002.iter().any(|x| x.1.contains(needle) && x.2 == reason),
            "{needle} not dropped as {reason}"
        );
    }

    let d003 = by_source(F003);
    let t003: Vec<&str> = d003.iter().map(|x| x.1).collect();
    assert!(t003[0].starts_with("中文|English|Français"));
    assert!(t003.contains(&"Home > The Belt and Road Initiative 2019"));
    assert!(t003.contains(&"Updated:2019-04-17 | By:China.org.cn"));
    assert!(t003.contains(&"Contact Us"));

    let d004 = by_source(F004);
    assert_eq!(d004.len(), 1);
    assert!(d004[0].1.starts_with(". All rights reserved."));
}

#[test]
fn corpus_body_text_is_never_dropped() {
    // No dropped piece reads like a body paragraph (long and ending a
    // sentence), except front matter, markup and a copyright footer.
    for d in docs(&ALL) {
        for (line, text, reason) in dropped(&d) {
            let body_like = text.chars().count() > 80 && text.trim_end().ends_with(['。', '.']);
            let allowed =
                matches!(reason, "front-matter" | "markup") || text.contains("All rights reserved");
            assert!(
                !body_like || allowed,
                "{}:{line} dropped body? {text}",
                d["source"]
            );
        }
    }
    let d = docs(&[F003]);
    assert_eq!(summary(&d[0]), ("en".into(), "text".into(), 8));
    assert_eq!(d[0]["paragraphs"][0]["heading"], true);
    assert_eq!(d[0]["paragraphs"][0]["line"], 8);
}

#[test]
fn small_page_with_chrome() {
    let page = "News | Sport | Business | Culture | Travel\nHome > World > Asia\n\nBy: Staff Reporter\n\nSummit opens in Shanghai\n\nLeaders met on Tuesday to discuss regional security and trust building.\n\nPhoto: Xinhua\n\nContact Us\n\n© 2014 Example Daily. All rights reserved.\n";
    let (_d, path) = temp_file("page.txt", page.as_bytes());
    let d = docs(&[&path]);
    assert_eq!(
        texts(&d[0]),
        [
            "Summit opens in Shanghai",
            "Leaders met on Tuesday to discuss regional security and trust building."
        ]
    );
    let reasons: Vec<(u64, &str)> = dropped(&d[0]).iter().map(|x| (x.0, x.2)).collect();
    assert_eq!(
        reasons,
        [
            (1, "boilerplate"),
            (2, "boilerplate"),
            (4, "boilerplate"),
            (10, "caption"),
            (12, "boilerplate"),
            (14, "boilerplate")
        ]
    );
}

// 4. Page-break repair ---------------------------------------------------

#[test]
fn page_breaks_in_000_are_repaired() {
    let d = docs(&[F000]);
    let zh = texts(&d[0]).join("\n");
    let en = texts(&d[1]).join("\n");
    for joined in [
        "也存在明显的差异",
        "孟加拉国和卡塔尔",
        "同所有亚洲安全机制一样",
    ] {
        assert!(zh.contains(joined), "{joined}");
    }
    for joined in [
        "involving major players, such as",
        "Chief among the challenges",
        "in the Asia-Pacific security landscape.",
    ] {
        assert!(en.contains(joined), "{joined}");
    }
    // Joined paragraphs keep the line of their first part.
    let p = paragraphs(&d[0])
        .into_iter()
        .find(|p| p["text"].as_str().unwrap().contains("也存在明显的差异"))
        .unwrap();
    assert_eq!(p["line"], 13);
    // ... and say where the later part starts in the text and the source.
    let text = p["text"].as_str().unwrap();
    let starts = p["line_starts"].as_array().expect("line_starts");
    assert_eq!(starts.len(), 1);
    let at = starts[0]["at"].as_u64().unwrap() as usize;
    assert!(text[at..].starts_with("明显的差异"), "{}", &text[at..]);
    assert_eq!(starts[0]["line"], 15);
    // Headings are never joined.
    for p in paragraphs(&d[1])
        .into_iter()
        .filter(|p| p["heading"] == true)
    {
        assert!(p["text"].as_str().unwrap().chars().count() < 60);
    }
    assert_eq!(summary(&d[0]).2, 22);
    assert_eq!(summary(&d[1]).2, 21);
}

#[test]
fn small_page_break_input() {
    let text = "## 标题\n\n亚洲国家不仅缺乏共同的身份认同，而且在具体问题上也存在\n\n明显的差异。\n\n## Heading without stop\n\nA paragraph that was cut by the page break in the middle of a\n\nsentence goes on here.\n";
    let (_d, path) = temp_file("pb.txt", text.as_bytes());
    let d = docs(&[&path]);
    assert_eq!(
        texts(&d[0]),
        [
            "标题",
            "亚洲国家不仅缺乏共同的身份认同，而且在具体问题上也存在明显的差异。"
        ]
    );
    assert_eq!(
        texts(&d[1]),
        [
            "Heading without stop",
            "A paragraph that was cut by the page break in the middle of a sentence goes on here."
        ]
    );
}

// 5. Mixed-language files ------------------------------------------------

#[test]
fn mixed_files_split_into_one_document_per_language() {
    let d = docs(&[F000, F003]);
    let got: Vec<(&str, &str)> = d
        .iter()
        .map(|d| (d["source"].as_str().unwrap(), d["lang"].as_str().unwrap()))
        .collect();
    assert_eq!(
        got,
        [
            (F000, "zh-Hans"),
            (F000, "en"),
            (F003, "en"),
            (F003, "zh-Hans")
        ]
    );
    let zh003 = texts(&d[3]);
    assert_eq!(zh003.len(), 1);
    assert!(zh003[0].starts_with("亚信会议"));
    // Acronyms inside Chinese stay in the Chinese document.
    assert!(texts(&d[0])
        .iter()
        .any(|t| t.contains("CICA") || t.contains("亚信")));
    assert!(texts(&d[1]).iter().all(|t| !t.starts_with("亚信")));
}

#[test]
fn small_mixed_input_with_names_and_acronyms() {
    let text = "亚信会议(CICA)成立于1992年。\n\nCICA was founded in 1992 (亚信会议).\n\n秘书处设在阿拉木图。\n";
    let (_d, path) = temp_file("mix.txt", text.as_bytes());
    let d = docs(&[&path]);
    assert_eq!(d.len(), 2);
    assert_eq!(d[0]["lang"], "zh-Hans");
    assert_eq!(
        texts(&d[0]),
        ["亚信会议(CICA)成立于1992年。", "秘书处设在阿拉木图。"]
    );
    assert_eq!(d[1]["lang"], "en");
    assert_eq!(d[1]["paragraphs"][0]["line"], 3);
}

// 6. Normalization for matching ------------------------------------------

#[test]
fn norm_is_simplified_half_width_and_text_is_original() {
    let d = docs(&[F001]);
    assert_eq!(d[0]["lang"], "zh-Hant");
    let title = &d[0]["paragraphs"][0];
    assert_eq!(title["text"], "亞信會議");
    assert_eq!(title["norm"], "亚信会议");
    let text = "ＣＩＣＡ　成立于１９９２年。\n";
    let (_d, path) = temp_file("fw.txt", text.as_bytes());
    let d = docs(&[&path]);
    assert_eq!(
        d[0]["paragraphs"][0]["text"],
        "ＣＩＣＡ　成立于１９９２年。"
    );
    assert_eq!(d[0]["paragraphs"][0]["norm"], "CICA 成立于1992年。");
}

// Nothing lost -----------------------------------------------------------

/// Removes ASCII whitespace so joins and collapsed spaces do not matter.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn nothing_is_lost_in_any_corpus_file() {
    let tag = regex::Regex::new(r"<[^>]*>").unwrap();
    let para = regex::Regex::new(r"(?s)<p[^>]*>(.*?)</p>").unwrap();
    for file in ALL {
        let d = docs(&[file]);
        let kept: String = d
            .iter()
            .flat_map(|doc| {
                texts(doc)
                    .into_iter()
                    .map(str::to_string)
                    .chain(dropped(doc).into_iter().map(|x| x.1.to_string()))
                    .collect::<Vec<_>>()
            })
            .map(|t| squeeze(&t))
            .collect::<Vec<_>>()
            .join("\u{1}");
        let source =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap();
        if d[0]["format"] == "html" {
            // Every <p> body text appears in some paragraph.
            let para_text: String = d.iter().flat_map(texts).map(squeeze).collect();
            for cap in para.captures_iter(&source) {
                let body = squeeze(&tag.replace_all(&cap[1], ""));
                if body.is_empty() || body.starts_with("责任编辑") {
                    continue; // the editor credit is listed in dropped
                }
                assert!(para_text.contains(&body), "{file}: <p> lost: {body}");
            }
        } else {
            for (i, line) in source.lines().enumerate() {
                let line = squeeze(line.trim_start_matches('#')).replace("**", "");
                if !line.is_empty() {
                    assert!(kept.contains(&line), "{file}:{}: lost: {line}", i + 1);
                }
            }
        }
    }
}

// Bad input --------------------------------------------------------------

#[test]
fn bad_inputs_fail_one_line_each_and_others_still_run() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let binary = write(
        "bin.dat",
        &(0u8..=255).cycle().take(5000).collect::<Vec<_>>(),
    );
    let empty = write("empty.txt", b"");
    let blank = write("blank.txt", b" \n\t\n ");
    let missing = dir.path().join("missing.txt");
    let folder = dir.path().join("sub");
    std::fs::create_dir(&folder).unwrap();
    let out = run([
        "ingest".as_ref(),
        binary.as_os_str(),
        F004.as_ref(),
        empty.as_os_str(),
        blank.as_os_str(),
        missing.as_os_str(),
        folder.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains(F004), "good file still processed");
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 5, "{err}");
    let expect = [
        (&binary, "binary file"),
        (&empty, "empty file"),
        (&blank, "empty file"),
        (&missing, "cannot read"),
        (&folder, "refused: a folder, not a regular file"),
    ];
    for (path, why) in expect {
        let line = format!("bitext: {}: {why}", path.display());
        assert!(
            lines.iter().any(|l| l.starts_with(&line)),
            "{line} not in {err}"
        );
    }
    assert!(!err.contains("panicked"));
}

#[test]
fn undecodable_input_is_rejected() {
    // UTF-16LE with a BOM but an odd, broken tail of unpaired surrogates.
    let mut bytes = vec![0xFF, 0xFE];
    for _ in 0..200 {
        bytes.extend([0x00, 0xD8]);
    }
    let (_d, path) = temp_file("bad16.txt", &bytes);
    let out = run(["ingest".as_ref(), path.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!("bitext: {}: cannot decode:", path.display())),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn a_long_single_line_is_ingested() {
    let sentence = "Asia security cooperation grows through dialogue and trust. ";
    let big = sentence.repeat(3 * 1024 * 1024 / sentence.len());
    let (_d, path) = temp_file("big.txt", big.as_bytes());
    let d = docs(&[&path]);
    assert_eq!(paragraphs(&d[0]).len(), 1);
    assert_eq!(
        d[0]["paragraphs"][0]["text"].as_str().unwrap().len(),
        big.trim().len()
    );
}

#[test]
fn human_summary_lists_documents_and_drops() {
    let out = run(["ingest", F003]);
    assert!(out.status.success());
    let s = stdout(&out);
    assert!(
        s.contains(&format!("{F003}  en  UTF-8  text  8 paragraphs")),
        "{s}"
    );
    assert!(
        s.contains("dropped line   27 boilerplate   Contact Us"),
        "{s}"
    );
}
