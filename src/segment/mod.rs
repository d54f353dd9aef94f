//! Segmentation: sentences, words and numbers for Chinese and English.
//!
//! Takes [`Document`]s from ingestion and gives [`Sentence`]s that know their
//! paragraph and byte span in the original paragraph text, with their word
//! [`Token`]s (for lexical matching) and stated [`Number`]s (normalized so
//! both languages compare).

mod dict;
mod numbers;
mod sentences;
pub mod side;
mod words;

pub use dict::{name_kind, NameKind, Vocabulary};
pub use numbers::numbers;
pub use side::{BeadSide, BeadSides};
pub use words::{Token, TokenKind};

use crate::document::{Document, Lang, Span};
use serde::{Deserialize, Serialize};

/// What kind of quantity a [`Number`] states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NumberKind {
    /// A plain quantity (25, 二十五, twenty-five, 1.5亿 = 150000000).
    Cardinal,
    /// A year (1992年, "in 1992").
    Year,
    /// A percentage (5%, 百分之五, five percent): value is the percent.
    Percent,
    /// An ordinal (第四十七届, 47th): value is the rank.
    Ordinal,
    /// A date: its value is a [`Date`], not an amount.
    Date,
}

/// A date as stated: a year and month (2014年5月, May 2014) or a month and
/// day (12月28日, December 28). A full date (1992年10月5日) is read as
/// both, so that either half finds its counterpart when the other side
/// states only that half.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Date {
    /// The year, when stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    /// The month (1–12).
    pub month: u8,
    /// The day of the month (1–31), when stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day: Option<u8>,
}

impl Date {
    /// A month of a year (2014年5月).
    pub fn month_of(year: u16, month: u8) -> Date {
        Date {
            year: Some(year),
            month,
            day: None,
        }
    }

    /// A day of a month, year unstated (12月28日).
    pub fn day_of(month: u8, day: u8) -> Date {
        Date {
            year: None,
            month,
            day: Some(day),
        }
    }
}

impl std::fmt::Display for Date {
    /// ISO 8601 forms: `2014-05`, `1992-10-05`, and `--12-28` for a day
    /// without a year.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.year {
            Some(y) => write!(f, "{y:04}-{:02}", self.month)?,
            None => write!(f, "--{:02}", self.month)?,
        }
        match self.day {
            Some(d) => write!(f, "-{d:02}"),
            None => Ok(()),
        }
    }
}

/// What a [`Number`] states: an amount or a date. In JSON an amount is a
/// plain number and a date an object (`{"year":2014,"month":5}`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    /// A quantity in the unit of its [`NumberKind`].
    Amount(f64),
    /// A date ([`NumberKind::Date`]).
    Date(Date),
}

impl Value {
    /// The amount, or `None` for a date.
    pub fn amount(self) -> Option<f64> {
        match self {
            Value::Amount(v) => Some(v),
            Value::Date(_) => None,
        }
    }
}

impl std::fmt::Display for Value {
    /// An amount as `f64` prints it (`25`, `1.5`), a date as [`Date`] does.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Amount(v) => write!(f, "{v}"),
            Value::Date(d) => write!(f, "{d}"),
        }
    }
}

/// A number stated in a sentence, normalized for comparison across
/// languages.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Number {
    /// The normalized value (see [`NumberKind`] for its unit).
    pub value: Value,
    /// What the number is.
    pub kind: NumberKind,
    /// Where it is stated: bytes into the sentence's `text`.
    pub span: Span,
    /// Stated so that a faithful translation keeps it: written in digits,
    /// or spelled out as an exact count of something (八十岁, 二十五个,
    /// "twenty-five years"). False for approximations and ranges (二十几,
    /// 二十多岁, 九十年代, "some twenty", "seventeen or eighteen") and bare
    /// numerals that may be part of a name or an idiom (茅十八, 七零八落).
    #[serde(default)]
    pub firm: bool,
}

/// One sentence (or other aligned unit) with everything matching needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sentence {
    /// Index of the paragraph in its document.
    pub para: usize,
    /// Bytes into the paragraph's original `text`.
    pub span: Span,
    /// The original text of the sentence (`paragraph.text[span]`).
    pub text: String,
    /// Language of the sentence.
    pub lang: Lang,
    /// Word tokens, spans relative to `text`.
    pub tokens: Vec<Token>,
    /// Numbers stated, spans relative to `text`.
    pub numbers: Vec<Number>,
}

impl Sentence {
    /// Length in characters of the original text, whitespace excluded:
    /// the unit the length model compares.
    pub fn char_len(&self) -> usize {
        crate::length::chars(&self.text)
    }

