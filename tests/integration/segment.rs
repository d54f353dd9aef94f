//! End-to-end tests: `bitext segment`.
