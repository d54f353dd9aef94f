//! Alignment: documents, then paragraphs, then sentences.
//!
//! Takes segmented documents and gives [`Bead`]s: monotone groups of source
//! and target units (1-1, 1-2, 0-1 …) with a calibrated confidence.
//!
//! Inside, one job per module: [`lexicon`] (CC-CEDICT + ECDICT), `evidence`
//! (numbers, Latin tokens, names), `encode` (units as weighted items),
//! `length`, `model1` (a translation table learned from the pair), `cost`
//! (the one place the scorers combine), `dp` (the banded search, which sees
//! only a cost callback), `shape` (bead shapes as data), `params` (fitted
//! constants), `calibrate` (confidence), [`eval`] (strict/lax P/R/F1).

mod added;
mod anchors;
mod bead;
mod calibrate;
pub mod constrained;
mod cost;
mod docs;
mod dp;
mod encode;
pub mod eval;
mod evidence;
mod hierarchy;
pub mod lexicon;
mod model1;
mod params;
mod pass;
pub mod presplit;
mod records;
mod regroup;
mod relation;
mod shape;

pub use bead::{Bead, Shape};
pub use calibrate::inputs as calibration_inputs;
pub use cost::Features;
pub use docs::{pair_documents_by, pair_documents_with, DocFeatures, Manifest};
pub use lexicon::Lexicon;
pub use params::{priors_from_counts, Params, SHAPE_COUNTS};
pub use records::{records, Side};
pub use relation::Relatedness;
pub use shape::SHAPES;

use crate::error::Result;
use crate::record::Level;
use crate::segment::{SegmentedDoc, Sentence};

/// Settings of the aligner.
#[derive(Debug, Clone, Default)]
pub struct AlignConfig {
    /// Path of the bilingual lexicon; `None` uses `BITEXT_LEXICON` when set,
    /// else the one shipped with the repository (embedded in the binary).
    pub lexicon: Option<std::path::PathBuf>,
    /// Which scoring components are used (all by default).
    pub components: Components,
    /// Fitted weights and penalties (see `params.rs`).
    pub params: Params,
}

/// The scoring components, each of which can be switched off (ablation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Components {
    /// CC-CEDICT lexical matches.
    pub lexicon: bool,
    /// Numbers, Latin tokens and transliterated names.
    pub names_numbers: bool,
    /// Bead-shape priors.
    pub priors: bool,
    /// Second pass with a Model 1 table learned from the first.
    pub model1: bool,
    /// Second pass with the length variance re-estimated from the first.
    pub refit_length: bool,
}

impl Default for Components {
    fn default() -> Self {
        Components {
            lexicon: true,
            names_numbers: true,
            priors: true,
            model1: true,
            // Measured to hurt on MAC-Dev (see the ablation in the README).
            refit_length: false,
        }
    }
}

/// The aligner with its lexicon loaded; build once, share by `&`.
#[derive(Debug)]
pub struct Aligner {
    cfg: AlignConfig,
    lexicon: Lexicon,
}

/// The alignment of one document pair at one level.
#[derive(Debug, Clone)]
pub struct DocAlignment {
    /// Unit level.
    pub level: Level,
    /// Source units (sentences, or one unit per paragraph).
    pub src_units: Vec<Sentence>,
    /// Target units.
    pub tgt_units: Vec<Sentence>,
    /// Beads over `src_units` × `tgt_units`, in order.
    pub beads: Vec<Bead>,
    /// Whether the documents look like translations of each other (judged
    /// on the alignment the others were built from: the paragraphs', or
    /// the whole documents' sentences).
    pub relatedness: Relatedness,
}

/// How two documents relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// One is a translation of the other: align them.
    Translation,
    /// Same subject, not a translation: do not align.
    Comparable,
}

/// A decision about two documents of a corpus.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DocPair {
    /// Index of the source (Chinese) document.
    pub src: usize,
    /// Index of the target (English) document.
    pub tgt: usize,
    /// The decision.
    pub relation: Relation,
    /// Confidence in [0, 1] that the documents are translations.
    pub score: f32,
    /// Why, in words.
    pub reason: String,
}

impl Aligner {
    /// Loads the lexicon and prepares the aligner.
    pub fn new(cfg: AlignConfig) -> Result<Aligner> {
        let lexicon = Lexicon::find(cfg.lexicon.as_deref())?;
        Ok(Aligner { cfg, lexicon })
    }

    /// Prepares the aligner over a lexicon already loaded (e.g. with
    /// [`Lexicon::find_only`]).
    pub fn with_lexicon(cfg: AlignConfig, lexicon: Lexicon) -> Aligner {
        Aligner { cfg, lexicon }
    }

