//! Divergence checks: what in an aligned bead a reviewer should look at.
//!
//! Takes [`BeadRecord`]s of one aligned pair with their analysed sides
//! ([`BeadSides`]: the words and numbers the segmenter found in the units a
//! bead covers, see [`crate::segment::side`]) and gives [`Flag`]s, each with
//! a kind, a severity and a reason that names the evidence:
//!
//! - [`numbers`]: a number, year, date, percentage or ordinal on one side
//!   only, or different on the two sides;
//! - [`clause`] and [`divergence`]: a clause dropped (omission) or added
//!   (addition), from each clause's translation evidence weighed by a
//!   logistic model with the bead's length and the pair's rates of
//!   matching each word;
//! - [`omission`]: a length ratio far outside the pair's own fitted model
//!   *and* content words with no translation evidence on the other side
//!   (where no clause is quoted);
//! - [`names`]: Latin tokens, acronyms and transliterated names on one side
//!   only;
//! - [`unaligned`]: units with no counterpart (1-0, 0-1), targets left in
//!   the source language, and beads the aligner itself doubts;
//! - [`glossary`]: a glossary term whose prescribed rendering is missing.
//!
//! Each is a [`Check`] listed in [`CHECKS`]: a new check is one new file
//! plus one line there. Checks never panic on input and tokenize nothing:
//! they read the analysis the units already have.

pub mod clause;
pub mod divergence;
pub mod glossary;
pub mod input;
mod lexicon;
pub mod name_swap;
pub mod names;
pub mod numbers;
pub mod omission;
mod rule;
pub mod unaligned;
pub use crate::lexical::words::is_content;

pub use crate::length::LengthModel;
pub use crate::lexical::evidence::{self, TranslationEvidence, WordPairs};
pub use crate::record::{Flag, FlagKind, Severity};
pub use rule::{BeadView, Check, CHECKS};

use crate::lexical::Glossary;
use crate::record::BeadRecord;
use crate::segment::side::{analyse, BeadSides};
use crate::segment::Segmenter;
use divergence::{BeadClauses, Rates};
use rayon::prelude::*;
use std::fmt;
use std::sync::Arc;

/// Learns translation evidence from the beads of one aligned pair (and
/// their analysed sides).
pub type PairLearner = fn(&[BeadRecord], &[BeadSides]) -> WordPairs;

/// Settings of the checks.
///
/// `CheckConfig::default()` runs every check except those that need data
/// it does not have: without [`CheckConfig::evidence`] there is no omission
/// or addition check (a long bead alone is not evidence enough), without
/// [`CheckConfig::glossary`] no glossary check.
#[derive(Clone)]
pub struct CheckConfig {
    /// Prescribed renderings; beads using a glossary term without one of
    /// its renderings are flagged.
    pub glossary: Option<Arc<Glossary>>,
    /// Bilingual word evidence (a lexicon) for the omission/addition and
    /// name checks.
    pub evidence: Option<Arc<dyn TranslationEvidence>>,
    /// How many robust standard deviations a bead's length ratio must lie
    /// from the pair's own model before its words are examined.
    pub length_z: f64,
    /// How many content words without evidence an omission/addition needs.
    pub min_unmatched_words: usize,
    /// Beads the aligner scored below this are flagged low-confidence
    /// (0 turns the flag off).
    pub min_confidence: f32,
    /// Learns word pairs from the pair itself (e.g.
    /// `terms::extract::word_pairs`: words that share at least three beads
    /// with a Dice coefficient of 0.5 or more, 亚信 ↔ CICA) to add to the
    /// evidence; only used when `evidence` is set. `None` learns nothing.
    pub pair_evidence: Option<PairLearner>,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            glossary: None,
            evidence: None,
            length_z: 2.0,
            min_unmatched_words: 2,
            min_confidence: 0.3,
            pair_evidence: None,
        }
    }
}

impl fmt::Debug for CheckConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CheckConfig")
            .field("glossary", &self.glossary.as_ref().map(|g| g.len()))
            .field("evidence", &self.evidence.is_some())
            .field("length_z", &self.length_z)
            .field("min_unmatched_words", &self.min_unmatched_words)
            .field("min_confidence", &self.min_confidence)
            .field("pair_evidence", &self.pair_evidence.is_some())
            .finish()
    }
}

/// One side of a bead as the checks read it: its units joined, with their
/// analysis (made once, by the segmenter).
pub use crate::segment::BeadSide as SideView;

