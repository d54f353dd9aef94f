//! `bitext concord`.

use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `bitext concord`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Input files.
    pub files: Vec<PathBuf>,
}

/// Runs `bitext concord`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("`bitext concord` is not implemented yet")
}
