//! The on-disk form of a [`BeadRecord`]: each side's units as flat
//! parallel lists (`src`, `src_idx`, `src_lines`, `src_para`, and the same
//! for `tgt`), in the field order and with the omissions JSONL has always
//! had. Index lists are absent or one per text; line and paragraph lists
//! may be partial (a prefix) in hand-made records.

use super::{shape, BeadRecord, BeadUnit, Flag, Level, Review, Shape};
use crate::document::Lang;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A record as read, before its unit lists are joined (see
/// [`Wire::into_record`]).
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Wire {
    #[serde(default)]
    pub(crate) pair: String,
    #[serde(default)]
    pub(crate) level: Level,
    #[serde(default)]
    pub(crate) bead: usize,
    #[serde(rename = "type", default, with = "shape::as_text")]
    pub(crate) shape: Shape,
    #[serde(default)]
    pub(crate) score: f32,
    pub(crate) src_lang: Lang,
    pub(crate) tgt_lang: Lang,
    pub(crate) src: Vec<String>,
    pub(crate) tgt: Vec<String>,
    #[serde(default)]
    pub(crate) src_idx: Vec<usize>,
    #[serde(default)]
    pub(crate) tgt_idx: Vec<usize>,
    #[serde(default)]
    pub(crate) src_file: String,
    #[serde(default)]
    pub(crate) tgt_file: String,
    #[serde(default)]
    pub(crate) src_lines: Vec<usize>,
    #[serde(default)]
    pub(crate) tgt_lines: Vec<usize>,
    #[serde(default)]
    pub(crate) src_para: Vec<usize>,
    #[serde(default)]
    pub(crate) tgt_para: Vec<usize>,
    #[serde(default)]
    pub(crate) flags: Vec<Flag>,
    #[serde(default)]
    pub(crate) review: Option<Review>,
}

impl Wire {
    /// The per-unit lists by field name, with whether they must have one
    /// entry per text (indices) or may be a prefix (lines, paragraphs).
    pub(crate) fn per_unit(&self) -> [(&'static str, &[usize], usize, bool); 6] {
        let (s, t) = (self.src.len(), self.tgt.len());
        [
            ("src_idx", &self.src_idx, s, true),
            ("tgt_idx", &self.tgt_idx, t, true),
            ("src_lines", &self.src_lines, s, false),
            ("tgt_lines", &self.tgt_lines, t, false),
            ("src_para", &self.src_para, s, false),
            ("tgt_para", &self.tgt_para, t, false),
        ]
    }

    /// Joins each side's lists into one list of units. An index list
    /// neither empty nor one per text is an error naming the field. Line
    /// and paragraph lists may be partial, as they always could; entries
    /// beyond the texts (hand-made records have them) name no unit and are
    /// not kept.
    pub(crate) fn into_record(self) -> Result<BeadRecord, String> {
        for (field, list, units, whole) in self.per_unit() {
            if whole && !list.is_empty() && list.len() != units {
                return Err(format!(
                    "`{field}` has {} entries for {units} texts",
                    list.len()
                ));
            }
        }
        let side = |texts: Vec<String>, idx: Vec<usize>, lines: Vec<usize>, para: Vec<usize>| {
            texts
                .into_iter()
                .enumerate()
                .map(|(i, text)| BeadUnit {
                    text,
                    idx: idx.get(i).copied(),
                    line: lines.get(i).copied(),
                    para: para.get(i).copied(),
                })
                .collect()
        };
        Ok(BeadRecord {
            pair: self.pair,
            level: self.level,
            bead: self.bead,
            shape: self.shape,
            score: self.score,
            src_lang: self.src_lang,
            tgt_lang: self.tgt_lang,
            src: side(self.src, self.src_idx, self.src_lines, self.src_para),
            tgt: side(self.tgt, self.tgt_idx, self.tgt_lines, self.tgt_para),
            src_file: self.src_file,
            tgt_file: self.tgt_file,
            flags: self.flags,
            review: self.review,
        })
    }
}

impl<'de> Deserialize<'de> for BeadRecord {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Wire::deserialize(d)?
            .into_record()
            .map_err(serde::de::Error::custom)
    }
}

/// One flat list of a side: the texts, or a provenance field up to the
/// first unit without it.
struct Column<'a>(&'a [BeadUnit], fn(&BeadUnit) -> Option<usize>);

