//! Format detection from content: takes decoded text (after any front
//! matter), gives [`Format::Html`], [`Format::Markdown`] or [`Format::Text`].
//! File extensions are not trusted (the corpus is all `.txt`).

use crate::document::Format;
use regex::Regex;
use std::sync::LazyLock;

static HTML_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)<(?:p|div|html|body|br|span|h[1-6]|table|ul|ol|li|a|article|section|head|title)\b[^<>]*>")
        .expect("valid regex")
});
static HTML_CLOSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)</(?:p|div|html|body|span|h[1-6]|table|ul|ol|li|a|article|section|head|title)>",
    )
    .expect("valid regex")
});
static MD_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^\s{0,3}#{1,6}[ \t]+\S").expect("valid regex"));
static MD_BOLD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\*\*[^*\n]+\*\*").expect("valid regex"));

/// How many bytes are looked at.
const SNIFF: usize = 256 * 1024;

/// Detects the markup of `text`.
pub fn detect(text: &str) -> Format {
    let mut end = text.len().min(SNIFF);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    // Tags and a closing tag; or, for a page whose first 256 KiB close
    // nothing (deeply nested, cut off), tags and markup from the start.
    let tags = HTML_TAG.find_iter(head).take(3).count() >= 3;
    if tags && (HTML_CLOSE.is_match(head) || head.trim_start().starts_with('<')) {
        Format::Html
    } else if MD_HEADING.is_match(head) || MD_BOLD.is_match(head) {
        Format::Markdown
    } else {
        Format::Text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_from_content() {
        assert_eq!(detect("<div>\n<p>a</p><p>b</p></div>"), Format::Html);
        assert_eq!(detect("## Title\n\nbody"), Format::Markdown);
        assert_eq!(detect("plain **bold** text"), Format::Markdown);
        assert_eq!(detect("a < b and c > d\n\n#hashtag"), Format::Text);
        assert_eq!(detect(&"<div>".repeat(100_000)), Format::Html);
        assert_eq!(detect("see <p> and <br> and <div> tags"), Format::Text);
    }
}
