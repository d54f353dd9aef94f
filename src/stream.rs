//! Streaming mode (`bitext stream`): document pairs in, bead records out,
//! both as JSON Lines — the one shape Spark's `RDD.pipe`, Hadoop Streaming
//! and a Slurm array task need.
//!
//! Takes a reader of [`PairInput`] lines and the loaded [`Aligner`] and
//! [`Segmenter`] (loaded once for the whole stream); writes, in input
//! order, every pair's checked [`BeadRecord`]s (their `pair` field is the
//! input's `id`), or one [`ErrorRecord`] for a pair that failed, and goes
//! on. Pairs are aligned in parallel a window at a time ([`WINDOW`] pairs
//! per thread), so memory is bounded by the window's largest pairs, never
//! by the length of the stream.
//!
//! Input, one JSON object per line, with an `id` and one of:
//! - `"src"`, `"tgt"`: the two texts (plain text, Markdown or HTML);
//! - `"src_path"`, `"tgt_path"`: two files (the first document of each);
//!   or `"path"`: one file holding both languages;
//! - `"src_sentences"`, `"tgt_sentences"`: presplit lists of sentences,
//!   aligned as given.
//!
//! Blank lines are skipped.

use crate::align::{presplit, Aligner};
use crate::check::CheckConfig;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::pair;
use crate::record::{BeadRecord, Level};
use crate::segment::Segmenter;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::io::{BufRead, Write};
use std::path::PathBuf;

/// Pairs aligned together per worker thread: enough to keep every thread
/// busy while one pair is long, few enough to bound memory.
pub const WINDOW: usize = 4;

/// One input line: a document pair to align.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PairInput {
    /// The pair's id, copied into every output record.
    pub id: String,
    /// Source (Chinese) text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub src: Option<String>,
    /// Target (English) text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tgt: Option<String>,
    /// Source file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub src_path: Option<PathBuf>,
    /// Target file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tgt_path: Option<PathBuf>,
    /// One file holding both languages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<PathBuf>,
    /// Source sentences, one unit each.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub src_sentences: Option<Vec<String>>,
    /// Target sentences, one unit each.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tgt_sentences: Option<Vec<String>>,
}

/// The output line for a pair that could not be aligned. It carries no
/// input line number (unless the line could not be read as a pair at
/// all), so the output of a stream cut into shards, concatenated, is the
/// output of the whole stream.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorRecord {
    /// The pair's id (empty when the line could not be read as a pair).
    pub pair: String,
    /// What went wrong.
    pub error: String,
}

/// Settings of a stream.
#[derive(Debug, Clone)]
pub struct StreamConfig {
    /// Unit level of the documents given as texts or files (presplit
    /// sentences are always sentence level).
    pub level: Level,
    /// Checks run on every pair's beads.
    pub check: CheckConfig,
}

impl Default for StreamConfig {
    /// Sentence level, and the checks of `bitext build` (so a report
    /// streamed gives the records a build writes for it).
    fn default() -> Self {
        StreamConfig {
            level: Level::Sentence,
            check: crate::pipeline::BuildConfig::default().check,
        }
    }
}

/// What a stream did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StreamStats {
    /// Pairs aligned.
    pub pairs: usize,
    /// Pairs that gave an error record.
    pub failed: usize,
    /// Bead records written.
    pub beads: usize,
    /// Units (sentences or paragraphs) of both sides of the aligned pairs.
    pub units: usize,
}

