//! Covers, contents and signature blocks are composed once, into the model: the PDF and the
//! DOCX print the same cover lines in the same order, and `render` of a user's Markdown
//! file prints an applicant's seal line only when its metadata names one.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

/// The non-empty lines of the first page of a PDF, without spaces.
fn pdf_cover_lines(path: &Path) -> Vec<String> {
    common::pdftotext(path, &["-layout", "-f", "1", "-l", "1"])
        .lines()
        .map(common::squeeze)
        .filter(|l| !l.is_empty())
        .collect()
}

/// The non-empty paragraphs of a DOCX before its contents heading, without spaces.
fn docx_cover_lines(path: &Path) -> Vec<String> {
    common::docx_paragraphs(path)
        .iter()
        .take_while(|p| p.as_str() != "目　　录")
        .map(|p| common::squeeze(p))
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn pdf_and_docx_covers_carry_the_same_lines_in_the_same_order() {
    let (_guard, dir) = common::generate(&common::example_profile(), &[]);
    let mut covers = 0;
    for stem in [
        "业务发展和实施计划",
        "网络与信息安全保障措施",
        "技术方案",
        "为用户提供长期服务和质量保障的措施",
    ] {
        let pdf = pdf_cover_lines(&dir.join(format!("{stem}.pdf")));
        let docx = docx_cover_lines(&dir.join(format!("{stem}.docx")));
        assert_eq!(pdf, docx, "{stem}: the covers differ");
        assert_eq!(
            pdf,
            [
                stem,
                "信息服务业务（仅限互联网信息服务）",
                "申请单位：杭州青禾网络科技有限公司（盖章）",
                "报送单位：浙江省通信管理局",
                "日期：2026年12月8日",
            ],
            "{stem}"
        );
        covers += 1;
    }
    assert_eq!(covers, 4);
}

/// Runs `icp-docs render` on `markdown` saved as `<name>.md`, to PDF and DOCX; returns the
/// temp dir, the output folder and the command's output.
fn run_render(markdown: &str, name: &str) -> (tempfile::TempDir, PathBuf, Output) {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join(format!("{name}.md"));
    std::fs::write(&input, markdown).expect("write the input");
    let out = dir.path().join("out");
    let output = common::run(&[
        "render",
        input.to_str().expect("utf-8"),
        "--to",
        "pdf,docx",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    (dir, out, output)
}

/// Renders `markdown` to PDF and DOCX; returns the temp dir and the two files.
fn render(markdown: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let (dir, out, output) = run_render(markdown, "报告");
    assert!(output.status.success(), "{}", common::stderr(&output));
    (dir, out.join("报告.pdf"), out.join("报告.docx"))
}

#[test]
fn render_prints_a_seal_line_only_for_an_applicant() {
    let body = "# 概况\n\n正文。\n";
    let (_guard, pdf, docx) = render(&format!(
        "---\ntitle: 年度工作报告\nauthor: 张明\ndate: 2026-03-01\n---\n{body}"
    ));
    for lines in [pdf_cover_lines(&pdf), docx_cover_lines(&docx)] {
        assert_eq!(lines, ["年度工作报告", "张明", "日期：2026年3月1日"]);
    }
    let text = common::squeeze(&common::pdftotext(&pdf, &[]));
    assert!(
        !text.contains("申请单位") && !text.contains("盖章"),
        "{text}"
    );

    let (_guard, pdf, docx) = render(&format!(
        "---\ntitle: 年度工作报告\napplicant: 杭州青禾网络科技有限公司\nrecipient: 浙江省通信管理局\n---\n{body}"
    ));
    for lines in [pdf_cover_lines(&pdf), docx_cover_lines(&docx)] {
        assert_eq!(
            lines,
            [
                "年度工作报告",
                "申请单位：杭州青禾网络科技有限公司（盖章）",
                "报送单位：浙江省通信管理局"
            ]
        );
    }
}

#[test]
fn render_without_metadata_has_no_cover() {
    let (_guard, pdf, _) = render("# 概况\n\n正文。\n");
    let text = common::pdftotext(&pdf, &[]);
    assert_eq!(text.matches('\u{c}').count(), 1, "one page: {text}");
    assert!(
        common::squeeze(&text).contains("报告一、概况正文。"),
        "{text}"
    );
}

/// The names of a DOCX package's parts.
fn docx_part_names(path: &Path) -> Vec<String> {
    let file = std::fs::File::open(path).unwrap();
    let archive = zip::ZipArchive::new(file).unwrap();
    archive.file_names().map(str::to_string).collect()
}

#[test]
fn one_page_letters_have_no_running_header_and_no_page_number_and_reports_do() {
    let (_guard, dir) = common::generate(&common::example_profile(), &[]);
    let company = "杭州青禾网络科技有限公司";
    for stem in ["真实性声明", "依法经营电信业务承诺书"] {
        let pdf = dir.join(format!("{stem}.pdf"));
        let text = common::pdftotext(&pdf, &["-layout"]);
        assert_eq!(text.matches('\u{c}').count(), 1, "{stem}: one page");
        let first_line = text
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or_default();
        assert!(
            !first_line.contains(company),
            "{stem}: a running header `{first_line}`"
        );
        assert!(
            !text.contains("— 1 —") && !text.contains("—1—"),
            "{stem}: {text}"
        );
        // The seal line is still there.
        assert!(text.contains(&format!("{company}（盖章）")), "{stem}");
        let parts = docx_part_names(&dir.join(format!("{stem}.docx")));
        assert!(
            !parts
                .iter()
                .any(|p| p.starts_with("word/header") || p.starts_with("word/footer")),
            "{stem}: {parts:?}"
        );
    }
    // A report keeps both, on every body page.
    let plan = common::pdftotext(&dir.join("技术方案.pdf"), &["-layout"]);
    assert!(plan.contains("— 2 —") || plan.contains("—2—"), "{plan}");
    let parts = docx_part_names(&dir.join("技术方案.docx"));
    assert!(
        parts.iter().any(|p| p.starts_with("word/footer")),
        "{parts:?}"
    );
    assert!(
        parts.iter().any(|p| p.starts_with("word/header")),
        "{parts:?}"
    );
}

#[test]
fn render_takes_a_markdown_file_written_for_pandoc() {
    let markdown = "---\ntitle: 年度网络安全自查报告\nauthor:\n  - 张敏\n  - 李卫东\ndate: 2026-11-30\nlang: zh-CN\ntoc-title: 报告目录\nabstract: 本报告总结本年度网络安全自查的范围、方法和结论。\nkeywords: [网络安全, 自查]\ngeometry: margin=2cm\n---\n\n# 自查范围\n\n覆盖全部业务系统。\n\n# 自查结论\n\n未发现重大风险。\n";
    let (_dir, out, output) = run_render(markdown, "自查");
    let stderr = common::stderr(&output);
    assert!(output.status.success(), "{stderr}");
    // The unknown key is named once; the pandoc keys are taken without a word.
    assert!(stderr.contains("`geometry`"), "{stderr}");
    for known in ["lang", "toc-title", "abstract", "keywords", "author"] {
        assert!(!stderr.contains(&format!("`{known}`")), "{stderr}");
    }
    let text = common::squeeze(&common::pdftotext(&out.join("自查.pdf"), &[]));
    for expected in [
        "年度网络安全自查报告",
        "张敏、李卫东",
        "报告目录",
        "本报告总结本年度网络安全自查的范围、方法和结论。",
        "一、自查范围",
    ] {
        assert!(text.contains(expected), "`{expected}` missing: {text}");
    }
    let docx = common::docx_paragraphs(&out.join("自查.docx")).join("\n");
    assert!(
        docx.contains("报告目录") && docx.contains("张敏、李卫东"),
        "{docx}"
    );
}

/// Where the page number of each numbered page sits: the x of its centre as a share of the
/// page width, by printed number.
fn page_number_positions(pdf: &Path) -> Vec<(u32, f64)> {
    let bytes = std::fs::read(pdf).expect("the PDF");
    let reading = common::pdf_reader::Pdf::read(&bytes);
    reading
        .pages
        .iter()
        .filter_map(|page| {
            let footer = page.lines().into_iter().find(|line| {
                let text = common::squeeze(&line.text);
                line.y < 100.0 && text.starts_with('—') && text.ends_with('—')
            })?;
            let number = common::squeeze(&footer.text)
                .trim_matches('—')
                .parse()
                .ok()?;
            Some((number, (footer.x0 + footer.x1) / 2.0 / page.width))
        })
        .collect()
}

/// Printed on both sides, odd page numbers sit on the right and even ones on the left (in
/// the DOCX as odd and even footers); otherwise they are centred.
#[test]
fn two_sided_documents_put_page_numbers_on_the_outer_edge() {
    let profile = common::example_profile();
    let (_guard, two_sided) = common::generate(&profile, &["--style", "formal-two-sided"]);
    let positions = page_number_positions(&two_sided.join("技术方案.pdf"));
    assert!(positions.len() >= 4, "{positions:?}");
    for &(number, centre) in &positions {
        if number % 2 == 1 {
            assert!(
                centre > 0.7,
                "page {number} is not on the right: {centre:.2}"
            );
        } else {
            assert!(
                centre < 0.3,
                "page {number} is not on the left: {centre:.2}"
            );
        }
    }
    let docx = two_sided.join("技术方案.docx");
    let settings = common::docx_part(&docx, "word/settings.xml");
    assert!(settings.contains("<w:evenAndOddHeaders"), "{settings}");
    let document = common::docx_part(&docx, "word/document.xml");
    assert!(
        document.contains(r#"w:footerReference w:type="even""#),
        "no even footer"
    );

    let (_guard, one_sided) = common::generate(&profile, &["--only", "technical_plan"]);
    for (number, centre) in page_number_positions(&one_sided.join("技术方案.pdf")) {
        assert!(
            (centre - 0.5).abs() < 0.05,
            "page {number} is not centred: {centre:.2}"
        );
    }
}
