//! Reading bead records back from JSONL (one [`BeadRecord`] per line), as
//! `bitext build` and `bitext align --format jsonl` write them.

use crate::error::{Error, Result};
use crate::record::BeadRecord;
use std::path::Path;

/// Parses JSONL text into records; blank lines are skipped, a bad line is
/// an error naming `path` and the line.
pub fn parse_jsonl(text: &str, path: &Path) -> Result<Vec<BeadRecord>> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let r: BeadRecord = serde_json::from_str(line).map_err(|e| Error::Parse {
            path: path.to_path_buf(),
            line: n + 1,
            why: format!("not a bead record: {e}"),
        })?;
        out.push(r);
    }
    Ok(out)
}

/// Reads a JSONL file of records.
pub fn read_jsonl(path: &Path) -> Result<Vec<BeadRecord>> {
    let text = crate::datafile::read_utf8(path, "JSONL")?;
    let recs = parse_jsonl(&text, path)?;
    if recs.is_empty() {
        return Err(Error::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(recs)
}

/// Splits records into runs of one pair each (records of a pair are
/// consecutive in a file), so each pair gets its own length model.
pub fn by_pair(records: &mut [BeadRecord]) -> Vec<&mut [BeadRecord]> {
    let mut out = Vec::new();
    let mut rest = records;
    while !rest.is_empty() {
        let first = rest[0].pair.clone();
        let n = rest.iter().take_while(|r| r.pair == first).count();
        let (head, tail) = rest.split_at_mut(n);
        out.push(head);
        rest = tail;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn records_split_by_pair() {
        let line = |pair: &str| {
            format!(
                r#"{{"pair":"{pair}","src_lang":"zh-Hans","tgt_lang":"en","src":["会议"],"tgt":["meeting"]}}"#
            )
        };
        let text = format!("{}\n\n{}\n{}\n", line("a"), line("a"), line("b"));
        let mut rs = parse_jsonl(&text, Path::new("x.jsonl")).unwrap();
        let sizes: Vec<usize> = by_pair(&mut rs).iter().map(|p| p.len()).collect();
        assert_eq!(sizes, vec![2, 1]);
    }

    proptest! {
        #[test]
        fn parse_never_panics(text in "\\PC{0,200}") {
            let _ = parse_jsonl(&text, Path::new("x.jsonl"));
        }
    }
}
