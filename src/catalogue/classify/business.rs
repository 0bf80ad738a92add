//! The business side of a profile: the service's forms, its users, its features and how
//! content is published, its revenue and payments, and the approvals its content calls for.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{group, sentence, Described, Group, Source};
use crate::catalogue::{Catalogue, FeatureTrait, Publisher, RevenueModel, TriggerSeverity};
use crate::profile::model::{
    Audience, DataSourceKind, EdiType, Licence, PriorApproval, Profile, ReviewMode, ServiceKind,
};

/// One form of the service with its own 备案号.
#[derive(Debug, Clone, Serialize)]
pub struct FormFact {
    pub kind: ServiceKind,
    /// 网站, App, 小程序.
    pub kind_name: &'static str,
    pub name: String,
    pub domain: Option<String>,
    pub filing: Option<String>,
    pub stores: Vec<String>,
    pub platform: Option<String>,
    /// Where a reviewer finds the licence number on it once granted.
    pub licence_display: String,
    /// What the profile says of it in one clause (域名, stores, 备案号), empty when nothing.
    pub summary: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Forms {
    pub website: bool,
    pub app: bool,
    pub mini_program: bool,
    /// Display names in order: `["网站", "App"]`.
    pub names: Vec<&'static str>,
    pub list: Vec<FormFact>,
    /// How users reach the service: 浏览器、手机App、微信小程序.
    pub clients: String,
    /// Every 备案号 of the service, the 主体's first.
    pub filings: Vec<String>,
    /// The forms' summaries joined with ；, empty when the profile says nothing of them.
    pub summary: String,
}

pub(super) fn forms(profile: &Profile) -> Forms {
    let service = &profile.service;
    let mut list: Vec<FormFact> = Vec::new();
    let fact = |kind: ServiceKind,
                name: Option<&str>,
                domain: Option<String>,
                filing: Option<String>,
                stores: Vec<String>,
                platform: Option<String>| {
        let name = name.unwrap_or(&service.name).trim().to_string();
        let licence_display = match kind {
            ServiceKind::Website => "网站首页显著位置".to_string(),
            ServiceKind::App => format!("“{name}”App“关于”页面等显著位置"),
            ServiceKind::MiniProgram => format!("“{name}”小程序“关于”或者设置页面等显著位置"),
        };
        let mut facts: Vec<String> = Vec::new();
        let label = match kind {
            ServiceKind::Website => "网站".to_string(),
            ServiceKind::App => format!("“{name}”App"),
            ServiceKind::MiniProgram => format!(
                "“{name}”{}小程序",
                platform.as_deref().map(str::trim).unwrap_or("")
            ),
        };
        if kind == ServiceKind::Website && !service.domains.is_empty() {
            let domains: Vec<&str> = service.domains.iter().map(|d| d.domain.as_str()).collect();
            facts.push(format!("域名为{}", domains.join("、")));
        }
        if !stores.is_empty() {
            facts.push(format!("已在{}上架", stores.join("、")));
        }
        if let Some(filing) = &filing {
            facts.push(format!("备案号为{filing}"));
        }
        let summary = if facts.is_empty() {
            String::new()
        } else {
            format!("{label}{}", facts.join("，"))
        };
        FormFact {
            kind,
            kind_name: kind.display_name(),
            name,
            domain,
            filing,
            stores,
            platform,
            licence_display,
            summary,
        }
    };
    for form in &service.forms {
        let filing = form.filing.clone().or_else(|| {
            (form.kind == ServiceKind::Website)
                .then(|| service.icp_filing.clone())
                .flatten()
        });
        let domain = form.domain.clone().or_else(|| {
            (form.kind == ServiceKind::Website)
                .then(|| service.domains.first().map(|d| d.domain.clone()))
                .flatten()
        });
        list.push(fact(
            form.kind,
            form.name.as_deref(),
            domain,
            filing,
            form.stores.clone(),
            form.platform.clone(),
        ));
    }
    for kind in profile.service_kinds() {
        if list.iter().any(|f| f.kind == kind) {
            continue;
        }
        let website = kind == ServiceKind::Website;
        list.push(fact(
            kind,
            None,
            website
                .then(|| service.domains.first().map(|d| d.domain.clone()))
                .flatten(),
            website.then(|| service.icp_filing.clone()).flatten(),
            Vec::new(),
            None,
        ));
    }
    let has = |kind| list.iter().any(|f| f.kind == kind);
    let mut names: Vec<&'static str> = Vec::new();
    let mut clients: Vec<String> = Vec::new();
    for form in &list {
        if !names.contains(&form.kind_name) {
            names.push(form.kind_name);
        }
        let client = match form.kind {
            ServiceKind::Website => "浏览器".to_string(),
            ServiceKind::App => "手机App".to_string(),
            ServiceKind::MiniProgram => match &form.platform {
                Some(platform) => format!("{}小程序", platform.trim()),
                None => "小程序".to_string(),
            },
        };
        if !clients.contains(&client) {
            clients.push(client);
        }
    }
    let mut filings: Vec<String> = service.icp_filing.iter().cloned().collect();
    for form in &list {
        if let Some(filing) = &form.filing {
            if !filings.contains(filing) {
                filings.push(filing.clone());
            }
        }
    }
    let summary = list
        .iter()
        .map(|f| f.summary.as_str())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("；");
    Forms {
        summary,
        website: has(ServiceKind::Website),
        app: has(ServiceKind::App),
        mini_program: has(ServiceKind::MiniProgram),
        names,
        clients: clients.join("、"),
        filings,
        list,
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct AudienceFacts {
    pub consumers: bool,
    pub enterprises: bool,
    /// Stated in `service.audience`, not read from `service.users`.
    pub stated: bool,
    /// Neither stated nor readable from `service.users`.
    pub unknown: bool,
    /// 个人用户, 企业用户, 个人用户和企业用户, or 用户.
    pub label: &'static str,
}

pub(super) fn audience(catalogue: &Catalogue, profile: &Profile) -> AudienceFacts {
    let (consumers, enterprises, stated) = match profile.service.audience {
        Some(Audience::Consumers) => (true, false, true),
        Some(Audience::Enterprises) => (false, true, true),
        Some(Audience::Both) => (true, true, true),
        None => {
            let (c, e) = catalogue.audience_words(&profile.service.users);
            (c, e, false)
        }
    };
    AudienceFacts {
        consumers,
        enterprises,
        stated,
        unknown: !consumers && !enterprises,
        label: match (consumers, enterprises) {
            (true, false) => "个人用户",
            (false, true) => "企业用户",
            (true, true) => "个人用户和企业用户",
            (false, false) => "用户",
        },
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct EdiFacts {
    /// The licence applied for is EDI (B21).
    pub applies: bool,
    pub ecommerce: bool,
    pub data_exchange: bool,
    pub device_data: bool,
    pub other_transaction: bool,
    /// E-commerce selling to individuals / between businesses.
    pub b2c: bool,
    pub b2b: bool,
    /// Stated in `application.edi_type` (else read from categories and features).
    pub stated: bool,
    /// An EDI application whose kind could not be told.
    pub unknown: bool,
}

pub(super) fn edi(
    profile: &Profile,
    features: &FeatureFacts,
    audience: &AudienceFacts,
) -> EdiFacts {
    let applies = profile.application.licence == Licence::Edi;
    let stated = profile.application.edi_type.is_some();
    let mut types: Vec<EdiType> = profile
        .application
        .edi_type
        .as_ref()
        .map(|t| t.to_vec())
        .unwrap_or_default();
    if applies && types.is_empty() {
        for category in &profile.service.categories {
            let found = match category.trim() {
                "交易处理业务" => Some(EdiType::Ecommerce),
                "电子数据交换业务" => Some(EdiType::DataExchange),
                "网络/电子设备数据处理业务" | "网络／电子设备数据处理业务" => {
                    Some(EdiType::DeviceData)
                }
                _ => None,
            };
            types.extend(found);
        }
        if types.is_empty() {
            let has = |t: FeatureTrait| features.has.get(t.key()).copied().unwrap_or(false);
            if has(FeatureTrait::Merchants) {
                types.push(EdiType::Ecommerce);
            }
            if has(FeatureTrait::DataExchange) {
                types.push(EdiType::DataExchange);
            }
            if has(FeatureTrait::Devices) {
                types.push(EdiType::DeviceData);
            }
        }
    }
    let on = |t: EdiType| applies && types.contains(&t);
    let ecommerce = on(EdiType::Ecommerce);
    EdiFacts {
        applies,
        ecommerce,
        data_exchange: on(EdiType::DataExchange),
        device_data: on(EdiType::DeviceData),
        other_transaction: on(EdiType::OtherTransaction),
        b2c: ecommerce && (audience.consumers || audience.unknown),
        b2b: ecommerce && audience.enterprises,
        stated,
        unknown: applies && types.is_empty(),
    }
}

/// One feature of the profile, classified.
#[derive(Debug, Clone, Serialize)]
pub struct FeatureFact {
    /// Position in `service.features`, for findings.
    pub index: usize,
    pub name: String,
    /// Catalogue kinds, one per part of the name (or the one `kind:` names).
    pub kinds: Vec<String>,
    /// Every part of the name is known, or `kind:` names a known kind.
    pub known: bool,
    /// `kind:` names no catalogue kind.
    pub unknown_kind: Option<String>,
    pub described: bool,
    pub publisher: Publisher,
    pub review: Option<ReviewMode>,
    pub traits: Vec<FeatureTrait>,
    /// The sub-types (B25/B21) its kinds belong to.
    pub categories: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FeatureFacts {
    pub list: Vec<FeatureFact>,
    /// Described features, one entry per description.
    pub groups: Vec<Group>,
    /// Features with neither a description nor a catalogue kind: named, never described.
    pub named_only: Vec<String>,
    pub names: Vec<String>,
    /// Traits brought by the features, every key present (`facts.features.has.payment`).
    pub has: BTreeMap<&'static str, bool>,
    /// Kinds present, by id.
    pub kind_ids: Vec<String>,
    /// Sub-types (B25/B21) the features belong to.
    pub categories: Vec<String>,
}

pub(super) fn features(catalogue: &Catalogue, profile: &Profile) -> FeatureFacts {
    let mut list = Vec::new();
    let mut described = Vec::new();
    let mut kinds_seen: Vec<String> = Vec::new();
    let mut categories: Vec<String> = Vec::new();
    let mut traits_seen: Vec<FeatureTrait> = Vec::new();
    let mut kind_group: std::collections::HashMap<String, String> =
        std::collections::HashMap::new();
    for (index, feature) in profile.service.features.iter().enumerate() {
        let (kinds, known, unknown_kind) = match &feature.kind {
            Some(id) => match catalogue.feature_kind(id.trim()) {
                Some(kind) => (vec![kind], true, None),
                None => (Vec::new(), false, Some(id.clone())),
            },
            None => {
                let parts = catalogue.feature_parts(&feature.name);
                let known = !parts.is_empty() && parts.iter().all(|(_, k)| k.is_some());
                let mut kinds = Vec::new();
                for kind in parts.into_iter().filter_map(|(_, k)| k) {
                    if !kinds
                        .iter()
                        .any(|k: &&crate::catalogue::FeatureKind| k.id == kind.id)
                    {
                        kinds.push(kind);
                    }
                }
                (kinds, known, None)
            }
        };
        let publisher = kinds
            .iter()
            .map(|k| k.content)
            .find(|p| *p != Publisher::None)
            .unwrap_or_default();
        let mut traits: Vec<FeatureTrait> = kinds.iter().flat_map(|k| k.traits.clone()).collect();
        traits.sort();
        traits.dedup();
        for kind in &kinds {
            if !kinds_seen.contains(&kind.id) {
                kinds_seen.push(kind.id.clone());
            }
            if let Some(category) = &kind.category {
                if !categories.contains(category) {
                    categories.push(category.clone());
                }
            }
        }
        traits_seen.extend(traits.iter().copied());
        let description = feature.description.as_deref().and_then(sentence);
        // A feature gets the wordings of the kinds not described yet; one whose kinds were
        // all described already joins the item that described its first kind.
        let (text, key, source) = match description {
            Some(text) => (Some(text), None, Source::Profile),
            None if known => {
                let fresh: Vec<_> = kinds
                    .iter()
                    .filter(|k| !kind_group.contains_key(k.id.as_str()))
                    .collect();
                if fresh.is_empty() {
                    let key = kinds
                        .first()
                        .and_then(|k| kind_group.get(k.id.as_str()))
                        .cloned();
                    (Some(String::new()), key, Source::Catalogue)
                } else {
                    let key = fresh
                        .iter()
                        .map(|k| k.id.as_str())
                        .collect::<Vec<_>>()
                        .join("+");
                    for kind in &fresh {
                        kind_group.insert(kind.id.clone(), key.clone());
                    }
                    let text = fresh
                        .iter()
                        .map(|k| k.wording.trim().to_string())
                        .collect::<Vec<_>>()
                        .join("；");
                    (Some(text), Some(key), Source::Catalogue)
                }
            }
            None => (None, None, Source::Catalogue),
        };
        described.push(Described {
            name: &feature.name,
            text,
            key,
            source,
        });
        list.push(FeatureFact {
            index,
            name: feature.name.clone(),
            kinds: kinds.iter().map(|k| k.id.clone()).collect(),
            known,
            unknown_kind,
            described: feature.description.as_deref().and_then(sentence).is_some(),
            publisher,
            review: feature.review,
            traits,
            categories: kinds.iter().filter_map(|k| k.category.clone()).collect(),
        });
    }
    let (groups, named_only) = group(described);
    let has = FeatureTrait::ALL
        .iter()
        .map(|t| (t.key(), traits_seen.contains(t)))
        .collect();
    FeatureFacts {
        names: list.iter().map(|f| f.name.clone()).collect(),
        list,
        groups,
        named_only,
        has,
        kind_ids: kinds_seen,
        categories,
    }
}

/// Who publishes information, and how each kind of post is reviewed.
#[derive(Debug, Clone, Serialize)]
pub struct ContentFacts {
    /// The company's editors write and publish information.
    pub editorial: bool,
    pub user_content: bool,
    pub merchant_content: bool,
    /// Features through which users publish.
    pub user_features: Vec<String>,
    /// Features through which merchants publish (listings).
    pub merchant_features: Vec<String>,
    /// Users' and merchants' features reviewed before / after they are shown, and those
    /// for which the profile does not say.
    pub reviewed_before: Vec<String>,
    pub reviewed_after: Vec<String>,
    pub review_unstated: Vec<String>,
    /// Users talk to each other in real time (private messages, group chat, live rooms).
    pub interactive: bool,
    pub interactive_features: Vec<String>,
}

pub(super) fn content(
    catalogue: &Catalogue,
    profile: &Profile,
    features: &FeatureFacts,
) -> ContentFacts {
    let policy = profile.service.content.as_ref();
    let default_review = policy.and_then(|p| p.user_review).or_else(|| {
        catalogue
            .review_before_in(&profile.security.content_review)
            .map(|before| {
                if before {
                    ReviewMode::Before
                } else {
                    ReviewMode::After
                }
            })
    });
    let editorial = policy.and_then(|p| p.editorial).unwrap_or_else(|| {
        features
            .list
            .iter()
            .any(|f| f.publisher == Publisher::Platform)
    });
    let names = |publisher: Publisher| -> Vec<String> {
        features
            .list
            .iter()
            .filter(|f| f.publisher == publisher)
            .map(|f| f.name.clone())
            .collect()
    };
    let user_features = names(Publisher::Users);
    let merchant_features = names(Publisher::Merchants);
    let (mut before, mut after, mut unstated) = (Vec::new(), Vec::new(), Vec::new());
    for feature in &features.list {
        if !matches!(feature.publisher, Publisher::Users | Publisher::Merchants) {
            continue;
        }
        match feature.review.or(default_review) {
            Some(ReviewMode::Before) => before.push(feature.name.clone()),
            Some(ReviewMode::After) => after.push(feature.name.clone()),
            None => unstated.push(feature.name.clone()),
        }
    }
    let interactive_features: Vec<String> = features
        .list
        .iter()
        .filter(|f| f.traits.contains(&FeatureTrait::Interactive))
        .map(|f| f.name.clone())
        .collect();
    ContentFacts {
        editorial,
        user_content: !user_features.is_empty(),
        merchant_content: !merchant_features.is_empty(),
        user_features,
        merchant_features,
        reviewed_before: before,
        reviewed_after: after,
        review_unstated: unstated,
        interactive: !interactive_features.is_empty(),
        interactive_features,
    }
}

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
    let required = edi.ecommerce || paying_features;
    PaymentFacts {
        online: required || provider.is_some(),
        required,
        provider,
    }
}

/// A prior approval the profile's content calls for.
#[derive(Debug, Clone, Serialize)]
pub struct ApprovalFact {
    pub id: String,
    pub service: String,
    pub approval: String,
    pub authority: String,
    pub basis: String,
    /// The catalogue's severity where a feature, the categories or the service's name call
    /// for the approval; a note where only the summary mentions its words (it may describe
    /// the customers' trade rather than the service).
    pub severity: TriggerSeverity,
    /// The words that triggered it and where: `短视频（功能“探店短视频”）`.
    pub found: Vec<String>,
    /// The profile's approvals that satisfy it.
    pub held: Vec<PriorApproval>,
    pub satisfied: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ApprovalFacts {
    /// Every trigger found, satisfied or not.
    pub triggered: Vec<ApprovalFact>,
    /// Warning-level triggers the profile holds no approval for.
    pub missing: Vec<ApprovalFact>,
    /// The approvals the profile lists.
    pub held: Vec<PriorApproval>,
}

pub(super) fn approvals(catalogue: &Catalogue, profile: &Profile) -> ApprovalFacts {
    let service = &profile.service;
    // (where, text, whether a mention there names what the service itself provides)
    let mut texts: Vec<(String, &str, bool)> = vec![
        ("业务简介".to_string(), service.summary.as_str(), false),
        ("服务名称".to_string(), service.name.as_str(), true),
    ];
    for category in &service.categories {
        texts.push(("申请的业务类别".to_string(), category.as_str(), true));
    }
    for feature in &service.features {
        let place = format!("功能“{}”", feature.name.trim());
        texts.push((place.clone(), feature.name.as_str(), true));
        if let Some(description) = &feature.description {
            texts.push((place, description.as_str(), true));
        }
    }
    let mut triggered: Vec<ApprovalFact> = Vec::new();
    let mut provided: Vec<String> = Vec::new();
    for (place, text, names_service) in &texts {
        for (keyword, trigger) in catalogue.approvals_in(text) {
            if *names_service && !provided.contains(&trigger.id) {
                provided.push(trigger.id.clone());
            }
            let found = format!("{keyword}（{place}）");
            match triggered.iter_mut().find(|t| t.id == trigger.id) {
                Some(existing) => {
                    if !existing.found.contains(&found) {
                        existing.found.push(found);
                    }
                }
                None => {
                    let held: Vec<PriorApproval> = service
                        .prior_approvals
                        .iter()
                        .filter(|a| {
                            let name = crate::catalogue::normalise(&a.name);
                            trigger
                                .held_as
                                .iter()
                                .any(|h| name.contains(&crate::catalogue::normalise(h)))
                        })
                        .cloned()
                        .collect();
                    triggered.push(ApprovalFact {
                        id: trigger.id.clone(),
                        service: trigger.service.clone(),
                        approval: trigger.approval.clone(),
                        authority: trigger.authority.clone(),
                        basis: trigger.basis.clone(),
                        severity: trigger.severity,
                        found: vec![found],
                        satisfied: !held.is_empty(),
                        held,
                    });
                }
            }
        }
    }
    for trigger in &mut triggered {
        if !provided.contains(&trigger.id) {
            trigger.severity = TriggerSeverity::Note;
        }
    }
    // The catalogue's order, so documents list approvals the same way for every profile.
    triggered.sort_by_key(|t| catalogue.approvals.iter().position(|a| a.id == t.id));
    let missing = triggered
        .iter()
        .filter(|t| !t.satisfied && t.severity == TriggerSeverity::Warning)
        .cloned()
        .collect();
    ApprovalFacts {
        triggered,
        missing,
        held: service.prior_approvals.clone(),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct DataSourceFact {
    pub name: String,
    pub kind: DataSourceKind,
    /// 设备, 业务系统, 数据来源.
    pub kind_name: &'static str,
    pub count: Option<u64>,
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
