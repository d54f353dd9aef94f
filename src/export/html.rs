//! The HTML review page of one aligned pair: both texts side by side, one
//! table row (`tr.bead`) per bead with its type, score, flags and reasons,
//! the source line of every unit and visible paragraph boundaries.
//!
//! Flagged rows carry the class `flagged`, low-score rows `low`; a few
//! lines of plain JavaScript (`review.js`) filter to either. The page is
//! self-contained (CSS and JS inlined with `include_str!`, no external
//! assets), works from `file://`, and every text is HTML-escaped.

use super::summary::LevelStats;
use super::{fmt_score, LOW_SCORE};
use crate::document::Lang;
use crate::record::{indices, BeadRecord, BeadUnit};
use quick_xml::escape::escape;
use std::fmt::Write as _;
use std::io::Write;

const CSS: &str = include_str!("review.css");
const JS: &str = include_str!("review.js");

/// Writes the review page for `records` (one pair, one level).
pub fn write<W: Write>(mut out: W, records: &[BeadRecord]) -> std::io::Result<()> {
    out.write_all(render(records).as_bytes())?;
    out.flush()
}

/// The review page as a string.
pub fn render(records: &[BeadRecord]) -> String {
    render_page(records, &Page::default())
}

/// Options of a review page beyond its records.
#[derive(Debug, Clone, Default)]
pub struct Page<'a> {
    /// Review decisions that could not be applied, shown as a warning.
    pub stale: &'a [crate::record::Stale],
    /// Served by `bitext review`: the page offers the review actions.
    pub live: bool,
}

/// Writes the review page with the stale decisions of its pair.
pub fn write_reviewed<W: Write>(
    mut out: W,
    records: &[BeadRecord],
    stale: &[crate::record::Stale],
) -> std::io::Result<()> {
    out.write_all(render_page(records, &Page { stale, live: false }).as_bytes())?;
    out.flush()
}

/// The review page with `page`'s options.
pub fn render_page(records: &[BeadRecord], page: &Page<'_>) -> String {
    let mut h = String::with_capacity(4096 + records.len() * 600);
    let first = records.first();
    let pair = first.map(|r| r.pair.as_str()).unwrap_or("");
    let level = first.map(|r| r.level.as_str()).unwrap_or("sentence");
    let src_lang = first.map(|r| r.src_lang).unwrap_or(Lang::ZhHans);
    let tgt_lang = first.map(|r| r.tgt_lang).unwrap_or(Lang::En);
    let stats = LevelStats::of(records);
    let title = if pair.is_empty() { "alignment" } else { pair };

    // `write!` into a String cannot fail; results are ignored below.
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} · {level} alignment · bitext review</title>\n<style>\n{CSS}</style>\n</head>\n\
         <body data-filter=\"all\"{}>\n<header>\n<h1>{}<span class=\"level\">{level} alignment</span></h1>\n",
        escape(title),
        live_attrs(page, pair, level),
        escape(title),
    );
    if let Some(r) = first {
        let _ = writeln!(
            h,
            "<p class=\"files\"><span class=\"side\"><b>{}</b> {}</span> \
             <span class=\"arrow\">↔</span> <span class=\"side\"><b>{}</b> {}</span></p>",
            src_lang.tag(),
            escape(&r.src_file),
            tgt_lang.tag(),
            escape(&r.tgt_file),
        );
    }
    let _ = writeln!(
        h,
        "<p class=\"stats\"><span><b>{}</b> beads</span> <span><b>{}</b> {} / <b>{}</b> {} {}s</span> \
         <span>types: {}</span> <span>mean score <b>{:.3}</b></span></p>",
        stats.beads,
        stats.src_units,
        src_lang.tag(),
        stats.tgt_units,
        tgt_lang.tag(),
        level,
        escape(stats.types_line()),
        stats.mean_score,
    );
    let _ = writeln!(
        h,
        "<nav class=\"filters\" aria-label=\"filter beads\">\
         <label><input type=\"radio\" name=\"filter\" value=\"all\" checked> all <span class=\"count\">{}</span></label>\
         <label class=\"f-flagged\"><input type=\"radio\" name=\"filter\" value=\"flagged\"> flagged <span class=\"count\">{}</span></label>\
         <label class=\"f-low\"><input type=\"radio\" name=\"filter\" value=\"low\"> low score &lt; {} <span class=\"count\">{}</span></label>\
         <span class=\"shown\">showing <output id=\"shown\">{}</output> of {}</span>\
         <span class=\"keys\"><kbd>j</kbd> <kbd>k</kbd> next / previous</span></nav>",
        stats.beads,
        stats.flagged,
        LOW_SCORE,
        stats.low_score,
        stats.beads,
        stats.beads,
    );
    review_bar(&mut h, records, page);
    h.push_str("</header>\n");
    let _ = write!(
        h,
        "<main>\n<table class=\"beads\">\n<thead><tr><th class=\"n\">#</th>\
         <th class=\"text\" lang=\"{}\">{}</th><th class=\"text\" lang=\"{}\">{}</th>\
         <th class=\"meta\">bead</th><th class=\"flags\">flags</th></tr></thead>\n<tbody>\n",
        src_lang.tag(),
        side_title(src_lang),
        tgt_lang.tag(),
        side_title(tgt_lang),
    );
    let mut last_para: (Option<usize>, Option<usize>) = (None, None);
    for (k, r) in records.iter().enumerate() {
        row(&mut h, k, r, &mut last_para);
    }
    if records.is_empty() {
        h.push_str("<tr class=\"empty-table\"><td colspan=\"5\">no beads</td></tr>\n");
    }
    let _ = write!(
        h,
        "</tbody>\n</table>\n</main>\n<footer>bitext {} · review page · \
         scores are calibrated confidences in [0, 1]; L<i>n</i>: source line; ¶: first unit of a paragraph</footer>\n\
         <script>\n{JS}</script>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION"),
    );
    h
}

