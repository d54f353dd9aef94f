//! The 0-1 decision: an English unit at the edge of a bead that the
//! translator added (a linking sentence, an exclamation) becomes its own
//! 0-1 bead.
//!
//! Takes a path (after the regrouping of `regroup.rs`) and its cost model;
//! gives the path with such units split off. The evidence is a *miss*:
//! none of the unit's matchable items (English words some Chinese word of
//! the document glosses to, numbers, names, sentence punctuation; a word
//! the lexicon cannot produce is no evidence either way) is explained by
//! its bead's Chinese, nor by the neighbouring bead's on that side (that
//! would be a misplaced boundary, not an addition), and the bead's Chinese
//! is explained as well without it.
//!
//! A miss alone is weak evidence: with a thin lexicon many translated
//! units miss (free translation). How often a *translated* unit with `k`
//! matchable items misses is estimated from the document itself: the share
//! of the units with at least `k` items that miss in their own beads
//! (nearly all of them translated), add-half smoothed. The unit is split
//! off when the posterior odds of an addition, `P(added) / ((1 −
//! P(added)) · P(miss | translated, k))`, are at least one: a split is
//! then right at least as often as wrong, which is also where splitting a
//! bead stops costing F1. So the rule fires only where the document shows
//! that its lexicon explains units of that size reliably; a richer lexicon
//! makes it fire more, a short document or a thin lexicon not at all.

use super::cost::CostModel;
use super::dp::Step;
use super::encode::MAX_ITEMS;
use rayon::prelude::*;
use std::ops::Range;

/// What a target unit's own bead explains of it.
#[derive(Debug, Clone, Copy)]
struct Seen {
    /// Matchable items of the unit.
    items: usize,
    /// Whether the bead's source explains none of them.
    missed: bool,
}

/// How often translated units miss, by their number of matchable items.
struct MissRates {
    /// `[k]`: (units with at least `k` items, how many of them missed).
    at_least: Vec<(u32, u32)>,
}

impl MissRates {
    /// Counts over the target units of the document's non-null beads.
    fn new(seen: &[Option<Seen>]) -> MissRates {
        let mut at_least = vec![(0u32, 0u32); MAX_ITEMS + 2];
        for s in seen.iter().flatten() {
            let slot = &mut at_least[s.items.min(MAX_ITEMS + 1)];
            slot.0 += 1;
            slot.1 += u32::from(s.missed);
        }
        for k in (0..=MAX_ITEMS).rev() {
            at_least[k].0 += at_least[k + 1].0;
            at_least[k].1 += at_least[k + 1].1;
        }
        MissRates { at_least }
    }

    /// Estimated chance that a translated unit of `items` items misses.
    fn rate(&self, items: usize) -> f32 {
        let (n, z) = self.at_least[items.min(MAX_ITEMS + 1)];
        (z as f32 + 0.5) / (n as f32 + 1.0)
    }
}

/// Splits off the added English units of `steps` (a path found with
/// `cm`), one per bead at most; `prior` is the share of target units a
/// translator adds (0: never split).
pub fn split_added(steps: Vec<Step>, cm: &CostModel<'_>, prior: f32) -> Vec<Step> {
    if !(prior > 0.0 && prior < 1.0) {
        return steps;
    }
    let seen: Vec<Option<Seen>> = steps
        .par_iter()
        .flat_map_iter(|st| {
            st.tgt.clone().map(move |v| {
                (!st.src.is_empty() && st.tgt.len() >= 2).then(|| {
                    let (explained, items) = cm.tgt_unit_evidence(v, st.src.clone());
                    Seen {
                        items,
                        missed: explained <= 0.0,
                    }
                })
            })
        })
        .collect();
    let rates = MissRates::new(&seen);
    // Split off when P(miss | translated) ≤ prior / (1 − prior).
    let most = prior / (1.0 - prior);
    let added: Vec<Option<usize>> = (0..steps.len())
        .into_par_iter()
        .map(|k| {
            let st = &steps[k];
            if st.src.is_empty() || st.tgt.len() < 2 {
                return None;
            }
            let ends = [
                (st.tgt.start, k.checked_sub(1)),
                (st.tgt.end - 1, Some(k + 1)),
            ];
            ends.into_iter()
                .filter_map(|(v, nb)| {
                    let s = seen[v]?;
                    let neighbour = nb.and_then(|n| steps.get(n)).map(|b| b.src.clone());
                    let rate = rates.rate(s.items);
                    (s.missed
                        && s.items > 0
                        && rate <= most
                        && !explained_by(cm, v, neighbour)
                        && !needed(cm, st, v))
                    .then_some((rate, v))
                })
                .min_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, v)| v)
        })
        .collect();
    let step = |s: Range<usize>, t: Range<usize>| Step {
        cost: cm.cost(s.clone(), t.clone()),
        src: s,
        tgt: t,
    };
    let mut out = Vec::with_capacity(steps.len());
    for (st, v) in steps.into_iter().zip(added) {
        match v {
            Some(v) if v == st.tgt.start => {
                out.push(step(st.src.start..st.src.start, v..v + 1));
                out.push(step(st.src, v + 1..st.tgt.end));
            }
            Some(v) => {
                out.push(step(st.src.clone(), st.tgt.start..v));
                out.push(step(st.src.end..st.src.end, v..v + 1));
            }
            None => out.push(st),
        }
    }
    out
}

/// Whether the source units `src` (if any) explain any of target unit `v`.
fn explained_by(cm: &CostModel<'_>, v: usize, src: Option<Range<usize>>) -> bool {
    src.is_some_and(|s| cm.tgt_unit_evidence(v, s).0 > 0.0)
}

