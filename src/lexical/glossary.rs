//! Glossaries: prescribed Chinese → English renderings, read and written as
//! TSV (`zh<TAB>en[<TAB>note]`, `#` comments, optional header line) and as
//! TBX-Basic (TBX v2: `martif` / `termEntry` / `langSet` / `tig` / `term`),
//! the TermBase eXchange format CAT tools import.
//!
//! A Chinese term may have several accepted renderings (several rows, or
//! several English terms in one TBX entry). Matching is on normalized keys:
//! Simplified, half-width, and English word stems.

use crate::error::{Error, Result};
use crate::normalize;
use aho_corasick::AhoCorasick;
use quick_xml::events::{BytesDecl, BytesText, Event};
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
    pub fn parse_tsv(text: &str, path: &Path) -> Result<Glossary> {
        let mut entries = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let zh = cols.next().unwrap_or("").trim();
            let en = cols.next().unwrap_or("").trim();
            let note = cols.next().unwrap_or("").trim();
            if entries.is_empty() && zh.eq_ignore_ascii_case("zh") {
                continue; // header
            }
            if zh.is_empty() || en.is_empty() {
                return Err(Error::Parse {
                    path: path.to_path_buf(),
                    line: n + 1,
                    why: "expected `zh<TAB>en[<TAB>note]`".into(),
                });
            }
            entries.push(GlossaryEntry {
                zh: zh.to_string(),
                en: en.to_string(),
                note: note.to_string(),
            });
        }
        Ok(Glossary::new(entries))
    }

    /// The glossary as TSV with a header line.
    pub fn to_tsv(&self) -> String {
        let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
        let mut out = String::from("zh\ten\tnote\n");
        for e in &self.entries {
            out.push_str(&format!(
                "{}\t{}\t{}\n",
                clean(&e.zh),
                clean(&e.en),
                clean(&e.note)
            ));
        }
        out
    }

    /// The glossary as TBX-Basic (TBX v2): one `termEntry` per Chinese term
    /// with a `zh` and an `en` `langSet`, every accepted rendering a `tig`.
    pub fn to_tbx(&self) -> String {
        match self.write_tbx() {
            Ok(bytes) => String::from_utf8(bytes).unwrap_or_default(),
            Err(_) => String::new(), // writing to memory does not fail
        }
    }

    fn write_tbx(&self) -> std::io::Result<Vec<u8>> {
        let mut w = quick_xml::Writer::new_with_indent(Vec::new(), b' ', 2);
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        w.create_element("martif")
            .with_attributes([("type", "TBX-Basic"), ("xml:lang", "zh")])
            .write_inner_content(|w| {
                w.create_element("martifHeader").write_inner_content(|w| {
                    w.create_element("fileDesc").write_inner_content(|w| {
                        w.create_element("sourceDesc").write_inner_content(|w| {
                            w.create_element("p")
                                .write_text_content(BytesText::new("Exported by bitext"))?;
                            Ok(())
                        })?;
                        Ok(())
                    })?;
                    Ok(())
                })?;
                w.create_element("text").write_inner_content(|w| {
                    w.create_element("body").write_inner_content(|w| {
                        for (k, rows) in self.by_key.iter().enumerate() {
                            self.write_entry(w, k, rows)?;
                        }
                        Ok(())
                    })?;
                    Ok(())
                })?;
                Ok(())
            })?;
        let mut out = w.into_inner();
        out.push(b'\n');
        Ok(out)
    }

    fn write_entry(
        &self,
        w: &mut quick_xml::Writer<Vec<u8>>,
        k: usize,
        rows: &[usize],
    ) -> std::io::Result<()> {
        let id = format!("t{}", k + 1);
        let first = &self.entries[rows[0]];
        w.create_element("termEntry")
            .with_attribute(("id", id.as_str()))
            .write_inner_content(|w| {
                let notes: Vec<&str> = rows
                    .iter()
                    .map(|&i| self.entries[i].note.as_str())
                    .filter(|n| !n.is_empty())
                    .collect();
                for n in notes {
                    w.create_element("note")
                        .write_text_content(BytesText::new(n))?;
                }
                w.create_element("langSet")
                    .with_attribute(("xml:lang", "zh"))
                    .write_inner_content(|w| {
                        w.create_element("tig").write_inner_content(|w| {
                            w.create_element("term")
                                .write_text_content(BytesText::new(first.zh.trim()))?;
                            Ok(())
                        })?;
                        Ok(())
                    })?;
                w.create_element("langSet")
                    .with_attribute(("xml:lang", "en"))
                    .write_inner_content(|w| {
                        for &i in rows {
                            w.create_element("tig").write_inner_content(|w| {
                                w.create_element("term").write_text_content(BytesText::new(
                                    self.entries[i].en.trim(),
                                ))?;
                                Ok(())
                            })?;
                        }
                        Ok(())
                    })?;
                Ok(())
            })?;
        Ok(())
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

    /// Writes the glossary: TBX when `path` ends in `.tbx`, TSV otherwise.
    pub fn write(&self, path: &Path) -> Result<()> {
        let tbx = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("tbx"));
        let text = if tbx { self.to_tbx() } else { self.to_tsv() };
        std::fs::write(path, text).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })
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
    fn tbx_is_well_formed_and_round_trips() {
        let g = sample();
        let tbx = g.to_tbx();
        // Well-formed: quick-xml reads every event to the end, and the
        // TBX-Basic skeleton is there.
        let mut r = quick_xml::Reader::from_str(&tbx);
        r.config_mut().check_end_names = true;
        let mut names = Vec::new();
        loop {
            match r.read_event().unwrap() {
                Event::Start(e) => names.push(e.name().as_ref().to_string()),
                Event::Eof => break,
                _ => {}
            }
        }
        for n in [
            "martif",
            "martifHeader",
            "text",
            "body",
            "termEntry",
            "langSet",
            "tig",
            "term",
        ] {
            assert!(names.iter().any(|x| x == n), "missing <{n}> in {tbx}");
        }
        assert_eq!(names.iter().filter(|n| *n == "termEntry").count(), 3);
        assert!(tbx.contains("Secretariat &amp; staff &lt;x&gt;"), "{tbx}");
        let back = Glossary::parse_tbx(&tbx, Path::new("g.tbx")).unwrap();
        let pairs = |g: &Glossary| -> Vec<(String, String)> {
            let mut v: Vec<_> = g
                .entries()
                .iter()
                .map(|e| (e.zh.clone(), e.en.clone()))
                .collect();
            v.sort();
            v
        };
        assert_eq!(pairs(&back), pairs(&g));
        assert_eq!(
            back.entries()
                .iter()
                .find(|e| e.zh == "信任措施")
                .unwrap()
                .note,
            "CBMs"
        );
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

        #[test]
        fn tsv_and_tbx_round_trip(rows in proptest::collection::vec(
            ("[\\p{Han}]{1,6}", "[a-zA-Z&<>\"' -]{1,20}", "[a-z &<>]{0,10}"), 1..8)) {
            let entries: Vec<GlossaryEntry> = rows
                .iter()
                .filter(|(_, en, _)| !en.trim().is_empty())
                .map(|(zh, en, note)| GlossaryEntry {
                    zh: zh.clone(),
                    en: en.trim().to_string(),
                    note: note.trim().to_string(),
                })
                .collect();
            let g = Glossary::new(entries);
            let tsv = Glossary::parse_tsv(&g.to_tsv(), Path::new("x.tsv")).unwrap();
            prop_assert_eq!(tsv.entries(), g.entries());
            let tbx = Glossary::parse_tbx(&g.to_tbx(), Path::new("x.tbx")).unwrap();
            let set = |g: &Glossary| -> std::collections::BTreeSet<(String, String)> {
                g.entries().iter().map(|e| (key(&e.zh), e.en.clone())).collect()
            };
            prop_assert_eq!(set(&tbx), set(&g));
        }
    }

    fn key(s: &str) -> String {
        crate::normalize::key(s)
    }
}
