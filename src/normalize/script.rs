//! Script facts: Han or not, Traditional or Simplified.

use ferrous_opencc::{config::BuiltinConfig, OpenCC};
use std::sync::OnceLock;

fn t2s() -> &'static OpenCC {
    static T2S: OnceLock<OpenCC> = OnceLock::new();
    T2S.get_or_init(|| {
        // The configuration is compiled into the crate; failing to load it is
        // a build defect, not a user error.
        OpenCC::from_config(BuiltinConfig::T2s).expect("embedded OpenCC t2s tables")
    })
}

/// Characters OpenCC's `t2s` phrase table changes although their own
/// single-character entry maps them to themselves (e.g. 乾 in 乾燥, 瞭 in
/// 瞭解). Found by comparing `TSPhrases.txt` with `TSCharacters.txt` of
/// ferrous-opencc 0.4.0; every other changed character is found by probing.
#[cfg(test)]
const PHRASE_ONLY: &[char] = &['么', '俱', '彷', '沈', '牴', '瞭', '藉', '衹', '覆'];

/// The Han characters `t2s` can change (written by
/// `tests::the_shipped_changeable_set_is_what_t2s_changes` from OpenCC's
/// tables as shipped in ferrous-opencc; Apache-2.0 data). Probing the
/// converter with every Han character at startup took ~13 ms.
static CHANGEABLE: &str = include_str!("t2s-changeable.txt");

/// The Han characters `t2s` can change, as a bit set over code points: a
/// text holding none of them converts to itself, so conversion is skipped.
#[derive(PartialEq)]
struct Changeable {
    bits: Vec<u64>,
}

impl Changeable {
    fn new() -> Changeable {
        Changeable {
            bits: vec![0; (0x3134F >> 6) + 1],
        }
    }

    /// The set shipped in [`CHANGEABLE`].
    fn shipped() -> Changeable {
        let mut set = Changeable::new();
        CHANGEABLE
            .chars()
            .filter(|c| !c.is_whitespace())
            .for_each(|c| set.insert(c));
        set
    }

    /// The set probed from the converter: every Han character that
    /// converts to something else on its own, and [`PHRASE_ONLY`].
    #[cfg(test)]
    fn build(t2s: &OpenCC) -> Changeable {
        let ranges = [
            0x3400u32..=0x4DBF,
            0x4E00..=0x9FFF,
            0xF900..=0xFAFF,
            0x20000..=0x2A6DF,
            0x2A700..=0x2EBEF,
            0x30000..=0x3134F,
        ];
        // One conversion call over every Han character, each on its own
        // line so no phrase spans two of them.
        let mut probe = String::with_capacity(400_000);
        for c in ranges.iter().cloned().flatten().filter_map(char::from_u32) {
            probe.push(c);
            probe.push('\n');
        }
        let converted = t2s.convert(&probe);
        let mut set = Changeable::new();
        for (a, b) in probe.lines().zip(converted.lines()) {
            if a != b {
                a.chars().for_each(|c| set.insert(c));
            }
        }
        PHRASE_ONLY.iter().for_each(|&c| set.insert(c));
        set
    }

    /// The characters of the set, 40 a line.
    #[cfg(test)]
    fn listing(&self) -> String {
        let chars: Vec<char> = (0..self.bits.len() * 64)
            .filter_map(|i| char::from_u32(i as u32))
            .filter(|&c| self.contains(c))
            .collect();
        let mut out = String::new();
        for line in chars.chunks(40) {
            out.extend(line);
            out.push('\n');
        }
        out
    }

    fn insert(&mut self, c: char) {
        let i = c as usize;
        if let Some(w) = self.bits.get_mut(i >> 6) {
            *w |= 1 << (i & 63);
        }
    }

    fn contains(&self, c: char) -> bool {
        let i = c as usize;
        self.bits
            .get(i >> 6)
            .is_some_and(|w| w & (1 << (i & 63)) != 0)
    }
}

fn changeable() -> &'static Changeable {
    static SET: OnceLock<Changeable> = OnceLock::new();
    SET.get_or_init(Changeable::shipped)
}

/// True when `text` holds a character that `t2s` may change; when false,
/// [`to_simplified`] returns `text` as it is.
pub fn has_traditional(text: &str) -> bool {
    // Han characters are 3 or 4 bytes in UTF-8: ASCII-only text has none.
    if text.is_ascii() {
        return false;
    }
    let set = changeable();
    text.chars().any(|c| c as u32 >= 0x3400 && set.contains(c))
}

/// Converts Traditional Chinese to Simplified (OpenCC `t2s`). Other text
/// passes through unchanged, without running the converter.
pub fn to_simplified(text: &str) -> String {
    simplify_runs(text).unwrap_or_else(|| text.to_string())
}

