//! The whole job behind `bitext build`: ingest every file of a corpus
//! folder, segment the documents, decide which documents are translations
//! of each other, align each pair at paragraph and sentence level, run the
//! checks, and write the outputs.
//!
//! Takes a [`BuildConfig`]; gives a [`Built`] (the [`Summary`] that was
//! also written as `summary.json`). Output folder, per aligned pair `<id>`:
//! `<id>.{sentence,paragraph}.{jsonl,tsv,tmx}` and `<id>.html`; plus
//! `index.html` and `summary.json`. Files, documents and pairs are processed
//! in parallel (rayon) with shared, read-only segmenter and aligner; output
//! order comes from sorted file names, so rebuilds are byte-identical.
//!
//! A file that cannot be read is reported (in the summary and on the
//! index page) and the others still process.

use crate::align::{
    pair_documents_by, records, AlignConfig, Aligner, DocAlignment, DocFeatures, DocPair, Manifest,
    Relation, Side,
};
use crate::check::CheckConfig;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::export::summary::{
    DocRef, DocSummary, FileSummary, LevelStats, PairSummary, Summary, Totals, UnpairedSummary,
};
use crate::export::{self, Format};
use crate::record::{BeadRecord, Level};
use crate::segment::{SegmentedDoc, Segmenter};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Settings of a build.
#[derive(Debug, Clone)]
pub struct BuildConfig {
    /// The folder holding the corpus files (every regular, non-hidden file
    /// directly inside it is read).
    pub corpus: PathBuf,
    /// The output folder (created if missing).
    pub out: PathBuf,
    /// Aligner settings.
    pub align: AlignConfig,
    /// Check settings.
    pub check: CheckConfig,
    /// Corpora with at most this many bytes of paragraph text keep every
    /// document's segmentation from the first pass, so no document is
    /// segmented twice (default [`KEEP_SEGMENTED_BYTES`]); larger ones
    /// segment again what pairing and alignment need.
    pub keep_segmented_bytes: usize,
}

impl Default for BuildConfig {
    /// `corpus/` into `alignments/`, default aligner and checks.
    fn default() -> Self {
        BuildConfig {
            corpus: PathBuf::from("corpus"),
            out: PathBuf::from("alignments"),
            align: AlignConfig::default(),
            check: CheckConfig {
                pair_evidence: Some(crate::terms::extract::word_pairs),
                ..CheckConfig::default()
            },
            keep_segmented_bytes: KEEP_SEGMENTED_BYTES,
        }
    }
}

/// A build stage, as reported to a [`Progress`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading and ingesting files.
    Read,
    /// Cutting documents into sentences.
    Segment,
    /// Aligning and checking document pairs.
    Align,
    /// Writing output files.
    Write,
}

impl Stage {
    /// A short verb for progress displays.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Read => "reading",
            Stage::Segment => "segmenting",
            Stage::Align => "aligning",
            Stage::Write => "writing",
        }
    }
}

/// Receives progress from a build (called from worker threads).
pub trait Progress: Sync {
    /// A stage starts with `total` items.
    fn stage(&self, stage: Stage, total: usize);
    /// One item of the current stage is done.
    fn advance(&self);
    /// `n` more sentences were aligned (for a rate display).
    fn sentences(&self, _n: usize) {}
}

/// A [`Progress`] that shows nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {
    fn stage(&self, _: Stage, _: usize) {}
    fn advance(&self) {}
}

/// One aligned document pair, once its files are written: the id and the
/// statistics of its checked beads at both levels (the beads themselves
/// are not kept, so a build's memory does not grow with the corpus).
#[derive(Debug, Clone)]
pub struct AlignedPair {
    /// Pair id (stem of the output files).
    pub id: String,
    /// Statistics of the sentence-level beads.
    pub sentence: LevelStats,
    /// Statistics of the paragraph-level beads.
    pub paragraph: LevelStats,
    /// Review decisions that could not be applied (see [`crate::review`]).
    pub stale: Vec<crate::record::Stale>,
    /// Its strongest terms, with the sentence beads of each rendering.
    pub terms: crate::terms::sheet::TermSheet,
}

/// The review decisions of pair `id` from `corpus/reviews/`, with the
/// lines or files that could not be read as stale entries.
struct Reviews {
    decisions: Vec<crate::review::Decision>,
    stale: Vec<crate::record::Stale>,
}

