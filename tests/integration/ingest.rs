//! End-to-end tests: `bitext ingest`.
