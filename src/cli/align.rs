//! `bitext align`: align a Chinese text with its English translation and
//! print the beads (JSONL, TSV or the MAC bead format).

use anyhow::{bail, Context};
use bitext::align::{lexicon::Lexicon, presplit};
use bitext::align::{AlignConfig, Aligner};
use bitext::export::beads;
use bitext::pair::{align_files, AlignedPair, PresplitPair};
use bitext::record::Level;
use bitext::segment::{Segmenter, Vocabulary};
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{mpsc, Arc, Mutex, OnceLock};
use std::thread::ScopedJoinHandle;

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
    /// $BITEXT_LEXICON, else the shipped CC-CEDICT + ECDICT lexicon.
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
    let cfg = AlignConfig {
        lexicon: args.lexicon.clone(),
        ..AlignConfig::default()
    };
    // The lexicon loads on its own thread while the inputs are read and
    // segmented. Presplit inputs are read first: jieba and the lexicon then
    // load only the words their units can hold (see `Vocabulary`).
    std::thread::scope(|s| {
        let (send_vocab, vocab) = mpsc::channel::<Arc<Vocabulary>>();
        let load = move || {
            // No vocabulary (sender dropped): the whole lexicon.
            let lexicon = match vocab.recv() {
                Ok(v) => Lexicon::find_only(cfg.lexicon.as_deref(), &|w| v.covers(w)),
                Err(_) => Lexicon::find(cfg.lexicon.as_deref()),
            };
            Ok(Aligner::with_lexicon(cfg, lexicon?))
        };
        let aligner = Pending {
            loading: Mutex::new(Some(s.spawn(load))),
            ready: OnceLock::new(),
        };
        let inputs = if args.presplit {
            presplit_inputs(&args)
        } else {
            Vec::new()
        };
        let seg = if inputs.is_empty() {
            drop(send_vocab);
            Segmenter::new()
        } else {
            let units = inputs.iter().flat_map(|t| presplit::units(t));
            let vocab = Arc::new(Vocabulary::of_units(units));
            // A send fails only when the loader has ended: it then reports.
            let _ = send_vocab.send(vocab.clone());
            Segmenter::for_vocabulary(vocab)
        };
        drop(inputs);
        run_with(&args, &aligner, &seg)
    })
}

/// The aligner while its lexicon loads on another thread.
struct Pending<'s> {
    loading: Mutex<Option<ScopedJoinHandle<'s, bitext::Result<Aligner>>>>,
    ready: OnceLock<Result<Aligner, String>>,
}

impl Pending<'_> {
    /// The aligner, once loaded (the first caller waits for it).
    fn get(&self) -> anyhow::Result<&Aligner> {
        let ready = self.ready.get_or_init(|| {
            let loading = self.loading.lock().ok().and_then(|mut h| h.take());
            match loading.map(|h| h.join()) {
                Some(Ok(Ok(aligner))) => Ok(aligner),
                Some(Ok(Err(e))) => Err(format!("loading the lexicon: {e}")),
                _ => Err("loading the lexicon failed".into()),
            }
        });
        ready.as_ref().map_err(|e| anyhow::anyhow!("{e}"))
    }
}

fn run_with(args: &Args, aligner: &Pending, seg: &Segmenter) -> anyhow::Result<ExitCode> {
    if let (Some(src), Some(tgt), Some(out)) = (&args.src_dir, &args.tgt_dir, &args.out_dir) {
        if !args.files.is_empty() {
            bail!("give either files or --src-dir/--tgt-dir/--out-dir, not both");
        }
        if !args.presplit {
            bail!("directory mode needs --presplit (one sentence per line)");
        }
        return run_dirs(src, tgt, out, args.format, aligner, seg);
    }
    let level = match args.level {
        LevelArg::Paragraph => Level::Paragraph,
        LevelArg::Sentence => Level::Sentence,
    };
    let aligned = match (args.presplit, args.files.as_slice()) {
        (_, []) => bail!("no input: give SRC [TGT], or --src-dir/--tgt-dir/--out-dir"),
        (true, [src, tgt]) => PresplitPair::read(src, tgt, seg)?.align(aligner.get()?),
        (true, [_]) => bail!("--presplit needs two files, the source and the target"),
        (false, files) => align_files(files, level, aligner.get()?, seg)?,
        (true, _) => bail!("too many inputs"),
    };
    warn_languages(&aligned);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    write(&mut out, &aligned, args.format)?;
    out.flush()?;
    // The process ends here and the system takes its memory back at once;
    // freeing a long pair's tokens one by one took 0.1 s of wall time at
    // 100k sentences.
    std::mem::forget(aligned);
    Ok(ExitCode::SUCCESS)
}

/// The texts of the presplit inputs that can be read (the others fail
/// later, with their messages), up to [`KNOWN_TEXT_BYTES`] in all: for
/// more, listing what they hold costs as much as loading jieba whole.
fn presplit_inputs(args: &Args) -> Vec<String> {
    let mut paths: Vec<PathBuf> = args.files.clone();
    for dir in [&args.src_dir, &args.tgt_dir].into_iter().flatten() {
        if let Ok(entries) = std::fs::read_dir(dir) {
            paths.extend(entries.filter_map(|e| e.ok()).map(|e| e.path()));
        }
    }
    let mut total = 0;
    let mut texts = Vec::new();
    for p in paths.iter().filter(|p| p.is_file()) {
        total += p.metadata().map_or(0, |m| m.len());
        if total > KNOWN_TEXT_BYTES {
            return Vec::new();
        }
        texts.extend(std::fs::read_to_string(p).ok());
    }
    texts
}

/// See [`presplit_inputs`].
const KNOWN_TEXT_BYTES: u64 = 4 << 20;

fn warn_languages(a: &AlignedPair) {
    if a.same_language() {
        let both = if a.src.lang.is_chinese() {
            "Chinese"
        } else {
            "English"
        };
        eprintln!(
            "bitext: warning: {} ({}) and {} ({}) are both {both}; aligning on length and shared tokens only",
            a.src.source, a.src.lang, a.tgt.source, a.tgt.lang
        );
    }
    for w in a.warnings() {
        eprintln!("bitext: warning: {w}");
    }
}

fn write(out: &mut impl Write, a: &AlignedPair, format: OutFormat) -> std::io::Result<()> {
    match format {
        OutFormat::Beads => beads::write_mac(out, &a.beads),
        OutFormat::Jsonl => bitext::export::jsonl::write(out, &a.records()),
        OutFormat::Tsv => beads::write_tsv(out, &a.records()),
    }
}

fn run_dirs(
    src_dir: &Path,
    tgt_dir: &Path,
    out_dir: &Path,
    format: OutFormat,
    aligner: &Pending,
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
                let a = PresplitPair::read(&src_dir.join(name), &tgt, seg)?.align(aligner.get()?);
                warn_languages(&a);
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
    // A lexicon that failed to load fails every file: say it once.
    aligner.get()?;
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
