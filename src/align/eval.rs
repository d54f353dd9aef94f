//! Scoring an alignment against a gold standard.
//!
//! Takes beads in the MAC format (`[0,1]:[2]`, 0-based, one bead per line)
//! and gives strict and lax precision/recall/F1 in the Vecalign convention
//! (beads with an empty side are left out of recall's count; a predicted
//! 1-0/0-1 bead still counts in precision), strict "all beads" scores (every
//! bead on both sides), and per-shape recall and precision.

use crate::error::{Error, Result};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// One bead as index lists (gold beads may be discontinuous).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IndexBead {
    /// Source line numbers.
    pub src: Vec<usize>,
    /// Target line numbers.
    pub tgt: Vec<usize>,
}

impl IndexBead {
    /// `n-m`.
    pub fn shape(&self) -> String {
        format!("{}-{}", self.src.len(), self.tgt.len())
    }

    fn is_null(&self) -> bool {
        self.src.is_empty() || self.tgt.is_empty()
    }
}

impl std::fmt::Display for IndexBead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let list = |v: &[usize]| {
            v.iter()
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
                .join(",")
        };
        write!(f, "[{}]:[{}]", list(&self.src), list(&self.tgt))
    }
}

/// Parses one alignment file in the MAC format; anything after a second
/// `:` (a cost column) is ignored. Blank lines are skipped.
pub fn parse(text: &str, path: &Path) -> Result<Vec<IndexBead>> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let err = |why: &str| Error::Parse {
            path: path.to_path_buf(),
            line: n + 1,
            why: format!("{why}: `{line}`"),
        };
        let mut parts = line.splitn(3, ':');
        let (Some(a), Some(b)) = (parts.next(), parts.next()) else {
            return Err(err("expected `[i,...]:[j,...]`"));
        };
        let list = |s: &str| -> Option<Vec<usize>> {
            let inner = s.trim().strip_prefix('[')?.strip_suffix(']')?;
            inner
                .split(',')
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .map(|x| x.parse().ok())
                .collect()
        };
        match (list(a), list(b)) {
            (Some(src), Some(tgt)) => {
                if src.iter().chain(&tgt).any(|&i| i >= MAX_INDEX) {
                    return Err(err(&format!(
                        "sentence index above the limit of {MAX_INDEX}"
                    )));
                }
                out.push(IndexBead { src, tgt })
            }
            _ => return Err(err("expected `[i,...]:[j,...]`")),
        }
    }
    Ok(out)
}

/// Largest sentence index accepted in an alignment file (exclusive): far
/// above any document, and it keeps counts derived from indices (and the
/// memory sized by them) bounded.
pub const MAX_INDEX: usize = 1 << 24;

/// Reads and parses an alignment file.
pub fn read(path: &Path) -> Result<Vec<IndexBead>> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse(&text, path)
}

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct Prf {
    /// Precision.
    pub p: f64,
    /// Recall.
    pub r: f64,
    /// F1.
    pub f1: f64,
}

impl Prf {
    fn new(tp_p: usize, n_p: usize, tp_r: usize, n_r: usize) -> Prf {
        let p = if n_p == 0 {
            0.0
        } else {
            tp_p as f64 / n_p as f64
        };
        let r = if n_r == 0 {
            0.0
        } else {
            tp_r as f64 / n_r as f64
        };
        let f1 = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        Prf { p, r, f1 }
    }
}

/// Raw counts, summed over files before the ratios are taken.
#[derive(Debug, Clone, Default)]
pub struct Counts {
    pred: usize,
    pred_strict: usize,
    pred_lax: usize,
    gold: usize,
    gold_nonnull: usize,
    gold_strict: usize,
    gold_lax: usize,
    /// shape → (gold, gold found, predicted, predicted right).
    by_shape: BTreeMap<String, [usize; 4]>,
}

/// All measures of one comparison.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Report {
    /// Strict, Vecalign convention.
    pub strict: Prf,
    /// Lax, Vecalign convention.
    pub lax: Prf,
    /// Strict, every bead counted on both sides.
    pub all_beads: Prf,
    /// Per shape: (gold count, recall, predicted count, precision).
    pub by_shape: Vec<(String, usize, f64, usize, f64)>,
}

impl Counts {
    /// Adds one file's comparison.
    pub fn add(&mut self, gold: &[IndexBead], pred: &[IndexBead]) {
        let gold_set: BTreeSet<&IndexBead> = gold.iter().collect();
        let pred_set: BTreeSet<&IndexBead> = pred.iter().collect();
        let links = |beads: &[IndexBead]| -> HashMap<usize, BTreeSet<usize>> {
            let mut m: HashMap<usize, BTreeSet<usize>> = HashMap::new();
            for b in beads {
                for &s in &b.src {
                    m.entry(s).or_default().extend(b.tgt.iter().copied());
                }
            }
            m
        };
        let (gold_links, pred_links) = (links(gold), links(pred));
        let shares = |b: &IndexBead, l: &HashMap<usize, BTreeSet<usize>>| {
            b.src.iter().any(|s| {
                l.get(s)
                    .is_some_and(|t| b.tgt.iter().any(|x| t.contains(x)))
            })
        };
        for b in pred {
            self.pred += 1;
            let e = self.by_shape.entry(b.shape()).or_default();
            e[2] += 1;
            if gold_set.contains(b) {
                self.pred_strict += 1;
                e[3] += 1;
            }
            if shares(b, &gold_links) {
                self.pred_lax += 1;
            }
        }
        for b in gold {
            self.gold += 1;
            let found = pred_set.contains(b);
            let e = self.by_shape.entry(b.shape()).or_default();
            e[0] += 1;
            if found {
                e[1] += 1;
            }
            if b.is_null() {
                continue;
            }
            self.gold_nonnull += 1;
            if found {
                self.gold_strict += 1;
            }
            if shares(b, &pred_links) {
                self.gold_lax += 1;
            }
        }
    }

