//! Are two texts translations of each other at all?
//!
//! Takes the beads of an alignment with their lexical similarity; gives the
//! pair's lexical coverage (the similarity of each non-empty bead weighted
//! by its units, over all units: 0 for a unit left unpaired) and a
//! confidence that the texts are translations. Translations measured on the
//! corpus and on MAC-Dev chapters cover 0.5–0.7, same-subject documents
//! 0.13–0.26; the confidence is a logistic map centred on [`MIN_COVERAGE`].
//! Beads of a pair judged not to be translations are scored no higher than
//! that confidence, so none scores above 0.5.

use super::bead::Bead;
use super::cost::Features;

/// Lexical coverage at which two texts are as likely translations as not.
pub const MIN_COVERAGE: f32 = 0.35;

/// Steepness of the map from coverage to confidence.
const COVERAGE_SLOPE: f32 = 20.0;

/// Fewest units (both sides together) a judgement rests on: a handful of
/// short units (a title and its translation) proves nothing either way.
const MIN_UNITS: usize = 12;

/// How two texts relate, judged from their alignment.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Relatedness {
    /// Lexical coverage of the alignment, in [0, 1].
    pub coverage: f32,
    /// Confidence in [0, 1] that the texts are translations of each other
    /// (1 when there are too few units to judge).
    pub confidence: f32,
}

impl Relatedness {
    /// The judgement on beads (with their features) over `n_src` and
    /// `n_tgt` units.
    pub fn of(beads: &[(Bead, Features)], n_src: usize, n_tgt: usize) -> Relatedness {
        let coverage = coverage(beads.iter().map(|(b, f)| (b, f.sim)), n_src, n_tgt);
        let confidence = if n_src + n_tgt < MIN_UNITS {
            1.0
        } else {
            confidence(coverage)
        };
        Relatedness {
            coverage,
            confidence,
        }
    }

    /// True unless the texts are judged not to be translations.
    pub fn is_translation(&self) -> bool {
        self.confidence >= 0.5
    }

    /// A warning for people when the texts are not translations.
    pub fn warning(&self) -> Option<String> {
        (!self.is_translation()).then(|| {
            format!(
                "the texts do not look like translations of each other (lexical coverage {:.2}, \
                 translations score above {MIN_COVERAGE}); every bead is scored at most {:.2}",
                self.coverage, self.confidence
            )
        })
    }

    /// Caps every bead's score at the confidence when the texts are not
    /// translations.
    pub fn cap(&self, beads: &mut [(Bead, Features)]) {
        if !self.is_translation() {
            for (b, _) in beads {
                b.score = b.score.min(self.confidence);
            }
        }
    }
}

/// Coverage of beads given with their similarity, over `n_src + n_tgt`
/// units.
pub fn coverage<'a>(
    beads: impl Iterator<Item = (&'a Bead, f32)>,
    n_src: usize,
    n_tgt: usize,
) -> f32 {
    let covered: f32 = beads
        .filter(|(b, _)| !b.src.is_empty() && !b.tgt.is_empty())
        .map(|(b, sim)| sim * (b.src.len() + b.tgt.len()) as f32)
        .sum();
    covered / (n_src + n_tgt).max(1) as f32
}

/// Confidence that texts of this coverage are translations.
pub fn confidence(coverage: f32) -> f32 {
    1.0 / (1.0 + (-(coverage - MIN_COVERAGE) * COVERAGE_SLOPE).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn beads(sim: f32, n: usize) -> Vec<(Bead, Features)> {
        (0..n)
            .map(|k| {
                let b = Bead {
                    src: k..k + 1,
                    tgt: k..k + 1,
                    score: 0.9,
                };
                let f = Features {
                    sim,
                    log_ratio: 0.0,
                    mass: 5.0,
                    margin: 1.0,
                };
                (b, f)
            })
            .collect()
    }

    #[test]
    fn unrelated_texts_are_capped_translations_are_not() {
        let mut low = beads(0.1, 20);
        let r = Relatedness::of(&low, 20, 20);
        assert!(!r.is_translation() && r.warning().is_some());
        r.cap(&mut low);
        assert!(low.iter().all(|(b, _)| b.score < 0.5));
        let mut high = beads(0.6, 20);
        let r = Relatedness::of(&high, 20, 20);
        assert!(r.is_translation() && r.warning().is_none());
        r.cap(&mut high);
        assert!(high.iter().all(|(b, _)| b.score == 0.9));
        // Too few units to judge.
        assert!(Relatedness::of(&beads(0.0, 3), 3, 3).is_translation());
    }
}
