//! Tera filters for Chinese formal writing: dates, money, percentages, numerals, lists.

use tera::{Kwargs, State, Tera, TeraResult};

use crate::zh::date::{Date, DateStyle};
use crate::zh::{clock, numerals};

/// Registers the filters on `tera`.
pub fn register(tera: &mut Tera) {
    tera.register_filter("cn_date", cn_date);
    tera.register_filter("wan", |yuan: u64, kwargs: Kwargs, _: &State| {
        // `unit=false` gives the bare number, for table columns headed （万元）.
        Ok::<_, tera::Error>(match kwargs.get::<bool>("unit")? {
            Some(false) => numerals::wan(yuan),
            _ => format!("{}万元", numerals::wan(yuan)),
        })
    });
    tera.register_filter("num", |n: u64, _: Kwargs, _: &State| numerals::thousands(n));
    tera.register_filter("yuan", |yuan: u64, _: Kwargs, _: &State| {
        format!("{}元", numerals::thousands(yuan))
    });
    tera.register_filter("rmb_upper", |yuan: u64, _: Kwargs, _: &State| {
        format!("人民币{}", numerals::rmb_upper(yuan))
    });
    tera.register_filter("pct", |share: f64, _: Kwargs, _: &State| percent(share));
    tera.register_filter("cn_num", |n: u64, _: Kwargs, _: &State| {
        numerals::chinese_number(n)
    });
    tera.register_filter("join_cn", |items: Vec<String>, _: Kwargs, _: &State| {
        items.join("、")
    });
    tera.register_filter("days_cn", |days: u64, _: Kwargs, _: &State| days_text(days));
    tera.register_filter("storage", |gb: u64, _: Kwargs, _: &State| storage_text(gb));
    tera.register_filter("time_ranges", |text: String, _: Kwargs, _: &State| {
        clock::time_ranges(&text)
    });
}

/// A storage size given in GB as a table prints it: `500GB`, `2000GB`, and from 10,000 GB
/// on in TB (decimal, as disks are sold), `96TB`, `12.5TB`, so no cell reads 「96000GB」.
pub fn storage_text(gb: u64) -> String {
    if gb < 10_000 {
        return format!("{gb}GB");
    }
    let tenths = (gb + 50) / 100;
    match tenths % 10 {
        0 => format!("{}TB", tenths / 10),
        d => format!("{}.{d}TB", tenths / 10),
    }
}

/// `2026-12-08` → `2026年12月8日`. Dates in the text are always Arabic (GB/T 9704-2012);
/// `style="chinese"` gives `二〇二六年十二月八日`, and `style=date_style` the profile's
/// `application.date_style`, which covers and signature lines use.
fn cn_date(value: String, kwargs: Kwargs, _: &State) -> TeraResult<String> {
    let date = Date::parse(&value).ok_or_else(|| {
        tera::Error::message(format!("cn_date: `{value}` is not a YYYY-MM-DD date"))
    })?;
    let style = kwargs.get::<String>("style")?.unwrap_or_default();
    let style = match style.as_str() {
        "chinese" => DateStyle::Chinese,
        "arabic" | "" => DateStyle::Arabic,
        other => {
            return Err(tera::Error::message(format!(
                "cn_date: unknown style `{other}` (arabic or chinese)"
            )))
        }
    };
    Ok(date.format(style))
}

/// A period in days as formal text writes it: whole years in words (`1095` → `三年`,
/// `730` → `两年`), anything else in days (`90` → `90日`).
pub fn days_text(days: u64) -> String {
    if days >= 365 && days.is_multiple_of(365) {
        let years = days / 365;
        let words = if years == 2 {
            "两".to_string()
        } else {
            numerals::chinese_number(years)
        };
        format!("{words}年")
    } else {
        format!("{days}日")
    }
}

/// `60` → `60%`, `33.335` → `33.34%` (at most two decimals, rounded half up from the
/// digits as written, no trailing zeros; see [`numerals::hundredths`]).
pub fn percent(share: f64) -> String {
    if !share.is_finite() {
        return format!("{share}%");
    }
    numerals::percent_of_hundredths(numerals::hundredths(share))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_storage_is_written_in_terabytes() {
        assert_eq!(storage_text(200), "200GB");
        assert_eq!(storage_text(9_999), "9999GB");
        assert_eq!(storage_text(96_000), "96TB");
        assert_eq!(storage_text(12_500), "12.5TB");
        assert_eq!(storage_text(10_040), "10TB");
    }

    #[test]
    fn periods_in_whole_years_are_written_in_words() {
        assert_eq!(days_text(1095), "三年");
        assert_eq!(days_text(730), "两年");
        assert_eq!(days_text(365), "一年");
        assert_eq!(days_text(180), "180日");
        assert_eq!(days_text(30), "30日");
    }

    #[test]
    fn percentages() {
        assert_eq!(percent(60.0), "60%");
        assert_eq!(percent(33.33), "33.33%");
        assert_eq!(percent(12.5), "12.5%");
        assert_eq!(percent(33.335), "33.34%");
        assert_eq!(percent(0.001), "0%");
    }
}
