//! The bilingual lexicon: CC-CEDICT (CC BY-SA 4.0) with ECDICT (MIT)
//! merged in, preprocessed by `data/build-lexicon.sh` into
//! `simplified<TAB>pinyin<TAB>gloss words[<TAB>added English words]`.
//!
//! Takes the compressed TSV (embedded in the binary, or a file given by
//! `--lexicon` / `BITEXT_LEXICON`) and gives, for a Simplified Chinese word,
//! the ids of the English stems of its glosses (stemmed with the same
//! Snowball stemmer the segmenter uses, stop words removed), and the toneless
//! pinyin of a word for transliterated names. Words missing from CC-CEDICT
//! fall back to their longest dictionary parts (秘书处 → 秘书 + 处).

use crate::error::{Error, Result};
use flate2::read::GzDecoder;
use hashbrown::HashTable;
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::io::Read;
use std::path::Path;

/// The lexicon shipped with the repository (see `data/README.md`).
static EMBEDDED: &[u8] = include_bytes!("../../data/lexicon-zh-en.tsv.gz");

/// First line of the compact lexicon form.
const COMPACT_HEADER: &str = "#bitext-lexicon 2";

/// Most gloss stems kept per headword: the first senses are the common
/// ones; long tails of rare senses only add spurious matches.
const MAX_GLOSS_STEMS: usize = 12;

/// Most stems the optional fourth column (English headwords whose
/// translations give this word, merged from ECDICT by
/// `data/build-lexicon.sh`, most telling first) adds after the glosses.
const MAX_ADDED_STEMS: usize = 8;

/// True for English words the aligner ignores (lowercase input).
/// The list lives with the checks' stop words, from which it is derived
/// (see [`crate::lexical::words::is_align_stopword`]).
pub fn is_stop_word(word: &str) -> bool {
    crate::lexical::words::is_align_stopword(word)
}

/// One headword: where its text, pinyin and gloss stems are.
#[derive(Debug, Clone, Copy)]
struct Entry {
    /// Byte range of the headword in [`Lexicon::strings`].
    head: (u32, u32),
    /// Byte range of the toneless pinyin (syllables space-separated).
    pinyin: (u32, u32),
    /// Range into [`Lexicon::targets`].
    start: u32,
    len: u16,
}

/// CC-CEDICT indexed for alignment; load once, share by `&`.
pub struct Lexicon {
    /// Headwords sorted by their text (the compact form is written in this
    /// order).
    entries: Vec<Entry>,
    /// Headword → position in `entries`, hashed: the checks look up every
    /// word pair of a bead, and a binary search over 120k headwords was
    /// most of `bitext build`'s time.
    index: HashTable<u32>,
    /// Text the entries point into (the decompressed file, or the
    /// headwords and pinyin appended one after another).
    strings: String,
    targets: Vec<u32>,
    stems: HashMap<Box<str>, u32, rustc_hash::FxBuildHasher>,
    stemmer: Stemmer,
    longest_headword: usize,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("headwords", &self.entries.len())
            .field("stems", &self.stems.len())
            .finish()
    }
}

impl Lexicon {
    /// The one way to find the lexicon: `path` when given, else the file
    /// named by the `BITEXT_LEXICON` environment variable when set, else
    /// the lexicon shipped in the binary.
    pub fn find(path: Option<&Path>) -> Result<Lexicon> {
        Self::find_only(path, &|_| true)
    }

    /// [`Lexicon::find`], keeping only the headwords `keep` accepts (in
    /// the compact form, which the shipped lexicon has; a TSV lexicon is
    /// kept whole). A word `keep` accepts is looked up as in the whole
    /// lexicon, and so are its parts when `keep` accepts them too (as
    /// [`crate::segment::Vocabulary::covers`] does). All English stems
    /// stay, with their ids. Loading the 116k headwords is most of the
    /// lexicon's load time.
    pub fn find_only(path: Option<&Path>, keep: &dyn Fn(&str) -> bool) -> Result<Lexicon> {
        let env = std::env::var_os("BITEXT_LEXICON").map(std::path::PathBuf::from);
        match path.or(env.as_deref()) {
            Some(p) => {
                let bytes = std::fs::read(p).map_err(|source| Error::Io {
                    path: p.to_path_buf(),
                    source,
                })?;
                Self::from_gz(&bytes, p, keep)
            }
            None => Self::from_gz(EMBEDDED, Path::new("<embedded lexicon>"), keep),
        }
    }

