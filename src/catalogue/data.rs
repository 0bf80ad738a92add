//! The catalogue files' format (`templates/catalogue/*.yaml`), as serde reads them.

use serde::{Deserialize, Serialize};

use crate::profile::model::{SecurityKind, Tier};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FeaturesFile {
    /// Words that name no function alone; a part of a name that is only one is dropped.
    pub generic: Vec<String>,
    pub kinds: Vec<FeatureKind>,
}

/// Who publishes information through a function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Publisher {
    #[default]
    None,
    Users,
    Platform,
    Merchants,
}

/// Facts a function of a kind brings with it, which guard sentences of the documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeatureTrait {
    RealName,
    Interactive,
    Payment,
    Merchants,
    Orders,
    Complaints,
    Location,
    Personalisation,
    Advertising,
    Devices,
    DataExchange,
    AudioVisual,
    GenerativeAi,
}

impl FeatureTrait {
    pub const ALL: [FeatureTrait; 13] = [
        FeatureTrait::RealName,
        FeatureTrait::Interactive,
        FeatureTrait::Payment,
        FeatureTrait::Merchants,
        FeatureTrait::Orders,
        FeatureTrait::Complaints,
        FeatureTrait::Location,
        FeatureTrait::Personalisation,
        FeatureTrait::Advertising,
        FeatureTrait::Devices,
        FeatureTrait::DataExchange,
        FeatureTrait::AudioVisual,
        FeatureTrait::GenerativeAi,
    ];

    /// The key templates see under `facts.features.has`.
    pub fn key(self) -> &'static str {
        match self {
            FeatureTrait::RealName => "real_name",
            FeatureTrait::Interactive => "interactive",
            FeatureTrait::Payment => "payment",
            FeatureTrait::Merchants => "merchants",
            FeatureTrait::Orders => "orders",
            FeatureTrait::Complaints => "complaints",
            FeatureTrait::Location => "location",
            FeatureTrait::Personalisation => "personalisation",
            FeatureTrait::Advertising => "advertising",
            FeatureTrait::Devices => "devices",
            FeatureTrait::DataExchange => "data_exchange",
            FeatureTrait::AudioVisual => "audio_visual",
            FeatureTrait::GenerativeAi => "generative_ai",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeatureKind {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub wording: String,
    #[serde(default)]
    pub content: Publisher,
    #[serde(default)]
    pub traits: Vec<FeatureTrait>,
    #[serde(default)]
    pub category: Option<String>,
    /// Prior approvals a function of this kind does not call for although its name has
    /// their keywords (直播预告 shows when someone else streams: it is not 网络视听).
    #[serde(default)]
    pub clears: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ServersFile {
    pub tiers: Vec<TierInfo>,
    pub kinds: Vec<ServerKind>,
    pub redundancy_markers: Vec<String>,
    pub cloud_markers: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierInfo {
    pub id: Tier,
    /// 接入层, 应用层 …
    pub name: String,
    /// The security zone of the figure and of the zoning table.
    pub zone: String,
    /// What the tier does, for the architecture overview.
    pub role: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServerTrait {
    Balancer,
    Volatile,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerKind {
    pub id: String,
    pub name: String,
    pub tier: Tier,
    pub aliases: Vec<String>,
    pub wording: String,
    #[serde(default)]
    pub traits: Vec<ServerTrait>,
    /// A network device that is itself a security product.
    #[serde(default)]
    pub security: Option<SecurityKind>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SecurityFile {
    pub kinds: Vec<SecurityKindInfo>,
    pub products: Vec<SecurityEntry>,
}

/// Where a security product sits relative to the traffic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Placement {
    Inline,
    Host,
    Beside,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecurityKindInfo {
    pub kind: SecurityKind,
    pub name: String,
    pub placement: Placement,
    /// Order on the traffic path (inline products only), lower first.
    #[serde(default)]
    pub order: u8,
    #[serde(default)]
    pub wording: Option<String>,
}

/// What a security product protects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Covers {
    #[default]
    Servers,
    Terminals,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecurityEntry {
    pub kind: SecurityKind,
    pub aliases: Vec<String>,
    #[serde(default)]
    pub wording: Option<String>,
    #[serde(default)]
    pub covers: Covers,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ApprovalsFile {
    pub triggers: Vec<ApprovalTrigger>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TriggerSeverity {
    Warning,
    Note,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApprovalTrigger {
    pub id: String,
    /// The regulated service, e.g. 互联网视听节目服务（网络视听）.
    pub service: String,
    /// The approval, e.g. 《信息网络传播视听节目许可证》.
    pub approval: String,
    pub authority: String,
    pub basis: String,
    pub keywords: Vec<String>,
    pub held_as: Vec<String>,
    pub severity: TriggerSeverity,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct VocabularyFile {
    pub audience: AudienceWords,
    pub revenue: Vec<RevenueKind>,
    pub qualifications: Qualifications,
    pub review: ReviewWords,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct AudienceWords {
    pub consumers: Vec<String>,
    pub enterprises: Vec<String>,
}

/// 前向 (users pay) or 后向 (advertisers and businesses on the platform pay).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RevenueModel {
    Front,
    Back,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevenueKind {
    pub id: String,
    pub name: String,
    pub model: RevenueModel,
    pub aliases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Qualifications {
    pub titles: Vec<String>,
    pub certificates: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ReviewWords {
    pub before: Vec<String>,
    pub after: Vec<String>,
}
