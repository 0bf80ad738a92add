//! Identifiers a line must never be broken inside: reviewers compare domains, e-mail
//! addresses, 备案号, licence numbers and dates with their registers, and a reader's copy of
//! a broken line drops the hyphen it was broken at (「qinghe-⏎edu.cn」 copies as
//! 「qingheedu.cn」, a wrong domain).
//!
//! Found by shape, not from the profile, so that every identifier in any text is kept
//! whole: a run of ASCII letters, digits and the characters of addresses (domains, URLs,
//! e-mail and IP addresses, phone numbers, credit codes, version numbers); a province
//! character with the 备案 or licence number it prefixes (粤ICP备2022087613号-1,
//! 浙B2-20210001); a date written with 年月日, in Arabic or Chinese numerals.

use std::ops::Range;

/// The character ranges of `chars` that are one identifier each (two or more characters).
pub(crate) fn unbreakable_spans(chars: &[char]) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let span = record_number(chars, i)
            .or_else(|| date(chars, i))
            .or_else(|| address(chars, i));
        match span {
            Some(end) if end > i + 1 => {
                spans.push(i..end);
                i = end;
            }
            _ => i += 1,
        }
    }
    spans
}

/// U+2060 WORD JOINER: no width, and no line may be broken at it (UAX #14 class WJ).
const WORD_JOINER: char = '\u{2060}';

/// U+200B ZERO WIDTH SPACE: no width, and a line may be broken at it.
const ZERO_WIDTH_SPACE: char = '\u{200B}';

/// `text` with the line-break hints a reader that breaks lines itself (Word, LibreOffice)
/// needs to break where the PDF does:
///
/// - a word joiner after each hyphen or slash inside an identifier, where they would break
///   (「qinghe-⏎edu.cn」). The hyphen stays a hyphen-minus: Word's own `w:noBreakHyphen`
///   is read as U+2011, which LibreOffice breaks around in a Chinese paragraph
///   (「shuangxu-io⏎t.com」) and a form would take as a different character. (LibreOffice
///   ignores a joiner where Latin letters meet Chinese ones, so none is put there);
/// - a zero-width space after a 、，； between two Latin or digit runs, where LibreOffice
///   finds no break and cuts a list of addresses inside one (「203.0.113.6⏎6、203.0.113.67」
///   in a table cell).
///
/// Both print nothing; the PDF, which users copy from, needs neither.
pub fn with_break_hints(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut joined = vec![false; chars.len()];
    for span in unbreakable_spans(&chars) {
        let last = span.end - 1;
        for i in span.start..last {
            joined[i] = matches!(chars[i], '-' | '/');
        }
    }
    let latin = |i: usize| chars.get(i).is_some_and(|c| c.is_ascii_alphanumeric());
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        out.push(c);
        if joined[i] {
            out.push(WORD_JOINER);
        } else if matches!(c, '、' | '，' | '；') && i > 0 && latin(i - 1) && latin(i + 1) {
            out.push(ZERO_WIDTH_SPACE);
        }
    }
    out
}

/// Characters inside an address-like ASCII run.
fn address_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '.' | '-' | '_' | '@' | ':' | '/' | '%' | '+' | '~' | '#' | '?' | '=' | '&'
        )
}

/// End of an ASCII run starting at `i` that holds an inner hyphen, dot, slash, colon or
/// `@` (a plain word or number has no break inside anyway). Sentence punctuation at the
/// end (`qinghe-edu.cn。` is Chinese; `example.com.` may end an English sentence) stays
/// outside.
fn address(chars: &[char], i: usize) -> Option<usize> {
    if !chars[i].is_ascii_alphanumeric() || (i > 0 && address_char(chars[i - 1])) {
        return None;
    }
    let mut end = i;
    while end < chars.len() && address_char(chars[end]) {
        end += 1;
    }
    while end > i
        && matches!(
            chars[end - 1],
            '.' | ':' | '?' | '-' | '/' | '&' | '#' | '='
        )
    {
        end -= 1;
    }
    let inner = &chars[i..end];
    inner
        .iter()
        .any(|c| matches!(c, '.' | '-' | '@' | '/' | ':' | '_'))
        .then_some(end)
}

