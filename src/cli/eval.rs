//! `bitext eval GOLD PRED`: strict and lax precision/recall/F1 of an
//! alignment against a gold standard, for two files or two directories of
//! same-named files.

use anyhow::{bail, Context};
use bitext::align::eval::{self, Counts, IndexBead};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `bitext eval`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Gold alignment (file, or directory of `NAME.align` files).
    pub gold: PathBuf,
    /// Predicted alignment (file, or directory with the same names).
    pub pred: PathBuf,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs `bitext eval`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let pairs: Vec<(PathBuf, PathBuf)> = if args.gold.is_dir() {
        if !args.pred.is_dir() {
            bail!(
                "{}: gold is a directory, so the prediction must be one too",
                args.pred.display()
            );
        }
        let mut names: Vec<_> = std::fs::read_dir(&args.gold)
            .with_context(|| format!("{}: cannot list", args.gold.display()))?
            .filter_map(|e| e.ok())
            .filter(|e| e.path().is_file())
            .map(|e| e.file_name())
            .collect();
        names.sort();
        names
            .into_iter()
            .map(|n| (args.gold.join(&n), args.pred.join(&n)))
            .collect()
    } else {
        vec![(args.gold.clone(), args.pred.clone())]
    };
    let mut counts = Counts::default();
    let mut scored = 0;
    let mut problems = 0;
    for (g, p) in &pairs {
        if !p.is_file() {
            eprintln!(
                "bitext: warning: {}: no prediction for this gold file; skipped",
                p.display()
            );
            problems += 1;
            continue;
        }
        let gold = eval::read(g)?;
        let pred = eval::read(p)?;
        problems += warn(g, p, &gold, &pred);
        counts.add(&gold, &pred);
        scored += 1;
    }
    if scored == 0 {
        bail!("nothing to score");
    }
    let r = counts.report();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&r)?)?;
    } else {
        writeln!(out, "files: {scored}")?;
        writeln!(out, "{:<10} {:>6} {:>6} {:>6}", "measure", "P", "R", "F1")?;
        for (name, m) in [
            ("strict", r.strict),
            ("lax", r.lax),
            ("all-beads", r.all_beads),
        ] {
            writeln!(out, "{name:<10} {:>6.3} {:>6.3} {:>6.3}", m.p, m.r, m.f1)?;
        }
        writeln!(out)?;
        writeln!(
            out,
            "{:<6} {:>5} {:>7} {:>5} {:>9}",
            "type", "gold", "recall", "pred", "precision"
        )?;
        for (shape, g, rec, p, prec) in &r.by_shape {
            writeln!(out, "{shape:<6} {g:>5} {rec:>7.3} {p:>5} {prec:>9.3}")?;
        }
    }
    out.flush()?;
    Ok(super::exit_code(problems > 0))
}

/// Warns about beads naming sentences the other alignment does not cover;
/// returns the number of warnings.
fn warn(g: &Path, p: &Path, gold: &[IndexBead], pred: &[IndexBead]) -> usize {
    let (gs, gt) = eval::extent(gold);
    let (ps, pt) = eval::extent(pred);
    let mut n = 0;
    if (gs, gt) != (ps, pt) {
        eprintln!(
            "bitext: warning: {} names {gs} source and {gt} target sentences, {} names {ps} and {pt}: \
             they do not describe the same texts",
            g.display(),
            p.display()
        );
        n += 1;
    }
    for (path, beads) in [(g, gold), (p, pred)] {
        for w in eval::check_coverage(beads, gs.min(ps), gt.min(pt))
            .into_iter()
            .take(5)
        {
            eprintln!("bitext: warning: {}: {w}", path.display());
            n += 1;
        }
    }
    n
}
