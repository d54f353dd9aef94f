//! From decisions to unit indices: which beads are fixed, which groupings
//! are forbidden, which flags accepted, and which decisions are stale.
//!
//! Each side of a decision is found by content (the run of unit hashes,
//! nearest to the index hint); a decision whose units are gone or no
//! longer consecutive is stale and reported, never applied elsewhere. A
//! later decision replaces the earlier ones it overlaps (merging two
//! confirmed beads replaces both confirmations).

use super::decision::{Action, Decision, UnitRef};
use crate::align::constrained::Grouping;
use crate::record::FlagKind;
pub use crate::record::Stale;
use crate::record::{Level, ReviewStatus};
use std::ops::Range;

/// A run of consecutive beads fixed by a reviewer.
#[derive(Debug, Clone, PartialEq)]
pub struct Fixed {
    /// The beads, consecutive on both sides.
    pub beads: Vec<Grouping>,
    /// Confirmed (as aligned) or corrected (merged, split).
    pub status: ReviewStatus,
}

impl Fixed {
    /// The units the run covers on each side.
    pub fn span(&self) -> (Range<usize>, Range<usize>) {
        span(&self.beads)
    }
}

/// A flag accepted on the bead with exactly these units.
#[derive(Debug, Clone, PartialEq)]
pub struct Accept {
    /// Source units of the bead.
    pub src: Range<usize>,
    /// Target units of the bead.
    pub tgt: Range<usize>,
    /// The flag accepted.
    pub kind: FlagKind,
    /// The reviewer's note.
    pub note: String,
    /// Index of the decision in the file (for stale reports).
    pub decision: usize,
}

/// The decisions of one pair at one level, resolved against its units.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    /// Fixed runs, in document order, not overlapping.
    pub fixed: Vec<Fixed>,
    /// Groupings a reviewer rejected.
    pub forbidden: Vec<Grouping>,
    /// Accepted flags.
    pub accepted: Vec<Accept>,
    /// Decisions not applied.
    pub stale: Vec<Stale>,
}

impl Plan {
    /// True when nothing is to be applied or reported.
    pub fn is_empty(&self) -> bool {
        self.fixed.is_empty()
            && self.forbidden.is_empty()
            && self.accepted.is_empty()
            && self.stale.is_empty()
    }
}

/// What one resolved decision does, before overlaps are settled.
enum Effect {
    Fix(Fixed),
    Forbid(Range<usize>, Range<usize>),
    Accept(Accept),
}

impl Effect {
    fn span(&self) -> (Range<usize>, Range<usize>) {
        match self {
            Effect::Fix(f) => f.span(),
            Effect::Forbid(s, t) => (s.clone(), t.clone()),
            Effect::Accept(a) => (a.src.clone(), a.tgt.clone()),
        }
    }
}

