//! Numbers as values, however they are written: "20,000", "three", "two hundred", "2.5
//! million", "$2bn", "450m", 三万二千, "32万", 百分之六. Two statements that state the same
//! quantity share one canonical term ("32000"), and a different quantity can be told apart
//! from a missing one (the conflict check).

/// The value of a run of ASCII digits with optional thousands commas and one decimal point.
pub fn parse_digits(s: &str) -> Option<f64> {
    // Most words are not numbers: decide that before allocating.
    if !s.starts_with(|c: char| c.is_ascii_digit())
        || !s.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '，'))
    {
        return None;
    }
    if s.contains([',', '，']) {
        s.replace([',', '，'], "").parse().ok()
    } else {
        s.parse().ok()
    }
}

/// English number words below a hundred, and "a dozen".
pub fn word_value(w: &str) -> Option<f64> {
    const SMALL: [&str; 20] = [
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
    const TENS: [&str; 8] = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    if let Some(i) = SMALL.iter().position(|x| *x == w) {
        return Some(i as f64);
    }
    if let Some(i) = TENS.iter().position(|x| *x == w) {
        return Some((i as f64 + 2.0) * 10.0);
    }
    (w == "dozen").then_some(12.0)
}

/// Multipliers written as words or suffixes: "million", "bn", "k".
pub fn scale_value(w: &str) -> Option<f64> {
    Some(match w {
        "hundred" => 1e2,
        "thousand" | "k" => 1e3,
        "million" | "millions" | "m" | "mn" | "mln" => 1e6,
        "billion" | "billions" | "bn" | "b" => 1e9,
        "trillion" | "trillions" | "tn" | "trn" => 1e12,
        _ => return None,
    })
}

/// Chinese numerals, with or without Arabic digits: 三万二千 → 32000, 32万 → 320000,
/// 一点五 → 1.5, 两百 → 200. `None` unless the whole string is a number.
pub fn chinese_value(s: &str) -> Option<f64> {
    let (int, frac) = match s.split_once('点') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    // Completed 亿 and 万 parts, the part below 万, and the digit waiting for its unit.
    let (mut yi, mut wan, mut section) = (0.0, 0.0, 0.0);
    let mut digit: Option<f64> = None;
    let mut any = false;
    let mut chars = int.chars().peekable();
    while let Some(c) = chars.next() {
        any = true;
        if c.is_ascii_digit() {
            let mut run = String::from(c);
            while let Some(&n) = chars.peek().filter(|n| n.is_ascii_digit() || matches!(n, '.' | ',')) {
                run.push(n);
                chars.next();
            }
            digit = Some(parse_digits(&run)?);
        } else if let Some(d) = chinese_digit(c) {
            digit = Some(d);
        } else {
            match c {
                '亿' => {
                    let part = yi + wan + section + digit.take().unwrap_or(0.0);
                    yi = if part == 0.0 { 1.0 } else { part } * 1e8;
                    (wan, section) = (0.0, 0.0);
                }
                '万' => {
                    let part = section + digit.take().unwrap_or(0.0);
                    wan = if part == 0.0 { 1.0 } else { part } * 1e4;
                    section = 0.0;
                }
                '十' | '百' | '千' => {
                    let unit = match c {
                        '十' => 10.0,
                        '百' => 100.0,
                        _ => 1000.0,
                    };
                    section += digit.take().unwrap_or(1.0) * unit;
                }
                _ => return None,
            }
        }
    }
    if !any {
        return None;
    }
    let mut value = yi + wan + section + digit.unwrap_or(0.0);
    if let Some(f) = frac {
        let digits: Option<String> = f
            .chars()
            .map(|c| c.to_digit(10).map(f64::from).or(chinese_digit(c)))
            .map(|d| d.map(|d| char::from(b'0' + d as u8)))
            .collect();
        value += format!("0.{}", digits?).parse::<f64>().ok()?;
    }
    Some(value)
}

fn chinese_digit(c: char) -> Option<f64> {
    match c {
        '两' => Some(2.0),
        '〇' => Some(0.0),
        _ => "零一二三四五六七八九".chars().position(|d| d == c).map(|i| i as f64),
    }
}

/// The canonical term of a value: no trailing zeros, no exponent ("32000", "2.5").
pub fn canonical(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e18 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// The canonical unit word for an abbreviation or variant, if it is one.
pub fn unit(w: &str) -> Option<&'static str> {
    Some(match w {
        "%" | "％" | "percent" | "pct" | "percentage" => "percent",
        "lb" | "lbs" | "pound" | "pounds" => "pound",
        "kg" | "kgs" | "kilogram" | "kilograms" | "kilo" | "kilos" => "kilogram",
        "km" | "kms" | "kilometre" | "kilometres" | "kilometer" | "kilometers" => "kilometre",
        "mi" | "mile" | "miles" => "mile",
        "ft" | "foot" | "feet" => "foot",
        "inch" | "inches" => "inch",
        "cm" | "centimetre" | "centimetres" | "centimeter" | "centimeters" => "centimetre",
        "mm" | "millimetre" | "millimetres" | "millimeter" | "millimeters" => "millimetre",
        "oz" | "ounce" | "ounces" => "ounce",
        "mph" => "mph",
        "kwh" => "kwh",
        "mw" | "megawatt" | "megawatts" => "megawatt",
        "gw" | "gigawatt" | "gigawatts" => "gigawatt",
        "yr" | "yrs" | "year" | "years" => "year",
        "month" | "months" => "month",
        "week" | "weeks" => "week",
        "day" | "days" => "day",
        "hour" | "hours" | "hr" | "hrs" => "hour",
        "minute" | "minutes" | "min" | "mins" => "minute",
        "o'clock" | "o’clock" => super::clock::UNIT,
        "metre" | "metres" | "meter" | "meters" => "metre",
        "tonne" | "tonnes" | "ton" | "tons" => "tonne",
        "$" | "usd" | "dollar" | "dollars" => "dollar",
        "£" | "gbp" | "sterling" => "sterling",
        "€" | "eur" | "euro" | "euros" => "euro",
        "成" => "percent",
        "元" | "人民币" => "yuan",
        "美元" => "dollar",
        "欧元" => "euro",
        "英镑" => "sterling",
        "公里" => "kilometre",
        "公斤" | "千克" => "kilogram",
        "分钟" => "minute",
        "小时" => "hour",
        "米" => "metre",
        "吨" => "tonne",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_and_words() {
        assert_eq!(parse_digits("20,000"), Some(20000.0));
        assert_eq!(parse_digits("5.5"), Some(5.5));
        assert_eq!(parse_digits("abc"), None);
        assert_eq!(word_value("three"), Some(3.0));
        assert_eq!(word_value("forty"), Some(40.0));
        assert_eq!(scale_value("bn"), Some(1e9));
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(chinese_value("三万二千"), Some(32000.0));
        assert_eq!(chinese_value("32万"), Some(320000.0));
        assert_eq!(chinese_value("三十二万"), Some(320000.0));
        assert_eq!(chinese_value("十五"), Some(15.0));
        assert_eq!(chinese_value("两百"), Some(200.0));
        assert_eq!(chinese_value("一点五"), Some(1.5));
        assert_eq!(chinese_value("1.5亿"), Some(150_000_000.0));
        assert_eq!(chinese_value("六"), Some(6.0));
        assert_eq!(chinese_value("一亿三千万"), Some(130_000_000.0));
        assert_eq!(chinese_value("增长"), None);
    }

    #[test]
    fn canonical_terms() {
        assert_eq!(canonical(32000.0), "32000");
        assert_eq!(canonical(2.5), "2.5");
        assert_eq!(canonical(2.5e9), "2500000000");
    }
}
