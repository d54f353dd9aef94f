//! `summary.json`: what a build found and made, machine-readable. Also the
//! per-level statistics ([`LevelStats`]) that the review pages and
//! `index.html` show.
//!
//! Everything here is ordered (vectors in corpus order, `BTreeMap`s), so
//! the JSON is byte-identical across rebuilds.

use super::LOW_SCORE;
use crate::align::Relation;
use crate::document::{Dropped, Format, Lang};
use crate::record::BeadRecord;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;

/// Statistics of one alignment level of one pair.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct LevelStats {
    /// Source units (sentences or paragraphs) covered by the beads.
    pub src_units: usize,
    /// Target units covered by the beads.
    pub tgt_units: usize,
    /// Number of beads.
    pub beads: usize,
    /// Beads per type (`1-1`, `1-2`, `0-1` …).
    pub types: BTreeMap<String, usize>,
    /// Mean bead score (0 when there are no beads), rounded to 3 decimals.
    pub mean_score: f64,
    /// Beads scoring below [`LOW_SCORE`].
    pub low_score: usize,
    /// Beads with at least one flag.
    pub flagged: usize,
    /// Flags per kind (`number-mismatch` …).
    pub flags: BTreeMap<String, usize>,
    /// Reviewed beads per review status (`confirmed`, `corrected` …);
    /// absent when nothing was reviewed.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub reviewed: BTreeMap<String, usize>,
}

impl LevelStats {
    /// Computes the statistics of `records`.
    pub fn of(records: &[BeadRecord]) -> LevelStats {
        let mut s = LevelStats {
            beads: records.len(),
            ..LevelStats::default()
        };
        let mut total = 0.0f64;
        for r in records {
            s.src_units += r.src.len();
            s.tgt_units += r.tgt.len();
            *s.types.entry(r.shape.to_string()).or_default() += 1;
            total += f64::from(r.score);
            s.low_score += usize::from(r.score < LOW_SCORE);
            s.flagged += usize::from(r.is_flagged());
            for f in &r.flags {
                *s.flags.entry(f.kind.to_string()).or_default() += 1;
            }
            if let Some(st) = r.review_status() {
                *s.reviewed.entry(st.as_str().to_string()).or_default() += 1;
            }
        }
        if !records.is_empty() {
            s.mean_score = (total / records.len() as f64 * 1000.0).round() / 1000.0;
        }
        s
    }

    /// Bead types as `1-1: 120, 1-2: 8`, most frequent first.
    pub fn types_line(&self) -> String {
        let mut v: Vec<(&String, &usize)> = self.types.iter().collect();
        v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        v.iter()
            .map(|(t, n)| format!("{t}: {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// One document as a summary names it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocRef {
    /// Stable id (`000_58fd57bd8402631f.zh-Hans`).
    pub id: String,
    /// Source file.
    pub file: String,
    /// Language.
    pub lang: Lang,
}

/// One document read from a corpus file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocSummary {
    /// Stable id.
    pub id: String,
    /// Language.
    pub lang: Lang,
    /// Paragraphs kept.
    pub paragraphs: usize,
    /// Sentences found.
    pub sentences: usize,
    /// What ingestion left out, with line and reason.
    pub dropped: Vec<Dropped>,
}

/// One corpus file and what reading it gave.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileSummary {
    /// The path, as found in the corpus folder.
    pub file: String,
    /// Encoding detected (empty when the file could not be read).
    pub encoding: String,
    /// Markup detected (absent when the file could not be read).
    pub format: Option<Format>,
    /// Documents found, one per language.
    pub documents: Vec<DocSummary>,
    /// Why the file could not be read, if it could not.
    pub error: Option<String>,
    /// What was repaired while reading it (invalid bytes replaced…).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// An aligned translation pair and the files written for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairSummary {
    /// Pair id, the stem of its output files.
    pub id: String,
    /// Source (Chinese) document.
    pub src: DocRef,
    /// Target (English) document.
    pub tgt: DocRef,
    /// Pairing confidence in [0, 1].
    pub score: f32,
    /// Why the documents were paired.
    pub reason: String,
    /// Sentence-level statistics.
    pub sentence: LevelStats,
    /// Paragraph-level statistics.
    pub paragraph: LevelStats,
    /// Output files of this pair (names inside the output folder).
    pub files: Vec<String>,
    /// Review decisions that no longer match the text (not applied).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stale: Vec<crate::record::Stale>,
}

/// Two documents considered and not aligned.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnpairedSummary {
    /// Source (Chinese) document.
    pub src: DocRef,
    /// Target (English) document.
    pub tgt: DocRef,
    /// The decision (comparable, not a translation).
    pub relation: Relation,
    /// Confidence in [0, 1] that they are translations.
    pub score: f32,
    /// Why they were not paired.
    pub reason: String,
}

/// Corpus-wide totals.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Totals {
    /// Files in the corpus folder.
    pub files: usize,
    /// Files that could not be read.
    pub failed_files: usize,
    /// Documents found.
    pub documents: usize,
    /// Documents in no aligned pair.
    pub unpaired_documents: usize,
    /// Aligned pairs.
    pub pairs: usize,
    /// Sentence beads over all pairs.
    pub sentence_beads: usize,
    /// Flagged sentence beads over all pairs.
    pub flagged_sentence_beads: usize,
    /// Paragraph beads over all pairs.
    pub paragraph_beads: usize,
    /// Flagged paragraph beads over all pairs.
    pub flagged_paragraph_beads: usize,
    /// Sentence beads a reviewer confirmed or corrected.
    #[serde(skip_serializing_if = "is_zero")]
    pub reviewed_sentence_beads: usize,
    /// Review decisions not applied because their text changed.
    #[serde(skip_serializing_if = "is_zero")]
    pub stale_decisions: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Everything `bitext build` found and wrote.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// `bitext`.
    pub tool: String,
    /// Version of the tool.
    pub version: String,
    /// Corpus-wide totals.
    pub totals: Totals,
    /// Aligned pairs, in corpus order.
    pub pairs: Vec<PairSummary>,
    /// Document combinations that were not aligned, with the reason.
    pub unpaired: Vec<UnpairedSummary>,
    /// Documents in no aligned pair (ids).
    pub unpaired_documents: Vec<String>,
    /// Every corpus file, in name order.
    pub inputs: Vec<FileSummary>,
    /// Every file the build wrote into the output folder, sorted
    /// (`summary.json` included). A rebuild removes files listed here that
    /// it no longer writes.
    pub files: Vec<String>,
}

/// Writes `summary` as pretty-printed JSON with a final newline.
pub fn write<W: Write>(mut out: W, summary: &Summary) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut out, summary)?;
    out.write_all(b"\n")?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::tests::sample;

    #[test]
    fn stats_count_units_types_and_flags() {
        let s = LevelStats::of(&sample());
        assert_eq!((s.src_units, s.tgt_units, s.beads), (2, 4, 3));
        assert_eq!(s.types_line(), "0-1: 1, 1-1: 1, 1-2: 1");
        assert_eq!((s.flagged, s.low_score), (2, 2));
        assert_eq!(s.flags.get("unaligned"), Some(&1));
        assert!((s.mean_score - 0.47).abs() < 1e-9, "{}", s.mean_score);
        assert_eq!(LevelStats::of(&[]).mean_score, 0.0);
    }
}
