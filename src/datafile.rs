//! Reading the UTF-8 data files bitext takes besides reports (presplit
//! sentence files, JSONL alignments, glossaries, manifests). Reports go
//! through [`crate::ingest`], which detects their encoding; data files must
//! be UTF-8, and every error names the file.

use crate::error::{Error, Result};
use std::path::Path;

/// Largest input file read, in bytes (64 MiB): far above any report, and
/// it keeps memory and time bounded on a stray disk image or log.
pub const MAX_INPUT_BYTES: u64 = 64 << 20;

/// The bytes of `path`, a regular file (or a symlink to one) of at most
/// [`MAX_INPUT_BYTES`]. A folder, FIFO, socket or device is refused before
/// it is opened, so reading never blocks on a pipe or runs through
/// `/dev/zero`; a dangling or looping symlink is named as such.
pub fn read_regular(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let (file, len) = open_regular(path)?;
    let too_big = |len: u64| Error::Refused {
        path: path.to_path_buf(),
        why: format!(
            "{len} bytes or more, above the input limit of {MAX_INPUT_BYTES} bytes (64 MiB)"
        ),
    };
    if len > MAX_INPUT_BYTES {
        return Err(too_big(len));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Opens `path` for reading if it is a regular file (or a symlink to
/// one), checked before opening so a FIFO never blocks; gives the file and
/// its length.
pub fn open_regular(path: &Path) -> Result<(std::fs::File, u64)> {
    let refused = |why: String| Error::Refused {
        path: path.to_path_buf(),
        why,
    };
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            return Err(match std::fs::symlink_metadata(path) {
                Ok(l) if l.file_type().is_symlink() => {
                    refused(format!("a symbolic link whose target cannot be read ({e})"))
                }
                _ => io(e),
            })
        }
    };
    if !meta.is_file() {
        return Err(refused(format!("{}, not a regular file", file_kind(&meta))));
    }
    let file = std::fs::File::open(path).map_err(io)?;
    Ok((file, meta.len()))
}

/// What kind of file system entry `meta` describes, for messages.
pub fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        } else if t.is_socket() {
            return "a socket";
        } else if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    if t.is_dir() {
        "a folder"
    } else if t.is_file() {
        "a file"
    } else if t.is_symlink() {
        "a symbolic link"
    } else {
        "a special file"
    }
}

/// Reads `path` as UTF-8 text; `what` names the kind of file in the error
/// ("JSONL", "glossary", …).
pub fn read_utf8(path: &Path, what: &str) -> Result<String> {
    let bytes = read_regular(path)?;
    String::from_utf8(bytes).map_err(|e| Error::Encoding {
        path: path.to_path_buf(),
        why: format!("{what} must be UTF-8 ({e})"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_file_and_the_kind() {
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("g.tsv");
        std::fs::write(&bad, b"\xff\xfe\xfd").unwrap();
        let e = read_utf8(&bad, "glossary").unwrap_err().to_string();
        assert!(
            e.contains("g.tsv") && e.contains("glossary must be UTF-8"),
            "{e}"
        );
        let e = read_utf8(&dir.path().join("none"), "JSONL").unwrap_err();
        assert!(e.to_string().contains("none: cannot read"), "{e}");
        std::fs::write(&bad, "信任措施\tconfidence building measures\n").unwrap();
        assert!(read_utf8(&bad, "glossary").unwrap().starts_with("信任措施"));
    }
}
