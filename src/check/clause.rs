//! Clause-level evidence: a clause on one side with no translation evidence
//! on the other, whatever the bead's length ratio.
//!
//! Each side is cut into clauses ([`cut`]: Chinese at ，；：、 and sentence
//! ends, English at , ; : — brackets and before relative pronouns and
//! subordinators). Each content word of a clause is looked up on the other
//! side: the lexicon and the pair's own translation table, identical Latin
//! tokens, names that sound like the pinyin, and numbers of equal value. A
//! bead's evidence, with its length ratio and the pair's rates of matching
//! each word, goes to the [`divergence`] models, which say how likely the
//! source dropped a clause (omission) or the target added one (addition).
//! The reason quotes the clause and the flag marks it so the review page
//! can highlight it; a flag whose length ratio is also an outlier the
//! flagged side's way is an error.

use super::divergence::{self, BeadClauses, Features, Rates};
use super::{excerpt, Flag, FlagKind, Severity, SideView, TranslationEvidence};
use crate::document::{Lang, Span};
use crate::lexical::evidence::{
    en_has_evidence_by, stem_variants, transliterates, zh_has_evidence,
};
use crate::lexical::words::is_content;
use crate::record::Mark;
use crate::segment::{Token, TokenKind};
use unicode_segmentation::UnicodeSegmentation;

/// English words before which a new clause starts (relative pronouns and
/// subordinating conjunctions).
const EN_CLAUSE_WORDS: &[&str] = &[
    "which", "who", "whom", "whose", "where", "because", "although", "though", "whereas", "unless",
    "while",
];

/// A clause is quoted in a reason up to this many characters.
const QUOTE: usize = 60;

/// Cuts `text` into clauses: byte spans, trimmed of spaces and the
/// punctuation that separated them, empty ones left out.
pub fn cut(text: &str, lang: Lang) -> Vec<Span> {
    let mut cuts: Vec<usize> = vec![0];
    let is_sep = |c: char| {
        if lang.is_chinese() {
            "，；：、。！？…—（）()“”「」『』《》,;:!?".contains(c)
        } else {
            ",;:!?()—–\"“”[]".contains(c)
        }
    };
    for (i, c) in text.char_indices() {
        if is_sep(c) {
            cuts.push(i);
            cuts.push(i + c.len_utf8());
        } else if c == '.' && !lang.is_chinese() {
            // A full stop ends a clause only before a space or the end,
            // and not after an abbreviation (3.5, U.S., Mr. are kept).
            let next = text[i + 1..].chars().next();
            let word = text[..i].rsplit(char::is_whitespace).next().unwrap_or("");
            let abbreviation = word.contains('.')
                || (word.chars().count() <= 2 && word.starts_with(char::is_uppercase));
            if next.is_none_or(char::is_whitespace) && !abbreviation {
                cuts.push(i);
                cuts.push(i + 1);
            }
        }
    }
    if !lang.is_chinese() {
        for (i, w) in text.unicode_word_indices() {
            if i > 0 && EN_CLAUSE_WORDS.contains(&w.to_lowercase().as_str()) {
                cuts.push(i);
            }
        }
    }
    cuts.push(text.len());
    cuts.sort_unstable();
    cuts.dedup();
    let junk = |c: char| c.is_whitespace() || is_sep(c) || c == '.';
    let mut out = Vec::new();
    for w in cuts.windows(2) {
        let piece = &text[w[0]..w[1]];
        let lead = piece.len() - piece.trim_start_matches(junk).len();
        let trimmed = piece.trim_matches(junk);
        if !trimmed.is_empty() {
            let start = w[0] + lead;
            out.push(Span::new(start, start + trimmed.len()));
        }
    }
    out
}

/// A clause of one side and the evidence its words find on the other.
#[derive(Debug, Clone, PartialEq)]
pub struct ClauseEvidence {
    /// Bytes of the clause in its side's text.
    pub span: Span,
    /// Content words in the clause.
    pub content: usize,
    /// Content words with a counterpart on the other side.
    pub matched: usize,
    /// True when a number of the clause is stated on the other side too.
    pub number: bool,
    /// Content words without a counterpart, as written (each once).
    pub words: Vec<String>,
    /// Every content word of the clause, in text order, with what it found.
    pub found: Vec<WordMatch>,
}

