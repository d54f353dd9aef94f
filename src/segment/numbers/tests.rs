//! Unit tests of number reading, one per rule of the issue.

use super::*;

/// Amounts with their kind and text (a date gives NaN: see [`dates`]).
fn got(text: &str) -> Vec<(f64, NumberKind, &str)> {
    numbers(text, Lang::ZhHans)
        .into_iter()
        .map(|n| {
            let v = n.value.amount().unwrap_or(f64::NAN);
            (v, n.kind, &text[n.span.start..n.span.end])
        })
        .collect()
}

/// Every number of `text` as it prints (dates in ISO 8601 form).
fn dates(text: &str) -> Vec<String> {
    numbers(text, Lang::ZhHans)
        .iter()
        .map(|n| n.value.to_string())
        .collect()
}

fn values(text: &str) -> Vec<(f64, NumberKind)> {
    got(text).into_iter().map(|(v, k, _)| (v, k)).collect()
}

use NumberKind::*;

#[test]
fn arabic_and_full_width() {
    assert_eq!(
        got("成员国27个、观察员13个"),
        vec![(27.0, Cardinal, "27"), (13.0, Cardinal, "13")]
    );
    assert_eq!(values("共有２７个"), vec![(27.0, Cardinal)]);
    assert_eq!(
        values("1,000,000 people and 3.5 tons"),
        vec![(1e6, Cardinal), (3.5, Cardinal)]
    );
}

#[test]
fn chinese_numerals() {
    assert_eq!(values("二十五年"), vec![(25.0, Cardinal)]);
    assert_eq!(values("两千人"), vec![(2000.0, Cardinal)]);
    assert_eq!(values("三万五千名"), vec![(35000.0, Cardinal)]);
    assert_eq!(values("一九九二年"), vec![(1992.0, Year)]);
    assert_eq!(got("1.5亿元"), vec![(1.5e8, Cardinal, "1.5亿")]);
    assert_eq!(values("五大领域"), vec![(5.0, Cardinal)]);
}

#[test]
fn years_dates_and_days() {
    assert_eq!(got("创立于 1992 年"), vec![(1992.0, Year, "1992 年")]);
    let may = numbers("2014年5月", Lang::ZhHans);
    assert_eq!(may[0].value, Value::Date(super::Date::month_of(2014, 5)));
    assert_eq!(may[0].kind, NumberKind::Date);
    assert_eq!(may[0].span, Span::new(0, "2014年5月".len()));
    assert_eq!(dates("May 2014"), ["2014-05"]);
    assert_eq!(dates("二〇一四年五月"), ["2014-05"]);
    assert_eq!(dates("12月28日在接受"), ["--12-28"]);
    assert_eq!(dates("on December 28"), ["--12-28"]);
    assert_eq!(dates("1992年10月5日"), ["1992-10", "--10-05"]);
    assert_eq!(
        dates("2019年6月14日至16日"),
        ["2019-06", "--06-14", "--06-16"]
    );
    assert_eq!(dates("12月28至29日"), ["--12-28", "--12-29"]);
    assert_eq!(dates("in October 1992 at"), ["1992-10"]);
    assert_eq!(dates("June 14, 2019"), ["--06-14", "2019-06"]);
    assert_eq!(dates("Updated:2019-04-17"), ["2019-04", "--04-17"]);
    assert_eq!(values("in 1992, it"), vec![(1992.0, Year)]);
    assert_eq!(values("the 1990s"), vec![(1990.0, Year)]);
}

#[test]
fn ranges_are_two_numbers() {
    assert_eq!(values("1993-2010"), vec![(1993.0, Year), (2010.0, Year)]);
    assert_eq!(values("1993—2010年"), vec![(1993.0, Year), (2010.0, Year)]);
}

#[test]
fn percentages() {
    assert_eq!(values("百分之五"), vec![(5.0, Percent)]);
    assert_eq!(values("百分之二十五"), vec![(25.0, Percent)]);
    assert_eq!(values("增长5%"), vec![(5.0, Percent)]);
    assert_eq!(values("增长５％"), vec![(5.0, Percent)]);
    assert_eq!(values("five percent"), vec![(5.0, Percent)]);
    assert_eq!(values("3.5 per cent"), vec![(3.5, Percent)]);
}

#[test]
fn ordinals() {
    assert_eq!(
        got("第四十七届联合国大会"),
        vec![(47.0, Ordinal, "第四十七")]
    );
    assert_eq!(values("第47届"), vec![(47.0, Ordinal)]);
    assert_eq!(values("the 47th Session"), vec![(47.0, Ordinal)]);
    assert_eq!(values("the sixth meeting"), vec![(6.0, Ordinal)]);
    assert_eq!(values("the forty-seventh session"), vec![(47.0, Ordinal)]);
    assert_eq!(values("第六次外长会议"), vec![(6.0, Ordinal)]);
}

