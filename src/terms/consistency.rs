//! Consistency: every English rendering of each Chinese term, with counts
//! and beads; a term rendered more than one way is reported.
//!
//! Takes bead records and [`TermSpec`]s (a Chinese term with its candidate
//! renderings, from a glossary or from [`super::extract`]). Each bead whose
//! Chinese side holds the term credits the first candidate (best first)
//! found on its English side, matched on word stems; beads with none are
//! listed as unrendered.

use super::extract::{zh_en, Associations, BeadRef, ExtractConfig, TermPair};
use super::glossary::{en_stems, Glossary};
use super::lexical::{Composer, Units};
use crate::align::Lexicon;
use crate::lexical::contains_seq;
use crate::lexical::evidence::strip_possessive;
use crate::normalize::key;
use crate::record::BeadRecord;
use crate::segment::{BeadSides, Segmenter, TokenKind};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// A Chinese term and the renderings to look for, best first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermSpec {
    /// The Chinese term.
    pub zh: String,
    /// Candidate English renderings, best first.
    pub renderings: Vec<String>,
    /// True when the renderings are prescribed (a glossary): each counts
    /// even if used once. Extracted alternatives other than the best must
    /// be used in two beads or more, or they are taken for chance
    /// co-occurrences and their beads listed as unrendered.
    pub prescribed: bool,
}

/// One rendering of a term, with where it was used.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rendering {
    /// The English rendering.
    pub en: String,
    /// Beads using it.
    pub beads: Vec<BeadRef>,
}

/// How a term was rendered across the beads.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermUse {
    /// The Chinese term.
    pub zh: String,
    /// Beads whose Chinese side holds the term.
    pub occurrences: usize,
    /// Renderings used, most used first.
    pub renderings: Vec<Rendering>,
    /// Beads holding the term with none of the candidate renderings.
    pub unrendered: Vec<BeadRef>,
}

impl TermUse {
    /// True when more than one rendering is in use.
    pub fn inconsistent(&self) -> bool {
        self.renderings.len() > 1
    }
}

/// Term specs from a glossary: each Chinese term with its accepted
/// renderings in file order.
pub fn specs_from_glossary(g: &Glossary) -> Vec<TermSpec> {
    let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut order = Vec::new();
    for e in g.entries() {
        let k = key(e.zh.trim());
        if !map.contains_key(&k) {
            order.push(k.clone());
        }
        map.entry(k).or_default().push(e.en.clone());
    }
    order
        .into_iter()
        .map(|zh| TermSpec {
            renderings: map.remove(&zh).unwrap_or_default(),
            zh,
            prescribed: true,
        })
        .collect()
}

/// Lowest Dice coefficient of an alternative rendering (the best one only
/// needs the extraction threshold): an alternative must be specific to
/// the term, not a frequent word nearby.
const ALT_DICE: f64 = 0.5;