/// One content word of a clause and the evidence it found on the other side.
#[derive(Debug, Clone, PartialEq)]
pub struct WordMatch {
    /// The word's matching form: its key (Chinese) or stem (English).
    pub key: String,
    /// True when the evidence has an entry for the word itself.
    pub known: bool,
    /// True when it has a counterpart on the other side.
    pub matched: bool,
    /// The word's place among its side's tokens.
    pub at: usize,
    /// The place of its counterpart among the other side's tokens.
    pub partner: Option<usize>,
}

impl ClauseEvidence {
    /// Content words without a counterpart.
    pub fn missing(&self) -> usize {
        self.content - self.matched
    }

    /// True when the clause looks untranslated: two or more content words
    /// without a counterpart, at most `share` of its content words matched
    /// (one chance match in a long clause is common), and no number shared
    /// with the other side.
    pub fn unmatched(&self, share: f64) -> bool {
        !self.number && self.missing() >= 2 && self.matched as f64 <= share * self.content as f64
    }
}

/// Every clause of `side` with the evidence it finds in `other`.
pub fn clause_evidence(
    side: &SideView,
    other: &SideView,
    ev: &dyn TranslationEvidence,
) -> Vec<ClauseEvidence> {
    let lookup = Lookup::new(other, ev);
    let text = side.text();
    // Each word of the other side is evidence for one word only, taken in
    // text order: a word already used (会议 took "meeting") cannot also
    // vouch for 峰会 "summit meeting". A word said again may reuse its
    // counterpart: a translation names 亚信会议 three times, CICA once
    // and "it" after. The words of one phrase or name share: "top of his
    // head" both have 头顶, "Wang" (by 王) and "Qiyao" (by its sound) both
    // 王琦瑶, "Grannie" (by meaning) and "Liu" (by sound) both 刘姥姥. And a
    // word matched by sound may take a counterpart another took by sound.
    let mut used: Vec<Option<Taken>> = vec![None; lookup.keys.len()];
    cut(text, side.lang)
        .into_iter()
        .map(|span| {
            let inside = |s: &Span| s.start >= span.start && s.end <= span.end;
            let number = side
                .unit
                .numbers
                .iter()
                .filter(|n| inside(&n.span))
                .any(|n| other.unit.numbers.iter().any(|m| m.value == n.value));
            let mut c = ClauseEvidence {
                span,
                content: 0,
                matched: 0,
                number,
                words: Vec::new(),
                found: Vec::new(),
            };
            for (i, t) in side
                .unit
                .tokens
                .iter()
                .enumerate()
                .filter(|(_, t)| inside(&t.span) && is_content(t) && !is_negation(t))
            {
                c.content += 1;
                // An English word's stems to look up, made once.
                let stems = if t.kind == TokenKind::Latin {
                    stem_variants(&t.stem)
                } else {
                    Vec::new()
                };
                let open = |j: usize| match used[j] {
                    None => Open::Free,
                    Some(k) if k.key == t.key || k.at.abs_diff(i) <= PHRASE => Open::Free,
                    Some(k) if k.how == Match::Sound => Open::ToSound,
                    Some(_) => Open::Taken,
                };
                let found = (0..used.len()).find_map(|j| {
                    lookup
                        .matches_at(t, &stems, j, open(j), side.lang, text)
                        .map(|how| (j, how))
                });
                let key = if side.lang.is_chinese() {
                    &t.key
                } else {
                    &t.stem
                };
                c.found.push(WordMatch {
                    key: key.to_string(),
                    known: if side.lang.is_chinese() {
                        ev.has_word(key)
                    } else {
                        ev.knows(key)
                    },
                    matched: found.is_some(),
                    at: i,
                    partner: found.map(|(j, _)| j),
                });
                if let Some((j, how)) = found {
                    if used[j].is_none() {
                        used[j] = Some(Taken {
                            key: t.key.as_str(),
                            how,
                            at: i,
                        });
                    }
                    c.matched += 1;
                } else {
                    let w = text.get(t.span.start..t.span.end).unwrap_or(&t.key);
                    if !c.words.iter().any(|x| x == w) {
                        c.words.push(w.to_string());
                    }
                }
            }
            c
        })
        .collect()
}

