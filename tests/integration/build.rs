//! End-to-end tests: `bitext build`.
