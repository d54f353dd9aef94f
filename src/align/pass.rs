//! Sentence alignment of one pair of unit sequences, in two passes.
//!
//! Takes source and target units (sentences or paragraphs), the lexicon and
//! the configuration; gives beads covering every unit once, in order, with
//! scores. Pass one aligns with the lexicon, evidence, length and priors;
//! the confident beads of pass one re-estimate the length variance and
//! train a Model 1 table; pass two realigns with both. The band is the
//! whole matrix for chapter-sized inputs and a corridor around the
//! diagonal (widened when the path runs along its edge) for long ones.

use super::bead::Bead;
use super::calibrate;
use super::cost::{CostModel, Features};
use super::dp::{self, Band};
use super::encode::{Encoded, Evidence};
use super::length::LengthModel;
use super::lexicon::Lexicon;
use super::model1;
use super::shape::{MAX_SIDE, SHAPES};
use super::AlignConfig;
use crate::segment::Sentence;
use std::ops::Range;

/// Largest matrix (cells) searched whole.
const FULL_CELLS: usize = 4_000_000;

/// Half-width of the corridor for long inputs, in target units.
const MIN_WIDTH: usize = 60;

/// Widenings tried when the path touches the corridor's edge.
const MAX_WIDENINGS: usize = 2;

/// Aligns `src` with `tgt` (source is the Chinese side when the sides
/// differ in language).
pub fn align(
    src: &[Sentence],
    tgt: &[Sentence],
    lex: &Lexicon,
    cfg: &AlignConfig,
) -> Vec<(Bead, Features)> {
    let c = &cfg.components;
    let ev = Evidence {
        lexicon: c.lexicon,
        names_numbers: c.names_numbers,
    };
    let mut params = cfg.params.clone();
    if !c.priors {
        params.prior_scale = 0.0;
    }
    let mut enc = Encoded::new(src, tgt, lex, ev);
    let (n, m) = (src.len(), tgt.len());
    let mut length = LengthModel::fit(&enc.src.chars, &enc.tgt.chars, params.len_var);

    let mut width = MIN_WIDTH.max(n.abs_diff(m) / 4);
    let mut path = None;
    let mut band = Band::full(n, m);
    for attempt in 0..=MAX_WIDENINGS {
        band = if n * m <= FULL_CELLS {
            Band::full(n, m)
        } else {
            Band::around(&diagonal(n, m), width, m)
        };
        let masks = enc.masks(&windows(&band, n, m));
        let cm = CostModel::new(&enc, &masks, length, &params);
        let p = dp::search(n, m, &band, &SHAPES, |s, t| cm.cost(s, t));
        let retry = p.touched_edge && n * m > FULL_CELLS && attempt < MAX_WIDENINGS;
        path = Some(p);
        if !retry {
            break;
        }
        width *= 2;
    }
    let Some(mut path) = path else {
        return Vec::new();
    };

    if c.model1 || c.refit_length {
        let masks = enc.masks(&windows(&band, n, m));
        let cm = CostModel::new(&enc, &masks, length, &params);
        let confident = confident(&path.steps, &cm, params.confident_share);
        if c.refit_length {
            let lens: Vec<(f32, f32)> = confident
                .iter()
                .map(|(s, t)| {
                    (
                        s.clone().map(|i| enc.src.chars[i]).sum(),
                        t.clone().map(|j| enc.tgt.chars[j]).sum(),
                    )
                })
                .collect();
            length.refit_var(&lens);
        }
        if c.model1 {
            let learned = model1::learn(&enc, &confident, params.m1_threshold, params.m1_min_count);
            enc.add_targets(&learned);
        }
        let masks = enc.masks(&windows(&band, n, m));
        let cm = CostModel::new(&enc, &masks, length, &params);
        path = dp::search(n, m, &band, &SHAPES, |s, t| cm.cost(s, t));
    }

    let masks = enc.masks(&windows(&band, n, m));
    let cm = CostModel::new(&enc, &masks, length, &params);
    path.steps
        .into_iter()
        .map(|st| {
            let f = cm.features(st.src.clone(), st.tgt.clone());
            let shape = super::Shape {
                src: st.src.len(),
                tgt: st.tgt.len(),
            };
            let bead = Bead {
                score: calibrate::score(&params.calibration, &f, shape),
                src: st.src,
                tgt: st.tgt,
            };
            (bead, f)
        })
        .collect()
}

/// The non-null beads of `steps` with the highest similarity (`share` of
/// them), in document order.
fn confident(
    steps: &[dp::Step],
    cm: &CostModel<'_>,
    share: f32,
) -> Vec<(Range<usize>, Range<usize>)> {
    let mut scored: Vec<(f32, usize)> = steps
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.src.is_empty() && !s.tgt.is_empty())
        .map(|(k, s)| (cm.features(s.src.clone(), s.tgt.clone()).sim, k))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.truncate(((scored.len() as f32) * share).ceil() as usize);
    let mut keep: Vec<usize> = scored.into_iter().map(|x| x.1).collect();
    keep.sort_unstable();
    keep.into_iter()
        .map(|k| (steps[k].src.clone(), steps[k].tgt.clone()))
        .collect()
}

/// Target position expected at each source position on the diagonal.
fn diagonal(n: usize, m: usize) -> Vec<usize> {
    (0..=n)
        .map(|i| (i * m).checked_div(n).unwrap_or(m))
        .collect()
}

/// For each source unit, the target units it can share a bead with inside
/// `band`.
fn windows(band: &Band, n: usize, m: usize) -> Vec<Range<usize>> {
    (0..n)
        .map(|u| {
            let first = band.cols(u + 1).start.saturating_sub(MAX_SIDE);
            let last = band.cols((u + MAX_SIDE).min(n)).end.min(m);
            first..last.max(first)
        })
        .collect()
}