/// Resolves the `level` decisions among `decisions` against the units
/// whose content hashes are `src` and `tgt` (see
/// [`super::decision::unit_hash`]).
pub fn plan(decisions: &[Decision], level: Level, src: &[String], tgt: &[String]) -> Plan {
    let mut out = Plan::default();
    let mut live: Vec<(usize, Effect)> = Vec::new();
    for (k, d) in decisions.iter().enumerate() {
        if d.level != level {
            continue;
        }
        let stale = |why: &str| Stale {
            decision: d.describe(),
            why: why.to_string(),
        };
        let beads = match resolve(d, src, tgt) {
            Ok(b) => b,
            Err(why) => {
                out.stale.push(stale(why));
                continue;
            }
        };
        let effect = match d.action {
            Action::Confirm | Action::Merge | Action::Split => Effect::Fix(Fixed {
                beads,
                status: if d.action == Action::Confirm {
                    ReviewStatus::Confirmed
                } else {
                    ReviewStatus::Corrected
                },
            }),
            Action::Reject | Action::Accept if beads.len() != 1 => {
                out.stale.push(stale("names more than one bead"));
                continue;
            }
            Action::Reject => {
                let (s, t) = beads[0].clone();
                Effect::Forbid(s, t)
            }
            Action::Accept => {
                let Some(kind) = d.flag else {
                    out.stale.push(stale("no flag named"));
                    continue;
                };
                let (s, t) = beads[0].clone();
                Effect::Accept(Accept {
                    src: s,
                    tgt: t,
                    kind,
                    note: d.note.clone(),
                    decision: k,
                })
            }
        };
        let (s, t) = effect.span();
        live.retain(|(_, old)| {
            let (os, ot) = old.span();
            let overlaps = overlap(&s, &os) || overlap(&t, &ot);
            match (&effect, old) {
                // A new grouping replaces fixes and rejections it touches.
                (Effect::Fix(_) | Effect::Forbid(..), Effect::Fix(_)) => !overlaps,
                (Effect::Fix(_), Effect::Forbid(..)) => !overlaps,
                (Effect::Forbid(..), Effect::Forbid(..)) => (s.clone(), t.clone()) != (os, ot),
                (Effect::Accept(a), Effect::Accept(b)) => {
                    !(a.kind == b.kind && (&a.src, &a.tgt) == (&b.src, &b.tgt))
                }
                _ => true,
            }
        });
        live.push((k, effect));
    }
    // Fixed runs must be monotone; a run crossing an earlier-made one is
    // reported rather than applied.
    let mut fixed: Vec<(usize, Fixed)> = Vec::new();
    for (k, e) in live {
        match e {
            Effect::Fix(f) => fixed.push((k, f)),
            Effect::Forbid(s, t) => out.forbidden.push((s, t)),
            Effect::Accept(a) => out.accepted.push(a),
        }
    }
    let mut kept: Vec<(usize, Fixed)> = Vec::new();
    for (k, f) in fixed {
        let (s, t) = f.span();
        let crosses = kept.iter().any(|(_, g)| {
            let (gs, gt) = g.span();
            let before = s.end <= gs.start && t.end <= gt.start;
            let after = s.start >= gs.end && t.start >= gt.end;
            !(before || after)
        });
        if crosses {
            out.stale.push(Stale {
                decision: decisions[k].describe(),
                why: "crosses an earlier decision".into(),
            });
        } else {
            kept.push((k, f));
        }
    }
    kept.sort_by_key(|(_, f)| {
        let (s, t) = f.span();
        (s.start, t.start, s.end, t.end)
    });
    out.fixed = kept.into_iter().map(|(_, f)| f).collect();
    out
}

/// True when two ranges share a unit.
fn overlap(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// The units a run of consecutive beads covers.
fn span(beads: &[Grouping]) -> Grouping {
    match (beads.first(), beads.last()) {
        (Some(f), Some(l)) => (f.0.start..l.0.end, f.1.start..l.1.end),
        _ => (0..0, 0..0),
    }
}

/// The beads of `d` in current unit indices.
fn resolve(d: &Decision, src: &[String], tgt: &[String]) -> Result<Vec<Grouping>, &'static str> {
    if d.beads.is_empty() {
        return Err("names no bead");
    }
    let s_refs: Vec<&UnitRef> = d.beads.iter().flat_map(|b| &b.src).collect();
    let t_refs: Vec<&UnitRef> = d.beads.iter().flat_map(|b| &b.tgt).collect();
    if s_refs.is_empty() && t_refs.is_empty() {
        return Err("names no unit");
    }
    let s0 = side(&s_refs, d.src_after.as_ref(), src)?;
    let t0 = side(&t_refs, d.tgt_after.as_ref(), tgt)?;
    let (mut i, mut j) = (s0, t0);
    Ok(d.beads
        .iter()
        .map(|b| {
            let r = (i..i + b.src.len(), j..j + b.tgt.len());
            i += b.src.len();
            j += b.tgt.len();
            r
        })
        .collect())
}

/// Where the run `refs` starts in `units` (the match nearest its index
/// hint); for an empty run, just after the unit `after`.
fn side(
    refs: &[&UnitRef],
    after: Option<&UnitRef>,
    units: &[String],
) -> Result<usize, &'static str> {
    if refs.is_empty() {
        return match after {
            None => Ok(0),
            Some(a) => find(&[a], units).map(|p| p + 1),
        };
    }
    find(refs, units)
}

fn find(refs: &[&UnitRef], units: &[String]) -> Result<usize, &'static str> {
    let n = refs.len();
    if n > units.len() {
        return Err("its text was edited or removed");
    }
    let hint = refs[0].i;
    (0..=units.len() - n)
        .filter(|&p| refs.iter().enumerate().all(|(k, r)| units[p + k] == r.h))
        .min_by_key(|&p| (p.abs_diff(hint), p))
        .ok_or("its text was edited or removed")
}