/// How a word found its counterpart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Match {
    /// By meaning (the lexicon, the pair's table, the same Latin word): the
    /// counterpart vouches for this word only.
    Meaning,
    /// By sound (a name and its pinyin): every part of the name may share
    /// the counterpart.
    Sound,
}

/// A word of the other side taken as a counterpart: by which word (its
/// key and token index) and how.
#[derive(Debug, Clone, Copy)]
struct Taken<'a> {
    key: &'a str,
    how: Match,
    at: usize,
}

/// What a word of the other side is still open to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    /// Any match: no other word took it, or the same word said again or
    /// a word of the same phrase did.
    Free,
    /// A match by sound: another part of the name took it.
    ToSound,
    /// Nothing: another word took it by meaning.
    Taken,
}

/// Tokens within this distance of each other may be parts of one phrase
/// or name rendering one word of the other side: "top of his head" (头顶),
/// "look back" (回头), "Grannie Liu", 王 / 琦瑶 as jieba cuts a name.
const PHRASE: usize = 3;

/// The other side's words, ready for lookups.
struct Lookup<'a> {
    ev: &'a dyn TranslationEvidence,
    keys: Vec<&'a str>,
    /// Per word: the stems it may be looked up under (its own; its
    /// lemma's for an irregular form: sat → sit, knew → know), as an
    /// English word of this side is ([`en_has_evidence_by`]).
    stems: Vec<Vec<String>>,
    /// Per word: a capitalised Latin word (a name).
    names: Vec<bool>,
    /// Per word: its characters when it is a Chinese word of two or more
    /// characters that the evidence lacks (else empty).
    chars: Vec<Vec<String>>,
}

impl<'a> Lookup<'a> {
    fn new(other: &'a SideView, ev: &'a dyn TranslationEvidence) -> Lookup<'a> {
        let toks = &other.unit.tokens;
        let text = other.text();
        Lookup {
            ev,
            keys: toks.iter().map(|t| t.key.as_str()).collect(),
            stems: toks.iter().map(|t| stem_variants(&t.stem)).collect(),
            names: toks
                .iter()
                .map(|t| t.kind == TokenKind::Latin && capitalised(text, t))
                .collect(),
            chars: toks
                .iter()
                .map(|t| {
                    let oov = t.kind == TokenKind::Han
                        && t.key.chars().count() >= 2
                        && !ev.has_word(&t.key);
                    if oov {
                        t.key.chars().map(String::from).collect()
                    } else {
                        Vec::new()
                    }
                })
                .collect(),
        }
    }

    /// How token `t` of a side in `lang` (whose text is `text`; `stems`:
    /// an English word's [`stem_variants`]) finds a counterpart in word `j`
    /// of the other side, if it does, as far as word `j` is `open` to it.
    ///
    /// A Chinese word the evidence lacks is looked up by its characters
    /// (起雾 has 雾 "fog"); words the dictionary has are judged by their own
    /// glosses, since their characters would match by chance (峰会 has 会
    /// "meeting").
    fn matches_at(
        &self,
        t: &Token,
        stems: &[String],
        j: usize,
        open: Open,
        lang: Lang,
        text: &str,
    ) -> Option<Match> {
        if open == Open::Free && self.by_meaning(t, stems, j, lang) {
            Some(Match::Meaning)
        } else if open != Open::Taken && self.by_sound(t, j, lang, text) {
            Some(Match::Sound)
        } else {
            None
        }
    }

    /// True when `t` and word `j` translate each other (see [`Self::matches_at`]).
    fn by_meaning(&self, t: &Token, stems: &[String], j: usize, lang: Lang) -> bool {
        let (key, ev) = (self.keys[j], self.ev);
        if lang.is_chinese() {
            let oov =
                t.kind == TokenKind::Han && t.key.chars().count() >= 2 && !ev.has_word(&t.key);
            self.stems[j].iter().any(|stem| {
                zh_has_evidence(ev, &t.key, &[stem], &[key])
                    || (oov && t.key.chars().any(|c| ev.translates(&c.to_string(), stem)))
            })
        } else {
            // A character matches the word's own stem only: its lemma's
            // too would add chance matches (measured on MAC-Dev).
            en_has_evidence_by(ev, &t.key, stems, &[key])
                || self.chars[j].iter().any(|c| ev.translates(c, &t.stem))
        }
    }

    /// True when `t` is a name that sounds like word `j` (or the run of
    /// Chinese words from it) or the reverse.
    fn by_sound(&self, t: &Token, j: usize, lang: Lang, text: &str) -> bool {
        let ev = self.ev;
        if lang.is_chinese() {
            t.kind == TokenKind::Han
                && self.names[j]
                && transliterates(ev, self.keys[j], &[t.key.as_str()])
        } else {
            let run = &self.keys[j..(j + 3).min(self.keys.len())];
            capitalised(text, t) && transliterates(ev, &t.key, run)
        }
    }
}

