//! The alignment itself, as `bitext align` prints it: the MAC bead format
//! (`[0,1]:[2]`, 0-based unit indices) or a short TSV (score, type, unit
//! indices and texts of both sides) for a quick look.

use super::tsv::{cell, into_io, writer};
use crate::align::Bead;
use crate::record::{indices, texts, BeadRecord};
use std::io::Write;
use std::ops::Range;

/// Writes one `[src]:[tgt]` line per bead.
pub fn write_mac(out: &mut impl Write, beads: &[Bead]) -> std::io::Result<()> {
    let list = |r: &Range<usize>| {
        r.clone()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",")
    };
    for b in beads {
        writeln!(out, "[{}]:[{}]", list(&b.src), list(&b.tgt))?;
    }
    Ok(())
}

/// Writes one row per record, no header: score, type, source indices,
/// target indices, source text, target text. Texts are cells as in the
/// spreadsheet TSV (control and bidi characters visible, a leading `=`,
/// `+`, `-` or `@` escaped), since this TSV is read on a terminal or
/// pasted into a spreadsheet.
pub fn write_tsv(out: &mut impl Write, records: &[BeadRecord]) -> std::io::Result<()> {
    let idx = |v: &[usize]| {
        v.iter()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",")
    };
    let mut w = writer(out);
    for r in records {
        w.write_record([
            format!("{:.3}", r.score),
            r.shape.to_string(),
            idx(&indices(&r.src)),
            idx(&indices(&r.tgt)),
            cell(&texts(&r.src).join(" ")),
            cell(&texts(&r.tgt).join(" ")),
        ])
        .map_err(into_io)?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::tests::sample;

    #[test]
    fn mac_lines_list_indices() {
        let beads = [
            Bead {
                src: 0..2,
                tgt: 0..1,
                score: 1.0,
            },
            Bead {
                src: 2..2,
                tgt: 1..2,
                score: 0.5,
            },
        ];
        let mut buf = Vec::new();
        write_mac(&mut buf, &beads).unwrap();
        assert_eq!(String::from_utf8(buf).unwrap(), "[0,1]:[0]\n[]:[1]\n");
    }

    #[test]
    fn tsv_rows_read_back() {
        let mut buf = Vec::new();
        write_tsv(&mut buf, &sample()).unwrap();
        let mut rd = csv::ReaderBuilder::new()
            .delimiter(b'\t')
            .has_headers(false)
            .from_reader(&buf[..]);
        let rows: Vec<csv::StringRecord> = rd.records().map(|x| x.unwrap()).collect();
        assert_eq!(rows.len(), 3);
        assert_eq!(&rows[1][1], "1-2");
        assert_eq!(&rows[1][3], "1,2");
        assert_eq!(
            &rows[1][5],
            "A <b>bold</b> \"claim\" & more. Second sentence on two lines."
        );
        assert_eq!(&rows[2][2], "");
    }
}
