//! JSONL: one [`BeadRecord`] per line. Writes records, and reads them back
//! (possibly hand-edited by a reviewer) with line-numbered errors.

use crate::error::{Error, Result};
use crate::record::BeadRecord;
use std::io::{BufRead, Write};
use std::path::Path;

/// Writes one record per line, fields in declaration order.
pub fn write<W: Write>(mut out: W, records: &[BeadRecord]) -> std::io::Result<()> {
    for r in records {
        serde_json::to_writer(&mut out, r)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

/// Reads records from `input`, one JSON object per line; blank lines are
/// skipped. `path` names the input in errors.
pub fn read<R: BufRead>(input: R, path: &Path) -> Result<Vec<BeadRecord>> {
    let mut records = Vec::new();
    for (i, line) in input.lines().enumerate() {
        let line = line.map_err(|e| match e.kind() {
            std::io::ErrorKind::InvalidData => Error::Encoding {
                path: path.to_path_buf(),
                why: format!("line {} is not UTF-8", i + 1),
            },
            _ => Error::Io {
                path: path.to_path_buf(),
                source: e,
            },
        })?;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let record: BeadRecord = serde_json::from_str(line).map_err(|e| Error::Parse {
            path: path.to_path_buf(),
            line: i + 1,
            why: format!("not a bead record: {e}"),
        })?;
        records.push(record);
    }
    Ok(records)
}

/// Reads a JSONL file (see [`read`]).
pub fn read_file(path: &Path) -> Result<Vec<BeadRecord>> {
    let (file, _) = crate::datafile::open_regular(path)?;
    read(std::io::BufReader::new(file), path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::tests::sample;

    #[test]
    fn round_trips_records() {
        let recs = sample();
        let mut buf = Vec::new();
        write(&mut buf, &recs).unwrap();
        assert_eq!(buf.iter().filter(|&&b| b == b'\n').count(), recs.len());
        let back = read(&buf[..], Path::new("x.jsonl")).unwrap();
        assert_eq!(back, recs);
    }

    #[test]
    fn minimal_hand_written_record_reads() {
        let line = r#"{"src_lang":"zh-Hans","tgt_lang":"en","src":["你好。"],"tgt":["Hello."]}"#;
        let recs = read(format!("\n{line}\n\n").as_bytes(), Path::new("x")).unwrap();
        assert_eq!(recs.len(), 1);
        assert_eq!(recs[0].tgt, vec!["Hello."]);
    }

    #[test]
    fn bad_line_names_file_and_line() {
        let err = read("\n{\"src\": 1}\n".as_bytes(), Path::new("edit.jsonl")).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("edit.jsonl:2: not a bead record"), "{msg}");
    }

    #[test]
    fn non_utf8_input_is_an_encoding_error() {
        let err = read(&b"\xff\xfe{}\n"[..], Path::new("x.jsonl")).unwrap_err();
        assert!(
            err.to_string().starts_with("x.jsonl: cannot decode"),
            "{err}"
        );
    }
}