/// True for an English negation (didn't, never): Chinese says it with 不
/// or 没, single characters that are no content words, so it would never
/// find a counterpart.
fn is_negation(t: &Token) -> bool {
    t.kind == TokenKind::Latin
        && (t.key == "never" || t.key.ends_with("n't") || t.key.ends_with("n’t"))
}

fn capitalised(text: &str, t: &Token) -> bool {
    text.get(t.span.start..t.span.end)
        .and_then(|w| w.chars().next())
        .is_some_and(char::is_uppercase)
}

/// Share of a clause's content words that may find a (chance) match and
/// the clause still count as unmatched.
pub(crate) const SHARE: f64 = 0.2;

/// Omission and addition flags of a bead from its clause evidence
/// (`clauses`), weighed by the [`divergence`] models.
///
/// `z` is the bead's length ratio in spreads of the pair's model (negative:
/// target shorter); `outlier` is the spread at which a ratio alone is
/// suspect. A kind is flagged when its model's probability reaches the
/// model's info bar and a clause can be quoted (one that looks
/// untranslated, else the side's clearest clause with an unmatched word):
/// - info below the model's warning bar;
/// - a warning from it;
/// - an error when the length ratio is also an outlier the flagged side's
///   way.
pub fn check(
    src: &SideView,
    tgt: &SideView,
    clauses: &BeadClauses,
    rates: &Rates,
    z: f64,
    outlier: f64,
) -> Vec<Flag> {
    let [om, ad] = Features::of_bead(clauses, rates, z);
    let mut flags = Vec::new();
    for (own, f, kind, lean, model, side) in [
        (
            &clauses.src,
            om,
            FlagKind::Omission,
            -z,
            &divergence::OMISSION,
            src,
        ),
        (
            &clauses.tgt,
            ad,
            FlagKind::Addition,
            z,
            &divergence::ADDITION,
            tgt,
        ),
    ] {
        let p = model.probability(&f);
        if p < model.info {
            continue;
        }
        let found = quoted(own);
        if found.is_empty() {
            continue;
        }
        // A warning quotes a clause that looks untranslated as a whole;
        // the clearest clause of a bead that has none stays a hint.
        let severity = if p < model.warn || !f.untranslated_clause {
            Severity::Info
        } else if lean >= outlier {
            Severity::Error
        } else {
            Severity::Warning
        };
        flags.push(
            Flag::new(kind, severity, reason(&found, kind, side, lean))
                .with_marks(marks(&found, kind, side))
                .with_certainty(model.certainty(p) as f32),
        );
    }
    flags
}

/// The clauses a flag quotes: those that look untranslated, else the
/// clearest clause with two or more unmatched content words (most
/// unmatched words less two per matched one; no number shared), else none
/// (one word alone is the name check's business, or free rendering).
fn quoted(clauses: &[ClauseEvidence]) -> Vec<&ClauseEvidence> {
    let found: Vec<&ClauseEvidence> = clauses.iter().filter(|c| c.unmatched(SHARE)).collect();
    if !found.is_empty() {
        return found;
    }
    clauses
        .iter()
        .filter(|c| !c.number && c.missing() >= 2)
        .max_by_key(|c| 2 * c.missing() as i64 - 4 * c.matched as i64 + c.content as i64)
        .into_iter()
        .collect()
}

/// Omission and addition as a [`super::Check`]: clause-level evidence,
/// with the length-ratio check ([`super::omission`]) as a fallback. Only
/// with translation evidence (a long bead alone is not evidence enough).
pub struct Divergence;

