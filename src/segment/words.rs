//! Words: jieba-rs for Chinese (on the Simplified key, offsets mapped back
//! to the original), unicode-segmentation for English, lowercased and
//! stemmed (Snowball English).

use super::dict::{self, Vocabulary};
use crate::document::{Lang, Span};
use crate::normalize::{self, is_han};
use ecow::EcoString;
use jieba_rs::Jieba;
use rust_stemmers::{Algorithm, Stemmer};
use serde::{Deserialize, Serialize};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::JoinHandle;
use unicode_segmentation::UnicodeSegmentation;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// A Chinese word (Han characters).
    Han,
    /// A word in Latin (or other alphabetic) script.
    Latin,
    /// Digits (possibly with separators).
    Digits,
}

/// One word of a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// Matching form: Simplified for Chinese, lowercased for Latin.
    /// (An `EcoString`: 16 bytes, words up to 15 bytes stored inline, so
    /// tokenizing seldom allocates and a long document's millions of
    /// tokens stay small. Use it as a `&str`.)
    pub key: EcoString,
    /// Stem of `key` for English words (Snowball); equal to `key` otherwise.
    pub stem: EcoString,
    /// Bytes into the text that was tokenized (the original).
    pub span: Span,
    /// Script class.
    pub kind: TokenKind,
}

pub(crate) struct WordSegmenter {
    /// jieba over its whole dictionary, once needed: built on another
    /// thread from [`WordSegmenter::new`] on, or on first use when `known`
    /// is given (then only for a text outside the known ones).
    whole: OnceLock<Jieba>,
    /// The whole dictionary being built (taken by the first use).
    building: Mutex<Option<JoinHandle<Jieba>>>,
    /// The units announced to [`WordSegmenter::for_vocabulary`], and jieba
    /// over the dictionary words they can hold.
    known: Option<(Arc<Vocabulary>, Jieba)>,
    stemmer: Stemmer,
}

impl WordSegmenter {
    /// Starts building jieba's whole dictionary (~0.1 s) on another
    /// thread, so the caller goes on (e.g. loading the lexicon, reading
    /// files) and English never waits for it.
    pub(crate) fn new() -> Self {
        let building = std::thread::Builder::new()
            .name("jieba".into())
            .spawn(Jieba::new)
            .ok();
        WordSegmenter {
            whole: OnceLock::new(),
            building: Mutex::new(building),
            known: None,
            stemmer: Stemmer::create(Algorithm::English),
        }
    }

    /// Ready for the units `vocab` was made of; any other text is cut
    /// the same way, only slower the first time.
    pub(crate) fn for_vocabulary(vocab: Arc<Vocabulary>) -> Self {
        let jieba = dict::for_vocabulary(&vocab);
        WordSegmenter {
            whole: OnceLock::new(),
            building: Mutex::new(None),
            known: Some((vocab, jieba)),
            stemmer: Stemmer::create(Algorithm::English),
        }
    }

    /// The jieba that cuts `norm` as the whole dictionary does.
    fn jieba(&self, norm: &str) -> &Jieba {
        match &self.known {
            Some((vocab, jieba)) if vocab.covers(norm) => jieba,
            _ => self.whole(),
        }
    }

    /// jieba over the whole dictionary (waits for it to be built).
    fn whole(&self) -> &Jieba {
        self.whole.get_or_init(|| {
            let building = self.building.lock().ok().and_then(|mut b| b.take());
            // A builder that failed to start or panicked: build it here.
            building.and_then(|b| b.join().ok()).unwrap_or_default()
        })
    }

    pub(crate) fn tokens(&self, text: &str, lang: Lang) -> Vec<Token> {
        let norm = normalize::normalize(text);
        let mut out = Vec::with_capacity(norm.text.len() / 4);
        let mut hint = 0;
        if lang.is_chinese() || norm.text.chars().any(is_han) {
            for t in self.jieba(&norm.text).cut(&norm.text, true) {
                self.push(&mut out, &norm, &mut hint, t.word, t.byte_start, t.byte_end);
            }
        } else {
            for (at, w) in norm.text.unicode_word_indices() {
                self.push(&mut out, &norm, &mut hint, w, at, at + w.len());
            }
        }
        // The capacity guessed above is kept for the unit's lifetime: a
        // long document holds millions of tokens.
        out.shrink_to_fit();
        out
    }

