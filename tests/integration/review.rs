//! `bitext review` end to end in a real headless Chromium, driven over the
//! DevTools protocol (CDP through `--remote-debugging-pipe`, two named
//! pipes; no browser download, no extra client): open a pair, confirm a
//! bead, merge two, split one, accept a flag, reload, rebuild (the decided
//! beads come out exactly as decided), edit a source sentence and rebuild
//! (the decision is reported stale). Screenshots go to target/screenshots.

use crate::util::*;
use base64::Engine as _;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const PAIR: &str = "000_58fd57bd8402631f";

/// A child process killed when dropped.
struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A headless Chromium page driven over CDP.
struct Browser {
    _child: Guard,
    _profile: tempfile::TempDir,
    to: std::fs::File,
    from: BufReader<std::fs::File>,
    session: String,
    next: u64,
}

impl Browser {
    /// Starts Chromium, or gives `None` when it is not installed (a
    /// failure when the `CI` variable is set).
    fn start() -> Option<Browser> {
        let installed = Command::new("chromium")
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
            eprintln!("NOTICE: chromium not installed; skipping the review browser test");
            return None;
        }
        let profile = tempfile::tempdir().unwrap();
        let (into, out_of) = (profile.path().join("in"), profile.path().join("out"));
        for p in [&into, &out_of] {
            assert!(Command::new("mkfifo").arg(p).status().unwrap().success());
        }
        // Chromium reads commands on fd 3 and writes replies on fd 4.
        let child = Command::new("bash")
            .arg("-c")
            .arg(
                "exec chromium --headless --no-sandbox --disable-gpu --no-first-run \
                 --disable-background-networking --disable-component-update --disable-sync \
                 --window-size=1400,1000 --user-data-dir=\"$3\" --remote-debugging-pipe \
                 about:blank 3<\"$1\" 4>\"$2\"",
            )
            .args(["bash".as_ref(), into.as_os_str(), out_of.as_os_str()])
            .arg(profile.path().join("profile"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let child = Guard(child);
        let to = std::fs::OpenOptions::new().write(true).open(&into).unwrap();
        let from = BufReader::new(std::fs::File::open(&out_of).unwrap());
        let mut b = Browser {
            _child: child,
            _profile: profile,
            to,
            from,
            session: String::new(),
            next: 0,
        };
        let target = b.call("Target.createTarget", json!({"url": "about:blank"}));
        let attached = b.call(
            "Target.attachToTarget",
            json!({"targetId": target["targetId"], "flatten": true}),
        );
        b.session = attached["sessionId"].as_str().unwrap().to_string();
        Some(b)
    }

    /// Sends one command and waits for its reply.
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = self.next;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if !self.session.is_empty() {
            msg["sessionId"] = json!(self.session);
        }
        self.to.write_all(msg.to_string().as_bytes()).unwrap();
        self.to.write_all(b"\0").unwrap();
        self.to.flush().unwrap();
        loop {
            let mut buf = Vec::new();
            let n = self.from.read_until(0, &mut buf).unwrap();
            assert!(n > 0, "chromium closed the pipe during {method}");
            buf.pop();
            let v: Value = serde_json::from_slice(&buf).unwrap();
            if v["id"] == json!(id) {
                assert!(v.get("error").is_none(), "{method}: {v}");
                return v["result"].clone();
            }
        }
    }

