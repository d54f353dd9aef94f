//! Development tool: ablation, leave-one-file-out cross-validation of the
//! cost parameters, and calibration of the confidence score on MAC-Dev.
//!
//! `cargo run --release --example tune -- [ablation|cv|cv-regroup|cv-added|calib|one] [MAC-DEV]`
//! (default data path `../shared/eval/mac-dev`). Prints numbers only; the
//! chosen constants are copied by hand into `src/align/params.rs`. Exits
//! quietly when the data is absent.

use bitext::align::eval::{self, Counts, IndexBead};
use bitext::align::{
    calibration_inputs, presplit, priors_from_counts, AlignConfig, Aligner, Components, Params,
    SHAPES,
};
use bitext::segment::{Segmenter, Sentence};
use std::path::{Path, PathBuf};

struct File {
    name: String,
    src: Vec<Sentence>,
    tgt: Vec<Sentence>,
    gold: Vec<IndexBead>,
}

fn load(dir: &Path) -> Vec<File> {
    let seg = Segmenter::new();
    let mut names: Vec<String> = std::fs::read_dir(dir.join("src"))
        .expect("src dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let src = presplit::read(&dir.join("src").join(&name), &seg).expect("src");
            let tgt = presplit::read(&dir.join("tgt").join(&name), &seg).expect("tgt");
            let gold = eval::read(&dir.join("gold").join(format!("{name}.align"))).expect("gold");
            File {
                name,
                src: src.units,
                tgt: tgt.units,
                gold,
            }
        })
        .collect()
}

/// Aligns every file; per-file predictions.
fn predict(al: &Aligner, files: &[File]) -> Vec<Vec<IndexBead>> {
    use rayon::prelude::*;
    files
        .par_iter()
        .map(|f| eval::from_beads(&al.align(&f.src, &f.tgt)))
        .collect()
}

fn score(files: &[File], preds: &[Vec<IndexBead>], which: &[usize]) -> Counts {
    let mut c = Counts::default();
    for &k in which {
        c.add(&files[k].gold, &preds[k]);
    }
    c
}

fn line(label: &str, c: &Counts) {
    let r = c.report();
    println!(
        "{label:<44} strict P {:.3} R {:.3} F1 {:.3} | lax P {:.3} R {:.3} F1 {:.3} | all F1 {:.3}",
        r.strict.p, r.strict.r, r.strict.f1, r.lax.p, r.lax.r, r.lax.f1, r.all_beads.f1
    );
}

/// Shape counts of the gold beads of `which`.
fn shape_counts(files: &[File], which: &[usize]) -> [f32; SHAPES.len()] {
    let mut c = [0.0f32; SHAPES.len()];
    for &k in which {
        for b in &files[k].gold {
            if let Some(i) = SHAPES
                .iter()
                .position(|s| s.src == b.src.len() && s.tgt == b.tgt.len())
            {
                c[i] += 1.0;
            }
        }
    }
    c
}

