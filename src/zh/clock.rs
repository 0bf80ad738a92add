//! Clock times in formal text.

/// Clock-time ranges as formal text writes them: `9:00-18:00` → `9:00至18:00`. A hyphen,
/// dash or tilde between two times reads as a minus or a 备案号's hyphen and lets a line
/// break inside the range; 「至」 does neither.
pub fn time_ranges(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let joins = matches!(c, '-' | '–' | '—' | '~' | '～' | '－')
            && ends_with_time(&chars[..i])
            && starts_with_time(&chars[i + 1..]);
        if joins {
            out.push('至');
        } else {
            out.push(c);
        }
    }
    out
}

/// `…9:00` or `…18:30`: one or two digits, a colon (ASCII or full-width), two digits.
fn ends_with_time(before: &[char]) -> bool {
    let n = before.len();
    n >= 4
        && before[n - 1].is_ascii_digit()
        && before[n - 2].is_ascii_digit()
        && matches!(before[n - 3], ':' | '：')
        && before[n - 4].is_ascii_digit()
}

/// `9:00…` or `18:30…`.
fn starts_with_time(after: &[char]) -> bool {
    let hour = after.iter().take_while(|c| c.is_ascii_digit()).count();
    (1..=2).contains(&hour)
        && after.get(hour).is_some_and(|c| matches!(c, ':' | '：'))
        && after.len() >= hour + 3
        && after[hour + 1].is_ascii_digit()
        && after[hour + 2].is_ascii_digit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_ranges_are_joined_by_zhi() {
        assert_eq!(
            time_ranges("工作日 9:00-18:00，在线客服 7×24 小时"),
            "工作日 9:00至18:00，在线客服 7×24 小时"
        );
        assert_eq!(time_ranges("每日 8:30～22:00"), "每日 8:30至22:00");
        assert_eq!(time_ranges("8:30 - 22:00"), "8:30 - 22:00");
        assert_eq!(time_ranges("0571-86901234"), "0571-86901234");
        assert_eq!(time_ranges("2021-03-15"), "2021-03-15");
    }
}
