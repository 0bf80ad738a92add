//! Province variants and the two licence types: every province renders and is addressed to its
//! own authority; the EDI documents carry the e-commerce sections and the ICP ones do not;
//! Zhejiang and Guangdong differ from the national text only where their folders say; variant
//! folders hold only what differs.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::*;
use icp_docs::check::{check_profile, Finding, Severity};
use icp_docs::profile::{load_profile, Profile};
use icp_docs::style::{StyleName, StyleSheet};
use icp_docs::variant::{find_province, load_variant, Evidence, Province, Variant, PROVINCES};
use icp_docs::{Format, Pipeline};

const ICP_WORDING: &str = "信息服务业务（仅限互联网信息服务）";
const EDI_WORDING: &str = "在线数据处理与交易处理业务（仅限经营类电子商务）";

/// Headings and phrases that only the EDI licence may produce.
const EDI_ONLY: [&str; 10] = [
    "交易处理业务流程",
    "平台内经营者入驻与核验",
    "平台内经营者身份核验",
    "交易数据安全保护",
    "商品、服务和交易信息保存",
    "交易处理安全防护",
    "交易处理系统",
    "电子商务法",
    "不少于三年",
    EDI_WORDING,
];

/// The three documents of this issue (other documents, such as the materials checklist, have
/// their own tests).
const THREE: &str = "business_plan,security_measures,technical_plan";

fn three() -> Vec<String> {
    ["business_plan", "security_measures", "technical_plan"]
        .map(String::from)
        .to_vec()
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn edi_profile_path() -> PathBuf {
    root().join("profiles/example-guangdong-edi.yaml")
}

fn load(path: &Path) -> Profile {
    match load_profile(path) {
        Ok((profile, _)) => profile,
        Err(err) => panic!("{err}"),
    }
}

fn province(slug: &str) -> &'static Province {
    find_province(slug).unwrap_or_else(|e| panic!("{e}"))
}

fn renderer() -> Pipeline {
    Pipeline::new(None).unwrap_or_else(|e| panic!("{e}"))
}

/// The rendered Markdown of every document, by document id.
fn render(profile: &Profile, slug: &str, renderer: &Pipeline) -> Vec<(String, String)> {
    match documents(renderer, profile, province(slug), Some(&three())) {
        Ok(docs) => docs
            .into_iter()
            .map(|d| (d.spec.id.to_string(), d.markdown))
            .collect(),
        Err(err) => panic!("{slug}: {err}"),
    }
}

fn markdown_of<'a>(docs: &'a [(String, String)], id: &str) -> &'a str {
    docs.iter()
        .find(|(d, _)| d == id)
        .map(|(_, m)| m.as_str())
        .unwrap_or_else(|| panic!("no document `{id}`"))
}

/// Paragraphs of the DOCX the library writes for each document of `profile` in `slug`.
fn docx_texts(profile: &Profile, slug: &str, renderer: &Pipeline) -> Vec<(String, Vec<String>)> {
    let dir = tempfile::tempdir().expect("temp dir");
    let style = StyleSheet::get(StyleName::Formal);
    let docs = documents(renderer, profile, province(slug), Some(&three()))
        .unwrap_or_else(|e| panic!("{slug}: {e}"));
    docs.iter()
        .map(|d| {
            let bytes = write(renderer, d, Format::Docx, &style);
            let path = dir.path().join(format!("{}.docx", d.spec.id));
            std::fs::write(&path, bytes).expect("write docx");
            (d.spec.id.to_string(), docx_paragraphs(&path))
        })
        .collect()
}

#[test]
fn every_province_renders_addressed_to_its_authority() {
    let renderer = renderer();
    let icp = load(&example_profile());
    let edi = load(&edi_profile_path());
    let mut rendered = 0;
    for p in &PROVINCES {
        let authority = p.authority();
        for (profile, wording) in [(&icp, ICP_WORDING), (&edi, EDI_WORDING)] {
            for (id, paragraphs) in docx_texts(profile, p.slug, &renderer) {
                // The cover names the licence wording and the authority, before the contents.
                assert_in_order(
                    &paragraphs,
                    &[wording, &format!("报送单位：{authority}"), "目　　录"],
                );
                let text = paragraphs.join("\n");
                for other in PROVINCES.iter().filter(|o| o.slug != p.slug) {
                    assert!(
                        !text.contains(&other.authority()),
                        "{} {id} names {}",
                        p.slug,
                        other.authority()
                    );
                }
                rendered += 1;
            }
        }
        // The text itself is addressed to the authority, not only the cover.
        let docs = render(&icp, p.slug, &renderer);
        let security = markdown_of(&docs, "security_measures");
        assert!(security.contains(&format!("向{authority}")), "{}", p.slug);
        let plan = markdown_of(&docs, "business_plan");
        assert!(
            plan.contains(&format!("业务覆盖范围为{}", p.name)),
            "{}",
            p.slug
        );
    }
    assert!(rendered >= 31 * 2 * 3, "rendered {rendered} documents");
}

