//! Chinese numerals: ordinary (二十六), financial capitals (壹佰万元整) and 万元 amounts.

const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
const CAPITAL_DIGITS: [&str; 10] = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"];

/// `26` → `二十六`, `105` → `一百零五`, `10` → `十` (the leading 一 of 一十 is dropped, as usual).
pub fn chinese_number(n: u64) -> String {
    let text = spell(n, &DIGITS, ["", "十", "百", "千"]);
    match text.strip_prefix("一十") {
        Some(rest) => format!("十{rest}"),
        None => text,
    }
}

/// Amount in yuan written in financial capitals: `1000000` → `壹佰万元整`.
pub fn rmb_upper(yuan: u64) -> String {
    format!(
        "{}元整",
        spell(yuan, &CAPITAL_DIGITS, ["", "拾", "佰", "仟"])
    )
}

/// Yuan as 万元 with at most two decimals, rounded half up: `1000000` → `100`,
/// `1234500` → `123.45`. Exact for every `u64` (the rounding cannot overflow).
pub fn wan(yuan: u64) -> String {
    let cents_of_wan = (u128::from(yuan) + 50) / 100; // rounded to 0.01 万元
    let (whole, frac) = (cents_of_wan / 100, cents_of_wan % 100);
    match frac {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole}.{}", f / 10),
        f => format!("{whole}.{f:02}"),
    }
}

/// A percentage in hundredths of a percent, rounded half away from zero from its shortest
/// decimal form (the digits as written in the profile: `33.335` → 3334, although the
/// nearest `f64` lies a little below 33.335). Every share is printed from this value, and
/// a 合计 adds these values, so a printed column always adds up. Saturates far outside any
/// share's range; not finite gives 0.
pub fn hundredths(value: f64) -> i64 {
    if !value.is_finite() {
        return 0;
    }
    // `Display` for f64 prints the shortest digits that read back to the same value, and
    // never in exponent form.
    let text = format!("{}", value.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let digit = |i: usize| i64::from(fraction.as_bytes().get(i).map_or(0, |b| b - b'0'));
    let whole: i64 = if whole.len() > 16 {
        i64::MAX / 100
    } else {
        whole.parse().unwrap_or(0)
    };
    let rounded = (whole * 100).saturating_add(digit(0) * 10 + digit(1) + i64::from(digit(2) >= 5));
    if value < 0.0 {
        -rounded
    } else {
        rounded
    }
}

/// Hundredths of a percent as printed: `3334` → `33.34%`, `1250` → `12.5%`, `6000` → `60%`.
pub fn percent_of_hundredths(hundredths: i64) -> String {
    let sign = if hundredths < 0 { "-" } else { "" };
    let h = hundredths.unsigned_abs();
    let (whole, fraction) = (h / 100, h % 100);
    match fraction {
        0 => format!("{sign}{whole}%"),
        f if f % 10 == 0 => format!("{sign}{whole}.{}%", f / 10),
        f => format!("{sign}{whole}.{f:02}%"),
    }
}

/// `1800000` → `1,800,000`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Spells `n` with the given digits and in-group units, grouping by 万 and 亿.
fn spell(n: u64, digits: &[&str; 10], units: [&str; 4]) -> String {
    if n == 0 {
        return digits[0].to_string();
    }
    const GROUP_UNITS: [&str; 5] = ["", "万", "亿", "万亿", "亿亿"];
    let mut groups = Vec::new();
    let mut rest = n;
    while rest > 0 {
        groups.push(rest % 10_000);
        rest /= 10_000;
    }
    let mut out = String::new();
    let mut pending_zero = false;
    for (index, &group) in groups.iter().enumerate().rev() {
        if group == 0 {
            pending_zero = !out.is_empty();
            continue;
        }
        if pending_zero || (!out.is_empty() && group < 1000) {
            out.push_str(digits[0]);
        }
        pending_zero = false;
        out.push_str(&spell_group(group, digits, units));
        out.push_str(GROUP_UNITS[index]);
    }
    out
}

fn spell_group(group: u64, digits: &[&str; 10], units: [&str; 4]) -> String {
    let mut out = String::new();
    let mut zero = false;
    for position in (0..4).rev() {
        let digit = (group / 10u64.pow(position)) % 10;
        if digit == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push_str(digits[0]);
            zero = false;
        }
        out.push_str(digits[digit as usize]);
        out.push_str(units[position as usize]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_numbers() {
        assert_eq!(chinese_number(0), "零");
        assert_eq!(chinese_number(10), "十");
        assert_eq!(chinese_number(14), "十四");
        assert_eq!(chinese_number(26), "二十六");
        assert_eq!(chinese_number(105), "一百零五");
        assert_eq!(chinese_number(1010), "一千零一十");
        assert_eq!(chinese_number(20_000), "二万");
        assert_eq!(chinese_number(150_000), "十五万");
    }

    #[test]
    fn financial_capitals() {
        assert_eq!(rmb_upper(1_000_000), "壹佰万元整");
        assert_eq!(rmb_upper(300_000), "叁拾万元整");
        assert_eq!(rmb_upper(10_050_000), "壹仟零伍万元整");
        assert_eq!(rmb_upper(100_000_001), "壹亿零壹元整");
        assert_eq!(rmb_upper(1_200_500), "壹佰贰拾万零伍佰元整");
    }

    #[test]
    fn wan_amounts() {
        assert_eq!(wan(1_000_000), "100");
        assert_eq!(wan(1_234_500), "123.45");
        assert_eq!(wan(1_800_000), "180");
        assert_eq!(wan(55_000), "5.5");
        assert_eq!(thousands(1_800_000), "1,800,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(wan(u64::MAX), "1844674407370955.16");
    }

    #[test]
    fn percentages_round_half_up_from_the_written_digits() {
        assert_eq!(hundredths(33.335), 3334);
        assert_eq!(hundredths(33.334), 3333);
        assert_eq!(hundredths(60.0), 6000);
        assert_eq!(hundredths(0.005), 1);
        assert_eq!(hundredths(-12.5), -1250);
        assert_eq!(hundredths(f64::NAN), 0);
        assert_eq!(hundredths(1e300), i64::MAX / 100 * 100);
        assert_eq!(percent_of_hundredths(3334), "33.34%");
        assert_eq!(percent_of_hundredths(1250), "12.5%");
        assert_eq!(percent_of_hundredths(-5000), "-50%");
    }
}
