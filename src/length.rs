//! The length model: how long a translation is for a source of a given
//! length, estimated from the document pair itself. One home for both
//! uses: the aligner prices a candidate bead by its length
//! ([`LengthModel::bead_cost`]), the checks find beads whose lengths lie
//! far outside the pair's own model ([`LengthModel::z`]).
//!
//! Lengths are [`chars`]: characters, whitespace excluded. The model says
//! the log ratio `ln(target / source)` of a faithful bead is about normal,
//! with a centre (Chinese → English is about 1 : 3, so a fixed 1 : 1 model
//! collapses) and a spread. Two fits: the aligner's from the pair's total
//! lengths (before any bead is known), the checks' robust one over the
//! aligned beads.

use crate::document::Lang;
use crate::record::BeadRecord;

/// Characters of `text` that count for length: all but whitespace.
pub fn chars(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// How target length follows source length in one document pair.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LengthModel {
    /// Typical log ratio `ln(target / source)`.
    pub center: f64,
    /// Spread (standard deviation) of the log ratio of a faithful bead.
    pub spread: f64,
    /// Beads a robust fit used (0 for a prior or a fit from totals).
    pub beads: usize,
}

/// Beads needed before the pair's own robust fit replaces the prior.
const MIN_BEADS: usize = 8;

/// Smallest spread a robust fit gives: a pair of near-identical ratios
/// must not make every small wobble an outlier.
const MIN_SPREAD: f64 = 0.2;

/// Spread of the prior: measured on UN-style reports.
const PRIOR_SPREAD: f64 = 0.35;

/// English characters per Chinese character in the prior (UN-style
/// reports).
const EN_PER_ZH: f64 = 3.0;

/// Beads shorter than this (characters, either side) are left out of the
/// robust fit: their ratios are noise.
const MIN_FIT_CHARS: usize = 4;

impl LengthModel {
    /// The aligner's fit, before any bead is known: the ratio of the
    /// pair's total target to total source characters (1 when a side is
    /// empty), with the prior variance `var` of the log ratio.
    pub fn of_totals(src_chars: &[f32], tgt_chars: &[f32], var: f32) -> LengthModel {
        let s: f32 = src_chars.iter().sum();
        let t: f32 = tgt_chars.iter().sum();
        let ratio = if s > 0.0 && t > 0.0 { t / s } else { 1.0 };
        LengthModel {
            center: f64::from(ratio).ln(),
            spread: f64::from(var).sqrt(),
            beads: 0,
        }
    }

    /// The checks' fit over the (source, target) lengths of a pair's beads
    /// with both sides: median and MAD of the log ratio, so the outliers
    /// it is meant to find do not bend it. With fewer than
    /// [`MIN_BEADS`] usable beads, the prior for the languages.
    pub fn robust(
        lens: impl IntoIterator<Item = (usize, usize)>,
        src: Option<Lang>,
        tgt: Option<Lang>,
    ) -> LengthModel {
        let mut xs: Vec<f64> = lens
            .into_iter()
            .filter(|&(s, t)| s >= MIN_FIT_CHARS && t >= MIN_FIT_CHARS)
            .map(|(s, t)| log_ratio(s, t))
            .collect();
        if xs.len() < MIN_BEADS {
            return LengthModel::prior(src, tgt);
        }
        xs.sort_by(f64::total_cmp);
        let center = median(&xs);
        let mut dev: Vec<f64> = xs.iter().map(|x| (x - center).abs()).collect();
        dev.sort_by(f64::total_cmp);
        // 1.4826 × MAD estimates the standard deviation of a normal.
        let spread = (1.4826 * median(&dev)).max(MIN_SPREAD);
        LengthModel {
            center,
            spread,
            beads: xs.len(),
        }
    }

    /// [`LengthModel::robust`] over the beads of one pair's records that
    /// have both sides.
    pub fn fit(records: &[BeadRecord]) -> LengthModel {
        let lens = records
            .iter()
            .filter(|r| !r.src.is_empty() && !r.tgt.is_empty())
            .map(|r| (texts_chars(&r.src), texts_chars(&r.tgt)));
        let first = records.first();
        LengthModel::robust(lens, first.map(|r| r.src_lang), first.map(|r| r.tgt_lang))
    }

    /// A prior for the language pair: English runs about three characters
    /// per Chinese character.
    pub fn prior(src: Option<Lang>, tgt: Option<Lang>) -> LengthModel {
        let zh = |l: Option<Lang>| l.is_some_and(Lang::is_chinese);
        let center = match (zh(src), zh(tgt)) {
            (true, false) => EN_PER_ZH.ln(),
            (false, true) => (1.0 / EN_PER_ZH).ln(),
            _ => 0.0,
        };
        LengthModel {
            center,
            spread: PRIOR_SPREAD,
            beads: 0,
        }
    }

    /// How many spreads a bead's log ratio lies from the centre: negative
    /// when the target is shorter than expected.
    pub fn z(&self, src_len: usize, tgt_len: usize) -> f64 {
        (log_ratio(src_len, tgt_len) - self.center) / self.spread
    }

    /// The model as the aligner's search prices beads (in `f32`).
    pub fn bead_cost(&self) -> BeadCost {
        BeadCost {
            ratio: self.center.exp() as f32,
            var: (self.spread * self.spread) as f32,
        }
    }
}

/// Pseudo-characters the aligner adds to both sides of a bead, so that
/// short units are not judged on noise.
const SMOOTH: f32 = 8.0;

