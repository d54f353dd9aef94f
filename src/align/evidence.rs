//! Evidence that needs no dictionary: numbers, Latin tokens,
//! transliterated names, and the punctuation of dialogue.
//!
//! Takes tokens and sentences; gives matching keys shared by both sides
//! (`#1992` for a number, the stem of a Latin token such as `cica`) and, for
//! Chinese words the lexicon does not know, the English capitalised words
//! whose spelling is close to the word's pinyin (纳扎尔巴耶夫 `nazhaerbayefu`
//! ~ "Nazarbayev", 陈清扬 `chenqingyang` ~ "Chen", "Qingyang"), by string
//! similarity (strsim Jaro-Winkler). Also keys for questions, exclamations
//! and quoted speech, and whether each unit ends inside a quotation.

use super::lexicon::Lexicon;
use crate::segment::{Sentence, TokenKind};

/// Jaro-Winkler similarity above which a pinyin run and an English name
/// are taken as the same name.
const NAME_SIMILARITY: f64 = 0.88;

/// Shortest English name (in letters) compared with pinyin.
const MIN_NAME_LEN: usize = 3;

/// Matching keys for the numbers of a sentence (their values as text):
/// the segmenter's normalized numbers when it found any, otherwise the
/// digit tokens (separators removed).
pub fn number_keys(s: &Sentence) -> Vec<String> {
    if !s.numbers.is_empty() {
        return s.numbers.iter().map(|n| n.value.to_string()).collect();
    }
    s.tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Digits)
        .map(|t| {
            let digits: String = t.key.chars().filter(|c| c.is_ascii_digit()).collect();
            let v: f64 = digits.parse().unwrap_or(f64::NAN);
            if v.is_finite() {
                v.to_string()
            } else {
                digits
            }
        })
        .collect()
}

/// Matching keys for the sentence-level punctuation a translation keeps:
/// a question, an exclamation, quoted speech (`?`, `!`, `"`; full-width
/// and ASCII forms alike). Literary dialogue is full of them, and where a
/// translator splits or merges sentences they mark which side goes where.
pub fn punctuation_keys(s: &Sentence) -> Vec<&'static str> {
    let text = s.text.as_str();
    let mut out = Vec::new();
    if text.contains(['?', '？']) {
        out.push("?");
    }
    if text.contains(['!', '！']) {
        out.push("!");
    }
    if has_quote(text) {
        out.push("\"");
    }
    out
}

/// For each unit, whether it ends inside quoted speech: quotation marks
/// open and close across sentences (a speech of three English sentences
/// opens in the first and closes in the last), so a bead boundary where
/// one side is inside a quotation and the other is not is likely wrong.
/// Double and single marks are followed apart (one nests in the other);
/// the state starts closed at each paragraph; a closing mark when none is
/// open changes nothing.
pub fn quote_states(units: &[Sentence]) -> Vec<bool> {
    let mut open = [false; 2];
    let mut para = None;
    units
        .iter()
        .map(|s| {
            if para != Some(s.para) {
                open = [false; 2];
                para = Some(s.para);
            }
            let chars: Vec<char> = s.text.chars().collect();
            for (k, &c) in chars.iter().enumerate() {
                let before = k.checked_sub(1).map(|b| chars[b]);
                if let Some(opens) = quote_mark(c, before, chars.get(k + 1).copied()) {
                    let double = matches!(c, '“' | '”' | '"' | '「' | '」');
                    open[usize::from(double)] = opens;
                }
            }
            open[0] || open[1]
        })
        .collect()
}