impl super::Check for Divergence {
    fn flags(&self, b: &super::BeadView<'_>) -> Vec<Flag> {
        let Some(ev) = b.evidence else {
            return Vec::new();
        };
        let by_length = super::omission::check(b.src, b.tgt, b.model, ev, b.cfg);
        let z = super::omission::z(b.src, b.tgt, b.model);
        let mut flags = match b.clauses {
            Some(c) => check(b.src, b.tgt, c, b.rates, z, b.cfg.length_z),
            None => Vec::new(),
        };
        // A clause quoted is better evidence than a word list: the length
        // flag stays only where no clause of its kind was found, and then
        // at info level unless the ratio is far out (a free rendering is
        // often just shorter).
        if let Some(mut f) = by_length {
            if !flags.iter().any(|c| c.kind == f.kind) {
                if z.abs() < 2.0 * b.cfg.length_z {
                    f.severity = Severity::Info;
                }
                flags.push(f);
            }
        }
        flags
    }
}

/// The clauses found, as marks on their side.
fn marks<'a>(
    found: &'a [&ClauseEvidence],
    kind: FlagKind,
    side: &'a SideView,
) -> impl Iterator<Item = Mark> + 'a {
    let target = kind == FlagKind::Addition;
    found
        .iter()
        .map(move |c| Mark::from_bytes(target, side.text(), c.span.start, c.span.end))
}

