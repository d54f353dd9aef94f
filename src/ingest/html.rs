//! HTML to candidate blocks: takes decoded HTML (front matter already
//! skipped), gives one block per block-level element's text with the real
//! source line where its text starts.
//!
//! A small linear scanner rather than a DOM: line numbers must be exact and
//! nothing may be lost, so every piece of text ends up in a block, and
//! `<style>`, `<script>`, comments and `<head>` become dropped blocks.
//! Inline tags (`<span>`, `<a>`, `<b>`…) are removed, entities decoded,
//! runs of ASCII whitespace collapsed to one space.

use super::block::Block;
use crate::document::DropReason;

/// Elements whose start or end closes the current block.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];
/// Elements without an end tag.
const VOID_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];
/// Elements whose content is raw text, not shown.
const RAW_TAGS: &[&str] = &["script", "style", "noscript", "template", "textarea"];

/// Deepest element nesting tracked (deeper start tags are treated as
/// void), so malformed input cannot make the scan quadratic.
const MAX_DEPTH: usize = 256;

/// One open element and what it says about its content.
struct Open {
    name: String,
    /// The content is dropped for this reason (chrome, caption…).
    reason: Option<DropReason>,
    heading: bool,
}

/// Scans `text` from byte `start` (at source line `first_line`).
pub fn blocks(text: &str, start: usize, first_line: usize) -> Vec<Block> {
    let mut s = Scanner {
        text,
        out: Vec::new(),
        buf: String::new(),
        buf_line: 0,
        line: first_line,
        counted: start,
        stack: Vec::new(),
        missing: std::collections::HashMap::new(),
    };
    s.run(start);
    s.flush();
    s.out
}

struct Scanner<'a> {
    text: &'a str,
    out: Vec<Block>,
    buf: String,
    buf_line: usize,
    /// Source line at byte `counted`.
    line: usize,
    counted: usize,
    stack: Vec<Open>,
    /// Closing strings (`-->`, `</style`, a quote…) known to be absent
    /// from a byte offset on: a search that failed once is not repeated,
    /// so unclosed markup keeps the scan linear.
    missing: std::collections::HashMap<String, usize>,
}

