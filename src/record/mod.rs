//! The bead record: one aligned unit with its texts and provenance, as
//! written one per line to JSONL and read back by `bitext export` and
//! `bitext check`. Exporters (TSV, TMX, HTML) all render this one type.

mod flag;
mod shape;

pub use flag::{Flag, FlagKind, Mark, Severity};
pub use shape::{BadShape, Shape};

use crate::document::Lang;
use serde::{Deserialize, Serialize};

/// Which units a record aligns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Sentences.
    #[default]
    Sentence,
    /// Paragraphs.
    Paragraph,
}

impl Level {
    /// The name used in file names and TMX `segtype` (`sentence`,
    /// `paragraph`).
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Sentence => "sentence",
            Level::Paragraph => "paragraph",
        }
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One bead of an aligned document pair, self-contained.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BeadRecord {
    /// Identifier of the document pair (e.g. `000_58fd57bd8402631f`).
    #[serde(default)]
    pub pair: String,
    /// Unit level.
    #[serde(default)]
    pub level: Level,
    /// Position of the bead in the pair's alignment (0-based).
    #[serde(default)]
    pub bead: usize,
    /// Bead type, `n-m`.
    #[serde(rename = "type", default, with = "shape::as_text")]
    pub shape: Shape,
    /// Calibrated confidence in [0, 1].
    #[serde(default)]
    pub score: f32,
    /// Source language.
    pub src_lang: Lang,
    /// Target language.
    pub tgt_lang: Lang,
    /// Original texts of the source units.
    pub src: Vec<String>,
    /// Original texts of the target units.
    pub tgt: Vec<String>,
    /// Indices of the source units (0-based).
    #[serde(default)]
    pub src_idx: Vec<usize>,
    /// Indices of the target units (0-based).
    #[serde(default)]
    pub tgt_idx: Vec<usize>,
    /// Source file.
    #[serde(default)]
    pub src_file: String,
    /// Target file.
    #[serde(default)]
    pub tgt_file: String,
    /// 1-based source line of each source unit.
    #[serde(default)]
    pub src_lines: Vec<usize>,
    /// 1-based source line of each target unit.
    #[serde(default)]
    pub tgt_lines: Vec<usize>,
    /// Paragraph index of each source unit.
    #[serde(default)]
    pub src_para: Vec<usize>,
    /// Paragraph index of each target unit.
    #[serde(default)]
    pub tgt_para: Vec<usize>,
    /// Findings of the checks.
    #[serde(default)]
    pub flags: Vec<Flag>,
    /// The reviewer's decision on this bead, if any (see `bitext review`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
}

/// A reviewer's verdict on a bead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReviewStatus {
    /// Confirmed as aligned by the aligner.
    Confirmed,
    /// Made by a reviewer (a merge or a split).
    Corrected,
    /// Marked wrong; a rebuild re-aligns it with this grouping forbidden.
    Rejected,
    /// Not confirmed, but a flag of it was accepted as no divergence.
    Accepted,
}

impl ReviewStatus {
    /// The name used in exports (`confirmed`, `corrected`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewStatus::Confirmed => "confirmed",
            ReviewStatus::Corrected => "corrected",
            ReviewStatus::Rejected => "rejected",
            ReviewStatus::Accepted => "accepted",
        }
    }

    /// True for beads a person vouches for (confirmed or corrected).
    pub fn is_human_aligned(self) -> bool {
        matches!(self, ReviewStatus::Confirmed | ReviewStatus::Corrected)
    }
}

/// The review of one bead: its status and the flags accepted as no
/// divergence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    /// The verdict.
    pub status: ReviewStatus,
    /// Flags a reviewer accepted, with their notes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepted: Vec<AcceptedFlag>,
}

/// A review decision that could not be applied (its text changed), as
/// reported on stderr, in `summary.json`, `index.html` and the review page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stale {
    /// The decision, described for people.
    pub decision: String,
    /// Why it was not applied.
    pub why: String,
}

