//! English number vocabulary: number words (seven, twenty-six, hundred,
//! million), ordinal words (second, forty-seventh) and month names.

/// What an English number word contributes to a number phrase.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Word {
    /// zero … nineteen.
    Unit(u64),
    /// twenty … ninety.
    Tens(u64),
    /// hundred.
    Hundred,
    /// thousand, million, billion, trillion.
    Scale(f64),
}

/// The number word `w` (lowercase) is, if any.
pub(crate) fn number_word(w: &str) -> Option<Word> {
    const UNITS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(u) = UNITS.iter().position(|&x| x == w) {
        return Some(Word::Unit(u as u64));
    }
    if let Some(t) = TENS.iter().position(|&x| x == w) {
        return Some(Word::Tens(20 + 10 * t as u64));
    }
    Some(match w {
        "hundred" => Word::Hundred,
        "thousand" => Word::Scale(1e3),
        "million" => Word::Scale(1e6),
        "billion" => Word::Scale(1e9),
        "trillion" => Word::Scale(1e12),
        _ => return None,
    })
}

/// The rank an ordinal word (lowercase) states: "second" 2, "twentieth"
/// 20. Compounds ("forty-seventh") are handled by the caller.
pub(crate) fn ordinal_word(w: &str) -> Option<u64> {
    const ORD: [&str; 20] = [
        "zeroth",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
    ];
    const TENS: [&str; 8] = [
        "twentieth",
        "thirtieth",
        "fortieth",
        "fiftieth",
        "sixtieth",
        "seventieth",
        "eightieth",
        "ninetieth",
    ];
    if let Some(u) = ORD.iter().position(|&x| x == w) {
        return (u > 0).then_some(u as u64);
    }
    TENS.iter()
        .position(|&x| x == w)
        .map(|t| 20 + 10 * t as u64)
}

/// The month (1–12) a capitalized month name writes.
pub(crate) fn month(w: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    MONTHS
        .iter()
        .position(|&m| m == w)
        .or(match w {
            "Jan" => Some(0),
            "Feb" => Some(1),
            "Aug" => Some(7),
            "Sep" | "Sept" => Some(8),
            "Oct" => Some(9),
            "Nov" => Some(10),
            "Dec" => Some(11),
            _ => None,
        })
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary() {
        assert_eq!(number_word("seven"), Some(Word::Unit(7)));
        assert_eq!(number_word("forty"), Some(Word::Tens(40)));
        assert_eq!(number_word("million"), Some(Word::Scale(1e6)));
        assert_eq!(number_word("millions"), None);
        assert_eq!(ordinal_word("sixth"), Some(6));
        assert_eq!(ordinal_word("first"), Some(1));
        assert_eq!(ordinal_word("twentieth"), Some(20));
        assert_eq!(month("May"), Some(5));
        assert_eq!(month("may"), None);
    }
}
