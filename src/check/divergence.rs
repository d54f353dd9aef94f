//! How likely a bead dropped (omission) or added (addition) a clause: a
//! logistic model over the bead's clause evidence, its length, and how
//! often each of its words finds a counterpart elsewhere in the document.
//!
//! A clause's words without a counterpart mean little alone: literary
//! translation renders about half the content words of a sentence freely.
//! What tells a dropped clause from a free rendering is *which* words miss:
//! a word the document's other beads translate every time, missing here,
//! is strong evidence; one they never match is none. [`Rates`] keeps those
//! per-word rates for one document (one aligned pair); [`Features`] turns a
//! bead's evidence into the model's inputs; [`Model`] weighs them.
//!
//! The weights are fitted on the damaged-bead benchmark
//! (`cargo run --release --example damage -- fit`), with every chapter of
//! MAC-Dev held out in turn to measure them (`damage -- cv`).

use super::clause::{ClauseEvidence, WordMatch};
use std::collections::HashMap;

/// A bead's clause evidence both ways: each source clause against the
/// target, each target clause against the source.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BeadClauses {
    /// Source clauses and what they find in the target.
    pub src: Vec<ClauseEvidence>,
    /// Target clauses and what they find in the source.
    pub tgt: Vec<ClauseEvidence>,
}

/// One side of a bead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The source side.
    Src,
    /// The target side.
    Tgt,
}

impl Side {
    fn index(self) -> usize {
        match self {
            Side::Src => 0,
            Side::Tgt => 1,
        }
    }
}

/// Occurrences of a word and how many found a counterpart.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Tally {
    matched: u32,
    seen: u32,
}

impl Tally {
    fn add(&mut self, w: &WordMatch) {
        self.seen += 1;
        self.matched += u32::from(w.matched);
    }
}

/// A word's chance of a counterpart before the document says anything:
/// about half of all content words find one (MAC-Dev: 0.53 of Chinese
/// words, 0.48 of English ones)…
const PRIOR_MATCH: f64 = 0.5;
/// …held with the weight of this many occurrences of the document's own.
const PRIOR_WEIGHT: f64 = 10.0;
/// A word's own rate is pulled towards its class's (known or unknown to
/// the evidence) with the weight of this many occurrences.
const WORD_WEIGHT: f64 = 4.0;
/// Chance that a word of a clause absent from the other side still finds
/// a counterpart there (a common word, a shared name): 6.5 % of the words
/// of clauses grafted from elsewhere in the chapter do on MAC-Dev.
const CHANCE_MATCH: f64 = 0.065;

/// How often each content word of one document (an aligned pair) finds a
/// counterpart on the other side, per side; and the pair's usual ratio of
/// content words.
#[derive(Debug, Clone, Default)]
pub struct Rates {
    words: [HashMap<String, Tally>; 2],
    /// Per side, words unknown (`[0]`) and known (`[1]`) to the evidence.
    classes: [[Tally; 2]; 2],
    /// Median over beads of ln((target content + 1) / (source content + 1)).
    content_ratio: f64,
}

