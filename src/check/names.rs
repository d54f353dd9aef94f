//! Name and acronym mismatch: Latin tokens, acronyms and names present on
//! one side only.
//!
//! - A Latin word or acronym written inside Chinese text (CICA, APEC, G20)
//!   is kept as is by translators; when the English side lacks it, a name
//!   was dropped or changed.
//! - Latin tokens of a Chinese target likewise must come from the English
//!   source.
//! - With translation evidence, a capitalised English word inside a
//!   sentence that the evidence does not know as an ordinary word
//!   (Nazarbayev, Nursultan) is a name; when no Chinese word on the other
//!   side translates it or sounds like it (pinyin), it is reported at info
//!   level. Capitalised dictionary words (Secretariat, October) are left to
//!   the omission check: flagging them gave mostly noise.

use super::{Flag, FlagKind, Severity, SideView, TranslationEvidence};
use crate::lexical::evidence::{en_has_evidence, stem_variants, strip_possessive, transliterates};
use crate::lexical::words::is_en_stopword;
use crate::segment::{Token, TokenKind};
use rust_stemmers::{Algorithm, Stemmer};

/// Flags names on one side only.
pub fn check(src: &SideView, tgt: &SideView, ev: Option<&dyn TranslationEvidence>) -> Vec<Flag> {
    if src.lang.is_chinese() == tgt.lang.is_chinese() {
        return Vec::new();
    }
    let (zh, en, zh_name, en_name) = if src.lang.is_chinese() {
        (src, tgt, "source", "target")
    } else {
        (tgt, src, "target", "source")
    };
    let mut flags = Vec::new();
    let latin = latin_only_in_chinese(zh, en);
    if !latin.is_empty() {
        flags.push(Flag::new(
            FlagKind::NameMismatch,
            Severity::Warning,
            format!(
                "{} in the {zh_name} (Chinese), not in the {en_name}",
                quote_list(&latin)
            ),
        ));
    }
    if let Some(ev) = ev {
        let names = english_names_without_counterpart(en, zh, ev);
        if !names.is_empty() {
            flags.push(Flag::new(
                FlagKind::NameMismatch,
                Severity::Info,
                format!(
                    "name{} {} in the {en_name} (English) with no Chinese counterpart in the {zh_name}",
                    if names.len() > 1 { "s" } else { "" },
                    quote_list(&names)
                ),
            ));
        }
    }
    flags
}

/// Latin words (two or more letters) of the Chinese side missing from the
/// English side, as written, each once.
fn latin_only_in_chinese(zh: &SideView, en: &SideView) -> Vec<String> {
    let en_keys: Vec<&str> = en.unit.tokens.iter().map(|t| t.key.as_str()).collect();
    let en_text = en.text().to_lowercase();
    let mut out: Vec<String> = Vec::new();
    for t in &zh.unit.tokens {
        if t.kind != TokenKind::Latin || t.key.chars().filter(char::is_ascii_alphabetic).count() < 2
        {
            continue; // X光, a single letter: not a name
        }
        // Token match first; a substring match covers "G20" vs "G-20" and
        // tokens the English tokenizer splits differently.
        if en_keys.contains(&t.key.as_str()) || en_text.contains(t.key.as_str()) {
            continue;
        }
        let w = written(zh.text(), t);
        if !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

/// Capitalised English words inside a sentence (not sentence-initial, not
/// function words) with no counterpart on the Chinese side.
fn english_names_without_counterpart(
    en: &SideView,
    zh: &SideView,
    ev: &dyn TranslationEvidence,
) -> Vec<String> {
    let zh_words: Vec<&str> = zh.unit.tokens.iter().map(|t| t.key.as_str()).collect();
    let text = en.text();
    let mut out: Vec<String> = Vec::new();
    for t in &en.unit.tokens {
        if t.kind != TokenKind::Latin || t.key.chars().count() < 3 || is_en_stopword(&t.key) {
            continue;
        }
        let w = strip_possessive(&written(text, t)).to_string();
        let mut chars = w.chars();
        let capitalised =
            chars.next().is_some_and(char::is_uppercase) && chars.clone().any(char::is_lowercase);
        if !capitalised || sentence_initial(text, t) {
            continue;
        }
        if known_word(ev, &t.key, &t.stem)
            || en_has_evidence(ev, &t.key, &t.stem, &zh_words)
            || transliterates(ev, &t.key, &zh_words)
        {
            continue;
        }
        if !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

/// True when the evidence knows the word, or the word with a common
/// prefix or suffix removed (nongovernmental → governmental, chairmanship
/// → chairman): such words are vocabulary, not names.
fn known_word(ev: &dyn TranslationEvidence, key: &str, stem: &str) -> bool {
    if stem_variants(stem).iter().any(|s| ev.knows(s)) {
        return true;
    }
    let key = strip_possessive(key);
    let mut bases: Vec<&str> = Vec::new();
    for p in [
        "non", "un", "re", "pre", "sub", "inter", "anti", "co", "pan", "multi", "trans",
    ] {
        bases.extend(key.strip_prefix(p).filter(|b| b.len() >= 4));
    }
    for x in ["ship", "ness", "hood", "ism", "ist", "ity", "al", "ly"] {
        bases.extend(key.strip_suffix(x).filter(|b| b.len() >= 4));
    }
    let stemmer = Stemmer::create(Algorithm::English);
    bases.iter().any(|b| {
        let b = b.trim_start_matches('-');
        ev.knows(&stemmer.stem(b))
    })
}

/// True when nothing but spaces, quotes or brackets stand between the
/// token and the start of the text or the end of a sentence or clause
/// label (". ", ": ", "I. ").
pub(crate) fn sentence_initial(text: &str, t: &Token) -> bool {
    let before = text.get(..t.span.start).unwrap_or("");
    for c in before.chars().rev() {
        if c.is_whitespace() || "\"'“‘(（[#*".contains(c) {
            continue;
        }
        return ".!?:;。！？：；".contains(c) || c.is_ascii_digit();
    }
    true
}

fn written(text: &str, t: &Token) -> String {
    text.get(t.span.start..t.span.end)
        .unwrap_or(&t.key)
        .to_string()
}

fn quote_list(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("“{w}”"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// [`check`] as a [`super::Check`].
pub struct Names;

impl super::Check for Names {
    fn flags(&self, b: &super::BeadView<'_>) -> Vec<Flag> {
        check(b.src, b.tgt, b.evidence)
    }
}
