//! Sentence alignment of one pair of unit sequences, in two passes.
//!
//! Takes source and target units (sentences or paragraphs), the lexicon and
//! the configuration; gives beads covering every unit once, in order, with
//! scores. Pass one aligns with the lexicon, evidence, length and priors;
//! the confident beads of pass one re-estimate the length variance and
//! train a Model 1 table; pass two realigns with both, charging each
//! unit's lexical cost mostly against the words something near pass one's
//! path explains (dictionary gaps count for less). The band is the
//! whole matrix for short inputs; for long ones, pass one searches a
//! corridor around the path through the anchors (re-centred on the path it
//! finds while that path runs along its edge) and pass two a narrower
//! corridor around pass one's path, so time and memory grow with the
//! document's length, not its square.

use super::anchors;
use super::bead::Bead;
use super::calibrate;
use super::cost::{CostModel, Features};
use super::dp::{self, Band};
use super::encode::{Encoded, Evidence, Masks};
use super::lexicon::Lexicon;
use super::model1;
use super::params::Params;
use super::regroup;
use super::shape::{MAX_SIDE, SHAPES};
use super::AlignConfig;
use crate::length::BeadCost;
use crate::segment::Sentence;
use rayon::prelude::*;
use std::ops::Range;

/// Largest matrix (cells) searched whole; above it, a corridor through
/// anchors (same MAC-Dev F1 as the whole matrix, a third of the CPU time).
const FULL_CELLS: usize = 20_000;

/// Half-width of the first pass's corridor around the anchors for long
/// inputs (where the rough search runs), in target units.
const WIDTH: usize = 40;

/// Half-width of the first pass's corridor once a rough search has
/// centred it: the rough path is a far better centre than the anchors
/// (the full path strays from it by a few units; where it reaches the
/// edge, re-centring searches again). 12 gives the output of 40 on
/// MAC-Dev and the 100k bench text for 20% less CPU.
const ROUGH_CENTRED_WIDTH: usize = 12;

/// Half-width of the second pass's corridor, around the first pass's path
/// (the second pass moves the path only locally: 12 gives the output of
/// 20 on MAC-Dev and the 100k bench text for 12% less CPU).
const PASS_TWO_WIDTH: usize = 12;

/// Times a corridor is re-centred on the path found in it while that path
/// runs along its edge (the true path lies outside): each try costs one
/// search of the same narrow width, where widening would cost ever wider
/// ones.
const MAX_RECENTRES: usize = 4;

/// Source units per piece of a long search (see [`Pieces::search`]); the
/// pieces are searched in parallel. Fixed, so the result never depends on
/// the number of threads.
const CHUNK_ROWS: usize = 2048;

/// Aligns `src` with `tgt` (source is the Chinese side when the sides
/// differ in language).
pub fn align(
    src: &[Sentence],
    tgt: &[Sentence],
    lex: &Lexicon,
    cfg: &AlignConfig,
) -> Vec<(Bead, Features)> {
    align_avoiding(src, tgt, lex, cfg, &[])
}

/// Like [`align`], never grouping units as one of `forbidden` (source and
/// target ranges): those beads are taken out of the search before the cost
/// model relaxes a cell.
pub fn align_avoiding(
    src: &[Sentence],
    tgt: &[Sentence],
    lex: &Lexicon,
    cfg: &AlignConfig,
    forbidden: &[(Range<usize>, Range<usize>)],
) -> Vec<(Bead, Features)> {
    align_in_pieces(src, tgt, lex, cfg, forbidden, CHUNK_ROWS)
}