impl Rates {
    /// The rates of a document from its beads' clause evidence.
    pub fn of<'a>(beads: impl IntoIterator<Item = &'a BeadClauses>) -> Rates {
        let mut r = Rates::default();
        let mut ratios = Vec::new();
        for b in beads {
            for (side, clauses) in [(Side::Src, &b.src), (Side::Tgt, &b.tgt)] {
                let s = side.index();
                for w in clauses.iter().flat_map(|c| &c.found) {
                    r.words[s].entry(w.key.clone()).or_default().add(w);
                    r.classes[s][usize::from(w.known)].add(w);
                }
            }
            ratios.push((content(&b.tgt) as f64 + 1.0).ln() - (content(&b.src) as f64 + 1.0).ln());
        }
        ratios.sort_by(f64::total_cmp);
        r.content_ratio = ratios.get(ratios.len() / 2).copied().unwrap_or(0.0);
        r
    }

    /// Chance that word `w` of `side` finds a counterpart, from the
    /// document's other occurrences of it (`own`: this bead's tallies,
    /// left out) and its class, kept within [0.02, 0.98].
    fn chance(&self, side: Side, w: &WordMatch, own: &HashMap<&str, Tally>) -> f64 {
        let s = side.index();
        let class = self.classes[s][usize::from(w.known)];
        let prior = (f64::from(class.matched) + PRIOR_WEIGHT * PRIOR_MATCH)
            / (f64::from(class.seen) + PRIOR_WEIGHT);
        let mine = own.get(w.key.as_str()).copied().unwrap_or_default();
        let rest = self.outside(side, &w.key, mine);
        let (matched, seen) = (f64::from(rest.matched), f64::from(rest.seen));
        ((matched + WORD_WEIGHT * prior) / (seen + WORD_WEIGHT)).clamp(0.02, 0.98)
    }

    /// The document's tally of word `key` of `side` less `mine` (this
    /// bead's).
    fn outside(&self, side: Side, key: &str, mine: Tally) -> Tally {
        let all = self.words[side.index()]
            .get(key)
            .copied()
            .unwrap_or_default();
        Tally {
            matched: all.matched.saturating_sub(mine.matched),
            seen: all.seen.saturating_sub(mine.seen),
        }
    }

    /// How many of the document's occurrences of word `w` of `side`
    /// outside this bead (`clauses`: the bead's clauses of that side) found
    /// a counterpart, and how many there are: (matched, seen).
    pub(crate) fn elsewhere(
        &self,
        side: Side,
        clauses: &[ClauseEvidence],
        w: &WordMatch,
    ) -> (u32, u32) {
        let mut mine = Tally::default();
        for x in clauses
            .iter()
            .flat_map(|c| &c.found)
            .filter(|x| x.key == w.key)
        {
            mine.add(x);
        }
        let rest = self.outside(side, &w.key, mine);
        (rest.matched, rest.seen)
    }
}

/// Content words of a side.
fn content(clauses: &[ClauseEvidence]) -> usize {
    clauses.iter().map(|c| c.content).sum()
}

/// What the model reads of one side of a bead (the side that may have
/// dropped or added a clause: "own") against the other.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Features {
    /// The length ratio's lean towards own side being the longer, in
    /// spreads of the pair's length model.
    pub lean: f64,
    /// ln of the other side's content words over own side's (each + 1),
    /// less the pair's usual value: high when own side has more content
    /// than the pair's translations usually keep.
    pub content_ratio: f64,
    /// Share of own content words with a counterpart, less the share the
    /// pair's rates expect.
    pub matched_share: f64,
    /// The same for the other side.
    pub other_matched_share: f64,
    /// The weakest clause of own side (no number shared): the least of
    /// its words' log-likelihood ratios of "translated" against "absent";
    /// 0 when every clause leans "translated".
    pub weakest_clause: f64,
    /// The clearest clause of own side (no number shared): its unmatched
    /// words the evidence knows, less two per matched word, at least 0.
    pub clearest: f64,
    /// Unmatched content words of the other side where the weakest clause
    /// would be rendered: between the counterparts of the matched words
    /// before it and after it (all the other side's unmatched words when
    /// those cross). A free rendering leaves its own words unmatched
    /// there; a dropped or added clause leaves nothing.
    pub local_other_unmatched: f64,
    /// True when a clause of own side looks untranslated as a whole
    /// ([`ClauseEvidence::unmatched`]): only then may a flag be a warning
    /// (not a model input).
    pub untranslated_clause: bool,
}

/// Number of model inputs ([`Features::vector`]).
pub const INPUTS: usize = 7;

/// Per-word evidence of one side: each content word's log-likelihood
/// ratio of "translated" against "absent", by clause.
struct Weighed {
    /// Per clause: (shares a number, its words' ratios), a match far from
    /// where the clause would be rendered ([`local_matches`]) taken for no
    /// match.
    clauses: Vec<(bool, Vec<f64>)>,
    matched: f64,
    expected: f64,
}

