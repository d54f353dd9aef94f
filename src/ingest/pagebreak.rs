//! Paragraph assembly: takes kept blocks, gives paragraphs — wrapped lines
//! merged, title lines marked as headings, and paragraphs cut in two by a
//! PDF page break joined again (Chinese with no separator, English with a
//! space).

use super::block::Block;
use crate::normalize::lang::{script, Script};

/// Longest Chinese title line, in characters.
const ZH_TITLE_CHARS: usize = 25;
/// Longest English title line, in words.
const EN_TITLE_WORDS: usize = 12;
/// Shortest paragraph (in characters) that a page break can cut.
const MIN_CUT_CHARS: usize = 20;

/// True when `text` ends a sentence (closing quotes, brackets and
/// citation marks like `[1]` looked through).
pub fn ends_sentence(text: &str) -> bool {
    let mut t = text.trim_end();
    loop {
        let before = t.len();
        t = t.trim_end_matches(['"', '\'', '”', '’', '」', '』', ')', '）', '】', '》', '*']);
        if t.ends_with(']') {
            if let Some(open) = t.rfind('[') {
                if t[open + 1..t.len() - 1].chars().all(|c| c.is_ascii_digit()) {
                    t = &t[..open];
                }
            }
        }
        t = t.trim_end();
        if t.len() == before {
            break;
        }
    }
    t.ends_with(['.', '!', '?', '。', '！', '？', '…', ';', '；', ':', '：'])
}

/// A short line with no sentence punctuation that reads as a title.
pub fn looks_like_title(text: &str) -> bool {
    if text.starts_with("原标题") || text.starts_with("原標題") {
        return true; // a title note: the original headline
    }
    if ends_sentence(text) || text.ends_with([',', '，', '、']) {
        return false;
    }
    if text.contains(": ") || text.contains('：') || text.contains('|') {
        return false; // key: value lines (infoboxes), menus
    }
    match script(text) {
        Some(Script::Han) => text.chars().count() <= ZH_TITLE_CHARS,
        Some(Script::Latin) => {
            text.split_whitespace().count() <= EN_TITLE_WORDS
                && text.chars().next().is_some_and(|c| !c.is_lowercase())
        }
        None => false,
    }
}

/// Merges wrapped lines (blocks that continue the previous one) into one
/// block. Dropped blocks and headings are never merged.
pub fn merge_wrapped(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for b in blocks {
        if let Some(prev) = out.last_mut() {
            if b.continues && b.drop.is_none() && !b.heading && prev.drop.is_none() && !prev.heading
            {
                join(prev, &b);
                continue;
            }
        }
        out.push(b);
    }
    out
}

/// Marks short title lines as headings (plain text and HTML, where markup
/// does not say so).
pub fn mark_titles(blocks: &mut [Block]) {
    for b in blocks.iter_mut().filter(|b| b.drop.is_none() && !b.heading) {
        b.heading = looks_like_title(&b.text);
    }
}

/// Joins paragraphs that a page break cut in two: the first is body text
/// that stops mid-sentence, the next is body text in the same script (for
/// English: starting lowercase, or the first ends mid-phrase). Dropped
/// blocks between them (page numbers, running heads) do not prevent it.
pub fn repair(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut open: Option<usize> = None; // last kept block in `out`
    for b in blocks {
        if b.drop.is_some() {
            out.push(b);
            continue;
        }
        if let Some(i) = open {
            if is_cut(&out[i], &b) {
                join(&mut out[i], &b);
                continue;
            }
        }
        open = Some(out.len());
        out.push(b);
    }
    out
}

