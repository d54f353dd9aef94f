//! The bilingual lexicon: CC-CEDICT (CC BY-SA 4.0), preprocessed by
//! `data/build-lexicon.sh` into `simplified<TAB>pinyin<TAB>gloss words`.
//!
//! Takes the compressed TSV (embedded in the binary, or a file given by
//! `--lexicon` / `BITEXT_LEXICON`) and gives, for a Simplified Chinese word,
//! the ids of the English stems of its glosses (stemmed with the same
//! Snowball stemmer the segmenter uses, stop words removed), and the toneless
//! pinyin of a word for transliterated names. Words missing from CC-CEDICT
//! fall back to their longest dictionary parts (秘书处 → 秘书 + 处).

use crate::error::{Error, Result};
use flate2::read::GzDecoder;
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

/// The lexicon shipped with the repository (see `data/README.md`).
static EMBEDDED: &[u8] = include_bytes!("../../data/cedict-zh-en.tsv.gz");

/// Most gloss stems kept per headword: the first senses are the common
/// ones; long tails of rare senses only add spurious matches.
const MAX_GLOSS_STEMS: usize = 12;

/// English words that carry no content for alignment (articles,
/// prepositions, auxiliaries, CC-CEDICT's `sb`/`sth` placeholders).
const STOP_WORDS: &[&str] = &[
    "a",
    "abbr",
    "about",
    "after",
    "again",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "before",
    "being",
    "but",
    "by",
    "can",
    "classifier",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "esp",
    "etc",
    "fig",
    "for",
    "from",
    "had",
    "has",
    "have",
    "having",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "lit",
    "may",
    "might",
    "must",
    "of",
    "off",
    "on",
    "one",
    "one's",
    "oneself",
    "onto",
    "or",
    "out",
    "over",
    "s",
    "sb",
    "sb's",
    "shall",
    "should",
    "so",
    "someone",
    "something",
    "sth",
    "such",
    "surname",
    "than",
    "that",
    "the",
    "then",
    "there",
    "these",
    "this",
    "those",
    "to",
    "too",
    "up",
    "upon",
    "used",
    "variant",
    "very",
    "was",
    "were",
    "what",
    "which",
    "while",
    "who",
    "whom",
    "will",
    "with",
    "would",
];

/// True for English words the aligner ignores (lowercase input).
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// One headword: where its gloss stems are, and its pinyin.
#[derive(Debug, Clone)]
struct Entry {
    /// Range into [`Lexicon::targets`].
    start: u32,
    len: u16,
    /// Toneless pinyin syllables, space-separated.
    pinyin: Box<str>,
}

/// CC-CEDICT indexed for alignment; load once, share by `&`.
pub struct Lexicon {
    entries: HashMap<Box<str>, Entry>,
    targets: Vec<u32>,
    stems: HashMap<Box<str>, u32>,
    stemmer: Stemmer,
    longest_headword: usize,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("headwords", &self.entries.len())
            .field("stems", &self.stems.len())
            .finish()
    }
}

impl Lexicon {
    /// The lexicon shipped in the binary.
    pub fn embedded() -> Result<Lexicon> {
        Self::from_gz(EMBEDDED, Path::new("<embedded lexicon>"))
    }

    /// Reads a lexicon file (gzip-compressed TSV, as built by
    /// `data/build-lexicon.sh`).
    pub fn read(path: &Path) -> Result<Lexicon> {
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::from_gz(&bytes, path)
    }

    /// An empty lexicon (length and evidence only).
    pub fn empty() -> Lexicon {
        Lexicon {
            entries: HashMap::new(),
            targets: Vec::new(),
            stems: HashMap::new(),
            stemmer: Stemmer::create(Algorithm::English),
            longest_headword: 0,
        }
    }

    fn from_gz(bytes: &[u8], path: &Path) -> Result<Lexicon> {
        let mut text = String::new();
        GzDecoder::new(bytes)
            .read_to_string(&mut text)
            .map_err(|e| Error::Parse {
                path: path.to_path_buf(),
                line: 0,
                why: format!("not a gzip-compressed UTF-8 lexicon: {e}"),
            })?;
        Self::parse(&text, path)
    }

