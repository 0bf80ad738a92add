//! The company profile: serde types for the YAML format (version 1).
//!
//! Every key of the format is modelled here and unknown keys are rejected, so a typo never
//! silently drops a fact. Money is whole yuan, shares are percentages, dates are `YYYY-MM-DD`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::date::{Date, DateStyle};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Format version; only 1 exists.
    pub version: u32,
    pub application: Application,
    pub company: Company,
    pub service: Service,
    pub plan: Plan,
    pub infrastructure: Infrastructure,
    pub security: Security,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Licence {
    /// B25 信息服务业务（仅限互联网信息服务）
    #[serde(rename = "ICP")]
    Icp,
    /// B21 在线数据处理与交易处理业务
    #[serde(rename = "EDI")]
    Edi,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Application {
    pub licence: Licence,
    /// Province slug or Chinese name; `--province` overrides it.
    pub province: String,
    /// 落款日期 printed on every document.
    pub date: Date,
    #[serde(default)]
    pub date_style: DateStyle,
    /// Leave the date of every signature block blank (`　　年　　月　　日`) to be written by
    /// hand when the documents are signed; the cover and the text keep `date`.
    #[serde(default)]
    pub hand_dated: bool,
}

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
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: String,
    pub mobile: String,
    #[serde(default)]
    pub email: Option<String>,
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

impl Profile {
    /// True when a shareholder or an ultimate owner is not Chinese.
    pub fn has_foreign_shareholding(&self) -> bool {
        self.company.shareholders.iter().any(|s| {
            !is_chinese_nationality(&s.nationality)
                || s.ultimate_owners
                    .iter()
                    .any(|o| !is_chinese_nationality(&o.nationality))
        })
    }
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
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KeyPerson {
    pub name: String,
    pub role: String,
    #[serde(default)]
    pub duty: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub degree: Option<String>,
    #[serde(default)]
    pub mobile: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ServiceKind {
    Website,
    App,
    MiniProgram,
}

impl ServiceKind {
    pub fn display_name(self) -> &'static str {
        match self {
            ServiceKind::Website => "网站",
            ServiceKind::App => "App",
            ServiceKind::MiniProgram => "小程序",
        }
    }
}

/// `kind: website` or `kind: [website, app]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

impl<T: Copy> OneOrMany<T> {
    pub fn to_vec(&self) -> Vec<T> {
        match self {
            OneOrMany::One(item) => vec![*item],
            OneOrMany::Many(items) => items.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub name: String,
    pub kind: OneOrMany<ServiceKind>,
    pub domains: Vec<Domain>,
    /// ICP备案号
    #[serde(default)]
    pub icp_filing: Option<String>,
    #[serde(default)]
    pub launched: Option<Date>,
    /// Sub-types applied for (e.g. 信息发布平台和递送服务).
    pub categories: Vec<String>,
    pub summary: String,
    pub users: String,
    #[serde(default)]
    pub revenue: Vec<RevenueItem>,
    #[serde(default)]
    pub features: Vec<String>,
    #[serde(default)]
    pub payment_provider: Option<String>,
    /// 前置审批 (news, publishing, medicine …).
    #[serde(default)]
    pub prior_approvals: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Domain {
    pub domain: String,
    pub holder: String,
    #[serde(default)]
    pub expires: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RevenueItem {
    pub item: String,
    pub price: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub market: String,
    #[serde(default)]
    pub competitors: Vec<String>,
    pub years: Vec<PlanYear>,
    pub funding: String,
    pub service_quality: ServiceQuality,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanYear {
    pub year: u16,
    pub registered_users: u64,
    #[serde(default)]
    pub paying_users: Option<u64>,
    /// Yuan.
    pub revenue: u64,
    /// Yuan.
    pub investment: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceQuality {
    pub hotline: String,
    pub hours: String,
    pub complaint_response_hours: u32,
    pub complaint_resolution_days: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Infrastructure {
    pub hosting: Hosting,
    pub bandwidth_mbps: u32,
    #[serde(default)]
    pub ips: Vec<String>,
    pub servers: Vec<Server>,
    #[serde(default)]
    pub security_products: Vec<String>,
    pub backup: Backup,
    pub log_retention_days: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Hosting {
    pub provider: String,
    /// The provider's own IDC/ISP licence number.
    pub provider_licence: String,
    pub location: String,
    /// Province slug of the data centre.
    pub province: String,
    #[serde(default)]
    pub contract_until: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Server {
    pub role: String,
    pub model: String,
    pub count: u32,
    #[serde(default)]
    pub spec: Option<String>,
    #[serde(default)]
    pub cpu: Option<String>,
    #[serde(default)]
    pub memory_gb: Option<u32>,
    #[serde(default)]
    pub disk_gb: Option<u32>,
    #[serde(default)]
    pub os: Option<String>,
    #[serde(default)]
    pub software: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Backup {
    pub strategy: String,
    pub retention_days: u32,
    #[serde(default)]
    pub offsite: bool,
    pub rpo_minutes: u32,
    pub rto_hours: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Security {
    /// Must name one of `company.staff.key_people`.
    pub officer: String,
    /// 安全联络员
    pub liaison: String,
    pub content_review: String,
    pub real_name: bool,
    #[serde(default)]
    pub drills_per_year: Option<u32>,
    #[serde(default)]
    pub training_hours_per_year: Option<u32>,
    /// Hours within which a major security incident is reported to the authorities.
    #[serde(default = "default_incident_report_hours")]
    pub incident_report_hours: u32,
    /// Working days within which a change of security liaison is reported.
    #[serde(default = "default_liaison_change_days")]
    pub liaison_change_days: u32,
    /// Security self-checks per year.
    #[serde(default = "default_self_checks_per_year")]
    pub self_checks_per_year: u32,
}

// The commitments most applicants make; a profile states its own to change them.
fn default_incident_report_hours() -> u32 {
    1
}

fn default_liaison_change_days() -> u32 {
    5
}

fn default_self_checks_per_year() -> u32 {
    4
}
