//! The reviews folder of a corpus: `corpus/reviews/<pair>.jsonl`, one
//! [`Decision`] per line.
//!
//! Appending takes an exclusive lock on a sidecar file, reads the current
//! file, and writes the old lines plus the new one to a temporary file that
//! is renamed over the original: a reader never sees half a file, and two
//! writers (two browser tabs, two processes) never lose each other's lines.

use super::decision::Decision;
use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Name of the folder, inside the corpus folder, holding the decisions.
pub const REVIEWS: &str = "reviews";

/// A pair id usable as a file name: non-empty, no path separators, no
/// leading dot (so never `..`), no control characters.
pub fn is_safe_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 200
        && !id.starts_with('.')
        && !id.contains(['/', '\\', ':'])
        && !id.chars().any(char::is_control)
}

/// The decisions file of pair `id` in `corpus`, or `None` for an unsafe id.
pub fn path(corpus: &Path, id: &str) -> Option<PathBuf> {
    is_safe_id(id).then(|| corpus.join(REVIEWS).join(format!("{id}.jsonl")))
}

/// What a decisions file holds.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The decisions, in the order they were made.
    pub decisions: Vec<Decision>,
    /// Lines that could not be read, as `file:line: why`.
    pub problems: Vec<String>,
}

/// Reads the decisions of pair `id` (none when the file does not exist).
/// A malformed line is reported in [`Loaded::problems`], the others are
/// still read.
pub fn load(corpus: &Path, id: &str) -> Result<Loaded> {
    let Some(file) = path(corpus, id) else {
        return Err(Error::Invalid(format!("{id}: not a valid pair id")));
    };
    let text = match std::fs::read_to_string(&file) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Loaded::default()),
        Err(source) => return Err(Error::Io { path: file, source }),
    };
    let mut loaded = Loaded::default();
    for (k, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Decision>(line) {
            Ok(d) => loaded.decisions.push(d),
            Err(e) => loaded
                .problems
                .push(format!("{}:{}: {e}", file.display(), k + 1)),
        }
    }
    Ok(loaded)
}

/// Appends `decision` to the file of pair `id`, atomically and under a
/// lock (see the module documentation). Creates the folder when needed.
pub fn append(corpus: &Path, id: &str, decision: &Decision) -> Result<()> {
    let Some(file) = path(corpus, id) else {
        return Err(Error::Invalid(format!("{id}: not a valid pair id")));
    };
    let dir = corpus.join(REVIEWS);
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    std::fs::create_dir_all(&dir).map_err(io(&dir))?;
    let lock_path = dir.join(format!(".{id}.lock"));
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(io(&lock_path))?;
    lock.lock().map_err(io(&lock_path))?;
    let mut text = match std::fs::read(&file) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(io(&file)(e)),
    };
    if !text.is_empty() && !text.ends_with(b"\n") {
        text.push(b'\n');
    }
    let line = serde_json::to_string(decision)
        .map_err(|e| Error::Invalid(format!("{}: {e}", file.display())))?;
    text.extend_from_slice(line.as_bytes());
    text.push(b'\n');
    let tmp = dir.join(format!(".{id}.jsonl.tmp"));
    let mut out = std::fs::File::create(&tmp).map_err(io(&tmp))?;
    out.write_all(&text).map_err(io(&tmp))?;
    out.sync_all().map_err(io(&tmp))?;
    std::fs::rename(&tmp, &file).map_err(io(&file))?;
    // The lock is released when `lock` is dropped.
    drop(lock);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::decision::{Action, BeadRef, UnitRef};
    use super::*;
    use crate::record::Level;

    fn decision(k: usize) -> Decision {
        Decision {
            action: Action::Confirm,
            level: Level::Sentence,
            beads: vec![BeadRef {
                src: vec![UnitRef::of(k, &format!("句子{k}。"))],
                tgt: vec![UnitRef::of(k, &format!("Sentence {k}."))],
            }],
            src_after: None,
            tgt_after: None,
            flag: None,
            note: String::new(),
            t: k as u64,
        }
    }

    #[test]
    fn two_concurrent_writers_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path();
        std::thread::scope(|s| {
            for w in 0..2 {
                s.spawn(move || {
                    for k in 0..50 {
                        append(corpus, "pair", &decision(w * 1000 + k)).unwrap();
                    }
                });
            }
        });
        let loaded = load(corpus, "pair").unwrap();
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        let mut seen: Vec<u64> = loaded.decisions.iter().map(|d| d.t).collect();
        seen.sort_unstable();
        let mut want: Vec<u64> = (0..50).chain(1000..1050).collect();
        want.sort_unstable();
        assert_eq!(seen, want);
    }

    #[test]
    fn unsafe_ids_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        for id in ["..", "../x", "a/b", "a\\b", ".hidden", "", "c:x"] {
            assert!(path(dir.path(), id).is_none(), "{id}");
            assert!(append(dir.path(), id, &decision(0)).is_err(), "{id}");
            assert!(load(dir.path(), id).is_err(), "{id}");
        }
        assert!(path(dir.path(), "000_58fd57bd8402631f").is_some());
    }

    #[test]
    fn a_bad_line_is_reported_and_the_rest_read() {
        let dir = tempfile::tempdir().unwrap();
        append(dir.path(), "p", &decision(1)).unwrap();
        let file = path(dir.path(), "p").unwrap();
        let mut text = std::fs::read_to_string(&file).unwrap();
        text.push_str("{not json\n");
        std::fs::write(&file, text).unwrap();
        append(dir.path(), "p", &decision(2)).unwrap();
        let loaded = load(dir.path(), "p").unwrap();
        assert_eq!(loaded.decisions.len(), 2);
        assert_eq!(loaded.problems.len(), 1);
        assert!(
            loaded.problems[0].contains("p.jsonl:2:"),
            "{:?}",
            loaded.problems
        );
    }
}