fn load_reviews(corpus: &Path, id: &str) -> Reviews {
    let unreadable = |why: String| crate::record::Stale {
        decision: "(unreadable)".into(),
        why,
    };
    match crate::review::store::load(corpus, id) {
        Ok(l) => Reviews {
            decisions: l.decisions,
            stale: l.problems.into_iter().map(unreadable).collect(),
        },
        Err(e) => Reviews {
            decisions: Vec::new(),
            stale: vec![unreadable(e.to_string())],
        },
    }
}

/// What a build made.
#[derive(Debug, Clone)]
pub struct Built {
    /// The summary (also written as `summary.json`).
    pub summary: Summary,
    /// The aligned pairs, in the summary's order.
    pub pairs: Vec<AlignedPair>,
}

/// Runs the whole build and writes the output folder.
pub fn build(cfg: &BuildConfig, progress: &dyn Progress) -> Result<Built> {
    crate::outdir::check_folders(&cfg.corpus, &cfg.out)?;
    let files = corpus_files(&cfg.corpus)?;
    let manifest_path = cfg.corpus.join(MANIFEST);
    let manifest = if manifest_path.is_file() {
        Some(Manifest::read(&manifest_path)?)
    } else {
        None
    };

    // Read the files while the dictionaries load.
    progress.stage(Stage::Read, files.len());
    let (read, (seg, aligner)) = rayon::join(
        || {
            files
                .par_iter()
                .map(|f| {
                    let r = crate::ingest::read_file(f);
                    progress.advance();
                    r
                })
                .collect::<Vec<Result<crate::ingest::Ingested>>>()
        },
        || rayon::join(Segmenter::new, || Aligner::new(cfg.align.clone())),
    );
    let aligner = aligner?;
    let mut docs: Vec<Document> = Vec::new();
    let mut doc_file: Vec<usize> = Vec::new();
    let mut reads: Vec<FileRead> = Vec::new();
    for (i, r) in read.into_iter().enumerate() {
        match r {
            Ok(ing) => {
                doc_file.extend(std::iter::repeat_n(i, ing.documents.len()));
                docs.extend(ing.documents);
                reads.push(FileRead::Ok {
                    encoding: ing.encoding,
                    format: ing.format,
                    warnings: ing.warnings,
                });
            }
            Err(e) => reads.push(FileRead::Failed(e.to_string())),
        }
    }

    // Segment every document for what pairing needs: its features and
    // sentence count. A small corpus keeps the segmentation, so each
    // document is analysed once; a large one does not (memory holds the
    // documents' text, not their tokens, so it grows slowly with the
    // corpus), and pairing and alignment segment again the documents they
    // work on.
    progress.stage(Stage::Segment, docs.len());
    let keep = text_bytes(&docs) <= cfg.keep_segmented_bytes;
    let analysed: Vec<(DocFeatures, usize, Option<SegmentedDoc>)> = docs
        .par_iter()
        .map(|d| {
            let s = seg.segment(d);
            progress.advance();
            let features = DocFeatures::of(&s, aligner.lexicon());
            (features, s.sentences.len(), keep.then_some(s))
        })
        .collect();
    let mut features = Vec::with_capacity(docs.len());
    let mut sentences = Vec::with_capacity(docs.len());
    let mut kept: Vec<Option<SegmentedDoc>> = Vec::with_capacity(docs.len());
    for (f, n, s) in analysed {
        features.push(f);
        sentences.push(n);
        kept.push(s);
    }
    let segmented = |i: usize| match &kept[i] {
        Some(s) => Cow::Borrowed(s),
        None => Cow::Owned(seg.segment(&docs[i])),
    };

    // Pair, then align and check each translation pair.
    let doc_ids: Vec<String> = docs.iter().map(Document::id).collect();
    let warnings: Vec<String> = manifest
        .iter()
        .flat_map(|m| m.unknown_ids(&doc_ids))
        .map(|(line, id)| {
            format!(
                "{}: line {line}: no document has the id `{id}`; the line decides nothing",
                manifest_path.display()
            )
        })
        .collect();
    let mut decisions =
        pair_documents_by(&features, &doc_ids, segmented, &aligner, manifest.as_ref());
    drop(features);
    decisions.retain(|p| p.src < docs.len() && p.tgt < docs.len());
    decisions.sort_by_key(|p| (p.src, p.tgt));
    let (translations, others): (Vec<DocPair>, Vec<DocPair>) = decisions
        .into_iter()
        .partition(|p| p.relation == Relation::Translation);
    let ids = pair_ids(&translations, &docs);
    std::fs::create_dir_all(&cfg.out).map_err(|e| io_err(&cfg.out, e))?;
    let mut written: BTreeSet<String> = ids.iter().flat_map(|id| pair_files(id)).collect();
    written.insert("index.html".into());
    written.insert(export::TERMS_PAGE.into());
    written.insert("summary.json".into());
    crate::outdir::check_overwrites(&cfg.out, written.iter().map(String::as_str))?;
    // Each pair's files are written as soon as it is aligned; only its
    // statistics stay in memory. A kept segmentation moves to the first
    // pair that uses the document (a document the manifest puts in a
    // second pair is segmented again there); the rest is dropped.
    let mut kept = kept;
    let work: Vec<(&DocPair, &String, [Option<SegmentedDoc>; 2])> = translations
        .iter()
        .zip(&ids)
        .map(|(p, id)| (p, id, [kept[p.src].take(), kept[p.tgt].take()]))
        .collect();
    drop(kept);
    progress.stage(Stage::Align, translations.len());
    let pairs: Vec<AlignedPair> = work
        .into_par_iter()
        .map(|(p, id, [src, tgt])| {
            let src = src.unwrap_or_else(|| seg.segment(&docs[p.src]));
            let tgt = tgt.unwrap_or_else(|| seg.segment(&docs[p.tgt]));
            let reviews = load_reviews(&cfg.corpus, id);
            let mut stale = reviews.stale;
            let (sentence, paragraph) = aligner.align_both(&src, &tgt);
            let mut checked = |mut a: DocAlignment| {
                let (verdicts, st) =
                    crate::review::apply_to_alignment(&aligner, &mut a, &reviews.decisions);
                stale.extend(st);
                let mut recs = records(
                    id,
                    a.level,
                    Side {
                        doc: &src.doc,
                        units: &a.src_units,
                    },
                    Side {
                        doc: &tgt.doc,
                        units: &a.tgt_units,
                    },
                    &a.beads,
                );
                // The checks read the units' analysis; nothing is tokenized again.
                let sides = crate::segment::side::sides_of(&recs, &a.src_units, &a.tgt_units);
                crate::check::check_analysed(
                    &mut recs,
                    &sides,
                    &cfg.check,
                    Some(aligner.lexicon()),
                );
                crate::review::set_reviews(&mut recs, verdicts);
                (recs, sides)
            };
            let ((sentence, sentence_sides), (paragraph, _)) =
                (checked(sentence), checked(paragraph));
            write_pair(&cfg.out, id, &sentence, &paragraph, &stale)?;
            progress.sentences(src.sentences.len() + tgt.sentences.len());
            progress.advance();
            let terms = crate::terms::sheet::sheet(
                id,
                &sentence,
                &sentence_sides,
                &seg,
                Some(aligner.lexicon()),
                crate::terms::sheet::TOP,
            );
            Ok(AlignedPair {
                id: id.clone(),
                sentence: LevelStats::of(&sentence),
                paragraph: LevelStats::of(&paragraph),
                stale,
                terms,
            })
        })
        .collect::<Result<Vec<AlignedPair>>>()?;

    let mut summary = summarize(
        &files,
        &reads,
        (&docs, &sentences),
        &doc_file,
        &translations,
        &pairs,
        &others,
    );

    // Write the index and the summary.
    progress.stage(Stage::Write, 3);
    summary.files = written.iter().cloned().collect();
    summary.warnings = warnings;
    write_file(&cfg.out.join("index.html"), |w| {
        export::index::write(w, &summary)
    })?;
    progress.advance();
    write_file(&cfg.out.join("summary.json"), |w| {
        export::summary::write(w, &summary)
    })?;
    progress.advance();
    let sheets: Vec<_> = pairs.iter().map(|p| &p.terms).collect();
    write_file(&cfg.out.join(export::TERMS_PAGE), |w| {
        export::terms_html::write(w, &sheets)
    })?;
    progress.advance();
    crate::outdir::remove_stale(&cfg.out, &written)?;
    Ok(Built { summary, pairs })
}

