//! `bitext review`: a local web app over a built output folder.
//!
//! Serves the pair list (`index.html` of the build), each pair's review
//! page at sentence (`/<pair>.html`) and paragraph level
//! (`/<pair>.paragraph.html`) with the review actions enabled, the files a
//! build listed in `summary.json`, and `POST /api/decide`, which appends a
//! [`Decision`] to `corpus/reviews/<pair>.jsonl`. Pages show the decisions
//! at once (fixed beads as decided, the units around them grouped until
//! the next `bitext build` re-aligns them).
//!
//! Built on `tiny_http`, a small synchronous server: one local user needs
//! no async runtime, and it compiles in seconds where axum + tokio would
//! add minutes to a two-core CI.
//!
//! Security: it binds to the loopback address; every request must name
//! the server itself in `Host` (DNS rebinding) and, when present, in
//! `Origin`; a POST must carry a matching `Origin` and a JSON body of at
//! most [`MAX_BODY`] bytes; only pair ids from `summary.json` and the file
//! names it lists are ever served, so `..` and other paths are refused.

use super::decision::{Action, BeadRef, Decision, UnitRef};
use super::{apply, hashes, store, Stale};
use crate::align::constrained::Grouping;
use crate::align::Bead;
use crate::error::{Error, Result};
use crate::export::{html, jsonl};
use crate::record::FlagKind;
use crate::record::{indices, BeadRecord, BeadUnit, Level};
use serde::Deserialize;
use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Largest request body accepted, in bytes.
pub const MAX_BODY: usize = 64 * 1024;

/// What the server serves.
#[derive(Debug, Clone)]
pub struct State {
    /// The corpus folder (decisions go to its `reviews/` folder).
    pub corpus: PathBuf,
    /// The output folder of `bitext build`.
    pub out: PathBuf,
    /// The port the server listens on (for the Host and Origin checks).
    pub port: u16,
}

/// An HTTP request, as far as the app needs it.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// `GET`, `POST` …
    pub method: String,
    /// The path and query.
    pub url: String,
    /// The `Host` header.
    pub host: Option<String>,
    /// The `Origin` header.
    pub origin: Option<String>,
    /// The declared `Content-Length`.
    pub length: Option<usize>,
    /// The body (at most [`MAX_BODY`] + 1 bytes are read).
    pub body: Vec<u8>,
}

/// A response: status, content type and body.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// `Content-Type`.
    pub kind: &'static str,
    /// The body.
    pub body: Vec<u8>,
}

impl Reply {
    fn text(status: u16, msg: impl Into<String>) -> Reply {
        Reply {
            status,
            kind: "text/plain; charset=utf-8",
            body: msg.into().into_bytes(),
        }
    }

    fn json(status: u16, value: serde_json::Value) -> Reply {
        Reply {
            status,
            kind: "application/json",
            body: value.to_string().into_bytes(),
        }
    }
}

/// Binds `127.0.0.1:port` (0: any free port).
pub fn bind(port: u16) -> Result<tiny_http::Server> {
    tiny_http::Server::http(("127.0.0.1", port))
        .map_err(|e| Error::Invalid(format!("cannot listen on 127.0.0.1:{port}: {e}")))
}

/// The port a bound server listens on.
pub fn port_of(server: &tiny_http::Server) -> u16 {
    server.server_addr().to_ip().map_or(0, |a| a.port())
}

/// Serves requests until the process ends.
pub fn run(server: &tiny_http::Server, state: &State) {
    for mut req in server.incoming_requests() {
        let header = |name: &str| {
            req.headers()
                .iter()
                .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
                .map(|h| h.value.as_str().to_string())
        };
        let mut r = Request {
            method: req.method().as_str().to_string(),
            url: req.url().to_string(),
            host: header("Host"),
            origin: header("Origin"),
            length: req.body_length(),
            body: Vec::new(),
        };
        if r.method == "POST" && r.length.is_none_or(|n| n <= MAX_BODY) {
            let _ = req
                .as_reader()
                .take(MAX_BODY as u64 + 1)
                .read_to_end(&mut r.body);
        }
        let reply = respond(state, &r);
        let mut resp = tiny_http::Response::from_data(reply.body).with_status_code(reply.status);
        for (k, v) in [
            ("Content-Type", reply.kind),
            ("X-Content-Type-Options", "nosniff"),
            ("Cache-Control", "no-store"),
            ("Referrer-Policy", "no-referrer"),
        ] {
            if let Ok(h) = tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()) {
                resp.add_header(h);
            }
        }
        let _ = req.respond(resp);
    }
}

