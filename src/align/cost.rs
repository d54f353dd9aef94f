//! Every scorer of a bead, and the one place they combine into a cost.
//!
//! Takes an encoded document pair, its pair masks, its length model and the
//! parameters; gives the cost of a candidate bead (lower is better) and the
//! features the confidence score is computed from. The lexical part is
//! fair across bead sizes: it is the share of the bead's matchable item
//! weight that the other side explains, charged per unit, so merging a unit
//! only pays when it brings its own translation with it.

use super::bead::Shape;
use super::encode::{Encoded, Masks};
use super::params::Params;
use super::shape::{self, MAX_SIDE, MAX_UNITS, SHAPES};
use crate::length::BeadCost;
use std::ops::Range;
use std::sync::Arc;

/// What is known about one candidate bead.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Features {
    /// Weighted share of both sides' matchable items explained by the other
    /// side, in [0, 1].
    pub sim: f32,
    /// Log of target length over expected target length.
    pub log_ratio: f32,
    /// Matchable item weight on both sides (how much evidence `sim` rests
    /// on).
    pub mass: f32,
    /// How much more the best local alternative costs (the neighbouring
    /// beads regrouped without this one); 0 until computed by the search
    /// driver.
    pub margin: f32,
}

/// Explained-weight table of one cell (see `CostModel::explained`).
type Table = [[f32; MAX_SIDE + 1]; MAX_SIDE + 1];

/// The cost model of one document pair.
pub struct CostModel<'a> {
    enc: &'a Encoded,
    masks: &'a Masks,
    /// Length model in use.
    pub length: BeadCost,
    params: &'a Params,
    /// Prefix sums over units of the matchable weight the lexical cost is
    /// charged against (see [`CostModel::with_totals`]), per side; shared
    /// with [`CostModel::with_masks`] copies.
    src_total: Arc<[f32]>,
    tgt_total: Arc<[f32]>,
    /// Scaled prior of each shape of [`SHAPES`].
    prior: [f32; SHAPES.len()],
    /// Logs of the smoothed lengths of the spans ending at each position
    /// (`[i][s]`: the `s` units before `i`; see [`BeadCost::log_src`]):
    /// one `ln` per span instead of one per candidate bead.
    src_logs: Arc<[[f32; MAX_SIDE + 1]]>,
    tgt_logs: Arc<[[f32; MAX_SIDE + 1]]>,
}

/// `logs[i][s] = log(prefix[i] - prefix[i - s])` for `1 ≤ s ≤ min(i, MAX_SIDE)`.
fn span_logs(prefix: &[f32], log: impl Fn(f32) -> f32) -> Arc<[[f32; MAX_SIDE + 1]]> {
    (0..prefix.len())
        .map(|i| {
            let mut row = [0.0; MAX_SIDE + 1];
            for (s, r) in row.iter_mut().enumerate().take(i.min(MAX_SIDE) + 1).skip(1) {
                *r = log(prefix[i] - prefix[i - s]);
            }
            row
        })
        .collect()
}

/// `0, x0, x0 + x1, …`
fn prefix(xs: &[f32]) -> Vec<f32> {
    let mut out = Vec::with_capacity(xs.len() + 1);
    let mut sum = 0.0f32;
    out.push(sum);
    for &x in xs {
        sum += x;
        out.push(sum);
    }
    out
}

