//! Damaged-bead benchmark of the divergence checks.
//!
//! `cargo run --release --example damage -- [MAC-DEV]` (default
//! `../shared/eval/mac-dev`). Takes the gold 1-1 beads of MAC-Dev and makes
//! damaged copies of the English side:
//!
//! - **omission**: one clause of two or more content words removed (the
//!   bead keeps at least one clause);
//! - **addition**: a clause of two or more content words from a bead half a
//!   chapter away grafted on before the final stop;
//! - **number**: a number that both sides state changed (digits stay
//!   digits, a spelled-out number stays spelled out);
//!
//! and keeps the untouched beads as negatives. Each set is checked as one
//! aligned pair per chapter (so the pair's own translation table is learnt
//! from it, as in a real run) with the shipped CC-CEDICT. Prints recall per
//! kind (a flag of the right kind at warning level or above) and the share
//! of untouched beads with any flag at warning level or above. Reads the
//! data at run time; exits quietly when it is absent.

use bitext::align::eval;
use bitext::align::Lexicon;
use bitext::check::{self, clause, CheckConfig, FlagKind, Severity};
use bitext::record::BeadRecord;
use bitext::segment::Segmenter;
use bitext::Lang;
use std::path::PathBuf;

/// The checks as `bitext check` runs them: with the pair's own
/// translation table.
fn config() -> CheckConfig {
    CheckConfig {
        pair_evidence: Some(bitext::terms::extract::word_pairs),
        ..CheckConfig::default()
    }
}

/// One gold 1-1 bead.
struct Pair {
    zh: String,
    en: String,
}

/// A deterministic pseudo-random pick (SplitMix64 of `seed`) below `n`.
fn pick(seed: u64, n: usize) -> usize {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    ((z ^ (z >> 31)) % n.max(1) as u64) as usize
}

/// English clauses of `text` with two or more content words.
fn content_clauses(text: &str, seg: &Segmenter) -> Vec<(usize, usize)> {
    clause::cut(text, Lang::En)
        .into_iter()
        .filter(|s| {
            let toks = seg.tokens(&text[s.start..s.end], Lang::En);
            toks.iter().filter(|t| check::is_content(t)).count() >= 2
        })
        .map(|s| (s.start, s.end))
        .collect()
}

/// `text` without bytes `a..b`, the punctuation and spaces left tidy.
fn remove(text: &str, a: usize, b: usize) -> String {
    let head = text[..a].trim_end_matches([' ', ',', ';', ':', '—']);
    let tail = text[b..].trim_start_matches([' ', ',', ';', ':', '—']);
    let mut s = head.to_string();
    if tail.starts_with(|c: char| c.is_alphanumeric()) && !s.is_empty() {
        s.push_str(", ");
    }
    s.push_str(tail);
    s
}

/// `text` with `clause` grafted on before its final stop.
fn graft(text: &str, clause: &str) -> String {
    let body = text.trim_end();
    let stop_at = body
        .char_indices()
        .rev()
        .take_while(|(_, c)| ".!?\"”’".contains(*c))
        .last()
        .map_or(body.len(), |(i, _)| i);
    format!("{}, {}{}", &body[..stop_at], clause, &body[stop_at..])
}

const WORDS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
];

/// `text` with one number that the Chinese also states changed, if any.
fn change_number(zh: &str, en: &str, seg: &Segmenter, seed: u64) -> Option<String> {
    let zn = seg.numbers(zh, Lang::ZhHans);
    let shared: Vec<_> = seg
        .numbers(en, Lang::En)
        .into_iter()
        .filter(|n| zn.iter().any(|m| m.value == n.value))
        .collect();
    let n = shared.get(pick(seed, shared.len()))?;
    let written = &en[n.span.start..n.span.end];
    let new = if written.chars().any(|c| c.is_ascii_digit()) {
        // Change the last digit.
        let (i, d) = written.char_indices().rfind(|(_, c)| c.is_ascii_digit())?;
        let d = d.to_digit(10)?;
        format!("{}{}{}", &written[..i], (d + 3) % 10, &written[i + 1..])
    } else {
        // Whole words only: "eighty" must not be read as "eight" + "y".
        let lower = written.to_lowercase();
        let (at, pos) = lower
            .split(|c: char| !c.is_ascii_alphabetic())
            .scan(0, |off, w| {
                let at = *off;
                *off += w.len() + 1;
                Some((at, w))
            })
            .find_map(|(at, w)| Some((at, WORDS.iter().position(|x| *x == w)?)))?;
        // Never to "zero" or "one", which stand for no count ("one of
        // them") and are not read as numbers.
        let other = WORDS[2 + (pos + 1) % 26];
        format!(
            "{}{}{}",
            &lower[..at],
            other,
            &lower[at + WORDS[pos].len()..]
        )
    };
    Some(format!(
        "{}{}{}",
        &en[..n.span.start],
        new,
        &en[n.span.end..]
    ))
}

