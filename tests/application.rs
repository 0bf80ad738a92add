//! The whole application: the commitments and statements every applicant uploads (告知承诺书,
//! 股权结构图, 股东追溯不涉及外资承诺书), the ones only some profiles call for, and what the
//! province changes in them. Read back as a reviewer reads them: pdftotext of the PDF, the
//! DOCX XML.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn assert_contains(text: &str, needles: &[&str], what: &str) {
    let squeezed = squeeze(text);
    for needle in needles {
        assert!(
            squeezed.contains(&squeeze(needle)),
            "{what}: `{needle}` missing in\n{text}"
        );
    }
}

#[test]
fn the_sample_gets_its_commitment_and_the_no_foreign_capital_statement() {
    let (_guard, dir) = generate(&example_profile(), &[]);
    // Zhejiang calls the 告知承诺书 申请承诺书; it is addressed to the province's authority.
    let notify = common::pdftotext_of(&dir.join("告知承诺书.pdf"));
    assert_contains(
        &notify,
        &[
            "申请承诺书",
            "浙江省通信管理局：",
            "杭州青禾网络科技有限公司（统一社会信用代码：91330106MA2J7Q4TXW）",
            "注册资本100万元",
            "电信业务经营失信名单",
            "法定代表人（签字）",
            "杭州青禾网络科技有限公司（盖章）",
            "2026年12月8日",
        ],
        "告知承诺书",
    );
    assert!(
        !notify.contains("容缺"),
        "no 容缺 without insurance_pending"
    );
    let statement = common::pdftotext_of(&dir.join("股东追溯不涉及外资承诺书.pdf"));
    assert_contains(
        &statement,
        &[
            "股东追溯不涉及外资承诺书",
            "浙江省通信管理局：",
            "陈明远",
            "330106198604122735",
            "杭州禾木投资合伙企业（有限合伙）",
            "91330108MA7C3N6P2G",
            "周敏",
            "28%",
            "王立新",
            "12%",
            "本公司不涉及外资",
            "法定代表人（签字）",
        ],
        "股东追溯不涉及外资承诺书",
    );
    // Commitments the sample does not call for are not written.
    for stem in [
        "依法经营特定电信业务承诺书",
        "守法诚信经营特别承诺书",
        "社会保险缴纳证明容缺受理承诺书",
    ] {
        assert!(!dir.join(format!("{stem}.pdf")).exists(), "{stem}");
    }
}

#[test]
fn the_ownership_chart_is_drawn_from_the_shareholders_as_vectors() {
    let (_guard, dir) = generate(&example_profile(), &[]);
    let pdf = dir.join("股权结构图.pdf");
    let text = common::pdftotext_of(&pdf);
    assert_contains(
        &text,
        &[
            "图1杭州青禾网络科技有限公司股权结构图",
            "周敏",
            "王立新",
            "70%",
            "30%",
            "陈明远",
            "60%",
            "40%",
            "出资60万元",
            "注册资本100万元",
            // Zhejiang's sentence, verbatim.
            "本公司向上追溯到任何一级股东都不含外资成分。",
            "法定代表人（签字）",
        ],
        "股权结构图",
    );
    // The figure is paths and text, not a picture.
    let images = Command::new("pdfimages")
        .args(["-list", pdf.to_str().expect("utf-8")])
        .output()
        .unwrap_or_else(|e| panic!("pdfimages (poppler-utils) is needed for this test: {e}"));
    let listing = String::from_utf8_lossy(&images.stdout);
    assert_eq!(listing.lines().count(), 2, "no images expected:\n{listing}");
    // The DOCX shows the same drawing as a picture, with the same sentence.
    let docx = dir.join("股权结构图.docx");
    let file = std::fs::File::open(&docx).expect("docx");
    let archive = zip::ZipArchive::new(file).expect("zip");
    assert!(
        archive
            .file_names()
            .any(|n| n.starts_with("word/media/") && n.ends_with(".png")),
        "the DOCX embeds the chart"
    );
    let paragraphs = docx_paragraphs(&docx).join("\n");
    assert!(paragraphs.contains("本公司向上追溯到任何一级股东都不含外资成分"));
}

#[test]
fn other_provinces_get_the_national_title_and_wording() {
    let pipeline = icp_docs::Pipeline::new(None).expect("templates");
    let (profile, _) = icp_docs::profile::load_profile(&example_profile()).expect("profile");
    let province = icp_docs::variant::find_province("jiangsu").expect("jiangsu");
    let application = pipeline
        .application(profile, province)
        .expect("application");
    let only = [
        "notify_commitment".to_string(),
        "ownership_chart".to_string(),
    ];
    let docs = pipeline
        .documents(&application, Some(&only))
        .expect("renders");
    let markdown: Vec<&str> = docs.iter().map(|d| d.markdown.as_str()).collect();
    assert!(
        markdown[0].contains("title: 电信业务经营许可部分证明事项告知承诺书"),
        "{}",
        markdown[0]
    );
    assert!(markdown[0].contains("江苏省通信管理局："));
    assert!(markdown[1].contains("经逐级向上追溯，本公司各级股东均不含外资成分。"));
    assert!(!markdown[1].contains("任何一级股东"));
}