/// Term specs from extracted pairs: each pair's English term first, then
/// the other English candidates of its Chinese term that are specific to
/// it (Dice ≥ 0.5, at least twice the beads chance would give), not chosen
/// by another term, and not containing or contained in a kept one
/// ("CICA chairmanship" after "chairmanship").
pub fn specs_from_associations(
    pairs: &[TermPair],
    assoc: &Associations,
    cfg: &ExtractConfig,
) -> Vec<TermSpec> {
    let all = assoc.all_pairs(cfg);
    let mut by_zh: BTreeMap<&str, Vec<&TermPair>> = BTreeMap::new();
    for p in all
        .iter()
        .filter(|p| p.evidence != super::extract::Evidence::Association)
    {
        by_zh.entry(p.zh.as_str()).or_default().push(p);
    }
    let chosen: BTreeMap<&str, &str> = pairs
        .iter()
        .map(|p| (p.en_key.as_str(), p.zh.as_str()))
        .collect();
    let n = (assoc.beads() as f64).max(1.0);
    pairs
        .iter()
        // Association alone is too weak a ground to call other renderings
        // variants (活动 / "recognition"); acronyms are the exception.
        .filter(|p| {
            p.evidence != super::extract::Evidence::Association
                || (p.en.len() >= 2 && p.en.chars().all(|c| c.is_ascii_uppercase()))
        })
        // General vocabulary (国家 "countries", 发展 "development") is
        // rendered to fit the sentence: variants are no inconsistency.
        .filter(|p| !super::extract::is_general(p))
        .map(|best| {
            let mut kept: Vec<(String, Vec<String>)> = vec![(best.en.clone(), en_stems(&best.en))];
            for p in by_zh.get(best.zh.as_str()).into_iter().flatten() {
                let chance = p.zh_freq as f64 * p.en_freq as f64 / n;
                let taken = chosen.get(p.en_key.as_str()).is_some_and(|z| *z != best.zh);
                if taken || (p.freq as f64) < 2.0 * chance || p.dice < ALT_DICE {
                    continue;
                }
                let s = en_stems(&p.en);
                let overlaps = kept.iter().any(|(_, k)| {
                    contains_seq(&k.iter().map(String::as_str).collect::<Vec<_>>(), &s)
                        || contains_seq(&s.iter().map(String::as_str).collect::<Vec<_>>(), k)
                });
                if !overlaps {
                    kept.push((p.en.clone(), s));
                }
            }
            TermSpec {
                zh: best.zh.clone(),
                renderings: kept.into_iter().map(|(e, _)| e).collect(),
                prescribed: false,
            }
        })
        .collect()
}

/// What a bead holding a term renders it with.
enum Found {
    /// The spec's rendering at this index.
    Known(usize),
    /// An English n-gram the lexicon composes from the term.
    Composed(String),
    /// Nothing recognised.
    None,
}

/// A spec found in a bead, with the rendering used.
type SpecHit = (usize, Found);

/// Token ranges of up to six Latin words separated by spaces or hyphens
/// only, for lexical matches.
fn spans(text: &str, toks: &[crate::segment::Token]) -> Vec<(usize, usize)> {
    let latin = |t: &crate::segment::Token| t.kind == TokenKind::Latin;
    let joined = |a: &crate::segment::Token, b: &crate::segment::Token| {
        text.get(a.span.end..b.span.start)
            .is_some_and(|g| g.chars().all(|c| c == ' ' || c == '-'))
    };
    let mut out = Vec::new();
    for s in 0..toks.len() {
        for e in s + 1..=(s + 6).min(toks.len()) {
            if !latin(&toks[e - 1]) || (e > s + 1 && !joined(&toks[e - 2], &toks[e - 1])) {
                break;
            }
            out.push((s, e));
        }
    }
    out
}

/// How each term of `specs` is rendered across `records` (no lexicon);
/// `sides[k]` is the analysed bead of `records[k]`, `seg` analyses the
/// terms.
pub fn consistency(
    records: &[BeadRecord],
    sides: &[BeadSides],
    seg: &Segmenter,
    specs: &[TermSpec],
) -> Vec<TermUse> {
    consistency_with(records, sides, seg, specs, None)
}

