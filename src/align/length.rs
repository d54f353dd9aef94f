//! The length model: how many target characters a source character
//! becomes, estimated from the document pair itself.
//!
//! Takes unit lengths in characters; gives a cost for a bead's lengths:
//! the squared log-ratio of target length to expected target length, over
//! its variance. The ratio is the pair's total target / total source
//! characters (Chinese → English is about 1 : 3, so a fixed 1 : 1 model
//! collapses); the variance is re-estimated from the first pass's beads.

/// Pseudo-characters added to both sides so that short units are not
/// judged on noise.
const SMOOTH: f32 = 8.0;

/// Bounds on the estimated variance of the log-ratio.
const VAR_RANGE: (f32, f32) = (0.04, 1.0);

/// Length model of one document pair.
#[derive(Debug, Clone, Copy)]
pub struct LengthModel {
    /// Expected target characters per source character.
    pub ratio: f32,
    /// Variance of the log length ratio of a correct bead.
    pub var: f32,
}

impl LengthModel {
    /// The model for units of `src_chars` and `tgt_chars`, with a prior
    /// variance.
    pub fn fit(src_chars: &[f32], tgt_chars: &[f32], var: f32) -> LengthModel {
        let s: f32 = src_chars.iter().sum();
        let t: f32 = tgt_chars.iter().sum();
        let ratio = if s > 0.0 && t > 0.0 { t / s } else { 1.0 };
        LengthModel { ratio, var }
    }

    /// Log-ratio of a bead's target length to the expected one.
    pub fn log_ratio(&self, src_len: f32, tgt_len: f32) -> f32 {
        ((tgt_len + SMOOTH) / (self.ratio * src_len + SMOOTH)).ln()
    }

    /// The log of a bead's smoothed target length: [`LengthModel::log_ratio`]
    /// is `log_tgt(tgt_len) - log_src(src_len)` (up to rounding), so a
    /// search can take the logs of each side's spans once.
    pub fn log_tgt(&self, tgt_len: f32) -> f32 {
        (tgt_len + SMOOTH).ln()
    }

    /// The log of a bead's smoothed expected target length (see
    /// [`LengthModel::log_tgt`]).
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratio_comes_from_the_pair() {
        let m = LengthModel::fit(&[10.0, 20.0], &[30.0, 60.0], 0.1);
        assert!((m.ratio - 3.0).abs() < 1e-6);
        assert!(m.cost_of_log_ratio(m.log_ratio(10.0, 30.0)) < 1e-6);
        assert!(m.log_ratio(10.0, 90.0) > m.log_ratio(10.0, 40.0));
    }

    #[test]
    fn variance_refits_and_stays_bounded() {
        let mut m = LengthModel::fit(&[1.0], &[3.0], 0.5);
        let beads: Vec<(f32, f32)> = (0..50).map(|k| (20.0, 60.0 + (k % 5) as f32)).collect();
        m.refit_var(&beads);
        assert!(m.var >= VAR_RANGE.0 && m.var < 0.5);
    }
}