impl Serialize for Column<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map_while(self.1))
    }
}

struct Texts<'a>(&'a [BeadUnit]);

impl Serialize for Texts<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|u| &u.text))
    }
}

struct AsText<'a>(&'a Shape);

impl Serialize for AsText<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        shape::as_text::serialize(self.0, s)
    }
}

impl Serialize for BeadRecord {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("BeadRecord", 19)?;
        st.serialize_field("pair", &self.pair)?;
        st.serialize_field("level", &self.level)?;
        st.serialize_field("bead", &self.bead)?;
        st.serialize_field("type", &AsText(&self.shape))?;
        st.serialize_field("score", &self.score)?;
        st.serialize_field("src_lang", &self.src_lang)?;
        st.serialize_field("tgt_lang", &self.tgt_lang)?;
        st.serialize_field("src", &Texts(&self.src))?;
        st.serialize_field("tgt", &Texts(&self.tgt))?;
        st.serialize_field("src_idx", &Column(&self.src, |u| u.idx))?;
        st.serialize_field("tgt_idx", &Column(&self.tgt, |u| u.idx))?;
        st.serialize_field("src_file", &self.src_file)?;
        st.serialize_field("tgt_file", &self.tgt_file)?;
        st.serialize_field("src_lines", &Column(&self.src, |u| u.line))?;
        st.serialize_field("tgt_lines", &Column(&self.tgt, |u| u.line))?;
        st.serialize_field("src_para", &Column(&self.src, |u| u.para))?;
        st.serialize_field("tgt_para", &Column(&self.tgt, |u| u.para))?;
        st.serialize_field("flags", &self.flags)?;
        match &self.review {
            Some(r) => st.serialize_field("review", r)?,
            None => st.skip_field("review")?,
        }
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_lists_write_back_byte_identical() {
        // Full provenance, a partial line list, no paragraphs, a review.
        for line in [
            r#"{"pair":"p","level":"sentence","bead":1,"type":"1-2","score":0.5,"src_lang":"zh-Hans","tgt_lang":"en","src":["甲。"],"tgt":["A.","B."],"src_idx":[4],"tgt_idx":[6,7],"src_file":"a.txt","tgt_file":"b.txt","src_lines":[9],"tgt_lines":[3,3],"src_para":[2],"tgt_para":[1,2],"flags":[]}"#,
            r#"{"pair":"","level":"paragraph","bead":0,"type":"2-0","score":0.0,"src_lang":"en","tgt_lang":"zh-Hant","src":["A.","B."],"tgt":[],"src_idx":[],"tgt_idx":[],"src_file":"","tgt_file":"","src_lines":[5],"tgt_lines":[],"src_para":[],"tgt_para":[],"flags":[],"review":{"status":"confirmed"}}"#,
        ] {
            let r: BeadRecord = serde_json::from_str(line).unwrap();
            assert_eq!(serde_json::to_string(&r).unwrap(), line);
        }
    }

    #[test]
    fn units_carry_their_provenance() {
        let line = r#"{"src_lang":"zh-Hans","tgt_lang":"en","src":["甲。","乙。"],"tgt":["A."],"src_idx":[4,5],"src_lines":[9]}"#;
        let r: BeadRecord = serde_json::from_str(line).unwrap();
        let first = BeadUnit {
            para: None,
            ..BeadUnit::at("甲。", 4, 9, 0)
        };
        assert_eq!(r.src[0], first);
        assert_eq!(r.src[1].idx, Some(5));
        assert_eq!(r.src[1].line, None);
        assert_eq!(r.tgt, [BeadUnit::text("A.")]);
        let bad = r#"{"src_lang":"en","tgt_lang":"en","src":["a"],"tgt":[],"src_idx":[1,2]}"#;
        let err = serde_json::from_str::<BeadRecord>(bad).unwrap_err();
        assert!(err
            .to_string()
            .contains("`src_idx` has 2 entries for 1 texts"));
        let long = r#"{"src_lang":"en","tgt_lang":"en","src":["a"],"tgt":[],"tgt_lines":[1]}"#;
        let r: BeadRecord = serde_json::from_str(long).unwrap();
        assert_eq!((r.src[0].line, r.tgt.len()), (None, 0));
    }
}
