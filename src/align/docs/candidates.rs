//! Candidate document pairs, found without comparing every Chinese
//! document with every English one.
//!
//! Takes segmented documents and the lexicon; gives the (Chinese, English)
//! index pairs worth scoring with the aligner. Each document becomes a set
//! of features that survive translation: English gloss stems (Chinese
//! words through the lexicon, English words by their stem), numbers
//! (normalized, so 1992年 meets "1992") and Latin tokens (CICA, THAAD). A
//! feature weighs its inverse document frequency, so what every document
//! says (the boilerplate of yearly editions of one report) counts for
//! nothing and what few documents say counts most; features held by too
//! many documents are not looked up at all. Two documents' similarity is
//! the cosine of their weighted feature sets, summed through an inverted
//! index: the work grows with the rare features shared, not with the
//! number of combinations. Each document keeps its [`PER_DOC`] most
//! similar documents of the other language (within [`MIN_SHARE`] of its
//! best), and two documents of one file are always a candidate.

use crate::align::evidence::number_keys;
use crate::align::lexicon::{is_stop_word, Lexicon};
use crate::segment::{SegmentedDoc, TokenKind};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHasher};
use std::hash::Hasher;

/// Candidates each document keeps on the other side.
pub(super) const PER_DOC: usize = 3;

/// A candidate's similarity must be at least this share of the best one
/// its document has.
pub(super) const MIN_SHARE: f32 = 0.5;

/// Features held by more than this share of the documents (and more than
/// [`MIN_DF_CAP`]) are too common to point at a translation: skipped.
const MAX_DF_SHARE: usize = 5;

/// The document-frequency cap is never below this.
const MIN_DF_CAP: usize = 50;

/// Feature tags (top bits), so keys of different kinds never meet.
const GLOSS: u64 = 1 << 62;
const NUMBER: u64 = 2 << 62;
const LATIN: u64 = 3 << 62;

/// What candidate search needs of one document: small (a few kilobytes),
/// so a corpus's worth stays in memory when its documents do not.
#[derive(Debug, Clone)]
pub struct DocFeatures {
    /// Is the document Chinese (a source)?
    pub chinese: bool,
    /// The file it came from.
    pub source: String,
    /// Its features, hashed, sorted and unique (see the module doc).
    pub keys: Vec<u64>,
}

impl DocFeatures {
    /// The features of a segmented document.
    pub fn of(d: &SegmentedDoc, lex: &Lexicon) -> DocFeatures {
        DocFeatures {
            chinese: d.doc.lang.is_chinese(),
            source: d.doc.source.clone(),
            keys: features(d, lex),
        }
    }
}