/// Bounds on the aligner's re-estimated variance of the log ratio.
const VAR_RANGE: (f32, f32) = (0.04, 1.0);

/// A [`LengthModel`] as the aligner's search uses it, millions of times
/// per document: `f32`, the ratio and variance ready.
#[derive(Debug, Clone, Copy)]
pub struct BeadCost {
    /// Expected target characters per source character.
    pub ratio: f32,
    /// Variance of the log length ratio of a correct bead.
    pub var: f32,
}

impl BeadCost {
    /// The aligner's model of a pair from its units' lengths (see
    /// [`LengthModel::of_totals`]).
    pub fn fit(src_chars: &[f32], tgt_chars: &[f32], var: f32) -> BeadCost {
        LengthModel::of_totals(src_chars, tgt_chars, var).bead_cost()
    }

    /// Log-ratio of a bead's target length to the expected one (smoothed).
    pub fn log_ratio(&self, src_len: f32, tgt_len: f32) -> f32 {
        ((tgt_len + SMOOTH) / (self.ratio * src_len + SMOOTH)).ln()
    }

    /// The log of a bead's smoothed target length: [`BeadCost::log_ratio`]
    /// is `log_tgt(tgt_len) - log_src(src_len)` (up to rounding), so a
    /// search can take the logs of each side's spans once.
    pub fn log_tgt(&self, tgt_len: f32) -> f32 {
        (tgt_len + SMOOTH).ln()
    }

    /// The log of a bead's smoothed expected target length (see
    /// [`BeadCost::log_tgt`]).
    pub fn log_src(&self, src_len: f32) -> f32 {
        (self.ratio * src_len + SMOOTH).ln()
    }

    /// Cost of a bead whose log length ratio is `r`.
    pub fn cost_of_log_ratio(&self, r: f32) -> f32 {
        r * r / (2.0 * self.var)
    }

    /// Re-estimates the variance from the (source, target) lengths of
    /// beads believed correct; the largest 10% are ignored as outliers.
    pub fn refit_var(&mut self, beads: &[(f32, f32)]) {
        let mut sq: Vec<f32> = beads
            .iter()
            .map(|&(s, t)| self.log_ratio(s, t).powi(2))
            .collect();
        if sq.len() < 20 {
            return;
        }
        sq.sort_by(f32::total_cmp);
        sq.truncate(sq.len() * 9 / 10);
        // The trimmed mean of a squared normal underestimates its
        // variance; 1.6 undoes the trimming of the top 10%.
        let v = 1.6 * sq.iter().sum::<f32>() / sq.len() as f32;
        self.var = v.clamp(VAR_RANGE.0, VAR_RANGE.1);
    }
}

/// [`chars`] of several units.
fn texts_chars(units: &[crate::record::BeadUnit]) -> usize {
    units.iter().map(|u| chars(&u.text)).sum()
}

/// Log ratio of target to source length (one pseudo-character each, so
/// an empty side stays finite).
fn log_ratio(src: usize, tgt: usize) -> f64 {
    ((tgt as f64 + 1.0) / (src as f64 + 1.0)).ln()
}

fn median(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    if n == 0 {
        return 0.0;
    }
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratio_comes_from_the_pair() {
        let m = BeadCost::fit(&[10.0, 20.0], &[30.0, 60.0], 0.1);
        assert!((m.ratio - 3.0).abs() < 1e-6);
        assert!(m.cost_of_log_ratio(m.log_ratio(10.0, 30.0)) < 1e-6);
        assert!(m.log_ratio(10.0, 90.0) > m.log_ratio(10.0, 40.0));
    }

    #[test]
    fn bead_cost_keeps_the_f32_figures_exactly() {
        // The aligner's numbers must not move by passing through the
        // shared f64 model.
        for (s, t, v) in [(10.0, 31.0, 0.1), (7.0, 3.0, 0.3), (123.0, 389.0, 0.07)] {
            let m = BeadCost::fit(&[s], &[t], v);
            assert_eq!(m.ratio, t / s);
            assert_eq!(m.var, v);
        }
        assert_eq!(BeadCost::fit(&[], &[3.0], 0.2).ratio, 1.0);
    }

    #[test]
    fn variance_refits_and_stays_bounded() {
        let mut m = BeadCost::fit(&[1.0], &[3.0], 0.5);
        let beads: Vec<(f32, f32)> = (0..50).map(|k| (20.0, 60.0 + (k % 5) as f32)).collect();
        m.refit_var(&beads);
        assert!(m.var >= VAR_RANGE.0 && m.var < 0.5);
    }

    #[test]
    fn robust_fit_finds_the_pair_ratio_and_outliers_stand_out() {
        let mut lens: Vec<(usize, usize)> = (0..20).map(|i| (10 + i, 2 * (10 + i))).collect();
        lens.push((40, 10));
        let m = LengthModel::robust(lens, Some(Lang::ZhHans), Some(Lang::En));
        assert!((m.center - 2.0f64.ln()).abs() < 0.1, "{m:?}");
        assert!(m.z(40, 10) < -3.0);
        assert!(m.z(20, 40).abs() < 1.0);
    }

    #[test]
    fn few_beads_use_the_prior() {
        let m = LengthModel::robust([(4, 4)], Some(Lang::ZhHans), Some(Lang::En));
        assert_eq!(m.beads, 0);
        assert!((m.center - 3.0f64.ln()).abs() < 1e-9);
    }

    #[test]
    fn length_ignores_whitespace() {
        assert_eq!(chars(" 会 议\n ok "), 4);
    }
}