/// Checks `beads` as one pair; returns per bead whether a flag of `kind`
/// was raised at warning or above, and at any level.
fn flagged(
    beads: &[(String, String)],
    seg: &Segmenter,
    lex: &Lexicon,
    kind: FlagKind,
) -> (Vec<bool>, Vec<bool>) {
    let mut rs: Vec<BeadRecord> = beads
        .iter()
        .enumerate()
        .map(|(i, (zh, en))| BeadRecord {
            pair: "bench".into(),
            score: 0.9,
            ..BeadRecord::new(
                i,
                Lang::ZhHans,
                Lang::En,
                vec![zh.clone()],
                vec![en.clone()],
            )
        })
        .collect();
    check::check_with(&mut rs, seg, &config(), Some(lex));
    let has = |min: Severity| -> Vec<bool> {
        rs.iter()
            .map(|r| r.flags.iter().any(|f| f.severity >= min && f.kind == kind))
            .collect()
    };
    (has(Severity::Warning), has(Severity::Info))
}

/// With `DAMAGE_DUMP` set: one JSON line of clause evidence per bead of a
/// set (set, chapter, damaged, length z, each side's clauses with their
/// words: key, known, matched), for tuning.
fn dump(
    label: &str,
    doc: &str,
    beads: &[(String, String)],
    damaged: &[bool],
    seg: &Segmenter,
    lex: &Lexicon,
) {
    if std::env::var_os("DAMAGE_DUMP").is_none() {
        return;
    }
    let rs: Vec<BeadRecord> = beads
        .iter()
        .enumerate()
        .map(|(i, (zh, en))| {
            BeadRecord::new(
                i,
                Lang::ZhHans,
                Lang::En,
                vec![zh.clone()],
                vec![en.clone()],
            )
        })
        .collect();
    let model = check::LengthModel::fit(&rs);
    let pairs = bitext::terms::extract::word_pairs(&rs, &bitext::segment::side::analyse(&rs, seg));
    let ev = check::evidence::Both(lex, &pairs);
    let side = |v: Vec<clause::ClauseEvidence>| -> serde_json::Value {
        v.iter()
            .map(|c| {
                let w: Vec<_> = c
                    .found
                    .iter()
                    .map(|w| serde_json::json!([w.key, w.known, w.matched]))
                    .collect();
                serde_json::json!({"n": c.number, "w": w})
            })
            .collect()
    };
    for (r, d) in rs.iter().zip(damaged) {
        let s = check::SideView::new(&r.src, Lang::ZhHans, seg);
        let t = check::SideView::new(&r.tgt, Lang::En, seg);
        let z = model.z(s.text().chars().count(), t.text().chars().count());
        println!(
            "{}",
            serde_json::json!({
                "set": label, "doc": doc, "d": d, "z": z,
                "src": side(clause::clause_evidence(&s, &t, &ev)),
                "tgt": side(clause::clause_evidence(&t, &s, &ev)),
            })
        );
    }
}

#[derive(Default)]
struct Tally {
    hit: usize,
    any: usize,
    n: usize,
}

