//! The infrastructure side of a profile: hosting sites, servers in their tiers, what is
//! redundant, and the network's security zones (the security products are in `security`).

use std::collections::BTreeMap;

use serde::Serialize;

use super::{group, sentence, Described, SecurityFacts, Source};
use crate::catalogue::{tier_key, Catalogue, Placement, ServerTrait, ALL_TIERS};
use crate::profile::model::{Profile, SecurityKind, Server, SiteKind, Tier};
use crate::zh::date::Date;

/// A hosting site with the words the documents use for it.
#[derive(Debug, Clone, Serialize)]
pub struct SiteFact {
    pub index: usize,
    /// The profile's `id`, or `hosting` / `site1`… when it has none.
    pub id: String,
    pub kind: Option<SiteKind>,
    /// Read from the servers' models (all cloud products), not stated.
    pub kind_derived: bool,
    /// 公有云, IDC机房, 自有机房, or 数据中心 when the kind is not known.
    pub kind_name: &'static str,
    pub provider: String,
    pub provider_licence: String,
    pub location: String,
    pub province: String,
    pub region: Option<String>,
    pub contract_until: Option<Date>,
    pub racks: Option<u32>,
    /// Servers and cloud resources placed here.
    pub server_count: u64,
    /// Where the servers are, as a phrase: 杭州星垣数据服务有限公司位于浙江省杭州市的数据中心.
    pub place: String,
    /// A short label for the figure: 浙江省杭州市 · 公有云.
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SiteFacts {
    pub list: Vec<SiteFact>,
    pub multiple: bool,
    pub cloud: bool,
    pub idc: bool,
    pub own_room: bool,
    /// `place` of every site joined: 甲…和乙… (甲、乙和丙 for three).
    pub places: String,
    /// The agreements the sites rest on: 云服务协议, 服务器托管协议, 网络接入协议.
    pub agreements: String,
    /// Providers joined with 、.
    pub providers: String,
}

pub(super) fn sites(catalogue: &Catalogue, profile: &Profile) -> SiteFacts {
    let infra = &profile.infrastructure;
    let all: Vec<_> = infra.all_sites().collect();
    let ids: Vec<String> = all
        .iter()
        .enumerate()
        .map(|(i, s)| match &s.id {
            Some(id) => id.trim().to_string(),
            None if infra.hosting.is_some() && i == 0 => "hosting".to_string(),
            None => format!("site{}", i + 1),
        })
        .collect();
    let list: Vec<SiteFact> = all
        .iter()
        .enumerate()
        .map(|(i, site)| {
            let here: Vec<&Server> = infra
                .servers
                .iter()
                .filter(|s| site_index(&ids, s) == i)
                .collect();
            let derived = site.kind.is_none()
                && !here.is_empty()
                && here.iter().all(|s| catalogue.mentions_cloud(&s.model));
            let kind = site.kind.or(derived.then_some(SiteKind::Cloud));
            let kind_name = match kind {
                Some(SiteKind::Cloud) => "公有云",
                Some(SiteKind::Idc) => "IDC机房",
                Some(SiteKind::OwnRoom) => "自有机房",
                None => "数据中心",
            };
            let provider = site.provider.trim().to_string();
            let location = site.location.trim().to_string();
            let region = site.region.as_deref().and_then(sentence);
            let place = match kind {
                Some(SiteKind::Cloud) => match &region {
                    Some(region) => format!("{provider}的公有云{region}"),
                    None => format!("{provider}位于{location}的公有云数据中心"),
                },
                Some(SiteKind::Idc) => format!("{provider}位于{location}的数据中心机柜"),
                Some(SiteKind::OwnRoom) => format!("公司位于{location}的自有机房"),
                None => format!("{provider}位于{location}的数据中心"),
            };
            SiteFact {
                index: i,
                id: ids[i].clone(),
                kind,
                kind_derived: derived,
                kind_name,
                provider,
                provider_licence: site.provider_licence.trim().to_string(),
                label: format!("{location} · {kind_name}"),
                location,
                province: site.province.clone(),
                region,
                contract_until: site.contract_until,
                racks: site.racks,
                server_count: here.iter().map(|s| u64::from(s.count)).sum(),
                place,
            }
        })
        .collect();
    let has = |k: SiteKind| list.iter().any(|s| s.kind == Some(k));
    let mut providers: Vec<&str> = Vec::new();
    for site in &list {
        if !providers.contains(&site.provider.as_str()) {
            providers.push(&site.provider);
        }
    }
    SiteFacts {
        multiple: list.len() > 1,
        cloud: has(SiteKind::Cloud),
        idc: has(SiteKind::Idc),
        own_room: has(SiteKind::OwnRoom),
        places: join_with_and(list.iter().map(|s| s.place.as_str()).collect()),
        agreements: {
            let mut kinds: Vec<&str> = Vec::new();
            for site in &list {
                let agreement = match site.kind {
                    Some(SiteKind::Cloud) => "云服务协议",
                    Some(SiteKind::Idc) => "服务器托管协议",
                    Some(SiteKind::OwnRoom) => "网络接入协议",
                    None => "服务器托管或者网络接入协议",
                };
                if !kinds.contains(&agreement) {
                    kinds.push(agreement);
                }
            }
            join_with_and(kinds)
        },
        providers: providers.join("、"),
        list,
    }
}

/// `A`, `A和B`, `A、B和C`.
fn join_with_and(items: Vec<&str>) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{}和{last}", rest.join("、")),
    }
}