#[test]
fn generate_succeeds_for_all_31_provinces() {
    let original = std::fs::read_to_string(example_profile()).expect("example");
    let dir = tempfile::tempdir().expect("temp dir");
    for p in &PROVINCES {
        // A one-province licence is applied for where the company is registered, and its
        // 备案 belongs to the same province: move both with it.
        let profile = original
            .replace("浙ICP备", &format!("{}ICP备", p.icp_prefixes[0]))
            .replacen(
                "registered_address: 浙江省",
                &format!("registered_address: {}", p.name),
                1,
            )
            // Yunnan asks for three different responsible persons; the contact is also the
            // security officer, so the technical lead answers for the licence.
            .replacen(
                "  staff:\n",
                "  responsible_persons: { licence: 周航 }\n  staff:\n",
                1,
            );
        let path = dir.path().join(format!("{}.yaml", p.slug));
        std::fs::write(&path, profile).expect("write profile");
        let (_guard, out) = generate(
            &path,
            &[
                "--province",
                p.slug,
                "--format",
                "docx",
                "--only",
                "technical_plan",
            ],
        );
        assert!(out.ends_with(p.slug), "{}", out.display());
        let paragraphs = docx_paragraphs(&out.join("技术方案.docx"));
        assert_in_order(
            &paragraphs,
            &[
                "技术方案",
                ICP_WORDING,
                &format!("报送单位：{}", p.authority()),
            ],
        );
    }
}

#[test]
fn chinese_province_names_select_the_same_variant() {
    let renderer = renderer();
    let profile = load(&example_profile());
    let by_slug = render(&profile, "guangdong", &renderer);
    for name in ["广东", "广东省"] {
        let p = find_province(name).unwrap_or_else(|e| panic!("{e}"));
        let by_name =
            documents(&renderer, &profile, p, Some(&three())).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(by_name.len(), by_slug.len());
        for (d, (_, markdown)) in by_name.iter().zip(&by_slug) {
            assert_eq!(&d.markdown, markdown, "{name}");
        }
    }
}

#[test]
fn edi_example_has_the_e_commerce_sections() {
    let (_guard, dir) = generate(&edi_profile_path(), &["--format", "docx", "--only", THREE]);
    assert!(
        dir.ends_with("example-guangdong-edi/guangdong"),
        "{}",
        dir.display()
    );

    let plan = docx_paragraphs(&dir.join("业务发展和实施计划.docx"));
    assert_in_order(
        &plan,
        &[
            EDI_WORDING,
            "报送单位：广东省通信管理局",
            "三、申请经营业务简述",
            "具体业务种类为“在线数据处理与交易处理业务（仅限经营类电子商务）”（业务代码：B21）",
            "四、交易处理业务流程",
            "交易处理主要环节",
            "经营者入驻",
            "（一）平台内经营者入驻与核验",
            "第二十七条",
            "（二）商品和服务信息发布",
            "（三）订单处理",
            "（四）支付与结算",
            "财付通支付科技有限公司、银联商务支付股份有限公司等依法取得支付业务许可的支付机构",
            "（五）售后与纠纷处理",
            "（六）交易信息保存",
            "第三十一条",
            "五、业务模式与盈利模式",
        ],
    );
    let text = plan.join("\n");
    assert!(
        text.contains("自交易完成之日起保存不少于三年"),
        "three-year retention"
    );
    assert!(
        text.contains("不开立账户归集交易资金，不沉淀、不截留、不挪用"),
        "no funds held"
    );
    assert!(!text.contains(ICP_WORDING), "ICP wording in the EDI plan");

    let security = docx_paragraphs(&dir.join("网络与信息安全保障措施.docx"));
    assert_in_order(&security, &SECURITY_HEADINGS);
    assert_in_order(
        &security,
        &[
            "三、信息安全管理责任制",
            "交易数据安全保护",
            "四、有害信息发现受理处置机制",
            "用户真实身份认证",
            "平台内经营者身份核验",
            "经营者退出平台后，其登记档案继续保存不少于三年",
            "十二、用户日志留存所采用的技术手段",
            "商品、服务和交易信息保存",
            "交易相关信息保存要求",
            "自交易完成之日起不少于三年",
            "十三、网络安全防护技术手段",
            "交易处理安全防护",
            "十四、安全联络员变动承诺",
        ],
    );
    assert!(security.join("\n").contains("《中华人民共和国电子商务法》"));

    let technical = docx_paragraphs(&dir.join("技术方案.docx"));
    assert_in_order(
        &technical,
        &[
            "业务系统功能模块",
            "商户运营人员逐项核验后为其开通店铺",
            "交易处理系统",
            "交易处理系统组件",
            "订单管理",
            "支付对接",
            "结算对账",
            "交易归档",
            "交易处理流程",
            "平台不归集、不沉淀交易资金",
            "交易数据保护",
            "数据存储与备份",
            "交易信息保存期",
        ],
    );
}

