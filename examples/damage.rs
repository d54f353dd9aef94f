//! Damaged-bead benchmark of the divergence checks.
//!
//! `cargo run --release --example damage -- [MAC-DEV]` (default
//! `../shared/eval/mac-dev`) reports the checks as shipped;
//! `… -- fit [MAC-DEV]` fits the omission and addition models of
//! `src/check/divergence.rs` and prints them; `… -- cv [MAC-DEV]` measures
//! them with each chapter held out in turn. Takes the gold 1-1 beads of
//! MAC-Dev — or, given sentence-level JSONL files that `bitext align`
//! wrote instead, the aligner's sure 1-1 beads of each pair (no gold; the
//! untouched rate is then an upper bound) — and makes damaged copies of
//! the English side:
//!
//! - **omission**: one clause of two or more content words removed (the
//!   bead keeps at least one clause);
//! - **addition**: a clause of two or more content words from a bead half a
//!   chapter away grafted on before the final stop;
//! - **number**: a number that both sides state changed (digits stay
//!   digits, a spelled-out number stays spelled out);
//! - **name**: a name the chapter's English uses in two or more beads
//!   replaced by another such name the bead does not mention, where the
//!   Chinese names someone or something too;
//!
//! and keeps the untouched beads as negatives. Each chapter is checked as
//! one aligned pair (so the pair's own translation table is learnt from
//! it, as in a real run) with the shipped lexicon, one bead in ten damaged
//! at a time ([`ROUNDS`]). Prints recall per kind (a flag of the right
//! kind at warning level or above) and the share of untouched beads with
//! any flag at warning level or above. Reads the data at run time; exits
//! quietly when it is absent.

use bitext::align::eval;
use bitext::align::Lexicon;
use bitext::check::divergence::{Features, Model};
use bitext::check::{self, clause, CheckConfig, Flag, FlagKind, Severity};
use bitext::record::BeadRecord;
use bitext::segment::Segmenter;
use bitext::Lang;
use std::path::{Path, PathBuf};

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

/// Names of `text`: runs of capitalised words inside a sentence (joined by
/// spaces or hyphens; no part of a number or date), as byte ranges without
/// a possessive ending.
fn name_runs(text: &str, seg: &Segmenter) -> Vec<(usize, usize)> {
    let numbers = seg.numbers(text, Lang::En);
    // (start, end, opens a sentence, words)
    let mut runs: Vec<(usize, usize, bool, usize)> = Vec::new();
    for t in seg.tokens(text, Lang::En) {
        let (a, b) = (t.span.start, t.span.end);
        let w = &text[a..b];
        let capitalised =
            w.starts_with(|c: char| c.is_uppercase()) && w.chars().any(char::is_lowercase);
        let in_number = numbers.iter().any(|n| n.span.start <= a && b <= n.span.end);
        if !capitalised || in_number {
            continue;
        }
        match runs.last_mut() {
            Some(run) if matches!(text[run.1..a].trim(), "" | "-") => {
                run.1 = b;
                run.3 += 1;
            }
            _ => {
                let opens = text[..a]
                    .trim_end()
                    .chars()
                    .next_back()
                    .is_none_or(|c| ".!?:;\"'“‘(".contains(c));
                runs.push((a, b, opens, 1));
            }
        }
    }
    // A capitalised word opening a sentence is a name only with another
    // after it (Chen Qingyang said…).
    let mut runs: Vec<(usize, usize)> = runs
        .into_iter()
        .filter(|r| !r.2 || r.3 > 1)
        .map(|r| (r.0, r.1))
        .collect();
    for run in &mut runs {
        let w = &text[run.0..run.1];
        run.1 -= ["'s", "’s"]
            .iter()
            .find(|s| w.ends_with(*s))
            .map_or(0, |s| s.len());
    }
    runs
}

/// `en` with one name that recurs in the chapter (`recurring`) replaced by
/// another of them that this bead does not mention and that shares no
/// word with it, where the Chinese names someone or something too.
fn change_name(
    zh: &str,
    en: &str,
    recurring: &[String],
    seg: &Segmenter,
    seed: u64,
) -> Option<String> {
    let zh_names = seg
        .tokens(zh, Lang::ZhHans)
        .iter()
        .any(|t| bitext::segment::name_kind(&t.key).is_some());
    if !zh_names {
        return None;
    }
    let runs: Vec<(usize, usize)> = name_runs(en, seg)
        .into_iter()
        .filter(|(a, b)| recurring.iter().any(|r| r == &en[*a..*b]))
        .collect();
    let (a, b) = *runs.get(pick(seed, runs.len()))?;
    let old = &en[a..b];
    let words = |s: &str| s.split([' ', '-']).map(str::to_string).collect::<Vec<_>>();
    let donors: Vec<&String> = recurring
        .iter()
        .filter(|r| !en.contains(r.as_str()))
        .filter(|r| words(r).iter().all(|w| !words(old).contains(w)))
        .collect();
    let new = donors.get(pick(seed ^ 0x5555, donors.len()))?;
    Some(format!("{}{}{}", &en[..a], new, &en[b..]))
}