/// [`align_avoiding`], each pass searched in overlapping pieces of about
/// `chunk_rows` source units.
fn align_in_pieces(
    src: &[Sentence],
    tgt: &[Sentence],
    lex: &Lexicon,
    cfg: &AlignConfig,
    forbidden: &[(Range<usize>, Range<usize>)],
    chunk_rows: usize,
) -> Vec<(Bead, Features)> {
    let relax = |cm: &CostModel<'_>, i: usize, j: usize, acc: &mut [f32]| {
        for (fs, ft) in forbidden {
            if fs.end == i && ft.end == j {
                let k = SHAPES
                    .iter()
                    .position(|s| s.src == fs.end - fs.start && s.tgt == ft.end - ft.start);
                if let Some(k) = k {
                    acc[k] = f32::INFINITY;
                }
            }
        }
        cm.relax(i, j, acc);
    };
    let c = &cfg.components;
    let ev = Evidence {
        lexicon: c.lexicon,
        names_numbers: c.names_numbers,
        punctuation: if c.names_numbers {
            cfg.params.punctuation
        } else {
            0.0
        },
    };
    let mut params = cfg.params.clone();
    if !c.priors {
        params.prior_scale = 0.0;
    }
    let mut enc = Encoded::new(src, tgt, lex, ev);
    let (n, m) = (src.len(), tgt.len());
    let mut length = BeadCost::fit(&enc.src.chars, &enc.tgt.chars, params.len_var);

    let full = n * m <= FULL_CELLS;
    let band_around = |centre: &[usize], width: usize| {
        if full {
            Band::full(n, m)
        } else {
            Band::around(centre, width, m)
        }
    };
    // One pass: search the corridor around `centre` (in pieces of
    // `chunk_rows` source units), re-centring it on the path found while
    // that path runs along its edge.
    let search = |enc: &Encoded,
                  params: &Params,
                  length: BeadCost,
                  centre: &[usize],
                  mut width,
                  near: Option<&(Vec<f32>, Vec<f32>)>,
                  rough: bool| {
        let base = enc.masks(&[]);
        let cm = model(enc, &base, params, length, near);
        let pieces = Pieces {
            enc,
            cm: &cm,
            relax: &relax,
            only: &[],
        };
        let rows = if full { n.max(1) } else { chunk_rows };
        let mut band = band_around(centre, width);
        if rough && !full {
            // The anchors' centre can stray from the path for long
            // stretches (few words occur once in a long text): a rough
            // search with the common shapes finds where the path runs,
            // and the band is centred on it.
            let rough = Pieces {
                only: &ROUGH_SHAPES,
                ..pieces
            };
            width = ROUGH_CENTRED_WIDTH;
            band = band_around(&rough.centre(&band, rows), width);
        }
        let mut path = pieces.search(&band, rows);
        for _ in 0..MAX_RECENTRES {
            if !path.touched_edge || full {
                break;
            }
            let next = band_around(&path_centre(&path.steps, n), width);
            path = pieces.again(&band, &next, path, rows);
            band = next;
        }
        path
    };
    let centre = if full {
        Vec::new()
    } else {
        anchors::centre(&enc)
    };
    let mut path = search(&enc, &params, length, &centre, WIDTH, None, true);
    let mut near = None;

    // Pass two: length variance and Model 1 table from confident beads.
    if c.model1 || c.refit_length {
        let confident = {
            let none = enc.masks(&[]);
            let cm = CostModel::new(&enc, &none, length, &params);
            let win = beside(&path.steps, 0, n, m);
            let sims = along(&enc, &cm, &path.steps, &win, |cm, k| {
                let st = &path.steps[k];
                cm.features(st.src.clone(), st.tgt.clone()).sim
            });
            confident(&path.steps, &sims, params.confident_share)
        };
        if c.refit_length {
            let lens: Vec<(f32, f32)> = confident
                .iter()
                .map(|(s, t)| {
                    (
                        s.clone().map(|i| enc.src.chars[i]).sum(),
                        t.clone().map(|j| enc.tgt.chars[j]).sum(),
                    )
                })
                .collect();
            length.refit_var(&lens);
        }
        if c.model1 {
            let learned = model1::learn(&enc, &confident, params.m1_threshold, params.m1_min_count);
            enc.add_targets(&learned);
        }
        let centre = path_centre(&path.steps, n);
        let reach = params.local_reach.min(PASS_TWO_WIDTH);
        if params.local_share > 0.0 {
            let windows: Vec<Range<usize>> = (0..n)
                .map(|i| centre[i].saturating_sub(reach)..(centre[i + 1] + reach).min(m))
                .collect();
            near = Some(enc.local_totals(&windows));
        }
        path = search(
            &enc,
            &params,
            length,
            &centre,
            PASS_TWO_WIDTH,
            near.as_ref(),
            false,
        );
    }

    let none = enc.masks(&[]);
    let cm = model(&enc, &none, &params, length, near.as_ref());
    {
        // Regrouping costs beads made of units of adjacent beads on the
        // path: the windows of a band of width 0 around it (a bead's
        // side spans at most `MAX_SIDE` units) hold every unit pair they
        // need, at a third of the memory of a band of width
        // `MARGIN_WINDOW + MAX_SIDE`.
        let band = band_around(&path_centre(&path.steps, n), 0);
        let win: Vec<Range<usize>> = (0..n).map(|u| window(&band, u, n, m)).collect();
        let masks = enc.masks(&win);
        path.steps = regroup::regroup(path.steps, &cm.with_masks(&masks), &params, src, tgt, lex);
    }
    let steps = &path.steps;
    // A margin regroups a bead with the beads on either side.
    let win = beside(steps, 2, n, m);
    along(&enc, &cm, steps, &win, |cm, k| {
        let st = &steps[k];
        let mut f = cm.features(st.src.clone(), st.tgt.clone());
        f.margin = margin(steps, k, cm);
        let shape = super::Shape {
            src: st.src.len(),
            tgt: st.tgt.len(),
        };
        let bead = Bead {
            score: calibrate::score(&params.calibration, &f, shape),
            src: st.src.clone(),
            tgt: st.tgt.clone(),
        };
        (bead, f)
    })
}