/// The site a server names, or the first one.
fn site_index(ids: &[String], server: &Server) -> usize {
    server
        .site
        .as_deref()
        .and_then(|id| ids.iter().position(|i| i == id.trim()))
        .unwrap_or(0)
}

/// One server entry of the profile, classified.
#[derive(Debug, Clone, Serialize)]
pub struct ServerFact {
    pub index: usize,
    pub role: String,
    pub model: String,
    pub count: u32,
    pub tier: Tier,
    /// `tier` given in the profile, or read from a known kind (else application).
    pub tier_known: bool,
    pub tier_name: String,
    pub kind: Option<String>,
    pub kind_name: Option<String>,
    /// The profile's purpose or the kind's wording.
    pub text: Option<String>,
    pub site: String,
    /// What the site is (公有云, IDC机房 …), for tables that list servers by site.
    pub site_name: String,
    /// The site named does not exist.
    pub unknown_site: bool,
    pub redundant: bool,
    /// How, in the profile's words (主备, 高可用, 集群 …), when it says.
    pub redundancy: Option<String>,
    pub balancer: bool,
    /// Holds no data a backup must keep (cache, queue).
    pub volatile: bool,
    pub security: Option<SecurityKind>,
}

/// The servers of one tier.
#[derive(Debug, Clone, Serialize)]
pub struct TierGroup {
    pub id: Tier,
    pub name: String,
    pub zone: String,
    pub role: String,
    pub servers: Vec<ServerFact>,
    /// Their roles joined with 、.
    pub roles: String,
}

/// A security zone of the network (several tiers may share one).
#[derive(Debug, Clone, Serialize)]
pub struct ZoneFact {
    pub name: String,
    /// The roles in it, joined with 、.
    pub contents: String,
}