    /// Appends the tokens and numbers of `part`, whose text starts `at`
    /// bytes into this one's, with their spans moved there: a longer unit
    /// takes its parts' analysis instead of tokenizing again.
    pub(crate) fn push_analysis(&mut self, part: &Sentence, at: usize) {
        let shift = |s: Span| Span::new(s.start + at, s.end + at);
        self.tokens.extend(part.tokens.iter().map(|t| Token {
            span: shift(t.span),
            ..t.clone()
        }));
        self.numbers.extend(part.numbers.iter().map(|n| Number {
            span: shift(n.span),
            ..*n
        }));
    }
}

/// A document cut into sentences.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SegmentedDoc {
    /// The document (paragraphs untouched).
    pub doc: Document,
    /// Sentences in document order.
    pub sentences: Vec<Sentence>,
}

impl SegmentedDoc {
    /// The sentences of paragraph `para`, as an index range into
    /// `sentences`.
    pub fn paragraph_range(&self, para: usize) -> std::ops::Range<usize> {
        let start = self.sentences.partition_point(|s| s.para < para);
        let end = self.sentences.partition_point(|s| s.para <= para);
        start..end
    }

    /// Paragraph `para` as one unit: its whole text, with the tokens and
    /// numbers of its sentences (spans shifted from the sentence into the
    /// paragraph). Nothing is tokenized again.
    pub fn paragraph_unit(&self, para: usize) -> Sentence {
        let text = self
            .doc
            .paragraphs
            .get(para)
            .map_or(String::new(), |p| p.text.clone());
        let mut unit = Sentence {
            para,
            span: Span::new(0, text.len()),
            lang: self.doc.lang,
            tokens: Vec::new(),
            numbers: Vec::new(),
            text,
        };
        for s in &self.sentences[self.paragraph_range(para)] {
            unit.push_analysis(s, s.span.start);
        }
        unit
    }
}

/// Segmenter with its dictionaries loaded once; share it by `&` across
/// threads.
pub struct Segmenter {
    words: words::WordSegmenter,
}

impl Default for Segmenter {
    fn default() -> Self {
        Self::new()
    }
}

impl Segmenter {
    /// Loads the English stemmer and starts loading jieba's dictionary on
    /// another thread (the first Chinese text waits for it).
    pub fn new() -> Segmenter {
        Segmenter {
            words: words::WordSegmenter::new(),
        }
    }

    /// A segmenter for the units `vocab` was made of (known in advance):
    /// it loads only the dictionary words they can hold, a few percent of
    /// the ~0.1 s [`Segmenter::new`] takes. Every text is cut as
    /// [`Segmenter::new`] cuts it; one `vocab` does not cover (a character
    /// pair it lacks) waits once for the whole dictionary.
    pub fn for_vocabulary(vocab: std::sync::Arc<Vocabulary>) -> Segmenter {
        Segmenter {
            words: words::WordSegmenter::for_vocabulary(vocab),
        }
    }

    /// Cuts every paragraph of `doc` into sentences with tokens and
    /// numbers. A heading paragraph is one sentence; sentence spans hold no
    /// surrounding whitespace and only whitespace lies between them.
    pub fn segment(&self, doc: &Document) -> SegmentedDoc {
        let mut out = Vec::new();
        for (i, p) in doc.paragraphs.iter().enumerate() {
            for span in self.sentence_spans(&p.text, doc.lang, p.heading) {
                let mut s = self.unit(&p.text[span.start..span.end], doc.lang);
                s.para = i;
                s.span = span;
                out.push(s);
            }
        }
        SegmentedDoc {
            doc: doc.clone(),
            sentences: out,
        }
    }

    /// Byte spans of the sentences of one paragraph's `text` (Chinese rules
    /// when the paragraph is mostly Han or the document is Chinese,
    /// `sentencex` otherwise; one span for a heading).
    pub fn sentence_spans(&self, text: &str, lang: Lang, heading: bool) -> Vec<Span> {
        sentences::split(text, lang, heading)
    }

    /// Treats `text` as one unit (a presplit line, or a whole paragraph)
    /// and gives it tokens and numbers. `para` is 0 and `span` covers it.
    pub fn unit(&self, text: &str, lang: Lang) -> Sentence {
        Sentence {
            para: 0,
            span: Span::new(0, text.len()),
            text: text.to_string(),
            lang,
            tokens: self.tokens(text, lang),
            numbers: self.numbers(text, lang),
        }
    }

    /// Numbers stated in `text` (spans relative to `text`); see
    /// [`numbers()`].
    pub fn numbers(&self, text: &str, lang: Lang) -> Vec<Number> {
        numbers::numbers(text, lang)
    }

    /// Word tokens of `text` (spans relative to `text`).
    pub fn tokens(&self, text: &str, lang: Lang) -> Vec<Token> {
        self.words.tokens(text, lang)
    }
}