/// The names this server answers to, as `host:port`.
fn local_hosts(port: u16) -> [String; 3] {
    [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ]
}

/// Answers one request (no I/O besides the corpus and output folders).
pub fn respond(state: &State, r: &Request) -> Reply {
    let hosts = local_hosts(state.port);
    if !r
        .host
        .as_deref()
        .is_some_and(|h| hosts.iter().any(|x| x == h))
    {
        return Reply::text(403, "refused: the Host header does not name this server");
    }
    let origin_ok = |o: &str| hosts.iter().any(|x| o == format!("http://{x}"));
    if let Some(o) = &r.origin {
        if !origin_ok(o) {
            return Reply::text(403, "refused: cross-origin request");
        }
    }
    let raw = r.url.split(['?', '#']).next().unwrap_or("");
    let Ok(path) = percent_encoding::percent_decode_str(raw).decode_utf8() else {
        return Reply::text(400, "refused: the path is not UTF-8");
    };
    let path = path.as_ref();
    if path.contains("..") || path.contains('\\') {
        return Reply::text(400, "refused: path outside the served folders");
    }
    match (r.method.as_str(), path) {
        ("POST", "/api/decide") => {
            if r.origin.is_none() {
                return Reply::text(403, "refused: a POST must carry an Origin header");
            }
            if r.length.is_some_and(|n| n > MAX_BODY) || r.body.len() > MAX_BODY {
                return Reply::text(413, format!("request body over {MAX_BODY} bytes"));
            }
            match decide(state, &r.body) {
                Ok(()) => Reply::json(200, serde_json::json!({"ok": true})),
                Err((status, why)) => Reply::json(status, serde_json::json!({"error": why})),
            }
        }
        ("GET" | "HEAD", _) => get(state, path),
        _ => Reply::text(405, "method not allowed"),
    }
}

fn get(state: &State, path: &str) -> Reply {
    let name = path.trim_start_matches('/');
    let name = if name.is_empty() { "index.html" } else { name };
    let (pairs, files) = listed(&state.out);
    if let Some(stem) = name.strip_suffix(".html") {
        let (id, level) = match stem.strip_suffix(".paragraph") {
            Some(id) => (id, Level::Paragraph),
            None => (stem, Level::Sentence),
        };
        if pairs.iter().any(|p| p == id) {
            return match page(state, id, level) {
                Ok(h) => Reply {
                    status: 200,
                    kind: "text/html; charset=utf-8",
                    body: h.into_bytes(),
                },
                Err(e) => Reply::text(500, e.to_string()),
            };
        }
    }
    if !files.iter().any(|f| f == name) {
        return Reply::text(404, "not found");
    }
    let kind = match name.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("json") => "application/json",
        Some("tmx") => "application/xml",
        _ => "text/plain; charset=utf-8",
    };
    match std::fs::read(state.out.join(name)) {
        Ok(body) => Reply {
            status: 200,
            kind,
            body,
        },
        Err(_) => Reply::text(404, "not found"),
    }
}

/// Pair ids and file names listed in the build's `summary.json` (plain
/// names only).
fn listed(out: &Path) -> (Vec<String>, Vec<String>) {
    let value: serde_json::Value = std::fs::read_to_string(out.join("summary.json"))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default();
    let strings = |v: Option<&serde_json::Value>, key: Option<&str>| -> Vec<String> {
        v.and_then(|a| a.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|x| match key {
                        Some(k) => x.get(k).and_then(|s| s.as_str()),
                        None => x.as_str(),
                    })
                    .filter(|s| store::is_safe_id(s))
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    };
    (
        strings(value.get("pairs"), Some("id")),
        strings(value.get("files"), None),
    )
}

/// One level of one pair as the reviewer sees it now: the built records
/// with every decision so far applied.
struct View {
    records: Vec<BeadRecord>,
    beads: Vec<Bead>,
    src: Vec<String>,
    tgt: Vec<String>,
    stale: Vec<Stale>,
}

/// Per-unit texts, lines and paragraphs of one side, from the records.
#[derive(Default)]
struct Units(Vec<BeadUnit>);

impl Units {
    /// Stores unit `i` (a missing line or paragraph as 0).
    fn put(&mut self, i: usize, u: &BeadUnit) {
        if self.0.len() <= i {
            self.0.resize(i + 1, BeadUnit::at(String::new(), 0, 0, 0));
        }
        self.0[i] = BeadUnit::at(u.text.clone(), i, u.line.unwrap_or(0), u.para.unwrap_or(0));
    }

