//! Ingestion: bytes in, [`Document`]s out, nothing silently lost.
//!
//! A file goes through: [`decode`] (encoding detection) → format detection
//! ([`format`]) → candidate blocks ([`block`] for plain text and Markdown,
//! [`html`] for HTML, with front matter set aside) → chrome detection
//! ([`boilerplate`]) → paragraph assembly ([`pagebreak`]: wrapped lines,
//! titles, page-break repair) → one document per language ([`crate::normalize::lang`]).
//! Everything not kept as a paragraph is listed in [`Document::dropped`]
//! with a reason.

pub mod block;
pub mod boilerplate;
pub mod decode;
pub mod format;
pub mod html;
pub mod pagebreak;

use crate::datafile;
use crate::document::{Document, Dropped, Format, LineStart, Paragraph};
use crate::error::{Error, Result};
use crate::normalize;
use crate::normalize::lang::{lang_of, script, Script};
use block::Block;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// What reading one file gave: one document per language found.
#[derive(Debug, Clone)]
pub struct Ingested {
    /// Documents, in the order their languages first appear in the file.
    pub documents: Vec<Document>,
    /// Encoding the file was decoded from.
    pub encoding: String,
    /// Markup the file was read as.
    pub format: Format,
    /// What was repaired while reading (invalid bytes replaced…), one
    /// message per problem, each naming the file.
    pub warnings: Vec<String>,
}

/// Reads and ingests one file. `Document::source` is `path` as given.
/// Only regular files (or symlinks to them) up to
/// [`datafile::MAX_INPUT_BYTES`] are read: a folder, FIFO, socket or
/// device is refused before it is opened, so reading never blocks on a
/// pipe or runs through `/dev/zero`.
pub fn read_file(path: &Path) -> Result<Ingested> {
    let bytes = datafile::read_regular(path)?;
    read_bytes(&path.to_string_lossy(), &bytes)
}

/// Ingests bytes held in memory; `name` becomes `Document::source` and
/// names the input in errors.
pub fn read_bytes(name: &str, bytes: &[u8]) -> Result<Ingested> {
    let path = || PathBuf::from(name);
    let decoded = decode::decode(bytes).map_err(|e| match e {
        decode::DecodeError::Binary(why) => Error::Binary { path: path(), why },
        decode::DecodeError::Undecodable(why) => Error::Encoding { path: path(), why },
    })?;
    let mut warnings = Vec::new();
    if !decoded.replaced.is_empty() {
        let shown: Vec<String> = decoded
            .replaced
            .iter()
            .take(10)
            .map(usize::to_string)
            .collect();
        warnings.push(format!(
            "{name}: {} invalid UTF-8 sequence(s) replaced by U+FFFD at byte offset(s) {}{}",
            decoded.replaced.len(),
            shown.join(", "),
            if decoded.replaced.len() > 10 {
                ", …"
            } else {
                ""
            }
        ));
    }
    let text = unify_line_breaks(&decoded.text);
    let text = text.as_ref();
    if text.trim().is_empty() {
        return Err(Error::Empty { path: path() });
    }
    let (format, blocks) = blocks_of(text);
    let documents = documents(name, decoded.encoding, format, blocks);
    if documents.is_empty() {
        return Err(Error::NoText { path: path() });
    }
    Ok(Ingested {
        documents,
        encoding: decoded.encoding.to_string(),
        format,
        warnings,
    })
}

/// `text` with CRLF and lone CR (old Mac, some Windows tools) line breaks
/// turned into LF, so line numbers and front matter work for all three.
fn unify_line_breaks(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\r') {
        return text.into();
    }
    text.replace("\r\n", "\n").replace('\r', "\n").into()
}

/// Every regular file of `dir` (not recursive, dotfiles skipped), read in
/// parallel; results in file-name order. A folder that cannot be listed
/// gives one error entry for the folder itself.
pub fn read_corpus(dir: &Path) -> Vec<(PathBuf, Result<Ingested>)> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(source) => {
            let err = Error::Io {
                path: dir.to_path_buf(),
                source,
            };
            return vec![(dir.to_path_buf(), Err(err))];
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .collect();
    paths.sort();
    paths
        .into_par_iter()
        .map(|p| {
            let r = read_file(&p);
            (p, r)
        })
        .collect()
}

