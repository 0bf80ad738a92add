//! Documents that fit the company, whichever company it is: every fixture profile (and both
//! examples) is generated and its documents are scanned for sentences that only restate an
//! item's name, one sentence given to two items, claims of measures, redundancy, websites,
//! e-commerce, consumers, editors or payments the profile does not support — and for the
//! profile's own facts, which must be there.
//!
//! What each profile supports is written down here by hand, independently of the classifier
//! the documents are built with, so a wrong classification fails the test.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::*;

/// What a profile states, as a reader of the YAML file sees it.
struct Expect {
    file: &'static str,
    website: bool,
    /// Third parties sell through the platform (e-commerce or other 交易处理).
    ecommerce: bool,
    consumers: bool,
    editorial: bool,
    /// Users pay online through a payment institution.
    payments: bool,
    /// Security kinds deployed (products or network devices).
    deployed: &'static [&'static str],
    /// Redundant deployment (failover, several nodes behind a balancer).
    redundancy: bool,
    balancer: bool,
    /// The warning rules `check` must give, and no others.
    warnings: &'static [&'static str],
    /// The commitments only some profiles call for that this one does (file stems).
    commitments: &'static [&'static str],
}

/// The documents every profile gets (file stems).
const EVERY_PROFILE: [&str; 12] = [
    "业务发展和实施计划",
    "网络与信息安全保障措施",
    "技术方案",
    "为用户提供长期服务和质量保障的措施",
    "公司概况",
    "依法经营电信业务承诺书",
    "真实性声明",
    "告知承诺书",
    "股权结构图",
    "股东追溯不涉及外资承诺书",
    "在线填报信息表",
    "申请材料清单",
];

