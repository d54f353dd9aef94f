//! Turns the sentences of one document pair into integer items the cost
//! model can match quickly.
//!
//! Takes source (Chinese) and target (English) [`Sentence`]s and the
//! [`Lexicon`]; gives, per unit, its content items with IDF weights (rare
//! words weigh more), its length in characters, each source word's set of
//! target ids (lexicon glosses, numbers, Latin tokens, transliterated
//! names, and later what Model 1 learns), and an inverted index of the
//! target side. Pair masks ([`Masks`]) record, for each source unit and each
//! target unit near it, which items of either side the other explains.

use super::evidence;
use super::lexicon::{is_stop_word, Lexicon};
use crate::segment::{Sentence, TokenKind};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::ops::Range;

/// Most content items kept per unit (the highest-weighted ones): masks are
/// 64-bit.
pub const MAX_ITEMS: usize = 64;

/// Which evidence the encoder uses (for ablation).
#[derive(Debug, Clone, Copy)]
pub struct Evidence {
    /// CC-CEDICT glosses.
    pub lexicon: bool,
    /// Numbers, Latin tokens and transliterated names.
    pub names_numbers: bool,
    /// Weight of questions, exclamations and quoted speech on both sides
    /// relative to their IDF weight (0: not used).
    pub punctuation: f32,
}

/// One side's units as weighted items.
#[derive(Debug, Clone, Default)]
pub struct Side {
    /// Unit `u` owns items `start[u]..start[u + 1]`.
    pub start: Vec<u32>,
    /// Source side: word id; target side: target id.
    pub item: Vec<u32>,
    /// IDF weight of each item.
    pub weight: Vec<f32>,
    /// Whether an item can be matched at all (counts in coverage).
    pub active: Vec<bool>,
    /// Sum of active weights per unit.
    pub total: Vec<f32>,
    /// Length of each unit in characters (whitespace excluded).
    pub chars: Vec<f32>,
    /// Whether each unit ends inside quoted speech.
    pub quoted: Vec<bool>,
}

impl Side {
    /// Number of units.
    pub fn len(&self) -> usize {
        self.start.len().saturating_sub(1)
    }

    /// Item range of unit `u`.
    pub fn items(&self, u: usize) -> Range<usize> {
        self.start[u] as usize..self.start[u + 1] as usize
    }

    /// Weight of the items of unit `u` selected by `mask`.
    pub fn masked_weight(&self, u: usize, mut mask: u64) -> f32 {
        let base = self.start[u] as usize;
        let mut w = 0.0;
        while mask != 0 {
            let k = mask.trailing_zeros() as usize;
            w += self.weight[base + k];
            mask &= mask - 1;
        }
        w
    }

    fn recompute_totals(&mut self) {
        self.total = (0..self.len())
            .map(|u| {
                self.items(u)
                    .filter(|&k| self.active[k])
                    .map(|k| self.weight[k])
                    .sum()
            })
            .collect();
    }
}

/// A document pair, encoded.
#[derive(Debug, Clone)]
pub struct Encoded {
    /// Source (Chinese) units.
    pub src: Side,
    /// Target (English) units.
    pub tgt: Side,
    /// For each source word id, the target ids it translates to (sorted).
    pub word_targets: Vec<Vec<u32>>,
    /// Target id → (target unit, item slot), in unit order.
    postings: Postings,
}

/// Where each target id occurs: (target unit, item slot) pairs, in unit
/// order. Target ids are dense (the lexicon's stems, then the document's
/// own keys), so an offset table finds an id's postings without hashing
/// (a hash lookup per source item and target was a third of a mask row).
#[derive(Debug, Clone, Default)]
struct Postings {
    /// Id `t` owns `list[start[t]..start[t + 1]]`.
    start: Vec<u32>,
    list: Vec<(u32, u8)>,
}