/// Aligns every pair of `input` and writes the records to `out` (see the
/// module doc). Fails only when reading the input or writing the output
/// fails; a bad pair gives an [`ErrorRecord`] and the stream goes on.
pub fn run(
    input: impl BufRead,
    mut out: impl Write,
    aligner: &Aligner,
    seg: &Segmenter,
    cfg: &StreamConfig,
) -> std::io::Result<StreamStats> {
    let window = WINDOW * rayon::current_num_threads();
    let mut stats = StreamStats::default();
    let mut lines = input.lines().enumerate();
    loop {
        let mut batch = Vec::with_capacity(window);
        for (n, line) in lines.by_ref() {
            let line = line?;
            if !line.trim().is_empty() {
                batch.push((n + 1, line));
            }
            if batch.len() == window {
                break;
            }
        }
        if batch.is_empty() {
            break;
        }
        let done: Vec<std::result::Result<(Vec<BeadRecord>, usize), ErrorRecord>> = batch
            .par_iter()
            .map(|(n, line)| align_line(*n, line, aligner, seg, cfg))
            .collect();
        for d in done {
            match d {
                Ok((records, units)) => {
                    stats.pairs += 1;
                    stats.beads += records.len();
                    stats.units += units;
                    for r in &records {
                        serde_json::to_writer(&mut out, r)?;
                        out.write_all(b"\n")?;
                    }
                }
                Err(e) => {
                    stats.failed += 1;
                    serde_json::to_writer(&mut out, &e)?;
                    out.write_all(b"\n")?;
                }
            }
        }
        out.flush()?;
    }
    Ok(stats)
}

/// Aligns the pair on input line `n`: its records and unit count.
fn align_line(
    n: usize,
    line: &str,
    aligner: &Aligner,
    seg: &Segmenter,
    cfg: &StreamConfig,
) -> std::result::Result<(Vec<BeadRecord>, usize), ErrorRecord> {
    let input: PairInput = serde_json::from_str(line).map_err(|e| ErrorRecord {
        pair: id_of(line),
        error: format!("input line {n}: not a pair: {e}"),
    })?;
    align_pair(&input, aligner, seg, cfg).map_err(|e| ErrorRecord {
        pair: input.id.clone(),
        error: e.to_string(),
    })
}

