//! Alignment through fixed points: the beads a reviewer confirmed or
//! corrected are kept exactly, and the units between them are aligned
//! again, with any rejected grouping forbidden.
//!
//! Wraps the existing aligner (it never touches the search or the costs):
//! a stretch between fixed runs keeps the free alignment when that already
//! has boundaries at both of its ends and no rejected bead inside, and is
//! otherwise re-aligned on its own by the caller's `realign`, which gets
//! the forbidden groupings to give the search (see
//! [`Aligner::align_avoiding`]).

use super::{Aligner, Bead};
use crate::segment::Sentence;
use std::ops::Range;

/// A bead as source and target unit ranges.
pub type Grouping = (Range<usize>, Range<usize>);

/// Beads over `n` source and `m` target units that contain every bead of
/// every run of `fixed` (runs in order, not overlapping) and never a
/// grouping of `forbidden`, unless a fixed run holds it. `free` is the
/// unconstrained alignment; `realign(src, tgt, forbidden)` aligns the unit
/// stretches `src` × `tgt` alone, with ranges and `forbidden` relative to
/// the stretch. Fixed beads get the score 1.
pub fn align_through(
    n: usize,
    m: usize,
    free: &[Bead],
    fixed: &[Vec<Grouping>],
    forbidden: &[Grouping],
    realign: impl Fn(Range<usize>, Range<usize>, &[Grouping]) -> Vec<Bead>,
) -> Vec<Bead> {
    let mut out: Vec<Bead> = Vec::new();
    let (mut i, mut j) = (0, 0);
    let gap = |out: &mut Vec<Bead>, s: Range<usize>, t: Range<usize>| {
        if s.is_empty() && t.is_empty() {
            return;
        }
        let inside: Vec<&Bead> = free
            .iter()
            .filter(|b| contains(&s, &b.src) && contains(&t, &b.tgt))
            .filter(|b| !(b.src.is_empty() && b.tgt.is_empty()))
            .collect();
        let banned = |b: &Bead| {
            forbidden
                .iter()
                .any(|(fs, ft)| *fs == b.src && *ft == b.tgt)
        };
        if tiles(&inside, &s, &t) && !inside.iter().any(|b| banned(b)) {
            out.extend(inside.into_iter().cloned());
            return;
        }
        let local: Vec<Grouping> = forbidden
            .iter()
            .filter(|(fs, ft)| contains(&s, fs) && contains(&t, ft))
            .map(|(fs, ft)| (shift(fs, s.start), shift(ft, t.start)))
            .collect();
        let beads: Vec<Bead> = realign(0..s.len(), 0..t.len(), &local)
            .into_iter()
            .map(|b| Bead {
                src: b.src.start + s.start..b.src.end + s.start,
                tgt: b.tgt.start + t.start..b.tgt.end + t.start,
                score: b.score,
            })
            .collect();
        let refs: Vec<&Bead> = beads.iter().collect();
        if tiles(&refs, &s, &t) {
            out.extend(beads);
        } else {
            // Never expected from the aligner; keeps the result valid.
            out.push(Bead {
                src: s,
                tgt: t,
                score: 0.0,
            });
        }
    };
    for run in fixed {
        let (Some(first), Some(last)) = (run.first(), run.last()) else {
            continue;
        };
        if first.0.start < i || first.1.start < j || last.0.end > n || last.1.end > m {
            continue; // out of order or out of range: not a fixed point
        }
        gap(&mut out, i..first.0.start, j..first.1.start);
        out.extend(run.iter().map(|(s, t)| Bead {
            src: s.clone(),
            tgt: t.clone(),
            score: 1.0,
        }));
        (i, j) = (last.0.end, last.1.end);
    }
    gap(&mut out, i..n, j..m);
    out
}

impl Aligner {
    /// Like [`Aligner::align`] (or [`Aligner::align_paragraphs`] when
    /// `paragraphs`), never producing a bead of `forbidden` (ranges into
    /// `src` and `tgt`).
    pub fn align_avoiding(
        &self,
        src: &[Sentence],
        tgt: &[Sentence],
        paragraphs: bool,
        forbidden: &[Grouping],
    ) -> Vec<Bead> {
        let mut cfg = self.config().clone();
        if paragraphs {
            cfg.params = cfg.params.for_paragraphs();
        }
        let chinese =
            |u: &[Sentence]| u.iter().filter(|s| s.lang.is_chinese()).count() * 2 > u.len();
        if !paragraphs && !chinese(src) && chinese(tgt) {
            let swapped: Vec<Grouping> = forbidden
                .iter()
                .map(|(s, t)| (t.clone(), s.clone()))
                .collect();
            super::pass::align_avoiding(tgt, src, self.lexicon(), &cfg, &swapped)
                .into_iter()
                .map(|(b, _)| Bead {
                    src: b.tgt,
                    tgt: b.src,
                    score: b.score,
                })
                .collect()
        } else {
            super::pass::align_avoiding(src, tgt, self.lexicon(), &cfg, forbidden)
                .into_iter()
                .map(|(b, _)| b)
                .collect()
        }
    }
}

