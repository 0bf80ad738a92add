//! Chinese identifiers: check characters and formats (GB 32100-2015, GB 11643-1999, 备案 and
//! licence numbers, domains, phone numbers, e-mail).

use crate::zh::date::Date;

const CREDIT_CODE_CHARSET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const CREDIT_CODE_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// Why a 统一社会信用代码 is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CreditCodeError {
    Format,
    CheckCharacter { expected: char },
}

/// Validates a 统一社会信用代码 (18 characters, GB 32100-2015 check character).
pub fn check_credit_code(code: &str) -> Result<(), CreditCodeError> {
    let chars: Vec<char> = code.chars().collect();
    if chars.len() != 18 {
        return Err(CreditCodeError::Format);
    }
    let values: Option<Vec<u32>> = chars
        .iter()
        .map(|c| CREDIT_CODE_CHARSET.find(*c).map(|i| i as u32))
        .collect();
    let values = values.ok_or(CreditCodeError::Format)?;
    if !chars[2..8].iter().all(char::is_ascii_digit) {
        return Err(CreditCodeError::Format);
    }
    let sum: u32 = values[..17]
        .iter()
        .zip(CREDIT_CODE_WEIGHTS)
        .map(|(v, w)| v * w)
        .sum();
    let check = (31 - sum % 31) % 31;
    let expected = CREDIT_CODE_CHARSET
        .chars()
        .nth(check as usize)
        .unwrap_or('0');
    if chars[17] == expected {
        Ok(())
    } else {
        Err(CreditCodeError::CheckCharacter { expected })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdNumberError {
    Format,
    BirthDate,
    CheckDigit { expected: char },
}

/// Validates an 18-digit 居民身份证号码: birth date and ISO 7064 MOD 11-2 check digit.
pub fn check_id_number(id: &str, today: Date) -> Result<(), IdNumberError> {
    let chars: Vec<char> = id.chars().map(|c| c.to_ascii_uppercase()).collect();
    if chars.len() != 18
        || !chars[..17].iter().all(char::is_ascii_digit)
        || !(chars[17].is_ascii_digit() || chars[17] == 'X')
    {
        return Err(IdNumberError::Format);
    }
    let birth: String = chars[6..14].iter().collect();
    let birth = Date::parse(&format!(
        "{}-{}-{}",
        &birth[0..4],
        &birth[4..6],
        &birth[6..8]
    ))
    .filter(|d| *d <= today && d.year >= 1800)
    .ok_or(IdNumberError::BirthDate)?;
    let _ = birth;
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = chars[..17]
        .iter()
        .zip(WEIGHTS)
        .map(|(c, w)| c.to_digit(10).unwrap_or(0) * w)
        .sum();
    let expected = "10X98765432"
        .chars()
        .nth((sum % 11) as usize)
        .unwrap_or('0');
    if chars[17] == expected {
        Ok(())
    } else {
        Err(IdNumberError::CheckDigit { expected })
    }
}

/// All 备案 prefixes in use (RESEARCH §6).
pub const ICP_PREFIXES: [&str; 34] = [
    "京", "津", "冀", "晋", "蒙", "辽", "吉", "黑", "沪", "苏", "浙", "皖", "闽", "赣", "鲁", "豫",
    "鄂", "湘", "粤", "桂", "琼", "渝", "蜀", "川", "黔", "贵", "滇", "云", "藏", "陕", "陇", "甘",
    "青", "宁",
];

/// A parsed ICP备案号: `浙ICP备2021018846号-1`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcpFiling {
    pub prefix: String,
    pub digits: usize,
}

/// Parses an ICP备案号 (`{简称}ICP备{6–10 digits}号[-n[A|X|K]]`).
pub fn parse_icp_filing(text: &str) -> Option<IcpFiling> {
    let (prefix, rest) = text.split_once("ICP备")?;
    if !ICP_PREFIXES.contains(&prefix) && prefix != "新" {
        return None;
    }
    let (digits, suffix) = rest.split_once('号')?;
    if !(6..=10).contains(&digits.len()) || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if !suffix.is_empty() {
        let index = suffix.strip_prefix('-')?;
        let index = index.trim_end_matches(['A', 'X', 'K']);
        if index.is_empty() || index.len() > 3 || !index.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
    }
    Some(IcpFiling {
        prefix: prefix.to_string(),
        digits: digits.len(),
    })
}

/// A telecom licence number: `浙B1-20190001`, `粤B2-20090059`, cross-regional `B1-20233776`.
pub fn check_licence_number(text: &str) -> bool {
    let text = text.strip_suffix('号').unwrap_or(text);
    let Some(index) = text.find(['A', 'B']) else {
        return false;
    };
    let (prefix, rest) = text.split_at(index);
    let prefix_ok = prefix.is_empty() || prefix.chars().count() == 1;
    let Some((class, number)) = rest.split_once('-') else {
        return false;
    };
    // Carriers hold one licence for several classes: A2.B1.B2-20090003.
    prefix_ok
        && class
            .split('.')
            .all(|c| matches!(c, "A1" | "A2" | "B1" | "B2"))
        && number.len() == 8
        && number.chars().all(|c| c.is_ascii_digit())
}

/// A registrable domain name (ASCII or already punycoded), no scheme or path.
pub fn check_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    domain.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels.last().is_some_and(|tld| {
            tld.chars().all(|c| c.is_ascii_alphabetic()) || tld.starts_with("xn--")
        })
}

