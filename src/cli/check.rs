//! `bitext check PAIR.jsonl… | SRC [TGT] [--glossary FILE] [--format
//! text|json]`: flags divergences in aligned pairs and prints the flagged
//! beads, most severe first.
//!
//! Also holds [`load_records`], the input rule `terms` and `concord` share
//! (see [`bitext::pair::load_records`]), reporting unreadable files.

use anyhow::bail;
use bitext::align::{Aligner, Lexicon};
use bitext::check::{self, CheckConfig, TranslationEvidence};
use bitext::export::report;
use bitext::pair::Loaded;
use bitext::record::Severity;
use bitext::segment::Segmenter;
use bitext::terms::Glossary;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

/// Output format.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Flagged beads for people: flags, then both texts.
    Text,
    /// One bead record (JSON, with its flags) per line.
    Json,
}

/// Arguments of `bitext check`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Aligned pairs as JSONL (from `bitext build`), or a source file and
    /// its translation (one file holding both languages also works), which
    /// are then ingested and aligned first.
    #[arg(required = true, value_name = "PAIR.jsonl|SRC [TGT]")]
    pub files: Vec<PathBuf>,
    /// Glossary (TSV `zh<TAB>en[<TAB>note]`, or TBX): beads using a term
    /// without one of its renderings are flagged.
    #[arg(long, value_name = "FILE")]
    pub glossary: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Lexicon used as translation evidence (and for aligning): gzip TSV as
    /// built by data/build-lexicon.sh; default: $BITEXT_LEXICON, else the
    /// shipped CC-CEDICT + ECDICT lexicon.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,
    /// Show only flags at or above this severity.
    #[arg(long, value_enum, default_value_t = MinSeverity::Info)]
    pub min_severity: MinSeverity,
}

/// A severity threshold on the command line.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum MinSeverity {
    /// Everything.
    Info,
    /// Warnings and errors.
    Warning,
    /// Errors only.
    Error,
}

impl MinSeverity {
    fn severity(self) -> Severity {
        match self {
            MinSeverity::Info => Severity::Info,
            MinSeverity::Warning => Severity::Warning,
            MinSeverity::Error => Severity::Error,
        }
    }
}

/// Runs `bitext check`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let seg = Segmenter::new();
    let glossary = match &args.glossary {
        Some(p) => Some(Arc::new(Glossary::read(p)?)),
        None => None,
    };
    let (
        Loaded {
            mut records,
            sides,
            aligner,
            ..
        },
        failed,
    ) = load_records(&args.files, &seg, args.lexicon.as_deref())?;
    let cfg = CheckConfig {
        glossary,
        pair_evidence: Some(bitext::terms::extract::word_pairs),
        ..CheckConfig::default()
    };
    // The aligner's lexicon when we aligned; else load it once.
    let own = match &aligner {
        Some(_) => None,
        None => load_lexicon(args.lexicon.as_deref(), "omission and name checks are off"),
    };
    let lex = aligner.as_ref().map(Aligner::lexicon).or(own.as_ref());
    let ev = lex.map(|l| l as &dyn TranslationEvidence);
    check::input::check_pairs(&mut records, &sides, &cfg, ev);
    report::keep_at_least(&mut records, args.min_severity.severity());
    let flagged = report::flagged(&records);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        Format::Json => report::write_json(&mut out, &flagged)?,
        Format::Text => report::write_text(
            &mut bitext::export::visible::VisibleWriter::new(&mut out),
            &records,
            &flagged,
        )?,
    }
    out.flush()?;
    Ok(super::exit_code(failed))
}

/// The lexicon for translation evidence (see [`Lexicon::find`]); a failure
/// is reported, saying what is `off` without it.
pub(crate) fn load_lexicon(path: Option<&Path>, off: &str) -> Option<Lexicon> {
    match Lexicon::find(path) {
        Ok(l) => Some(l),
        Err(e) => {
            eprintln!("bitext: {e}; {off}");
            None
        }
    }
}

/// Reads bead records from `files` (see [`bitext::pair::load_records`]);
/// each unreadable file gets a line on stderr. Gives what was read and
/// whether some file failed; no records at all is an error.
pub(crate) fn load_records(
    files: &[PathBuf],
    seg: &Segmenter,
    lexicon: Option<&Path>,
) -> anyhow::Result<(Loaded, bool)> {
    let loaded = bitext::pair::load_records(files, seg, lexicon)?;
    for e in &loaded.failures {
        eprintln!("bitext: {e}");
    }
    for w in &loaded.warnings {
        eprintln!("bitext: warning: {w}");
    }
    if loaded.records.is_empty() {
        bail!("no bead records read");
    }
    let failed = !loaded.failures.is_empty();
    Ok((loaded, failed))
}