/// "source clause “…” with no counterpart in the target (unmatched: …)",
/// and when the length ratio leans the flagged side's way by `lean` ≥ 1
/// spread, that the other side is shorter than usual.
fn reason(found: &[&ClauseEvidence], kind: FlagKind, side: &SideView, lean: f64) -> String {
    let (name, other_name) = match kind {
        FlagKind::Omission => ("source", "target"),
        _ => ("target", "source"),
    };
    let text = side.text();
    let quoted: Vec<String> = found
        .iter()
        .map(|u| format!("“{}”", excerpt(&text[u.span.start..u.span.end], QUOTE)))
        .collect();
    let shorter = if lean >= 1.0 {
        format!("; the {other_name} is shorter than usual ({lean:.1} sd)")
    } else {
        String::new()
    };
    format!(
        "{name} clause{} {} with no counterpart in the {other_name} (unmatched: {}){shorter}",
        if found.len() > 1 { "s" } else { "" },
        quoted.join(", "),
        found
            .iter()
            .flat_map(|u| u.words.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str, lang: Lang) -> Vec<&str> {
        cut(text, lang)
            .into_iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn chinese_clauses_cut_at_commas_and_enumerations() {
        assert_eq!(
            pieces(
                "会议讨论了信任措施，各国领导人、专家在上海举行峰会。",
                Lang::ZhHans
            ),
            vec!["会议讨论了信任措施", "各国领导人", "专家在上海举行峰会"]
        );
    }

    #[test]
    fn english_clauses_cut_at_punctuation_and_relatives() {
        assert_eq!(
            pieces(
                "The meeting, held in 3.5 hours, discussed measures which the U.S. set.",
                Lang::En
            ),
            vec![
                "The meeting",
                "held in 3.5 hours",
                "discussed measures",
                "which the U.S. set"
            ]
        );
    }

    use crate::check::WordPairs;
    use crate::segment::Segmenter;

    fn lexicon() -> WordPairs {
        [
            ("会议", "meeting"),
            ("讨论", "discuss"),
            ("信任", "confidence"),
            ("措施", "measures"),
            ("领导人", "leader"),
            ("通过", "adopt"),
            ("联合", "joint"),
            ("宣言", "declaration"),
            ("上海", "Shanghai"),
            // Known words the beads below leave without a counterpart.
            ("士兵", "soldier"),
            ("守卫", "guard"),
            ("桥", "bridge"),
        ]
        .into_iter()
        .collect()
    }

    /// Flags of a Chinese source and English target at a normal length
    /// ratio (`z` = 0).
    fn flags(zh: &str, en: &str) -> Vec<Flag> {
        flags_at(zh, en, 0.0)
    }

    /// Flags at length ratio `z` (in spreads; an outlier from 2).
    fn flags_at(zh: &str, en: &str, z: f64) -> Vec<Flag> {
        flags_with(zh, en, z, &lexicon())
    }

    /// Flags of the bead `zh` | `en` with evidence `ev`, in a pair whose
    /// other beads are ten faithful ones ([`ZH`] | [`EN`]): the pair's
    /// rates of matching each word and its usual ratio of content words
    /// come from them.
    fn flags_with(zh: &str, en: &str, z: f64, ev: &WordPairs) -> Vec<Flag> {
        let seg = Segmenter::new();
        let bead = |zh: &str, en: &str| {
            let s = SideView::new(&[zh.into()], Lang::ZhHans, &seg);
            let t = SideView::new(&[en.into()], Lang::En, &seg);
            let c = BeadClauses {
                src: clause_evidence(&s, &t, ev),
                tgt: clause_evidence(&t, &s, ev),
            };
            (s, t, c)
        };
        let good: Vec<_> = (0..10).map(|_| bead(ZH, EN)).collect();
        let (s, t, c) = bead(zh, en);
        let rates = Rates::of(good.iter().map(|g| &g.2).chain([&c]));
        check(&s, &t, &c, &rates, z, 2.0)
    }

    const ZH: &str = "会议讨论了信任措施，领导人在上海通过了联合宣言。";
    const EN: &str =
        "The meeting discussed confidence measures, and the leaders adopted a joint declaration in Shanghai.";

    #[test]
    fn good_bead_is_silent() {
        assert_eq!(flags(ZH, EN), vec![]);
    }

    #[test]
    fn a_word_said_again_reuses_its_counterpart() {
        // The source names the leaders twice; the translation once. The
        // second clause is the repeated name and one word the lexicon
        // lacks: matched through the name, it is no omission.
        let zh = "领导人讨论了信任措施，领导人表态。";
        let good = "The leaders discussed confidence measures and took a stand.";
        assert_eq!(flags(zh, good), vec![]);
        // Without the leaders in the translation, the clause finds
        // nothing.
        let seg = Segmenter::new();
        let matched = |en: &str| {
            let s = SideView::new(&[zh.into()], Lang::ZhHans, &seg);
            let t = SideView::new(&[en.into()], Lang::En, &seg);
            clause_evidence(&s, &t, &lexicon())
                .iter()
                .map(|c| c.matched)
                .collect::<Vec<_>>()
        };
        assert_eq!(matched(good), vec![4, 1]);
        assert_eq!(
            matched("They discussed confidence measures and took a stand."),
            vec![3, 0]
        );
    }

    /// Asserts that `zh` | `en` has one flag, of `kind`, quoting `quote`,
    /// with the severity each length ratio `z` of `cases` gives.
    fn assert_single(zh: &str, en: &str, kind: FlagKind, quote: &str, cases: &[(f64, Severity)]) {
        for &(z, severity) in cases {
            let f = flags_at(zh, en, z);
            assert_eq!(f.len(), 1, "{f:?}");
            assert_eq!((f[0].kind, f[0].severity), (kind, severity), "z = {z}");
            assert!(f[0].reason.contains(quote), "{}", f[0].reason);
        }
    }

    #[test]
    fn dropped_clause_is_an_omission_whatever_the_length() {
        // Seven words dropped, five the lexicon knows: a warning at the
        // pair's usual length ratio, the clause quoted.
        let zh = "会议讨论了信任措施，各国领导人在上海举行峰会并通过了联合宣言。";
        let en = "The meeting discussed confidence measures in great detail.";
        let quote = "“各国领导人在上海举行峰会并通过了联合宣言”";
        assert_single(
            zh,
            en,
            FlagKind::Omission,
            quote,
            &[(0.0, Severity::Warning), (-1.0, Severity::Warning)],
        );
    }

    #[test]
    fn grafted_clause_is_an_addition() {
        // Three words of the lexicon with no counterpart: a warning, the
        // clause quoted, whatever the length.
        let en = "The meeting discussed confidence measures, and the leaders adopted a joint \
                  declaration in Shanghai, while soldiers guarded every bridge.";
        let quote = "“while soldiers guarded every bridge”";
        assert_single(
            ZH,
            en,
            FlagKind::Addition,
            quote,
            &[(0.0, Severity::Warning), (1.0, Severity::Warning)],
        );
    }

    #[test]
    fn a_shorter_target_makes_an_omission_surer() {
        // Four words the pair's other beads always translate, dropped: with
        // a target a little longer than usual that may be free rendering
        // (info); at the usual length ratio or shorter it is a warning, and
        // with a target far shorter an error.
        let en = "The meeting discussed confidence measures.";
        let flag = |z: f64| {
            flags_at(ZH, en, z)
                .into_iter()
                .find(|f| f.kind == FlagKind::Omission)
                .expect("an omission")
        };
        assert_eq!(flag(0.5).severity, Severity::Info);
        assert!(flag(0.0).certainty > flag(0.5).certainty);
        assert!(flag(-1.8).certainty > flag(0.0).certainty);
        assert_eq!(flag(0.0).severity, Severity::Warning);
        assert_eq!(flag(-1.8).severity, Severity::Warning);
        assert_eq!(flag(-2.5).severity, Severity::Error);
    }

    #[test]
    fn words_the_lexicon_lacks_make_an_omission_less_certain() {
        // The same dropped clause, once with its words in the lexicon
        // (it could have matched them: their silence says more) and once
        // without.
        let en = "The meeting discussed confidence measures.";
        let lacking: WordPairs = [
            ("会议", "meeting"),
            ("讨论", "discuss"),
            ("信任", "confidence"),
            ("措施", "measures"),
        ]
        .into_iter()
        .collect();
        let sure = |ev: &WordPairs| {
            flags_with(ZH, en, -1.8, ev)
                .iter()
                .find(|f| f.kind == FlagKind::Omission)
                .and_then(|f| f.certainty)
                .unwrap_or(f32::NEG_INFINITY)
        };
        assert!(sure(&lexicon()) > sure(&lacking));
    }

    #[test]
    fn english_negations_are_not_content() {
        // Chinese negates with 不 / 没, no content words: "never" and
        // "didn't" would never find a counterpart.
        let seg = Segmenter::new();
        let content = |en: &str| {
            let t = SideView::new(&[en.into()], Lang::En, &seg);
            let s = SideView::new(&["会议。".into()], Lang::ZhHans, &seg);
            clause_evidence(&t, &s, &lexicon())
                .iter()
                .map(|c| c.content)
                .sum::<usize>()
        };
        assert_eq!(content("They never came and didn't stay."), 2);
        assert_eq!(content("They often came and quietly stay."), 4);
    }

    /// The content words of `en` (stems) without a counterpart in `zh`.
    fn en_unmatched(zh: &str, en: &str, ev: &WordPairs) -> Vec<String> {
        let seg = Segmenter::new();
        let t = SideView::new(&[en.into()], Lang::En, &seg);
        let s = SideView::new(&[zh.into()], Lang::ZhHans, &seg);
        clause_evidence(&t, &s, ev)
            .into_iter()
            .flat_map(|c| c.found)
            .filter(|m| !m.matched)
            .map(|m| m.key)
            .collect()
    }

    #[test]
    fn the_words_of_one_name_or_phrase_share_their_counterpart() {
        let mut ev = lexicon();
        ev.add_pinyin("王琦瑶", "wang qi yao");
        ev.add_pinyin("刘姥姥", "liu lao lao");
        ev.add("刘姥姥", "grannie");
        ev.add("头顶", "top of the head");
        let none: Vec<String> = Vec::new();
        let un = |zh: &str, en: &str| en_unmatched(zh, en, &ev);
        assert_eq!(
            un("王琦瑶讨论了措施。", "Wang Qiyao discussed measures."),
            none
        );
        // "Grannie" takes 刘姥姥 by meaning; "Liu" still has it by sound.
        assert_eq!(
            un("刘姥姥讨论了措施。", "Grannie Liu discussed measures."),
            none
        );
        // The words of one phrase share the word they render; a word
        // further on does not.
        let zh = "头顶讨论了措施。";
        assert_eq!(un(zh, "The top of his head discussed measures."), none);
        assert_eq!(un(zh, "The top discussed measures of the head."), ["head"]);
        // A word matched by meaning otherwise vouches for one word only,
        // unless it is said again.
        let zh = "会议讨论了措施。";
        assert_eq!(un(zh, "The meeting, a meeting, discussed measures."), none);
        assert_eq!(
            un(zh, "The meeting discussed measures of meetings."),
            ["meet"]
        );
    }

    #[test]
    fn unmatched_clauses_on_both_sides_are_a_paraphrase() {
        let f = flags(
            "会议讨论了信任措施，气氛十分热烈友好。",
            "The meeting discussed confidence measures, and everyone seemed cheerful.",
        );
        assert!(f.iter().all(|f| f.severity == Severity::Info), "{f:?}");
    }
}
