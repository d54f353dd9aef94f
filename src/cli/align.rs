//! `bitext align`: align a Chinese text with its English translation and
//! print the beads (JSONL, TSV or the MAC bead format).

use anyhow::{bail, Context};
use bitext::align::{presplit, records, AlignConfig, Aligner, Bead, Side};
use bitext::record::Level;
use bitext::segment::{Segmenter, Sentence};
use bitext::Document;
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Output format.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutFormat {
    /// One JSON bead record per line (texts, indices, type, score).
    Jsonl,
    /// Tab-separated: score, type, source indices, target indices, source
    /// text, target text.
    Tsv,
    /// The MAC format: `[0,1]:[2]` (0-based line numbers).
    Beads,
}

/// Unit level.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum LevelArg {
    /// Paragraphs.
    Paragraph,
    /// Sentences (paragraph groups first, then sentences inside them).
    Sentence,
}

/// Arguments of `bitext align`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// SRC [TGT]: one file holding both languages (Chinese is the source),
    /// or the source file then the target file.
    #[arg(num_args = 0..=2)]
    pub files: Vec<PathBuf>,
    /// Unit level.
    #[arg(long, value_enum, default_value = "sentence")]
    pub level: LevelArg,
    /// Inputs are already one sentence per line: no ingestion or splitting.
    #[arg(long)]
    pub presplit: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: OutFormat,
    /// Lexicon file (gzip TSV as built by data/build-lexicon.sh); default:
    /// $BITEXT_LEXICON, else the shipped CC-CEDICT.
    #[arg(long)]
    pub lexicon: Option<PathBuf>,
    /// Directory mode: align every file here with the same-named file in
    /// --tgt-dir (with --presplit).
    #[arg(long, requires_all = ["tgt_dir", "out_dir"])]
    pub src_dir: Option<PathBuf>,
    /// Directory mode: target files.
    #[arg(long)]
    pub tgt_dir: Option<PathBuf>,
    /// Directory mode: where to write one output per pair (`NAME.align`,
    /// `NAME.jsonl` or `NAME.tsv`).
    #[arg(long)]
    pub out_dir: Option<PathBuf>,
}

