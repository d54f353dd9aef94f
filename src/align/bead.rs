//! Beads: the unit of an alignment.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Range;

/// The shape of a bead: how many source and target units it groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Shape {
    /// Source units.
    pub src: usize,
    /// Target units.
    pub tgt: usize,
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.src, self.tgt)
    }
}

/// A group of consecutive source units aligned with a group of consecutive
/// target units. Either side may be empty (1-0, 0-1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bead {
    /// Source unit indices (sentences or paragraphs, 0-based).
    pub src: Range<usize>,
    /// Target unit indices.
    pub tgt: Range<usize>,
    /// Calibrated confidence in [0, 1] that this bead is right.
    pub score: f32,
}

impl Bead {
    /// The bead's shape (`1-2` for one source unit and two target units).
    pub fn shape(&self) -> Shape {
        Shape {
            src: self.src.len(),
            tgt: self.tgt.len(),
        }
    }
}
