//! The search: a banded dynamic programme over bead shapes.
//!
//! Takes the two unit counts, a [`Band`] (for every source row the range of
//! target positions allowed), the shapes, and a cost callback; gives the
//! monotone path of least total cost from (0, 0) to (n_src, n_tgt). It never
//! sees text. Time and memory grow with the band's area, so a band of fixed
//! width makes the search linear in document length.

use super::bead::Shape;
use std::ops::Range;

/// The cells the search may visit: for each source position `i` in
/// `0..=n_src`, the target positions `lo[i]..=hi[i]`.
#[derive(Debug, Clone)]
pub struct Band {
    lo: Vec<usize>,
    hi: Vec<usize>,
}

impl Band {
    /// The whole matrix.
    pub fn full(n_src: usize, n_tgt: usize) -> Band {
        Band {
            lo: vec![0; n_src + 1],
            hi: vec![n_tgt; n_src + 1],
        }
    }

    /// A band of half-width `width` around `centre[i]` (one target position
    /// per source position `0..=n_src`), made monotone and connected.
    pub fn around(centre: &[usize], width: usize, n_tgt: usize) -> Band {
        let n = centre.len();
        let mut lo: Vec<usize> = centre.iter().map(|&c| c.saturating_sub(width)).collect();
        let mut hi: Vec<usize> = centre.iter().map(|&c| (c + width).min(n_tgt)).collect();
        if n > 0 {
            lo[0] = 0;
            hi[n - 1] = n_tgt;
        }
        // Monotone: lo non-decreasing from the left, hi non-increasing
        // read from the right.
        for i in 1..n {
            lo[i] = lo[i].max(lo[i - 1]).min(n_tgt);
        }
        for i in (0..n.saturating_sub(1)).rev() {
            hi[i] = hi[i].min(hi[i + 1]);
        }
        for i in 0..n {
            hi[i] = hi[i].max(lo[i]);
        }
        // Connected: each row overlaps the previous one.
        for i in 1..n {
            if lo[i] > hi[i - 1] {
                lo[i] = hi[i - 1];
            }
        }
        Band { lo, hi }
    }

    /// The part of the band from cell `from` to cell `to` (source,
    /// target), renumbered from `from`: the band a search between two
    /// points its path is known to pass through runs in. Both points must
    /// lie in the band.
    pub fn between(&self, from: (usize, usize), to: (usize, usize)) -> Band {
        let rows = from.0..to.0 + 1;
        let lo = self.lo[rows.clone()]
            .iter()
            .map(|&l| l.clamp(from.1, to.1) - from.1);
        let hi = self.hi[rows]
            .iter()
            .map(|&h| h.clamp(from.1, to.1) - from.1);
        Band {
            lo: lo.collect(),
            hi: hi.collect(),
        }
    }

    /// Whether cell `(i, j)` lies on an inner edge of the band (one that
    /// is not the matrix's edge; `n_tgt` target units).
    pub fn on_edge(&self, i: usize, j: usize, n_tgt: usize) -> bool {
        let (lo, hi) = (self.lo[i], self.hi[i]);
        (j == lo && lo > 0) || (j == hi && hi < n_tgt)
    }

    /// Allowed target positions at source position `i`.
    pub fn cols(&self, i: usize) -> Range<usize> {
        self.lo[i]..self.hi[i] + 1
    }
}

/// One step of the best path: the units it groups and what it cost.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// Source units.
    pub src: Range<usize>,
    /// Target units.
    pub tgt: Range<usize>,
    /// The bead's cost as given by the callback.
    pub cost: f32,
}

/// The best path, and whether it ran along the band's edge (a hint that a
/// wider band could find a better one).
#[derive(Debug, Clone)]
pub struct Path {
    /// Steps in order, covering every unit exactly once.
    pub steps: Vec<Step>,
    /// True if some cell of the path lies on an inner edge of the band.
    pub touched_edge: bool,
}

