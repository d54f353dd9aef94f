//! `index.html`: the front page of a build. Lists the aligned pairs with
//! their statistics and links to every output, the documents that were
//! found but not aligned (with the pairing decision and its reason), files
//! that could not be read, and what ingestion dropped from each file, line
//! by line — nothing is silently lost.
//!
//! Renders a [`Summary`]; shares the review page's stylesheet; no scripts.

use super::summary::{DocRef, LevelStats, Summary};
use quick_xml::escape::escape;
use std::fmt::Write as _;
use std::io::Write;

const CSS: &str = include_str!("review.css");

/// Writes `index.html` for `summary`.
pub fn write<W: Write>(mut out: W, summary: &Summary) -> std::io::Result<()> {
    out.write_all(render(summary).as_bytes())?;
    out.flush()
}

/// The index page as a string.
pub fn render(s: &Summary) -> String {
    let mut h = String::with_capacity(16 * 1024);
    let t = &s.totals;
    // `write!` into a String cannot fail; results are ignored below.
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>bitext corpus</title>\n<style>\n{CSS}</style>\n</head>\n<body class=\"index\">\n<header>\n\
         <h1>bitext corpus<span class=\"level\">index</span></h1>\n\
         <p class=\"stats\"><span><b>{}</b> files</span> <span><b>{}</b> documents</span> \
         <span><b>{}</b> aligned pairs</span> <span><b>{}</b> documents not paired</span> \
         <span><b>{}</b> sentence beads, <b>{}</b> flagged</span> \
         <span><b>{}</b> unreadable files</span>{}</p>\n</header>\n<main>\n",
        t.files,
        t.documents,
        t.pairs,
        t.unpaired_documents,
        t.sentence_beads,
        t.flagged_sentence_beads,
        t.failed_files,
        review_totals(t),
    );
    warnings(&mut h, s);
    pairs(&mut h, s);
    unpaired(&mut h, s);
    inputs(&mut h, s);
    let _ = write!(
        h,
        "</main>\n<footer>bitext {} · {}<a href=\"./summary.json\">summary.json</a></footer>\n</body>\n</html>\n",
        escape(&s.version),
        terms_link(s),
    );
    h
}

/// A link to `terms.html` when the build wrote it.
fn terms_link(s: &Summary) -> &'static str {
    if s.files.iter().any(|f| f == super::TERMS_PAGE) {
        "<a href=\"./terms.html\">terms</a> · "
    } else {
        ""
    }
}

/// Reviewed and stale counts for the header (empty when nothing was
/// reviewed).
fn review_totals(t: &super::summary::Totals) -> String {
    let mut out = String::new();
    if t.reviewed_sentence_beads > 0 {
        let _ = write!(
            out,
            " <span><b>{}</b> sentence beads confirmed or corrected</span>",
            t.reviewed_sentence_beads
        );
    }
    if t.stale_decisions > 0 {
        let _ = write!(
            out,
            " <span class=\"err\"><b>{}</b> stale review decisions</span>",
            t.stale_decisions
        );
    }
    out
}

/// A pair's review progress and stale decisions, under its name.
fn review_note(p: &super::summary::PairSummary) -> String {
    let mut out = String::new();
    let reviewed: usize = p.sentence.reviewed.values().sum();
    if reviewed > 0 {
        let parts: Vec<String> = p
            .sentence
            .reviewed
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect();
        let _ = write!(
            out,
            "<br><span class=\"reviewed\">{reviewed} of {} sentence beads reviewed ({})</span>",
            p.sentence.beads,
            escape(parts.join(", "))
        );
    }
    if !p.stale.is_empty() {
        let _ = write!(
            out,
            "<br><span class=\"err\">stale review decisions (not applied):</span><ul>"
        );
        for st in &p.stale {
            let _ = write!(
                out,
                "<li>{} — {}</li>",
                escape(&st.decision),
                escape(&st.why)
            );
        }
        out.push_str("</ul>");
    }
    out
}

/// The link to output file `name` of the folder: percent-encoded (`#`,
/// `?`, `%`, `:`… in a file name cannot break the link) and relative
/// (`./`), so a pair named `javascript:alert(1)` links to a file, never
/// runs a script.
pub(crate) fn href(name: &str) -> String {
    use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
    const KEEP: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    format!("./{}", utf8_percent_encode(name, KEEP))
}

fn doc(d: &DocRef) -> String {
    format!(
        "<span lang=\"{}\">{}</span> <span class=\"muted\">({})</span>",
        d.lang.tag(),
        escape(&d.id),
        escape(&d.file)
    )
}

