//! The vocabulary the documents know, as data: feature kinds, server tiers and kinds,
//! security-product kinds, prior-approval triggers, revenue kinds and a few word lists
//! (`templates/catalogue/*.yaml`), and the one classifier that reads a profile with them.
//!
//! Templates, checks and the topology figure all take their classification from here, so
//! a server is in the same tier in the text and in 图1, and a feature the catalogue does not
//! know is never given a sentence invented around its name.

mod classify;
mod data;
mod listing;
mod matcher;

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::profile::model::{SecurityKind, Tier};

pub use classify::*;
pub use data::{
    ApprovalTrigger, Covers, FeatureKind, FeatureTrait, Placement, Publisher, RevenueKind,
    RevenueModel, SecurityEntry, SecurityKindInfo, ServerKind, ServerTrait, TierInfo,
    TriggerSeverity,
};
pub use matcher::normalise;
use matcher::Vocabulary;

#[derive(Debug, thiserror::Error)]
#[error("catalogue file templates/catalogue/{file}: {message}")]
pub struct CatalogueError {
    pub file: &'static str,
    pub message: String,
}

const FEATURES: &str = include_str!("../../templates/catalogue/features.yaml");
const SERVERS: &str = include_str!("../../templates/catalogue/servers.yaml");
const SECURITY: &str = include_str!("../../templates/catalogue/security.yaml");
const APPROVALS: &str = include_str!("../../templates/catalogue/approvals.yaml");
const VOCABULARY: &str = include_str!("../../templates/catalogue/vocabulary.yaml");

/// Whether a qualification names a 职称 or a certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qualification {
    Title,
    Certificate,
    Unknown,
}

/// The loaded catalogue with its indices.
#[derive(Debug)]
pub struct Catalogue {
    pub features: Vec<FeatureKind>,
    feature_names: Vocabulary<usize>,
    generic_words: Vec<String>,
    pub tiers: Vec<TierInfo>,
    pub servers: Vec<ServerKind>,
    server_names: Vocabulary<usize>,
    redundancy_words: Vec<String>,
    cloud_markers: Vocabulary<()>,
    pub security_kinds: Vec<SecurityKindInfo>,
    pub security_entries: Vec<SecurityEntry>,
    security_names: Vocabulary<usize>,
    pub approvals: Vec<ApprovalTrigger>,
    approval_keywords: Vocabulary<usize>,
    pub revenue: Vec<RevenueKind>,
    revenue_names: Vocabulary<usize>,
    consumers: Vocabulary<()>,
    enterprises: Vocabulary<()>,
    qualifications: Vocabulary<Qualification>,
    review_before: Vocabulary<()>,
    review_after: Vocabulary<()>,
}

fn parse<T: serde::de::DeserializeOwned>(
    file: &'static str,
    text: &str,
) -> Result<T, CatalogueError> {
    serde_yaml::from_str(text).map_err(|e| CatalogueError {
        file,
        message: e.to_string(),
    })
}

fn words(list: &[String]) -> Vocabulary<()> {
    let mut v = Vocabulary::new();
    for word in list {
        v.add(word, ());
    }
    v
}

