//! The company profile: serde types for the YAML format (version 1).
//!
//! Every key of the format is modelled here and unknown keys are rejected, so a typo never
//! silently drops a fact. Money is whole yuan, shares are percentages, dates are `YYYY-MM-DD`.
//! Fields added since the first profiles are optional, and lists that began as plain names
//! (features, security products, prior approvals) still take names.

mod company;
mod form;
mod infrastructure;
mod service;
mod string_or;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::zh::date::{Date, DateStyle};

pub use company::*;
pub use form::*;
pub use infrastructure::*;
pub use service::*;

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
    /// Scans the company holds, for the upload folder.
    #[serde(default)]
    pub attachments: Attachments,
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
    /// EDI only: which kind of 在线数据处理与交易处理 the company runs; read from
    /// `service.categories` when left out.
    #[serde(default)]
    pub edi_type: Option<OneOrMany<EdiType>>,
    /// Province slug or Chinese name; `--province` overrides it.
    pub province: String,
    /// 落款日期 printed on every document.
    pub date: Date,
    /// How the cover and signature dates are printed; dates in the text are always Arabic.
    #[serde(default)]
    pub date_style: DateStyle,
    /// Leave the date of every signature block blank (`　　年　　月　　日`) to be written by
    /// hand when the documents are signed; the cover and the text keep `date`.
    #[serde(default)]
    pub hand_dated: bool,
}

/// The kinds of B21 business. Only `ecommerce` is 经营类电子商务: trading sections, merchant
/// vetting, consumer protection and a payment institution follow from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EdiType {
    /// 经营类电子商务: a platform where other businesses sell (B2B or B2C).
    Ecommerce,
    /// 电子数据交换: structured business documents exchanged between organisations.
    DataExchange,
    /// 网络/电子设备数据处理: data from devices processed online (IoT platforms).
    DeviceData,
    /// Other 交易处理 (e.g. online booking or ticketing for third parties).
    OtherTransaction,
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

    /// The forms of the service (website, App, 小程序), from `service.forms` or `service.kind`.
    pub fn service_kinds(&self) -> Vec<ServiceKind> {
        let mut kinds: Vec<ServiceKind> = Vec::new();
        let listed = self.service.forms.iter().map(|f| f.kind);
        let declared = self
            .service
            .kind
            .as_ref()
            .map(OneOrMany::to_vec)
            .unwrap_or_default();
        for kind in declared.into_iter().chain(listed) {
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
        }
        kinds
    }
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
    /// The one address for complaints in every document (default: `company.email`).
    #[serde(default)]
    pub complaint_email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Security {
    /// Must name one of `company.staff.key_people`.
    pub officer: String,
    /// 安全联络员
    pub liaison: String,
    /// How information is reviewed before or after it is shown, in the company's words.
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
