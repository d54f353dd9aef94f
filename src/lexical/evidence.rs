//! Translation evidence: does a Chinese word plausibly translate an English
//! word? The omission, addition and name checks ask this through
//! [`TranslationEvidence`], so any bilingual lexicon can answer.
//!
//! [`WordPairs`] is a small in-memory answer built from (Chinese, English)
//! pairs: a glossary, a hand-made test lexicon, or extracted terms.

use rust_stemmers::{Algorithm, Stemmer};
use std::collections::{BTreeMap, BTreeSet};

/// Bilingual word evidence.
pub trait TranslationEvidence: Send + Sync {
    /// True when `zh_word` (Simplified) can be translated by an English word
    /// whose Snowball stem is `en_stem` (lowercase).
    fn translates(&self, zh_word: &str, en_stem: &str) -> bool;

    /// Toneless pinyin of `zh_word` without spaces (`xijinping`), when
    /// known; used to recognise transliterated names.
    fn pinyin(&self, zh_word: &str) -> Option<String> {
        let _ = zh_word;
        None
    }

    /// True when `en_stem` is an ordinary English word the evidence knows
    /// (it translates some Chinese word). Capitalised words it does not know
    /// are taken for names.
    fn knows(&self, en_stem: &str) -> bool {
        let _ = en_stem;
        false
    }

    /// True when the evidence has an entry for the Chinese word itself
    /// (so its characters need not be looked up one by one).
    fn has_word(&self, zh_word: &str) -> bool {
        let _ = zh_word;
        false
    }
}

/// Word pairs held in memory: each Chinese word with the stems of the
/// English words that translate it.
#[derive(Debug, Clone, Default)]
pub struct WordPairs {
    map: BTreeMap<String, BTreeSet<String>>,
    pinyin: BTreeMap<String, String>,
}

impl WordPairs {
    /// No pairs.
    pub fn new() -> WordPairs {
        WordPairs::default()
    }

    /// Adds `zh` (converted to Simplified) translated by every word of
    /// `en` (a word or phrase; stop words are skipped).
    pub fn add(&mut self, zh: &str, en: &str) {
        let stemmer = Stemmer::create(Algorithm::English);
        let zh = crate::normalize::key(zh);
        let entry = self.map.entry(zh).or_default();
        for w in en
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            let lower = w.to_lowercase();
            if super::words::is_en_stopword(&lower) {
                continue;
            }
            entry.insert(stemmer.stem(&lower).into_owned());
        }
    }

    /// Records the toneless pinyin of `zh` (e.g. `纳扎尔巴耶夫` →
    /// `nazhaerbayefu`).
    pub fn add_pinyin(&mut self, zh: &str, pinyin: &str) {
        self.pinyin.insert(
            crate::normalize::key(zh),
            pinyin.replace(' ', "").to_lowercase(),
        );
    }

    /// Number of Chinese words held.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when no pairs are held.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

impl<'a> FromIterator<(&'a str, &'a str)> for WordPairs {
    fn from_iter<I: IntoIterator<Item = (&'a str, &'a str)>>(iter: I) -> Self {
        let mut w = WordPairs::new();
        for (zh, en) in iter {
            w.add(zh, en);
        }
        w
    }
}

impl TranslationEvidence for WordPairs {
    fn translates(&self, zh_word: &str, en_stem: &str) -> bool {
        self.map.get(zh_word).is_some_and(|s| s.contains(en_stem))
    }

    fn pinyin(&self, zh_word: &str) -> Option<String> {
        self.pinyin.get(zh_word).cloned()
    }

    fn knows(&self, en_stem: &str) -> bool {
        self.map.values().any(|s| s.contains(en_stem))
    }

    fn has_word(&self, zh_word: &str) -> bool {
        self.map.contains_key(zh_word)
    }
}

/// Evidence from several sources: true when any of them says so.
pub struct AnyOf(pub Vec<std::sync::Arc<dyn TranslationEvidence>>);

impl TranslationEvidence for AnyOf {
    fn translates(&self, zh_word: &str, en_stem: &str) -> bool {
        self.0.iter().any(|e| e.translates(zh_word, en_stem))
    }

