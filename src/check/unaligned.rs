//! Units with no counterpart (1-0, 0-1), targets left in the source
//! language, and beads the aligner itself doubts.

use super::{excerpt, Flag, FlagKind, Severity, SideView};
use crate::document::Lang;
use crate::normalize::{han_ratio, key};
use crate::record::BeadRecord;

/// A flag for a bead with an empty side, naming the lonely units.
pub fn unaligned(r: &BeadRecord) -> Option<Flag> {
    let (side, texts, lines) = match (r.src.is_empty(), r.tgt.is_empty()) {
        (false, true) => ("source", &r.src, &r.src_lines),
        (true, false) => ("target", &r.tgt, &r.tgt_lines),
        _ => return None,
    };
    let text = texts.join(" ");
    let other = if side == "source" { "target" } else { "source" };
    let at = match lines.first() {
        Some(l) if *l > 0 => format!(" (line {l})"),
        _ => String::new(),
    };
    // A heading or a fragment of a few words is less likely to be lost
    // content than a full sentence.
    let letters = text.chars().filter(|c| c.is_alphanumeric()).count();
    let severity = if letters < 12 {
        Severity::Info
    } else {
        Severity::Warning
    };
    Some(Flag::new(
        FlagKind::Unaligned,
        severity,
        format!(
            "{side} text{at} has no counterpart in the {other}: “{}”",
            excerpt(&text, 60)
        ),
    ))
}

/// A flag when the target is written in the source language, or repeats
/// the source. Pairs of two Chinese scripts are a script conversion, not a
/// translation, and are never flagged.
pub fn untranslated(src: &SideView, tgt: &SideView) -> Option<Flag> {
    if src.lang.is_chinese() == tgt.lang.is_chinese() {
        return None;
    }
    let (s, t) = (src.text(), tgt.text());
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 4 {
        return None; // numbers, symbols, a name: nothing to translate
    }
    let in_source_language = match src.lang {
        Lang::En => han_ratio(t) < 0.05 && t.split_whitespace().count() >= 3,
        Lang::ZhHans | Lang::ZhHant => han_ratio(t) > 0.5,
    };
    if key(s) == key(t) && in_source_language {
        return Some(Flag::new(
            FlagKind::Untranslated,
            Severity::Error,
            format!("target repeats the source: “{}”", excerpt(t, 60)),
        ));
    }
    in_source_language.then(|| {
        Flag::new(
            FlagKind::Untranslated,
            Severity::Error,
            format!(
                "target is in {}, the source language: “{}”",
                if src.lang == Lang::En {
                    "English"
                } else {
                    "Chinese"
                },
                excerpt(t, 60)
            ),
        )
    })
}

/// A flag when the aligner's calibrated confidence is below `min` (a score
/// of exactly 0 means "not scored" and is skipped).
pub fn low_confidence(r: &BeadRecord, min: f32) -> Option<Flag> {
    (r.score > 0.0 && r.score < min).then(|| {
        Flag::new(
            FlagKind::LowConfidence,
            Severity::Info,
            format!(
                "aligner confidence {:.2} for this {} bead is below {min:.2}",
                r.score, r.shape
            ),
        )
    })
}

/// [`low_confidence`] as a [`super::Check`].
pub struct LowConfidence;

impl super::Check for LowConfidence {
    fn flags(&self, b: &super::BeadView<'_>) -> Vec<Flag> {
        low_confidence(b.record, b.cfg.min_confidence)
            .into_iter()
            .collect()
    }
}
