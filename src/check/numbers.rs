//! Number mismatch: numbers, years, dates, percentages and ordinals stated
//! on one side and absent or different on the other.
//!
//! Takes the normalized [`Number`]s of both sides (so 二十五 = 25,
//! 第四十七届 = 47th, 2014年5月 = May 2014) and matches them leniently across
//! kinds, because the languages state the same fact differently: English
//! "in 1992" may be a plain cardinal where Chinese 1992年 is a year, and a
//! Chinese date 2014年5月 may face an English year and a separate month.
//! Small counts (ten and under) left over are ignored: they come and go
//! with wording (两国 "both countries", 一方面 "on the one hand").

use super::{Flag, FlagKind, Severity};
use crate::record::Mark;
use crate::segment::{Date, Number, NumberKind, Sentence, Value};

/// Leftover counts at or under this are wording, not facts.
const SMALL: f64 = 10.0;

/// Flags the numbers of `src` and `tgt` that find no counterpart.
pub fn check(src: &Sentence, tgt: &Sentence) -> Option<Flag> {
    let (left_src, left_tgt) = unmatched(&src.numbers, &tgt.numbers);
    let show = |s: &Sentence, idx: &[usize]| -> Vec<String> {
        idx.iter()
            .map(|&i| describe(&s.text, &s.numbers[i]))
            .collect()
    };
    // Firm numbers (digits, exact counts: 八十岁) are the hard facts;
    // estimates, ranges and bare numerals (二十几, 十八九岁, 茅十八) are
    // often idiom or approximation, so without a firm one the flag is info.
    // A small count spelled out (三天) stays wording-sized: firm only in
    // digits.
    let firm = |s: &Sentence, idx: &[usize]| {
        idx.iter().any(|&i| {
            let n = &s.numbers[i];
            n.firm && (matters(n) || in_digits(&s.text, n))
        })
    };
    let hard = firm(src, &left_src) || firm(tgt, &left_tgt);
    let (ls, lt) = (show(src, &left_src), show(tgt, &left_tgt));
    let (severity, reason) = match (ls.is_empty(), lt.is_empty()) {
        (true, true) => return None,
        (false, false) => (
            Severity::Error,
            format!(
                "source states {} where target states {}",
                ls.join(", "),
                lt.join(", ")
            ),
        ),
        (false, true) => (
            Severity::Warning,
            format!("{} in source, not in target", ls.join(", ")),
        ),
        (true, false) => (
            Severity::Warning,
            format!("{} in target, not in source", lt.join(", ")),
        ),
    };
    // A number on each side that disagree is a warning even spelled out.
    let severity = match (hard, severity) {
        (true, s) => s,
        (false, Severity::Error) => Severity::Warning,
        (false, _) => Severity::Info,
    };
    let marks = |s: &Sentence, idx: &[usize], target: bool| -> Vec<Mark> {
        idx.iter()
            .map(|&i| {
                Mark::from_bytes(
                    target,
                    &s.text,
                    s.numbers[i].span.start,
                    s.numbers[i].span.end,
                )
            })
            .collect()
    };
    Some(
        Flag::new(FlagKind::NumberMismatch, severity, reason)
            .with_marks(marks(src, &left_src, false))
            .with_marks(marks(tgt, &left_tgt, true)),
    )
}

/// True when the number is written with digits (1992, 5%, 47th), or its
/// span is unknown.
fn in_digits(text: &str, n: &Number) -> bool {
    match text.get(n.span.start..n.span.end) {
        Some(w) if !w.is_empty() => w.chars().any(|c| c.is_ascii_digit()),
        _ => true,
    }
}

