//! Documents → paragraphs → sentences.
//!
//! Takes two segmented documents; gives their alignment at paragraph level
//! (one unit per paragraph) or at sentence level. At sentence level the
//! paragraphs are aligned first and sentences are aligned inside each
//! aligned paragraph group; when the paragraph structures disagree (one
//! side has far fewer paragraphs, as in a Chinese text written as one
//! paragraph against seven English ones) or the paragraph alignment is
//! weak, the sentences of the whole documents are aligned directly.

use super::{Aligner, Bead, DocAlignment, Relatedness};
use crate::record::Level;
use crate::segment::{SegmentedDoc, Sentence};

/// Mean paragraph-bead confidence below which the paragraph alignment is
/// not trusted to constrain sentences.
const MIN_PARAGRAPH_CONFIDENCE: f32 = 0.5;

/// Paragraph structures "agree" when the smaller count is at least this
/// share of the larger.
const MIN_PARAGRAPH_RATIO: f32 = 0.6;

/// One unit per paragraph of `d`, from its sentences' analysis (see
/// [`SegmentedDoc::paragraph_unit`]).
pub fn paragraph_units(d: &SegmentedDoc) -> Vec<Sentence> {
    (0..d.doc.paragraphs.len())
        .map(|i| d.paragraph_unit(i))
        .collect()
}

/// True when the paragraph structures of `src` and `tgt` agree enough for
/// the paragraph alignment to constrain the sentences.
fn structures_agree(src: &SegmentedDoc, tgt: &SegmentedDoc) -> bool {
    let (np_s, np_t) = (src.doc.paragraphs.len(), tgt.doc.paragraphs.len());
    np_s > 1 && np_t > 1 && (np_s.min(np_t) as f32) >= MIN_PARAGRAPH_RATIO * np_s.max(np_t) as f32
}

/// Aligns two documents at `level` (see [`align_both`] for both levels).
pub fn align_docs(
    al: &Aligner,
    src: &SegmentedDoc,
    tgt: &SegmentedDoc,
    level: Level,
) -> DocAlignment {
    let agree = structures_agree(src, tgt);
    match level {
        Level::Sentence => {
            let pbeads = agree.then(|| {
                let (s, t) = (paragraph_units(src), paragraph_units(tgt));
                al.align_paragraphs_judged(&s, &t)
            });
            sentences(al, src, tgt, pbeads.as_ref())
        }
        Level::Paragraph => {
            let (s, t) = (paragraph_units(src), paragraph_units(tgt));
            let pbeads = agree.then(|| al.align_paragraphs_judged(&s, &t));
            let whole = || {
                let d = sentences(al, src, tgt, None);
                (d.beads, d.relatedness)
            };
            paragraphs(src, tgt, s, t, pbeads, whole)
        }
    }
}

/// Aligns two documents at sentence and at paragraph level, aligning the
/// paragraphs (or, when the structures disagree, the whole documents'
/// sentences) once for both.
pub fn align_both(
    al: &Aligner,
    src: &SegmentedDoc,
    tgt: &SegmentedDoc,
) -> (DocAlignment, DocAlignment) {
    let agree = structures_agree(src, tgt);
    let (s, t) = (paragraph_units(src), paragraph_units(tgt));
    let pbeads = agree.then(|| al.align_paragraphs_judged(&s, &t));
    let sentence = sentences(al, src, tgt, pbeads.as_ref());
    let paragraph = paragraphs(src, tgt, s, t, pbeads, || {
        (sentence.beads.clone(), sentence.relatedness)
    });
    (sentence, paragraph)
}

/// The paragraph-level alignment over paragraph units `s` and `t`: the
/// paragraph beads `pbeads` when the structures agree, else paragraph
/// beads built from the whole documents' sentence beads (`whole`): one
/// Chinese paragraph rendered as seven English ones is a 1-7 bead, which
/// no paragraph-level shape allows.
fn paragraphs(
    src: &SegmentedDoc,
    tgt: &SegmentedDoc,
    s: Vec<Sentence>,
    t: Vec<Sentence>,
    pbeads: Option<(Vec<Bead>, Relatedness)>,
    whole: impl FnOnce() -> (Vec<Bead>, Relatedness),
) -> DocAlignment {
    let (beads, relatedness) = pbeads.unwrap_or_else(|| {
        let (sentence_beads, r) = whole();
        (paragraph_beads(src, tgt, &sentence_beads), r)
    });
    DocAlignment {
        level: Level::Paragraph,
        src_units: s,
        tgt_units: t,
        beads,
        relatedness,
    }
}

