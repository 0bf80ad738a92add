//! Properties over many generated inputs: the identifier checks agree with an independent
//! formulation of their standards, numerals and money read back to the number they spell,
//! and sums of money and shares never wrap or disagree with their rows.

use icp_docs::check::input::{check_numbers, MAX_FIGURE};
use icp_docs::profile::ids::{check_credit_code, check_id_number};
use icp_docs::profile::Profile;
use icp_docs::zh::date::Date;
use icp_docs::zh::numerals::{
    chinese_number, hundredths, percent_of_hundredths, rmb_upper, thousands, wan,
};
use proptest::prelude::*;

// ---- Independent formulations ----------------------------------------------------------

/// GB 32100-2015, written from the standard: 31 code characters (no I, O, S, V, Z), the
/// i-th weight is 3^i mod 31, and the check character makes the weighted sum of all 18
/// a multiple of 31. Positions 3–8 are the administrative region (digits).
fn credit_code_is_valid(code: &str) -> bool {
    const CHARS: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    let values: Vec<u64> = code
        .chars()
        .filter_map(|c| CHARS.find(c).map(|i| i as u64))
        .collect();
    if code.chars().count() != 18 || values.len() != 18 {
        return false;
    }
    if !code.chars().skip(2).take(6).all(|c| c.is_ascii_digit()) {
        return false;
    }
    let weighted: u64 = (0..17).map(|i| values[i] * 3u64.pow(i as u32) % 31).sum();
    (weighted + values[17]).is_multiple_of(31)
}

/// GB 11643-1999: ISO 7064 MOD 11-2 over all 18 characters (X = 10) leaves 1, and
/// characters 7–14 are a real birth date between 1800 and `today`.
fn id_number_is_valid(id: &str, today: (u32, u32, u32)) -> bool {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() != 18 || !chars[..17].iter().all(char::is_ascii_digit) {
        return false;
    }
    let last = match chars[17] {
        'X' | 'x' => 10,
        c => match c.to_digit(10) {
            Some(d) => d,
            None => return false,
        },
    };
    let digit = |i: usize| chars[i].to_digit(10).unwrap_or(0);
    let number = |from: usize, len: usize| (from..from + len).fold(0, |n, i| n * 10 + digit(i));
    let (year, month, day) = (number(6, 4), number(10, 2), number(12, 2));
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let real = (1..=12).contains(&month) && day >= 1 && day <= days[month as usize - 1];
    if !real || year < 1800 || (year, month, day) > today {
        return false;
    }
    let sum: u32 = (0..18)
        .map(|i| {
            let a = if i == 17 { last } else { digit(i) };
            a * (2u32.pow(17 - i as u32) % 11)
        })
        .sum();
    sum % 11 == 1
}

/// Reads a Chinese numeral (ordinary or financial) below 10^16 back: groups split at 万亿,
/// 亿 and 万, units 十/拾, 百/佰, 千/仟 within a group, 零 only as a separator.
fn read_chinese(text: &str) -> u64 {
    fn group(text: &str) -> u64 {
        let mut total = 0;
        let mut digit = None;
        for c in text.chars() {
            let unit = match c {
                '十' | '拾' => 10,
                '百' | '佰' => 100,
                '千' | '仟' => 1000,
                '零' => {
                    digit = None;
                    continue;
                }
                _ => {
                    digit = Some(
                        "零一二三四五六七八九"
                            .chars()
                            .position(|d| d == c)
                            .or_else(|| "零壹贰叁肆伍陆柒捌玖".chars().position(|d| d == c))
                            .unwrap_or_else(|| panic!("not a numeral: {c}"))
                            as u64,
                    );
                    continue;
                }
            };
            total += digit.take().unwrap_or(1) * unit;
        }
        total + digit.unwrap_or(0)
    }
    fn split(text: &str) -> u64 {
        // 万亿 is one unit (10^12): `壹万亿贰仟亿` is 1.2 × 10^12.
        for (unit, value) in [
            ("万亿", 1_000_000_000_000),
            ("亿", 100_000_000),
            ("万", 10_000),
        ] {
            if let Some(at) = text.find(unit) {
                return split(&text[..at]) * value + split(&text[at + unit.len()..]);
            }
        }
        group(text)
    }
    split(text)
}

// ---- Identifiers -----------------------------------------------------------------------

fn credit_code() -> impl Strategy<Value = String> {
    const CHARS: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXYIOSZ";
    (
        prop::collection::vec(prop::sample::select(CHARS), 17),
        prop::sample::select(CHARS),
        any::<bool>(),
    )
        .prop_map(|(body, last, fix)| {
            let mut code: String = body.iter().map(|&b| b as char).collect();
            if fix {
                // Make half of them pass the checksum, so both outcomes are exercised.
                let valid = "0123456789ABCDEFGHJKLMNPQRTUWXY";
                for c in valid.chars() {
                    if credit_code_is_valid(&format!("{code}{c}")) {
                        code.push(c);
                        return code;
                    }
                }
            }
            code.push(last as char);
            code
        })
}

