//! End-to-end tests: `bitext check`.
