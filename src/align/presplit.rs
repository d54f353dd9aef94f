//! Presplit input: a text file holding one unit (sentence) per line, as in
//! MAC. No ingestion and no sentence splitting.
//!
//! Takes a path (or text) and the [`Segmenter`]; gives a [`Document`] with
//! one paragraph per line (1-based line numbers kept) and the units to
//! align, with tokens. The language is read from the text: mostly Han
//! characters → Chinese (Traditional if it looks Traditional), else English.

use crate::document::{Document, Format, Lang, Paragraph};
use crate::error::{Error, Result};
use crate::normalize;
use crate::segment::{Segmenter, Sentence};
use rayon::prelude::*;
use std::path::Path;

/// Longest line accepted, in bytes: a longer "sentence" is not presplit
/// text.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// A presplit file, ready to align.
#[derive(Debug, Clone)]
pub struct Presplit {
    /// The file as a document, one paragraph per line.
    pub doc: Document,
    /// One unit per line, `para` = line index.
    pub units: Vec<Sentence>,
}

/// The language a text is written in (see [`normalize::lang::detect`]);
/// English when it has no letters.
pub fn detect_lang(text: &str) -> Lang {
    normalize::lang::detect(text).unwrap_or(Lang::En)
}

/// Reads a presplit file.
pub fn read(path: &Path, seg: &Segmenter) -> Result<Presplit> {
    let text = crate::datafile::read_utf8(path, "presplit input")?;
    from_text(&text, &path.display().to_string(), seg)
}

/// The units (lines) of a presplit text, as [`from_text`] reads them:
/// `lines` splits on LF and CRLF; a lone CR (old Mac files) ends a line
/// too; a leading byte order mark is not part of the first.
pub fn units(text: &str) -> impl Iterator<Item = &str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.lines().flat_map(|l| l.split('\r'))
}

/// Builds a presplit document from its text; `name` names it in messages
/// and in the document's `source`.
pub fn from_text(text: &str, name: &str, seg: &Segmenter) -> Result<Presplit> {
    if text.trim().is_empty() {
        return Err(Error::Empty { path: name.into() });
    }
    if text.contains('\0') {
        return Err(Error::Binary {
            path: name.into(),
            why: "NUL bytes".into(),
        });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = units(text).collect();
    if let Some((n, _)) = lines
        .iter()
        .enumerate()
        .find(|(_, l)| l.len() > MAX_LINE_BYTES)
    {
        return Err(Error::Parse {
            path: name.into(),
            line: n + 1,
            why: format!(
                "line longer than {} MiB: not one sentence per line (drop --presplit?)",
                MAX_LINE_BYTES >> 20
            ),
        });
    }
    let lang = detect_lang(text);
    let paragraphs: Vec<Paragraph> = lines
        .par_iter()
        .enumerate()
        .map(|(n, l)| Paragraph {
            text: l.to_string(),
            norm: String::new(),
            line: n + 1,
            heading: false,
            line_starts: Vec::new(),
        })
        .collect();
    // Lines are tokenized in parallel (a long file holds 100k of them).
    let units = lines
        .par_iter()
        .enumerate()
        .map(|(n, l)| {
            let mut u = seg.unit(l, lang);
            u.para = n;
            u
        })
        .collect();
    Ok(Presplit {
        doc: Document {
            source: name.to_string(),
            lang,
            encoding: "UTF-8".into(),
            format: Format::Text,
            paragraphs,
            dropped: Vec::new(),
        },
        units,
    })
}
