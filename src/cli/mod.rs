//! Argument parsing (clap derive) and dispatch, one file per subcommand.
//! Each `run` returns the exit code: 0 success, 1 some input failed,
//! 2 usage or fatal error.

mod align;
mod build;
mod check;
mod concord;
mod eval;
mod export;
mod ingest;
mod review;
mod segment;
mod stream;
mod terms;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Build a reviewable, aligned Chinese–English parallel corpus.
#[derive(Parser, Debug)]
#[command(name = "bitext", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Build the aligned corpus: ingest, align, check and export every
    /// document pair of a corpus folder.
    Build(build::Args),
    /// Read files and print the documents found (language, paragraphs,
    /// what was dropped).
    Ingest(ingest::Args),
    /// Cut documents into sentences, words and numbers.
    Segment(segment::Args),
    /// Align a Chinese text with its English translation.
    Align(align::Args),
    /// Score an alignment against a gold standard (precision, recall, F1).
    Eval(eval::Args),
    /// Flag divergences in an aligned pair (numbers, omissions, names…).
    Check(check::Args),
    /// Extract bilingual terms and report inconsistent renderings.
    Terms(terms::Args),
    /// Show every aligned pair containing a term, in context.
    Concord(concord::Args),
    /// Convert a JSONL alignment to TMX, TSV or JSONL.
    Export(export::Args),
    /// Review the built corpus in the browser: confirm, reject, merge and
    /// split beads, accept flags; decisions survive rebuilds.
    Review(review::Args),
    /// Align a stream of document pairs: JSON Lines of pairs on standard
    /// input, bead records as JSON Lines on standard output.
    Stream(stream::Args),
}

/// Parses the command line and runs the subcommand.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(a) => build::run(a),
        Command::Ingest(a) => ingest::run(a),
        Command::Segment(a) => segment::run(a),
        Command::Align(a) => align::run(a),
        Command::Eval(a) => eval::run(a),
        Command::Check(a) => check::run(a),
        Command::Terms(a) => terms::run(a),
        Command::Concord(a) => concord::run(a),
        Command::Export(a) => export::run(a),
        Command::Review(a) => review::run(a),
        Command::Stream(a) => stream::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("bitext: error: {}", message(&e));
            ExitCode::from(2)
        }
    }
}

/// Reads `files` in parallel with `read`; a file that fails gets one line
/// on stderr naming it and why, and the others are still read. Gives what
/// the files that worked gave, in file order, and whether any failed.
fn read_each<T: Send>(
    files: &[std::path::PathBuf],
    read: impl Fn(&std::path::Path) -> bitext::Result<Vec<T>> + Sync,
) -> (Vec<T>, bool) {
    use rayon::prelude::*;
    let results: Vec<_> = files.par_iter().map(|p| read(p)).collect();
    let mut failed = false;
    let mut items = Vec::new();
    for r in results {
        match r {
            Ok(v) => items.extend(v),
            Err(e) => {
                failed = true;
                eprintln!("bitext: {e}");
            }
        }
    }
    (items, failed)
}

/// The exit code of a run over several inputs: 1 when any failed.
fn exit_code(failed: bool) -> ExitCode {
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The error and its causes joined by `: `, leaving out a cause whose text
/// the message already ends with (an I/O error shown by its wrapper), so
/// nothing is said twice.
fn message(e: &anyhow::Error) -> String {
    let mut msg = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if msg.ends_with(&text) {
            continue;
        }
        if !msg.is_empty() {
            msg.push_str(": ");
        }
        msg.push_str(&text);
    }
    msg
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
