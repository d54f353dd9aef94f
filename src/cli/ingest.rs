//! `bitext ingest`.

use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `bitext ingest`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Input files.
    pub files: Vec<PathBuf>,
}

/// Runs `bitext ingest`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("`bitext ingest` is not implemented yet")
}