/// A 备案号 or licence number with its province character: 粤ICP备2022087613号-1,
/// 京公网安备11010802020001号, 浙B2-20210001.
fn record_number(chars: &[char], i: usize) -> Option<usize> {
    if !is_han(chars[i]) {
        return None;
    }
    let rest = &chars[i + 1..];
    let starts = |prefix: &str| {
        let p: Vec<char> = prefix.chars().collect();
        rest.len() >= p.len() && rest[..p.len()] == p[..]
    };
    // Both prefixes are four characters long.
    let after_prefix = if starts("ICP备") || starts("公网安备") {
        i + 1 + 4
    } else if rest.len() >= 3
        && rest[0].is_ascii_uppercase()
        && rest[1].is_ascii_digit()
        && rest[2] == '-'
    {
        // 浙B2-20210001: the ASCII part is an address-like run of its own.
        return address(chars, i + 1).map(|end| end.max(i + 4));
    } else {
        return None;
    };
    let digits = digits_end(chars, after_prefix);
    if digits == after_prefix {
        return None;
    }
    let mut end = digits;
    if chars.get(end) == Some(&'号') {
        end += 1;
        if chars.get(end) == Some(&'-') && digits_end(chars, end + 1) > end + 1 {
            end = digits_end(chars, end + 1);
        }
    }
    Some(end)
}

/// A date: 2021年3月15日, 2021年3月, 二〇二三年十二月八日 (the year alone too).
fn date(chars: &[char], i: usize) -> Option<usize> {
    let numeral = |c: char| c.is_ascii_digit() || "〇零一二三四五六七八九十".contains(c);
    if !numeral(chars[i]) || (i > 0 && numeral(chars[i - 1])) {
        return None;
    }
    let mut end = i;
    let mut parts = 0;
    for unit in ['年', '月', '日'] {
        let mut j = end;
        while j < chars.len() && numeral(chars[j]) {
            j += 1;
        }
        if j == end || chars.get(j) != Some(&unit) {
            break;
        }
        end = j + 1;
        parts += 1;
    }
    // A year needs four digits (not 「三年」); a month and day need a year before them.
    let year_digits = chars[i..].iter().take_while(|c| numeral(**c)).count();
    (parts >= 1 && year_digits == 4).then_some(end)
}

fn digits_end(chars: &[char], mut i: usize) -> usize {
    while i < chars.len() && chars[i].is_ascii_digit() {
        i += 1;
    }
    i
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        unbreakable_spans(&chars)
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect()
    }

    #[test]
    fn finds_the_identifiers_of_a_filing() {
        assert_eq!(
            spans("访问域名为qinghe-edu.cn，备案号粤ICP备2022087613号-1。"),
            ["qinghe-edu.cn", "粤ICP备2022087613号-1"]
        );
        assert_eq!(
            spans("联系邮箱 service@yunfan-b2b.cn 或 0571-86901234"),
            ["service@yunfan-b2b.cn", "0571-86901234"]
        );
        assert_eq!(spans("（粤B1-20200002）"), ["粤B1-20200002"]);
        assert_eq!(
            spans("京公网安备11010802020001号"),
            ["京公网安备11010802020001号"]
        );
        assert_eq!(
            spans("成立于2021年3月15日，落款二〇二三年十二月八日"),
            ["2021年3月15日", "二〇二三年十二月八日"]
        );
        assert_eq!(
            spans("https://www.example.com/a?b=1."),
            ["https://www.example.com/a?b=1"]
        );
        assert_eq!(spans("192.168.0.1"), ["192.168.0.1"]);
    }

    #[test]
    fn leaves_ordinary_words_and_durations_alone() {
        assert!(spans("三年内服务 Web 服务器 2 台，共 100 人").is_empty());
        assert!(spans("MySQL 数据库").is_empty());
    }

    #[test]
    fn hyphens_inside_identifiers_are_joined_and_lists_of_them_breakable() {
        assert_eq!(
            with_break_hints("域名qinghe-edu.cn，许可证浙B2-20210001，A - B"),
            "域名qinghe-\u{2060}edu.cn，许可证浙B2-\u{2060}20210001，\u{200B}A - B"
        );
        assert_eq!(
            with_break_hints("https://a.cn/b-c 于2021年3月15日"),
            "https:/\u{2060}/\u{2060}a.cn/\u{2060}b-\u{2060}c 于2021年3月15日"
        );
        assert_eq!(
            with_break_hints("IP 203.0.113.66、203.0.113.67；中文、中文"),
            "IP 203.0.113.66、\u{200B}203.0.113.67；中文、中文"
        );
    }
}