/// Runs `bitext align`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    // The lexicon and jieba's dictionary load at the same time.
    let cfg = AlignConfig {
        lexicon: args.lexicon.clone(),
        ..AlignConfig::default()
    };
    let (aligner, seg) = std::thread::scope(|s| {
        let lexicon = s.spawn(|| Aligner::new(cfg));
        let seg = Segmenter::new();
        (lexicon.join(), seg)
    });
    let aligner = aligner
        .map_err(|_| anyhow::anyhow!("loading the lexicon failed"))?
        .context("loading the lexicon")?;
    if let (Some(src), Some(tgt), Some(out)) = (&args.src_dir, &args.tgt_dir, &args.out_dir) {
        if !args.files.is_empty() {
            bail!("give either files or --src-dir/--tgt-dir/--out-dir, not both");
        }
        if !args.presplit {
            bail!("directory mode needs --presplit (one sentence per line)");
        }
        return run_dirs(src, tgt, out, args.format, &aligner, &seg);
    }
    let level = match args.level {
        LevelArg::Paragraph => Level::Paragraph,
        LevelArg::Sentence => Level::Sentence,
    };
    let aligned = match (args.presplit, args.files.as_slice()) {
        (_, []) => bail!("no input: give SRC [TGT], or --src-dir/--tgt-dir/--out-dir"),
        (true, [src, tgt]) => align_presplit(src, tgt, &aligner, &seg)?,
        (true, [_]) => bail!("--presplit needs two files, the source and the target"),
        (false, files) => align_documents(files, level, &aligner, &seg)?,
        (true, _) => bail!("too many inputs"),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    write(&mut out, &aligned, args.format)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// An aligned document pair with everything output needs.
struct Aligned {
    pair: String,
    level: Level,
    src_doc: Document,
    tgt_doc: Document,
    src_units: Vec<Sentence>,
    tgt_units: Vec<Sentence>,
    beads: Vec<Bead>,
}

fn align_presplit(
    src: &Path,
    tgt: &Path,
    aligner: &Aligner,
    seg: &Segmenter,
) -> anyhow::Result<Aligned> {
    let s = presplit::read(src, seg)?;
    let t = presplit::read(tgt, seg)?;
    warn_languages(&s.doc, &t.doc);
    let beads = aligner.align(&s.units, &t.units);
    Ok(Aligned {
        pair: pair_name(src),
        level: Level::Sentence,
        src_doc: s.doc,
        tgt_doc: t.doc,
        src_units: s.units,
        tgt_units: t.units,
        beads,
    })
}

fn warn_languages(src: &Document, tgt: &Document) {
    if src.lang.is_chinese() == tgt.lang.is_chinese() {
        eprintln!(
            "bitext: warning: {} and {} are both {}; aligning on length and shared tokens only",
            src.source, tgt.source, src.lang
        );
    }
}

fn align_documents(
    files: &[PathBuf],
    level: Level,
    aligner: &Aligner,
    seg: &Segmenter,
) -> anyhow::Result<Aligned> {
    let mut docs = Vec::new();
    for f in files {
        let ing = bitext::ingest::read_file(f)?;
        if ing.documents.is_empty() {
            bail!("{}: no documents found", f.display());
        }
        docs.push(ing.documents);
    }
    let (src, tgt) = match docs.as_slice() {
        [one] => {
            let zh = one.iter().find(|d| d.lang.is_chinese());
            let en = one.iter().find(|d| !d.lang.is_chinese());
            match (zh, en) {
                (Some(z), Some(e)) => (z.clone(), e.clone()),
                _ => bail!(
                    "{}: holds only one language; give the translation as a second file",
                    files[0].display()
                ),
            }
        }
        [a, b] => (a[0].clone(), b[0].clone()),
        _ => bail!("give one or two files"),
    };
    warn_languages(&src, &tgt);
    let (s, t) = (seg.segment(&src), seg.segment(&tgt));
    let al = aligner.align_docs(&s, &t, level, seg);
    Ok(Aligned {
        pair: pair_name(&files[0]),
        level,
        src_doc: src,
        tgt_doc: tgt,
        src_units: al.src_units,
        tgt_units: al.tgt_units,
        beads: al.beads,
    })
}

fn pair_name(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn write(out: &mut impl Write, a: &Aligned, format: OutFormat) -> anyhow::Result<()> {
    match format {
        OutFormat::Beads => {
            for b in &a.beads {
                let list = |r: &std::ops::Range<usize>| {
                    r.clone()
                        .map(|i| i.to_string())
                        .collect::<Vec<_>>()
                        .join(",")
                };
                writeln!(out, "[{}]:[{}]", list(&b.src), list(&b.tgt))?;
            }
        }
        OutFormat::Jsonl | OutFormat::Tsv => {
            let recs = records(
                &a.pair,
                a.level,
                Side {
                    doc: &a.src_doc,
                    units: &a.src_units,
                },
                Side {
                    doc: &a.tgt_doc,
                    units: &a.tgt_units,
                },
                &a.beads,
            );
            for r in recs {
                if format == OutFormat::Jsonl {
                    serde_json::to_writer(&mut *out, &r)?;
                    writeln!(out)?;
                } else {
                    let idx = |v: &[usize]| {
                        v.iter()
                            .map(|i| i.to_string())
                            .collect::<Vec<_>>()
                            .join(",")
                    };
                    let text = |v: &[String]| v.join(" ").replace(['\t', '\n'], " ");
                    writeln!(
                        out,
                        "{:.3}\t{}\t{}\t{}\t{}\t{}",
                        r.score,
                        r.shape,
                        idx(&r.src_idx),
                        idx(&r.tgt_idx),
                        text(&r.src),
                        text(&r.tgt)
                    )?;
                }
            }
        }
    }
    Ok(())
}

fn run_dirs(
    src_dir: &Path,
    tgt_dir: &Path,
    out_dir: &Path,
    format: OutFormat,
    aligner: &Aligner,
    seg: &Segmenter,
) -> anyhow::Result<ExitCode> {
    let mut names: Vec<String> = std::fs::read_dir(src_dir)
        .with_context(|| format!("{}: cannot list", src_dir.display()))?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    std::fs::create_dir_all(out_dir)
        .with_context(|| format!("{}: cannot create", out_dir.display()))?;
    let ext = match format {
        OutFormat::Beads => "align",
        OutFormat::Jsonl => "jsonl",
        OutFormat::Tsv => "tsv",
    };
    let results: Vec<(String, anyhow::Result<()>)> = names
        .par_iter()
        .map(|name| {
            let r = (|| {
                let tgt = tgt_dir.join(name);
                if !tgt.is_file() {
                    bail!("{}: no target file of the same name", tgt.display());
                }
                let a = align_presplit(&src_dir.join(name), &tgt, aligner, seg)?;
                let path = out_dir.join(format!("{name}.{ext}"));
                let f = std::fs::File::create(&path)
                    .with_context(|| format!("{}: cannot write", path.display()))?;
                let mut w = std::io::BufWriter::new(f);
                write(&mut w, &a, format)?;
                w.flush()?;
                Ok(())
            })();
            (name.clone(), r)
        })
        .collect();
    let mut failed = 0;
    for (name, r) in results {
        if let Err(e) = r {
            failed += 1;
            eprintln!("bitext: error: {name}: {e:#}");
        }
    }
    if names.is_empty() {
        bail!("{}: no files to align", src_dir.display());
    }
    Ok(super::exit_code(failed > 0))
}
