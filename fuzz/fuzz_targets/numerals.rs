//! The Chinese number, money, percentage and date helpers behind the template filters, with
//! their invariants: no panic for any input, 万元 and percentages read back to the value
//! they round, spelled numbers use only numeral characters.
#![no_main]

use icp_docs::templates::percent;
use icp_docs::zh::date::{Date, DateStyle};
use icp_docs::zh::numerals::{
    chinese_number, hundredths, percent_of_hundredths, rmb_upper, thousands, wan,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 16 {
        return;
    }
    let n = u64::from_le_bytes(data[..8].try_into().unwrap_or_default());
    let f = f64::from_le_bytes(data[8..16].try_into().unwrap_or_default());
    let text = String::from_utf8_lossy(&data[16..]);

    // 万元: two decimals, rounded half up, exact for every u64.
    let w = wan(n);
    let (whole, fraction) = w.split_once('.').unwrap_or((&w, ""));
    let cents: u128 = whole.parse::<u128>().unwrap() * 100
        + match fraction.len() {
            0 => 0,
            1 => fraction.parse::<u128>().unwrap() * 10,
            _ => fraction.parse::<u128>().unwrap(),
        };
    assert_eq!(cents, (u128::from(n) + 50) / 100, "wan({n}) = {w}");
    assert_eq!(thousands(n).replace(',', ""), n.to_string());
    let upper = rmb_upper(n);
    assert!(upper.ends_with("元整"));
    assert!(upper
        .trim_end_matches("元整")
        .chars()
        .all(|c| "零壹贰叁肆伍陆柒捌玖拾佰仟万亿".contains(c)));
    let spelled = chinese_number(n);
    assert!(
        spelled
            .chars()
            .all(|c| "零一二三四五六七八九十百千万亿".contains(c)),
        "{spelled}"
    );

    // Percentages: what is printed reads back to within half a hundredth of the value.
    let printed = percent(f);
    if f.is_finite() && f.abs() < 1e12 {
        let h = hundredths(f);
        assert_eq!(printed, percent_of_hundredths(h));
        let back: f64 = printed.trim_end_matches('%').parse().unwrap();
        assert!(
            (back - f).abs() <= 0.005 + f.abs() * 1e-12,
            "{f} printed as {printed}"
        );
    }

    if let Some(date) = Date::parse(text.trim()) {
        for style in [DateStyle::Arabic, DateStyle::Chinese] {
            assert!(date.format(style).ends_with('日'));
        }
        let _ = date.unix_seconds();
    }
});