/// The names that recur in two or more beads' English, sorted.
fn recurring_names(pairs: &[Pair], seg: &Segmenter) -> Vec<String> {
    let mut beads_of: std::collections::BTreeMap<String, usize> = Default::default();
    for p in pairs {
        let mut seen: Vec<&str> = name_runs(&p.en, seg)
            .into_iter()
            .map(|(a, b)| &p.en[a..b])
            .collect();
        seen.sort_unstable();
        seen.dedup();
        for n in seen {
            *beads_of.entry(n.to_string()).or_default() += 1;
        }
    }
    beads_of
        .into_iter()
        .filter(|(_, k)| *k >= 2)
        .map(|(n, _)| n)
        .collect()
}

/// Checks `beads` as one pair; returns each bead's flags.
fn flagged(beads: &[(String, String)], seg: &Segmenter, lex: &Lexicon) -> Vec<Vec<Flag>> {
    let mut rs = records(beads);
    check::check_with(&mut rs, seg, &config(), Some(lex));
    rs.into_iter().map(|r| r.flags).collect()
}

/// Per bead, whether `flags` hold one of `kind` at warning or above, and
/// at any level.
fn hits(flags: &[Vec<Flag>], kind: FlagKind) -> (Vec<bool>, Vec<bool>) {
    let has = |min: Severity| -> Vec<bool> {
        flags
            .iter()
            .map(|fs| fs.iter().any(|f| f.severity >= min && f.kind == kind))
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
    let rs = records(beads);
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
        if !d && label != "clean" {
            continue;
        }
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
    fn add(&mut self, damaged: &[bool], hits: &(Vec<bool>, Vec<bool>)) {
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

/// How often an addition warning on a grafted bead quotes the grafted
/// clause itself (a reason a reviewer can verify), not another.
#[derive(Default)]
struct Quotes {
    right: usize,
    flagged: usize,
}

impl Quotes {
    fn add<'a>(
        &mut self,
        damaged: &[bool],
        flags: &[Vec<Flag>],
        graft_of: &dyn Fn(usize) -> Option<&'a str>,
    ) {
        for (i, fs) in flags.iter().enumerate().filter(|(i, _)| damaged[*i]) {
            let Some(f) = fs
                .iter()
                .find(|f| f.kind == FlagKind::Addition && f.severity >= Severity::Warning)
            else {
                continue;
            };
            self.flagged += 1;
            // Reasons quote up to 60 characters of a clause.
            let head: String = graft_of(i).unwrap_or_default().chars().take(25).collect();
            self.right += usize::from(f.reason.contains(&head));
        }
    }
}

/// Damaged beads are spread out: each set damages one bead in `ROUNDS`
/// and is checked `ROUNDS` times, shifted by one bead each time, so that
/// every bead is damaged once while the pair around it stays mostly
/// faithful, as a real translation is (the pair's learnt words and its
/// rates of matching each word come from mostly faithful beads).
const ROUNDS: usize = 10;

/// A set of damaged beads to check: its kind, dump label, how a bead is
/// damaged (if it can be), the flag that finds it, and its tally.
/// A damage that changes one item (a number, a name): how to make it, the
/// flag that finds it, its label for `DAMAGE_SHOW`, and its tally.
type Changed<'a> = (
    &'a dyn Fn(usize) -> Option<String>,
    FlagKind,
    &'static str,
    &'a mut Tally,
);

type DamagedSet<'a> = (
    Kind,
    &'a str,
    &'a dyn Fn(usize) -> Option<String>,
    FlagKind,
    &'a mut Tally,
);

/// The kinds of damage.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Untouched,
    Omission,
    Addition,
}

/// One bead's model inputs, for fitting and measuring the models.
struct Sample {
    chapter: usize,
    kind: Kind,
    /// Omission and addition features.
    features: [Features; 2],
    /// Whether the bead can be damaged each way (an untouched bead is a
    /// negative for fitting only where it could have been a positive: a
    /// clause can be removed only from a bead of two or more clauses, and
    /// a model must not learn that long beads are the damaged ones).
    eligible: [bool; 2],
}