/// How each term of `specs` is rendered across `records`. In a bead with
/// none of the spec's renderings, the English n-gram the lexicon composes
/// from the term's parts (fully, see [`super::lexical`]) is the rendering
/// found there ("presidency" for 主席国 where "chairmanship" is expected).
pub fn consistency_with(
    records: &[BeadRecord],
    sides: &[BeadSides],
    seg: &Segmenter,
    specs: &[TermSpec],
    lex: Option<&Lexicon>,
) -> Vec<TermUse> {
    let composer = lex.map(Composer::new);
    let units: Vec<Option<Units>> = specs
        .iter()
        .map(|s| {
            let c = composer.as_ref()?;
            let words: Vec<String> = seg
                .tokens(&s.zh, crate::Lang::ZhHans)
                .into_iter()
                .map(|t| t.key.to_string())
                .collect();
            Some(c.strict_units(&words.iter().map(String::as_str).collect::<Vec<_>>()))
        })
        .collect();
    let stems: Vec<Vec<Vec<String>>> = specs
        .iter()
        .map(|s| s.renderings.iter().map(|r| en_stems(r)).collect())
        .collect();
    let keys: Vec<String> = specs.iter().map(|s| key(&s.zh)).collect();
    // Per bead: for each spec found, the rendering index used (if any).
    let hits: Vec<(BeadRef, Vec<SpecHit>)> = records
        .par_iter()
        .zip(sides)
        .filter_map(|(r, s)| {
            let (zh, en) = zh_en(r, s)?;
            let zk = key(zh.text());
            let found: Vec<usize> = (0..specs.len())
                .filter(|&i| zk.contains(&keys[i]))
                .collect();
            if found.is_empty() {
                return None;
            }
            let (en, toks) = (en.text(), &en.unit.tokens);
            let es: Vec<&str> = toks
                .iter()
                .filter(|t| t.kind != TokenKind::Han)
                .map(|t| strip_possessive(&t.stem))
                .collect();
            let side = composer.as_ref().map(|c| (c, c.en_side(toks)));
            let mut used: Vec<SpecHit> = found
                .iter()
                .map(|&i| {
                    if let Some(k) = stems[i].iter().position(|s| contains_seq(&es, s)) {
                        return (i, Found::Known(k));
                    }
                    let composed = side
                        .as_ref()
                        .zip(units[i].as_ref())
                        .and_then(|((c, sd), u)| {
                            let m = c.best(u, sd, &spans(en, toks))?;
                            // Every content word must translate the
                            // term: a variant is reported only on firm
                            // ground.
                            (m.full() && m.en_covered == m.en_words).then(|| {
                                let a = toks[m.start].span.start;
                                let b = toks[m.end - 1].span.end;
                                en.get(a..b).unwrap_or("").to_string()
                            })
                        });
                    (i, composed.map_or(Found::None, Found::Composed))
                })
                .collect();
            // A composed rendering that is another term's rendering in this
            // bead belongs to that term (主席国 is not rendered "countries"
            // where 国家 is).
            let key_of = |(i, f): &SpecHit| match f {
                Found::Known(k) => Some(stems[*i][*k].join(" ")),
                Found::Composed(w) => Some(en_stems(w).join(" ")),
                Found::None => None,
            };
            let keys: Vec<Option<String>> = used.iter().map(key_of).collect();
            for a in 0..used.len() {
                if !matches!(used[a].1, Found::Composed(_)) {
                    continue;
                }
                let za = &specs[used[a].0].zh;
                let theirs = (0..used.len()).any(|b| {
                    let zb = &specs[used[b].0].zh;
                    b != a
                        && !za.contains(zb.as_str())
                        && keys[b].is_some()
                        && keys[b] == keys[a]
                        && (matches!(used[b].1, Found::Known(_)) || zb.contains(za.as_str()))
                });
                if theirs {
                    used[a].1 = Found::None;
                }
            }
            Some((
                BeadRef {
                    pair: r.pair.clone(),
                    bead: r.bead,
                },
                used,
            ))
        })
        .collect();
    let mut out: Vec<TermUse> = specs
        .iter()
        .map(|s| TermUse {
            zh: s.zh.clone(),
            occurrences: 0,
            renderings: Vec::new(),
            unrendered: Vec::new(),
        })
        .collect();
    let mut used: Vec<BTreeMap<usize, Vec<BeadRef>>> = vec![BTreeMap::new(); specs.len()];
    // Composed renderings by stem key: (written forms, beads).
    type Composed = BTreeMap<String, (BTreeMap<String, usize>, Vec<BeadRef>)>;
    let mut composed: Vec<Composed> = vec![BTreeMap::new(); specs.len()];
    for (at, list) in hits {
        for (i, r) in list {
            out[i].occurrences += 1;
            match r {
                Found::Known(k) => used[i].entry(k).or_default().push(at.clone()),
                Found::Composed(w) => {
                    let e = composed[i].entry(en_stems(&w).join(" ")).or_default();
                    *e.0.entry(w).or_default() += 1;
                    e.1.push(at.clone());
                }
                Found::None => out[i].unrendered.push(at.clone()),
            }
        }
    }
    for (i, u) in used.into_iter().enumerate() {
        let mut rs: Vec<Rendering> = Vec::new();
        for (k, beads) in u {
            if specs[i].prescribed || k == 0 || beads.len() >= 2 {
                rs.push(Rendering {
                    en: specs[i].renderings[k].clone(),
                    beads,
                });
            } else {
                out[i].unrendered.extend(beads);
            }
        }
        for (_, (forms, beads)) in std::mem::take(&mut composed[i]) {
            let en = forms
                .iter()
                .max_by(|x, y| x.1.cmp(y.1).then(y.0.cmp(x.0)))
                .map(|(w, _)| w.clone())
                .unwrap_or_default();
            rs.push(Rendering { en, beads });
        }
        out[i].unrendered.sort();
        rs.sort_by(|a, b| b.beads.len().cmp(&a.beads.len()).then(a.en.cmp(&b.en)));
        out[i].renderings = merge_inflections(rs);
    }
    out
}

