//! Numbers: takes a sentence's text, gives the [`Number`]s it states with
//! byte spans into that text, normalized so Chinese and English compare.
//!
//! Read: Arabic digits (full-width too, `1,000`, `3.5`), Chinese numerals
//! ([`zh`]), English number words ([`en`]), scales (1.5亿, 3 million),
//! percentages (5%, 百分之五, five percent), ordinals (第四十七届, 47th,
//! sixth), years (1992年, 1992), dates (2014年5月, May 2014) and days
//! (12月28日, December 28). Ranges such as 1993-2010 give two numbers.
//!
//! Precision first — a reviewer's number check reads this: a lone 一 or
//! "one" (一些, 统一, one of the), a single numeral character without a
//! measure word (十分, 万一, 四面八方), a rank of one (第一, first),
//! malformed numeral runs (三四, 千千万万), digits inside codes (G20,
//! w600h352) and version numbers (3.5.1) give nothing.

mod en;
mod zh;

use super::{Date, Number, NumberKind, Value};
use crate::document::{Lang, Span};

/// Measure words and units that make a single Chinese numeral a number
/// (五大领域, 两国, 四年).
const MEASURES: &str = "个年月日天次届位名国项条种大周倍岁人家所座场轮批份架艘枚点部期任";

/// The numbers stated in `text`, in order, spans relative to `text`.
pub fn numbers(text: &str, lang: Lang) -> Vec<Number> {
    let _ = lang; // both scripts are read in every text: quotes, names
    let mut scan = Scan::new(text);
    scan.run();
    scan.out.sort_by_key(|n| (n.span.start, n.span.end));
    scan.settle();
    scan.out
}

/// Words before an English number that make it an estimate.
const HEDGES_EN: &[&str] = &[
    "about",
    "around",
    "some",
    "nearly",
    "almost",
    "over",
    "roughly",
    "approximately",
    "than",
    "under",
    "to",
    "or",
    "perhaps",
    "maybe",
    "between",
];

/// Characters right after a Chinese numeral that make it an estimate
/// (二十几, 二十多岁, 二十余, 二十来岁) or a decade (九十年代 is checked
/// apart).
const HEDGES_ZH_AFTER: &str = "几多余来";

/// Characters right before a Chinese numeral that make it an estimate
/// (约二十, 近八十, 上百).
const HEDGES_ZH_BEFORE: &str = "约近上数几";

/// One pass over the text's characters (full-width digits folded).
struct Scan<'a> {
    text: &'a str,
    chars: Vec<char>,
    offs: Vec<usize>,
    out: Vec<Number>,
    /// Month named last, for a later bare day (14日至16日).
    month: Option<u32>,
}

/// A number read at some position: its value and where it ends.
#[derive(Debug, Clone, Copy)]
struct Read {
    value: f64,
    end: usize,
    /// Integer written with exactly four digits and no separator.
    four_digits: bool,
    integer: bool,
}

