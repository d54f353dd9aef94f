//! One document pair given as files, for the commands that take files
//! rather than a corpus folder (`bitext align`, `check`, `terms`,
//! `concord`): which document is the source and which its translation,
//! aligning them into records, and reading records back from JSONL.
//!
//! [`crate::pipeline`] does the same over a whole corpus folder, where
//! documents are paired by content instead of by the order of the files.

use crate::align::{presplit, records, Aligner, Bead, Relatedness, Side};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::record::{BeadRecord, Level};
use crate::segment::side::{analyse, sides_of};
use crate::segment::{BeadSides, Segmenter, Sentence};
use std::path::{Path, PathBuf};

/// An aligned document pair with everything its records need.
#[derive(Debug, Clone)]
pub struct AlignedPair {
    /// Pair identifier (the first file's name without its extension).
    pub pair: String,
    /// Unit level.
    pub level: Level,
    /// The source document.
    pub src: Document,
    /// The target document.
    pub tgt: Document,
    /// Source units, indexed by the beads.
    pub src_units: Vec<Sentence>,
    /// Target units.
    pub tgt_units: Vec<Sentence>,
    /// The alignment.
    pub beads: Vec<Bead>,
    /// Whether the two texts look like translations of each other.
    pub relatedness: Relatedness,
}

impl AlignedPair {
    /// What people should know about this pair: the texts do not look like
    /// translations of each other.
    pub fn warnings(&self) -> Vec<String> {
        self.relatedness
            .warning()
            .map(|w| format!("{} and {}: {w}", self.src.source, self.tgt.source))
            .into_iter()
            .collect()
    }

    /// The beads as self-contained records (no flags yet).
    pub fn records(&self) -> Vec<BeadRecord> {
        records(
            &self.pair,
            self.level,
            Side {
                doc: &self.src,
                units: &self.src_units,
            },
            Side {
                doc: &self.tgt,
                units: &self.tgt_units,
            },
            &self.beads,
        )
    }

    /// True when both documents are Chinese, or both are not: the aligner
    /// then has only length and shared tokens to go on.
    pub fn same_language(&self) -> bool {
        self.src.lang.is_chinese() == self.tgt.lang.is_chinese()
    }
}

/// The source document and its translation among the documents ingested
/// from `files`, in order: from one file, its Chinese document and its
/// first document in another language (Chinese is the source); from two
/// files, the first document of each (the first file is the source).
pub fn source_and_translation(files: &[PathBuf]) -> Result<(Document, Document)> {
    let mut docs = Vec::new();
    for f in files {
        let ing = crate::ingest::read_file(f)?;
        if ing.documents.is_empty() {
            return Err(Error::Invalid(format!(
                "{}: no documents found",
                f.display()
            )));
        }
        docs.push(ing.documents);
    }
    match docs.as_mut_slice() {
        [one] => {
            let zh = one.iter().position(|d| d.lang.is_chinese());
            let other = one.iter().position(|d| !d.lang.is_chinese());
            match (zh, other) {
                (Some(z), Some(o)) => Ok((one[z].clone(), one[o].clone())),
                _ => Err(Error::Invalid(format!(
                    "{}: holds only one language; give the translation as a second file",
                    files[0].display()
                ))),
            }
        }
        [a, b] => Ok((a.swap_remove(0), b.swap_remove(0))),
        _ => Err(Error::Invalid("give one or two files".into())),
    }
}

/// Ingests, segments and aligns a source and its translation given as one
/// or two report files (see [`source_and_translation`]).
pub fn align_files(
    files: &[PathBuf],
    level: Level,
    aligner: &Aligner,
    seg: &Segmenter,
) -> Result<AlignedPair> {
    let (src, tgt) = source_and_translation(files)?;
    let mut a = align_documents(src, tgt, level, aligner, seg);
    a.pair = pair_name(&files[0]);
    Ok(a)
}

/// Segments and aligns a source document and its translation (pair
/// identifier left empty).
pub fn align_documents(
    src: Document,
    tgt: Document,
    level: Level,
    aligner: &Aligner,
    seg: &Segmenter,
) -> AlignedPair {
    let (s, t) = (seg.segment(&src), seg.segment(&tgt));
    let al = aligner.align_docs(&s, &t, level);
    AlignedPair {
        pair: String::new(),
        level: al.level,
        src,
        tgt,
        src_units: al.src_units,
        tgt_units: al.tgt_units,
        beads: al.beads,
        relatedness: al.relatedness,
    }
}

/// Aligns two presplit files (one sentence per line; see
/// [`presplit`]).
pub fn align_presplit(
    src: &Path,
    tgt: &Path,
    aligner: &Aligner,
    seg: &Segmenter,
) -> Result<AlignedPair> {
    Ok(PresplitPair::read(src, tgt, seg)?.align(aligner))
}

/// Two presplit files read and segmented, not aligned yet (so reading
/// needs no aligner: its lexicon may still be loading).
#[derive(Debug)]
pub struct PresplitPair {
    name: String,
    src: presplit::Presplit,
    tgt: presplit::Presplit,
}

impl PresplitPair {
    /// Reads and segments a source and its translation.
    pub fn read(src: &Path, tgt: &Path, seg: &Segmenter) -> Result<PresplitPair> {
        // Both files at once (a long one takes seconds to segment).
        let (s, t) = rayon::join(|| presplit::read(src, seg), || presplit::read(tgt, seg));
        Ok(PresplitPair {
            name: pair_name(src),
            src: s?,
            tgt: t?,
        })
    }

