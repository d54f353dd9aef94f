//! Word classes the checks share: stop words of both languages and what
//! counts as a content word.

use crate::segment::{Token, TokenKind};
use std::sync::LazyLock;

/// English function words (lowercase) that carry no content of their own.
const EN_STOP: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "either",
    "etc",
    "even",
    "ever",
    "every",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "others",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "per",
    "same",
    "shall",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "thus",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "very",
    "via",
    "was",
    "we",
    "well",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
    "s",
    "t",
    "also",
    "among",
    "amongst",
    "already",
    "although",
    "though",
    "since",
    "many",
    "several",
    "let",
    "like",
    "onto",
    "across",
    "around",
    "toward",
    "towards",
    "whereas",
    "besides",
    "hence",
    "therefore",
    "moreover",
    "furthermore",
    "namely",
    "ie",
    "eg",
];

/// Chinese function words and fillers (Simplified) that carry no content
/// a reviewer would miss. Single characters are never content words.
const ZH_STOP: &[&str] = &[
    "我们",
    "他们",
    "她们",
    "它们",
    "你们",
    "咱们",
    "自己",
    "这些",
    "那些",
    "这个",
    "那个",
    "这种",
    "那种",
    "一个",
    "一些",
    "一种",
    "以及",
    "并且",
    "而且",
    "或者",
    "但是",
    "然而",
    "因此",
    "所以",
    "因为",
    "由于",
    "如果",
    "虽然",
    "尽管",
    "同时",
    "其中",
    "之间",
    "之一",
    "方面",
    "已经",
    "正在",
    "进行",
    "通过",
    "对于",
    "关于",
    "作为",
    "成为",
    "具有",
    "可以",
    "能够",
    "应该",
    "应当",
    "需要",
    "不仅",
    "而是",
    "还是",
    "就是",
    "只是",
    "也是",
    "都是",
    "不是",
    "没有",
    "以来",
    "之后",
    "之前",
    "以后",
    "以前",
    "当前",
    "目前",
    "此外",
    "另外",
    "其他",
    "其它",
    "等等",
    "一定",
    "更加",
    "非常",
    "十分",
    "不断",
    "进一步",
    "仍然",
    "依然",
    "为了",
    "以便",
    "之中",
    "当中",
    "一方面",
    "另一方面",
    "首先",
    "其次",
    "最后",
    "第一",
    "第二",
    "第三",
    // Fillers of narrative and speech: directional complements, pronouns
    // of kind and place, time fillers. Translators drop or recast them
    // freely, so they are no evidence of an omission.
    "起来",
    "出来",
    "下来",
    "上来",
    "过来",
    "进来",
    "出去",
    "下去",
    "什么",
    "怎么",
    "怎样",
    "这样",
    "那样",
    "这么",
    "那么",
    "这里",
    "那里",
    "这儿",
    "那儿",
    "这件",
    "那件",
    "这次",
    "当时",
    "不过",
    "真的",
    "一下",
    "一点",
    "有点",
    "时候",
    "还有",
    "的话",
    "一起",
    "一直",
    "简直",
    "居然",
    "果然",
    "原来",
    "然后",
    "于是",
];

/// English words that are no evidence of a divergence though the aligner
/// and the term extractor read them (so they are not in [`EN_STOP`]):
/// Chinese says them with single characters, a measure word or nothing.
const EN_FILLERS: &[&str] = &[
    // indefinite pronouns and adverbs
    "something",
    "someone",
    "somebody",
    "somewhere",
    "anything",
    "anyone",
    "anybody",
    "anywhere",
    "nothing",
    "nobody",
    "nowhere",
    "everything",
    "everyone",
    "everybody",
    "everywhere",
    "another",
    // particles of phrasal verbs (the Chinese directional complements)
    "back",
    "away",
    "along",
    "aside",
    "forth",
    "apart",
    // degree, time and discourse adverbs
    "still",
    "really",
    "quite",
    "rather",
    "indeed",
    "actually",
    "anyway",
    "later",
    "afterwards",
    // hedges (似乎, 好像, 也许: fillers in Chinese too)
    "seem",
    "seems",
    "seemed",
    "seeming",
    "perhaps",
    "maybe",
    "probably",
    "apparently",
];

