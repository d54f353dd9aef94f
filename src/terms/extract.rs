//! Bilingual term extraction by association over aligned beads.
//!
//! Takes bead records and gives [`TermPair`]s: a Chinese term (a jieba
//! word or a run of up to three adjacent words) paired with an English
//! n-gram (up to four adjacent words), with how often they share a bead,
//! their Dice coefficient and log-likelihood ratio (G²), and an example
//! bead. Each bead counts once per candidate (presence, not frequency), so
//! a long bead cannot vote twice.
//!
//! Pairing keeps mutual best matches: the English n-gram is the Chinese
//! term's best partner by Dice and the Chinese term is the n-gram's. Ties
//! go to the longer candidate ("confidence building measures" over
//! "confidence building" when both always co-occur).

use crate::check::words::{is_en_stopword, is_zh_stopword};
use crate::record::BeadRecord;
use crate::segment::{Segmenter, Token, TokenKind};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Settings of the extraction.
#[derive(Debug, Clone)]
pub struct ExtractConfig {
    /// Longest Chinese candidate, in jieba words.
    pub max_zh_words: usize,
    /// Longest English candidate, in words.
    pub max_en_words: usize,
    /// Fewest beads a pair must share.
    pub min_freq: usize,
    /// Lowest Dice coefficient kept.
    pub min_dice: f64,
}

impl Default for ExtractConfig {
    fn default() -> Self {
        ExtractConfig {
            max_zh_words: 3,
            max_en_words: 4,
            min_freq: 2,
            min_dice: 0.3,
        }
    }
}

/// Where a bead is: its pair and position.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct BeadRef {
    /// Identifier of the document pair.
    pub pair: String,
    /// Position of the bead in the pair (0-based).
    pub bead: usize,
}

impl std::fmt::Display for BeadRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}#{}", self.pair, self.bead)
    }
}

/// An extracted bilingual term candidate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermPair {
    /// The Chinese term (Simplified key).
    pub zh: String,
    /// The English term, in its most frequent written form.
    pub en: String,
    /// The English term's matching key: its word stems, space-separated.
    #[serde(skip)]
    pub en_key: String,
    /// Beads holding both.
    pub freq: usize,
    /// Beads holding the Chinese term.
    pub zh_freq: usize,
    /// Beads holding the English term.
    pub en_freq: usize,
    /// Dice coefficient: 2 × freq / (zh_freq + en_freq).
    pub dice: f64,
    /// Log-likelihood ratio (G²) of the association.
    pub llr: f64,
    /// A bead holding both.
    pub example: BeadRef,
}

/// Candidates of one bead.
#[derive(Default)]
struct BeadCands {
    zh: BTreeSet<String>,
    /// English stem key → written form.
    en: BTreeMap<String, String>,
}

/// Co-occurrence counts of every candidate over the beads.
pub struct Associations {
    beads: usize,
    zh: Vec<String>,
    en: Vec<String>,
    en_surface: Vec<String>,
    zh_freq: Vec<usize>,
    en_freq: Vec<usize>,
    /// (zh id, en id) → (beads shared, first shared bead).
    pairs: HashMap<(u32, u32), (usize, usize)>,
    refs: Vec<BeadRef>,
}

/// Splits a bead into its Chinese and English texts, when it has both.
pub(crate) fn zh_en(r: &BeadRecord) -> Option<(String, String)> {
    if r.src.is_empty() || r.tgt.is_empty() {
        return None;
    }
    match (r.src_lang.is_chinese(), r.tgt_lang.is_chinese()) {
        (true, false) => Some((r.src.concat(), r.tgt.join(" "))),
        (false, true) => Some((r.tgt.concat(), r.src.join(" "))),
        _ => None,
    }
}

