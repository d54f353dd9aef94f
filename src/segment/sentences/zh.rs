//! Chinese sentence ends: takes a paragraph's text, gives the byte spans of
//! its sentences.
//!
//! A sentence ends at 。！？ (and their ASCII forms), at a `.` that follows a
//! Han character (not in "1.5" or "U.S."), and at `…` / `……` / `...` when
//! what follows starts something new. Closing quotes and brackets after the
//! end stay with the sentence; `；` is not an end.

use crate::document::Span;
use crate::normalize::is_han;

/// Closing quotes and brackets that stay with the sentence they close.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’'
            | '）'
            | ')'
            | '」'
            | '』'
            | '》'
            | '】'
            | '〕'
            | '〉'
            | ']'
            | '］'
            | '"'
            | '\''
    )
}

/// Characters that mean a sentence goes on after an ellipsis.
fn continues_after_ellipsis(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '、' | '：' | ':' | '；' | ';' | '等' | '的' | '之' | '）' | ')'
    )
}

/// Byte spans (into `text`) of the sentences of a Chinese paragraph.
/// Spans hold no leading or trailing whitespace; what lies between them
/// is whitespace only.
pub(crate) fn split(text: &str) -> Vec<Span> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut ends = Vec::new();
    let mut sentence_start = 0; // char index where the current sentence starts
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        let end_here = match c {
            '。' | '！' | '？' | '!' | '?' | '｡' => true,
            '.' | '．' => period_ends(&chars, i),
            '…' => {
                // Take the whole run (… or ……) and decide on what follows.
                let mut j = i;
                while j + 1 < chars.len() && chars[j + 1].1 == '…' {
                    j += 1;
                }
                i = j;
                ellipsis_ends(&chars, j + 1)
            }
            _ => false,
        };
        if !end_here {
            i += 1;
            continue;
        }
        // Absorb further terminators ("！？", "。。。") and closers.
        let mut j = i + 1;
        while j < chars.len() && matches!(chars[j].1, '。' | '！' | '？' | '!' | '?' | '…' | '.')
        {
            j += 1;
        }
        while j < chars.len() && is_closer(chars[j].1) {
            if matches!(chars[j].1, '"' | '\'')
                && !closes_open_quote(&chars[sentence_start..j], chars[j].1)
            {
                break;
            }
            j += 1;
        }
        let end = chars.get(j).map_or(text.len(), |&(b, _)| b);
        ends.push(end);
        sentence_start = j;
        i = j;
    }
    spans_from_ends(text, &ends)
}

/// An ASCII quote `q` closes a quote opened in `sentence` (the sentence
/// so far holds an odd number of them).
fn closes_open_quote(sentence: &[(usize, char)], q: char) -> bool {
    sentence.iter().filter(|&&(_, c)| c == q).count() % 2 == 1
}

/// A `.` ends a Chinese sentence when it follows Han text (or a closer) and
/// is not followed by a letter or digit: "是美国." yes, "1.5" / "U.S." no.
fn period_ends(chars: &[(usize, char)], i: usize) -> bool {
    let before = i.checked_sub(1).map(|k| chars[k].1);
    let after = chars.get(i + 1).map(|&(_, c)| c);
    let han_before =
        before.is_some_and(|c| is_han(c) || matches!(c, '”' | '）' | '」' | '』' | '》'));
    let alnum_after = after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.');
    han_before && !alnum_after
}

/// An ellipsis ending at `next` (index of the following char) ends the
/// sentence unless the text goes on with a comma, 等 and the like.
fn ellipsis_ends(chars: &[(usize, char)], next: usize) -> bool {
    let mut k = next;
    while k < chars.len() && is_closer(chars[k].1) {
        k += 1;
    }
    match chars.get(k) {
        None => true,
        Some(&(_, c)) => !continues_after_ellipsis(c),
    }
}

/// Turns sentence end offsets into whitespace-trimmed spans covering all
/// non-whitespace text of `text`.
pub(crate) fn spans_from_ends(text: &str, ends: &[usize]) -> Vec<Span> {
    let mut spans = Vec::with_capacity(ends.len() + 1);
    let mut start = 0;
    for &end in ends.iter().chain(std::iter::once(&text.len())) {
        if end <= start {
            continue;
        }
        if let Some(span) = trimmed(text, start, end) {
            spans.push(span);
        }
        start = end;
    }
    spans
}

/// `start..end` without its leading and trailing whitespace; `None` when
/// nothing is left.
pub(crate) fn trimmed(text: &str, start: usize, end: usize) -> Option<Span> {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    (lead < piece.len()).then(|| Span::new(start + lead, end - trail))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> Vec<&str> {
        split(text).iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn full_width_terminators() {
        assert_eq!(
            cut("真的吗？是的！好。"),
            vec!["真的吗？", "是的！", "好。"]
        );
    }

    #[test]
    fn closing_quotes_and_brackets_stay() {
        assert_eq!(
            cut("他说：“我们走吧。”然后离开了。（完。）下一句"),
            vec!["他说：“我们走吧。”", "然后离开了。", "（完。）", "下一句"]
        );
        assert_eq!(
            cut("《书名。》再说「好！」"),
            vec!["《书名。》", "再说「好！」"]
        );
    }

    #[test]
    fn semicolon_is_not_an_end() {
        assert_eq!(cut("第一；第二。"), vec!["第一；第二。"]);
    }

    #[test]
    fn ellipsis_ends_only_when_something_new_follows() {
        assert_eq!(cut("后来呢……他走了。"), vec!["后来呢……", "他走了。"]);
        assert_eq!(cut("等等…"), vec!["等等…"]);
        assert_eq!(cut("苹果、香蕉……等水果。"), vec!["苹果、香蕉……等水果。"]);
        assert_eq!(cut("他说……，然后"), vec!["他说……，然后"]);
    }

    #[test]
    fn ascii_punctuation_in_chinese() {
        assert_eq!(
            cut("简称亚信会议.是一个论坛,其宗旨是合作!真的?是的"),
            vec!["简称亚信会议.", "是一个论坛,其宗旨是合作!", "真的?", "是的"]
        );
        assert_eq!(
            cut("增长1.5倍。U.S.是美国。"),
            vec!["增长1.5倍。", "U.S.是美国。"]
        );
        assert_eq!(
            cut("他说:\"好。\"然后走了。"),
            vec!["他说:\"好。\"", "然后走了。"]
        );
    }

    #[test]
    fn whitespace_is_outside_spans() {
        let text = "　　原标题：论坛举行。 \u{3000}第二句。  ";
        assert_eq!(cut(text), vec!["原标题：论坛举行。", "第二句。"]);
        assert!(split("   ").is_empty());
    }
}
