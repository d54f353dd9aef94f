//! End-to-end tests: `bitext align`.
