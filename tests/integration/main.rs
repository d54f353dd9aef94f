//! End-to-end tests of the `bitext` command line: one test binary, one
//! module per area.

mod util;

mod align;
mod build;
mod check;
mod hostile;
mod ingest;
mod modules;
mod review;
mod segment;
mod stream;
mod terms;