/// Features of the beads of `set` marked in `damaged` (all of them when
/// `kind` is [`Kind::Untouched`]).
fn samples(
    chapter: usize,
    kind: Kind,
    set: &[(String, String)],
    damaged: &[bool],
    eligible: &[[bool; 2]],
    seg: &Segmenter,
    lex: &Lexicon,
) -> Vec<Sample> {
    let rs = records(set);
    check::divergence_features(&rs, seg, &config(), Some(lex))
        .into_iter()
        .zip(damaged)
        .zip(eligible)
        .filter_map(|((f, d), e)| {
            (*d || kind == Kind::Untouched).then_some(Sample {
                chapter,
                kind,
                features: f?,
                eligible: *e,
            })
        })
        .collect()
}

/// The beads as records of one pair.
fn records(beads: &[(String, String)]) -> Vec<BeadRecord> {
    beads
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
        .collect()
}

/// Share of untouched beads the fitted models may flag at info level and
/// at warning level, each (the two kinds together, with the number and
/// length checks, stay within 5% at warning level).
const INFO_SHARE: f64 = 0.12;
/// Per kind (omission, addition).
const WARN_SHARE: [f64; 2] = [0.045, 0.0275];

/// The omission and addition models fitted to `samples`, with their
/// thresholds set on its untouched beads.
fn fit(samples: &[&Sample]) -> [Model; 2] {
    let untouched: Vec<&Sample> = samples
        .iter()
        .copied()
        .filter(|s| s.kind == Kind::Untouched)
        .collect();
    [(0, Kind::Omission), (1, Kind::Addition)].map(|(k, kind)| {
        let rows: Vec<(Features, bool)> = samples
            .iter()
            .filter(|s| (s.kind == Kind::Untouched && s.eligible[k]) || s.kind == kind)
            .map(|s| (s.features[k], s.kind == kind))
            .collect();
        let clean: Vec<Features> = untouched.iter().map(|s| s.features[k]).collect();
        Model::fit(&rows, 0.5, 0.5).with_thresholds(&clean, INFO_SHARE, WARN_SHARE[k])
    })
}

/// Prints `m` as the Rust constant `name` of `src/check/divergence.rs`.
fn print_model(name: &str, m: &Model) {
    let w: Vec<String> = m.weights.iter().map(|w| format!("{w:.4}")).collect();
    println!(
        "pub const {name}: Model = Model {{\n    bias: {:.4},\n    weights: [{}],\n    info: {:.4},\n    warn: {:.4},\n}};",
        m.bias,
        w.join(", "),
        m.info,
        m.warn
    );
}

/// Leave-one-chapter-out: fits the models on five chapters, applies them
/// to the sixth, and prints recall at warning level per kind and the share
/// of untouched beads either model flags.
fn cross_validate(samples: &[Sample], chapters: usize) {
    let (mut om, mut ad, mut clean) = (Tally::default(), Tally::default(), Tally::default());
    for held in 0..chapters {
        let train: Vec<&Sample> = samples.iter().filter(|s| s.chapter != held).collect();
        let [mo, ma] = fit(&train);
        for s in samples.iter().filter(|s| s.chapter == held) {
            let p = [
                mo.probability(&s.features[0]),
                ma.probability(&s.features[1]),
            ];
            let (t, k, any) = match s.kind {
                Kind::Omission => (&mut om, 0, false),
                Kind::Addition => (&mut ad, 1, false),
                Kind::Untouched => (&mut clean, 0, true),
            };
            t.n += 1;
            // A warning needs a clause untranslated as a whole.
            let warn =
                |k: usize| p[k] >= [mo.warn, ma.warn][k] && s.features[k].untranslated_clause;
            let hit = if any { warn(0) || warn(1) } else { warn(k) };
            let info = if any {
                p[0] >= mo.info || p[1] >= ma.info
            } else {
                p[k] >= [mo.info, ma.info][k]
            };
            t.hit += usize::from(hit);
            t.any += usize::from(info);
        }
    }
    println!("held-out chapters (models only, no number or length flags):");
    table(&[
        ("removed clause", &om),
        ("grafted clause", &ad),
        ("untouched", &clean),
    ]);
}

fn table(rows: &[(&str, &Tally)]) {
    println!("damaged bead      beads  warning+  rate   any level  rate");
    for (label, t) in rows {
        println!(
            "{label:<16} {:>6} {:>9}  {:.3} {:>10}  {:.3}",
            t.n,
            t.hit,
            Tally::rate(t.hit, t.n),
            t.any,
            Tally::rate(t.any, t.n)
        );
    }
}

