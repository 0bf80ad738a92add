//! Calendar dates as the profile writes them (`YYYY-MM-DD`) and as Chinese documents print them.
//!
//! A tiny type of our own: we only need parsing, validation, ordering and two display styles,
//! not time zones or arithmetic, so a date crate would add weight without serving.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

/// How a date is printed in the documents (`application.date_style`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DateStyle {
    /// `2026年12月8日` (GB/T 9704-2012)
    #[default]
    Arabic,
    /// `二〇二六年十二月八日`
    Chinese,
}

impl Date {
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD` (exactly that shape, so `2026-1-5` is rejected as ambiguous input).
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let year = text.get(0..4)?.parse().ok()?;
        let month = text.get(5..7)?.parse().ok()?;
        let day = text.get(8..10)?.parse().ok()?;
        Date::new(year, month, day)
    }

    pub fn format(&self, style: DateStyle) -> String {
        match style {
            DateStyle::Arabic => format!("{}年{}月{}日", self.year, self.month, self.day),
            DateStyle::Chinese => {
                let year: String = self
                    .year
                    .to_string()
                    .chars()
                    .map(|c| CHINESE_DIGITS_ZERO_CIRCLE[c as usize - '0' as usize])
                    .collect();
                format!(
                    "{}年{}月{}日",
                    year,
                    crate::zh::numerals::chinese_number(u64::from(self.month)),
                    crate::zh::numerals::chinese_number(u64::from(self.day))
                )
            }
        }
    }

    /// Seconds since 1970-01-01T00:00:00Z at midnight UTC of this date (for file metadata).
    pub fn unix_seconds(&self) -> i64 {
        // Days from civil, after H. Hinnant's public-domain algorithm.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        (era * 146_097 + doe - 719_468) * 86_400
    }

    /// The UTC calendar date of a Unix time (for `SOURCE_DATE_EPOCH`).
    pub fn from_unix_seconds(seconds: i64) -> Option<Date> {
        let z = seconds.div_euclid(86_400) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(
            u16::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    }
}

const CHINESE_DIGITS_ZERO_CIRCLE: [char; 10] =
    ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        _ => 28,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "invalid date `{text}`: expected a real calendar date written YYYY-MM-DD"
            ))
        })
    }
}

impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "A calendar date written YYYY-MM-DD"
        })
    }
}

/// `SOURCE_DATE_EPOCH` (seconds), when set: reproducible builds ask for it to win over any
/// other date stamped into files.
pub fn source_date_epoch() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
}

/// The date stamped into file metadata, the one policy both writers follow:
/// `SOURCE_DATE_EPOCH` when set, else the document's own date, else a fixed date — never the
/// wall clock, so the same inputs give the same bytes.
pub fn file_date(document_date: Option<Date>) -> Date {
    source_date_epoch()
        .and_then(Date::from_unix_seconds)
        .or(document_date)
        .unwrap_or(Date {
            year: 1980,
            month: 1,
            day: 1,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects() {
        assert_eq!(Date::parse("2026-12-08"), Date::new(2026, 12, 8));
        assert_eq!(Date::parse("2024-02-29").map(|d| d.day), Some(29));
        assert!(Date::parse("2026-02-29").is_none());
        assert!(Date::parse("2026-1-05").is_none());
        assert!(Date::parse("2026-13-01").is_none());
    }

    #[test]
    fn formats_both_styles() {
        let date = Date::new(2026, 12, 8).unwrap();
        assert_eq!(date.format(DateStyle::Arabic), "2026年12月8日");
        assert_eq!(date.format(DateStyle::Chinese), "二〇二六年十二月八日");
        let date = Date::new(2030, 10, 31).unwrap();
        assert_eq!(date.format(DateStyle::Chinese), "二〇三〇年十月三十一日");
    }

    #[test]
    fn unix_round_trip() {
        let date = Date::new(2026, 12, 8).unwrap();
        assert_eq!(date.unix_seconds(), 1_796_688_000);
        assert_eq!(Date::from_unix_seconds(1_796_688_000 + 3600), Some(date));
        assert_eq!(Date::new(1970, 1, 1).unwrap().unix_seconds(), 0);
    }
}