/// Chinese words that are no evidence of a divergence though the term
/// extractor reads them (so they are not in [`ZH_STOP`]). Numerals and
/// demonstratives with a measure word (一声, 两人, 这位) are found by
/// rule ([`is_zh_measure_phrase`]).
const ZH_FILLERS: &[&str] = &[
    // indefinite pronouns and quantifiers
    "有人",
    "没人",
    "大家",
    "人家",
    "任何",
    "一切",
    "所有",
    "有的",
    "有些",
    "某些",
    "好些",
    "很多",
    "许多",
    "好多",
    "不少",
    "一样",
    "同样",
    "似的",
    "一般",
    "一会儿",
    "一下子",
    "一点儿",
    "一阵子",
    "一块儿",
    "这会儿",
    "那会儿",
    // copulas with a pronoun or adverb
    "这是",
    "那是",
    "便是",
    "乃是",
    "正是",
    "真是",
    // discourse connectives
    "可是",
    "其实",
    "只见",
    "来说",
    "甚至",
    "况且",
    "何况",
    "接着",
    "随后",
    "随即",
    "不然",
    "否则",
    "总之",
    "反正",
    "毕竟",
    "当然",
    "既然",
    "只要",
    "要是",
    "假如",
    "即使",
    "哪怕",
    "无论",
    "不管",
    "而已",
    // time fillers
    "这时",
    "那时",
    "此时",
    "这会",
    "那会",
    "后来",
    "本来",
    "原本",
    "起初",
    "如今",
    "现在",
    "刚才",
    "曾经",
    "从前",
    "顿时",
    "一时",
    // modals (English says them with stop words: can, must, would)
    "不能",
    "不会",
    "不得",
    "不可",
    "不用",
    "不必",
    "必须",
    "只好",
    "只得",
    // hedges
    "似乎",
    "好像",
    "仿佛",
    "好似",
    "看来",
    "也许",
    "或许",
    "大概",
    "恐怕",
    "可能",
];

/// Measure words proper (个体, 集合 and 动量词): with a numeral or a
/// demonstrative before them (一声, 两条, 几次, 这位, 每件) they count or
/// point and name nothing. 人 counts people (两人, 那人: the pair, that
/// man, a pronoun in translation). Nouns borrowed as measures (杯 cup, 口
/// mouth, 身 body, 年 year) are left out: they are translated.
const MEASURE_WORDS: &str =
    "个位名只条张把件根块片本支枝颗粒辆匹双对副套群堆串束朵棵株座间扇道层阵声下次回番遍趟顿场眼步句封份股团滴丝点些会种样类批排处幅盏轮项人";

/// Words before a measure word that make a counting or pointing phrase
/// (besides numerals): 几 how many, 这 那 哪 this, that, which, 每 某 各
/// every, some, each.
const MEASURE_DETERMINERS: &str = "几这那哪每某各";

/// True for a numeral or demonstrative with a measure word (一声, 两人,
/// 三十个, 几次, 这位): no content a reviewer would miss.
pub(crate) fn is_zh_measure_phrase(w: &str) -> bool {
    let Some(last) = w.chars().last() else {
        return false;
    };
    let head = &w[..w.len() - last.len_utf8()];
    MEASURE_WORDS.contains(last)
        && !head.is_empty()
        && (is_zh_numeral(head)
            || (head.chars().count() == 1 && MEASURE_DETERMINERS.contains(head)))
}

/// Function words of [`EN_STOP`] the aligner still matches: each has
/// CC-CEDICT translations (他 he, 不 not, 每 each, 之间 between, 因为
/// because) that are evidence two sentences correspond, while for the
/// checks a missing one is no omission worth a reviewer's time.
const ALIGN_KEEPS: &[&str] = &[
    // pronouns and possessives
    "he",
    "her",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "i",
    "itself",
    "me",
    "my",
    "myself",
    "our",
    "ours",
    "ourselves",
    "she",
    "their",
    "theirs",
    "them",
    "themselves",
    "they",
    "we",
    "you",
    "your",
    "yours",
    "yourself",
    // negation and quantity
    "no",
    "nor",
    "not",
    "both",
    "each",
    "either",
    "every",
    "few",
    "many",
    "more",
    "most",
    "much",
    "several",
    "some",
    "only",
    "other",
    "others",
    "own",
    "same",
    "per",
    // place, time and relation
    "above",
    "across",
    "against",
    "among",
    "amongst",
    "around",
    "below",
    "between",
    "down",
    "during",
    "through",
    "toward",
    "towards",
    "under",
    "until",
    "via",
    "within",
    "without",
    "here",
    "now",
    "once",
    "already",
    "ever",
    "even",
    "well",
    "let",
    "like",
    "t",
    // connectives and questions
    "although",
    "though",
    "because",
    "since",
    "hence",
    "therefore",
    "thus",
    "however",
    "moreover",
    "furthermore",
    "besides",
    "further",
    "namely",
    "whereas",
    "whether",
    "yet",
    "when",
    "where",
    "why",
    "how",
    "whose",
    "ie",
    "eg",
];

