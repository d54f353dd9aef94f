//! Export: JSONL, TSV, TMX 1.4b and the HTML review page, all rendered from
//! [`crate::record::BeadRecord`]s, plus the corpus-wide `index.html` and
//! `summary.json`.
//!
//! One writer per format, each taking any `io::Write` and a slice of
//! records, so `bitext build` (files) and `bitext export` (stdout or a file)
//! share them. Every writer is deterministic: same records, same bytes.

pub mod beads;
pub mod glossary;
pub mod html;
pub mod index;
pub mod jsonl;
pub mod report;
pub mod summary;
pub mod terms_html;
pub mod terms_text;
pub mod tmx;
pub mod tsv;
pub mod visible;

use std::borrow::Cow;

/// The build's terms page (see [`terms_html`]).
pub const TERMS_PAGE: &str = "terms.html";

/// Beads scoring below this are "low score": highlighted on the review page
/// and counted in the statistics.
pub const LOW_SCORE: f32 = 0.5;

/// An output format of `bitext export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One bead record per line (the wire format, read back by `export`).
    Jsonl,
    /// Tab-separated values with a header row, for spreadsheets.
    Tsv,
    /// TMX 1.4b, for CAT tools.
    Tmx,
    /// The HTML review page.
    Html,
}

impl Format {
    /// The usual file extension (`jsonl`, `tsv`, `tmx`, `html`).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Tsv => "tsv",
            Format::Tmx => "tmx",
            Format::Html => "html",
        }
    }

    /// Writes `records` in this format.
    pub fn write<W: std::io::Write>(
        self,
        out: W,
        records: &[crate::record::BeadRecord],
    ) -> std::io::Result<()> {
        match self {
            Format::Jsonl => jsonl::write(out, records),
            Format::Tsv => tsv::write(out, records),
            Format::Tmx => tmx::write(out, records),
            Format::Html => html::write(out, records),
        }
    }
}

/// A score as shown to people: three decimals.
pub fn fmt_score(score: f32) -> String {
    format!("{score:.3}")
}

/// True for characters XML 1.0 allows in a document
/// (`#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]`).
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `text` without the characters XML forbids (C0 controls other than tab,
/// newline and carriage return; U+FFFE, U+FFFF).
pub fn xml_safe(text: &str) -> Cow<'_, str> {
    if text.chars().all(is_xml_char) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|&c| is_xml_char(c)).collect())
    }
}

/// Short language column name: `zh` for both Chinese scripts, `en`.
pub(crate) fn short_lang(lang: crate::Lang) -> &'static str {
    if lang.is_chinese() {
        "zh"
    } else {
        "en"
    }
}

/// The lines of one side as `12` or `12,13`.
pub(crate) fn fmt_lines(lines: &[usize]) -> String {
    let mut uniq: Vec<usize> = lines.to_vec();
    uniq.dedup();
    uniq.iter()
        .map(|l| l.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn xml_safe_strips_forbidden_controls_only() {
        assert_eq!(xml_safe("a\u{0}b\u{1b}c\td\ne\u{FFFE}"), "abc\td\ne");
        assert!(matches!(xml_safe("中文 ok"), Cow::Borrowed(_)));
    }

    #[test]
    fn lines_are_deduplicated_in_order() {
        assert_eq!(fmt_lines(&[3, 3, 5]), "3,5");
        assert_eq!(fmt_lines(&[]), "");
    }

    proptest! {
        #[test]
        fn xml_safe_output_is_all_xml_chars(s in any::<String>()) {
            prop_assert!(xml_safe(&s).chars().all(is_xml_char));
        }
    }
}
