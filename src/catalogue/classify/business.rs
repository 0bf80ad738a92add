//! How the service earns: revenue items and the 盈利模式, online payments; and the devices or
//! systems whose data it receives.

use serde::Serialize;

use super::features::FeatureFacts;
use super::sentence;
use super::service::EdiFacts;
use crate::catalogue::{Catalogue, FeatureTrait, RevenueModel};
use crate::profile::model::{DataSourceKind, Profile};

#[derive(Debug, Clone, Serialize)]
pub struct RevenueItemFact {
    pub item: String,
    pub price: String,
    pub kind: Option<String>,
    pub kind_name: Option<String>,
    pub model: Option<RevenueModel>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RevenueFacts {
    pub items: Vec<RevenueItemFact>,
    /// Users pay for the service (前向).
    pub front: bool,
    /// Advertisers or businesses on the platform pay (后向).
    pub back: bool,
    /// The 盈利模式 tick of the online form, when the items show it.
    pub model: Option<&'static str>,
    /// The service shows advertising (a revenue item or a feature says so).
    pub advertising: bool,
    /// Users pay a recurring fee (membership, subscription): renewals need reminders.
    pub recurring: bool,
    pub any: bool,
}

pub(super) fn revenue(
    catalogue: &Catalogue,
    profile: &Profile,
    features: &FeatureFacts,
) -> RevenueFacts {
    let items: Vec<RevenueItemFact> = profile
        .service
        .revenue
        .iter()
        .map(|r| {
            let kind = match &r.kind {
                Some(id) => catalogue.revenue_kind_by_id(id.trim()),
                None => catalogue.revenue_kind(&r.item),
            };
            RevenueItemFact {
                item: r.item.clone(),
                price: r.price.clone(),
                kind: kind.map(|k| k.id.clone()),
                kind_name: kind.map(|k| k.name.clone()),
                model: kind.map(|k| k.model),
            }
        })
        .collect();
    let front = items.iter().any(|i| i.model == Some(RevenueModel::Front));
    let back = items.iter().any(|i| i.model == Some(RevenueModel::Back));
    let advertising = items
        .iter()
        .any(|i| i.kind.as_deref() == Some("advertising"))
        || features
            .has
            .get(FeatureTrait::Advertising.key())
            .copied()
            .unwrap_or(false);
    let recurring = items
        .iter()
        .any(|i| matches!(i.kind.as_deref(), Some("membership" | "subscription")));
    RevenueFacts {
        recurring,
        model: match (front, back) {
            (true, true) => Some("混合"),
            (true, false) => Some("前向用户收费"),
            (false, true) => Some("后向平台服务收费"),
            (false, false) => None,
        },
        front,
        back,
        advertising,
        any: !items.is_empty(),
        items,
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PaymentFacts {
    /// Users pay online on the service.
    pub online: bool,
    /// A licensed payment institution must be named (e-commerce, or online payment features).
    pub required: bool,
    pub provider: Option<String>,
}

pub(super) fn payments(profile: &Profile, features: &FeatureFacts, edi: &EdiFacts) -> PaymentFacts {
    let paying_features = features
        .has
        .get(FeatureTrait::Payment.key())
        .copied()
        .unwrap_or(false);
    let provider = profile
        .service
        .payment_provider
        .as_deref()
        .and_then(sentence);
    let required = edi.trading || paying_features;
    PaymentFacts {
        online: required || provider.is_some(),
        required,
        provider,
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct DataSourceFact {
    pub name: String,
    pub kind: DataSourceKind,
    /// 设备, 业务系统, 数据来源.
    pub kind_name: &'static str,
    pub count: Option<u64>,
    /// The count with its measure word: 12,000台 (devices), 42个 (systems).
    pub counted: Option<String>,
    pub description: Option<String>,
    pub protocol: Option<String>,
    pub network: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DataSourceFacts {
    pub list: Vec<DataSourceFact>,
    pub devices: bool,
    pub systems: bool,
    pub any: bool,
    /// What sends the data, for sentences about all sources: 设备, 系统 or 设备和系统.
    pub term: &'static str,
}

pub(super) fn data_sources(profile: &Profile) -> DataSourceFacts {
    let list: Vec<DataSourceFact> = profile
        .service
        .data_sources
        .iter()
        .map(|d| DataSourceFact {
            name: d.name.trim().to_string(),
            kind: d.kind,
            kind_name: match d.kind {
                DataSourceKind::Device => "设备",
                DataSourceKind::EnterpriseSystem => "业务系统",
                DataSourceKind::Other => "数据来源",
            },
            count: d.count,
            counted: d.count.map(|n| {
                let unit = if d.kind == DataSourceKind::Device {
                    "台"
                } else {
                    "个"
                };
                format!("{}{unit}", crate::zh::numerals::thousands(n))
            }),
            description: d.description.as_deref().and_then(sentence),
            protocol: d.protocol.clone(),
            network: d.network.clone(),
        })
        .collect();
    let devices = list.iter().any(|d| d.kind == DataSourceKind::Device);
    let others = list.iter().any(|d| d.kind != DataSourceKind::Device);
    DataSourceFacts {
        devices,
        systems: list
            .iter()
            .any(|d| d.kind == DataSourceKind::EnterpriseSystem),
        any: !list.is_empty(),
        term: match (devices, others) {
            (true, true) => "设备和系统",
            (false, true) => "系统",
            _ => "设备",
        },
        list,
    }
}