#[test]
fn icp_example_has_none_of_the_e_commerce_sections() {
    let (_guard, dir) = generate(&example_profile(), &["--format", "docx", "--only", THREE]);
    for file in [
        "业务发展和实施计划.docx",
        "网络与信息安全保障措施.docx",
        "技术方案.docx",
    ] {
        let paragraphs = docx_paragraphs(&dir.join(file));
        assert!(
            paragraphs.iter().any(|p| p == ICP_WORDING),
            "{file}: cover wording"
        );
        let text = paragraphs.join("\n");
        for phrase in EDI_ONLY {
            assert!(!text.contains(phrase), "{file} contains `{phrase}`");
        }
    }
    // The same holds for the ICP text in every province, Markdown included.
    let renderer = renderer();
    let profile = load(&example_profile());
    for p in &PROVINCES {
        for (id, markdown) in render(&profile, p.slug, &renderer) {
            for phrase in EDI_ONLY {
                assert!(!markdown.contains(phrase), "{} {id}: `{phrase}`", p.slug);
            }
        }
    }
}

/// Markdown lines with the province's own names replaced, so two provinces can be compared.
fn normalised_lines(docs: &[(String, String)], slug: &str) -> BTreeSet<String> {
    let p = province(slug);
    docs.iter()
        .flat_map(|(id, markdown)| {
            markdown
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(move |l| {
                    let line = l
                        .replace(&p.authority(), "〈管理局〉")
                        .replace(p.name, "〈省〉");
                    format!("{id}: {line}")
                })
        })
        .collect()
}

/// The EDI example rendered for `slug`, hosted in that province (so the national sentence on
/// in-province servers is the same everywhere) and with no province name in its addresses.
fn edi_in(slug: &str, renderer: &Pipeline, edit: impl Fn(&mut Profile)) -> Vec<(String, String)> {
    let mut profile = load(&edi_profile_path());
    profile
        .infrastructure
        .hosting
        .as_mut()
        .expect("hosting")
        .province = slug.to_string();
    // Keep `广东省` out of the profile's own text, so that only the variant writes it.
    profile.company.office.address = "广州市天河区体育东路 118 号 1805 室".to_string();
    profile
        .infrastructure
        .hosting
        .as_mut()
        .expect("hosting")
        .location = "广州市".to_string();
    edit(&mut profile);
    render(&profile, slug, renderer)
}

