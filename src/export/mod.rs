//! Export: JSONL, TSV, TMX 1.4b and the HTML review page, all from [`crate::record::BeadRecord`]s.