const PROFILES: &[Expect] = &[
    Expect {
        file: "profiles/example.yaml",
        website: true,
        ecommerce: false,
        consumers: true,
        editorial: true,
        payments: true,
        deployed: &[
            "firewall",
            "waf",
            "anti_ddos",
            "host_security",
            "bastion",
            "log_audit",
        ],
        redundancy: true,
        balancer: true,
        warnings: &["log-retention-short", "prior-approval"],
        commitments: &[],
    },
    Expect {
        file: "profiles/example-guangdong-edi.yaml",
        website: true,
        ecommerce: true,
        consumers: true,
        editorial: false,
        payments: true,
        deployed: &[
            "firewall",
            "waf",
            "anti_ddos",
            "host_security",
            "bastion",
            "log_audit",
            "db_audit",
        ],
        redundancy: true,
        balancer: true,
        warnings: &[],
        commitments: &[],
    },
    Expect {
        file: "tests/fixtures/local-life-app.yaml",
        website: false,
        ecommerce: false,
        consumers: true,
        editorial: false,
        payments: true,
        deployed: &[
            "firewall",
            "waf",
            "anti_ddos",
            "host_security",
            "content_moderation",
            "encryption",
        ],
        redundancy: true,
        balancer: true,
        warnings: &["feature-needs-edi", "prior-approval"],
        commitments: &[],
    },
    Expect {
        file: "tests/fixtures/iot-platform.yaml",
        website: true,
        ecommerce: false,
        consumers: false,
        editorial: false,
        payments: false,
        deployed: &[
            "firewall",
            "encryption",
            "bastion",
            "host_security",
            "log_audit",
        ],
        redundancy: true,
        balancer: true,
        warnings: &[],
        commitments: &[],
    },
    Expect {
        file: "tests/fixtures/edi-exchange.yaml",
        website: true,
        ecommerce: false,
        consumers: false,
        editorial: false,
        payments: false,
        deployed: &[
            "firewall",
            "waf",
            "host_security",
            "bastion",
            "db_audit",
            "encryption",
        ],
        redundancy: true,
        balancer: true,
        warnings: &["feature-undescribed"],
        commitments: &[],
    },
    Expect {
        file: "tests/fixtures/hobby-forum.yaml",
        website: true,
        ecommerce: false,
        consumers: true,
        editorial: false,
        payments: true,
        deployed: &["anti_ddos", "encryption"],
        redundancy: false,
        balancer: false,
        // The contact answers for the licence on the form, which asks for an e-mail the
        // profile does not give.
        warnings: &[
            "backup-offsite",
            "feature-undescribed",
            "log-retention-short",
            "responsible-person-contact",
        ],
        commitments: &[],
    },
    Expect {
        file: "tests/fixtures/b2b-procurement.yaml",
        website: true,
        ecommerce: true,
        consumers: false,
        editorial: false,
        payments: true,
        deployed: &[
            "firewall",
            "waf",
            "anti_ddos",
            "host_security",
            "bastion",
            "db_audit",
            "log_audit",
            "vuln_scan",
            "encryption",
        ],
        redundancy: true,
        balancer: true,
        warnings: &["feature-undescribed"],
        commitments: &[],
    },
    Expect {
        file: "tests/fixtures/large-media.yaml",
        website: true,
        ecommerce: false,
        consumers: true,
        editorial: true,
        payments: true,
        deployed: &[
            "firewall",
            "ips",
            "waf",
            "anti_ddos",
            "ids",
            "host_security",
            "bastion",
            "db_audit",
            "log_audit",
            "vuln_scan",
            "web_tamper",
            "content_moderation",
            "encryption",
        ],
        redundancy: true,
        balancer: true,
        warnings: &[],
        commitments: &[],
    },
    Expect {
        file: "tests/fixtures/exam-platform.yaml",
        website: true,
        ecommerce: false,
        consumers: false,
        editorial: true,
        payments: true,
        deployed: &[
            "firewall",
            "waf",
            "anti_ddos",
            "host_security",
            "bastion",
            "log_audit",
            "encryption",
        ],
        redundancy: true,
        balancer: true,
        warnings: &["feature-undescribed"],
        commitments: &[],
    },
    Expect {
        file: "tests/fixtures/saas-crm.yaml",
        website: true,
        ecommerce: false,
        consumers: false,
        editorial: false,
        payments: true,
        deployed: &[
            "firewall",
            "waf",
            "host_security",
            "db_audit",
            "encryption",
            "bastion",
        ],
        redundancy: true,
        balancer: true,
        warnings: &["feature-undescribed"],
        commitments: &[],
    },
    Expect {
        file: "tests/fixtures/scenic-ticketing.yaml",
        website: true,
        ecommerce: true,
        consumers: true,
        editorial: false,
        payments: true,
        deployed: &[
            "firewall",
            "waf",
            "anti_ddos",
            "host_security",
            "bastion",
            "db_audit",
            "log_audit",
        ],
        redundancy: true,
        balancer: true,
        warnings: &["feature-undescribed"],
        commitments: &[],
    },
    Expect {
        file: "tests/fixtures/secondhand-market.yaml",
        website: false,
        ecommerce: true,
        consumers: true,
        editorial: false,
        payments: true,
        deployed: &["firewall", "waf", "host_security", "content_moderation"],
        redundancy: true,
        balancer: true,
        warnings: &["feature-undescribed"],
        commitments: &[],
    },
    Expect {
        file: "tests/fixtures/health-info.yaml",
        website: true,
        ecommerce: false,
        consumers: true,
        editorial: true,
        payments: true,
        deployed: &[
            "firewall",
            "waf",
            "anti_ddos",
            "host_security",
            "web_tamper",
            "bastion",
            "log_audit",
            "encryption",
        ],
        redundancy: true,
        balancer: true,
        warnings: &[],
        commitments: &[],
    },
    Expect {
        file: "tests/fixtures/travel-agency.yaml",
        website: true,
        ecommerce: false,
        consumers: true,
        editorial: true,
        payments: false,
        deployed: &["firewall", "waf", "host_security", "content_moderation"],
        redundancy: true,
        balancer: true,
        warnings: &[],
        // A travel agency (线下传统行业) penalised in 2025, its insurance proof to follow.
        commitments: &[
            "依法经营特定电信业务承诺书",
            "守法诚信经营特别承诺书",
            "社会保险缴纳证明容缺受理承诺书",
        ],
    },
];

