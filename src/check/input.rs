//! Checks on the profile as input, before any reviewer's rule: numbers in range (money at
//! most 10^12 yuan, shares in (0, 100] and finite, sane years), sums that cannot wrap, share
//! columns whose printed rows add up, and text that every writer can print (each character
//! in the embedded fonts, no control or bidirectional-control characters).
//!
//! The rules walk the serialized profile, so fields added to the model later are covered by
//! their names (`share`, money keys, `year`) without changes here.

use serde_yaml::Value;

use super::{Finding, Severity};
use crate::profile::model::Profile;
use crate::profile::spans::SourceMap;

/// The largest amount of money (and any other figure) a profile may state: 1万亿元.
pub const MAX_FIGURE: u64 = 1_000_000_000_000;
/// Plan and other years outside this range are typing errors.
pub const YEARS: std::ops::RangeInclusive<u64> = 1900..=2200;
/// More findings about unprintable characters than anyone reads; the rest are counted.
const MAX_TEXT_FINDINGS: usize = 200;

/// Keys whose values are money in yuan (and the suffix new money fields should use).
const MONEY_KEYS: [&str; 6] = [
    "registered_capital",
    "paid_in_capital",
    "contribution",
    "revenue",
    "investment",
    "price_yuan",
];

fn is_money_key(key: &str) -> bool {
    MONEY_KEYS.contains(&key) || key.ends_with("_yuan")
}

fn is_share_key(key: &str) -> bool {
    key == "share" || key.ends_with("_share") || key.ends_with("_percent")
}

/// Findings about numbers. When any is an error, the reviewer's rules must not run: they
/// add these numbers up.
pub fn check_numbers(profile: &Profile) -> Vec<Finding> {
    let mut findings = Vec::new();
    if let Ok(value) = serde_yaml::to_value(profile) {
        walk_numbers(&value, "", None, &mut findings);
    }
    findings
}

fn error(rule: &'static str, path: &str, message: String, hint: &str) -> Finding {
    Finding {
        severity: Severity::Error,
        rule,
        path: path.to_string(),
        message,
        hint: hint.to_string(),
    }
}

fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn walk_numbers(value: &Value, path: &str, key: Option<&str>, out: &mut Vec<Finding>) {
    match value {
        Value::Number(n) => number(n, path, key.unwrap_or_default(), out),
        Value::Sequence(items) => {
            for (i, item) in items.iter().enumerate() {
                walk_numbers(item, &format!("{path}[{i}]"), None, out);
            }
            sums(items, path, out);
        }
        Value::Mapping(map) => {
            for (k, v) in map {
                if let Some(k) = k.as_str() {
                    walk_numbers(v, &child(path, k), Some(k), out);
                }
            }
        }
        Value::Tagged(tagged) => walk_numbers(&tagged.value, path, key, out),
        _ => {}
    }
}

fn number(n: &serde_yaml::Number, path: &str, key: &str, out: &mut Vec<Finding>) {
    if let Some(f) = n.as_f64().filter(|_| n.is_f64()) {
        if !f.is_finite() {
            let written = match f {
                f if f.is_nan() => ".nan",
                f if f > 0.0 => ".inf",
                _ => "-.inf",
            };
            out.push(error(
                "number-not-finite",
                path,
                format!("`{written}` is not a finite number"),
                "write a number such as 60 or 33.33 (.nan and .inf are not numbers)",
            ));
        } else if is_share_key(key) && !(f > 0.0 && f <= 100.0) {
            out.push(share_range(path, f));
        }
        return;
    }
    let Some(v) = n.as_u64() else {
        // Negative integers: only a signed field could hold one.
        if is_share_key(key) {
            out.push(share_range(path, n.as_f64().unwrap_or(-1.0)));
        }
        return;
    };
    if is_share_key(key) && !(1..=100).contains(&v) {
        out.push(share_range(path, v as f64));
    } else if key == "year" && !YEARS.contains(&v) {
        out.push(error(
            "year-range",
            path,
            format!("{v} is not a plausible year"),
            "write the year with four digits, e.g. 2027",
        ));
    } else if v > MAX_FIGURE {
        let (what, hint) = if is_money_key(key) {
            (
                format!("{v} yuan is more than 1万亿元 (10^12 yuan), the most a profile may state"),
                "money is in whole yuan (1000000 = 100万元): look for extra digits",
            )
        } else {
            (
                format!("{v} is larger than 10^12, the largest figure a profile may state"),
                "look for extra digits",
            )
        };
        out.push(error("number-range", path, what, hint));
    }
}

fn share_range(path: &str, share: f64) -> Finding {
    error(
        "share-range",
        path,
        format!("a share of {share}% is not above 0% and at most 100%"),
        "a share is the percentage held, above 0 and at most 100, e.g. 60 or 33.33",
    )
}

