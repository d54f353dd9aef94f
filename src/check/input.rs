//! Records of several pairs as input to the checks (as read back from
//! JSONL by [`crate::export::jsonl`]): each pair is checked on its own.

use super::{check_analysed, CheckConfig, TranslationEvidence};
use crate::record::BeadRecord;
use crate::segment::BeadSides;

/// Splits records into runs of one pair each (records of a pair are
/// consecutive in a file), so each pair gets its own length model.
pub fn by_pair(records: &mut [BeadRecord]) -> Vec<&mut [BeadRecord]> {
    let mut out = Vec::new();
    let mut rest = records;
    while !rest.is_empty() {
        let first = rest[0].pair.clone();
        let n = rest.iter().take_while(|r| r.pair == first).count();
        let (head, tail) = rest.split_at_mut(n);
        out.push(head);
        rest = tail;
    }
    out
}

/// Runs [`check_analysed`] on each pair of `records` (see [`by_pair`]),
/// so each pair gets its own length model and learnt word pairs.
/// `sides[k]` is the analysed bead of `records[k]`.
pub fn check_pairs(
    records: &mut [BeadRecord],
    sides: &[BeadSides],
    cfg: &CheckConfig,
    evidence: Option<&dyn TranslationEvidence>,
) {
    let mut at = 0;
    for pair in by_pair(records) {
        let n = pair.len();
        check_analysed(pair, &sides[at..at + n], cfg, evidence);
        at += n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    #[test]
    fn records_split_by_pair() {
        let rec = |pair: &str| BeadRecord {
            pair: pair.into(),
            ..BeadRecord::new(
                0,
                Lang::ZhHans,
                Lang::En,
                vec!["会议".into()],
                vec!["meeting".into()],
            )
        };
        let mut rs = vec![rec("a"), rec("a"), rec("b")];
        let sizes: Vec<usize> = by_pair(&mut rs).iter().map(|p| p.len()).collect();
        assert_eq!(sizes, vec![2, 1]);
    }
}