impl Catalogue {
    /// The catalogue built into the binary, parsed once per process.
    pub fn builtin() -> Result<&'static Catalogue, CatalogueError> {
        static BUILTIN: OnceLock<Result<Catalogue, String>> = OnceLock::new();
        let loaded = BUILTIN.get_or_init(|| Catalogue::load().map_err(|e| e.to_string()));
        loaded.as_ref().map_err(|message| CatalogueError {
            file: "*.yaml",
            message: message.clone(),
        })
    }

    fn load() -> Result<Catalogue, CatalogueError> {
        let features: data::FeaturesFile = parse("features.yaml", FEATURES)?;
        let servers: data::ServersFile = parse("servers.yaml", SERVERS)?;
        let security: data::SecurityFile = parse("security.yaml", SECURITY)?;
        let approvals: data::ApprovalsFile = parse("approvals.yaml", APPROVALS)?;
        let vocabulary: data::VocabularyFile = parse("vocabulary.yaml", VOCABULARY)?;

        let mut feature_names = Vocabulary::new();
        for (i, kind) in features.kinds.iter().enumerate() {
            for alias in &kind.aliases {
                feature_names.add(alias, i);
            }
        }
        let mut server_names = Vocabulary::new();
        for (i, kind) in servers.kinds.iter().enumerate() {
            for alias in &kind.aliases {
                server_names.add(alias, i);
            }
        }
        let mut security_names = Vocabulary::new();
        for (i, entry) in security.products.iter().enumerate() {
            for alias in &entry.aliases {
                security_names.add(alias, i);
            }
        }
        let mut approval_keywords = Vocabulary::new();
        for (i, trigger) in approvals.triggers.iter().enumerate() {
            for keyword in &trigger.keywords {
                approval_keywords.add(keyword, i);
            }
        }
        let mut revenue_names = Vocabulary::new();
        for (i, kind) in vocabulary.revenue.iter().enumerate() {
            for alias in &kind.aliases {
                revenue_names.add(alias, i);
            }
        }
        let mut qualifications = Vocabulary::new();
        for title in &vocabulary.qualifications.titles {
            qualifications.add(title, Qualification::Title);
        }
        for certificate in &vocabulary.qualifications.certificates {
            qualifications.add(certificate, Qualification::Certificate);
        }
        let catalogue = Catalogue {
            features: features.kinds,
            feature_names,
            generic_words: features.generic.iter().map(|w| normalise(w)).collect(),
            tiers: servers.tiers,
            servers: servers.kinds,
            server_names,
            redundancy_words: servers.redundancy_markers,
            cloud_markers: words(&servers.cloud_markers),
            security_kinds: security.kinds,
            security_entries: security.products,
            security_names,
            approvals: approvals.triggers,
            approval_keywords,
            revenue: vocabulary.revenue,
            revenue_names,
            consumers: words(&vocabulary.audience.consumers),
            enterprises: words(&vocabulary.audience.enterprises),
            qualifications,
            review_before: words(&vocabulary.review.before),
            review_after: words(&vocabulary.review.after),
        };
        catalogue.validate()?;
        Ok(catalogue)
    }

    /// Every closed-list value has its entry, ids are unique and every entry can be found.
    fn validate(&self) -> Result<(), CatalogueError> {
        let fail = |file: &'static str, message: String| Err(CatalogueError { file, message });
        let mut seen = HashSet::new();
        for kind in &self.features {
            if !seen.insert(kind.id.as_str()) {
                return fail("features.yaml", format!("kind `{}` appears twice", kind.id));
            }
            if kind.aliases.is_empty() || kind.wording.trim().is_empty() {
                return fail(
                    "features.yaml",
                    format!("kind `{}` needs aliases and wording", kind.id),
                );
            }
        }
        for tier in ALL_TIERS {
            if !self.tiers.iter().any(|t| t.id == tier) {
                return fail("servers.yaml", format!("tier {tier:?} is missing"));
            }
        }
        let mut seen = HashSet::new();
        for kind in &self.servers {
            if !seen.insert(kind.id.as_str()) || kind.aliases.is_empty() {
                return fail(
                    "servers.yaml",
                    format!("kind `{}` is repeated or has no aliases", kind.id),
                );
            }
        }
        for kind in ALL_SECURITY_KINDS {
            if !self.security_kinds.iter().any(|k| k.kind == kind) {
                return fail("security.yaml", format!("kind {kind:?} is missing"));
            }
        }
        for trigger in &self.approvals {
            if trigger.keywords.is_empty() || trigger.held_as.is_empty() {
                return fail(
                    "approvals.yaml",
                    format!("trigger `{}` needs keywords and held_as", trigger.id),
                );
            }
        }
        Ok(())
    }

    pub fn feature_kind(&self, id: &str) -> Option<&FeatureKind> {
        self.features.iter().find(|k| k.id == id)
    }

    /// The kind of each part of a feature's name (`会员与支付` → membership, payment).
    pub fn feature_parts(&self, name: &str) -> Vec<(String, Option<&FeatureKind>)> {
        let parts = self.feature_names.parts(name);
        let named: Vec<_> = parts
            .iter()
            .filter(|(part, _)| !self.generic_words.contains(&normalise(part)))
            .cloned()
            .collect();
        // A name made only of generic words is judged as it is written.
        let parts = if named.is_empty() { parts } else { named };
        parts
            .into_iter()
            .map(|(part, index)| (part, index.map(|i| &self.features[i])))
            .collect()
    }

    pub fn tier(&self, tier: Tier) -> &TierInfo {
        // `validate` made sure every tier is present.
        self.tiers
            .iter()
            .find(|t| t.id == tier)
            .unwrap_or(&self.tiers[0])
    }

    /// The server kind named by `text` (a role, software or model).
    pub fn server_kind(&self, text: &str) -> Option<&ServerKind> {
        self.server_names.best(text).map(|i| &self.servers[i])
    }

    /// The server kind of a software stack: one that runs both a web or application server
    /// and a database (Nginx、PHP、MySQL on one machine) is an application server; otherwise
    /// the kind its words name.
    pub fn server_kind_of_software(&self, software: &str) -> Option<&ServerKind> {
        let tiers: Vec<Tier> = self
            .server_names
            .occurs_in(software)
            .into_iter()
            .map(|(_, i)| self.servers[i].tier)
            .collect();
        if tiers.contains(&Tier::Application) && tiers.contains(&Tier::Data) {
            return self.servers.iter().find(|k| k.id == "app_server");
        }
        self.server_kind(software)
    }

    /// A server named after a function of the service (评论服务器, 采编发布系统) runs that
    /// function's programs: it is an application server.
    pub fn server_for_function(&self, role: &str) -> Option<&ServerKind> {
        self.feature_names.best(role)?;
        self.servers.iter().find(|k| k.id == "app_server")
    }

    /// The redundancy word `text` uses (主备, 高可用, 集群 …), as the catalogue writes it.
    pub fn redundancy_marker(&self, text: &str) -> Option<String> {
        let lowered = normalise(text);
        self.redundancy_words
            .iter()
            .find(|w| lowered.contains(&normalise(w)))
            .cloned()
    }

    pub fn mentions_cloud(&self, text: &str) -> bool {
        !self.cloud_markers.occurs_in(text).is_empty()
    }

    /// The security entry a product's name matches.
    pub fn security_entry(&self, name: &str) -> Option<&SecurityEntry> {
        self.security_names
            .best(name)
            .map(|i| &self.security_entries[i])
    }

    pub fn security_kind(&self, kind: SecurityKind) -> &SecurityKindInfo {
        self.security_kinds
            .iter()
            .find(|k| k.kind == kind)
            .unwrap_or(&self.security_kinds[0])
    }

    /// The prior-approval triggers whose keywords occur in `text`, with the keyword found.
    pub fn approvals_in(&self, text: &str) -> Vec<(String, &ApprovalTrigger)> {
        self.approval_keywords
            .occurs_in(text)
            .into_iter()
            .map(|(keyword, i)| (keyword, &self.approvals[i]))
            .collect()
    }

    pub fn revenue_kind(&self, item: &str) -> Option<&RevenueKind> {
        self.revenue_names.best(item).map(|i| &self.revenue[i])
    }

    pub fn revenue_kind_by_id(&self, id: &str) -> Option<&RevenueKind> {
        self.revenue.iter().find(|k| k.id == id)
    }

    /// Whether `text` names individuals and whether it names organisations.
    pub fn audience_words(&self, text: &str) -> (bool, bool) {
        (
            !self.consumers.occurs_in(text).is_empty(),
            !self.enterprises.occurs_in(text).is_empty(),
        )
    }

    pub fn qualification(&self, text: &str) -> Qualification {
        self.qualifications
            .best(text)
            .unwrap_or(Qualification::Unknown)
    }

    /// 先审后发 (`Some(true)`) or 先发后审 (`Some(false)`) as a text states it.
    pub fn review_before_in(&self, text: &str) -> Option<bool> {
        let before = !self.review_before.occurs_in(text).is_empty();
        let after = !self.review_after.occurs_in(text).is_empty();
        match (before, after) {
            (true, false) => Some(true),
            (false, true) => Some(false),
            _ => None,
        }
    }
}

