//! `infrastructure`: where the service runs, on what, and how it is protected and backed up.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::string_or::{self, NameOr};
use crate::zh::date::Date;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Infrastructure {
    /// The hosting site, when there is one; `sites` lists several.
    #[serde(default)]
    pub hosting: Option<Site>,
    /// Several hosting sites (cloud regions, rented racks, own rooms), each with an `id`
    /// that servers name in `site`.
    #[serde(default)]
    pub sites: Vec<Site>,
    pub bandwidth_mbps: u32,
    #[serde(default)]
    pub ips: Vec<String>,
    pub servers: Vec<Server>,
    /// Security products deployed: a name, or `{ name, kind, description }`.
    #[serde(default, deserialize_with = "string_or::seq")]
    #[schemars(with = "Vec<NameOr<SecurityProduct>>")]
    pub security_products: Vec<SecurityProduct>,
    pub backup: Backup,
    pub log_retention_days: u32,
}

impl Infrastructure {
    /// Every hosting site, `hosting` first.
    pub fn all_sites(&self) -> impl Iterator<Item = &Site> {
        self.hosting.iter().chain(&self.sites)
    }

    /// The YAML path of the `index`-th site of [`all_sites`](Self::all_sites).
    pub fn site_path(&self, index: usize) -> String {
        match (&self.hosting, index) {
            (Some(_), 0) => "infrastructure.hosting".to_string(),
            (Some(_), i) => format!("infrastructure.sites[{}]", i - 1),
            (None, i) => format!("infrastructure.sites[{i}]"),
        }
    }
}

/// A place where servers run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Site {
    /// Short name that servers refer to in `site` (needed with several sites).
    #[serde(default)]
    pub id: Option<String>,
    /// Public cloud, a rack in a data centre, or the company's own machine room.
    #[serde(default)]
    pub kind: Option<SiteKind>,
    /// The cloud or data-centre operator (for an own room: the access provider).
    pub provider: String,
    /// The provider's own IDC/ISP licence number.
    pub provider_licence: String,
    pub location: String,
    /// Province slug of the data centre.
    pub province: String,
    /// Cloud region or availability zone, e.g. 华东1（杭州）.
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub contract_until: Option<Date>,
    /// Racks rented (IDC).
    #[serde(default)]
    pub racks: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SiteKind {
    /// 公有云 resources rented from a cloud provider.
    Cloud,
    /// Own servers in racks rented in a provider's data centre (IDC托管).
    Idc,
    /// The company's own machine room, with access from a licensed provider.
    OwnRoom,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Server {
    /// Its name in the documents, e.g. 数据库服务器.
    pub role: String,
    /// Where it sits in the architecture; read from `role` when left out.
    #[serde(default)]
    pub tier: Option<Tier>,
    /// What it does here; used as written, before any catalogue wording.
    #[serde(default)]
    pub purpose: Option<String>,
    /// The `id` of its site (default: the first site).
    #[serde(default)]
    pub site: Option<String>,
    /// Deployed for failover (主备, cluster); read from model, spec and software when left out.
    #[serde(default)]
    pub redundant: Option<bool>,
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

/// The layers of the technical plan and of the topology figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// Load balancers, gateways, CDN: where traffic enters.
    Access,
    /// Web and application servers.
    Application,
    /// Databases and caches.
    Data,
    /// File and object storage.
    Storage,
    Backup,
    /// Bastion hosts, log and monitoring servers.
    #[serde(alias = "security")]
    Operations,
    /// Switches, routers and other network devices.
    Network,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SecurityProduct {
    pub name: String,
    /// What kind of product it is; read from `name` when left out.
    #[serde(default)]
    pub kind: Option<SecurityKind>,
    /// What it does here; used as written, before any catalogue wording.
    #[serde(default)]
    pub description: Option<String>,
}

impl From<String> for SecurityProduct {
    fn from(name: String) -> Self {
        SecurityProduct {
            name,
            kind: None,
            description: None,
        }
    }
}

/// The closed list of security-product kinds the documents know how to describe.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SecurityKind {
    Firewall,
    Waf,
    AntiDdos,
    HostSecurity,
    Ids,
    Ips,
    Bastion,
    LogAudit,
    DbAudit,
    WebTamper,
    VulnScan,
    Encryption,
    SituationalAwareness,
    /// Automated review of text, images and video (内容安全).
    ContentModeration,
    Other,
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
