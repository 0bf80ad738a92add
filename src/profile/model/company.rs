//! `company`: the applicant, its owners and its people.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::form::{Listing, Mailing, Penalty, ResponsiblePersons, Trademark};
use crate::zh::date::Date;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Company {
    pub name: String,
    /// 统一社会信用代码
    pub credit_code: String,
    pub kind: String,
    pub established: Date,
    /// 注册资本, yuan.
    pub registered_capital: u64,
    /// 实缴资本, yuan.
    #[serde(default)]
    pub paid_in_capital: Option<u64>,
    pub registered_address: String,
    pub business_scope: String,
    pub phone: String,
    pub email: String,
    #[serde(default)]
    pub postcode: Option<String>,
    pub office: Office,
    pub legal_representative: LegalRepresentative,
    pub contact: Contact,
    pub shareholders: Vec<Shareholder>,
    pub staff: Staff,
    /// 公司性质 as the online form asks it; read from `kind` when left out.
    #[serde(default)]
    pub nature: Option<String>,
    /// 是否上市（含新三板）; not listed when left out (`check` notes the assumption).
    #[serde(default)]
    pub listed: Option<Listing>,
    /// 主营业务所属行业: a section of GB/T 4754 by letter (`I`) or name; read from the
    /// business scope when left out.
    #[serde(default)]
    pub industry: Option<String>,
    /// Last year's 营业收入 in yuan, for the form's 公司经营规模 (0: no revenue yet).
    #[serde(default)]
    pub annual_revenue_yuan: Option<u64>,
    /// 邮寄地址及邮编; the office address when left out.
    #[serde(default)]
    pub mailing: Option<Mailing>,
    /// The form's 许可负责人, 客服负责人 and 安全负责人, by name.
    #[serde(default)]
    pub responsible_persons: Option<ResponsiblePersons>,
    /// Registered trademarks (商标证书).
    #[serde(default)]
    pub trademarks: Vec<Trademark>,
    /// Penalties imposed by a telecom authority (empty when none).
    #[serde(default)]
    pub penalties: Vec<Penalty>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Tenure {
    Leased,
    Owned,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Office {
    pub address: String,
    #[serde(default)]
    pub area_m2: Option<u32>,
    pub tenure: Tenure,
    #[serde(default)]
    pub lease_until: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LegalRepresentative {
    pub name: String,
    pub id_number: String,
    pub mobile: String,
    /// The form's 法定代表人邮箱.
    #[serde(default)]
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: String,
    pub mobile: String,
    #[serde(default)]
    pub email: Option<String>,
    /// First day the company paid this person's social insurance.
    #[serde(default)]
    pub insured_since: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ShareholderKind {
    Person,
    Company,
}

/// Whether a nationality is Chinese. An absent nationality counts as Chinese, as the format
/// documents; any other value makes the company foreign-invested.
pub fn is_chinese_nationality(nationality: &Option<String>) -> bool {
    nationality
        .as_deref()
        .is_none_or(|n| matches!(n.trim(), "中国" | "中华人民共和国" | "CN" | "China"))
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Shareholder {
    pub name: String,
    pub kind: ShareholderKind,
    #[serde(default)]
    pub nationality: Option<String>,
    #[serde(default)]
    pub id_number: Option<String>,
    #[serde(default)]
    pub credit_code: Option<String>,
    /// 出资额, yuan.
    pub contribution: u64,
    /// Percentage of the company, e.g. `60` or `33.33`.
    pub share: f64,
    /// For a company shareholder: the natural persons behind it.
    #[serde(default)]
    pub ultimate_owners: Vec<UltimateOwner>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UltimateOwner {
    pub name: String,
    #[serde(default)]
    pub nationality: Option<String>,
    /// Percentage of the shareholder it owns.
    pub share: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Staff {
    pub total: u32,
    pub technical: u32,
    pub with_social_security: u32,
    pub key_people: Vec<KeyPerson>,
    /// The social-insurance proof follows later (容缺受理): a commitment is generated.
    #[serde(default)]
    pub insurance_pending: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KeyPerson {
    pub name: String,
    pub role: String,
    #[serde(default)]
    pub duty: Option<String>,
    /// 专业技术职称, e.g. 高级工程师. Certifications such as CISP go to `certificates`.
    #[serde(default)]
    pub title: Option<String>,
    /// 学位 (degree), e.g. 计算机科学与技术硕士.
    #[serde(default)]
    pub degree: Option<String>,
    /// 学历 (level of education), e.g. 本科, 研究生.
    #[serde(default)]
    pub education: Option<String>,
    /// Professional certifications (资质证书), e.g. CISP, CISSP, PMP.
    #[serde(default)]
    pub certificates: Vec<String>,
    #[serde(default)]
    pub mobile: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    /// First day the company paid this person's social insurance.
    #[serde(default)]
    pub insured_since: Option<Date>,
}
