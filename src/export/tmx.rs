//! TMX 1.4b, written with quick-xml's event writer (never string-joined).
//!
//! Layout, in the element order the DTD requires:
//!
//! ```text
//! <tmx version="1.4">
//!   <header creationtool=… segtype="sentence|paragraph" srclang="zh-CN" …>
//!     <prop type="x-pair">…</prop>
//!   </header>
//!   <body>
//!     <tu tuid="pair/bead">
//!       <prop type="x-type">1-2</prop> x-score, x-review (when reviewed),
//!       x-flag (one per flag)
//!       <tuv xml:lang="zh-CN"> <prop type="x-file">, x-line, <seg>…</seg> </tuv>
//!       <tuv xml:lang="en"> … </tuv>
//!     </tu>
//! ```
//!
//! A translation memory holds translations only, so beads with an empty
//! side (1-0, 0-1) are left out of the TMX; JSONL, TSV and the review page
//! keep them. No timestamps: the same records give the same bytes.
//! Characters XML forbids are removed; `&`, `<`, `>`, quotes and carriage
//! returns are escaped.

use super::{fmt_lines, fmt_score, xml_safe};
use crate::document::Lang;
use crate::record::{lines, BeadRecord, Level};
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use std::io::Write;

/// The `o-tmf` header value: the format the units came from.
pub const ORIGINAL_FORMAT: &str = "bitext-jsonl";

/// Records that become translation units: both sides non-empty.
pub fn exported(records: &[BeadRecord]) -> impl Iterator<Item = &BeadRecord> {
    records.iter().filter(|r| r.is_aligned())
}

/// Writes a TMX 1.4b document holding every aligned record.
pub fn write<W: Write>(out: W, records: &[BeadRecord]) -> std::io::Result<()> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.write_event(Event::Start(
        BytesStart::new("tmx").with_attributes([("version", "1.4")]),
    ))?;
    write_header(&mut w, records)?;
    w.write_event(Event::Start(BytesStart::new("body")))?;
    for r in exported(records) {
        write_unit(&mut w, r)?;
    }
    w.write_event(Event::End(BytesEnd::new("body")))?;
    w.write_event(Event::End(BytesEnd::new("tmx")))?;
    let mut out = w.into_inner();
    out.write_all(b"\n")?;
    out.flush()
}

fn write_header<W: Write>(w: &mut Writer<W>, records: &[BeadRecord]) -> std::io::Result<()> {
    let srclang = common(records, |r| r.src_lang)
        .map(Lang::tmx_tag)
        .unwrap_or("*all*");
    let segtype = match common(records, |r| r.level) {
        Some(Level::Sentence) => "sentence",
        Some(Level::Paragraph) => "paragraph",
        None => "block",
    };
    let pair = common(records, |r| r.pair.as_str()).filter(|p| !p.is_empty());
    let header = BytesStart::new("header").with_attributes([
        ("creationtool", "bitext"),
        ("creationtoolversion", env!("CARGO_PKG_VERSION")),
        ("segtype", segtype),
        ("o-tmf", ORIGINAL_FORMAT),
        ("adminlang", "en"),
        ("srclang", srclang),
        ("datatype", "plaintext"),
    ]);
    match pair {
        Some(pair) => {
            w.write_event(Event::Start(header))?;
            prop(w, "x-pair", pair)?;
            w.write_event(Event::End(BytesEnd::new("header")))
        }
        None => w.write_event(Event::Empty(header)),
    }
}

fn write_unit<W: Write>(w: &mut Writer<W>, r: &BeadRecord) -> std::io::Result<()> {
    let tuid = if r.pair.is_empty() {
        r.bead.to_string()
    } else {
        format!("{}/{}", r.pair, r.bead)
    };
    w.write_event(Event::Start(
        BytesStart::new("tu").with_attributes([("tuid", xml_safe(&tuid).as_ref())]),
    ))?;
    prop(w, "x-type", &r.shape.to_string())?;
    prop(w, "x-score", &fmt_score(r.score))?;
    if let Some(status) = r.review_status() {
        prop(w, "x-review", status.as_str())?;
    }
    for f in &r.flags {
        prop(
            w,
            "x-flag",
            &format!("{} {}: {}", f.kind, severity(f), f.reason),
        )?;
    }
    write_variant(w, r.src_lang, &r.src_file, &lines(&r.src), &r.src_text())?;
    write_variant(w, r.tgt_lang, &r.tgt_file, &lines(&r.tgt), &r.tgt_text())?;
    w.write_event(Event::End(BytesEnd::new("tu")))
}

fn write_variant<W: Write>(
    w: &mut Writer<W>,
    lang: Lang,
    file: &str,
    lines: &[usize],
    text: &str,
) -> std::io::Result<()> {
    w.write_event(Event::Start(
        BytesStart::new("tuv").with_attributes([("xml:lang", lang.tmx_tag())]),
    ))?;
    if !file.is_empty() {
        prop(w, "x-file", file)?;
    }
    if !lines.is_empty() {
        prop(w, "x-line", &fmt_lines(lines))?;
    }
    w.create_element("seg")
        .write_text_content(BytesText::new(&xml_safe(text)))?;
    w.write_event(Event::End(BytesEnd::new("tuv")))
}

