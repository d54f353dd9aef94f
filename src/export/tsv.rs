//! TSV for spreadsheets: a header row, then one row per bead with the two
//! texts, score, bead type, source lines of each side, flags and the review status
//! (`confirmed`, `corrected` …, empty when unreviewed).
//!
//! Written with the `csv` crate (tab delimiter, quoting only when needed).
//! Tabs, line breaks and control characters inside texts become spaces, so
//! every bead is exactly one line and the file opens cleanly in a
//! spreadsheet.
//!
//! Spreadsheet safety (checked in LibreOffice by an integration test): a
//! text cell starting with `=`, `+`, `-` or `@` gets a leading apostrophe,
//! so it is never a formula or a number; the score has four decimals, so a
//! German (decimal comma) import keeps `0.9270` as text instead of reading
//! `0.927` as 927; line lists are joined with `; `, never a comma that a
//! locale takes for a decimal or thousands separator.

use super::short_lang;
use crate::record::{lines, BeadRecord};
use std::io::Write;

/// Writes the header and one row per record.
pub fn write<W: Write>(out: W, records: &[BeadRecord]) -> std::io::Result<()> {
    let (src_name, tgt_name) = match records.first() {
        Some(r) => (short_lang(r.src_lang), short_lang(r.tgt_lang)),
        None => ("zh", "en"),
    };
    let mut w = writer(out);
    let src_lines = format!("{src_name}_lines");
    let tgt_lines = format!("{tgt_name}_lines");
    w.write_record([
        "bead",
        src_name,
        tgt_name,
        "score",
        "type",
        src_lines.as_str(),
        tgt_lines.as_str(),
        "flags",
        "review",
    ])
    .map_err(into_io)?;
    for r in records {
        let flags = r
            .flags
            .iter()
            .map(|f| format!("{}: {}", f.kind, f.reason))
            .collect::<Vec<_>>()
            .join("; ");
        w.write_record([
            r.bead.to_string(),
            cell(&r.src_text()),
            cell(&r.tgt_text()),
            format!("{:.4}", r.score),
            cell(&r.shape.to_string()),
            lines_cell(&lines(&r.src)),
            lines_cell(&lines(&r.tgt)),
            cell(&flags),
            r.review_status()
                .map(|s| s.as_str().to_string())
                .unwrap_or_default(),
        ])
        .map_err(into_io)?;
    }
    w.flush()
}

/// A text cell: on one line, and with a leading apostrophe when it starts
/// with a character that makes a spreadsheet read a formula or a number.
pub(crate) fn cell(text: &str) -> String {
    let text = super::visible::visible(&one_line(text)).into_owned();
    if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text
    }
}

/// Source lines, repeats removed, joined by `; `.
fn lines_cell(lines: &[usize]) -> String {
    let mut uniq = lines.to_vec();
    uniq.dedup();
    uniq.iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// The one TSV writer: tab-separated, a field quoted only when it must be,
/// so any TSV reader gives the fields back.
pub(crate) fn writer<W: Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .delimiter(b'\t')
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(out)
}

/// `text` with tabs, line breaks and other control characters replaced by
/// single spaces.
pub(crate) fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_control() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

pub(crate) fn into_io(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::tests::sample;
    use proptest::prelude::*;

    #[test]
    fn one_row_per_bead_and_header() {
        let mut buf = Vec::new();
        write(&mut buf, &sample()).unwrap();
        let text = String::from_utf8(buf).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 1 + sample().len());
        assert_eq!(
            lines[0],
            "bead\tzh\ten\tscore\ttype\tzh_lines\ten_lines\tflags\treview"
        );
        assert!(lines.iter().all(|l| l.split('\t').count() == 9), "{text}");
        assert!(lines[2].contains("0.3100\t1-2\t5\t42\tnumber-mismatch: 26"));
        assert!(!text.contains('\u{1}'));
    }

    #[test]
    fn reads_back_with_a_tsv_reader() {
        let mut buf = Vec::new();
        write(&mut buf, &sample()).unwrap();
        let mut rd = csv::ReaderBuilder::new()
            .delimiter(b'\t')
            .from_reader(&buf[..]);
        let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), 3);
        assert_eq!(
            &rows[1][2],
            "A <b>bold</b> \"claim\" & more. Second sentence on two lines."
        );
        assert_eq!(&rows[2][1], "");
    }

    #[test]
    fn formula_like_cells_are_guarded() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        for t in ["+1", "-2", "@SUM(A1)"] {
            assert_eq!(cell(t), format!("'{t}"));
        }
        assert_eq!(cell("a = b"), "a = b");
        assert_eq!(lines_cell(&[12, 12, 345]), "12; 345");
    }

    proptest! {
        /// Whatever the text, a bead is one line of nine fields that a TSV
        /// reader gives back with only control characters made spaces.
        #[test]
        fn any_text_is_one_row(text in any::<String>()) {
            let mut r = sample().remove(0);
            r.tgt = vec![text.into()];
            let mut buf = Vec::new();
            write(&mut buf, std::slice::from_ref(&r)).unwrap();
            let mut rd = csv::ReaderBuilder::new().delimiter(b'\t').from_reader(&buf[..]);
            let rows: Vec<csv::StringRecord> = rd.records().map(|x| x.unwrap()).collect();
            prop_assert_eq!(rows.len(), 1);
            prop_assert_eq!(rows[0].len(), 9);
            let want = cell(&r.tgt_text());
            prop_assert_eq!(&rows[0][2], want.as_str());
            prop_assert!(!rows[0][2].chars().any(char::is_control));
        }
    }
}
