//! The authorities' contacts (`templates/catalogue/contacts.yaml`): phones, addresses and
//! guide pages as found, each with its source and that source's date, never as a bare
//! fact. `icp-docs provinces` and the materials checklist print them.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::provinces::PROVINCES;

const CONTACTS: &str = include_str!("../../templates/catalogue/contacts.yaml");

/// Where a value was found (the keys of `sources:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    Guide,
    Meta,
    Notice,
    Mirror,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub label: String,
    /// When the source was read (YYYY-MM-DD or YYYY-MM).
    pub read: String,
    pub confidence: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Phone {
    pub number: String,
    pub source: SourceKind,
    #[serde(default)]
    pub note: Option<String>,
    /// The notice it comes from (for `notice`).
    #[serde(default)]
    pub from: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Address {
    pub text: String,
    /// What the address is for (受理地点, 纸质材料邮寄地址 …).
    #[serde(default)]
    pub kind: Option<String>,
    pub source: SourceKind,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    #[serde(default)]
    pub url: Option<String>,
    /// The page's own date, when it shows one.
    #[serde(default)]
    pub dated: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contacts {
    pub phones: Vec<Phone>,
    #[serde(default)]
    pub address: Option<Address>,
    #[serde(default)]
    pub page: Page,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct National {
    phones: Vec<Phone>,
    pages: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    sources: BTreeMap<SourceKind, Source>,
    national: National,
    provinces: BTreeMap<String, Contacts>,
}

#[derive(Debug, Clone, thiserror::Error)]
#[error("templates/catalogue/contacts.yaml: {0}")]
pub struct ContactsError(String);

/// The parsed file; every province present, every source named.
fn file() -> Result<&'static File, ContactsError> {
    static PARSED: OnceLock<Result<File, String>> = OnceLock::new();
    PARSED
        .get_or_init(|| {
            let file: File = serde_yaml::from_str(CONTACTS).map_err(|e| e.to_string())?;
            for p in &PROVINCES {
                if !file.provinces.contains_key(p.slug) {
                    return Err(format!("no entry for {}", p.slug));
                }
            }
            if let Some(slug) = file
                .provinces
                .keys()
                .find(|k| !PROVINCES.iter().any(|p| p.slug == k.as_str()))
            {
                return Err(format!("unknown province `{slug}`"));
            }
            Ok(file)
        })
        .as_ref()
        .map_err(|e| ContactsError(e.clone()))
}

/// One line of a contact as printed: the value with its source and date.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ContactLine {
    /// 咨询电话 (what a number is for is in its note), 受理地点, 办事指南 …
    pub label: String,
    pub value: String,
    /// 来源：…，2026-06-08 读取 (and the page's own date).
    pub source: String,
}

/// The lines of one province's contacts (and the national help line), in print order.
pub fn contact_lines(slug: &str) -> Result<Vec<ContactLine>, ContactsError> {
    let file = file()?;
    let Some(c) = file.provinces.get(slug) else {
        return Err(ContactsError(format!("no entry for {slug}")));
    };
    let page_date = c
        .page
        .dated
        .as_deref()
        .map(|d| format!("页面日期{d}"))
        .unwrap_or_else(|| "页面日期未记录".to_string());
    let source = |kind: SourceKind, from: Option<&str>| -> String {
        let Some(s) = file.sources.get(&kind) else {
            return String::new();
        };
        let what = from.map_or(s.label.clone(), |f| format!("{}：{f}", s.label));
        match kind {
            SourceKind::Guide => format!(
                "来源：{what}（{page_date}），{}读取，可信度：{}",
                s.read, s.confidence
            ),
            _ => format!("来源：{what}，{}读取，可信度：{}", s.read, s.confidence),
        }
    };
    let mut lines = Vec::new();
    for phone in &c.phones {
        let value = match &phone.note {
            Some(note) => format!("{}（{note}）", phone.number),
            None => phone.number.clone(),
        };
        lines.push(ContactLine {
            label: "咨询电话".to_string(),
            value,
            source: source(phone.source, phone.from.as_deref()),
        });
    }
    if let Some(a) = &c.address {
        lines.push(ContactLine {
            label: a.kind.clone().unwrap_or_else(|| "地址".to_string()),
            value: a.text.clone(),
            source: source(a.source, None),
        });
    }
    let guide = file.sources.get(&SourceKind::Guide);
    let page = match (&c.page.url, &c.page.note) {
        (Some(url), Some(note)) => Some(format!("{url}（{note}）")),
        (Some(url), None) => Some(url.clone()),
        (None, Some(note)) => Some(note.clone()),
        (None, None) => None,
    };
    if let Some(page) = page {
        lines.push(ContactLine {
            label: "办事指南".to_string(),
            value: page,
            source: guide.map_or(String::new(), |g| {
                format!("{page_date}，{}抓取存档", g.read)
            }),
        });
    }
    for phone in &file.national.phones {
        let value = match &phone.note {
            Some(note) => format!("{}（{note}）", phone.number),
            None => phone.number.clone(),
        };
        lines.push(ContactLine {
            label: "全国咨询电话".to_string(),
            value,
            source: source(phone.source, phone.from.as_deref()),
        });
    }
    Ok(lines)
}

/// The national system's pages.
pub fn national_pages() -> Result<Vec<String>, ContactsError> {
    Ok(file()?.national.pages.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_province_has_contacts_with_sources() {
        for p in &PROVINCES {
            let lines = contact_lines(p.slug).unwrap_or_else(|e| panic!("{e}"));
            assert!(lines.iter().any(|l| l.label == "咨询电话"), "{}", p.slug);
            for line in &lines {
                assert!(line.source.contains("读取") || line.source.contains("抓取"));
            }
        }
        let zhejiang = contact_lines("zhejiang").unwrap_or_else(|e| panic!("{e}"));
        let first = &zhejiang[0];
        assert_eq!(first.value, "0571-87880010");
        assert!(first.source.contains("2026-06-08"), "{}", first.source);
        assert!(zhejiang
            .iter()
            .any(|l| l.label == "受理地点" && l.value == "杭州市上城区解放路178号"));
        let henan = contact_lines("henan").unwrap_or_else(|e| panic!("{e}"));
        assert!(
            henan[0].source.contains("可信度：低"),
            "{}",
            henan[0].source
        );
    }
}
