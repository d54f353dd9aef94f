//! Writes a corpus of near-duplicate "yearly editions" of one bilingual
//! report, the hard case for document pairing at scale:
//! `cargo run --release --example editions -- N DIR [REPORT]` writes
//! `DIR/edition_0000.txt` … (N files, 2N documents) from REPORT (default
//! `corpus/000_58fd57bd8402631f.txt`, Chinese then English). Edition `i`
//! shifts every year by `i % 30`, counts `25 + i` anniversary years where
//! the report says 25, and adds one line per language naming the edition
//! and its print run — the same words in every edition, only numbers
//! differ. Deterministic.

use regex::{Captures, Regex};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(dir)) = (args.first(), args.get(1)) else {
        return Err("usage: editions N DIR [REPORT]".into());
    };
    let n: usize = n.parse()?;
    let dir = PathBuf::from(dir);
    let report = args
        .get(2)
        .cloned()
        .unwrap_or_else(|| "corpus/000_58fd57bd8402631f.txt".into());
    let text = std::fs::read_to_string(&report)?;
    std::fs::create_dir_all(&dir)?;
    for i in 0..n {
        std::fs::write(dir.join(format!("edition_{i:04}.txt")), edition(&text, i))?;
    }
    Ok(())
}

/// Edition `i` of `text` (see the module doc).
fn edition(text: &str, i: usize) -> String {
    let years = Regex::new(r"\b(19|20)(\d\d)\b").expect("valid regex");
    let anniversary = Regex::new(r"\b25\b").expect("valid regex");
    let text = years.replace_all(text, |c: &Captures| {
        let y: usize = c[0].parse().unwrap_or(2000);
        (y + i % 30).to_string()
    });
    let text = anniversary.replace_all(&text, (25 + i).to_string());
    let run = 1000 + 37 * i;
    let mut out = String::new();
    let (mut zh_seen, mut en_seen) = (false, false);
    for line in text.lines() {
        // Each half starts at its first heading; the edition line goes
        // before it.
        if line.starts_with('#') {
            let han = line.chars().any(is_han);
            if han && !zh_seen {
                zh_seen = true;
                out.push_str(&format!("本报告第{}版，印数{run}册。\n\n", i + 1));
            } else if !han && !en_seen {
                en_seen = true;
                out.push_str(&format!(
                    "This is edition {} of the report, printed in {run} copies.\n\n",
                    i + 1
                ));
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}