#[test]
fn zhejiang_and_guangdong_differ_only_where_their_variants_say() {
    let renderer = renderer();
    let national = normalised_lines(&edi_in("jiangsu", &renderer, |_| ()), "jiangsu");
    let zhejiang = normalised_lines(&edi_in("zhejiang", &renderer, |_| ()), "zhejiang");
    let guangdong = normalised_lines(&edi_in("guangdong", &renderer, |_| ()), "guangdong");

    // The example is registered in the Guangdong free-trade zone: Zhejiang's data adds nothing.
    assert_eq!(
        zhejiang.symmetric_difference(&national).collect::<Vec<_>>(),
        Vec::<&String>::new()
    );

    // Guangdong adds exactly two passages: the 告知承诺 route (ftz_notify_commit) and the
    // in-province access agreement (inprovince_hosting + guangdong/technical_plan.md.tera).
    let removed: Vec<&String> = national.difference(&guangdong).collect();
    assert!(
        removed.is_empty(),
        "Guangdong dropped national text: {removed:#?}"
    );
    let added: Vec<&String> = guangdong.difference(&national).collect();
    assert_eq!(added.len(), 2, "{added:#?}");
    assert!(
        added[0].starts_with("business_plan: 公司注册于中国（广东）自由贸易试验区。")
            && added[0].contains("告知承诺审批方式"),
        "{added:#?}"
    );
    assert!(
        added[1].starts_with(
            "technical_plan: 公司已与广州云岭数据服务有限公司签订〈省〉内网络接入协议"
        ),
        "{added:#?}"
    );
}

#[test]
fn each_free_trade_zone_matches_only_its_own_province() {
    let renderer = renderer();
    let in_zhejiang_ftz = |p: &mut Profile| {
        p.company.registered_address = "中国(浙江)自由贸易试验区杭州片区江南大道 100 号".to_string()
    };
    let zhejiang = edi_in("zhejiang", &renderer, in_zhejiang_ftz);
    let plan = markdown_of(&zhejiang, "business_plan");
    assert!(
        plan.contains("公司注册于中国（浙江）自由贸易试验区。"),
        "{plan}"
    );
    let guangdong = edi_in("guangdong", &renderer, in_zhejiang_ftz);
    assert!(!markdown_of(&guangdong, "business_plan").contains("告知承诺"));
    // A province without a free-trade-zone rule never mentions the route.
    let national = edi_in("jiangsu", &renderer, |_| ());
    assert!(!markdown_of(&national, "business_plan").contains("告知承诺"));
}

#[test]
fn shenzhen_pilot_passage_needs_shenzhen_and_foreign_shareholding() {
    let renderer = renderer();
    let passage = "增值电信业务扩大对外开放的试点地区";
    let shenzhen = |p: &mut Profile| {
        p.company.registered_address = "深圳市南山区粤海街道科技南路 18 号 2301 室".to_string()
    };
    let foreign_in_shenzhen = |p: &mut Profile| {
        shenzhen(p);
        p.company.shareholders[1].ultimate_owners[1].nationality = Some("新加坡".to_string());
    };
    let plan = |slug: &str, edit: &dyn Fn(&mut Profile)| {
        markdown_of(&edi_in(slug, &renderer, edit), "business_plan").to_string()
    };
    let with = plan("guangdong", &foreign_in_shenzhen);
    assert_in_order(
        &with.lines().map(str::to_string).collect::<Vec<_>>(),
        &[
            "# 股权结构",
            "公司股东或其最终权益人中存在境外投资者",
            "公司注册于深圳市，该地区是工业和信息化部增值电信业务扩大对外开放的试点地区之一",
            "# 申请经营业务简述",
        ],
    );
    assert!(
        !plan("guangdong", &shenzhen).contains(passage),
        "domestic company"
    );
    assert!(
        !plan("zhejiang", &foreign_in_shenzhen).contains(passage),
        "not Guangdong"
    );
}

/// The findings of the province's own rules (those of `variant.yaml`).
fn advise(profile: &Profile, variant: &Variant) -> Vec<Finding> {
    check_profile(profile, variant)
        .into_iter()
        .filter(|f| f.rule.starts_with("variant-"))
        .collect()
}

