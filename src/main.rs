//! The `bitext` command line. All logic lives in the library; `cli` parses
//! arguments and calls it.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