    /// The lexicon shipped in the binary.
    pub fn embedded() -> Result<Lexicon> {
        Self::from_gz(EMBEDDED, Path::new("<embedded lexicon>"), &|_| true)
    }

    /// Reads a lexicon file (gzip-compressed TSV, as built by
    /// `data/build-lexicon.sh`).
    pub fn read(path: &Path) -> Result<Lexicon> {
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::from_gz(&bytes, path, &|_| true)
    }

    /// An empty lexicon (length and evidence only).
    pub fn empty() -> Lexicon {
        Lexicon {
            entries: Vec::new(),
            index: HashTable::new(),
            strings: String::new(),
            targets: Vec::new(),
            stems: HashMap::default(),
            stemmer: Stemmer::create(Algorithm::English),
            longest_headword: 0,
        }
    }

    fn from_gz(bytes: &[u8], path: &Path, keep: &dyn Fn(&str) -> bool) -> Result<Lexicon> {
        // gzip's trailer states the decompressed size (mod 2^32): reserve
        // it, within reason, rather than grow the text by copying.
        let size = bytes
            .last_chunk::<4>()
            .map_or(0, |n| u32::from_le_bytes(*n) as usize);
        let mut text = String::with_capacity(size.min(bytes.len().saturating_mul(16)));
        GzDecoder::new(bytes)
            .read_to_string(&mut text)
            .map_err(|e| Error::Parse {
                path: path.to_path_buf(),
                line: 0,
                why: format!("not a gzip-compressed UTF-8 lexicon: {e}"),
            })?;
        if text.starts_with(COMPACT_HEADER) {
            Self::parse_compact(text, path, keep)
        } else {
            Self::parse(&text, path)
        }
    }

    /// Parses the compact form written by [`Lexicon::write_compact`]:
    /// stems already computed, so loading is only splitting and integer
    /// parsing.
    fn parse_compact(text: String, path: &Path, keep: &dyn Fn(&str) -> bool) -> Result<Lexicon> {
        let err = |line: usize, why: &str| Error::Parse {
            path: path.to_path_buf(),
            line,
            why: why.to_string(),
        };
        let mut lex = Lexicon::empty();
        let mut lines = text.lines().enumerate().skip(1);
        let n_stems: usize = lines
            .next()
            .and_then(|(_, l)| l.strip_prefix("#stems\t"))
            .and_then(|n| n.parse().ok())
            .ok_or_else(|| err(2, "expected `#stems<TAB>count`"))?;
        lex.stems.reserve(n_stems);
        for (n, line) in lines.by_ref().take(n_stems) {
            if lex
                .stems
                .insert(line.into(), lex.stems.len() as u32)
                .is_some()
            {
                return Err(err(n + 1, "duplicate stem"));
            }
        }
        lex.entries.reserve(130_000);
        lex.targets.reserve(700_000);
        let base = text.as_ptr() as usize;
        let range = |s: &str| {
            let at = s.as_ptr() as usize - base;
            (at as u32, (at + s.len()) as u32)
        };
        let mut prev_head = "";
        for (n, line) in lines {
            let mut cols = line.splitn(3, '\t');
            let head = cols.next().unwrap_or_default();
            if head.is_empty() {
                return Err(err(n + 1, "expected `simplified<TAB>pinyin<TAB>stem ids`"));
            }
            if prev_head >= head {
                return Err(err(n + 1, "headwords not sorted"));
            }
            prev_head = head;
            if !keep(head) {
                continue;
            }
            let (Some(pinyin), Some(ids)) = (cols.next(), cols.next()) else {
                return Err(err(n + 1, "expected `simplified<TAB>pinyin<TAB>stem ids`"));
            };
            let start = lex.targets.len() as u32;
            for id in ids.split(' ').filter(|x| !x.is_empty()) {
                match id.parse::<u32>() {
                    Ok(v) if (v as usize) < n_stems => lex.targets.push(v),
                    _ => return Err(err(n + 1, "bad stem id")),
                }
            }
            lex.longest_headword = lex.longest_headword.max(head.chars().count());
            lex.entries.push(Entry {
                head: range(head),
                pinyin: range(pinyin),
                start,
                len: (lex.targets.len() as u32 - start) as u16,
            });
        }
        lex.strings = text;
        lex.build_index();
        Ok(lex)
    }