    /// The measures.
    pub fn report(&self) -> Report {
        let all_found: usize = self.by_shape.values().map(|v| v[1]).sum();
        Report {
            strict: Prf::new(
                self.pred_strict,
                self.pred,
                self.gold_strict,
                self.gold_nonnull,
            ),
            lax: Prf::new(self.pred_lax, self.pred, self.gold_lax, self.gold_nonnull),
            all_beads: Prf::new(self.pred_strict, self.pred, all_found, self.gold),
            by_shape: self
                .by_shape
                .iter()
                .map(|(k, v)| {
                    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
                    (k.clone(), v[0], ratio(v[1], v[0]), v[2], ratio(v[3], v[2]))
                })
                .collect(),
        }
    }
}

/// Problems with a gold or predicted file that do not stop scoring: beads
/// naming sentences beyond the known counts, sentences in no bead or in
/// several.
pub fn check_coverage(beads: &[IndexBead], n_src: usize, n_tgt: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut seen_src = vec![0u32; n_src];
    let mut seen_tgt = vec![0u32; n_tgt];
    for b in beads {
        for &s in &b.src {
            match seen_src.get_mut(s) {
                Some(c) => *c += 1,
                None => out.push(format!(
                    "bead {b} names source sentence {s}, but there are only {n_src}"
                )),
            }
        }
        for &t in &b.tgt {
            match seen_tgt.get_mut(t) {
                Some(c) => *c += 1,
                None => out.push(format!(
                    "bead {b} names target sentence {t}, but there are only {n_tgt}"
                )),
            }
        }
    }
    let missing_src = seen_src.iter().filter(|&&c| c == 0).count();
    let missing_tgt = seen_tgt.iter().filter(|&&c| c == 0).count();
    if missing_src + missing_tgt > 0 {
        out.push(format!(
            "{missing_src} source and {missing_tgt} target sentences are in no bead"
        ));
    }
    out
}

/// Largest source and target index named (plus one): the counts implied
/// by an alignment.
pub fn extent(beads: &[IndexBead]) -> (usize, usize) {
    let s = beads
        .iter()
        .flat_map(|b| b.src.iter())
        .max()
        .map_or(0, |x| x + 1);
    let t = beads
        .iter()
        .flat_map(|b| b.tgt.iter())
        .max()
        .map_or(0, |x| x + 1);
    (s, t)
}

/// Converts aligner beads to index beads.
pub fn from_beads(beads: &[super::Bead]) -> Vec<IndexBead> {
    beads
        .iter()
        .map(|b| IndexBead {
            src: b.src.clone().collect(),
            tgt: b.tgt.clone().collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn beads(s: &str) -> Vec<IndexBead> {
        parse(s, Path::new("t")).unwrap()
    }

    #[test]
    fn strict_and_lax_follow_the_vecalign_convention() {
        let gold = beads("[0]:[0]\n[1]:[1,2]\n[2]:[]\n[3]:[3]\n");
        let pred = beads("[0]:[0]\n[1]:[1]\n[]:[2]\n[2]:[]\n[3]:[3]\n");
        let mut c = Counts::default();
        c.add(&gold, &pred);
        let r = c.report();
        // Predicted: 5 beads, 3 exact ([0]:[0], [2]:[], [3]:[3]).
        assert!((r.strict.p - 3.0 / 5.0).abs() < 1e-9);
        // Recall over 3 non-null gold beads, 2 found.
        assert!((r.strict.r - 2.0 / 3.0).abs() < 1e-9);
        // Lax: [1]:[1] shares a link; the null beads share none.
        assert!((r.lax.p - 3.0 / 5.0).abs() < 1e-9);
        assert!((r.lax.r - 1.0).abs() < 1e-9);
        // All beads: 3 of 4 gold found.
        assert!((r.all_beads.r - 3.0 / 4.0).abs() < 1e-9);
    }

    #[test]
    fn bad_lines_and_missing_sentences_are_reported() {
        let huge = format!("[0]:[0]\n[{}]:[1]\n", usize::MAX);
        let e = parse(&huge, Path::new("g")).unwrap_err().to_string();
        assert!(e.starts_with("g:2: sentence index above the limit"), "{e}");
        assert!(parse("[0]:[0]\nnot a bead\n", Path::new("g"))
            .unwrap_err()
            .to_string()
            .contains("g:2"));
        let w = check_coverage(&beads("[0]:[5]\n"), 2, 2);
        assert!(w.iter().any(|m| m.contains("target sentence 5")));
        assert!(w.iter().any(|m| m.contains("in no bead")));
        assert_eq!(format!("{}", beads("[0,1]:[]")[0]), "[0,1]:[]");
    }
}
