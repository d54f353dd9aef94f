//! JSONL: one [`BeadRecord`] per line. Writes records, and reads them back
//! (possibly hand-edited by a reviewer) with line-numbered errors.

use crate::error::{Error, Result};
use crate::record::{BeadRecord, Wire};
use std::io::{BufRead, Write};
use std::path::Path;

/// Writes one record per line, fields in declaration order. A score that
/// is not a finite number is refused (JSON would get `null`, which no
/// reader accepts back).
pub fn write<W: Write>(mut out: W, records: &[BeadRecord]) -> std::io::Result<()> {
    for r in records {
        if !r.score.is_finite() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "bead {} of pair {}: score {} is not a number",
                    r.bead, r.pair, r.score
                ),
            ));
        }
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
        let err = |why: String| Error::Parse {
            path: path.to_path_buf(),
            line: i + 1,
            why,
        };
        let mut wire: Wire =
            serde_json::from_str(line).map_err(|e| err(format!("not a bead record: {e}")))?;
        validate(&mut wire).map_err(&err)?;
        records.push(wire.into_record().map_err(err)?);
    }
    Ok(records)
}

/// Checks what serde cannot: a finite score in [0, 1]; a bead type `n-m`
/// matching the unit counts (filled in when missing); unit indices that
/// are absent or one per text; no index, line or paragraph number above
/// [`crate::align::eval::MAX_INDEX`]. Line and paragraph lists of a
/// hand-made record may be partial (see [`Wire::into_record`], which
/// checks the list lengths).
fn validate(r: &mut Wire) -> std::result::Result<(), String> {
    if !(r.score.is_finite() && (0.0..=1.0).contains(&r.score)) {
        return Err(format!("score {} is not a number in [0, 1]", r.score));
    }
    let shape = crate::record::Shape::new(r.src.len(), r.tgt.len());
    if r.shape == crate::record::Shape::default() {
        r.shape = shape;
    } else if r.shape != shape {
        return Err(format!(
            "bead type `{}` does not match its {} source and {} target texts (expected `{shape}`)",
            r.shape,
            r.src.len(),
            r.tgt.len()
        ));
    }
    for (field, list, _, _) in r.per_unit() {
        if let Some(i) = list.iter().find(|&&i| i >= crate::align::eval::MAX_INDEX) {
            return Err(format!("`{field}` entry {i} is above the limit"));
        }
    }
    Ok(())
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
        assert_eq!(recs[0].tgt_texts().collect::<Vec<_>>(), ["Hello."]);
    }

    #[test]
    fn bad_line_names_file_and_line() {
        let err = read("\n{\"src\": 1}\n".as_bytes(), Path::new("edit.jsonl")).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("edit.jsonl:2: not a bead record"), "{msg}");
    }

    #[test]
    fn invalid_records_are_refused_by_line() {
        let good = r#""src_lang":"zh-Hans","tgt_lang":"en","src":["你好。"],"tgt":["Hello."]"#;
        for (extra, why) in [
            (r#""score":1e39,"#, "score inf is not a number in [0, 1]"),
            (r#""score":-0.5,"#, "score -0.5 is not a number in [0, 1]"),
            (
                r#""type":"=1+1","#,
                "not a bead record: bead type \"=1+1\" is not of the form n-m",
            ),
            (r#""type":"2-1","#, "bead type `2-1` does not match"),
            (r#""src_idx":[0,1],"#, "`src_idx` has 2 entries for 1 texts"),
            (
                r#""tgt_lines":[18446744073709551615],"#,
                "`tgt_lines` entry 18446744073709551615 is above",
            ),
        ] {
            let text = format!("{{{good}}}\n{{{extra}{good}}}\n");
            let msg = read(text.as_bytes(), Path::new("e.jsonl"))
                .unwrap_err()
                .to_string();
            assert!(msg.starts_with(&format!("e.jsonl:2: {why}")), "{msg}");
        }
        let recs = read(format!("{{{good}}}").as_bytes(), Path::new("e")).unwrap();
        assert_eq!(recs[0].shape.to_string(), "1-1", "type filled in");
    }

    #[test]
    fn a_score_that_is_not_a_number_is_never_written_as_null() {
        let mut recs = sample();
        recs[0].score = f32::INFINITY;
        let err = write(Vec::new(), &recs).unwrap_err();
        assert!(err.to_string().contains("is not a number"), "{err}");
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
