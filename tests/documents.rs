//! The documents beyond the three main ones: 为用户提供长期服务和质量保障的措施, 公司概况,
//! 依法经营电信业务承诺书 and 真实性声明. For every example profile, each document's headings and
//! profile facts must be in the DOCX the CLI writes and in the PDF of the same document.

mod common;

use common::squeeze;

use std::path::{Path, PathBuf};

use icp_docs::profile::Profile;
use icp_docs::style::{StyleName, StyleSheet};
use icp_docs::{Format, Pipeline};

const NEW_DOCUMENTS: [&str; 4] = [
    "service_quality",
    "company_overview",
    "commitment",
    "declaration",
];

/// Every example profile in `profiles/` (the Zhejiang ICP one and any others).
fn example_profiles() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles");
    let mut list: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("profiles folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    list.sort();
    assert!(list.iter().any(|p| p.ends_with("example.yaml")));
    list
}

fn load(path: &Path) -> Profile {
    icp_docs::profile::load_profile(path)
        .expect("example profile loads")
        .0
}

fn file_stem(id: &str) -> &'static str {
    icp_docs::context::documents::DOCUMENTS
        .iter()
        .find(|d| d.id == id)
        .unwrap_or_else(|| panic!("{id} is in DOCUMENTS"))
        .file_stem
}

/// The text of the PDF of document `id` for `profile`, one string per page: the PDF the CLI
/// wrote into `dir` when there is one, else the same rendered document the DOCX is written
/// from, laid out by the PDF writer.
fn pdf_pages_in(dir: &Path, profile: &Profile, id: &str) -> Vec<String> {
    let written = dir.join(format!("{}.pdf", file_stem(id)));
    let bytes = match std::fs::read(&written) {
        Ok(bytes) => bytes,
        Err(_) => pdf_bytes(profile, id),
    };
    let doc = lopdf::Document::load_mem(&bytes).expect("PDF parses");
    doc.get_pages()
        .keys()
        .map(|&n| doc.extract_text(&[n]).expect("text extracts"))
        .collect()
}

fn pdf_bytes(profile: &Profile, id: &str) -> Vec<u8> {
    let province = icp_docs::resolve_province(profile, None).expect("province");
    let pipeline = Pipeline::new(None).expect("templates");
    let rendered =
        common::documents(&pipeline, profile, province, Some(&[id.to_string()])).expect("renders");
    let style = StyleSheet::get(StyleName::Formal);
    common::write(&pipeline, &rendered[0], Format::Pdf, &style)
}

fn pct(share: f64) -> String {
    let text = format!("{share:.2}");
    format!("{}%", text.trim_end_matches('0').trim_end_matches('.'))
}

fn wan(yuan: u64) -> String {
    let text = format!("{:.2}", yuan as f64 / 10_000.0);
    format!("{}万元", text.trim_end_matches('0').trim_end_matches('.'))
}

