//! The pair's own length model: how long a target is for a source of a
//! given length, fitted robustly (median and MAD of the log ratio) over the
//! pair's beads, so a bead far outside it stands out.

use crate::document::Lang;
use crate::record::BeadRecord;

/// Robust fit of `ln(target length / source length)` over a pair's beads.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LengthModel {
    /// Typical log ratio (the median).
    pub center: f64,
    /// Robust spread (1.4826 × MAD, floored).
    pub spread: f64,
    /// Beads the fit used (0 when a prior was used).
    pub beads: usize,
}

/// Beads needed before the pair's own fit replaces the prior.
const MIN_BEADS: usize = 8;
/// Smallest spread allowed: a pair of near-identical ratios must not make
/// every small wobble an outlier.
const MIN_SPREAD: f64 = 0.2;

impl LengthModel {
    /// Fits the model over the beads that have both sides; falls back to a
    /// prior for the language pair when there are too few.
    pub fn fit(records: &[BeadRecord]) -> LengthModel {
        let mut xs: Vec<f64> = records
            .iter()
            .filter(|r| !r.src.is_empty() && !r.tgt.is_empty())
            .filter_map(|r| {
                let s = side_len(&r.src);
                let t = side_len(&r.tgt);
                (s >= 4 && t >= 4).then(|| log_ratio(s, t))
            })
            .collect();
        let prior = LengthModel::prior(
            records.first().map(|r| r.src_lang),
            records.first().map(|r| r.tgt_lang),
        );
        if xs.len() < MIN_BEADS {
            return prior;
        }
        xs.sort_by(f64::total_cmp);
        let center = median(&xs);
        let mut dev: Vec<f64> = xs.iter().map(|x| (x - center).abs()).collect();
        dev.sort_by(f64::total_cmp);
        let spread = (1.4826 * median(&dev)).max(MIN_SPREAD);
        LengthModel {
            center,
            spread,
            beads: xs.len(),
        }
    }

    /// A prior for the language pair: English runs about three characters
    /// per Chinese character (measured on UN-style reports).
    pub fn prior(src: Option<Lang>, tgt: Option<Lang>) -> LengthModel {
        let zh = |l: Option<Lang>| l.is_some_and(Lang::is_chinese);
        let center = match (zh(src), zh(tgt)) {
            (true, false) => 3.0f64.ln(),
            (false, true) => (1.0f64 / 3.0).ln(),
            _ => 0.0,
        };
        LengthModel {
            center,
            spread: 0.35,
            beads: 0,
        }
    }

    /// How many spreads the bead's ratio lies from the model: negative
    /// when the target is shorter than expected.
    pub fn z(&self, src_len: usize, tgt_len: usize) -> f64 {
        (log_ratio(src_len, tgt_len) - self.center) / self.spread
    }
}

/// Characters of the units, whitespace excluded.
pub(crate) fn side_len(units: &[String]) -> usize {
    units
        .iter()
        .map(|u| u.chars().filter(|c| !c.is_whitespace()).count())
        .sum()
}

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

    fn rec(src: &str, tgt: &str) -> BeadRecord {
        BeadRecord {
            score: 1.0,
            ..BeadRecord::new(
                0,
                Lang::ZhHans,
                Lang::En,
                vec![src.into()],
                vec![tgt.into()],
            )
        }
    }

    #[test]
    fn fit_finds_the_pair_ratio_and_outliers_stand_out() {
        let mut rs: Vec<BeadRecord> = (0..20)
            .map(|i| rec(&"字".repeat(10 + i), &"x".repeat(2 * (10 + i))))
            .collect();
        rs.push(rec(&"字".repeat(40), &"x".repeat(10)));
        let m = LengthModel::fit(&rs);
        assert!((m.center - 2.0f64.ln()).abs() < 0.1, "{m:?}");
        assert!(m.z(40, 10) < -3.0);
        assert!(m.z(20, 40).abs() < 1.0);
    }

    #[test]
    fn few_beads_use_the_prior() {
        let m = LengthModel::fit(&[rec("亚信会议", "CICA")]);
        assert_eq!(m.beads, 0);
        assert!((m.center - 3.0f64.ln()).abs() < 1e-9);
    }
}
