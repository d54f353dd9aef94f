//! The output folder of a build, kept safe: takes the corpus and output
//! paths, refuses an output folder that is, holds or sits inside the
//! corpus, refuses to overwrite a file bitext did not write, and removes
//! stale outputs of earlier builds.
//!
//! A file counts as bitext's only when its name has an output's shape
//! (`<id>.html`, `<id>.{sentence,paragraph}.{jsonl,tsv,tmx}`, `index.html`,
//! `terms.html`, `summary.json`) AND its first bytes carry the mark of the writer that
//! made it (TMX `creationtool="bitext"`, the TSV header, a JSONL bead
//! record, the review page title…). Nothing a JSON file lists is trusted.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// How many leading bytes are read to recognise an output.
const HEAD: usize = 4096;

/// Checks that `out` can receive the outputs of a build of `corpus`: not
/// the corpus folder, not inside it (its outputs would be read back as
/// documents) and not holding it.
pub fn check_folders(corpus: &Path, out: &Path) -> Result<()> {
    let corpus_abs = resolve(corpus);
    let out_abs = resolve(out);
    let why = if out_abs == corpus_abs {
        "is the corpus folder"
    } else if out_abs.starts_with(&corpus_abs) {
        "is inside the corpus folder (its outputs would be read back as documents)"
    } else if corpus_abs.starts_with(&out_abs) {
        "holds the corpus folder"
    } else {
        return Ok(());
    };
    Err(Error::Refused {
        path: out.to_path_buf(),
        why: format!(
            "output folder {why} {}; choose another --out",
            corpus.display()
        ),
    })
}

/// `path` made absolute with symlinks resolved; for a path that does not
/// exist yet, its nearest existing ancestor is resolved and the rest
/// appended.
fn resolve(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut rest = Vec::new();
    let mut cur = abs.as_path();
    loop {
        if let Ok(real) = cur.canonicalize() {
            return rest.iter().rev().fold(real, |p, c| p.join(c));
        }
        match (cur.parent(), cur.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                cur = parent;
            }
            _ => return abs,
        }
    }
}

/// Refuses to write `names` into `out` when one of them exists there and is
/// not a file bitext wrote (see the module documentation).
pub fn check_overwrites<'a>(out: &Path, names: impl IntoIterator<Item = &'a str>) -> Result<()> {
    for name in names {
        let path = out.join(name);
        match std::fs::symlink_metadata(&path) {
            Err(_) => continue,
            Ok(m) if m.is_file() && is_ours(&path, name) => continue,
            Ok(_) => {
                return Err(Error::Refused {
                    path,
                    why: "exists and was not written by bitext; not overwriting it (move it or choose another --out)"
                        .into(),
                })
            }
        }
    }
    Ok(())
}

/// Removes the files of `out` that an earlier build wrote (recognised by
/// name and content) and that `keep` does not name. Gives the names
/// removed.
pub fn remove_stale(out: &Path, keep: &std::collections::BTreeSet<String>) -> Result<Vec<String>> {
    let io = |path: &Path, source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut removed = Vec::new();
    for entry in std::fs::read_dir(out).map_err(|e| io(out, e))? {
        let entry = entry.map_err(|e| io(out, e))?;
        let Some(name) = entry.file_name().to_str().map(str::to_string) else {
            continue;
        };
        let path = entry.path();
        if keep.contains(&name)
            || !entry.file_type().is_ok_and(|t| t.is_file())
            || !is_ours(&path, &name)
        {
            continue;
        }
        match std::fs::remove_file(&path) {
            Ok(()) => removed.push(name),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(&path, e)),
        }
    }
    removed.sort();
    Ok(removed)
}

/// True when the file `name` at `path` has an output's name and carries
/// the mark of the bitext writer for it.
fn is_ours(path: &Path, name: &str) -> bool {
    let Some(kind) = output_kind(name) else {
        return false;
    };
    let head = match read_head(path) {
        Ok(h) => h,
        Err(_) => return false,
    };
    let text = String::from_utf8_lossy(&head);
    match kind {
        Kind::Summary => text.starts_with("{\n  \"tool\": \"bitext\""),
        Kind::Index => text.contains("<title>bitext corpus</title>"),
        Kind::Terms => text.contains("<title>bitext terms</title>"),
        Kind::Review => {
            text.starts_with("<!DOCTYPE html>") && text.contains(" · bitext review</title>")
        }
        Kind::Tmx => text.starts_with("<?xml") && text.contains("creationtool=\"bitext\""),
        Kind::Tsv => text.starts_with("bead\t"),
        Kind::Jsonl => head.is_empty() || text.starts_with("{\"pair\":"),
    }
}

