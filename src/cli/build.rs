//! `bitext build`: the main job. Runs [`bitext::pipeline::build`] over a
//! corpus folder, shows progress on standard error when it is a terminal,
//! and prints a one-line summary (pairs, beads, flagged beads, time).

use anyhow::Context;
use bitext::pipeline::{self, BuildConfig, Progress, Stage};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

/// Arguments of `bitext build`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Folder with the input reports (every file directly inside is read).
    #[arg(long, default_value = "corpus")]
    pub corpus: PathBuf,
    /// Output folder: per pair JSONL, TSV, TMX (sentence and paragraph
    /// level) and an HTML review page, plus index.html and summary.json.
    #[arg(long, default_value = "alignments")]
    pub out: PathBuf,
    /// Print the wall time of each stage on standard error.
    #[arg(long)]
    pub timings: bool,
}

/// Runs `bitext build`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let cfg = BuildConfig {
        corpus: relative_to_cwd(&args.corpus),
        out: args.out.clone(),
        ..BuildConfig::default()
    };
    let bar = Bar::new();
    let built = pipeline::build(&cfg, &bar);
    bar.finish();
    if args.timings {
        for (stage, secs) in bar.timings() {
            eprintln!("{:>10} {secs:.3} s", stage.label());
        }
    }
    let built = built.context("build failed")?;
    let s = &built.summary;
    for f in &s.inputs {
        for w in &f.warnings {
            eprintln!("bitext: warning: {w}");
        }
        if let Some(e) = &f.error {
            eprintln!("bitext: {e}");
        }
    }
    for p in &s.pairs {
        for st in &p.stale {
            eprintln!(
                "bitext: {}: stale review decision, not applied: {} ({})",
                cfg.corpus
                    .join("reviews")
                    .join(format!("{}.jsonl", p.id))
                    .display(),
                st.decision,
                st.why
            );
        }
    }
    let t = &s.totals;
    println!(
        "built {}: {} {} aligned, {} sentence beads ({} flagged), {} paragraph beads ({} flagged), \
         {} of {} documents not paired, {} unreadable files, in {:.2} s",
        cfg.out.display(),
        t.pairs,
        if t.pairs == 1 { "pair" } else { "pairs" },
        t.sentence_beads,
        t.flagged_sentence_beads,
        t.paragraph_beads,
        t.flagged_paragraph_beads,
        t.unpaired_documents,
        t.documents,
        t.failed_files,
        started.elapsed().as_secs_f64(),
    );
    Ok(super::exit_code(t.failed_files > 0))
}

/// File names in the outputs are recorded as given; an absolute corpus
/// path inside the working directory is made relative so the output does
/// not depend on where the repository is checked out.
fn relative_to_cwd(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| path.to_path_buf())
}

/// A progress bar on standard error, drawn only when it is a terminal;
/// also notes when each stage starts, and counts the sentences aligned
/// (shown as a rate while pairs are aligned).
struct Bar(ProgressBar, Mutex<Vec<(Stage, Instant)>>, AtomicUsize);

impl Bar {
    fn new() -> Bar {
        let target = if std::io::stderr().is_terminal() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let style = ProgressStyle::with_template("{msg:>10} [{bar:30}] {pos}/{len} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
        Bar(
            ProgressBar::with_draw_target(Some(0), target).with_style(style),
            Mutex::new(Vec::new()),
            AtomicUsize::new(0),
        )
    }

    fn finish(&self) {
        self.0.finish_and_clear();
        self.1
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((Stage::Write, Instant::now()));
    }

    /// Seconds spent in each stage (a stage ends when the next starts).
    fn timings(&self) -> Vec<(Stage, f64)> {
        let marks = self.1.lock().unwrap_or_else(|e| e.into_inner());
        marks
            .windows(2)
            .map(|w| (w[0].0, (w[1].1 - w[0].1).as_secs_f64()))
            .collect()
    }
}

impl Progress for Bar {
    fn stage(&self, stage: Stage, total: usize) {
        self.1
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((stage, Instant::now()));
        self.0.reset();
        self.0.set_length(total as u64);
        self.0.set_message(stage.label());
    }

    fn advance(&self) {
        self.0.inc(1);
    }

    fn sentences(&self, n: usize) {
        let total = self.2.fetch_add(n, Ordering::Relaxed) + n;
        let secs = self.0.elapsed().as_secs_f64().max(1e-3);
        self.0
            .set_message(format!("aligning {:.0} sentences/s", total as f64 / secs));
    }
}