/// Words that state a security kind as deployed, once the profile's own names are removed.
const KIND_CLAIMS: &[(&str, &[&str])] = &[
    ("firewall", &["防火墙"]),
    ("waf", &["Web应用防火墙", "WAF", "应用防火墙"]),
    ("anti_ddos", &["DDoS", "抗拒绝服务", "流量清洗", "高防"]),
    (
        "host_security",
        &["主机安全", "检测入侵行为和恶意代码", "防病毒", "查杀病毒"],
    ),
    ("bastion", &["堡垒机"]),
    ("log_audit", &["日志审计"]),
    ("db_audit", &["数据库审计"]),
    ("ips", &["入侵防御"]),
    ("ids", &["入侵检测"]),
    ("web_tamper", &["网页防篡改", "网页文件的变化"]),
    ("vuln_scan", &["漏洞扫描"]),
    (
        "content_moderation",
        &["内容安全检测", "自动识别违法违规内容", "识别违法违规内容"],
    ),
];

/// Sentences that only restate a name, as earlier versions wrote them.
const FILLER: &[&str] = &[
    "相关业务功能",
    "按照公司安全策略配置使用",
    "安全防护体系的组成部分",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every profile the test covers: the examples and every file of `tests/fixtures/`, each of
/// which must have its expectations above.
fn covered() -> Vec<&'static Expect> {
    let dir = root().join("tests/fixtures");
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .map(|e| e.expect("entry").path())
                .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
                .collect()
        })
        .unwrap_or_default();
    fixtures.sort();
    for path in &fixtures {
        let relative = path.strip_prefix(root()).expect("inside the repository");
        assert!(
            PROFILES.iter().any(|e| Path::new(e.file) == relative),
            "{} has no expectations in tests/fit.rs",
            relative.display()
        );
    }
    assert!(
        PROFILES.len() >= 2 + 6 || fixtures.is_empty(),
        "at least six fixtures besides the examples"
    );
    PROFILES.iter().collect()
}

/// Every string of the profile, longest first: the profile's own words, to be removed before
/// looking for words the templates added.
fn profile_strings(path: &Path) -> Vec<String> {
    fn walk(value: &serde_yaml::Value, out: &mut Vec<String>) {
        match value {
            serde_yaml::Value::String(s) if s.chars().count() >= 2 => out.push(s.clone()),
            serde_yaml::Value::Sequence(items) => items.iter().for_each(|v| walk(v, out)),
            serde_yaml::Value::Mapping(map) => map.values().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let text = std::fs::read_to_string(path).expect("profile readable");
    let value: serde_yaml::Value = serde_yaml::from_str(&text).expect("profile parses");
    let mut out = Vec::new();
    walk(&value, &mut out);
    out.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    out.dedup();
    out
}

/// The document's text without the profile's own words (each replaced by □).
fn template_words(text: &str, strings: &[String]) -> String {
    let mut out = squeeze(text);
    for s in strings {
        let s = squeeze(s);
        if !s.is_empty() {
            out = out.replace(&s, "□");
        }
    }
    out
}

/// Every DOCX of one generated profile: file stem → paragraphs.
struct Generated {
    _guard: tempfile::TempDir,
    documents: BTreeMap<String, Vec<String>>,
}

fn generate_docx(expect: &Expect, profile: &Path) -> Generated {
    let (guard, dir) = generate(profile, &["--format", "docx"]);
    let mut documents = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).expect("output folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "docx") {
            let stem = path
                .file_stem()
                .expect("stem")
                .to_string_lossy()
                .into_owned();
            documents.insert(stem, docx_paragraphs(&path));
        }
    }
    let mut expected: Vec<&str> = EVERY_PROFILE.to_vec();
    expected.extend(expect.commitments);
    expected.sort_unstable();
    let written: Vec<&str> = documents.keys().map(String::as_str).collect();
    assert_eq!(written, expected, "the documents of {}", profile.display());
    Generated {
        _guard: guard,
        documents,
    }
}