    /// Unit `i` as a record's unit.
    fn get(&self, i: usize) -> BeadUnit {
        BeadUnit {
            idx: Some(i),
            ..self.0[i].clone()
        }
    }

    fn texts(self) -> Vec<String> {
        self.0.into_iter().map(|u| u.text).collect()
    }
}

fn view(state: &State, id: &str, level: Level) -> Result<View> {
    let built = jsonl::read_file(&state.out.join(format!("{id}.{level}.jsonl")))?;
    let (mut su, mut tu) = (Units::default(), Units::default());
    let mut free = Vec::with_capacity(built.len());
    let (mut i, mut j) = (0, 0);
    for r in &built {
        let (src_idx, tgt_idx) = (indices(&r.src), indices(&r.tgt));
        for (u, &x) in r.src.iter().zip(&src_idx) {
            su.put(x, u);
        }
        for (u, &x) in r.tgt.iter().zip(&tgt_idx) {
            tu.put(x, u);
        }
        let s = src_idx.first().map_or(i..i, |&a| a..a + src_idx.len());
        let t = tgt_idx.first().map_or(j..j, |&a| a..a + tgt_idx.len());
        (i, j) = (s.end, t.end);
        free.push(Bead {
            src: s,
            tgt: t,
            score: r.score,
        });
    }
    let decisions = store::load(&state.corpus, id)?;
    let (sh, th) = (
        hashes(su.0.iter().map(|u| u.text.as_str())),
        hashes(tu.0.iter().map(|u| u.text.as_str())),
    );
    // Until a rebuild, the units around a fixed bead form one bead.
    let lump = |s: Range<usize>, t: Range<usize>, _: &[Grouping]| {
        vec![Bead {
            src: s,
            tgt: t,
            score: 0.0,
        }]
    };
    let applied = apply(&decisions.decisions, level, &sh, &th, free, lump);
    let template = built.first().cloned();
    let records = applied
        .beads
        .iter()
        .zip(applied.reviews)
        .enumerate()
        .map(|(k, (b, review))| {
            let same = built.iter().find(|r| {
                r.src.iter().map_while(|u| u.idx).eq(b.src.clone())
                    && r.tgt.iter().map_while(|u| u.idx).eq(b.tgt.clone())
                    && !(indices(&r.src).is_empty() && indices(&r.tgt).is_empty())
            });
            let mut r = match (same, &template) {
                (Some(r), _) => r.clone(),
                (None, Some(t)) => BeadRecord {
                    shape: crate::record::Shape::new(b.src.len(), b.tgt.len()),
                    score: b.score,
                    src: b.src.clone().map(|x| su.get(x)).collect(),
                    tgt: b.tgt.clone().map(|x| tu.get(x)).collect(),
                    flags: Vec::new(),
                    ..t.clone()
                },
                (None, None) => {
                    BeadRecord::new(k, crate::Lang::ZhHans, crate::Lang::En, vec![], vec![])
                }
            };
            r.bead = k;
            r.review = review;
            r
        })
        .collect();
    let stale = decisions
        .problems
        .into_iter()
        .map(|why| Stale {
            decision: "(unreadable)".into(),
            why,
        })
        .chain(applied.stale)
        .collect();
    Ok(View {
        records,
        beads: applied.beads,
        src: su.texts(),
        tgt: tu.texts(),
        stale,
    })
}

fn page(state: &State, id: &str, level: Level) -> Result<String> {
    let v = view(state, id, level)?;
    Ok(html::render_page(
        &v.records,
        &html::Page {
            stale: &v.stale,
            live: true,
        },
    ))
}

/// The body of `POST /api/decide`: the bead by its unit indices as the page
/// showed them, and what to do with it.
#[derive(Debug, Deserialize)]
struct Ask {
    pair: String,
    level: Level,
    action: Action,
    src: Vec<usize>,
    tgt: Vec<usize>,
    /// For a split: which edge unit moves where (`src-last-next`,
    /// `tgt-last-next`, `src-first-prev`, `tgt-first-prev`).
    #[serde(default)]
    moves: Option<String>,
    #[serde(default)]
    flag: Option<FlagKind>,
    #[serde(default)]
    note: String,
}

