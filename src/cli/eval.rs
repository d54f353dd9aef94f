//! `bitext eval`.

use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `bitext eval`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Input files.
    pub files: Vec<PathBuf>,
}

/// Runs `bitext eval`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("`bitext eval` is not implemented yet")
}