/// A flag accepted as "not a divergence".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AcceptedFlag {
    /// The kind of flag.
    pub kind: FlagKind,
    /// The reviewer's note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl BeadRecord {
    /// A record of bead `bead` aligning `src` units with `tgt` units, with
    /// its shape set from the unit counts and every other field empty
    /// (score 0, no provenance, no flags): for building alignments by hand
    /// or in code.
    pub fn new(
        bead: usize,
        src_lang: Lang,
        tgt_lang: Lang,
        src: Vec<String>,
        tgt: Vec<String>,
    ) -> Self {
        BeadRecord {
            pair: String::new(),
            level: Level::default(),
            bead,
            shape: Shape::new(src.len(), tgt.len()),
            score: 0.0,
            src_lang,
            tgt_lang,
            src,
            tgt,
            src_idx: Vec::new(),
            tgt_idx: Vec::new(),
            src_file: String::new(),
            tgt_file: String::new(),
            src_lines: Vec::new(),
            tgt_lines: Vec::new(),
            src_para: Vec::new(),
            tgt_para: Vec::new(),
            flags: Vec::new(),
            review: None,
        }
    }

    /// The source units as one text (see [`join_units`]).
    pub fn src_text(&self) -> String {
        join_units(self.src_lang, &self.src)
    }

    /// The target units as one text (see [`join_units`]).
    pub fn tgt_text(&self) -> String {
        join_units(self.tgt_lang, &self.tgt)
    }

    /// True when both sides have at least one unit (not 0-1 or 1-0).
    pub fn is_aligned(&self) -> bool {
        !self.src.is_empty() && !self.tgt.is_empty()
    }

    /// True when a check flagged this bead.
    pub fn is_flagged(&self) -> bool {
        !self.flags.is_empty()
    }

    /// The review status, if a reviewer decided on this bead.
    pub fn review_status(&self) -> Option<ReviewStatus> {
        self.review.as_ref().map(|r| r.status)
    }
}

/// Joins the units of one side of a bead into one text: Chinese units are
/// concatenated, English units are joined by a space.
pub fn join_units(lang: Lang, units: &[String]) -> String {
    let sep = if lang.is_chinese() { "" } else { " " };
    units
        .iter()
        .map(|u| u.trim())
        .filter(|u| !u.is_empty())
        .collect::<Vec<_>>()
        .join(sep)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A small alignment with everything exporters must handle: a 1-2
    /// bead, a 0-1 bead, markup and control characters in the text, a
    /// paragraph boundary, flags.
    pub(crate) fn sample() -> Vec<BeadRecord> {
        let base = BeadRecord {
            pair: "p".into(),
            level: Level::Sentence,
            bead: 0,
            shape: Shape::new(1, 1),
            score: 0.9,
            src_lang: Lang::ZhHans,
            tgt_lang: Lang::En,
            src: vec!["亚信会议创立于 1992 年。".into()],
            tgt: vec!["CICA was founded in 1992.".into()],
            src_idx: vec![0],
            tgt_idx: vec![0],
            src_file: "corpus/p.txt".into(),
            tgt_file: "corpus/p.txt".into(),
            src_lines: vec![3],
            tgt_lines: vec![40],
            src_para: vec![0],
            tgt_para: vec![0],
            flags: vec![],
            review: None,
        };
        vec![
            base.clone(),
            BeadRecord {
                bead: 1,
                shape: Shape::new(1, 2),
                score: 0.31,
                src: vec!["<script>alert(\"x\")</script> & 成员国\u{1}。".into()],
                tgt: vec![
                    "A <b>bold</b> \"claim\" & more.".into(),
                    "Second\tsentence\non two lines.".into(),
                ],
                src_idx: vec![1],
                tgt_idx: vec![1, 2],
                src_lines: vec![5],
                tgt_lines: vec![42, 42],
                src_para: vec![1],
                tgt_para: vec![1, 1],
                flags: vec![Flag {
                    kind: FlagKind::NumberMismatch,
                    severity: Severity::Error,
                    reason: "26 on the source side, 25 on the target side".into(),
                    marks: vec![],
                }],
                ..base.clone()
            },
            BeadRecord {
                bead: 2,
                shape: Shape::new(0, 1),
                score: 0.2,
                src: vec![],
                tgt: vec!["An added sentence.".into()],
                src_idx: vec![],
                tgt_idx: vec![3],
                src_lines: vec![],
                tgt_lines: vec![43],
                src_para: vec![],
                tgt_para: vec![1],
                flags: vec![Flag {
                    kind: FlagKind::Unaligned,
                    severity: Severity::Warning,
                    reason: "no counterpart on the other side".into(),
                    marks: vec![],
                }],
                ..base
            },
        ]
    }

    #[test]
    fn joins_units_per_language() {
        let r = &sample()[1];
        assert_eq!(
            r.tgt_text(),
            "A <b>bold</b> \"claim\" & more. Second\tsentence\non two lines."
        );
        assert_eq!(
            join_units(Lang::ZhHant, &["甲。".into(), "乙。".into()]),
            "甲。乙。"
        );
        assert!(!sample()[2].is_aligned());
        assert!(sample()[2].is_flagged() && !sample()[0].is_flagged());
    }
}
