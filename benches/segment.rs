//! Segmentation throughput: the whole corpus, and 10 MB of synthetic text
//! per language and script (corpus sentences drawn by a fixed LCG), with raw jieba
//! `cut` on the same Chinese input in the same group so the wrapping's
//! overhead reads off the report.
//!
//! `cargo bench --bench segment`

use bitext::document::{Document, Format, Lang, Paragraph};
use bitext::segment::Segmenter;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::path::Path;

const SYNTHETIC_BYTES: usize = 10 * 1024 * 1024;

/// Every document of the corpus, ingested.
fn corpus() -> Vec<Document> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    bitext::ingest::read_corpus(&dir)
        .into_iter()
        .filter_map(|(_, r)| r.ok())
        .flat_map(|i| i.documents)
        .collect()
}

/// A document of about `bytes` bytes: sentences of `lang` from the
/// corpus, drawn by a fixed LCG, five to a paragraph.
fn synthetic(docs: &[Document], lang: Lang, bytes: usize) -> Document {
    let seg = Segmenter::new();
    let mut pool: Vec<String> = Vec::new();
    for d in docs.iter().filter(|d| d.lang == lang) {
        for s in seg.segment(d).sentences {
            pool.push(s.text);
        }
    }
    assert!(!pool.is_empty(), "no {lang} sentences in the corpus");
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut paragraphs = Vec::new();
    let mut total = 0;
    while total < bytes {
        let mut text = String::new();
        for _ in 0..5 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let s = &pool[(state >> 33) as usize % pool.len()];
            if !text.is_empty() && lang == Lang::En {
                text.push(' ');
            }
            text.push_str(s);
        }
        total += text.len();
        paragraphs.push(Paragraph {
            norm: String::new(),
            text,
            line: paragraphs.len() + 1,
            heading: false,
            line_starts: Vec::new(),
        });
    }
    Document {
        source: format!("synthetic.{lang}"),
        lang,
        encoding: "UTF-8".into(),
        format: Format::Text,
        paragraphs,
        dropped: Vec::new(),
    }
}

fn text_bytes(d: &Document) -> u64 {
    d.paragraphs.iter().map(|p| p.text.len() as u64).sum()
}

fn bench(c: &mut Criterion) {
    let seg = Segmenter::new();
    let jieba = jieba_rs::Jieba::new();
    let docs = corpus();

    let mut g = c.benchmark_group("corpus");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(docs.iter().map(text_bytes).sum()));
    g.bench_function("segment", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| seg.segment(black_box(d)).sentences.len())
                .sum::<usize>()
        })
    });
    g.finish();

    for lang in [Lang::ZhHans, Lang::ZhHant, Lang::En] {
        let doc = synthetic(&docs, lang, SYNTHETIC_BYTES);
        let mut g = c.benchmark_group(format!("synthetic-10MB-{lang}"));
        g.sample_size(10);
        g.throughput(Throughput::Bytes(text_bytes(&doc)));
        g.bench_function("segment", |b| {
            b.iter(|| seg.segment(black_box(&doc)).sentences.len())
        });
        g.bench_function("tokens", |b| {
            b.iter(|| {
                doc.paragraphs
                    .iter()
                    .map(|p| seg.tokens(black_box(&p.text), lang).len())
                    .sum::<usize>()
            })
        });
        g.bench_function("normalize", |b| {
            b.iter(|| {
                doc.paragraphs
                    .iter()
                    .map(|p| bitext::normalize::normalize(black_box(&p.text)).text.len())
                    .sum::<usize>()
            })
        });
        if lang.is_chinese() {
            g.bench_function("jieba-cut", |b| {
                b.iter(|| {
                    doc.paragraphs
                        .iter()
                        .map(|p| jieba.cut(black_box(&p.text), true).len())
                        .sum::<usize>()
                })
            });
            // The same cut on the matching keys (what `tokens` runs).
            let keys: Vec<String> = doc
                .paragraphs
                .iter()
                .map(|p| bitext::normalize::key(&p.text))
                .collect();
            g.bench_function("jieba-cut-key", |b| {
                b.iter(|| {
                    keys.iter()
                        .map(|k| jieba.cut(black_box(k), true).len())
                        .sum::<usize>()
                })
            });
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
