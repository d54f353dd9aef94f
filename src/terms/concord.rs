//! Concordance: every aligned pair containing a term, as keyword-in-context
//! lines with the other side of the bead below.
//!
//! Chinese terms match on normalized keys, so Simplified and Traditional
//! input and text find each other (亞信 finds 亚信); English terms match on
//! word stems, so "measure" finds "measures" and "Confidence-Building".

use super::extract::BeadRef;
use super::glossary::en_stems;
use crate::document::Lang;
use crate::lexical::evidence::strip_possessive;
use crate::normalize::{self, is_han};
use crate::record::BeadRecord;
use crate::segment::{BeadSide, BeadSides, TokenKind};
use serde::Serialize;

/// One hit of a term, in context.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConcordLine {
    /// The bead.
    pub at: BeadRef,
    /// Language of the side the term was found on.
    pub lang: Lang,
    /// Text before the hit (at most the context width).
    pub left: String,
    /// The hit as written.
    pub hit: String,
    /// Text after the hit (at most the context width).
    pub right: String,
    /// The other side of the bead, whole.
    pub other: String,
}

/// Every occurrence of `term` in `records`, with `width` characters of
/// context each side; `sides[k]` is the analysed bead of `records[k]`.
pub fn concordance(
    records: &[BeadRecord],
    sides: &[BeadSides],
    term: &str,
    width: usize,
) -> Vec<ConcordLine> {
    let term = term.trim();
    if term.is_empty() {
        return Vec::new();
    }
    let han = term.chars().any(is_han);
    let zh_key = normalize::key(term);
    let stems = en_stems(term);
    let mut out = Vec::new();
    for (r, s) in records.iter().zip(sides) {
        for (this, other) in [(&s.src, &s.tgt), (&s.tgt, &s.src)] {
            let lang = this.lang;
            if this.text().is_empty() || lang.is_chinese() != han {
                continue;
            }
            let text = this.text();
            let spans = if han {
                find_key(text, &zh_key)
            } else {
                find_stems(this, &stems)
            };
            for (s, e) in spans {
                let (Some(left), Some(hit), Some(right)) =
                    (text.get(..s), text.get(s..e), text.get(e..))
                else {
                    continue;
                };
                out.push(ConcordLine {
                    at: BeadRef {
                        pair: r.pair.clone(),
                        bead: r.bead,
                    },
                    lang,
                    left: tail_chars(left, width),
                    hit: hit.to_string(),
                    right: head_chars(right, width),
                    other: one_line(other.text()),
                });
            }
        }
    }
    out
}

/// Byte spans of `key` in `text`, matched on the normalized key and mapped
/// back to the original.
fn find_key(text: &str, key: &str) -> Vec<(usize, usize)> {
    if key.is_empty() {
        return Vec::new();
    }
    let n = normalize::normalize(text);
    n.text
        .match_indices(key)
        .map(|(at, k)| n.span_to_original(at, at + k.len()))
        .filter(|(s, e)| text.is_char_boundary(*s) && text.is_char_boundary(*e) && s < e)
        .collect()
}

/// Byte spans (into its text) of runs of words of `side` whose stems are
/// `stems`.
fn find_stems(side: &BeadSide, stems: &[String]) -> Vec<(usize, usize)> {
    if stems.is_empty() {
        return Vec::new();
    }
    let toks: Vec<_> = side
        .unit
        .tokens
        .iter()
        .filter(|t| t.kind != TokenKind::Han)
        .collect();
    let mut out = Vec::new();
    if toks.len() < stems.len() {
        return out;
    }
    for i in 0..=toks.len() - stems.len() {
        if toks[i..i + stems.len()]
            .iter()
            .zip(stems)
            .all(|(t, s)| strip_possessive(&t.stem) == strip_possessive(s))
        {
            out.push((toks[i].span.start, toks[i + stems.len() - 1].span.end));
        }
    }
    out
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Collapses whitespace runs to one space, keeping a space at either edge.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

fn tail_chars(s: &str, n: usize) -> String {
    let s = collapse(s);
    let count = s.chars().count();
    let mut t: String = s.chars().skip(count.saturating_sub(n)).collect();
    if count > n {
        t.insert(0, '…');
    }
    t
}

fn head_chars(s: &str, n: usize) -> String {
    let s = collapse(s);
    let mut t: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        t.push('…');
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::side::analyse;
    use crate::segment::Segmenter;

    fn rec(i: usize, zh: &str, en: &str) -> BeadRecord {
        BeadRecord {
            pair: "p".into(),
            score: 1.0,
            ..BeadRecord::new(i, Lang::ZhHans, Lang::En, vec![zh.into()], vec![en.into()])
        }
    }

    #[test]
    fn traditional_term_finds_simplified_text() {
        let recs = vec![
            rec(0, "亚信会议创立于1992年。", "CICA was founded in 1992."),
            rec(1, "会议结束。", "The meeting ended."),
        ];
        let lines = concordance(&recs, &analyse(&recs, &Segmenter::new()), "亞信", 11);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].hit, "亚信");
        assert_eq!(lines[0].left, "");
        assert_eq!(lines[0].right, "会议创立于1992年。");
        assert_eq!(lines[0].other, "CICA was founded in 1992.");
    }

    #[test]
    fn english_term_matches_stems_and_keeps_the_written_form() {
        let recs = vec![rec(
            0,
            "信任措施",
            "Both adopted Confidence-Building Measures and other measures.",
        )];
        let sides = analyse(&recs, &Segmenter::new());
        let lines = concordance(&recs, &sides, "confidence building measure", 8);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].hit, "Confidence-Building Measures");
        assert_eq!(lines[0].left, "…adopted ");
        assert_eq!(lines[0].other, "信任措施");
        assert_eq!(concordance(&recs, &sides, "measures", 8).len(), 2);
    }
}
