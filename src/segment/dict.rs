//! jieba's word dictionary, loaded whole or only for the texts at hand.
//!
//! Building jieba over its whole dictionary (349,045 words) takes about
//! 0.1 s, most of it inserting words into its trie: more than aligning a
//! chapter. A text can only be cut into words it contains, so for texts
//! known in advance ([`Vocabulary`]) only the dictionary words made of
//! their characters and adjacent-character pairs are loaded (about 3% of
//! the dictionary for all six MAC-Dev chapters). The frequencies of the words left out
//! stay in jieba's total on one filler entry, so every text the
//! vocabulary covers is cut exactly as the whole dictionary cuts it.

use jieba_rs::Jieba;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

/// jieba-rs 0.11.0's `src/data/dict.txt` (MIT; see `data/README.md`), one
/// `word frequency tag` a line: the dictionary `Jieba::new()` embeds, which
/// that crate does not expose.
static DICT: &str = include_str!("../../data/jieba-dict.txt");

/// Holds the frequencies of the words left out: a noncharacter, which
/// jieba never looks up (only runs of Han characters, ASCII letters and
/// digits and `+#&._%-` are matched against the dictionary).
const FILLER: &str = "\u{FDD0}";

/// The characters and adjacent-character pairs of some texts, normalized
/// as the segmenter normalizes a unit: every word found in one of those
/// units (by jieba, or by a lexicon lookup of its parts) is made of them.
#[derive(Debug)]
pub struct Vocabulary {
    /// The characters, a bit per code point.
    chars: Vec<u64>,
    pairs: FxHashSet<(char, char)>,
    /// A one-hash Bloom filter over `pairs` (2^PAIR_BITS bits, a few
    /// percent full): most dictionary words fail on their first pair
    /// without a probe of `pairs`.
    pair_bits: Vec<u64>,
}

/// log2 of the bits of [`Vocabulary::pair_bits`] (128 KiB).
const PAIR_BITS: u32 = 20;

impl Default for Vocabulary {
    fn default() -> Self {
        Vocabulary {
            chars: vec![0; (char::MAX as usize >> 6) + 1],
            pairs: FxHashSet::default(),
            pair_bits: vec![0; 1 << (PAIR_BITS - 6)],
        }
    }
}

fn pair_bit(p: char, c: char) -> usize {
    let key = ((p as u64) << 21) | c as u64;
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - PAIR_BITS)) as usize
}

fn has_bit(bits: &[u64], i: usize) -> bool {
    bits.get(i >> 6).is_some_and(|w| w & (1 << (i & 63)) != 0)
}

fn set_bit(bits: &mut [u64], i: usize) {
    if let Some(w) = bits.get_mut(i >> 6) {
        *w |= 1 << (i & 63);
    }
}

impl Vocabulary {
    /// The vocabulary of `units`, each normalized as
    /// [`crate::segment::Segmenter::tokens`] normalizes it.
    pub fn of_units<'a>(units: impl IntoIterator<Item = &'a str>) -> Vocabulary {
        let mut vocab = Vocabulary::default();
        for unit in units {
            vocab.add(&crate::normalize::normalize(unit).text);
        }
        vocab
    }

    /// Adds the characters and pairs of `text`.
    pub(crate) fn add(&mut self, text: &str) {
        let mut prev = None;
        for c in text.chars() {
            set_bit(&mut self.chars, c as usize);
            if let Some(p) = prev {
                if self.pairs.insert((p, c)) {
                    set_bit(&mut self.pair_bits, pair_bit(p, c));
                }
            }
            prev = Some(c);
        }
    }

    /// True when every character and adjacent pair of `text` was added:
    /// then so are those of every word `text` contains.
    pub fn covers(&self, text: &str) -> bool {
        let mut chars = text.chars();
        let Some(mut prev) = chars.next() else {
            return true;
        };
        // A known pair's characters are known.
        has_bit(&self.chars, prev as usize)
            && chars.all(|c| {
                let known =
                    has_bit(&self.pair_bits, pair_bit(prev, c)) && self.pairs.contains(&(prev, c));
                prev = c;
                known
            })
    }
}

/// Sum of the frequencies in [`DICT`]: jieba's total.
const DICT_TOTAL: usize = 60_101_964;

/// jieba over the words of the dictionary `vocab` covers: it cuts every
/// text `vocab` covers as `Jieba::new()` does.
pub(crate) fn for_vocabulary(vocab: &Vocabulary) -> Jieba {
    let mut jieba = Jieba::empty();
    let mut kept = 0;
    let mut rest = DICT;
    while !rest.is_empty() {
        // `word frequency tag\n`, split at ASCII bytes (char boundaries).
        let bytes = rest.as_bytes();
        let end = bytes
            .iter()
            .position(|&b| b == b'\n')
            .unwrap_or(bytes.len());
        let line = &rest[..end];
        rest = &rest[(end + 1).min(rest.len())..];
        let Some(space) = line.bytes().position(|b| b == b' ') else {
            continue;
        };
        let word = &line[..space];
        if vocab.covers(word) {
            let mut cols = line[space + 1..].split(' ');
            // The file is fixed at build time; the unit tests read all of it.
            let freq: usize = cols.next().and_then(|f| f.parse().ok()).unwrap_or(0);
            jieba.add_word(word, Some(freq), cols.next());
            kept += freq;
        }
    }
    let left_out = DICT_TOTAL.saturating_sub(kept);
    if left_out > 0 {
        jieba.add_word(FILLER, Some(left_out), None);
    }
    jieba
}