/// Default of [`BuildConfig::keep_segmented_bytes`]: 8 MiB of text. A
/// token takes about 72 bytes for some 6 bytes of text, so the kept
/// analysis stays near 100 MB at most; a larger corpus segments again
/// what pairing and alignment need, and memory follows the documents
/// being worked on, not the corpus.
pub const KEEP_SEGMENTED_BYTES: usize = 8 << 20;

/// Bytes of paragraph text of `docs`.
fn text_bytes(docs: &[Document]) -> usize {
    docs.iter()
        .flat_map(|d| &d.paragraphs)
        .map(|p| p.text.len())
        .sum()
}

/// Name of the optional pairing manifest inside a corpus folder (see
/// [`Manifest`]); it is read as the manifest, not as a document.
pub const MANIFEST: &str = "manifest.tsv";

/// The entries of a corpus folder, sorted by name: everything directly
/// inside it but hidden files (`.name`), the [`MANIFEST`] and the
/// `reviews/` folder of `bitext review`. Other folders,
/// FIFOs, dangling symlinks… are listed too, so that reading refuses them
/// by name and the build reports each instead of skipping it silently.
pub fn corpus_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| io_err(dir, e))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| io_err(dir, e))?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') || name == MANIFEST {
            continue;
        }
        // The reviewers' decisions (`bitext review`), not a document.
        if name == crate::review::store::REVIEWS && entry.path().is_dir() {
            continue;
        }
        files.push(dir.join(&name));
    }
    files.sort();
    if files.is_empty() {
        return Err(Error::Invalid(format!(
            "{}: no files to read in the corpus folder",
            dir.display()
        )));
    }
    Ok(files)
}

