//! `bitext segment FILE... [--json]`: reads files, cuts every document into
//! sentences, words and numbers, and prints them — one block per document
//! (each sentence with its paragraph, span, tokens and numbers), or one JSON
//! array with `--json`. A file that fails gets one line on stderr; the
//! others are still read.

use bitext::ingest;
use bitext::segment::{Number, SegmentedDoc, Segmenter, Sentence};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `bitext segment`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Input files (plain text, Markdown or HTML; any common encoding).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Print one JSON array (one object per document) instead of text.
    #[arg(long)]
    pub json: bool,
}

/// One document as `--json` prints it.
#[derive(Serialize)]
struct DocOut<'a> {
    id: String,
    source: &'a str,
    lang: bitext::Lang,
    sentences: &'a [Sentence],
}

/// Runs `bitext segment`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let seg = Segmenter::new();
    let (docs, failed) = super::read_each(&args.files, |p| {
        ingest::read_file(p).map(|ing| ing.documents.iter().map(|d| seg.segment(d)).collect())
    });
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        let all: Vec<DocOut> = docs
            .iter()
            .map(|d| DocOut {
                id: d.doc.id(),
                source: &d.doc.source,
                lang: d.doc.lang,
                sentences: &d.sentences,
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &all)?;
        writeln!(out)?;
    } else {
        let mut out = bitext::export::visible::VisibleWriter::new(&mut out);
        for d in &docs {
            human(&mut out, d)?;
        }
    }
    out.flush()?;
    Ok(super::exit_code(failed))
}

/// Writes one document for people: a header, then per sentence
/// `¶para [start..end) text`, its tokens (` | `-separated) and numbers.
fn human(out: &mut impl Write, d: &SegmentedDoc) -> std::io::Result<()> {
    writeln!(
        out,
        "{}  {}  {} paragraphs, {} sentences",
        d.doc.source,
        d.doc.lang,
        d.doc.paragraphs.len(),
        d.sentences.len()
    )?;
    for s in &d.sentences {
        let text: String = s.text.split_whitespace().collect::<Vec<_>>().join(" ");
        writeln!(
            out,
            "  ¶{} [{}..{}) {}",
            s.para, s.span.start, s.span.end, text
        )?;
        let words: Vec<&str> = s.tokens.iter().map(|t| t.key.as_str()).collect();
        writeln!(out, "      words: {}", words.join(" | "))?;
        if !s.numbers.is_empty() {
            let nums: Vec<String> = s.numbers.iter().map(|n| number(&s.text, n)).collect();
            writeln!(out, "      numbers: {}", nums.join(", "))?;
        }
    }
    Ok(())
}

/// "1992 (year: 1992年)".
fn number(text: &str, n: &Number) -> String {
    let written = text.get(n.span.start..n.span.end).unwrap_or("").trim();
    let kind = serde_json::to_value(n.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    // An amount prints as `f64` does (25, 1.5), a date as ISO 8601.
    format!("{} ({kind}: {written})", n.value)
}
