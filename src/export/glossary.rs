//! Glossary files that CAT tools and spreadsheets read as they are:
//!
//! - **TBX-Basic** (TBX v2, ISO 30042:2008 core structure with the
//!   TBX-Basic XCS): `martif type="TBX-Basic"` → `martifHeader`
//!   (`fileDesc`/`sourceDesc`, `encodingDesc` naming `TBXBasicXCSV02.xcs`)
//!   → `text`/`body` → one `termEntry` per Chinese term, a `zh` and an
//!   `en` `langSet`, each term in a `tig`. Notes are `note` elements of the
//!   entry. Imported by Trados MultiTerm, memoQ, OmegaT, Okapi.
//! - **OmegaT**: tab-separated `source<TAB>target<TAB>comment`, UTF-8, no
//!   header line (OmegaT would take it for an entry) and no quoting
//!   (OmegaT shows quotes literally). Name the file `.utf8`: OmegaT reads
//!   `.txt` glossaries in the system encoding.
//! - **TSV** for spreadsheets: a `zh en note` header and the `csv` writer
//!   of the TSV export, with cells that would start a formula guarded.
//!
//! Tabs and line breaks inside a term become spaces in the tab-separated
//! formats, so each entry stays one line.

use super::tsv::{cell, into_io, one_line, writer};
use crate::error::{Error, Result};
use crate::lexical::{Glossary, GlossaryEntry};
use quick_xml::events::{BytesDecl, BytesText, Event};
use std::io::Write;
use std::path::Path;

/// A glossary file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GlossaryFormat {
    /// TBX-Basic (TBX v2 `martif`).
    Tbx,
    /// OmegaT's tab-separated glossary (no header, UTF-8).
    OmegaT,
    /// Tab-separated with a header, for spreadsheets.
    Tsv,
}

impl GlossaryFormat {
    /// The format a file name asks for: `.tbx` → TBX-Basic, `.utf8` or
    /// `.txt` → OmegaT, anything else → TSV.
    pub fn of_path(path: &Path) -> GlossaryFormat {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "tbx" => GlossaryFormat::Tbx,
            "utf8" | "txt" => GlossaryFormat::OmegaT,
            _ => GlossaryFormat::Tsv,
        }
    }
}

/// Writes `g` in `format`.
pub fn write<W: Write>(out: W, g: &Glossary, format: GlossaryFormat) -> std::io::Result<()> {
    match format {
        GlossaryFormat::Tbx => write_tbx(out, g),
        GlossaryFormat::OmegaT => write_omegat(out, g),
        GlossaryFormat::Tsv => write_tsv(out, g),
    }
}

/// Writes `g` to `path` in `format`.
pub fn write_file(path: &Path, g: &Glossary, format: GlossaryFormat) -> Result<()> {
    let mut buf = Vec::new();
    write(&mut buf, g, format)
        .and_then(|()| std::fs::write(path, buf))
        .map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })
}

/// The spreadsheet TSV: header, then one guarded row per entry.
fn write_tsv<W: Write>(out: W, g: &Glossary) -> std::io::Result<()> {
    let mut w = writer(out);
    w.write_record(["zh", "en", "note"]).map_err(into_io)?;
    for e in g.entries() {
        w.write_record([cell(&e.zh), cell(&e.en), cell(&e.note)])
            .map_err(into_io)?;
    }
    w.flush()
}

/// OmegaT's glossary: `source<TAB>target<TAB>comment`, nothing else.
fn write_omegat<W: Write>(out: W, g: &Glossary) -> std::io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b'\t')
        .quote_style(csv::QuoteStyle::Never)
        .from_writer(out);
    let field = |s: &str| one_line(s).trim().to_string();
    for e in g.entries() {
        w.write_record([field(&e.zh), field(&e.en), field(&e.note)])
            .map_err(into_io)?;
    }
    w.flush()
}

