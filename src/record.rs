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

/// One side of an aligned pair: the document and the units that were
/// aligned (sentences, or one unit per paragraph at paragraph level).
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    /// The document the units come from.
    pub doc: &'a crate::document::Document,
    /// The aligned units, indexed by the beads.
    pub units: &'a [crate::segment::Sentence],
}

impl Side<'_> {
    fn line_of(&self, i: usize) -> usize {
        let u = &self.units[i];
        match self.doc.paragraphs.get(u.para) {
            Some(p) => {
                let before = p.text.get(..u.span.start).unwrap_or("");
                p.line + before.matches('\n').count()
            }
            None => 0,
        }
    }
}

/// Turns beads over `src` and `tgt` units into self-contained records (no
/// flags yet). Bead ranges must lie inside the unit lists.
pub fn records(
    pair: &str,
    level: Level,
    src: Side<'_>,
    tgt: Side<'_>,
    beads: &[crate::align::Bead],
) -> Vec<BeadRecord> {
    beads
        .iter()
        .enumerate()
        .map(|(k, b)| BeadRecord {
            pair: pair.to_string(),
            level,
            bead: k,
            shape: b.shape().to_string(),
            score: b.score,
            src_lang: src.doc.lang,
            tgt_lang: tgt.doc.lang,
            src: b.src.clone().map(|i| src.units[i].text.clone()).collect(),
            tgt: b.tgt.clone().map(|i| tgt.units[i].text.clone()).collect(),
            src_idx: b.src.clone().collect(),
            tgt_idx: b.tgt.clone().collect(),
            src_file: src.doc.source.clone(),
            tgt_file: tgt.doc.source.clone(),
            src_lines: b.src.clone().map(|i| src.line_of(i)).collect(),
            tgt_lines: b.tgt.clone().map(|i| tgt.line_of(i)).collect(),
            src_para: b.src.clone().map(|i| src.units[i].para).collect(),
            tgt_para: b.tgt.clone().map(|i| tgt.units[i].para).collect(),
            flags: Vec::new(),
        })
        .collect()
}
