//! Source text to candidate blocks: takes decoded text, gives the pieces
//! (lines of plain text or Markdown, front matter) with their source line,
//! before any boilerplate or language decision.

use crate::document::DropReason;

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
/// skipping the first `skip` lines (front matter). With `markdown`, `#`
/// heading markers and `**`/`__` emphasis markers are removed.
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

/// One Markdown line: heading markers and emphasis markers removed.
fn markdown_line(line: &str, number: usize) -> Block {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    let rest = &line[hashes..];
    let heading = (1..=6).contains(&hashes) && (rest.is_empty() || rest.starts_with([' ', '\t']));
    let body = if heading { rest } else { line };
    let text = strip_emphasis(body.trim());
    Block {
        heading,
        ..Block::new(text.trim(), number)
    }
}

/// Removes `**` and `__` emphasis markers (and trailing closing `#`s are
/// left alone: they are rare and harmless).
fn strip_emphasis(s: &str) -> String {
    s.replace("**", "").replace("__", "")
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