impl<'a> Scan<'a> {
    fn new(text: &'a str) -> Scan<'a> {
        let (offs, chars): (Vec<usize>, Vec<char>) =
            text.char_indices().map(|(b, c)| (b, fold(c))).unzip();
        Scan {
            text,
            chars,
            offs,
            out: Vec::new(),
            month: None,
        }
    }

    fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    fn byte(&self, i: usize) -> usize {
        self.offs.get(i).copied().unwrap_or(self.text.len())
    }

    fn push(&mut self, value: f64, kind: NumberKind, from: usize, to: usize) {
        self.push_value(Value::Amount(value), kind, from, to);
    }

    fn push_date(&mut self, date: Date, from: usize, to: usize) {
        self.push_value(Value::Date(date), NumberKind::Date, from, to);
    }

    fn push_value(&mut self, value: Value, kind: NumberKind, from: usize, to: usize) {
        self.out.push(Number {
            value,
            kind,
            span: Span::new(self.byte(from), self.byte(to)),
            firm: false,
        });
    }

    /// Sets [`Number::firm`] on every number read (sorted by position).
    fn settle(&mut self) {
        let at = |b: usize| self.offs.partition_point(|&o| o < b);
        let bounds: Vec<(usize, usize)> = self
            .out
            .iter()
            .map(|n| (at(n.span.start), at(n.span.end)))
            .collect();
        for k in 0..self.out.len() {
            let (from, to) = bounds[k];
            // Two numbers joined by "or", "to", 至 or a dash are a range.
            let joined = |a: (usize, usize), b: (usize, usize)| {
                let Some(gap) = self.chars.get(a.1..b.0) else {
                    return false; // overlapping (a date and its day)
                };
                let gap: String = gap.iter().collect();
                match gap.trim() {
                    "or" | "to" | "-" | "至" | "到" | "或" => true,
                    "and" => self.word_before(a.0) == "between",
                    _ => false,
                }
            };
            let in_range = (k > 0 && joined(bounds[k - 1], bounds[k]))
                || (k + 1 < bounds.len() && joined(bounds[k], bounds[k + 1]));
            let firm = !in_range && self.firm_at(&self.out[k], from, to);
            self.out[k].firm = firm;
        }
    }

    /// Whether the number at chars `from..to` is stated firmly (see
    /// [`Number::firm`]), apart from ranges.
    fn firm_at(&self, n: &Number, from: usize, to: usize) -> bool {
        let written = &self.chars[from..to];
        if written.iter().any(|c| c.is_ascii_digit()) {
            return true;
        }
        // Spelled-out round hundreds, thousands, ten thousands are figures
        // of speech as often as counts (千般…万种, "a thousand times").
        let round = n
            .value
            .amount()
            .is_some_and(|v| v >= 100.0 && 10f64.powf(v.log10().round()) == v);
        if n.kind != NumberKind::Cardinal || round {
            return false;
        }
        if written.iter().any(|&c| zh::is_numeral(c)) {
            // A count: the numeral and its measure word, nothing between.
            let before = from.checked_sub(1).and_then(|i| self.at(i));
            let after = self.at(to);
            let hedged = before.is_some_and(|c| HEDGES_ZH_BEFORE.contains(c))
                || after.is_some_and(|c| HEDGES_ZH_AFTER.contains(c))
                || self.starts(to, "年代");
            return !hedged && after.is_some_and(|c| MEASURES.contains(c));
        }
        // English: not after a hedge ("some twenty"), not "twenty-odd",
        // "twenty or so".
        let after = self.skip_spaces(to);
        let odd = self.word_at(if self.at(to) == Some('-') {
            to + 1
        } else {
            after
        });
        !HEDGES_EN.contains(&self.word_before(from).as_str())
            && !odd.is_some_and(|(w, _)| matches!(w.as_str(), "odd" | "or" | "something"))
    }

    /// The ASCII word (lowercase) that ends right before char `i`, spaces
    /// skipped; empty when there is none.
    fn word_before(&self, i: usize) -> String {
        let mut b = i;
        while b > 0 && self.chars[b - 1] == ' ' {
            b -= 1;
        }
        let mut a = b;
        while a > 0 && self.chars[a - 1].is_ascii_alphabetic() {
            a -= 1;
        }
        self.chars[a..b]
            .iter()
            .collect::<String>()
            .to_ascii_lowercase()
    }

    fn starts(&self, i: usize, s: &str) -> bool {
        s.chars()
            .enumerate()
            .all(|(k, c)| self.at(i + k) == Some(c))
    }

    /// Index after spaces (not line breaks) from `i`.
    fn skip_spaces(&self, mut i: usize) -> usize {
        while matches!(self.at(i), Some(' ' | '\u{3000}' | '\u{A0}')) {
            i += 1;
        }
        i
    }

    fn run(&mut self) {
        let mut i = 0;
        while i < self.chars.len() {
            let c = self.chars[i];
            i = if self.starts(i, "百分之") {
                self.percent_zh(i)
            } else if c.is_ascii_digit() {
                self.arabic(i)
            } else if zh::is_numeral(c) {
                self.chinese(i)
            } else if c.is_ascii_alphabetic() {
                self.word(i)
            } else {
                i + 1
            };
        }
    }

    /// Reads digits with thousands separators and a decimal part at `i`.
    fn read_arabic(&self, i: usize) -> Read {
        let mut j = i;
        let mut s = String::new();
        let mut sep = false;
        while let Some(c) = self.at(j) {
            if c.is_ascii_digit() {
                s.push(c);
                j += 1;
            } else if c == ','
                && (1..=3).all(|k| self.at(j + k).is_some_and(|d| d.is_ascii_digit()))
                && !self.at(j + 4).is_some_and(|d| d.is_ascii_digit())
                && !s.is_empty()
            {
                sep = true;
                j += 1;
            } else {
                break;
            }
        }
        let int_len = s.len();
        let mut integer = true;
        if self.at(j) == Some('.') && self.at(j + 1).is_some_and(|d| d.is_ascii_digit()) {
            integer = false;
            s.push('.');
            j += 1;
            while let Some(c) = self.at(j).filter(char::is_ascii_digit) {
                s.push(c);
                j += 1;
            }
        }
        Read {
            value: s.parse().unwrap_or(0.0),
            end: j,
            four_digits: integer && !sep && int_len == 4,
            integer,
        }
    }

    /// A number written in Arabic digits, with what follows it.
    fn arabic(&mut self, i: usize) -> usize {
        if i > 0
            && self
                .at(i - 1)
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '.')
        {
            return self.skip_code(i);
        }
        let r = self.read_arabic(i);
        let j = r.end;
        // [1], 【2】: a reference mark.
        if i > 0
            && matches!(self.at(i - 1), Some('[' | '【'))
            && matches!(self.at(j), Some(']' | '】'))
        {
            return j + 1;
        }
        // 3.5.1, 192.168.0.1: a version or address, not a quantity.
        if self.at(j) == Some('.') && self.at(j + 1).is_some_and(|d| d.is_ascii_digit()) {
            return self.skip_code(i);
        }
        if self.at(j).is_some_and(|c| c.is_ascii_alphabetic()) {
            return self.arabic_suffix(i, r);
        }
        if i > 0 && self.at(i - 1) == Some('第') {
            self.push(r.value, NumberKind::Ordinal, i - 1, j);
            return j;
        }
        if r.four_digits && self.iso_date(i, r) {
            return j + 6; // -MM-DD
        }
        let k = self.skip_spaces(j);
        if let Some(end) = self.percent_after(k) {
            self.push(r.value, NumberKind::Percent, i, end);
            return end;
        }
        if let Some((mult, end)) = self.scale_after(k) {
            self.push(r.value * mult, NumberKind::Cardinal, i, end);
            return end;
        }
        if let Some(end) = self.date_after(i, r, k) {
            return end;
        }
        if r.integer && (1.0..=31.0).contains(&r.value) {
            if let Some(end) = self.english_day_first(i, r.value as u32, k) {
                return end;
            }
        }
        let kind = if is_year(&r) {
            NumberKind::Year
        } else {
            NumberKind::Cardinal
        };
        self.push(r.value, kind, i, j);
        j
    }