/// The headings and facts each document must show for `p`.
fn expectations(id: &str, p: &Profile) -> (Vec<&'static str>, Vec<String>) {
    let province = icp_docs::resolve_province(p, None).expect("province");
    let authority = province.authority();
    let sq = &p.plan.service_quality;
    let backup = &p.infrastructure.backup;
    match id {
        "service_quality" => {
            let mut facts = vec![
                p.company.name.clone(),
                p.service.name.clone(),
                sq.hotline.clone(),
                icp_docs::zh::clock::time_ranges(&sq.hours),
                format!("{}小时内", sq.complaint_response_hours),
                format!("{}日内", sq.complaint_resolution_days),
                format!("不超过{}分钟", backup.rpo_minutes),
                format!("不超过{}小时", backup.rto_hours),
                format!("{}日", backup.retention_days),
                p.infrastructure
                    .all_sites()
                    .next()
                    .expect("a site")
                    .provider
                    .clone(),
                authority.clone(),
            ];
            for r in &p.service.revenue {
                facts.push(r.item.clone());
                facts.push(r.price.clone());
            }
            (
                vec![
                    "长期服务能力",
                    "客户服务体系",
                    "服务渠道和服务时间",
                    "投诉处理",
                    "资费公示",
                    "用户协议与个人信息保护",
                    "个人信息保护",
                    "业务连续性保障",
                    "数据备份与恢复",
                    "服务终止时的用户权益保障",
                ],
                facts,
            )
        }
        "company_overview" => {
            let c = &p.company;
            let mut facts = vec![
                c.name.clone(),
                c.credit_code.clone(),
                c.kind.clone(),
                c.registered_address.clone(),
                c.office.address.clone(),
                c.phone.clone(),
                c.email.clone(),
                wan(c.registered_capital),
                c.legal_representative.name.clone(),
                c.legal_representative.mobile.clone(),
                c.legal_representative.id_number.clone(),
                c.contact.name.clone(),
                c.contact.mobile.clone(),
                format!("{}人", c.staff.total),
                format!("{}人", c.staff.technical),
                authority.clone(),
            ];
            if let Some(postcode) = &c.postcode {
                facts.push(postcode.clone());
            }
            for s in &c.shareholders {
                facts.push(s.name.clone());
                facts.push(pct(s.share));
                for o in &s.ultimate_owners {
                    facts.push(o.name.clone());
                }
            }
            for k in &c.staff.key_people {
                facts.push(k.name.clone());
                facts.push(k.role.clone());
            }
            (
                vec![
                    "公司基本情况介绍",
                    "申请业务种类及覆盖范围",
                    "公司基本信息",
                    "股权结构",
                    "股东及出资情况",
                    "股权穿透情况",
                    "主要管理人员",
                    "从事电信业务的人员、场地和设施",
                ],
                facts,
            )
        }
        "commitment" => (
            vec!["依法经营电信业务承诺书"],
            vec![
                format!("{authority}："),
                p.company.name.clone(),
                icp_docs::context::licence_context(
                    p.application.licence,
                    &icp_docs::catalogue::Catalogue::builtin()
                        .expect("catalogue")
                        .facts(p)
                        .edi,
                )
                .name
                .to_string(),
                province.name.to_string(),
                "法定代表人（签字）".to_string(),
                format!("{}（盖章）", p.company.name),
                "覆盖范围内经营".to_string(),
                "按时报送年报".to_string(),
                "变相转让经营权".to_string(),
                "承担相应的法律责任".to_string(),
            ],
        ),
        "declaration" => (
            vec!["真实性声明"],
            vec![
                format!("{authority}："),
                p.company.name.clone(),
                icp_docs::context::licence_context(
                    p.application.licence,
                    &icp_docs::catalogue::Catalogue::builtin()
                        .expect("catalogue")
                        .facts(p)
                        .edi,
                )
                .name
                .to_string(),
                "真实、准确、完整".to_string(),
                "《中华人民共和国行政许可法》".to_string(),
                "一年内不得再次申请".to_string(),
                "法定代表人（签字）".to_string(),
                format!("{}（盖章）", p.company.name),
            ],
        ),
        other => panic!("no expectations for {other}"),
    }
}

#[test]
fn new_documents_show_their_headings_and_the_profile_facts_in_docx_and_pdf() {
    for path in example_profiles() {
        let profile = load(&path);
        let (_guard, dir) = common::generate(&path, &["--only", &NEW_DOCUMENTS.join(",")]);
        for id in NEW_DOCUMENTS {
            let (headings, facts) = expectations(id, &profile);
            let docx = dir.join(format!("{}.docx", file_stem(id)));
            let paragraphs = common::docx_paragraphs(&docx);
            let docx_text = squeeze(&paragraphs.join("\n"));
            let pdf_text = squeeze(&pdf_pages_in(&dir, &profile, id).join("\n"));
            let profile_name = path.file_name().unwrap().to_string_lossy();
            for heading in &headings {
                // A heading is a paragraph of its own, after its Chinese number.
                assert!(
                    paragraphs.iter().any(|p| p.ends_with(heading)),
                    "{profile_name} {id}: heading `{heading}` missing in the DOCX"
                );
                assert!(
                    pdf_text.contains(heading),
                    "{profile_name} {id}: heading `{heading}` missing in the PDF"
                );
            }
            for fact in &facts {
                let fact = squeeze(fact);
                assert!(
                    docx_text.contains(&fact),
                    "{profile_name} {id}: `{fact}` missing in the DOCX"
                );
                assert!(
                    pdf_text.contains(&fact),
                    "{profile_name} {id}: `{fact}` missing in the PDF"
                );
            }
        }
    }
}

