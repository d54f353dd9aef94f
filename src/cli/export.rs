//! `bitext export`: converts a JSONL alignment (as written by `bitext
//! build`, possibly corrected by hand) to TMX, TSV, JSONL or the HTML
//! review page, so a reviewer's corrections flow into the exports.

use anyhow::Context;
use bitext::export::{jsonl, Format};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Output formats.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum FormatArg {
    /// TMX 1.4b (translation units; beads with an empty side are left out).
    Tmx,
    /// Tab-separated values with a header row.
    Tsv,
    /// JSONL, one bead record per line (normalised).
    Jsonl,
    /// The HTML review page.
    Html,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Tmx => Format::Tmx,
            FormatArg::Tsv => Format::Tsv,
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::Html => Format::Html,
        }
    }
}

/// Arguments of `bitext export`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Output format.
    #[arg(long, short, value_enum)]
    pub format: FormatArg,
    /// Write here instead of standard output.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// Keep only beads a reviewer confirmed or corrected (`bitext
    /// review`): with `--format tmx`, a clean translation memory.
    #[arg(long)]
    pub confirmed_only: bool,
    /// JSONL alignment(s) to convert; several are concatenated in order.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// Runs `bitext export`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut records = Vec::new();
    for f in &args.files {
        records.extend(jsonl::read_file(f)?);
    }
    if args.confirmed_only {
        records.retain(|r| r.review_status().is_some_and(|s| s.is_human_aligned()));
    }
    let format = Format::from(args.format);
    match &args.out {
        Some(path) => {
            let mut buf = Vec::new();
            format.write(&mut buf, &records)?;
            std::fs::write(path, buf)
                .with_context(|| format!("{}: cannot write", path.display()))?;
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            format.write(&mut out, &records)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
