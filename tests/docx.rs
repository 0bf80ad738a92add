//! End-to-end: the CLI on the example profile, asserting on the DOCX's XML content.

mod common;

use common::*;

/// The example's technical plan written in `formats`: the output's guard and the DOCX.
fn example_technical_plan(formats: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let (guard, dir) = generate(
        &example_profile(),
        &["--format", formats, "--only", "technical_plan"],
    );
    (guard, dir.join("技术方案.docx"))
}

/// What pdftotext (with `args`) reads from LibreOffice's PDF of `docx`.
fn libreoffice_text(docx: &std::path::Path, args: &[&str]) -> String {
    let out = tempfile::tempdir().expect("temp dir");
    pdftotext(&libreoffice_pdfs(&[docx], out.path())[0], args)
}

#[test]
fn example_generates_three_documents_with_profile_facts() {
    let (_guard, dir) = generate(&example_profile(), &["--format", "docx"]);
    assert!(dir.ends_with("example/zhejiang"), "{}", dir.display());

    let plan = docx_paragraphs(&dir.join("业务发展和实施计划.docx"));
    // Cover, then contents, then the numbered body in order.
    assert_in_order(
        &plan,
        &[
            "业务发展和实施计划",
            "信息服务业务（仅限互联网信息服务）",
            "申请单位：杭州青禾网络科技有限公司（盖章）",
            "报送单位：浙江省通信管理局",
            "日　　期：2026年12月8日",
            "目　　录",
            "一、公司基本情况",
            "二、股权结构",
            "三、申请经营业务简述",
            "（一）申请业务种类及覆盖范围",
            "业务实施计划",
        ],
    );
    let text = plan.join("\n");
    for fact in [
        "杭州青禾网络科技有限公司",
        "91330106MA2J7Q4TXW",
        "100万元",
        "陈明远",
        "杭州禾木投资合伙企业（有限合伙）",
        "周敏",
        "王立新",
        "青禾学堂",
        "qinghe-edu.cn",
        "浙ICP备2021018846号-1",
    ] {
        assert!(text.contains(fact), "business plan lacks `{fact}`");
    }
    // The three-year plan table: one row per `plan.years` entry, cells in column order
    // (users with separators, money in 万元).
    for row in [
        ["2027年", "150,000", "6,000", "180", "120"],
        ["2029年", "800,000", "40,000", "950", "250"],
    ] {
        let at = plan
            .iter()
            .position(|p| p == row[0])
            .unwrap_or_else(|| panic!("no plan row {}", row[0]));
        assert_eq!(&plan[at..at + 5], &row, "plan row {}", row[0]);
    }
    // The shareholding table has a row per shareholder.
    let xml = docx_part(&dir.join("业务发展和实施计划.docx"), "word/document.xml");
    assert!(xml.contains("<w:tblHeader />"), "header rows repeat");
    // Word and LibreOffice break after every hyphen-minus: inside a domain or 备案号 a word
    // joiner follows it (the paragraph texts above are read without them).
    for identifier in ["qinghe-\u{2060}edu.cn", "浙ICP备2021018846号-\u{2060}1"] {
        assert!(xml.contains(identifier), "{identifier:?} is not joined");
    }
    assert!(!xml.contains("qinghe-edu.cn"));
    // The fill-in sheet is copied from into the online form: no invisible character in
    // its values, the domain included.
    let sheet = docx_part(&dir.join("在线填报信息表.docx"), "word/document.xml");
    assert!(
        sheet.contains("qinghe-edu.cn"),
        "the sheet lacks the domain"
    );
    assert!(
        !sheet.contains(['\u{2060}', '\u{200B}']),
        "an invisible character in the sheet"
    );

    let security = docx_paragraphs(&dir.join("网络与信息安全保障措施.docx"));
    assert_in_order(&security, &SECURITY_HEADINGS);
    let text = security.join("\n");
    for fact in ["林晓", "网络日志留存不少于六个月", "先审后发"] {
        assert!(text.contains(fact), "security measures lack `{fact}`");
    }

    let technical = docx_paragraphs(&dir.join("技术方案.docx"));
    let text = technical.join("\n");
    for fact in [
        "杭州星垣数据服务有限公司",
        "浙B1-20190001",
        "203.0.113.18",
        "100Mbps",
        "负载均衡",
        "Web 服务器",
        "应用服务器",
        "数据库服务器",
        "缓存服务器",
        "对象存储",
        "云服务器 ECS g7",
        "Nginx 1.24",
        "Web 应用防火墙",
    ] {
        assert!(text.contains(fact), "technical plan lacks `{fact}`");
    }
}

