//! Two different names in the same slot: a Chinese name with no
//! counterpart in the English, and an English name with no counterpart in
//! the Chinese where that name's clause is rendered — 北京 on one side,
//! "Shanghai" on the other; 王琦瑶 on one side, "Lili" on the other.
//!
//! Either alone is common and says little: a translation calls a person
//! "she", or adds a first name the Chinese leaves out ([`super::names`]
//! reports an English name alone, at info level). Both at once, in one
//! place, is a name changed, which a reviewer verifies at a glance.
//!
//! - A Chinese name is a word jieba's dictionary tags as a person, place
//!   or organisation ([`crate::segment::name_kind`]) that the document's
//!   other beads match at least half the time, or a word they match every
//!   time that the English writes as a name by its pinyin.
//! - An English name is a capitalised content word inside a sentence, or
//!   anywhere when the document writes it so and never in lower case
//!   ([`EnglishNames`]), or an acronym; not part of a date.
//! - The slot: the two lie at about the same place of their sentences
//!   ([`BAND`]), or either side is a single clause.
//! - Not when the English word may render the Chinese one in part, nor
//!   for a part of an English name whose other part has its counterpart.

use super::clause::{ClauseEvidence, WordMatch};
use super::divergence::{Rates, Side};
use super::names::sentence_initial;
use super::{Flag, FlagKind, Severity, SideView, TranslationEvidence};
use crate::lexical::evidence::{stem_variants, strip_possessive, transliterates, zh_has_evidence};
use crate::record::Mark;
use crate::segment::{name_kind, NameKind, TokenKind};
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashSet;

/// How far apart, at most, the two names may lie, each as a share of its
/// side's words: a sentence is translated roughly in order, and a
/// counterpart matched by the evidence is no surer guide to where a
/// clause went (a repeated word is matched where it was said first).
const BAND: f64 = 0.3;

/// The share, at least, of the document's other occurrences of a name
/// jieba tags that must find a counterpart ([`Rates`]): a name the
/// translation renders in ways the evidence never sees (茅十八 as
/// "Whiskers", 曾祖父 as "Great-Granddad") is no evidence when it misses
/// here, and neither is a word said once (jieba tags 长达 a place).
const USUALLY_MATCHED: f64 = 0.5;

/// An untagged word is taken for a name when the document's other
/// occurrences of it find a counterpart this consistently, and are this
/// many: a name matched by its sound (陈清扬 is cut 陈 / 清扬, and 清扬
/// finds "Qingyang" every time) or a pair the document taught.
const CONSISTENT: (u32, f64) = (5, 0.9);

/// True when the pair's English writes Chinese word `key` as a name by its
/// pinyin: whole (Beijing, Qingyang) or surname and given name (Wang
/// Qiyao).
fn said_as_name(ev: &dyn TranslationEvidence, key: &str, names: &EnglishNames) -> bool {
    let Some(pinyin) = ev.pinyin(key) else {
        return false;
    };
    names.contains(&pinyin)
        || (2..pinyin.len().saturating_sub(1)).any(|i| {
            pinyin.is_char_boundary(i)
                && names.contains(&pinyin[..i])
                && names.contains(&pinyin[i..])
        })
}

/// True when (matched, seen) occurrences are at least one and
/// [`USUALLY_MATCHED`].
fn usually_matched((matched, seen): (u32, u32)) -> bool {
    seen >= 1 && f64::from(matched) >= USUALLY_MATCHED * f64::from(seen)
}

/// True when (matched, seen) occurrences are [`CONSISTENT`].
fn consistent((matched, seen): (u32, u32)) -> bool {
    seen >= CONSISTENT.0 && f64::from(matched) >= CONSISTENT.1 * f64::from(seen)
}

/// A Chinese name and the English name in its place.
#[derive(Debug, Clone)]
struct Swap<'a> {
    zh: &'a WordMatch,
    kind: Option<NameKind>,
    en: &'a WordMatch,
}