    fn pinyin(&self, zh_word: &str) -> Option<String> {
        self.0.iter().find_map(|e| e.pinyin(zh_word))
    }

    fn knows(&self, en_stem: &str) -> bool {
        self.0.iter().any(|e| e.knows(en_stem))
    }

    fn has_word(&self, zh_word: &str) -> bool {
        self.0.iter().any(|e| e.has_word(zh_word))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_answer_by_stem_and_simplified_key() {
        let w: WordPairs = [("會議", "the meetings"), ("措施", "measure")]
            .into_iter()
            .collect();
        assert!(w.translates("会议", "meet"));
        assert!(w.translates("措施", "measur"));
        assert!(!w.translates("会议", "the"));
        assert!(!w.translates("措施", "meet"));
    }
}

/// Evidence from two borrowed sources: true when either says so.
pub struct Both<'a>(
    /// The first source (e.g. a lexicon).
    pub &'a dyn TranslationEvidence,
    /// The second source (e.g. pairs learnt from the document pair).
    pub &'a dyn TranslationEvidence,
);

impl TranslationEvidence for Both<'_> {
    fn translates(&self, zh_word: &str, en_stem: &str) -> bool {
        self.0.translates(zh_word, en_stem) || self.1.translates(zh_word, en_stem)
    }

    fn pinyin(&self, zh_word: &str) -> Option<String> {
        self.0.pinyin(zh_word).or_else(|| self.1.pinyin(zh_word))
    }

    fn knows(&self, en_stem: &str) -> bool {
        self.0.knows(en_stem) || self.1.knows(en_stem)
    }

    fn has_word(&self, zh_word: &str) -> bool {
        self.0.has_word(zh_word) || self.1.has_word(zh_word)
    }
}

/// Stems an English word may also be looked up under: nationality
/// adjectives point to their country (asian → asia, chines → china).
pub(crate) fn stem_variants(stem: &str) -> Vec<String> {
    let stem = strip_possessive(stem);
    let mut v = vec![stem.to_string()];
    if let Some(base) = super::words::irregular_base(stem) {
        v.push(base.to_string());
    }
    for (suffix, repl) in [("ian", "ia"), ("an", "a"), ("es", "a"), ("ese", "a")] {
        if let Some(base) = stem.strip_suffix(suffix) {
            if base.len() >= 3 {
                v.push(format!("{base}{repl}"));
            }
        }
    }
    v
}

/// `word` without a possessive ending (`cica's`, `asia’s` → `cica`,
/// `asia`).
pub(crate) fn strip_possessive(word: &str) -> &str {
    for suffix in ["'s", "’s", "'", "’"] {
        if let Some(base) = word.strip_suffix(suffix) {
            if !base.is_empty() {
                return base;
            }
        }
    }
    word
}

/// Pieces of a Chinese word to look up: the word, then (for words of three
/// or more characters, which dictionaries often lack) every run of two or
/// more of its characters.
pub(crate) fn zh_pieces(word: &str) -> Vec<&str> {
    let idx: Vec<usize> = word
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(word.len()))
        .collect();
    let n = idx.len() - 1;
    let mut out = vec![word];
    if n >= 3 {
        for len in (2..n).rev() {
            for start in 0..=n - len {
                out.push(&word[idx[start]..idx[start + len]]);
            }
        }
    }
    out
}

/// True when the Chinese `word` has a translation among the English
/// `stems`, or appears itself among the Latin `keys` (names, acronyms).
pub(crate) fn zh_has_evidence(
    ev: &dyn TranslationEvidence,
    word: &str,
    stems: &[&str],
    keys: &[&str],
) -> bool {
    if !word.chars().any(crate::normalize::is_han) {
        let w = word.to_lowercase();
        return keys
            .iter()
            .any(|k| strip_possessive(k) == strip_possessive(&w));
    }
    zh_pieces(word)
        .into_iter()
        .any(|p| stems.iter().any(|s| ev.translates(p, s)))
}

