//! Glossaries: prescribed Chinese → English renderings, read from TSV
//! (`zh<TAB>en[<TAB>note]`, `#` comments, optional header line; OmegaT's
//! tab-separated glossaries are this shape) and from TBX (v2 `martif` or
//! v3 `tbx`), the TermBase eXchange format of CAT tools. The writers live
//! in [`crate::export::glossary`].
//!
//! A Chinese term may have several accepted renderings (several rows, or
//! several English terms in one TBX entry). Matching is on normalized keys:
//! Simplified, half-width, and English word stems.

use crate::error::{Error, Result};
use crate::normalize;
use aho_corasick::AhoCorasick;
use quick_xml::events::Event;
use rust_stemmers::{Algorithm, Stemmer};
use std::path::Path;
use unicode_segmentation::UnicodeSegmentation;

/// One glossary row: a Chinese term, an accepted English rendering and an
/// optional note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossaryEntry {
    /// The Chinese term as written in the glossary.
    pub zh: String,
    /// An accepted English rendering.
    pub en: String,
    /// A note for translators (empty when none).
    pub note: String,
}

/// A glossary with a matcher over its Chinese terms.
#[derive(Debug, Clone)]
pub struct Glossary {
    entries: Vec<GlossaryEntry>,
    /// Distinct Chinese keys (Simplified) in first-seen order.
    zh_keys: Vec<String>,
    /// For each key, the entries that share it.
    by_key: Vec<Vec<usize>>,
    /// Stem sequence of each entry's English rendering.
    en_stems: Vec<Vec<String>>,
    matcher: Option<AhoCorasick>,
}

impl PartialEq for Glossary {
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries
    }
}

/// `cell` without the apostrophe a spreadsheet export puts before a
/// leading `=`, `+`, `-` or `@`.
fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => cell,
    }
}

/// Stems of the words of an English phrase, as the segmenter makes them
/// (normalized, lowercased, Snowball).
pub fn en_stems(text: &str) -> Vec<String> {
    let stemmer = Stemmer::create(Algorithm::English);
    normalize::key(text)
        .unicode_words()
        .map(|w| stemmer.stem(&w.to_lowercase()).into_owned())
        .collect()
}

