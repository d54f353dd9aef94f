//! Document pairing: which documents of a corpus are translations of each
//! other, and which are only about the same subject.
//!
//! Takes segmented documents, the aligner and an optional [`Manifest`];
//! gives a [`DocPair`] with a decision, a score and a reason for every
//! candidate (Chinese, English) combination. Candidates come from
//! [`candidates`]: documents sharing rare words (through the lexicon),
//! numbers and Latin tokens, so a corpus of thousands of documents is not
//! compared all against all. The score of a candidate grows with the
//! lexical coverage of the two documents aligned as wholes; each document
//! is paired at most once (best score first). A manifest line overrides
//! the decision for its pair, candidate or not.
//!
//! Manifest format (`corpus/manifest.tsv`, optional): one decision per
//! line, `translation<TAB>SRC<TAB>TGT` or `comparable<TAB>SRC<TAB>TGT`,
//! where SRC and TGT are document ids as printed by `Document::id()`
//! (`000_58fd57bd8402631f.zh-Hans`); `#` starts a comment.

mod candidates;

pub use candidates::DocFeatures;

use super::{Aligner, DocPair, Relation};
use crate::error::{Error, Result};
use crate::segment::SegmentedDoc;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use super::relation::{self, MIN_COVERAGE};

/// Confidence above which two documents are taken as translations.
const MIN_TRANSLATION_SCORE: f32 = 0.5;

/// Forced decisions about document pairs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Manifest {
    decisions: BTreeMap<(String, String), Relation>,
}

impl Manifest {
    /// Reads a manifest file.
    pub fn read(path: &Path) -> Result<Manifest> {
        let text = crate::datafile::read_utf8(path, "manifest")?;
        Self::parse(&text, path)
    }

    /// Parses manifest text (`path` names it in errors).
    /// A document may be in one `translation` line only (it is paired at
    /// most once): a second one is an error naming both lines.
    pub fn parse(text: &str, path: &Path) -> Result<Manifest> {
        let mut m = Manifest::default();
        let mut paired_on: BTreeMap<String, usize> = BTreeMap::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            let rel = match cols.first() {
                Some(&"translation") => Relation::Translation,
                Some(&"comparable") => Relation::Comparable,
                _ => {
                    return Err(Error::Parse {
                        path: path.to_path_buf(),
                        line: n + 1,
                        why: "expected `translation|comparable<TAB>SRC<TAB>TGT`".into(),
                    })
                }
            };
            let [_, src, tgt] = cols.as_slice() else {
                return Err(Error::Parse {
                    path: path.to_path_buf(),
                    line: n + 1,
                    why: "expected three tab-separated columns".into(),
                });
            };
            if rel == Relation::Translation {
                for id in [src, tgt] {
                    if let Some(first) = paired_on.insert(id.to_string(), n + 1) {
                        return Err(Error::Parse {
                            path: path.to_path_buf(),
                            line: n + 1,
                            why: format!(
                                "{id} is already paired as a translation on line {first}; \
                                 a document is paired at most once"
                            ),
                        });
                    }
                }
            }
            m.decisions.insert((src.to_string(), tgt.to_string()), rel);
        }
        Ok(m)
    }

    /// The (source, target) document ids the manifest decides.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.decisions.keys().map(|(s, t)| (s.as_str(), t.as_str()))
    }

    /// The forced decision for documents `src` and `tgt` (by id), if any.
    pub fn decision(&self, src: &str, tgt: &str) -> Option<Relation> {
        self.decisions
            .get(&(src.to_string(), tgt.to_string()))
            .copied()
    }
}

/// How well two documents explain each other: (confidence, detail). The
/// documents are aligned as wholes; the coverage is the lexical similarity
/// of each non-empty bead weighted by its units, over all units (0 for a
/// unit left unpaired). Translations measured on the corpus and on MAC-Dev
/// chapters score 0.5–0.7, same-subject documents 0.13–0.26; the
/// confidence is a logistic map centred on [`MIN_COVERAGE`].
fn translation_score(al: &Aligner, src: &SegmentedDoc, tgt: &SegmentedDoc) -> (f32, String) {
    let (ns, nt) = (src.sentences.len(), tgt.sentences.len());
    if ns == 0 || nt == 0 {
        return (0.0, "a document has no sentences".into());
    }
    let beads = al.align_explained(&src.sentences, &tgt.sentences);
    let coverage = relation::coverage(beads.iter().map(|(b, f)| (b, f.sim)), ns, nt);
    let nulls = beads
        .iter()
        .filter(|(b, _)| b.src.is_empty() || b.tgt.is_empty())
        .count();
    let chars = |d: &SegmentedDoc| d.sentences.iter().map(|s| s.char_len()).sum::<usize>();
    let ratio = chars(tgt) as f32 / chars(src).max(1) as f32;
    let score = relation::confidence(coverage);
    (
        score,
        format!(
            "lexical coverage {coverage:.2} over {ns} + {nt} sentences (translations score above \
             {MIN_COVERAGE}); {nulls} unpaired; length ratio {ratio:.2}"
        ),
    )
}