/// The output files of pair `id`, in a fixed order: file name, level of
/// the records it renders, format. The review page shows the sentence
/// level.
pub fn pair_outputs(id: &str) -> Vec<(String, Level, Format)> {
    let mut v = Vec::new();
    for level in [Level::Sentence, Level::Paragraph] {
        for f in [Format::Jsonl, Format::Tsv, Format::Tmx] {
            v.push((format!("{id}.{level}.{}", f.extension()), level, f));
        }
    }
    v.push((format!("{id}.html"), Level::Sentence, Format::Html));
    v
}

/// The output file names of pair `id` (see [`pair_outputs`]).
pub fn pair_files(id: &str) -> Vec<String> {
    pair_outputs(id)
        .into_iter()
        .map(|(name, _, _)| name)
        .collect()
}

fn write_pair(
    out: &Path,
    id: &str,
    sentence: &[BeadRecord],
    paragraph: &[BeadRecord],
    stale: &[crate::record::Stale],
) -> Result<()> {
    for (name, level, format) in pair_outputs(id) {
        let records = match level {
            Level::Sentence => sentence,
            Level::Paragraph => paragraph,
        };
        if format == Format::Html {
            write_file(&out.join(name), |w| {
                export::html::write_reviewed(w, records, stale)
            })?;
            continue;
        }
        write_file(&out.join(name), |w| format.write(w, records))?;
    }
    Ok(())
}