/// Servers that share one description, with their models and counts.
#[derive(Debug, Clone, Serialize)]
pub struct ServerGroup {
    pub label: String,
    pub text: String,
    pub source: Source,
    /// The tier of the first member (members of one kind share it).
    pub tier_name: String,
    pub members: Vec<ServerFact>,
    /// `采用A（2台）`-style phrases, one per member: 云服务器 ECS g7，2台.
    pub deployment: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ServerFacts {
    pub list: Vec<ServerFact>,
    /// Tiers that have servers, top to bottom.
    pub tiers: Vec<TierGroup>,
    pub zones: Vec<ZoneFact>,
    /// Described servers, one entry per description.
    pub groups: Vec<ServerGroup>,
    /// Servers with neither a purpose nor a catalogue kind.
    pub named_only: Vec<ServerFact>,
    pub total: u64,
    /// Every tier key present (`facts.servers.has.access`).
    pub has: BTreeMap<&'static str, bool>,
    /// The roles of each tier joined with 、, every tier key present (empty when none).
    pub roles: BTreeMap<&'static str, String>,
    /// The roles of servers of each catalogue kind present, by kind id.
    pub by_kind: BTreeMap<String, Vec<String>>,
    /// Where data is kept: data and storage servers that are not caches or queues.
    pub stores: Vec<String>,
    /// A load balancer spreads requests over two or more application nodes.
    pub balanced: bool,
    /// Servers deployed for failover, as `数据库服务器（主备）` phrases.
    pub redundant: Vec<String>,
    /// The same, at most four of them and 等 after (for sentences that only need examples).
    pub redundant_examples: String,
}

pub(super) fn servers(catalogue: &Catalogue, profile: &Profile, sites: &SiteFacts) -> ServerFacts {
    let mut list = classified_servers(catalogue, profile, sites);
    let tiers = tier_groups(catalogue, &list);
    let zones = tier_zones(&tiers);
    let balanced = mark_balanced_nodes_redundant(&mut list);
    let redundant = redundancy_phrases(&list);
    let groups = server_groups(profile, sites, &list);
    let named_only = list.iter().filter(|s| s.text.is_none()).cloned().collect();
    let has = ALL_TIERS
        .iter()
        .map(|t| (tier_key(*t), list.iter().any(|s| s.tier == *t)))
        .collect();
    let stores = list
        .iter()
        .filter(|s| matches!(s.tier, Tier::Data | Tier::Storage) && !s.volatile)
        .map(|s| s.role.clone())
        .collect();
    let redundant_examples = if redundant.len() > 4 {
        format!("{}等", redundant[..4].join("、"))
    } else {
        redundant.join("、")
    };
    ServerFacts {
        redundant_examples,
        roles: roles_by_tier(&list),
        by_kind: roles_by_kind(&list),
        stores,
        total: list.iter().map(|s| u64::from(s.count)).sum(),
        tiers,
        zones,
        groups,
        named_only,
        has,
        balanced,
        redundant,
        list,
    }
}

/// Every server of the profile classified, with the name of the site it stands in.
fn classified_servers(
    catalogue: &Catalogue,
    profile: &Profile,
    sites: &SiteFacts,
) -> Vec<ServerFact> {
    let ids: Vec<String> = sites.list.iter().map(|s| s.id.clone()).collect();
    profile
        .infrastructure
        .servers
        .iter()
        .enumerate()
        .map(|(index, server)| {
            let mut fact = server_fact(catalogue, &ids, index, server);
            if let Some(site) = sites.list.iter().find(|s| s.id == fact.site) {
                fact.site_name = site.kind_name.to_string();
            }
            fact
        })
        .collect()
}

/// The tiers that have servers, top to bottom, with their servers.
fn tier_groups(catalogue: &Catalogue, list: &[ServerFact]) -> Vec<TierGroup> {
    let mut tiers = Vec::new();
    for tier in ALL_TIERS {
        let servers: Vec<ServerFact> = list.iter().filter(|s| s.tier == tier).cloned().collect();
        if servers.is_empty() {
            continue;
        }
        let info = catalogue.tier(tier);
        tiers.push(TierGroup {
            id: tier,
            name: info.name.clone(),
            zone: info.zone.clone(),
            role: info.role.clone(),
            roles: servers
                .iter()
                .map(|s| s.role.as_str())
                .collect::<Vec<_>>()
                .join("、"),
            servers,
        });
    }
    tiers
}

/// Tiers that share a zone are merged into it, in tier order.
fn tier_zones(tiers: &[TierGroup]) -> Vec<ZoneFact> {
    let mut zones: Vec<ZoneFact> = Vec::new();
    for tier in tiers {
        match zones.iter_mut().find(|z| z.name == tier.zone) {
            Some(zone) => {
                zone.contents.push('、');
                zone.contents.push_str(&tier.roles);
            }
            None => zones.push(ZoneFact {
                name: tier.zone.clone(),
                contents: tier.roles.clone(),
            }),
        }
    }
    zones
}

/// Application nodes behind a load balancer back each other up; returns whether the
/// requests are balanced at all.
fn mark_balanced_nodes_redundant(list: &mut [ServerFact]) -> bool {
    let application_nodes: u32 = list
        .iter()
        .filter(|s| s.tier == Tier::Application && !s.volatile)
        .map(|s| s.count)
        .max()
        .unwrap_or(0);
    let balanced = list.iter().any(|s| s.balancer) && application_nodes >= 2;
    for server in list.iter_mut() {
        if balanced && server.tier == Tier::Application && server.count >= 2 && !server.volatile {
            server.redundant = true;
        }
    }
    balanced
}

/// `数据库服务器（主备）`-style phrases for the redundant servers.
fn redundancy_phrases(list: &[ServerFact]) -> Vec<String> {
    list.iter()
        .filter(|s| s.redundant)
        .map(|s| match (&s.redundancy, s.count) {
            (Some(how), _) => format!("{}（{how}）", s.role),
            (None, count) if count >= 2 => format!("{}{count}台", s.role),
            (None, _) => s.role.clone(),
        })
        .collect()
}

/// Servers grouped by their description: a profile's purpose stays with its server, a
/// catalogue wording is shared by every server of the kind.
fn server_groups(profile: &Profile, sites: &SiteFacts, list: &[ServerFact]) -> Vec<ServerGroup> {
    let described = list
        .iter()
        .map(|s| {
            let own = profile.infrastructure.servers[s.index].purpose.is_some();
            Described {
                name: &s.role,
                text: s.text.clone(),
                key: if own { None } else { s.kind.clone() },
                source: if own {
                    Source::Profile
                } else {
                    Source::Catalogue
                },
            }
        })
        .collect();
    let (groups, _) = group(described);
    groups
        .into_iter()
        .map(|g| {
            let members: Vec<ServerFact> = list
                .iter()
                .filter(|s| g.names.contains(&s.role) && s.text.as_deref() == Some(&g.text))
                .cloned()
                .collect();
            let deployment = deployment_phrase(sites, &members);
            ServerGroup {
                label: g.label,
                text: g.text,
                source: g.source,
                tier_name: members
                    .first()
                    .map(|m| m.tier_name.clone())
                    .unwrap_or_default(),
                members,
                deployment,
            }
        })
        .collect()
}

/// The models and counts of a group's members, with their site when there are several.
fn deployment_phrase(sites: &SiteFacts, members: &[ServerFact]) -> String {
    members
        .iter()
        .map(|m| {
            let place = match sites.list.iter().find(|s| s.id == m.site) {
                Some(site) if sites.multiple => format!("，部署于{}", site.kind_name),
                _ => String::new(),
            };
            if members.len() > 1 {
                format!("{}采用{}（数量{}{place}）", m.role, m.model, m.count)
            } else {
                format!("采用{}（数量{}{place}）", m.model, m.count)
            }
        })
        .collect::<Vec<_>>()
        .join("，")
}

/// The roles of each tier joined with 、, every tier key present.
fn roles_by_tier(list: &[ServerFact]) -> BTreeMap<&'static str, String> {
    ALL_TIERS
        .iter()
        .map(|t| {
            let roles: Vec<&str> = list
                .iter()
                .filter(|s| s.tier == *t)
                .map(|s| s.role.as_str())
                .collect();
            (tier_key(*t), roles.join("、"))
        })
        .collect()
}