/// Decides which documents are translations (see the module doc).
pub fn pair_documents_with(
    docs: &[SegmentedDoc],
    al: &Aligner,
    manifest: Option<&Manifest>,
) -> Vec<DocPair> {
    use rayon::prelude::*;
    let features: Vec<DocFeatures> = docs
        .par_iter()
        .map(|d| DocFeatures::of(d, al.lexicon()))
        .collect();
    let ids: Vec<String> = docs.iter().map(|d| d.doc.id()).collect();
    pair_documents_by(&features, &ids, |i| Cow::Borrowed(&docs[i]), al, manifest)
}

/// Like [`pair_documents_with`] for a corpus that is not kept segmented
/// in memory: candidates come from each document's [`DocFeatures`] (and
/// `ids`, for the manifest), and `segmented(i)` gives document `i`
/// segmented when a candidate needs scoring (each Chinese document once,
/// each English one once per candidate it is in).
pub fn pair_documents_by<'a>(
    features: &[DocFeatures],
    ids: &[String],
    segmented: impl Fn(usize) -> Cow<'a, SegmentedDoc> + Sync,
    al: &Aligner,
    manifest: Option<&Manifest>,
) -> Vec<DocPair> {
    use rayon::prelude::*;
    let mut combos = candidates::candidates(features);
    if let Some(m) = manifest {
        // A pair the manifest names is always decided, candidate or not.
        let index: HashMap<&str, usize> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.as_str(), i))
            .collect();
        for (i, j) in m.pairs() {
            if let (Some(&i), Some(&j)) = (index.get(i), index.get(j)) {
                combos.push((i, j));
            }
        }
        combos.sort_unstable();
        combos.dedup();
    }
    // Candidates grouped by source document (they are sorted).
    let groups: Vec<&[(usize, usize)]> = combos.chunk_by(|a, b| a.0 == b.0).collect();
    let scored: Vec<(usize, usize, f32, String)> = groups
        .par_iter()
        .flat_map_iter(|group| {
            let src = segmented(group[0].0);
            group
                .iter()
                .map(|&(i, j)| {
                    let (s, why) = translation_score(al, &src, &segmented(j));
                    (i, j, s, why)
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let n = features.len();
    // Greedy one-to-one: best score first (ties by index).
    let mut order: Vec<usize> = (0..scored.len()).collect();
    order.sort_by(|&a, &b| scored[b].2.total_cmp(&scored[a].2).then(a.cmp(&b)));
    let mut taken_src = vec![false; n];
    let mut taken_tgt = vec![false; n];
    let mut relation = vec![Relation::Comparable; scored.len()];
    let mut reason: Vec<String> = scored.iter().map(|x| x.3.clone()).collect();
    for k in order {
        let (i, j, s, _) = &scored[k];
        let forced = manifest.and_then(|m| m.decision(&ids[*i], &ids[*j]));
        if let Some(r) = forced {
            relation[k] = r;
            reason[k] = format!("manifest says {}; {}", relation_word(r), reason[k]);
            if r == Relation::Translation {
                taken_src[*i] = true;
                taken_tgt[*j] = true;
            }
            continue;
        }
        if *s >= MIN_TRANSLATION_SCORE && !taken_src[*i] && !taken_tgt[*j] {
            relation[k] = Relation::Translation;
            taken_src[*i] = true;
            taken_tgt[*j] = true;
        } else if *s >= MIN_TRANSLATION_SCORE {
            reason[k] = format!("{}; but one of them is already paired", reason[k]);
        }
    }
    scored
        .into_iter()
        .enumerate()
        .map(|(k, (i, j, s, _))| DocPair {
            src: i,
            tgt: j,
            relation: relation[k],
            score: s,
            reason: std::mem::take(&mut reason[k]),
        })
        .collect()
}

fn relation_word(r: Relation) -> &'static str {
    match r {
        Relation::Translation => "translation",
        Relation::Comparable => "comparable",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_parses_and_reports_bad_lines() {
        let m = Manifest::parse(
            "# forced\ntranslation\ta.zh-Hans\ta.en\ncomparable\tb.zh-Hans\ta.en  # note\n",
            Path::new("m.tsv"),
        )
        .unwrap();
        assert_eq!(m.decision("a.zh-Hans", "a.en"), Some(Relation::Translation));
        assert_eq!(m.decision("b.zh-Hans", "a.en"), Some(Relation::Comparable));
        assert_eq!(m.decision("c", "a.en"), None);
        let e = Manifest::parse("maybe\ta\tb\n", Path::new("m.tsv")).unwrap_err();
        assert!(e.to_string().contains("m.tsv:1"));
    }

    #[test]
    fn manifest_pairs_a_document_at_most_once() {
        let text = "translation\ta.zh-Hans\ta.en\ncomparable\ta.zh-Hans\tb.en\n\
                    translation\ta.zh-Hans\tb.en\n";
        let e = Manifest::parse(text, Path::new("m.tsv"))
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("m.tsv:3: a.zh-Hans is already paired as a translation on line 1"),
            "{e}"
        );
    }
}
