//! A second, local step after the search: merges two adjacent beads
//! where a clause of a sentence at their boundary is translated in the
//! other bead and not in its own, and splits off, as its own 1-0 bead, a source unit at
//! the edge of a bead that the other side explains nothing of; last, the
//! 0-1 decision of `added.rs`.
//!
//! Takes the search's path, the cost model it was found with and the
//! units; gives the path with those beads regrouped (costs recomputed).
//! The search compares a 2-2 with 1-1 + 1-1 on whole units, where a few
//! crossing words weigh less than the 2-2's shape prior; here only
//! windows of two beads the search already chose are looked at, clause by
//! clause, so the crossing is seen without letting the search shift
//! merged windows around.

use super::cost::CostModel;
use super::dp::Step;
use super::lexicon::{is_stop_word, Lexicon};
use super::params::Params;
use crate::segment::{Sentence, Token};
use rayon::prelude::*;
use std::collections::HashSet;
use std::ops::Range;

/// Most units a merged bead takes from one side (2-2, 2-3, 3-2).
const MERGE_SIDE: usize = 3;

/// Clause marks: a sentence's clauses are cut at these.
const CLAUSE_MARKS: &[char] = &['，', '；', '：', '、', ',', ';', ':'];

/// The content words of each clause of `s` (cut at [`CLAUSE_MARKS`]).
fn clauses(s: &Sentence) -> Vec<Vec<&Token>> {
    let mut out: Vec<Vec<&Token>> = vec![Vec::new()];
    let mut prev_end = 0;
    for t in &s.tokens {
        let gap = s.text.get(prev_end..t.span.start).unwrap_or("");
        if gap.contains(CLAUSE_MARKS) && out.last().is_some_and(|c| !c.is_empty()) {
            out.push(Vec::new());
        }
        prev_end = t.span.end;
        if !is_stop_word(&t.key) {
            if let Some(c) = out.last_mut() {
                c.push(t);
            }
        }
    }
    out.retain(|c| !c.is_empty());
    out
}

/// Lexicon ids of the word stems of `units`.
fn stem_ids(units: &[Sentence], lex: &Lexicon) -> HashSet<u32> {
    units
        .iter()
        .flat_map(|s| &s.tokens)
        .filter_map(|t| lex.stem_id(&t.stem))
        .collect()
}

/// How many words of `clause` have an id among `ids` (`ids_of` gives a
/// word's ids: a Chinese word's glosses, an English word's stem).
fn matched(clause: &[&Token], ids: &HashSet<u32>, ids_of: &IdsOf) -> usize {
    let mut buf = Vec::new();
    clause
        .iter()
        .filter(|t| {
            buf.clear();
            ids_of(t, &mut buf);
            buf.iter().any(|x| ids.contains(x))
        })
        .count()
}

/// Puts a word's ids into the buffer.
type IdsOf<'a> = dyn Fn(&Token, &mut Vec<u32>) + 'a;

/// Lexicon glosses of the Chinese words of `units`.
fn gloss_ids(units: &[Sentence], lex: &Lexicon) -> HashSet<u32> {
    let mut out = Vec::new();
    for t in units.iter().flat_map(|s| &s.tokens) {
        lex.translate_into(&t.key, &mut out);
    }
    out.into_iter().collect()
}

/// Whether a clause crosses the boundary between beads `a` and `b`: the
/// last clause of `a`'s last unit translated in `b` and not at all in
/// `a`, or the first clause of `b`'s first unit translated in `a` and not
/// in `b`, by at least `params.merge_words` words for a Chinese clause
/// (its glosses among the English stems) or `params.merge_words_en` for
/// an English one (its stems among the Chinese glosses). A sentence of
/// one clause crosses nothing. Gives the crossing words (0: none).
fn crossing(
    src: &[Sentence],
    tgt: &[Sentence],
    lex: &Lexicon,
    params: &Params,
    a: &Step,
    b: &Step,
) -> usize {
    let glosses = |t: &Token, out: &mut Vec<u32>| {
        lex.translate_into(&t.key, out);
    };
    let stem = |t: &Token, out: &mut Vec<u32>| out.extend(lex.stem_id(&t.stem));
    // One side's boundary clauses against the other side's ids.
    let words = |last_a: &Sentence,
                 first_b: &Sentence,
                 ia: &HashSet<u32>,
                 ib: &HashSet<u32>,
                 ids_of: &IdsOf| {
        let side =
            |clauses: Vec<Vec<&Token>>, last: bool, own: &HashSet<u32>, far: &HashSet<u32>| {
                let c = if last {
                    clauses.last()
                } else {
                    clauses.first()
                };
                match c {
                    Some(c) if clauses.len() >= 2 && matched(c, own, ids_of) == 0 => {
                        matched(c, far, ids_of)
                    }
                    _ => 0,
                }
            };
        side(clauses(last_a), true, ia, ib).max(side(clauses(first_b), false, ib, ia))
    };
    let zh = words(
        &src[a.src.end - 1],
        &src[b.src.start],
        &stem_ids(&tgt[a.tgt.clone()], lex),
        &stem_ids(&tgt[b.tgt.clone()], lex),
        &glosses,
    );
    if zh >= params.merge_words {
        return zh;
    }
    let en = words(
        &tgt[a.tgt.end - 1],
        &tgt[b.tgt.start],
        &gloss_ids(&src[a.src.clone()], lex),
        &gloss_ids(&src[b.src.clone()], lex),
        &stem,
    );
    if en >= params.merge_words_en {
        en
    } else {
        0
    }
}

