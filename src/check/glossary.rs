//! Glossary violation: a bead uses a glossary term on the Chinese side but
//! none of the term's accepted renderings on the English side.

use super::{Flag, FlagKind, Severity, SideView};
use crate::lexical::evidence::strip_possessive;
use crate::lexical::{contains_seq, Glossary};
use crate::normalize::key;
use crate::segment::TokenKind;

/// Flags glossary terms of the Chinese side whose renderings are missing
/// from the English side.
pub fn check(src: &SideView, tgt: &SideView, g: &Glossary) -> Option<Flag> {
    if src.lang.is_chinese() == tgt.lang.is_chinese() {
        return None;
    }
    let (zh, en) = if src.lang.is_chinese() {
        (src, tgt)
    } else {
        (tgt, src)
    };
    let stems: Vec<&str> = en
        .unit
        .tokens
        .iter()
        .filter(|t| t.kind != TokenKind::Han)
        .map(|t| strip_possessive(&t.stem))
        .collect();
    let mut missing = Vec::new();
    for (term, rows) in g.terms_in(&key(zh.text())) {
        let rendered = rows.iter().any(|&i| contains_seq(&stems, g.en_stems_of(i)));
        if !rendered {
            let wanted: Vec<String> = rows
                .iter()
                .map(|&i| format!("“{}”", g.entries()[i].en))
                .collect();
            missing.push(format!("{term} → {}", wanted.join(" or ")));
        }
    }
    (!missing.is_empty()).then(|| {
        Flag::new(
            FlagKind::GlossaryViolation,
            Severity::Warning,
            format!("glossary rendering not found: {}", missing.join("; ")),
        )
    })
}

/// [`check`] as a [`super::Check`]: only with a glossary.
pub struct GlossaryTerms;

impl super::Check for GlossaryTerms {
    fn flags(&self, b: &super::BeadView<'_>) -> Vec<Flag> {
        b.cfg
            .glossary
            .as_deref()
            .and_then(|g| check(b.src, b.tgt, g))
            .into_iter()
            .collect()
    }
}