/// A bead between Chinese and English, by language.
#[derive(Clone, Copy)]
pub struct Bilingual<'a> {
    /// The Chinese side.
    pub zh: &'a SideView,
    /// The English side.
    pub en: &'a SideView,
    /// The Chinese side's clauses against the English.
    pub zh_clauses: &'a [ClauseEvidence],
    /// The English side's clauses against the Chinese.
    pub en_clauses: &'a [ClauseEvidence],
    /// True when the Chinese side is the source.
    pub zh_is_source: bool,
}

/// Flags each unmatched Chinese name of `bead` that has an unmatched
/// English name in its slot.
pub fn check(
    bead: &Bilingual<'_>,
    ev: &dyn TranslationEvidence,
    rates: &Rates,
    names: &EnglishNames,
) -> Option<Flag> {
    let Bilingual {
        zh,
        en,
        zh_clauses,
        en_clauses,
        zh_is_source,
    } = *bead;
    let zh_side = if zh_is_source { Side::Src } else { Side::Tgt };
    let matched: FxHashSet<usize> = en_clauses
        .iter()
        .flat_map(|c| &c.found)
        .filter(|w| w.matched)
        .map(|w| w.at)
        .collect();
    // A part of a name whose other part has its counterpart is that
    // name's ("Goong" of "Hai Goong-goong", 海老公 by "Hai").
    let in_matched_name = |at: usize| {
        [at.checked_sub(1), at.checked_add(1)]
            .into_iter()
            .flatten()
            .any(|n| matched.contains(&n) && is_english_name(en, n, names) && joined(en, at, n))
    };
    let en_names: Vec<&WordMatch> = en_clauses
        .iter()
        .flat_map(|c| &c.found)
        .filter(|w| !w.matched && is_english_name(en, w.at, names) && !in_matched_name(w.at))
        .collect();
    if en_names.is_empty() {
        return None;
    }
    let mut swaps: Vec<Swap<'_>> = Vec::new();
    let (zh_len, en_len) = (zh.unit.tokens.len().max(1), en.unit.tokens.len().max(1));
    let at = |w: &WordMatch, len: usize| w.at as f64 / len as f64;
    let off = |e: &WordMatch, w: &WordMatch| (at(e, en_len) - at(w, zh_len)).abs();
    // One clause on either side is one slot: word order within a clause
    // differs (在北京举行 is "held in Beijing").
    let one_clause = zh_clauses.len() == 1 || en_clauses.len() == 1;
    for w in zh_clauses
        .iter()
        .flat_map(|c| &c.found)
        .filter(|w| !w.matched)
    {
        // A name jieba tags, or a word the document matches every time
        // that the English writes as a name (清扬 of 陈清扬 cut 陈 / 清扬,
        // "Qingyang").
        let kind = name_kind(&w.key);
        let elsewhere = rates.elsewhere(zh_side, zh_clauses, w);
        let name = match kind {
            Some(_) => usually_matched(elsewhere),
            None => consistent(elsewhere) && said_as_name(ev, &w.key, names),
        };
        if !name {
            continue;
        }
        let free = |e: &&WordMatch| !swaps.iter().any(|s| std::ptr::eq(s.en, *e));
        if let Some(e) = en_names
            .iter()
            .copied()
            .filter(|e| (one_clause || off(e, w) <= BAND) && free(e) && !renders(ev, en, e, w))
            .min_by(|a, b| off(a, w).total_cmp(&off(b, w)))
        {
            swaps.push(Swap { zh: w, kind, en: e });
        }
    }
    if swaps.is_empty() {
        return None;
    }
    let (zh_name, en_name) = if zh_is_source {
        ("source", "target")
    } else {
        ("target", "source")
    };
    let said: Vec<String> = swaps
        .iter()
        .map(|s| {
            let about: Vec<String> = s
                .kind
                .map(|k| k.as_str().to_string())
                .into_iter()
                .chain(ev.pinyin(&s.zh.key))
                .collect();
            let about = if about.is_empty() {
                String::new()
            } else {
                format!(" ({})", about.join(", "))
            };
            format!(
                "“{}” in the {en_name} where the {zh_name} has {}{about}",
                written(en, s.en.at),
                written(zh, s.zh.at),
            )
        })
        .collect();
    let marks = swaps.iter().flat_map(|s| {
        [
            mark(zh, s.zh.at, !zh_is_source),
            mark(en, s.en.at, zh_is_source),
        ]
    });
    Some(
        Flag::new(
            FlagKind::NameMismatch,
            Severity::Warning,
            format!("different names: {}", said.join("; ")),
        )
        .with_marks(marks.collect::<Vec<_>>()),
    )
}

