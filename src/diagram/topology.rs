//! What the network topology diagram shows, read from the profile as the catalogue
//! classifies it: the description, before any geometry.
//!
//! Servers go to the tier the catalogue gives them (the same tier the technical plan prints),
//! security products to the traffic path or the management zone by their kind, and devices
//! or partner systems that send data appear beside the users.

use crate::catalogue::{Facts, Placement, ServerFact};
use crate::profile::model::{Backup, Profile, Tier};

/// What a box is, as far as the drawing is concerned (its colour and connections).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Balancer,
    Network,
    Web,
    Application,
    Database,
    Cache,
    Storage,
    Backup,
    Management,
    /// Users, devices and partner systems outside the data centre.
    Client,
}

/// One box of the diagram: a bold title and smaller detail lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub title: String,
    pub details: Vec<String>,
    pub role: Role,
}

/// One hosting site in the frame's header: provider, then place and kind.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteLabel {
    pub title: String,
    pub detail: String,
}

/// The diagram's content, top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub struct Topology {
    /// How users reach the service, e.g. `浏览器 / 手机App`.
    pub clients: String,
    /// Devices and partner systems that send data to the platform.
    pub sources: Vec<Node>,
    pub domains: Vec<String>,
    pub sites: Vec<SiteLabel>,
    pub bandwidth_mbps: u32,
    pub ips: Vec<String>,
    /// Security products traffic passes through, in the order it meets them.
    pub inline_security: Vec<String>,
    /// Security products and servers beside the traffic path (bastion host, audit…).
    pub management: Vec<Node>,
    pub balancers: Vec<Node>,
    /// Switches, routers and other network devices (own racks and rooms).
    pub network: Vec<Node>,
    pub web: Vec<Node>,
    pub application: Vec<Node>,
    /// Databases, caches and storage.
    pub data: Vec<Node>,
    /// Where backups are kept in the data centre.
    pub backup: Vec<Node>,
    /// The off-site copy, when the profile keeps one.
    pub offsite: Option<Node>,
}

fn titled(name: &str, count: u32) -> String {
    if count > 1 {
        format!("{} ×{}", name.trim(), count)
    } else {
        name.trim().to_string()
    }
}

/// The description of the network topology diagram of `profile`, classified as `facts`.
pub fn describe(profile: &Profile, facts: &Facts) -> Topology {
    let infra = &profile.infrastructure;
    let mut topology = Topology {
        clients: facts.forms.clients.replace('、', " / "),
        sources: source_nodes(facts),
        domains: profile
            .service
            .domains
            .iter()
            .map(|d| d.domain.trim().to_string())
            .filter(|d| !d.is_empty())
            .collect(),
        sites: site_labels(facts),
        bandwidth_mbps: infra.bandwidth_mbps,
        ips: infra
            .ips
            .iter()
            .map(|ip| ip.trim().to_string())
            .filter(|ip| !ip.is_empty())
            .collect(),
        inline_security: facts.security.inline_products.clone(),
        management: management_products(facts),
        balancers: Vec::new(),
        network: Vec::new(),
        web: Vec::new(),
        application: Vec::new(),
        data: Vec::new(),
        backup: Vec::new(),
        offsite: None,
    };
    place_servers(&mut topology, facts);
    add_backup(&mut topology, &infra.backup);
    topology
}

/// Devices and partner systems that send data, with how they connect.
fn source_nodes(facts: &Facts) -> Vec<Node> {
    facts
        .data_sources
        .list
        .iter()
        .map(|source| Node {
            title: match source.count {
                Some(count) if count > 1 => format!("{} ×{count}", source.name),
                _ => source.name.clone(),
            },
            details: {
                let via: Vec<&str> = source
                    .protocol
                    .iter()
                    .chain(source.network.iter())
                    .map(|s| s.trim())
                    .filter(|s| !s.is_empty())
                    .collect();
                if via.is_empty() {
                    Vec::new()
                } else {
                    vec![via.join(" / ")]
                }
            },
            role: Role::Client,
        })
        .collect()
}

/// The hosting sites for the frame's header.
fn site_labels(facts: &Facts) -> Vec<SiteLabel> {
    facts
        .sites
        .list
        .iter()
        .map(|s| SiteLabel {
            title: s.provider.clone(),
            detail: match &s.region {
                Some(region) => format!("{} · {region}", s.label),
                None => s.label.clone(),
            },
        })
        .collect()
}