#[cfg(test)]
mod tests {
    use super::super::decision::{unit_hash, BeadRef};
    use super::*;

    fn texts(prefix: &str, n: usize) -> Vec<String> {
        (0..n).map(|k| format!("{prefix} {k}.")).collect()
    }

    fn hashes(t: &[String]) -> Vec<String> {
        t.iter().map(|x| unit_hash(x)).collect()
    }

    fn d(action: Action, beads: &[(&[usize], &[usize])], s: &[String], t: &[String]) -> Decision {
        Decision {
            action,
            level: Level::Sentence,
            beads: beads
                .iter()
                .map(|(a, b)| BeadRef {
                    src: a.iter().map(|&i| UnitRef::of(i, &s[i])).collect(),
                    tgt: b.iter().map(|&j| UnitRef::of(j, &t[j])).collect(),
                })
                .collect(),
            src_after: None,
            tgt_after: None,
            flag: Some(FlagKind::Omission),
            note: String::new(),
            t: 0,
        }
    }

    #[test]
    fn decisions_follow_their_text_when_units_move() {
        let (s, t) = (texts("源", 6), texts("tgt", 6));
        let ds = vec![
            d(Action::Confirm, &[(&[1], &[1])], &s, &t),
            d(Action::Merge, &[(&[3, 4], &[3])], &s, &t),
        ];
        // A sentence inserted at the start of both sides.
        let mut s2 = s.clone();
        s2.insert(0, "新句子。".into());
        let mut t2 = t.clone();
        t2.insert(0, "New sentence.".into());
        let p = plan(&ds, Level::Sentence, &hashes(&s2), &hashes(&t2));
        assert!(p.stale.is_empty(), "{:?}", p.stale);
        assert_eq!(p.fixed.len(), 2);
        assert_eq!(p.fixed[0].beads, vec![(2..3, 2..3)]);
        assert_eq!(p.fixed[1].beads, vec![(4..6, 4..5)]);
        assert_eq!(p.fixed[1].status, ReviewStatus::Corrected);
    }

    #[test]
    fn an_edited_sentence_makes_its_decision_stale() {
        let (s, t) = (texts("源", 4), texts("tgt", 4));
        let ds = vec![
            d(Action::Confirm, &[(&[1], &[1])], &s, &t),
            d(Action::Confirm, &[(&[2], &[2])], &s, &t),
        ];
        let mut t2 = t.clone();
        t2[2] = "tgt 2, edited.".into();
        let p = plan(&ds, Level::Sentence, &hashes(&s), &hashes(&t2));
        assert_eq!(p.fixed.len(), 1);
        assert_eq!(p.stale.len(), 1);
        assert!(p.stale[0].decision.contains("unit 2"), "{:?}", p.stale);
    }

    #[test]
    fn later_decisions_replace_overlapping_ones() {
        let (s, t) = (texts("源", 4), texts("tgt", 4));
        let ds = vec![
            d(Action::Confirm, &[(&[1], &[1])], &s, &t),
            d(Action::Confirm, &[(&[2], &[2])], &s, &t),
            d(Action::Merge, &[(&[1, 2], &[1, 2])], &s, &t),
            d(Action::Reject, &[(&[0], &[0])], &s, &t),
            d(Action::Accept, &[(&[3], &[3])], &s, &t),
        ];
        let p = plan(&ds, Level::Sentence, &hashes(&s), &hashes(&t));
        assert_eq!(p.fixed.len(), 1);
        assert_eq!(p.fixed[0].beads, vec![(1..3, 1..3)]);
        assert_eq!(p.forbidden, vec![(0..1, 0..1)]);
        assert_eq!(p.accepted.len(), 1);
        // Other levels are ignored.
        assert!(plan(&ds, Level::Paragraph, &hashes(&s), &hashes(&t)).is_empty());
    }

    #[test]
    fn an_empty_side_is_placed_after_its_unit() {
        let (s, t) = (texts("源", 3), texts("tgt", 4));
        let mut dec = d(Action::Confirm, &[(&[], &[2])], &s, &t);
        dec.src_after = Some(UnitRef::of(1, &s[1]));
        let p = plan(&[dec], Level::Sentence, &hashes(&s), &hashes(&t));
        assert_eq!(p.fixed[0].beads, vec![(2..2, 2..3)]);
    }
}
