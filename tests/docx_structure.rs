//! The DOCX parts as Word's strict reader takes them: property elements with their children
//! in the schema's order, the paragraph style first, no page break just before a section
//! break (Word shows a blank page there).

mod common;

use std::path::Path;

use common::*;
use quick_xml::events::Event;

/// The schema's sequences (ECMA-376 Part 1, wml.xsd) of the elements checked.
const PPR: &str = "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr \
    suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct \
    topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind \
    contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment \
    textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange";
const RPR: &str = "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow \
    emboss imprint noProof snapToGrid vanish webHidden color spacing w kern position sz szCs \
    highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath";
const STYLE: &str = "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden \
    unhideWhenUsed qFormat locked personal personalCompose personalReply rsid pPr rPr tblPr \
    trPr tcPr tblStylePr";
const NUMPR: &str = "ilvl numId numberingChange ins";
const LVL: &str = "start numFmt lvlRestart pStyle isLgl suff lvlText lvlPicBulletId legacy lvlJc \
    pPr rPr";
/// Header and footer references form one choice group: they share a place.
const SECTPR: &str = "headerReference|footerReference footnotePr endnotePr type pgSz pgMar \
    paperSrc pgBorders lnNumType pgNumType cols formProt vAlign noEndnote titlePg \
    textDirection bidi rtlGutter docGrid printerSettings";
const TCPR: &str = "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar \
    textDirection tcFitText vAlign hideMark";

/// The place of `child` (a `w:` name) in `sequence`, or `None` if the schema has no place
/// for it there.
fn place(sequence: &str, child: &str) -> Option<usize> {
    let local = child.strip_prefix("w:")?;
    sequence
        .split_whitespace()
        .position(|names| names.split('|').any(|n| n == local))
}

/// Every element of `xml` with the names of its child elements, in document order.
fn elements_with_children(xml: &str) -> Vec<(String, Vec<String>)> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut open: Vec<(String, Vec<String>)> = Vec::new();
    let mut done = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(tag) => {
                let name = String::from_utf8_lossy(tag.name().as_ref()).into_owned();
                if let Some(parent) = open.last_mut() {
                    parent.1.push(name.clone());
                }
                open.push((name, Vec::new()));
            }
            Event::Empty(tag) => {
                let name = String::from_utf8_lossy(tag.name().as_ref()).into_owned();
                if let Some(parent) = open.last_mut() {
                    parent.1.push(name.clone());
                }
                done.push((name, Vec::new()));
            }
            Event::End(_) => done.push(open.pop().expect("balanced")),
            Event::Eof => break,
            _ => {}
        }
    }
    done
}

/// Asserts that the children of every pPr, rPr, style, sectPr, tcPr, numPr and lvl of
/// `xml` are known to the schema there and in its order, that a pPr opens with its style,
/// and that no rPr is empty.
fn assert_schema_order(xml: &str, what: &str) {
    let mut checked = 0;
    for (element, children) in elements_with_children(xml) {
        let sequence = match element.as_str() {
            "w:pPr" => PPR,
            "w:rPr" => RPR,
            "w:style" => STYLE,
            "w:sectPr" => SECTPR,
            "w:tcPr" => TCPR,
            "w:numPr" => NUMPR,
            "w:lvl" => LVL,
            _ => continue,
        };
        checked += 1;
        let places: Vec<usize> = children
            .iter()
            .map(|c| {
                place(sequence, c)
                    .unwrap_or_else(|| panic!("{what}: {element} has a child {c} out of schema"))
            })
            .collect();
        assert!(
            places.windows(2).all(|w| w[0] <= w[1]),
            "{what}: {element} children out of order: {children:?}"
        );
        if element == "w:pPr" && children.iter().any(|c| c == "w:pStyle") {
            assert_eq!(children[0], "w:pStyle", "{what}: {children:?}");
        }
        if element == "w:rPr" {
            assert!(!children.is_empty(), "{what}: an empty w:rPr");
        }
    }
    assert!(checked > 10, "{what}: only {checked} property elements");
}

