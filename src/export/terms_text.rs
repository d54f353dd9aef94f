//! The text report of `bitext terms`: the term pairs in a table with
//! Chinese columns padded by display width, then the terms rendered more
//! than one way with the beads of each rendering.

use crate::terms::consistency::TermUse;
use crate::terms::extract::{BeadRef, TermPair};
use std::io::Write;

/// Bead references listed per rendering before the list is cut with `…`.
const MAX_REFS: usize = 6;

/// Writes the term table (`pairs`, extracted from `beads` aligned beads)
/// and the `inconsistent` terms.
pub fn write(
    out: &mut impl Write,
    pairs: &[TermPair],
    beads: usize,
    inconsistent: &[&TermUse],
) -> std::io::Result<()> {
    writeln!(
        out,
        "{} term pairs from {} aligned beads (strongest first)",
        pairs.len(),
        beads
    )?;
    writeln!(
        out,
        "{:>3}  {:<12}  {:<36}  {:>4}  {:>7}  {:>5}  {:>6}  {:>6}  {:<7}  example",
        "#", "zh", "en", "both", "zh/en", "dice", "G2", "score", "support"
    )?;
    for (i, p) in pairs.iter().enumerate() {
        writeln!(
            out,
            "{:>3}  {}  {:<36}  {:>4}  {:>7}  {:>5.2}  {:>6.1}  {:>6.1}  {:<7}  {}",
            i + 1,
            pad(&p.zh, 12),
            p.en,
            p.freq,
            format!("{}/{}", p.zh_freq, p.en_freq),
            p.dice,
            p.llr,
            p.score,
            p.evidence.to_string(),
            p.example
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{} terms rendered more than one way",
        inconsistent.len()
    )?;
    for u in inconsistent {
        write_use(out, u)?;
    }
    Ok(())
}

fn write_use(out: &mut impl Write, u: &TermUse) -> std::io::Result<()> {
    writeln!(out, "  {} ({} beads)", u.zh, u.occurrences)?;
    let refs = |beads: &[BeadRef]| -> String {
        let mut s: Vec<String> = beads.iter().take(MAX_REFS).map(|b| b.to_string()).collect();
        if beads.len() > MAX_REFS {
            s.push("…".into());
        }
        s.join(" ")
    };
    for r in &u.renderings {
        writeln!(
            out,
            "    {:<34} ×{:<3} {}",
            r.en,
            r.beads.len(),
            refs(&r.beads)
        )?;
    }
    if !u.unrendered.is_empty() {
        writeln!(
            out,
            "    {:<34} ×{:<3} {}",
            "(none of these)",
            u.unrendered.len(),
            refs(&u.unrendered)
        )?;
    }
    Ok(())
}

/// Pads `s` to `width` terminal columns (wide characters, Han and
/// full-width punctuation alike, take two).
fn pad(s: &str, width: usize) -> String {
    let cols = unicode_width::UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(cols)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pads_by_display_width() {
        assert_eq!(pad("亚信", 6), "亚信  ");
        // Full-width punctuation is two columns wide too.
        assert_eq!(pad("（亚信）", 10), "（亚信）  ");
        assert_eq!(pad("CICA", 6), "CICA  ");
        assert_eq!(pad("很长的中文术语", 4), "很长的中文术语");
    }
}