/// Counts candidate co-occurrences over `records`.
pub fn associations(records: &[BeadRecord], seg: &Segmenter, cfg: &ExtractConfig) -> Associations {
    let per_bead: Vec<(BeadRef, BeadCands)> = records
        .par_iter()
        .filter_map(|r| {
            let (zh, en) = zh_en(r)?;
            let lang_zh = if r.src_lang.is_chinese() {
                r.src_lang
            } else {
                r.tgt_lang
            };
            let zt = seg.tokens(&zh, lang_zh);
            let et = seg.tokens(&en, crate::Lang::En);
            let c = BeadCands {
                zh: zh_candidates(&zh, &zt, cfg.max_zh_words),
                en: en_candidates(&en, &et, cfg.max_en_words),
            };
            Some((
                BeadRef {
                    pair: r.pair.clone(),
                    bead: r.bead,
                },
                c,
            ))
        })
        .collect();
    // Document frequencies, with written forms counted for display.
    let mut zf: BTreeMap<&str, usize> = BTreeMap::new();
    let mut ef: BTreeMap<&str, (usize, BTreeMap<&str, usize>)> = BTreeMap::new();
    for (_, c) in &per_bead {
        for z in &c.zh {
            *zf.entry(z).or_default() += 1;
        }
        for (k, s) in &c.en {
            let e = ef.entry(k).or_default();
            e.0 += 1;
            *e.1.entry(s).or_default() += 1;
        }
    }
    let mut a = Associations {
        beads: per_bead.len(),
        zh: Vec::new(),
        en: Vec::new(),
        en_surface: Vec::new(),
        zh_freq: Vec::new(),
        en_freq: Vec::new(),
        pairs: HashMap::new(),
        refs: Vec::new(),
    };
    let mut zid: HashMap<&str, u32> = HashMap::new();
    for (z, f) in zf.iter().filter(|(_, f)| **f >= cfg.min_freq) {
        zid.insert(z, a.zh.len() as u32);
        a.zh.push(z.to_string());
        a.zh_freq.push(*f);
    }
    let mut eid: HashMap<&str, u32> = HashMap::new();
    for (k, (f, forms)) in ef.iter().filter(|(_, (f, _))| *f >= cfg.min_freq) {
        eid.insert(k, a.en.len() as u32);
        a.en.push(k.to_string());
        let best = forms
            .iter()
            .max_by(|x, y| x.1.cmp(y.1).then(y.0.cmp(x.0)))
            .map(|(s, _)| s.to_string())
            .unwrap_or_default();
        a.en_surface.push(best);
        a.en_freq.push(*f);
    }
    for (b, (r, c)) in per_bead.iter().enumerate() {
        a.refs.push(r.clone());
        let zs: Vec<u32> =
            c.zh.iter()
                .filter_map(|z| zid.get(z.as_str()).copied())
                .collect();
        let es: Vec<u32> =
            c.en.keys()
                .filter_map(|e| eid.get(e.as_str()).copied())
                .collect();
        for &z in &zs {
            for &e in &es {
                let slot = a.pairs.entry((z, e)).or_insert((0, b));
                slot.0 += 1;
            }
        }
    }
    a
}

impl Associations {
    /// Beads counted.
    pub fn beads(&self) -> usize {
        self.beads
    }

    fn pair(&self, z: u32, e: u32, c: usize, first: usize) -> TermPair {
        let (fz, fe) = (self.zh_freq[z as usize], self.en_freq[e as usize]);
        TermPair {
            zh: self.zh[z as usize].clone(),
            en: self.en_surface[e as usize].clone(),
            en_key: self.en[e as usize].clone(),
            freq: c,
            zh_freq: fz,
            en_freq: fe,
            dice: 2.0 * c as f64 / (fz + fe) as f64,
            llr: llr(c, fz, fe, self.beads),
            example: self.refs[first].clone(),
        }
    }

    /// Every associated pair meeting the thresholds, strongest first.
    pub fn all_pairs(&self, cfg: &ExtractConfig) -> Vec<TermPair> {
        let mut v: Vec<TermPair> = self
            .pairs
            .iter()
            .filter(|(_, (c, _))| *c >= cfg.min_freq)
            .map(|(&(z, e), &(c, b))| self.pair(z, e, c, b))
            .filter(|p| p.dice >= cfg.min_dice)
            .collect();
        v.sort_by(rank);
        v
    }

