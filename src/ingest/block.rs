//! Source text to candidate blocks: takes decoded text, gives the pieces
//! (lines of plain text or Markdown, front matter) with their source line,
//! before any boilerplate or language decision.

use crate::document::DropReason;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::ops::Range;

/// A candidate piece of text with where it starts in the source.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// Text with markup removed and outer whitespace trimmed.
    pub text: String,
    /// 1-based source line where the block starts.
    pub line: usize,
    /// Markup says this is a heading (Markdown `#`, HTML `<h1>`…).
    pub heading: bool,
    /// Already decided to be dropped (front matter, markup, captions…).
    pub drop: Option<DropReason>,
    /// Continues the previous block with no blank line between (a wrapped
    /// line of the same paragraph).
    pub continues: bool,
    /// Later source lines joined into `text`: (byte offset in `text`,
    /// 1-based line), in order.
    pub lines: Vec<(usize, usize)>,
}

impl Block {
    /// A kept block of text starting at `line`.
    pub fn new(text: impl Into<String>, line: usize) -> Block {
        Block {
            text: text.into(),
            line,
            heading: false,
            drop: None,
            continues: false,
            lines: Vec::new(),
        }
    }

    /// A block already known to be dropped for `reason`.
    pub fn dropped(text: impl Into<String>, line: usize, reason: DropReason) -> Block {
        Block {
            drop: Some(reason),
            ..Block::new(text, line)
        }
    }
}

/// Finds YAML front matter: the first non-blank line is `---` and a later
/// line is `---` or `...`. Gives the block (dropped as front matter) and the
/// number of source lines it and the lines before it take.
pub fn front_matter(text: &str) -> Option<(Block, usize)> {
    let mut lines = text.split('\n').enumerate();
    let (open, _) = lines.by_ref().find(|(_, l)| !l.trim().is_empty())?;
    if text.split('\n').nth(open)?.trim_end() != "---" {
        return None;
    }
    for (i, l) in lines.take(500) {
        let l = l.trim_end();
        if l == "---" || l == "..." {
            let body: Vec<&str> = text.split('\n').skip(open).take(i - open + 1).collect();
            let block = Block::dropped(
                body.join("\n").trim().to_string(),
                open + 1,
                DropReason::FrontMatter,
            );
            return Some((block, i + 1));
        }
    }
    None
}

/// Splits plain text or Markdown into one block per non-blank line,
/// skipping the first `skip` lines (front matter). With `markdown`, heading
/// markers and emphasis delimiters are removed (see [`markdown_line`]).
pub fn lines(text: &str, skip: usize, markdown: bool) -> Vec<Block> {
    let mut out = Vec::new();
    let mut prev_blank = true;
    for (i, raw) in text.split('\n').enumerate().skip(skip) {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            prev_blank = true;
            continue;
        }
        let mut block = if markdown {
            markdown_line(trimmed, i + 1)
        } else {
            Block::new(trimmed, i + 1)
        };
        block.continues = !prev_blank;
        if block.text.is_empty() {
            // A line of markup only (`---`, `**`): nothing to read.
            block.text = trimmed.to_string();
            block.drop = Some(DropReason::Markup);
        }
        out.push(block);
        prev_blank = false;
    }
    out
}