fn ablation(al: &mut Aligner, files: &[File]) {
    let all: Vec<usize> = (0..files.len()).collect();
    let off = Components {
        lexicon: false,
        names_numbers: false,
        priors: false,
        model1: false,
        refit_length: false,
    };
    // Rows are scored without the evidence added in later rows:
    // punctuation keys, the local matchable weight, quotation boundaries,
    // the post-search merges and 1-0 splits.
    let search_only = Params {
        merge_words: usize::MAX,
        merge_words_en: usize::MAX,
        null_mass: f32::INFINITY,
        added_prior: 0.0,
        ..Params::default()
    };
    let before = Params {
        punctuation: 0.0,
        local_share: 0.0,
        quote_penalty: 0.0,
        ..search_only.clone()
    };
    let steps = [
        ("length only (shapes n+m <= 8, per-pair ratio)", off),
        (
            "+ lexicon",
            Components {
                lexicon: true,
                ..off
            },
        ),
        (
            "+ numbers, Latin tokens, names",
            Components {
                lexicon: true,
                names_numbers: true,
                ..off
            },
        ),
        (
            "+ shape priors",
            Components {
                lexicon: true,
                names_numbers: true,
                priors: true,
                ..off
            },
        ),
        (
            "+ length variance refit (2nd pass)",
            Components {
                lexicon: true,
                names_numbers: true,
                priors: true,
                refit_length: true,
                ..off
            },
        ),
        ("+ Model 1 table (2nd pass)", Components::default()),
    ];
    let later = [
        (
            "+ questions, exclamations, quotes as keys",
            Params {
                punctuation: search_only.punctuation,
                ..before.clone()
            },
        ),
        (
            "+ local matchable weight (2nd pass)",
            Params {
                quote_penalty: 0.0,
                ..search_only.clone()
            },
        ),
        ("+ quotation boundaries", search_only.clone()),
        (
            "+ merges where a Chinese clause crosses",
            Params {
                null_mass: f32::INFINITY,
                merge_words_en: usize::MAX,
                added_prior: 0.0,
                ..Params::default()
            },
        ),
        (
            "+ merges where an English clause crosses",
            Params {
                null_mass: f32::INFINITY,
                added_prior: 0.0,
                ..Params::default()
            },
        ),
        (
            "+ 1-0 for unexplained Chinese units",
            Params {
                added_prior: 0.0,
                ..Params::default()
            },
        ),
        ("+ 0-1 for added English units = default", Params::default()),
    ];
    let rows = steps
        .into_iter()
        .map(|(l, c)| (l, c, before.clone()))
        .chain(
            later
                .into_iter()
                .map(|(l, p)| (l, Components::default(), p)),
        );
    for (label, comp, params) in rows {
        al.set_params(params, comp);
        let t = std::time::Instant::now();
        let preds = predict(al, files);
        let c = score(files, &preds, &all);
        line(label, &c);
        eprintln!("  ({:.2} s)", t.elapsed().as_secs_f32());
    }
    al.set_params(Params::default(), Components::default());
    let preds = predict(al, files);
    for (k, f) in files.iter().enumerate() {
        line(&format!("  file {}", f.name), &score(files, &preds, &[k]));
    }
    let r = score(files, &preds, &all).report();
    println!("per type: gold, recall, predicted, precision");
    for (s, g, rec, p, prec) in r.by_shape {
        println!("  {s:<5} {g:>5} {rec:>6.3} {p:>5} {prec:>6.3}");
    }
}

/// The grid searched by cross-validation.
fn grid() -> Vec<Params> {
    let mut out = Vec::new();
    for &local_reach in &[1, 2, 3] {
        for &local_share in &[0.5f32, 0.6, 0.7] {
            for &prior_scale in &[0.35f32, 0.4, 0.45] {
                out.push(Params {
                    local_reach,
                    local_share,
                    prior_scale,
                    ..Params::default()
                });
            }
        }
    }
    out
}

/// The grid of the post-search regrouping (`cv-regroup`): crossing words
/// of a Chinese and of an English clause for a merge × least mass of a
/// 1-0 split; the rest at the defaults.
fn regroup_grid() -> Vec<Params> {
    let mut out = Vec::new();
    for &merge_words in &[2, 3, 4, usize::MAX] {
        for &merge_words_en in &[1, 2, 3, 4, usize::MAX] {
            for &null_mass in &[10.0f32, 15.0, 20.0, f32::INFINITY] {
                out.push(Params {
                    merge_words,
                    merge_words_en,
                    null_mass,
                    ..Params::default()
                });
            }
        }
    }
    out
}

/// The grid of the 0-1 decision (`cv-added`): the prior share of added
/// target units, from off to ten times MAC-Dev's rate; the rest at the
/// defaults.
fn added_grid() -> Vec<Params> {
    [0.0f32, 0.001, 0.002, 0.005, 0.01, 0.02]
        .into_iter()
        .map(|added_prior| Params {
            added_prior,
            ..Params::default()
        })
        .collect()
}

/// The settings `cv` reports for a grid point.
fn describe(g: &Params) -> String {
    format!(
        "local_reach {} local_share {} prior_scale {} merge_words {} merge_words_en {} null_mass {} added_prior {}",
        g.local_reach,
        g.local_share,
        g.prior_scale,
        g.merge_words,
        g.merge_words_en,
        g.null_mass,
        g.added_prior
    )
}