/// The roles of the servers of each catalogue kind present.
fn roles_by_kind(list: &[ServerFact]) -> BTreeMap<String, Vec<String>> {
    let mut by_kind: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for server in list {
        if let Some(kind) = &server.kind {
            by_kind
                .entry(kind.clone())
                .or_default()
                .push(server.role.clone());
        }
    }
    by_kind
}

fn server_fact(catalogue: &Catalogue, ids: &[String], index: usize, server: &Server) -> ServerFact {
    let kind = catalogue
        .server_kind(&server.role)
        .or_else(|| catalogue.server_for_function(&server.role))
        .or_else(|| {
            server
                .software
                .as_deref()
                .and_then(|s| catalogue.server_kind_of_software(s))
        })
        .or_else(|| catalogue.server_kind(&server.model));
    let tier = server.tier.or(kind.map(|k| k.tier));
    let tier_known = tier.is_some();
    let tier = tier.unwrap_or(Tier::Application);
    let purpose = server.purpose.as_deref().and_then(sentence);
    let text = purpose.or_else(|| kind.map(|k| k.wording.trim().to_string()));
    let markers = [
        Some(server.model.as_str()),
        server.spec.as_deref(),
        server.software.as_deref(),
    ];
    let marker = markers
        .iter()
        .flatten()
        .find_map(|t| catalogue.redundancy_marker(t));
    let redundant = server.redundant.unwrap_or(marker.is_some());
    let unknown_site = server
        .site
        .as_deref()
        .is_some_and(|id| !ids.iter().any(|i| i == id.trim()));
    ServerFact {
        index,
        role: server.role.trim().to_string(),
        model: server.model.trim().to_string(),
        count: server.count,
        tier,
        tier_known,
        tier_name: catalogue.tier(tier).name.clone(),
        kind: kind.map(|k| k.id.clone()),
        kind_name: kind.map(|k| k.name.clone()),
        text,
        site: ids
            .get(site_index(ids, server))
            .cloned()
            .unwrap_or_default(),
        site_name: String::new(),
        unknown_site,
        redundant,
        redundancy: if redundant { marker } else { None },
        balancer: kind.is_some_and(|k| k.traits.contains(&ServerTrait::Balancer)),
        volatile: kind.is_some_and(|k| k.traits.contains(&ServerTrait::Volatile)),
        security: kind.and_then(|k| k.security),
    }
}

