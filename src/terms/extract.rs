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

use super::lexical::{Composer, LexicalMatch, Units};
use crate::align::Lexicon;
use crate::lexical::words::{is_en_stopword, is_zh_stopword};
use crate::lexical::WordPairs;
use crate::record::BeadRecord;
use crate::segment::{BeadSide, BeadSides, Token, TokenKind};
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
            max_en_words: 6,
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
    /// What supports the pair.
    pub evidence: Evidence,
    /// Beads where the lexicon composes the English term from the Chinese
    /// term's parts (0 without lexical support).
    pub lexical_beads: usize,
    /// Share of the English term's content words that translate the
    /// Chinese term in the lexicon (0 without lexical support).
    pub coverage: f64,
    /// Ranking score: G², halved without lexical support (unless the
    /// English is an acronym), multiplied by the number of covered English
    /// words (up to 3) with it.
    pub score: f64,
}

/// What supports a term pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Evidence {
    /// Association over beads only (Dice, G²); no lexical support.
    Association,
    /// The lexicon composes the English term from the Chinese parts; too
    /// rare for association statistics.
    Lexicon,
    /// Both association and lexicon.
    Both,
}

impl std::fmt::Display for Evidence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Evidence::Association => "assoc",
            Evidence::Lexicon => "lexicon",
            Evidence::Both => "both",
        })
    }
}

/// A pair the lexicon composed in some beads.
#[derive(Debug, Clone)]
struct LexStat {
    /// Beads where it was the Chinese term's best full match.
    beads: usize,
    /// Most covered English words in one match.
    covered: usize,
    /// Best English coverage, in thousandths.
    coverage_milli: usize,
    /// Meaning units of the Chinese term.
    units: usize,
    /// True when every content word of the English term is capitalised
    /// (a name: "Shanghai Cooperation Organization").
    name: bool,
}

/// A bead's English side, with its candidates.
struct Prepared<'a> {
    at: BeadRef,
    en: &'a str,
    et: &'a [Token],
    zc: BTreeMap<String, Vec<String>>,
    spans: Vec<EnSpan>,
}

/// Candidates of one bead.
#[derive(Default)]
struct BeadCands {
    zh: BTreeSet<String>,
    /// English stem key → written form.
    en: BTreeMap<String, String>,
    /// (Chinese term, English key, match) the lexicon composed fully.
    /// The bool is true when the English n-gram is a whole name.
    lexical: Vec<(String, String, LexicalMatch, bool)>,
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
    pairs: HashMap<(u32, u32), (usize, usize), rustc_hash::FxBuildHasher>,
    refs: Vec<BeadRef>,
    /// Candidates of every bead (all frequencies).
    cands: Vec<BeadCands>,
    /// Beads holding each Chinese candidate (their indices), any frequency.
    zh_all: BTreeMap<String, Vec<usize>>,
    /// Beads holding each English key, any frequency, and its written form.
    en_all: BTreeMap<String, (usize, String)>,
    /// Lexically composed pairs: (zh, en key) → statistics.
    lexical: BTreeMap<(String, String), LexStat>,
}

/// The Chinese and the English side of a bead (`s`, analysed, of record
/// `r`), when it has both.
pub(crate) fn zh_en<'a>(r: &BeadRecord, s: &'a BeadSides) -> Option<(&'a BeadSide, &'a BeadSide)> {
    if r.src.is_empty() || r.tgt.is_empty() {
        return None;
    }
    match (r.src_lang.is_chinese(), r.tgt_lang.is_chinese()) {
        (true, false) => Some((&s.src, &s.tgt)),
        (false, true) => Some((&s.tgt, &s.src)),
        _ => None,
    }
}

/// Counts candidate co-occurrences over `records` (no lexicon);
/// `sides[k]` is the analysed bead of `records[k]`.
pub fn associations(
    records: &[BeadRecord],
    sides: &[BeadSides],
    cfg: &ExtractConfig,
) -> Associations {
    associations_with(records, sides, cfg, None)
}

