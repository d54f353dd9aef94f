//! Reading the UTF-8 data files bitext takes besides reports (presplit
//! sentence files, JSONL alignments, glossaries, manifests). Reports go
//! through [`crate::ingest`], which detects their encoding; data files must
//! be UTF-8, and every error names the file.

use crate::error::{Error, Result};
use std::path::Path;

/// Reads `path` as UTF-8 text; `what` names the kind of file in the error
/// ("JSONL", "glossary", …).
pub fn read_utf8(path: &Path, what: &str) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|e| Error::Encoding {
        path: path.to_path_buf(),
        why: format!("{what} must be UTF-8 ({e})"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_file_and_the_kind() {
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("g.tsv");
        std::fs::write(&bad, b"\xff\xfe\xfd").unwrap();
        let e = read_utf8(&bad, "glossary").unwrap_err().to_string();
        assert!(
            e.contains("g.tsv") && e.contains("glossary must be UTF-8"),
            "{e}"
        );
        let e = read_utf8(&dir.path().join("none"), "JSONL").unwrap_err();
        assert!(e.to_string().contains("none: cannot read"), "{e}");
        std::fs::write(&bad, "信任措施\tconfidence building measures\n").unwrap();
        assert!(read_utf8(&bad, "glossary").unwrap().starts_with("信任措施"));
    }
}
