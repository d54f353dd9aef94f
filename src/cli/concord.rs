//! `bitext concord TERM PAIR.jsonl… | SRC [TGT] [--width N] [--color
//! auto|always|never] [--format text|json]`: every aligned pair containing
//! TERM as keyword-in-context lines, the other side of the bead below.

use bitext::export::visible::visible;
use bitext::segment::Segmenter;
use bitext::terms::concord::{concordance, ConcordLine};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// When to colour the term.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Color {
    /// When stdout is a terminal.
    Auto,
    /// Always (ANSI escapes).
    Always,
    /// Never.
    Never,
}

/// Output format.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Keyword-in-context lines for people.
    Text,
    /// One JSON object per hit and line.
    Json,
}

/// Arguments of `bitext concord`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The term: Chinese (Simplified or Traditional, matched on
    /// Simplified keys) or English (matched on word stems, any case).
    pub term: String,
    /// Aligned pairs as JSONL (from `bitext build`), or a source file and
    /// its translation, which are then ingested and aligned first.
    #[arg(required = true, value_name = "PAIR.jsonl…|SRC [TGT]")]
    pub files: Vec<PathBuf>,
    /// Characters of context each side of the term.
    #[arg(long, default_value_t = 30)]
    pub width: usize,
    /// Colour the term.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Runs `bitext concord`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let seg = Segmenter::new();
    let (loaded, failed) = super::check::load_records(&args.files, &seg, None)?;
    let lines = concordance(&loaded.records, &loaded.sides, &args.term, args.width);
    let stdout = std::io::stdout();
    let colour = match args.color {
        Color::Auto => stdout.is_terminal(),
        Color::Always => true,
        Color::Never => false,
    };
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        Format::Json => {
            for l in &lines {
                serde_json::to_writer(&mut out, l)?;
                writeln!(out)?;
            }
        }
        Format::Text => {
            for l in &lines {
                write_line(&mut out, l, colour)?;
            }
            let beads: std::collections::BTreeSet<_> = lines.iter().map(|l| &l.at).collect();
            writeln!(
                out,
                "{} hits of “{}” in {} beads",
                lines.len(),
                visible(&args.term),
                beads.len()
            )?;
        }
    }
    out.flush()?;
    Ok(super::exit_code(failed))
}

fn write_line(out: &mut impl Write, l: &ConcordLine, colour: bool) -> std::io::Result<()> {
    let (on, off) = if colour {
        ("\x1b[1;31m", "\x1b[0m")
    } else {
        ("", "")
    };
    // Input text goes through `visible` (control and bidi characters shown
    // as symbols); only our own colour escapes reach the terminal raw.
    let v = |t: &str| visible(t).into_owned();
    writeln!(
        out,
        "{}  {}{on}{}{off}{}",
        v(&l.at.to_string()),
        v(&l.left),
        v(&l.hit),
        v(&l.right)
    )?;
    let other: String = if l.other.chars().count() > 160 {
        format!("{}…", l.other.chars().take(159).collect::<String>())
    } else {
        l.other.clone()
    };
    writeln!(
        out,
        "    ↳ {}",
        if other.is_empty() {
            "—".into()
        } else {
            v(&other)
        }
    )
}
