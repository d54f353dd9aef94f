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
use super::length::LengthModel;
use super::params::Params;
use super::shape;
use std::ops::Range;

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

/// The cost model of one document pair.
pub struct CostModel<'a> {
    enc: &'a Encoded,
    masks: &'a Masks,
    /// Length model in use.
    pub length: LengthModel,
    params: &'a Params,
}

impl<'a> CostModel<'a> {
    /// A cost model over `enc` within the band `masks` was computed for.
    pub fn new(
        enc: &'a Encoded,
        masks: &'a Masks,
        length: LengthModel,
        params: &'a Params,
    ) -> CostModel<'a> {
        CostModel {
            enc,
            masks,
            length,
            params,
        }
    }

    /// Features of the bead grouping `src` with `tgt`.
    pub fn features(&self, src: Range<usize>, tgt: Range<usize>) -> Features {
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
        Features {
            sim: covered / (total + self.params.sim_smooth),
            log_ratio: self.length.log_ratio(src_len, tgt_len),
            mass: total,
            margin: 0.0,
        }
    }

    /// Cost of the bead grouping `src` with `tgt`.
    pub fn cost(&self, src: Range<usize>, tgt: Range<usize>) -> f32 {
        let p = self.params;
        let s = Shape {
            src: src.len(),
            tgt: tgt.len(),
        };
        let prior = shape::index_of(s).map_or(f32::INFINITY, |k| p.prior_scale * p.prior[k]);
        if shape::is_null(s) {
            return p.skip + prior;
        }
        let f = self.features(src, tgt);
        let units = (s.src + s.tgt) as f32;
        p.lex_weight * (1.0 - f.sim) * units
            + p.len_weight * self.length.cost_of_log_ratio(f.log_ratio)
            + prior
    }
}