    /// Digits followed by letters: 47th, 1990s, or a code (w600h352).
    fn arabic_suffix(&mut self, i: usize, r: Read) -> usize {
        let mut e = r.end;
        while self.at(e).is_some_and(|c| c.is_ascii_alphabetic()) {
            e += 1;
        }
        let suffix: String = self.chars[r.end..e]
            .iter()
            .collect::<String>()
            .to_ascii_lowercase();
        let code_follows = self.at(e).is_some_and(|c| c.is_ascii_digit());
        if !code_follows && r.integer {
            if matches!(suffix.as_str(), "st" | "nd" | "rd" | "th") {
                self.push(r.value, NumberKind::Ordinal, i, e);
                return e;
            }
            if suffix == "s" && is_year(&r) {
                self.push(r.value, NumberKind::Year, i, e);
                return e;
            }
        }
        self.skip_code(i)
    }

    /// Skips a run of letters, digits and dots (a code, URL part, version).
    fn skip_code(&self, mut i: usize) -> usize {
        while self
            .at(i)
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '.')
        {
            i += 1;
        }
        i
    }

    /// 2019-04-17: a date and a day.
    fn iso_date(&mut self, i: usize, r: Read) -> bool {
        let j = r.end;
        let two = |s: &Self, k: usize| {
            s.at(k).is_some_and(|c| c.is_ascii_digit())
                && s.at(k + 1).is_some_and(|c| c.is_ascii_digit())
        };
        if !(self.at(j) == Some('-')
            && two(self, j + 1)
            && self.at(j + 3) == Some('-')
            && two(self, j + 4))
        {
            return false;
        }
        if self.at(j + 6).is_some_and(|c| c.is_ascii_digit()) {
            return false;
        }
        let num = |s: &Self, k: usize| -> u32 {
            s.chars[k..k + 2]
                .iter()
                .filter_map(|c| c.to_digit(10))
                .fold(0, |a, d| a * 10 + d)
        };
        let (m, d) = (num(self, j + 1), num(self, j + 4));
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
            return false;
        }
        self.push_date(Date::month_of(r.value as u16, m as u8), i, j + 3);
        self.push_date(Date::day_of(m as u8, d as u8), j + 1, j + 6);
        true
    }

    /// `%`, 个百分点, percent, per cent, percentage point(s) at `k`: the
    /// index after it.
    fn percent_after(&self, k: usize) -> Option<usize> {
        if self.at(k) == Some('%') {
            return Some(k + 1);
        }
        for s in ["个百分点", "百分点"] {
            if self.starts(k, s) {
                return Some(k + s.chars().count());
            }
        }
        let (w, e) = self.word_at(k)?;
        match w.as_str() {
            "percent" => Some(e),
            "per" => {
                let (w2, e2) = self.word_at(self.skip_spaces(e))?;
                (w2 == "cent").then_some(e2)
            }
            "percentage" => {
                let (w2, e2) = self.word_at(self.skip_spaces(e))?;
                matches!(w2.as_str(), "point" | "points").then_some(e2)
            }
            _ => None,
        }
    }

    /// A scale after a number: 万, 亿, 万亿, million, billion… Gives the
    /// multiplier and the index after it.
    fn scale_after(&self, k: usize) -> Option<(f64, usize)> {
        let mut mult = 1.0;
        let mut e = k;
        while let Some(m) = self.at(e).and_then(zh::scale) {
            // 千米 (kilometre), 百分: units, not scales.
            if matches!(self.at(e + 1), Some('米' | '克' | '瓦' | '分')) {
                break;
            }
            mult *= m;
            e += 1;
        }
        if e > k {
            return Some((mult, e));
        }
        let (w, e) = self.word_at(k)?;
        match en::number_word(&w) {
            Some(en::Word::Scale(m)) => Some((m, e)),
            Some(en::Word::Hundred) => Some((100.0, e)),
            _ => None,
        }
    }

    /// The lowercase ASCII word at `k` and the index after it.
    fn word_at(&self, k: usize) -> Option<(String, usize)> {
        let mut e = k;
        while self.at(e).is_some_and(|c| c.is_ascii_alphabetic()) {
            e += 1;
        }
        (e > k).then(|| {
            (
                self.chars[k..e]
                    .iter()
                    .collect::<String>()
                    .to_ascii_lowercase(),
                e,
            )
        })
    }

    /// After a number at `i` (read as `r`, next non-space at `k`): 年 with a
    /// month and day (1992年10月5日), 月 with a day (12月28日), or a bare
    /// day (16日) after a named month. Gives the index after what it took.
    fn date_after(&mut self, i: usize, r: Read, k: usize) -> Option<usize> {
        if !r.integer {
            return None;
        }
        let v = r.value;
        match self.at(k)? {
            '年' if is_year(&r) => {
                let y = v;
                let after = k + 1;
                if let Some((m, mend)) = self.month_at(self.skip_spaces(after)) {
                    self.push_date(Date::month_of(y as u16, m as u8), i, mend);
                    let mstart = self.skip_spaces(after);
                    return Some(self.day_after_month(m, mstart, mend).unwrap_or(mend));
                }
                self.push(y, NumberKind::Year, i, after);
                Some(after)
            }
            '月' if (1.0..=12.0).contains(&v) => {
                let m = v as u32;
                self.month = Some(m);
                Some(self.day_after_month(m, i, k + 1).unwrap_or(k + 1))
            }
            '日' | '号' if (1.0..=31.0).contains(&v) => {
                let m = self.month?;
                self.push_date(Date::day_of(m as u8, v as u8), i, k + 1);
                Some(k + 1)
            }
            _ => None,
        }
    }

    /// A month (1–12) written in Arabic digits or Chinese numerals and 月 at
    /// `k`: its number and the index after 月.
    fn month_at(&self, k: usize) -> Option<(u32, usize)> {
        let (v, e) = self.small_number_at(k)?;
        let e2 = self.skip_spaces(e);
        (self.at(e2) == Some('月') && (1..=12).contains(&v)).then_some((v, e2 + 1))
    }

    /// A small whole number (Arabic or Chinese) at `k`, and where it ends.
    fn small_number_at(&self, k: usize) -> Option<(u32, usize)> {
        let c = self.at(k)?;
        if c.is_ascii_digit() {
            let r = self.read_arabic(k);
            return (r.integer && r.value < 100.0).then_some((r.value as u32, r.end));
        }
        let mut e = k;
        while self.at(e).is_some_and(zh::is_numeral) {
            e += 1;
        }
        let (v, _) = zh::parse(&self.chars[k..e])?;
        (v < 100.0).then_some((v as u32, e))
    }

    /// The day after a month (…月28日): pushes it, spanning from
    /// `mstart`; gives the index after 日.
    fn day_after_month(&mut self, m: u32, mstart: usize, mend: usize) -> Option<usize> {
        self.month = Some(m);
        let k = self.skip_spaces(mend);
        let (d, e) = self.small_number_at(k)?;
        let e2 = self.skip_spaces(e);
        if !(1..=31).contains(&d) {
            return None;
        }
        if matches!(self.at(e2), Some('日' | '号')) {
            self.push_date(Date::day_of(m as u8, d as u8), mstart, e2 + 1);
            return Some(e2 + 1);
        }
        // 28至29日, 7、8日: a span of days.
        if !matches!(self.at(e2), Some('至' | '到' | '-' | '~' | '、')) {
            return None;
        }
        let (d2, f) = self.small_number_at(self.skip_spaces(e2 + 1))?;
        let f2 = self.skip_spaces(f);
        if !(1..=31).contains(&d2) || !matches!(self.at(f2), Some('日' | '号')) {
            return None;
        }
        self.push_date(Date::day_of(m as u8, d as u8), mstart, e);
        self.push_date(Date::day_of(m as u8, d2 as u8), e2 + 1, f2 + 1);
        Some(f2 + 1)
    }

    /// "28 December 2021": a day before a month name (and a year).
    fn english_day_first(&mut self, i: usize, day: u32, k: usize) -> Option<usize> {
        let (_, e) = self.word_at(k)?;
        let name: String = self.chars[k..e].iter().collect();
        let m = en::month(&name)?;
        self.push_date(Date::day_of(m as u8, day as u8), i, e);
        self.month = Some(m);
        Some(self.year_after_month(m, k, e).unwrap_or(e))
    }

    /// A year after a month name ("May 2014", "June 14, 2019" after the
    /// day): pushes the date; gives the index after the year.
    fn year_after_month(&mut self, m: u32, from: usize, e: usize) -> Option<usize> {
        let mut k = self.skip_spaces(e);
        if self.at(k) == Some(',') {
            k = self.skip_spaces(k + 1);
        }
        if !self.at(k).is_some_and(|c| c.is_ascii_digit()) {
            return None;
        }
        let r = self.read_arabic(k);
        if !is_year(&r) || self.at(r.end).is_some_and(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        self.push_date(Date::month_of(r.value as u16, m as u8), from, r.end);
        Some(r.end)
    }

    /// 百分之五, 百分之二十五, 百分之1.5 at `i`.
    fn percent_zh(&mut self, i: usize) -> usize {
        let k = i + 3;
        let Some(c) = self.at(k) else {
            return k;
        };
        if c.is_ascii_digit() {
            let r = self.read_arabic(k);
            self.push(r.value, NumberKind::Percent, i, r.end);
            return r.end;
        }
        let mut e = k;
        while self.at(e).is_some_and(zh::is_numeral) {
            e += 1;
        }
        if let Some((v, _)) = zh::parse(&self.chars[k..e]) {
            // 百分之三点五
            let mut v = v;
            let mut end = e;
            if self.at(e) == Some('点') {
                let mut f = e + 1;
                let mut frac = String::from("0.");
                while let Some(d) = self.at(f).and_then(zh::digit) {
                    frac.push(char::from_digit(d, 10).unwrap_or('0'));
                    f += 1;
                }
                if f > e + 1 {
                    v += frac.parse::<f64>().unwrap_or(0.0);
                    end = f;
                }
            }
            self.push(v, NumberKind::Percent, i, end);
            return end;
        }
        e.max(k)
    }

    /// A run of Chinese numerals at `i`, with what follows it.
    fn chinese(&mut self, i: usize) -> usize {
        let mut e = i;
        while self.at(e).is_some_and(zh::is_numeral) {
            // 两 inside a number only starts a section (两千, 三千两百);
            // after a numeral otherwise it is the tael (二十两银子).
            let big = |c: char| matches!(c, '百' | '千' | '万' | '萬' | '亿' | '億');
            if e > i && matches!(self.at(e), Some('两' | '兩')) && !self.at(e + 1).is_some_and(big)
            {
                break;
            }
            e += 1;
        }
        let Some((v, form)) = zh::parse(&self.chars[i..e]) else {
            return e;
        };
        if i > 0 && self.at(i - 1) == Some('第') {
            if v != 1.0 {
                self.push(v, NumberKind::Ordinal, i - 1, e);
            }
            return e;
        }
        let r = Read {
            value: v,
            end: e,
            four_digits: form == zh::Form::DigitString && e - i == 4,
            integer: true,
        };
        let next = self.at(e);
        if form == zh::Form::DigitString
            || next == Some('月')
            || (next == Some('年') && r.four_digits)
        {
            if let Some(end) = self.date_after(i, r, e) {
                return end;
            }
        }
        if matches!(next, Some('日' | '号')) && self.month.is_some() {
            if let Some(end) = self.date_after(i, r, e) {
                return end;
            }
        }
        match form {
            zh::Form::Single => {
                // A lone numeral counts only before a measure word, and
                // never as 一 (一些, 统一, 一致).
                let mut k = e;
                if matches!(self.at(k), Some('多' | '余')) {
                    k += 1;
                }
                if v != 1.0 && self.at(k).is_some_and(|c| MEASURES.contains(c)) {
                    self.push(v, NumberKind::Cardinal, i, e);
                }
            }
            zh::Form::DigitString => {
                let kind = if is_year(&r) {
                    NumberKind::Year
                } else {
                    NumberKind::Cardinal
                };
                self.push(v, kind, i, e);
            }
            zh::Form::Positional => self.push(v, NumberKind::Cardinal, i, e),
        }
        e
    }

    /// An ASCII word at `i`: a month with a day or year, a number phrase,
    /// an ordinal word, or nothing.
    fn word(&mut self, i: usize) -> usize {
        let Some((w, e)) = self.word_at(i) else {
            return i + 1;
        };
        if i > 0 && self.at(i - 1).is_some_and(|c| c.is_ascii_digit()) {
            return e;
        }
        let name: String = self.chars[i..e].iter().collect();
        if let Some(m) = en::month(&name) {
            return self.english_month(m, i, e).unwrap_or(e);
        }
        if let Some(end) = self.number_phrase(i) {
            return end;
        }
        if let Some(end) = self.ordinal_phrase(&w, i, e) {
            return end;
        }
        e
    }

    /// "May 2014", "December 28", "June 14-16, 2019".
    fn english_month(&mut self, m: u32, i: usize, e: usize) -> Option<usize> {
        let mut k = self.skip_spaces(e);
        if self.at(k) == Some('.') {
            k = self.skip_spaces(k + 1);
        }
        if !self.at(k).is_some_and(|c| c.is_ascii_digit()) {
            return None;
        }
        let r = self.read_arabic(k);
        if self.at(r.end).is_some_and(|c| c.is_ascii_alphanumeric())
            && !self.starts_ordinal_suffix(r.end)
        {
            return None;
        }
        if is_year(&r) {
            self.month = Some(m);
            self.push_date(Date::month_of(r.value as u16, m as u8), i, r.end);
            return Some(r.end);
        }
        if !r.integer || !(1.0..=31.0).contains(&r.value) {
            return None;
        }
        self.month = Some(m);
        let mut end = r.end;
        while self.at(end).is_some_and(|c| c.is_ascii_alphabetic()) {
            end += 1;
        }
        self.push_date(Date::day_of(m as u8, r.value as u8), i, end);
        // A second day: June 14-16.
        if matches!(self.at(end), Some('-' | '–'))
            && self.at(end + 1).is_some_and(|c| c.is_ascii_digit())
        {
            let r2 = self.read_arabic(end + 1);
            if r2.integer && (1.0..=31.0).contains(&r2.value) && !is_year(&r2) {
                self.push_date(Date::day_of(m as u8, r2.value as u8), end + 1, r2.end);
                end = r2.end;
            }
        }
        Some(self.year_after_month(m, i, end).unwrap_or(end))
    }

    fn starts_ordinal_suffix(&self, k: usize) -> bool {
        self.word_at(k)
            .is_some_and(|(w, _)| matches!(w.as_str(), "st" | "nd" | "rd" | "th"))
    }

    /// "seven", "twenty-six", "two hundred and fifty", "three million",
    /// "five percent". A lone "one" (one of the) gives nothing.
    fn number_phrase(&mut self, i: usize) -> Option<usize> {
        let (mut total, mut current) = (0.0f64, 0u64);
        let mut words = 0;
        let mut lone_one = true;
        let mut k = i;
        let mut end = i;
        while let Some((w, e)) = self.word_at(k) {
            let Some(word) = en::number_word(&w) else {
                if w == "and" && words > 0 && current >= 100 && current % 100 == 0 {
                    k = self.skip_spaces(e);
                    continue;
                }
                break;
            };
            match word {
                en::Word::Unit(u) if current % 10 == 0 && (current % 100 == 0 || u < 10) => {
                    if current % 100 != 0 && u >= 10 {
                        break;
                    }
                    current += u;
                    lone_one &= u == 1;
                }
                en::Word::Tens(t) if current % 100 == 0 => {
                    current += t;
                    lone_one = false;
                }
                en::Word::Hundred if words > 0 && current > 0 && current < 10 => {
                    current *= 100;
                    lone_one = false;
                }
                en::Word::Scale(s) if words > 0 => {
                    total += current.max(1) as f64 * s;
                    current = 0;
                    lone_one = false;
                }
                _ => break,
            }
            words += 1;
            end = e;
            k = e;
            if matches!(self.at(k), Some('-'))
                && self.at(k + 1).is_some_and(|c| c.is_ascii_alphabetic())
            {
                k += 1;
            } else {
                k = self.skip_spaces(k);
            }
        }
        if words == 0 {
            return None;
        }
        let mut value = total + current as f64;
        // "four decades" is forty years, "two dozen" twenty-four.
        if let Some((w, e)) = self.word_at(self.skip_spaces(end)) {
            let times = match w.as_str() {
                "decade" | "decades" => 10.0,
                "dozen" => 12.0,
                _ => 1.0,
            };
            if times > 1.0 {
                value *= times;
                end = e;
                lone_one = false;
            }
        }
        let after = self.skip_spaces(end);
        if let Some(pend) = self.percent_after(after) {
            self.push(value, NumberKind::Percent, i, pend);
            return Some(pend);
        }
        // "twenty-first": tens then an ordinal.
        if self.at(end) == Some('-') {
            if let Some((w, e)) = self.word_at(end + 1) {
                if let Some(o) = en::ordinal_word(&w).filter(|&o| o < 10) {
                    self.push(value + o as f64, NumberKind::Ordinal, i, e);
                    return Some(e);
                }
            }
        }
        if !lone_one {
            self.push(value, NumberKind::Cardinal, i, end);
        }
        Some(end)
    }

    /// "sixth", "forty-seventh" (handled as tens + ordinal above), but not
    /// "first".
    fn ordinal_phrase(&mut self, w: &str, i: usize, e: usize) -> Option<usize> {
        let o = en::ordinal_word(w)?;
        if o > 1 {
            self.push(o as f64, NumberKind::Ordinal, i, e);
        }
        Some(e)
    }
}

/// A year: a four-digit integer between 1800 and 2100.
fn is_year(r: &Read) -> bool {
    r.four_digits && (1800.0..=2100.0).contains(&r.value)
}

/// Full-width digits and signs to ASCII (positions are kept per char).
fn fold(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '％' => '%',
        '．' => '.',
        '－' | '—' | '–' => '-',
        _ => c,
    }
}

#[cfg(test)]
mod tests;
