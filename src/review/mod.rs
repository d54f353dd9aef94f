//! Human review that survives rebuilds.
//!
//! Decisions made in `bitext review` (confirm, reject, merge, split,
//! accept a flag) are stored by [`store`] in `corpus/reviews/<pair>.jsonl`
//! as [`Decision`]s naming their units by content. [`plan`] resolves them
//! against the units of a new build; [`apply`] then aligns through the
//! fixed beads (see [`crate::align::constrained`]) and gives each bead its
//! [`Review`], while stale decisions are returned for reporting.
//! [`server`] is the local web app.

pub mod decision;
pub mod plan;
pub mod server;
pub mod store;

pub use decision::{unit_hash, Action, BeadRef, Decision, UnitRef};
pub use plan::{Plan, Stale};

use crate::align::constrained::{align_through, Grouping};
use crate::align::Bead;
use crate::record::{AcceptedFlag, BeadRecord, Level, Review, ReviewStatus};
use std::ops::Range;

/// An alignment with the decisions applied.
#[derive(Debug, Clone, Default)]
pub struct Applied {
    /// The beads, through every fixed bead.
    pub beads: Vec<Bead>,
    /// The review of each bead (same order as `beads`).
    pub reviews: Vec<Option<Review>>,
    /// Decisions that could not be applied.
    pub stale: Vec<Stale>,
}

/// Applies `decisions` (those of `level`) to the free alignment `free` of
/// units with content hashes `src` and `tgt`. `realign` aligns a stretch
/// of units alone, avoiding the groupings given (see
/// [`align_through`]). With no decisions for this level, the free beads
/// come back unchanged.
pub fn apply(
    decisions: &[Decision],
    level: Level,
    src: &[String],
    tgt: &[String],
    free: Vec<Bead>,
    realign: impl Fn(Range<usize>, Range<usize>, &[Grouping]) -> Vec<Bead>,
) -> Applied {
    let plan = plan::plan(decisions, level, src, tgt);
    if plan.is_empty() {
        let n = free.len();
        return Applied {
            beads: free,
            reviews: vec![None; n],
            stale: Vec::new(),
        };
    }
    let runs: Vec<Vec<Grouping>> = plan.fixed.iter().map(|f| f.beads.clone()).collect();
    let beads = align_through(src.len(), tgt.len(), &free, &runs, &plan.forbidden, realign);
    let (reviews, stale) = reviews(&beads, &plan);
    Applied {
        beads,
        reviews,
        stale: plan.stale.into_iter().chain(stale).collect(),
    }
}

/// The review of each bead under `plan`, and the accepted flags whose bead
/// no longer exists (stale).
pub fn reviews(beads: &[Bead], plan: &Plan) -> (Vec<Option<Review>>, Vec<Stale>) {
    let key = |b: &Bead| (b.src.clone(), b.tgt.clone());
    let mut out: Vec<Option<Review>> = beads
        .iter()
        .map(|b| {
            let k = key(b);
            let fixed = plan
                .fixed
                .iter()
                .find(|f| f.beads.contains(&k))
                .map(|f| f.status);
            let rejected = plan
                .forbidden
                .contains(&k)
                .then_some(ReviewStatus::Rejected);
            fixed.or(rejected).map(|status| Review {
                status,
                accepted: Vec::new(),
            })
        })
        .collect();
    let mut stale = Vec::new();
    for a in &plan.accepted {
        let at = beads.iter().position(|b| b.src == a.src && b.tgt == a.tgt);
        match at {
            Some(k) => {
                let r = out[k].get_or_insert(Review {
                    status: ReviewStatus::Accepted,
                    accepted: Vec::new(),
                });
                r.accepted.push(AcceptedFlag {
                    kind: a.kind,
                    note: a.note.clone(),
                });
            }
            None => stale.push(Stale {
                decision: format!("accept {} on units {:?} / {:?}", a.kind, a.src, a.tgt),
                why: "the bead was re-aligned".into(),
            }),
        }
    }
    (out, stale)
}

/// Sets each record's review from `reviews` (same order).
pub fn set_reviews(records: &mut [BeadRecord], reviews: Vec<Option<Review>>) {
    for (r, v) in records.iter_mut().zip(reviews) {
        r.review = v;
    }
}

/// The content hashes of unit texts.
pub fn hashes<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    texts.into_iter().map(unit_hash).collect()
}