fn id_number() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(0u8..10, 6),
        1790u32..2030,
        0u32..14,
        0u32..33,
        prop::collection::vec(0u8..10, 3),
        prop::sample::select(b"0123456789Xx".to_vec()),
        any::<bool>(),
    )
        .prop_map(|(region, year, month, day, seq, last, fix)| {
            let mut id: String = region.iter().map(|d| (b'0' + d) as char).collect();
            id.push_str(&format!("{year:04}{month:02}{day:02}"));
            id.extend(seq.iter().map(|d| (b'0' + d) as char));
            if fix {
                for c in "0123456789X".chars() {
                    if id_number_is_valid(&format!("{id}{c}"), (2100, 1, 1)) {
                        id.push(c);
                        return id;
                    }
                }
            }
            id.push(last as char);
            id
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn credit_codes_agree_with_the_standard(code in credit_code()) {
        prop_assert_eq!(check_credit_code(&code).is_ok(), credit_code_is_valid(&code), "{}", code);
    }

    #[test]
    fn id_numbers_agree_with_the_standard(id in id_number()) {
        let today = Date::new(2026, 12, 8).unwrap();
        prop_assert_eq!(
            check_id_number(&id, today).is_ok(),
            id_number_is_valid(&id, (2026, 12, 8)),
            "{}", id
        );
    }

    // ---- Numerals and money ------------------------------------------------------------

    #[test]
    fn financial_numerals_read_back(n in 0u64..10_000_000_000_000_000) {
        let upper = rmb_upper(n);
        let digits = upper.strip_suffix("元整").unwrap();
        prop_assert_eq!(read_chinese(digits), n, "{}", upper);
        prop_assert!(!digits.contains("零零"), "{}", upper);
        prop_assert!(n == 0 || !digits.ends_with('零'), "{}", upper);
    }

    #[test]
    fn ordinary_numerals_read_back(n in 0u64..10_000_000_000_000_000) {
        let spelled = chinese_number(n);
        prop_assert_eq!(read_chinese(&spelled), n, "{}", spelled);
        prop_assert!(!spelled.starts_with("一十"), "{}", spelled);
    }

    #[test]
    fn wan_and_thousands_read_back(n in any::<u64>()) {
        let w = wan(n);
        let value: f64 = w.parse().unwrap();
        let exact = n as f64 / 10_000.0;
        prop_assert!((value - exact).abs() <= 0.005 + exact * 1e-15, "{} → {}", n, w);
        prop_assert!(w.split_once('.').is_none_or(|(_, f)| f.len() <= 2 && !f.ends_with('0')));
        let t = thousands(n);
        prop_assert_eq!(t.replace(',', ""), n.to_string());
        prop_assert!(t.split(',').skip(1).all(|g| g.len() == 3));
    }

    #[test]
    fn percentages_read_back(share in 0.0f64..=100.0) {
        let h = hundredths(share);
        let printed = percent_of_hundredths(h);
        let back: f64 = printed.trim_end_matches('%').parse().unwrap();
        prop_assert!((back - share).abs() <= 0.005 + 1e-9, "{} → {}", share, printed);
        prop_assert_eq!(icp_docs::templates::percent(share), printed);
    }

    // ---- Sums --------------------------------------------------------------------------

    #[test]
    fn contribution_sums_never_wrap(
        contributions in prop::collection::vec(
            prop_oneof![any::<u64>(), 0u64..=MAX_FIGURE, Just(u64::MAX), Just(MAX_FIGURE)],
            1..6,
        ),
    ) {
        let mut profile = example();
        let template = profile.company.shareholders[0].clone();
        profile.company.shareholders = contributions
            .iter()
            .map(|&c| {
                let mut s = template.clone();
                s.contribution = c;
                s.share = 100.0 / contributions.len() as f64;
                s
            })
            .collect();
        let exact: u128 = contributions.iter().map(|&c| u128::from(c)).sum();
        let findings = check_numbers(&profile);
        let refused = findings
            .iter()
            .any(|f| f.rule == "money-sum-range" || f.rule == "number-range");
        prop_assert_eq!(refused, exact > u128::from(MAX_FIGURE), "{:?}", findings);
        let total = icp_docs::context::overview::overview(&profile).contribution_total;
        prop_assert_eq!(u128::from(total), exact.min(u128::from(u64::MAX)));
    }

    #[test]
    fn share_totals_are_the_printed_rows(shares in prop::collection::vec(0.01f64..100.0, 1..6)) {
        let mut profile = example();
        let template = profile.company.shareholders[0].clone();
        profile.company.shareholders = shares
            .iter()
            .map(|&share| {
                let mut s = template.clone();
                s.share = share;
                s
            })
            .collect();
        let rows: i64 = shares.iter().map(|&s| hundredths(s)).sum();
        let total = icp_docs::context::overview::overview(&profile).share_total;
        prop_assert_eq!(total, rows as f64 / 100.0);
        let raw: f64 = shares.iter().sum();
        let rounding = check_numbers(&profile).iter().any(|f| f.rule == "shares-rounding");
        prop_assert_eq!(rounding, (raw - 100.0).abs() <= 0.01 && rows != 10_000);
    }
}

fn example() -> Profile {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/example.yaml"),
    )
    .unwrap();
    serde_yaml::from_str(&text).unwrap()
}