/// The candidate (Chinese index, English index) pairs, sorted, unique.
pub(super) fn candidates(docs: &[DocFeatures]) -> Vec<(usize, usize)> {
    let zh: Vec<usize> = (0..docs.len()).filter(|&i| docs[i].chinese).collect();
    let en: Vec<usize> = (0..docs.len()).filter(|&i| !docs[i].chinese).collect();
    if zh.is_empty() || en.is_empty() {
        return Vec::new();
    }
    let feats: Vec<&[u64]> = docs.iter().map(|d| d.keys.as_slice()).collect();

    let mut df: FxHashMap<u64, u32> = FxHashMap::default();
    for f in feats.iter().copied().flatten() {
        *df.entry(*f).or_default() += 1;
    }
    let n = docs.len() as f32;
    let weight = |f: &u64| (n / df[f] as f32).ln();
    let norm: Vec<f32> = feats
        .iter()
        .map(|fs| fs.iter().map(|f| weight(f).powi(2)).sum::<f32>().sqrt())
        .collect();

    // Inverted index of the English documents over their rarer features.
    let cap = (docs.len() / MAX_DF_SHARE).max(MIN_DF_CAP);
    let mut postings: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
    for (k, &j) in en.iter().enumerate() {
        for f in feats[j] {
            if df[f] as usize <= cap {
                postings.entry(*f).or_default().push(k as u32);
            }
        }
    }

    // Similarities of each Chinese document with the English ones it
    // shares a rare feature with.
    let sims: Vec<Vec<(u32, f32)>> = zh
        .par_iter()
        .map(|&i| {
            let mut acc = vec![0f32; en.len()];
            let mut touched = Vec::new();
            for f in feats[i] {
                let Some(list) = postings.get(f) else {
                    continue;
                };
                let w = weight(f).powi(2);
                for &k in list {
                    if acc[k as usize] == 0.0 {
                        touched.push(k);
                    }
                    acc[k as usize] += w;
                }
            }
            touched
                .into_iter()
                .map(|k| {
                    let denom = norm[i] * norm[en[k as usize]];
                    (k, acc[k as usize] / denom.max(f32::MIN_POSITIVE))
                })
                .filter(|&(_, s)| s > 0.0)
                .collect()
        })
        .collect();

    let mut out = Vec::new();
    let mut by_en: Vec<Vec<(u32, f32)>> = vec![Vec::new(); en.len()];
    for (zi, row) in sims.iter().enumerate() {
        for (k, _) in best(row) {
            out.push((zh[zi], en[k as usize]));
        }
        for &(k, s) in row {
            by_en[k as usize].push((zi as u32, s));
        }
    }
    for (k, col) in by_en.iter().enumerate() {
        for (zi, _) in best(col) {
            out.push((zh[zi as usize], en[k]));
        }
    }
    for &i in &zh {
        for &j in &en {
            if docs[i].source == docs[j].source {
                out.push((i, j));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The [`PER_DOC`] most similar entries within [`MIN_SHARE`] of the best
/// (ties by index, so the result does not depend on thread timing).
fn best(row: &[(u32, f32)]) -> Vec<(u32, f32)> {
    let mut v = row.to_vec();
    v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let top = v.first().map_or(0.0, |x| x.1);
    v.truncate(PER_DOC);
    v.retain(|x| x.1 >= top * MIN_SHARE);
    v
}

/// A document's features, sorted and unique (see the module doc).
fn features(d: &SegmentedDoc, lex: &Lexicon) -> Vec<u64> {
    let chinese = d.doc.lang.is_chinese();
    let mut out = Vec::new();
    let mut glosses = Vec::new();
    for s in &d.sentences {
        for k in number_keys(s) {
            out.push(hashed(NUMBER, &k));
        }
        for t in &s.tokens {
            match t.kind {
                TokenKind::Han => {
                    glosses.clear();
                    lex.translate_into(&t.key, &mut glosses);
                    out.extend(glosses.iter().map(|&g| GLOSS | g as u64));
                }
                TokenKind::Latin if !is_stop_word(&t.key) => {
                    out.push(hashed(LATIN, &t.stem));
                    if !chinese {
                        if let Some(g) = lex.stem_id(&t.stem) {
                            out.push(GLOSS | g as u64);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn hashed(tag: u64, key: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(key.as_bytes());
    tag | (h.finish() >> 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Format, Lang, Paragraph};
    use crate::segment::Segmenter;

    fn doc(seg: &Segmenter, source: &str, lang: Lang, text: &str) -> SegmentedDoc {
        let paragraphs = text
            .lines()
            .enumerate()
            .map(|(n, l)| Paragraph {
                text: l.to_string(),
                norm: crate::normalize::key(l),
                line: n + 1,
                heading: false,
                line_starts: Vec::new(),
            })
            .collect();
        seg.segment(&Document {
            source: source.into(),
            lang,
            encoding: "UTF-8".into(),
            format: Format::Text,
            paragraphs,
            dropped: Vec::new(),
        })
    }

    #[test]
    fn editions_meet_their_own_translation_by_their_rare_numbers() {
        // Twelve editions of one report, the same words each year; only the
        // year and a figure differ. Each Chinese edition must find its own
        // English edition among its candidates, and not all twelve.
        let seg = Segmenter::new();
        let lex = Lexicon::embedded().unwrap();
        let mut docs = Vec::new();
        for k in 0..12 {
            let year = 2000 + k;
            let figure = 300 + 17 * k;
            docs.push(doc(
                &seg,
                &format!("zh{k}"),
                Lang::ZhHans,
                &format!("{year}年，会议讨论了安全与合作。\n共有{figure}名代表出席论坛。"),
            ));
            docs.push(doc(
                &seg,
                &format!("en{k}"),
                Lang::En,
                &format!(
                    "In {year}, the meeting discussed security and cooperation.\n\
                     {figure} delegates attended the forum."
                ),
            ));
        }
        let f: Vec<DocFeatures> = docs.iter().map(|d| DocFeatures::of(d, &lex)).collect();
        let c = candidates(&f);
        for k in 0..12 {
            let (z, e) = (2 * k, 2 * k + 1);
            assert!(c.contains(&(z, e)), "edition {k} missed: {c:?}");
            let mine = c.iter().filter(|p| p.0 == z).count();
            assert!(mine <= 2 * PER_DOC, "edition {k}: {mine} candidates");
        }
        assert!(c.len() < 12 * 12 / 2, "{} candidates", c.len());
    }

    #[test]
    fn two_documents_of_one_file_are_always_candidates() {
        let seg = Segmenter::new();
        let lex = Lexicon::embedded().unwrap();
        let docs = [
            doc(&seg, "a.txt", Lang::ZhHans, "山。"),
            doc(&seg, "a.txt", Lang::En, "River."),
            doc(&seg, "b.txt", Lang::En, "Horse."),
        ];
        let f: Vec<DocFeatures> = docs.iter().map(|d| DocFeatures::of(d, &lex)).collect();
        assert_eq!(candidates(&f), vec![(0, 1)]);
    }
}
