//! Units with no counterpart (1-0, 0-1), targets left in the source
//! language, and beads the aligner itself doubts.

use super::{excerpt, Flag, FlagKind, Severity, SideView};
use crate::document::Lang;
use crate::normalize::{han_ratio, key};
use crate::record::BeadRecord;

/// Letters (or digits) below which a lonely unit is a heading or a
/// fragment of a few words, less likely lost content than a sentence:
/// flagged at info level, not as a warning.
const FRAGMENT_LETTERS: usize = 12;
/// Characters of a text quoted in a reason.
const QUOTE_CHARS: usize = 60;
/// Letters below which a target is numbers, symbols or a name: nothing to
/// translate, so never "untranslated".
const MIN_TRANSLATABLE_LETTERS: usize = 4;
/// An English source's target is still English when under this share of
/// its letters are Han (a Chinese name or two may appear)…
const MAX_HAN_IN_ENGLISH: f64 = 0.05;
/// …and it has at least this many words (a one- or two-word target is
/// often a name or an acronym kept as it is).
const MIN_ENGLISH_WORDS: usize = 3;
/// A Chinese source's target is still Chinese when most of its letters
/// are Han.
const MIN_HAN_IN_CHINESE: f64 = 0.5;

/// A flag for a bead with an empty side, naming the lonely units.
pub fn unaligned(r: &BeadRecord) -> Option<Flag> {
    let (side, texts, first) = match (r.src.is_empty(), r.tgt.is_empty()) {
        (false, true) => ("source", &r.src, r.src.first()),
        (true, false) => ("target", &r.tgt, r.tgt.first()),
        _ => return None,
    };
    let text = texts
        .iter()
        .map(|u| u.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let other = if side == "source" { "target" } else { "source" };
    let at = match first.and_then(|u| u.line) {
        Some(l) if l > 0 => format!(" (line {l})"),
        _ => String::new(),
    };
    // A heading or a fragment of a few words is less likely to be lost
    // content than a full sentence.
    let letters = text.chars().filter(|c| c.is_alphanumeric()).count();
    let severity = if letters < FRAGMENT_LETTERS {
        Severity::Info
    } else {
        Severity::Warning
    };
    Some(Flag::new(
        FlagKind::Unaligned,
        severity,
        format!(
            "{side} text{at} has no counterpart in the {other}: “{}”",
            excerpt(&text, QUOTE_CHARS)
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
    if letters < MIN_TRANSLATABLE_LETTERS {
        return None; // numbers, symbols, a name: nothing to translate
    }
    let in_source_language = match src.lang {
        Lang::En => {
            han_ratio(t) < MAX_HAN_IN_ENGLISH && t.split_whitespace().count() >= MIN_ENGLISH_WORDS
        }
        Lang::ZhHans | Lang::ZhHant => han_ratio(t) > MIN_HAN_IN_CHINESE,
    };
    if key(s) == key(t) && in_source_language {
        return Some(Flag::new(
            FlagKind::Untranslated,
            Severity::Error,
            format!("target repeats the source: “{}”", excerpt(t, QUOTE_CHARS)),
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
                excerpt(t, QUOTE_CHARS)
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
