//! `bitext build`.

use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `bitext build`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Input files.
    pub files: Vec<PathBuf>,
}

/// Runs `bitext build`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("`bitext build` is not implemented yet")
}