/// True when `next` continues `prev` across a page break.
fn is_cut(prev: &Block, next: &Block) -> bool {
    if prev.heading || next.heading || ends_sentence(&prev.text) {
        return false;
    }
    if prev.text.chars().count() < MIN_CUT_CHARS || is_field(&prev.text) {
        return false;
    }
    let (Some(a), Some(b)) = (script(&prev.text), script(&next.text)) else {
        return false;
    };
    if a != b {
        return false;
    }
    let last = prev.text.chars().last().unwrap_or(' ');
    let first = next.text.chars().next().unwrap_or(' ');
    match a {
        Script::Han => {
            crate::normalize::is_han(last) || matches!(last, '、' | '，' | ',' | '“' | '（')
        }
        Script::Latin => {
            first.is_lowercase()
                || last.is_alphanumeric()
                || matches!(last, ',' | '-' | '–' | '(' | '“' | '"')
        }
    }
}

/// A short `label: value` line (an infobox field such as "簡稱:
/// 亞信會議"): complete without final punctuation.
fn is_field(text: &str) -> bool {
    text.chars().count() <= 60
        && text
            .char_indices()
            .take(12)
            .any(|(i, c)| c == '：' || c == ':' && text[i + 1..].starts_with(' '))
}

/// Appends `next` to `prev`: no separator between Chinese characters, one
/// space otherwise. Remembers where `next`'s source lines start.
fn join(prev: &mut Block, next: &Block) {
    let last = prev.text.chars().last().unwrap_or(' ');
    let first = next.text.chars().next().unwrap_or(' ');
    let cjk = |c: char| {
        crate::normalize::is_han(c)
            || ('\u{3000}'..='\u{303F}').contains(&c)
            || ('\u{FF00}'..='\u{FFEF}').contains(&c)
    };
    if !(cjk(last) || cjk(first)) {
        prev.text.push(' ');
    }
    let at = prev.text.len();
    prev.lines.push((at, next.line));
    prev.lines
        .extend(next.lines.iter().map(|&(offset, line)| (at + offset, line)));
    prev.text.push_str(&next.text);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str, line: usize, heading: bool) -> Block {
        Block {
            heading,
            ..Block::new(text, line)
        }
    }

    #[test]
    fn joins_cut_paragraphs_not_headings() {
        let blocks = vec![
            block(
                "亚洲国家不仅缺乏共同的身份认同，而且在具体问题上也存在",
                1,
                false,
            ),
            block("明显的差异。", 3, false),
            block(
                "Tensions are rising in a great-power realignment involving major",
                5,
                false,
            ),
            block("players, such as the United States.", 7, false),
            block("II. Evolution and Building", 9, true),
            block("The idea was first proposed in 1992.", 11, false),
        ];
        let repaired = repair(blocks);
        // Each joined part remembers its own source line.
        let zh_break = "亚洲国家不仅缺乏共同的身份认同，而且在具体问题上也存在".len();
        assert_eq!(repaired[0].lines, vec![(zh_break, 3)]);
        let en_break = "Tensions are rising in a great-power realignment involving major ".len();
        assert_eq!(repaired[1].lines, vec![(en_break, 7)]);
        assert!(repaired[1].text[en_break..].starts_with("players"));
        let got: Vec<(String, usize)> = repaired.into_iter().map(|b| (b.text, b.line)).collect();
        assert_eq!(
            got[0],
            (
                "亚洲国家不仅缺乏共同的身份认同，而且在具体问题上也存在明显的差异。".into(),
                1
            )
        );
        assert_eq!(
            got[1],
            ("Tensions are rising in a great-power realignment involving major players, such as the United States.".into(), 5)
        );
        assert_eq!(got.len(), 4);
    }

    #[test]
    fn titles_and_items() {
        assert!(looks_like_title("產生背景"));
        assert!(is_field(
            "中文名稱: 亞洲相互協作與信任措施會議的全稱很長很長"
        ));
        assert!(!is_field("CICA at 25 years has grown into a forum: it"));
        assert!(looks_like_title(
            "Conference on Interaction and Confidence-Building Measures in Asia"
        ));
        assert!(!looks_like_title("簡稱: 亞信會議"));
        assert!(!looks_like_title("The author is a researcher."));
        assert!(looks_like_title("原标题：亚信智库论坛举行"));
        assert!(ends_sentence("在塔吉克斯坦杜尚別舉行。[1]"));
        assert!(ends_sentence("本网站授权全文发布本报告。）"));
    }
}