impl Glossary {
    /// A glossary of `entries` (rows with an empty side are dropped).
    pub fn new(entries: Vec<GlossaryEntry>) -> Glossary {
        let entries: Vec<GlossaryEntry> = entries
            .into_iter()
            .filter(|e| !e.zh.trim().is_empty() && !e.en.trim().is_empty())
            .collect();
        let mut zh_keys: Vec<String> = Vec::new();
        let mut by_key: Vec<Vec<usize>> = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            let k = normalize::key(e.zh.trim());
            match zh_keys.iter().position(|x| *x == k) {
                Some(p) => by_key[p].push(i),
                None => {
                    zh_keys.push(k);
                    by_key.push(vec![i]);
                }
            }
        }
        let en_stems = entries.iter().map(|e| en_stems(&e.en)).collect();
        let matcher = if zh_keys.is_empty() {
            None
        } else {
            AhoCorasick::new(&zh_keys).ok()
        };
        Glossary {
            entries,
            zh_keys,
            by_key,
            en_stems,
            matcher,
        }
    }

    /// The rows, in file order.
    pub fn entries(&self) -> &[GlossaryEntry] {
        &self.entries
    }

    /// The rows grouped by Chinese term (first-seen order), each group in
    /// file order: one concept with its accepted renderings.
    pub fn by_term(&self) -> impl Iterator<Item = Vec<&GlossaryEntry>> {
        self.by_key
            .iter()
            .map(|rows| rows.iter().map(|&i| &self.entries[i]).collect())
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the glossary has no rows.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Distinct Chinese terms (Simplified keys) found in `zh_key` (a
    /// normalized Chinese text), each with the indices of its rows.
    pub fn terms_in(&self, zh_key: &str) -> Vec<(&str, &[usize])> {
        let Some(m) = &self.matcher else {
            return Vec::new();
        };
        let mut seen = vec![false; self.zh_keys.len()];
        let mut out = Vec::new();
        for hit in m.find_overlapping_iter(zh_key) {
            let p = hit.pattern().as_usize();
            if !seen[p] {
                seen[p] = true;
                out.push((self.zh_keys[p].as_str(), self.by_key[p].as_slice()));
            }
        }
        out
    }

    /// The stem sequence of row `i`'s English rendering.
    pub fn en_stems_of(&self, i: usize) -> &[String] {
        self.en_stems.get(i).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Reads a glossary file: TBX when the name ends in `.tbx` or the text
    /// starts like XML, TSV otherwise.
    pub fn read(path: &Path) -> Result<Glossary> {
        let text = crate::datafile::read_utf8(path, "glossary")?;
        let text = text.trim_start_matches('\u{feff}');
        let is_tbx = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("tbx") || e.eq_ignore_ascii_case("xml"))
            || text.trim_start().starts_with('<');
        let g = if is_tbx {
            Glossary::parse_tbx(text, path)?
        } else {
            Glossary::parse_tsv(text, path)?
        };
        if g.is_empty() {
            return Err(Error::Parse {
                path: path.to_path_buf(),
                line: 0,
                why: "glossary has no entries".into(),
            });
        }
        Ok(g)
    }

    /// Parses TSV: `zh<TAB>en[<TAB>note]` per line; blank lines and `#`
    /// comments are skipped, and a first line `zh<TAB>en…` is a header.
    /// Read with the `csv` crate, so quoted fields (as spreadsheets write
    /// them) come back whole; a spreadsheet guard (`'` before `=`, `+`,
    /// `-` or `@`, see [`crate::export::glossary`]) is removed. A field
    /// that starts with `"` is read as a quoted field.
    pub fn parse_tsv(text: &str, path: &Path) -> Result<Glossary> {
        let mut rd = csv::ReaderBuilder::new()
            .delimiter(b'\t')
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut entries = Vec::new();
        for rec in rd.records() {
            let bad = |line: u64, why: String| Error::Parse {
                path: path.to_path_buf(),
                line: line as usize,
                why,
            };
            let rec = rec.map_err(|e| {
                let line = e.position().map_or(0, |p| p.line());
                bad(line, format!("TSV: {e}"))
            })?;
            let line = rec.position().map_or(0, |p| p.line());
            let col = |i: usize| unguard(rec.get(i).unwrap_or("").trim());
            let zh = col(0);
            if rec.iter().all(|f| f.trim().is_empty()) || zh.starts_with('#') {
                continue;
            }
            let (en, note) = (col(1), col(2));
            if entries.is_empty() && zh.eq_ignore_ascii_case("zh") {
                continue; // header
            }
            if zh.is_empty() || en.is_empty() {
                return Err(bad(line, "expected `zh<TAB>en[<TAB>note]`".into()));
            }
            entries.push(GlossaryEntry {
                zh: zh.to_string(),
                en: en.to_string(),
                note: note.to_string(),
            });
        }
        Ok(Glossary::new(entries))
    }

    /// Parses TBX (v2 `martif`/`termEntry`/`langSet`/`term`, or v3
    /// `tbx`/`conceptEntry`/`langSec`/`term`): every Chinese term of an
    /// entry gets every English term of it as an accepted rendering.
    pub fn parse_tbx(text: &str, path: &Path) -> Result<Glossary> {
        let bad = |why: String| Error::Parse {
            path: path.to_path_buf(),
            line: 0,
            why,
        };
        let mut reader = quick_xml::Reader::from_str(text);
        let mut entries = Vec::new();
        let (mut zh, mut en, mut notes): (Vec<String>, Vec<String>, Vec<String>) =
            Default::default();
        let mut lang_stack: Vec<Option<String>> = Vec::new();
        let mut in_term = false;
        let mut in_note = false;
        let mut buf = String::new();
        loop {
            let ev = reader
                .read_event()
                .map_err(|e| bad(format!("TBX: {e} at byte {}", reader.buffer_position())))?;
            match ev {
                Event::Start(e) => {
                    let name = e.local_name();
                    let lang = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == "lang")
                        .and_then(|a| {
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .ok()
                                .map(|v| v.into_owned())
                        });
                    lang_stack.push(lang);
                    match name.as_ref() {
                        "termEntry" | "conceptEntry" => {
                            zh.clear();
                            en.clear();
                            notes.clear();
                        }
                        "term" => {
                            in_term = true;
                            buf.clear();
                        }
                        "note" | "descrip" => {
                            in_note = true;
                            buf.clear();
                        }
                        _ => {}
                    }
                }
                Event::Text(t) if in_term || in_note => buf.push_str(&t.xml10_content()),
                Event::CData(t) if in_term || in_note => buf.push_str(&t.into_inner()),
                Event::GeneralRef(r) if in_term || in_note => {
                    if let Ok(Some(c)) = r.resolve_char_ref() {
                        buf.push(c);
                    } else {
                        let name = r.xml10_content();
                        buf.push_str(
                            quick_xml::escape::resolve_predefined_entity(&name).unwrap_or(""),
                        );
                    }
                }
                Event::End(e) => {
                    match e.local_name().as_ref() {
                        "term" => {
                            in_term = false;
                            let lang = lang_stack
                                .iter()
                                .rev()
                                .flatten()
                                .next()
                                .and_then(|l| crate::document::Lang::from_tag(l));
                            let term = buf.trim().to_string();
                            match lang {
                                Some(l) if l.is_chinese() => zh.push(term),
                                Some(_) => en.push(term),
                                None => {}
                            }
                        }
                        "note" | "descrip" => {
                            in_note = false;
                            notes.push(buf.trim().to_string());
                        }
                        "termEntry" | "conceptEntry" => {
                            let note = notes.join("; ");
                            for z in &zh {
                                for e in &en {
                                    entries.push(GlossaryEntry {
                                        zh: z.clone(),
                                        en: e.clone(),
                                        note: note.clone(),
                                    });
                                }
                            }
                        }
                        _ => {}
                    }
                    lang_stack.pop();
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(Glossary::new(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Glossary {
        Glossary::parse_tsv(
            "zh\ten\tnote\n# comment\n信任措施\tconfidence building measures\tCBMs\n\
             主席国\tchairmanship\t\n主席国\tchair\t\n秘书处\tSecretariat & staff <x>\n",
            Path::new("g.tsv"),
        )
        .unwrap()
    }

    #[test]
    fn tsv_reads_rows_header_and_comments() {
        let g = sample();
        assert_eq!(g.len(), 4);
        assert_eq!(g.entries()[0].note, "CBMs");
        let found = g.terms_in("亚洲相互协作与信任措施会议主席国");
        let terms: Vec<&str> = found.iter().map(|(t, _)| *t).collect();
        assert_eq!(terms, vec!["信任措施", "主席国"]);
        assert_eq!(found[1].1.len(), 2);
    }

    #[test]
    fn traditional_terms_match_simplified_text() {
        let g = Glossary::new(vec![GlossaryEntry {
            zh: "祕書處".into(),
            en: "Secretariat".into(),
            note: String::new(),
        }]);
        assert_eq!(g.terms_in("秘书处设在阿拉木图").len(), 1);
    }

    #[test]
    fn tsv_rejects_rows_without_english() {
        let e = Glossary::parse_tsv("信任措施\n", Path::new("g.tsv")).unwrap_err();
        assert!(e.to_string().starts_with("g.tsv:1:"), "{e}");
    }

    #[test]
    fn en_stems_follow_the_segmenter() {
        assert_eq!(
            en_stems("Confidence-Building Measures"),
            vec!["confid", "build", "measur"]
        );
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn parsers_never_panic(text in "\\PC{0,200}") {
            let _ = Glossary::parse_tsv(&text, Path::new("x.tsv"));
            let _ = Glossary::parse_tbx(&text, Path::new("x.tbx"));
            let _ = Glossary::parse_tbx(&format!("<martif><text><body><termEntry><langSet xml:lang=\"zh\"><tig><term>{text}</term></tig></langSet></termEntry></body></text></martif>"), Path::new("x.tbx"));
        }

    }
}