    /// Replaces the weights and the components in use (the lexicon stays
    /// loaded): for tuning and ablation without reloading.
    pub fn set_params(&mut self, params: Params, components: Components) {
        self.cfg.params = params;
        self.cfg.components = components;
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The configuration in use.
    pub fn config(&self) -> &AlignConfig {
        &self.cfg
    }

    /// Aligns source units with target units: beads cover every unit once,
    /// in order, each with a confidence in [0, 1]. When the source is
    /// English and the target Chinese, the lexicon is applied the other way
    /// round; the beads still index `src` and `tgt` as given.
    pub fn align(&self, src: &[Sentence], tgt: &[Sentence]) -> Vec<Bead> {
        self.align_explained(src, tgt)
            .into_iter()
            .map(|(b, _)| b)
            .collect()
    }

    /// Like [`Aligner::align`], with the features each bead's score was
    /// computed from.
    pub fn align_explained(&self, src: &[Sentence], tgt: &[Sentence]) -> Vec<(Bead, Features)> {
        self.align_with(src, tgt, &self.cfg).0
    }

    /// Like [`Aligner::align`], with the judgement whether the two texts
    /// are translations of each other at all. When they are not, no bead
    /// scores above the judgement's confidence (below 0.5).
    pub fn align_judged(&self, src: &[Sentence], tgt: &[Sentence]) -> (Vec<Bead>, Relatedness) {
        let (beads, r) = self.align_with(src, tgt, &self.cfg);
        (beads.into_iter().map(|(b, _)| b).collect(), r)
    }

    /// Aligns with the configuration `cfg`; the Chinese side is the
    /// aligner's source whichever side it is given on. Beads of texts
    /// judged not to be translations are capped (see [`Relatedness`]).
    fn align_with(
        &self,
        src: &[Sentence],
        tgt: &[Sentence],
        cfg: &AlignConfig,
    ) -> (Vec<(Bead, Features)>, Relatedness) {
        let chinese =
            |u: &[Sentence]| u.iter().filter(|s| s.lang.is_chinese()).count() * 2 > u.len();
        let mut beads = if !chinese(src) && chinese(tgt) {
            pass::align(tgt, src, &self.lexicon, cfg)
                .into_iter()
                .map(|(b, f)| {
                    let bead = Bead {
                        src: b.tgt,
                        tgt: b.src,
                        score: b.score,
                    };
                    (bead, f)
                })
                .collect()
        } else {
            pass::align(src, tgt, &self.lexicon, cfg)
        };
        let r = Relatedness::of(&beads, src.len(), tgt.len());
        r.cap(&mut beads);
        (beads, r)
    }

    /// Aligns paragraph units (one unit per paragraph): like
    /// [`Aligner::align`] with the paragraph-level shape priors
    /// ([`Params::for_paragraphs`]).
    pub fn align_paragraphs(&self, src: &[Sentence], tgt: &[Sentence]) -> Vec<Bead> {
        self.align_paragraphs_judged(src, tgt).0
    }

    /// [`Aligner::align_paragraphs`] with the judgement of
    /// [`Aligner::align_judged`].
    pub fn align_paragraphs_judged(
        &self,
        src: &[Sentence],
        tgt: &[Sentence],
    ) -> (Vec<Bead>, Relatedness) {
        let mut cfg = self.cfg.clone();
        cfg.params = cfg.params.for_paragraphs();
        let (beads, r) = self.align_with(src, tgt, &cfg);
        (beads.into_iter().map(|(b, _)| b).collect(), r)
    }

    /// Aligns two documents at `level` (paragraph units are built from the
    /// sentences' analysis). At sentence level, paragraphs are aligned first and
    /// sentences inside aligned paragraph groups, unless the paragraph
    /// structures disagree (then the whole documents' sentences).
    pub fn align_docs(&self, src: &SegmentedDoc, tgt: &SegmentedDoc, level: Level) -> DocAlignment {
        hierarchy::align_docs(self, src, tgt, level)
    }

    /// [`Aligner::align_docs`] at sentence and at paragraph level at once
    /// (sentence level first), the paragraphs aligned once for both.
    pub fn align_both(
        &self,
        src: &SegmentedDoc,
        tgt: &SegmentedDoc,
    ) -> (DocAlignment, DocAlignment) {
        hierarchy::align_both(self, src, tgt)
    }
}

/// Decides which documents of a corpus are translations of each other.
/// Every Chinese document is considered against every English one; see
/// [`pair_documents_with`] for the rule.
pub fn pair_documents(docs: &[SegmentedDoc], aligner: &Aligner) -> Vec<DocPair> {
    docs::pair_documents_with(docs, aligner, None)
}
