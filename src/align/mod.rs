//! Alignment: documents, then paragraphs, then sentences.
//!
//! Takes segmented documents and gives [`Bead`]s: monotone groups of source
//! and target units (1-1, 1-2, 0-1 …) with a calibrated confidence.

mod bead;

pub use bead::{Bead, Shape};