/// The tiers in the order of the architecture, top to bottom.
pub const ALL_TIERS: [Tier; 7] = [
    Tier::Access,
    Tier::Network,
    Tier::Application,
    Tier::Data,
    Tier::Storage,
    Tier::Backup,
    Tier::Operations,
];

pub const ALL_SECURITY_KINDS: [SecurityKind; 15] = [
    SecurityKind::Firewall,
    SecurityKind::Waf,
    SecurityKind::AntiDdos,
    SecurityKind::HostSecurity,
    SecurityKind::Ids,
    SecurityKind::Ips,
    SecurityKind::Bastion,
    SecurityKind::LogAudit,
    SecurityKind::DbAudit,
    SecurityKind::WebTamper,
    SecurityKind::VulnScan,
    SecurityKind::Encryption,
    SecurityKind::SituationalAwareness,
    SecurityKind::ContentModeration,
    SecurityKind::Other,
];

/// The snake_case name of a security kind, as the profile and templates write it.
pub fn security_kind_key(kind: SecurityKind) -> &'static str {
    match kind {
        SecurityKind::Firewall => "firewall",
        SecurityKind::Waf => "waf",
        SecurityKind::AntiDdos => "anti_ddos",
        SecurityKind::HostSecurity => "host_security",
        SecurityKind::Ids => "ids",
        SecurityKind::Ips => "ips",
        SecurityKind::Bastion => "bastion",
        SecurityKind::LogAudit => "log_audit",
        SecurityKind::DbAudit => "db_audit",
        SecurityKind::WebTamper => "web_tamper",
        SecurityKind::VulnScan => "vuln_scan",
        SecurityKind::Encryption => "encryption",
        SecurityKind::SituationalAwareness => "situational_awareness",
        SecurityKind::ContentModeration => "content_moderation",
        SecurityKind::Other => "other",
    }
}

