//! Normalization for matching: a key for comparing texts, never shown to
//! users.
//!
//! [`normalize`] folds full-width ASCII and digits to half-width (NFKC),
//! collapses every run of Unicode whitespace (ideographic space, NBSP…) to
//! one ASCII space, drops zero-width characters, and converts Traditional
//! Chinese to Simplified with OpenCC's `t2s` tables. The result keeps a map
//! back to the original, so a token found in the key (e.g. by jieba) can be
//! pointed back at the original text.

pub mod lang;
mod script;

pub use script::{han_ratio, has_traditional, is_han, is_traditional, to_simplified};

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// A normalized key and the way back to the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    /// The matching key.
    pub text: String,
    /// For each character of `text`, in order: (byte offset in `text`,
    /// byte offset in the original of the character it came from).
    anchors: Vec<(u32, u32)>,
    /// Length of the original in bytes.
    orig_len: usize,
}

impl Normalized {
    /// Maps a byte offset of the key (a char boundary, or `text.len()`) to a
    /// byte offset of the original. Offsets inside a character that the
    /// original wrote as several (or one that became several) map to the
    /// start of that original character.
    pub fn to_original(&self, norm_byte: usize) -> usize {
        if norm_byte >= self.text.len() {
            return self.orig_len;
        }
        match self
            .anchors
            .binary_search_by_key(&(norm_byte as u32), |a| a.0)
        {
            Ok(i) => self.anchors[i].1 as usize,
            Err(0) => 0,
            Err(i) => self.anchors[i - 1].1 as usize,
        }
    }

    /// [`Normalized::to_original`] for offsets that mostly move forward:
    /// `hint` is the anchor index the last call ended at, so walking a
    /// text's tokens in order costs linear time overall.
    pub(crate) fn to_original_from(&self, norm_byte: usize, hint: &mut usize) -> usize {
        if norm_byte >= self.text.len() {
            return self.orig_len;
        }
        let mut i = (*hint).min(self.anchors.len().saturating_sub(1));
        if self.anchors.get(i).is_none_or(|a| a.0 as usize > norm_byte) {
            return self.to_original(norm_byte);
        }
        while self
            .anchors
            .get(i + 1)
            .is_some_and(|a| a.0 as usize <= norm_byte)
        {
            i += 1;
        }
        *hint = i;
        self.anchors[i].1 as usize
    }

    /// Maps a key span to the original span it came from. The end maps to
    /// the end of the last original character covered.
    pub fn span_to_original(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.to_original(start);
        let e = if end >= self.text.len() {
            self.orig_len
        } else {
            self.to_original(end)
        };
        (s, e.max(s))
    }
}

/// Pass 1 of normalization: width folding (NFKC per character) and
/// whitespace collapsing. With `anchors`, records for each character of the
/// result its byte offset there and the byte offset in `text` it came from.
fn fold(text: &str, mut anchors: Option<&mut Vec<(u32, u32)>>) -> String {
    let mut folded = String::with_capacity(text.len());
    let mut anchor = |folded: &String, orig: u32| {
        if let Some(a) = anchors.as_deref_mut() {
            a.push((folded.len() as u32, orig));
        }
    };
    let mut pending_space: Option<u32> = None;
    for (pos, c) in text.char_indices() {
        if is_zero_width(c) {
            continue;
        }
        if c.is_whitespace() {
            if pending_space.is_none() && !folded.is_empty() {
                pending_space = Some(pos as u32);
            }
            continue;
        }
        if let Some(sp) = pending_space.take() {
            anchor(&folded, sp);
            folded.push(' ');
        }
        if c.is_ascii() || is_han(c) || is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes {
            // Already in its key form (CJK punctuation such as 。“” too).
            anchor(&folded, pos as u32);
            folded.push(c);
        } else {
            let mut buf = [0u8; 4];
            for k in c.encode_utf8(&mut buf).nfkc() {
                // NFKC may produce whitespace (e.g. U+3000 is handled above,
                // but compatibility forms can expand to "a b").
                let k = if k.is_whitespace() { ' ' } else { k };
                anchor(&folded, pos as u32);
                folded.push(k);
            }
        }
    }
    folded
}