/// Counts candidate co-occurrences over `records`, and, with a lexicon,
/// the English n-gram of each bead that composes each Chinese candidate
/// (see [`super::lexical`]).
pub fn associations_with(
    records: &[BeadRecord],
    sides: &[BeadSides],
    cfg: &ExtractConfig,
    lex: Option<&Lexicon>,
) -> Associations {
    let composer = lex.map(Composer::new);
    // Candidates of every bead, from its analysed sides.
    let prepared: Vec<Prepared> = records
        .par_iter()
        .zip(sides)
        .filter_map(|(r, s)| {
            let (zh, en) = zh_en(r, s)?;
            let (en, et) = (en.text(), en.unit.tokens.as_slice());
            let zc = zh_candidates(zh.text(), &zh.unit.tokens, cfg.max_zh_words);
            let spans = en_spans(en, et, cfg.max_en_words);
            Some(Prepared {
                at: BeadRef {
                    pair: r.pair.clone(),
                    bead: r.bead,
                },
                en,
                et,
                zc,
                spans,
            })
        })
        .collect();
    // Meaning units of each distinct Chinese candidate, looked up once.
    let units: BTreeMap<String, Units> = match &composer {
        Some(c) => {
            let distinct: BTreeMap<&str, &[String]> = prepared
                .iter()
                .flat_map(|p| p.zc.iter().map(|(z, w)| (z.as_str(), w.as_slice())))
                .collect();
            let list: Vec<(&str, &[String])> = distinct.into_iter().collect();
            list.par_iter()
                .map(|(z, words)| {
                    let ws: Vec<&str> = words.iter().map(String::as_str).collect();
                    (z.to_string(), c.units(&ws))
                })
                .collect::<Vec<_>>()
                .into_iter()
                .collect()
        }
        None => BTreeMap::new(),
    };
    let per_bead: Vec<(BeadRef, BeadCands)> = prepared
        .into_par_iter()
        .map(|p| {
            let Prepared {
                at,
                en,
                et,
                zc,
                spans,
            } = p;
            let mut lexical = Vec::new();
            if let Some(c) = &composer {
                let side = c.en_side(et);
                let ranges: Vec<(usize, usize)> = spans.iter().map(|s| (s.start, s.end)).collect();
                for z in zc.keys() {
                    let Some(u) = units.get(z) else {
                        continue;
                    };
                    if let Some(m) = c.best(u, &side, &ranges) {
                        if m.full() {
                            if let Some(sp) =
                                spans.iter().find(|s| (s.start, s.end) == (m.start, m.end))
                            {
                                let name = is_name(&sp.written) && !name_goes_on(en, et, sp.end);
                                lexical.push((z.clone(), sp.key.clone(), m, name));
                            }
                        }
                    }
                }
            }
            let mut en_c = BTreeMap::new();
            for sp in spans {
                en_c.entry(sp.key).or_insert(sp.written);
            }
            let c = BeadCands {
                zh: zc.into_keys().collect(),
                en: en_c,
                lexical,
            };
            (at, c)
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
        pairs: HashMap::default(),
        refs: Vec::new(),
        cands: Vec::new(),
        zh_all: BTreeMap::new(),
        en_all: BTreeMap::new(),
        lexical: BTreeMap::new(),
    };
    let mut zid: HashMap<&str, u32> = HashMap::new();
    for (z, f) in zf.iter().filter(|(_, f)| **f >= cfg.min_freq) {
        zid.insert(z, a.zh.len() as u32);
        a.zh.push(z.to_string());
        a.zh_freq.push(*f);
    }
    let mut eid: HashMap<&str, u32> = HashMap::new();
    for (k, (f, forms)) in ef.iter() {
        let best = forms
            .iter()
            .max_by(|x, y| x.1.cmp(y.1).then(y.0.cmp(x.0)))
            .map(|(s, _)| s.to_string())
            .unwrap_or_default();
        a.en_all.insert(k.to_string(), (*f, best.clone()));
        if *f < cfg.min_freq {
            continue;
        }
        eid.insert(k, a.en.len() as u32);
        a.en.push(k.to_string());
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
        for (z, e, m, name) in &c.lexical {
            let s = a.lexical.entry((z.clone(), e.clone())).or_insert(LexStat {
                beads: 0,
                covered: 0,
                coverage_milli: 0,
                units: m.zh_units,
                name: *name,
            });
            s.beads += 1;
            s.name |= *name;
            s.covered = s.covered.max(m.en_covered);
            s.coverage_milli = s
                .coverage_milli
                .max(m.en_covered * 1000 / m.en_words.max(1));
        }
    }
    for (b, (_, c)) in per_bead.iter().enumerate() {
        for z in &c.zh {
            a.zh_all.entry(z.clone()).or_default().push(b);
        }
    }
    a.cands = per_bead.into_iter().map(|(_, c)| c).collect();
    a
}

impl Associations {
    /// Beads counted.
    pub fn beads(&self) -> usize {
        self.beads
    }

    fn pair(&self, z: u32, e: u32, c: usize, first: usize) -> TermPair {
        let (fz, fe) = (self.zh_freq[z as usize], self.en_freq[e as usize]);
        self.finish(TermPair {
            zh: self.zh[z as usize].clone(),
            en: self.en_surface[e as usize].clone(),
            en_key: self.en[e as usize].clone(),
            freq: c,
            zh_freq: fz,
            en_freq: fe,
            dice: 2.0 * c as f64 / (fz + fe) as f64,
            llr: llr(c, fz, fe, self.beads),
            example: self.refs[first].clone(),
            evidence: Evidence::Association,
            lexical_beads: 0,
            coverage: 0.0,
            score: 0.0,
        })
    }

    /// A pair of any frequency, counted over the stored candidates.
    fn pair_by_name(&self, zh: &str, en_key: &str) -> Option<TermPair> {
        let beads = self.zh_all.get(zh)?;
        let fz = beads.len();
        let (fe, surface) = self.en_all.get(en_key)?;
        let mut c = 0;
        let mut first = None;
        for &b in beads {
            if self.cands[b].en.contains_key(en_key) {
                c += 1;
                first.get_or_insert(b);
            }
        }
        Some(self.finish(TermPair {
            zh: zh.to_string(),
            en: surface.clone(),
            en_key: en_key.to_string(),
            freq: c,
            zh_freq: fz,
            en_freq: *fe,
            dice: 2.0 * c as f64 / (fz + fe) as f64,
            llr: llr(c, fz, *fe, self.beads),
            example: self.refs[first?].clone(),
            evidence: Evidence::Lexicon,
            lexical_beads: 0,
            coverage: 0.0,
            score: 0.0,
        }))
    }

    /// Fills in the lexical support, the evidence and the score.
    fn finish(&self, mut p: TermPair) -> TermPair {
        let assoc = p.freq >= 2 && p.dice > 0.0;
        let lex = self.lexical.get(&(p.zh.clone(), p.en_key.clone()));
        if let Some(s) = lex {
            p.lexical_beads = s.beads;
            p.coverage = s.coverage_milli as f64 / 1000.0;
        }
        p.evidence = match (lex.is_some(), assoc && p.evidence == Evidence::Association) {
            (true, true) => Evidence::Both,
            (true, false) => Evidence::Lexicon,
            (false, _) => Evidence::Association,
        };
        p.score = match lex {
            Some(s) => p.llr * s.covered.clamp(1, 3) as f64,
            // An acronym cannot be composed from glosses: not penalised.
            None if is_acronym(&p.en) => p.llr,
            None => p.llr * 0.5,
        } * termhood(&p);
        p
    }

    /// The lexicon's best English term for each Chinese candidate it
    /// composes: the n-gram composed in most beads (then more covered
    /// words, higher coverage). A pair composed in one bead only must be
    /// multi-word on both sides and a name in English (content words
    /// capitalised), so that phrases seen once ("making long-term plans")
    /// do not become terms.
    /// Each Chinese term's acceptable English terms, best first.
    fn lexical_choices(&self) -> BTreeMap<&str, Vec<&str>> {
        let mut all: BTreeMap<&str, Vec<(&str, &LexStat)>> = BTreeMap::new();
        for ((z, e), s) in &self.lexical {
            if s.beads < 2 && (s.units < 2 || s.covered < 2 || !s.name) {
                continue;
            }
            all.entry(z).or_default().push((e, s));
        }
        all.into_iter()
            .map(|(z, mut v)| {
                let key = |s: &LexStat| (s.beads, s.covered, s.coverage_milli);
                v.sort_by(|a, b| key(b.1).cmp(&key(a.1)).then(a.0.cmp(b.0)));
                (z, v.into_iter().map(|(e, _)| e).collect())
            })
            .collect()
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
        // Each term's candidates: the lexicon's choices first (they win
        // over association alone), then the association's best.
        let mut cands: BTreeMap<&str, Vec<TermPair>> = BTreeMap::new();
        for (z, es) in self.lexical_choices() {
            for e in es {
                if let Some(mut p) = self.pair_by_name(z, e) {
                    if p.freq >= cfg.min_freq.max(2) && p.dice >= cfg.min_dice {
                        p.evidence = Evidence::Both;
                    }
                    cands.entry(z).or_default().push(p);
                }
            }
        }
        for (z, p) in best {
            let v = cands.entry(z).or_default();
            // A lexical choice sharing under a quarter of the association's
            // beads is an aside (亚信: "Confidence-Building Measures in
            // Asia" twice against "CICA" 54 times): association goes first.
            // Behind the lexicon's choices, association alone is no
            // fallback (满足: "meeting" is 会议's; "expectations" is wrong).
            if let Some(at) = v.iter().position(|l| l.freq * 4 < p.freq) {
                v.insert(at, p.clone());
            } else if v.is_empty() {
                v.push(p.clone());
            }
        }
        let mut terms: Vec<&Vec<TermPair>> = cands.values().filter(|v| !v.is_empty()).collect();
        terms.sort_by(|a, b| b[0].score.total_cmp(&a[0].score).then(rank(&a[0], &b[0])));
        // Competitive linking: strongest term first, each English term
        // once; a term whose first choice is taken falls back to the next
        // (大国: "countries" is 国家's, so "major powers"). A name is the
        // exception: its short and full Chinese forms, one inside the
        // other, both render it (亚信 and 亚信会议: CICA).
        let mut taken: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        let mut linked: Vec<&TermPair> = terms
            .into_iter()
            .filter_map(|v| {
                let p = v.iter().find(|p| match taken.get(p.en_key.as_str()) {
                    None => true,
                    Some(zs) => {
                        (is_acronym(&p.en) || is_name(&p.en))
                            && zs
                                .iter()
                                .all(|z| z.contains(p.zh.as_str()) || p.zh.contains(z))
                    }
                })?;
                taken
                    .entry(p.en_key.as_str())
                    .or_default()
                    .push(p.zh.as_str());
                Some(p)
            })
            .collect();
        linked.sort_by(|a, b| b.score.total_cmp(&a.score).then(rank(a, b)));
        // A pair inside a longer pair seen as often, whose Chinese term
        // never occurs outside it, adds nothing (外长/foreign inside
        // 外长会议/foreign ministers; 信任措施 stays beside 信任措施目录).
        // Association alone does not hide a lexically supported pair
        // (成员国 / member states inside 亚信成员国 / CICA member states).
        let inside = |p: &TermPair, q: &TermPair| -> bool {
            q.zh != p.zh
                && (q.evidence != Evidence::Association || p.evidence == Evidence::Association)
                && q.zh.contains(p.zh.as_str())
                && q.freq >= p.freq
                && q.zh_freq >= p.zh_freq
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

/// Word pairs learnt from one aligned pair: single words that share at
/// least three beads with a Dice coefficient of 0.5 or more (亚信 ↔ CICA,
/// names and terms a dictionary lacks). The checks' pair evidence
/// ([`crate::check::PairLearner`]).
pub fn word_pairs(records: &[BeadRecord], sides: &[BeadSides]) -> WordPairs {
    let cfg = ExtractConfig {
        max_zh_words: 1,
        max_en_words: 1,
        min_freq: 3,
        min_dice: 0.5,
    };
    let mut w = WordPairs::new();
    for p in associations(records, sides, &cfg).all_pairs(&cfg) {
        w.add(&p.zh, &p.en);
    }
    w
}

/// Extracts term pairs: mutual best associations, strongest first.
pub fn extract(records: &[BeadRecord], sides: &[BeadSides], cfg: &ExtractConfig) -> Vec<TermPair> {
    associations(records, sides, cfg).best_pairs(cfg)
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

/// Chinese candidates of a bead: runs of 1..=`max` adjacent Han words,
/// each with its words.
fn zh_candidates(text: &str, toks: &[Token], max: usize) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    for i in 0..toks.len() {
        let mut key = String::new();
        let mut words = Vec::new();
        for j in i..(i + max).min(toks.len()) {
            let t = &toks[j];
            if t.kind != TokenKind::Han || (j > i && !adjacent(text, &toks[j - 1], t, false)) {
                break;
            }
            key.push_str(&t.key);
            words.push(t.key.to_string());
            if zh_edge_ok(&toks[i]) && zh_edge_ok(t) && key.chars().count() >= 2 {
                out.entry(key.clone()).or_insert_with(|| words.clone());
            }
        }
    }
    out
}

/// An English candidate: tokens `start..end`, its stem key and written form.
struct EnSpan {
    start: usize,
    end: usize,
    key: String,
    written: String,
}

/// English candidates of a bead: runs of 1..=`max` adjacent Latin words
/// not starting or ending with a function word; key = stems.
fn en_spans(text: &str, toks: &[Token], max: usize) -> Vec<EnSpan> {
    let mut out = Vec::new();
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
                out.push(EnSpan {
                    start: i,
                    end: j + 1,
                    key: key.clone(),
                    written: display_form(written),
                });
            }
        }
    }
    out
}

/// True when the token at `next` continues a capitalised name (a space,
/// then a capitalised word): the n-gram before it is a cut name
/// ("Declaration on Principles Guiding" | "Relations").
fn name_goes_on(text: &str, toks: &[Token], next: usize) -> bool {
    let capital = |t: &Token| {
        text.get(t.span.start..)
            .is_some_and(|w| w.starts_with(|c: char| c.is_uppercase()))
    };
    let mut k = next;
    // Lowercase links inside names: "Heads of State and Government".
    while let (Some(prev), Some(t)) = (k.checked_sub(1).and_then(|p| toks.get(p)), toks.get(k)) {
        if t.kind != TokenKind::Latin || !adjacent(text, prev, t, true) {
            return false;
        }
        if capital(t) {
            return true;
        }
        if !NAME_LINKS.contains(&t.key.as_str()) {
            return false;
        }
        k += 1;
    }
    false
}

/// Lowercase words that may join the parts of a name.
const NAME_LINKS: &[&str] = &[
    "among", "and", "between", "for", "in", "of", "on", "the", "to",
];

/// How much a pair looks like terminology rather than general vocabulary,
/// as a factor of its score: a name or acronym in English (CICA, Shanghai
/// Cooperation Organization, Track II) counts double; a single lowercase
/// English word for a Chinese word of two characters or fewer (安全
/// "security", 合作 "cooperation") is general language and counts 0.4;
/// other multi-word terms (member states, think tanks) count once.
pub fn termhood(p: &TermPair) -> f64 {
    // A Roman numeral alone (II) is a piece of a name, not one.
    let numeral = p.en.chars().all(|c| "IVX".contains(c));
    if numeral {
        1.0
    } else if is_acronym(&p.en) || is_name(&p.en) {
        2.0
    } else if is_general(p) {
        0.4
    } else {
        1.0
    }
}

/// True for general vocabulary: a single lowercase English word rendering
/// a Chinese word of at most two characters (会议 "meeting", 发展
/// "development"), not a name. Such pairs rank low and are not reported
/// as inconsistent terms.
pub fn is_general(p: &TermPair) -> bool {
    !is_acronym(&p.en) && !is_name(&p.en) && !p.en.contains([' ', '-']) && p.zh.chars().count() <= 2
}

/// True for an acronym: one word of two or more capitals ("CICA").
fn is_acronym(written: &str) -> bool {
    written.len() >= 2 && written.chars().all(|c| c.is_ascii_uppercase())
}

/// True when every content word of `written` begins with a capital.
fn is_name(written: &str) -> bool {
    let mut any = false;
    for w in written.split([' ', '-']).filter(|w| !w.is_empty()) {
        if is_en_stopword(&w.to_lowercase()) {
            continue;
        }
        any = true;
        if !w.starts_with(|c: char| c.is_uppercase()) {
            return false;
        }
    }
    any
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

    /// The records' sides, analysed once (as on reading JSONL).
    fn sides(recs: &[BeadRecord]) -> Vec<crate::segment::BeadSides> {
        static SEG: std::sync::OnceLock<crate::segment::Segmenter> = std::sync::OnceLock::new();
        crate::segment::side::analyse(recs, SEG.get_or_init(crate::segment::Segmenter::new))
    }

    fn rec(i: usize, zh: &str, en: &str) -> BeadRecord {
        let mut r = BeadRecord {
            pair: "p".into(),
            score: 1.0,
            ..BeadRecord::new(i, Lang::ZhHans, Lang::En, vec![zh.into()], vec![en.into()])
        };
        r.src[0].idx = Some(i);
        r.tgt[0].idx = Some(i);
        r
    }

    #[test]
    fn llr_is_zero_for_independence_and_grows_with_association() {
        assert!(llr(25, 50, 50, 100).abs() < 1e-9);
        assert!(llr(10, 10, 10, 100) > llr(5, 10, 10, 100));
    }

    #[test]
    fn names_rank_above_general_words_seen_as_often() {
        // 亚信/CICA and 合作/cooperation are seen as often: the name ranks
        // first, the general word is kept but below it.
        let recs: Vec<BeadRecord> = [
            ("亚信加强了合作。", "CICA strengthened cooperation."),
            ("亚信举行会议。", "CICA held a meeting."),
            ("各国扩大合作。", "Countries expanded cooperation."),
            ("亚信促进和平。", "CICA promotes peace."),
            ("双方深化合作。", "Both sides deepened cooperation."),
            ("亚信发表声明。", "CICA issued a statement."),
            ("经济合作很重要。", "Economic cooperation matters."),
        ]
        .iter()
        .enumerate()
        .map(|(i, (z, e))| rec(i, z, e))
        .collect();
        let pairs = extract(&recs, &sides(&recs), &ExtractConfig::default());
        let at = |zh: &str| pairs.iter().position(|p| p.zh == zh);
        let (cica, coop) = (at("亚信"), at("合作"));
        assert!(cica.is_some() && coop.is_some(), "{pairs:#?}");
        assert!(cica < coop, "{pairs:#?}");
        let general = |zh: &str| pairs.iter().find(|p| p.zh == zh).is_some_and(is_general);
        assert!(general("合作") && !general("亚信"));
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
        let pairs = extract(&recs, &sides(&recs), &ExtractConfig::default());
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

    fn lex() -> Lexicon {
        Lexicon::embedded().expect("embedded lexicon")
    }

    #[test]
    fn a_name_seen_once_is_paired_by_the_lexicon() {
        let recs = vec![
            rec(
                0,
                "亚信与上海合作组织建立了联系。",
                "CICA has established ties with the Shanghai Cooperation Organization.",
            ),
            rec(1, "会议在阿拉木图举行。", "The meeting was held in Almaty."),
            rec(2, "天气很好。", "The weather is fine."),
        ];
        let l = lex();
        let cfg = ExtractConfig::default();
        let pairs = associations_with(&recs, &sides(&recs), &cfg, Some(&l)).best_pairs(&cfg);
        let p = pairs
            .iter()
            .find(|p| p.zh == "上海合作组织")
            .unwrap_or_else(|| panic!("{pairs:#?}"));
        assert_eq!(p.en, "Shanghai Cooperation Organization");
        assert_eq!(p.evidence, Evidence::Lexicon);
        assert_eq!((p.freq, p.lexical_beads), (1, 1));
        // Without the lexicon a single bead is not enough.
        let plain = extract(&recs, &sides(&recs), &cfg);
        assert!(plain.iter().all(|p| p.zh != "上海合作组织"), "{plain:#?}");
        // A lowercase phrase seen once is not a term.
        assert!(
            pairs.iter().all(|p| p.en != "established ties"),
            "{pairs:#?}"
        );
    }

    #[test]
    fn a_name_and_its_full_form_share_their_english() {
        let recs = vec![
            rec(0, "亚信会议在上海举行。", "CICA met in Shanghai."),
            rec(1, "亚信会议通过了宣言。", "CICA adopted a declaration."),
            rec(2, "亚信会议的成员国。", "The member states of CICA."),
            rec(3, "亚信成员国。", "CICA member states."),
            rec(4, "亚信秘书处。", "The CICA Secretariat."),
            rec(5, "天气很好。", "The weather is fine."),
        ];
        let cfg = ExtractConfig::default();
        let pairs = extract(&recs, &sides(&recs), &cfg);
        let en_of = |zh: &str| pairs.iter().find(|p| p.zh == zh).map(|p| p.en.as_str());
        assert_eq!(en_of("亚信"), Some("CICA"), "{pairs:#?}");
        assert_eq!(en_of("亚信会议"), Some("CICA"), "{pairs:#?}");
        // Not a name: one Chinese term per English term.
        let taken = |en: &str| pairs.iter().filter(|p| p.en == en).count();
        assert!(taken("member states") <= 1, "{pairs:#?}");
    }

    #[test]
    fn the_lexicon_beats_a_chance_association() {
        // 历史 always shares its beads with "geographical", but only
        // "historical" translates it.
        let recs = vec![
            rec(
                0,
                "各国在历史和地缘上不同。",
                "Countries differ in geographical and historical terms.",
            ),
            rec(
                1,
                "历史与地理的差异。",
                "Historical and geographical differences.",
            ),
            rec(
                2,
                "历史文化独特。",
                "Their geographical position is unique.",
            ),
            rec(3, "天气很好。", "The weather is fine."),
            rec(4, "河水很深。", "The river is deep."),
        ];
        let l = lex();
        let cfg = ExtractConfig::default();
        let a = associations_with(&recs, &sides(&recs), &cfg, Some(&l));
        let pairs = a.best_pairs(&cfg);
        let p = pairs
            .iter()
            .find(|p| p.zh == "历史")
            .unwrap_or_else(|| panic!("{pairs:#?}"));
        assert_eq!(p.en.to_lowercase(), "historical", "{pairs:#?}");
        assert_eq!(p.evidence, Evidence::Both);
        // Association alone picks the chance partner.
        let plain = extract(&recs, &sides(&recs), &cfg);
        let q = plain.iter().find(|p| p.zh == "历史").unwrap();
        assert_eq!(q.en, "geographical", "{plain:#?}");
        assert_eq!(q.evidence, Evidence::Association);
    }

    #[test]
    fn the_lexicon_extends_to_the_noun_phrase() {
        let recs = vec![
            rec(0, "成员国达成一致。", "The member states agreed."),
            rec(1, "所有成员国出席。", "All member states attended."),
            rec(2, "天气很好。", "The weather is fine."),
        ];
        let l = lex();
        let cfg = ExtractConfig::default();
        let pairs = associations_with(&recs, &sides(&recs), &cfg, Some(&l)).best_pairs(&cfg);
        let p = pairs.iter().find(|p| p.zh == "成员国").unwrap();
        assert_eq!(p.en, "member states", "{pairs:#?}");
        assert!((p.coverage - 1.0).abs() < 1e-9);
    }
}