    /// Parses the TSV text of a lexicon.
    pub fn parse(text: &str, path: &Path) -> Result<Lexicon> {
        let mut lex = Lexicon::empty();
        let mut stem_cache: HashMap<&str, Option<u32>> = HashMap::new();
        let mut ids: Vec<u32> = Vec::new();
        for (n, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(head), Some(pinyin), glosses) = (cols.next(), cols.next(), cols.next())
            else {
                return Err(Error::Parse {
                    path: path.to_path_buf(),
                    line: n + 1,
                    why: "expected `simplified<TAB>pinyin<TAB>glosses`".into(),
                });
            };
            ids.clear();
            for w in glosses.unwrap_or("").split(' ') {
                if w.is_empty() {
                    continue;
                }
                let id = *stem_cache.entry(w).or_insert_with(|| {
                    if is_stop_word(w) {
                        None
                    } else {
                        let stem = lex.stemmer.stem(w).into_owned();
                        let next = lex.stems.len() as u32;
                        Some(*lex.stems.entry(stem.into_boxed_str()).or_insert(next))
                    }
                });
                if let Some(id) = id {
                    if !ids.contains(&id) && ids.len() < MAX_GLOSS_STEMS {
                        ids.push(id);
                    }
                }
            }
            let start = lex.targets.len() as u32;
            lex.targets.extend_from_slice(&ids);
            lex.longest_headword = lex.longest_headword.max(head.chars().count());
            lex.entries.insert(
                head.into(),
                Entry {
                    start,
                    len: ids.len() as u16,
                    pinyin: pinyin.into(),
                },
            );
        }
        Ok(lex)
    }

    /// Number of headwords.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the lexicon has no headwords.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Number of distinct English stems in the glosses (ids are below it).
    pub fn stem_count(&self) -> usize {
        self.stems.len()
    }

    /// The id of an English stem, if any gloss uses it.
    pub fn stem_id(&self, stem: &str) -> Option<u32> {
        self.stems.get(stem).copied()
    }

    /// Snowball stem of a lowercase English word (the segmenter's stemmer).
    pub fn stem(&self, word: &str) -> String {
        self.stemmer.stem(word).into_owned()
    }

    /// True when `word` is a headword.
    pub fn contains(&self, word: &str) -> bool {
        self.entries.contains_key(word)
    }

    /// Gloss stem ids of a headword (empty if absent).
    pub fn glosses(&self, word: &str) -> &[u32] {
        match self.entries.get(word) {
            Some(e) => &self.targets[e.start as usize..e.start as usize + e.len as usize],
            None => &[],
        }
    }

    /// The longest dictionary headwords `word` is made of, greedily from
    /// the left (characters without an entry are left out).
    fn parts<'w>(&self, word: &'w str) -> Vec<&'w str> {
        let chars: Vec<(usize, char)> = word.char_indices().collect();
        let mut out = Vec::new();
        let mut k = 0;
        while k < chars.len() {
            let mut matched = 1;
            let max = self.longest_headword.min(chars.len() - k);
            for len in (1..=max).rev() {
                let end = chars.get(k + len).map_or(word.len(), |c| c.0);
                let part = &word[chars[k].0..end];
                if self.entries.contains_key(part) {
                    out.push(part);
                    matched = len;
                    break;
                }
            }
            k += matched;
        }
        out
    }

    /// Gloss stem ids of a Simplified word: its own entry, or the union of
    /// its longest dictionary parts (greedy from the left) when the word is
    /// missing. Appends to `out`; returns true if the word itself was found.
    pub fn translate_into(&self, word: &str, out: &mut Vec<u32>) -> bool {
        if self.entries.contains_key(word) {
            out.extend_from_slice(self.glosses(word));
            return true;
        }
        for part in self.parts(word) {
            out.extend_from_slice(self.glosses(part));
        }
        false
    }

    /// Toneless pinyin syllables of a word, from its own entry or its
    /// dictionary parts (characters without an entry are skipped).
    pub fn syllables(&self, word: &str) -> Vec<String> {
        let parts = if self.entries.contains_key(word) {
            vec![word]
        } else {
            self.parts(word)
        };
        parts
            .into_iter()
            .filter_map(|p| self.entries.get(p))
            .flat_map(|e| e.pinyin.split(' ').map(str::to_string))
            .filter(|s| !s.is_empty())
            .collect()
    }

    /// Toneless pinyin of a word without spaces (`chenqingyang`).
    pub fn pinyin(&self, word: &str) -> String {
        self.syllables(word).concat()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(
            STOP_WORDS.windows(2).all(|w| w[0] < w[1]),
            "STOP_WORDS must be sorted"
        );
    }

    #[test]
    fn parses_and_falls_back_to_parts() {
        let lex = Lexicon::parse(
            "秘书\tmi shu\tsecretary\n处\tchu\toffice department\n会议\thui yi\tmeeting conferences\n",
            Path::new("t"),
        )
        .unwrap();
        let conf = lex.stem_id("confer").unwrap();
        assert_eq!(lex.glosses("会议").len(), 2);
        assert!(lex.glosses("会议").contains(&conf));
        let mut out = Vec::new();
        assert!(!lex.translate_into("秘书处", &mut out));
        assert!(out.contains(&lex.stem_id("secretari").unwrap()));
        assert!(out.contains(&lex.stem_id("offic").unwrap()));
        assert_eq!(lex.pinyin("秘书处"), "mishuchu");
        assert_eq!(lex.syllables("秘书处x"), ["mi", "shu", "chu"]);
    }

    #[test]
    fn malformed_line_is_an_error_with_its_line() {
        let e = Lexicon::parse("ok\tok\tok\nbroken\n", Path::new("lex.tsv")).unwrap_err();
        assert!(e.to_string().contains("lex.tsv:2"), "{e}");
    }

    #[test]
    fn embedded_lexicon_loads() {
        let lex = Lexicon::embedded().unwrap();
        assert!(lex.len() > 100_000);
        let mut out = Vec::new();
        lex.translate_into("会议", &mut out);
        assert!(out.contains(&lex.stem_id("meet").unwrap()));
    }
}