/// A mainland mobile number: 11 digits starting with 1[3-9].
pub fn check_mobile(mobile: &str) -> bool {
    let bytes = mobile.as_bytes();
    bytes.len() == 11
        && bytes.iter().all(u8::is_ascii_digit)
        && bytes[0] == b'1'
        && (b'3'..=b'9').contains(&bytes[1])
}

/// A plausible e-mail address (one @, a domain with a dot, no spaces).
pub fn check_email(email: &str) -> bool {
    match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !local.contains(char::is_whitespace)
                && !domain.contains('@')
                && check_domain(domain)
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credit_codes() {
        for valid in [
            "91440300708461136T",
            "91110108551385082Q",
            "91350100M000100Y43",
            "91330106MA2H3K5L0W",
            "91440300MA5F12342Q",
            "91330100123456788G",
        ] {
            assert_eq!(check_credit_code(valid), Ok(()), "{valid}");
        }
        assert_eq!(
            check_credit_code("911100001000013130"),
            Err(CreditCodeError::CheckCharacter { expected: 'C' })
        );
        assert_eq!(
            check_credit_code("91330106MA2J7Q4TX"),
            Err(CreditCodeError::Format)
        );
        assert_eq!(
            check_credit_code("91330106MA2J7Q4TXI"),
            Err(CreditCodeError::Format)
        );
    }

    #[test]
    fn id_numbers() {
        let today = Date::new(2026, 12, 1).unwrap();
        for valid in [
            "11010519491231002X",
            "440524188001010014",
            "330106199003071236",
            "440305198512314561",
        ] {
            assert_eq!(check_id_number(valid, today), Ok(()), "{valid}");
        }
        assert_eq!(
            check_id_number("110105194912310021", today),
            Err(IdNumberError::CheckDigit { expected: 'X' })
        );
        assert_eq!(
            check_id_number("110105194913310021", today),
            Err(IdNumberError::BirthDate)
        );
        assert_eq!(
            check_id_number("11010519491231002", today),
            Err(IdNumberError::Format)
        );
    }

    #[test]
    fn icp_filings_and_licences() {
        assert_eq!(
            parse_icp_filing("浙ICP备2021018846号-1").map(|f| f.prefix),
            Some("浙".to_string())
        );
        assert!(parse_icp_filing("陕ICP备2024026116号-1A").is_some());
        assert!(parse_icp_filing("粤ICP备19003986号").is_some());
        assert!(parse_icp_filing("ICP备2021018846号").is_none());
        assert!(parse_icp_filing("浙ICP备20号").is_none());
        assert!(check_licence_number("浙B1-20190001"));
        assert!(check_licence_number("粤B2-20090059号"));
        assert!(check_licence_number("B2-20233776"));
        assert!(check_licence_number("A2.B1.B2-20090003"));
        assert!(!check_licence_number("A2.C1-20090003"));
        assert!(!check_licence_number("浙B1-2019001"));
        assert!(!check_licence_number("星垣IDC"));
    }

    #[test]
    fn contacts() {
        assert!(check_domain("qinghe-edu.cn"));
        assert!(!check_domain("https://qinghe-edu.cn"));
        assert!(!check_domain("localhost"));
        assert!(check_mobile("13805712345"));
        assert!(!check_mobile("0571-8690123"));
        assert!(check_email("contact@qinghe-edu.cn"));
        assert!(!check_email("contact at qinghe"));
    }
}
