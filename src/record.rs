//! The bead record: one aligned unit with its texts and provenance, as
//! written one per line to JSONL and read back by `bitext export` and
//! `bitext check`. Exporters (TSV, TMX, HTML) all render this one type.

use crate::check::Flag;
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
    #[serde(rename = "type", default)]
    pub shape: String,
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
}