/// Words of CC-CEDICT's glosses that are markup, not meaning (`to help sb
/// do sth`, `surname Li`, `classifier for …`, `variant of …`, `lit.`,
/// `fig.`, `abbr. for …`): the aligner reads glosses as translations, so
/// it ignores them too.
const GLOSS_MARKERS: &[&str] = &[
    "abbr",
    "classifier",
    "esp",
    "fig",
    "lit",
    "one's",
    "oneself",
    "sb",
    "sb's",
    "someone",
    "something",
    "sth",
    "surname",
    "used",
    "variant",
];

/// The aligner's English stop words, sorted: [`EN_STOP`] but
/// [`ALIGN_KEEPS`], plus [`GLOSS_MARKERS`].
static ALIGN_STOP: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut v: Vec<&str> = EN_STOP
        .iter()
        .filter(|w| !ALIGN_KEEPS.contains(w))
        .chain(GLOSS_MARKERS)
        .copied()
        .collect();
    v.sort_unstable();
    v.dedup();
    v
});

/// True for an English word (lowercase) the aligner ignores: a function
/// word without alignment value or a dictionary gloss marker.
pub fn is_align_stopword(w: &str) -> bool {
    ALIGN_STOP.binary_search(&w).is_ok()
}

/// True for an English function word (lowercase).
pub(crate) fn is_en_stopword(w: &str) -> bool {
    EN_STOP.contains(&w)
}

/// True for a Chinese function word (Simplified).
pub(crate) fn is_zh_stopword(w: &str) -> bool {
    ZH_STOP.contains(&w)
}

/// True when `t` carries content a reviewer would miss: a Chinese word of
/// two or more characters, or an English word of three or more letters,
/// not a function word ([`EN_STOP`], [`ZH_STOP`]), a filler
/// ([`EN_FILLERS`], [`ZH_FILLERS`]), a number or a measure phrase.
pub fn is_content(t: &Token) -> bool {
    match t.kind {
        TokenKind::Han => {
            t.key.chars().count() >= 2
                && !is_zh_stopword(&t.key)
                && !ZH_FILLERS.contains(&t.key.as_str())
                && !is_zh_numeral(&t.key)
                && !is_zh_measure_phrase(&t.key)
        }
        TokenKind::Latin => {
            let base = contraction_base(&t.key);
            base.chars().count() >= 3 && !is_en_stopword(base) && !EN_FILLERS.contains(&base)
        }
        TokenKind::Digits => false,
    }
}

/// Endings of English contractions (it's, you're, we'll, he'd, I've, I'm,
/// didn't), straight or curly apostrophe.
const CONTRACTIONS: &[&str] = &[
    "n't", "n’t", "'s", "’s", "'re", "’re", "'ll", "’ll", "'d", "’d", "'ve", "’ve", "'m", "’m",
];

/// `w` without a contraction's ending (`it's` → `it`, `didn't` → `did`):
/// a contraction is a function word when its base is one.
fn contraction_base(w: &str) -> &str {
    CONTRACTIONS
        .iter()
        .find_map(|c| w.strip_suffix(c).filter(|b| !b.is_empty()))
        .unwrap_or(w)
}

/// True for a Chinese number word (二十五, 百分之五, 第四十七): numbers are
/// the number check's business, not the omission check's.
pub(crate) fn is_zh_numeral(w: &str) -> bool {
    let w = w.trim_start_matches('第').replace("百分之", "");
    !w.is_empty()
        && w.chars()
            .all(|c| "〇零一二两三四五六七八九十百千万亿点".contains(c))
}

/// Common English inflections whose Snowball stem is not their lemma's
/// (`form<TAB>lemma`: sat/sit, feet/foot, women/woman, better/good,
/// simpler/simple), from ECDICT's `exchange` column by
/// `data/build-lexicon.sh` (see `data/README.md`).
static INFLECTIONS: &str = include_str!("../../data/en-inflections.tsv");

