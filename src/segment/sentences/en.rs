//! English sentence ends: takes a paragraph's text, gives the byte spans of
//! its sentences.
//!
//! Wikimedia's `sentencex` does the work (abbreviations, initials, decimals,
//! "p.m. The"); on top of it two repairs: a closing quote that `sentencex`
//! leaves at the start of the next piece is moved back to the sentence it
//! closes, and a bare numbered lead ("II.", "3.", "(a)") is joined to the
//! text it numbers.

use super::zh::trimmed;
use crate::document::Span;

/// Byte spans (into `text`) of the sentences of an English paragraph.
/// Spans hold no leading or trailing whitespace; what lies between them
/// is whitespace only.
pub(crate) fn split(text: &str) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    for b in sentencex::get_sentence_boundaries("en", text) {
        if b.is_paragraph_break || b.end_byte > text.len() || b.start_byte >= b.end_byte {
            continue;
        }
        let Some(mut span) = trimmed(text, b.start_byte, b.end_byte) else {
            continue;
        };
        if let Some(prev) = spans.last_mut() {
            // A closing quote or bracket opening this piece belongs to the
            // previous sentence.
            let lead = leading_closers(&text[span.start..span.end]);
            if lead > 0 && text[prev.end..span.start].trim().is_empty() {
                let gap_is_empty = prev.end == span.start;
                if gap_is_empty {
                    prev.end += lead;
                    match trimmed(text, prev.end, span.end) {
                        Some(rest) => span = rest,
                        None => continue,
                    }
                }
            }
            // A numbered lead alone ("II.") joins what it numbers.
            if is_numbered_lead(&text[prev.start..prev.end]) {
                prev.end = span.end;
                continue;
            }
        }
        spans.push(span);
    }
    spans
}

/// Bytes of closing quotes/brackets at the start of `s`.
fn leading_closers(s: &str) -> usize {
    s.char_indices()
        .take_while(|&(_, c)| matches!(c, '”' | '’' | '"' | '\'' | ')' | ']' | '»'))
        .map(|(i, c)| i + c.len_utf8())
        .last()
        .unwrap_or(0)
}

/// "II.", "IV.", "3.", "12.", "A.", "(a)", "a)": a list or section number
/// with nothing after it.
fn is_numbered_lead(s: &str) -> bool {
    let body = s
        .strip_suffix('.')
        .or_else(|| s.strip_suffix(')'))
        .map(|b| b.strip_prefix('(').unwrap_or(b));
    let Some(body) = body else {
        return false;
    };
    if body.is_empty() || body.len() > 5 {
        return false;
    }
    let roman =
        body.chars().all(|c| "IVXLC".contains(c)) || body.chars().all(|c| "ivxlc".contains(c));
    let digits = body.len() <= 3 && body.chars().all(|c| c.is_ascii_digit());
    let letter = body.len() == 1 && body.chars().all(|c| c.is_ascii_alphabetic());
    roman || digits || letter
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> Vec<&str> {
        split(text).iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            cut("Mr. Smith moved to the U.S. in 2019. He met Dr. Lee, e.g. at No. 5 Main St. on Monday."),
            vec![
                "Mr. Smith moved to the U.S. in 2019.",
                "He met Dr. Lee, e.g. at No. 5 Main St. on Monday."
            ]
        );
    }

    #[test]
    fn initials_decimals_and_pm() {
        assert_eq!(
            cut("J. R. Tolkien wrote it. Prices rose 3.5 percent. She left at 5 p.m. The next day was calm."),
            vec![
                "J. R. Tolkien wrote it.",
                "Prices rose 3.5 percent.",
                "She left at 5 p.m.",
                "The next day was calm."
            ]
        );
    }

    #[test]
    fn closing_quote_stays_with_its_sentence() {
        let text = "among the challenges is lack of a common “Asian awareness” or “Asian identity.” Asia’s security environment is very complicated.";
        assert_eq!(
            cut(text),
            vec![
                "among the challenges is lack of a common “Asian awareness” or “Asian identity.”",
                "Asia’s security environment is very complicated."
            ]
        );
        assert_eq!(
            cut("He said \"Go home.\" Then he left."),
            vec!["He said \"Go home.\"", "Then he left."]
        );
    }

    #[test]
    fn numbered_lead_is_one_sentence() {
        assert_eq!(
            cut("II. CICA Evolution and Asian Security Architecture Building"),
            vec!["II. CICA Evolution and Asian Security Architecture Building"]
        );
        assert_eq!(
            cut("3. Results. They hold."),
            vec!["3. Results.", "They hold."]
        );
    }

    #[test]
    fn numbered_leads_recognized() {
        for s in ["II.", "IV.", "3.", "(a)", "a)", "A."] {
            assert!(is_numbered_lead(s), "{s}");
        }
        for s in ["Yes.", "CICA.", "2019.", "(abc)"] {
            assert!(!is_numbered_lead(s), "{s}");
        }
    }
}
