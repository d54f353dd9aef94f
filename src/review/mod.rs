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
            let rejected = plan.forbidden.contains(&k).then_some(ReviewStatus::Rejected);
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
