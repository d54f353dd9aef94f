//! jieba's word dictionary, loaded whole or only for the texts at hand.
//!
//! Building jieba over its whole dictionary (349,045 words) takes about
//! 0.1 s, most of it inserting words into its trie: more than aligning a
//! chapter. A text can only be cut into words it contains, so for texts
//! known in advance ([`Vocabulary`]) only the dictionary words made of
//! their characters and adjacent-character pairs are loaded (about 5% of
//! the dictionary for a chapter). The frequencies of the words left out
//! stay in jieba's total on one filler entry, so every text the
//! vocabulary covers is cut exactly as the whole dictionary cuts it.

use jieba_rs::Jieba;
use rustc_hash::FxHashSet;

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
#[derive(Debug, Default)]
pub struct Vocabulary {
    chars: FxHashSet<char>,
    pairs: FxHashSet<(char, char)>,
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
            self.chars.insert(c);
            if let Some(p) = prev {
                self.pairs.insert((p, c));
            }
            prev = Some(c);
        }
    }

    /// True when every character and adjacent pair of `text` was added:
    /// then so are those of every word `text` contains.
    pub fn covers(&self, text: &str) -> bool {
        let mut prev = None;
        text.chars().all(|c| {
            let known =
                self.chars.contains(&c) && prev.is_none_or(|p| self.pairs.contains(&(p, c)));
            prev = Some(c);
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
    for line in DICT.split_terminator('\n') {
        let Some((word, rest)) = line.split_once(' ') else {
            continue;
        };
        if vocab.covers(word) {
            let mut cols = rest.split(' ');
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
}
