//! Document pairing at scale, measured: `cargo run --release --example
//! pairing -- [N]` (default 1000) makes N Chinese and N English documents
//! with known true pairs, pairs them with `bitext::align::pair_documents`,
//! and prints the time and the precision and recall of the pairs found.
//!
//! The documents are cut from the reports in `corpus/`: their paragraphs
//! are aligned once, and each generated document is 6 paragraph pairs
//! drawn from that pool. Documents come in families of 4 near-duplicates
//! that share 4 of their 6 paragraphs (the yearly-editions case), and no
//! document carries a marker of its own: only the combination of
//! paragraphs tells a document from its relatives. The English documents
//! are shuffled, and every document has its own file name, so neither
//! order nor names give the pairs away. Deterministic (xorshift, fixed
//! seed).

use bitext::align::{pair_documents, presplit, AlignConfig, Aligner, Relation};
use bitext::record::Level;
use bitext::segment::{SegmentedDoc, Segmenter};
use rayon::prelude::*;
use std::time::Instant;

/// Paragraphs per generated document, and how many a family shares.
const PARAGRAPHS: usize = 6;
const SHARED: usize = 4;
const FAMILY: usize = 4;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: usize = std::env::args()
        .nth(1)
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(1000);
    let t0 = Instant::now();
    let seg = Segmenter::new();
    let aligner = Aligner::new(AlignConfig::default())?;
    let pool = paragraph_pool(&aligner, &seg)?;
    eprintln!(
        "pool: {} paragraph pairs from corpus/ (setup {:.2} s)",
        pool.len(),
        t0.elapsed().as_secs_f64()
    );

    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let mut picks: Vec<Vec<usize>> = Vec::with_capacity(n);
    while picks.len() < n {
        let shared = rng.distinct(SHARED, pool.len(), &[]);
        for _ in 0..FAMILY.min(n - picks.len()) {
            let own = rng.distinct(PARAGRAPHS - SHARED, pool.len(), &shared);
            let mut p = shared.clone();
            p.extend(own);
            picks.push(p);
        }
    }
    // English document k renders Chinese document truth[k].
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        order.swap(i, (rng.next() % (i as u64 + 1)) as usize);
    }
    let t1 = Instant::now();
    let zh: Vec<SegmentedDoc> = (0..n)
        .into_par_iter()
        .map(|k| make_doc(&seg, &format!("gen/zh_{k:05}.txt"), &picks[k], &pool, 0))
        .collect::<Result<_, _>>()?;
    let en: Vec<SegmentedDoc> = (0..n)
        .into_par_iter()
        .map(|k| {
            let truth = order[k];
            make_doc(&seg, &format!("gen/en_{k:05}.txt"), &picks[truth], &pool, 1)
        })
        .collect::<Result<_, _>>()?;
    let segment_secs = t1.elapsed().as_secs_f64();
    let docs: Vec<SegmentedDoc> = zh.into_iter().chain(en).collect();

    let t2 = Instant::now();
    let pairs = pair_documents(&docs, &aligner);
    let pair_secs = t2.elapsed().as_secs_f64();

    let found: Vec<(usize, usize)> = pairs
        .iter()
        .filter(|p| p.relation == Relation::Translation)
        .map(|p| (p.src, p.tgt - n))
        .collect();
    let correct = found.iter().filter(|&&(z, e)| order[e] == z).count();
    let precision = correct as f64 / found.len().max(1) as f64;
    let recall = correct as f64 / n as f64;
    println!(
        "{n} zh + {n} en documents ({} sentences): segmenting {segment_secs:.2} s, \
         pairing {pair_secs:.2} s ({} candidate pairs scored of {} combinations); \
         {} pairs found, {correct} true: precision {precision:.4}, recall {recall:.4}",
        docs.iter().map(|d| d.sentences.len()).sum::<usize>(),
        pairs.len(),
        n * n,
        found.len(),
    );
    Ok(())
}

/// 1-1 paragraph pairs of every bilingual report in `corpus/`, aligned at
/// paragraph level.
fn paragraph_pool(al: &Aligner, seg: &Segmenter) -> Result<Vec<[String; 2]>, bitext::Error> {
    let mut pool = Vec::new();
    for f in bitext::pipeline::corpus_files(std::path::Path::new("corpus"))? {
        let docs = bitext::ingest::read_file(&f)?.documents;
        let zh = docs.iter().find(|d| d.lang.is_chinese());
        let en = docs.iter().find(|d| !d.lang.is_chinese());
        let (Some(zh), Some(en)) = (zh, en) else {
            continue;
        };
        let (zs, es) = (seg.segment(zh), seg.segment(en));
        let a = al.align_docs(&zs, &es, Level::Paragraph, seg);
        for b in &a.beads {
            if b.src.len() == 1 && b.tgt.len() == 1 && b.score > 0.5 {
                let text = |u: &bitext::segment::Sentence| u.text.replace(['\n', '\r'], " ");
                pool.push([
                    text(&a.src_units[b.src.start]),
                    text(&a.tgt_units[b.tgt.start]),
                ]);
            }
        }
    }
    Ok(pool)
}

/// A document of the paragraphs `picks` of side `side` (0 Chinese, 1
/// English), one paragraph per line.
fn make_doc(
    seg: &Segmenter,
    name: &str,
    picks: &[usize],
    pool: &[[String; 2]],
    side: usize,
) -> Result<SegmentedDoc, bitext::Error> {
    let text: Vec<&str> = picks.iter().map(|&p| pool[p][side].as_str()).collect();
    let doc = presplit::from_text(&text.join("\n"), name, seg)?.doc;
    Ok(seg.segment(&doc))
}

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// `k` distinct values below `n`, none in `avoid`.
    fn distinct(&mut self, k: usize, n: usize, avoid: &[usize]) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::with_capacity(k);
        while out.len() < k {
            let v = (self.next() % n as u64) as usize;
            if !out.contains(&v) && !avoid.contains(&v) {
                out.push(v);
            }
        }
        out
    }
}
