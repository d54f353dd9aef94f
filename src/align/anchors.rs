//! Anchors for long inputs: where the path must roughly go, found in linear
//! time before the banded search.
//!
//! Takes an encoded pair; gives, for every source position, the target
//! position the band is centred on. A source word that occurs in one unit
//! only, whose translation occurs in one target unit only (a rare term, a
//! name, a number), pairs those two units; the longest chain of such pairs
//! that increases on both sides (patience sorting, O(k log k)) is kept, and
//! the centre is interpolated linearly between consecutive anchors.

use super::encode::Encoded;
use std::collections::HashMap;

/// Band centre per source position `0..=n` (target positions in `0..=m`).
pub fn centre(enc: &Encoded) -> Vec<usize> {
    let (n, m) = (enc.src.len(), enc.tgt.len());
    // Units where each item occurs, if it occurs in exactly one.
    let once = |side: &super::encode::Side| {
        let mut seen: HashMap<u32, (u32, u32)> = HashMap::new();
        for u in 0..side.len() {
            for k in side.items(u) {
                let e = seen.entry(side.item[k]).or_insert((0, u as u32));
                e.0 += 1;
            }
        }
        seen.into_iter()
            .filter(|(_, (c, _))| *c == 1)
            .map(|(k, (_, u))| (k, u))
            .collect::<HashMap<u32, u32>>()
    };
    let tgt_once = once(&enc.tgt);
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    let src_once = once(&enc.src);
    for (&word, &i) in &src_once {
        for t in &enc.word_targets[word as usize] {
            if let Some(&j) = tgt_once.get(t) {
                pairs.push((i, j));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    let chain = increasing_chain(&pairs);
    // Between anchors, the centre follows the texts' lengths: source
    // position i maps to the target position where the same share of the
    // stretch's characters is reached (a Chinese paragraph of long
    // sentences against an English one of short ones bends the path;
    // interpolating by unit counts would not).
    let cum = |chars: &[f32]| {
        let mut out = Vec::with_capacity(chars.len() + 1);
        let mut sum = 0.0f64;
        out.push(0.0);
        for &c in chars {
            sum += c as f64;
            out.push(sum);
        }
        out
    };
    let (sc, tc) = (cum(&enc.src.chars), cum(&enc.tgt.chars));
    let mut centre = Vec::with_capacity(n + 1);
    let mut prev = (0usize, 0usize);
    let points = chain
        .iter()
        .map(|&(i, j)| (i as usize + 1, j as usize + 1))
        .chain(std::iter::once((n, m)));
    for (ai, aj) in points {
        if ai < prev.0 || aj < prev.1 {
            continue;
        }
        let (s0, s_len) = (sc[prev.0], sc[ai] - sc[prev.0]);
        let (t0, t_len) = (tc[prev.1], tc[aj] - tc[prev.1]);
        for (i, &si) in sc.iter().enumerate().take(ai).skip(prev.0) {
            let c = if s_len > 0.0 && t_len > 0.0 {
                let want = t0 + (si - s0) / s_len * t_len;
                tc[prev.1..=aj].partition_point(|&x| x < want) + prev.1
            } else {
                prev.1 + (aj - prev.1) * (i - prev.0) / (ai - prev.0).max(1)
            };
            centre.push(c.min(aj));
        }
        prev = (ai, aj);
    }
    while centre.len() <= n {
        centre.push(m);
    }
    centre
}

/// The longest chain of pairs strictly increasing in both coordinates
/// (input sorted by the first).
fn increasing_chain(pairs: &[(u32, u32)]) -> Vec<(u32, u32)> {
    // tails[k]: index of the smallest-j pair ending a chain of length k+1.
    let mut tails: Vec<usize> = Vec::new();
    let mut parent: Vec<Option<usize>> = vec![None; pairs.len()];
    let mut k = 0;
    while k < pairs.len() {
        // Pairs with the same i cannot chain with each other: process the
        // group against the tails as they were before it.
        let mut end = k;
        while end < pairs.len() && pairs[end].0 == pairs[k].0 {
            end += 1;
        }
        let mut updates = Vec::new();
        for (p, &(_, j)) in pairs.iter().enumerate().take(end).skip(k) {
            let pos = tails.partition_point(|&t| pairs[t].1 < j);
            parent[p] = pos.checked_sub(1).map(|q| tails[q]);
            updates.push((pos, p));
        }
        for (pos, p) in updates {
            if pos == tails.len() {
                tails.push(p);
            } else if pairs[p].1 < pairs[tails[pos]].1 {
                tails[pos] = p;
            }
        }
        k = end;
    }
    let mut out = Vec::new();
    let mut at = tails.last().copied();
    while let Some(p) = at {
        out.push(pairs[p]);
        at = parent[p];
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chain_is_longest_and_increasing() {
        let pairs = [(0, 0), (1, 5), (2, 1), (2, 2), (3, 3), (4, 2), (5, 4)];
        let c = increasing_chain(&pairs);
        assert_eq!(c.len(), 4, "{c:?}");
        assert!(c.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 < w[1].1));
        assert!(c.iter().all(|p| pairs.contains(p)));
    }
}
