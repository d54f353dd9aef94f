//! `bitext check`.

use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `bitext check`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Input files.
    pub files: Vec<PathBuf>,
}

/// Runs `bitext check`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("`bitext check` is not implemented yet")
}