/// Indices of the numbers of each side that find no counterpart on the
/// other and matter (small counts are dropped).
pub fn unmatched(src: &[Number], tgt: &[Number]) -> (Vec<usize>, Vec<usize>) {
    let mut used_s = vec![false; src.len()];
    let mut used_t = vec![false; tgt.len()];
    // 1. Same value, same kind first, then same value any kind.
    for same_kind in [true, false] {
        for (i, a) in src.iter().enumerate() {
            if used_s[i] {
                continue;
            }
            if let Some(j) = (0..tgt.len()).find(|&j| {
                !used_t[j] && (!same_kind || tgt[j].kind == a.kind) && same_value(a, &tgt[j])
            }) {
                used_s[i] = true;
                used_t[j] = true;
            }
        }
    }
    // 2. A date on one side against its year (and month) on the other.
    match_dates(src, tgt, &mut used_s, &mut used_t);
    match_dates(tgt, src, &mut used_t, &mut used_s);
    let left = |ns: &[Number], used: &[bool]| -> Vec<usize> {
        (0..ns.len())
            .filter(|&i| !used[i] && matters(&ns[i]))
            .collect()
    };
    let (ls, lt) = (left(src, &used_s), left(tgt, &used_t));
    // Small counts left over on *both* sides are a changed number (three
    // days where the source says five), not wording.
    let small = |ns: &[Number], used: &[bool]| -> Vec<usize> {
        (0..ns.len())
            .filter(|&i| !used[i] && !matters(&ns[i]) && ns[i].value != Value::Amount(1.0))
            .collect()
    };
    let (ss, st) = (small(src, &used_s), small(tgt, &used_t));
    if ss.is_empty() || st.is_empty() {
        return (ls, lt);
    }
    let merge = |mut a: Vec<usize>, b: Vec<usize>| {
        a.extend(b);
        a.sort_unstable();
        a
    };
    (merge(ls, ss), merge(lt, st))
}

/// Dates of `a` matched by their parts stated as numbers in `b`: the
/// first part (the year, or the month of a day without a year) as a year
/// or count, then each later part (month, day), when present, as a count.
fn match_dates(a: &[Number], b: &[Number], used_a: &mut [bool], used_b: &mut [bool]) {
    for (i, n) in a.iter().enumerate() {
        let Value::Date(d) = n.value else {
            continue;
        };
        if used_a[i] {
            continue;
        }
        let mut parts = date_parts(d);
        let Some(head) = parts.next() else {
            continue;
        };
        let Some(j) = (0..b.len()).find(|&j| {
            !used_b[j]
                && matches!(b[j].kind, NumberKind::Year | NumberKind::Cardinal)
                && b[j].value == Value::Amount(head)
        }) else {
            continue;
        };
        used_a[i] = true;
        used_b[j] = true;
        for part in parts {
            if let Some(k) = (0..b.len()).find(|&k| {
                !used_b[k] && b[k].kind == NumberKind::Cardinal && b[k].value == Value::Amount(part)
            }) {
                used_b[k] = true;
            }
        }
    }
}

/// The stated parts of a date, largest first (year, month, day).
fn date_parts(d: Date) -> impl Iterator<Item = f64> {
    [
        d.year.map(f64::from),
        Some(f64::from(d.month)),
        d.day.map(f64::from),
    ]
    .into_iter()
    .flatten()
}

/// Equal values; non-integers may differ by rounding (1%). A date equals
/// only the same date.
fn same_value(a: &Number, b: &Number) -> bool {
    let (Value::Amount(x), Value::Amount(y)) = (a.value, b.value) else {
        return a.value == b.value;
    };
    if x == y {
        return true;
    }
    let integral = x.fract() == 0.0 && y.fract() == 0.0;
    !integral && (x - y).abs() <= 0.01 * x.abs().max(y.abs())
}

/// True when a leftover number is a fact worth a flag.
fn matters(n: &Number) -> bool {
    match (n.kind, n.value) {
        (NumberKind::Cardinal | NumberKind::Ordinal, Value::Amount(v)) => {
            v.abs() > SMALL || v.fract() != 0.0
        }
        _ => true,
    }
}

/// "1993 (year)" with the text as written when the span is valid.
fn describe(text: &str, n: &Number) -> String {
    let written = text
        .get(n.span.start..n.span.end)
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let value = match n.value {
        Value::Amount(v) if v.fract() == 0.0 && v.abs() < 1e15 => format!("{}", v as i64),
        v => v.to_string(),
    };
    let kind = match n.kind {
        NumberKind::Cardinal => "number",
        NumberKind::Year => "year",
        NumberKind::Percent => "percent",
        NumberKind::Ordinal => "ordinal",
        NumberKind::Date => "date",
    };
    match written {
        // A day without a year reads best as written (“12月28日”).
        Some(w) if matches!(n.value, Value::Date(Date { year: None, .. })) => {
            format!("“{w}” ({kind})")
        }
        Some(w) if w != value => format!("“{w}” ({kind} {value})"),
        _ => format!("{value} ({kind})"),
    }
}

/// [`check`] as a [`super::Check`].
pub struct Numbers;

impl super::Check for Numbers {
    fn flags(&self, b: &super::BeadView<'_>) -> Vec<Flag> {
        check(&b.src.unit, &b.tgt.unit).into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Lang, Span};

