//! Bytes to text: takes a file's raw bytes, gives the decoded text and the
//! name of the encoding used, or a clear error for binary and undecodable
//! input.
//!
//! Order of evidence: byte-order mark (UTF-8, UTF-16LE/BE) → strict UTF-8 →
//! BOM-less UTF-16 (NUL-byte pattern) → binary check → UTF-8 with a few bad
//! bytes (decoded with U+FFFD in their place, offsets reported) → chardetng
//! guess (GBK/GB18030, Big5, Shift_JIS, windows-1252…) decoded with
//! encoding_rs. Legacy-encoding detection is kept for text that is not
//! UTF-8: one stray byte in a UTF-8 file must not turn it into mojibake.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

/// Text decoded from bytes, and the encoding that was used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The decoded text (without any byte-order mark).
    pub text: String,
    /// Name of the encoding (`UTF-8`, `UTF-16LE`, `GBK`, `Big5`…).
    pub encoding: &'static str,
    /// Byte offsets of invalid sequences replaced by U+FFFD (UTF-8 only;
    /// empty for a clean file).
    pub replaced: Vec<usize>,
}

/// Why bytes could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes look like a binary file; the string says what gave it away.
    Binary(String),
    /// No encoding decodes the bytes cleanly; the string says why.
    Undecodable(String),
}

/// How many bytes the sniffers look at (the whole file is still decoded).
const SNIFF: usize = 64 * 1024;
/// Largest share of replacement characters tolerated in a decoded text.
const MAX_REPLACEMENT_PER_MILLE: usize = 5;

/// Decodes `bytes`, detecting the encoding.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return decode_with(enc, &bytes[bom_len..]);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        reject_control_chars(text.as_bytes())?;
        return Ok(Decoded {
            text: text.to_string(),
            encoding: "UTF-8",
            replaced: Vec::new(),
        });
    }
    if let Some(enc) = sniff_utf16(bytes) {
        return decode_with(enc, bytes);
    }
    let head = &bytes[..bytes.len().min(SNIFF)];
    if let Some(pos) = head.iter().position(|&b| b == 0) {
        return Err(DecodeError::Binary(format!("NUL byte at offset {pos}")));
    }
    reject_control_chars(head)?;
    if let Some(d) = mostly_utf8(bytes) {
        return Ok(d);
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let enc = detector.guess(None, Utf8Detection::Allow);
    decode_with(enc, bytes)
}

/// Decodes with a known encoding and checks the result is clean enough.
fn decode_with(enc: &'static Encoding, bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let (text, _) = enc.decode_without_bom_handling(bytes);
    let total = text.chars().count().max(1);
    let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
    if bad * 1000 > total * MAX_REPLACEMENT_PER_MILLE {
        return Err(DecodeError::Undecodable(format!(
            "{bad} of {total} characters invalid as {}",
            enc.name()
        )));
    }
    if text.contains('\0') {
        return Err(DecodeError::Binary(format!(
            "NUL characters after decoding as {}",
            enc.name()
        )));
    }
    reject_control_chars(text.as_bytes())?;
    Ok(Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
        replaced: Vec::new(),
    })
}

/// Decodes bytes that are UTF-8 but for a few invalid sequences (a stray
/// byte, a character cut at the end): at least 20 valid multi-byte
/// characters per invalid sequence. Legacy encodings (GBK, Big5,
/// windows-1252) almost never form valid multi-byte UTF-8, so they fail
/// this test and go to detection.
fn mostly_utf8(bytes: &[u8]) -> Option<Decoded> {
    let mut text = String::with_capacity(bytes.len());
    let mut replaced = Vec::new();
    let mut multibyte = 0usize;
    let mut at = 0usize;
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        multibyte += valid.chars().filter(|c| !c.is_ascii()).count();
        text.push_str(valid);
        at += valid.len();
        if !chunk.invalid().is_empty() {
            replaced.push(at);
            text.push('\u{FFFD}');
            at += chunk.invalid().len();
        }
    }
    (multibyte > 0 && replaced.len() * 20 <= multibyte).then_some(Decoded {
        text,
        encoding: "UTF-8",
        replaced,
    })
}