/// True when token `at` of the English side is a name: an acronym, or a
/// capitalised word that does not open a sentence or that the pair writes
/// as a name elsewhere ([`EnglishNames`]), and no part of a date or number
/// ("October 5" is the number check's business).
fn is_english_name(en: &SideView, at: usize, names: &EnglishNames) -> bool {
    let Some(t) = en.unit.tokens.get(at) else {
        return false;
    };
    let in_number = en
        .unit
        .numbers
        .iter()
        .any(|n| n.span.start <= t.span.start && t.span.end <= n.span.end);
    if t.kind != TokenKind::Latin || in_number {
        return false;
    }
    let w = written(en, at);
    let mut chars = w.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    let roman = w.chars().all(|c| "IVXLCDM".contains(c));
    let acronym = w.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !w.chars().any(char::is_lowercase)
        && !roman;
    first_upper && (acronym || names.contains(&t.key) || !sentence_initial(en.text(), t))
}

/// The words a pair's English writes as names: capitalised inside a
/// sentence somewhere and never in lower case. A sentence's first word is
/// capitalised anyway; this tells "Shanghai was…" from "Careless was…".
#[derive(Debug, Clone, Default)]
pub struct EnglishNames {
    names: FxHashSet<String>,
}

impl EnglishNames {
    /// The names of the English sides among `sides`.
    pub fn of<'a>(sides: impl IntoIterator<Item = &'a SideView>) -> EnglishNames {
        let (mut capital, mut lower) = (FxHashSet::default(), FxHashSet::default());
        for side in sides.into_iter().filter(|s| !s.lang.is_chinese()) {
            let text = side.text();
            for t in side
                .unit
                .tokens
                .iter()
                .filter(|t| t.kind == TokenKind::Latin)
            {
                let w = text.get(t.span.start..t.span.end).unwrap_or("");
                if w.starts_with(char::is_lowercase) {
                    lower.insert(t.key.to_string());
                } else if w.starts_with(char::is_uppercase) && !sentence_initial(text, t) {
                    capital.insert(t.key.to_string());
                }
            }
        }
        capital.retain(|k| !lower.contains(k));
        EnglishNames { names: capital }
    }

    /// True when `key` (lower case) is one of them.
    pub fn contains(&self, key: &str) -> bool {
        self.names.contains(key)
    }
}

/// True when English word `e` may still render Chinese name `zh` in part:
/// a piece of two or more characters translates the word, alone or in a
/// hyphenated compound (亚太 "Asia-Pacific"), or it sounds like it. Single
/// characters are no evidence: a surname's gloss names places (吴 "Wu;
/// … Shanghai").
fn renders(ev: &dyn TranslationEvidence, en: &SideView, e: &WordMatch, zh: &WordMatch) -> bool {
    let Some(t) = en.unit.tokens.get(e.at) else {
        return false;
    };
    let mut stems = stem_variants(&t.stem);
    stems.extend(hyphenated(en, e.at));
    stems.extend(place_of(&t.key));
    let stems: Vec<&str> = stems.iter().map(String::as_str).collect();
    zh_has_evidence(ev, &zh.key, &stems, &[t.key.as_str()])
        || transliterates(ev, &t.key, &[zh.key.as_str()])
}

/// The place a demonym or place adjective names, in the lexicon's forms:
/// Americans → america, Asian → asia, Chinese → china.
fn place_of(key: &str) -> Vec<String> {
    let key = strip_possessive(key);
    let key = key.strip_suffix('s').unwrap_or(key);
    ["ian", "an", "n", "ese", "ish", "i"]
        .iter()
        .filter_map(|x| key.strip_suffix(x).filter(|b| b.len() >= 3))
        .flat_map(|b| [b.to_string(), format!("{b}a")])
        .collect()
}

