//! `bitext segment`.

use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `bitext segment`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Input files.
    pub files: Vec<PathBuf>,
}

/// Runs `bitext segment`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("`bitext segment` is not implemented yet")
}