/// Finds the least-cost monotone path through `band` using `shapes`;
/// `cost(src, tgt)` gives the cost of one bead (finite, or `f32::INFINITY`
/// to forbid it). Shapes with an empty side must be among `shapes` for every
/// input to have a path; if none exists, the remaining units are emitted as
/// insertions and deletions.
pub fn search(
    n_src: usize,
    n_tgt: usize,
    band: &Band,
    shapes: &[Shape],
    mut cost: impl FnMut(Range<usize>, Range<usize>) -> f32,
) -> Path {
    search_cells(n_src, n_tgt, band, shapes, |i, j, acc| {
        for (a, s) in acc.iter_mut().zip(shapes) {
            if a.is_finite() {
                *a += cost(i - s.src..i, j - s.tgt..j);
            }
        }
    })
}

/// Like [`search`], with every bead ending at one cell costed in one call:
/// `relax(i, j, acc)` receives in `acc[k]` the best total cost of the cell
/// where a bead of `shapes[k]` ending at `(i, j)` would start, less that of
/// the cheapest such cell (`f32::INFINITY` when that cell is unreachable
/// or outside the band), and
/// adds that bead's cost to each finite entry (or sets it to infinity to
/// forbid or prune it). Cost models that share work between the shapes of
/// a cell (as [`super::cost::CostModel::relax`] does) use this form.
pub fn search_cells(
    n_src: usize,
    n_tgt: usize,
    band: &Band,
    shapes: &[Shape],
    mut relax: impl FnMut(usize, usize, &mut [f32]),
) -> Path {
    // Row storage: costs and back-pointers (shape index + 1; 0 = none).
    let mut offset = Vec::with_capacity(n_src + 2);
    let mut total = 0usize;
    for i in 0..=n_src {
        offset.push(total);
        total += band.cols(i).len();
    }
    // Totals in f64: the f32 costs of a long search's late rows would
    // otherwise round away the differences that decide near-ties. The
    // cost callback sees them relative to the cell's cheapest start.
    let mut best = vec![f64::INFINITY; total];
    let mut back = vec![0u8; total];
    let at = |i: usize, j: usize| -> Option<usize> {
        let c = band.cols(i);
        c.contains(&j).then(|| offset[i] + j - c.start)
    };
    if let Some(k) = at(0, 0) {
        best[k] = 0.0;
    }
    let mut acc = vec![f32::INFINITY; shapes.len()];
    let mut start = vec![f64::INFINITY; shapes.len()];
    // For each row `i - a` a shape can start in: where its cells are
    // stored, its first column and its width (0 above the first row).
    let rows_back = shapes.iter().map(|s| s.src).max().unwrap_or(0) + 1;
    let mut prev = vec![(0usize, 0usize, 0usize); rows_back];
    for (i, &row) in offset.iter().enumerate() {
        for (a, p) in prev.iter_mut().enumerate() {
            *p = match i.checked_sub(a) {
                Some(r) => (offset[r], band.lo[r], band.hi[r] - band.lo[r] + 1),
                None => (0, 0, 0),
            };
        }
        for j in band.cols(i) {
            let here = row + j - band.lo[i];
            if i == 0 && j == 0 {
                continue;
            }
            let mut base = f64::INFINITY;
            for (t, s) in start.iter_mut().zip(shapes) {
                let (off, lo, len) = prev[s.src];
                // Wraps to a huge value when the start lies left of the
                // row (or of column 0): one comparison tests both ends.
                let c = j.wrapping_sub(s.tgt).wrapping_sub(lo);
                *t = if c < len {
                    best[off + c]
                } else {
                    f64::INFINITY
                };
                base = base.min(*t);
            }
            if base == f64::INFINITY {
                continue;
            }
            for (a, &t) in acc.iter_mut().zip(&start) {
                *a = (t - base) as f32;
            }
            relax(i, j, &mut acc);
            let (mut b, mut bk) = (f32::INFINITY, 0u8);
            for (k, &c) in acc.iter().enumerate() {
                if c < b {
                    b = c;
                    bk = k as u8 + 1;
                }
            }
            best[here] = base + b as f64;
            back[here] = bk;
        }
    }
    // Trace back.
    let mut steps = Vec::new();
    let mut touched_edge = false;
    let (mut i, mut j) = (n_src, n_tgt);
    let reachable = at(i, j).is_some_and(|k| back[k] != 0 || (i == 0 && j == 0));
    if !reachable {
        return fallback(n_src, n_tgt);
    }
    while i > 0 || j > 0 {
        let Some(k) = at(i, j) else {
            return fallback(n_src, n_tgt);
        };
        if band.on_edge(i, j, n_tgt) {
            touched_edge = true;
        }
        let sk = back[k];
        if sk == 0 {
            return fallback(n_src, n_tgt);
        }
        let s = shapes[sk as usize - 1];
        let (pi, pj) = (i - s.src, j - s.tgt);
        let prev = at(pi, pj).map_or(0.0, |p| best[p]);
        steps.push(Step {
            src: pi..i,
            tgt: pj..j,
            cost: (best[k] - prev) as f32,
        });
        i = pi;
        j = pj;
    }
    steps.reverse();
    Path {
        steps,
        touched_edge,
    }
}

