//! The [`Check`] trait and the list of checks run on every bead whose two
//! sides are both present. A new divergence check is one new file that
//! implements [`Check`] plus one line in [`CHECKS`].

use super::divergence::{BeadClauses, Rates};
use super::name_swap::EnglishNames;
use super::{CheckConfig, Flag, LengthModel, SideView, TranslationEvidence};
use crate::record::BeadRecord;

/// One aligned bead as every check sees it: the record, both sides
/// analysed once, and what the pair as a whole knows.
pub struct BeadView<'a> {
    /// The bead's record (score, shape, provenance).
    pub record: &'a BeadRecord,
    /// The source side, analysed.
    pub src: &'a SideView,
    /// The target side, analysed.
    pub tgt: &'a SideView,
    /// Translation evidence (a lexicon and pairs learnt from the pair).
    pub evidence: Option<&'a dyn TranslationEvidence>,
    /// The bead's clause evidence both ways (with evidence only).
    pub clauses: Option<&'a BeadClauses>,
    /// How often each word of the pair finds a counterpart.
    pub rates: &'a Rates,
    /// The words the pair's English writes as names.
    pub names: &'a EnglishNames,
    /// The pair's own length model.
    pub model: &'a LengthModel,
    /// The settings.
    pub cfg: &'a CheckConfig,
}

/// A divergence check on one bead with both sides present.
pub trait Check: Sync {
    /// The check's findings on `bead`, in any order (none when it has
    /// nothing to say, or lacks the data it needs).
    fn flags(&self, bead: &BeadView<'_>) -> Vec<Flag>;
}

/// Every check, in the order their flags are gathered.
pub static CHECKS: &[&dyn Check] = &[
    &super::unaligned::LowConfidence,
    &super::numbers::Numbers,
    &super::names::Names,
    &super::name_swap::NameSwap,
    &super::clause::Divergence,
    &super::glossary::GlossaryTerms,
];