impl Scanner<'_> {
    /// The source line of byte `pos` (moving forward only: linear overall).
    fn line_at(&mut self, pos: usize) -> usize {
        if pos > self.counted {
            self.line += self.text.as_bytes()[self.counted..pos]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.counted = pos;
        }
        self.line
    }

    fn run(&mut self, mut pos: usize) {
        let text = self.text;
        while pos < text.len() {
            let Some(lt) = text[pos..].find('<').map(|i| pos + i) else {
                self.add_text(pos, text.len());
                return;
            };
            self.add_text(pos, lt);
            pos = self.markup(lt);
        }
    }

    /// Handles the markup starting at `lt` (a `<`); returns where text resumes.
    fn markup(&mut self, lt: usize) -> usize {
        let text = self.text;
        let rest = &text[lt..];
        if rest.starts_with("<!--") {
            let line = self.line_at(lt);
            self.flush();
            let Some(end) = self.find_from(lt + 4, "-->").map(|i| i + 3) else {
                // Never closed: only the opener is dropped, the rest is
                // still read.
                self.out
                    .push(Block::dropped("<!--", line, DropReason::Markup));
                return lt + 4;
            };
            self.out.push(Block::dropped(
                text[lt..end].trim(),
                line,
                DropReason::Markup,
            ));
            return end;
        }
        // A `<` not followed by a letter, `/` and a letter, `!` or `?`
        // starts no tag (as in HTML): it is text. Deciding this before
        // looking for `>` keeps a run of `<` linear.
        let b = rest.as_bytes();
        let starts_tag = match b.get(1) {
            Some(b'/') => b.get(2).is_some_and(u8::is_ascii_alphabetic),
            Some(&c) => c.is_ascii_alphabetic() || c == b'!' || c == b'?',
            None => false,
        };
        if !starts_tag {
            self.add_text(lt, lt + 1);
            return lt + 1;
        }
        let Some(tag_end) = self.tag_end(lt) else {
            // No `>` anywhere after: the rest is text.
            self.add_text(lt, text.len());
            return text.len();
        };
        let inner = &text[lt + 1..tag_end - 1];
        let closing = inner.starts_with('/');
        let name: String = inner
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            if inner.starts_with('!') || inner.starts_with('?') {
                return tag_end; // doctype, processing instruction
            }
            self.add_text(lt, lt + 1);
            return lt + 1;
        }
        if !closing && RAW_TAGS.contains(&name.as_str()) {
            return self.raw(&name, lt, tag_end);
        }
        let block_level = BLOCK_TAGS.contains(&name.as_str());
        let reason = element_reason(&name, inner);
        if block_level || reason.is_some() || closing && self.closes_marked(&name) {
            self.flush();
        }
        if closing {
            if let Some(i) = self.stack.iter().rposition(|o| o.name == name) {
                self.stack.truncate(i);
            }
        } else if !VOID_TAGS.contains(&name.as_str())
            && !inner.ends_with('/')
            && self.stack.len() < MAX_DEPTH
        {
            let heading = matches!(name.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
            self.stack.push(Open {
                name,
                reason,
                heading,
            });
        }
        tag_end
    }

    /// True when closing `name` ends an element that marks its content.
    fn closes_marked(&self, name: &str) -> bool {
        self.stack
            .iter()
            .rev()
            .find(|o| o.name == name)
            .is_some_and(|o| o.reason.is_some() || o.heading)
    }

    /// Skips raw-text content from `from` up to `</name`; its text becomes
    /// a dropped block (markup). An element never closed drops only its
    /// start tag (`lt..from`): the rest of the file is still read.
    fn raw(&mut self, name: &str, lt: usize, from: usize) -> usize {
        let text = self.text;
        self.flush();
        let Some(end) = self.find_from(from, &format!("</{name}")) else {
            let line = self.line_at(lt);
            self.out
                .push(Block::dropped(&text[lt..from], line, DropReason::Markup));
            return from;
        };
        let after = text[end..].find('>').map_or(text.len(), |i| end + i + 1);
        let content = text[from..end].trim();
        if !content.is_empty() {
            let first = from + (text[from..end].len() - text[from..end].trim_start().len());
            let line = self.line_at(first);
            self.out
                .push(Block::dropped(content, line, DropReason::Markup));
        }
        after
    }

    /// Where `needle` (ASCII) first occurs at or after `from`, ignoring
    /// ASCII case; remembers failures (see [`Scanner::missing`]).
    fn find_from(&mut self, from: usize, needle: &str) -> Option<usize> {
        if self.missing.get(needle).is_some_and(|&at| at <= from) {
            return None;
        }
        let found = find_ascii_ci(&self.text[from..], needle).map(|i| from + i);
        if found.is_none() {
            self.missing.insert(needle.to_string(), from);
        }
        found
    }

    /// The end (one past `>`) of the tag starting at `lt`. A `>` inside a
    /// quoted attribute value does not end it; a quote never closed is
    /// taken as a plain character.
    fn tag_end(&mut self, lt: usize) -> Option<usize> {
        let bytes = self.text.as_bytes();
        let mut i = lt + 1;
        let mut after_eq = false;
        while i < bytes.len() {
            match bytes[i] {
                b'>' => return Some(i + 1),
                q @ (b'"' | b'\'') if after_eq => {
                    let quote = if q == b'"' { "\"" } else { "'" };
                    if let Some(close) = self.find_from(i + 1, quote) {
                        i = close;
                    }
                    after_eq = false;
                }
                b'=' => after_eq = true,
                c if c.is_ascii_whitespace() => {}
                _ => after_eq = false,
            }
            i += 1;
        }
        None
    }

    /// Adds source text `text[from..to]` to the current block.
    fn add_text(&mut self, from: usize, to: usize) {
        let raw = &self.text[from..to];
        if raw.trim().is_empty() {
            if !raw.is_empty() && !self.buf.is_empty() && !self.buf.ends_with(' ') {
                self.buf.push(' ');
            }
            return;
        }
        if self.buf.trim().is_empty() {
            let first = from + (raw.len() - raw.trim_start().len());
            self.buf_line = self.line_at(first);
        }
        let decoded = decode_entities(raw);
        for c in decoded.chars() {
            if c.is_ascii_whitespace() {
                if !self.buf.ends_with(' ') && !self.buf.is_empty() {
                    self.buf.push(' ');
                }
            } else {
                self.buf.push(c);
            }
        }
    }

    /// Ends the current block.
    fn flush(&mut self) {
        let text = self.buf.trim();
        if !text.is_empty() {
            let mut block = Block::new(text, self.buf_line);
            block.heading = self.stack.iter().any(|o| o.heading);
            block.drop = self.stack.iter().rev().find_map(|o| o.reason);
            self.out.push(block);
        }
        self.buf.clear();
    }
}

/// What an element's name and attributes say about its content.
fn element_reason(name: &str, tag: &str) -> Option<DropReason> {
    match name {
        "head" | "title" => return Some(DropReason::Markup),
        "nav" | "footer" | "aside" | "header" => return Some(DropReason::Boilerplate),
        "figcaption" => return Some(DropReason::Caption),
        _ => {}
    }
    let class = attribute(tag, "class")?.to_ascii_lowercase();
    if [
        "caption",
        "img_desc",
        "img-desc",
        "photo-desc",
        "pic_desc",
        "imgdesc",
    ]
    .iter()
    .any(|k| class.contains(k))
    {
        return Some(DropReason::Caption);
    }
    if [
        "breadcrumb",
        "navbar",
        "nav-",
        "menu",
        "footer",
        "copyright",
        "share",
        "editor",
        "qr",
    ]
    .iter()
    .any(|k| class.contains(k))
    {
        return Some(DropReason::Boilerplate);
    }
    None
}