/// Asserts that no section break follows a page break with nothing printed between them:
/// each paragraph as (prints text, ends in a page break, carries a section break).
fn assert_no_page_break_before_section_break(document: &str, what: &str) {
    let paragraphs: Vec<(bool, bool, bool)> = document
        .split("</w:p>")
        .map(|p| {
            let after_break = p.rsplit_once(r#"<w:br w:type="page""#).map(|(_, a)| a);
            (
                p.contains("<w:t"),
                after_break.is_some_and(|a| !a.contains("<w:t")),
                p.contains("<w:sectPr"),
            )
        })
        .collect();
    for (i, &(text, page_break, section)) in paragraphs.iter().enumerate() {
        if !section {
            continue;
        }
        assert!(
            !page_break,
            "{what}: paragraph {i} breaks the page, then the section"
        );
        let previous_breaks = i > 0 && paragraphs[i - 1].1;
        assert!(
            text || !previous_breaks,
            "{what}: an empty paragraph with a section break follows a page break"
        );
    }
    assert!(paragraphs.iter().any(|p| p.2), "{what}: no section break");
}

fn check_package(path: &Path) {
    let what = path.file_name().unwrap().to_string_lossy().into_owned();
    let document = docx_part(path, "word/document.xml");
    assert_schema_order(&document, &format!("{what} document.xml"));
    for part in ["styles", "numbering"] {
        assert_schema_order(
            &docx_part(path, &format!("word/{part}.xml")),
            &format!("{what} {part}.xml"),
        );
    }
    assert_no_page_break_before_section_break(&document, &what);
}

#[test]
fn properties_are_in_schema_order_and_sections_break_once() {
    let (_guard, dir) = generate(&example_profile(), &["--format", "docx"]);
    for name in [
        "技术方案.docx",
        "业务发展和实施计划.docx",
        "网络与信息安全保障措施.docx",
        "依法经营电信业务承诺书.docx",
        "在线填报信息表.docx",
        "股权结构图.docx",
    ] {
        check_package(&dir.join(name));
    }
    // Header and footer are stories too.
    let plan = dir.join("技术方案.docx");
    for part in ["word/header1.xml", "word/footer1.xml"] {
        let xml = docx_part(&plan, part);
        for (element, children) in elements_with_children(&xml) {
            if element == "w:pPr" {
                assert_eq!(
                    children.first().map(String::as_str),
                    Some("w:pStyle"),
                    "{part}"
                );
            }
        }
    }
}

#[test]
fn the_body_starts_on_the_page_after_the_contents() {
    // With LibreOffice: cover, contents, then the body's first page numbered 1 — no blank
    // page between the contents and the body.
    let (_guard, dir) = generate(
        &example_profile(),
        &["--format", "docx", "--only", "technical_plan"],
    );
    let out = tempfile::tempdir().expect("temp dir");
    let pdfs = libreoffice_pdfs(&[dir.join("技术方案.docx").as_path()], out.path());
    let text = pdftotext(&pdfs[0], &["-layout"]);
    let pages: Vec<String> = text.split('\u{c}').map(squeeze).collect();
    assert!(pages[0].contains("申请单位"), "page 1 is the cover");
    assert!(pages[1].contains("目录"), "page 2 is the contents");
    assert!(pages[2].contains("一、系统概述"), "page 3 opens the body");
    assert!(pages[2].contains("—1—"), "and is numbered 1: {}", pages[2]);
}

#[test]
fn libreoffice_breaks_no_server_model_name_in_the_equipment_table() {
    // The DOCX's tables have the PDF's column widths, fixed, so LibreOffice prints every
    // occurrence of these model words whole, as the PDF does. (Checked by name: a model
    // word whose column the PDF fills to the last point, such as NF5468M6, still breaks
    // where no Times-metric face is installed and LibreOffice sets the Latin text in the
    // wider DejaVu Serif.)
    let profile = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/large-media.yaml");
    let (_guard, dir) = generate(&profile, &["--format", "docx", "--only", "technical_plan"]);
    let docx = dir.join("技术方案.docx");
    let document = docx_part(&docx, "word/document.xml");
    assert!(document.contains(r#"<w:tblLayout w:type="fixed" />"#));
    let written = docx_paragraphs(&docx).join("\n");
    assert!(written.contains("主要设备清单"), "no equipment table");
    let out = tempfile::tempdir().expect("temp dir");
    let office = pdftotext(&libreoffice_pdfs(&[docx.as_path()], out.path())[0], &[]);
    for word in [
        "FusionServer",
        "CloudEngine",
        "NetEngine",
        "OceanStor",
        "TopIDP",
    ] {
        let ours = written.matches(word).count();
        let theirs = office.matches(word).count();
        assert!(ours >= 2, "`{word}` is in the DOCX {ours} times");
        assert!(
            theirs >= ours,
            "LibreOffice prints `{word}` whole {theirs} times of {ours}:\n{office}"
        );
    }
}