fn decide(state: &State, body: &[u8]) -> std::result::Result<(), (u16, String)> {
    let ask: Ask = serde_json::from_slice(body).map_err(|e| (400, format!("bad request: {e}")))?;
    let (pairs, _) = listed(&state.out);
    if !pairs.contains(&ask.pair) {
        return Err((404, "no such pair".into()));
    }
    let v = view(state, &ask.pair, ask.level).map_err(|e| (500, e.to_string()))?;
    let k = v
        .beads
        .iter()
        .position(|b| {
            b.src.clone().eq(ask.src.iter().copied()) && b.tgt.clone().eq(ask.tgt.iter().copied())
        })
        .ok_or((409, "the page is out of date: reload it".to_string()))?;
    let groups = groupings(&v.beads, k, &ask).map_err(|why| (400, why.to_string()))?;
    let unit = |texts: &[String], i: usize| UnitRef::of(i, texts.get(i).map_or("", String::as_str));
    let after =
        |texts: &[String], at: usize, empty: bool| (empty && at > 0).then(|| unit(texts, at - 1));
    let (s0, t0) = (groups[0].0.start, groups[0].1.start);
    let d = Decision {
        action: ask.action,
        level: ask.level,
        src_after: after(&v.src, s0, groups.iter().all(|g| g.0.is_empty())),
        tgt_after: after(&v.tgt, t0, groups.iter().all(|g| g.1.is_empty())),
        beads: groups
            .iter()
            .map(|(s, t)| BeadRef {
                src: s.clone().map(|i| unit(&v.src, i)).collect(),
                tgt: t.clone().map(|i| unit(&v.tgt, i)).collect(),
            })
            .collect(),
        flag: if ask.action == Action::Accept {
            Some(ask.flag.ok_or((400, "accept needs a flag".to_string()))?)
        } else {
            None
        },
        note: ask.note.chars().take(2000).collect(),
        t: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
    };
    store::append(&state.corpus, &ask.pair, &d).map_err(|e| (500, e.to_string()))
}