/// Steps per chunk of the work done along a path (see [`along`]).
const STEP_CHUNK: usize = 1024;

/// For each source unit (of `n`), the target units of the steps `reach`
/// or fewer steps from its own: the pair masks a bead's features need
/// (`reach` 0) and those of its margin (2: the margins of the beads on
/// either side regroup their neighbours too).
fn beside(steps: &[dp::Step], reach: usize, n: usize, m: usize) -> Vec<Range<usize>> {
    let mut win = vec![0..0; n];
    for (k, st) in steps.iter().enumerate() {
        let lo = steps[k.saturating_sub(reach)].tgt.start;
        let hi = steps[(k + reach).min(steps.len() - 1)].tgt.end.min(m);
        for w in &mut win[st.src.clone()] {
            *w = lo..hi;
        }
    }
    win
}

/// `f(model, k)` for every step `k` of `steps`, in order, with `cm` over the
/// pair masks of the target units `win[u]` of each source unit `u` (see
/// [`beside`]). The
/// steps are taken in chunks, in parallel; each chunk computes the masks of
/// its own rows (and those of the steps on either side, which a margin
/// regroups), so memory follows the chunk, not the document.
fn along<T: Send>(
    enc: &Encoded,
    cm: &CostModel<'_>,
    steps: &[dp::Step],
    win: &[Range<usize>],
    f: impl Fn(&CostModel<'_>, usize) -> T + Sync,
) -> Vec<T> {
    let chunks: Vec<Vec<T>> = (0..steps.len().div_ceil(STEP_CHUNK))
        .into_par_iter()
        .map(|c| {
            let (a, b) = (c * STEP_CHUNK, ((c + 1) * STEP_CHUNK).min(steps.len()));
            let first = steps[a.saturating_sub(1)].src.start;
            let last = steps[b.min(steps.len() - 1)].src.end;
            let masks = enc.masks_from(first, &win[first..last]);
            let cm = cm.with_masks(&masks);
            (a..b).map(|k| f(&cm, k)).collect()
        })
        .collect();
    chunks.into_iter().flatten().collect()
}

/// The cost model of one search. With `near` (per unit, the matchable
/// weight of the items that target units near it on a previous path
/// explain; see [`super::encode::Masks::local_totals`]), the lexical cost
/// counts, in the share `params.local_share`, only those items.
fn model<'a>(
    enc: &'a Encoded,
    masks: &'a Masks,
    params: &'a Params,
    length: BeadCost,
    near: Option<&(Vec<f32>, Vec<f32>)>,
) -> CostModel<'a> {
    let cm = CostModel::new(enc, masks, length, params);
    match near {
        Some((ls, lt)) if params.local_share > 0.0 => {
            let b = params.local_share;
            let blend = |local: &[f32], all: &[f32]| -> Vec<f32> {
                local
                    .iter()
                    .zip(all)
                    .map(|(l, a)| b * l + (1.0 - b) * a)
                    .collect()
            };
            let (bs, bt) = (blend(ls, &enc.src.total), blend(lt, &enc.tgt.total));
            cm.with_totals(&bs, &bt)
        }
        _ => cm,
    }
}