impl<'a> CostModel<'a> {
    /// A cost model over `enc` within the band `masks` was computed for.
    pub fn new(
        enc: &'a Encoded,
        masks: &'a Masks,
        length: BeadCost,
        params: &'a Params,
    ) -> CostModel<'a> {
        let mut prior = [0.0; SHAPES.len()];
        for (p, q) in prior.iter_mut().zip(&params.prior) {
            *p = params.prior_scale * q;
        }
        let (src_chars, tgt_chars) = (prefix(&enc.src.chars), prefix(&enc.tgt.chars));
        CostModel {
            enc,
            masks,
            length,
            params,
            src_total: prefix(&enc.src.total).into(),
            tgt_total: prefix(&enc.tgt.total).into(),
            prior,
            src_logs: span_logs(&src_chars, |l| length.log_src(l)),
            tgt_logs: span_logs(&tgt_chars, |l| length.log_tgt(l)),
        }
    }

    /// The same model over other pair masks (a piece of the search with
    /// its own rows); the per-unit tables are shared, not recomputed.
    pub fn with_masks<'b>(&self, masks: &'b Masks) -> CostModel<'b>
    where
        'a: 'b,
    {
        CostModel {
            enc: self.enc,
            masks,
            length: self.length,
            params: self.params,
            src_total: self.src_total.clone(),
            tgt_total: self.tgt_total.clone(),
            prior: self.prior,
            src_logs: self.src_logs.clone(),
            tgt_logs: self.tgt_logs.clone(),
        }
    }

    /// Charges the lexical cost against these per-unit matchable weights
    /// instead of all matchable items (the features keep all of them).
    pub fn with_totals(mut self, src: &[f32], tgt: &[f32]) -> CostModel<'a> {
        self.src_total = prefix(src).into();
        self.tgt_total = prefix(tgt).into();
        self
    }

    /// The cost of every bead of [`SHAPES`] ending at source position `i`
    /// and target position `j`, added to `acc` (the search's running
    /// totals; see [`super::dp::search_cells`]). The same numbers as
    /// [`CostModel::cost`], computed together: the units' explained weight
    /// grows one neighbour at a time, so each mask bit is weighed once per
    /// cell; lengths and totals come from prefix sums; a shape whose length
    /// and prior alone already cost more than the best bead found so far is
    /// not scored (it cannot win).
    pub fn relax(&self, i: usize, j: usize, acc: &mut [f32]) {
        let p = self.params;
        let mut best = f32::INFINITY;
        let edge = self.boundary(i, j);
        if edge > 0.0 {
            for a in acc.iter_mut() {
                *a += edge;
            }
        }
        // Nulls and 1-1 first: they bound the rest.
        for (k, a) in acc.iter_mut().enumerate().take(3) {
            if !a.is_finite() {
                continue;
            }
            *a += if k == 0 {
                self.bead_cost(i, j, 1, 1, self.covered_one(i, j), k)
            } else {
                p.skip + self.prior[k]
            };
            best = best.min(*a);
        }
        // Length and prior of the larger shapes; which of them survive.
        let (mut max_s, mut max_t) = (0, 0);
        for (k, s) in SHAPES.iter().enumerate().skip(3) {
            if !acc[k].is_finite() {
                continue;
            }
            let lower = acc[k] + self.prior[k];
            if lower >= best {
                acc[k] = f32::INFINITY;
                continue;
            }
            let lr = self.log_ratio(i, j, s.src, s.tgt);
            let lower = lower + p.len_weight * self.length.cost_of_log_ratio(lr);
            if lower >= best {
                acc[k] = f32::INFINITY;
                continue;
            }
            // Keep the length and prior part; the lexical part follows.
            acc[k] = lower;
            max_s = max_s.max(s.src);
            max_t = max_t.max(s.tgt);
        }
        if max_s == 0 {
            return;
        }
        let (pa, pb) = self.explained(i, j, max_s, max_t);
        for (k, s) in SHAPES.iter().enumerate().skip(3) {
            if acc[k].is_finite() {
                let covered = pa[s.src][s.tgt] + pb[s.tgt][s.src];
                acc[k] += self.lexical_cost(i, j, s.src, s.tgt, covered);
            }
        }
    }

    /// Cost of a bead boundary after source unit `i - 1` and target unit
    /// `j - 1`: inside quoted speech on one side only.
    fn boundary(&self, i: usize, j: usize) -> f32 {
        let q = |side: &super::encode::Side, u: usize| u > 0 && side.quoted[u - 1];
        if q(&self.enc.src, i) != q(&self.enc.tgt, j) {
            self.params.quote_penalty
        } else {
            0.0
        }
    }

    /// Explained weight of the 1-1 bead ending at (i, j).
    fn covered_one(&self, i: usize, j: usize) -> f32 {
        let (a, b) = self.masks.get(i - 1, j - 1);
        self.enc.src.masked_weight(i - 1, a) + self.enc.tgt.masked_weight(j - 1, b)
    }

    /// `pa[s][t]`: weight of the last `s` source units before `i` explained
    /// by the last `t` target units before `j`; `pb[t][s]` the other way
    /// round (for `s + t ≤ MAX_UNITS`, `s ≤ max_s`, `t ≤ max_t`).
    // Row a + 1 of a table adds unit a to row a: indices say it plainest.
    #[allow(clippy::needless_range_loop)]
    fn explained(&self, i: usize, j: usize, max_s: usize, max_t: usize) -> (Table, Table) {
        let (e, m) = (self.enc, self.masks);
        let mut pa = [[0.0f32; MAX_SIDE + 1]; MAX_SIDE + 1];
        for a in 0..max_s {
            let u = i - 1 - a;
            let (mut mask, mut w) = (0u64, 0.0f32);
            for t in 1..=max_t.min(MAX_UNITS - 1 - a) {
                let new = m.get(u, j - t).0 & !mask;
                if new != 0 {
                    w += e.src.masked_weight(u, new);
                    mask |= new;
                }
                pa[a + 1][t] = pa[a][t] + w;
            }
        }
        let mut pb = [[0.0f32; MAX_SIDE + 1]; MAX_SIDE + 1];
        for b in 0..max_t {
            let v = j - 1 - b;
            let (mut mask, mut w) = (0u64, 0.0f32);
            for s in 1..=max_s.min(MAX_UNITS - 1 - b) {
                let new = m.get(i - s, v).1 & !mask;
                if new != 0 {
                    w += e.tgt.masked_weight(v, new);
                    mask |= new;
                }
                pb[b + 1][s] = pb[b][s] + w;
            }
        }
        (pa, pb)
    }

    /// Log length ratio of the bead of `s` source units ending at `i` and
    /// `t` target units ending at `j`.
    fn log_ratio(&self, i: usize, j: usize, s: usize, t: usize) -> f32 {
        self.tgt_logs[j][t] - self.src_logs[i][s]
    }

    /// Cost of a non-null bead from its explained weight (as
    /// [`CostModel::cost`]).
    fn bead_cost(&self, i: usize, j: usize, s: usize, t: usize, covered: f32, k: usize) -> f32 {
        let lr = self.log_ratio(i, j, s, t);
        self.lexical_cost(i, j, s, t, covered)
            + self.params.len_weight * self.length.cost_of_log_ratio(lr)
            + self.prior[k]
    }

    /// The lexical part of a bead's cost from its explained weight.
    fn lexical_cost(&self, i: usize, j: usize, s: usize, t: usize, covered: f32) -> f32 {
        let p = self.params;
        let total =
            self.src_total[i] - self.src_total[i - s] + self.tgt_total[j] - self.tgt_total[j - t];
        // At most 1: the totals charged against may leave out weight the
        // bead explains (see `with_totals`); the cost stays non-negative,
        // which the pruning in `relax` relies on.
        let sim = (covered / (total + p.sim_smooth * (s + t) as f32)).min(1.0);
        p.lex_weight * (1.0 - sim) * (s + t) as f32
    }

    /// Features of the bead grouping `src` with `tgt`.
    pub fn features(&self, src: Range<usize>, tgt: Range<usize>) -> Features {
        let units = (src.len() + tgt.len()) as f32;
        let (covered, total, src_len, tgt_len) = self.measure(src, tgt);
        Features {
            sim: covered / (total + self.params.sim_smooth * units),
            log_ratio: self.length.log_ratio(src_len, tgt_len),
            mass: total,
            margin: 0.0,
        }
    }

    /// Explained weight, matchable weight, source and target characters of
    /// the bead grouping `src` with `tgt`.
    fn measure(&self, src: Range<usize>, tgt: Range<usize>) -> (f32, f32, f32, f32) {
        let (e, m) = (self.enc, self.masks);
        let (mut covered, mut total) = (0.0f32, 0.0f32);
        let (mut src_len, mut tgt_len) = (0.0f32, 0.0f32);
        for i in src.clone() {
            let mut mask = 0u64;
            for j in tgt.clone() {
                mask |= m.get(i, j).0;
            }
            covered += e.src.masked_weight(i, mask);
            total += e.src.total[i];
            src_len += e.src.chars[i];
        }
        for j in tgt.clone() {
            let mut mask = 0u64;
            for i in src.clone() {
                mask |= m.get(i, j).1;
            }
            covered += e.tgt.masked_weight(j, mask);
            total += e.tgt.total[j];
            tgt_len += e.tgt.chars[j];
        }
        (covered, total, src_len, tgt_len)
    }

    /// How much of source unit `u`'s matchable weight the target units
    /// `tgt` explain, and that weight.
    pub fn src_unit_evidence(&self, u: usize, tgt: Range<usize>) -> (f32, f32) {
        let mask = tgt.fold(0u64, |mask, v| mask | self.masks.get(u, v).0);
        (self.enc.src.masked_weight(u, mask), self.enc.src.total[u])
    }

    /// How much of target unit `v`'s matchable weight the source units
    /// `src` explain, and how many matchable items it has.
    pub fn tgt_unit_evidence(&self, v: usize, src: Range<usize>) -> (f32, usize) {
        let side = &self.enc.tgt;
        let mask = src.fold(0u64, |mask, u| mask | self.masks.get(u, v).1);
        let items = side.items(v).filter(|&k| side.active[k]).count();
        (side.masked_weight(v, mask), items)
    }

    /// How much of the source units `src`'s matchable weight the target
    /// units `tgt` explain.
    pub fn src_explained(&self, src: Range<usize>, tgt: Range<usize>) -> f32 {
        src.map(|u| self.src_unit_evidence(u, tgt.clone()).0).sum()
    }

    /// Cost of the bead grouping `src` with `tgt`.
    pub fn cost(&self, src: Range<usize>, tgt: Range<usize>) -> f32 {
        let p = self.params;
        let s = Shape {
            src: src.len(),
            tgt: tgt.len(),
        };
        let prior = shape::index_of(s).map_or(f32::INFINITY, |k| p.prior_scale * p.prior[k]);
        let (i, j) = (src.end, tgt.end);
        let edge = self.boundary(i, j);
        if shape::is_null(s) {
            return p.skip + prior + edge;
        }
        let (covered, _, src_len, tgt_len) = self.measure(src, tgt);
        edge + self.lexical_cost(i, j, s.src, s.tgt, covered)
            + p.len_weight
                * self
                    .length
                    .cost_of_log_ratio(self.length.log_ratio(src_len, tgt_len))
            + prior
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::encode::Evidence;
    use crate::align::lexicon::Lexicon;
    use crate::segment::Segmenter;
    use crate::Lang;

    /// `relax` gives every shape the cost `cost` gives it (or prunes a
    /// shape that cannot beat the best one).
    #[test]
    fn relax_agrees_with_cost() {
        let seg = Segmenter::new();
        let words = ["alpha", "beta", "gamma", "delta", "omega", "kappa", "sigma"];
        let text = |k: usize, n: usize| -> String {
            (0..n)
                .map(|x| words[(k * 3 + x * 5) % words.len()])
                .collect::<Vec<_>>()
                .join(" ")
        };
        let src: Vec<_> = (0..12)
            .map(|k| seg.unit(&text(k, 1 + k % 4), Lang::En))
            .collect();
        let tgt: Vec<_> = (0..14)
            .map(|k| seg.unit(&text(k + 1, 1 + k % 3), Lang::En))
            .collect();
        let ev = Evidence {
            lexicon: true,
            names_numbers: true,
            punctuation: 1.0,
        };
        let enc = Encoded::new(&src, &tgt, &Lexicon::empty(), ev);
        let windows: Vec<Range<usize>> = (0..src.len()).map(|_| 0..tgt.len()).collect();
        let masks = enc.masks(&windows);
        let params = Params::default();
        let length = BeadCost::fit(&enc.src.chars, &enc.tgt.chars, params.len_var);
        let plain = CostModel::new(&enc, &masks, length, &params);
        // Totals charged against: half of each unit's matchable weight.
        let half = |v: &[f32]| -> Vec<f32> { v.iter().map(|x| x / 2.0).collect() };
        let local = CostModel::new(&enc, &masks, length, &params)
            .with_totals(&half(&enc.src.total), &half(&enc.tgt.total));
        let mut scored = 0;
        for cm in [plain, local] {
            for i in 1..=src.len() {
                for j in 1..=tgt.len() {
                    let mut acc: Vec<f32> = SHAPES
                        .iter()
                        .map(|s| {
                            if s.src <= i && s.tgt <= j {
                                0.0
                            } else {
                                f32::INFINITY
                            }
                        })
                        .collect();
                    cm.relax(i, j, &mut acc);
                    let best = acc.iter().copied().fold(f32::INFINITY, f32::min);
                    for (k, s) in SHAPES.iter().enumerate() {
                        if s.src > i || s.tgt > j {
                            continue;
                        }
                        let c = cm.cost(i - s.src..i, j - s.tgt..j);
                        if acc[k].is_finite() {
                            assert!(
                                (acc[k] - c).abs() < 1e-4,
                                "{s} at {i},{j}: {} vs {c}",
                                acc[k]
                            );
                            scored += 1;
                        } else {
                            assert!(c >= best - 1e-4, "{s} at {i},{j} pruned: {c} < {best}");
                        }
                    }
                }
            }
        }
        assert!(scored > 400, "{scored}");
    }
}
