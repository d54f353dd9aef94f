//! Criterion benchmarks of the aligner: lexicon load, and the per-sentence
//! cost of aligning a synthetic document pair (throughput in sentences).
use bitext::align::{AlignConfig, Aligner, Lexicon};
use bitext::segment::{Segmenter, Sentence};
use bitext::Lang;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

#[path = "../examples/synthetic.rs"]
mod synthetic;

fn units(seg: &Segmenter, text: &str, lang: Lang) -> Vec<Sentence> {
    text.lines().map(|l| seg.unit(l, lang)).collect()
}

fn bench(c: &mut Criterion) {
    c.bench_function("lexicon_load", |b| {
        b.iter(|| Lexicon::embedded().map(|l| l.len()).unwrap_or(0))
    });
    let seg = Segmenter::new();
    let Ok(aligner) = Aligner::new(AlignConfig::default()) else {
        return;
    };
    let mut g = c.benchmark_group("align");
    g.sample_size(10);
    for n in [300usize, 3000] {
        let (zh, en) = synthetic::synthetic_text(n);
        let (src, tgt) = (units(&seg, &zh, Lang::ZhHans), units(&seg, &en, Lang::En));
        g.throughput(Throughput::Elements(n as u64));
        g.bench_function(format!("synthetic_{n}_sentences"), |b| {
            b.iter(|| aligner.align(&src, &tgt).len())
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
