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

/// Converts Traditional Chinese to Simplified (OpenCC `t2s`). Other text
/// passes through unchanged.
pub fn to_simplified(text: &str) -> String {
    if !text.chars().any(is_han) {
        return text.to_string();
    }
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
