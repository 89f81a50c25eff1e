//! Times of day as numbers of hours, so that 晚上十一点, 23点, "11pm" and "23:00" are the same
//! figure (23, unit `o'clock`) and 晚上十点 against 九点半 is a different one (22 against 21.5).

use super::numbers;
use super::tokens::Piece;

/// The unit a time of day is read with.
pub const UNIT: &str = "o'clock";

/// Words before a Chinese hour that make it afternoon or evening: 晚上十点 is 22:00.
const LATE: &[&str] = &["晚上", "下午", "傍晚", "夜里", "夜间", "深夜", "晚间", "今晚", "昨晚", "明晚", "晚"];
/// Other words before an hour that say 点 is o'clock, not a measure word (三点建议, "three
/// suggestions") or "a little" (有一点).
const BEFORE: &[&str] =
    &["上午", "早上", "早晨", "凌晨", "中午", "到", "至", "从", "在", "于", "截至", "每天"];
/// Words after an hour that say the same.
const AFTER: &[&str] = &[
    "半", "钟", "整", "前", "后", "起", "以前", "以后", "之前", "之后", "关门", "开门", "打烊", "营业",
    "开始", "结束",
];

/// A time of day starting at piece `i`: its value in hours and how many pieces it takes.
pub fn clock_at(text: &str, pieces: &[Piece], i: usize) -> Option<(f64, usize)> {
    // 23点: Arabic digits, then the Chinese word.
    if pieces[i].chinese || pieces.get(i + 1).is_some_and(|n| n.text == "点") {
        chinese(pieces, i)
    } else {
        english(text, pieces, i)
    }
}

fn hour(v: f64) -> Option<f64> {
    (v.fract() == 0.0 && (0.0..=24.0).contains(&v)).then_some(v)
}

/// 十一点, 23点, 九点半, 9点30分, each read as o'clock only where the words around say so.
fn chinese(pieces: &[Piece], i: usize) -> Option<(f64, usize)> {
    let text = |k: usize| pieces.get(k).map(|p| p.text.as_ref());
    let this = text(i)?;
    let (mut value, mut used, mut marked) = if let Some(h) = this.strip_suffix("点半") {
        (hour(numbers::chinese_value(h)?)? + 0.5, 1, true)
    } else if let Some(h) = this.strip_suffix('点') {
        (hour(numbers::chinese_value(h)?)?, 1, false)
    } else if text(i + 1) == Some("点") {
        (hour(numbers::chinese_value(this).or_else(|| numbers::parse_digits(this))?)?, 2, false)
    } else {
        return None;
    };
    if text(i + used) == Some("半") && value.fract() == 0.0 {
        (value, used, marked) = (value + 0.5, used + 1, true);
    } else if text(i + used + 1).is_some_and(|w| w.starts_with('分')) {
        let minutes =
            text(i + used).and_then(|m| numbers::chinese_value(m).or_else(|| numbers::parse_digits(m)));
        if let Some(m) = minutes.filter(|m| (0.0..60.0).contains(m)) {
            (value, used, marked) = (value + m / 60.0, used + 2, true);
        }
    }
    let before = i.checked_sub(1).and_then(text);
    let late = before.is_some_and(|w| LATE.contains(&w));
    let said = marked
        || late
        || before.is_some_and(|w| BEFORE.contains(&w))
        || text(i + used).is_some_and(|w| AFTER.iter().any(|a| w.starts_with(a)));
    if !said {
        return None;
    }
    if late && value < 12.0 {
        value += 12.0;
    }
    Some((value, used))
}

/// "11pm", "9.30pm", "11 p.m.", "10 am", "23:00", "9:30 pm".
fn english(text: &str, pieces: &[Piece], i: usize) -> Option<(f64, usize)> {
    let p = &pieces[i];
    let meridiem = |w: &str| match w {
        "am" | "a.m" => Some(false),
        "pm" | "p.m" => Some(true),
        _ => None,
    };
    let with = |h: f64, m: f64, pm: Option<bool>| {
        let h = match pm {
            Some(true) if h < 12.0 => h + 12.0,
            Some(false) if h == 12.0 => 0.0,
            _ => h,
        };
        h + m / 60.0
    };
    // One word: "11pm", "9.30pm".
    if let Some(split) = p.text.find(|c: char| c.is_ascii_alphabetic()) {
        let pm = meridiem(&p.text[split..])?;
        let (h, m) = hours_minutes(&p.text[..split], '.')?;
        return Some((with(h, m, Some(pm)), 1));
    }
    let h = hour(numbers::parse_digits(&p.text).filter(|_| p.text.len() <= 2)?)?;
    let mut used = 1;
    let mut m = 0.0;
    // "23:00": the minutes are the next piece, right after a colon.
    if let Some(next) = pieces.get(i + 1) {
        let colon = text[p.span.end..].starts_with(':') && next.span.start == p.span.end + 1;
        if colon && next.text.len() == 2 {
            m = numbers::parse_digits(&next.text).filter(|m| *m < 60.0)?;
            used = 2;
        }
    }
    let pm = pieces.get(i + used).and_then(|n| meridiem(&n.text));
    if pm.is_none() && used == 1 {
        return None;
    }
    Some((with(h, m, pm), used + usize::from(pm.is_some())))
}

/// "9.30" or "11" as hours and minutes.
fn hours_minutes(s: &str, sep: char) -> Option<(f64, f64)> {
    let (h, m) = s.split_once(sep).unwrap_or((s, "0"));
    let h = hour(numbers::parse_digits(h)?)?;
    let m = numbers::parse_digits(m).filter(|m| *m < 60.0)?;
    Some((h, m))
}

#[cfg(test)]
mod tests {
    use crate::compare::tokens::{Kind, Tokenizer};

    /// The times of day in `text`, as their number terms.
    fn times(text: &str) -> Vec<String> {
        let tokens = Tokenizer::default().tokens(text);
        tokens
            .windows(2)
            .filter(|w| w[0].kind == Kind::Number && w[1].term == super::UNIT)
            .map(|w| w[0].term.clone())
            .collect()
    }

    #[test]
    fn chinese_hours_are_read_in_context() {
        assert_eq!(times("营业时间将延长至晚上十一点。"), ["23"]);
        assert_eq!(times("42家大型超市下月起将营业到23点。"), ["23"]);
        assert_eq!(times("目前这些超市大多在晚上九点半关门。"), ["21.5"]);
        assert_eq!(times("目前这些超市大多晚上十点就关门了。"), ["22"]);
        assert_eq!(times("上午9点30分开门"), ["9.5"]);
        assert!(times("他提出了三点建议。").is_empty(), "a measure word");
        assert!(times("价格涨了一点五倍。").is_empty(), "a decimal point");
    }

    #[test]
    fn english_times_are_hours() {
        assert_eq!(times("Shops will close at 11pm."), ["23"]);
        assert_eq!(times("Shops will close at 11 p.m."), ["23"]);
        assert_eq!(times("Doors open at 9.30pm and 10 am."), ["21.5", "10"]);
        assert_eq!(times("The train leaves at 23:00, or 9:30 pm."), ["23", "21.5"]);
        assert!(times("The score was 3:1 after 11 minutes.").is_empty());
    }
}
