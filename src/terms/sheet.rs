//! The term sheet of one aligned pair: its strongest term pairs, each with
//! every English rendering found in the pair and the beads using it, as
//! positions in the pair's records (the rows of its review page). The
//! build renders the sheets of all pairs as `terms.html`.
//!
//! One pair at a time, so a build's memory stays that of one document.

use super::consistency::{self, TermSpec, TermUse};
use super::extract::{self, BeadRef, ExtractConfig, TermPair};
use crate::align::Lexicon;
use crate::record::BeadRecord;
use crate::segment::side::BeadSides;
use crate::segment::Segmenter;
use std::collections::HashMap;

/// Term pairs listed per aligned pair (as `bitext terms` by default).
pub const TOP: usize = 30;

/// A bead of the pair: its position in the records (its review-page row)
/// and its own number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// Position in the pair's records (the row anchor `#b<row>`).
    pub row: usize,
    /// The bead's number, as the review page shows it.
    pub bead: usize,
}

/// One English rendering of a term and the records using it.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderingRows {
    /// The English rendering.
    pub en: String,
    /// The beads using it.
    pub rows: Vec<Row>,
}

/// One term of a sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetTerm {
    /// The extracted term pair (its best rendering and statistics).
    pub pair: TermPair,
    /// Renderings found in the pair, most used first.
    pub renderings: Vec<RenderingRows>,
    /// Beads holding the Chinese term with none of the renderings.
    pub unrendered: Vec<Row>,
}

/// The terms of one aligned pair.
#[derive(Debug, Clone, PartialEq)]
pub struct TermSheet {
    /// Pair id (the review page is `<pair>.html`).
    pub pair: String,
    /// Aligned beads the terms were extracted from.
    pub beads: usize,
    /// The strongest terms, strongest first.
    pub terms: Vec<SheetTerm>,
}

/// The term sheet of `records` (the beads of one pair, in page order,
/// with their analysed `sides`):
/// the `top` strongest term pairs with their renderings.
pub fn sheet(
    pair: &str,
    records: &[BeadRecord],
    sides: &[BeadSides],
    seg: &Segmenter,
    lex: Option<&Lexicon>,
    top: usize,
) -> TermSheet {
    let cfg = ExtractConfig::default();
    let assoc = extract::associations_with(records, sides, &cfg, lex);
    let mut pairs = assoc.best_pairs(&cfg);
    let with_variants = consistency::specs_from_associations(&pairs, &assoc, &cfg);
    pairs.truncate(top);
    // Every listed term gets a spec: the one with its variants when
    // consistency keeps it, else its best rendering alone.
    let specs: Vec<TermSpec> = pairs
        .iter()
        .map(|p| {
            with_variants
                .iter()
                .find(|s| s.zh == p.zh)
                .cloned()
                .unwrap_or_else(|| TermSpec {
                    zh: p.zh.clone(),
                    renderings: vec![p.en.clone()],
                    prescribed: false,
                })
        })
        .collect();
    let uses = consistency::consistency_with(records, sides, seg, &specs, lex);
    let row_of: HashMap<(&str, usize), usize> = records
        .iter()
        .enumerate()
        .map(|(k, r)| ((r.pair.as_str(), r.bead), k))
        .collect();
    let rows = |beads: &[BeadRef]| -> Vec<Row> {
        beads
            .iter()
            .filter_map(|b| {
                let row = *row_of.get(&(b.pair.as_str(), b.bead))?;
                Some(Row { row, bead: b.bead })
            })
            .collect()
    };
    let terms = pairs
        .into_iter()
        .map(|p| {
            let used: Option<&TermUse> = uses.iter().find(|u| u.zh == p.zh);
            SheetTerm {
                renderings: used
                    .map(|u| {
                        u.renderings
                            .iter()
                            .map(|r| RenderingRows {
                                en: r.en.clone(),
                                rows: rows(&r.beads),
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                unrendered: used.map(|u| rows(&u.unrendered)).unwrap_or_default(),
                pair: p,
            }
        })
        .collect();
    TermSheet {
        pair: pair.to_string(),
        beads: assoc.beads(),
        terms,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bead(i: usize, zh: &str, en: &str) -> BeadRecord {
        BeadRecord {
            bead: i,
            src: vec![zh.into()],
            tgt: vec![en.into()],
            ..crate::record::tests::sample()[0].clone()
        }
    }

    #[test]
    fn renderings_point_at_the_rows_holding_them() {
        let recs = vec![
            bead(
                0,
                "亚信会议在上海举行。",
                "The CICA summit met in Shanghai.",
            ),
            bead(1, "今天天气很好。", "The weather is fine today."),
            bead(2, "亚信会议的成员国。", "The member states of CICA."),
            bead(3, "亚信会议的秘书处。", "The Secretariat of CICA."),
        ];
        let seg = Segmenter::new();
        let sides = crate::segment::side::analyse(&recs, &seg);
        let s = sheet("p", &recs, &sides, &seg, None, TOP);
        let cica = s
            .terms
            .iter()
            .find(|t| t.pair.en == "CICA")
            .unwrap_or_else(|| panic!("no CICA in {s:?}"));
        let rows: Vec<usize> = cica
            .renderings
            .iter()
            .flat_map(|r| r.rows.iter().map(|x| x.row))
            .collect();
        assert_eq!(rows, vec![0, 2, 3]);
        assert_eq!(s.beads, 4);
    }
}