/// Runs every check on the beads of one aligned pair and fills each
/// record's `flags` (most severe first). Earlier flags are replaced.
/// Uses `cfg.evidence` as translation evidence; the records' texts are
/// analysed here (see [`check_analysed`] for records whose units are
/// analysed already).
pub fn check(records: &mut [BeadRecord], seg: &Segmenter, cfg: &CheckConfig) {
    check_with(records, seg, cfg, cfg.evidence.as_deref());
}

/// [`check`] with borrowed translation evidence (e.g. the aligner's
/// lexicon, `Aligner::lexicon()`), so a loaded lexicon is shared rather
/// than loaded twice. `cfg.evidence` is ignored.
pub fn check_with(
    records: &mut [BeadRecord],
    seg: &Segmenter,
    cfg: &CheckConfig,
    evidence: Option<&dyn TranslationEvidence>,
) {
    let sides = analyse(records, seg);
    check_analysed(records, &sides, cfg, evidence);
}

/// [`check_with`] on records whose sides are analysed already: `sides[k]`
/// belongs to `records[k]` (from [`crate::segment::side::sides_of`] for
/// records just aligned, [`analyse`] for records read back).
pub fn check_analysed(
    records: &mut [BeadRecord],
    sides: &[BeadSides],
    cfg: &CheckConfig,
    evidence: Option<&dyn TranslationEvidence>,
) {
    debug_assert_eq!(records.len(), sides.len(), "one analysed bead per record");
    let flags: Vec<Vec<Flag>> = with_pair(records, sides, cfg, evidence, |pair| {
        records
            .par_iter()
            .zip(sides)
            .zip(&pair.clauses)
            .map(|((r, s), c)| {
                let mut flags = check_one(r, s, cfg, pair, c.as_ref());
                sort_flags(&mut flags);
                flags
            })
            .collect()
    });
    for (r, f) in records.iter_mut().zip(flags) {
        r.flags = f;
    }
}

/// What the checks know of one aligned pair as a whole.
struct Pair<'a> {
    /// The pair's length model.
    model: LengthModel,
    /// Translation evidence: the lexicon, with the pair's learnt words.
    evidence: Option<&'a dyn TranslationEvidence>,
    /// Per bead, its clause evidence both ways (with evidence, for beads
    /// with two sides in different languages).
    clauses: Vec<Option<BeadClauses>>,
    /// How often each word of the pair finds a counterpart.
    rates: Rates,
    /// The words the pair's English writes as names.
    names: name_swap::EnglishNames,
}