/// Renders into memory, then writes the file in one go.
fn write_file(path: &Path, render: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> Result<()> {
    let mut buf = Vec::new();
    render(&mut buf).map_err(|e| io_err(path, e))?;
    std::fs::write(path, buf).map_err(|e| io_err(path, e))
}

fn io_err(path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Pair ids: the file stem when both documents come from one file (the
/// usual bilingual report), `<src stem>__<tgt stem>` otherwise. When two
/// pairs would share an id (`dup.txt` and `dup.md`; names that differ only
/// in case or in bytes that are not UTF-8) or an id would overwrite
/// `index.html` or `terms.html`, the full file names are used instead, and a `~2`, `~3`…
/// suffix if that is still not unique: every pair gets its own outputs.
fn pair_ids(pairs: &[DocPair], docs: &[Document]) -> Vec<String> {
    let name = |d: &Document, full: bool| {
        let p = Path::new(&d.source);
        let part = if full { p.file_name() } else { p.file_stem() };
        part.map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| d.id())
    };
    let id_of = |p: &DocPair, full: bool| {
        let (s, t) = (&docs[p.src], &docs[p.tgt]);
        if s.source == t.source {
            name(s, full)
        } else {
            format!("{}__{}", name(s, full), name(t, full))
        }
    };
    // Ids are compared case-insensitively: outputs may land on a
    // case-insensitive file system.
    let key = |id: &str| id.to_lowercase();
    let short: Vec<String> = pairs.iter().map(|p| key(&id_of(p, false))).collect();
    let mut uses: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for id in &short {
        *uses.entry(id.as_str()).or_default() += 1;
    }
    let mut taken: BTreeSet<String> = ["index".to_string(), "terms".to_string()].into();
    let mut ids = Vec::with_capacity(pairs.len());
    for (i, p) in pairs.iter().enumerate() {
        let shared = uses[short[i].as_str()] > 1;
        let base = id_of(p, shared || taken.contains(&short[i]));
        let mut id = base.clone();
        for n in 2.. {
            if !taken.contains(&key(&id)) {
                break;
            }
            id = format!("{base}~{n}");
        }
        taken.insert(key(&id));
        ids.push(id);
    }
    ids
}

fn doc_ref(d: &Document) -> DocRef {
    DocRef {
        id: d.id(),
        file: d.source.clone(),
        lang: d.lang,
    }
}

/// How reading one corpus file went.
enum FileRead {
    Ok {
        encoding: String,
        format: crate::document::Format,
        warnings: Vec<String>,
    },
    Failed(String),
}

fn summarize(
    files: &[PathBuf],
    reads: &[FileRead],
    (docs, sentences): (&[Document], &[usize]),
    doc_file: &[usize],
    translations: &[DocPair],
    pairs: &[AlignedPair],
    others: &[DocPair],
) -> Summary {
    let inputs: Vec<FileSummary> = files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let mine: Vec<(&Document, usize)> = docs
                .iter()
                .zip(sentences)
                .zip(doc_file)
                .filter(|(_, &fi)| fi == i)
                .map(|((d, &n), _)| (d, n))
                .collect();
            let (encoding, format, error, warnings) = match reads.get(i) {
                Some(FileRead::Ok {
                    encoding,
                    format,
                    warnings,
                }) => (encoding.clone(), Some(*format), None, warnings.clone()),
                Some(FileRead::Failed(e)) => (String::new(), None, Some(e.clone()), Vec::new()),
                None => (String::new(), None, None, Vec::new()),
            };
            FileSummary {
                file: f.to_string_lossy().into_owned(),
                encoding,
                format,
                documents: mine
                    .iter()
                    .map(|(d, n)| DocSummary {
                        id: d.id(),
                        lang: d.lang,
                        paragraphs: d.paragraphs.len(),
                        sentences: *n,
                        dropped: d.dropped.clone(),
                    })
                    .collect(),
                error,
                warnings,
            }
        })
        .collect();
    let pair_summaries: Vec<PairSummary> = translations
        .iter()
        .zip(pairs)
        .map(|(t, p)| PairSummary {
            id: p.id.clone(),
            src: doc_ref(&docs[t.src]),
            tgt: doc_ref(&docs[t.tgt]),
            score: t.score,
            reason: t.reason.clone(),
            sentence: p.sentence.clone(),
            paragraph: p.paragraph.clone(),
            files: pair_files(&p.id),
            stale: p.stale.clone(),
        })
        .collect();
    let paired: BTreeSet<usize> = translations.iter().flat_map(|t| [t.src, t.tgt]).collect();
    let unpaired_documents: Vec<String> = (0..docs.len())
        .filter(|i| !paired.contains(i))
        .map(|i| docs[i].id())
        .collect();
    let totals = Totals {
        files: files.len(),
        failed_files: reads
            .iter()
            .filter(|r| matches!(r, FileRead::Failed(_)))
            .count(),
        documents: docs.len(),
        unpaired_documents: unpaired_documents.len(),
        pairs: pairs.len(),
        sentence_beads: pairs.iter().map(|p| p.sentence.beads).sum(),
        flagged_sentence_beads: pair_summaries.iter().map(|p| p.sentence.flagged).sum(),
        paragraph_beads: pairs.iter().map(|p| p.paragraph.beads).sum(),
        flagged_paragraph_beads: pair_summaries.iter().map(|p| p.paragraph.flagged).sum(),
        reviewed_sentence_beads: pairs
            .iter()
            .flat_map(|p| &p.sentence.reviewed)
            .filter(|(status, _)| matches!(status.as_str(), "confirmed" | "corrected"))
            .map(|(_, n)| n)
            .sum(),
        stale_decisions: pairs.iter().map(|p| p.stale.len()).sum(),
    };
    Summary {
        tool: "bitext".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        totals,
        pairs: pair_summaries,
        unpaired: others
            .iter()
            .map(|o| UnpairedSummary {
                src: doc_ref(&docs[o.src]),
                tgt: doc_ref(&docs[o.tgt]),
                relation: o.relation,
                score: o.score,
                reason: o.reason.clone(),
            })
            .collect(),
        unpaired_documents,
        inputs,
        warnings: Vec::new(),
        files: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pair_files_cover_every_format_and_level() {
        let f = pair_files("x");
        assert_eq!(f.len(), 7);
        assert!(f.contains(&"x.sentence.tmx".to_string()));
        assert!(f.contains(&"x.paragraph.tsv".to_string()));
        assert!(f.contains(&"x.html".to_string()));
    }

    /// A translation pair of documents `src` and `tgt`.
    fn pair(src: usize, tgt: usize) -> DocPair {
        DocPair {
            src,
            tgt,
            relation: Relation::Translation,
            score: 1.0,
            reason: String::new(),
        }
    }

    #[test]
    fn pair_ids_never_collide() {
        let doc = |source: &str, lang, text: &str| {
            let mut d = crate::ingest::read_bytes(source, text.as_bytes())
                .unwrap()
                .documents
                .remove(0);
            d.lang = lang;
            d
        };
        use crate::document::Lang::{En, ZhHans};
        let docs = vec![
            doc("c/dup.txt", ZhHans, "中文。"),
            doc("c/dup.txt", En, "English."),
            doc("c/dup.md", ZhHans, "中文。"),
            doc("c/dup.md", En, "English."),
            doc("c/index.txt", ZhHans, "中文。"),
            doc("c/index.txt", En, "English."),
            doc("c/Dup.txt", ZhHans, "中文。"),
            doc("c/Dup.txt", En, "English."),
            doc("c/a\u{FFFD}.txt", ZhHans, "中文。"),
            doc("c/a\u{FFFD}.txt", En, "English."),
            doc("c/a\u{FFFD}.txt", ZhHans, "中文。"),
            doc("c/a\u{FFFD}.txt", En, "English."),
        ];
        let pairs: Vec<DocPair> = (0..6).map(|i| pair(2 * i, 2 * i + 1)).collect();
        let ids = pair_ids(&pairs, &docs);
        assert_eq!(
            ids,
            [
                "dup.txt",
                "dup.md",
                "index.txt",
                "Dup.txt~2",
                "a\u{FFFD}.txt",
                "a\u{FFFD}.txt~2"
            ]
        );
    }

    #[test]
    fn keeping_the_segmentation_changes_no_output() {
        let corpus = tempfile::tempdir().unwrap();
        std::fs::write(
            corpus.path().join("a.txt"),
            "亚信会议于1992年10月5日提出。会议讨论了信任措施。\n\n\
             CICA was proposed on 5 October 1992. The meeting discussed confidence measures.\n",
        )
        .unwrap();
        let out = tempfile::tempdir().unwrap();
        let run = |keep: usize, dir: &str| {
            let cfg = BuildConfig {
                corpus: corpus.path().to_path_buf(),
                out: out.path().join(dir),
                keep_segmented_bytes: keep,
                ..BuildConfig::default()
            };
            build(&cfg, &Silent).unwrap();
            let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&cfg.out)
                .unwrap()
                .map(|e| {
                    let e = e.unwrap();
                    let name = e.file_name().to_string_lossy().into_owned();
                    (name, std::fs::read(e.path()).unwrap())
                })
                .collect();
            files.sort();
            files
        };
        let kept = run(KEEP_SEGMENTED_BYTES, "kept");
        assert!(
            kept.iter().any(|(n, _)| n == "a.sentence.jsonl"),
            "{kept:?}"
        );
        assert_eq!(run(0, "again"), kept);
    }

    #[test]
    fn missing_or_empty_corpus_is_an_error_naming_it() {
        let err = corpus_files(Path::new("/nonexistent/corpus")).unwrap_err();
        assert!(err
            .to_string()
            .starts_with("/nonexistent/corpus: cannot read"));
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".hidden"), "x").unwrap();
        let err = corpus_files(dir.path()).unwrap_err();
        assert!(err.to_string().contains("no files"), "{err}");
    }
}