/// Every unit alone (used only when the band admits no path).
fn fallback(n_src: usize, n_tgt: usize) -> Path {
    let mut steps: Vec<Step> = (0..n_src)
        .map(|i| Step {
            src: i..i + 1,
            tgt: 0..0,
            cost: 0.0,
        })
        .collect();
    steps.extend((0..n_tgt).map(|j| Step {
        src: n_src..n_src,
        tgt: j..j + 1,
        cost: 0.0,
    }));
    Path {
        steps,
        touched_edge: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::shape::SHAPES;

    fn covers(path: &Path, n: usize, m: usize) -> bool {
        let (mut i, mut j) = (0, 0);
        for s in &path.steps {
            if s.src.start != i || s.tgt.start != j {
                return false;
            }
            i = s.src.end;
            j = s.tgt.end;
        }
        i == n && j == m
    }

    #[test]
    fn finds_the_planted_path() {
        // Source unit i belongs with target units planted[i].
        let planted = [0..1, 1..3, 3..4, 4..4, 4..5];
        let cost = |s: std::ops::Range<usize>, t: std::ops::Range<usize>| {
            if s.len() == 1 && planted[s.start] == t {
                0.0
            } else {
                1.0 + (s.len() + t.len()) as f32
            }
        };
        let p = search(5, 5, &Band::full(5, 5), &SHAPES, cost);
        assert!(covers(&p, 5, 5));
        let got: Vec<_> = p.steps.iter().map(|s| s.tgt.clone()).collect();
        assert_eq!(got, planted.to_vec());
    }

    #[test]
    fn empty_sides_give_null_beads() {
        let p = search(0, 3, &Band::full(0, 3), &SHAPES, |_, _| 1.0);
        assert_eq!(p.steps.len(), 3);
        assert!(covers(&p, 0, 3));
        let p = search(2, 0, &Band::full(2, 0), &SHAPES, |_, _| 1.0);
        assert!(covers(&p, 2, 0));
    }

    proptest::proptest! {
        /// Whatever the costs and sizes, the path covers every unit once,
        /// in order, inside the full matrix and inside a narrow band.
        #[test]
        fn any_costs_give_a_covering_path(n in 0usize..25, m in 0usize..25, seed in 0u64..1000) {
            let cost = |s: std::ops::Range<usize>, t: std::ops::Range<usize>| {
                let h = (s.start * 31 + t.start * 17 + s.len() * 7 + t.len() * 3) as u64 ^ seed;
                (h % 97) as f32 / 10.0
            };
            let p = search(n, m, &Band::full(n, m), &SHAPES, cost);
            proptest::prop_assert!(covers(&p, n, m));
            let centre: Vec<usize> = (0..=n).map(|i| (i * m).checked_div(n).unwrap_or(m)).collect();
            let p = search(n, m, &Band::around(&centre, 2, m), &SHAPES, cost);
            proptest::prop_assert!(covers(&p, n, m));
        }
    }

    #[test]
    fn band_is_monotone_and_connected() {
        let centre = [0, 5, 1, 9, 9, 2];
        let b = Band::around(&centre, 1, 10);
        for i in 1..centre.len() {
            assert!(b.lo[i] >= b.lo[i - 1] && b.hi[i] >= b.hi[i - 1]);
            assert!(b.lo[i] <= b.hi[i - 1]);
        }
        assert_eq!(b.lo[0], 0);
        assert_eq!(b.hi[5], 10);
        let p = search(5, 10, &b, &SHAPES, |_, _| 1.0);
        assert!(covers(&p, 5, 10));
    }
}