/// Source units by which consecutive pieces of a search overlap (see
/// [`Pieces::search`]).
const OVERLAP: usize = 64;

/// A search in pieces: each piece computes the pair masks of its own rows
/// only, so memory follows the piece, not the document, and the pieces
/// run in parallel.
struct Pieces<'a, 'c, R> {
    enc: &'a Encoded,
    /// The cost model (its masks unused: each piece brings its own).
    cm: &'a CostModel<'c>,
    relax: &'a R,
    /// Indices into [`SHAPES`] of the only shapes searched (all when
    /// empty).
    only: &'a [usize],
}

/// The shapes of pass one's rough search (1-1, 1-0, 0-1, 1-2, 2-1; see
/// `rough` in [`align_in_pieces`]): most beads, a sixth of the shapes.
const ROUGH_SHAPES: [usize; 5] = [0, 1, 2, 3, 4];

impl<R: Fn(&CostModel<'_>, usize, usize, &mut [f32]) + Sync> Pieces<'_, '_, R> {
    /// The best path through `band` from cell `from` to cell `to`, both on
    /// it.
    fn between(&self, band: &Band, from: (usize, usize), to: (usize, usize)) -> dp::Path {
        let enc = self.enc;
        let (n, m) = (enc.src.len(), enc.tgt.len());
        let win: Vec<Range<usize>> = (from.0..to.0)
            .map(|u| {
                let w = window(band, u, n, m);
                let start = w.start.max(from.1);
                start..w.end.min(to.1).max(start)
            })
            .collect();
        let masks = enc.masks_from(from.0, &win);
        let cm = self.cm.with_masks(&masks);
        let sub = band.between(from, to);
        let (rows, cols) = (to.0 - from.0, to.1 - from.1);
        let mut p = if self.only.is_empty() {
            dp::search_cells(rows, cols, &sub, &SHAPES, |i, j, acc| {
                (self.relax)(&cm, i + from.0, j + from.1, acc)
            })
        } else {
            let shapes: Vec<_> = self.only.iter().map(|&k| SHAPES[k]).collect();
            let mut all = [f32::INFINITY; SHAPES.len()];
            dp::search_cells(rows, cols, &sub, &shapes, |i, j, acc| {
                all.fill(f32::INFINITY);
                for (a, &k) in acc.iter().zip(self.only) {
                    all[k] = *a;
                }
                (self.relax)(&cm, i + from.0, j + from.1, &mut all);
                for (a, &k) in acc.iter_mut().zip(self.only) {
                    *a = all[k];
                }
            })
        };
        for st in &mut p.steps {
            st.src = st.src.start + from.0..st.src.end + from.0;
            st.tgt = st.tgt.start + from.1..st.tgt.end + from.1;
        }
        p
    }

    /// The overlapping pieces of a search of `band` in about `rows` source
    /// units each, searched in parallel: the row each starts at, and its
    /// path (none when the band is one piece). Piece k covers rows
    /// `starts[k] - OVERLAP .. starts[k + 1] + OVERLAP`, from and to the
    /// band's centre.
    fn pieces(&self, band: &Band, rows: usize) -> (Vec<usize>, Vec<dp::Path>) {
        let (n, m) = (self.enc.src.len(), self.enc.tgt.len());
        let centre = |i: usize| band.cols(i).start + band.cols(i).len() / 2;
        let starts: Vec<usize> = (0..n.div_ceil(rows.max(1))).map(|k| k * rows).collect();
        if starts.len() < 2 || rows < 2 * OVERLAP {
            return (starts, Vec::new());
        }
        let pieces = starts
            .par_iter()
            .map(|&s| {
                let i0 = s.saturating_sub(OVERLAP);
                let i1 = (s + rows + OVERLAP).min(n);
                let from = if i0 == 0 { (0, 0) } else { (i0, centre(i0)) };
                let to = if i1 == n { (n, m) } else { (i1, centre(i1)) };
                self.between(band, from, to)
            })
            .collect();
        (starts, pieces)
    }

    /// Where the best path through `band` runs (see [`path_centre`]),
    /// from its pieces (each gives the rows it covers; no join needed):
    /// a centre for a band, not a path.
    fn centre(&self, band: &Band, rows: usize) -> Vec<usize> {
        let (n, m) = (self.enc.src.len(), self.enc.tgt.len());
        let (_, pieces) = self.pieces(band, rows);
        if pieces.is_empty() {
            return path_centre(&self.between(band, (0, 0), (n, m)).steps, n);
        }
        let mut centre = vec![0; n + 1];
        for p in &pieces {
            fill_centre(&p.steps, &mut centre);
        }
        centre
    }

    /// Searches `band` in overlapping pieces of about `rows` source units,
    /// in parallel, and joins consecutive pieces at a bead boundary both
    /// paths share inside their overlap: a search started or ended off the
    /// best path rejoins it within a few beads, so the joined path is the
    /// one a single search finds. When two pieces share no boundary, the
    /// band is searched in one piece.
    fn search(&self, band: &Band, rows: usize) -> dp::Path {
        let (n, m) = (self.enc.src.len(), self.enc.tgt.len());
        let (starts, pieces) = self.pieces(band, rows);
        if pieces.len() < 2 {
            return self.between(band, (0, 0), (n, m));
        }
        // Join piece k - 1 and piece k at the shared boundary nearest to
        // row starts[k].
        let mut steps: Vec<dp::Step> = Vec::new();
        let mut from = 0; // first step of the current piece to keep
        for (k, piece) in pieces.iter().enumerate() {
            let Some(next) = pieces.get(k + 1) else {
                steps.extend_from_slice(&piece.steps[from..]);
                break;
            };
            let ends: std::collections::HashMap<(usize, usize), usize> = piece
                .steps
                .iter()
                .enumerate()
                .skip(from)
                .map(|(x, st)| ((st.src.end, st.tgt.end), x))
                .collect();
            let row = starts[k + 1];
            let join = next
                .steps
                .iter()
                .enumerate()
                .filter_map(|(y, st)| {
                    let at = (st.src.start, st.tgt.start);
                    ends.get(&at).map(|&x| (at.0.abs_diff(row), x, y))
                })
                .min();
            let Some((_, x, y)) = join else {
                return self.between(band, (0, 0), (n, m));
            };
            steps.extend_from_slice(&piece.steps[from..=x]);
            from = y;
        }
        let touched_edge = steps
            .iter()
            .any(|st| band.on_edge(st.src.end, st.tgt.end, m));
        dp::Path {
            steps,
            touched_edge,
        }
    }
}

