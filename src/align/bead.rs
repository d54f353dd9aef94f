//! Beads: the unit of an alignment.

pub use crate::record::Shape;
use serde::{Deserialize, Serialize};
use std::ops::Range;

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