/// The `<body>` attributes of a live page: the pair and level the
/// actions concern.
fn live_attrs(page: &Page<'_>, pair: &str, level: &str) -> String {
    if !page.live {
        return String::new();
    }
    format!(
        " data-live=\"1\" data-pair=\"{}\" data-level=\"{level}\"",
        escape(pair)
    )
}

/// The review controls: status and flag-kind filters, search, progress,
/// stale decisions, and (live) the links between levels.
fn review_bar(h: &mut String, records: &[BeadRecord], page: &Page<'_>) {
    let reviewed = records.iter().filter(|r| r.review.is_some()).count();
    let mut kinds: Vec<String> = records
        .iter()
        .flat_map(|r| r.flags.iter().map(|f| f.kind.to_string()))
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    h.push_str(
        "<nav class=\"review\" aria-label=\"review\">\
         <label>status <select id=\"status\"><option value=\"\">any</option>\
         <option value=\"unreviewed\">unreviewed</option><option value=\"confirmed\">confirmed</option>\
         <option value=\"changed\">changed</option><option value=\"rejected\">rejected</option>\
         <option value=\"accepted\">flag accepted</option></select></label>\
         <label>flag <select id=\"kind\"><option value=\"\">any</option>",
    );
    for k in &kinds {
        let _ = write!(h, "<option value=\"{0}\">{0}</option>", escape(k));
    }
    let _ = write!(
        h,
        "</select></label>\
         <input type=\"search\" id=\"q\" placeholder=\"search both sides  /\" aria-label=\"search\">\
         <span class=\"progress\"><output id=\"progress\">{reviewed}</output> of {} reviewed</span>",
        records.len()
    );
    if page.live {
        h.push_str(
            "<span class=\"keys\"><kbd>c</kbd> confirm <kbd>x</kbd> reject <kbd>m</kbd> merge with next \
             <kbd>s</kbd> split <kbd>a</kbd> accept flag</span>\
             <span class=\"links\"><a href=\"/\">pairs</a> <a id=\"other-level\" href=\"#\">other level</a></span>\
             <output id=\"message\" role=\"status\"></output>",
        );
    }
    h.push_str("</nav>\n");
    if !page.stale.is_empty() {
        let _ = write!(
            h,
            "<details class=\"stale\" open><summary>{} no longer match{} the text \
             (not applied)</summary><ul>",
            if page.stale.len() == 1 {
                "1 review decision".to_string()
            } else {
                format!("{} review decisions", page.stale.len())
            },
            if page.stale.len() == 1 { "es" } else { "" }
        );
        for st in page.stale {
            let _ = write!(h, "<li>{} — {}</li>", escape(&st.decision), escape(&st.why));
        }
        h.push_str("</ul></details>\n");
    }
}

