//! `bitext align`.

use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `bitext align`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Input files.
    pub files: Vec<PathBuf>,
}

/// Runs `bitext align`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("`bitext align` is not implemented yet")
}
