//! The bead record: one aligned unit with its texts and provenance, as
//! written one per line to JSONL and read back by `bitext export` and
//! `bitext check`. Exporters (TSV, TMX, HTML) all render this one type.

mod flag;
mod shape;
pub(crate) mod wire;

pub use flag::{Flag, FlagKind, Mark, Severity};
pub use shape::{BadShape, Shape};

use crate::document::Lang;
use serde::{Deserialize, Serialize};
pub(crate) use wire::Wire;

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

/// One unit (sentence or paragraph) of one side of a bead: its text and
/// where it comes from. The provenance is absent in records written by
/// hand or by other tools.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BeadUnit {
    /// Original text of the unit.
    pub text: String,
    /// Index of the unit in its document (0-based).
    pub idx: Option<usize>,
    /// 1-based line of the unit in its file.
    pub line: Option<usize>,
    /// Paragraph index of the unit.
    pub para: Option<usize>,
}

impl BeadUnit {
    /// A unit with only its text.
    pub fn text(text: impl Into<String>) -> Self {
        BeadUnit {
            text: text.into(),
            ..BeadUnit::default()
        }
    }

    /// A unit with its full provenance.
    pub fn at(text: impl Into<String>, idx: usize, line: usize, para: usize) -> Self {
        BeadUnit {
            text: text.into(),
            idx: Some(idx),
            line: Some(line),
            para: Some(para),
        }
    }
}

impl From<&str> for BeadUnit {
    fn from(text: &str) -> Self {
        BeadUnit::text(text)
    }
}

impl From<String> for BeadUnit {
    fn from(text: String) -> Self {
        BeadUnit::text(text)
    }
}

/// One bead of an aligned document pair, self-contained. On disk (see
/// `wire.rs`) each side's units are written as flat parallel lists
/// (`src`, `src_idx`, `src_lines`, `src_para`).
#[derive(Debug, Clone, PartialEq)]
pub struct BeadRecord {
    /// Identifier of the document pair (e.g. `000_58fd57bd8402631f`).
    pub pair: String,
    /// Unit level.
    pub level: Level,
    /// Position of the bead in the pair's alignment (0-based).
    pub bead: usize,
    /// Bead type, `n-m`.
    pub shape: Shape,
    /// Calibrated confidence in [0, 1].
    pub score: f32,
    /// Source language.
    pub src_lang: Lang,
    /// Target language.
    pub tgt_lang: Lang,
    /// The source units.
    pub src: Vec<BeadUnit>,
    /// The target units.
    pub tgt: Vec<BeadUnit>,
    /// Source file.
    pub src_file: String,
    /// Target file.
    pub tgt_file: String,
    /// Findings of the checks.
    pub flags: Vec<Flag>,
    /// The reviewer's decision on this bead, if any (see `bitext review`).
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
            src: src.into_iter().map(BeadUnit::text).collect(),
            tgt: tgt.into_iter().map(BeadUnit::text).collect(),
            src_file: String::new(),
            tgt_file: String::new(),
            flags: Vec::new(),
            review: None,
        }
    }

    /// The source units as one text (see [`join_units`]).
    pub fn src_text(&self) -> String {
        join_units(self.src_lang, self.src_texts())
    }

    /// The target units as one text (see [`join_units`]).
    pub fn tgt_text(&self) -> String {
        join_units(self.tgt_lang, self.tgt_texts())
    }

    /// The texts of the source units.
    pub fn src_texts(&self) -> impl Iterator<Item = &str> + '_ {
        self.src.iter().map(|u| u.text.as_str())
    }

    /// The texts of the target units.
    pub fn tgt_texts(&self) -> impl Iterator<Item = &str> + '_ {
        self.tgt.iter().map(|u| u.text.as_str())
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

/// The texts of one side's units.
pub fn texts(units: &[BeadUnit]) -> Vec<&str> {
    units.iter().map(|u| u.text.as_str()).collect()
}

/// The indices of one side's units (empty when the record has none).
pub fn indices(units: &[BeadUnit]) -> Vec<usize> {
    units.iter().map_while(|u| u.idx).collect()
}

/// The 1-based lines of one side's units, up to the first unit without
/// one.
pub fn lines(units: &[BeadUnit]) -> Vec<usize> {
    units.iter().map_while(|u| u.line).collect()
}

/// Joins the units of one side of a bead into one text: Chinese units are
/// concatenated, English units are joined by a space.
pub fn join_units<'a>(lang: Lang, units: impl IntoIterator<Item = &'a str>) -> String {
    let sep = if lang.is_chinese() { "" } else { " " };
    units
        .into_iter()
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
            src: vec![BeadUnit::at("亚信会议创立于 1992 年。", 0, 3, 0)],
            tgt: vec![BeadUnit::at("CICA was founded in 1992.", 0, 40, 0)],
            src_file: "corpus/p.txt".into(),
            tgt_file: "corpus/p.txt".into(),
            flags: vec![],
            review: None,
        };
        vec![
            base.clone(),
            BeadRecord {
                bead: 1,
                shape: Shape::new(1, 2),
                score: 0.31,
                src: vec![BeadUnit::at(
                    "<script>alert(\"x\")</script> & 成员国\u{1}。",
                    1,
                    5,
                    1,
                )],
                tgt: vec![
                    BeadUnit::at("A <b>bold</b> \"claim\" & more.", 1, 42, 1),
                    BeadUnit::at("Second\tsentence\non two lines.", 2, 42, 1),
                ],
                flags: vec![Flag {
                    kind: FlagKind::NumberMismatch,
                    severity: Severity::Error,
                    reason: "26 on the source side, 25 on the target side".into(),
                    marks: vec![],
                    certainty: None,
                }],
                ..base.clone()
            },
            BeadRecord {
                bead: 2,
                shape: Shape::new(0, 1),
                score: 0.2,
                src: vec![],
                tgt: vec![BeadUnit::at("An added sentence.", 3, 43, 1)],
                flags: vec![Flag {
                    kind: FlagKind::Unaligned,
                    severity: Severity::Warning,
                    reason: "no counterpart on the other side".into(),
                    marks: vec![],
                    certainty: None,
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
        assert_eq!(join_units(Lang::ZhHant, ["甲。", "乙。"]), "甲。乙。");
        assert!(!sample()[2].is_aligned());
        assert!(sample()[2].is_flagged() && !sample()[0].is_flagged());
    }
}