#[test]
fn service_quality_is_substantial_and_headings_are_in_order() {
    for path in example_profiles() {
        let (_guard, dir) = common::generate(&path, &["--only", "service_quality"]);
        let paragraphs =
            common::docx_paragraphs(&dir.join(format!("{}.docx", file_stem("service_quality"))));
        let chars: usize = paragraphs.iter().map(|p| p.chars().count()).sum();
        assert!(chars > 3000, "only {chars} characters");
        common::assert_in_order(
            &paragraphs,
            &[
                "一、长期服务能力",
                "二、客户服务体系",
                "三、投诉处理",
                "四、服务承诺与资费公示",
                "五、用户协议与个人信息保护",
                "六、业务连续性保障",
                "七、服务终止时的用户权益保障",
                "提前告知",
                "退还预付费用",
                "数据导出",
                "数据删除",
            ],
        );
    }
}

#[test]
fn company_overview_computes_the_indirect_shares() {
    let path = common::example_profile();
    let profile = load(&path);
    let (_guard, dir) = common::generate(&path, &["--only", "company_overview"]);
    let paragraphs =
        common::docx_paragraphs(&dir.join(format!("{}.docx", file_stem("company_overview"))));
    let pdf = squeeze(&pdf_pages_in(&dir, &profile, "company_overview").join("\n"));
    let partnership = "杭州禾木投资合伙企业（有限合伙）";
    for (person, share) in [("周敏", "28%"), ("王立新", "12%")] {
        let sentence = format!("{person}间接持有公司{share}的股权");
        assert!(
            paragraphs.iter().any(|p| p.contains(&sentence)),
            "{sentence}"
        );
        assert!(pdf.contains(&sentence), "PDF: {sentence}");
        // The chain (person →（share）shareholder →（share）company: indirect share), then the
        // table row: name, nationality, no direct share, the indirect share, the total.
        let chain = format!("{person}→（");
        assert!(
            paragraphs
                .iter()
                .map(|p| squeeze(p))
                .any(|p| p.contains(&chain)
                    && p.contains(partnership)
                    && p.ends_with(&format!("间接持股{share}"))),
            "chain of {person}"
        );
        common::assert_in_order(
            &paragraphs,
            &["最终自然人持股情况", person, "中国", "—", share, share],
        );
    }
    common::assert_in_order(
        &paragraphs,
        &["最终自然人持股情况", "陈明远", "中国", "60%", "—", "60%"],
    );
}

#[test]
fn company_overview_of_the_second_example_traces_its_owners_too() {
    // Generic: every owner of every company shareholder gets share × owner share.
    for path in example_profiles() {
        let profile = load(&path);
        let (_guard, dir) = common::generate(&path, &["--only", "company_overview"]);
        let text =
            common::docx_paragraphs(&dir.join(format!("{}.docx", file_stem("company_overview"))))
                .join("\n");
        for s in &profile.company.shareholders {
            for o in &s.ultimate_owners {
                let sentence = format!(
                    "{}间接持有公司{}的股权",
                    o.name,
                    pct(s.share * o.share / 100.0)
                );
                assert!(text.contains(&sentence), "{}: {sentence}", path.display());
            }
        }
    }
}

#[test]
fn only_writes_exactly_the_named_documents() {
    let (_guard, dir) = common::generate(
        &common::example_profile(),
        &["--only", "commitment,declaration"],
    );
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        // The manifest of what was generated is not a document.
        .filter(|name| name != icp_docs::output::manifest::MANIFEST_FILE)
        .collect();
    let wanted = [file_stem("commitment"), file_stem("declaration")];
    for name in &names {
        let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
        assert!(wanted.contains(&stem), "unexpected file {name}");
        assert!(ext == "docx" || ext == "pdf", "unexpected file {name}");
    }
    for stem in wanted {
        assert!(
            names.contains(&format!("{stem}.docx")),
            "{stem}.docx missing: {names:?}"
        );
    }
}