fn weigh(clauses: &[ClauseEvidence], side: Side, rates: &Rates) -> Weighed {
    let mut own: HashMap<&str, Tally> = HashMap::new();
    for w in clauses.iter().flat_map(|c| &c.found) {
        own.entry(w.key.as_str()).or_default().add(w);
    }
    let mut out = Weighed {
        clauses: Vec::with_capacity(clauses.len()),
        matched: 0.0,
        expected: 0.0,
    };
    let ratio = |p: f64, matched: bool| {
        if matched {
            (p / CHANCE_MATCH).ln()
        } else {
            ((1.0 - p) / (1.0 - CHANCE_MATCH)).ln()
        }
    };
    for (c, near) in clauses.iter().zip(local_matches(clauses)) {
        let mut ratios = Vec::with_capacity(c.found.len());
        for (w, near) in c.found.iter().zip(near) {
            let p = rates.chance(side, w, &own);
            out.expected += p;
            out.matched += f64::from(u8::from(w.matched));
            ratios.push(ratio(p, w.matched && near));
        }
        out.clauses.push((c.number, ratios));
    }
    out
}

/// Tokens a counterpart may lie outside the span its clause's neighbours
/// leave it and still count as local.
const SLACK: usize = 3;

/// Per clause and word: true when the word's counterpart lies where the
/// clause would be rendered, after the last counterpart of the nearest
/// clause before it with one and before the first of the nearest clause
/// after it (within [`SLACK`]). A dropped clause whose word is matched by
/// chance far away (发展 against a "development" two clauses off) is then
/// seen as dropped. Where the neighbours' counterparts cross, translation
/// reordered the clauses and every match counts.
fn local_matches(clauses: &[ClauseEvidence]) -> Vec<Vec<bool>> {
    let spans: Vec<Option<(usize, usize)>> = clauses
        .iter()
        .map(|c| {
            let ps = c.found.iter().filter_map(|w| w.partner);
            Some((ps.clone().min()?, ps.max()?))
        })
        .collect();
    (0..clauses.len())
        .map(|i| {
            let lo = spans[..i].iter().rev().find_map(|s| *s).map(|s| s.1);
            let hi = spans[i + 1..].iter().find_map(|s| *s).map(|s| s.0);
            let crossed = matches!((lo, hi), (Some(l), Some(h)) if l >= h);
            clauses[i]
                .found
                .iter()
                .map(|w| {
                    w.partner.is_some_and(|p| {
                        crossed
                            || (lo.is_none_or(|l| p + SLACK > l)
                                && hi.is_none_or(|h| p < h + SLACK))
                    })
                })
                .collect()
        })
        .collect()
}

impl Features {
    /// The omission and addition features of bead `c`, whose length ratio
    /// lies `z` spreads from the pair's usual (negative: target shorter):
    /// source clauses against the target, target clauses against the
    /// source. Each side is weighed once, for both.
    pub fn of_bead(c: &BeadClauses, rates: &Rates, z: f64) -> [Features; 2] {
        let src = weigh(&c.src, Side::Src, rates);
        let tgt = weigh(&c.tgt, Side::Tgt, rates);
        [
            Features::of(&c.src, &c.tgt, (&src, &tgt), Side::Src, rates, -z),
            Features::of(&c.tgt, &c.src, (&tgt, &src), Side::Tgt, rates, z),
        ]
    }