impl Tally {
    /// Counts the damaged beads, and those flagged at warning or above
    /// (`hits.0`) and at any level (`hits.1`).
    fn add(&mut self, damaged: &[bool], hits: (Vec<bool>, Vec<bool>)) {
        for ((d, h), a) in damaged.iter().zip(&hits.0).zip(&hits.1) {
            if *d {
                self.n += 1;
                self.hit += usize::from(*h);
                self.any += usize::from(*a);
            }
        }
    }
    fn rate(n: usize, of: usize) -> f64 {
        n as f64 / of.max(1) as f64
    }
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/eval/mac-dev"));
    let Ok(entries) = std::fs::read_dir(dir.join("gold")) else {
        eprintln!(
            "damage: {}: no MAC-Dev gold here; nothing to do",
            dir.display()
        );
        return;
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_string_lossy()
                .strip_suffix(".align")
                .map(str::to_string)
        })
        .collect();
    names.sort();
    let seg = Segmenter::new();
    let lex = Lexicon::find(None).expect("lexicon ($BITEXT_LEXICON or the shipped one)");
    let (mut om, mut ad, mut nu, mut clean) = (
        Tally::default(),
        Tally::default(),
        Tally::default(),
        Tally::default(),
    );
    let mut clean_by_kind: std::collections::BTreeMap<String, usize> = Default::default();
    for name in &names {
        let read = |sub: &str| -> Vec<String> {
            std::fs::read_to_string(dir.join(sub).join(name))
                .expect("sentence file")
                .lines()
                .map(str::to_string)
                .collect()
        };
        let (zh, en) = (read("src"), read("tgt"));
        let gold = eval::read(&dir.join("gold").join(format!("{name}.align"))).expect("gold");
        let pairs: Vec<Pair> = gold
            .iter()
            .filter(|b| b.src.len() == 1 && b.tgt.len() == 1)
            .map(|b| Pair {
                zh: zh[b.src[0]].clone(),
                en: en[b.tgt[0]].clone(),
            })
            .collect();
        let n = pairs.len();
        let seed = |i: usize, salt: u64| (i as u64) << 8 | salt | (name.len() as u64) << 40;
        let untouched: Vec<(String, String)> =
            pairs.iter().map(|p| (p.zh.clone(), p.en.clone())).collect();
        // Negatives.
        let all = vec![true; n];
        let mut rs_flags = {
            let mut rs: Vec<BeadRecord> = untouched
                .iter()
                .enumerate()
                .map(|(i, (z, e))| BeadRecord {
                    pair: "bench".into(),
                    score: 0.9,
                    ..BeadRecord::new(i, Lang::ZhHans, Lang::En, vec![z.clone()], vec![e.clone()])
                })
                .collect();
            check::check_with(&mut rs, &seg, &config(), Some(&lex));
            rs
        };
        let any: Vec<bool> = rs_flags.iter().map(|r| !r.flags.is_empty()).collect();
        let neg: Vec<bool> = rs_flags
            .iter_mut()
            .map(|r| {
                r.flags.retain(|f| f.severity >= Severity::Warning);
                for f in &r.flags {
                    *clean_by_kind.entry(f.kind.to_string()).or_default() += 1;
                    if std::env::var_os("DAMAGE_SHOW").is_some() {
                        println!(
                            "FP {} | {}\n   {}: {}",
                            r.src[0].text, r.tgt[0].text, f.kind, f.reason
                        );
                    }
                }
                !r.flags.is_empty()
            })
            .collect();
        clean.add(&all, (neg, any));
        dump("clean", name, &untouched, &all, &seg, &lex);
        // Omissions.
        let mut damaged = vec![false; n];
        let mut set = untouched.clone();
        for (i, p) in pairs.iter().enumerate() {
            let cl = content_clauses(&p.en, &seg);
            if clause::cut(&p.en, Lang::En).len() < 2 || cl.is_empty() {
                continue;
            }
            let (a, b) = cl[pick(seed(i, 1), cl.len())];
            set[i].1 = remove(&p.en, a, b);
            damaged[i] = true;
        }
        dump("om", name, &set, &damaged, &seg, &lex);
        om.add(&damaged, flagged(&set, &seg, &lex, FlagKind::Omission));
        // Additions.
        let mut damaged = vec![false; n];
        let mut set = untouched.clone();
        for (i, p) in pairs.iter().enumerate() {
            let donor = &pairs[(i + n / 2) % n].en;
            let cl = content_clauses(donor, &seg);
            if cl.is_empty() || n < 2 {
                continue;
            }
            let (a, b) = cl[pick(seed(i, 2), cl.len())];
            set[i].1 = graft(&p.en, &donor[a..b]);
            damaged[i] = true;
        }
        dump("ad", name, &set, &damaged, &seg, &lex);
        ad.add(&damaged, flagged(&set, &seg, &lex, FlagKind::Addition));
        // Numbers.
        let mut damaged = vec![false; n];
        let mut set = untouched.clone();
        for (i, p) in pairs.iter().enumerate() {
            if let Some(en) = change_number(&p.zh, &p.en, &seg, seed(i, 3)) {
                set[i].1 = en;
                damaged[i] = true;
            }
        }
        let hits = flagged(&set, &seg, &lex, FlagKind::NumberMismatch);
        if std::env::var_os("DAMAGE_SHOW").is_some() {
            for ((d, h), (z, e)) in damaged.iter().zip(&hits.0).zip(&set) {
                if *d && !*h {
                    println!("MISSED NUMBER {z} | {e}");
                }
            }
        }
        nu.add(&damaged, hits);
    }
    println!("damaged bead      beads  warning+  rate   any level  rate");
    for (label, t) in [
        ("removed clause", &om),
        ("grafted clause", &ad),
        ("changed number", &nu),
        ("untouched", &clean),
    ] {
        println!(
            "{label:<16} {:>6} {:>9}  {:.3} {:>10}  {:.3}",
            t.n,
            t.hit,
            Tally::rate(t.hit, t.n),
            t.any,
            Tally::rate(t.any, t.n)
        );
    }
    let kinds: Vec<String> = clean_by_kind
        .iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect();
    println!("untouched flags (warning+): {}", kinds.join(", "));
}
