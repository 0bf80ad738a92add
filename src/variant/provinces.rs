//! The national table of the 31 provincial communications administrations: which authority a
//! document is addressed to and the prefixes its numbers carry.
//!
//! Source of the table: public site footers and authority names (see the domain research);
//! licence prefixes other than 浙/粤/京/川 are the provinces' usual abbreviations and unconfirmed.

use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Province {
    /// Pinyin slug used on the command line and as the template folder name.
    pub slug: &'static str,
    /// Full Chinese name, e.g. `浙江省`.
    pub name: &'static str,
    /// Short name accepted on input, e.g. `浙江`.
    pub short_name: &'static str,
    /// GB/T 2260 code of the province (first two digits).
    pub code: &'static str,
    /// ICP备案 prefixes in use, canonical first.
    pub icp_prefixes: &'static [&'static str],
    /// Licence-number prefix, e.g. `浙B2-`.
    pub licence_prefix: &'static str,
}

impl Province {
    /// `浙江省通信管理局`
    pub fn authority(&self) -> String {
        format!("{}通信管理局", self.name)
    }
}

macro_rules! province {
    ($slug:literal, $name:literal, $short:literal, $code:literal, [$($icp:literal),+], $lic:literal) => {
        Province {
            slug: $slug,
            name: $name,
            short_name: $short,
            code: $code,
            icp_prefixes: &[$($icp),+],
            licence_prefix: $lic,
        }
    };
}

pub const PROVINCES: [Province; 31] = [
    province!("beijing", "北京市", "北京", "11", ["京"], "京B2-"),
    province!("tianjin", "天津市", "天津", "12", ["津"], "津B2-"),
    province!("hebei", "河北省", "河北", "13", ["冀"], "冀B2-"),
    province!("shanxi", "山西省", "山西", "14", ["晋"], "晋B2-"),
    province!("neimenggu", "内蒙古自治区", "内蒙古", "15", ["蒙"], "蒙B2-"),
    province!("liaoning", "辽宁省", "辽宁", "21", ["辽"], "辽B2-"),
    province!("jilin", "吉林省", "吉林", "22", ["吉"], "吉B2-"),
    province!("heilongjiang", "黑龙江省", "黑龙江", "23", ["黑"], "黑B2-"),
    province!("shanghai", "上海市", "上海", "31", ["沪"], "沪B2-"),
    province!("jiangsu", "江苏省", "江苏", "32", ["苏"], "苏B2-"),
    province!("zhejiang", "浙江省", "浙江", "33", ["浙"], "浙B2-"),
    province!("anhui", "安徽省", "安徽", "34", ["皖"], "皖B2-"),
    province!("fujian", "福建省", "福建", "35", ["闽"], "闽B2-"),
    province!("jiangxi", "江西省", "江西", "36", ["赣"], "赣B2-"),
    province!("shandong", "山东省", "山东", "37", ["鲁"], "鲁B2-"),
    province!("henan", "河南省", "河南", "41", ["豫"], "豫B2-"),
    province!("hubei", "湖北省", "湖北", "42", ["鄂"], "鄂B2-"),
    province!("hunan", "湖南省", "湖南", "43", ["湘"], "湘B2-"),
    province!("guangdong", "广东省", "广东", "44", ["粤"], "粤B2-"),
    province!("guangxi", "广西壮族自治区", "广西", "45", ["桂"], "桂B2-"),
    province!("hainan", "海南省", "海南", "46", ["琼"], "琼B2-"),
    province!("chongqing", "重庆市", "重庆", "50", ["渝"], "渝B2-"),
    province!("sichuan", "四川省", "四川", "51", ["蜀", "川"], "川B2-"),
    province!("guizhou", "贵州省", "贵州", "52", ["黔", "贵"], "黔B2-"),
    province!("yunnan", "云南省", "云南", "53", ["滇", "云"], "滇B2-"),
    province!("xizang", "西藏自治区", "西藏", "54", ["藏"], "藏B2-"),
    province!("shaanxi", "陕西省", "陕西", "61", ["陕"], "陕B2-"),
    province!("gansu", "甘肃省", "甘肃", "62", ["陇", "甘"], "甘B2-"),
    province!("qinghai", "青海省", "青海", "63", ["青"], "青B2-"),
    province!("ningxia", "宁夏回族自治区", "宁夏", "64", ["宁"], "宁B2-"),
    province!(
        "xinjiang",
        "新疆维吾尔自治区",
        "新疆",
        "65",
        ["新"],
        "新B2-"
    ),
];

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("unknown province `{given}`{}", suggestion_text(.suggestions))]
pub struct UnknownProvince {
    pub given: String,
    pub suggestions: Vec<&'static str>,
}

fn suggestion_text(suggestions: &[&str]) -> String {
    if suggestions.is_empty() {
        "; `icp-docs provinces` lists them".to_string()
    } else {
        format!(
            "; did you mean {}? (`icp-docs provinces` lists all 31)",
            suggestions
                .iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(" or ")
        )
    }
}

/// Finds a province by slug (`zhejiang`), full name (`浙江省`) or short name (`浙江`).
pub fn find_province(given: &str) -> Result<&'static Province, UnknownProvince> {
    let wanted = given.trim();
    let lower = wanted.to_ascii_lowercase();
    PROVINCES
        .iter()
        .find(|p| p.slug == lower || p.name == wanted || p.short_name == wanted)
        .ok_or_else(|| {
            let slugs: Vec<&str> = PROVINCES.iter().map(|p| p.slug).collect();
            let mut scored: Vec<(usize, &'static str)> = PROVINCES
                .iter()
                .map(|p| (strsim::damerau_levenshtein(&lower, p.slug), p.slug))
                .filter(|(d, _)| *d <= 2)
                .collect();
            scored.sort();
            let suggestions = if scored.is_empty() {
                crate::profile::nearest(&lower, &slugs)
                    .into_iter()
                    .collect()
            } else {
                scored.into_iter().take(2).map(|(_, s)| s).collect()
            };
            UnknownProvince {
                given: given.to_string(),
                suggestions,
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_by_slug_and_names() {
        assert_eq!(find_province("zhejiang").map(|p| p.code), Ok("33"));
        assert_eq!(find_province("浙江").map(|p| p.slug), Ok("zhejiang"));
        assert_eq!(find_province("广东省").map(|p| p.slug), Ok("guangdong"));
        assert_eq!(
            find_province("xinjiang").map(|p| p.authority()),
            Ok("新疆维吾尔自治区通信管理局".to_string())
        );
    }

    #[test]
    fn suggests_near_misses() {
        let err = find_province("zhejaing").unwrap_err();
        assert_eq!(err.suggestions, vec!["zhejiang"]);
        assert!(err.to_string().contains("did you mean `zhejiang`"));
    }

    #[test]
    fn slugs_are_unique() {
        let mut slugs: Vec<_> = PROVINCES.iter().map(|p| p.slug).collect();
        slugs.sort();
        slugs.dedup();
        assert_eq!(slugs.len(), 31);
    }
}
