//! End-to-end tests: `bitext build` (the committed `alignments/` is up to
//! date, every output is there and consistent, bad files are reported) and
//! `bitext export` (JSONL → TMX round trip, hand edits flow through), plus
//! the review page rendered in headless Chromium.

use crate::util::{bitext, root, run, stderr, stdout};
use bitext::record::BeadRecord;
use quick_xml::events::Event;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// A fresh, empty folder under Cargo's target tmp dir.
pub(crate) fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Builds `corpus` into `out`; returns the output.
pub(crate) fn build(corpus: &Path, out: &Path) -> std::process::Output {
    run([
        "build".as_ref(),
        "--corpus".as_ref(),
        corpus.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ])
}

/// One build of `corpus/` into a scratch folder, shared by the tests.
fn built() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let out = scratch("build-corpus");
        let o = build(Path::new("corpus"), &out);
        assert!(o.status.success(), "build failed: {}", stderr(&o));
        out
    })
}

fn files_in(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

pub(crate) fn summary(dir: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("summary.json")).unwrap()).unwrap()
}

fn read_jsonl(path: &Path) -> Vec<BeadRecord> {
    bitext::export::jsonl::read_file(path).unwrap()
}

/// (lang, text) of every `<seg>` in a TMX document, parsed with quick-xml.
fn tmx_segments(xml: &str) -> Vec<(String, String)> {
    let mut rd = quick_xml::Reader::from_str(xml);
    let (mut out, mut lang, mut raw, mut in_seg) =
        (Vec::new(), String::new(), String::new(), false);
    loop {
        match rd.read_event().expect("well-formed TMX") {
            Event::Start(e) if e.name().as_ref() == "tuv" => {
                let a = e.try_get_attribute("xml:lang").unwrap().expect("xml:lang");
                lang = a.value.into_owned();
            }
            Event::Start(e) if e.name().as_ref() == "seg" => {
                in_seg = true;
                raw.clear();
            }
            Event::Empty(e) if e.name().as_ref() == "seg" => {
                out.push((lang.clone(), String::new()))
            }
            Event::Text(t) if in_seg => raw.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_seg => raw.push_str(&format!("&{};", &*r.xml10_content())),
            Event::End(e) if e.name().as_ref() == "seg" => {
                in_seg = false;
                out.push((
                    lang.clone(),
                    quick_xml::escape::unescape(&raw).unwrap().into_owned(),
                ));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// The segments a TMX export of `records` must hold, in order.
fn expected_segments(records: &[BeadRecord]) -> Vec<(String, String)> {
    records
        .iter()
        .filter(|r| !r.src.is_empty() && !r.tgt.is_empty())
        .flat_map(|r| {
            [
                (r.src_lang.tmx_tag().to_string(), r.src_text()),
                (r.tgt_lang.tmx_tag().to_string(), r.tgt_text()),
            ]
        })
        .map(|(l, t)| (l, bitext::export::xml_safe(&t).into_owned()))
        .collect()
}

#[test]
fn committed_alignments_are_up_to_date() {
    let fresh = built();
    let committed = root().join("alignments");
    let regenerate = "regenerate with `cargo run --release -- build` and commit alignments/";
    assert!(committed.is_dir(), "alignments/ is missing; {regenerate}");
    let (want, have) = (files_in(fresh), files_in(&committed));
    if let Some(name) = want.difference(&have).next() {
        panic!("alignments/{name} is missing from the committed copy; {regenerate}");
    }
    if let Some(name) = have.difference(&want).next() {
        panic!("alignments/{name} is no longer produced by a build; {regenerate}");
    }
    for name in &want {
        let (a, b) = (
            std::fs::read(fresh.join(name)).unwrap(),
            std::fs::read(committed.join(name)).unwrap(),
        );
        if a != b {
            let line = a
                .split(|&c| c == b'\n')
                .zip(b.split(|&c| c == b'\n'))
                .position(|(x, y)| x != y)
                .map_or(String::from("length"), |i| format!("line {}", i + 1));
            panic!("alignments/{name} differs from a fresh build (first difference: {line}); {regenerate}");
        }
    }
}

#[test]
fn rebuilds_are_byte_identical() {
    let again = scratch("build-corpus-again");
    let o = run([
        "build".as_ref(),
        "--timings".as_ref(),
        "--out".as_ref(),
        again.as_os_str(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    for stage in ["reading", "segmenting", "aligning", "writing"] {
        assert!(stderr(&o).contains(stage), "--timings: {}", stderr(&o));
    }
    let line = stdout(&o);
    assert!(
        line.starts_with("built ") && line.contains(" aligned, ") && line.contains(" s\n"),
        "summary line: {line}"
    );
    for name in files_in(built()) {
        assert_eq!(
            std::fs::read(built().join(&name)).unwrap(),
            std::fs::read(again.join(&name)).unwrap(),
            "{name} differs between two builds"
        );
    }
}

#[test]
fn every_pair_has_all_outputs_and_they_agree() {
    let dir = built();
    let s = summary(dir);
    let pairs = s["pairs"].as_array().unwrap();
    assert_eq!(s["totals"]["pairs"].as_u64().unwrap() as usize, pairs.len());
    let index = std::fs::read_to_string(dir.join("index.html")).unwrap();
    for p in pairs {
        let id = p["id"].as_str().unwrap();
        assert!(
            index.contains(&format!("href=\"./{id}.html\"")),
            "index links {id}"
        );
        for level in ["sentence", "paragraph"] {
            let records = read_jsonl(&dir.join(format!("{id}.{level}.jsonl")));
            let beads = p[level]["beads"].as_u64().unwrap() as usize;
            assert_eq!(records.len(), beads, "{id} {level}");
            assert!(records
                .iter()
                .all(|r| r.pair == id && r.level.as_str() == level));
            assert!(records.iter().enumerate().all(|(i, r)| r.bead == i));
            let tsv = std::fs::read_to_string(dir.join(format!("{id}.{level}.tsv"))).unwrap();
            assert_eq!(tsv.lines().count(), beads + 1, "{id} {level} TSV rows");
            assert!(tsv.lines().all(|l| l.split('\t').count() == 9));
            let tmx = std::fs::read_to_string(dir.join(format!("{id}.{level}.tmx"))).unwrap();
            assert!(tmx.contains(&format!("segtype=\"{level}\"")));
            assert_eq!(
                tmx_segments(&tmx),
                expected_segments(&records),
                "{id} {level} TMX"
            );
        }
        let page = std::fs::read_to_string(dir.join(format!("{id}.html"))).unwrap();
        let beads = p["sentence"]["beads"].as_u64().unwrap() as usize;
        assert_eq!(page.matches("<tr class=\"bead").count(), beads);
    }
    // Every document is either in a pair or listed as not paired.
    let docs: usize = s["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["documents"].as_array().unwrap().len())
        .sum();
    let unpaired = s["unpaired_documents"].as_array().unwrap();
    assert_eq!(s["totals"]["documents"].as_u64().unwrap() as usize, docs);
    for d in unpaired {
        assert!(index.contains(&format!("<li>{}</li>", d.as_str().unwrap())));
    }
}

/// A hand-written alignment with everything that needs escaping.
const TRICKY_JSONL: &str = concat!(
    r#"{"pair":"t","bead":0,"type":"1-2","score":0.31,"src_lang":"zh-Hant","tgt_lang":"en","#,
    r#""src":["<script>alert('x')</script> 亞信 & “會議”\u0001。"],"tgt":["A <b>bold</b> \"claim\" & more.","Tab\tand\r\nbreak."],"#,
    r#""src_lines":[4],"tgt_lines":[9,9],"src_para":[0],"tgt_para":[0,0],"#,
    r#""flags":[{"kind":"number-mismatch","severity":"error","reason":"<i>26</i> vs 25"}]}"#,
    "\n",
    r#"{"pair":"t","bead":1,"type":"0-1","score":0.9,"src_lang":"zh-Hant","tgt_lang":"en","src":[],"tgt":["Added."],"tgt_lines":[10],"tgt_para":[1]}"#,
    "\n",
    r#"{"pair":"t","bead":2,"type":"1-1","score":0.95,"src_lang":"zh-Hant","tgt_lang":"en","src":["好。"],"tgt":["Good."],"src_lines":[6],"tgt_lines":[11],"src_para":[1],"tgt_para":[1]}"#,
    "\n"
);

/// Validates `tmx` against the TMX 1.4b DTD that `.ci/setup` extracts;
/// skipped with a notice when xmllint or the DTD is missing, except under
/// `CI`.
fn assert_dtd_valid(tmx: &Path) {
    let dtd = root().join("target/ci/tmx14.dtd");
    let xmllint = std::process::Command::new("xmllint")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !dtd.is_file() || !xmllint {
        assert!(
            std::env::var_os("CI").is_none(),
            "xmllint or target/ci/tmx14.dtd missing (CI is set); run .ci/setup"
        );
        eprintln!(
            "NOTICE: xmllint or target/ci/tmx14.dtd missing; DTD check skipped (run .ci/setup)"
        );
        return;
    }
    let o = std::process::Command::new("xmllint")
        .args(["--noout", "--dtdvalid"])
        .arg(&dtd)
        .arg(tmx)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{} is not valid TMX 1.4b:\n{}",
        tmx.display(),
        stderr(&o)
    );
}

#[test]
fn jsonl_to_tmx_round_trips_segment_texts() {
    let dir = scratch("export-round-trip");
    let input = dir.join("t.jsonl");
    std::fs::write(&input, TRICKY_JSONL).unwrap();
    let out = dir.join("t.tmx");
    let o = run([
        "export".as_ref(),
        "--format".as_ref(),
        "tmx".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
        input.as_os_str(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let tmx = std::fs::read_to_string(&out).unwrap();
    let records = read_jsonl(&input);
    let segs = tmx_segments(&tmx);
    assert_eq!(segs, expected_segments(&records));
    assert_eq!(segs.len(), 4, "the 0-1 bead is not a translation unit");
    assert_eq!(segs[0].0, "zh-TW");
    assert!(
        segs[1].1.contains("Tab\tand\r\nbreak."),
        "tab, CR and LF survive: {:?}",
        segs[1]
    );
    assert!(!tmx.contains('\u{1}') && !tmx.contains("<script>"));
    assert_dtd_valid(&out);

    // The corpus's own sentence alignment round-trips as well.
    for p in summary(built())["pairs"].as_array().unwrap() {
        let jsonl = built().join(format!("{}.sentence.jsonl", p["id"].as_str().unwrap()));
        let o = run([
            "export".as_ref(),
            "--format".as_ref(),
            "tmx".as_ref(),
            jsonl.as_os_str(),
        ]);
        assert!(o.status.success());
        assert_eq!(
            tmx_segments(&stdout(&o)),
            expected_segments(&read_jsonl(&jsonl))
        );
    }
}

#[test]
fn hand_edits_flow_into_every_export() {
    let dir = scratch("export-edits");
    let edited = TRICKY_JSONL.replace("Good.", "Fine & dandy <edited>.");
    let input = dir.join("edited.jsonl");
    std::fs::write(&input, edited).unwrap();
    let export = |format: &str| {
        let o = run([
            "export".as_ref(),
            "--format".as_ref(),
            format.as_ref(),
            input.as_os_str(),
        ]);
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        stdout(&o)
    };
    assert!(export("tmx").contains("<seg>Fine &amp; dandy &lt;edited&gt;.</seg>"));
    let tsv = export("tsv");
    assert!(tsv
        .lines()
        .nth(3)
        .unwrap()
        .starts_with("2\t好。\tFine & dandy <edited>.\t0.9500\t1-1"));
    assert_eq!(tsv.lines().count(), 4);
    assert!(export("html").contains("Fine &amp; dandy &lt;edited&gt;."));
    let again = export("jsonl");
    assert_eq!(
        read_jsonl(&input),
        bitext::export::jsonl::read(again.as_bytes(), Path::new("-")).unwrap()
    );
}

#[test]
fn export_reports_bad_input_by_file_and_line() {
    let dir = scratch("export-bad");
    let o = run(["export", "--format", "tmx", "no/such.jsonl"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no/such.jsonl: cannot read"),
        "{}",
        stderr(&o)
    );
    let bad = dir.join("bad.jsonl");
    std::fs::write(
        &bad,
        format!("{}\nnot json\n", TRICKY_JSONL.lines().next().unwrap()),
    )
    .unwrap();
    let o = run([
        "export".as_ref(),
        "--format".as_ref(),
        "tsv".as_ref(),
        bad.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("bad.jsonl:2: not a bead record"),
        "{}",
        stderr(&o)
    );
    let o = run([
        "export".as_ref(),
        "--format".as_ref(),
        "tsv".as_ref(),
        dir.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("export-bad"), "{}", stderr(&o));
}

#[test]
fn unreadable_files_are_reported_and_the_rest_is_built() {
    let corpus = scratch("build-bad-corpus");
    let out = scratch("build-bad-out");
    let good = "000_58fd57bd8402631f.txt";
    std::fs::copy(root().join("corpus").join(good), corpus.join(good)).unwrap();
    std::fs::write(corpus.join("binary.txt"), b"\x00\x01\x02PK\x00\x00").unwrap();
    std::fs::write(corpus.join("empty.txt"), b"  \n").unwrap();
    // A file left by an earlier build that is no longer produced is
    // removed; files the build did not write are kept.
    std::fs::write(
        out.join("old.html"),
        "<!DOCTYPE html>\n<title>old · sentence alignment · bitext review</title>",
    )
    .unwrap();
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    let o = build(&corpus, &out);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("binary.txt: binary file"), "{err}");
    assert!(err.contains("empty.txt: empty file"), "{err}");
    let s = summary(&out);
    assert_eq!(s["totals"]["failed_files"], 2);
    assert_eq!(s["totals"]["files"], 3);
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("binary.txt: binary file"));
    for f in s["files"].as_array().unwrap() {
        assert!(out.join(f.as_str().unwrap()).is_file(), "{f} written");
    }
    assert!(!out.join("old.html").exists() && out.join("notes.txt").exists());

    let o = run([
        "build",
        "--corpus",
        "no/such/folder",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no/such/folder: cannot read"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_corpus_manifest_overrides_the_pairing() {
    let corpus = scratch("build-manifest-corpus");
    let out = scratch("build-manifest-out");
    for f in ["000_58fd57bd8402631f.txt", "003_11247a11cc0494c9.txt"] {
        std::fs::copy(root().join("corpus").join(f), corpus.join(f)).unwrap();
    }
    std::fs::write(
        corpus.join("manifest.tsv"),
        "# 003 is kept out of the parallel corpus\n\
         comparable\t003_11247a11cc0494c9.zh-Hans\t003_11247a11cc0494c9.en\n",
    )
    .unwrap();
    let o = build(&corpus, &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = summary(&out);
    assert_eq!(s["totals"]["files"], 2, "the manifest is not a document");
    let pairs: Vec<&str> = s["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(pairs, ["000_58fd57bd8402631f"]);
    assert!(!out.join("003_11247a11cc0494c9.html").exists());
    assert!(
        s.get("warnings").is_none(),
        "every manifest id names a document"
    );

    // A line naming no document (a typo) is reported, not ignored silently;
    // the rest of the corpus still builds.
    std::fs::write(
        corpus.join("manifest.tsv"),
        "comparable\t003_11247a11cc0494c9.zh-Hans\t003_11247a11cc0494c9.en\n\
         translation\t000_58fd57bd8402631f.zh-Hans\t000_typo.en\n",
    )
    .unwrap();
    let o = build(&corpus, &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let warning = "line 2: no document has the id `000_typo.en`";
    assert!(stderr(&o).contains(warning), "{}", stderr(&o));
    let s = summary(&out);
    assert!(s["warnings"][0].as_str().unwrap().contains(warning), "{s}");
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains(warning), "index.html reports it");
    assert_eq!(s["pairs"][0]["id"], "000_58fd57bd8402631f");

    std::fs::write(corpus.join("manifest.tsv"), "perhaps\ta\tb\n").unwrap();
    let o = build(&corpus, &out);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("manifest.tsv"), "{}", stderr(&o));
}

/// Runs headless Chromium with `args` (plus the flags every run needs);
/// returns its standard output, or `None` when Chromium is not installed
/// (a failure when the `CI` variable is set).
pub(crate) fn chromium(args: &[String]) -> Option<String> {
    let installed = std::process::Command::new("chromium")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !installed {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromium is not installed (CI is set); run .ci/setup"
        );
        eprintln!("NOTICE: chromium not installed; skipping the browser test (run .ci/setup)");
        return None;
    }
    let profile = tempfile::tempdir().unwrap();
    let dump = profile.path().join("stdout.html");
    let mut child = std::process::Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ])
        .arg(format!(
            "--user-data-dir={}",
            profile.path().join("profile").display()
        ))
        .args(args)
        .stdout(std::fs::File::create(&dump).unwrap())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "chromium {args:?} failed: {status}");
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium {args:?} timed out");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Some(std::fs::read_to_string(dump).unwrap())
}

pub(crate) fn file_url(path: &Path, query: &str) -> String {
    format!("file://{}{query}", path.canonicalize().unwrap().display())
}

#[test]
fn review_page_renders_in_chromium() {
    // A page with markup in the sources and flags: escaping and markers.
    let dir = scratch("browser");
    let input = dir.join("t.jsonl");
    std::fs::write(&input, TRICKY_JSONL).unwrap();
    let page = dir.join("t.html");
    let o = run([
        "export".as_ref(),
        "--format".as_ref(),
        "html".as_ref(),
        "-o".as_ref(),
        page.as_os_str(),
        input.as_os_str(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let Some(dom) = chromium(&["--dump-dom".into(), file_url(&page, "?filter=flagged")]) else {
        return;
    };
    assert_eq!(
        dom.matches("<tr class=\"bead").count(),
        3,
        "one row per bead"
    );
    assert_eq!(
        dom.matches("<tr class=\"bead flagged").count(),
        1,
        "flagged rows marked"
    );
    assert!(
        dom.contains("<output id=\"shown\">1</output>"),
        "the flagged filter ran"
    );
    assert_eq!(
        dom.matches("<script").count(),
        1,
        "source markup stays text"
    );
    assert!(dom.contains("&lt;script&gt;alert('x')&lt;/script&gt;"));

    // The corpus's review pages: DOM rows match the beads; screenshots.
    let shots = root().join("target").join("screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    for p in summary(built())["pairs"].as_array().unwrap() {
        let id = p["id"].as_str().unwrap();
        let page = built().join(format!("{id}.html"));
        let records = read_jsonl(&built().join(format!("{id}.sentence.jsonl")));
        let flagged = records.iter().filter(|r| !r.flags.is_empty()).count();
        let dom = chromium(&["--dump-dom".into(), file_url(&page, "")]).unwrap();
        assert_eq!(
            dom.matches("<tr class=\"bead").count(),
            records.len(),
            "{id}"
        );
        assert_eq!(
            dom.matches("<tr class=\"bead flagged").count(),
            flagged,
            "{id}"
        );
        assert!(dom.contains(&format!("<output id=\"shown\">{}</output>", records.len())));
        let shot = shots.join(format!("{id}.png"));
        let _ = std::fs::remove_file(&shot);
        chromium(&[
            format!("--screenshot={}", shot.display()),
            "--window-size=1400,1000".into(),
            file_url(&page, ""),
        ])
        .unwrap();
        assert!(
            std::fs::metadata(&shot)
                .map(|m| m.len() > 10_000)
                .unwrap_or(false),
            "{shot:?}"
        );
    }
}

#[test]
fn build_help_names_the_defaults() {
    let o = bitext().args(["build", "--help"]).output().unwrap();
    let help = stdout(&o);
    assert!(
        help.contains("[default: corpus]") && help.contains("[default: alignments]"),
        "{help}"
    );
}

/// `href="…"` values of an HTML page.
fn hrefs(page: &str) -> Vec<String> {
    page.split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn terms_page_links_resolve_to_bead_rows() {
    let dir = built();
    let index = std::fs::read_to_string(dir.join("index.html")).unwrap();
    assert!(index.contains("href=\"./terms.html\""), "index links terms");
    let page = std::fs::read_to_string(dir.join("terms.html")).unwrap();
    let links: Vec<String> = hrefs(&page)
        .into_iter()
        .filter(|h| h.contains("#b"))
        .collect();
    assert!(links.len() > 30, "bead links: {links:?}");
    for link in &links {
        let (file, anchor) = link.split_once('#').unwrap();
        let review = std::fs::read_to_string(dir.join(file.trim_start_matches("./"))).unwrap();
        assert!(
            review.contains(&format!(" id=\"{anchor}\"")),
            "{link}: no such row"
        );
    }
    // 亚信 ↔ CICA is listed with the beads using it.
    assert!(page.contains("<td lang=\"zh\">亚信</td><td>CICA</td>"));
}

#[test]
fn markup_in_the_corpus_is_inert_on_the_terms_page() {
    let dir = scratch("terms-markup");
    let (c, out) = (dir.join("corpus"), dir.join("out"));
    std::fs::create_dir(&c).unwrap();
    let text = std::fs::read_to_string(root().join("corpus/003_11247a11cc0494c9.txt"))
        .unwrap()
        .replace(
            "Special Working Group",
            "<script>alert(1)</script> Special Working Group",
        )
        .replace("特别工作组", "<script>alert(1)</script>特别工作组");
    std::fs::write(c.join("x.txt"), text).unwrap();
    let o = build(&c, &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = std::fs::read_to_string(out.join("terms.html")).unwrap();
    assert!(page.contains("Special Working Group"), "{page}");
    assert!(!page.to_lowercase().contains("<script"), "{page}");
}