/// Normalizes `text` into a matching key with a map back to `text`.
pub fn normalize(text: &str) -> Normalized {
    let mut anchors: Vec<(u32, u32)> = Vec::with_capacity(text.len() / 2);
    let folded = fold(text, Some(&mut anchors));
    // Pass 2: Traditional → Simplified, character for character. Most
    // text has no character t2s could change: skip the converter then.
    let Some(text_out) = script::simplify_runs(&folded) else {
        return Normalized {
            text: folded,
            anchors,
            orig_len: text.len(),
        };
    };
    if text_out.chars().count() == anchors.len() {
        // Same characters in the same places: rebuild byte offsets.
        let mut remapped = Vec::with_capacity(anchors.len());
        for ((nb, _), (_, ob)) in text_out.char_indices().zip(anchors.iter()) {
            remapped.push((nb as u32, *ob));
        }
        return Normalized {
            text: text_out,
            anchors: remapped,
            orig_len: text.len(),
        };
    }
    // Counts differ (OpenCC changed the length of some phrase): convert one
    // character at a time, which always keeps the count.
    let mut out = String::with_capacity(folded.len());
    let mut remapped = Vec::with_capacity(anchors.len());
    for ((_, c), (_, ob)) in folded.char_indices().zip(anchors.iter()) {
        remapped.push((out.len() as u32, *ob));
        if is_han(c) {
            let conv = to_simplified(c.encode_utf8(&mut [0u8; 4]));
            let mut chars = conv.chars();
            match (chars.next(), chars.next()) {
                (Some(s), None) => out.push(s),
                _ => out.push(c),
            }
        } else {
            out.push(c);
        }
    }
    Normalized {
        text: out,
        anchors: remapped,
        orig_len: text.len(),
    }
}

/// The matching key of `text`: the same text as [`normalize`] gives, without
/// building the offset map (a fraction of the memory on long texts).
pub fn key(text: &str) -> String {
    let folded = fold(text, None);
    match script::simplify_runs(&folded) {
        None => folded,
        Some(out) if out.chars().count() == folded.chars().count() => out,
        // OpenCC changed a phrase's length: `normalize` converts per
        // character then, so take its result to stay identical.
        Some(_) => normalize(text).text,
    }
}

fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_becomes_simplified() {
        assert_eq!(key("亞信會議"), "亚信会议");
    }

    #[test]
    fn fullwidth_folds_and_spaces_collapse() {
        let n = normalize("　ＣＩＣＡ　成立于１９９２年 \u{00A0}\t 。");
        assert_eq!(n.text, "CICA 成立于1992年 。");
    }

    #[test]
    fn offsets_map_back() {
        let orig = "　亞信ＣＩＣＡ 會議";
        let n = normalize(orig);
        let at = n.text.find("会议").unwrap();
        let (s, e) = n.span_to_original(at, at + "会议".len());
        assert_eq!(&orig[s..e], "會議");
        let at = n.text.find("CICA").unwrap();
        let (s, e) = n.span_to_original(at, at + 4);
        assert_eq!(&orig[s..e], "ＣＩＣＡ");
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        fn mixed() -> impl Strategy<Value = String> {
            let piece = prop::sample::select(vec![
                "亞信會議",
                "亚信",
                "乾燥",
                "ＣＩＣＡ",
                "１９９２",
                "　",
                "\u{00A0}",
                "\u{200B}",
                "ﬁ",
                "㍿",
                " ",
                "\t\n",
                "a",
                "。",
                "，",
                "é",
                "e\u{301}",
                "𠀀",
                "Ⅻ",
            ]);
            prop::collection::vec(piece, 0..30).prop_map(|v| v.concat())
        }

        fn check(orig: &str) -> Result<(), TestCaseError> {
            let n = normalize(orig);
            let mut last = 0;
            for (b, _) in n
                .text
                .char_indices()
                .chain(std::iter::once((n.text.len(), ' ')))
            {
                let o = n.to_original(b);
                prop_assert!(o <= orig.len() && orig.is_char_boundary(o));
                prop_assert!(o >= last, "offsets go back: {} < {}", o, last);
                last = o;
            }
            let bounds: Vec<usize> = n
                .text
                .char_indices()
                .map(|(b, _)| b)
                .chain(std::iter::once(n.text.len()))
                .collect();
            for (i, &a) in bounds.iter().enumerate() {
                for &b in &bounds[i..] {
                    let (s, e) = n.span_to_original(a, b);
                    prop_assert!(s <= e && e <= orig.len());
                    prop_assert!(orig.is_char_boundary(s) && orig.is_char_boundary(e));
                }
            }
            Ok(())
        }

        proptest! {
            #[test]
            fn offsets_stay_on_boundaries_and_in_order(orig in mixed()) {
                check(&orig)?;
            }

            #[test]
            fn any_text_never_panics(orig in "\\PC{0,40}") {
                check(&orig)?;
            }

            #[test]
            fn key_is_the_normalized_text(orig in mixed()) {
                prop_assert_eq!(key(&orig), normalize(&orig).text);
            }
        }
    }
}