/// True when the English name `key` (lowercase) sounds like the pinyin of
/// one of the Chinese `words`: contained in it (jinping in xijinping), or
/// close by Jaro-Winkler with the same first letter (nazarbayev ~
/// nazhaerbayefu).
pub(crate) fn transliterates(ev: &dyn TranslationEvidence, key: &str, words: &[&str]) -> bool {
    // Pinyin spellings separate syllables with apostrophes (Zhan'ao).
    let key: String = strip_possessive(key)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    let key = key.as_str();
    if key.chars().count() < 3 {
        return false;
    }
    let han = |w: &&str| !w.is_empty() && w.chars().all(crate::normalize::is_han);
    // Jieba may cut an unknown name (余占鳌 → 余 / 占鳌): try runs of up to
    // three adjacent Han words, pinyin concatenated.
    let pinyins: Vec<Option<String>> = words
        .iter()
        .map(|w| if han(w) { ev.pinyin(w) } else { None })
        .collect();
    let sounds_like = |p: &str| -> bool {
        p.len() >= 3
            && (p.contains(key)
                || (key.contains(p) && p.len() * 2 >= key.len())
                || (p.chars().next() == key.chars().next() && strsim::jaro_winkler(p, key) >= 0.8))
    };
    for i in 0..pinyins.len() {
        let mut joined = String::new();
        for p in pinyins.iter().skip(i).take(3) {
            let Some(p) = p else { break };
            joined.push_str(p);
            if sounds_like(&joined) {
                return true;
            }
        }
    }
    false
}

/// True when the English word (its lowercase `key` and `stem`) has a
/// translation among the Chinese `words`, or appears itself among them.
pub(crate) fn en_has_evidence(
    ev: &dyn TranslationEvidence,
    key: &str,
    stem: &str,
    words: &[&str],
) -> bool {
    en_has_evidence_by(ev, key, &stem_variants(stem), words)
}

/// [`en_has_evidence`] with the word's [`stem_variants`] already made (a
/// word looked up in many places makes them once).
pub(crate) fn en_has_evidence_by(
    ev: &dyn TranslationEvidence,
    key: &str,
    variants: &[String],
    words: &[&str],
) -> bool {
    let key = strip_possessive(key);
    if words
        .iter()
        .any(|w| strip_possessive(w).eq_ignore_ascii_case(key))
    {
        return true;
    }
    words.iter().any(|w| {
        zh_pieces(w)
            .into_iter()
            .any(|p| variants.iter().any(|s| ev.translates(p, s)))
    })
}

#[cfg(test)]
mod piece_tests {
    use super::*;

    #[test]
    fn pieces_cover_runs_of_two_or_more() {
        assert_eq!(zh_pieces("会议"), vec!["会议"]);
        let p = zh_pieces("秘书处");
        assert_eq!(p, vec!["秘书处", "秘书", "书处"]);
    }

    #[test]
    fn evidence_through_pieces_and_variants() {
        let w: WordPairs = [("秘书", "secretary"), ("亚洲", "Asia")]
            .into_iter()
            .collect();
        assert!(zh_has_evidence(&w, "秘书处", &["secretari"], &[]));
        assert!(en_has_evidence(&w, "asian", "asian", &["亚洲"]));
        assert!(!en_has_evidence(&w, "summit", "summit", &["亚洲"]));
        assert!(zh_has_evidence(&w, "CICA", &[], &["cica's"]));
        assert!(en_has_evidence(&w, "asia’s", "asia’s", &["亚洲"]));
    }
}

#[cfg(test)]
mod name_tests {
    use super::*;

    #[test]
    fn pinyin_recognises_transliterated_names() {
        let mut w = WordPairs::new();
        w.add_pinyin("纳扎尔巴耶夫", "na zha er ba ye fu");
        w.add_pinyin("习近平", "xi jin ping");
        w.add_pinyin("上海", "shang hai");
        assert!(transliterates(&w, "nazarbayev", &["总统", "纳扎尔巴耶夫"]));
        assert!(transliterates(&w, "jinping", &["习近平"]));
        w.add_pinyin("余占鳌", "yu zhan ao");
        assert!(transliterates(&w, "zhan'ao", &["余占鳌"]));
        assert!(!transliterates(&w, "almaty", &["习近平", "上海"]));
    }
}