/// Row attributes the review script reads: status, flag kinds, units.
fn review_attrs(r: &BeadRecord) -> String {
    let ids = |v: &[usize]| {
        v.iter()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let kinds: Vec<String> = r.flags.iter().map(|f| f.kind.to_string()).collect();
    format!(
        " data-status=\"{}\" data-kinds=\"{}\" data-s=\"{}\" data-t=\"{}\"",
        r.review_status().map(|s| s.as_str()).unwrap_or(""),
        kinds.join(" "),
        ids(&indices(&r.src)),
        ids(&indices(&r.tgt)),
    )
}

/// The review status of a bead, shown under its score.
fn status_badge(h: &mut String, r: &BeadRecord) {
    if let Some(s) = r.review_status() {
        let _ = write!(h, "<span class=\"status st-{0}\">{0}</span>", s.as_str());
    }
}

/// The flags a reviewer accepted, with their notes.
fn accepted_flags(h: &mut String, r: &BeadRecord) {
    let Some(review) = &r.review else { return };
    if review.accepted.is_empty() {
        return;
    }
    h.push_str("<ul class=\"accepted\">");
    for a in &review.accepted {
        let _ = write!(
            h,
            "<li><span class=\"kind\">{}</span> accepted{}{}</li>",
            a.kind,
            if a.note.is_empty() { "" } else { ": " },
            escape(&a.note)
        );
    }
    h.push_str("</ul>");
}

fn side_title(lang: Lang) -> &'static str {
    match lang {
        Lang::ZhHans => "中文 (简体)",
        Lang::ZhHant => "中文 (繁體)",
        Lang::En => "English",
    }
}

/// Row `k` (its anchor is `#b<k>`, unique even when several pairs are
/// concatenated; the number shown is the bead's own).
fn row(h: &mut String, k: usize, r: &BeadRecord, last_para: &mut (Option<usize>, Option<usize>)) {
    let src_starts = starts(&r.src, &mut last_para.0);
    let tgt_starts = starts(&r.tgt, &mut last_para.1);
    let mut class = String::from("bead");
    if r.is_flagged() {
        class.push_str(" flagged");
        if let Some(worst) = r.flags.iter().map(|f| f.severity).max() {
            let _ = write!(class, " sev-{}", severity_name(worst));
        }
    }
    if r.score < LOW_SCORE {
        class.push_str(" low");
    }
    if src_starts.iter().chain(&tgt_starts).any(|&s| s) && k > 0 {
        class.push_str(" para-start");
    }
    let _ = write!(
        h,
        "<tr class=\"{class}\" id=\"b{k}\" data-score=\"{}\"{}>\
         <td class=\"n\"><a href=\"#b{k}\">{}</a></td>",
        fmt_score(r.score),
        review_attrs(r),
        r.bead,
    );
    side(h, r, false, &src_starts);
    side(h, r, true, &tgt_starts);
    let pct = (r.score.clamp(0.0, 1.0) * 100.0).round();
    let _ = write!(
        h,
        "<td class=\"meta\"><span class=\"type\">{}</span>\
         <span class=\"score\"><span class=\"bar\"><span style=\"width:{pct}%\"></span></span>{}</span>",
        r.shape,
        fmt_score(r.score),
    );
    status_badge(h, r);
    h.push_str("</td>");
    h.push_str("<td class=\"flags\">");
    if !r.flags.is_empty() {
        h.push_str("<ul>");
        for f in &r.flags {
            let _ = write!(
                h,
                "<li class=\"sev-{}\"><span class=\"kind\">{}</span> {}</li>",
                severity_name(f.severity),
                f.kind,
                escape(&f.reason)
            );
        }
        h.push_str("</ul>");
    }
    accepted_flags(h, r);
    h.push_str("</td></tr>\n");
}

/// For each unit, whether it opens a paragraph not seen before on its side.
fn starts(units: &[BeadUnit], last: &mut Option<usize>) -> Vec<bool> {
    units
        .iter()
        .map_while(|u| u.para)
        .map(|p| {
            let new = *last != Some(p);
            *last = Some(p);
            new
        })
        .collect()
}

