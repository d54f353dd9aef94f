//! The one language decision: the language family of a text from its
//! script (Chinese or English), and for Chinese which script. Ingestion
//! uses it per paragraph to split documents by language; presplit input
//! per file.

use super::{is_han, is_traditional};
use crate::document::Lang;

/// Language family of a piece of text, from its script.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Script {
    /// Mostly Han characters (Chinese, either script).
    Han,
    /// Mostly Latin letters (English).
    Latin,
}

/// The script of `text`, or `None` when it has no Han or Latin letters.
///
/// One Han character carries about as much as two Latin letters of an
/// English word, so Latin acronyms inside Chinese ("CICA") and Chinese
/// names inside English do not flip the result.
pub fn script(text: &str) -> Option<Script> {
    let (mut han, mut latin) = (0usize, 0usize);
    for c in text.chars() {
        if is_han(c) {
            han += 1;
        } else if c.is_alphabetic() && (c.is_ascii() || ('\u{C0}'..='\u{24F}').contains(&c)) {
            latin += 1;
        }
    }
    match (han, latin) {
        (0, 0) => None,
        _ if han * 2 >= latin => Some(Script::Han),
        _ => Some(Script::Latin),
    }
}

/// The document language for a script and the document's whole text.
pub fn lang_of(script: Script, text: &str) -> Lang {
    match script {
        Script::Latin => Lang::En,
        Script::Han if is_traditional(text) => Lang::ZhHant,
        Script::Han => Lang::ZhHans,
    }
}

/// The language of `text`, or `None` when it has no Han or Latin letters
/// (see [`script`]).
pub fn detect(text: &str) -> Option<Lang> {
    script(text).map(|s| lang_of(s, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_and_names_do_not_flip() {
        assert_eq!(script("亚信会议(CICA)成立于1992年"), Some(Script::Han));
        assert_eq!(
            script("CICA was founded in 1992 (亚信会议)."),
            Some(Script::Latin)
        );
        assert_eq!(
            script("President Xi Jinping (习近平) spoke."),
            Some(Script::Latin)
        );
        assert_eq!(script("2019 — [1]"), None);
        assert_eq!(lang_of(Script::Han, "亞信會議"), Lang::ZhHant);
        assert_eq!(lang_of(Script::Han, "亚信会议"), Lang::ZhHans);
        assert_eq!(detect("CICA 亚信"), Some(Lang::ZhHans));
        assert_eq!(detect("1992."), None);
    }
}
