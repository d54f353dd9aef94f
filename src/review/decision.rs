//! Review decisions as stored in `corpus/reviews/<pair>.jsonl`: one JSON
//! object per line, appended as they are made, meant to be read in a diff
//! and committed with the corpus.
//!
//! A decision names its units by content: a hash of the normalized text
//! (NFKC, whitespace collapsed) plus the unit's index when the decision was
//! made, as a hint. Re-segmentation, a changed aligner or edits elsewhere in
//! the document therefore do not move a decision onto other sentences; an
//! edit to one of its own sentences makes it stale (reported, never applied).

use crate::record::FlagKind;
use crate::record::Level;
use serde::{Deserialize, Serialize};
use std::hash::Hasher;
use unicode_normalization::UnicodeNormalization;

/// What a reviewer decided about a bead (or a run of beads).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// The bead is right: keep it as it is.
    Confirm,
    /// The bead is wrong: re-align with this grouping forbidden.
    Reject,
    /// Two beads merged into one (the decision holds the merged bead).
    Merge,
    /// An edge unit moved to the neighbouring bead (the decision holds the
    /// two beads as they are now).
    Split,
    /// A flag of the bead is not a divergence (`flag`, optional `note`).
    Accept,
}

impl Action {
    /// True for the actions that fix a grouping (confirm, merge, split).
    pub fn locks(self) -> bool {
        matches!(self, Action::Confirm | Action::Merge | Action::Split)
    }
}

/// One unit named by content: `h` is [`unit_hash`] of its text, `i` the
/// index it had when the decision was made (a hint), `x` the start of the
/// text (for people reading the file; not used to match).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitRef {
    /// Hash of the normalized text.
    pub h: String,
    /// Index hint.
    pub i: usize,
    /// The first characters of the text, for readers of the file.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub x: String,
}

impl UnitRef {
    /// The reference of unit `index` whose text is `text`.
    pub fn of(index: usize, text: &str) -> UnitRef {
        UnitRef {
            h: unit_hash(text),
            i: index,
            x: text.trim().chars().take(24).collect(),
        }
    }
}

/// The units of one bead, on both sides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BeadRef {
    /// Source units, in order.
    pub src: Vec<UnitRef>,
    /// Target units, in order.
    pub tgt: Vec<UnitRef>,
}

/// One decision, one line of the reviews file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    /// What was decided.
    pub action: Action,
    /// The level of the beads (sentence or paragraph).
    pub level: Level,
    /// The beads concerned, consecutive: one bead, or the two beads of a
    /// split.
    pub beads: Vec<BeadRef>,
    /// When every bead has an empty source side (0-1), the source unit the
    /// beads follow (`None`: the start of the document).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub src_after: Option<UnitRef>,
    /// Same for the target side.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tgt_after: Option<UnitRef>,
    /// The flag accepted (for [`Action::Accept`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flag: Option<FlagKind>,
    /// A note from the reviewer.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Seconds since the Unix epoch when the decision was made.
    #[serde(default)]
    pub t: u64,
}

impl Decision {
    /// A one-line description for reports: action, level and the first
    /// unit's index and text.
    pub fn describe(&self) -> String {
        let first = self
            .beads
            .iter()
            .flat_map(|b| b.src.iter().chain(&b.tgt))
            .next();
        let what = match first {
            Some(u) => format!("unit {} \u{201c}{}\u{2026}\u{201d}", u.i, u.x),
            None => "an empty bead".to_string(),
        };
        let action = serde_json::to_value(self.action)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        format!("{action} at {} level, {what}", self.level)
    }
}

/// The text a unit is matched by: NFKC, whitespace runs as one space,
/// trimmed.
pub fn normalized(text: &str) -> String {
    let nfkc: String = text.nfkc().collect();
    nfkc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The content hash of a unit: FNV-1a (64 bits, a fixed published
/// function, so files stay valid across Rust versions) of the
/// [`normalized`] text, as 16 hex digits.
pub fn unit_hash(text: &str) -> String {
    let mut h = fnv::FnvHasher::default();
    h.write(normalized(text).as_bytes());
    format!("{:016x}", h.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_ignores_spacing_and_width_only() {
        assert_eq!(
            unit_hash(" CICA  was\nfounded. "),
            unit_hash("CICA was founded.")
        );
        assert_eq!(unit_hash("１９９２年"), unit_hash("1992年"));
        assert_ne!(
            unit_hash("CICA was founded."),
            unit_hash("CICA was founded!")
        );
        assert_eq!(unit_hash("").len(), 16);
    }

    #[test]
    fn a_decision_is_one_readable_json_line() {
        let d = Decision {
            action: Action::Accept,
            level: Level::Sentence,
            beads: vec![BeadRef {
                src: vec![UnitRef::of(3, "亚信会议创立于 1992 年。")],
                tgt: vec![UnitRef::of(4, "CICA was founded in 1992.")],
            }],
            src_after: None,
            tgt_after: None,
            flag: Some(FlagKind::NumberMismatch),
            note: "fine".into(),
            t: 1,
        };
        let line = serde_json::to_string(&d).unwrap();
        assert!(!line.contains('\n'));
        assert!(
            line.contains("\"action\":\"accept\"") && line.contains("\"flag\":\"number-mismatch\"")
        );
        assert_eq!(serde_json::from_str::<Decision>(&line).unwrap(), d);
        assert!(d.describe().starts_with("accept at sentence level, unit 3"));
    }
}
