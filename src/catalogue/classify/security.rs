//! The security products of a profile and the network devices that act as them: what
//! kind each is, where it sits on the traffic path, and what the documents say about it.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{group, sentence, Described, Group, ServerFacts, Source};
use crate::catalogue::{
    normalise, security_kind_key, Catalogue, Covers, Placement, ALL_SECURITY_KINDS,
};
use crate::profile::model::{Profile, SecurityKind};

/// One security product of the profile, classified.
#[derive(Debug, Clone, Serialize)]
pub struct ProductFact {
    pub index: usize,
    pub name: String,
    pub kind: SecurityKind,
    /// The kind was given, or read from a known name (else `other`).
    pub kind_known: bool,
    pub kind_name: String,
    pub placement: Placement,
    pub order: u8,
    pub text: Option<String>,
    pub covers: Covers,
}

#[derive(Debug, Clone, Serialize)]
pub struct SecurityFacts {
    pub products: Vec<ProductFact>,
    pub groups: Vec<Group>,
    pub named_only: Vec<String>,
    /// Every kind key: deployed as a product or as a network device (host security on the
    /// servers only; office-computer protection is `terminals`).
    pub has: BTreeMap<&'static str, bool>,
    /// Names of the products and devices of each kind, every kind key present.
    pub names: BTreeMap<&'static str, Vec<String>>,
    /// Products that protect office computers (终端安全, EDR …).
    pub terminals: Vec<String>,
    /// Products and network devices on the traffic path, in the order traffic meets them.
    pub inline: Vec<String>,
    /// Products and devices that watch for attacks and raise alarms (not certificates,
    /// encryption or content checks).
    pub monitoring: Vec<String>,
    /// The products among them (devices are drawn and listed with the servers).
    pub inline_products: Vec<String>,
    /// Products beside the traffic path (management zone) and on the hosts.
    pub beside: Vec<String>,
    pub any: bool,
}

pub(super) fn security(
    catalogue: &Catalogue,
    profile: &Profile,
    servers: &ServerFacts,
) -> SecurityFacts {
    let products = product_facts(catalogue, profile);
    let (groups, named_only) = product_groups(profile, &products);
    let devices = devices_not_listed_as_products(servers, &products);
    let names = names_by_kind(&products, &devices);
    let has = names
        .iter()
        .map(|(k, names)| (*k, !names.is_empty()))
        .collect();
    let inline = inline_in_traffic_order(catalogue, &products, &devices);
    let monitoring = monitoring_names(&names);
    SecurityFacts {
        monitoring,
        inline_products: inline
            .iter()
            .filter(|(_, _, product)| *product)
            .map(|(_, name, _)| name.clone())
            .collect(),
        terminals: products
            .iter()
            .filter(|p| p.covers == Covers::Terminals)
            .map(|p| p.name.clone())
            .collect(),
        inline: inline.into_iter().map(|(_, name, _)| name).collect(),
        beside: products
            .iter()
            .filter(|p| p.placement != Placement::Inline)
            .map(|p| p.name.clone())
            .collect(),
        any: !products.is_empty() || !devices.is_empty(),
        products,
        groups,
        named_only,
        has,
        names,
    }
}

/// The named security products of the profile, classified.
fn product_facts(catalogue: &Catalogue, profile: &Profile) -> Vec<ProductFact> {
    profile
        .infrastructure
        .security_products
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.name.trim().is_empty())
        .map(|(index, product)| {
            let entry = catalogue.security_entry(&product.name);
            let kind = product.kind.or(entry.map(|e| e.kind));
            let kind_known = kind.is_some_and(|k| k != SecurityKind::Other);
            let kind = kind.unwrap_or(SecurityKind::Other);
            let info = catalogue.security_kind(kind);
            // An entry's own wording applies only to the kind it was written for.
            let entry = entry.filter(|e| e.kind == kind);
            let text = product
                .description
                .as_deref()
                .and_then(sentence)
                .or_else(|| entry.and_then(|e| e.wording.clone()))
                .or_else(|| info.wording.clone());
            ProductFact {
                index,
                name: product.name.trim().to_string(),
                kind,
                kind_known,
                kind_name: info.name.clone(),
                placement: info.placement,
                order: info.order,
                text,
                covers: entry.map(|e| e.covers).unwrap_or_default(),
            }
        })
        .collect()
}

