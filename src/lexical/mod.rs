//! Word-level knowledge shared by the checks and terminology, below both:
//!
//! - [`words`]: stop words of both languages (one English list, one
//!   Chinese list), content words, irregular English stems;
//! - [`evidence`]: translation evidence between a Chinese word and an
//!   English stem ([`TranslationEvidence`], [`WordPairs`] learnt from a
//!   pair), possessives and name pieces;
//! - [`glossary`]: glossaries (prescribed renderings) read and written as
//!   TSV and TBX.
//!
//! It uses no stage above `segment`, so `check` and `terms` both build on
//! it without calling into each other.

pub mod evidence;
pub mod glossary;
pub mod words;

pub use evidence::{TranslationEvidence, WordPairs};
pub use glossary::{Glossary, GlossaryEntry};

/// True when `needle` occurs as a contiguous run in `hay`.
pub(crate) fn contains_seq<S: AsRef<str>>(hay: &[&str], needle: &[S]) -> bool {
    if needle.is_empty() {
        return false;
    }
    hay.windows(needle.len())
        .any(|w| w.iter().zip(needle).all(|(a, b)| *a == b.as_ref()))
}
