//! Dictionary-composed evidence: does an English n-gram translate a
//! Chinese term part by part, according to the bilingual lexicon?
//!
//! Takes a Chinese term as its jieba words and a bead's English tokens,
//! and gives the English n-gram of the bead that best *covers* the term
//! ([`LexicalMatch`]): every meaning unit of the term (a dictionary word,
//! or the dictionary parts of a word CC-CEDICT lacks) is translated by
//! some word of the n-gram, and most content words of the n-gram translate
//! some unit (信任 措施 → "confidence building measures": confidence ←
//! 信任, measures ← 措施; "building" is uncovered, 2 of 3 covered).
//!
//! This lets a term seen once count when its coverage is full, where
//! association statistics need repetitions. English words match a gloss
//! on their Snowball stem, or on a near form of it (a prefix of four
//! letters or more, or the stem with a common suffix: "historical" →
//! `histor` ~ `histori`, "chairmanship" ~ `chairman`).

use crate::align::Lexicon;
use crate::lexical::words::is_en_stopword;
use crate::segment::{Token, TokenKind};

/// Suffixes tried on an English stem to meet a longer gloss stem.
const EN_SUFFIXES: &[&str] = &["i", "e", "y", "al", "man", "ship", "ment", "ion"];

/// Longest dictionary part tried when a word is not a headword.
const MAX_PART_CHARS: usize = 8;

/// The English n-gram of a bead that best covers a Chinese term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexicalMatch {
    /// First English token of the n-gram.
    pub start: usize,
    /// One past the last English token.
    pub end: usize,
    /// Meaning units of the Chinese term.
    pub zh_units: usize,
    /// Units translated by some word of the n-gram.
    pub zh_covered: usize,
    /// Content words of the n-gram (stop words left out).
    pub en_words: usize,
    /// Content words translating some unit.
    pub en_covered: usize,
}

impl LexicalMatch {
    /// True when every unit is translated and at least half the content
    /// words translate a unit: enough to pair the term from one bead.
    pub fn full(&self) -> bool {
        self.zh_units > 0
            && self.zh_covered == self.zh_units
            && 2 * self.en_covered >= self.en_words
    }

    /// Share of the n-gram's content words that translate the term.
    pub fn en_coverage(&self) -> f64 {
        self.en_covered as f64 / self.en_words.max(1) as f64
    }
}

/// Gloss stem ids of each meaning unit of a Chinese term, and whether the
/// unit must be translated (a one-character part of a word the lexicon
/// lacks, such as 处 in 秘书处, need not be).
#[derive(Debug, Clone, Default)]
pub struct Units(Vec<Unit>);

/// One meaning unit of a term.
#[derive(Debug, Clone, Default)]
struct Unit {
    /// Gloss ids of the unit's own entry (sorted): one must be matched for
    /// the unit to count as translated.
    own: Vec<u32>,
    /// Own glosses and those of its characters (sorted): words matching
    /// them extend the n-gram (大国 "power" + 大 "great").
    ext: Vec<u32>,
    /// False for an optional one-character part (处 in 秘书处).
    required: bool,
}

impl Units {
    /// Number of units that must be translated.
    pub fn len(&self) -> usize {
        self.0.iter().filter(|u| u.required).count()
    }

    /// True when the term has no unit.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// English tokens of a bead with the lexicon ids each may match.
pub struct EnSide<'t> {
    toks: &'t [Token],
    ids: Vec<Vec<u32>>,
}

/// The lexicon seen as a composer of term translations.
#[derive(Clone, Copy)]
pub struct Composer<'a> {
    lex: &'a Lexicon,
}

