//! A bead's sides as the later stages read them: the units a side covers
//! joined into one analysed [`Sentence`], from the analysis the units
//! already have (tokens and numbers carried over with their spans
//! shifted), so `check` and `terms` never tokenize a bead again.
//!
//! Records aligned here take their units from the alignment
//! ([`sides_of`], by the records' unit indices); records read back from
//! JSONL are analysed once on reading, each text as one unit
//! ([`analyse`]).

use super::{Segmenter, Sentence};
use crate::document::{Lang, Span};
use crate::record::{BeadRecord, BeadUnit};

/// One side of a bead, analysed.
#[derive(Debug, Clone, PartialEq)]
pub struct BeadSide {
    /// Language of the side.
    pub lang: Lang,
    /// The side's units joined into one unit (tokens, numbers, spans into
    /// its joined text).
    pub unit: Sentence,
}

impl BeadSide {
    /// Joins `units` the way a side reads (no space between Chinese units,
    /// one space between others), keeping their analysis.
    pub fn join<'a>(units: impl IntoIterator<Item = &'a Sentence>, lang: Lang) -> BeadSide {
        BeadSide {
            lang,
            unit: joined(units, lang),
        }
    }

    /// A side of texts that come without analysis (read back from JSONL,
    /// or written by hand): each text analysed once as one unit, then
    /// joined.
    pub fn new(texts: &[BeadUnit], lang: Lang, seg: &Segmenter) -> BeadSide {
        let units: Vec<Sentence> = texts.iter().map(|t| seg.unit(&t.text, lang)).collect();
        BeadSide::join(&units, lang)
    }

    /// The joined text.
    pub fn text(&self) -> &str {
        &self.unit.text
    }
}

/// Both sides of one bead.
#[derive(Debug, Clone, PartialEq)]
pub struct BeadSides {
    /// The source side.
    pub src: BeadSide,
    /// The target side.
    pub tgt: BeadSide,
}

/// What separates two units of a side in its joined text.
pub fn separator(lang: Lang) -> &'static str {
    if lang.is_chinese() {
        ""
    } else {
        " "
    }
}

/// `units` joined into one unit: the texts with [`separator`] between
/// them, tokens and numbers with their spans shifted into the joined
/// text. Paragraph and span are the first unit's start (0 when empty).
pub fn joined<'a>(units: impl IntoIterator<Item = &'a Sentence>, lang: Lang) -> Sentence {
    let sep = separator(lang);
    let mut out = Sentence {
        para: 0,
        span: Span::new(0, 0),
        text: String::new(),
        lang,
        tokens: Vec::new(),
        numbers: Vec::new(),
    };
    for (k, u) in units.into_iter().enumerate() {
        if k == 0 {
            out.para = u.para;
            out.span = u.span;
        } else {
            out.text.push_str(sep);
            out.span.end = u.span.end;
        }
        out.push_analysis(u, out.text.len());
        out.text.push_str(&u.text);
    }
    out
}

/// The sides of each record, joined from the aligned units its unit
/// indices (`src_idx`, `tgt_idx`) point to; an index outside the units
/// is skipped.
pub fn sides_of(records: &[BeadRecord], src: &[Sentence], tgt: &[Sentence]) -> Vec<BeadSides> {
    records
        .iter()
        .map(|r| BeadSides {
            src: BeadSide::join(
                r.src.iter().map_while(|u| u.idx).filter_map(|i| src.get(i)),
                r.src_lang,
            ),
            tgt: BeadSide::join(
                r.tgt.iter().map_while(|u| u.idx).filter_map(|i| tgt.get(i)),
                r.tgt_lang,
            ),
        })
        .collect()
}

