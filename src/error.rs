//! The library's error type. Every variant names the file it concerns, so a
//! message can be shown to users as it is.

use std::path::PathBuf;

/// Errors from reading and processing input.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The path could not be read (missing, a directory, no permission…).
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// The path is not something bitext reads (a folder, FIFO, device, a
    /// file above the size limit…).
    #[error("{path}: refused: {why}")]
    Refused {
        /// The path concerned.
        path: PathBuf,
        /// Why it is refused.
        why: String,
    },
    /// The file is empty or holds only whitespace.
    #[error("{path}: empty file")]
    Empty {
        /// The file concerned.
        path: PathBuf,
    },
    /// The file looks binary (NUL bytes, control characters).
    #[error("{path}: binary file ({why})")]
    Binary {
        /// The file concerned.
        path: PathBuf,
        /// What gave it away.
        why: String,
    },
    /// No supported encoding decodes the file cleanly.
    #[error("{path}: cannot decode: {why}")]
    Encoding {
        /// The file concerned.
        path: PathBuf,
        /// What went wrong.
        why: String,
    },
    /// The file decoded but holds no Chinese or English text.
    #[error("{path}: no Chinese or English text found")]
    NoText {
        /// The file concerned.
        path: PathBuf,
    },
    /// A data file (lexicon, glossary, alignment, gold) is malformed.
    #[error("{path}:{line}: {why}")]
    Parse {
        /// The file concerned.
        path: PathBuf,
        /// 1-based line (0 when unknown).
        line: usize,
        /// What is wrong.
        why: String,
    },
    /// Inputs that cannot be processed together (e.g. an alignment naming
    /// sentences that do not exist).
    #[error("{0}")]
    Invalid(String),
}

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