impl<'a> Composer<'a> {
    /// Uses `lex` (shared by reference).
    pub fn new(lex: &'a Lexicon) -> Composer<'a> {
        Composer { lex }
    }

    /// The meaning units of a term given as its jieba words (Simplified).
    ///
    /// A headword is one unit, glossed by its own entry and by its
    /// characters' entries (大国 "power" also covers "major"); a word the
    /// lexicon lacks is split into its longest dictionary parts, each a
    /// unit (亚信 → 亚 + 信, so "Asian" alone covers half of it).
    pub fn units(&self, words: &[&str]) -> Units {
        self.units_from(words, true)
    }

    /// Like [`Composer::units`], but a headword is glossed by its own entry
    /// only: stricter, for finding a term's renderings in a bead (安全 is
    /// not rendered by "peace", a gloss of 安 alone).
    pub fn strict_units(&self, words: &[&str]) -> Units {
        self.units_from(words, false)
    }

    fn units_from(&self, words: &[&str], chars: bool) -> Units {
        let mut out = Vec::new();
        for w in words {
            let unit = |part: &str, required: bool| {
                let mut own = self.lex.glosses(part).to_vec();
                own.sort_unstable();
                let ext = if chars {
                    self.glosses_with_chars(part)
                } else {
                    own.clone()
                };
                Unit { own, ext, required }
            };
            if self.lex.contains(w) {
                out.push(unit(w, true));
            } else {
                let parts = self.parts(w);
                let any_long = parts.iter().any(|p| p.chars().count() > 1);
                for part in parts {
                    let required = !any_long || part.chars().count() > 1;
                    out.push(unit(part, required));
                }
            }
        }
        Units(out)
    }

    fn glosses_with_chars(&self, w: &str) -> Vec<u32> {
        let mut ids = self.lex.glosses(w).to_vec();
        if w.chars().count() > 1 {
            let mut buf = [0u8; 4];
            for c in w.chars() {
                let ch = c.encode_utf8(&mut buf);
                // A character's pinyin among its glosses (席 "Xi", a
                // surname) is a reading, not a meaning of the word.
                let reading: Vec<u32> = self
                    .lex
                    .syllables(ch)
                    .iter()
                    .filter_map(|py| self.lex.stem_id(&self.lex.stem(py)))
                    .collect();
                ids.extend(
                    self.lex
                        .glosses(ch)
                        .iter()
                        .filter(|id| !reading.contains(id)),
                );
            }
        }
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// Longest dictionary parts of `w`, greedily from the left; a character
    /// without an entry is a part of its own (with no glosses).
    fn parts<'w>(&self, w: &'w str) -> Vec<&'w str> {
        let bounds: Vec<usize> = w
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(w.len()))
            .collect();
        let mut out = Vec::new();
        let mut k = 0;
        while k + 1 < bounds.len() {
            let max = MAX_PART_CHARS.min(bounds.len() - 1 - k);
            let len = (1..=max)
                .rev()
                .find(|&n| self.lex.contains(&w[bounds[k]..bounds[k + n]]))
                .unwrap_or(1);
            out.push(&w[bounds[k]..bounds[k + len]]);
            k += len;
        }
        out
    }

    /// Lexicon ids an English stem may match: itself, its prefixes of four
    /// letters or more, and itself with a common suffix.
    fn en_ids(&self, stem: &str) -> Vec<u32> {
        let mut ids = Vec::new();
        let mut push = |s: &str| {
            if let Some(id) = self.lex.stem_id(s) {
                ids.push(id);
            }
        };
        push(stem);
        // Roman numerals ("Track II") match the digit CC-CEDICT glosses.
        if let Some(d) = ["i", "ii", "iii", "iv", "v"]
            .iter()
            .position(|r| *r == stem)
        {
            push(&(d + 1).to_string());
        }
        if stem.is_ascii() {
            let n = stem.len();
            for k in 4.min(n)..n {
                push(&stem[..k]);
            }
            for suf in EN_SUFFIXES {
                push(&format!("{stem}{suf}"));
            }
        }
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// The English side of a bead, ready for [`Composer::best`].
    pub fn en_side<'t>(&self, toks: &'t [Token]) -> EnSide<'t> {
        let ids = toks
            .iter()
            .map(|t| {
                if is_content(t) {
                    self.en_ids(&self.lex.stem(&t.key))
                } else {
                    Vec::new()
                }
            })
            .collect();
        EnSide { toks, ids }
    }

    /// The n-gram among `spans` (token ranges) that best covers `units`:
    /// full coverage first, then more units covered, then more covered
    /// English words (the full noun phrase), then the larger share of
    /// covered words, then the shorter, then the earlier. Only n-grams beginning and ending on a covered word count.
    pub fn best(
        &self,
        units: &Units,
        en: &EnSide<'_>,
        spans: &[(usize, usize)],
    ) -> Option<LexicalMatch> {
        if units.is_empty() {
            return None;
        }
        // For each token, the units it translates (bit set; terms have few units).
        // Per token: units whose own entry it matches, and units it
        // matches at all.
        let mask_of = |ids: &[u32], pick: fn(&Unit) -> &[u32]| {
            let mut m = 0u64;
            for (u, unit) in units.0.iter().enumerate().take(64) {
                let gl = pick(unit);
                if ids.iter().any(|id| gl.binary_search(id).is_ok()) {
                    m |= 1 << u;
                }
            }
            m
        };
        let own: Vec<u64> = en.ids.iter().map(|ids| mask_of(ids, |u| &u.own)).collect();
        let hits: Vec<u64> = en.ids.iter().map(|ids| mask_of(ids, |u| &u.ext)).collect();
        let required: u64 = units
            .0
            .iter()
            .enumerate()
            .take(64)
            .filter(|(_, u)| u.required)
            .fold(0, |m, (i, _)| m | (1 << i));
        let mut best: Option<LexicalMatch> = None;
        for &(s, e) in spans {
            if hits[s] == 0 || hits[e - 1] == 0 {
                continue;
            }
            // A word repeated ("organizations like the … Organization")
            // means the n-gram spans two mentions, not one term.
            let repeated = (s..e).any(|i| {
                is_content(&en.toks[i]) && (i + 1..e).any(|j| en.toks[j].stem == en.toks[i].stem)
            });
            if repeated {
                continue;
            }
            let mut mask = 0u64;
            let (mut words, mut covered) = (0, 0);
            for t in s..e {
                if is_content(&en.toks[t]) {
                    words += 1;
                    covered += usize::from(hits[t] != 0);
                    mask |= own[t];
                }
            }
            let m = LexicalMatch {
                start: s,
                end: e,
                zh_units: units.len(),
                zh_covered: (mask & required).count_ones() as usize,
                en_words: words,
                en_covered: covered,
            };
            let better = match &best {
                None => true,
                Some(b) => rank_key(&m) > rank_key(b),
            };
            if better {
                best = Some(m);
            }
        }
        best
    }
}