    /// Aligns the two, sentence by sentence.
    pub fn align(self, aligner: &Aligner) -> AlignedPair {
        let mut a = align_sentences(self.src, self.tgt, aligner);
        a.pair = self.name;
        a
    }
}

/// Aligns two presplit documents, sentence by sentence (pair identifier
/// left empty).
pub fn align_sentences(
    src: presplit::Presplit,
    tgt: presplit::Presplit,
    aligner: &Aligner,
) -> AlignedPair {
    let (beads, relatedness) = aligner.align_judged(&src.units, &tgt.units);
    AlignedPair {
        pair: String::new(),
        level: Level::Sentence,
        src: src.doc,
        tgt: tgt.doc,
        src_units: src.units,
        tgt_units: tgt.units,
        beads,
        relatedness,
    }
}

/// A file's name without its extension.
fn pair_name(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// True when `path` holds bead records (JSONL): by name, or by a first
/// non-blank line that is a JSON object.
pub fn is_jsonl(path: &Path) -> bool {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"))
    {
        return true;
    }
    let Ok(bytes) = std::fs::read(path) else {
        return false;
    };
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    head.trim_start().starts_with('{')
}

/// What [`load_records`] read.
#[derive(Debug)]
pub struct Loaded {
    /// The bead records, pair by pair.
    pub records: Vec<BeadRecord>,
    /// The analysed sides of each record (`sides[k]` of `records[k]`):
    /// from the aligned units, or, for records read from JSONL, analysed
    /// once on reading.
    pub sides: Vec<BeadSides>,
    /// Files that could not be read (the others were).
    pub failures: Vec<Error>,
    /// What people should know about the records read (texts aligned here
    /// that do not look like translations of each other).
    pub warnings: Vec<String>,
    /// The aligner, when the files were aligned here (its lexicon can be
    /// shared).
    pub aligner: Option<Aligner>,
}

/// Reads bead records from `files`: every JSONL file as written (a file
/// that fails is kept in [`Loaded::failures`] and the others are still
/// read), or, when the files are not JSONL, one source and its translation
/// ingested, segmented and aligned at sentence level with the lexicon
/// `lexicon` (see [`crate::align::Lexicon::find`]).
pub fn load_records(files: &[PathBuf], seg: &Segmenter, lexicon: Option<&Path>) -> Result<Loaded> {
    if files.iter().all(|f| is_jsonl(f)) {
        let mut records = Vec::new();
        let mut failures = Vec::new();
        for f in files {
            match crate::export::jsonl::read_file(f) {
                Ok(rs) if rs.is_empty() => failures.push(Error::Empty { path: f.clone() }),
                Ok(rs) => records.extend(rs),
                Err(e) => failures.push(e),
            }
        }
        return Ok(Loaded {
            sides: analyse(&records, seg),
            records,
            failures,
            warnings: Vec::new(),
            aligner: None,
        });
    }
    if files.len() > 2 {
        return Err(Error::Invalid(
            "give JSONL files, or one source file and at most one translation".into(),
        ));
    }
    let aligner = Aligner::new(crate::align::AlignConfig {
        lexicon: lexicon.map(Path::to_path_buf),
        ..Default::default()
    })?;
    let aligned = align_files(files, Level::Sentence, &aligner, seg)?;
    let warnings = aligned.warnings();
    let records = aligned.records();
    Ok(Loaded {
        sides: sides_of(&records, &aligned.src_units, &aligned.tgt_units),
        records,
        failures: Vec::new(),
        warnings,
        aligner: Some(aligner),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_is_known_by_name_or_first_line() {
        let dir = tempfile::tempdir().unwrap();
        let named = dir.path().join("a.jsonl");
        std::fs::write(&named, "").unwrap();
        let object = dir.path().join("b.txt");
        std::fs::write(&object, "\n  {\"pair\":\"p\"}\n").unwrap();
        let text = dir.path().join("c.txt");
        std::fs::write(&text, "会议。\n").unwrap();
        assert!(is_jsonl(&named) && is_jsonl(&object) && !is_jsonl(&text));
    }

    #[test]
    fn one_file_needs_both_languages() {
        let dir = tempfile::tempdir().unwrap();
        let zh = dir.path().join("zh.txt");
        std::fs::write(&zh, "亚信会议创立于一九九二年。\n").unwrap();
        let err = source_and_translation(std::slice::from_ref(&zh)).unwrap_err();
        assert!(err.to_string().contains("holds only one language"), "{err}");
        let en = dir.path().join("en.txt");
        std::fs::write(&en, "CICA was founded in 1992.\n").unwrap();
        let (s, t) = source_and_translation(&[zh, en]).unwrap();
        assert!(s.lang.is_chinese() && !t.lang.is_chinese());
    }

    #[test]
    fn empty_and_bad_jsonl_files_are_failures_not_fatal() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty.jsonl");
        std::fs::write(&empty, "\n").unwrap();
        let bad = dir.path().join("bad.jsonl");
        std::fs::write(&bad, "{not json}\n").unwrap();
        let seg = Segmenter::new();
        let loaded = load_records(&[empty, bad], &seg, None).unwrap();
        assert!(loaded.records.is_empty());
        assert_eq!(loaded.failures.len(), 2);
        assert!(matches!(loaded.failures[0], Error::Empty { .. }));
    }
}