/// Source units searched again on either side of a bead that ran along
/// the band's edge (see [`Pieces::again`]).
const AGAIN_ROWS: usize = 256;

impl<R: Fn(&CostModel<'_>, usize, usize, &mut [f32]) + Sync> Pieces<'_, '_, R> {
    /// `path`, found in `old`, searched again in `band` (re-centred on
    /// it) only where it ran along an inner edge of `old`: between bead
    /// boundaries about [`AGAIN_ROWS`] source units before and after each
    /// such bead, in parallel. Elsewhere the band did not hold the path
    /// back, and it keeps its beads. When a stretch is longer than two
    /// pieces of `rows`, the whole band is searched again (in pieces).
    fn again(&self, old: &Band, band: &Band, path: dp::Path, rows: usize) -> dp::Path {
        let m = self.enc.tgt.len();
        let steps = path.steps;
        let inside = |i: usize, j: usize| band.cols(i).contains(&j);
        // Stretches of steps `a..b` to search again, in order, disjoint.
        let mut stretches: Vec<(usize, usize)> = Vec::new();
        for (k, st) in steps.iter().enumerate() {
            if !old.on_edge(st.src.end, st.tgt.end, m) {
                continue;
            }
            let (lo, hi) = (
                st.src.end.saturating_sub(AGAIN_ROWS),
                st.src.end + AGAIN_ROWS,
            );
            let mut a = k;
            while a > 0
                && (steps[a].src.start > lo || !inside(steps[a].src.start, steps[a].tgt.start))
            {
                a -= 1;
            }
            let mut b = k + 1;
            while b < steps.len()
                && (steps[b - 1].src.end < hi
                    || !inside(steps[b - 1].src.end, steps[b - 1].tgt.end))
            {
                b += 1;
            }
            match stretches.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => stretches.push((a, b)),
            }
        }
        if stretches
            .iter()
            .any(|&(a, b)| steps[b - 1].src.end - steps[a].src.start > 2 * rows)
        {
            return self.search(band, rows);
        }
        let found: Vec<dp::Path> = stretches
            .par_iter()
            .map(|&(a, b)| {
                let from = (steps[a].src.start, steps[a].tgt.start);
                let to = (steps[b - 1].src.end, steps[b - 1].tgt.end);
                self.between(band, from, to)
            })
            .collect();
        let mut out = Vec::with_capacity(steps.len());
        let mut next = 0;
        for (&(a, b), p) in stretches.iter().zip(found) {
            out.extend_from_slice(&steps[next..a]);
            out.extend(p.steps);
            next = b;
        }
        out.extend_from_slice(&steps[next..]);
        let touched_edge = out.iter().any(|st| band.on_edge(st.src.end, st.tgt.end, m));
        dp::Path {
            steps: out,
            touched_edge,
        }
    }
}

