//! The fill-in sheet (在线填报信息表): the values of the online form from the contract sample,
//! in the PDF (pdftotext), the DOCX (its XML) and the HTML page, which a real browser opens
//! from disk (headless Chromium: the DOM after its script ran, a mouse click on a copy
//! button, the clipboard read back). Missing tools fail these tests.

#[path = "common/chromium.rs"]
mod chromium;
mod common;

use std::path::PathBuf;

use common::*;

/// (field label, value) the sample's sheet must give, each with a copy button.
const SAMPLE: &[(&str, &str)] = &[
    ("统一社会信用代码", "91330106MA2J7Q4TXW"),
    ("注册资本（万元）", "100"),
    ("法定代表人姓名", "陈明远"),
    ("公司性质", "有限责任公司"),
    ("是否上市（含新三板）", "否"),
    ("许可负责人姓名", "林晓"),
    ("客服负责人姓名", "赵一帆"),
    ("安全负责人姓名", "林晓"),
    ("盈利模式", "混合"),
    ("目标用户", "个人用户"),
    (
        "邮寄地址",
        "浙江省杭州市西湖区文三路 478 号华星时代广场 A 座 1203 室",
    ),
    ("域名", "qinghe-edu.cn"),
];

fn sample() -> (tempfile::TempDir, PathBuf) {
    generate(&example_profile(), &[])
}

#[test]
fn the_sheet_document_holds_the_sample_values_in_pdf_and_docx() {
    let (_guard, dir) = sample();
    let pdf = squeeze(&common::pdftotext_of(&dir.join("在线填报信息表.pdf")));
    let docx = docx_paragraphs(&dir.join("在线填报信息表.docx"));
    for (label, value) in SAMPLE {
        // A wrapped label may be read apart from the rest of its row; the values are whole.
        assert!(pdf.contains(&squeeze(value)), "PDF: no `{value}`");
        // In the DOCX each cell is a paragraph: the label, then its value (a choice
        // prints every option, the chosen one marked ■).
        let at = docx
            .iter()
            .position(|p| p == label)
            .unwrap_or_else(|| panic!("DOCX: no cell `{label}`"));
        let cell = &docx[at + 1];
        assert!(
            cell == value || cell.contains(&format!("■{value}")),
            "DOCX: `{label}` is `{cell}`, not `{value}`"
        );
    }
    // The forms in the system's order, and the uploads of the generated documents.
    assert_in_order(
        &docx,
        &[
            "业务发展和实施计划及技术方案专用表格",
            "电信业务经营许可证申请表",
            "公司及人员情况表",
            "网络与信息安全保障措施",
            "股东追溯及其相关证明材料",
            "依法经营电信业务承诺书",
            "其他材料",
            "《申请承诺书》：已生成告知承诺书.pdf",
        ],
    );
    // A value the profile does not state is left to fill in, and said so.
    let email = docx
        .iter()
        .position(|p| p == "法定代表人邮箱")
        .expect("法定代表人邮箱");
    assert_eq!(docx[email + 1], "（待补充）");
    assert_eq!(docx[email + 2], "档案未载明法定代表人邮箱");
}

#[test]
fn the_page_is_self_contained() {
    let (_guard, dir) = sample();
    let page = std::fs::read_to_string(dir.join("在线填报信息表.html")).expect("the page");
    assert!(page.contains("Content-Security-Policy"));
    assert!(page.contains("default-src 'none'"));
    for external in ["http://", "https://", " src=", "<link", "@import", "url("] {
        assert!(!page.contains(external), "the page refers to `{external}`");
    }
    // Rerunning gives the same page.
    let (_again, other) = sample();
    let again = std::fs::read_to_string(other.join("在线填报信息表.html")).expect("the page");
    assert_eq!(page, again);
}

/// The JavaScript expression of the copy button in the row labelled `label`.
fn button_of(label: &str) -> String {
    let label = serde_json::to_string(label).expect("json");
    format!(
        "[...document.querySelectorAll('tr')].find(r => r.querySelector('th').textContent === {label})"
    )
}

#[test]
fn chromium_shows_every_value_with_a_copy_button() {
    let (guard, dir) = sample();
    let page = dir.join("在线填报信息表.html");
    let dom = chromium::dump_dom(&page, &guard.path().join("chromium"));
    for (label, value) in SAMPLE {
        let escaped = value.replace('&', "&amp;");
        assert!(
            dom.contains(&format!("<th>{label}</th>")),
            "no row `{label}`"
        );
        assert!(
            dom.contains(&format!(
                "<button type=\"button\" class=\"copy\" data-value=\"{escaped}\""
            )),
            "no copy button for `{value}`"
        );
    }
}

#[test]
fn a_copy_button_puts_its_value_on_the_clipboard() {
    let (guard, dir) = sample();
    let page = dir.join("在线填报信息表.html");
    let mut browser = chromium::Browser::open(&page, &guard.path().join("chromium"));
    // Every row with a value has its button; the values shown are the ones copied.
    let rows = browser.eval(
        "[...document.querySelectorAll('tr')].filter(r => r.querySelector('.text:not(.empty)')).length",
    );
    let buttons = browser.eval("document.querySelectorAll('button.copy').length");
    assert_eq!(rows, buttons);
    assert!(buttons.as_u64().unwrap_or_default() >= 40, "{buttons}");
    let mismatched = browser.eval(
        "[...document.querySelectorAll('button.copy')].filter(b => \
         b.closest('tr').querySelector('.text').textContent !== b.getAttribute('data-value')).length",
    );
    assert_eq!(mismatched, serde_json::json!(0));
    for (label, value) in [SAMPLE[0], SAMPLE[5], SAMPLE[10]] {
        let row = button_of(label);
        browser.eval(&format!(
            "{row}.querySelector('button.copy').id = 'under-test'"
        ));
        browser.click("#under-test");
        let expected = serde_json::to_string(value).expect("json");
        browser.wait_for(&format!(
            "navigator.clipboard.readText().then(t => t === {expected})"
        ));
        assert_eq!(browser.clipboard(), *value);
        // The button says so (its label returns to 复制 after a moment; the mark stays).
        browser.wait_for(
            "document.getElementById('under-test').getAttribute('data-copied') === 'yes'",
        );
        browser.eval("document.getElementById('under-test').removeAttribute('id')");
    }
}

#[test]
fn every_tick_points_at_a_heading_the_security_measures_have() {
    let (_guard, dir) = sample();
    let sheet = docx_paragraphs(&dir.join("在线填报信息表.docx"));
    let security = docx_paragraphs(&dir.join("网络与信息安全保障措施.docx"));
    let ticks: Vec<&String> = sheet
        .iter()
        .filter(|p| p.contains("：见《网络与信息安全保障措施》"))
        .collect();
    assert!(ticks.len() >= 6, "{sheet:#?}");
    for tick in ticks {
        let (_, refs) = tick.split_once("》").expect("a reference");
        for heading in refs.split('“').skip(1).filter_map(|r| r.split('”').next()) {
            assert!(
                security
                    .iter()
                    .any(|p| p.ends_with(&format!("、{heading}"))),
                "`{tick}`: no heading “{heading}” in the security measures"
            );
        }
    }
    // The sheet ticks none of them: each is left for the company.
    assert!(sheet
        .iter()
        .any(|p| p.contains("□开展新技术新业务安全评估：《网络与信息安全保障措施》未单设章节")));
}