/// Sums over a list of mappings: money columns must not exceed [`MAX_FIGURE`] (so no total
/// wraps), and a share column whose rows add up to 100 must also do so as printed.
fn sums(items: &[Value], path: &str, out: &mut Vec<Finding>) {
    let mut keys: Vec<&str> = Vec::new();
    for item in items {
        if let Value::Mapping(map) = item {
            for k in map.keys().filter_map(Value::as_str) {
                if !keys.contains(&k) {
                    keys.push(k);
                }
            }
        }
    }
    let column = |key: &str| -> Vec<f64> {
        items
            .iter()
            .filter_map(|item| item.get(key))
            .filter_map(Value::as_f64)
            .collect()
    };
    for key in keys {
        if is_money_key(key) {
            let total = items
                .iter()
                .filter_map(|item| item.get(key).and_then(Value::as_u64))
                .try_fold(0u64, |sum, v| sum.checked_add(v));
            if total.is_none_or(|t| t > MAX_FIGURE) {
                out.push(error(
                    "money-sum-range",
                    path,
                    format!("the `{key}` amounts add up to more than 1万亿元 (10^12 yuan)"),
                    "money is in whole yuan (1000000 = 100万元): look for extra digits",
                ));
            }
        } else if is_share_key(key) && column(key).iter().all(|v| v.is_finite()) {
            let shares = column(key);
            let raw: f64 = shares.iter().sum();
            // Saturating: a share of 1e300 is refused above, but must not overflow here.
            let printed = shares
                .iter()
                .map(|&v| crate::zh::numerals::hundredths(v))
                .fold(0i64, i64::saturating_add);
            // Rows far from 100 are the reviewer's rule (shares-sum); this is about rounding.
            if (raw - 100.0).abs() <= 0.01 && printed != 10_000 {
                let severity = if path == "company.shareholders" {
                    Severity::Error
                } else {
                    Severity::Warning
                };
                out.push(Finding {
                    severity,
                    rule: "shares-rounding",
                    path: path.to_string(),
                    message: format!(
                        "the shares add up to {raw}%, but printed with two decimals they add up to {}",
                        crate::zh::numerals::percent_of_hundredths(printed)
                    ),
                    hint: "give each share with at most two decimals so that they total exactly 100 (e.g. 33.34, 33.33, 33.33): the documents print two decimals and a 合计 row that adds the printed rows".to_string(),
                });
            }
        }
    }
}

/// A finding at a byte offset of the source (a character), or at its YAML path.
pub type Placed = (Finding, Option<usize>);

/// Findings about characters that cannot be printed, each at its line and column.
pub fn check_text(profile: &Profile, source: &str) -> Vec<Placed> {
    let Ok(value) = serde_yaml::to_value(profile) else {
        return Vec::new();
    };
    let map = SourceMap::new(source);
    let mut walker = TextWalker {
        source,
        map: &map,
        out: Vec::new(),
        skipped: 0,
    };
    walker.walk(&value, "");
    let mut out = walker.out;
    if walker.skipped > 0 {
        out.push((
            error(
                "unprintable-character",
                "",
                format!(
                    "{} more characters that cannot be printed are not listed",
                    walker.skipped
                ),
                "fix the ones listed, then check again",
            ),
            None,
        ));
    }
    out
}

struct TextWalker<'a> {
    source: &'a str,
    map: &'a SourceMap,
    out: Vec<Placed>,
    skipped: usize,
}

impl TextWalker<'_> {
    fn walk(&mut self, value: &Value, path: &str) {
        match value {
            Value::String(text) => self.string(text, path),
            Value::Sequence(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.walk(item, &format!("{path}[{i}]"));
                }
            }
            Value::Mapping(map) => {
                for (k, v) in map {
                    if let Some(k) = k.as_str() {
                        self.walk(v, &child(path, k));
                    }
                }
            }
            Value::Tagged(tagged) => self.walk(&tagged.value, path),
            _ => {}
        }
    }

    fn string(&mut self, text: &str, path: &str) {
        let span = self.map.locate_exact(path);
        // Search the value's own text in the source for each character, so that each is
        // reported where it is; an escaped one (`"\u202e"`) is reported at the value.
        let mut cursor = span.map(|s| s.start);
        let limit = cursor
            .and_then(|start| self.map.next_start_after(start))
            .unwrap_or(self.source.len());
        for ch in text.chars() {
            let Some((rule, message, hint)) = unprintable(ch) else {
                continue;
            };
            if self.out.len() >= MAX_TEXT_FINDINGS {
                self.skipped += 1;
                continue;
            }
            let found = cursor.and_then(|from| {
                let region = self.source.get(from..limit)?;
                region.find(ch).map(|i| from + i)
            });
            if let Some(at) = found {
                cursor = Some(at + ch.len_utf8());
            }
            self.out.push((
                error(rule, path, message, hint),
                found.or(span.map(|s| s.start)),
            ));
        }
    }
}

