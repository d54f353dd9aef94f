//! Writes a JSON Lines stream of document pairs for `bitext stream` (the
//! Spark and Slurm tests and throughput runs):
//! `cargo run --release --example pairs -- N DIR > pairs.jsonl` cuts N
//! pairs out of the reports in `corpus/` (windows of 3–7 paragraphs of
//! each language) and cycles through every input form: texts, two files
//! (written into DIR), presplit sentence lists, and now and then a whole
//! bilingual report by path. Every 100th pair is broken on purpose (a
//! source without a target), so runs also exercise error records.
//! Deterministic.

use bitext::stream::PairInput;
use bitext::Document;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(dir)) = (args.first(), args.get(1)) else {
        return Err("usage: pairs N DIR > pairs.jsonl".into());
    };
    let n: usize = n.parse()?;
    let dir = PathBuf::from(dir);
    std::fs::create_dir_all(&dir)?;
    let mut reports = Vec::new();
    for f in bitext::pipeline::corpus_files(&PathBuf::from("corpus"))? {
        let docs = bitext::ingest::read_file(&f)?.documents;
        let zh = docs.iter().find(|d| d.lang.is_chinese()).cloned();
        let en = docs.iter().find(|d| !d.lang.is_chinese()).cloned();
        if let (Some(zh), Some(en)) = (zh, en) {
            reports.push((std::fs::canonicalize(&f)?, zh, en));
        }
    }
    if reports.is_empty() {
        return Err("corpus/ holds no bilingual report".into());
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for k in 0..n {
        let (file, zh, en) = &reports[k % reports.len()];
        let (src, tgt) = (
            window(zh, k, zh.paragraphs.len()),
            window(en, k, zh.paragraphs.len()),
        );
        let mut p = PairInput {
            id: format!("pair{k:05}"),
            ..PairInput::default()
        };
        match k % 4 {
            _ if k % 100 == 99 => p.src = Some(src.join("\n\n")),
            _ if k % 50 == 3 => p.path = Some(file.clone()),
            0 | 3 => {
                p.src = Some(src.join("\n\n"));
                p.tgt = Some(tgt.join("\n\n"));
            }
            1 => {
                let (s, t) = (
                    dir.join(format!("{k:05}.zh.txt")),
                    dir.join(format!("{k:05}.en.txt")),
                );
                std::fs::write(&s, src.join("\n\n"))?;
                std::fs::write(&t, tgt.join("\n\n"))?;
                p.src_path = Some(std::fs::canonicalize(s)?);
                p.tgt_path = Some(std::fs::canonicalize(t)?);
            }
            _ => {
                p.src_sentences = Some(src);
                p.tgt_sentences = Some(tgt);
            }
        }
        serde_json::to_writer(&mut out, &p)?;
        std::io::Write::write_all(&mut out, b"\n")?;
    }
    Ok(())
}

/// Paragraphs of `doc` in window `k` (3–7 paragraphs; the position is
/// scaled by `of`, the source's paragraph count, so both languages take
/// about the same part of the report).
fn window(doc: &Document, k: usize, of: usize) -> Vec<String> {
    let n = doc.paragraphs.len();
    let start = (k * 7 % of.max(1)) * n / of.max(1);
    let end = (start + 3 + k % 5).min(n);
    doc.paragraphs[start.min(n.saturating_sub(1))..end]
        .iter()
        .map(|p| p.text.replace(['\n', '\r'], " "))
        .collect()
}