/// Statistics cells; with `page`, the flagged and low-score counts link
/// to the review page filtered to them.
fn stats_cells(h: &mut String, st: &LevelStats, page: Option<&str>) {
    let count = |n: usize, filter: &str| match page {
        Some(p) if n > 0 => format!("<a href=\"{p}?filter={filter}\">{n}</a>"),
        _ => n.to_string(),
    };
    let _ = write!(
        h,
        "<td class=\"num\">{} / {}</td><td class=\"num\">{}</td><td>{}</td>\
         <td class=\"num\">{:.3}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>",
        st.src_units,
        st.tgt_units,
        st.beads,
        escape(st.types_line()),
        st.mean_score,
        count(st.flagged, "flagged"),
        count(st.low_score, "low"),
    );
}

fn pairs(h: &mut String, s: &Summary) {
    h.push_str("<h2>Aligned pairs</h2>\n");
    if s.pairs.is_empty() {
        h.push_str("<p class=\"note\">No document pair was recognised as a translation.</p>\n");
        return;
    }
    h.push_str(
        "<table class=\"list\"><thead><tr><th>pair</th><th>level</th><th>segments zh / en</th>\
         <th>beads</th><th>bead types</th><th>mean score</th><th>flagged</th><th>low score</th>\
         <th>files</th></tr></thead>\n<tbody>\n",
    );
    for p in &s.pairs {
        let name = escape(&p.id);
        let link = |suffix: &str| href(&format!("{}{suffix}", p.id));
        let _ = write!(
            h,
            "<tr><td rowspan=\"2\"><a href=\"{}\"><b>{name}</b></a><br>{}<br>↔ {}<br>\
             <span class=\"muted\">paired {:.2}: {}</span>{}</td><td>sentence</td>",
            link(".html"),
            doc(&p.src),
            doc(&p.tgt),
            p.score,
            escape(&p.reason),
            review_note(p),
        );
        stats_cells(h, &p.sentence, Some(&link(".html")));
        let _ = write!(
            h,
            "<td><a href=\"{}\">tmx</a> <a href=\"{}\">tsv</a> \
             <a href=\"{}\">jsonl</a></td></tr>\n<tr><td>paragraph</td>",
            link(".sentence.tmx"),
            link(".sentence.tsv"),
            link(".sentence.jsonl"),
        );
        stats_cells(h, &p.paragraph, None);
        let _ = writeln!(
            h,
            "<td><a href=\"{}\">tmx</a> <a href=\"{}\">tsv</a> \
             <a href=\"{}\">jsonl</a></td></tr>",
            link(".paragraph.tmx"),
            link(".paragraph.tsv"),
            link(".paragraph.jsonl"),
        );
    }
    h.push_str("</tbody></table>\n");
}

/// Corpus-wide warnings, above everything else (nothing when there are none).
fn warnings(h: &mut String, s: &Summary) {
    if s.warnings.is_empty() {
        return;
    }
    h.push_str("<h2>Warnings</h2>\n<ul class=\"warnings\">");
    for w in &s.warnings {
        let _ = write!(h, "<li><span class=\"err\">{}</span></li>", escape(w));
    }
    h.push_str("</ul>\n");
}

fn unpaired(h: &mut String, s: &Summary) {
    h.push_str("<h2>Documents not paired</h2>\n");
    if s.unpaired_documents.is_empty() {
        h.push_str("<p class=\"note\">Every document is in an aligned pair.</p>\n");
    } else {
        h.push_str(
            "<p class=\"note\">Found but not aligned: no other document was judged its translation.</p>\n<ul>",
        );
        for d in &s.unpaired_documents {
            let _ = write!(h, "<li>{}</li>", escape(d));
        }
        h.push_str("</ul>\n");
    }
    if s.unpaired.is_empty() {
        return;
    }
    h.push_str(
        "<details open><summary>Pairing decisions not aligned</summary>\n\
         <table class=\"list\"><thead><tr><th>Chinese document</th><th>English document</th>\
         <th>relation</th><th>score</th><th>reason</th></tr></thead>\n<tbody>\n",
    );
    for u in &s.unpaired {
        let relation = match u.relation {
            crate::align::Relation::Translation => "translation",
            crate::align::Relation::Comparable => "comparable",
        };
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{relation}</td><td class=\"num\">{:.2}</td><td>{}</td></tr>",
            doc(&u.src),
            doc(&u.tgt),
            u.score,
            escape(&u.reason),
        );
    }
    h.push_str("</tbody></table></details>\n");
}