/// The sentence alignment: inside the aligned paragraph groups `pbeads`
/// when given and confident enough, else over the whole documents.
fn sentences(
    al: &Aligner,
    src: &SegmentedDoc,
    tgt: &SegmentedDoc,
    pbeads: Option<&(Vec<Bead>, Relatedness)>,
) -> DocAlignment {
    let aligned = |(beads, relatedness)| DocAlignment {
        level: Level::Sentence,
        src_units: src.sentences.clone(),
        tgt_units: tgt.sentences.clone(),
        beads,
        relatedness,
    };
    let Some((pbeads, relatedness)) = pbeads else {
        return aligned(al.align_judged(&src.sentences, &tgt.sentences));
    };
    let mean = pbeads.iter().map(|b| b.score).sum::<f32>() / pbeads.len().max(1) as f32;
    if mean < MIN_PARAGRAPH_CONFIDENCE {
        return aligned(al.align_judged(&src.sentences, &tgt.sentences));
    }
    let mut beads: Vec<Bead> = Vec::new();
    for pb in pbeads {
        let srange = sentence_range(src, pb.src.clone());
        let trange = sentence_range(tgt, pb.tgt.clone());
        let inner = if srange.is_empty() || trange.is_empty() {
            // An unmatched paragraph: each of its sentences alone.
            let mut v: Vec<Bead> = srange
                .clone()
                .map(|i| Bead {
                    src: i..i + 1,
                    tgt: trange.start..trange.start,
                    score: pb.score,
                })
                .collect();
            v.extend(trange.clone().map(|j| Bead {
                src: srange.end..srange.end,
                tgt: j..j + 1,
                score: pb.score,
            }));
            v
        } else {
            al.align(
                &src.sentences[srange.clone()],
                &tgt.sentences[trange.clone()],
            )
            .into_iter()
            .map(|b| Bead {
                src: b.src.start + srange.start..b.src.end + srange.start,
                tgt: b.tgt.start + trange.start..b.tgt.end + trange.start,
                score: b.score,
            })
            .collect()
        };
        beads.extend(inner);
    }
    aligned((beads, *relatedness))
}

/// The smallest monotone paragraph beads that contain every sentence bead
/// of `sentence_beads`: paragraphs linked through any sentence bead end up
/// in one paragraph bead. A bead's score is the mean of its sentence beads'
/// scores, weighted by their unit counts.
fn paragraph_beads(src: &SegmentedDoc, tgt: &SegmentedDoc, sentence_beads: &[Bead]) -> Vec<Bead> {
    let paras = |d: &SegmentedDoc, r: &std::ops::Range<usize>| -> Option<std::ops::Range<usize>> {
        let first = d.sentences.get(r.start)?.para;
        let last = d.sentences.get(r.end.checked_sub(1)?)?.para;
        (r.start < r.end).then_some(first..last + 1)
    };
    // Groups under construction: paragraph ranges, score sum and weight.
    let mut groups: Vec<(std::ops::Range<usize>, std::ops::Range<usize>, f32, f32)> = Vec::new();
    for b in sentence_beads {
        let (ps, pt) = (paras(src, &b.src), paras(tgt, &b.tgt));
        let weight = (b.src.len() + b.tgt.len()) as f32;
        let joins = groups.last().is_some_and(|g| {
            ps.as_ref().is_some_and(|p| p.start < g.0.end)
                || pt.as_ref().is_some_and(|p| p.start < g.1.end)
        });
        if joins {
            if let Some(g) = groups.last_mut() {
                if let Some(p) = ps {
                    g.0.end = g.0.end.max(p.end);
                }
                if let Some(p) = pt {
                    g.1.end = g.1.end.max(p.end);
                }
                g.2 += b.score * weight;
                g.3 += weight;
            }
        } else {
            let (s_at, t_at) = groups.last().map_or((0, 0), |g| (g.0.end, g.1.end));
            let ps = ps.unwrap_or(s_at..s_at);
            let pt = pt.unwrap_or(t_at..t_at);
            // Paragraphs skipped over (no sentences) stand alone.
            groups.extend((s_at..ps.start).map(|i| (i..i + 1, t_at..t_at, 0.0, 0.0)));
            groups.extend((t_at..pt.start).map(|j| (ps.start..ps.start, j..j + 1, 0.0, 0.0)));
            groups.push((ps, pt, b.score * weight, weight));
        }
    }
    let (s_at, t_at) = groups.last().map_or((0, 0), |g| (g.0.end, g.1.end));
    groups.extend((s_at..src.doc.paragraphs.len()).map(|i| (i..i + 1, t_at..t_at, 0.0, 0.0)));
    let s_end = src.doc.paragraphs.len();
    groups.extend((t_at..tgt.doc.paragraphs.len()).map(|j| (s_end..s_end, j..j + 1, 0.0, 0.0)));
    groups
        .into_iter()
        .map(|(s, t, sum, weight)| Bead {
            src: s,
            tgt: t,
            score: if weight > 0.0 { sum / weight } else { 0.0 },
        })
        .collect()
}

/// Sentence indices of the paragraphs `paras` of `d`.
fn sentence_range(d: &SegmentedDoc, paras: std::ops::Range<usize>) -> std::ops::Range<usize> {
    if paras.is_empty() {
        let at = d.paragraph_range(paras.start).start;
        return at..at;
    }
    d.paragraph_range(paras.start).start..d.paragraph_range(paras.end - 1).end
}