#[test]
fn guangdong_rules_become_warnings_not_text_when_unmet() {
    // The ICP example is hosted in Zhejiang: the Guangdong text stays national and the
    // applicant is warned, with the rule's basis.
    let renderer = renderer();
    let profile = load(&example_profile());
    let technical = render(&profile, "guangdong", &renderer);
    assert!(!markdown_of(&technical, "technical_plan").contains("省内网络接入协议"));
    let variant = load_variant(province("guangdong")).unwrap_or_else(|e| panic!("{e}"));
    let advice = advise(&profile, &variant);
    let hosting = advice
        .iter()
        .find(|a| a.rule == "variant-inprovince-hosting")
        .unwrap_or_else(|| panic!("{advice:#?}"));
    assert_eq!(hosting.severity, Severity::Warning);
    assert!(hosting.hint.starts_with("unconfirmed"), "{}", hosting.hint);
    assert!(hosting.hint.contains("bdocx"), "{}", hosting.hint);

    // The EDI example meets every Guangdong rule: notes only, among them the EDI scope note.
    let edi = load(&edi_profile_path());
    let advice = advise(&edi, &variant);
    assert!(
        !advice.is_empty() && advice.iter().all(|a| a.severity == Severity::Note),
        "{advice:#?}"
    );
    assert!(advice.iter().any(|a| a.rule == "variant-ftz-route"));
    assert!(advice
        .iter()
        .any(|a| a.message.contains("third parties sell")));
    // ... and that EDI note is not shown to an ICP applicant.
    assert!(!advise(&profile, &variant)
        .iter()
        .any(|a| a.message.contains("third parties sell")));
}

/// `{% block name %}` names in a template.
fn block_names(text: &str) -> Vec<String> {
    text.match_indices("{% block ")
        .filter_map(|(at, _)| {
            text[at + "{% block ".len()..]
                .split_whitespace()
                .next()
                .map(str::to_string)
        })
        .collect()
}

#[test]
fn variant_folders_hold_only_what_differs() {
    let templates = root().join("templates");
    let mut folders = 0;
    for entry in std::fs::read_dir(&templates).expect("templates folder") {
        let dir = entry.expect("entry").path();
        // `catalogue/` holds the vocabulary files, not a province.
        if !dir.is_dir() || dir.ends_with("base") || dir.ends_with("catalogue") {
            continue;
        }
        folders += 1;
        let slug = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        assert!(
            PROVINCES.iter().any(|p| p.slug == slug),
            "templates/{slug}/ is not a province slug"
        );
        assert!(
            dir.join("variant.yaml").is_file(),
            "templates/{slug}/ has no variant.yaml"
        );
        for file in std::fs::read_dir(&dir).expect("variant folder") {
            let path = file.expect("entry").path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            if name == "variant.yaml" {
                continue;
            }
            assert!(
                name.ends_with(".md.tera"),
                "templates/{slug}/{name}: unexpected file"
            );
            let text = std::fs::read_to_string(&path).expect("template");
            let base_path = templates.join("base").join(name);
            assert!(
                base_path.is_file(),
                "templates/{slug}/{name} has no base template"
            );
            let base = std::fs::read_to_string(&base_path).expect("base template");
            assert!(
                text.trim_start()
                    .starts_with(&format!("{{% extends \"base/{name}\" %}}")),
                "templates/{slug}/{name} must extend base/{name}"
            );
            // Every overridden block exists in the base (a misspelt block would do nothing).
            let base_blocks = block_names(&base);
            for block in block_names(&text) {
                assert!(
                    base_blocks.contains(&block),
                    "{slug}/{name}: block `{block}`"
                );
            }
            // No copied text: no line of substance appears in both.
            let base_lines: BTreeSet<&str> = base.lines().map(str::trim).collect();
            let copied: Vec<&str> = text
                .lines()
                .map(str::trim)
                .filter(|l| l.chars().count() > 30 && base_lines.contains(l))
                .collect();
            assert!(
                copied.is_empty(),
                "{slug}/{name} copies base lines: {copied:#?}"
            );
            assert!(
                text.len() * 4 < base.len(),
                "{slug}/{name} is too large for a set of overrides"
            );
        }
    }
    assert!(folders >= 2, "the Zhejiang and Guangdong folders exist");
    for slug in ["zhejiang", "guangdong"] {
        let variant = load_variant(province(slug)).unwrap_or_else(|e| panic!("{e}"));
        assert!(variant.has_data, "{slug}");
    }
}

