//! The text report of `bitext check`: flagged beads for people, most
//! severe first, each with its flags and both texts, then a summary line.

use crate::document::Lang;
use crate::record::{texts, BeadRecord, BeadUnit, Flag, FlagKind, Severity};
use std::collections::BTreeMap;
use std::io::Write;

/// Longest text shown per side, in characters.
const MAX_SHOWN_CHARS: usize = 200;

/// The records with at least one flag, surest first: by their surest
/// flag ([`Flag::surer`]: severity, plain facts, certainty), then most
/// flags, then by pair and bead. A reviewer can stop early.
pub fn flagged(records: &[BeadRecord]) -> Vec<&BeadRecord> {
    let mut out: Vec<&BeadRecord> = records.iter().filter(|r| r.is_flagged()).collect();
    out.sort_by(|a, b| {
        let by_flag = match (surest(a), surest(b)) {
            (Some(x), Some(y)) => x.surer(y),
            _ => std::cmp::Ordering::Equal,
        };
        by_flag
            .then(b.flags.len().cmp(&a.flags.len()))
            .then(a.pair.cmp(&b.pair))
            .then(a.bead.cmp(&b.bead))
    });
    out
}

/// Drops the flags below `min` from every record.
pub fn keep_at_least(records: &mut [BeadRecord], min: Severity) {
    for r in records {
        r.flags.retain(|f| f.severity >= min);
    }
}

/// The surest of a record's flags.
fn surest(r: &BeadRecord) -> Option<&Flag> {
    r.flags.iter().min_by(|a, b| a.surer(b))
}

/// Writes `flagged` beads one block each, then the summary line over all
/// `records`.
pub fn write_text(
    out: &mut impl Write,
    records: &[BeadRecord],
    flagged: &[&BeadRecord],
) -> std::io::Result<()> {
    for r in flagged {
        write_bead(out, r)?;
    }
    writeln!(out, "{}", summary(records, flagged.len()))
}

/// Writes `flagged` beads as JSONL (each record with its flags).
pub fn write_json(out: &mut impl Write, flagged: &[&BeadRecord]) -> std::io::Result<()> {
    for r in flagged {
        serde_json::to_writer(&mut *out, r)?;
        writeln!(out)?;
    }
    Ok(())
}

/// "123 beads, 17 flagged: 5 number-mismatch, 12 unaligned".
pub fn summary(records: &[BeadRecord], flagged: usize) -> String {
    let mut counts: BTreeMap<FlagKind, usize> = BTreeMap::new();
    for f in records.iter().flat_map(|r| &r.flags) {
        *counts.entry(f.kind).or_default() += 1;
    }
    let kinds: Vec<String> = counts.iter().map(|(k, n)| format!("{n} {k}")).collect();
    format!(
        "{} beads, {} flagged{}{}",
        records.len(),
        flagged,
        if kinds.is_empty() { "" } else { ": " },
        kinds.join(", ")
    )
}

fn write_bead(out: &mut impl Write, r: &BeadRecord) -> std::io::Result<()> {
    let first_line = |units: &[BeadUnit]| -> String {
        units
            .first()
            .and_then(|u| u.line)
            .map(|l| l.to_string())
            .unwrap_or_else(|| "-".into())
    };
    writeln!(
        out,
        "{}#{} ({}, score {:.2}, lines {}/{})",
        r.pair,
        r.bead,
        r.shape,
        r.score,
        first_line(&r.src),
        first_line(&r.tgt)
    )?;
    for f in &r.flags {
        writeln!(out, "  {:<7} {}: {}", f.severity, f.kind, f.reason)?;
    }
    writeln!(out, "    src: {}", shown(&r.src, r.src_lang))?;
    writeln!(out, "    tgt: {}", shown(&r.tgt, r.tgt_lang))?;
    writeln!(out)
}

/// A side's units on one line, cut at [`MAX_SHOWN_CHARS`], or a dash.
fn shown(units: &[BeadUnit], lang: Lang) -> String {
    let text = texts(units).join(if lang.is_chinese() { "" } else { " " });
    let t: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.is_empty() {
        "—".into()
    } else if t.chars().count() > MAX_SHOWN_CHARS {
        format!(
            "{}…",
            t.chars().take(MAX_SHOWN_CHARS - 1).collect::<String>()
        )
    } else {
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::tests::sample;

    #[test]
    fn most_severe_first_and_counted() {
        let recs = sample();
        let f = flagged(&recs);
        assert_eq!(f.iter().map(|r| r.bead).collect::<Vec<_>>(), vec![1, 2]);
        let mut buf = Vec::new();
        write_text(&mut buf, &recs, &f).unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert!(text.starts_with("p#1 (1-2, score 0.31, lines 5/42)\n  error   number-mismatch"));
        assert!(text.ends_with("3 beads, 2 flagged: 1 number-mismatch, 1 unaligned\n"));
        let mut recs = recs;
        keep_at_least(&mut recs, Severity::Error);
        assert_eq!(flagged(&recs).len(), 1);
    }

    /// Within a severity, plain facts come first, then the surer graded
    /// flags; an info flag never outranks a warning, however sure.
    #[test]
    fn surest_flags_first_within_a_severity() {
        let base = sample().remove(0);
        let with = |bead: usize, kind, severity, certainty: Option<f32>| {
            let mut f = Flag::new(kind, severity, "r");
            f.certainty = certainty;
            BeadRecord {
                bead,
                flags: vec![f],
                ..base.clone()
            }
        };
        let recs = vec![
            with(1, FlagKind::Omission, Severity::Warning, Some(0.5)),
            with(2, FlagKind::Omission, Severity::Info, Some(9.0)),
            with(3, FlagKind::Addition, Severity::Warning, Some(3.0)),
            with(4, FlagKind::NumberMismatch, Severity::Warning, None),
        ];
        let order: Vec<usize> = flagged(&recs).iter().map(|r| r.bead).collect();
        assert_eq!(order, vec![4, 3, 1, 2]);
    }

    #[test]
    fn long_texts_are_cut_and_empty_ones_dashed() {
        assert_eq!(shown(&[" \n".into()], Lang::En), "—");
        assert_eq!(shown(&["a\n".into(), "b".into()], Lang::En), "a b");
        let long = vec!["字".repeat(300).into()];
        assert_eq!(shown(&long, Lang::ZhHans).chars().count(), MAX_SHOWN_CHARS);
    }
}