#[test]
fn triggered_commitments_are_written_when_the_profile_calls_for_them() {
    let (_guard, dir) = generate(&fixture("travel-agency.yaml"), &[]);
    let special = common::pdftotext_of(&dir.join("依法经营特定电信业务承诺书.pdf"));
    assert_contains(
        &special,
        &[
            "湖南省通信管理局：",
            "本公司名称含有“旅行社”字样",
            "线下经营活动",
            "法定代表人（签字）",
        ],
        "依法经营特定电信业务承诺书",
    );
    // Only the paragraphs of the groups found: no financial or ride-hailing commitment.
    assert!(!special.contains("金融管理部门") && !special.contains("网络预约出租汽车"));
    let integrity = common::pdftotext_of(&dir.join("守法诚信经营特别承诺书.pdf"));
    assert_contains(
        &integrity,
        &[
            "湖南省通信管理局：",
            "近三年内受到电信管理机构的行政处罚如下",
            "法定代表人（签字）",
        ],
        "守法诚信经营特别承诺书",
    );
    // The penalty's table, cell by cell (the PDF's narrow cells wrap the 文号).
    let cells = docx_paragraphs(&dir.join("守法诚信经营特别承诺书.docx"));
    assert_in_order(
        &cells,
        &[
            "2025年8月12日",
            "湖南省通信管理局",
            "湘通管罚〔2025〕15号",
            "网站更换接入服务商后未及时变更备案信息",
            "已于 2025 年 8 月底完成备案变更并缴纳罚款",
        ],
    );
    let insurance = common::pdftotext_of(&dir.join("社会保险缴纳证明容缺受理承诺书.pdf"));
    assert_contains(
        &insurance,
        &[
            "许可负责人",
            "刘芳",
            "13973128845",
            "客服负责人",
            "龙晓雯",
            "安全负责人",
            "易建华",
            "许可证发放前补交",
        ],
        "社会保险缴纳证明容缺受理承诺书",
    );
    // The 告知承诺书 says the insurance proof follows; Hunan uses the national title.
    let notify = common::pdftotext_of(&dir.join("告知承诺书.pdf"));
    assert_contains(
        &notify,
        &[
            "电信业务经营许可部分证明事项告知承诺书",
            "社会保险缴纳证明申请容缺受理",
        ],
        "告知承诺书",
    );
    // The checklist lists each of them as ready.
    let checklist = common::pdftotext_of(&dir.join("申请材料清单.pdf"));
    assert_contains(
        &checklist,
        &[
            "依法经营特定电信业务承诺书",
            "守法诚信经营特别承诺书",
            "社会保险缴纳证明容缺受理承诺书",
            "股东追溯不涉及外资承诺书",
            "商标证书",
            "湘途（注册号38214577）",
        ],
        "申请材料清单",
    );
}

#[test]
fn documents_lists_every_document_and_when_it_is_written() {
    let output = run(&["documents"]);
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    for spec in icp_docs::context::documents::DOCUMENTS {
        assert!(
            text.contains(spec.id) && text.contains(spec.file_stem),
            "{text}"
        );
    }
    let line = text
        .lines()
        .find(|l| l.starts_with("integrity_commitment"))
        .unwrap_or_default();
    assert!(line.contains("penalised"), "{line}");
}

#[test]
fn the_checklist_and_provinces_give_the_authoritys_contacts_with_source_and_date() {
    let (_guard, dir) = generate(&fixture("travel-agency.yaml"), &[]);
    let items = docx_paragraphs(&dir.join("申请材料清单.docx"));
    assert_in_order(
        &items,
        &[
            "受理机关联系方式",
            "咨询电话：0731-81111266（来源：省通信管理局办事指南页面（页面日期2022-07-06），2026-06-08读取",
            "办事指南：hunca.miit.gov.cn/art/2022/art_9d64d0d1ac4a4a93800c026e8f24a75d.html",
            "全国咨询电话：12381",
        ],
    );
    let output = run(&["provinces"]);
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    // A value from the hand-kept list only is marked as such.
    assert!(
        text.contains("咨询电话：0371-65569615（来源：第三方整理的省份资料（无原始出处），2026-12读取，可信度：低）"),
        "{text}"
    );
}