fn inputs(h: &mut String, s: &Summary) {
    h.push_str(
        "<h2>Input files</h2>\n<p class=\"note\">Every file of the corpus, what was read from it, \
         and every piece left out, with its line and the reason.</p>\n\
         <table class=\"list\"><thead><tr><th>file</th><th>encoding</th><th>format</th>\
         <th>documents (paragraphs, sentences)</th><th>dropped</th></tr></thead>\n<tbody>\n",
    );
    for f in &s.inputs {
        let format = f
            .format
            .map(|x| format!("{x:?}").to_lowercase())
            .unwrap_or_default();
        let docs = f
            .documents
            .iter()
            .map(|d| {
                format!(
                    "{} ({}, {})",
                    escape(d.lang.tag()),
                    d.paragraphs,
                    d.sentences
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        let dropped: usize = f.documents.iter().map(|d| d.dropped.len()).sum();
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{format}</td><td>{}</td><td class=\"num\">{dropped}</td></tr>",
            escape(&f.file),
            escape(&f.encoding),
            match &f.error {
                Some(e) => format!("<span class=\"err\">{}</span>", escape(e)),
                None => docs,
            },
        );
        for w in &f.warnings {
            let _ = writeln!(
                h,
                "<tr class=\"warning\"><td colspan=\"5\"><span class=\"err\">{}</span></td></tr>",
                escape(w)
            );
        }
        if dropped > 0 {
            let _ = writeln!(
                h,
                "<tr class=\"dropped\"><td colspan=\"5\"><details><summary>{dropped} {} dropped from {}</summary>\
                 <table class=\"list\"><tbody>",
                if dropped == 1 { "piece" } else { "pieces" },
                escape(&f.file)
            );
            for d in &f.documents {
                for x in &d.dropped {
                    let _ = writeln!(
                        h,
                        "<tr><td class=\"num\">line {}</td><td>{}</td><td>{}</td><td class=\"t\">{}</td></tr>",
                        x.line,
                        escape(d.lang.tag()),
                        x.reason,
                        escape(&x.text)
                    );
                }
            }
            h.push_str("</tbody></table></details></td></tr>\n");
        }
    }
    h.push_str("</tbody></table>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{DropReason, Dropped, Lang};
    use crate::export::summary::{DocSummary, FileSummary, Totals};

    #[test]
    fn hrefs_are_relative_and_percent_encoded() {
        assert_eq!(
            href("javascript:alert(1).html"),
            "./javascript%3Aalert%281%29.html"
        );
        assert_eq!(href("a#b?c%d e.html"), "./a%23b%3Fc%25d%20e.html");
        assert_eq!(
            href("年报_2024-v1.html"),
            "./%E5%B9%B4%E6%8A%A5_2024-v1.html"
        );
    }

    #[test]
    fn lists_errors_and_dropped_lines_escaped() {
        let s = Summary {
            tool: "bitext".into(),
            version: "0".into(),
            totals: Totals::default(),
            pairs: vec![],
            unpaired: vec![],
            unpaired_documents: vec!["a.en".into()],
            inputs: vec![
                FileSummary {
                    file: "corpus/a.txt".into(),
                    encoding: "UTF-8".into(),
                    format: None,
                    documents: vec![DocSummary {
                        id: "a.en".into(),
                        lang: Lang::En,
                        paragraphs: 3,
                        sentences: 5,
                        dropped: vec![Dropped {
                            line: 7,
                            text: "<nav>Home</nav>".into(),
                            reason: DropReason::Boilerplate,
                        }],
                    }],
                    error: None,
                    warnings: vec!["corpus/a.txt: 1 invalid UTF-8 sequence(s) replaced".into()],
                },
                FileSummary {
                    file: "corpus/b.bin".into(),
                    encoding: String::new(),
                    format: None,
                    documents: vec![],
                    error: Some("corpus/b.bin: binary file (NUL bytes)".into()),
                    warnings: vec![],
                },
            ],
            warnings: vec!["manifest.tsv: line 2: no document has the id `<b>`".into()],
            files: vec![],
        };
        let page = render(&s);
        assert!(page
            .contains("line 7</td><td>en</td><td>boilerplate</td><td class=\"t\">&lt;nav&gt;Home"));
        assert!(page.contains("binary file (NUL bytes)"));
        assert!(
            page.contains("<span class=\"err\">corpus/a.txt: 1 invalid UTF-8 sequence(s) replaced")
        );
        assert!(page.contains("<li>a.en</li>"));
        assert!(page.contains("no document has the id `&lt;b&gt;`"));
    }
}
