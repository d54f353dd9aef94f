//! Omission and addition: a clause rendered on one side only.
//!
//! A bead is examined only when its length ratio lies far outside the
//! pair's own [`LengthModel`]; it is flagged only when content words on the
//! longer side have no translation evidence on the other side. The reason
//! lists those words.

use super::{CheckConfig, Flag, FlagKind, LengthModel, Severity, SideView, TranslationEvidence};
use crate::length::chars;
use crate::lexical::evidence::{en_has_evidence, zh_has_evidence};
use crate::lexical::words::is_content;
use crate::segment::Token;

/// Extra spreads an addition needs: translations expand short sentences
/// naturally (measured on MAC-Dev gold beads, where half the additions
/// between 2.0 and 2.5 sd were faithful translations).
const ADDITION_MARGIN: f64 = 0.5;

/// Smallest bead (longer side, in English characters) examined.
const MIN_SIZE: usize = 45;

/// At most this many words are listed in a reason.
const LIST: usize = 8;

/// English characters one Chinese character counts for when sizing a
/// bead: English runs about three characters per Chinese character (the
/// same figure as the length model's prior).
const EN_CHARS_PER_HAN: usize = 3;

/// Unmatched words must be at least this share (1 in 4) of the longer
/// side's content words: a long bead always has a few words a lexicon
/// misses, and a dropped clause leaves a sizeable block of them.
const MIN_UNMATCHED_SHARE: usize = 4;

/// An omission or addition is an error, not a warning, when its ratio lies
/// this many times `length_z` out (2 × 1.6 = 3.2 spreads with the default:
/// under a normal model about one faithful bead in a thousand lies there)…
const ERROR_Z_FACTOR: f64 = 1.6;

/// …and at least one in this many (half) of the longer side's content
/// words has no counterpart.
const ERROR_UNMATCHED_SHARE: usize = 2;

/// Flags an omission (target too short) or addition (target too long).
pub fn check(
    src: &SideView,
    tgt: &SideView,
    model: &LengthModel,
    ev: &dyn TranslationEvidence,
    cfg: &CheckConfig,
) -> Option<Flag> {
    if src.lang.is_chinese() == tgt.lang.is_chinese() {
        return None; // two scripts of one language: no translation to weigh
    }
    let (ls, lt) = (chars(src.text()), chars(tgt.text()));
    // Sizes in English characters (a Chinese character counts three):
    // headings and short fragments give ratios that mean little.
    let size = |n: usize, v: &SideView| {
        if v.lang.is_chinese() {
            EN_CHARS_PER_HAN * n
        } else {
            n
        }
    };
    if size(ls, src).max(size(lt, tgt)) < MIN_SIZE {
        return None;
    }
    let z = model.z(ls, lt);
    let (long, short, kind) = if z <= -cfg.length_z {
        (src, tgt, FlagKind::Omission)
    } else if z >= cfg.length_z + ADDITION_MARGIN {
        (tgt, src, FlagKind::Addition)
    } else {
        return None;
    };
    let missing = unmatched_content(long, short, ev);
    let content = long.unit.tokens.iter().filter(|t| is_content(t)).count();
    // Enough words, and a real share of the longer side's content.
    if missing.len() < cfg.min_unmatched_words || missing.len() * MIN_UNMATCHED_SHARE < content {
        return None;
    }
    let severity = if z.abs() >= cfg.length_z * ERROR_Z_FACTOR
        && missing.len() * ERROR_UNMATCHED_SHARE >= content
    {
        Severity::Error
    } else {
        Severity::Warning
    };
    let long_name = match kind {
        FlagKind::Omission => "source",
        _ => "target",
    };
    let mut shown: Vec<String> = missing.iter().take(LIST).cloned().collect();
    if missing.len() > LIST {
        shown.push(format!("… {} more", missing.len() - LIST));
    }
    Some(Flag::new(
        kind,
        severity,
        format!(
            "target is {} than this pair's usual ratio ({:+.1} sd; {ls} vs {lt} chars); \
             {long_name} words with no counterpart: {}",
            if kind == FlagKind::Omission {
                "shorter"
            } else {
                "longer"
            },
            z,
            shown.join(", ")
        ),
    ))
}

/// The bead's length ratio in spreads of `model` (negative: target
/// shorter than usual).
pub(crate) fn z(src: &SideView, tgt: &SideView, model: &LengthModel) -> f64 {
    model.z(chars(src.text()), chars(tgt.text()))
}

/// Content words of `long` (in text order, each once) with no translation
/// evidence in `short`.
pub(crate) fn unmatched_content(
    long: &SideView,
    short: &SideView,
    ev: &dyn TranslationEvidence,
) -> Vec<String> {
    let toks = &short.unit.tokens;
    let mut out: Vec<String> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    if long.lang.is_chinese() {
        let stems: Vec<&str> = toks.iter().map(|t| t.stem.as_str()).collect();
        let keys: Vec<&str> = toks.iter().map(|t| t.key.as_str()).collect();
        for t in long.unit.tokens.iter().filter(|t| is_content(t)) {
            if seen.insert(t.key.clone()) && !zh_has_evidence(ev, &t.key, &stems, &keys) {
                out.push(surface(long.text(), t));
            }
        }
    } else {
        let words: Vec<&str> = toks.iter().map(|t| t.key.as_str()).collect();
        for t in long.unit.tokens.iter().filter(|t| is_content(t)) {
            if seen.insert(t.stem.clone()) && !en_has_evidence(ev, &t.key, &t.stem, &words) {
                out.push(surface(long.text(), t));
            }
        }
    }
    out
}

fn surface(text: &str, t: &Token) -> String {
    text.get(t.span.start..t.span.end)
        .unwrap_or(&t.key)
        .to_string()
}
