//! Terminology: bilingual term extraction, consistency and concordance.
//!
//! Takes aligned [`crate::record::BeadRecord`]s and gives:
//! - [`extract`]: Chinese terms (jieba words and their n-grams) paired with
//!   English n-grams by association over beads (Dice, log-likelihood);
//! - [`consistency`]: every English rendering of each Chinese term, with
//!   counts and beads, and the terms rendered more than one way;
//! - [`sheet`]: the terms of one pair with the beads of each rendering
//!   (the build's `terms.html`);
//! - [`concord`]: keyword-in-context lines for a term, either language or
//!   script;
//! - [`glossary`]: glossaries read and written as TSV and TBX (they live
//!   in [`crate::lexical`], which the checks share).

pub mod concord;
pub mod consistency;
pub mod extract;
pub mod lexical;
pub mod sheet;

pub use crate::lexical::glossary::{self, Glossary, GlossaryEntry};