fn cv(al: &mut Aligner, files: &[File], grid: Vec<Params>) {
    let n = files.len();
    // Fold k's priors come from the other files' gold; so predictions
    // depend on the fold: preds[fold][g][file].
    let mut results: Vec<Vec<Vec<Vec<IndexBead>>>> = Vec::new();
    for k in 0..n {
        let train: Vec<usize> = (0..n).filter(|&i| i != k).collect();
        let prior = priors_from_counts(&shape_counts(files, &train));
        let mut per_g = Vec::new();
        for g in &grid {
            al.set_params(Params { prior, ..g.clone() }, Components::default());
            per_g.push(predict(al, files));
        }
        results.push(per_g);
        eprintln!("fold {k} done");
    }
    let mut held = Counts::default();
    let mut chosen = Vec::new();
    for k in 0..n {
        let train: Vec<usize> = (0..n).filter(|&i| i != k).collect();
        let best = (0..grid.len())
            .max_by(|&a, &b| {
                let fa = score(files, &results[k][a], &train).report().strict.f1;
                let fb = score(files, &results[k][b], &train).report().strict.f1;
                fa.total_cmp(&fb).then(b.cmp(&a))
            })
            .unwrap_or(0);
        held.add(&files[k].gold, &results[k][best][k]);
        let g = &grid[best];
        let f = score(files, &results[k][best], &[k]).report().strict.f1;
        println!(
            "fold {} (held out): {} -> held-out strict F1 {f:.3}",
            files[k].name,
            describe(g)
        );
        chosen.push(best);
    }
    line("leave-one-file-out CV (pooled held-out)", &held);
    // The grid point best on all six files (with all-file priors).
    let all: Vec<usize> = (0..n).collect();
    let prior = priors_from_counts(&shape_counts(files, &all));
    let mut best = (f64::MIN, 0);
    for (gi, g) in grid.iter().enumerate() {
        al.set_params(Params { prior, ..g.clone() }, Components::default());
        let f = score(files, &predict(al, files), &all).report().strict.f1;
        if f > best.0 {
            best = (f, gi);
        }
    }
    let g = &grid[best.1];
    println!(
        "best on all files: {} -> strict F1 {:.3}",
        describe(g),
        best.0
    );
    println!(
        "shape counts (all files, add-one): {:?}",
        shape_counts(files, &all)
    );
}

/// Fits the logistic confidence map with leave-one-file-out CV and prints
/// reliability bins of the held-out predictions.
fn calib(al: &mut Aligner, files: &[File]) {
    al.set_params(Params::default(), Components::default());
    // (file, inputs, correct)
    let mut data: Vec<(usize, [f32; 5], bool)> = Vec::new();
    for (k, f) in files.iter().enumerate() {
        let gold: std::collections::BTreeSet<IndexBead> = f.gold.iter().cloned().collect();
        for (b, feat) in al.align_explained(&f.src, &f.tgt) {
            let ib = IndexBead {
                src: b.src.clone().collect(),
                tgt: b.tgt.clone().collect(),
            };
            data.push((k, calibration_inputs(&feat, b.shape()), gold.contains(&ib)));
        }
    }
    let fit = |rows: &[&(usize, [f32; 5], bool)]| -> [f32; 6] {
        let mut w = [0.0f32; 6];
        for _ in 0..3000 {
            let mut g = [0.0f32; 6];
            for (_, x, y) in rows {
                let z = w[0] + x.iter().zip(&w[1..]).map(|(a, b)| a * b).sum::<f32>();
                let p = 1.0 / (1.0 + (-z).exp());
                let e = p - if *y { 1.0 } else { 0.0 };
                g[0] += e;
                for i in 0..5 {
                    g[i + 1] += e * x[i];
                }
            }
            for i in 0..6 {
                w[i] -= 0.5 * (g[i] / rows.len() as f32 + 0.001 * if i > 0 { w[i] } else { 0.0 });
            }
        }
        w
    };
    let mut held: Vec<(f32, bool)> = Vec::new();
    for k in 0..files.len() {
        let train: Vec<&(usize, [f32; 5], bool)> = data.iter().filter(|r| r.0 != k).collect();
        let w = fit(&train);
        for (_, x, y) in data.iter().filter(|r| r.0 == k) {
            let z = w[0] + x.iter().zip(&w[1..]).map(|(a, b)| a * b).sum::<f32>();
            held.push((1.0 / (1.0 + (-z).exp()), *y));
        }
    }
    let all: Vec<&(usize, [f32; 5], bool)> = data.iter().collect();
    println!("coefficients on all files: {:?}", fit(&all));
    println!("reliability of held-out scores (bin: beads, mean score, share correct):");
    let mut brier = 0.0;
    for b in 0..10 {
        let lo = b as f32 / 10.0;
        let in_bin: Vec<&(f32, bool)> = held
            .iter()
            .filter(|(p, _)| *p >= lo && (*p < lo + 0.1 || b == 9))
            .collect();
        if in_bin.is_empty() {
            continue;
        }
        let mean = in_bin.iter().map(|x| x.0).sum::<f32>() / in_bin.len() as f32;
        let acc = in_bin.iter().filter(|x| x.1).count() as f32 / in_bin.len() as f32;
        println!(
            "  [{lo:.1}, {:.1}): {:>5} {mean:.3} {acc:.3}",
            lo + 0.1,
            in_bin.len()
        );
    }
    for (p, y) in &held {
        brier += (p - if *y { 1.0 } else { 0.0 }).powi(2);
    }
    println!("Brier score (held-out): {:.4}", brier / held.len() as f32);
}