/// Runs `f` on what the checks learn of the pair of `records` (analysed
/// as `sides`): its length model, its evidence (`evidence` with the words
/// `cfg.pair_evidence` learns), and each bead's clause evidence (computed
/// once, here).
fn with_pair<R>(
    records: &[BeadRecord],
    sides: &[BeadSides],
    cfg: &CheckConfig,
    evidence: Option<&dyn TranslationEvidence>,
    f: impl FnOnce(&Pair<'_>) -> R,
) -> R {
    let model = LengthModel::fit(records);
    let learnt = match evidence {
        Some(_) => cfg.pair_evidence.map(|learn| learn(records, sides)),
        _ => None,
    };
    let both = match (evidence, &learnt) {
        (Some(a), Some(b)) => Some(evidence::Both(a, b)),
        _ => None,
    };
    let ev: Option<&dyn TranslationEvidence> = match &both {
        Some(b) => Some(b),
        None => evidence,
    };
    let clauses: Vec<Option<BeadClauses>> = sides
        .par_iter()
        .map(|s| {
            let ev = ev?;
            let (src, tgt) = (&s.src, &s.tgt);
            let two = src.lang.is_chinese() != tgt.lang.is_chinese();
            (two && !src.text().is_empty() && !tgt.text().is_empty()).then(|| BeadClauses {
                src: clause::clause_evidence(src, tgt, ev),
                tgt: clause::clause_evidence(tgt, src, ev),
            })
        })
        .collect();
    let rates = Rates::of(clauses.iter().flatten());
    // Only the name-swap check reads them, and only with evidence.
    let names = match ev {
        Some(_) => name_swap::EnglishNames::of(sides.iter().flat_map(|s| [&s.src, &s.tgt])),
        None => name_swap::EnglishNames::default(),
    };
    f(&Pair {
        model,
        evidence: ev,
        clauses,
        rates,
        names,
    })
}

/// Per bead of `records`, the features of the omission and the addition
/// models ([`divergence::Features`]) as [`check_with`] computes them; `None`
/// for a bead without clause evidence. For fitting and measuring the
/// models (`examples/damage.rs`).
pub fn divergence_features(
    records: &[BeadRecord],
    seg: &Segmenter,
    cfg: &CheckConfig,
    evidence: Option<&dyn TranslationEvidence>,
) -> Vec<Option<[divergence::Features; 2]>> {
    let sides = analyse(records, seg);
    with_pair(records, &sides, cfg, evidence, |pair| {
        sides
            .iter()
            .zip(&pair.clauses)
            .map(|(s, c)| {
                let c = c.as_ref()?;
                let z = omission::z(&s.src, &s.tgt, &pair.model);
                Some(divergence::Features::of_bead(c, &pair.rates, z))
            })
            .collect()
    })
}

/// Flags of one bead, unsorted.
fn check_one(
    r: &BeadRecord,
    sides: &BeadSides,
    cfg: &CheckConfig,
    pair: &Pair<'_>,
    clauses: Option<&BeadClauses>,
) -> Vec<Flag> {
    let mut flags = Vec::new();
    if r.src.is_empty() || r.tgt.is_empty() {
        flags.extend(unaligned::unaligned(r));
        return flags;
    }
    let (src, tgt) = (&sides.src, &sides.tgt);
    if let Some(f) = unaligned::untranslated(src, tgt) {
        // A target in the wrong language makes word-level checks moot.
        flags.push(f);
        return flags;
    }
    let bead = BeadView {
        record: r,
        src,
        tgt,
        evidence: pair.evidence,
        clauses,
        rates: &pair.rates,
        names: &pair.names,
        model: &pair.model,
        cfg,
    };
    for check in CHECKS {
        flags.extend(check.flags(&bead));
    }
    flags
}

/// Orders flags surest first ([`Flag::surer`]), then by kind.
pub fn sort_flags(flags: &mut [Flag]) {
    flags.sort_by(|a, b| a.surer(b).then(a.kind.cmp(&b.kind)));
}

/// The highest severity among `flags`, if any.
pub fn worst(flags: &[Flag]) -> Option<Severity> {
    flags.iter().map(|f| f.severity).max()
}

/// Shortens `text` to at most `max` characters, marking the cut with `…`.
pub(crate) fn excerpt(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Lang;
    use crate::lexical::GlossaryEntry;

    fn rec(i: usize, src: &[&str], tgt: &[&str]) -> BeadRecord {
        let owned = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
        let mut r = BeadRecord {
            pair: "p".into(),
            score: 0.9,
            ..BeadRecord::new(i, Lang::ZhHans, Lang::En, owned(src), owned(tgt))
        };
        for u in [r.src.first_mut(), r.tgt.first_mut()].into_iter().flatten() {
            u.line = Some(i + 1);
        }
        r
    }

    const GOOD_ZH: &str = "会议讨论了信任措施。";
    const GOOD_EN: &str = "The meeting discussed confidence building measures.";

    fn lexicon() -> WordPairs {
        let mut w: WordPairs = [
            ("会议", "meeting conference"),
            ("讨论", "discuss"),
            ("信任", "confidence trust"),
            ("措施", "measures"),
            ("亚信", "CICA"),
            ("天", "day"),
        ]
        .into_iter()
        .collect();
        w.add_pinyin("纳扎尔巴耶夫", "na zha er ba ye fu");
        w
    }

    fn config() -> CheckConfig {
        CheckConfig {
            evidence: Some(Arc::new(lexicon())),
            glossary: Some(Arc::new(Glossary::new(vec![GlossaryEntry {
                zh: "信任措施".into(),
                en: "confidence building measures".into(),
                note: String::new(),
            }]))),
            ..CheckConfig::default()
        }
    }

    /// Ten good beads, then `bad`; returns the flags of the last bead and
    /// asserts the good ones stay silent.
    fn flags_of(bad: BeadRecord) -> Vec<Flag> {
        let mut rs: Vec<BeadRecord> = (0..10).map(|i| rec(i, &[GOOD_ZH], &[GOOD_EN])).collect();
        rs.push(bad);
        check(&mut rs, &Segmenter::new(), &config());
        for r in &rs[..10] {
            assert!(r.flags.is_empty(), "good bead flagged: {:?}", r.flags);
        }
        rs.pop().map(|r| r.flags).unwrap_or_default()
    }

    fn kinds(flags: &[Flag]) -> Vec<FlagKind> {
        flags.iter().map(|f| f.kind).collect()
    }

    #[test]
    fn good_pair_is_silent() {
        assert!(flags_of(rec(10, &[GOOD_ZH], &[GOOD_EN])).is_empty());
    }

    #[test]
    fn unaligned_units_are_flagged() {
        let f = flags_of(rec(10, &["亚信会议讨论了很多重要的信任措施问题。"], &[]));
        assert_eq!(kinds(&f), vec![FlagKind::Unaligned]);
        assert!(f[0].reason.contains("line 11"), "{}", f[0].reason);
    }

    #[test]
    fn chinese_target_is_untranslated() {
        let f = flags_of(rec(10, &[GOOD_ZH], &["会议讨论了信任措施和其他问题。"]));
        assert_eq!(kinds(&f), vec![FlagKind::Untranslated]);
        assert_eq!(f[0].severity, Severity::Error);
    }

    #[test]
    fn latin_name_on_one_side_is_flagged() {
        let f = flags_of(rec(10, &["会议（CICA）讨论了信任措施。"], &[GOOD_EN]));
        assert_eq!(kinds(&f), vec![FlagKind::NameMismatch]);
        assert!(f[0].reason.contains("“CICA”"), "{}", f[0].reason);
        let ok = flags_of(rec(
            10,
            &["会议（CICA）讨论了信任措施。"],
            &["The CICA meeting discussed confidence building measures."],
        ));
        assert!(ok.is_empty(), "{ok:?}");
    }

    #[test]
    fn english_name_without_chinese_counterpart_is_info() {
        let en = "The meeting with Nazarbayev discussed confidence building measures.";
        let f = flags_of(rec(10, &[GOOD_ZH], &[en]));
        assert_eq!(kinds(&f), vec![FlagKind::NameMismatch]);
        assert_eq!(f[0].severity, Severity::Info);
        assert!(f[0].reason.contains("“Nazarbayev”"), "{}", f[0].reason);
        let ok = flags_of(rec(10, &["会议与纳扎尔巴耶夫讨论了信任措施。"], &[en]));
        assert!(ok.is_empty(), "{ok:?}");
    }

    #[test]
    fn glossary_rendering_missing_is_flagged() {
        let f = flags_of(rec(
            10,
            &[GOOD_ZH],
            &["The meeting discussed trust measures."],
        ));
        assert_eq!(kinds(&f), vec![FlagKind::GlossaryViolation]);
        assert!(
            f[0].reason
                .contains("信任措施 → “confidence building measures”"),
            "{}",
            f[0].reason
        );
    }

    #[test]
    fn omitted_clause_is_flagged_with_its_words() {
        let f = flags_of(rec(
            10,
            &["会议讨论了信任措施，各国领导人在上海举行峰会并通过了联合宣言。"],
            &[GOOD_EN],
        ));
        assert!(kinds(&f).contains(&FlagKind::Omission), "{f:?}");
        let r = &f
            .iter()
            .find(|x| x.kind == FlagKind::Omission)
            .unwrap()
            .reason;
        for w in ["上海", "峰会", "宣言"] {
            assert!(r.contains(w), "{r}");
        }
        assert!(!r.contains("会议"), "{r}");
    }

    #[test]
    fn added_clause_is_flagged_with_its_words() {
        let f = flags_of(rec(
            10,
            &[GOOD_ZH],
            &["The meeting discussed confidence building measures, which the leaders of the member states had set at the summit on October 5 in Shanghai."],
        ));
        assert!(kinds(&f).contains(&FlagKind::Addition), "{f:?}");
        let r = &f
            .iter()
            .find(|x| x.kind == FlagKind::Addition)
            .unwrap()
            .reason;
        for w in ["leaders", "summit", "October", "Shanghai"] {
            assert!(r.contains(w), "{r}");
        }
        assert!(!r.contains("meeting"), "{r}");
        assert!(r.starts_with("target clause “which the leaders"), "{r}");
    }

    #[test]
    fn english_source_works_the_other_way_round() {
        let mut rs: Vec<BeadRecord> = (0..10)
            .map(|i| {
                let mut r = rec(i, &[GOOD_EN], &[GOOD_ZH]);
                r.src_lang = Lang::En;
                r.tgt_lang = Lang::ZhHans;
                r
            })
            .collect();
        let mut bad = rec(
            10,
            &["The meeting discussed confidence building measures."],
            &["The meeting discussed confidence building measures."],
        );
        bad.src_lang = Lang::En;
        bad.tgt_lang = Lang::ZhHans;
        rs.push(bad);
        let mut om = rec(11, &["The meeting discussed confidence building measures, and the leaders held a summit in Shanghai and adopted a joint declaration."], &[GOOD_ZH]);
        om.src_lang = Lang::En;
        om.tgt_lang = Lang::ZhHans;
        rs.push(om);
        check(&mut rs, &Segmenter::new(), &config());
        assert!(
            rs[..10].iter().all(|r| r.flags.is_empty()),
            "{:?}",
            rs[0].flags
        );
        assert_eq!(kinds(&rs[10].flags), vec![FlagKind::Untranslated]);
        assert!(
            rs[10].flags[0]
                .reason
                .starts_with("target repeats the source"),
            "{:?}",
            rs[10].flags
        );
        let f = &rs[11].flags;
        assert!(kinds(f).contains(&FlagKind::Omission), "{f:?}");
        assert!(f.iter().any(|x| x.reason.contains("Shanghai")), "{f:?}");
    }

    #[test]
    fn two_chinese_scripts_are_not_untranslated() {
        let mut r = rec(
            0,
            &["亚信会议讨论了信任措施。"],
            &["亞信會議討論了信任措施。"],
        );
        r.tgt_lang = Lang::ZhHant;
        let mut rs = vec![r];
        check(&mut rs, &Segmenter::new(), &config());
        assert!(rs[0].flags.is_empty(), "{:?}", rs[0].flags);
    }

    #[test]
    fn changed_small_count_is_a_number_mismatch() {
        let f = flags_of(rec(
            10,
            &["会议讨论了三天信任措施。"],
            &["The meeting discussed confidence building measures for five days."],
        ));
        assert_eq!(kinds(&f), vec![FlagKind::NumberMismatch]);
        assert_eq!(f[0].severity, Severity::Warning);
        let ok = flags_of(rec(
            10,
            &["会议讨论了三天信任措施。"],
            &["The meeting discussed confidence building measures for three days."],
        ));
        assert!(ok.is_empty(), "{ok:?}");
    }

    #[test]
    fn low_confidence_is_reported() {
        let mut bad = rec(10, &[GOOD_ZH], &[GOOD_EN]);
        bad.score = 0.1;
        assert_eq!(kinds(&flags_of(bad)), vec![FlagKind::LowConfidence]);
    }

    #[test]
    fn flags_sort_most_severe_first() {
        let mut f = vec![
            Flag::new(FlagKind::Unaligned, Severity::Info, "a"),
            Flag::new(FlagKind::Omission, Severity::Error, "b"),
            Flag::new(FlagKind::NumberMismatch, Severity::Warning, "c"),
        ];
        sort_flags(&mut f);
        assert_eq!(worst(&f), Some(Severity::Error));
        assert_eq!(
            kinds(&f),
            vec![
                FlagKind::Omission,
                FlagKind::NumberMismatch,
                FlagKind::Unaligned
            ]
        );
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use crate::document::Lang;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    fn seg() -> &'static Segmenter {
        static SEG: OnceLock<Segmenter> = OnceLock::new();
        SEG.get_or_init(Segmenter::new)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn check_never_panics(
            beads in proptest::collection::vec(
                (proptest::collection::vec("\\PC{0,40}", 0..3),
                 proptest::collection::vec("\\PC{0,60}", 0..3),
                 0.0f32..1.0),
                0..12),
        ) {
            let mut rs: Vec<BeadRecord> = beads
                .into_iter()
                .enumerate()
                .map(|(i, (src, tgt, score))| BeadRecord {
                    pair: "p".into(),
                    score,
                    ..BeadRecord::new(i, Lang::ZhHant, Lang::En, src, tgt)
                })
                .collect();
            let cfg = CheckConfig {
                evidence: Some(Arc::new(WordPairs::new())),
                glossary: Some(Arc::new(Glossary::new(vec![crate::lexical::GlossaryEntry {
                    zh: "會議".into(),
                    en: "meeting".into(),
                    note: String::new(),
                }]))),
                ..CheckConfig::default()
            };
            check(&mut rs, seg(), &cfg);
            for r in &rs {
                let sorted = r.flags.windows(2).all(|w| w[0].severity >= w[1].severity);
                prop_assert!(sorted);
            }
        }
    }
}