/// Security products beside the traffic path; management servers follow them.
fn management_products(facts: &Facts) -> Vec<Node> {
    facts
        .security
        .products
        .iter()
        .filter(|p| p.placement != Placement::Inline)
        .map(|p| Node {
            title: p.name.clone(),
            details: Vec::new(),
            role: Role::Management,
        })
        .collect()
}

/// What makes two server entries one box: the words the box shows (role name, model, the
/// site when there are several) and the drawing role its tier gives it. Spec, CPU, memory,
/// disk, OS and software are left out on purpose: the figure prints none of them, so
/// splitting on them would draw boxes with the same words side by side, while the server
/// table of the technical plan still lists every entry with its own configuration.
#[derive(PartialEq, Eq)]
struct BoxKey<'a> {
    role: Role,
    name: &'a str,
    model: &'a str,
    site: &'a str,
}

impl<'a> BoxKey<'a> {
    fn of(server: &'a ServerFact) -> BoxKey<'a> {
        BoxKey {
            role: server_role(server),
            name: server.role.trim(),
            model: server.model.trim(),
            site: server.site.as_str(),
        }
    }
}

/// Every server as a box in the row of its tier, in the profile's order; entries that
/// describe alike servers ([`BoxKey`]) are one box with their counts added (应用服务器 ×9),
/// so a long inventory list draws as the architecture it is.
fn place_servers(topology: &mut Topology, facts: &Facts) {
    let mut groups: Vec<(BoxKey, &ServerFact, u32)> = Vec::new();
    for server in &facts.servers.list {
        let key = BoxKey::of(server);
        match groups.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, _, count)) => *count = count.saturating_add(server.count),
            None => groups.push((key, server, server.count)),
        }
    }
    for (key, server, count) in groups {
        let mut details: Vec<String> = [key.model]
            .into_iter()
            .filter(|m| !m.is_empty())
            .map(str::to_string)
            .collect();
        if facts.sites.multiple {
            if let Some(site) = facts.sites.list.iter().find(|s| s.id == server.site) {
                details.push(format!("部署于{}", site.kind_name));
            }
        }
        let node = Node {
            title: titled(key.name, count),
            details,
            role: key.role,
        };
        match key.role {
            Role::Balancer => topology.balancers.push(node),
            Role::Network => topology.network.push(node),
            Role::Web => topology.web.push(node),
            Role::Application => topology.application.push(node),
            Role::Database | Role::Cache | Role::Storage => topology.data.push(node),
            Role::Backup => topology.backup.push(node),
            Role::Management | Role::Client => topology.management.push(node),
        }
    }
}

/// What a server's box is, from its tier (web servers and caches told apart).
fn server_role(server: &ServerFact) -> Role {
    match server.tier {
        Tier::Access => Role::Balancer,
        Tier::Network => Role::Network,
        Tier::Application if server.kind.as_deref() == Some("web_server") => Role::Web,
        Tier::Application => Role::Application,
        Tier::Data if server.volatile => Role::Cache,
        Tier::Data => Role::Database,
        Tier::Storage => Role::Storage,
        Tier::Backup => Role::Backup,
        Tier::Operations => Role::Management,
    }
}

/// The retention on the first backup box (one is drawn when no server holds backups), and
/// the recovery objectives on the off-site copy, or on that box when there is none.
fn add_backup(topology: &mut Topology, backup: &Backup) {
    let retention = format!("保留{}日", backup.retention_days);
    let objectives = format!(
        "RPO≤{}分钟 · RTO≤{}小时",
        backup.rpo_minutes, backup.rto_hours
    );
    if topology.backup.is_empty() {
        topology.backup.push(Node {
            title: "数据备份".to_string(),
            details: vec![retention],
            role: Role::Backup,
        });
    } else if let Some(first) = topology.backup.first_mut() {
        first.details.push(retention);
    }
    if backup.offsite {
        topology.offsite = Some(Node {
            title: "异地备份".to_string(),
            details: vec![objectives],
            role: Role::Backup,
        });
    } else if let Some(first) = topology.backup.first_mut() {
        first.details.push(objectives);
    }
}