/// The beads a decision on bead `k` names: the bead itself, the merge of
/// it with the next, or the two beads after moving an edge unit.
fn groupings(
    beads: &[Bead],
    k: usize,
    ask: &Ask,
) -> std::result::Result<Vec<Grouping>, &'static str> {
    let g = |b: &Bead| (b.src.clone(), b.tgt.clone());
    let b = &beads[k];
    match ask.action {
        Action::Confirm | Action::Reject | Action::Accept => Ok(vec![g(b)]),
        Action::Merge => {
            let n = beads
                .get(k + 1)
                .ok_or("the last bead has no next bead to merge with")?;
            Ok(vec![(b.src.start..n.src.end, b.tgt.start..n.tgt.end)])
        }
        Action::Split => {
            let mv = ask.moves.as_deref().unwrap_or("src-last-next");
            let (side_src, to_next) = match mv {
                "src-last-next" => (true, true),
                "tgt-last-next" => (false, true),
                "src-first-prev" => (true, false),
                "tgt-first-prev" => (false, false),
                _ => return Err("unknown split"),
            };
            let (mut a, mut c) = if to_next {
                (g(b), g(beads.get(k + 1).ok_or("no next bead")?))
            } else {
                (
                    g(beads.get(k.wrapping_sub(1)).ok_or("no previous bead")?),
                    g(b),
                )
            };
            let (ra, rc) = if side_src {
                (&mut a.0, &mut c.0)
            } else {
                (&mut a.1, &mut c.1)
            };
            let moving = if to_next { &*ra } else { &*rc };
            if moving.start == moving.end {
                return Err("that side of the bead is empty");
            }
            if to_next {
                ra.end -= 1;
                rc.start -= 1;
            } else {
                ra.end += 1;
                rc.start += 1;
            }
            Ok([a, c]
                .into_iter()
                .filter(|(s, t)| !(s.is_empty() && t.is_empty()))
                .collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state() -> (tempfile::TempDir, State) {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        let out = dir.path().join("out");
        std::fs::create_dir_all(&corpus).unwrap();
        std::fs::create_dir_all(&out).unwrap();
        let recs = crate::record::tests::sample();
        let mut buf = Vec::new();
        jsonl::write(&mut buf, &recs).unwrap();
        std::fs::write(out.join("p.sentence.jsonl"), buf).unwrap();
        std::fs::write(out.join("index.html"), "<p>pairs</p>").unwrap();
        std::fs::write(
            out.join("summary.json"),
            r#"{"pairs": [{"id": "p"}], "files": ["index.html", "summary.json", "p.sentence.jsonl"]}"#,
        )
        .unwrap();
        std::fs::write(dir.path().join("secret"), "no").unwrap();
        let st = State {
            corpus,
            out,
            port: 8017,
        };
        (dir, st)
    }

    fn get(url: &str) -> Request {
        Request {
            method: "GET".into(),
            url: url.into(),
            host: Some("127.0.0.1:8017".into()),
            ..Request::default()
        }
    }

    fn post(body: &str) -> Request {
        Request {
            method: "POST".into(),
            url: "/api/decide".into(),
            host: Some("localhost:8017".into()),
            origin: Some("http://localhost:8017".into()),
            length: Some(body.len()),
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn serves_pages_and_listed_files_only() {
        let (_d, st) = state();
        assert_eq!(respond(&st, &get("/")).status, 200);
        let page = respond(&st, &get("/p.html"));
        assert_eq!(page.status, 200);
        let text = String::from_utf8(page.body).unwrap();
        assert!(text.contains("data-live=\"1\"") && text.contains("&lt;script&gt;"));
        assert_eq!(respond(&st, &get("/p.sentence.jsonl")).status, 200);
        for bad in [
            "/../secret",
            "/..%2fsecret",
            "/%2e%2e/secret",
            "/x/../../secret",
            "/..\\secret",
        ] {
            assert_eq!(respond(&st, &get(bad)).status, 400, "{bad}");
        }
        assert_eq!(respond(&st, &get("/secret")).status, 404);
        assert_eq!(respond(&st, &get("/q.html")).status, 404);
    }

    #[test]
    fn foreign_host_or_origin_is_refused() {
        let (_d, st) = state();
        let mut r = get("/");
        r.host = Some("evil.example:8017".into());
        assert_eq!(respond(&st, &r).status, 403, "DNS rebinding");
        r.host = None;
        assert_eq!(respond(&st, &r).status, 403);
        r.host = Some("127.0.0.1:9999".into());
        assert_eq!(respond(&st, &r).status, 403, "other port");
        let body = r#"{"pair":"p","level":"sentence","action":"confirm","src":[0],"tgt":[0]}"#;
        let mut p = post(body);
        p.origin = Some("http://evil.example".into());
        assert_eq!(respond(&st, &p).status, 403, "cross-site POST");
        p.origin = None;
        assert_eq!(respond(&st, &p).status, 403, "POST without Origin");
        assert!(!st.corpus.join("reviews").exists(), "nothing written");
        assert_eq!(respond(&st, &post(body)).status, 200);
        assert_eq!(store::load(&st.corpus, "p").unwrap().decisions.len(), 1);
    }

    #[test]
    fn oversized_body_is_refused() {
        let (_d, st) = state();
        let big = format!(
            r#"{{"pair":"p","level":"sentence","action":"accept","src":[0],"tgt":[0],"flag":"omission","note":"{}"}}"#,
            "x".repeat(MAX_BODY)
        );
        assert_eq!(respond(&st, &post(&big)).status, 413);
        let mut lying = post("{}");
        lying.length = Some(MAX_BODY + 1);
        assert_eq!(respond(&st, &lying).status, 413);
        assert!(!st.corpus.join("reviews").exists());
    }

    #[test]
    fn decisions_change_the_page_at_once() {
        let (_d, st) = state();
        // Merge beads 0 and 1, then move bead 2's target back: split.
        let merge = r#"{"pair":"p","level":"sentence","action":"merge","src":[0],"tgt":[0]}"#;
        assert_eq!(respond(&st, &post(merge)).status, 200);
        let v = view(&st, "p", Level::Sentence).unwrap();
        assert_eq!(
            v.beads[0],
            Bead {
                src: 0..2,
                tgt: 0..3,
                score: 1.0
            }
        );
        assert_eq!(
            v.records[0].review_status(),
            Some(crate::record::ReviewStatus::Corrected)
        );
        let split = r#"{"pair":"p","level":"sentence","action":"split","src":[],"tgt":[3],"moves":"tgt-first-prev"}"#;
        assert_eq!(respond(&st, &post(split)).status, 200);
        let v = view(&st, "p", Level::Sentence).unwrap();
        assert_eq!(v.beads.len(), 1);
        assert_eq!(
            (v.beads[0].src.clone(), v.beads[0].tgt.clone()),
            (0..2, 0..4)
        );
        // A stale view: bead [1]/[1,2] no longer exists.
        let old = r#"{"pair":"p","level":"sentence","action":"confirm","src":[1],"tgt":[1,2]}"#;
        assert_eq!(respond(&st, &post(old)).status, 409);
        let unknown =
            r#"{"pair":"../p","level":"sentence","action":"confirm","src":[0],"tgt":[0]}"#;
        assert_eq!(respond(&st, &post(unknown)).status, 404);
    }
}