/// Scores one setting given as `key=value` arguments.
fn one(al: &mut Aligner, files: &[File], kv: &[String]) {
    let mut p = Params::default();
    let mut c = Components::default();
    for a in kv {
        let (k, v) = a.split_once('=').expect("key=value");
        let x: f32 = v.parse().expect("number");
        match k {
            "len" => p.len_weight = x,
            "skip" => p.skip = x,
            "prior" => p.prior_scale = x,
            "smooth" => p.sim_smooth = x,
            "var" => p.len_var = x,
            "m1t" => p.m1_threshold = x,
            "m1c" => p.m1_min_count = x as u32,
            "share" => p.confident_share = x,
            "refit" => c.refit_length = x > 0.0,
            "m1" => c.model1 = x > 0.0,
            "names" => c.names_numbers = x > 0.0,
            "punct" => p.punctuation = x,
            "local" => p.local_share = x,
            "reach" => p.local_reach = x as usize,
            "quote" => p.quote_penalty = x,
            "mwords" => p.merge_words = x as usize,
            "mwords_en" => p.merge_words_en = x as usize,
            "nmass" => p.null_mass = x,
            "added" => p.added_prior = x,
            _ => panic!("unknown key {k}"),
        }
    }
    al.set_params(p, c);
    let preds = predict(al, files);
    let all: Vec<usize> = (0..files.len()).collect();
    let label = kv.join(" ");
    let c = score(files, &preds, &all);
    line(&label, &c);
    for (s, g, rec, p, prec) in c.report().by_shape {
        if s.contains("-0") || s.starts_with("0-") || s == "2-2" || s == "2-3" {
            print!("  {s} {g}/{rec:.2}/{p}/{prec:.2}");
        }
    }
    println!();
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = args.first().map(String::as_str).unwrap_or("ablation");
    let dir = args.get(1).map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/mac-dev")
    });
    if !dir.join("gold").is_dir() {
        eprintln!("tune: {} not found; nothing to do", dir.display());
        return;
    }
    let files = load(&dir);
    let mut al = Aligner::new(AlignConfig::default()).expect("lexicon");
    match mode {
        "ablation" => ablation(&mut al, &files),
        "cv" => cv(&mut al, &files, grid()),
        "cv-regroup" => cv(&mut al, &files, regroup_grid()),
        "cv-added" => cv(&mut al, &files, added_grid()),
        "calib" => calib(&mut al, &files),
        "one" => one(&mut al, &files, &args[2..]),
        other => eprintln!(
            "tune: unknown mode {other} (ablation | cv | cv-regroup | cv-added | calib | one)"
        ),
    }
}