fn prop<W: Write>(w: &mut Writer<W>, kind: &str, value: &str) -> std::io::Result<()> {
    w.create_element("prop")
        .with_attribute(("type", kind))
        .write_text_content(BytesText::new(&xml_safe(value)))?;
    Ok(())
}

fn severity(f: &crate::record::Flag) -> &'static str {
    match f.severity {
        crate::record::Severity::Info => "(info)",
        crate::record::Severity::Warning => "(warning)",
        crate::record::Severity::Error => "(error)",
    }
}

/// The value `key` gives for every record, when they all agree.
fn common<'a, T: PartialEq>(
    records: &'a [BeadRecord],
    key: impl Fn(&'a BeadRecord) -> T,
) -> Option<T> {
    let mut it = records.iter().map(key);
    let first = it.next()?;
    it.all(|v| v == first).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::tests::sample;
    use proptest::prelude::*;
    use quick_xml::events::Event;
    use quick_xml::Reader;

    fn render(records: &[BeadRecord]) -> String {
        let mut buf = Vec::new();
        write(&mut buf, records).unwrap();
        String::from_utf8(buf).unwrap()
    }

    /// (lang, seg text) of every tuv, via quick-xml's reader.
    fn segs(xml: &str) -> Vec<(String, String)> {
        let mut rd = Reader::from_str(xml);
        let (mut out, mut lang, mut raw, mut in_seg) =
            (Vec::new(), String::new(), String::new(), false);
        loop {
            match rd.read_event().unwrap() {
                Event::Start(e) if e.name().as_ref() == "tuv" => {
                    let a = e.try_get_attribute("xml:lang").unwrap().unwrap();
                    lang = a.value.into_owned();
                }
                Event::Start(e) if e.name().as_ref() == "seg" => {
                    in_seg = true;
                    raw.clear();
                }
                Event::Text(t) if in_seg => raw.push_str(&t.xml10_content()),
                Event::GeneralRef(r) if in_seg => {
                    raw.push_str(&format!("&{};", &*r.xml10_content()))
                }
                Event::End(e) if e.name().as_ref() == "seg" => {
                    in_seg = false;
                    let text = quick_xml::escape::unescape(&raw).unwrap().into_owned();
                    out.push((lang.clone(), text));
                }
                Event::Eof => break,
                _ => {}
            }
        }
        out
    }

    #[test]
    fn header_has_every_required_attribute() {
        let xml = render(&sample());
        for attr in [
            "creationtool=\"bitext\"",
            "segtype=\"sentence\"",
            "o-tmf=\"bitext-jsonl\"",
            "adminlang=\"en\"",
            "srclang=\"zh-CN\"",
            "datatype=\"plaintext\"",
            "creationtoolversion=",
        ] {
            assert!(xml.contains(attr), "{attr} missing in\n{xml}");
        }
        assert!(!xml.contains("creationdate"));
    }

    #[test]
    fn segments_round_trip_and_unaligned_beads_are_left_out() {
        let recs = sample();
        let got = segs(&render(&recs));
        let want: Vec<(String, String)> = exported(&recs)
            .flat_map(|r| {
                [
                    ("zh-CN".to_string(), xml_safe(&r.src_text()).into_owned()),
                    ("en".to_string(), r.tgt_text()),
                ]
            })
            .collect();
        assert_eq!(got, want);
        assert_eq!(got.len(), 4, "the 0-1 bead is not a translation unit");
    }

    #[test]
    fn markup_is_escaped_and_controls_removed() {
        let xml = render(&sample());
        assert!(xml.contains("&lt;script&gt;"));
        assert!(!xml.contains("<script>"));
        assert!(!xml.contains('\u{1}'));
    }

    #[test]
    fn traditional_source_is_zh_tw() {
        let mut recs = sample();
        recs.iter_mut().for_each(|r| r.src_lang = Lang::ZhHant);
        let xml = render(&recs);
        assert!(xml.contains("srclang=\"zh-TW\"") && xml.contains("xml:lang=\"zh-TW\""));
    }

    #[test]
    fn mixed_input_gets_neutral_header() {
        let mut recs = sample();
        recs[0].level = Level::Paragraph;
        recs[1].src_lang = Lang::ZhHant;
        recs[1].pair = "q".into();
        let xml = render(&recs);
        assert!(xml.contains("segtype=\"block\"") && xml.contains("srclang=\"*all*\""));
        assert!(!xml.contains("x-pair"));
        assert!(render(&[]).contains("<body>") || render(&[]).contains("<body/>"));
    }

    proptest! {
        /// Any text survives the TMX writer and an XML parser, except the
        /// characters XML cannot carry; the document stays well-formed.
        #[test]
        fn any_text_round_trips(src in "\\PC{1,40}", tgt in any::<String>()) {
            prop_assume!(!src.trim().is_empty() && !tgt.trim().is_empty());
            let mut r = sample().remove(0);
            r.src = vec![src.into()];
            r.tgt = vec![tgt.into()];
            let got = segs(&render(std::slice::from_ref(&r)));
            prop_assert_eq!(got.len(), 2);
            prop_assert_eq!(&got[0].1, &xml_safe(&r.src_text()).into_owned());
            prop_assert_eq!(&got[1].1, &xml_safe(&r.tgt_text()).into_owned());
        }
    }
}
