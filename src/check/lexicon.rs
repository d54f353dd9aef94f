//! The aligner's CC-CEDICT [`Lexicon`] as translation evidence: a Chinese
//! word translates an English stem when one of its glosses has that stem;
//! its pinyin recognises transliterated names; any gloss stem is a known
//! English word.

use super::TranslationEvidence;
use crate::align::Lexicon;

impl TranslationEvidence for Lexicon {
    fn translates(&self, zh_word: &str, en_stem: &str) -> bool {
        self.stem_id(en_stem)
            .is_some_and(|id| self.glosses(zh_word).contains(&id))
    }

    fn pinyin(&self, zh_word: &str) -> Option<String> {
        let p = Lexicon::pinyin(self, zh_word);
        (!p.is_empty()).then_some(p)
    }

    fn knows(&self, en_stem: &str) -> bool {
        self.stem_id(en_stem).is_some()
    }

    fn has_word(&self, zh_word: &str) -> bool {
        self.contains(zh_word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_lexicon_answers() {
        let lex = Lexicon::embedded().expect("embedded lexicon");
        assert!(lex.translates("会议", "meet") || lex.translates("会议", "confer"));
        assert!(lex.translates("措施", "measur"));
        assert!(!lex.translates("措施", "banana"));
        assert_eq!(
            TranslationEvidence::pinyin(&lex, "上海").as_deref(),
            Some("shanghai")
        );
        assert!(lex.knows("secur"));
        assert!(!lex.knows("zzyzxqu"));
    }
}
