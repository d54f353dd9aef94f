//! `bitext review`: serves the review pages of a built output folder on
//! 127.0.0.1 with the review actions enabled (see
//! [`bitext::review::server`]); decisions go to `corpus/reviews/`.

use anyhow::Context;
use bitext::review::server;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `bitext review`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The corpus folder; decisions are saved in its `reviews/` folder.
    #[arg(long, default_value = "corpus")]
    pub corpus: PathBuf,
    /// The output folder of `bitext build`.
    #[arg(long, default_value = "alignments")]
    pub out: PathBuf,
    /// Port on 127.0.0.1 (0: any free port).
    #[arg(long, default_value_t = 8017)]
    pub port: u16,
    /// Open the pair list in the default browser.
    #[arg(long)]
    pub open: bool,
}

/// Runs `bitext review` until interrupted.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let summary = args.out.join("summary.json");
    anyhow::ensure!(
        summary.is_file(),
        "{}: not found; run `bitext build` first",
        summary.display()
    );
    anyhow::ensure!(
        args.corpus.is_dir(),
        "{}: not a corpus folder",
        args.corpus.display()
    );
    let http = server::bind(args.port)?;
    let state = server::State {
        corpus: args.corpus.clone(),
        out: args.out.clone(),
        port: server::port_of(&http),
    };
    let url = format!("http://127.0.0.1:{}/", state.port);
    let mut stdout = std::io::stdout();
    writeln!(
        stdout,
        "bitext review: serving {url} (decisions saved to {}); Ctrl-C to stop",
        args.corpus.join("reviews").display()
    )?;
    stdout.flush()?;
    if args.open {
        let opener = if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        };
        std::process::Command::new(opener)
            .arg(&url)
            .spawn()
            .with_context(|| format!("cannot start {opener}; open {url} yourself"))?;
    }
    server::run(&http, &state);
    Ok(ExitCode::SUCCESS)
}