/// Kinds of files a build writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Summary,
    Index,
    Terms,
    Review,
    Tmx,
    Tsv,
    Jsonl,
}

/// The kind of output a file name has the shape of.
fn output_kind(name: &str) -> Option<Kind> {
    match name {
        "summary.json" => return Some(Kind::Summary),
        "index.html" => return Some(Kind::Index),
        crate::export::TERMS_PAGE => return Some(Kind::Terms),
        _ => {}
    }
    if name.starts_with('.') {
        return None;
    }
    if let Some(stem) = name.strip_suffix(".html") {
        return (!stem.is_empty()).then_some(Kind::Review);
    }
    let (rest, kind) = [
        (".jsonl", Kind::Jsonl),
        (".tsv", Kind::Tsv),
        (".tmx", Kind::Tmx),
    ]
    .into_iter()
    .find_map(|(ext, k)| name.strip_suffix(ext).map(|r| (r, k)))?;
    let id = rest
        .strip_suffix(".sentence")
        .or_else(|| rest.strip_suffix(".paragraph"))?;
    (!id.is_empty()).then_some(kind)
}

fn read_head(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut head = Vec::with_capacity(HEAD);
    std::fs::File::open(path)?
        .take(HEAD as u64)
        .read_to_end(&mut head)?;
    Ok(head)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn output_folder_cannot_be_in_hold_or_be_the_corpus() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        std::fs::create_dir(&corpus).unwrap();
        for (out, bad) in [
            (corpus.clone(), "is the corpus folder"),
            (corpus.join("."), "is the corpus folder"),
            (corpus.join("out/new"), "is inside the corpus folder"),
            (dir.path().to_path_buf(), "holds the corpus folder"),
        ] {
            let err = check_folders(&corpus, &out).unwrap_err().to_string();
            assert!(err.contains(bad), "{out:?}: {err}");
        }
        check_folders(&corpus, &dir.path().join("alignments")).unwrap();
    }

    #[test]
    fn only_recognised_outputs_are_removed_or_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let files = [
            ("old.sentence.tsv", "bead\tzh\ten\n0\ta\tb\n"),
            (
                "old.paragraph.jsonl",
                "{\"pair\":\"old\",\"level\":\"paragraph\"}\n",
            ),
            (
                "old.html",
                "<!DOCTYPE html>\n<title>old · sentence alignment · bitext review</title>",
            ),
            (
                "old.sentence.tmx",
                "<?xml version=\"1.0\"?>\n<tmx><header creationtool=\"bitext\"/>",
            ),
            ("thesis.docx", "PK\x03\x04"),
            ("notes.html", "<html><title>my notes</title>"),
            ("data.sentence.tsv", "id\tvalue\n"),
            (
                "summary.json",
                "{\"files\": [\"thesis.docx\", \"notes.html\"]}",
            ),
        ];
        for (name, body) in files {
            std::fs::write(d.join(name), body).unwrap();
        }
        let removed = remove_stale(d, &BTreeSet::new()).unwrap();
        assert_eq!(
            removed,
            [
                "old.html",
                "old.paragraph.jsonl",
                "old.sentence.tmx",
                "old.sentence.tsv"
            ]
        );
        for kept in [
            "thesis.docx",
            "notes.html",
            "data.sentence.tsv",
            "summary.json",
        ] {
            assert!(d.join(kept).exists(), "{kept} was removed");
        }
        let err = check_overwrites(d, ["a.html", "notes.html"]).unwrap_err();
        assert!(err
            .to_string()
            .contains("notes.html: refused: exists and was not written by bitext"));
        let err = check_overwrites(d, ["summary.json"]).unwrap_err();
        assert!(err.to_string().contains("summary.json"), "{err}");
        check_overwrites(d, ["a.html", "b.sentence.tsv"]).unwrap();
    }
}
