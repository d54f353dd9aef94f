//! `bitext ingest FILE... [--json]`: reads files and prints the documents
//! found — a short summary per document, or one JSON array with `--json`.
//! A file that fails gets one line on stderr; the others are still read.

use bitext::document::Document;
use bitext::ingest;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `bitext ingest`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Input files (plain text, Markdown or HTML; any common encoding).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Print one JSON array of all documents instead of a summary.
    #[arg(long)]
    pub json: bool,
}

/// Longest dropped text shown in the summary, in characters.
const SHOW_CHARS: usize = 60;

/// Runs `bitext ingest`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (docs, failed) = super::read_each(&args.files, |p| {
        ingest::read_file(p).map(|ing| {
            for w in &ing.warnings {
                eprintln!("bitext: warning: {w}");
            }
            ing.documents
        })
    });
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        serde_json::to_writer_pretty(&mut out, &docs)?;
        writeln!(out)?;
    } else {
        let mut out = bitext::export::visible::VisibleWriter::new(&mut out);
        for d in &docs {
            summary(&mut out, d)?;
        }
    }
    out.flush()?;
    Ok(super::exit_code(failed))
}

/// Writes the human summary of one document.
fn summary(out: &mut impl Write, d: &Document) -> std::io::Result<()> {
    let headings = d.paragraphs.iter().filter(|p| p.heading).count();
    writeln!(
        out,
        "{}  {}  {}  {}  {} paragraphs ({} headings), {} dropped",
        d.source,
        d.lang,
        d.encoding,
        serde_json::to_value(d.format)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
        d.paragraphs.len(),
        headings,
        d.dropped.len()
    )?;
    for x in &d.dropped {
        let one_line: String = x.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut shown: String = one_line.chars().take(SHOW_CHARS).collect();
        if one_line.chars().count() > SHOW_CHARS {
            shown.push('…');
        }
        writeln!(
            out,
            "  dropped line {:>4} {:<13} {}",
            x.line,
            x.reason.to_string(),
            shown
        )?;
    }
    Ok(())
}