/// The gold 1-1 beads of each MAC-Dev chapter under `dir`, by chapter name;
/// `None` without gold there.
fn macdev_chapters(dir: &Path) -> Option<Vec<(String, Vec<Pair>)>> {
    let entries = std::fs::read_dir(dir.join("gold")).ok()?;
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
    let chapters = names
        .into_iter()
        .map(|name| {
            let read = |sub: &str| -> Vec<String> {
                std::fs::read_to_string(dir.join(sub).join(&name))
                    .expect("sentence file")
                    .lines()
                    .map(str::to_string)
                    .collect()
            };
            let (zh, en) = (read("src"), read("tgt"));
            let gold = eval::read(&dir.join("gold").join(format!("{name}.align"))).expect("gold");
            let pairs = gold
                .iter()
                .filter(|b| b.src.len() == 1 && b.tgt.len() == 1)
                .map(|b| Pair {
                    zh: zh[b.src[0]].clone(),
                    en: en[b.tgt[0]].clone(),
                })
                .collect();
            (name, pairs)
        })
        .collect();
    Some(chapters)
}

/// The aligner's sure 1-1 beads (score ≥ [`SURE`]) of a sentence-level
/// JSONL that `bitext align` wrote, one chapter per pair: the benchmark on
/// the user's own text, with no gold. Its negatives are only as faithful
/// as the translation, so the untouched rate there is an upper bound.
fn aligned_chapters(path: &Path) -> Option<Vec<(String, Vec<Pair>)>> {
    let text = std::fs::read_to_string(path).ok()?;
    let mut chapters: Vec<(String, Vec<Pair>)> = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let r: BeadRecord = serde_json::from_str(line).ok()?;
        if r.src.len() != 1 || r.tgt.len() != 1 || r.score < SURE {
            continue;
        }
        if chapters.last().is_none_or(|(name, _)| *name != r.pair) {
            chapters.push((r.pair.clone(), Vec::new()));
        }
        if let Some((_, pairs)) = chapters.last_mut() {
            pairs.push(Pair {
                zh: r.src[0].text.clone(),
                en: r.tgt[0].text.clone(),
            });
        }
    }
    (!chapters.is_empty()).then_some(chapters)
}

/// The aligner's score from which a 1-1 bead of a JSONL counts as aligned
/// for sure.
const SURE: f32 = 0.9;

