//! `terms.html`: the term sheets of a build, one section per aligned pair.
//! Each term shows its best English rendering and statistics, then every
//! rendering found with its count and links to the very bead rows of the
//! pair's review page (`<pair>.html#b<row>`), so a reviewer reads each use
//! in context. Shares the review page's stylesheet; no scripts; every text
//! is HTML-escaped.

use super::index::href;
use crate::terms::sheet::{Row, TermSheet};
use quick_xml::escape::escape;
use std::fmt::Write as _;
use std::io::Write;

const CSS: &str = include_str!("review.css");

/// Bead links shown per rendering before the rest is folded away.
const SHOWN_LINKS: usize = 12;

/// Writes `terms.html` for `sheets`.
pub fn write<W: Write>(mut out: W, sheets: &[&TermSheet]) -> std::io::Result<()> {
    out.write_all(render(sheets).as_bytes())?;
    out.flush()
}

/// The terms page as a string.
pub fn render(sheets: &[&TermSheet]) -> String {
    let mut h = String::with_capacity(8 * 1024);
    // `write!` into a String cannot fail; results are ignored below.
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>bitext terms</title>\n<style>\n{CSS}</style>\n</head>\n<body class=\"index terms\">\n<header>\n\
         <h1>bitext terms<span class=\"level\">{} aligned pairs</span></h1>\n\
         <p class=\"stats\">Strongest term pairs of each aligned pair, each English rendering \
         with the beads using it (links open the review page at that bead). \
         <a href=\"./index.html\">index</a></p>\n</header>\n<main>\n",
        sheets.len()
    );
    for s in sheets {
        section(&mut h, s);
    }
    if sheets.is_empty() {
        h.push_str("<p>no aligned pairs</p>\n");
    }
    let _ = write!(
        h,
        "</main>\n<footer>bitext {} · terms · `bitext terms PAIR.sentence.jsonl` lists the same \
         terms with their statistics</footer>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION")
    );
    h
}

fn section(h: &mut String, s: &TermSheet) {
    let page = href(&format!("{}.html", s.pair));
    let _ = write!(
        h,
        "<h2 id=\"{0}\"><a href=\"{1}\">{0}</a> <span class=\"muted\">{2} terms from {3} aligned beads</span></h2>\n\
         <table class=\"list terms\">\n<thead><tr><th class=\"n\">#</th><th lang=\"zh\">zh</th><th>en</th>\
         <th class=\"num\">beads</th><th class=\"num\">zh / en</th><th>renderings and beads</th></tr></thead>\n<tbody>\n",
        escape(&s.pair),
        page,
        s.terms.len(),
        s.beads,
    );
    for (i, t) in s.terms.iter().enumerate() {
        let p = &t.pair;
        let _ = write!(
            h,
            "<tr><td class=\"n\">{}</td><td lang=\"zh\">{}</td><td>{}</td>\
             <td class=\"num\">{}</td><td class=\"num\">{} / {}</td><td><ul class=\"renderings\">",
            i + 1,
            escape(&p.zh),
            escape(&p.en),
            p.freq,
            p.zh_freq,
            p.en_freq,
        );
        for r in &t.renderings {
            rendering(h, &page, &escape(&r.en), &r.rows);
        }
        if !t.unrendered.is_empty() {
            rendering(h, &page, "<i>none of these</i>", &t.unrendered);
        }
        h.push_str("</ul></td></tr>\n");
    }
    h.push_str("</tbody>\n</table>\n");
}

/// One rendering (`label`, already escaped) with its count and bead links.
fn rendering(h: &mut String, page: &str, label: &str, rows: &[Row]) {
    let _ = write!(h, "<li>{label} <b>×{}</b>", rows.len());
    let link = |r: &Row| format!(" <a href=\"{page}#b{}\">#{}</a>", r.row, r.bead);
    for r in rows.iter().take(SHOWN_LINKS) {
        h.push_str(&link(r));
    }
    if rows.len() > SHOWN_LINKS {
        let _ = write!(
            h,
            " <details><summary>{} more</summary>",
            rows.len() - SHOWN_LINKS
        );
        for r in &rows[SHOWN_LINKS..] {
            h.push_str(&link(r));
        }
        h.push_str("</details>");
    }
    h.push_str("</li>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terms::extract::{BeadRef, Evidence, TermPair};
    use crate::terms::sheet::{RenderingRows, SheetTerm};

    fn term(zh: &str, en: &str) -> TermPair {
        TermPair {
            zh: zh.into(),
            en: en.into(),
            en_key: String::new(),
            freq: 2,
            zh_freq: 2,
            en_freq: 3,
            dice: 0.8,
            llr: 10.0,
            example: BeadRef {
                pair: "p".into(),
                bead: 0,
            },
            evidence: Evidence::Both,
            lexical_beads: 0,
            coverage: 0.0,
            score: 10.0,
        }
    }

    #[test]
    fn links_rows_and_escapes_terms() {
        let rows = (0..14).map(|k| Row { row: k, bead: k }).collect();
        let sheet = TermSheet {
            pair: "a b#c".into(),
            beads: 20,
            terms: vec![SheetTerm {
                pair: term("<script>alert(1)</script>", "\"x\" & <b>"),
                renderings: vec![RenderingRows {
                    en: "<img src=x onerror=alert(1)>".into(),
                    rows,
                }],
                unrendered: vec![Row { row: 15, bead: 15 }],
            }],
        };
        let page = render(&[&sheet]);
        assert!(
            !page.contains("<script>") && !page.contains("<img"),
            "{page}"
        );
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(page.contains("&quot;x&quot; &amp; &lt;b&gt;"));
        assert!(page.contains("<a href=\"./a%20b%23c.html#b13\">#13</a>"));
        assert!(page.contains("2 more"));
        assert!(page.contains("<i>none of these</i> <b>×1</b> <a href=\"./a%20b%23c.html#b15\">"));
    }
}