    /// Evaluates `js` in the page (promises awaited); gives its value.
    fn eval(&mut self, js: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({"expression": js, "returnByValue": true, "awaitPromise": true}),
        );
        assert!(r.get("exceptionDetails").is_none(), "{js}: {r}");
        r["result"]["value"].clone()
    }

    /// Waits until `js` is true in a loaded page.
    fn wait(&mut self, js: &str) {
        let deadline = Instant::now() + Duration::from_secs(30);
        let test = format!("document.readyState === 'complete' && !!({js})");
        while self.eval(&test) != json!(true) {
            assert!(Instant::now() < deadline, "timed out waiting for {js}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn open(&mut self, url: &str) {
        self.call("Page.navigate", json!({"url": url}));
        self.wait("document.querySelector('tr.bead') && location.href.startsWith('http')");
    }

    /// Types one key as a user would (keydown, keypress, keyup).
    fn key(&mut self, key: &str) {
        let text = match key {
            "Enter" => "\r",
            k if k.chars().count() == 1 => k,
            _ => "",
        };
        let code = if key == "Enter" { 13 } else { 0 };
        self.call(
            "Input.dispatchKeyEvent",
            json!({"type": "keyDown", "key": key, "text": text, "windowsVirtualKeyCode": code}),
        );
        self.call(
            "Input.dispatchKeyEvent",
            json!({"type": "keyUp", "key": key}),
        );
    }

    /// Clicks the middle of the first element matching `selector`.
    fn click(&mut self, selector: &str) {
        let sel = serde_json::to_string(selector).unwrap();
        let at = self.eval(&format!(
            "(() => {{ const e = document.querySelector({sel}); e.scrollIntoView({{block: 'center'}}); \
             const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})()"
        ));
        for kind in ["mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                json!({"type": kind, "x": at[0], "y": at[1], "button": "left", "clickCount": 1}),
            );
        }
    }

    fn screenshot(&mut self, name: &str) {
        let shots = root().join("target").join("screenshots");
        std::fs::create_dir_all(&shots).unwrap();
        let r = self.call("Page.captureScreenshot", json!({"format": "png"}));
        let png = base64::engine::general_purpose::STANDARD
            .decode(r["data"].as_str().unwrap())
            .unwrap();
        assert!(png.len() > 10_000, "{name}: blank screenshot?");
        std::fs::write(shots.join(format!("{name}.png")), png).unwrap();
    }

    /// The attribute `attr` of row `k`.
    fn row(&mut self, k: usize, attr: &str) -> String {
        self.eval(&format!(
            "document.getElementById('b{k}').getAttribute('{attr}')"
        ))
        .as_str()
        .unwrap_or("")
        .to_string()
    }
}

fn build(corpus: &Path, out: &Path) -> std::process::Output {
    let o = run([
        "build".as_ref(),
        "--corpus".as_ref(),
        corpus.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    o
}

fn records(out: &Path) -> Vec<Value> {
    std::fs::read_to_string(out.join(format!("{PAIR}.sentence.jsonl")))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The bead of `recs` with exactly these unit indices.
fn bead<'a>(recs: &'a [Value], src: &[u64], tgt: &[u64]) -> Option<&'a Value> {
    recs.iter()
        .find(|r| r["src_idx"] == json!(src) && r["tgt_idx"] == json!(tgt))
}

fn ids(s: &str) -> Vec<u64> {
    s.split_whitespace().map(|x| x.parse().unwrap()).collect()
}

/// Starts `bitext review` on a free port; gives the guard and base URL.
fn serve(corpus: &Path, out: &Path) -> (Guard, String) {
    let mut child = bitext()
        .args(["review", "--port", "0", "--corpus"])
        .arg(corpus)
        .arg("--out")
        .arg(out)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("no URL in {line:?}"))
        .to_string();
    (Guard(child), url)
}