    /// One English term per Chinese term and vice versa, strongest (by
    /// G²) first.
    ///
    /// Each Chinese term takes its best English candidate (Dice, then more
    /// words, then G²), skipping candidates that contain an *anchor* — an
    /// English n-gram whose own best Chinese partner is not part of this
    /// term ("CICA Secretariat" for 秘书处 contains CICA, whose partner is
    /// 亚信). Then, strongest first, each English term goes to one Chinese
    /// term only (competitive linking).
    pub fn best_pairs(&self, cfg: &ExtractConfig) -> Vec<TermPair> {
        let all = self.all_pairs(cfg);
        let words = |p: &TermPair| p.en_key.split(' ').count();
        let zlen = |p: &TermPair| p.zh.chars().count();
        // Anchors: each English key with its best Chinese partner.
        let mut anchor: BTreeMap<&str, &TermPair> = BTreeMap::new();
        for p in &all {
            let a = anchor.entry(&p.en_key).or_insert(p);
            if (p.dice, zlen(p), p.llr) > (a.dice, zlen(a), a.llr) {
                *a = p;
            }
        }
        let foreign_anchor = |p: &TermPair| -> bool {
            let ws: Vec<&str> = p.en_key.split(' ').collect();
            (1..ws.len()).any(|n| {
                ws.windows(n).any(|sub| {
                    anchor
                        .get(sub.join(" ").as_str())
                        .is_some_and(|a| !p.zh.contains(a.zh.as_str()))
                })
            })
        };
        let mut best: BTreeMap<&str, &TermPair> = BTreeMap::new();
        for p in all.iter().filter(|p| !foreign_anchor(p)) {
            let b = best.entry(&p.zh).or_insert(p);
            if (p.dice, words(p), p.llr) > (b.dice, words(b), b.llr) {
                *b = p;
            }
        }
        let mut chosen: Vec<&TermPair> = best.into_values().collect();
        chosen.sort_by(|a, b| b.llr.total_cmp(&a.llr).then(rank(a, b)));
        let mut taken: BTreeSet<&str> = BTreeSet::new();
        let linked: Vec<&TermPair> = chosen
            .into_iter()
            .filter(|p| taken.insert(p.en_key.as_str()))
            .collect();
        // A pair inside a longer pair seen as often adds nothing
        // (外长/foreign inside 外长会议/foreign ministers).
        let inside = |p: &TermPair, q: &TermPair| -> bool {
            q.zh != p.zh
                && q.zh.contains(p.zh.as_str())
                && q.freq >= p.freq
                && format!(" {} ", q.en_key).contains(&format!(" {} ", p.en_key))
        };
        linked
            .iter()
            .filter(|p| !linked.iter().any(|q| inside(p, q)))
            .map(|p| (*p).clone())
            .collect()
    }
}

fn rank(a: &TermPair, b: &TermPair) -> std::cmp::Ordering {
    b.dice
        .total_cmp(&a.dice)
        .then(b.freq.cmp(&a.freq))
        .then(a.zh.cmp(&b.zh))
        .then(a.en.cmp(&b.en))
}

/// Extracts term pairs: mutual best associations, strongest first.
pub fn extract(records: &[BeadRecord], seg: &Segmenter, cfg: &ExtractConfig) -> Vec<TermPair> {
    associations(records, seg, cfg).best_pairs(cfg)
}

/// Dunning's log-likelihood ratio for a 2×2 table.
pub fn llr(c: usize, fz: usize, fe: usize, n: usize) -> f64 {
    let k = [
        c as f64,
        fz.saturating_sub(c) as f64,
        fe.saturating_sub(c) as f64,
        (n + c).saturating_sub(fz + fe) as f64,
    ];
    let n = k.iter().sum::<f64>();
    if n == 0.0 {
        return 0.0;
    }
    let rows = [k[0] + k[1], k[2] + k[3]];
    let cols = [k[0] + k[2], k[1] + k[3]];
    let mut g = 0.0;
    for (i, &kij) in k.iter().enumerate() {
        let e = rows[i / 2] * cols[i % 2] / n;
        if kij > 0.0 && e > 0.0 {
            g += kij * (kij / e).ln();
        }
    }
    2.0 * g
}

/// Single characters that never begin or end a Chinese term.
const ZH_EDGE_STOP: &str =
    "的了和与及在是对为等之其将把被从向也都而并或以于上中下这那个各该此有不即所就还又已着过地得们";

fn zh_edge_ok(t: &Token) -> bool {
    let n = t.key.chars().count();
    if n == 1 {
        !ZH_EDGE_STOP.contains(t.key.as_str())
    } else {
        !is_zh_stopword(&t.key)
    }
}

/// Chinese candidates of a bead: runs of 1..=`max` adjacent Han words.
fn zh_candidates(text: &str, toks: &[Token], max: usize) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for i in 0..toks.len() {
        let mut key = String::new();
        for j in i..(i + max).min(toks.len()) {
            let t = &toks[j];
            if t.kind != TokenKind::Han || (j > i && !adjacent(text, &toks[j - 1], t, false)) {
                break;
            }
            key.push_str(&t.key);
            if zh_edge_ok(&toks[i]) && zh_edge_ok(t) && key.chars().count() >= 2 {
                out.insert(key.clone());
            }
        }
    }
    out
}