/// Whether `c` opens (`Some(true)`) or closes (`Some(false)`) a
/// quotation. Curly and CJK marks say which; `’` between two Latin
/// letters is an apostrophe ("don’t"); a straight `'` or `"` opens after
/// a space and closes before one (between letters, it is neither).
fn quote_mark(c: char, before: Option<char>, after: Option<char>) -> Option<bool> {
    let latin = |x: Option<char>| x.is_some_and(|x| x.is_ascii_alphabetic());
    match c {
        '“' | '「' | '『' | '‘' => Some(true),
        '”' | '」' | '』' => Some(false),
        '’' if latin(before) && latin(after) => None,
        '’' => Some(false),
        '\'' | '"' => {
            let open_side = before.is_none_or(|b| b.is_whitespace() || "([".contains(b));
            let close_side = after.is_none_or(|a| a.is_whitespace() || !a.is_alphanumeric());
            match (open_side, close_side) {
                (true, false) => Some(true),
                (false, true) => Some(false),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Whether `text` has a quotation mark (not an apostrophe).
fn has_quote(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len()).any(|k| {
        let before = k.checked_sub(1).map(|b| chars[b]);
        quote_mark(chars[k], before, chars.get(k + 1).copied()).is_some()
    })
}

/// Capitalised English words that never appear in lowercase in the same
/// text: likely names. Gives (lowercase key, stem) pairs, sorted, unique.
pub fn name_candidates(tgt: &[Sentence]) -> Vec<(String, String)> {
    use std::collections::BTreeMap;
    let mut seen: BTreeMap<&str, (bool, &str)> = BTreeMap::new();
    for s in tgt {
        for t in &s.tokens {
            if t.kind != TokenKind::Latin {
                continue;
            }
            let upper = s
                .text
                .get(t.span.start..t.span.end)
                .and_then(|w| w.chars().next())
                .is_some_and(char::is_uppercase);
            let e = seen.entry(&t.key).or_insert((true, &t.stem));
            e.0 &= upper;
        }
    }
    seen.into_iter()
        .filter(|(k, (cap, _))| *cap && k.chars().count() >= MIN_NAME_LEN)
        .filter(|(k, _)| !super::lexicon::is_stop_word(k))
        .map(|(k, (_, stem))| (k.to_string(), stem.to_string()))
        .collect()
}

/// Indices into `names` of the English names that transliterate `word`
/// (a Chinese word the lexicon does not know): its whole pinyin, or a run
/// of its syllables, is close to the name.
pub fn names_for(word: &str, lex: &Lexicon, names: &[(String, String)]) -> Vec<usize> {
    let syl = lex.syllables(word);
    if syl.len() < 2 && word.chars().count() < 2 {
        return Vec::new();
    }
    let mut runs: Vec<String> = Vec::new();
    for a in 0..syl.len() {
        for b in a + 1..=syl.len() {
            let run: String = syl[a..b].concat();
            if run.len() >= MIN_NAME_LEN {
                runs.push(run);
            }
        }
    }
    let mut out = Vec::new();
    for (k, (name, _)) in names.iter().enumerate() {
        let first = name.as_bytes()[0];
        if runs.iter().any(|r| {
            r.as_bytes()[0] == first
                && r.len() + 4 >= name.len()
                && name.len() + 4 >= r.len()
                && strsim::jaro_winkler(r, name) >= NAME_SIMILARITY
        }) {
            out.push(k);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn questions_exclamations_and_quotes_are_keys_in_both_languages() {
        let seg = crate::segment::Segmenter::new();
        let keys = |t: &str, lang| punctuation_keys(&seg.unit(t, lang));
        assert_eq!(
            keys("韦小宝道：“服了么？”", crate::Lang::ZhHans),
            ["?", "\""]
        );
        assert_eq!(keys("'Had enough?'", crate::Lang::En), ["?", "\""]);
        assert_eq!(keys("Go to!", crate::Lang::En), ["!"]);
        assert!(keys("He didn't go.", crate::Lang::En).is_empty());
    }

    #[test]
    fn quotations_are_followed_across_sentences() {
        let seg = crate::segment::Segmenter::new();
        let states = |lines: &[&str], lang| -> Vec<bool> {
            let units: Vec<Sentence> = lines.iter().map(|t| seg.unit(t, lang)).collect();
            quote_states(&units)
        };
        let en = [
            "'No more for today!",
            "Tomorrow, if you don't mind.",
            "But you'll never beat me!'",
            "He said the boys' arms were 'tired'.",
            "\"These 'tourist attractions.'",
            "Fine.\"",
        ];
        assert_eq!(
            states(&en, crate::Lang::En),
            [true, true, false, false, true, false]
        );
        let zh = ["他道：“今天不打了。", "这‘长安’城中。”", "好。"];
        assert_eq!(states(&zh, crate::Lang::ZhHans), [true, false, false]);
    }

    #[test]
    fn pinyin_matches_transliterations() {
        let lex = Lexicon::parse(
            "陈\tchen\tsurname\n清\tqing\tclear\n扬\tyang\traise\n纳\tna\treceive\n扎\tzha\tprick\n\
             尔\ter\tyou\n巴\tba\thope\n耶\tye\tgrandpa\n夫\tfu\thusband\n",
            Path::new("t"),
        )
        .unwrap();
        let names: Vec<(String, String)> = ["chen", "london", "nazarbayev", "qingyang"]
            .iter()
            .map(|s| (s.to_string(), s.to_string()))
            .collect();
        assert_eq!(names_for("陈清扬", &lex, &names), vec![0, 3]);
        assert_eq!(names_for("纳扎尔巴耶夫", &lex, &names), vec![2]);
    }
}
