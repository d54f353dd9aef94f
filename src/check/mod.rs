//! Divergence checks: what in an aligned bead a reviewer should look at.
//!
//! Takes beads with their texts, numbers and tokens, and gives [`Flag`]s,
//! each with a kind, a severity and a reason that names the evidence.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What a flag is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FlagKind {
    /// A number, year, date, percentage or ordinal differs or is missing.
    NumberMismatch,
    /// Content on the source side has no counterpart on the target side.
    Omission,
    /// Content on the target side has no counterpart on the source side.
    Addition,
    /// A Latin token, acronym or name is on one side only.
    NameMismatch,
    /// A unit with no counterpart at all (1-0, 0-1).
    Unaligned,
    /// The target is in the source language, or equals the source.
    Untranslated,
    /// A glossary term is rendered otherwise than the glossary says.
    GlossaryViolation,
    /// The aligner itself is unsure of this bead.
    LowConfidence,
}

impl fmt::Display for FlagKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = match self {
            FlagKind::NumberMismatch => "number-mismatch",
            FlagKind::Omission => "omission",
            FlagKind::Addition => "addition",
            FlagKind::NameMismatch => "name-mismatch",
            FlagKind::Unaligned => "unaligned",
            FlagKind::Untranslated => "untranslated",
            FlagKind::GlossaryViolation => "glossary-violation",
            FlagKind::LowConfidence => "low-confidence",
        };
        f.write_str(s)
    }
}

/// How much a flag matters, least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a glance.
    Info,
    /// Probably a problem.
    Warning,
    /// Almost certainly a problem.
    Error,
}

/// One finding on one bead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flag {
    /// What the finding is.
    pub kind: FlagKind,
    /// How much it matters.
    pub severity: Severity,
    /// A human reason naming the evidence.
    pub reason: String,
}

/// Settings of the checks.
#[derive(Debug, Clone, Default)]
pub struct CheckConfig {}

/// Runs every check on the beads of one aligned pair and fills each
/// record's `flags` (most severe first).
///
/// NOTE: placeholder that only flags unaligned units; the real checks
/// replace it.
pub fn check(
    records: &mut [crate::record::BeadRecord],
    seg: &crate::segment::Segmenter,
    cfg: &CheckConfig,
) {
    let _ = (seg, cfg);
    for r in records.iter_mut() {
        if r.src.is_empty() || r.tgt.is_empty() {
            r.flags.push(Flag {
                kind: FlagKind::Unaligned,
                severity: Severity::Warning,
                reason: "no counterpart on the other side".into(),
            });
        }
    }
}