/// Most units per side of the local window a margin is computed over.
const MARGIN_WINDOW: usize = 10;

/// How much more the neighbourhood of bead `k` (it and the beads on either
/// side) costs when regrouped without bead `k`: the bead's cost margin.
fn margin(steps: &[dp::Step], k: usize, cm: &CostModel<'_>) -> f32 {
    let lo = k.saturating_sub(1);
    let hi = (k + 1).min(steps.len() - 1);
    let (s0, s1) = (steps[lo].src.start, steps[hi].src.end);
    let (t0, t1) = (steps[lo].tgt.start, steps[hi].tgt.end);
    let (n, m) = (s1 - s0, t1 - t0);
    if n > MARGIN_WINDOW || m > MARGIN_WINDOW {
        return 0.0;
    }
    let here: f32 = steps[lo..=hi].iter().map(|s| s.cost).sum();
    let (bs, bt) = (&steps[k].src, &steps[k].tgt);
    let alt = dp::search(n, m, &Band::full(n, m), &SHAPES, |s, t| {
        if s.start + s0 == bs.start
            && s.end + s0 == bs.end
            && t.start + t0 == bt.start
            && t.end + t0 == bt.end
        {
            f32::INFINITY
        } else {
            cm.cost(s.start + s0..s.end + s0, t.start + t0..t.end + t0)
        }
    });
    let alt_cost: f32 = alt.steps.iter().map(|s| s.cost).sum();
    if alt_cost.is_finite() {
        (alt_cost - here).max(0.0)
    } else {
        MARGIN_WINDOW as f32
    }
}

/// The non-null beads of `steps` with the highest similarity (`sims[k]`
/// of step `k`; `share` of them), in document order.
fn confident(steps: &[dp::Step], sims: &[f32], share: f32) -> Vec<(Range<usize>, Range<usize>)> {
    let mut scored: Vec<(f32, usize)> = steps
        .iter()
        .zip(sims)
        .enumerate()
        .filter(|(_, (s, _))| !s.src.is_empty() && !s.tgt.is_empty())
        .map(|(k, (_, &sim))| (sim, k))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.truncate(((scored.len() as f32) * share).ceil() as usize);
    let mut keep: Vec<usize> = scored.into_iter().map(|x| x.1).collect();
    keep.sort_unstable();
    keep.into_iter()
        .map(|k| (steps[k].src.clone(), steps[k].tgt.clone()))
        .collect()
}

/// The target position the path through `steps` reaches at each source
/// position `0..=n` (interpolated inside a bead).
fn path_centre(steps: &[dp::Step], n: usize) -> Vec<usize> {
    let mut centre = vec![0; n + 1];
    fill_centre(steps, &mut centre);
    centre
}

/// Sets [`path_centre`]'s entries at the source positions `steps` cover.
fn fill_centre(steps: &[dp::Step], centre: &mut [usize]) {
    for st in steps {
        let (s, t) = (&st.src, &st.tgt);
        for i in s.clone() {
            centre[i] = t.start + (i - s.start) * t.len() / s.len();
        }
        centre[s.end] = t.end;
    }
}