/// Detects the format and cuts the text into assembled blocks (kept
/// paragraphs and dropped pieces, in source order).
fn blocks_of(text: &str) -> (Format, Vec<Block>) {
    let mut blocks = Vec::new();
    let mut skip_lines = 0;
    let mut skip_bytes = 0;
    if let Some((fm, lines)) = block::front_matter(text) {
        skip_bytes = text
            .match_indices('\n')
            .nth(lines - 1)
            .map_or(text.len(), |(i, _)| i + 1);
        skip_lines = lines;
        blocks.push(fm);
    }
    let format = format::detect(&text[skip_bytes..]);
    match format {
        Format::Html => {
            blocks.extend(html::blocks(text, skip_bytes, skip_lines + 1));
            boilerplate::mark(&mut blocks);
            pagebreak::mark_titles(&mut blocks);
        }
        Format::Text | Format::Markdown => {
            blocks.extend(block::lines(text, skip_lines, format == Format::Markdown));
            boilerplate::mark(&mut blocks);
            let mut merged = pagebreak::merge_wrapped(blocks);
            if format == Format::Text {
                pagebreak::mark_titles(&mut merged);
            }
            blocks = pagebreak::repair(merged);
        }
    }
    drop_duplicate_titles(&mut blocks);
    (format, blocks)
}

/// A heading repeated verbatim (a page title shown twice) is kept once.
fn drop_duplicate_titles(blocks: &mut [Block]) {
    let mut seen = std::collections::BTreeSet::new();
    for b in blocks.iter_mut().filter(|b| b.drop.is_none() && b.heading) {
        if !seen.insert(b.text.clone()) {
            b.drop = Some(crate::document::DropReason::Duplicate);
        }
    }
}

