//! Confidence: a logistic map from a bead's features to the probability
//! that it is right.
//!
//! Takes the bead's [`Features`] (similarity, length ratio, and the cost
//! margin over the best local alternative) and shape and the fitted coefficients
//! (`Params::calibration`, fitted on MAC-Dev with leave-one-file-out
//! cross-validation by `examples/tune.rs`); gives a score in [0, 1].

use super::bead::Shape;
use super::cost::Features;
use super::shape;

/// Margins above this are all "clearly best".
const MAX_MARGIN: f32 = 4.0;

/// The inputs of the logistic map, in the order of its coefficients after
/// the intercept.
pub fn inputs(f: &Features, s: Shape) -> [f32; 5] {
    let null = shape::is_null(s);
    [
        if null { 0.0 } else { f.sim },
        if null { 0.0 } else { f.log_ratio * f.log_ratio },
        if null { 1.0 } else { 0.0 },
        (s.src + s.tgt).saturating_sub(2) as f32,
        f.margin.clamp(0.0, MAX_MARGIN),
    ]
}

/// Probability that a bead with these features is right.
pub fn score(coef: &[f32; 6], f: &Features, s: Shape) -> f32 {
    let x = inputs(f, s);
    let z = coef[0] + x.iter().zip(&coef[1..]).map(|(a, b)| a * b).sum::<f32>();
    1.0 / (1.0 + (-z).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_is_a_probability_rising_with_similarity() {
        let c = [-3.0, 8.0, -1.0, -1.0, -0.3, 0.5];
        let one = Shape { src: 1, tgt: 1 };
        let f = |sim| Features {
            sim,
            log_ratio: 0.1,
            mass: 10.0,
            margin: 1.0,
        };
        let (lo, hi) = (score(&c, &f(0.1), one), score(&c, &f(0.8), one));
        assert!((0.0..=1.0).contains(&lo) && (0.0..=1.0).contains(&hi) && hi > lo);
    }
}
