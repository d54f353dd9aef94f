//! `bitext stream`: align a stream of document pairs, JSON Lines in and
//! out (see [`bitext::stream`]), for Spark, Hadoop Streaming and Slurm.

use super::align::LevelArg;
use anyhow::Context;
use bitext::align::{AlignConfig, Aligner};
use bitext::record::Level;
use bitext::segment::Segmenter;
use bitext::stream::{self, StreamConfig};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Arguments of `bitext stream`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Unit level for pairs given as texts or files.
    #[arg(long, value_enum, default_value = "sentence")]
    pub level: LevelArg,
    /// Lexicon file (as for `bitext align`).
    #[arg(long)]
    pub lexicon: Option<PathBuf>,
    /// Print pairs, failures and throughput on standard error at the end.
    #[arg(long)]
    pub stats: bool,
}

/// Runs `bitext stream`: exit code 1 when any pair failed.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let cfg = AlignConfig {
        lexicon: args.lexicon.clone(),
        ..AlignConfig::default()
    };
    let (aligner, seg) = rayon::join(|| Aligner::new(cfg), Segmenter::new);
    let aligner = aligner.context("loading the lexicon")?;
    let level = match args.level {
        LevelArg::Paragraph => Level::Paragraph,
        LevelArg::Sentence => Level::Sentence,
    };
    let cfg = StreamConfig {
        level,
        ..StreamConfig::default()
    };
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let s = stream::run(stdin.lock(), &mut out, &aligner, &seg, &cfg)?;
    out.flush()?;
    if args.stats {
        let secs = started.elapsed().as_secs_f64();
        eprintln!(
            "bitext stream: {} pairs aligned, {} failed, {} beads, {} units in {secs:.2} s \
             ({:.0} units/s)",
            s.pairs,
            s.failed,
            s.beads,
            s.units,
            s.units as f64 / secs.max(1e-9)
        );
    }
    Ok(super::exit_code(s.failed > 0))
}