/// The snake_case name of a tier.
pub fn tier_key(tier: Tier) -> &'static str {
    match tier {
        Tier::Access => "access",
        Tier::Application => "application",
        Tier::Data => "data",
        Tier::Storage => "storage",
        Tier::Backup => "backup",
        Tier::Operations => "operations",
        Tier::Network => "network",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalogue() -> &'static Catalogue {
        Catalogue::builtin().expect("the built-in catalogue loads")
    }

    fn feature(name: &str) -> Vec<Option<&'static str>> {
        catalogue()
            .feature_parts(name)
            .into_iter()
            .map(|(_, k)| k.map(|k| k.id.as_str()))
            .collect()
    }

    #[test]
    fn features_of_the_issue_land_in_their_kinds() {
        assert_eq!(
            feature("活动报名与直播预约"),
            [Some("booking"), Some("live_preview")]
        );
        assert_eq!(feature("附近商家推荐"), [Some("recommendation")]);
        assert_eq!(
            feature("商家入驻与资质审核"),
            [Some("merchant_onboarding"); 2]
        );
        assert_eq!(feature("会员与支付"), [Some("membership"), Some("payment")]);
        assert_eq!(feature("专题讲座点播"), [Some("video_on_demand")]);
        assert_eq!(feature("在线支付（持证支付机构）"), [Some("payment")]);
        assert_eq!(feature("询价与报价"), [Some("rfq"), Some("rfq")]);
        assert_eq!(feature("积木拼搭"), [None]);
        assert_eq!(feature("设备接入与管理"), [Some("device_access")]);
        assert_eq!(feature("温湿度实时监控"), [Some("monitoring")]);
    }

    #[test]
    fn servers_of_the_issue_land_in_their_tiers() {
        let tier = |role: &str| catalogue().server_kind(role).map(|k| k.tier);
        assert_eq!(tier("核心交换机"), Some(Tier::Network));
        assert_eq!(tier("时序数据库"), Some(Tier::Data));
        assert_eq!(
            catalogue().server_kind("时序数据库").map(|k| k.id.as_str()),
            Some("time_series_database")
        );
        assert_eq!(tier("数据库备份服务器"), Some(Tier::Backup));
        assert_eq!(tier("日志存储"), Some(Tier::Operations));
        assert_eq!(tier("API 网关"), Some(Tier::Access));
        assert_eq!(tier("应用服务器（交易与订单）"), Some(Tier::Application));
        assert_eq!(tier("云服务器 ECS g7"), None);
    }

    #[test]
    fn security_products_get_their_own_kind() {
        let kind = |name: &str| catalogue().security_entry(name).map(|e| e.kind);
        assert_eq!(kind("网络入侵防御系统 IPS"), Some(SecurityKind::Ips));
        assert_eq!(kind("堡垒机"), Some(SecurityKind::Bastion));
        assert_eq!(kind("数据库审计"), Some(SecurityKind::DbAudit));
        assert_eq!(kind("日志审计"), Some(SecurityKind::LogAudit));
        assert_eq!(kind("Web 应用防火墙"), Some(SecurityKind::Waf));
        assert_eq!(kind("云防火墙"), Some(SecurityKind::Firewall));
        assert_eq!(
            kind("主机安全（入侵检测与防病毒）"),
            Some(SecurityKind::HostSecurity)
        );
        let endpoint = catalogue().security_entry("奇安信天擎终端安全管理系统");
        assert_eq!(endpoint.map(|e| e.covers), Some(Covers::Terminals));
        assert_eq!(kind("某某安全网关"), None);
    }

    #[test]
    fn revenue_audience_and_review_words() {
        let c = catalogue();
        let model = |item: &str| c.revenue_kind(item).map(|k| k.model);
        assert_eq!(model("教育机构广告投放"), Some(RevenueModel::Back));
        assert_eq!(model("会员订阅"), Some(RevenueModel::Front));
        assert_eq!(model("商户年度技术服务费"), Some(RevenueModel::Back));
        assert_eq!(c.audience_words("全国中小学教师、学生家长"), (true, false));
        assert_eq!(c.audience_words("制造企业和物流公司"), (false, true));
        assert_eq!(
            c.review_before_in("先审后发，机器过滤与人工复核相结合"),
            Some(true)
        );
        assert_eq!(c.review_before_in("人工复核"), None);
        assert_eq!(c.qualification("CISP"), Qualification::Certificate);
        assert_eq!(c.qualification("高级工程师"), Qualification::Title);
    }
}