/// `label：text` paragraphs of lists: the label and what it says of the item.
fn described_items(paragraphs: &[String]) -> Vec<(String, String)> {
    paragraphs
        .iter()
        .filter_map(|p| {
            let (label, text) = p.split_once('：')?;
            let label = label.trim();
            // List items name one item (or a few joined with 、), not a sentence.
            if label.chars().count() > 40 || label.contains('，') || label.contains('。') {
                return None;
            }
            Some((label.to_string(), text.trim().to_string()))
        })
        .collect()
}

/// The name's characters and words that say nothing about what an item does.
fn says_something(name: &str, text: &str) -> bool {
    const EMPTY: &[&str] = &[
        "实现",
        "提供",
        "相关",
        "业务",
        "功能",
        "承担",
        "负责",
        "平台",
        "进行",
        "服务",
        "支持",
        "用于",
        "模块",
        "系统",
        "采用",
        "数量",
        "作为",
        "组成部分",
        "配置",
        "使用",
    ];
    let mut rest = squeeze(text);
    for part in name.split(['、', '（', '）']) {
        rest = rest.replace(&squeeze(part), "");
    }
    for word in EMPTY {
        rest = rest.replace(word, "");
    }
    rest.chars()
        .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
        .count()
        >= 4
}

fn scan(expect: &Expect) -> Vec<String> {
    let path = root().join(expect.file);
    let strings = profile_strings(&path);
    let generated = generate_docx(expect, &path);
    let profile = icp_docs::profile::load_profile(&path)
        .expect("profile loads")
        .0;
    let mut items: Vec<String> = profile
        .service
        .features
        .iter()
        .map(|f| f.name.clone())
        .collect();
    items.extend(
        profile
            .infrastructure
            .servers
            .iter()
            .map(|s| s.role.clone()),
    );
    items.extend(
        profile
            .infrastructure
            .security_products
            .iter()
            .map(|p| p.name.clone()),
    );
    let mut problems = Vec::new();
    let mut texts_by_item: BTreeMap<String, String> = BTreeMap::new();
    for (stem, paragraphs) in &generated.documents {
        let all = paragraphs.join("\n");
        let ours = template_words(&all, &strings);
        for (kind, words) in KIND_CLAIMS {
            let text = if *kind == "firewall" {
                ours.replace("Web应用防火墙", "").replace("应用防火墙", "")
            } else {
                ours.clone()
            };
            if !expect.deployed.contains(kind) {
                for word in *words {
                    if text.contains(word) {
                        problems.push(format!("{stem}: `{word}` although no {kind} is listed"));
                    }
                }
            }
        }
        let mut absent = |condition: bool, words: &[&str], why: &str| {
            if condition {
                return;
            }
            for word in words {
                if ours.contains(word) {
                    problems.push(format!("{stem}: `{word}` although {why}"));
                }
            }
        };
        absent(false, FILLER, "this is filler");
        absent(
            expect.redundancy,
            &["冗余部署", "自动切换", "切换备用资源", "横向扩展"],
            "nothing is redundant",
        );
        absent(expect.balancer, &["负载均衡"], "there is no load balancer");
        absent(
            expect.website,
            &["浏览器", "网站首页", "B/S"],
            "there is no website",
        );
        absent(
            expect.ecommerce,
            &[
                "平台内经营者",
                "经营类电子商务",
                "退换货",
                "收货人",
                "电子商务法",
                "入驻",
            ],
            "the service is not e-commerce",
        );
        absent(expect.consumers, &["消费者"], "the users are not consumers");
        absent(expect.editorial, &["编辑人员"], "nobody edits content");
        absent(expect.payments, &["支付机构"], "nobody pays online");
        problems.extend(item_problems(stem, paragraphs, &items, &mut texts_by_item));
    }
    // The company's own facts are in its technical plan.
    let technical = squeeze(&generated.documents["技术方案"].join("\n"));
    let mut own: Vec<String> = profile
        .service
        .features
        .iter()
        .map(|f| f.name.clone())
        .collect();
    own.extend(
        profile
            .infrastructure
            .servers
            .iter()
            .map(|s| s.role.clone()),
    );
    own.extend(profile.service.data_sources.iter().map(|d| d.name.clone()));
    own.extend(
        profile
            .infrastructure
            .all_sites()
            .map(|s| s.provider.clone()),
    );
    for fact in own {
        if !technical.contains(&squeeze(&fact)) {
            problems.push(format!("技术方案: `{fact}` of the profile is missing"));
        }
    }
    problems
}

