//! `bitext check PAIR.jsonl… | SRC [TGT] [--glossary FILE] [--format
//! text|json]`: flags divergences in aligned pairs and prints the flagged
//! beads, most severe first.
//!
//! Also holds [`load_records`], the input rule `terms` and `concord` share:
//! JSONL files are read as written by `bitext build`; other files are
//! ingested, segmented and aligned on the spot.

use anyhow::{bail, Context};
use bitext::align::{records, AlignConfig, Aligner, Lexicon, Side};
use bitext::check::{self, CheckConfig, Flag, Severity, TranslationEvidence};
use bitext::record::{BeadRecord, Level};
use bitext::segment::Segmenter;
use bitext::terms::Glossary;
use bitext::Lang;
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
    /// shipped CC-CEDICT.
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
    let Loaded {
        mut records,
        failed,
        aligner,
    } = load_records(&args.files, &seg, args.lexicon.as_deref())?;
    let cfg = CheckConfig {
        glossary,
        pair_evidence: Some(bitext::terms::extract::word_pairs),
        ..CheckConfig::default()
    };
    // The aligner's lexicon when we aligned; else load it once.
    let own = match &aligner {
        Some(_) => None,
        None => load_lexicon(args.lexicon.as_deref()),
    };
    let ev: Option<&dyn TranslationEvidence> = match (&aligner, &own) {
        (Some(a), _) => Some(a.lexicon()),
        (None, Some(l)) => Some(l),
        (None, None) => None,
    };
    for pair in check::input::by_pair(&mut records) {
        check::check_with(pair, &seg, &cfg, ev);
    }
    let min = args.min_severity.severity();
    for r in records.iter_mut() {
        r.flags.retain(|f| f.severity >= min);
    }
    let mut flagged: Vec<&BeadRecord> = records.iter().filter(|r| !r.flags.is_empty()).collect();
    flagged.sort_by(|a, b| {
        check::worst(&b.flags)
            .cmp(&check::worst(&a.flags))
            .then(b.flags.len().cmp(&a.flags.len()))
            .then(a.pair.cmp(&b.pair))
            .then(a.bead.cmp(&b.bead))
    });
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        Format::Json => {
            for r in &flagged {
                serde_json::to_writer(&mut out, r)?;
                writeln!(out)?;
            }
        }
        Format::Text => {
            for r in &flagged {
                write_bead(&mut out, r)?;
            }
            writeln!(out, "{}", summary(&records, flagged.len()))?;
        }
    }
    out.flush()?;
    Ok(super::exit_code(failed))
}

/// The lexicon the checks use as translation evidence: `path`, else the
/// one named by `BITEXT_LEXICON`, else the shipped CC-CEDICT. A failure is
/// reported and the checks that need it are skipped.
fn load_lexicon(path: Option<&Path>) -> Option<Lexicon> {
    let env = std::env::var_os("BITEXT_LEXICON").map(PathBuf::from);
    let lex = match path.or(env.as_deref()) {
        Some(p) => Lexicon::read(p),
        None => Lexicon::embedded(),
    };
    match lex {
        Ok(l) => Some(l),
        Err(e) => {
            eprintln!("bitext: {e}; omission and name checks are off");
            None
        }
    }
}

/// "123 beads, 17 flagged: 5 number-mismatch, 12 unaligned".
fn summary(records: &[BeadRecord], flagged: usize) -> String {
    let mut counts: std::collections::BTreeMap<check::FlagKind, usize> = Default::default();
    for f in records.iter().flat_map(|r| &r.flags) {
        *counts.entry(f.kind).or_default() += 1;
    }
    let kinds: Vec<String> = counts.iter().map(|(k, n)| format!("{n} {k}")).collect();
    format!(
        "{} beads, {} flagged{}{}",
        records.len(),
        flagged,
        if kinds.is_empty() { "" } else { ": " },
        kinds.join(", ")
    )
}