/// The bead `st` split into the source unit `u` (its first or last) alone
/// and the rest, in order.
fn split(st: &Step, u: usize) -> [(Range<usize>, Range<usize>); 2] {
    let (s, t) = (st.src.clone(), st.tgt.clone());
    if u == s.start {
        [(u..u + 1, t.start..t.start), (u + 1..s.end, t)]
    } else {
        [(s.start..u, t.clone()), (u..u + 1, t.end..t.end)]
    }
}

/// Regroups `steps` (a path over `src` × `tgt` found with `cm`): merges
/// first, then nulls.
pub fn regroup(
    steps: Vec<Step>,
    cm: &CostModel<'_>,
    params: &Params,
    src: &[Sentence],
    tgt: &[Sentence],
    lex: &Lexicon,
) -> Vec<Step> {
    let step = |s: Range<usize>, t: Range<usize>| Step {
        cost: cm.cost(s.clone(), t.clone()),
        src: s,
        tgt: t,
    };
    // Merges: windows of two non-null beads whose union is 2-2, 2-3 or
    // 3-2, the most crossing words first, windows not overlapping.
    // Windows are judged independently, on both cores (a long document
    // has ~100k of them); the choice among them below is sequential.
    let mut cands: Vec<(usize, usize)> = steps
        .par_windows(2)
        .enumerate()
        .filter_map(|(k, w)| {
            let (a, b) = (&w[0], &w[1]);
            let (ns, nt) = (a.src.len() + b.src.len(), a.tgt.len() + b.tgt.len());
            let null = |s: &Step| s.src.is_empty() || s.tgt.is_empty();
            if null(a) || null(b) || nt < 2 || ns > MERGE_SIDE || nt > MERGE_SIDE || ns + nt > 5 {
                return None;
            }
            let words = crossing(src, tgt, lex, params, a, b);
            (words > 0).then_some((words, k))
        })
        .collect();
    cands.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    let mut merge_at = vec![false; steps.len()];
    let mut taken = vec![false; steps.len()];
    for (_, k) in cands {
        if !taken[k] && !taken[k + 1] {
            taken[k] = true;
            taken[k + 1] = true;
            merge_at[k] = true;
        }
    }
    let mut merged: Vec<Step> = Vec::with_capacity(steps.len());
    let mut k = 0;
    while k < steps.len() {
        if merge_at[k] {
            merged.push(step(
                steps[k].src.start..steps[k + 1].src.end,
                steps[k].tgt.start..steps[k + 1].tgt.end,
            ));
            k += 2;
        } else {
            merged.push(steps[k].clone());
            k += 1;
        }
    }
    // Nulls: the first or last source unit of a bead with two or more.
    // Only the source (Chinese) side: the lexicon glosses nearly every
    // Chinese content word, so a Chinese sentence of which the English
    // explains nothing was left untranslated (a note on a pun, a line the
    // translator dropped), while English sentences with no dictionary
    // match are common in free translation (on MAC-Dev, 1 in 30 such
    // English edge units is a real 0-1).
    let parts: Vec<Vec<Step>> = merged
        .into_par_iter()
        .map(|st| {
            let alone = if st.src.len() < 2 || st.tgt.is_empty() {
                None
            } else {
                [st.src.start, st.src.end - 1].into_iter().find(|&u| {
                    let (explained, mass) = cm.src_unit_evidence(u, st.tgt.clone());
                    explained <= 0.0 && mass >= params.null_mass
                })
            };
            match alone {
                Some(u) => split(&st, u).map(|(s, t)| step(s, t)).into(),
                None => vec![st],
            }
        })
        .collect();
    let steps = parts.into_iter().flatten().collect();
    super::added::split_added(steps, cm, params.added_prior)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::encode::{Encoded, Evidence};
    use crate::length::BeadCost;
    use crate::segment::Segmenter;
    use crate::Lang;

    fn units(seg: &Segmenter, texts: &[&str], lang: Lang) -> Vec<Sentence> {
        texts.iter().map(|t| seg.unit(t, lang)).collect()
    }

    fn bead(src: Range<usize>, tgt: Range<usize>) -> Step {
        Step {
            src,
            tgt,
            cost: 0.0,
        }
    }

    #[test]
    fn clauses_are_cut_at_commas_and_semicolons() {
        let seg = Segmenter::new();
        let s = seg.unit(
            "他走进房间，看见桌上有一封信；信是写给母亲的。",
            Lang::ZhHans,
        );
        assert_eq!(clauses(&s).len(), 3);
        let e = seg.unit("He came in, saw a letter: it was for his mother.", Lang::En);
        assert_eq!(clauses(&e).len(), 3);
    }

    /// The last clause of the first sentence is translated in the second
    /// English sentence: its words cross the boundary; a straight pair
    /// crosses nothing.
    #[test]
    fn a_clause_translated_in_the_next_sentence_crosses() {
        let seg = Segmenter::new();
        let lex = Lexicon::embedded().expect("embedded lexicon");
        let zh = units(
            &seg,
            &[
                "我在书店买了三本书，老师和学生都非常高兴。",
                "他们一起去公园散步。",
            ],
            Lang::ZhHans,
        );
        let moved = units(
            &seg,
            &[
                "I bought three books at the bookshop.",
                "The teacher and the students were very happy, and they went for a walk in the park together.",
            ],
            Lang::En,
        );
        let (a, b) = (bead(0..1, 0..1), bead(1..2, 1..2));
        let params = Params {
            merge_words: 2,
            ..Params::default()
        };
        assert!(crossing(&zh, &moved, &lex, &params, &a, &b) >= 2);
        let straight = units(
            &seg,
            &[
                "I bought three books at the bookshop, and the teacher and the students were very happy.",
                "They went for a walk in the park together.",
            ],
            Lang::En,
        );
        assert_eq!(crossing(&zh, &straight, &lex, &params, &a, &b), 0);
        // The same seen from the English side: the first English sentence's
        // last clause is translated in the second Chinese one.
        let en_moved = units(
            &seg,
            &[
                "I bought three books at the bookshop, and we went for a walk in the park.",
                "The teacher was very happy.",
            ],
            Lang::En,
        );
        let zh_straight = units(
            &seg,
            &["我在书店买了三本书。", "我们去公园散步，老师非常高兴。"],
            Lang::ZhHans,
        );
        assert!(crossing(&zh_straight, &en_moved, &lex, &params, &a, &b) >= 2);
    }

    /// A Chinese sentence the English explains nothing of is split off its
    /// bead as a 1-0; a translated one stays.
    #[test]
    fn an_unexplained_source_sentence_stands_alone() {
        let seg = Segmenter::new();
        let lex = Lexicon::embedded().expect("embedded lexicon");
        let zh = units(
            &seg,
            &["老师和学生去公园散步。", "这个字的读音他总是记不住。"],
            Lang::ZhHans,
        );
        let en = units(
            &seg,
            &["The teacher and the students went for a walk in the park."],
            Lang::En,
        );
        let ev = Evidence {
            lexicon: true,
            names_numbers: true,
            punctuation: 1.0,
        };
        let enc = Encoded::new(&zh, &en, &lex, ev);
        let masks = enc.masks(&[0..1, 0..1]);
        let params = Params {
            null_mass: 1.0,
            ..Params::default()
        };
        let length = BeadCost::fit(&enc.src.chars, &enc.tgt.chars, params.len_var);
        let cm = CostModel::new(&enc, &masks, length, &params);
        let path = vec![bead(0..2, 0..1)];
        let out = regroup(path.clone(), &cm, &params, &zh, &en, &lex);
        let shapes: Vec<_> = out.iter().map(|s| (s.src.clone(), s.tgt.clone())).collect();
        assert_eq!(shapes, vec![(0..1, 0..1), (1..2, 1..1)]);
        assert!(out.iter().all(|s| s.cost.is_finite()));
        // Never below the least mass.
        let strict = Params {
            null_mass: f32::INFINITY,
            ..params
        };
        assert_eq!(regroup(path, &cm, &strict, &zh, &en, &lex).len(), 1);
    }
}
