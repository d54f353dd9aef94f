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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Flag {
    /// What the finding is.
    pub kind: FlagKind,
    /// How much it matters.
    pub severity: Severity,
    /// A human reason naming the evidence.
    pub reason: String,
    /// The evidence in the text (an unmatched clause, a mismatching
    /// number), for highlighting; empty when the flag has no place.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub marks: Vec<Mark>,
    /// How sure a graded flag is: how far its evidence lies past its
    /// kind's warning bar (negative for an info flag). `None` for flags
    /// resting on a plain fact (two numbers that differ, a unit with no
    /// counterpart): those rank first within their severity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certainty: Option<f32>,
}

impl Flag {
    /// A flag of `kind` with `severity` and `reason`.
    pub fn new(kind: FlagKind, severity: Severity, reason: impl Into<String>) -> Flag {
        Flag {
            kind,
            severity,
            reason: reason.into(),
            marks: Vec::new(),
            certainty: None,
        }
    }

    /// The flag with its [`Flag::certainty`] set.
    pub fn with_certainty(mut self, certainty: f32) -> Flag {
        self.certainty = Some(certainty);
        self
    }

    /// Orders flags surest first: higher severity, then plain facts, then
    /// higher certainty.
    pub fn surer(&self, other: &Flag) -> std::cmp::Ordering {
        let sureness = |f: &Flag| f.certainty.unwrap_or(f32::INFINITY);
        other
            .severity
            .cmp(&self.severity)
            .then(sureness(other).total_cmp(&sureness(self)))
    }

    /// The flag with `marks` added.
    pub fn with_marks(mut self, marks: impl IntoIterator<Item = Mark>) -> Flag {
        self.marks.extend(marks);
        self
    }
}

/// A stretch of one side's text that a flag is about: characters
/// `start..end` of the side's units joined (no separator between Chinese
/// units, one space between others).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    /// True for the target side, false for the source side.
    pub target: bool,
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

impl Mark {
    /// The mark of bytes `start..end` of `text` (the side's joined text),
    /// counted in characters.
    pub fn from_bytes(target: bool, text: &str, start: usize, end: usize) -> Mark {
        let chars = |b: usize| text.get(..b).map_or(0, |t| t.chars().count());
        Mark {
            target,
            start: chars(start),
            end: chars(end),
        }
    }
}