    /// The features of `own` side's clauses against `other`'s (`weighed`:
    /// own side's and the other's word ratios), with the length ratio
    /// leaning `lean` spreads towards own side.
    fn of(
        own: &[ClauseEvidence],
        other: &[ClauseEvidence],
        (mine, theirs): (&Weighed, &Weighed),
        own_side: Side,
        rates: &Rates,
        lean: f64,
    ) -> Features {
        let (k_own, k_other) = (content(own) as f64, content(other) as f64);
        let usual = match own_side {
            Side::Src => rates.content_ratio,
            Side::Tgt => -rates.content_ratio,
        };
        // Matched share beyond what the pair's rates expect of these
        // words: a report matches more of its words than a novel.
        let share = |w: &Weighed, k: f64| (w.matched - w.expected) / k.max(1.0);
        let weakest = mine
            .clauses
            .iter()
            .enumerate()
            .filter(|(_, (number, _))| !number)
            .map(|(i, (_, r))| (i, r.iter().sum::<f64>()))
            .min_by(|a, b| a.1.total_cmp(&b.1));
        let weakest_clause = weakest.map_or(0.0, |w| w.1.min(0.0));
        let local_other_unmatched = weakest.map_or(0.0, |(i, _)| local_unmatched(own, other, i));
        let clearest = own
            .iter()
            .filter(|c| !c.number)
            .map(|c| {
                let known = c.found.iter().filter(|w| !w.matched && w.known).count();
                known as f64 - 2.0 * c.matched as f64
            })
            .fold(0.0, f64::max);
        Features {
            lean: lean.clamp(-6.0, 6.0),
            content_ratio: ((k_other + 1.0) / (k_own + 1.0)).ln() - usual,
            matched_share: share(mine, k_own),
            other_matched_share: share(theirs, k_other),
            weakest_clause,
            clearest,
            local_other_unmatched,
            untranslated_clause: own.iter().any(|c| c.unmatched(super::clause::SHARE)),
        }
    }

    /// The inputs in the model's order.
    pub fn vector(&self) -> [f64; INPUTS] {
        [
            self.lean,
            self.content_ratio,
            self.matched_share,
            self.other_matched_share,
            self.weakest_clause,
            self.clearest,
            self.local_other_unmatched,
        ]
    }
}

/// Unmatched content words of `other` between the counterparts of the
/// matched words of `own` before clause `i` and after it (all of
/// `other`'s unmatched words when those counterparts cross).
fn local_unmatched(own: &[ClauseEvidence], other: &[ClauseEvidence], i: usize) -> f64 {
    let partners = |cs: &[ClauseEvidence]| -> Vec<usize> {
        cs.iter()
            .flat_map(|c| &c.found)
            .filter_map(|w| w.partner)
            .collect()
    };
    let before = partners(&own[..i]).into_iter().max();
    let after = partners(&own[i + 1..]).into_iter().min();
    let lo = before.map_or(0, |p| p + 1);
    let hi = after.unwrap_or(usize::MAX);
    other
        .iter()
        .flat_map(|c| &c.found)
        .filter(|w| !w.matched && (lo > hi || (lo..hi).contains(&w.at)))
        .count() as f64
}

/// A logistic model of one kind of divergence, and the probabilities from
/// which a flag is reported at info and at warning level.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Model {
    /// The intercept.
    pub bias: f64,
    /// One weight per input of [`Features::vector`].
    pub weights: [f64; INPUTS],
    /// Probability from which a flag is reported (info).
    pub info: f64,
    /// Probability from which it is a warning.
    pub warn: f64,
}

impl Model {
    /// The probability that the bead with `f` diverges this way.
    pub fn probability(&self, f: &Features) -> f64 {
        let z = self.bias
            + f.vector()
                .iter()
                .zip(&self.weights)
                .map(|(x, w)| x * w)
                .sum::<f64>();
        1.0 / (1.0 + (-z).exp())
    }

    /// How far `p` lies past the warning bar, in log-odds (negative below
    /// it): the flag's certainty, for ranking.
    pub fn certainty(&self, p: f64) -> f64 {
        logit(p) - logit(self.warn)
    }

