//! Evidence that needs no dictionary: numbers, Latin tokens, and
//! transliterated names.
//!
//! Takes tokens and sentences; gives matching keys shared by both sides
//! (`#1992` for a number, the stem of a Latin token such as `cica`) and, for
//! Chinese words the lexicon does not know, the English capitalised words
//! whose spelling is close to the word's pinyin (纳扎尔巴耶夫 `nazhaerbayefu`
//! ~ "Nazarbayev", 陈清扬 `chenqingyang` ~ "Chen", "Qingyang"), by string
//! similarity (strsim Jaro-Winkler).

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
pub fn punctuation_keys(s: &Sentence, extra: bool) -> Vec<&'static str> {
    let text = s.text.as_str();
    let mut out = Vec::new();
    if extra && (text.contains(['…']) || text.contains("...")) {
        out.push("…");
    }
    if extra && (text.contains(['—']) || text.contains("--")) {
        out.push("—");
    }
    if text.contains(['?', '？']) {
        out.push("?");
    }
    if text.contains(['!', '！']) {
        out.push("!");
    }
    if text.contains(['"', '“', '”', '「', '」', '『', '』', '‘']) || has_single_quote(text) {
        out.push("\"");
    }
    out
}

/// Whether `text` has a single quotation mark that is not an apostrophe
/// (one not between two letters, as in "don't").
fn has_single_quote(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.iter().enumerate().any(|(k, &c)| {
        (c == '\'' || c == '’')
            && !(k > 0
                && chars[k - 1].is_alphabetic()
                && chars.get(k + 1).is_some_and(|n| n.is_alphabetic()))
            && !(k > 0 && chars[k - 1] == 's')
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