/// List items about the profile's items that say nothing but the name, and one text given to
/// two items listed apart. `texts` carries the texts seen across documents.
fn item_problems(
    stem: &str,
    paragraphs: &[String],
    items: &[String],
    texts: &mut BTreeMap<String, String>,
) -> Vec<String> {
    let mut problems = Vec::new();
    for (label, text) in described_items(paragraphs) {
        // Only list items about the profile's own features, servers and products.
        if text.is_empty() || !items.iter().any(|item| label.contains(item.as_str())) {
            continue;
        }
        if !says_something(&label, &text) {
            problems.push(format!("{stem}: `{label}：{text}` only restates the name"));
        }
        // One description belongs to one item (or to one group of items listed together).
        let key = squeeze(text.trim_end_matches(['；', '。']));
        if key.chars().count() < 8 {
            continue;
        }
        match texts.get(&key) {
            Some(other) if other != &label => problems.push(format!(
                "{stem}: `{label}` and `{other}` are given the same text `{key}`"
            )),
            Some(_) => {}
            None => {
                texts.insert(key, label.clone());
            }
        }
    }
    problems
}

fn warnings_of(expect: &Expect) -> Vec<String> {
    let path = root().join(expect.file);
    let output = run(&["check", path.to_str().expect("utf-8"), "--format", "json"]);
    let json: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("check prints JSON");
    let findings = json["findings"].as_array().expect("findings");
    assert!(
        !findings.iter().any(|f| f["severity"] == "error"),
        "{}: errors: {findings:#?}",
        expect.file
    );
    let mut rules: Vec<String> = findings
        .iter()
        .filter(|f| f["severity"] == "warning")
        .map(|f| f["rule"].as_str().expect("rule").to_string())
        .collect();
    rules.sort();
    rules.dedup();
    rules
}

#[test]
fn every_profile_gets_documents_that_fit_it() {
    let mut problems = Vec::new();
    for expect in covered() {
        problems.extend(
            scan(expect)
                .into_iter()
                .map(|p| format!("{}: {p}", expect.file)),
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_profile_passes_check_with_only_the_warnings_it_should_have() {
    for expect in covered() {
        let mut expected: Vec<String> = expect.warnings.iter().map(|w| w.to_string()).collect();
        expected.sort();
        assert_eq!(warnings_of(expect), expected, "{}", expect.file);
    }
}

#[test]
fn the_scan_catches_what_it_looks_for() {
    assert!(!says_something("询价与报价", "实现询价与报价相关业务功能"));
    assert!(!says_something("核心交换机", "承担核心交换机相关功能"));
    assert!(says_something(
        "核心交换机",
        "为机房内的服务器和设备提供网络连接和数据交换"
    ));
    let items = ["询价与报价", "堡垒机", "数据库审计", "主数据库", "只读库"].map(String::from);
    let paragraphs = [
        "询价与报价：实现询价与报价相关业务功能；",
        "堡垒机：集中采集、存储和分析各类日志；",
        "数据库审计：集中采集、存储和分析各类日志；",
        "主数据库、只读库：存储平台的结构化业务数据；",
        "平台的定位为：面向中小学教师的资讯平台。",
    ]
    .map(String::from);
    let problems = item_problems("技术方案", &paragraphs, &items, &mut BTreeMap::new());
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems[0].contains("only restates the name"));
    assert!(problems[1].contains("`数据库审计` and `堡垒机`"));
    // The profile's own words are not the templates' claims.
    let strings = vec!["云防火墙".to_string()];
    assert!(!template_words("部署了云防火墙。", &strings).contains("防火墙"));
    assert!(template_words("通过防火墙限制端口。", &strings).contains("防火墙"));
}