    /// Fits the weights to `rows` (features, diverged) by L2-regularised
    /// logistic regression on standardised inputs; the thresholds are
    /// left at `info` and `warn` (see [`Model::with_thresholds`]).
    pub fn fit(rows: &[(Features, bool)], info: f64, warn: f64) -> Model {
        let n = rows.len().max(1) as f64;
        let xs: Vec<[f64; INPUTS]> = rows.iter().map(|(f, _)| f.vector()).collect();
        let mut mean = [0.0; INPUTS];
        let mut scale = [0.0; INPUTS];
        for x in &xs {
            for i in 0..INPUTS {
                mean[i] += x[i] / n;
            }
        }
        for x in &xs {
            for i in 0..INPUTS {
                scale[i] += (x[i] - mean[i]).powi(2) / n;
            }
        }
        for s in &mut scale {
            *s = s.sqrt().max(1e-9);
        }
        let std: Vec<[f64; INPUTS]> = xs
            .iter()
            .map(|x| std::array::from_fn(|i| (x[i] - mean[i]) / scale[i]))
            .collect();
        let (mut b, mut w) = (0.0, [0.0; INPUTS]);
        for _ in 0..4000 {
            let (mut gb, mut gw) = (0.0, [0.0; INPUTS]);
            for (x, (_, y)) in std.iter().zip(rows) {
                let z = b + x.iter().zip(&w).map(|(a, c)| a * c).sum::<f64>();
                let e = 1.0 / (1.0 + (-z).exp()) - f64::from(u8::from(*y));
                gb += e;
                for i in 0..INPUTS {
                    gw[i] += e * x[i];
                }
            }
            b -= 0.5 * gb / n;
            for i in 0..INPUTS {
                w[i] -= 0.5 * (gw[i] / n + 1e-3 * w[i]);
            }
        }
        Model {
            bias: b - (0..INPUTS).map(|i| w[i] * mean[i] / scale[i]).sum::<f64>(),
            weights: std::array::from_fn(|i| w[i] / scale[i]),
            info,
            warn,
        }
    }

    /// The model with thresholds that let through `info_share` and
    /// `warn_share` of the `untouched` beads (features of beads known to
    /// be faithful).
    pub fn with_thresholds(
        self,
        untouched: &[Features],
        info_share: f64,
        warn_share: f64,
    ) -> Model {
        let mut ps: Vec<f64> = untouched.iter().map(|f| self.probability(f)).collect();
        ps.sort_by(|a, b| b.total_cmp(a));
        let at = |share: f64| {
            let k = ((share * ps.len() as f64).floor() as usize).min(ps.len().saturating_sub(1));
            // Just above the k-th highest: at most k beads reach it.
            ps.get(k).map_or(0.5, |p| p.next_up())
        };
        Model {
            info: at(info_share),
            warn: at(warn_share),
            ..self
        }
    }
}

fn logit(p: f64) -> f64 {
    let p = p.clamp(1e-9, 1.0 - 1e-9);
    (p / (1.0 - p)).ln()
}

/// The omission model (source clause dropped), from `damage -- fit`.
pub const OMISSION: Model = Model {
    bias: -1.4376,
    weights: [1.0182, -0.8777, -1.0714, -0.7226, -0.1874, 0.2870, -0.1127],
    info: 0.6259,
    warn: 0.8367,
};

