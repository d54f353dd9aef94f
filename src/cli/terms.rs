//! `bitext terms PAIR.jsonl… | SRC [TGT] [--top N] [--glossary FILE]
//! [--glossary-out FILE [--glossary-format tbx|omegat|tsv]]
//! [--format text|json]`: extracts
//! bilingual term pairs from aligned beads and reports Chinese terms
//! rendered more than one way.

use bitext::export::glossary;
use bitext::segment::Segmenter;
use bitext::terms::consistency::{self, TermUse};
use bitext::terms::extract::{self, ExtractConfig, TermPair};
use bitext::terms::{Glossary, GlossaryEntry};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Output format.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Tables for people.
    Text,
    /// One JSON object: `{"terms": […], "inconsistent": […]}`.
    Json,
}

/// Glossary file format of `--glossary-out`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum GlossaryFormat {
    /// TBX-Basic (TBX v2 `martif`), for Trados, memoQ, OmegaT, Okapi.
    Tbx,
    /// OmegaT's tab-separated glossary: no header, UTF-8 (name it .utf8).
    Omegat,
    /// Tab-separated with a `zh en note` header, for spreadsheets.
    Tsv,
}

impl From<GlossaryFormat> for glossary::GlossaryFormat {
    fn from(f: GlossaryFormat) -> Self {
        match f {
            GlossaryFormat::Tbx => glossary::GlossaryFormat::Tbx,
            GlossaryFormat::Omegat => glossary::GlossaryFormat::OmegaT,
            GlossaryFormat::Tsv => glossary::GlossaryFormat::Tsv,
        }
    }
}

/// Arguments of `bitext terms`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Aligned pairs as JSONL (from `bitext build`), or a source file and
    /// its translation, which are then ingested and aligned first.
    #[arg(required = true, value_name = "PAIR.jsonl…|SRC [TGT]")]
    pub files: Vec<PathBuf>,
    /// How many term pairs to list (and to write with --glossary-out),
    /// highest score first (G², halved without lexical support, times the
    /// English words the lexicon covers, up to 3).
    #[arg(long, default_value_t = 30)]
    pub top: usize,
    /// Fewest beads a term pair must share.
    #[arg(long, default_value_t = 2)]
    pub min_freq: usize,
    /// Lowest Dice coefficient of a term pair (0–1).
    #[arg(long, default_value_t = 0.3)]
    pub min_dice: f64,
    /// Check the consistency of this glossary's terms (TSV or TBX) instead
    /// of the extracted ones.
    #[arg(long, value_name = "FILE")]
    pub glossary: Option<PathBuf>,
    /// Write the listed term pairs as a glossary, in --glossary-format
    /// (by default from the name: .tbx TBX-Basic, .utf8/.txt OmegaT,
    /// else TSV).
    #[arg(long, value_name = "FILE")]
    pub glossary_out: Option<PathBuf>,
    /// Format of --glossary-out.
    #[arg(long, value_enum, requires = "glossary_out")]
    pub glossary_format: Option<GlossaryFormat>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Serialize)]
struct Report<'a> {
    beads: usize,
    terms: &'a [TermPair],
    inconsistent: Vec<&'a TermUse>,
}

/// Runs `bitext terms`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let seg = Segmenter::new();
    let (
        bitext::pair::Loaded {
            records,
            sides,
            aligner,
            ..
        },
        failed,
    ) = super::check::load_records(&args.files, &seg, None)?;
    // The aligner's lexicon when we aligned; else load it once.
    let own = match &aligner {
        Some(_) => None,
        None => super::check::load_lexicon(None, "terms use association only"),
    };
    let lex = aligner.as_ref().map(|a| a.lexicon()).or(own.as_ref());
    let cfg = ExtractConfig {
        min_freq: args.min_freq.max(1),
        min_dice: args.min_dice,
        ..ExtractConfig::default()
    };
    let assoc = extract::associations_with(&records, &sides, &cfg, lex);
    let mut pairs = assoc.best_pairs(&cfg);
    // Consistency looks at every extracted term, not only the listed ones.
    let specs = match &args.glossary {
        Some(p) => consistency::specs_from_glossary(&Glossary::read(p)?),
        None => consistency::specs_from_associations(&pairs, &assoc, &cfg),
    };
    pairs.truncate(args.top);
    let uses = consistency::consistency_with(&records, &sides, &seg, &specs, lex);
    let inconsistent: Vec<&TermUse> = uses.iter().filter(|u| u.inconsistent()).collect();
    if let Some(path) = &args.glossary_out {
        let g = Glossary::new(
            pairs
                .iter()
                .map(|p| GlossaryEntry {
                    zh: p.zh.clone(),
                    en: p.en.clone(),
                    note: format!(
                        "bitext: {} beads, Dice {:.2}, e.g. {}",
                        p.freq, p.dice, p.example
                    ),
                })
                .collect(),
        );
        let format = args
            .glossary_format
            .map(Into::into)
            .unwrap_or_else(|| glossary::GlossaryFormat::of_path(path));
        glossary::write_file(path, &g, format)?;
        eprintln!("bitext: wrote {} terms to {}", g.len(), path.display());
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(
                &mut out,
                &Report {
                    beads: assoc.beads(),
                    terms: &pairs,
                    inconsistent,
                },
            )?;
            writeln!(out)?;
        }
        Format::Text => {
            let mut out = bitext::export::visible::VisibleWriter::new(&mut out);
            bitext::export::terms_text::write(&mut out, &pairs, assoc.beads(), &inconsistent)?
        }
    }
    out.flush()?;
    Ok(super::exit_code(failed))
}