/// Whether `ch` is a bidirectional control: invisible, and able to show text in another
/// order than it is stored.
pub fn is_bidi_control(ch: char) -> bool {
    matches!(ch, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Why `ch` cannot go into a document, if it cannot.
fn unprintable(ch: char) -> Option<(&'static str, String, &'static str)> {
    let code = u32::from(ch);
    if ch.is_control() && !matches!(ch, '\n' | '\t') {
        return Some((
            "control-character",
            format!("control character U+{code:04X} cannot be printed"),
            "remove it: it is invisible and was probably pasted with the text",
        ));
    }
    if is_bidi_control(ch) {
        return Some((
            "bidi-character",
            format!("bidirectional control character U+{code:04X} cannot be printed"),
            "remove it: it is invisible and can make text display in another order than it is written",
        ));
    }
    if !crate::text::can_print(ch) {
        return Some((
            "font-coverage",
            format!("“{ch}” (U+{code:04X}) is not in the fonts the PDF embeds"),
            "the PDF fonts hold the 通用规范汉字表 and GB 2312 characters: write a common form of the character, or spell it out (emoji cannot be printed)",
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::profile::example;

    fn rules(findings: &[Finding]) -> Vec<(&'static str, &str)> {
        findings.iter().map(|f| (f.rule, f.path.as_str())).collect()
    }

    #[test]
    fn the_example_is_clean() {
        let text = include_str!("../../profiles/example.yaml");
        assert!(check_numbers(&example()).is_empty());
        assert!(check_text(&example(), text).is_empty());
    }

    #[test]
    fn numbers_out_of_range() {
        let mut p = example();
        p.company.shareholders[0].contribution = u64::MAX;
        p.company.shareholders[1].share = f64::NAN;
        p.company.shareholders[1].ultimate_owners[0].share = 150.0;
        p.company.shareholders[1].ultimate_owners[1].share = -50.0;
        p.plan.years[0].year = 65_535;
        p.plan.years[1].investment = MAX_FIGURE;
        p.plan.years[2].investment = 1;
        let findings = check_numbers(&p);
        assert_eq!(
            rules(&findings),
            [
                ("number-range", "company.shareholders[0].contribution"),
                ("number-not-finite", "company.shareholders[1].share"),
                (
                    "share-range",
                    "company.shareholders[1].ultimate_owners[0].share"
                ),
                (
                    "share-range",
                    "company.shareholders[1].ultimate_owners[1].share"
                ),
                ("money-sum-range", "company.shareholders"),
                ("year-range", "plan.years[0].year"),
                ("money-sum-range", "plan.years"),
            ]
        );
        assert_eq!(
            findings[0].message,
            "18446744073709551615 yuan is more than 1万亿元 (10^12 yuan), the most a profile may state"
        );
    }

    /// Found by fuzzing: the printed total of huge shares overflowed.
    #[test]
    fn huge_shares_are_refused_not_summed_into_an_overflow() {
        let mut p = example();
        p.company.shareholders[0].share = 1e300;
        p.company.shareholders[1].share = 1e300;
        let findings = check_numbers(&p);
        assert_eq!(
            rules(&findings),
            [
                ("share-range", "company.shareholders[0].share"),
                ("share-range", "company.shareholders[1].share"),
            ]
        );
    }

    #[test]
    fn shares_must_add_up_as_printed() {
        let mut p = example();
        p.company.shareholders[0].share = 66.667;
        p.company.shareholders[1].share = 33.333;
        assert!(check_numbers(&p).is_empty(), "66.67 + 33.33 = 100");
        p.company.shareholders[0].share = 33.333;
        p.company.shareholders[1].share = 33.333;
        let mut third = p.company.shareholders[1].clone();
        third.name = "第三股东".into();
        p.company.shareholders.push(third);
        let findings = check_numbers(&p);
        assert_eq!(
            rules(&findings),
            [("shares-rounding", "company.shareholders")]
        );
        assert_eq!(
            findings[0].message,
            "the shares add up to 99.999%, but printed with two decimals they add up to 99.99%"
        );
    }

    #[test]
    fn unprintable_characters_are_placed() {
        // A raw control character is a YAML error; one escaped in quotes is placed at its value.
        let text = include_str!("../../profiles/example.yaml")
            .replace("name: 青禾学堂", "name: \"青禾龘学堂😀\u{202E}x\\a\"");
        let p: Profile = serde_yaml::from_str(&text).unwrap();
        let placed = check_text(&p, &text);
        let line = text.lines().position(|l| l.contains("青禾龘")).unwrap() + 1;
        let at: Vec<(&str, usize, usize)> = placed
            .iter()
            .map(|(f, offset)| {
                let offset = offset.unwrap();
                let before = &text[..offset];
                let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
                (f.rule, before.matches('\n').count() + 1, column)
            })
            .collect();
        assert_eq!(
            at,
            [
                ("font-coverage", line, 12),
                ("font-coverage", line, 15),
                ("bidi-character", line, 16),
                ("control-character", line, 9),
            ]
        );
        assert_eq!(
            placed[0].0.message,
            "“龘” (U+9F98) is not in the fonts the PDF embeds"
        );
        assert_eq!(
            placed[2].0.message,
            "bidirectional control character U+202E cannot be printed"
        );
    }
}