#[test]
fn english_number_words() {
    assert_eq!(values("seven members"), vec![(7.0, Cardinal)]);
    assert_eq!(values("twenty-six states"), vec![(26.0, Cardinal)]);
    assert_eq!(values("two hundred and fifty"), vec![(250.0, Cardinal)]);
    assert_eq!(values("three million"), vec![(3e6, Cardinal)]);
    assert_eq!(values("4.5 billion dollars"), vec![(4.5e9, Cardinal)]);
    assert_eq!(values("Seven"), vec![(7.0, Cardinal)]);
}

#[test]
fn precision_no_false_numbers() {
    for s in [
        "一些国家",
        "统一",
        "一致",
        "之一",
        "万一",
        "十分重要",
        "千方百计",
        "四面八方",
        "千千万万",
        "三四个",
        "第一，",
        "one of the forums",
        "the first summit",
        "hundreds of people",
        "G20峰会",
        "举行。[1]",
        "百年变局",
        "w600h352",
        "Version 3.5.1",
        "两岸",
        "一带一路",
        "进一步",
        "we may be",
    ] {
        assert!(values(s).is_empty(), "{s}: {:?}", values(s));
    }
}

/// Each number of `text` as written, with whether it is firm.
fn firmness(text: &str) -> Vec<(&str, bool)> {
    numbers(text, Lang::ZhHans)
        .into_iter()
        .map(|n| (&text[n.span.start..n.span.end], n.firm))
        .collect()
}

#[test]
fn tael_after_a_numeral_is_a_measure_decades_and_dozens_multiply() {
    assert_eq!(values("二十两银子"), vec![(20.0, Cardinal)]);
    assert_eq!(values("两千人"), vec![(2000.0, Cardinal)]);
    let en = |s: &str| -> Vec<f64> {
        numbers(s, Lang::En)
            .iter()
            .filter_map(|n| n.value.amount())
            .collect()
    };
    assert_eq!(en("four decades"), vec![40.0]);
    assert_eq!(en("two dozen eggs"), vec![24.0]);
}

#[test]
fn digits_and_exact_counts_are_firm() {
    for s in [
        "1992年",
        "5%",
        "八十岁的老母",
        "二十五个国家",
        "三万五千人",
        "twenty-five years",
        "eighty years old",
    ] {
        assert!(firmness(s).iter().all(|n| n.1), "{s}: {:?}", firmness(s));
        assert!(!firmness(s).is_empty(), "{s}");
    }
}

#[test]
fn estimates_ranges_and_bare_numerals_are_loose() {
    for s in [
        "二十几两银子",
        "二十多岁",
        "约二十个",
        "九十年代",
        "茅十八道",
        "seventeen or eighteen",
        "some twenty men",
        "twenty-odd men",
        "about thirty people",
        "twenty to thirty",
        "between ten and twenty women",
        "千般的温存，万种的风流",
        "a thousand times",
        "ten thousand varieties",
    ] {
        assert!(firmness(s).iter().all(|n| !n.1), "{s}: {:?}", firmness(s));
    }
}

mod props {
    use super::*;
    use proptest::prelude::*;

    fn mixed() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "二",
            "十",
            "五",
            "百分之",
            "万",
            "亿",
            "两",
            "一",
            "〇",
            "零",
            "第",
            "年",
            "月",
            "日",
            "至",
            "1",
            "9",
            "2014",
            "-",
            ".",
            ",",
            "%",
            "％",
            "５",
            " ",
            "May",
            "December",
            "twenty",
            "-",
            "six",
            "percent",
            "per",
            "cent",
            "th",
            "s",
            "[",
            "]",
            "亞",
            "G",
        ]);
        prop::collection::vec(piece, 0..25).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn spans_are_in_order_on_boundaries(text in mixed()) {
            let ns = numbers(&text, Lang::ZhHans);
            for n in &ns {
                prop_assert!(n.span.start < n.span.end && n.span.end <= text.len());
                prop_assert!(text.is_char_boundary(n.span.start) && text.is_char_boundary(n.span.end));
                match n.value {
                    Value::Amount(v) => prop_assert!(v.is_finite()),
                    Value::Date(d) => {
                        prop_assert!((1..=12).contains(&d.month));
                        prop_assert!(d.day.is_none_or(|d| (1..=31).contains(&d)));
                        prop_assert_eq!(n.kind, NumberKind::Date);
                    }
                }
            }
            prop_assert!(ns.windows(2).all(|w| w[0].span.start <= w[1].span.start));
        }

        #[test]
        fn any_text_never_panics(text in "\\PC{0,60}") {
            let _ = numbers(&text, Lang::En);
        }
    }
}
