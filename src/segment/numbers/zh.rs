//! Chinese numerals: takes a run of numeral characters (二十五, 一九九二,
//! 两千, 三万五千), gives its value, or nothing when the run is not a
//! well-formed number (三四, 千千万万).

/// True for a character that can be part of a Chinese numeral.
pub(crate) fn is_numeral(c: char) -> bool {
    digit(c).is_some() || unit(c).is_some() || matches!(c, '万' | '萬' | '亿' | '億')
}

/// The digit a character writes (〇 and 零 are 0, 两 is 2).
pub(crate) fn digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' | '兩' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// The in-section unit a character writes (十, 百, 千).
fn unit(c: char) -> Option<u64> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        _ => return None,
    })
}

/// How a run of numerals is written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Form {
    /// One character (五, 十).
    Single,
    /// Digits read one by one (一九九二, 二〇一四).
    DigitString,
    /// Digits with units (二十五, 三万五千).
    Positional,
}

/// Parses a run of numeral characters. `None` when the run is not a
/// well-formed number: two digits without a unit (三四 "three or four"),
/// units out of order (千千万万), or a run starting with a big unit (万一).
pub(crate) fn parse(run: &[char]) -> Option<(f64, Form)> {
    let first = *run.first()?;
    if run.len() == 1 {
        // 百 and 千 alone are words (百年变局, 千方百计), not numbers.
        let v = digit(first)
            .map(f64::from)
            .or((first == '十').then_some(10.0))?;
        return (first != '〇' && first != '零').then_some((v, Form::Single));
    }
    if run.iter().all(|&c| digit(c).is_some()) {
        if run.contains(&'两') || run.contains(&'兩') || run.len() < 3 {
            return None;
        }
        let mut v = 0u64;
        for &c in run {
            v = v * 10 + u64::from(digit(c)?);
        }
        return Some((v as f64, Form::DigitString));
    }
    positional(run).map(|v| (v as f64, Form::Positional))
}

/// Value of a numeral with units (十, 百, 千, 万, 亿).
fn positional(run: &[char]) -> Option<u64> {
    if matches!(
        run[0],
        '百' | '千' | '万' | '萬' | '亿' | '億' | '〇' | '零'
    ) {
        return None;
    }
    let (mut total, mut wan, mut section) = (0u64, 0u64, 0u64);
    let mut cur: Option<u64> = None;
    let mut last_unit = u64::MAX; // units within a section must fall
    let mut after_zero = false;
    for &c in run {
        if let Some(d) = digit(c) {
            if d == 0 {
                after_zero = true;
                continue;
            }
            if cur.is_some() {
                return None; // two digits in a row: 五六十
            }
            if c == '两' && (after_zero || section > 0) {
                return None;
            }
            cur = Some(u64::from(d));
        } else if let Some(u) = unit(c) {
            if u >= last_unit {
                return None;
            }
            section += cur.take().unwrap_or(1) * u;
            last_unit = u;
            after_zero = false;
        } else if matches!(c, '万' | '萬') {
            let part = section + cur.take().unwrap_or(0);
            if part == 0 || wan > 0 {
                return None;
            }
            wan = part * 10_000;
            section = 0;
            last_unit = u64::MAX;
        } else if matches!(c, '亿' | '億') {
            let part = wan + section + cur.take().unwrap_or(0);
            if part == 0 {
                return None;
            }
            total = total.checked_add(part)?.checked_mul(100_000_000)?;
            wan = 0;
            section = 0;
            last_unit = u64::MAX;
        } else {
            return None;
        }
    }
    Some(total + wan + section + cur.unwrap_or(0))
}

/// The multiplier of a scale character written after a number (1.5亿).
pub(crate) fn scale(c: char) -> Option<f64> {
    Some(match c {
        '万' | '萬' => 1e4,
        '亿' | '億' => 1e8,
        '千' => 1e3,
        '百' => 1e2,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn val(s: &str) -> Option<f64> {
        parse(&s.chars().collect::<Vec<_>>()).map(|(v, _)| v)
    }

    #[test]
    fn positional_numerals() {
        assert_eq!(val("二十五"), Some(25.0));
        assert_eq!(val("十五"), Some(15.0));
        assert_eq!(val("四十七"), Some(47.0));
        assert_eq!(val("两千"), Some(2000.0));
        assert_eq!(val("三万五千"), Some(35000.0));
        assert_eq!(val("一百零五"), Some(105.0));
        assert_eq!(val("一万亿"), Some(1e12));
        assert_eq!(val("十二亿三千万"), Some(1_230_000_000.0));
    }

    #[test]
    fn digit_strings() {
        assert_eq!(val("一九九二"), Some(1992.0));
        assert_eq!(val("二〇一四"), Some(2014.0));
        assert_eq!(val("三四"), None);
        assert_eq!(val("一一"), None);
    }

    #[test]
    fn malformed_runs() {
        assert_eq!(val("千千万万"), None);
        assert_eq!(val("万一"), None);
        assert_eq!(val("五六十"), None);
        assert_eq!(val("千万"), None);
    }
}