/// Applies the decisions of `a`'s level to the alignment `a` in place:
/// aligns through the fixed beads with `aligner` (paragraph or sentence
/// settings by level). Gives each bead's review and the stale decisions.
pub fn apply_to_alignment(
    aligner: &crate::align::Aligner,
    a: &mut crate::align::DocAlignment,
    decisions: &[Decision],
) -> (Vec<Option<Review>>, Vec<Stale>) {
    if !decisions.iter().any(|d| d.level == a.level) {
        return (vec![None; a.beads.len()], Vec::new());
    }
    let src = hashes(a.src_units.iter().map(|u| u.text.as_str()));
    let tgt = hashes(a.tgt_units.iter().map(|u| u.text.as_str()));
    let paragraphs = a.level == Level::Paragraph;
    let (su, tu) = (&a.src_units, &a.tgt_units);
    let applied = apply(
        decisions,
        a.level,
        &src,
        &tgt,
        std::mem::take(&mut a.beads),
        |s, t, forbidden| aligner.align_avoiding(&su[s], &tu[t], paragraphs, forbidden),
    );
    a.beads = applied.beads;
    (applied.reviews, applied.stale)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{AlignConfig, Aligner, Components, Params};
    use crate::segment::{Segmenter, Sentence};
    use crate::Lang;

    fn refs(units: &[Sentence], r: Range<usize>) -> Vec<UnitRef> {
        r.map(|i| UnitRef::of(i, &units[i].text)).collect()
    }

    #[test]
    fn decisions_survive_a_change_of_aligner_settings() {
        let seg = Segmenter::new();
        let zh = [
            "亚信会议创立于1992年。",
            "目前有27个成员国。",
            "峰会每四年举行一次。",
            "中国是创始成员国之一。",
            "2014年峰会在上海举行。",
        ];
        let en = [
            "CICA was founded in 1992.",
            "It now has 27 member states.",
            "The summit meets every four years.",
            "China is one of the founding members.",
            "The 2014 summit was held in Shanghai.",
        ];
        let src: Vec<Sentence> = zh.iter().map(|t| seg.unit(t, Lang::ZhHans)).collect();
        let tgt: Vec<Sentence> = en.iter().map(|t| seg.unit(t, Lang::En)).collect();
        let decision = |action, beads: Vec<(Range<usize>, Range<usize>)>| Decision {
            action,
            level: Level::Sentence,
            beads: beads
                .into_iter()
                .map(|(s, t)| BeadRef {
                    src: refs(&src, s),
                    tgt: refs(&tgt, t),
                })
                .collect(),
            src_after: None,
            tgt_after: None,
            flag: None,
            note: String::new(),
            t: 0,
        };
        let decisions = vec![
            decision(Action::Reject, vec![(0..1, 0..1)]),
            decision(Action::Merge, vec![(1..3, 1..3)]),
            decision(Action::Split, vec![(3..4, 3..3), (4..5, 3..5)]),
        ];
        let (sh, th) = (
            hashes(src.iter().map(|u| u.text.as_str())),
            hashes(tgt.iter().map(|u| u.text.as_str())),
        );
        let mut al = Aligner::new(AlignConfig::default()).unwrap();
        let ablated = Components {
            lexicon: false,
            names_numbers: false,
            priors: false,
            model1: false,
            refit_length: true,
        };
        for components in [Components::default(), ablated] {
            al.set_params(Params::default(), components);
            let free = al.align(&src, &tgt);
            let applied = apply(&decisions, Level::Sentence, &sh, &th, free, |s, t, f| {
                al.align_avoiding(&src[s], &tgt[t], false, f)
            });
            assert!(applied.stale.is_empty(), "{:?}", applied.stale);
            let got: Vec<(Range<usize>, Range<usize>)> = applied
                .beads
                .iter()
                .map(|b| (b.src.clone(), b.tgt.clone()))
                .collect();
            for want in [(1..3, 1..3), (3..4, 3..3), (4..5, 3..5)] {
                assert!(got.contains(&want), "{want:?} in {got:?}");
            }
            assert!(!got.contains(&(0..1, 0..1)), "rejected grouping: {got:?}");
            let (mut i, mut j) = (0, 0);
            for (s, t) in &got {
                assert_eq!((s.start, t.start), (i, j), "valid alignment: {got:?}");
                (i, j) = (s.end, t.end);
            }
            assert_eq!((i, j), (5, 5));
            let statuses: Vec<Option<ReviewStatus>> = applied
                .reviews
                .iter()
                .map(|r| r.as_ref().map(|r| r.status))
                .collect();
            assert_eq!(
                statuses
                    .iter()
                    .flatten()
                    .filter(|s| **s == ReviewStatus::Corrected)
                    .count(),
                3
            );
        }
    }
}
