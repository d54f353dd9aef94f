//! Helpers shared by the integration tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (where `Cargo.toml` and `corpus/` are).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A path under `corpus/`.
pub fn corpus(name: &str) -> PathBuf {
    root().join("corpus").join(name)
}

/// A `bitext` command run from the repository root.
pub fn bitext() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_bitext"));
    c.current_dir(root());
    c
}

/// Runs `bitext` with `args`; returns the output.
pub fn run<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    bitext().args(args).output().expect("bitext runs")
}

/// Stdout as a String.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Stderr as a String.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The external evaluation data, when this machine has it.
pub fn shared_eval() -> Option<PathBuf> {
    let p = root().join("../shared/eval/mac-dev");
    Path::new(&p).is_dir().then_some(p)
}