/// What a proper noun of jieba's dictionary names, by its part-of-speech
/// tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    /// A person (`nr`, `nrfg`, `nrt`): 王琦瑶, 纳扎尔巴耶夫.
    Person,
    /// A place (`ns`): 北京, 哈萨克斯坦.
    Place,
    /// An organisation (`nt`): 外交部.
    Organisation,
}

impl NameKind {
    /// The word for it in a message.
    pub fn as_str(self) -> &'static str {
        match self {
            NameKind::Person => "person",
            NameKind::Place => "place",
            NameKind::Organisation => "organisation",
        }
    }
}

/// What `word` (Simplified) names when jieba's dictionary tags it as a
/// proper noun of two or more characters; `None` for any other word. The
/// tags are jieba's own and loose: a few common words carry them too
/// (城市 is tagged a place), so a caller weighs a name by more than this.
pub fn name_kind(word: &str) -> Option<NameKind> {
    static NAMES: OnceLock<FxHashMap<&'static str, NameKind>> = OnceLock::new();
    NAMES
        .get_or_init(|| {
            DICT.lines()
                .filter_map(|line| {
                    let mut parts = line.split(' ');
                    let (word, _, tag) = (parts.next()?, parts.next()?, parts.next()?);
                    let kind = match tag {
                        "nr" | "nrfg" | "nrt" => NameKind::Person,
                        "ns" => NameKind::Place,
                        "nt" => NameKind::Organisation,
                        _ => return None,
                    };
                    (word.chars().nth(1).is_some()).then_some((word, kind))
                })
                .collect()
        })
        .get(word)
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_dictionary_is_the_one_jieba_embeds() {
        let whole = Jieba::new();
        let (mut n, mut total) = (0, 0);
        for line in DICT.split_terminator('\n') {
            let cols: Vec<&str> = line.split(' ').collect();
            let [word, freq, _tag] = cols[..] else {
                panic!("not `word freq tag`: {line:?}");
            };
            let freq: usize = freq.parse().expect("a frequency");
            assert!(freq > 0 && whole.has_word(word), "{line}");
            n += 1;
            total += freq;
        }
        assert_eq!((n, total), (349_045, DICT_TOTAL));
        assert!(!whole.has_word(FILLER));
    }

    #[test]
    fn pairs_decide_what_is_covered() {
        let mut v = Vocabulary::default();
        v.add("中华人民共和国");
        assert!(v.covers("人民") && v.covers("共和国") && v.covers(""));
        assert!(!v.covers("民人"), "both characters known, the pair is not");
        assert!(!v.covers("中国"));
    }

    /// Texts the vocabulary covers are cut as the whole dictionary cuts
    /// them, though most words are left out.
    #[test]
    fn a_vocabulary_cuts_like_the_whole_dictionary() {
        let texts = [
            "亚洲相互协作与信任措施会议创立于1992年，经历25年的曲折发展。",
            "他来到了网易杭研大厦，工信处女干事每月经过下属科室都要亲口交代24口交换机等技术性器件的安装工作。",
            "南京市长江大桥上的AT&T和T恤衫，B超与3G网络；结婚的和尚未结婚的。",
        ];
        let mut vocab = Vocabulary::default();
        texts.iter().for_each(|t| vocab.add(t));
        let small = for_vocabulary(&vocab);
        let whole = Jieba::new();
        for t in texts {
            for hmm in [true, false] {
                assert_eq!(small.cut(t, hmm), whole.cut(t, hmm), "{t}");
            }
        }
        // Part of a covered text is covered, and cut the same way.
        let part = "工信处女干事";
        assert!(vocab.covers(part));
        assert_eq!(small.cut(part, true), whole.cut(part, true));
        assert!(
            !vocab.covers("人民") && !small.has_word("人民"),
            "a word the texts cannot hold is left out"
        );
    }

    #[test]
    fn proper_nouns_by_their_tags() {
        assert_eq!(name_kind("北京"), Some(NameKind::Place));
        assert_eq!(name_kind("王琦瑶"), Some(NameKind::Person));
        assert_eq!(name_kind("外交部"), Some(NameKind::Organisation));
        assert_eq!(name_kind("发展"), None);
        assert_eq!(name_kind("王"), None, "one character is no name");
    }
}
