//! Sentence splitting: takes a paragraph's text and language, gives the
//! byte spans of its sentences (whitespace outside every span, nothing but
//! whitespace between them).
//!
//! Chinese paragraphs use the rules in [`zh`]; English ones `sentencex`
//! with the repairs in [`en`]. A heading is always one sentence.

mod en;
mod zh;

use crate::document::{Lang, Span};
use crate::normalize::han_ratio;

/// Share of Han letters above which a paragraph is cut by the Chinese
/// rules, whatever the document's language.
const CHINESE_RATIO: f64 = 0.3;

/// Sentence spans of one paragraph. `heading` paragraphs give one span.
pub(crate) fn split(text: &str, lang: Lang, heading: bool) -> Vec<Span> {
    if heading {
        return zh::trimmed(text, 0, text.len()).into_iter().collect();
    }
    let ratio = han_ratio(text);
    let chinese = ratio >= CHINESE_RATIO || (lang.is_chinese() && ratio > 0.0);
    if chinese {
        zh::split(text)
    } else {
        en::split(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The paragraph rebuilt from its sentences and the whitespace between.
    fn check_cover(text: &str, spans: &[Span]) -> Result<(), TestCaseError> {
        let mut at = 0;
        let mut rebuilt = String::new();
        for s in spans {
            prop_assert!(s.start >= at && s.start < s.end && s.end <= text.len());
            prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            let gap = &text[at..s.start];
            prop_assert!(gap.chars().all(char::is_whitespace), "gap {:?}", gap);
            rebuilt.push_str(gap);
            rebuilt.push_str(&text[s.start..s.end]);
            at = s.end;
        }
        let tail = &text[at..];
        prop_assert!(tail.chars().all(char::is_whitespace));
        rebuilt.push_str(tail);
        prop_assert_eq!(rebuilt, text);
        Ok(())
    }

    fn paragraph() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "亚信会议",
            "。",
            "！",
            "？",
            "…",
            "……",
            "”",
            "“",
            "）",
            "（",
            "；",
            "，",
            "1.5",
            "U.S.",
            " ",
            "　",
            "\n",
            "Mr.",
            "Smith",
            "said",
            ".",
            "!",
            "?",
            "\"",
            "'",
            "II.",
            "CICA",
            "”。",
            "p.m.",
            "The",
            "e.g.",
            "3.",
            "(a)",
            "’",
            "亞信",
            "Ａ",
            "\u{200B}",
        ]);
        prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn sentences_rebuild_the_paragraph(text in paragraph(), heading in any::<bool>()) {
            for lang in [Lang::ZhHans, Lang::ZhHant, Lang::En] {
                check_cover(&text, &split(&text, lang, heading))?;
            }
        }

        #[test]
        fn any_text_rebuilds(text in "\\PC{0,80}") {
            for lang in [Lang::ZhHans, Lang::En] {
                check_cover(&text, &split(&text, lang, false))?;
            }
        }
    }

    #[test]
    fn heading_is_one_sentence() {
        let t = "## 亚信 25 年：回顾与展望。第二句";
        assert_eq!(split(t, Lang::ZhHans, true), vec![Span::new(0, t.len())]);
    }

    #[test]
    fn english_paragraph_in_chinese_document_uses_chinese_rules_only_with_han() {
        let t = "The U.S. is big. It is.";
        assert_eq!(split(t, Lang::ZhHans, false).len(), 2);
    }
}