#[test]
fn unknown_document_id_is_refused_and_lists_the_new_ones() {
    let dir = tempfile::tempdir().unwrap();
    let output = common::run(&[
        "generate",
        common::example_profile().to_str().unwrap(),
        "--out",
        dir.path().to_str().unwrap(),
        "--only",
        "commitments",
    ]);
    assert!(!output.status.success());
    let stderr = common::stderr(&output);
    for id in NEW_DOCUMENTS {
        assert!(stderr.contains(id), "{stderr}");
    }
}

#[test]
fn documents_command_lists_the_new_documents() {
    let output = common::run(&["documents"]);
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    for id in NEW_DOCUMENTS {
        let line = stdout
            .lines()
            .find(|l| l.split_whitespace().next() == Some(id));
        let line = line.unwrap_or_else(|| panic!("{id} not listed:\n{stdout}"));
        assert!(line.contains(file_stem(id)), "{line}");
    }
}

/// The signature block: the last paragraphs of the DOCX (and lines of the PDF).
fn signature_of(paragraphs: &[String]) -> &[String] {
    let start = paragraphs
        .iter()
        .rposition(|p| p.starts_with("法定代表人（签字）"))
        .expect("signature block");
    &paragraphs[start..]
}

#[test]
fn letters_fit_one_page_signed_by_the_legal_representative_with_the_printed_date() {
    for path in example_profiles() {
        let profile = load(&path);
        let date = profile
            .application
            .date
            .format(profile.application.date_style);
        let (_guard, dir) = common::generate(&path, &["--only", "commitment,declaration"]);
        for id in ["commitment", "declaration"] {
            let paragraphs = common::docx_paragraphs(&dir.join(format!("{}.docx", file_stem(id))));
            assert_eq!(
                signature_of(&paragraphs),
                [
                    "法定代表人（签字）：　　　　　　".to_string(),
                    format!("{}（盖章）", profile.company.name),
                    date.clone(),
                ]
            );
            let pages = pdf_pages_in(&dir, &profile, id);
            assert_eq!(
                pages.len(),
                1,
                "{}: {id} takes {} pages",
                path.display(),
                pages.len()
            );
            let page = squeeze(&pages[0]);
            for line in [
                "法定代表人（签字）".to_string(),
                format!("{}（盖章）", profile.company.name),
                date.clone(),
            ] {
                assert!(
                    page.contains(&squeeze(&line)),
                    "{id}: `{line}` not on the page"
                );
            }
        }
    }
}

#[test]
fn hand_dated_profiles_leave_the_signature_date_blank() {
    let source = std::fs::read_to_string(common::example_profile()).unwrap();
    let marker = "  date_style: arabic";
    assert!(source.contains(marker));
    let dated = source.replacen(marker, &format!("{marker}\n  hand_dated: true"), 1);
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("hand.yaml");
    std::fs::write(&path, &dated).unwrap();
    let profile = load(&path);
    assert!(profile.application.hand_dated);
    let printed = profile
        .application
        .date
        .format(profile.application.date_style);

    let (_guard, dir) =
        common::generate(&path, &["--only", "commitment,declaration,business_plan"]);
    for id in ["commitment", "declaration"] {
        let paragraphs = common::docx_paragraphs(&dir.join(format!("{}.docx", file_stem(id))));
        let block = signature_of(&paragraphs);
        assert_eq!(block.last().unwrap(), icp_docs::HAND_DATE_LINE);
        assert!(block.iter().all(|l| !l.contains(&printed)), "{block:?}");
        let pdf = pdf_pages_in(&dir, &profile, id).join("\n");
        assert!(pdf.contains("年") && pdf.contains("月") && pdf.contains("日"));
        assert!(
            !squeeze(&pdf).contains(&squeeze(&printed)),
            "{id}: the PDF still prints {printed}"
        );
    }
    // Only signature blocks: the cover of a main document keeps the printed date.
    let plan = common::docx_paragraphs(&dir.join(format!("{}.docx", file_stem("business_plan"))));
    assert!(plan.iter().any(|p| p.contains(&printed)), "cover date kept");
    assert_eq!(plan.last().unwrap(), icp_docs::HAND_DATE_LINE);

    // Without the key the profile is as before: the date is printed.
    assert!(!load(&common::example_profile()).application.hand_dated);
}