/// Ordering of matches: full, zh coverage, covered words (the full noun
/// phrase: "small and medium-sized countries" over "countries"), en
/// coverage (in thousandths, integral and deterministic), then fewer
/// tokens.
fn rank_key(m: &LexicalMatch) -> (bool, usize, usize, u64, std::cmp::Reverse<usize>) {
    (
        m.full(),
        m.zh_covered,
        m.en_covered,
        (m.en_covered * 1000 / m.en_words.max(1)) as u64,
        std::cmp::Reverse(m.end - m.start),
    )
}

/// A word that carries meaning: Latin, not a stop word.
fn is_content(t: &Token) -> bool {
    t.kind == TokenKind::Latin && !is_en_stopword(&t.key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Segmenter;
    use crate::Lang;

    fn spans(n: usize, max: usize) -> Vec<(usize, usize)> {
        (0..n)
            .flat_map(|s| (s + 1..=(s + max).min(n)).map(move |e| (s, e)))
            .collect()
    }

    fn best_text(zh: &[&str], en: &str) -> Option<(String, bool)> {
        let lex = Lexicon::embedded().unwrap();
        let c = Composer::new(&lex);
        let seg = Segmenter::new();
        let toks = seg.tokens(en, Lang::En);
        let side = c.en_side(&toks);
        let m = c.best(&c.units(zh), &side, &spans(toks.len(), 5))?;
        Some((
            en[toks[m.start].span.start..toks[m.end - 1].span.end].to_string(),
            m.full(),
        ))
    }

    #[test]
    fn composes_multiword_terms_from_their_parts() {
        assert_eq!(
            best_text(
                &["信任", "措施"],
                "a detailed list of confidence building measures for the member states"
            ),
            Some(("confidence building measures".into(), true))
        );
        assert_eq!(
            best_text(
                &["上海", "合作", "组织"],
                "CICA has formed ties with the Shanghai Cooperation Organization and others"
            ),
            Some(("Shanghai Cooperation Organization".into(), true))
        );
    }

    #[test]
    fn extends_to_the_full_noun_phrase() {
        assert_eq!(
            best_text(&["成员国"], "with 26 member states and 12 observers"),
            Some(("member states".into(), true))
        );
        assert_eq!(
            best_text(
                &["历史"],
                "cultural, geographical, and historical differences"
            ),
            Some(("historical".into(), true))
        );
    }

    #[test]
    fn a_headword_needs_one_of_its_own_glosses() {
        // 上 alone glosses "number"; 上海 does not.
        let m = best_text(&["上海"], "The number of member states increased");
        assert!(m.as_ref().is_none_or(|(_, full)| !full), "{m:?}");
        assert_eq!(
            best_text(&["上海"], "the 2014 Shanghai Summit"),
            Some(("Shanghai".into(), true))
        );
    }

    #[test]
    fn a_word_missing_from_the_lexicon_is_not_covered_by_half_of_it() {
        let m = best_text(&["亚信"], "the Asian countries and CICA");
        assert!(m.as_ref().is_none_or(|(_, full)| !full), "{m:?}");
    }
}