/// Products grouped by description (a catalogue wording is shared within its kind), and
/// the products without one.
fn product_groups(profile: &Profile, products: &[ProductFact]) -> (Vec<Group>, Vec<String>) {
    let described = products
        .iter()
        .map(|p| {
            let own = profile.infrastructure.security_products[p.index]
                .description
                .is_some();
            Described {
                name: &p.name,
                text: p.text.clone(),
                key: (!own).then(|| {
                    let wording = p.text.clone().unwrap_or_default();
                    format!("{}:{wording}", security_kind_key(p.kind))
                }),
                source: if own {
                    Source::Profile
                } else {
                    Source::Catalogue
                },
            }
        })
        .collect();
    group(described)
}

/// Security devices among the servers, less those that are a listed product.
fn devices_not_listed_as_products<'a>(
    servers: &'a ServerFacts,
    products: &[ProductFact],
) -> Vec<(SecurityKind, &'a str)> {
    // A network device that a product of its kind names, or that names one (防火墙 and 华为
    // USG 防火墙), is that product: it is listed once, as the product.
    let same = |a: &str, b: &str| {
        let (a, b) = (normalise(a), normalise(b));
        a.contains(&b) || b.contains(&a)
    };
    servers
        .list
        .iter()
        .filter_map(|s| s.security.map(|k| (k, s.role.as_str())))
        .filter(|(kind, role)| {
            !products
                .iter()
                .any(|p| p.kind == *kind && same(&p.name, role))
        })
        .collect()
}

/// Names of the products and devices of each kind, every kind key present.
fn names_by_kind(
    products: &[ProductFact],
    devices: &[(SecurityKind, &str)],
) -> BTreeMap<&'static str, Vec<String>> {
    ALL_SECURITY_KINDS
        .iter()
        .map(|k| {
            // Endpoint products protect office computers, not the servers.
            let mut names: Vec<String> = products
                .iter()
                .filter(|p| p.kind == *k && p.covers != Covers::Terminals)
                .map(|p| p.name.clone())
                .collect();
            names.extend(
                devices
                    .iter()
                    .filter(|(kind, _)| kind == k)
                    .map(|(_, role)| role.to_string()),
            );
            (security_kind_key(*k), names)
        })
        .collect()
}

/// Products and devices on the traffic path as (order, name, is a product), in the order
/// traffic meets them.
fn inline_in_traffic_order(
    catalogue: &Catalogue,
    products: &[ProductFact],
    devices: &[(SecurityKind, &str)],
) -> Vec<(u8, String, bool)> {
    let mut inline: Vec<(u8, String, bool)> = products
        .iter()
        .filter(|p| p.placement == Placement::Inline)
        .map(|p| (p.order, p.name.clone(), true))
        .collect();
    for (kind, role) in devices {
        let info = catalogue.security_kind(*kind);
        if info.placement == Placement::Inline {
            inline.push((info.order, role.to_string(), false));
        }
    }
    // Stable: products of one kind keep the profile's order.
    inline.sort_by_key(|(order, _, _)| *order);
    inline
}

/// Names of the kinds that watch for attacks and raise alarms.
fn monitoring_names(names: &BTreeMap<&'static str, Vec<String>>) -> Vec<String> {
    const WATCHING: [SecurityKind; 11] = [
        SecurityKind::AntiDdos,
        SecurityKind::Firewall,
        SecurityKind::Ips,
        SecurityKind::Waf,
        SecurityKind::Ids,
        SecurityKind::HostSecurity,
        SecurityKind::WebTamper,
        SecurityKind::LogAudit,
        SecurityKind::DbAudit,
        SecurityKind::SituationalAwareness,
        SecurityKind::Bastion,
    ];
    WATCHING
        .iter()
        .flat_map(|k| {
            names
                .get(security_kind_key(*k))
                .cloned()
                .unwrap_or_default()
        })
        .collect()
}
