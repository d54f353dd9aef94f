//! # bitext
//!
//! Turns Chinese (Simplified and Traditional) and English reports into a
//! reviewable, aligned parallel corpus. Data flows one way through the
//! stages, one module each:
//!
//! ```text
//! ingest ──▶ normalize ──▶ segment ──▶ align ──▶ check ──▶ export
//! files      matching      sentences   beads     flags     TMX, TSV,
//! → Document keys          words,      with                JSONL, HTML
//!                          numbers     scores
//! ```
//!
//! - [`ingest`] reads plain text, Markdown and HTML in any common encoding
//!   into [`document::Document`]s, one per language, with provenance.
//! - [`normalize`] makes matching keys (half-width, Simplified); the
//!   original text is never changed.
//! - [`segment`] cuts sentences and words and finds numbers.
//! - [`align`] pairs documents, paragraphs and sentences into [`align::Bead`]s.
//! - [`check`] flags divergences; [`terms`] extracts and checks terminology;
//!   both build on [`lexical`] (stop words, translation evidence,
//!   glossaries) and never call each other.
//! - [`export`] writes [`record::BeadRecord`]s as JSONL, TSV, TMX and HTML.
//!   [`record`] and [`document`] are the shared leaves: every stage may use
//!   them and they use no stage. [`length`] (the length model of a pair)
//!   serves both `align` and `check`.
//! - [`pipeline`] runs every stage over a corpus folder (`bitext build`);
//!   [`pair`] over one pair of files (`bitext align`, `check`, `terms`).
//! - [`review`] keeps reviewers' decisions and applies them on rebuild
//!   (`bitext review` serves the review pages with actions).
//! - [`stream`] aligns a stream of document pairs, JSON Lines in and out
//!   (`bitext stream`, for Spark and Slurm).

#![warn(missing_docs)]

pub mod align;
pub mod check;
pub mod datafile;
pub mod document;
pub mod error;
pub mod export;
pub mod ingest;
pub mod length;
pub mod lexical;
pub mod normalize;
pub mod outdir;
pub mod pair;
pub mod pipeline;
pub mod record;
pub mod review;
pub mod segment;
pub mod stream;
pub mod terms;

pub use document::{Document, Lang, Paragraph, Span};
pub use error::{Error, Result};