    fn n(value: f64, kind: NumberKind) -> Number {
        Number {
            value: Value::Amount(value),
            kind,
            span: Span::new(0, 0),
            firm: true,
        }
    }

    fn date(d: crate::segment::Date) -> Number {
        Number {
            value: Value::Date(d),
            kind: NumberKind::Date,
            span: Span::new(0, 0),
            firm: true,
        }
    }

    fn unit(nums: Vec<Number>) -> Sentence {
        Sentence {
            para: 0,
            span: Span::new(0, 0),
            text: String::new(),
            lang: Lang::En,
            tokens: vec![],
            numbers: nums,
        }
    }

    use NumberKind::*;

    #[test]
    fn equal_values_match_across_kinds() {
        let (a, b) = unmatched(
            &[n(1992.0, Year), n(25.0, Cardinal), n(47.0, Ordinal)],
            &[n(25.0, Cardinal), n(1992.0, Cardinal), n(47.0, Ordinal)],
        );
        assert!(a.is_empty() && b.is_empty());
    }

    #[test]
    fn date_matches_year_and_month() {
        let may = date(crate::segment::Date::month_of(2014, 5));
        let (a, b) = unmatched(&[may], &[n(2014.0, Year), n(5.0, Cardinal)]);
        assert!(a.is_empty() && b.is_empty());
        let (a, b) = unmatched(&[n(2014.0, Year)], &[may]);
        assert!(a.is_empty() && b.is_empty());
        // Dates compare as dates: May 2014 is not June 2014, and no count
        // happens to equal a date.
        let june = date(crate::segment::Date::month_of(2014, 6));
        assert_eq!(unmatched(&[may], &[june]), (vec![0], vec![0]));
        let (a, _) = unmatched(&[may], &[n(201405.0, Cardinal)]);
        assert_eq!(a, vec![0]);
        let f = check(&unit(vec![may]), &unit(vec![june])).unwrap();
        assert!(
            f.reason.contains("2014-05") && f.reason.contains("2014-06"),
            "{}",
            f.reason
        );
    }

    #[test]
    fn different_year_is_an_error() {
        let f = check(&unit(vec![n(1993.0, Year)]), &unit(vec![n(1992.0, Year)])).unwrap();
        assert_eq!(f.severity, Severity::Error);
        assert!(
            f.reason.contains("1993") && f.reason.contains("1992"),
            "{}",
            f.reason
        );
    }

    #[test]
    fn missing_percent_is_a_warning_small_counts_are_not() {
        let f = check(
            &unit(vec![n(5.0, Percent), n(2.0, Cardinal)]),
            &unit(vec![]),
        )
        .unwrap();
        assert_eq!(f.severity, Severity::Warning);
        assert!(f.reason.contains("5 (percent)"), "{}", f.reason);
        assert!(!f.reason.contains("2 (number)"), "{}", f.reason);
        assert!(check(&unit(vec![n(2.0, Cardinal)]), &unit(vec![])).is_none());
    }

    #[test]
    fn loose_numbers_are_info_firm_ones_are_not() {
        // 二十几个 "twenty-odd": an estimate the translation may drop.
        let loose = Sentence {
            text: "二十几个".into(),
            numbers: vec![Number {
                firm: false,
                span: Span::new(0, "二十".len()),
                ..n(20.0, Cardinal)
            }],
            ..unit(vec![])
        };
        assert_eq!(
            check(&loose, &unit(vec![])).unwrap().severity,
            Severity::Info
        );
        // 二十个, its firm twin: a count the translation must keep.
        let firm = Sentence {
            text: "二十个".into(),
            numbers: vec![Number {
                span: Span::new(0, "二十".len()),
                ..n(20.0, Cardinal)
            }],
            ..unit(vec![])
        };
        assert_eq!(
            check(&firm, &unit(vec![])).unwrap().severity,
            Severity::Warning
        );
    }

    #[test]
    fn rounding_is_not_a_mismatch_but_integers_must_agree() {
        let (a, b) = unmatched(&[n(3.5e8, Cardinal)], &[n(3.5e8, Cardinal)]);
        assert!(a.is_empty() && b.is_empty());
        let (a, b) = unmatched(&[n(26.65, Percent)], &[n(26.7, Percent)]);
        assert!(a.is_empty() && b.is_empty());
        let (a, b) = unmatched(&[n(26.0, Cardinal)], &[n(27.0, Cardinal)]);
        assert_eq!((a.len(), b.len()), (1, 1));
    }
}
