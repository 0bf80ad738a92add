//! What the network topology diagram shows, read from the profile's `infrastructure`:
//! the description, before any geometry.
//!
//! Servers are sorted into tiers by the words of their free-text `role` (the same words
//! the technical plan's template uses to describe them), so a profile needs no extra field
//! for the diagram; a role that matches nothing is drawn as an application server, which is
//! what the template calls it too.

use crate::profile::model::{Infrastructure, Profile, Server, ServiceKind};

/// What a server does, as far as the diagram is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Balancer,
    Web,
    Application,
    Database,
    Cache,
    Storage,
    Backup,
    Management,
}

/// One box of the diagram: a bold title and smaller detail lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub title: String,
    pub details: Vec<String>,
    pub role: Role,
}

/// The diagram's content, top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub struct Topology {
    /// How users reach the service, e.g. `浏览器 / 手机App`.
    pub clients: String,
    pub domains: Vec<String>,
    pub provider: String,
    pub location: String,
    pub bandwidth_mbps: u32,
    pub ips: Vec<String>,
    /// Security products traffic passes through, in the order it meets them.
    pub inline_security: Vec<String>,
    /// Security products and servers beside the traffic path (bastion host, audit…).
    pub management: Vec<Node>,
    pub balancers: Vec<Node>,
    pub web: Vec<Node>,
    pub application: Vec<Node>,
    /// Databases, caches and storage.
    pub data: Vec<Node>,
    /// Where backups are kept in the data centre.
    pub backup: Vec<Node>,
    /// The off-site copy, when the profile keeps one.
    pub offsite: Option<Node>,
}

/// Lower-cased for matching Latin words (`Web`, `Redis`, `SLB`) regardless of case.
fn has_any(text: &str, words: &[&str]) -> bool {
    let lower = text.to_lowercase();
    words.iter().any(|w| lower.contains(w))
}

/// Sorts a server into a tier by its role text. Backup and management words win over data
/// words (`数据库备份`, `日志存储`, `数据库审计` are not databases or storage).
pub fn classify(role: &str) -> Role {
    if has_any(role, &["备份", "backup", "容灾"]) {
        Role::Backup
    } else if has_any(
        role,
        &[
            "堡垒",
            "跳板",
            "bastion",
            "日志",
            "监控",
            "运维",
            "审计",
            "elk",
            "siem",
            "zabbix",
            "prometheus",
        ],
    ) {
        Role::Management
    } else if has_any(
        role,
        &[
            "负载", "均衡", "slb", "clb", "elb", "alb", "nlb", "lvs", "haproxy", "网关", "gateway",
            "cdn",
        ],
    ) {
        Role::Balancer
    } else if has_any(
        role,
        &[
            "数据库",
            "mysql",
            "rds",
            "sql",
            "postgres",
            "oracle",
            "mongo",
            "达梦",
            "tidb",
            "polardb",
            "clickhouse",
            "hbase",
            "db",
        ],
    ) {
        Role::Database
    } else if has_any(role, &["缓存", "redis", "memcache", "cache", "tair"]) {
        Role::Cache
    } else if has_any(
        role,
        &[
            "存储",
            "文件",
            "对象",
            "oss",
            "cos",
            "obs",
            "nas",
            "minio",
            "ceph",
            "fastdfs",
            "搜索",
            "检索",
            "elasticsearch",
        ],
    ) {
        Role::Storage
    } else if has_any(
        role,
        &["web", "前端", "nginx", "apache", "网站", "静态", "http"],
    ) {
        Role::Web
    } else {
        Role::Application
    }
}

/// Where traffic meets an inline security product (lower first), `None` for products
/// beside the path (bastion host, audit, host agents), which go to the management zone.
pub fn inline_rank(product: &str) -> Option<u8> {
    if has_any(product, &["ddos", "抗d", "高防", "流量清洗"]) {
        Some(0)
    } else if has_any(product, &["waf", "应用防火墙", "应用防护", "web 防火墙"]) {
        Some(3)
    } else if has_any(product, &["防火墙", "firewall"]) {
        Some(1)
    } else if has_any(product, &["ips", "入侵防御"]) {
        Some(2)
    } else {
        None
    }
}