fn write_bead(out: &mut impl Write, r: &BeadRecord) -> std::io::Result<()> {
    let lines = |ls: &[usize]| -> String {
        ls.first()
            .map(|l| l.to_string())
            .unwrap_or_else(|| "-".into())
    };
    writeln!(
        out,
        "{}#{} ({}, score {:.2}, lines {}/{})",
        r.pair,
        r.bead,
        r.shape,
        r.score,
        lines(&r.src_lines),
        lines(&r.tgt_lines)
    )?;
    for Flag {
        kind,
        severity,
        reason,
    } in &r.flags
    {
        writeln!(out, "  {severity:<7} {kind}: {reason}")?;
    }
    let show = |units: &[String], lang: Lang| -> String {
        let t = units.join(if lang.is_chinese() { "" } else { " " });
        let t: String = t.split_whitespace().collect::<Vec<_>>().join(" ");
        if t.is_empty() {
            "—".into()
        } else if t.chars().count() > 200 {
            format!("{}…", t.chars().take(199).collect::<String>())
        } else {
            t
        }
    };
    writeln!(out, "    src: {}", show(&r.src, r.src_lang))?;
    writeln!(out, "    tgt: {}", show(&r.tgt, r.tgt_lang))?;
    writeln!(out)
}

/// True when `path` holds bead records (JSONL): by name, or by a first
/// non-blank line that is a JSON object.
fn is_jsonl(path: &Path) -> bool {
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
pub(crate) struct Loaded {
    /// The bead records, pair by pair.
    pub records: Vec<BeadRecord>,
    /// True when some file failed (reported on stderr).
    pub failed: bool,
    /// The aligner, when the files were aligned here (its lexicon can be
    /// shared).
    pub aligner: Option<Aligner>,
}

/// Reads bead records from `files`: every JSONL file as written, or, when
/// the files are not JSONL, one source and its translation (one file
/// holding both languages, or two files) ingested, segmented and aligned
/// at sentence level. Returns the records and whether some file failed
/// (it was reported on stderr; the others were still read).
pub(crate) fn load_records(
    files: &[PathBuf],
    seg: &Segmenter,
    lexicon: Option<&Path>,
) -> anyhow::Result<Loaded> {
    if files.iter().all(|f| is_jsonl(f)) {
        let mut all = Vec::new();
        let mut failed = false;
        for f in files {
            match check::input::read_jsonl(f) {
                Ok(rs) => all.extend(rs),
                Err(e) => {
                    failed = true;
                    eprintln!("bitext: {e}");
                }
            }
        }
        if all.is_empty() {
            bail!("no bead records read");
        }
        return Ok(Loaded {
            records: all,
            failed,
            aligner: None,
        });
    }
    if files.len() > 2 {
        bail!("give JSONL files, or one source file and at most one translation");
    }
    let aligner = Aligner::new(AlignConfig {
        lexicon: lexicon.map(Path::to_path_buf),
        ..AlignConfig::default()
    })?;
    let records = align_files(files, seg, &aligner)?;
    Ok(Loaded {
        records,
        failed: false,
        aligner: Some(aligner),
    })
}

/// Ingests, segments and aligns a source and its translation.
fn align_files(
    files: &[PathBuf],
    seg: &Segmenter,
    aligner: &Aligner,
) -> anyhow::Result<Vec<BeadRecord>> {
    let mut docs = Vec::new();
    for f in files {
        let ing = bitext::ingest::read_file(f)?;
        docs.extend(ing.documents);
    }
    let names = files
        .iter()
        .map(|f| f.display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let src = docs
        .iter()
        .find(|d| d.lang.is_chinese())
        .with_context(|| format!("{names}: no Chinese document found"))?;
    let tgt = docs
        .iter()
        .find(|d| d.lang == Lang::En)
        .with_context(|| format!("{names}: no English document found"))?;
    let (s, t) = (seg.segment(src), seg.segment(tgt));
    let al = aligner.align_docs(&s, &t, Level::Sentence, seg);
    let pair = Path::new(&src.source)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| src.source.clone());
    Ok(records(
        &pair,
        Level::Sentence,
        Side {
            doc: src,
            units: &al.src_units,
        },
        Side {
            doc: tgt,
            units: &al.tgt_units,
        },
        &al.beads,
    ))
}
