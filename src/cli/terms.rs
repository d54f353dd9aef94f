//! `bitext terms`.

use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `bitext terms`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Input files.
    pub files: Vec<PathBuf>,
}

/// Runs `bitext terms`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("`bitext terms` is not implemented yet")
}