fn contains(outer: &Range<usize>, inner: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

fn shift(r: &Range<usize>, by: usize) -> Range<usize> {
    r.start - by..r.end - by
}

/// True when `beads` cover `s` × `t` exactly, in order, each unit once.
fn tiles(beads: &[&Bead], s: &Range<usize>, t: &Range<usize>) -> bool {
    let (mut i, mut j) = (s.start, t.start);
    for b in beads {
        if b.src.start != i || b.tgt.start != j || b.src.end < i || b.tgt.end < j {
            return false;
        }
        (i, j) = (b.src.end, b.tgt.end);
    }
    i == s.end && j == t.end
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// One bead per unit pair, then the rest alone: a stand-in aligner
    /// that honours `forbidden` by splitting such a bead in two.
    fn diagonal(s: Range<usize>, t: Range<usize>, forbidden: &[Grouping]) -> Vec<Bead> {
        let mut v = Vec::new();
        let k = s.len().min(t.len());
        for x in 0..k {
            let (bs, bt) = (x..x + 1, x..x + 1);
            if forbidden.contains(&(bs.clone(), bt.clone())) {
                v.push(Bead {
                    src: bs,
                    tgt: x..x,
                    score: 0.5,
                });
                v.push(Bead {
                    src: x + 1..x + 1,
                    tgt: bt,
                    score: 0.5,
                });
            } else {
                v.push(Bead {
                    src: bs,
                    tgt: bt,
                    score: 0.5,
                });
            }
        }
        v.extend((k..s.len()).map(|x| Bead {
            src: x..x + 1,
            tgt: t.len().min(k)..k,
            score: 0.5,
        }));
        v.extend((k..t.len()).map(|y| Bead {
            src: s.len()..s.len(),
            tgt: y..y + 1,
            score: 0.5,
        }));
        v
    }

    fn valid(beads: &[Bead], n: usize, m: usize) -> bool {
        let refs: Vec<&Bead> = beads.iter().collect();
        tiles(&refs, &(0..n), &(0..m))
    }

    #[test]
    fn free_beads_are_kept_where_the_gaps_allow() {
        let free = diagonal(0..5, 0..5, &[]);
        let fixed = vec![vec![(1..3, 1..2), (3..3, 2..3)]];
        let got = align_through(5, 5, &free, &fixed, &[], diagonal);
        assert!(valid(&got, 5, 5), "{got:?}");
        assert_eq!(got[0], free[0]);
        assert_eq!(
            (got[1].src.clone(), got[1].tgt.clone(), got[1].score),
            (1..3, 1..2, 1.0)
        );
        assert_eq!((got[2].src.clone(), got[2].tgt.clone()), (3..3, 2..3));
        assert_eq!(&got[3..], &free[3..]);
    }

    #[test]
    fn a_rejected_bead_is_realigned() {
        let free = diagonal(0..3, 0..3, &[]);
        let got = align_through(3, 3, &free, &[], &[(1..2, 1..2)], diagonal);
        assert!(valid(&got, 3, 3));
        assert!(!got
            .iter()
            .any(|b| (b.src.clone(), b.tgt.clone()) == (1..2, 1..2)));
    }

    proptest! {
        #[test]
        fn every_fixed_bead_is_kept_and_the_result_is_valid(
            n in 0usize..12, m in 0usize..12, cuts in proptest::collection::vec((0usize..12, 0usize..12, 0usize..3, 0usize..3), 0..4),
            rej in proptest::collection::vec((0usize..12, 0usize..12), 0..3),
        ) {
            // Fixed runs from sorted, non-overlapping random cuts.
            let mut fixed: Vec<Vec<Grouping>> = Vec::new();
            let (mut i, mut j) = (0, 0);
            let mut cuts = cuts;
            cuts.sort_unstable();
            for (a, b, ls, lt) in cuts {
                let (a, b) = (a.max(i), b.max(j));
                if a + ls > n || b + lt > m || (ls == 0 && lt == 0) { continue; }
                fixed.push(vec![(a..a + ls, b..b + lt)]);
                (i, j) = (a + ls, b + lt);
            }
            let forbidden: Vec<Grouping> = rej.into_iter().map(|(a, b)| (a..a + 1, b..b + 1)).collect();
            let free = diagonal(0..n, 0..m, &[]);
            let got = align_through(n, m, &free, &fixed, &forbidden, diagonal);
            prop_assert!(valid(&got, n, m), "{:?}", got);
            for run in &fixed {
                for g in run {
                    prop_assert!(got.iter().any(|b| (b.src.clone(), b.tgt.clone()) == *g && b.score == 1.0));
                }
            }
            let locked: Vec<&Grouping> = fixed.iter().flatten().collect();
            for f in &forbidden {
                if !locked.contains(&f) {
                    prop_assert!(!got.iter().any(|b| (b.src.clone(), b.tgt.clone()) == *f));
                }
            }
        }
    }
}
