//! `bitext export`.

use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `bitext export`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Input files.
    pub files: Vec<PathBuf>,
}

/// Runs `bitext export`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("`bitext export` is not implemented yet")
}