/// Groups assembled blocks into one document per language.
fn documents(source: &str, encoding: &str, format: Format, blocks: Vec<Block>) -> Vec<Document> {
    // Script of each kept block; blocks without letters take their
    // neighbour's.
    let mut scripts: Vec<Option<Script>> = blocks
        .iter()
        .map(|b| {
            if b.drop.is_none() {
                script(&b.text)
            } else {
                None
            }
        })
        .collect();
    let mut last = None;
    for (i, b) in blocks.iter().enumerate() {
        if b.drop.is_none() {
            match scripts[i] {
                Some(s) => last = Some(s),
                None => scripts[i] = last,
            }
        }
    }
    let first_known = scripts.iter().flatten().next().copied();
    let mut order: Vec<Script> = Vec::new();
    let mut paragraphs: Vec<(Script, Paragraph)> = Vec::new();
    let mut dropped: Vec<(Option<Script>, Dropped)> = Vec::new();
    for (b, s) in blocks.into_iter().zip(scripts) {
        match b.drop {
            Some(reason) => dropped.push((
                script(&b.text),
                Dropped {
                    line: b.line,
                    text: b.text,
                    reason,
                },
            )),
            None => {
                let Some(s) = s.or(first_known) else { continue };
                if !order.contains(&s) {
                    order.push(s);
                }
                let norm = normalize::key(&b.text);
                paragraphs.push((
                    s,
                    Paragraph {
                        text: b.text,
                        norm,
                        line: b.line,
                        heading: b.heading,
                        line_starts: b
                            .lines
                            .into_iter()
                            .map(|(at, line)| LineStart { at, line })
                            .collect(),
                    },
                ));
            }
        }
    }
    let mut docs: Vec<Document> = order
        .iter()
        .map(|&s| {
            let paras: Vec<Paragraph> = paragraphs
                .iter()
                .filter(|(ps, _)| *ps == s)
                .map(|(_, p)| p.clone())
                .collect();
            let all: String = paras.iter().map(|p| p.text.as_str()).collect();
            Document {
                source: source.to_string(),
                lang: lang_of(s, &all),
                encoding: encoding.to_string(),
                format,
                paragraphs: paras,
                dropped: Vec::new(),
            }
        })
        .collect();
    if docs.is_empty() {
        return docs;
    }
    for (s, d) in dropped {
        let i = s
            .and_then(|s| order.iter().position(|&o| o == s))
            .unwrap_or(0);
        docs[i].dropped.push(d);
    }
    for d in &mut docs {
        d.dropped.sort_by_key(|d| d.line);
    }
    docs
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// True when every non-whitespace character of `kept` appears in
    /// `source` in the same order.
    fn in_order(kept: &str, source: &str) -> bool {
        let mut src = source.chars();
        kept.chars()
            .filter(|c| !c.is_whitespace())
            .all(|k| src.by_ref().any(|s| s == k))
    }

    proptest! {
        #[test]
        fn never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
            let _ = read_bytes("fuzz.txt", &bytes);
        }

        #[test]
        fn never_panics_on_markup(
            text in r#"(<p>|</p>|<div class="caption">|</div>|<style>|</style>|<!--|-->|&amp;|&#x4e2d;|&#|&|;|<|>|亚信|a|\n| ){0,60}"#
        ) {
            let _ = read_bytes("m.html", text.as_bytes());
        }

        #[test]
        fn kept_text_round_trips(
            text in r"([a-zA-Z亚信會議。.,:| >#*\n　-]|<p>|</p>|<div>|<!-- x -->|---\n){0,80}"
        ) {
            if let Ok(ing) = read_bytes("p.txt", text.as_bytes()) {
                for d in &ing.documents {
                    let pieces = d.paragraphs.iter().map(|p| p.text.as_str())
                        .chain(d.dropped.iter().map(|x| x.text.as_str()));
                    for piece in pieces {
                        prop_assert!(in_order(piece, &text), "{piece:?} not in {text:?}");
                    }
                    for p in &d.paragraphs {
                        prop_assert!(p.line >= 1 && p.line <= text.split('\n').count());
                        prop_assert!(!p.text.is_empty() && p.text.trim() == p.text);
                    }
                }
            }
        }
    }

    #[test]
    fn cr_and_mixed_line_breaks_keep_line_numbers_and_front_matter() {
        for text in [
            "---\rtitle: x\r---\rFirst line.\r\rSecond line.\r",
            "---\r\ntitle: x\r\n---\nFirst line.\r\rSecond line.\n",
        ] {
            let ing = read_bytes("cr.txt", text.as_bytes()).unwrap();
            let d = &ing.documents[0];
            let lines: Vec<(usize, &str)> = d
                .paragraphs
                .iter()
                .map(|p| (p.line, p.text.as_str()))
                .collect();
            assert_eq!(lines, [(4, "First line."), (6, "Second line.")], "{text:?}");
            assert_eq!(
                d.dropped[0].reason,
                crate::document::DropReason::FrontMatter
            );
        }
    }

    #[test]
    fn bad_utf8_byte_is_replaced_and_reported() {
        let mut bytes = "亚洲相互协作与信任措施会议于一九九二年提出，成员国遍布亚洲各地区。"
            .as_bytes()
            .to_vec();
        bytes.insert(6, 0xFF);
        let ing = read_bytes("bad.txt", &bytes).unwrap();
        assert_eq!(ing.encoding, "UTF-8");
        assert!(ing.documents[0].lang.is_chinese());
        assert_eq!(
            ing.warnings,
            ["bad.txt: 1 invalid UTF-8 sequence(s) replaced by U+FFFD at byte offset(s) 6"]
        );
    }

    #[test]
    fn special_files_are_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.txt");
        assert!(std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success());
        let err = read_file(&fifo).unwrap_err().to_string();
        assert!(
            err.contains("a FIFO (named pipe), not a regular file"),
            "{err}"
        );
        let err = read_file(Path::new("/dev/zero")).unwrap_err().to_string();
        assert!(err.contains("a device, not a regular file"), "{err}");
        let err = read_file(dir.path()).unwrap_err().to_string();
        assert!(
            err.ends_with("refused: a folder, not a regular file"),
            "{err}"
        );
    }

    #[test]
    fn read_corpus_reads_files_in_name_order_skipping_dotfiles() {
        let dir = tempfile::tempdir().unwrap();
        for (name, body) in [
            ("b.txt", "Second file."),
            ("a.txt", "First file."),
            (".hidden", "x"),
        ] {
            std::fs::write(dir.path().join(name), body).unwrap();
        }
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let got: Vec<String> = read_corpus(dir.path())
            .into_iter()
            .map(|(p, r)| {
                let text = r.unwrap().documents[0].paragraphs[0].text.clone();
                format!("{}={text}", p.file_name().unwrap().to_string_lossy())
            })
            .collect();
        assert_eq!(got, ["a.txt=First file.", "b.txt=Second file."]);
    }
}
