//! Findings of the checks, as carried by every [`super::BeadRecord`]:
//! what a flag is about, how much it matters, and why.

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

impl FlagKind {
    /// Every kind, in declaration order.
    pub const ALL: [FlagKind; 8] = [
        FlagKind::NumberMismatch,
        FlagKind::Omission,
        FlagKind::Addition,
        FlagKind::NameMismatch,
        FlagKind::Unaligned,
        FlagKind::Untranslated,
        FlagKind::GlossaryViolation,
        FlagKind::LowConfidence,
    ];
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

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
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

impl Flag {
    /// A flag of `kind` with `severity` and `reason`.
    pub fn new(kind: FlagKind, severity: Severity, reason: impl Into<String>) -> Flag {
        Flag {
            kind,
            severity,
            reason: reason.into(),
        }
    }
}