/// The value of attribute `name` in the inside of a start tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        let before_ok = at > 0 && lower.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = lower[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let value_start = tag.len() - rest.len() + 1;
        let value = tag[value_start..].trim_start();
        return Some(match value.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let v = &value[1..];
                &v[..v.find(q).unwrap_or(v.len())]
            }
            _ => value
                .split(|c: char| c.is_whitespace())
                .next()
                .unwrap_or(""),
        });
    }
    None
}

/// Byte offset of `needle` (ASCII) in `hay`, ignoring ASCII case.
fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let first = n.first()?;
    let (lo, up) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    // memchr-style jump to candidates for the first byte, then compare.
    let mut from = 0;
    while let Some(i) = h[from..].iter().position(|&b| b == lo || b == up) {
        let at = from + i;
        if h.len() - at >= n.len() && h[at..at + n.len()].eq_ignore_ascii_case(n) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Decodes character references (`&amp;`, `&#20013;`, `&#x4E2D;`, every
/// HTML5 named reference) with `html-escape`. Unknown references stay as
/// written.
pub fn decode_entities(s: &str) -> String {
    html_escape::decode_html_entities(s).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_inline_tags_and_lines() {
        let html = "<div>\n<p>　　第一段<span><a href=\"x\">驱动力</a></span>文字。</p>\n<h2>标题</h2>\n<p>A &amp; B\n  line two</p>\n</div>";
        let b = blocks(html, 0, 1);
        let got: Vec<(&str, usize, bool)> = b
            .iter()
            .map(|b| (b.text.as_str(), b.line, b.heading))
            .collect();
        assert_eq!(
            got,
            [
                ("第一段驱动力文字。", 2, false),
                ("标题", 3, true),
                ("A & B line two", 4, false)
            ]
        );
    }

    #[test]
    fn style_comments_and_captions_are_dropped() {
        let html = "<!-- c -->\n<style>\n.a{x:1}\n</style>\n<div class=\"img_wrapper\"><img src=\"a.jpg\" alt=\"x\"><span class=\"img_descr\">图为会场</span></div>\n<p>正文。</p>";
        let b = blocks(html, 0, 1);
        let got: Vec<(&str, usize, Option<DropReason>)> = b
            .iter()
            .map(|b| (b.text.as_str(), b.line, b.drop))
            .collect();
        assert_eq!(
            got,
            [
                ("<!-- c -->", 1, Some(DropReason::Markup)),
                (".a{x:1}", 3, Some(DropReason::Markup)),
                ("图为会场", 5, Some(DropReason::Caption)),
                ("正文。", 6, None)
            ]
        );
    }

    #[test]
    fn a_quoted_gt_does_not_end_a_tag() {
        let html =
            "<div><iframe srcdoc=\"<p>evil</p> a > b\" title='x>y'></iframe><p>正文。</p></div>";
        let texts: Vec<String> = blocks(html, 0, 1).into_iter().map(|b| b.text).collect();
        assert_eq!(texts, ["正文。"]);
    }

    #[test]
    fn unclosed_raw_elements_and_comments_drop_only_their_opener() {
        for opener in ["<style>", "<script type=\"x\">", "<textarea>", "<!--"] {
            let html =
                format!("<div><p>前文。</p>{opener}\n<p>Body one.</p>\n<p>Body two.</p></div>");
            let b = blocks(&html, 0, 1);
            let got: Vec<(&str, Option<DropReason>)> =
                b.iter().map(|b| (b.text.as_str(), b.drop)).collect();
            assert_eq!(
                got,
                [
                    ("前文。", None),
                    (opener, Some(DropReason::Markup)),
                    ("Body one.", None),
                    ("Body two.", None)
                ],
                "{opener}"
            );
        }
    }

    #[test]
    fn runs_of_markup_openers_stay_linear() {
        // When every `<` rescanned to the end of the text, each of these
        // took minutes (quadratic); the linear scan reads them at once.
        let n = 200_000;
        for unit in ["<", "<a x=\"", "<style>", "<!--", "</"] {
            let mut html = unit.repeat(n);
            html.push_str("<p>end</p>>");
            let b = blocks(&html, 0, 1);
            assert!(b.iter().any(|b| b.text.ends_with("end")), "{unit}");
        }
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("&#20013;&#x6587; &lt;a&gt; &bogus; &hellip;&eacute; &"),
            "中文 <a> &bogus; …é &"
        );
    }
}