#[test]
fn review_in_chromium_survives_rebuilds() {
    let Some(mut b) = Browser::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let corpus: PathBuf = dir.path().join("corpus");
    let out = dir.path().join("out");
    std::fs::create_dir_all(&corpus).unwrap();
    let file = corpus.join(format!("{PAIR}.txt"));
    std::fs::copy(crate::util::corpus(&format!("{PAIR}.txt")), &file).unwrap();
    build(&corpus, &out);
    let (_server, url) = serve(&corpus, &out);
    let page = format!("{url}{PAIR}.html");

    // Open the pair; j selects the first bead, c confirms it.
    b.open(&page);
    assert_eq!(
        b.eval("document.getElementById('progress').textContent"),
        json!("0")
    );
    b.key("j");
    assert_eq!(b.eval("location.search"), json!("?bead=0"));
    let (s0, t0) = (b.row(0, "data-s"), b.row(0, "data-t"));
    b.key("c");
    b.wait("document.getElementById('b0').dataset.status === 'confirmed'");
    assert_eq!(
        b.eval("document.getElementById('progress').textContent"),
        json!("1")
    );

    // Merge two neighbouring 1-1 beads (keyboard: the URL keeps the bead).
    let m = b
        .eval(
            "(() => { const r = [...document.querySelectorAll('tr.bead')]; \
             const one = x => x.dataset.s.split(' ').length === 1 && x.dataset.t.split(' ').length === 1 && x.dataset.s && x.dataset.t; \
             return r.findIndex((x, i) => i > 2 && one(x) && r[i + 1] && one(r[i + 1]) && r[i + 2] && one(r[i + 2])); })()",
        )
        .as_u64()
        .unwrap() as usize;
    b.open(&format!("{page}?bead={m}"));
    b.key("m");
    b.wait(&format!(
        "document.getElementById('b{m}').dataset.status === 'corrected'"
    ));
    let (ms, mt) = (ids(&b.row(m, "data-s")), ids(&b.row(m, "data-t")));
    assert_eq!((ms.len(), mt.len()), (2, 2), "merged bead");
    b.screenshot("review-merged");

    // Split the bead after it with the mouse: its last target unit moves
    // into the bead after.
    let k = m + 1;
    let (ks, kt) = (ids(&b.row(k, "data-s")), ids(&b.row(k, "data-t")));
    let (ns, nt) = (ids(&b.row(k + 1, "data-s")), ids(&b.row(k + 1, "data-t")));
    b.click(&format!("#b{k} td.text"));
    b.click(&format!("#b{k} .actions button:nth-child(4)"));
    b.wait(&format!("!document.querySelector('#b{k} .split').hidden"));
    b.screenshot("review-split-menu");
    b.click(&format!("#b{k} .split button:nth-child(2)"));
    b.wait(&format!("document.getElementById('b{k}').dataset.status === 'corrected' && document.getElementById('b{}').dataset.status === 'corrected'", k + 1));
    assert_eq!(ids(&b.row(k, "data-t")), kt[..kt.len() - 1].to_vec());
    let mut nt2 = vec![*kt.last().unwrap()];
    nt2.extend(&nt);
    assert_eq!(ids(&b.row(k + 1, "data-t")), nt2);

    // Accept a flag with a note: a, type, Enter.
    let f = b
        .eval("[...document.querySelectorAll('tr.bead')].findIndex(r => r.dataset.kinds && !r.dataset.status)")
        .as_u64()
        .unwrap() as usize;
    let (fs, ft) = (ids(&b.row(f, "data-s")), ids(&b.row(f, "data-t")));
    let kind = b
        .row(f, "data-kinds")
        .split(' ')
        .next()
        .unwrap()
        .to_string();
    b.open(&format!("{page}?bead={f}"));
    b.key("a");
    b.wait(&format!(
        "document.activeElement === document.querySelector('#b{f} .accept select')"
    ));
    b.eval(&format!(
        "document.querySelector('#b{f} .accept input').focus()"
    ));
    b.call(
        "Input.insertText",
        json!({"text": "title line <b>kept</b> as is"}),
    );
    b.key("Enter");
    b.wait(&format!(
        "document.getElementById('b{f}').dataset.status === 'accepted'"
    ));

    // Reload: everything persisted; filters in the URL work.
    b.call("Page.reload", json!({}));
    b.wait("document.querySelector('tr.bead')");
    // Confirmed, merged, the two beads of the split, accepted.
    assert_eq!(
        b.eval("document.getElementById('progress').textContent"),
        json!("5")
    );
    assert!(b
        .eval(&format!(
            "document.querySelector('#b{f} ul.accepted').textContent"
        ))
        .as_str()
        .unwrap()
        .contains("title line <b>kept</b> as is"));
    b.open(&format!("{page}?status=changed"));
    assert_eq!(
        b.eval("document.getElementById('shown').textContent"),
        json!("3")
    );
    // j after clicking a filter button still moves.
    b.open(&page);
    b.click("label.f-flagged");
    b.key("j");
    assert!(b
        .eval("location.search")
        .as_str()
        .unwrap()
        .contains("bead="));
    b.open(&format!("{page}?bead={m}"));
    b.screenshot("review-reloaded");

    // Rebuild: decided beads exactly as decided, the rest re-aligned.
    build(&corpus, &out);
    let recs = records(&out);
    let status = |recs: &[Value], s: &[u64], t: &[u64]| {
        bead(recs, s, t).map(|r| r["review"]["status"].as_str().unwrap_or("").to_string())
    };
    assert_eq!(
        status(&recs, &ids(&s0), &ids(&t0)).as_deref(),
        Some("confirmed")
    );
    assert_eq!(status(&recs, &ms, &mt).as_deref(), Some("corrected"));
    assert_eq!(
        status(&recs, &ks, &kt[..kt.len() - 1]).as_deref(),
        Some("corrected")
    );
    assert_eq!(status(&recs, &ns, &nt2).as_deref(), Some("corrected"));
    let accepted = bead(&recs, &fs, &ft).expect("accepted bead kept");
    assert_eq!(accepted["review"]["accepted"][0]["kind"], json!(kind));
    let mut at = (0u64, 0u64);
    for r in &recs {
        for (side, pos) in [("src_idx", &mut at.0), ("tgt_idx", &mut at.1)] {
            for x in r[side].as_array().unwrap() {
                assert_eq!(x.as_u64().unwrap(), *pos, "a valid alignment");
                *pos += 1;
            }
        }
    }
    let human: Vec<&Value> = recs
        .iter()
        .filter(|r| {
            matches!(
                r["review"]["status"].as_str(),
                Some("confirmed" | "corrected")
            )
        })
        .filter(|r| r["src"] != json!([]) && r["tgt"] != json!([]))
        .collect();
    let tmx = std::fs::read_to_string(out.join(format!("{PAIR}.sentence.tmx"))).unwrap();
    assert_eq!(
        tmx.matches("<prop type=\"x-review\">c").count(),
        human.len(),
        "x-review on every human-aligned unit"
    );
    let o = run([
        "export".as_ref(),
        "--format".as_ref(),
        "tmx".as_ref(),
        "--confirmed-only".as_ref(),
        out.join(format!("{PAIR}.sentence.jsonl")).as_os_str(),
    ]);
    assert_eq!(
        stdout(&o).matches("<tu ").count(),
        human.len(),
        "confirmed and corrected only"
    );

    // Edit the confirmed bead's source sentence: the decision is stale.
    let first = recs[0]["src"][0].as_str().unwrap().to_string();
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen(&first, &format!("{first}（修订）"), 1)).unwrap();
    let o = build(&corpus, &out);
    assert!(
        stderr(&o).contains("stale review decision"),
        "{}",
        stderr(&o)
    );
    let summary: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["totals"]["stale_decisions"], json!(1));
    assert!(std::fs::read_to_string(out.join("index.html"))
        .unwrap()
        .contains("stale review decisions"));
    assert!(std::fs::read_to_string(out.join(format!("{PAIR}.html")))
        .unwrap()
        .contains("review decision no longer matches the text"));
    let recs = records(&out);
    assert!(recs[0]["review"].is_null(), "never applied to other text");
    assert_eq!(status(&recs, &ms, &mt).as_deref(), Some("corrected"));
    b.open(&page);
    assert!(b.eval("!!document.querySelector('details.stale')") == json!(true));
    b.screenshot("review-stale");
}