    fn push(
        &self,
        out: &mut Vec<Token>,
        norm: &normalize::Normalized,
        hint: &mut usize,
        word: &str,
        start: usize,
        end: usize,
    ) {
        let Some(first) = word.chars().next() else {
            return;
        };
        let kind = if is_han(first) {
            TokenKind::Han
        } else if first.is_ascii_digit() {
            TokenKind::Digits
        } else if first.is_alphabetic() {
            TokenKind::Latin
        } else {
            return; // punctuation and spaces are not words
        };
        // Same result as `span_to_original`, walking forward.
        let s = norm.to_original_from(start, hint);
        let e = norm.to_original_from(end, hint).max(s);
        let (key, stem) = if kind == TokenKind::Latin {
            let key = if word.bytes().any(|b| b.is_ascii_uppercase()) || !word.is_ascii() {
                EcoString::from(word.to_lowercase())
            } else {
                EcoString::from(word)
            };
            let stem = EcoString::from(self.stemmer.stem(&key).as_ref());
            (key, stem)
        } else {
            let key = EcoString::from(word);
            (key.clone(), key)
        };
        out.push(Token {
            key,
            stem,
            span: Span::new(s, e),
            kind,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 100k-sentence pair holds ~4M tokens: 8 bytes more each is 33 MB.
    #[test]
    fn a_token_stays_small() {
        assert!(
            std::mem::size_of::<Token>() <= 56,
            "{}",
            std::mem::size_of::<Token>()
        );
    }

    impl WordSegmenter {
        fn for_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> Self {
            let units = texts.into_iter().flat_map(str::lines);
            Self::for_vocabulary(Arc::new(Vocabulary::of_units(units)))
        }
    }

    fn corpus() -> Vec<String> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .expect("corpus/")
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        files
            .iter()
            .map(|p| std::fs::read_to_string(p).expect("UTF-8 text"))
            .collect()
    }

    /// Every line of the corpus (Simplified, Traditional, English) gets
    /// the tokens the whole dictionary gives, without loading it.
    #[test]
    fn known_texts_are_cut_as_with_the_whole_dictionary() {
        let texts = corpus();
        let known = WordSegmenter::for_texts(texts.iter().map(String::as_str));
        let whole = WordSegmenter::new();
        let mut han = 0;
        for line in texts.iter().flat_map(|t| t.lines()) {
            for lang in [Lang::ZhHans, Lang::En] {
                let tokens = known.tokens(line, lang);
                han += tokens.iter().filter(|t| t.kind == TokenKind::Han).count();
                assert_eq!(tokens, whole.tokens(line, lang), "{line}");
            }
        }
        assert!(han > 1000, "the corpus holds Chinese");
        assert!(
            known.whole.get().is_none(),
            "the whole dictionary was loaded"
        );
    }

    /// English-only inputs never load jieba's dictionary; a Chinese or
    /// mixed text the inputs did not announce loads it once and is cut as
    /// always.
    #[test]
    fn unknown_text_falls_back_to_the_whole_dictionary() {
        let english = "The Conference was founded in 1992.\nIt met again in 2014.";
        let seg = WordSegmenter::for_texts([english]);
        let keys: Vec<_> = seg
            .tokens("It met again in 1992.", Lang::En)
            .into_iter()
            .map(|t| t.key)
            .collect();
        assert_eq!(keys, ["it", "met", "again", "in", "1992"]);
        assert!(seg.whole.get().is_none());

        let whole = WordSegmenter::new();
        let mixed = "亚信会议(CICA)创立于1992年 in Almaty";
        assert_eq!(
            seg.tokens(mixed, Lang::ZhHans),
            whole.tokens(mixed, Lang::ZhHans)
        );
        assert!(seg.whole.get().is_some());
        assert_eq!(
            seg.tokens(english, Lang::En),
            whole.tokens(english, Lang::En)
        );
    }

    /// A mixed text announced in advance uses the small dictionary for
    /// both its scripts.
    #[test]
    fn mixed_known_text_is_cut_without_the_whole_dictionary() {
        let mixed = "亞洲相互協作與信任措施會議(CICA)的秘书处设在Astana，2014年5月召开峰会。";
        let seg = WordSegmenter::for_texts([mixed]);
        let whole = WordSegmenter::new();
        for lang in [Lang::ZhHant, Lang::En] {
            assert_eq!(seg.tokens(mixed, lang), whole.tokens(mixed, lang));
        }
        assert!(seg.whole.get().is_none());
    }
}
