//! `service`: what the company runs, for whom, and how it earns and publishes.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::form::ProfitModel;
use super::string_or::{self, NameOr};
use super::OneOrMany;
use crate::zh::date::Date;

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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub name: String,
    /// The forms the service takes; may be left out when `forms` lists them.
    #[serde(default)]
    pub kind: Option<OneOrMany<ServiceKind>>,
    /// Each form with its own name and 备案号: the website, each App, each 小程序.
    #[serde(default)]
    pub forms: Vec<ServiceForm>,
    pub domains: Vec<Domain>,
    /// ICP备案号 of the website (or of the 主体 when `forms` gives each form its own).
    #[serde(default)]
    pub icp_filing: Option<String>,
    #[serde(default)]
    pub launched: Option<Date>,
    /// Sub-types applied for (e.g. 信息发布平台和递送服务).
    pub categories: Vec<String>,
    pub summary: String,
    pub users: String,
    /// Who the users are; read from `users` when left out.
    #[serde(default)]
    pub audience: Option<Audience>,
    /// E-commerce: who sells on the platform (individuals for 二手/C2C); read from the
    /// audience when left out.
    #[serde(default)]
    pub sellers: Option<Sellers>,
    #[serde(default)]
    pub revenue: Vec<RevenueItem>,
    /// The form's 盈利模式; read from the revenue items when left out.
    #[serde(default)]
    pub profit_model: Option<ProfitModel>,
    /// Functions of the service: a name, or `{ name, description, kind, review }`.
    #[serde(default, deserialize_with = "string_or::seq")]
    #[schemars(with = "Vec<NameOr<Feature>>")]
    pub features: Vec<Feature>,
    /// Who publishes information on the service, and how it is reviewed.
    #[serde(default)]
    pub content: Option<ContentPolicy>,
    /// Devices or outside systems whose data the service receives (IoT, enterprise systems).
    #[serde(default)]
    pub data_sources: Vec<DataSource>,
    #[serde(default)]
    pub payment_provider: Option<String>,
    /// 前置审批 held (news, publishing, audio-visual, medicine …): a name, or
    /// `{ name, number, issuer, valid_until }`; empty when none.
    #[serde(default, deserialize_with = "string_or::seq")]
    #[schemars(with = "Vec<NameOr<PriorApproval>>")]
    pub prior_approvals: Vec<PriorApproval>,
}

/// One form of the service as the 备案 system knows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceForm {
    pub kind: ServiceKind,
    /// Its own name when it differs from `service.name`.
    #[serde(default)]
    pub name: Option<String>,
    /// The website's domain, or the domain an App or 小程序 calls.
    #[serde(default)]
    pub domain: Option<String>,
    /// Its 备案号: `…号-1` for a website, `…号-2A` for an App, `…号-3X` for a 小程序.
    #[serde(default)]
    pub filing: Option<String>,
    /// App: the stores it is published in (华为应用市场, App Store …).
    #[serde(default)]
    pub stores: Vec<String>,
    /// 小程序: the platform it runs on (微信, 支付宝, 抖音 …).
    #[serde(default)]
    pub platform: Option<String>,
    /// The form's 服务器放置地 of an App; read from the hosting sites when left out.
    #[serde(default)]
    pub server_location: Option<String>,
}

/// Who the service is for: this decides consumer-protection wording and how users are
/// verified (mobile number vs business licence).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Individuals (消费者, 个人用户).
    Consumers,
    /// Companies and other organisations only.
    Enterprises,
    Both,
}

/// Who sells on an e-commerce platform: it decides how they are vetted (营业执照 or 身份证件).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Sellers {
    /// Companies and 个体工商户 with a business licence.
    Businesses,
    /// Natural persons (C2C).
    Individuals,
    Both,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Feature {
    pub name: String,
    /// What it does, for whom, with what data; used as written, before any catalogue wording.
    #[serde(default)]
    pub description: Option<String>,
    /// A feature kind of the catalogue (`icp-docs catalogue`), when the name does not show it.
    #[serde(default)]
    pub kind: Option<String>,
    /// How what users publish through this feature is reviewed.
    #[serde(default)]
    pub review: Option<ReviewMode>,
}

impl From<String> for Feature {
    fn from(name: String) -> Self {
        Feature {
            name,
            description: None,
            kind: None,
            review: None,
        }
    }
}

/// 先审后发 or 先发后审.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReviewMode {
    /// 先审后发: shown only after review.
    Before,
    /// 先发后审: shown at once, reviewed afterwards.
    After,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContentPolicy {
    /// The company's own editors write and publish information (编辑采编).
    #[serde(default)]
    pub editorial: Option<bool>,
    /// How users' posts are reviewed, unless a feature says otherwise.
    #[serde(default)]
    pub user_review: Option<ReviewMode>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataSource {
    /// E.g. 冷链温湿度传感器, 合作企业ERP系统.
    pub name: String,
    pub kind: DataSourceKind,
    /// How many devices or systems.
    #[serde(default)]
    pub count: Option<u64>,
    /// What they send, how often, who owns them.
    #[serde(default)]
    pub description: Option<String>,
    /// E.g. MQTT, HTTPS, AS2.
    #[serde(default)]
    pub protocol: Option<String>,
    /// How they reach the platform, e.g. 4G/NB-IoT, 互联网, 专线.
    #[serde(default)]
    pub network: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DataSourceKind {
    /// IoT devices, sensors, terminals.
    Device,
    /// Another organisation's business system (ERP, WMS …).
    EnterpriseSystem,
    Other,
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
    /// A revenue kind of the catalogue (advertising, membership, commission …), when the
    /// item's name does not show it.
    #[serde(default)]
    pub kind: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PriorApproval {
    /// E.g. 信息网络传播视听节目许可证.
    pub name: String,
    #[serde(default)]
    pub number: Option<String>,
    #[serde(default)]
    pub issuer: Option<String>,
    #[serde(default)]
    pub valid_until: Option<Date>,
}

impl From<String> for PriorApproval {
    fn from(name: String) -> Self {
        PriorApproval {
            name,
            number: None,
            issuer: None,
            valid_until: None,
        }
    }
}