/// The stems of the hyphenated compounds token `at` is part of, with the
/// word before it or after it ("Asia-Pacific": the lexicon's 亚太 is
/// "asia-pacif", a word the tokenizer splits).
fn hyphenated(side: &SideView, at: usize) -> Vec<String> {
    let (tokens, text) = (&side.unit.tokens, side.text());
    let stemmer = Stemmer::create(Algorithm::English);
    [at.checked_sub(1).map(|a| (a, at)), Some((at, at + 1))]
        .into_iter()
        .flatten()
        .filter_map(|(a, b)| {
            let (x, y) = (tokens.get(a)?, tokens.get(b)?);
            (text.get(x.span.end..y.span.start)? == "-")
                .then(|| stemmer.stem(&format!("{}-{}", x.key, y.key)).into_owned())
        })
        .collect()
}

/// True when tokens `a` and `b` of `side` are neighbours joined by a space
/// or a hyphen only.
fn joined(side: &SideView, a: usize, b: usize) -> bool {
    let (a, b) = (a.min(b), a.max(b));
    let toks = &side.unit.tokens;
    match (toks.get(a), toks.get(b)) {
        (Some(x), Some(y)) if b == a + 1 => side
            .text()
            .get(x.span.end..y.span.start)
            .is_some_and(|gap| matches!(gap.trim(), "" | "-")),
        _ => false,
    }
}

fn written(side: &SideView, at: usize) -> &str {
    side.unit
        .tokens
        .get(at)
        .and_then(|t| side.text().get(t.span.start..t.span.end))
        .unwrap_or("")
}

fn mark(side: &SideView, at: usize, target: bool) -> Mark {
    let span = side
        .unit
        .tokens
        .get(at)
        .map_or(0..0, |t| t.span.start..t.span.end);
    Mark::from_bytes(target, side.text(), span.start, span.end)
}

/// [`check`] as a [`super::Check`]: with translation evidence and clause
/// evidence only, between Chinese and English.
pub struct NameSwap;