/// The stem of an inflection's lemma, by the inflection's stem.
static LEMMA_STEMS: LazyLock<std::collections::HashMap<String, String>> = LazyLock::new(|| {
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    INFLECTIONS
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(form, lemma)| {
            (
                stemmer.stem(form).into_owned(),
                stemmer.stem(lemma).into_owned(),
            )
        })
        .filter(|(f, l)| f != l)
        .collect()
});

/// The stem of the lemma of an inflection's stem (`grew` → `grow`, `feet`
/// → `foot`), for an inflection the stemmer does not take back.
pub(crate) fn irregular_base(stem: &str) -> Option<&'static str> {
    LEMMA_STEMS.get(stem).map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_are_not_content() {
        for w in ["二十五", "百分之五", "第四十七", "两千"] {
            assert!(is_zh_numeral(w), "{w}");
        }
        for w in ["一方面", "统一", "第一次"] {
            assert!(!is_zh_numeral(w), "{w}");
        }
        assert_eq!(irregular_base("grew"), Some("grow"));
        assert_eq!(irregular_base("feet"), Some("foot"));
        assert_eq!(irregular_base("sat"), Some("sit"));
        assert_eq!(irregular_base("women"), Some("woman"));
        assert_eq!(irregular_base("better"), Some("good"));
        assert_eq!(irregular_base("left"), Some("leav"));
        assert_eq!(irregular_base("meet"), None);
    }

    /// Every line of the shipped inflection table is `form<TAB>lemma`, two
    /// lowercase words, and nearly every line adds a lemma the stemmer
    /// does not find itself (rust-stemmers and the build's Python
    /// Snowball agree).
    #[test]
    fn inflection_table_is_well_formed() {
        let mut n = 0;
        for line in INFLECTIONS.lines() {
            let (form, lemma) = line.split_once('\t').expect(line);
            assert!(
                [form, lemma]
                    .iter()
                    .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase())),
                "{line}"
            );
            n += 1;
        }
        assert!(
            n > 1000 && LEMMA_STEMS.len() * 100 >= n * 99,
            "{n} lines, {} kept",
            LEMMA_STEMS.len()
        );
    }

    fn latin(w: &str) -> Token {
        Token {
            key: w.into(),
            stem: w.into(),
            span: crate::document::Span::new(0, w.len()),
            kind: TokenKind::Latin,
        }
    }

    fn han(w: &str) -> Token {
        Token {
            kind: TokenKind::Han,
            ..latin(w)
        }
    }

    #[test]
    fn fillers_and_measure_phrases_are_not_content() {
        for w in ["something", "nobody", "back", "away", "seemed", "later"] {
            assert!(!is_content(&latin(w)), "{w}");
        }
        for w in ["backs", "chair", "studio", "someday"] {
            assert!(is_content(&latin(w)), "{w}");
        }
        for w in [
            "一声",
            "一把",
            "两条",
            "三十个",
            "几次",
            "这位",
            "那人",
            "每件",
            "她们",
            "有些",
            "后来",
            "好像",
            "一会儿",
        ] {
            assert!(!is_content(&han(w)), "{w}");
        }
        // Nouns borrowed as measures, time words and lexicalised compounds
        // stay content; so do words a reviewer would miss.
        for w in [
            "一杯", "两年", "一生", "一致", "统一", "别人", "忽然", "东西", "这话",
        ] {
            assert!(is_content(&han(w)), "{w}");
        }
        // The aligner and the term extractor still read the fillers.
        assert!(!is_align_stopword("back") && !is_en_stopword("someone"));
        assert!(!is_zh_stopword("有些"));
    }

    #[test]
    fn contractions_are_judged_by_their_base() {
        for w in [
            "it's", "that’s", "you're", "we'll", "he'd", "i've", "i'm", "didn't",
        ] {
            assert!(!is_content(&latin(w)), "{w}");
        }
        for w in ["wang's", "mother’s", "world's", "dream"] {
            assert!(is_content(&latin(w)), "{w}");
        }
    }

    #[test]
    fn aligner_stop_words_derive_from_the_one_list() {
        // A kept word that is no stop word would be a typo that keeps nothing.
        for w in ALIGN_KEEPS {
            assert!(is_en_stopword(w), "{w} is kept but not a stop word");
        }
        for w in ["the", "of", "which", "sth", "surname"] {
            assert!(is_align_stopword(w), "{w}");
        }
        for w in ["he", "not", "between", "meeting", "sthe"] {
            assert!(!is_align_stopword(w), "{w}");
        }
        assert!(ALIGN_STOP.windows(2).all(|w| w[0] < w[1]));
    }
}