fn server_node(server: &Server, role: Role) -> Node {
    let title = if server.count > 1 {
        format!("{} ×{}", server.role.trim(), server.count)
    } else {
        server.role.trim().to_string()
    };
    let details = [server.model.trim()]
        .into_iter()
        .filter(|m| !m.is_empty())
        .map(str::to_string)
        .collect();
    Node {
        title,
        details,
        role,
    }
}

/// The description of the network topology diagram of `profile`.
pub fn describe(profile: &Profile) -> Topology {
    let infra: &Infrastructure = &profile.infrastructure;
    let mut clients: Vec<&str> = Vec::new();
    for kind in profile.service.kind.to_vec() {
        let name = match kind {
            ServiceKind::Website => "浏览器",
            ServiceKind::App => "手机App",
            ServiceKind::MiniProgram => "小程序",
        };
        if !clients.contains(&name) {
            clients.push(name);
        }
    }

    let mut inline: Vec<(u8, String)> = Vec::new();
    let mut management = Vec::new();
    for product in &infra.security_products {
        let product = product.trim();
        if product.is_empty() {
            continue;
        }
        match inline_rank(product) {
            // Stable: products of one kind keep the profile's order.
            Some(rank) => inline.push((rank, product.to_string())),
            None => management.push(Node {
                title: product.to_string(),
                details: Vec::new(),
                role: Role::Management,
            }),
        }
    }
    inline.sort_by_key(|(rank, _)| *rank);

    let mut topology = Topology {
        clients: clients.join(" / "),
        domains: profile
            .service
            .domains
            .iter()
            .map(|d| d.domain.trim().to_string())
            .filter(|d| !d.is_empty())
            .collect(),
        provider: infra.hosting.provider.trim().to_string(),
        location: infra.hosting.location.trim().to_string(),
        bandwidth_mbps: infra.bandwidth_mbps,
        ips: infra
            .ips
            .iter()
            .map(|ip| ip.trim().to_string())
            .filter(|ip| !ip.is_empty())
            .collect(),
        inline_security: inline.into_iter().map(|(_, p)| p).collect(),
        management,
        balancers: Vec::new(),
        web: Vec::new(),
        application: Vec::new(),
        data: Vec::new(),
        backup: Vec::new(),
        offsite: None,
    };
    for server in &infra.servers {
        let role = classify(&server.role);
        let node = server_node(server, role);
        match role {
            Role::Balancer => topology.balancers.push(node),
            Role::Web => topology.web.push(node),
            Role::Application => topology.application.push(node),
            Role::Database | Role::Cache | Role::Storage => topology.data.push(node),
            Role::Backup => topology.backup.push(node),
            Role::Management => topology.management.push(node),
        }
    }

    let backup = &infra.backup;
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
    topology
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_of_the_example_profiles_land_in_their_tiers() {
        for (role, expected) in [
            ("负载均衡", Role::Balancer),
            ("Web 服务器", Role::Web),
            ("应用服务器", Role::Application),
            ("应用服务器（交易与订单）", Role::Application),
            ("数据库服务器", Role::Database),
            ("缓存服务器", Role::Cache),
            ("对象存储", Role::Storage),
            ("数据库备份服务器", Role::Backup),
            ("日志存储", Role::Management),
            ("堡垒机", Role::Management),
            ("API 网关", Role::Balancer),
            ("Redis 集群", Role::Cache),
            ("前端服务器", Role::Web),
        ] {
            assert_eq!(classify(role), expected, "{role}");
        }
    }

    #[test]
    fn unknown_roles_fall_back_to_the_application_tier() {
        assert_eq!(classify("短信发送"), Role::Application);
        assert_eq!(classify("推荐引擎"), Role::Application);
    }

    #[test]
    fn inline_products_are_ordered_as_traffic_meets_them() {
        let mut products = vec![
            "Web 应用防火墙",
            "堡垒机",
            "云防火墙",
            "DDoS 基础防护",
            "主机安全（入侵检测与防病毒）",
        ];
        products.retain(|p| inline_rank(p).is_some());
        products.sort_by_key(|p| inline_rank(p));
        assert_eq!(products, ["DDoS 基础防护", "云防火墙", "Web 应用防火墙"]);
        assert_eq!(inline_rank("日志审计"), None);
        assert_eq!(inline_rank("入侵防御系统 IPS"), Some(2));
    }
}