impl super::Check for NameSwap {
    fn flags(&self, b: &super::BeadView<'_>) -> Vec<Flag> {
        let (Some(ev), Some(c)) = (b.evidence, b.clauses) else {
            return Vec::new();
        };
        if b.src.lang.is_chinese() == b.tgt.lang.is_chinese() {
            return Vec::new();
        }
        let bead = if b.src.lang.is_chinese() {
            Bilingual {
                zh: b.src,
                en: b.tgt,
                zh_clauses: &c.src,
                en_clauses: &c.tgt,
                zh_is_source: true,
            }
        } else {
            Bilingual {
                zh: b.tgt,
                en: b.src,
                zh_clauses: &c.tgt,
                en_clauses: &c.src,
                zh_is_source: false,
            }
        };
        check(&bead, ev, b.rates, b.names).into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{check, CheckConfig};
    use crate::lexical::evidence::WordPairs;
    use crate::record::BeadRecord;
    use crate::Lang;
    use std::sync::Arc;

    fn config() -> CheckConfig {
        let mut w: WordPairs = [
            ("会议", "meeting"),
            ("举行", "held"),
            ("北京", "beijing"),
            ("上海", "shanghai"),
            ("代表", "delegates"),
            ("来自", "came from"),
        ]
        .into_iter()
        .collect();
        w.add_pinyin("北京", "bei jing");
        w.add_pinyin("上海", "shang hai");
        CheckConfig {
            evidence: Some(Arc::new(w)),
            ..CheckConfig::default()
        }
    }

    /// Name-swap flags of the last of `beads` (zh, en), checked as one pair.
    fn swap_flags(beads: &[(&str, &str)]) -> Vec<Flag> {
        let mut rs: Vec<BeadRecord> = beads
            .iter()
            .enumerate()
            .map(|(i, (zh, en))| {
                BeadRecord::new(
                    i,
                    Lang::ZhHans,
                    Lang::En,
                    vec![zh.to_string()],
                    vec![en.to_string()],
                )
            })
            .collect();
        check(&mut rs, &crate::segment::Segmenter::new(), &config());
        for r in &rs[..rs.len() - 1] {
            assert!(
                !r.flags
                    .iter()
                    .any(|f| f.reason.starts_with("different names")),
                "{:?}",
                r.flags
            );
        }
        let last = rs.pop().map(|r| r.flags).unwrap_or_default();
        last.into_iter()
            .filter(|f| f.reason.starts_with("different names"))
            .collect()
    }

    /// Beads where the document renders 北京 and 上海 by name.
    const CONTEXT: &[(&str, &str)] = &[
        ("会议在北京举行。", "The meeting was held in Beijing."),
        ("代表来自上海。", "The delegates came from Shanghai."),
        ("会议在上海举行。", "The meeting was held in Shanghai."),
        ("代表来自北京。", "The delegates came from Beijing."),
    ];

    fn with(bead: (&'static str, &'static str)) -> Vec<(&'static str, &'static str)> {
        let mut beads = CONTEXT.to_vec();
        beads.push(bead);
        beads
    }

    #[test]
    fn a_place_changed_is_a_warning_with_both_names() {
        let f = swap_flags(&with((
            "代表在北京举行会议。",
            "The delegates held a meeting in Shanghai.",
        )));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].kind, FlagKind::NameMismatch);
        assert_eq!(f[0].severity, Severity::Warning);
        assert!(
            f[0].reason
                .contains("“Shanghai” in the target where the source has 北京 (place, beijing)"),
            "{}",
            f[0].reason
        );
        assert_eq!(f[0].marks.len(), 2);
    }

    #[test]
    fn the_same_place_is_silent() {
        let f = swap_flags(&with((
            "代表在北京举行会议。",
            "The delegates held a meeting in Beijing.",
        )));
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn a_name_the_document_never_matches_is_no_evidence() {
        // 茅十八 is "Whiskers" throughout: the evidence never sees it, so
        // its miss here next to "Misty" says nothing.
        let beads = [
            ("茅十八举行会议。", "Whiskers held a meeting."),
            ("代表来自茅十八。", "The delegates came from Whiskers."),
            ("茅十八来自北京。", "Whiskers came from Beijing."),
            ("会议在茅十八举行。", "The meeting was held at Misty."),
        ];
        assert!(swap_flags(&beads).is_empty());
    }

    #[test]
    fn a_name_far_from_the_chinese_one_is_another_slot() {
        let f = swap_flags(&with((
            "北京代表来自会议，会议在上午举行。",
            "The delegates came from the meeting, and the meeting was held in the morning at the new Shanghai office.",
        )));
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn english_names_are_capitalised_inside_a_sentence_and_never_lower_case() {
        let seg = crate::segment::Segmenter::new();
        let side = |text: &str| {
            crate::segment::BeadSide::new(&[crate::record::BeadUnit::text(text)], Lang::En, &seg)
        };
        let sides = [
            side("Beijing is large. They went to Beijing."),
            side("Careless words cost. The Meeting was held; the meeting ended."),
        ];
        let names = EnglishNames::of(sides.iter());
        assert!(names.contains("beijing"));
        assert!(!names.contains("careless"), "only ever opens a sentence");
        assert!(!names.contains("meeting"), "written in lower case too");
    }

    #[test]
    fn a_word_is_said_as_a_name_by_its_pinyin() {
        let seg = crate::segment::Segmenter::new();
        let side = crate::segment::BeadSide::new(
            &[crate::record::BeadUnit::text(
                "Then Wang Qiyao met Qingyang.",
            )],
            Lang::En,
            &seg,
        );
        let names = EnglishNames::of([&side]);
        let mut w = WordPairs::new();
        w.add_pinyin("清扬", "qing yang");
        w.add_pinyin("王琦瑶", "wang qi yao");
        w.add_pinyin("片厂", "pian chang");
        assert!(said_as_name(&w, "清扬", &names));
        assert!(said_as_name(&w, "王琦瑶", &names), "surname and given name");
        assert!(!said_as_name(&w, "片厂", &names));
    }

    #[test]
    fn place_adjectives_name_their_place() {
        assert!(place_of("americans").contains(&"america".to_string()));
        assert!(place_of("asian").contains(&"asia".to_string()));
        assert!(place_of("chinese").contains(&"china".to_string()));
    }
}