/// The target units source unit `u` can share a bead with inside `band`.
fn window(band: &Band, u: usize, n: usize, m: usize) -> Range<usize> {
    let first = band.cols(u + 1).start.saturating_sub(MAX_SIDE);
    let last = band.cols((u + MAX_SIDE).min(n)).end.min(m);
    first..last.max(first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Segmenter;
    use crate::Lang;

    fn covers(beads: &[(Bead, Features)], n: usize, m: usize) -> bool {
        let (mut i, mut j) = (0, 0);
        for (b, _) in beads {
            if b.src.start != i || b.tgt.start != j || !(0.0..=1.0).contains(&b.score) {
                return false;
            }
            i = b.src.end;
            j = b.tgt.end;
        }
        i == n && j == m
    }

    #[test]
    fn mismatched_and_empty_inputs_still_cover_every_unit() {
        let seg = Segmenter::new();
        let lex = Lexicon::empty();
        let cfg = AlignConfig::default();
        let zh: Vec<Sentence> = ["你好。", "我们走吧。", "", "谢谢！"]
            .iter()
            .map(|t| seg.unit(t, Lang::ZhHans))
            .collect();
        let en: Vec<Sentence> = (0..200)
            .map(|k| seg.unit(&format!("Line {k} of a much longer text."), Lang::En))
            .collect();
        for (s, t) in [
            (&zh[..], &en[..]),
            (&en[..], &zh[..]),
            (&zh[..0], &en[..5]),
            (&zh[..], &en[..0]),
        ] {
            let beads = align(s, t, &lex, &cfg);
            assert!(
                covers(&beads, s.len(), t.len()),
                "{} x {}",
                s.len(),
                t.len()
            );
        }
    }

    /// A long pair searched in overlapping pieces gives the beads (and
    /// scores) of one search over the whole band.
    #[test]
    fn pieces_give_the_path_of_one_search() {
        let seg = Segmenter::new();
        let lex = Lexicon::embedded().expect("embedded lexicon");
        let cfg = AlignConfig::default();
        let pairs = [
            ("今天天气很好。", "The weather is fine today."),
            ("我们去公园散步。", "We go for a walk in the park."),
            ("他买了三本书。", "He bought three books."),
            ("会议在北京举行。", "The meeting was held in Beijing."),
            (
                "孩子们在河边玩耍。",
                "The children are playing by the river.",
            ),
            ("她每天早上喝咖啡。", "She drinks coffee every morning."),
        ];
        let (mut zh, mut en) = (Vec::new(), Vec::new());
        for k in 0..600 {
            let (z, e) = pairs[k * 7 % pairs.len()];
            zh.push(seg.unit(&format!("{z}这是第{k}个。"), Lang::ZhHans));
            if k % 5 == 0 {
                en.push(seg.unit(e, Lang::En));
                en.push(seg.unit(&format!("It was number {k}."), Lang::En));
            } else {
                en.push(seg.unit(&format!("{e} It was number {k}."), Lang::En));
            }
            if k % 11 == 0 {
                en.push(seg.unit("Translator's note.", Lang::En));
            }
        }
        assert!(zh.len() * en.len() > FULL_CELLS && zh.len() > 2 * 200);
        let one = align_in_pieces(&zh, &en, &lex, &cfg, &[], usize::MAX);
        let pieces = align_in_pieces(&zh, &en, &lex, &cfg, &[], 200);
        assert!(covers(&one, zh.len(), en.len()));
        let beads = |v: &[(Bead, Features)]| v.iter().map(|(b, _)| b.clone()).collect::<Vec<_>>();
        let (a, b) = (beads(&one), beads(&pieces));
        // Paths equal; scores up to the rounding of the search's totals.
        let first = a.iter().zip(&b).position(|(x, y)| {
            x.src != y.src || x.tgt != y.tgt || (x.score - y.score).abs() > 1e-4
        });
        assert!(
            first.is_none() && a.len() == b.len(),
            "differ from bead {first:?}: {:?} vs {:?}",
            first.map(|k| &a[k.saturating_sub(2)..k + 2]),
            first.map(|k| &b[k.saturating_sub(2)..k + 2])
        );
    }
}