/// Recognises BOM-less UTF-16 from the NUL bytes of ASCII characters: they
/// sit on odd offsets in little-endian text and on even ones in big-endian.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(SNIFF)];
    if head.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let pairs = head.len() / 2;
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    // At least a fifth of the code units are ASCII and the other half of
    // the pairs holds (almost) no NULs.
    if odd * 5 >= pairs && even * 50 <= pairs {
        Some(UTF_16LE)
    } else if even * 5 >= pairs && odd * 50 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Rejects text with many C0 control characters (other than tab, line
/// feed, form feed, carriage return and escape) in its first bytes.
fn reject_control_chars(bytes: &[u8]) -> Result<(), DecodeError> {
    let head = &bytes[..bytes.len().min(SNIFF)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B))
        .count();
    if controls > 0 && controls * 100 > head.len() {
        return Err(DecodeError::Binary(format!(
            "{controls} control bytes in the first {} bytes",
            head.len()
        )));
    }
    if let Some(pos) = head.iter().position(|&b| b == 0) {
        return Err(DecodeError::Binary(format!("NUL byte at offset {pos}")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_plain_and_with_bom() {
        let d = decode("亚信 CICA".as_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("亚信 CICA", "UTF-8"));
        let d = decode(b"\xEF\xBB\xBFhello").unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("hello", "UTF-8"));
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let text = "Asia 亚洲 security\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let mut le_bom = vec![0xFF, 0xFE];
        le_bom.extend(&le);
        let mut be_bom = vec![0xFE, 0xFF];
        be_bom.extend(&be);
        for (bytes, enc) in [
            (le_bom, "UTF-16LE"),
            (be_bom, "UTF-16BE"),
            (le, "UTF-16LE"),
            (be, "UTF-16BE"),
        ] {
            let d = decode(&bytes).unwrap();
            assert_eq!((d.text.as_str(), d.encoding), (text, enc));
        }
    }

    #[test]
    fn gbk_and_big5() {
        let zh = "亚洲相互协作与信任措施会议于一九九二年提出，成员国遍布亚洲各地区。";
        let (gbk, _, _) = encoding_rs::GBK.encode(zh);
        let d = decode(&gbk).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (zh, "GBK"));
        let hant = "亞洲相互協作與信任措施會議於一九九二年提出，成員國遍佈亞洲各地區。";
        let (big5, _, _) = encoding_rs::BIG5.encode(hant);
        let d = decode(&big5).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (hant, "Big5"));
    }

    #[test]
    fn utf8_with_a_bad_byte_or_a_cut_character_stays_utf8() {
        let zh = "亚洲相互协作与信任措施会议于一九九二年提出，成员国遍布亚洲各地区。";
        let mut bytes = zh.as_bytes().to_vec();
        bytes.insert(9, 0xFF);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.replaced, vec![9]);
        assert!(d.text.starts_with("亚洲相\u{FFFD}互协作"), "{}", d.text);
        let cut = &zh.as_bytes()[..zh.len() - 2];
        let d = decode(cut).unwrap();
        assert_eq!(
            (d.encoding, d.replaced.clone()),
            ("UTF-8", vec![zh.len() - 3])
        );
        assert!(d.text.ends_with("地区\u{FFFD}"), "{}", d.text);
    }

    #[test]
    fn legacy_text_is_not_taken_for_broken_utf8() {
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode("Café, naïve résumé — déjà vu.");
        let d = decode(&latin).unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.replaced.is_empty());
    }

    proptest::proptest! {
        /// A valid UTF-8 file without control characters decodes to
        /// exactly its own text.
        #[test]
        fn valid_utf8_is_never_changed(text in "[^\\x00-\\x08\\x0B\\x0E-\\x1F\\u{FEFF}]{0,300}") {
            let d = decode(text.as_bytes()).unwrap();
            proptest::prop_assert_eq!(d.text, text);
            proptest::prop_assert_eq!(d.encoding, "UTF-8");
        }
    }

    #[test]
    fn binary_is_rejected() {
        let bytes: Vec<u8> = (0u8..=255).cycle().take(4000).collect();
        assert!(matches!(decode(&bytes), Err(DecodeError::Binary(_))));
        assert!(matches!(
            decode(b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00"),
            Err(DecodeError::Binary(_))
        ));
    }
}