/// `t2s` applied only to the runs of Han characters that hold a character
/// it may change; `None` when nothing changes. Every `t2s` dictionary key is
/// made of Han characters only, so converting run by run gives what
/// converting the whole text gives. Each converted run keeps its character
/// count (a run whose phrase conversion would not is converted character by
/// character), so character positions are kept.
pub(crate) fn simplify_runs(text: &str) -> Option<String> {
    if !has_traditional(text) {
        return None;
    }
    let set = changeable();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0; // bytes of `text` already in `out`
    let mut changed = false;
    let mut run_start: Option<usize> = None;
    let mut run_needs = false;
    let mut flush = |out: &mut String, copied: &mut usize, start: usize, end: usize| {
        out.push_str(&text[*copied..start]);
        let run = &text[start..end];
        let conv = convert_run(run);
        changed |= conv != run;
        out.push_str(&conv);
        *copied = end;
    };
    for (pos, c) in text.char_indices() {
        if is_han(c) {
            if run_start.is_none() {
                run_start = Some(pos);
                run_needs = false;
            }
            run_needs |= c as u32 >= 0x3400 && set.contains(c);
        } else if let Some(start) = run_start.take() {
            if run_needs {
                flush(&mut out, &mut copied, start, pos);
            }
        }
    }
    if let Some(start) = run_start {
        if run_needs {
            flush(&mut out, &mut copied, start, text.len());
        }
    }
    out.push_str(&text[copied..]);
    changed.then_some(out)
}

/// `t2s` on one Han run, keeping its character count.
fn convert_run(run: &str) -> String {
    let conv = t2s().convert(run);
    if conv.chars().count() == run.chars().count() {
        return conv;
    }
    run.chars()
        .map(|c| {
            let one = t2s().convert(c.encode_utf8(&mut [0u8; 4]));
            let mut it = one.chars();
            match (it.next(), it.next()) {
                (Some(s), None) => s,
                _ => c,
            }
        })
        .collect()
}

/// [`to_simplified`] through OpenCC on every input, without the
/// character pre-check (the reference the tests compare with).
#[cfg(test)]
fn to_simplified_unchecked(text: &str) -> String {
    t2s().convert(text)
}

/// True for a CJK ideograph (Han character), including extension blocks and
/// compatibility ideographs.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF |
        0x20000..=0x2A6DF | 0x2A700..=0x2EBEF | 0x30000..=0x3134F | 0x3007)
}

/// Share of Han characters among the letters (Han + alphabetic) of `text`;
/// 0.0 when there are none.
pub fn han_ratio(text: &str) -> f64 {
    let (mut han, mut letters) = (0usize, 0usize);
    for c in text.chars() {
        if is_han(c) {
            han += 1;
            letters += 1;
        } else if c.is_alphabetic() {
            letters += 1;
        }
    }
    if letters == 0 {
        0.0
    } else {
        han as f64 / letters as f64
    }
}

/// True when `text` reads as Traditional Chinese: enough of its Han
/// characters change under `t2s`.
pub fn is_traditional(text: &str) -> bool {
    if !has_traditional(text) {
        return false;
    }
    let simplified = to_simplified(text);
    let (mut han, mut changed) = (0usize, 0usize);
    for (a, b) in text.chars().zip(simplified.chars()) {
        if is_han(a) {
            han += 1;
            if a != b {
                changed += 1;
            }
        }
    }
    han > 0 && changed * 20 >= han // 5% of Han characters or more
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shipped set is what the converter changes; when ferrous-opencc's
    /// tables change, this writes the new listing to regenerate it from.
    #[test]
    fn the_shipped_changeable_set_is_what_t2s_changes() {
        let probed = Changeable::build(t2s());
        if Changeable::shipped() != probed {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/target/t2s-changeable.txt");
            std::fs::write(path, probed.listing()).expect("write the listing");
            panic!("src/normalize/t2s-changeable.txt is stale: the probed set is in {path}");
        }
    }

    #[test]
    fn precheck_agrees_with_opencc() {
        let samples = [
            "亞洲相互協作與信任措施會議(CICA),簡稱亞信會議。",
            "亚洲相互协作与信任措施会议创立于 1992 年。",
            "乾燥的天氣", // phrase-only change
            "瞭解情況，藉此機會",
            "覆蓋", // phrase-only
            "鐘錶與彈道飛彈「於」",
            "plain ASCII text",
            "什么是反覆，与时俱进。國內 and 乾坤、乾燥",
        ];
        for s in samples {
            assert_eq!(to_simplified(s), to_simplified_unchecked(s), "{s}");
            assert_eq!(
                simplify_runs(s).unwrap_or_else(|| s.to_string()),
                to_simplified_unchecked(s)
            );
        }
        assert!(!has_traditional("亚洲相互协作与信任措施会议"));
        assert!(has_traditional("亞信"));
        assert!(has_traditional("乾燥"));
    }

    #[test]
    fn precheck_on_corpus_matches_full_conversion() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let Ok(text) = std::fs::read_to_string(e.path()) else {
                continue;
            };
            for line in text.lines() {
                assert_eq!(to_simplified(line), to_simplified_unchecked(line));
            }
        }
    }
}