    fn text_of(&self, r: (u32, u32)) -> &str {
        &self.strings[r.0 as usize..r.1 as usize]
    }

    fn head_hash(word: &str) -> u64 {
        rustc_hash::FxBuildHasher.hash_one(word)
    }

    /// Indexes the entries by headword (after they are final).
    fn build_index(&mut self) {
        let mut index = HashTable::with_capacity(self.entries.len());
        for (k, e) in self.entries.iter().enumerate() {
            index.insert_unique(Self::head_hash(self.text_of(e.head)), k as u32, |&j| {
                Self::head_hash(self.text_of(self.entries[j as usize].head))
            });
        }
        self.index = index;
    }

    fn get(&self, word: &str) -> Option<&Entry> {
        self.index
            .find(Self::head_hash(word), |&k| {
                self.text_of(self.entries[k as usize].head) == word
            })
            .map(|&k| &self.entries[k as usize])
    }

    /// Writes the compact form (stems, then headwords sorted, each with its
    /// stem ids) that loads fastest; `data/build-lexicon.sh` uses it.
    pub fn write_compact(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        let mut stems: Vec<(&str, u32)> = self.stems.iter().map(|(k, &v)| (&**k, v)).collect();
        stems.sort_by_key(|x| x.1);
        writeln!(out, "{COMPACT_HEADER}")?;
        writeln!(out, "#stems\t{}", stems.len())?;
        for (s, _) in stems {
            writeln!(out, "{s}")?;
        }
        for e in &self.entries {
            let h = self.text_of(e.head);
            let ids: Vec<String> = self.glosses(h).iter().map(|i| i.to_string()).collect();
            writeln!(out, "{h}\t{}\t{}", self.text_of(e.pinyin), ids.join(" "))?;
        }
        Ok(())
    }