/// The sides of records read back (from JSONL, where only texts are
/// stored): each text analysed once as one unit, then joined.
pub fn analyse(records: &[BeadRecord], seg: &Segmenter) -> Vec<BeadSides> {
    use rayon::prelude::*;
    records
        .par_iter()
        .map(|r| BeadSides {
            src: BeadSide::new(&r.src, r.src_lang, seg),
            tgt: BeadSide::new(&r.tgt, r.tgt_lang, seg),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn seg() -> &'static Segmenter {
        static SEG: OnceLock<Segmenter> = OnceLock::new();
        SEG.get_or_init(Segmenter::new)
    }

    /// Token keys and spans as written in `text`.
    fn words(s: &Sentence) -> Vec<(String, &str)> {
        s.tokens
            .iter()
            .map(|t| (t.key.to_string(), &s.text[t.span.start..t.span.end]))
            .collect()
    }

    #[test]
    fn joined_units_keep_their_analysis_with_shifted_spans() {
        for (lang, texts) in [
            (
                Lang::En,
                ["The CICA met in May 2014.", "Twenty-six states attended."],
            ),
            (
                Lang::ZhHans,
                ["亚信会议于2014年5月举行。", "二十六个成员国出席。"],
            ),
        ] {
            let units: Vec<Sentence> = texts.iter().map(|t| seg().unit(t, lang)).collect();
            let side = BeadSide::join(&units, lang);
            assert_eq!(side.text(), texts.join(separator(lang)));
            // The same words and numbers as analysing the joined text,
            // pointing at the same places.
            let whole = seg().unit(side.text(), lang);
            assert_eq!(words(&side.unit), words(&whole));
            assert_eq!(side.unit.numbers, whole.numbers);
        }
    }

    #[test]
    fn sides_follow_the_records_unit_indices() {
        let units: Vec<Sentence> = ["会议开幕。", "会议闭幕。", "会议结束。"]
            .iter()
            .map(|t| seg().unit(t, Lang::ZhHans))
            .collect();
        let en: Vec<Sentence> = ["It opened and closed."]
            .iter()
            .map(|t| seg().unit(t, Lang::En))
            .collect();
        let mut r = BeadRecord::new(
            0,
            Lang::ZhHans,
            Lang::En,
            vec!["会议闭幕。".into(), "会议结束。".into()],
            vec!["It opened and closed.".into()],
        );
        for (u, i) in r.src.iter_mut().zip([1, 2, 7]) {
            u.idx = Some(i);
        }
        r.tgt[0].idx = Some(0);
        let sides = sides_of(&[r.clone()], &units, &en);
        assert_eq!(sides[0].src.text(), "会议闭幕。会议结束。");
        // Read back, the record's texts give the same analysis.
        assert_eq!(analyse(&[r], seg()), sides);
    }

    /// What the tokens and numbers of `s` point at in its text.
    fn pointed(s: &Sentence) -> (Vec<&str>, Vec<&str>) {
        let at = |sp: Span| s.text.get(sp.start..sp.end).unwrap_or("<bad span>");
        (
            s.tokens.iter().map(|t| at(t.span)).collect(),
            s.numbers.iter().map(|n| at(n.span)).collect(),
        )
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
        #[test]
        fn joined_spans_point_at_the_same_words(
            texts in proptest::collection::vec("[a-zA-Z0-9 .,%年月日亚信会议二十五]{0,24}", 0..4),
        ) {
            for lang in [Lang::En, Lang::ZhHans] {
                let units: Vec<Sentence> = texts.iter().map(|t| seg().unit(t, lang)).collect();
                let side = BeadSide::join(&units, lang);
                let (mut words, mut nums) = (Vec::new(), Vec::new());
                for u in &units {
                    let (w, n) = pointed(u);
                    words.extend(w);
                    nums.extend(n);
                }
                proptest::prop_assert_eq!(pointed(&side.unit), (words, nums));
            }
        }

        #[test]
        fn paragraph_units_point_at_their_sentences_words(
            text in "[a-zA-Z0-9 .,%\\n年月日亚信会议。二十五]{0,80}",
        ) {
            let Ok(ing) = crate::ingest::read_bytes("p.txt", text.as_bytes()) else {
                return Ok(());
            };
            for d in &ing.documents {
                let s = seg().segment(d);
                for i in 0..d.paragraphs.len() {
                    let p = s.paragraph_unit(i);
                    proptest::prop_assert_eq!(&p.text, &d.paragraphs[i].text);
                    let (mut words, mut nums) = (Vec::new(), Vec::new());
                    for u in &s.sentences[s.paragraph_range(i)] {
                        let (w, n) = pointed(u);
                        words.extend(w);
                        nums.extend(n);
                    }
                    proptest::prop_assert_eq!(pointed(&p), (words, nums));
                }
            }
        }
    }

    #[test]
    fn an_empty_side_is_empty() {
        let side = BeadSide::join(std::iter::empty(), Lang::En);
        assert!(side.text().is_empty() && side.unit.tokens.is_empty());
    }
}
