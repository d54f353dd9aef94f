//! Beads over analysed units turned into self-contained
//! [`BeadRecord`]s: the texts, indices, source lines and paragraphs each
//! bead covers.

use super::Bead;
use crate::document::Document;
use crate::record::{BeadRecord, BeadUnit, Level};
use crate::segment::Sentence;

/// One side of an aligned pair: the document and the units that were
/// aligned (sentences, or one unit per paragraph at paragraph level).
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    /// The document the units come from.
    pub doc: &'a Document,
    /// The aligned units, indexed by the beads.
    pub units: &'a [Sentence],
}

impl Side<'_> {
    /// Unit `i` with its text and provenance.
    fn unit_ref(&self, i: usize) -> BeadUnit {
        BeadUnit::at(
            self.units[i].text.clone(),
            i,
            self.line_of(i),
            self.units[i].para,
        )
    }

    fn line_of(&self, i: usize) -> usize {
        let u = &self.units[i];
        // The line the unit's first character comes from, counting lines
        // joined into the paragraph and line breaks kept inside its text.
        match self.doc.paragraphs.get(u.para) {
            Some(p) => {
                let line = p.line_at(u.span.start);
                let from = p
                    .line_starts
                    .iter()
                    .take_while(|s| s.at <= u.span.start)
                    .last()
                    .map_or(0, |s| s.at);
                let before = p.text.get(from..u.span.start).unwrap_or("");
                line + before.matches('\n').count()
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
    beads: &[Bead],
) -> Vec<BeadRecord> {
    beads
        .iter()
        .enumerate()
        .map(|(k, b)| BeadRecord {
            pair: pair.to_string(),
            level,
            bead: k,
            shape: b.shape(),
            score: b.score,
            src_lang: src.doc.lang,
            tgt_lang: tgt.doc.lang,
            src: b.src.clone().map(|i| src.unit_ref(i)).collect(),
            tgt: b.tgt.clone().map(|i| tgt.unit_ref(i)).collect(),
            src_file: src.doc.source.clone(),
            tgt_file: tgt.doc.source.clone(),
            flags: Vec::new(),
            review: None,
        })
        .collect()
}