/// The `id` of a line that is not a valid pair, when it has one.
fn id_of(line: &str) -> String {
    serde_json::from_str::<serde_json::Value>(line)
        .ok()
        .and_then(|v| v.get("id")?.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Aligns and checks one pair: its records and unit count. Files are
/// read as `bitext align` reads them ([`crate::pair`]).
pub fn align_pair(
    p: &PairInput,
    aligner: &Aligner,
    seg: &Segmenter,
    cfg: &StreamConfig,
) -> Result<(Vec<BeadRecord>, usize)> {
    let invalid = |why: &str| Error::Invalid(format!("pair {:?}: {why}", p.id));
    let mut aligned = match p {
        PairInput {
            src: Some(s),
            tgt: Some(t),
            src_path: None,
            tgt_path: None,
            path: None,
            src_sentences: None,
            tgt_sentences: None,
            ..
        } => {
            let side = |text: &str, name: &str, chinese: bool| {
                let ing = crate::ingest::read_bytes(&format!("{}:{name}", p.id), text.as_bytes())?;
                let mut docs = ing.documents;
                let k = docs
                    .iter()
                    .position(|d| d.lang.is_chinese() == chinese)
                    .unwrap_or(0);
                Ok::<Document, Error>(docs.swap_remove(k))
            };
            let (src, tgt) = (side(s, "src", true)?, side(t, "tgt", false)?);
            pair::align_documents(src, tgt, cfg.level, aligner, seg)
        }
        PairInput {
            src: None,
            tgt: None,
            src_path: Some(s),
            tgt_path: Some(t),
            path: None,
            src_sentences: None,
            tgt_sentences: None,
            ..
        } => pair::align_files(&[s.clone(), t.clone()], cfg.level, aligner, seg)?,
        PairInput {
            src: None,
            tgt: None,
            src_path: None,
            tgt_path: None,
            path: Some(f),
            src_sentences: None,
            tgt_sentences: None,
            ..
        } => pair::align_files(std::slice::from_ref(f), cfg.level, aligner, seg)?,
        PairInput {
            src: None,
            tgt: None,
            src_path: None,
            tgt_path: None,
            path: None,
            src_sentences: Some(s),
            tgt_sentences: Some(t),
            ..
        } => {
            let side = |lines: &[String], name: &str| {
                if lines.iter().any(|l| l.contains(['\n', '\r'])) {
                    return Err(invalid(&format!("a sentence of {name} holds a line break")));
                }
                presplit::from_text(&lines.join("\n"), &format!("{}:{name}", p.id), seg)
            };
            let (s, t) = (side(s, "src_sentences")?, side(t, "tgt_sentences")?);
            pair::align_sentences(s, t, aligner)
        }
        _ => {
            return Err(invalid(
                "give exactly one of: src and tgt (texts), src_path and tgt_path, path, \
                 src_sentences and tgt_sentences",
            ))
        }
    };
    aligned.pair = p.id.clone();
    let mut recs = aligned.records();
    let sides = crate::segment::side::sides_of(&recs, &aligned.src_units, &aligned.tgt_units);
    crate::check::check_analysed(&mut recs, &sides, &cfg.check, Some(aligner.lexicon()));
    Ok((recs, aligned.src_units.len() + aligned.tgt_units.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::AlignConfig;

    fn run_str(input: &str) -> (String, StreamStats) {
        let aligner = Aligner::new(AlignConfig::default()).unwrap();
        let seg = Segmenter::new();
        let mut out = Vec::new();
        let stats = run(
            input.as_bytes(),
            &mut out,
            &aligner,
            &seg,
            &StreamConfig::default(),
        )
        .unwrap();
        (String::from_utf8(out).unwrap(), stats)
    }

    #[test]
    fn pairs_come_out_in_input_order_and_a_bad_pair_is_one_error_record() {
        let mut input = String::new();
        for k in 0..20 {
            let p = PairInput {
                id: format!("p{k:02}"),
                src_sentences: Some(vec![format!("会议讨论了安全{k}。"), "朋友来了。".into()]),
                tgt_sentences: Some(vec![
                    format!("The meeting discussed security {k}."),
                    "A friend came.".into(),
                ]),
                ..PairInput::default()
            };
            input.push_str(&serde_json::to_string(&p).unwrap());
            input.push('\n');
            if k == 7 {
                input.push_str("{\"id\": \"broken\", \"src\": \"只有一边\"}\n\n");
                input.push_str("not json\n");
            }
        }
        let (out, stats) = run_str(&input);
        assert_eq!((stats.pairs, stats.failed), (20, 2));
        let mut order = Vec::new();
        for line in out.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let pair = v["pair"].as_str().unwrap().to_string();
            if let Some(e) = v.get("error") {
                assert!(!e.as_str().unwrap().is_empty());
                order.push(format!("error:{pair}"));
            } else if order.last() != Some(&pair) {
                order.push(pair);
            }
        }
        let mut want: Vec<String> = (0..20).map(|k| format!("p{k:02}")).collect();
        want.splice(8..8, ["error:broken".to_string(), "error:".to_string()]);
        assert!(out.contains("input line 11: not a pair"), "{out}");
        assert_eq!(order, want);
        let first: BeadRecord = serde_json::from_str(out.lines().next().unwrap()).unwrap();
        assert_eq!(first.src_texts().collect::<Vec<_>>(), ["会议讨论了安全0。"]);
        assert_eq!(
            first.tgt_texts().collect::<Vec<_>>(),
            ["The meeting discussed security 0."]
        );
    }

    #[test]
    fn texts_align_like_files() {
        let p = PairInput {
            id: "t".into(),
            src: Some("会议开始了。我们讨论了安全问题。".into()),
            tgt: Some("The meeting began. We discussed security.".into()),
            ..PairInput::default()
        };
        let (out, stats) = run_str(&serde_json::to_string(&p).unwrap());
        assert_eq!((stats.pairs, stats.failed), (1, 0));
        let recs: Vec<BeadRecord> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert!(recs.iter().all(|r| r.pair == "t"));
        let src: Vec<&str> = recs.iter().flat_map(|r| r.src_texts()).collect();
        assert_eq!(src, ["会议开始了。", "我们讨论了安全问题。"]);
    }
}