fn main() {
    let mut args = std::env::args().skip(1).peekable();
    let mode = match args.peek().map(String::as_str) {
        Some("fit" | "cv") => args.next().unwrap_or_default(),
        _ => "report".to_string(),
    };
    let paths: Vec<PathBuf> = args.map(PathBuf::from).collect();
    let from = paths
        .first()
        .cloned()
        .unwrap_or_else(|| PathBuf::from("../shared/eval/mac-dev"));
    let chapters = if from.is_file() {
        paths
            .iter()
            .map(|p| aligned_chapters(p))
            .collect::<Option<Vec<_>>>()
            .map(|v| v.into_iter().flatten().collect())
    } else {
        macdev_chapters(&from)
    };
    let Some(chapters) = chapters else {
        eprintln!(
            "damage: {}: neither MAC-Dev gold nor a sentence-level JSONL here; nothing to do",
            from.display()
        );
        return;
    };
    let seg = Segmenter::new();
    let lex = Lexicon::find(None).expect("lexicon ($BITEXT_LEXICON or the shipped one)");
    let (mut om, mut ad, mut nu, mut na, mut clean) = (
        Tally::default(),
        Tally::default(),
        Tally::default(),
        Tally::default(),
        Tally::default(),
    );
    let mut clean_by_kind: std::collections::BTreeMap<String, usize> = Default::default();
    let mut quotes = Quotes::default();
    let mut all_samples: Vec<Sample> = Vec::new();
    let report = mode == "report";
    for (chapter, (name, pairs)) in chapters.iter().enumerate() {
        let n = pairs.len();
        let seed = |i: usize, salt: u64| (i as u64) << 8 | salt | (name.len() as u64) << 40;
        let untouched: Vec<(String, String)> =
            pairs.iter().map(|p| (p.zh.clone(), p.en.clone())).collect();
        let all = vec![true; n];
        dump("clean", name, &untouched, &all, &seg, &lex);
        if report {
            // Negatives.
            let mut rs = records(&untouched);
            check::check_with(&mut rs, &seg, &config(), Some(&lex));
            let any: Vec<bool> = rs.iter().map(|r| !r.flags.is_empty()).collect();
            let neg: Vec<bool> = rs
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
            clean.add(&all, &(neg, any));
        }
        // The damaged copy of bead `i` of each kind, if it has one.
        let omitted = |i: usize| -> Option<String> {
            let p = &pairs[i];
            let cl = content_clauses(&p.en, &seg);
            if clause::cut(&p.en, Lang::En).len() < 2 || cl.is_empty() {
                return None;
            }
            let (a, b) = cl[pick(seed(i, 1), cl.len())];
            Some(remove(&p.en, a, b))
        };
        // The clause grafted onto bead `i`: one of a bead half a chapter away.
        let graft_of = |i: usize| -> Option<&str> {
            let donor = &pairs[(i + n / 2) % n].en;
            let cl = content_clauses(donor, &seg);
            if cl.is_empty() || n < 2 {
                return None;
            }
            let (a, b) = cl[pick(seed(i, 2), cl.len())];
            Some(&donor[a..b])
        };
        let grafted = |i: usize| Some(graft(&pairs[i].en, graft_of(i)?));
        let renumbered = |i: usize| change_number(&pairs[i].zh, &pairs[i].en, &seg, seed(i, 3));
        let recurring = recurring_names(pairs, &seg);
        let renamed =
            |i: usize| change_name(&pairs[i].zh, &pairs[i].en, &recurring, &seg, seed(i, 4));
        let eligible: Vec<[bool; 2]> = (0..n)
            .map(|i| [omitted(i).is_some(), grafted(i).is_some()])
            .collect();
        all_samples.extend(samples(
            chapter,
            Kind::Untouched,
            &untouched,
            &all,
            &eligible,
            &seg,
            &lex,
        ));
        for round in 0..ROUNDS {
            let damage = |f: &dyn Fn(usize) -> Option<String>| {
                let mut set = untouched.clone();
                let mut damaged = vec![false; n];
                for i in (round..n).step_by(ROUNDS) {
                    if let Some(en) = f(i) {
                        set[i].1 = en;
                        damaged[i] = true;
                    }
                }
                (set, damaged)
            };
            let sets: [DamagedSet<'_>; 2] = [
                (Kind::Omission, "om", &omitted, FlagKind::Omission, &mut om),
                (Kind::Addition, "ad", &grafted, FlagKind::Addition, &mut ad),
            ];
            for (kind, label, make, flag, tally) in sets {
                let (set, damaged) = damage(make);
                dump(label, name, &set, &damaged, &seg, &lex);
                all_samples.extend(samples(
                    chapter, kind, &set, &damaged, &eligible, &seg, &lex,
                ));
                if report {
                    let flags = flagged(&set, &seg, &lex);
                    tally.add(&damaged, &hits(&flags, flag));
                    if kind == Kind::Addition {
                        quotes.add(&damaged, &flags, &graft_of);
                    }
                }
            }
            if report {
                let changes: [Changed<'_>; 2] = [
                    (&renumbered, FlagKind::NumberMismatch, "NUMBER", &mut nu),
                    (&renamed, FlagKind::NameMismatch, "NAME", &mut na),
                ];
                for (make, flag, label, tally) in changes {
                    let (set, damaged) = damage(make);
                    let found = hits(&flagged(&set, &seg, &lex), flag);
                    if std::env::var_os("DAMAGE_SHOW").is_some() {
                        for ((d, h), (z, e)) in damaged.iter().zip(&found.0).zip(&set) {
                            if *d && !*h {
                                println!("MISSED {label} {z} | {e}");
                            }
                        }
                    }
                    tally.add(&damaged, &found);
                }
            }
        }
    }
    match mode.as_str() {
        "fit" => {
            let all: Vec<&Sample> = all_samples.iter().collect();
            let [mo, ma] = fit(&all);
            print_model("OMISSION", &mo);
            print_model("ADDITION", &ma);
        }
        "cv" => {
            if std::env::var_os("DAMAGE_FEATURES").is_some() {
                for s in &all_samples {
                    println!(
                        "{}",
                        serde_json::json!({
                            "chapter": s.chapter,
                            "kind": s.kind as u8,
                            "eligible": s.eligible,
                            "om": s.features[0].vector(),
                            "ad": s.features[1].vector(),
                        })
                    );
                }
            }
            cross_validate(&all_samples, chapters.len())
        }
        _ => {
            table(&[
                ("removed clause", &om),
                ("grafted clause", &ad),
                ("changed number", &nu),
                ("changed name", &na),
                ("untouched", &clean),
            ]);
            let kinds: Vec<String> = clean_by_kind
                .iter()
                .map(|(k, n)| format!("{k} {n}"))
                .collect();
            println!("untouched flags (warning+): {}", kinds.join(", "));
            println!(
                "grafted clause quoted by its addition warning: {} of {}",
                quotes.right, quotes.flagged
            );
        }
    }
}