/// English candidates of a bead: runs of 1..=`max` adjacent Latin words
/// not starting or ending with a function word; key = stems.
fn en_candidates(text: &str, toks: &[Token], max: usize) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for i in 0..toks.len() {
        if !en_edge_ok(&toks[i]) || hyphen_glued(text, &toks[i], true) {
            continue;
        }
        let mut key = String::new();
        for j in i..(i + max).min(toks.len()) {
            let t = &toks[j];
            if t.kind != TokenKind::Latin || (j > i && !adjacent(text, &toks[j - 1], t, true)) {
                break;
            }
            if !key.is_empty() {
                key.push(' ');
            }
            key.push_str(&t.stem);
            if en_edge_ok(t) && !hyphen_glued(text, t, false) {
                let written = text.get(toks[i].span.start..t.span.end).unwrap_or("");
                out.entry(key.clone())
                    .or_insert_with(|| display_form(written));
            }
        }
    }
    out
}

fn en_edge_ok(t: &Token) -> bool {
    t.kind == TokenKind::Latin && t.key.chars().count() >= 2 && !is_en_stopword(&t.key)
}

/// True when the token is glued by a hyphen to the word before (`start`)
/// or after (`!start`): a candidate must not cut "sub-regional" in two.
fn hyphen_glued(text: &str, t: &Token, start: bool) -> bool {
    if start {
        text.get(..t.span.start).is_some_and(|b| b.ends_with('-'))
    } else {
        text.get(t.span.end..)
            .is_some_and(|a| a.starts_with('-') && a[1..].starts_with(char::is_alphanumeric))
    }
}

/// True when only spaces (and, in English, hyphens) separate `a` and `b`.
fn adjacent(text: &str, a: &Token, b: &Token, english: bool) -> bool {
    text.get(a.span.end..b.span.start)
        .is_some_and(|gap| gap.chars().all(|c| c == ' ' || (english && c == '-')))
}

/// A written form for display: sentence-initial capitals are lowered
/// unless the word is a name or acronym everywhere else.
fn display_form(written: &str) -> String {
    written.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    fn rec(i: usize, zh: &str, en: &str) -> BeadRecord {
        BeadRecord {
            pair: "p".into(),
            level: Default::default(),
            bead: i,
            shape: "1-1".into(),
            score: 1.0,
            src_lang: Lang::ZhHans,
            tgt_lang: Lang::En,
            src: vec![zh.into()],
            tgt: vec![en.into()],
            src_idx: vec![i],
            tgt_idx: vec![i],
            src_file: String::new(),
            tgt_file: String::new(),
            src_lines: vec![],
            tgt_lines: vec![],
            src_para: vec![],
            tgt_para: vec![],
            flags: vec![],
        }
    }

    #[test]
    fn llr_is_zero_for_independence_and_grows_with_association() {
        assert!(llr(25, 50, 50, 100).abs() < 1e-9);
        assert!(llr(10, 10, 10, 100) > llr(5, 10, 10, 100));
    }

    #[test]
    fn finds_the_term_pair_and_prefers_the_longer_rendering() {
        let recs = vec![
            rec(
                0,
                "秘书处设在阿拉木图。",
                "The Secretariat is located in Almaty.",
            ),
            rec(
                1,
                "秘书处的工作得到加强。",
                "The work of the Secretariat was strengthened.",
            ),
            rec(
                2,
                "各国讨论了信任措施。",
                "Countries discussed confidence building measures.",
            ),
            rec(
                3,
                "信任措施十分重要。",
                "Confidence building measures matter a lot.",
            ),
            rec(
                4,
                "秘书处发布了信任措施目录。",
                "The Secretariat published a catalogue of confidence building measures.",
            ),
            rec(5, "会议在阿拉木图举行。", "The meeting was held in Almaty."),
        ];
        let seg = Segmenter::new();
        let pairs = extract(&recs, &seg, &ExtractConfig::default());
        let get = |zh: &str| {
            pairs
                .iter()
                .find(|p| p.zh == zh)
                .map(|p| p.en.to_lowercase())
        };
        assert_eq!(get("秘书处").as_deref(), Some("secretariat"), "{pairs:#?}");
        assert_eq!(
            get("信任措施").as_deref(),
            Some("confidence building measures"),
            "{pairs:#?}"
        );
        assert_eq!(get("阿拉木图").as_deref(), Some("almaty"), "{pairs:#?}");
        let p = pairs.iter().find(|p| p.zh == "秘书处").unwrap();
        assert_eq!((p.freq, p.zh_freq, p.en_freq), (3, 3, 3));
        assert!((p.dice - 1.0).abs() < 1e-9);
        assert_eq!(p.example.bead, 0);
    }
}
