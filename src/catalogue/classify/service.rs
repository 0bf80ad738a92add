//! The service itself: its forms (website, App, 小程序) with their 备案, who its users are,
//! and which kind of EDI business it is.

use serde::Serialize;

use super::features::FeatureFacts;
use crate::catalogue::{Catalogue, FeatureTrait};
use crate::profile::model::{Audience, EdiType, Licence, Profile, Sellers, Service, ServiceKind};

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
    /// The forms with their names: 网站“青禾学堂”和小程序“青禾助手” (or 网站、App“X” when
    /// they share the service's name).
    pub labels: String,
    /// Where the licence number is shown, every form: 网站首页和“X”App的“关于”页面.
    pub licence_display: String,
    /// The forms' summaries joined with ；, empty when the profile says nothing of them.
    pub summary: String,
}

pub(super) fn forms(profile: &Profile) -> Forms {
    let service = &profile.service;
    let list = form_list(profile);
    let has = |kind| list.iter().any(|f| f.kind == kind);
    let (names, clients) = kind_names_and_clients(&list);
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
    let labels = form_labels(service, &list, &names);
    let displays: Vec<&str> = list.iter().map(|f| f.licence_display.as_str()).collect();
    let licence_display = match displays.split_last() {
        None => String::new(),
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{}和{last}", rest.join("、")),
    };
    Forms {
        labels,
        licence_display,
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

/// The forms the profile lists, then one for each other kind the service has; a website
/// falls back on the service's first domain and 备案号.
fn form_list(profile: &Profile) -> Vec<FormFact> {
    let service = &profile.service;
    let mut list: Vec<FormFact> = Vec::new();
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
        list.push(form_fact(
            service,
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
        list.push(form_fact(
            service,
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
    list
}

/// One form with the words the documents use for it; unnamed forms take the service's name.
fn form_fact(
    service: &Service,
    kind: ServiceKind,
    name: Option<&str>,
    domain: Option<String>,
    filing: Option<String>,
    stores: Vec<String>,
    platform: Option<String>,
) -> FormFact {
    let name = name.unwrap_or(&service.name).trim().to_string();
    let licence_display = match kind {
        ServiceKind::Website => "网站首页".to_string(),
        ServiceKind::App => format!("“{name}”App的“关于”页面"),
        ServiceKind::MiniProgram => format!("“{name}”小程序的“关于”或者设置页面"),
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
}

/// The forms' display names and the clients users reach them with, each once, in order.
fn kind_names_and_clients(list: &[FormFact]) -> (Vec<&'static str>, Vec<String>) {
    let mut names: Vec<&'static str> = Vec::new();
    let mut clients: Vec<String> = Vec::new();
    for form in list {
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
    (names, clients)
}

/// The forms with their names, the service's name given once when they all share it.
fn form_labels(service: &Service, list: &[FormFact], names: &[&'static str]) -> String {
    let shared = list.iter().all(|f| f.name == service.name.trim());
    if shared {
        format!("{}“{}”", names.join("、"), service.name.trim())
    } else {
        let parts: Vec<String> = list
            .iter()
            .map(|f| format!("{}“{}”", f.kind_name, f.name))
            .collect();
        parts.join("、")
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
    /// Third parties sell through the platform (e-commerce, or other 交易处理 such as
    /// tickets sold by their operators): the trading sections, merchant vetting and the
    /// transaction records of the 电子商务法 apply.
    pub trading: bool,
    pub data_exchange: bool,
    pub device_data: bool,
    pub other_transaction: bool,
    /// E-commerce selling to individuals / between businesses.
    pub b2c: bool,
    pub b2b: bool,
    /// E-commerce whose sellers include businesses (营业执照) / natural persons (身份证件).
    pub business_sellers: bool,
    pub individual_sellers: bool,
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
    let trading = ecommerce || on(EdiType::OtherTransaction);
    EdiFacts {
        applies,
        ecommerce,
        data_exchange: on(EdiType::DataExchange),
        device_data: on(EdiType::DeviceData),
        other_transaction: on(EdiType::OtherTransaction),
        trading,
        b2c: trading && (audience.consumers || audience.unknown),
        b2b: trading && audience.enterprises,
        business_sellers: trading
            && match profile.service.sellers {
                Some(Sellers::Individuals) => false,
                Some(_) => true,
                None => !audience.consumers || audience.enterprises,
            },
        individual_sellers: trading
            && match profile.service.sellers {
                Some(Sellers::Businesses) => false,
                Some(_) => true,
                None => audience.consumers && !audience.enterprises,
            },
        stated,
        unknown: applies && types.is_empty(),
    }
}