impl Postings {
    /// Indexes the active items of `side`.
    fn of(side: &Side) -> Postings {
        let active = || {
            (0..side.len()).flat_map(move |u| {
                side.items(u)
                    .enumerate()
                    .filter(|&(_, k)| side.active[k])
                    .map(move |(slot, k)| (side.item[k], u as u32, slot as u8))
            })
        };
        let ids = active().map(|(t, _, _)| t as usize + 1).max().unwrap_or(0);
        let mut start = vec![0u32; ids + 1];
        for (t, _, _) in active() {
            start[t as usize + 1] += 1;
        }
        for k in 1..start.len() {
            start[k] += start[k - 1];
        }
        let mut next = start.clone();
        let mut list = vec![(0, 0); start[ids] as usize];
        for (t, u, slot) in active() {
            let at = &mut next[t as usize];
            list[*at as usize] = (u, slot);
            *at += 1;
        }
        Postings { start, list }
    }

    /// The postings of target id `t` (none for an id no active item has).
    fn get(&self, t: u32) -> &[(u32, u8)] {
        let t = t as usize;
        match (self.start.get(t), self.start.get(t + 1)) {
            (Some(&a), Some(&b)) => &self.list[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// What a source item stands for; each kind is its own namespace, so a
/// Latin word and a number with the same text stay apart.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum SrcKey<'a> {
    /// A Chinese word, translated through the lexicon.
    Han(&'a str),
    /// A Latin word by its stem, matched as itself on the target side.
    Latin(&'a str),
    /// A number by its value (see [`evidence::number_keys`]).
    Number(String),
    /// Sentence punctuation (see [`evidence::punctuation_keys`]).
    Punct(&'static str),
}

/// What a target item stands for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum TgtKey<'a> {
    /// A word stem: the lexicon's id for it when it has one.
    Stem(&'a str),
    /// A number by its value.
    Number(String),
    /// Sentence punctuation.
    Punct(&'static str),
}

/// A target item before numbering: the lexicon's id for a stem it knows,
/// or a key the document numbers itself.
enum TgtItem<'a> {
    Known(u32),
    Key(TgtKey<'a>),
}

impl<'a> TgtItem<'a> {
    fn of(key: TgtKey<'a>, lex: &Lexicon) -> TgtItem<'a> {
        match key {
            TgtKey::Stem(stem) => lex.stem_id(stem).map_or(TgtItem::Key(key), TgtItem::Known),
            _ => TgtItem::Key(key),
        }
    }
}

/// Target ids: the lexicon's stems first, then the document's own keys in
/// the order they are first met.
struct TgtIds<'a> {
    lex: &'a Lexicon,
    ids: FxHashMap<TgtKey<'a>, u32>,
}

impl<'a> TgtIds<'a> {
    fn id(&mut self, item: TgtItem<'a>) -> u32 {
        match item {
            TgtItem::Known(id) => id,
            TgtItem::Key(key) => {
                let next = (self.lex.stem_count() + self.ids.len()) as u32;
                *self.ids.entry(key).or_insert(next)
            }
        }
    }

    fn of(&mut self, key: TgtKey<'a>) -> u32 {
        let item = TgtItem::of(key, self.lex);
        self.id(item)
    }
}

/// Items of one unit before weighting.
type RawUnit = Vec<u32>;

/// The target items of unit `s`, in the order they are numbered.
fn tgt_items<'a>(s: &'a Sentence, lex: &Lexicon, ev: Evidence) -> Vec<TgtItem<'a>> {
    let mut items = Vec::new();
    for t in &s.tokens {
        match t.kind {
            TokenKind::Latin | TokenKind::Han if !is_stop_word(&t.key) => {
                items.push(TgtItem::of(TgtKey::Stem(&t.stem), lex))
            }
            _ => {}
        }
    }
    if ev.names_numbers {
        for k in evidence::number_keys(s) {
            items.push(TgtItem::Key(TgtKey::Number(k)));
        }
    }
    if ev.punctuation > 0.0 {
        for k in evidence::punctuation_keys(s) {
            items.push(TgtItem::Key(TgtKey::Punct(k)));
        }
    }
    items
}

/// The source keys of unit `s`, in the order they are numbered.
fn src_keys(s: &Sentence, ev: Evidence) -> Vec<SrcKey<'_>> {
    let mut keys = Vec::new();
    for t in &s.tokens {
        match t.kind {
            TokenKind::Han => keys.push(SrcKey::Han(&t.key)),
            TokenKind::Latin if !is_stop_word(&t.key) => keys.push(SrcKey::Latin(&t.stem)),
            _ => {}
        }
    }
    if ev.names_numbers {
        keys.extend(evidence::number_keys(s).into_iter().map(SrcKey::Number));
    }
    if ev.punctuation > 0.0 {
        keys.extend(evidence::punctuation_keys(s).into_iter().map(SrcKey::Punct));
    }
    keys
}

/// Target ids of a Chinese word: its lexicon glosses; for a word the
/// lexicon does not know, the names (`names`) it transliterates, as
/// placeholders `u32::MAX - k` resolved once all words are numbered.
fn han_targets(word: &str, lex: &Lexicon, ev: Evidence, names: &[(String, String)]) -> Vec<u32> {
    let mut out = Vec::new();
    let known = ev.lexicon && lex.translate_into(word, &mut out);
    if !ev.lexicon {
        out.clear();
    }
    if ev.names_numbers && !known {
        for k in evidence::names_for(word, lex, names) {
            // Names are matched by their stem on the target side.
            out.push(u32::MAX - k as u32);
        }
    }
    dedup(out)
}

/// Units read per step of [`in_order`].
const READ_CHUNK: usize = 4096;

/// `read` of every unit, handed to `number` in unit order: units are read
/// in parallel a chunk at a time, the next chunk while `number` takes the
/// last one (memory follows the chunk).
fn in_order<'u, U: Sync, K: Send>(
    units: &'u [U],
    read: impl Fn(&'u U) -> K + Sync,
    mut number: impl FnMut(K) + Send,
) {
    let read_chunk = |c: &'u [U]| -> Vec<K> { c.par_iter().map(&read).collect() };
    let mut chunks = units.chunks(READ_CHUNK);
    let mut ready = chunks.next().map(read_chunk);
    while let Some(keys) = ready {
        let next = chunks.next();
        ready = rayon::join(
            || keys.into_iter().for_each(&mut number),
            || next.map(read_chunk),
        )
        .1;
    }
}

impl Encoded {
    /// Encodes a document pair. Units are read in parallel (the name
    /// candidates beside them); their keys are numbered in unit order, so
    /// ids follow first occurrence whatever the threads.
    pub fn new(src: &[Sentence], tgt: &[Sentence], lex: &Lexicon, ev: Evidence) -> Encoded {
        let mut tgt_ids = TgtIds {
            lex,
            ids: FxHashMap::default(),
        };
        let mut tgt_raw: Vec<RawUnit> = Vec::with_capacity(tgt.len());
        let mut word_ids: FxHashMap<SrcKey, u32> = FxHashMap::default();
        let mut word_targets: Vec<Vec<u32>> = Vec::new();
        let mut src_raw: Vec<RawUnit> = Vec::with_capacity(src.len());
        // Chinese words, numbered; their target ids are looked up
        // afterwards, in parallel (they number nothing).
        let mut han: Vec<(u32, &str)> = Vec::new();
        let ((), names) = rayon::join(
            || {
                // Target side: content stems and numbers.
                in_order(
                    tgt,
                    |s| tgt_items(s, lex, ev),
                    |items| {
                        let ids = items.into_iter().map(|i| tgt_ids.id(i)).collect();
                        tgt_raw.push(dedup(ids));
                    },
                );
                // Source side: words, each with its target ids.
                in_order(
                    src,
                    |s| src_keys(s, ev),
                    |keys| {
                        let mut items = Vec::with_capacity(keys.len());
                        for key in keys {
                            if let Some(&id) = word_ids.get(&key) {
                                items.push(id);
                                continue;
                            }
                            let id = word_targets.len() as u32;
                            let targets = match &key {
                                SrcKey::Han(w) => {
                                    han.push((id, w));
                                    Vec::new()
                                }
                                SrcKey::Latin(stem) => vec![tgt_ids.of(TgtKey::Stem(stem))],
                                SrcKey::Number(k) => vec![tgt_ids.of(TgtKey::Number(k.clone()))],
                                SrcKey::Punct(k) => vec![tgt_ids.of(TgtKey::Punct(k))],
                            };
                            word_targets.push(targets);
                            word_ids.insert(key, id);
                            items.push(id);
                        }
                        src_raw.push(dedup(items));
                    },
                );
            },
            || {
                if ev.names_numbers {
                    evidence::name_candidates(tgt)
                } else {
                    Vec::new()
                }
            },
        );
        let found: Vec<Vec<u32>> = han
            .par_iter()
            .map(|(_, w)| han_targets(w, lex, ev, &names))
            .collect();
        for ((id, _), t) in han.iter().zip(found) {
            word_targets[*id as usize] = t;
        }
        // Resolve name placeholders to target ids.
        for targets in &mut word_targets {
            if targets.iter().any(|&t| t > u32::MAX - names.len() as u32) {
                let resolved: Vec<u32> = targets
                    .iter()
                    .map(|&t| {
                        if t > u32::MAX - names.len() as u32 {
                            tgt_ids.of(TgtKey::Stem(&names[(u32::MAX - t) as usize].1))
                        } else {
                            t
                        }
                    })
                    .collect();
                *targets = dedup(resolved);
            }
        }
        let tgt_ids = tgt_ids.ids;
        let (mut src_side, mut tgt_side) =
            rayon::join(|| weigh(&src_raw, src), || weigh(&tgt_raw, tgt));
        if ev.punctuation != 1.0 {
            let src_punct: Vec<u32> = word_ids
                .iter()
                .filter(|(k, _)| matches!(k, SrcKey::Punct(_)))
                .map(|(_, &id)| id)
                .collect();
            let tgt_punct: Vec<u32> = tgt_ids
                .iter()
                .filter(|(k, _)| matches!(k, TgtKey::Punct(_)))
                .map(|(_, &id)| id)
                .collect();
            for (side, ids) in [(&mut src_side, &src_punct), (&mut tgt_side, &tgt_punct)] {
                for (item, w) in side.item.iter().zip(side.weight.iter_mut()) {
                    if ids.contains(item) {
                        *w *= ev.punctuation;
                    }
                }
            }
        }
        let mut enc = Encoded {
            src: src_side,
            tgt: tgt_side,
            word_targets,
            postings: Postings::default(),
        };
        enc.refresh();
        enc
    }

    /// Adds learned translations (source word id → target ids) and updates
    /// activity, totals and the index.
    pub fn add_targets(&mut self, learned: &[(u32, u32)]) {
        for &(w, t) in learned {
            if let Some(v) = self.word_targets.get_mut(w as usize) {
                if let Err(p) = v.binary_search(&t) {
                    v.insert(p, t);
                }
            }
        }
        self.refresh();
    }

    /// Recomputes which items are matchable, the unit totals and the
    /// target index.
    fn refresh(&mut self) {
        for k in 0..self.src.item.len() {
            self.src.active[k] = !self.word_targets[self.src.item[k] as usize].is_empty();
        }
        // Target ids are dense: a table of flags, not a set.
        let targets = self.word_targets.iter().flatten();
        let ids = targets.clone().map(|&t| t as usize + 1).max().unwrap_or(0);
        let mut reachable = vec![false; ids];
        for &t in targets {
            reachable[t as usize] = true;
        }
        for k in 0..self.tgt.item.len() {
            self.tgt.active[k] = reachable
                .get(self.tgt.item[k] as usize)
                .copied()
                .unwrap_or(false);
        }
        self.src.recompute_totals();
        self.tgt.recompute_totals();
        self.postings = Postings::of(&self.tgt);
    }

    /// Pair masks for source unit `u` against target units `window`.
    fn row(&self, u: usize, window: Range<usize>) -> Row {
        let mut row = Row {
            lo: window.start,
            cells: vec![(0, 0); window.len()],
        };
        for (slot, k) in self.src.items(u).enumerate() {
            if !self.src.active[k] {
                continue;
            }
            for t in &self.word_targets[self.src.item[k] as usize] {
                let list = self.postings.get(*t);
                if list.is_empty() {
                    continue;
                }
                // A short list is read from its start: quicker than
                // searching it.
                let first = if list.len() <= SHORT_POSTINGS {
                    0
                } else {
                    first_from(list, window.start, self.tgt.len())
                };
                for &(j, tslot) in &list[first..] {
                    let j = j as usize;
                    if j >= window.end {
                        break;
                    }
                    if let Some(cell) = j.checked_sub(window.start).map(|k| &mut row.cells[k]) {
                        cell.0 |= 1 << slot;
                        cell.1 |= 1 << tslot;
                    }
                }
            }
        }
        row
    }

    /// Masks for every source unit against the target units `windows[u]`.
    pub fn masks(&self, windows: &[Range<usize>]) -> Masks {
        self.masks_from(0, windows)
    }

    /// Masks for source units `first..first + windows.len()`, unit
    /// `first + k` against the target units `windows[k]` (a piece of a
    /// search needs no others).
    pub fn masks_from(&self, first: usize, windows: &[Range<usize>]) -> Masks {
        Masks {
            first,
            rows: windows
                .par_iter()
                .enumerate()
                .map(|(k, w)| self.row(first + k, w.clone()))
                .collect(),
        }
    }
}

/// Index of the first posting at or after target unit `start`, as
/// `list.partition_point(|p| p.0 < start)` gives it. A plain binary search
/// over a common word's postings (one per occurrence: ~100k at 100k
/// sentences) missed the cache at every step and was a tenth of a long
/// run's CPU. Postings spread along the `n_tgt` units, so the search
/// starts where `start` falls in proportion and gallops from there.
fn first_from(list: &[(u32, u8)], start: usize, n_tgt: usize) -> usize {
    let before = |k: usize| (list[k].0 as usize) < start;
    let len = list.len();
    // In u64: a u128 division was 1% of a long run.
    let guess =
        ((len as u64).saturating_mul(start as u64) / n_tgt.max(1) as u64).min(len as u64) as usize;
    // Find `lo < hi` with the answer in `lo..=hi`, then search between.
    let (lo, hi) = if guess < len && before(guess) {
        let (mut lo, mut step) = (guess, 1);
        loop {
            let hi = guess.saturating_add(step).min(len);
            if hi == len || !before(hi) {
                break (lo + 1, hi);
            }
            lo = hi;
            step *= 2;
        }
    } else {
        let (mut hi, mut step) = (guess, 1);
        loop {
            let Some(lo) = guess.checked_sub(step) else {
                break (0, hi);
            };
            if before(lo) {
                break (lo + 1, hi);
            }
            hi = lo;
            step *= 2;
        }
    };
    lo + list[lo..hi].partition_point(|p| (p.0 as usize) < start)
}

/// Postings lists this short are read from their start, not searched.
const SHORT_POSTINGS: usize = 8;

/// Matches between one source unit and the target units of its window.
#[derive(Debug, Clone)]
struct Row {
    lo: usize,
    /// Per target unit of the window: the source items it explains and
    /// its items the source unit explains.
    cells: Vec<(u64, u64)>,
}

/// Pair masks of a document pair within a band.
#[derive(Debug, Clone)]
pub struct Masks {
    /// Source unit of `rows[0]`.
    first: usize,
    rows: Vec<Row>,
}

impl Masks {
    /// (source items of `i` explained by `j`, items of `j` explained by
    /// `i`); zero outside the computed rows and windows.
    pub fn get(&self, i: usize, j: usize) -> (u64, u64) {
        let Some(r) = self.rows.get(i.wrapping_sub(self.first)) else {
            return (0, 0);
        };
        match j.checked_sub(r.lo) {
            Some(k) => r.cells.get(k).copied().unwrap_or((0, 0)),
            None => (0, 0),
        }
    }
}

/// Source rows per chunk of [`Encoded::local_totals`].
const LOCAL_CHUNK: usize = 2048;

impl Encoded {
    /// Per unit of each side, the weight of its items that some unit of
    /// the other side near it explains (`near[i]`: the target units near
    /// source unit `i`). An item nothing nearby explains is a gap of the
    /// lexicon, not evidence against a grouping. Computed a chunk of
    /// source rows at a time, in parallel: memory follows the chunk.
    pub fn local_totals(&self, near: &[Range<usize>]) -> (Vec<f32>, Vec<f32>) {
        let chunks: Vec<(Vec<f32>, usize, Vec<u64>)> = near
            .par_chunks(LOCAL_CHUNK)
            .enumerate()
            .map(|(c, rows)| {
                let first = c * LOCAL_CHUNK;
                let masks = self.masks_from(first, rows);
                let lo = rows.iter().map(|r| r.start).min().unwrap_or(0);
                let hi = rows.iter().map(|r| r.end).max().unwrap_or(lo);
                let mut tgt_mask = vec![0u64; hi.saturating_sub(lo)];
                let src = rows
                    .iter()
                    .enumerate()
                    .map(|(k, r)| {
                        let mut mask = 0u64;
                        for j in r.clone() {
                            let (a, b) = masks.get(first + k, j);
                            mask |= a;
                            tgt_mask[j - lo] |= b;
                        }
                        self.src.masked_weight(first + k, mask)
                    })
                    .collect();
                (src, lo, tgt_mask)
            })
            .collect();
        let mut tgt_mask = vec![0u64; self.tgt.len()];
        let mut src = Vec::with_capacity(near.len());
        for (s, lo, t) in chunks {
            src.extend(s);
            for (all, part) in tgt_mask[lo..].iter_mut().zip(t) {
                *all |= part;
            }
        }
        let tgt = tgt_mask
            .iter()
            .enumerate()
            .map(|(j, &m)| self.tgt.masked_weight(j, m))
            .collect();
        (src, tgt)
    }
}

fn dedup(mut v: Vec<u32>) -> Vec<u32> {
    v.sort_unstable();
    v.dedup();
    v
}

/// IDF-weights the items of each unit, keeps the [`MAX_ITEMS`] heaviest.
fn weigh(raw: &[RawUnit], units: &[Sentence]) -> Side {
    // Ids are dense: document frequencies in a table.
    let ids = raw
        .iter()
        .flatten()
        .map(|&i| i as usize + 1)
        .max()
        .unwrap_or(0);
    let mut df = vec![0u32; ids];
    for &i in raw.iter().flatten() {
        df[i as usize] += 1;
    }
    let n = raw.len().max(1) as f32;
    let weighted = |items: &RawUnit| {
        let mut w: Vec<(u32, f32)> = items
            .iter()
            .map(|&i| (i, (1.0 + n / df[i as usize] as f32).ln()))
            .collect();
        if w.len() > MAX_ITEMS {
            w.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            w.truncate(MAX_ITEMS);
        }
        w
    };
    let mut side = Side {
        start: Vec::with_capacity(raw.len() + 1),
        ..Side::default()
    };
    side.start.push(0);
    let ((), (chars, quoted)) = rayon::join(
        || {
            in_order(raw, weighted, |w| {
                for (i, wt) in w {
                    side.item.push(i);
                    side.weight.push(wt);
                }
                side.start.push(side.item.len() as u32);
            })
        },
        || {
            rayon::join(
                || units.par_iter().map(|u| u.char_len() as f32).collect(),
                || evidence::quote_states(units),
            )
        },
    );
    side.active = vec![true; side.item.len()];
    side.chars = chars;
    side.quoted = quoted;
    side
}

#[cfg(test)]
mod tests {
    use super::first_from;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn first_from_agrees_with_a_binary_search(
            mut units in proptest::collection::vec(0u32..300, 0..200),
            start in 0usize..320,
            n_tgt in 0usize..400,
        ) {
            units.sort_unstable();
            let list: Vec<(u32, u8)> = units.iter().map(|&u| (u, 0)).collect();
            let want = list.partition_point(|p| (p.0 as usize) < start);
            prop_assert_eq!(first_from(&list, start, n_tgt), want);
        }
    }
}