#[test]
fn docx_uses_real_styles_indent_fonts_and_page_field() {
    let (_guard, dir) = generate(&example_profile(), &["--format", "docx"]);
    let path = dir.join("技术方案.docx");
    let styles = docx_part(&path, "word/styles.xml");
    // Body: first-line indent of two characters of 三号 (2 × 16 pt = 640 twips), 仿宋.
    let normal_start = styles.find(r#"w:styleId="Normal""#).expect("Normal style");
    let normal =
        &styles[normal_start..normal_start + styles[normal_start..].find("</w:style>").unwrap()];
    assert!(normal.contains(r#"w:firstLine="640""#), "{normal}");
    assert!(normal.contains(r#"w:firstLineChars="200""#), "{normal}");
    assert!(normal.contains(r#"w:eastAsia="仿宋""#), "{normal}");
    assert_eq!(styles.matches(r#"w:styleId="Normal""#).count(), 1);
    for (id, font) in [
        ("Heading1", "黑体"),
        ("Heading2", "楷体"),
        ("Title", "宋体"),
        ("CoverTitle", "宋体"),
        // Contents entries of the first level in the heading's face, as the PDF's.
        ("TOC1", "黑体"),
        ("TOC2", "仿宋"),
    ] {
        let start = styles.find(&format!(r#"w:styleId="{id}""#)).expect(id);
        let style = &styles[start..start + styles[start..].find("</w:style>").unwrap()];
        assert!(
            style.contains(&format!(r#"w:eastAsia="{font}""#)),
            "{id}: {style}"
        );
    }
    assert!(styles.contains(r#"w:eastAsia="zh-CN""#));
    // The cover's title one size step above the body title, as in the PDF (一号, 26 pt).
    let cover_start = styles
        .find(r#"w:styleId="CoverTitle""#)
        .expect("CoverTitle");
    let cover_title =
        &styles[cover_start..cover_start + styles[cover_start..].find("</w:style>").unwrap()];
    assert!(
        cover_title.contains(r#"<w:sz w:val="52" />"#),
        "{cover_title}"
    );
    let document = docx_part(&path, "word/document.xml");
    assert!(document.contains(r#"<w:pStyle w:val="CoverTitle" />"#));
    assert!(document.contains(r#"w:pStyle w:val="Heading1""#));
    assert!(
        document.contains(r"PAGEREF _Toc_h0 \h") && document.contains(r#"w:name="_Toc_h0""#),
        "the first contents entry refers to the first heading's bookmark"
    );
    // A4 with GB/T 9704 margins (37 mm top = 2098 twips, 28 mm left = 1587 twips).
    assert!(document.contains(r#"w:w="11906""#) && document.contains(r#"w:h="16838""#));
    assert!(document.contains(r#"w:top="2098""#) && document.contains(r#"w:left="1587""#));
    let footer = docx_part(&path, "word/footer1.xml");
    assert!(footer.contains("PAGE"), "{footer}");
    let core = docx_part(&path, "docProps/core.xml");
    assert!(core.contains("<dc:title>技术方案</dc:title>"), "{core}");
    assert!(core.contains("<dc:creator>杭州青禾网络科技有限公司</dc:creator>"));
    assert!(core.contains("2026-12-08T00:00:00Z"));
}

#[test]
fn generating_twice_gives_identical_bytes() {
    let (_a, first) = generate(&example_profile(), &["--format", "docx"]);
    let (_b, second) = generate(&example_profile(), &["--format", "docx"]);
    for name in [
        "业务发展和实施计划.docx",
        "网络与信息安全保障措施.docx",
        "技术方案.docx",
    ] {
        let one = std::fs::read(first.join(name)).unwrap();
        let two = std::fs::read(second.join(name)).unwrap();
        assert!(one == two, "{name} differs between runs");
    }
}

#[test]
fn markdown_special_characters_in_values_stay_literal() {
    let source = std::fs::read_to_string(example_profile()).unwrap();
    let hostile =
        "“*星号* # 井号 | 竖线 <b>尖括号</b> [链接](http://x) _下划线_ `反引号` \\\\反斜杠”";
    let modified = source.replace(
        "面向中小学教师和家长的教育资讯与学习资源平台，",
        &format!("{hostile}面向中小学教师和家长的教育资讯与学习资源平台，"),
    );
    assert_ne!(source, modified);
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("hostile.yaml");
    std::fs::write(&profile, modified).unwrap();
    let (_guard, out) = generate(&profile, &["--format", "docx", "--only", "business_plan"]);
    let text = docx_paragraphs(&out.join("业务发展和实施计划.docx")).join("\n");
    assert!(
        text.contains(
            "*星号* # 井号 | 竖线 <b>尖括号</b> [链接](http://x) _下划线_ `反引号` \\\\反斜杠"
        ),
        "the summary is not literal"
    );
}

#[test]
fn province_flag_changes_the_authority() {
    // The example company, registered (and its site filed) in Xinjiang instead.
    let profile_dir = tempfile::tempdir().unwrap();
    let profile = profile_dir.path().join("example.yaml");
    let text = std::fs::read_to_string(example_profile())
        .unwrap()
        .replacen(
            "registered_address: 浙江省",
            "registered_address: 新疆维吾尔自治区",
            1,
        )
        .replace("浙ICP备", "新ICP备");
    std::fs::write(&profile, text).unwrap();
    let (_guard, dir) = generate(
        &profile,
        &[
            "--format",
            "docx",
            "--province",
            "新疆",
            "--only",
            "technical_plan",
        ],
    );
    assert!(dir.ends_with("example/xinjiang"));
    let text = docx_paragraphs(&dir.join("技术方案.docx")).join("\n");
    assert!(text.contains("报送单位：新疆维吾尔自治区通信管理局"));
}

#[test]
fn only_writes_the_named_documents() {
    let (_guard, dir) = generate(&example_profile(), &["--only", "technical_plan"]);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != icp_docs::output::manifest::MANIFEST_FILE)
        .collect();
    names.sort();
    assert_eq!(names, ["技术方案.docx", "技术方案.pdf"]);
}

#[test]
fn letters_set_the_addressee_flush_left() {
    let (_guard, dir) = generate(
        &example_profile(),
        &["--format", "docx", "--only", "commitment"],
    );
    let xml = docx_part(
        &dir.join("依法经营电信业务承诺书.docx"),
        "word/document.xml",
    );
    let at = xml.find("浙江省通信管理局：").expect("addressee line");
    let paragraph_start = xml[..at].rfind("<w:p ").expect("its paragraph");
    let paragraph = &xml[paragraph_start..at];
    assert!(paragraph.contains(r#"w:firstLine="0""#), "{paragraph}");
    // The body paragraphs after it keep the style's indent (no override).
    let next = &xml[at..];
    let body_start = next.find("本公司申请经营").expect("first body paragraph");
    let body_paragraph_start = next[..body_start].rfind("<w:p ").expect("its paragraph");
    assert!(!next[body_paragraph_start..body_start].contains("w:firstLine"));
}

#[test]
fn commitments_and_plan_length_come_from_the_profile() {
    let source = std::fs::read_to_string(example_profile()).unwrap();
    let edited = source
        .replace(
            "  training_hours_per_year: 16",
            "  training_hours_per_year: 16\n  incident_report_hours: 2\n  liaison_change_days: 3\n  self_checks_per_year: 6",
        )
        .replace(
            "    - { year: 2029, registered_users: 800000, paying_users: 40000, revenue: 9500000, investment: 2500000 }",
            "    - { year: 2029, registered_users: 800000, paying_users: 40000, revenue: 9500000, investment: 2500000 }\n    - { year: 2030, registered_users: 900000, paying_users: 50000, revenue: 9900000, investment: 2600000 }",
        );
    assert_ne!(source, edited);
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("committed.yaml");
    std::fs::write(&profile, edited).unwrap();
    let (_guard, out) = generate(
        &profile,
        &[
            "--format",
            "docx",
            "--only",
            "security_measures,business_plan",
        ],
    );
    let security = docx_paragraphs(&out.join("网络与信息安全保障措施.docx")).join("\n");
    assert!(
        security.contains("最迟不超过2小时"),
        "incident report hours"
    );
    assert!(security.contains("3个工作日内"), "liaison change days");
    assert!(security.contains("每年开展六次网络安全自查"), "self-checks");
    assert!(!security.contains("最迟不超过1小时"));
    let plan = docx_paragraphs(&out.join("业务发展和实施计划.docx")).join("\n");
    assert!(plan.contains("四年发展目标"), "the plan has four years");
    assert!(!plan.contains("三年发展目标"));
}

/// The contents entries of a PDF's text (pdftotext `-layout`): each line of the contents
/// page ending in dot leaders and a number, as (heading, number). Also the index of the
/// contents page.
fn contents_entries(pages: &[&str]) -> (usize, Vec<(String, u32)>) {
    let at = pages
        .iter()
        .position(|p| squeeze(p).contains("目录"))
        .expect("a contents page");
    let entries = pages[at]
        .lines()
        .filter_map(|line| {
            let (text, number) = line.trim().rsplit_once("..")?;
            let heading = text.trim_end_matches('.').trim();
            Some((heading.to_string(), number.trim().parse().ok()?))
        })
        .collect();
    (at, entries)
}

/// The number a page prints in its footer (`— 7 —` or `第 7 页 共 12 页`).
fn footer_number(page: &str) -> Option<u32> {
    page.lines().rev().map(squeeze).find_map(|line| {
        let inner = line
            .strip_prefix('—')
            .and_then(|l| l.strip_suffix('—'))
            .or_else(|| line.strip_prefix('第')?.split('页').next())?;
        inner.parse().ok()
    })
}

#[test]
fn libreoffice_prints_the_page_of_each_heading_beside_its_contents_entry() {
    let (_guard, dir) = generate(
        &example_profile(),
        &["--format", "docx", "--only", "technical_plan,business_plan"],
    );
    let out = tempfile::tempdir().expect("temp dir");
    let docx = [
        dir.join("技术方案.docx"),
        dir.join("业务发展和实施计划.docx"),
    ];
    let pdfs = libreoffice_pdfs(&docx.each_ref().map(|p| p.as_path()), out.path());
    for pdf in &pdfs {
        let text = pdftotext(pdf, &["-layout"]);
        let pages: Vec<&str> = text.split('\u{c}').collect();
        let (contents_page, entries) = contents_entries(&pages);
        assert!(entries.len() >= 8, "{}: entries {entries:?}", pdf.display());
        for (heading, number) in &entries {
            let page = pages[contents_page + 1..]
                .iter()
                .find(|p| p.lines().any(|l| squeeze(l) == squeeze(heading)))
                .unwrap_or_else(|| panic!("{}: `{heading}` is on no page", pdf.display()));
            assert_eq!(
                footer_number(page),
                Some(*number),
                "{}: the contents give page {number} for `{heading}`; its page:\n{page}",
                pdf.display()
            );
        }
    }
}

#[test]
fn chinese_fonts_are_declared_and_quotes_take_the_east_asian_font() {
    let (_guard, path) = example_technical_plan("docx");
    let fonts = docx_part(&path, "word/fontTable.xml");
    for (name, alt, family) in [
        ("宋体", "SimSun", "roman"),
        ("仿宋", "FangSong", "roman"),
        ("黑体", "SimHei", "modern"),
        ("楷体", "KaiTi", "script"),
    ] {
        let start = fonts
            .find(&format!(r#"<w:font w:name="{name}">"#))
            .unwrap_or_else(|| panic!("{name} is not declared: {fonts}"));
        let entry = &fonts[start..start + fonts[start..].find("</w:font>").unwrap()];
        for needle in [
            format!(r#"<w:altName w:val="{alt}" />"#),
            r#"<w:charset w:val="86" />"#.to_string(),
            format!(r#"<w:family w:val="{family}" />"#),
            "<w:panose1 w:val=\"0201".to_string(),
        ] {
            assert!(entry.contains(&needle), "{name}: {needle} in {entry}");
        }
    }

    // A run with curly quotes is hinted East Asian; a run of Latin text is not.
    let document = docx_part(&path, "word/document.xml");
    let runs: Vec<&str> = document.split("<w:r>").skip(1).collect();
    let quoted = runs
        .iter()
        .find(|r| r.contains("“青禾学堂”"))
        .expect("a run with the quoted name");
    assert!(
        quoted.contains(r#"<w:rFonts w:hint="eastAsia" />"#),
        "{quoted}"
    );
    assert!(runs
        .iter()
        .filter(|r| r.contains('“') || r.contains('”') || r.contains('。'))
        .all(|r| r.contains(r#"w:hint="eastAsia""#)));
    let latin = runs
        .iter()
        .find(|r| r.contains(">负载均衡<"))
        .expect("a run without punctuation");
    assert!(!latin.contains("w:hint"), "{latin}");

    let settings = docx_part(&path, "word/settings.xml");
    let at = |needle: &str| {
        settings
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} in {settings}"))
    };
    assert!(
        at(r#"<w:characterSpacingControl w:val="compressPunctuation" />"#)
            < at(r#"<w:updateFields w:val="true" />"#)
    );
    assert!(at("<w:updateFields") < at("<w:compat>"));
    assert!(at("<w:zoom") < at("<w:defaultTabStop"));
}

/// The marker a line of pdftotext output opens with before `head` (1. （2） ③), if any.
fn marker_before<'a>(line: &'a str, head: &str) -> Option<&'a str> {
    let (marker, _) = line.split_once(head)?;
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let is_marker = marker.strip_suffix('.').is_some_and(digits)
        || marker
            .strip_prefix('（')
            .and_then(|m| m.strip_suffix('）'))
            .is_some_and(digits)
        || matches!(marker.chars().collect::<Vec<_>>()[..], ['①'..='⑳']);
    is_marker.then_some(marker)
}

#[test]
fn libreoffice_numbers_list_items_as_the_pdf_does() {
    // List items are Word numbering in the DOCX; LibreOffice must print the markers the
    // PDF prints, right before the text (no tab or space), each list counting from 1.
    let (_guard, dir) = generate(&example_profile(), &["--only", "security_measures"]);
    let docx = dir.join("网络与信息安全保障措施.docx");
    let office = libreoffice_text(&docx, &[]);
    let office: Vec<&str> = office.lines().map(str::trim).collect();
    let ours = pdftotext_of(&docx.with_extension("pdf"));
    let ours: Vec<&str> = ours.lines().map(str::trim).collect();

    let xml = docx_part(&docx, "word/document.xml");
    let items: Vec<(String, String)> = numbering::paragraph_chunks(&xml)
        .filter_map(|p| {
            let (num, _) = numbering::paragraph_numbering(p)?;
            Some((num, docx_paragraphs_of_xml(p).concat()))
        })
        .collect();
    assert!(items.len() >= 60, "only {} numbered items", items.len());
    let (mut at_ours, mut at_office) = (0, 0);
    let mut previous_num = None;
    let mut lists = 0;
    for (num, text) in &items {
        let head: String = text.chars().take(6).collect();
        let (offset, marker) = ours[at_ours..]
            .iter()
            .enumerate()
            .find_map(|(i, line)| Some((i, marker_before(line, &head)?)))
            .unwrap_or_else(|| panic!("the PDF prints no marker before 「{head}」"));
        at_ours += offset + 1;
        assert!(!text.starts_with(marker), "the marker is text too: {text}");
        if previous_num.as_ref() != Some(num) {
            assert_eq!(marker, "1.", "the list of 「{head}」 does not start at 1");
            lists += 1;
            previous_num = Some(num.clone());
        }
        // A justified line may spread its letters; the marker still touches the text.
        let offset = office[at_office..]
            .iter()
            .position(|line| {
                line.strip_prefix(marker).is_some_and(|rest| {
                    !rest.starts_with(char::is_whitespace) && squeeze(rest).starts_with(&head)
                })
            })
            .unwrap_or_else(|| {
                panic!(
                    "LibreOffice does not print 「{marker}{head}」 after line {at_office}:\n{}",
                    office[at_office..].join("\n")
                )
            });
        at_office += offset + 1;
    }
    assert!(lists >= 10, "only {lists} lists");
}

/// LibreOffice, which breaks lines itself, keeps every domain, e-mail and IP address of the
/// profile on one line (a word joiner after each hyphen inside one, a zero-width space after
/// the 、 of a list of them). The fixture's domains fall at line ends in its business plan,
/// and its public IP addresses fill a narrow table cell. Record numbers are left out: they
/// mix Chinese and Latin, and LibreOffice breaks where the two meet whatever the text says.
#[test]
fn libreoffice_keeps_identifiers_on_one_line() {
    let profile =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/iot-platform.yaml");
    let (_guard, dir) = generate(
        &profile,
        &["--format", "docx", "--only", "business_plan,technical_plan"],
    );
    let out = tempfile::tempdir().expect("temp dir");
    let docx = [
        dir.join("业务发展和实施计划.docx"),
        dir.join("技术方案.docx"),
    ];
    let identifiers = profile_identifiers(&profile);
    let mut printed = 0;
    for pdf in libreoffice_pdfs(&docx.each_ref().map(|p| p.as_path()), out.path()) {
        let lines: Vec<String> = pdftotext(&pdf, &[]).lines().map(squeeze).collect();
        let whole = lines.concat();
        for identifier in identifiers.iter().filter(|i| i.is_ascii()) {
            let on_one_line: usize = lines
                .iter()
                .map(|l| l.matches(identifier.as_str()).count())
                .sum();
            // A hyphen at a line end is dropped from the joined text: count both spellings.
            let broken = identifier.replace('-', "");
            let anywhere = whole.matches(identifier.as_str()).count()
                + if broken != *identifier {
                    whole.matches(broken.as_str()).count()
                } else {
                    0
                };
            assert_eq!(
                on_one_line,
                anywhere,
                "{:?}: `{identifier}` is broken across lines",
                pdf.file_name().unwrap_or_default()
            );
            printed += on_one_line;
        }
    }
    assert!(printed > 10, "only {printed} identifiers printed");
}

/// The DOCX sets a figure where the PDF set it: a figure that did not fit under its
/// citation floated past the text after it in the PDF, and comes after that text in the
/// DOCX too, so LibreOffice fills the page of the citation instead of leaving it empty
/// before the figure, and prints the figure on the page after it.
#[test]
fn libreoffice_fills_the_page_before_a_floated_figure() {
    let (_guard, docx) = example_technical_plan("docx,pdf");
    let paragraphs = docx_paragraphs(&docx);
    let position = |needle: &str| {
        paragraphs
            .iter()
            .position(|p| p.contains(needle))
            .unwrap_or_else(|| panic!("no paragraph with `{needle}`"))
    };
    let (cited, caption) = (position("如图1所示"), position("图1 网络拓扑图"));
    // In the PDF the text after the citation fills its page; the DOCX has it too.
    let pdf = pdftotext(&docx.with_extension("pdf"), &[]);
    let pdf_pages: Vec<&str> = pdf.split('\u{c}').collect();
    let on = |pages: &[&str], needle: &str| {
        let needle = squeeze(needle);
        pages
            .iter()
            .position(|p| squeeze(p).contains(&needle))
            .unwrap_or_else(|| panic!("`{needle}` is on no page"))
    };
    let next = &paragraphs[cited + 1];
    assert!(
        on(&pdf_pages, next) < on(&pdf_pages, "图1 网络拓扑图"),
        "the PDF sets the figure in its place: pick a profile where it floats"
    );
    assert!(
        caption > cited + 2,
        "the DOCX sets the figure right after its citation"
    );

    let text = libreoffice_text(&docx, &[]);
    let pages: Vec<&str> = text.split('\u{c}').collect();
    let (citation_page, figure_page) = (on(&pages, "如图1所示"), on(&pages, "图1 网络拓扑图"));
    assert_eq!(
        figure_page,
        citation_page + 1,
        "LibreOffice puts the figure off"
    );
    let lines = pages[citation_page]
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count();
    assert!(
        lines >= 20,
        "the citation's page holds {lines} lines:\n{}",
        pages[citation_page]
    );
}

/// The running header is the PDF's: the company at the left margin and the document's
/// title at the right one, over a rule; LibreOffice prints them so.
#[test]
fn the_running_header_sets_company_left_and_title_right_over_a_rule() {
    let (_guard, docx) = example_technical_plan("docx");
    let header = docx_part(&docx, "word/header1.xml");
    assert!(header.contains("<w:pBdr><w:bottom"), "no rule: {header}");
    assert!(
        header.contains(r#"<w:tab w:val="right""#),
        "no right tab stop: {header}"
    );
    assert_eq!(
        docx_paragraphs_of_xml(&header),
        ["杭州青禾网络科技有限公司技术方案"],
        "{header}"
    );
    let text = libreoffice_text(&docx, &["-layout"]);
    let body_page = text.split('\u{c}').nth(2).expect("a first body page");
    let line = body_page
        .lines()
        .find(|l| l.contains("杭州青禾网络科技有限公司"))
        .expect("the header line");
    let (company, title) = (
        line.find("杭州青禾网络科技有限公司").unwrap_or(usize::MAX),
        line.rfind("技术方案").unwrap_or(0),
    );
    // Far apart: the company starts the line, the title ends it.
    let gap = line[company..title].chars().count();
    assert!(gap > 30, "company and title side by side: {line:?}");
}