/// The security zones of the network with what is in them: the servers' tiers, inline
/// security products at the entrance, the other products in the management zone.
pub(super) fn zones(
    catalogue: &Catalogue,
    servers: &ServerFacts,
    security: &SecurityFacts,
) -> Vec<ZoneFact> {
    let mut zones = servers.zones.clone();
    let entrance = &catalogue.tier(Tier::Access).zone;
    let management = &catalogue.tier(Tier::Operations).zone;
    if !security.inline_products.is_empty() {
        let products = security.inline_products.join("、");
        match zones.iter_mut().find(|z| &z.name == entrance) {
            Some(zone) => zone.contents = format!("{products}、{}", zone.contents),
            None => zones.insert(
                0,
                ZoneFact {
                    name: entrance.clone(),
                    contents: products,
                },
            ),
        }
    }
    // Host software (host security, anti-tamper, certificates) runs on the servers of
    // every zone; only products beside the traffic path sit in the management zone.
    let beside: Vec<&str> = security
        .products
        .iter()
        .filter(|p| p.placement == Placement::Beside)
        .map(|p| p.name.as_str())
        .collect();
    if !beside.is_empty() {
        let products = beside.join("、");
        match zones.iter_mut().find(|z| &z.name == management) {
            Some(zone) => zone.contents = format!("{}、{products}", zone.contents),
            None => zones.push(ZoneFact {
                name: management.clone(),
                contents: products,
            }),
        }
    }
    zones
}
