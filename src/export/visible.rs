//! Output for people never acts on the reader: takes text from the input,
//! gives it with control characters and bidirectional formatting
//! characters made visible, so an ESC/OSC sequence cannot drive a terminal
//! and a U+202E (right-to-left override) cannot reorder what a reviewer
//! sees in a terminal, a review page or a spreadsheet.
//!
//! C0 controls (but line feed and tab) and DEL become their Unicode
//! control pictures (`␛`, `␇`, `␡`…); C1 controls and bidi controls become
//! `<U+XXXX>`. JSONL and TMX keep the original text.

use std::borrow::Cow;
use std::io::{self, Write};

/// True for the characters [`visible`] replaces.
fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with control and bidi formatting characters made visible.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            c if !is_hidden(c) => out.push(c),
            '\u{0}'..='\u{1F}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}')),
            '\u{7F}' => out.push('\u{2421}'),
            c => out.push_str(&format!("<U+{:04X}>", c as u32)),
        }
    }
    Cow::Owned(out)
}

/// A writer that passes UTF-8 text through [`visible`] (for terminal
/// output). A character split across two writes is held back until it is
/// complete; bytes that are not UTF-8 pass unchanged.
pub struct VisibleWriter<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> VisibleWriter<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Self {
        VisibleWriter {
            inner,
            pending: Vec::new(),
        }
    }
}

impl<W: Write> Write for VisibleWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        let mut done = 0;
        let pending = std::mem::take(&mut self.pending);
        let mut chunks = pending.utf8_chunks().peekable();
        while let Some(chunk) = chunks.next() {
            self.inner.write_all(visible(chunk.valid()).as_bytes())?;
            done += chunk.valid().len();
            let bad = chunk.invalid();
            // An incomplete character at the very end waits for the next
            // write.
            if chunks.peek().is_none()
                && !bad.is_empty()
                && done + bad.len() == pending.len()
                && bad.len() < 4
            {
                break;
            }
            self.inner.write_all(bad)?;
            done += bad.len();
        }
        self.pending = pending[done..].to_vec();
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let rest = std::mem::take(&mut self.pending);
        self.inner.write_all(&rest)?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for VisibleWriter<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escapes_and_bidi_controls_are_shown_not_acted_on() {
        assert_eq!(
            visible("a\u{1b}]0;pwned\u{7}b\u{1b}[2Jc"),
            "a\u{241B}]0;pwned\u{2407}b\u{241B}[2Jc"
        );
        assert_eq!(visible("abc\u{202E}fdp.exe"), "abc<U+202E>fdp.exe");
        assert_eq!(
            visible("x\u{9B}31m \u{2066}y\u{2069}"),
            "x<U+009B>31m <U+2066>y<U+2069>"
        );
        assert!(matches!(visible("亚信 CICA\tline\n"), Cow::Borrowed(_)));
    }

    proptest! {
        /// Writing in any pieces gives what `visible` gives for the whole.
        #[test]
        fn writer_agrees_with_visible(text in "(\\PC|\u{1b}|\u{202E}|\u{9b}|\n){0,40}", cut in 0usize..200) {
            let bytes = text.as_bytes();
            let cut = cut.min(bytes.len());
            let mut out = Vec::new();
            {
                let mut w = VisibleWriter::new(&mut out);
                w.write_all(&bytes[..cut]).unwrap();
                w.write_all(&bytes[cut..]).unwrap();
            }
            prop_assert_eq!(String::from_utf8(out).unwrap(), visible(&text).into_owned());
        }
    }
}
