//! Document pairing at scale, measured: `cargo run --release --example
//! pairing -- [N]` (default 1000) makes N Chinese and N English documents
//! with known true pairs, pairs them with `bitext::align::pair_documents`,
//! and prints the time and the precision and recall of the pairs found.
//!
//! The documents are written from the shipped lexicon
//! (`data/lexicon-zh-en.tsv.gz`): a Chinese sentence is a run of headwords,
//! its English translation the first gloss stem of each. Half of every
//! sentence's words come from a common vocabulary all documents share (the
//! words every report uses), the rest from its family's or its own
//! vocabulary. Documents come in families of 4 near-duplicates sharing 8 of
//! their 12 sentences (the yearly-editions case), and no document carries a
//! marker of its own. The English documents are shuffled, and every
//! document has its own file name, so neither order nor names give the
//! pairs away. Deterministic (xorshift, fixed seed).

use bitext::align::{pair_documents, presplit, AlignConfig, Aligner, Relation};
use bitext::segment::{SegmentedDoc, Segmenter};
use rayon::prelude::*;
use std::time::Instant;

/// Sentences per document, and how many a family shares.
const SENTENCES: usize = 12;
const SHARED: usize = 8;
const FAMILY: usize = 4;
/// Vocabulary sizes: common to all, per family, per document.
const COMMON: usize = 300;
const FAMILY_WORDS: usize = 60;
const OWN_WORDS: usize = 30;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: usize = std::env::args()
        .nth(1)
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(1000);
    let t0 = Instant::now();
    let seg = Segmenter::new();
    let aligner = Aligner::new(AlignConfig::default())?;
    let words = lexicon_words()?;
    eprintln!(
        "vocabulary: {} headwords (setup {:.2} s)",
        words.len(),
        t0.elapsed().as_secs_f64()
    );
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let common = rng.distinct(COMMON, words.len(), &[]);
    let sentence = |rng: &mut XorShift, own: &[usize]| -> Vec<usize> {
        let len = 6 + (rng.next() % 5) as usize;
        (0..len)
            .map(|i| {
                let from = if i % 2 == 0 { &common } else { own };
                from[(rng.next() % from.len() as u64) as usize]
            })
            .collect()
    };
    // The word indices of each sentence of each Chinese document.
    let mut texts: Vec<Vec<Vec<usize>>> = Vec::with_capacity(n);
    while texts.len() < n {
        let family = rng.distinct(FAMILY_WORDS, words.len(), &common);
        let shared: Vec<Vec<usize>> = (0..SHARED).map(|_| sentence(&mut rng, &family)).collect();
        for _ in 0..FAMILY.min(n - texts.len()) {
            let own = rng.distinct(OWN_WORDS, words.len(), &common);
            let mut doc = shared.clone();
            for _ in SHARED..SENTENCES {
                let at = (rng.next() % (doc.len() as u64 + 1)) as usize;
                doc.insert(at, sentence(&mut rng, &own));
            }
            texts.push(doc);
        }
    }
    // English document k renders Chinese document order[k].
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        order.swap(i, (rng.next() % (i as u64 + 1)) as usize);
    }
    let t1 = Instant::now();
    let zh: Vec<SegmentedDoc> = (0..n)
        .into_par_iter()
        .map(|k| make_doc(&seg, &format!("gen/zh_{k:05}.txt"), &texts[k], &words, 0))
        .collect::<Result<_, _>>()?;
    let en: Vec<SegmentedDoc> = (0..n)
        .into_par_iter()
        .map(|k| {
            let truth = order[k];
            make_doc(
                &seg,
                &format!("gen/en_{k:05}.txt"),
                &texts[truth],
                &words,
                1,
            )
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

/// (Chinese headword, English gloss stem) pairs of the shipped lexicon:
/// headwords of 2–4 Han characters with a gloss of 3 letters or more.
fn lexicon_words() -> Result<Vec<[String; 2]>, Box<dyn std::error::Error>> {
    let gz = std::fs::read("data/lexicon-zh-en.tsv.gz")?;
    let mut text = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gz[..]), &mut text)?;
    let mut lines = text.lines().skip(1);
    let count: usize = lines
        .next()
        .and_then(|l| l.strip_prefix("#stems\t"))
        .ok_or("lexicon: no stem count")?
        .parse()?;
    let stems: Vec<&str> = lines.by_ref().take(count).collect();
    let mut words = Vec::new();
    for line in lines {
        let mut cols = line.split('\t');
        let (Some(head), _, Some(ids)) = (cols.next(), cols.next(), cols.next()) else {
            continue;
        };
        let han = head.chars().count();
        if !(2..=4).contains(&han) || !head.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        {
            continue;
        }
        let gloss = ids
            .split(' ')
            .filter_map(|i| stems.get(i.parse::<usize>().ok()?))
            .find(|s| s.len() >= 3 && s.chars().all(|c| c.is_ascii_lowercase()));
        if let Some(g) = gloss {
            words.push([head.to_string(), g.to_string()]);
        }
    }
    Ok(words)
}

/// Side `side` (0 Chinese, 1 English) of a document whose sentences are
/// the word indices `text`, one sentence per line.
fn make_doc(
    seg: &Segmenter,
    name: &str,
    text: &[Vec<usize>],
    words: &[[String; 2]],
    side: usize,
) -> Result<SegmentedDoc, bitext::Error> {
    let lines: Vec<String> = text
        .iter()
        .map(|s| {
            let w: Vec<&str> = s.iter().map(|&i| words[i][side].as_str()).collect();
            if side == 0 {
                format!("{}。", w.concat())
            } else {
                format!("The {}.", w.join(" "))
            }
        })
        .collect();
    let doc = presplit::from_text(&lines.join("\n"), name, seg)?.doc;
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
