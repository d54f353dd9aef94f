//! End-to-end tests: `bitext terms`.