/// Whether target unit `v` explains any of its bead `st`'s source that the
/// bead's other target units do not.
fn needed(cm: &CostModel<'_>, st: &Step, v: usize) -> bool {
    let rest = if v == st.tgt.start {
        v + 1..st.tgt.end
    } else {
        st.tgt.start..v
    };
    cm.src_explained(st.src.clone(), st.tgt.clone()) > cm.src_explained(st.src.clone(), rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::encode::{Encoded, Evidence};
    use crate::align::lexicon::Lexicon;
    use crate::align::params::Params;
    use crate::length::BeadCost;
    use crate::segment::Segmenter;
    use crate::Lang;

    /// Ten plainly translated pairs; the document pairs them up into ten
    /// 1-2 beads (a Chinese sentence of two clauses, two English
    /// sentences): its evidence that a translated unit seldom misses.
    const PAIRS: [(&str, &str); 10] = [
        (
            "我在书店买了三本书",
            "I bought three books at the bookshop.",
        ),
        (
            "老师和学生去公园散步",
            "The teacher and the students went for a walk in the park.",
        ),
        ("他的母亲是医生", "His mother is a doctor."),
        ("今天天气很好", "The weather is very good today."),
        ("我们在学校学习中文", "We study Chinese at school."),
        ("他喝了一杯茶", "He had a cup of tea."),
        ("妹妹喜欢唱歌", "My younger sister likes singing."),
        ("父亲在工厂工作", "Father works in a factory."),
        ("那条河很长", "That river is very long."),
        (
            "孩子们在花园里玩",
            "The children are playing in the garden.",
        ),
    ];

    /// Aligns the ten beads of [`PAIRS`] and `last` with the two English
    /// sentences `added` as one more 1-2 bead; gives the shapes after the
    /// 0-1 decision.
    fn decide(last: &str, added: [&str; 2], prior: f32) -> Vec<(Range<usize>, Range<usize>)> {
        let seg = Segmenter::new();
        let lex = Lexicon::embedded().expect("embedded lexicon");
        let (mut zh, mut en) = (Vec::new(), Vec::new());
        for k in 0..PAIRS.len() {
            let (a, b) = (PAIRS[k], PAIRS[(k + 3) % PAIRS.len()]);
            zh.push(seg.unit(&format!("{}，{}。", a.0, b.0), Lang::ZhHans));
            en.push(seg.unit(a.1, Lang::En));
            en.push(seg.unit(b.1, Lang::En));
        }
        zh.push(seg.unit(last, Lang::ZhHans));
        en.extend(added.iter().map(|t| seg.unit(t, Lang::En)));
        let ev = Evidence {
            lexicon: true,
            names_numbers: true,
            punctuation: 1.0,
        };
        let enc = Encoded::new(&zh, &en, &lex, ev);
        let masks = enc.masks(&vec![0..en.len(); zh.len()]);
        let params = Params::default();
        let length = BeadCost::fit(&enc.src.chars, &enc.tgt.chars, params.len_var);
        let cm = CostModel::new(&enc, &masks, length, &params);
        let path: Vec<Step> = (0..zh.len())
            .map(|k| Step {
                src: k..k + 1,
                tgt: 2 * k..2 * k + 2,
                cost: 0.0,
            })
            .collect();
        let out = split_added(path, &cm, prior);
        assert!(out.iter().all(|s| s.cost.is_finite()));
        out.into_iter().map(|s| (s.src, s.tgt)).collect()
    }

    /// An English sentence none of whose words the bead's Chinese
    /// translates (though the document's Chinese elsewhere does) is split
    /// off as a 0-1 bead; its good twin, whose Chinese says the same, stays
    /// a 1-2.
    #[test]
    fn an_added_sentence_stands_alone_and_its_translated_twin_stays() {
        let en = [
            "She opened the window.",
            "The doctor and the children were in the garden.",
        ];
        let bad = decide("她打开了窗户。", en, 0.1);
        assert_eq!(bad.len(), 12);
        assert_eq!(bad[10], (10..11, 20..21));
        assert_eq!(bad[11], (11..11, 21..22));
        let good = decide("她打开了窗户，医生和孩子们在花园里。", en, 0.1);
        assert_eq!(good.len(), 11);
        assert_eq!(good[10], (10..11, 20..22));
    }

    /// The same sentence first in its bead is what the previous bead's
    /// Chinese (孩子们在花园里玩，他的母亲是医生。) says: a misplaced
    /// boundary, not an addition, and nothing is split.
    #[test]
    fn a_sentence_the_neighbouring_bead_explains_is_not_added() {
        let en = [
            "The doctor and the children were in the garden.",
            "She opened the window.",
        ];
        assert_eq!(decide("她打开了窗户。", en, 0.1).len(), 11);
    }

    /// Twenty-two units are too few to show that a translated unit misses
    /// less than once in five hundred: at the default prior nothing is split;
    /// nor with the decision off.
    #[test]
    fn a_short_document_is_not_evidence_enough() {
        let en = [
            "She opened the window.",
            "The doctor and the children were in the garden.",
        ];
        for prior in [Params::default().added_prior, 0.0] {
            assert_eq!(decide("她打开了窗户。", en, prior).len(), 11);
        }
    }

    /// The miss rate of a size pools the units of that size or more.
    #[test]
    fn miss_rates_pool_the_larger_units() {
        let s = |items, missed| Some(Seen { items, missed });
        let rates = MissRates::new(&[s(1, true), s(3, false), s(5, false), None]);
        assert!((rates.rate(1) - 1.5 / 4.0).abs() < 1e-6);
        assert!((rates.rate(2) - 0.5 / 3.0).abs() < 1e-6);
        assert!((rates.rate(6) - 0.5).abs() < 1e-6);
        assert!((rates.rate(1000) - 0.5).abs() < 1e-6);
    }
}