    /// Parses the TSV text of a lexicon.
    pub fn parse(text: &str, path: &Path) -> Result<Lexicon> {
        let mut lex = Lexicon::empty();
        let mut stem_cache: HashMap<&str, Option<u32>> = HashMap::new();
        let mut ids: Vec<u32> = Vec::new();
        for (n, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(head), Some(pinyin), glosses, added) =
                (cols.next(), cols.next(), cols.next(), cols.next())
            else {
                return Err(Error::Parse {
                    path: path.to_path_buf(),
                    line: n + 1,
                    why: "expected `simplified<TAB>pinyin<TAB>glosses[<TAB>added]`".into(),
                });
            };
            ids.clear();
            for (words, most) in [(glosses, MAX_GLOSS_STEMS), (added, MAX_ADDED_STEMS)] {
                let cap = ids.len() + most;
                for w in words.unwrap_or("").split(' ') {
                    if w.is_empty() {
                        continue;
                    }
                    let id = *stem_cache.entry(w).or_insert_with(|| {
                        if is_stop_word(w) {
                            None
                        } else {
                            let stem = lex.stemmer.stem(w).into_owned();
                            let next = lex.stems.len() as u32;
                            Some(*lex.stems.entry(stem.into_boxed_str()).or_insert(next))
                        }
                    });
                    if let Some(id) = id {
                        if !ids.contains(&id) && ids.len() < cap {
                            ids.push(id);
                        }
                    }
                }
            }
            let start = lex.targets.len() as u32;
            lex.targets.extend_from_slice(&ids);
            lex.longest_headword = lex.longest_headword.max(head.chars().count());
            let h0 = lex.strings.len() as u32;
            lex.strings.push_str(head);
            let p0 = lex.strings.len() as u32;
            lex.strings.push_str(pinyin);
            lex.entries.push(Entry {
                head: (h0, p0),
                pinyin: (p0, lex.strings.len() as u32),
                start,
                len: ids.len() as u16,
            });
        }
        // Sort by headword; the first line of a repeated headword wins.
        let mut entries = std::mem::take(&mut lex.entries);
        entries.sort_by(|a, b| lex.text_of(a.head).cmp(lex.text_of(b.head)));
        entries.dedup_by(|b, a| lex.text_of(a.head) == lex.text_of(b.head));
        lex.entries = entries;
        lex.build_index();
        Ok(lex)
    }

    /// Number of headwords.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the lexicon has no headwords.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Number of distinct English stems in the glosses (ids are below it).
    pub fn stem_count(&self) -> usize {
        self.stems.len()
    }

    /// The id of an English stem, if any gloss uses it.
    pub fn stem_id(&self, stem: &str) -> Option<u32> {
        self.stems.get(stem).copied()
    }

    /// Snowball stem of a lowercase English word (the segmenter's stemmer).
    pub fn stem(&self, word: &str) -> String {
        self.stemmer.stem(word).into_owned()
    }

    /// True when `word` is a headword.
    pub fn contains(&self, word: &str) -> bool {
        self.get(word).is_some()
    }

    /// Gloss stem ids of a headword (empty if absent).
    pub fn glosses(&self, word: &str) -> &[u32] {
        match self.get(word) {
            Some(e) => &self.targets[e.start as usize..e.start as usize + e.len as usize],
            None => &[],
        }
    }

    /// The longest dictionary headwords `word` is made of, greedily from
    /// the left (characters without an entry are left out).
    fn parts<'w>(&self, word: &'w str) -> Vec<&'w str> {
        let chars: Vec<(usize, char)> = word.char_indices().collect();
        let mut out = Vec::new();
        let mut k = 0;
        while k < chars.len() {
            let mut matched = 1;
            let max = self.longest_headword.min(chars.len() - k);
            for len in (1..=max).rev() {
                let end = chars.get(k + len).map_or(word.len(), |c| c.0);
                let part = &word[chars[k].0..end];
                if self.get(part).is_some() {
                    out.push(part);
                    matched = len;
                    break;
                }
            }
            k += matched;
        }
        out
    }

    /// Gloss stem ids of a Simplified word: its own entry, or the union of
    /// its longest dictionary parts (greedy from the left) when the word is
    /// missing. Appends to `out`; returns true if the word itself was found.
    pub fn translate_into(&self, word: &str, out: &mut Vec<u32>) -> bool {
        if self.get(word).is_some() {
            out.extend_from_slice(self.glosses(word));
            return true;
        }
        for part in self.parts(word) {
            out.extend_from_slice(self.glosses(part));
        }
        false
    }

    /// Toneless pinyin syllables of a word, from its own entry or its
    /// dictionary parts (characters without an entry are skipped).
    pub fn syllables(&self, word: &str) -> Vec<String> {
        let parts = if self.get(word).is_some() {
            vec![word]
        } else {
            self.parts(word)
        };
        parts
            .into_iter()
            .filter_map(|p| self.get(p))
            .flat_map(|e| self.text_of(e.pinyin).split(' ').map(str::to_string))
            .filter(|s| !s.is_empty())
            .collect()
    }

    /// Toneless pinyin of a word without spaces (`chenqingyang`).
    pub fn pinyin(&self, word: &str) -> String {
        self.syllables(word).concat()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_falls_back_to_parts() {
        let lex = Lexicon::parse(
            "秘书\tmi shu\tsecretary\n处\tchu\toffice department\n会议\thui yi\tmeeting conferences\n",
            Path::new("t"),
        )
        .unwrap();
        let conf = lex.stem_id("confer").unwrap();
        assert_eq!(lex.glosses("会议").len(), 2);
        assert!(lex.glosses("会议").contains(&conf));
        let mut out = Vec::new();
        assert!(!lex.translate_into("秘书处", &mut out));
        assert!(out.contains(&lex.stem_id("secretari").unwrap()));
        assert!(out.contains(&lex.stem_id("offic").unwrap()));
        assert_eq!(lex.pinyin("秘书处"), "mishuchu");
        assert_eq!(lex.syllables("秘书处x"), ["mi", "shu", "chu"]);
    }

    /// The fourth column (English headwords merged from ECDICT) comes
    /// after the glosses, without repeating their stems, at most
    /// `MAX_ADDED_STEMS` of it.
    #[test]
    fn added_words_follow_the_glosses() {
        let many: Vec<String> = (0..20).map(|k| format!("word{k}x")).collect();
        let lex = Lexicon::parse(
            &format!(
                "威胁\twei xie\tto threaten menace\tthreat threatening danger\n\
                 铺平\tpu ping\tpave\n目标\tmu biao\ttarget\t{}\n",
                many.join(" ")
            ),
            Path::new("t"),
        )
        .unwrap();
        let id = |w: &str| lex.stem_id(&lex.stem(w)).unwrap();
        assert_eq!(
            lex.glosses("威胁"),
            [id("threaten"), id("menace"), id("threat"), id("danger")]
        );
        assert_eq!(lex.glosses("铺平"), [id("pave")]);
        assert_eq!(lex.glosses("目标").len(), 1 + MAX_ADDED_STEMS);
    }

    #[test]
    fn malformed_line_is_an_error_with_its_line() {
        let e = Lexicon::parse("ok\tok\tok\nbroken\n", Path::new("lex.tsv")).unwrap_err();
        assert!(e.to_string().contains("lex.tsv:2"), "{e}");
    }

    #[test]
    fn compact_form_round_trips() {
        let lex = Lexicon::parse(
            "秘书\tmi shu\tsecretary\n会议\thui yi\tmeeting conferences\n",
            Path::new("t"),
        )
        .unwrap();
        let mut out = Vec::new();
        lex.write_compact(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let back = Lexicon::parse_compact(text, Path::new("c"), &|_| true).unwrap();
        assert_eq!(back.len(), 2);
        assert_eq!(back.stem_id("confer"), lex.stem_id("confer"));
        assert_eq!(back.glosses("会议"), lex.glosses("会议"));
        assert_eq!(back.pinyin("秘书"), "mishu");
    }

    /// The lexicon loaded for some units answers every word of them (and
    /// its parts) as the whole lexicon does.
    #[test]
    fn a_lexicon_for_some_units_answers_their_words_as_the_whole() {
        let whole = Lexicon::embedded().unwrap();
        let unit = "秘书处的会议在亚洲举行，陈清扬说。";
        let vocab = crate::segment::Vocabulary::of_units([unit]);
        let part = Lexicon::find_only(None, &|w| vocab.covers(w)).unwrap();
        assert!(part.len() * 100 < whole.len(), "{} headwords", part.len());
        assert_eq!(part.stem_count(), whole.stem_count());
        for word in [
            "秘书处",
            "会议",
            "亚洲",
            "举行",
            "陈清扬",
            "说",
            "处的会",
            "议在亚",
        ] {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            assert_eq!(
                part.translate_into(word, &mut a),
                whole.translate_into(word, &mut b)
            );
            assert_eq!(
                (a, part.syllables(word)),
                (b, whole.syllables(word)),
                "{word}"
            );
        }
        assert!(whole.contains("人民") && !part.contains("人民"));
    }

    #[test]
    fn embedded_lexicon_loads() {
        let lex = Lexicon::embedded().unwrap();
        assert!(lex.len() > 100_000);
        let mut out = Vec::new();
        lex.translate_into("会议", &mut out);
        assert!(out.contains(&lex.stem_id("meet").unwrap()));
        // ECDICT's entries are merged in: nongovernmental → 非政府, which
        // CC-CEDICT glosses only as "non-governmental".
        let ngo = lex.stem_id(&lex.stem("nongovernmental")).unwrap();
        assert!(lex.glosses("非政府").contains(&ngo));
    }
}