/// Every rule of every variant folder says in the file whether it is confirmed and names its
/// source; only a rule resting on the authority's own text (a provincial guide page) is
/// confirmed, and the Guangdong rules from old checklists and agencies are not.
#[test]
fn every_rule_says_whether_it_is_confirmed_and_where_it_comes_from() {
    let mut folders = 0;
    for p in &PROVINCES {
        let path = root().join(format!("templates/{}/variant.yaml", p.slug));
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        folders += 1;
        let variant = load_variant(p).unwrap_or_else(|e| panic!("{e}"));
        let rules = variant.data.rules();
        assert!(!rules.is_empty(), "{}", p.slug);
        for (key, confirmed, evidence, source) in &rules {
            assert!(
                !confirmed || *evidence == Evidence::Official,
                "{}: `{key}` is confirmed on weak evidence",
                p.slug
            );
            assert!(
                source.contains("http") || source.contains("repository") || source.contains("page"),
                "{}: `{key}` names no source",
                p.slug
            );
        }
        assert_eq!(
            text.lines()
                .filter(|l| l.trim_start().starts_with("confirmed:"))
                .count(),
            rules.len(),
            "{}: every rule says `confirmed:` in the file itself",
            p.slug
        );
    }
    assert!(folders >= 7, "{folders} variant folders");
    let guangdong = load_variant(province("guangdong")).unwrap_or_else(|e| panic!("{e}"));
    for (key, confirmed, _, _) in guangdong.data.rules() {
        if key != "notify_commitment" {
            assert!(!confirmed, "guangdong: `{key}` claims to be confirmed");
        }
    }
}

#[test]
fn provinces_lists_variants_and_survives_a_closed_pipe() {
    let output = run(&["provinces"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = String::from_utf8_lossy(&output.stdout);
    let rows: Vec<&str> = text.lines().skip(1).take_while(|l| !l.is_empty()).collect();
    assert_eq!(rows.len(), 31, "{text}");
    for p in &PROVINCES {
        let row = rows
            .iter()
            .find(|r| r.split_whitespace().next() == Some(p.slug))
            .unwrap_or_else(|| panic!("no row for {}", p.slug));
        assert!(row.contains(&p.authority()), "{row}");
        assert!(row.contains(p.licence_prefix), "{row}");
    }
    let row = |slug: &str| {
        rows.iter()
            .find(|r| r.starts_with(slug))
            .copied()
            .unwrap_or("")
    };
    assert!(row("guangdong").ends_with("data + templates"), "{text}");
    assert!(row("zhejiang").ends_with("data"), "{text}");
    assert!(row("beijing").ends_with("national"), "{text}");
    assert!(text.contains("[unconfirmed]"), "{text}");

    // A reader that goes away at once (`| head -0`) must not make it fail or panic.
    let mut child = Command::new(binary())
        .arg("provinces")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("wait");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
}

#[test]
fn unknown_province_in_chinese_or_pinyin_errors_and_writes_nothing() {
    for (given, expected) in [
        ("guangdon", "did you mean `guangdong`"),
        ("粤东省", "icp-docs provinces"),
    ] {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("out");
        let output = run(&[
            "generate",
            edi_profile_path().to_str().expect("utf-8"),
            "--only",
            THREE,
            "--province",
            given,
            "--out",
            out.to_str().expect("utf-8"),
        ]);
        assert_eq!(output.status.code(), Some(2), "{given}");
        assert!(
            stderr(&output).contains(expected),
            "{given}: {}",
            stderr(&output)
        );
        assert!(!out.exists(), "{given}: something was written");
    }
}

#[test]
fn a_user_variant_file_replaces_the_built_in_rules() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("templates/jiangsu");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("variant.yaml"),
        "notes:\n  - text: Our agency's reminder for Jiangsu applicants.\n    confirmed: false\n    evidence: agency\n    source: in-house experience\n",
    )
    .unwrap();
    let templates = dir.path().join("templates");
    let profile = example_profile();
    let run_check = |extra: &[&str]| {
        let mut args = vec![
            "check",
            profile.to_str().unwrap(),
            "--province",
            "jiangsu",
            "--format",
            "json",
        ];
        args.extend_from_slice(extra);
        String::from_utf8_lossy(&run(&args).stdout).into_owned()
    };
    let with = run_check(&["--templates", templates.to_str().unwrap()]);
    assert!(
        with.contains("Our agency's reminder for Jiangsu applicants."),
        "{with}"
    );
    let without = run_check(&[]);
    assert!(!without.contains("Our agency's reminder"));

    // A malformed file is an error naming the province's file, not silently ignored.
    std::fs::write(folder.join("variant.yaml"), "notes: [oops\n").unwrap();
    let output = run(&[
        "check",
        example_profile().to_str().unwrap(),
        "--province",
        "jiangsu",
        "--templates",
        templates.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("templates/jiangsu/variant.yaml"),
        "{}",
        stderr(&output)
    );
}
