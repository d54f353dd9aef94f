//! The data every stage shares: languages, spans, documents and their
//! paragraphs with provenance.
//!
//! Ingestion produces [`Document`]s; later stages read them and never change
//! [`Paragraph::text`], the original that users see and export.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The language (and script) of a document or paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Lang {
    /// Chinese in Simplified characters.
    #[serde(rename = "zh-Hans")]
    ZhHans,
    /// Chinese in Traditional characters.
    #[serde(rename = "zh-Hant")]
    ZhHant,
    /// English.
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// True for both Chinese scripts.
    pub fn is_chinese(self) -> bool {
        matches!(self, Lang::ZhHans | Lang::ZhHant)
    }

    /// The BCP 47 tag used in JSON output (`zh-Hans`, `zh-Hant`, `en`).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhHans => "zh-Hans",
            Lang::ZhHant => "zh-Hant",
            Lang::En => "en",
        }
    }

    /// The tag CAT tools expect in TMX (`zh-CN`, `zh-TW`, `en`).
    pub fn tmx_tag(self) -> &'static str {
        match self {
            Lang::ZhHans => "zh-CN",
            Lang::ZhHant => "zh-TW",
            Lang::En => "en",
        }
    }

    /// Parses a tag as written by [`Lang::tag`] or [`Lang::tmx_tag`]
    /// (case-insensitive; `zh` alone means Simplified).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        match tag.to_ascii_lowercase().as_str() {
            "zh-hans" | "zh-cn" | "zh" | "zh-sg" => Some(Lang::ZhHans),
            "zh-hant" | "zh-tw" | "zh-hk" | "zh-mo" => Some(Lang::ZhHant),
            "en" | "en-us" | "en-gb" => Some(Lang::En),
            _ => None,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// A half-open range of **byte** offsets into some original text (which text
/// is said by the field holding the span).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers nothing.
    pub fn is_empty(&self) -> bool {
        self.start >= self.end
    }
}

/// The markup a source file was read as (detected from content).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text: paragraphs separated by blank lines or line breaks.
    Text,
    /// Markdown: `#` headings, emphasis markers.
    Markdown,
    /// HTML, possibly behind YAML front matter.
    Html,
}

/// One paragraph of a document, with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    /// The original text, markup removed, exactly as users should see it.
    pub text: String,
    /// The matching key: half-width, spaces collapsed, Simplified, NFKC.
    /// Never shown to users. Empty for `--presplit` input: there the
    /// aligner keys each line as a unit and a key per line would only cost
    /// memory (~20 MB for a 100k-line pair).
    pub norm: String,
    /// 1-based source line where the paragraph starts.
    pub line: usize,
    /// True for a heading (Markdown `#`, HTML `<h1>`…, short title lines).
    pub heading: bool,
    /// Where `text` continues from a later source line (a wrapped line, or
    /// a paragraph joined across a page break), in order; empty when the
    /// whole text starts on `line`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub line_starts: Vec<LineStart>,
}

/// A point inside a paragraph's text where a later source line begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineStart {
    /// Byte offset in the paragraph's `text`.
    pub at: usize,
    /// 1-based source line that starts there.
    pub line: usize,
}

impl Paragraph {
    /// The 1-based source line of the text at byte `at` of `text`.
    pub fn line_at(&self, at: usize) -> usize {
        self.line_starts
            .iter()
            .take_while(|s| s.at <= at)
            .last()
            .map_or(self.line, |s| s.line)
    }
}

/// Why a piece of the source was not kept as a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DropReason {
    /// Site chrome: menus, breadcrumbs, footers, credits, promo blocks.
    Boilerplate,
    /// YAML front matter (metadata, not text).
    FrontMatter,
    /// Markup that carries no text: `<style>`, `<script>`, comments.
    Markup,
    /// Image captions and credits.
    Caption,
    /// Nothing readable: punctuation or symbols only.
    Noise,
    /// A repeat of a title already kept (a page title shown twice).
    Duplicate,
}

impl fmt::Display for DropReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = match self {
            DropReason::Boilerplate => "boilerplate",
            DropReason::FrontMatter => "front-matter",
            DropReason::Markup => "markup",
            DropReason::Caption => "caption",
            DropReason::Noise => "noise",
            DropReason::Duplicate => "duplicate",
        };
        f.write_str(s)
    }
}

/// A piece of the source that ingestion left out, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dropped {
    /// 1-based source line where the dropped piece starts.
    pub line: usize,
    /// The dropped text (original).
    pub text: String,
    /// Why it was dropped.
    pub reason: DropReason,
}

/// One document in one language: a file, or the part of a mixed-language
/// file written in that language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The path of the source file, as given.
    pub source: String,
    /// Language of the document.
    pub lang: Lang,
    /// Encoding the file was decoded from (`UTF-8`, `UTF-16LE`, `GBK`, `Big5`…).
    pub encoding: String,
    /// Markup the file was read as.
    pub format: Format,
    /// Paragraphs in document order.
    pub paragraphs: Vec<Paragraph>,
    /// What was left out of this document, in source order.
    pub dropped: Vec<Dropped>,
}

impl Document {
    /// A short stable identifier: the file stem plus the language tag,
    /// e.g. `000_58fd57bd8402631f.zh-Hans`.
    pub fn id(&self) -> String {
        let stem = std::path::Path::new(&self.source)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.source.clone());
        format!("{stem}.{}", self.lang.tag())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_at_follows_joined_lines() {
        let p = Paragraph {
            text: "first part second part third".into(),
            norm: String::new(),
            line: 10,
            heading: false,
            line_starts: vec![
                LineStart { at: 11, line: 12 },
                LineStart { at: 23, line: 15 },
            ],
        };
        assert_eq!(p.line_at(0), 10);
        assert_eq!(p.line_at(10), 10);
        assert_eq!(p.line_at(11), 12);
        assert_eq!(p.line_at(22), 12);
        assert_eq!(p.line_at(23), 15);
        assert_eq!(p.line_at(1000), 15);
    }
}