/// Endings that make another form of the same word, not another term
/// ("stable" / "stability", "Asia" / "Asian", "strategic" / "strategies").
const ENDINGS: &[&str] = &[
    "", "s", "es", "e", "y", "ies", "ic", "ical", "al", "an", "n", "ian", "le", "ility", "ity",
    "ive", "ve", "ion", "on", "ation", "ly", "ed", "d", "ing", "'s", "’s",
];

/// True when two words are forms of one word: a common beginning of four
/// letters or more followed by endings from [`ENDINGS`].
fn same_word(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    let common = a
        .chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum::<usize>();
    if a == b {
        return true;
    }
    // Back off so that a shared ending letter can belong to the endings.
    (4..=common).rev().any(|k| {
        a.is_char_boundary(k)
            && b.is_char_boundary(k)
            && ENDINGS.contains(&&a[k..])
            && ENDINGS.contains(&&b[k..])
    })
}

/// True when two renderings differ only in word forms.
fn same_rendering(a: &str, b: &str) -> bool {
    let wa: Vec<&str> = a.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    let wb: Vec<&str> = b.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    wa.len() == wb.len() && wa.iter().zip(&wb).all(|(x, y)| same_word(x, y))
}

/// Merges renderings that differ only in word forms into the most used
/// one (renderings come most used first).
fn merge_inflections(rs: Vec<Rendering>) -> Vec<Rendering> {
    let mut out: Vec<Rendering> = Vec::new();
    for r in rs {
        match out.iter_mut().find(|o| same_rendering(&o.en, &r.en)) {
            Some(o) => {
                o.beads.extend(r.beads);
                o.beads.sort();
            }
            None => out.push(r),
        }
    }
    out.sort_by(|a, b| b.beads.len().cmp(&a.beads.len()).then(a.en.cmp(&b.en)));
    out
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
        BeadRecord {
            pair: "p".into(),
            score: 1.0,
            ..BeadRecord::new(i, Lang::ZhHant, Lang::En, vec![zh.into()], vec![en.into()])
        }
    }

    #[test]
    fn two_renderings_are_reported_with_their_beads() {
        let recs = vec![
            rec(0, "中國擔任主席國。", "China assumed the chairmanship."),
            rec(1, "主席國的職責。", "The duties of the chairmanship."),
            rec(2, "歷任主席國的努力。", "Efforts of successive chairs."),
            rec(3, "主席國發言。", "The host spoke."),
            rec(4, "會議結束。", "The chair closed the meeting."),
        ];
        let specs = vec![TermSpec {
            zh: "主席国".into(),
            renderings: vec!["chairmanship".into(), "chair".into()],
            prescribed: true,
        }];
        let u = &consistency(&recs, &sides(&recs), &Segmenter::new(), &specs)[0];
        assert_eq!(u.occurrences, 4);
        assert!(u.inconsistent());
        assert_eq!(u.renderings[0].en, "chairmanship");
        assert_eq!(u.renderings[0].beads.len(), 2);
        assert_eq!(u.renderings[1].en, "chair");
        assert_eq!(u.renderings[1].beads[0].bead, 2);
        assert_eq!(u.unrendered.len(), 1);
        assert_eq!(u.unrendered[0].bead, 3);
    }

    #[test]
    fn one_rendering_is_consistent() {
        let recs = vec![
            rec(0, "秘書處設在阿拉木圖。", "The Secretariat is in Almaty."),
            rec(1, "秘書處工作。", "Secretariat work."),
        ];
        let g = Glossary::new(vec![crate::terms::GlossaryEntry {
            zh: "秘书处".into(),
            en: "Secretariat".into(),
            note: String::new(),
        }]);
        let u = &consistency(
            &recs,
            &sides(&recs),
            &Segmenter::new(),
            &specs_from_glossary(&g),
        )[0];
        assert_eq!(u.occurrences, 2);
        assert!(!u.inconsistent());
    }

    #[test]
    fn the_lexicon_finds_renderings_no_spec_names() {
        let recs = vec![
            rec(
                0,
                "主席國交接順利。",
                "The chairmanship handover went smoothly.",
            ),
            rec(
                1,
                "歷任主席國的努力。",
                "Efforts of successive chairmanships.",
            ),
            rec(2, "中國擔任主席國。", "China assumed the CICA presidency."),
            // 主席國 here is not rendered; "countries" is 國家's.
            rec(
                3,
                "主席國為地區國家搭建平台。",
                "A platform for the countries of the region.",
            ),
        ];
        let specs = vec![
            TermSpec {
                zh: "主席国".into(),
                renderings: vec!["chairmanship".into()],
                prescribed: false,
            },
            TermSpec {
                zh: "国家".into(),
                renderings: vec!["countries".into()],
                prescribed: false,
            },
        ];
        let lex = Lexicon::embedded().unwrap();
        let seg = Segmenter::new();
        let uses = consistency_with(&recs, &sides(&recs), &seg, &specs, Some(&lex));
        let u = &uses[0];
        assert_eq!(u.occurrences, 4);
        let rs: Vec<(&str, usize)> = u
            .renderings
            .iter()
            .map(|r| (r.en.as_str(), r.beads.len()))
            .collect();
        assert_eq!(rs, vec![("chairmanship", 2), ("presidency", 1)], "{u:#?}");
        assert_eq!(u.unrendered.len(), 1);
        assert_eq!(u.unrendered[0].bead, 3);
        // Without the lexicon the presidency is not seen.
        let plain = consistency(&recs, &sides(&recs), &seg, &specs);
        assert!(!plain[0].inconsistent(), "{plain:#?}");
    }

    #[test]
    fn word_forms_are_one_rendering() {
        let recs = vec![
            rec(0, "地區穩定。", "Regional stability."),
            rec(1, "保持穩定。", "Keep it stable."),
            rec(2, "穩定的局勢。", "A stable situation."),
        ];
        let specs = vec![TermSpec {
            zh: "稳定".into(),
            renderings: vec!["stability".into()],
            prescribed: false,
        }];
        let lex = Lexicon::embedded().unwrap();
        let u = &consistency_with(&recs, &sides(&recs), &Segmenter::new(), &specs, Some(&lex))[0];
        assert_eq!(u.renderings.len(), 1, "{u:#?}");
        assert_eq!(u.renderings[0].beads.len(), 3);
        assert!(same_word("Asia", "Asian") && same_word("strategic", "strategies"));
        assert!(!same_word("chair", "chairmanship"));
    }
}