fn write_tbx<W: Write>(out: W, g: &Glossary) -> std::io::Result<()> {
    let mut w = quick_xml::Writer::new_with_indent(out, b' ', 2);
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
                w.create_element("encodingDesc").write_inner_content(|w| {
                    w.create_element("p")
                        .with_attribute(("type", "XCSURI"))
                        .write_text_content(BytesText::new("TBXBasicXCSV02.xcs"))?;
                    Ok(())
                })?;
                Ok(())
            })?;
            w.create_element("text").write_inner_content(|w| {
                w.create_element("body").write_inner_content(|w| {
                    for (k, rows) in g.by_term().enumerate() {
                        write_entry(w, k, &rows)?;
                    }
                    Ok(())
                })?;
                Ok(())
            })?;
            Ok(())
        })?;
    let mut out = w.into_inner();
    out.write_all(b"\n")?;
    out.flush()
}

/// One `termEntry`: the entry's notes, the Chinese term, every accepted
/// English rendering.
fn write_entry<W: Write>(
    w: &mut quick_xml::Writer<W>,
    k: usize,
    rows: &[&GlossaryEntry],
) -> std::io::Result<()> {
    let id = format!("t{}", k + 1);
    let text = |s: &str| super::xml_safe(s.trim()).into_owned();
    let tig = |w: &mut quick_xml::Writer<W>, term: &str| -> std::io::Result<()> {
        w.create_element("tig").write_inner_content(|w| {
            w.create_element("term")
                .write_text_content(BytesText::new(&text(term)))?;
            Ok(())
        })?;
        Ok(())
    };
    w.create_element("termEntry")
        .with_attribute(("id", id.as_str()))
        .write_inner_content(|w| {
            for n in rows
                .iter()
                .map(|e| e.note.as_str())
                .filter(|n| !n.is_empty())
            {
                w.create_element("note")
                    .write_text_content(BytesText::new(&text(n)))?;
            }
            w.create_element("langSet")
                .with_attribute(("xml:lang", "zh"))
                .write_inner_content(|w| tig(w, &rows[0].zh))?;
            w.create_element("langSet")
                .with_attribute(("xml:lang", "en"))
                .write_inner_content(|w| {
                    for e in rows {
                        tig(w, &e.en)?;
                    }
                    Ok(())
                })?;
            Ok(())
        })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Glossary {
        Glossary::parse_tsv(
            "zh\ten\tnote\n# comment\n信任措施\tconfidence building measures\tCBMs\n\
             主席国\tchairmanship\t\n主席国\tchair\t\n秘书处\tSecretariat & staff <x>\n\
             减号\t-minus\t=SUM(A1)\n",
            Path::new("g.tsv"),
        )
        .unwrap()
    }

    fn render(g: &Glossary, f: GlossaryFormat) -> String {
        let mut buf = Vec::new();
        write(&mut buf, g, f).unwrap();
        String::from_utf8(buf).unwrap()
    }

    fn pairs(g: &Glossary) -> Vec<(String, String, String)> {
        let mut v: Vec<_> = g
            .entries()
            .iter()
            .map(|e| (e.zh.clone(), e.en.clone(), e.note.clone()))
            .collect();
        v.sort();
        v
    }

    #[test]
    fn format_follows_the_file_name() {
        assert_eq!(
            GlossaryFormat::of_path(Path::new("a.TBX")),
            GlossaryFormat::Tbx
        );
        assert_eq!(
            GlossaryFormat::of_path(Path::new("a.utf8")),
            GlossaryFormat::OmegaT
        );
        assert_eq!(
            GlossaryFormat::of_path(Path::new("a.txt")),
            GlossaryFormat::OmegaT
        );
        assert_eq!(
            GlossaryFormat::of_path(Path::new("a.tsv")),
            GlossaryFormat::Tsv
        );
    }

    #[test]
    fn tbx_basic_is_well_formed_with_the_required_elements() {
        let g = sample();
        let tbx = render(&g, GlossaryFormat::Tbx);
        // Well-formed: quick-xml reads every event to the end with end
        // names checked; the TBX-Basic skeleton is there, in order.
        let mut r = quick_xml::Reader::from_str(&tbx);
        r.config_mut().check_end_names = true;
        let mut path: Vec<String> = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        loop {
            match r.read_event().unwrap() {
                Event::Start(e) => {
                    path.push(e.name().as_ref().to_string());
                    seen.push(path.join("/"));
                }
                Event::End(_) => {
                    path.pop();
                }
                Event::Eof => break,
                _ => {}
            }
        }
        assert!(path.is_empty());
        for p in [
            "martif/martifHeader/fileDesc/sourceDesc/p",
            "martif/martifHeader/encodingDesc/p",
            "martif/text/body/termEntry/langSet/tig/term",
            "martif/text/body/termEntry/note",
        ] {
            assert!(seen.iter().any(|x| x == p), "no {p} in {tbx}");
        }
        assert!(tbx.contains("<martif type=\"TBX-Basic\" xml:lang=\"zh\">"));
        assert!(tbx.contains("<p type=\"XCSURI\">TBXBasicXCSV02.xcs</p>"));
        assert_eq!(tbx.matches("<termEntry ").count(), 4);
        assert!(tbx.contains("Secretariat &amp; staff &lt;x&gt;"), "{tbx}");
        let back = Glossary::parse_tbx(&tbx, Path::new("g.tbx")).unwrap();
        let no_notes = |g: &Glossary| -> Vec<(String, String)> {
            pairs(g).into_iter().map(|(z, e, _)| (z, e)).collect()
        };
        assert_eq!(no_notes(&back), no_notes(&g));
    }

    #[test]
    fn omegat_file_has_no_header_and_no_quoting() {
        let g = sample();
        let text = render(&g, GlossaryFormat::OmegaT);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), g.len(), "one line per entry: {text}");
        assert_eq!(lines[0], "信任措施\tconfidence building measures\tCBMs");
        assert!(
            lines.contains(&"减号\t-minus\t=SUM(A1)"),
            "no guard: {text}"
        );
        assert!(!text.contains('"'));
        assert_eq!(
            pairs(&Glossary::parse_tsv(&text, Path::new("g.utf8")).unwrap()),
            pairs(&g)
        );
    }

    #[test]
    fn spreadsheet_tsv_guards_formulas_and_reads_back() {
        let g = sample();
        let text = render(&g, GlossaryFormat::Tsv);
        assert!(text.starts_with("zh\ten\tnote\n"), "{text}");
        assert!(text.contains("减号\t'-minus\t'=SUM(A1)"), "{text}");
        assert_eq!(
            pairs(&Glossary::parse_tsv(&text, Path::new("g.tsv")).unwrap()),
            pairs(&g)
        );
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn every_format_round_trips(rows in proptest::collection::vec(
            ("[\\p{Han}]{1,6}", "[a-zA-Z][a-zA-Z&<>\"'=+@ -]{0,19}", "([a-z=-][a-z &<>\"=-]{0,9})?"), 1..8)) {
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
            let set = |g: &Glossary| -> std::collections::BTreeSet<(String, String)> {
                g.entries().iter().map(|e| (crate::normalize::key(&e.zh), e.en.clone())).collect()
            };
            for f in [GlossaryFormat::Tsv, GlossaryFormat::OmegaT, GlossaryFormat::Tbx] {
                let mut buf = Vec::new();
                write(&mut buf, &g, f).unwrap();
                let text = String::from_utf8(buf).unwrap();
                let back = if f == GlossaryFormat::Tbx {
                    Glossary::parse_tbx(&text, Path::new("x.tbx"))
                } else {
                    Glossary::parse_tsv(&text, Path::new("x.tsv"))
                }
                .unwrap();
                prop_assert_eq!(set(&back), set(&g), "{:?}: {}", f, text);
            }
        }
    }
}