/// One side of bead `r` (the target when `target`) as a table cell.
fn side(h: &mut String, r: &BeadRecord, target: bool, starts: &[bool]) {
    let (lang, file, units) = if target {
        (r.tgt_lang, &r.tgt_file, &r.tgt)
    } else {
        (r.src_lang, &r.src_file, &r.src)
    };
    let marks = marks_of(r, target);
    let marks = marks.as_slice();
    let _ = write!(h, "<td class=\"text\" lang=\"{}\">", lang.tag());
    // Marks count characters of the units joined (a space between
    // non-Chinese units): each unit starts where the last one ended.
    let sep = usize::from(!lang.is_chinese());
    let mut offset = 0;
    if units.is_empty() {
        h.push_str("<span class=\"none\">no counterpart</span>");
    }
    for (i, unit) in units.iter().enumerate() {
        let u = &unit.text;
        let (line, para) = (unit.line, unit.para);
        let start = starts.get(i).copied().unwrap_or(false);
        let tip = match (line, para) {
            (Some(l), Some(p)) => format!("{file}, line {l}, paragraph {}", p + 1),
            (Some(l), None) => format!("{file}, line {l}"),
            _ => file.to_string(),
        };
        let _ = write!(
            h,
            "<div class=\"unit\"><span class=\"loc\" title=\"{}\">{}{}</span>{}</div>",
            escape(&tip),
            if start { "¶ " } else { "" },
            line.map(|l| format!("L{l}")).unwrap_or_default(),
            highlight(u, offset, marks),
        );
        offset += u.chars().count() + sep;
    }
    h.push_str("</td>");
}

/// Character ranges of one side that the bead's flags point at (an
/// unmatched clause, a mismatching number), sorted.
fn marks_of(r: &BeadRecord, target: bool) -> Vec<(usize, usize)> {
    let mut v: Vec<(usize, usize)> = r
        .flags
        .iter()
        .flat_map(|f| &f.marks)
        .filter(|m| m.target == target && m.start < m.end)
        .map(|m| (m.start, m.end))
        .collect();
    v.sort_unstable();
    v
}

/// `unit` escaped (control and bidi characters made visible), with the
/// characters inside `marks` (ranges of the
/// side's joined text; the unit starts at character `offset`) wrapped in
/// `<mark>`. Overlapping ranges are merged.
fn highlight(unit: &str, offset: usize, marks: &[(usize, usize)]) -> String {
    let inside = |i: usize| {
        marks
            .iter()
            .any(|&(a, b)| a <= offset + i && offset + i < b)
    };
    let mut out = String::new();
    let mut run = String::new();
    let mut open = false;
    let shown = |run: &str| escape(super::visible::visible(run)).into_owned();
    for (i, c) in unit.chars().enumerate() {
        if inside(i) != open {
            out.push_str(&shown(&run));
            run.clear();
            out.push_str(if open { "</mark>" } else { "<mark>" });
            open = !open;
        }
        run.push(c);
    }
    out.push_str(&shown(&run));
    if open {
        out.push_str("</mark>");
    }
    out
}

fn severity_name(s: crate::record::Severity) -> &'static str {
    match s {
        crate::record::Severity::Info => "info",
        crate::record::Severity::Warning => "warning",
        crate::record::Severity::Error => "error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::tests::sample;

    #[test]
    fn flagged_evidence_is_highlighted_in_its_unit() {
        // "AB" + " " + "C<D": characters 1..4 of the joined side are B, the
        // space and C.
        assert_eq!(highlight("AB", 0, &[(1, 4)]), "A<mark>B</mark>");
        assert_eq!(highlight("C<D", 3, &[(1, 4)]), "<mark>C</mark>&lt;D");
        assert_eq!(highlight("C<D", 3, &[]), "C&lt;D");
    }

    #[test]
    fn one_row_per_bead_with_markers() {
        let page = render(&sample());
        assert_eq!(page.matches("<tr class=\"bead").count(), 3);
        assert_eq!(page.matches("<tr class=\"bead flagged").count(), 2);
        assert!(page.contains("class=\"bead flagged sev-error low para-start\" id=\"b1\""));
    }

    #[test]
    fn source_markup_shows_as_text() {
        let page = render(&sample());
        assert!(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
        assert_eq!(
            page.matches("<script>").count(),
            1,
            "only the page's own script"
        );
        assert!(page.contains("A &lt;b&gt;bold&lt;/b&gt;"));
    }

    #[test]
    fn empty_alignment_still_renders() {
        let page = render(&[]);
        assert!(page.contains("no beads") && page.ends_with("</html>\n"));
    }
}