/// The addition model (target clause added), from `damage -- fit`.
pub const ADDITION: Model = Model {
    bias: -2.2261,
    weights: [0.7703, -0.3816, 0.3614, -0.3025, -0.4627, 0.6344, -0.3807],
    info: 0.5118,
    warn: 0.8796,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Span;

    /// A clause of words (key, matched), each known to the evidence, the
    /// i-th word at place `first + i` with its counterpart at `partner`.
    fn clause(words: &[(&str, Option<usize>)], first: usize) -> ClauseEvidence {
        let found: Vec<WordMatch> = words
            .iter()
            .enumerate()
            .map(|(i, (k, p))| WordMatch {
                key: k.to_string(),
                known: true,
                matched: p.is_some(),
                at: first + i,
                partner: *p,
            })
            .collect();
        ClauseEvidence {
            span: Span::new(0, 0),
            content: found.len(),
            matched: found.iter().filter(|w| w.matched).count(),
            number: false,
            words: Vec::new(),
            found,
        }
    }

    #[test]
    fn a_word_the_pair_always_translates_is_likely_matched() {
        let seen = BeadClauses {
            src: vec![clause(&[("上海", Some(0)), ("奶奶", None)], 0)],
            tgt: vec![],
        };
        let rates = Rates::of(std::iter::repeat_n(&seen, 8));
        let none = HashMap::new();
        let chance = |k: &str| rates.chance(Side::Src, &clause(&[(k, None)], 0).found[0], &none);
        assert!(chance("上海") > 0.8);
        assert!(chance("奶奶") < 0.2);
        // An unseen word gets its class's rate (half of known words here).
        let unseen = chance("宣言");
        assert!((unseen - 0.5).abs() < 0.05, "{unseen}");
    }

    #[test]
    fn a_bead_is_left_out_of_its_own_rates() {
        let bead = BeadClauses {
            src: vec![clause(&[("宣言", None)], 0)],
            tgt: vec![],
        };
        let rates = Rates::of([&bead]);
        let mut own = HashMap::new();
        own.entry("宣言")
            .or_insert_with(Tally::default)
            .add(&bead.src[0].found[0]);
        let alone = rates.chance(Side::Src, &bead.src[0].found[0], &own);
        let with = rates.chance(Side::Src, &bead.src[0].found[0], &HashMap::new());
        assert!(alone > with, "{alone} {with}");
    }

    #[test]
    fn a_paraphrase_leaves_words_where_the_clause_would_be() {
        // Source clauses A B C; A and C match target words 0 and 4. B's
        // place in the target is 1..4: a paraphrase has unmatched words
        // there, an omission none.
        let own = vec![
            clause(&[("会议", Some(0))], 0),
            clause(&[("领导人", None), ("宣言", None)], 1),
            clause(&[("上海", Some(4))], 3),
        ];
        let words = |w: &[(&str, Option<usize>)]| vec![clause(w, 0)];
        let paraphrase = words(&[
            ("meet", Some(0)),
            ("chief", None),
            ("spoke", None),
            ("said", None),
            ("shanghai", Some(2)),
        ]);
        let omission = words(&[("meet", Some(0)), ("shanghai", Some(2))]);
        assert_eq!(local_unmatched(&own, &paraphrase, 1), 3.0);
        assert_eq!(local_unmatched(&own, &omission, 1), 0.0);
    }

    fn features(matched_share: f64, lean: f64) -> Features {
        Features {
            matched_share,
            lean,
            ..Features::default()
        }
    }

    #[test]
    fn the_fit_learns_which_way_a_feature_points() {
        // Diverged beads: few words matched and a lean; faithful: many.
        let rows: Vec<(Features, bool)> = (0..40)
            .map(|i| {
                let x = f64::from(i % 10) / 10.0;
                if i < 20 {
                    (features(0.1 + 0.2 * x, 1.0 + x), true)
                } else {
                    (features(0.6 + 0.3 * x, x - 0.5), false)
                }
            })
            .collect();
        let m = Model::fit(&rows, 0.5, 0.5);
        assert!(m.weights[2] < 0.0 && m.weights[0] > 0.0, "{m:?}");
        assert!(m.probability(&features(0.1, 1.5)) > 0.9);
        assert!(m.probability(&features(0.9, 0.0)) < 0.1);
        // Thresholds let through the share of faithful beads asked for.
        let faithful: Vec<Features> = rows.iter().filter(|r| !r.1).map(|r| r.0).collect();
        let m = m.with_thresholds(&faithful, 0.5, 0.1);
        let over = |t: f64| faithful.iter().filter(|f| m.probability(f) >= t).count();
        assert!(over(m.warn) <= 2 && over(m.info) <= 10, "{m:?}");
        assert!(m.info <= m.warn);
    }
}