/// One Markdown line: heading markers and emphasis delimiters removed.
///
/// pulldown-cmark parses the line and gives each event its source range;
/// only the bytes of ATX heading markers (`#`s, before and after) and of
/// emphasis and strong delimiters are left out, so every other character
/// of the line (list markers, escapes, `__` inside an identifier) stays as
/// written and the block keeps its source line. A line is parsed alone, as
/// blocks are per line.
fn markdown_line(line: &str, number: usize) -> Block {
    let mut heading = false;
    // The span of the heading's inline content (its markers are outside).
    let mut content: Option<Range<usize>> = None;
    let mut delimiters: Vec<Range<usize>> = Vec::new();
    for (event, r) in Parser::new(line).into_offset_iter() {
        match &event {
            Event::Start(Tag::Heading { .. }) => heading = true,
            Event::End(TagEnd::Heading(_)) => {}
            _ if heading => {
                let c = content.get_or_insert(r.clone());
                c.start = c.start.min(r.start);
                c.end = c.end.max(r.end);
            }
            _ => {}
        }
        // Emphasis takes one delimiter character each side, strong two
        // (CommonMark); the range spans them.
        let width = match event {
            Event::Start(Tag::Emphasis) => 1,
            Event::Start(Tag::Strong) => 2,
            _ => continue,
        };
        delimiters.push(r.start..r.start + width);
        delimiters.push(r.end - width..r.end);
    }
    let keep = match (heading, content) {
        (true, Some(c)) => c,
        (true, None) => 0..0,
        (false, _) => 0..line.len(),
    };
    let text: String = line[keep.clone()]
        .char_indices()
        .filter(|(i, _)| !delimiters.iter().any(|d| d.contains(&(keep.start + i))))
        .map(|(_, c)| c)
        .collect();
    Block {
        heading,
        ..Block::new(text.trim(), number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_headings_and_bold() {
        let b = lines(
            "\n## 亚信 25 年\n\n### **三、前景**\nbody **bold** text\n",
            0,
            true,
        );
        assert_eq!(b.len(), 3);
        assert_eq!(
            (b[0].text.as_str(), b[0].line, b[0].heading),
            ("亚信 25 年", 2, true)
        );
        assert_eq!((b[1].text.as_str(), b[1].heading), ("三、前景", true));
        assert_eq!(
            (b[2].text.as_str(), b[2].heading),
            ("body bold text", false)
        );
        assert!(b[2].continues && !b[1].continues);
        assert!(!lines("#hashtag", 0, true)[0].heading);
    }

    #[test]
    fn markdown_keeps_what_is_not_a_marker() {
        let text = |line: &str| {
            let b = &lines(line, 0, true)[0];
            (b.text.clone(), b.heading)
        };
        // `__` inside an identifier is not emphasis.
        assert_eq!(text("call my__var__name now").0, "call my__var__name now");
        assert_eq!(
            text("a _light_ and __strong__ word").0,
            "a light and strong word"
        );
        assert_eq!(text("***both*** here").0, "both here");
        // Closing `#`s of a heading go too; list markers and escapes stay.
        assert_eq!(text("## Title ##"), ("Title".to_string(), true));
        assert_eq!(text("- item **one**").0, "- item one");
        assert_eq!(
            text("1. step \\*not emphasis\\*").0,
            "1. step \\*not emphasis\\*"
        );
        assert_eq!(text("2 * 3 * 4").0, "2 * 3 * 4");
        // A heading of markers only is a markup line.
        let b = &lines("##", 0, true)[0];
        assert_eq!(b.drop, Some(DropReason::Markup));
    }

    #[test]
    fn crlf_lines_count_like_lf() {
        let b = lines("first line\r\n\r\nsecond line\r\n", 0, false);
        let got: Vec<(&str, usize)> = b.iter().map(|b| (b.text.as_str(), b.line)).collect();
        assert_eq!(got, [("first line", 1), ("second line", 3)]);
        let (_, skip) = front_matter("---\r\na: 1\r\n---\r\nbody").unwrap();
        assert_eq!(skip, 3);
    }

    #[test]
    fn front_matter_found_and_skipped() {
        let text = "\n---\ntitle: x\n---\n\n<p>body</p>\n";
        let (block, skip) = front_matter(text).unwrap();
        assert_eq!(block.line, 2);
        assert_eq!(block.text, "---\ntitle: x\n---");
        assert_eq!(skip, 4);
        assert!(front_matter("no front matter\n---\n").is_none());
        assert!(front_matter("---\nnever closed\n").is_none());
    }
}
