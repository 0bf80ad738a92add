//! The network topology diagram in the technical plan: present in both formats (a PNG
//! picture in the DOCX, vector paths and real text in the PDF), drawn from the profile.

mod common;

use icp_docs::document::Block;
use icp_docs::style::StyleSheet;
use icp_docs::{Composed, Format, Pipeline};
use std::io::Read;
use std::path::Path;

fn pipeline() -> &'static Pipeline {
    static PIPELINE: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::new(None).expect("templates"))
}

/// The technical plan of the profile at `path`, rendered into the document model.
fn technical_plan(path: &Path) -> Composed {
    let application = pipeline().prepare(path, None).expect("the profile checks");
    let only = ["technical_plan".to_string()];
    let mut docs = pipeline()
        .documents(&application, Some(&only))
        .expect("documents render");
    docs.remove(0)
}

/// The example profile with some text replaced, written to a temporary file.
fn modified_example(replacements: &[(&str, &str)]) -> (tempfile::TempDir, std::path::PathBuf) {
    let mut text = std::fs::read_to_string(common::example_profile()).unwrap();
    for (from, to) in replacements {
        assert!(text.contains(from), "the example has no `{from}`");
        text = text.replace(from, to);
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("modified.yaml");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

fn docx_bytes(doc: &Composed) -> Vec<u8> {
    common::write(pipeline(), doc, Format::Docx, &StyleSheet::formal())
}

fn pdf_bytes(doc: &Composed, style: &StyleSheet) -> Vec<u8> {
    common::write(pipeline(), doc, Format::Pdf, style)
}

/// Every entry of a DOCX package: name and bytes.
fn zip_entries(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            entry.read_to_end(&mut data).unwrap();
            (entry.name().to_string(), data)
        })
        .collect()
}

fn entry<'a>(entries: &'a [(String, Vec<u8>)], name: &str) -> &'a [u8] {
    &entries
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no part {name}"))
        .1
}

/// Text of each PDF page, whitespace removed, and each page's decoded content operators.
fn pdf_pages(pdf: &[u8]) -> Vec<(String, Vec<String>)> {
    let doc = lopdf::Document::load_mem(pdf).expect("the PDF parses");
    doc.get_pages()
        .into_iter()
        .map(|(number, id)| {
            let text: String = doc
                .extract_text(&[number])
                .unwrap_or_default()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            let content = doc.get_page_content(id);
            let ops = lopdf::content::Content::decode(&content)
                .map(|c| c.operations.into_iter().map(|op| op.operator).collect())
                .unwrap_or_default();
            (text, ops)
        })
        .collect()
}

/// The page that carries the figure's caption.
fn figure_page(pdf: &[u8]) -> (String, Vec<String>) {
    pdf_pages(pdf)
        .into_iter()
        .find(|(text, _)| text.contains("图1网络拓扑图"))
        .expect("a page with the caption 图1 网络拓扑图")
}

#[test]
fn the_technical_plan_has_a_numbered_topology_figure() {
    let doc = technical_plan(&common::example_profile());
    let figures: Vec<_> = doc
        .document
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Figure(f) => Some(f),
            _ => None,
        })
        .collect();
    assert_eq!(figures.len(), 1);
    assert_eq!(figures[0].caption.as_deref(), Some("图1 网络拓扑图"));
    let diagram = figures[0].diagram.as_ref().expect("the figure is drawn");
    assert!(diagram.labels().any(|l| l == "杭州星垣数据服务有限公司"));
}

#[test]
fn docx_embeds_the_diagram_as_a_png_picture_with_its_caption() {
    let doc = technical_plan(&common::example_profile());
    let entries = zip_entries(&docx_bytes(&doc));
    let media: Vec<&(String, Vec<u8>)> = entries
        .iter()
        .filter(|(n, _)| n.starts_with("word/media/"))
        .collect();
    assert_eq!(media.len(), 1, "one picture");
    assert_eq!(media[0].0, "word/media/rIdImage1.png");
    let png = &media[0].1;
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    // IHDR: width and height, big-endian, at bytes 16..24. ~150 dpi over the text width.
    let width = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
    let height = u32::from_be_bytes([png[20], png[21], png[22], png[23]]);
    assert!((880..=960).contains(&width), "width {width} px");
    assert!(height > 600, "height {height} px");

    let types = String::from_utf8_lossy(entry(&entries, "[Content_Types].xml")).into_owned();
    assert!(types.contains(r#"Extension="png""#), "{types}");
    let rels =
        String::from_utf8_lossy(entry(&entries, "word/_rels/document.xml.rels")).into_owned();
    assert!(
        rels.contains(r#"Id="rIdImage1""#) && rels.contains("media/rIdImage1.png"),
        "{rels}"
    );

    let xml = String::from_utf8_lossy(entry(&entries, "word/document.xml")).into_owned();
    let drawing = xml.find("<w:drawing>").expect("a drawing in the body");
    assert!(xml.contains(r#"r:embed="rIdImage1""#));
    assert!(xml.contains(
        r#"<wp:docPr id="1" name="图1" descr="网络拓扑图：用户 → 互联网 → 杭州星垣数据服务有限公司"#
    ));
    // Inline, as wide as the text block (156 mm = 442.2 pt = 5,616,000 EMU).
    let extent = &xml[drawing..];
    let cx: u64 = extent[extent.find(r#"<wp:extent cx=""#).unwrap() + 15..]
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!((5_600_000..=5_630_000).contains(&cx), "extent {cx}");
    // The caption paragraph follows the picture.
    let caption = xml.find("图1 网络拓扑图").expect("caption");
    assert!(caption > drawing);
    let paragraph_start = xml[..caption].rfind("<w:p ").unwrap_or(0);
    assert!(xml[paragraph_start..caption].contains(r#"w:pStyle w:val="Caption""#));
}

#[test]
fn pdf_draws_the_diagram_as_vector_paths_with_real_text() {
    let doc = technical_plan(&common::example_profile());
    for style in [StyleSheet::formal(), StyleSheet::compact()] {
        let pdf = pdf_bytes(&doc, &style);
        let (text, ops) = figure_page(&pdf);
        let count = |op: &str| ops.iter().filter(|o| o.as_str() == op).count();
        // Boxes and the cloud are Bézier-cornered filled shapes; connectors are stroked.
        assert!(count("c") >= 40, "{} curves", count("c"));
        assert!(count("l") >= 40, "{} line segments", count("l"));
        assert!(count("B") + count("b") + count("f") >= 15, "filled shapes");
        assert!(count("S") >= 10, "stroked lines");
        assert!(count("d") >= 1, "dashed lines");
        for label in [
            "用户",
            "互联网",
            "杭州星垣数据服务有限公司",
            "接入带宽100Mbps",
            "203.0.113.18",
            "DDoS基础防护",
            "云防火墙",
            "Web应用防火墙",
            "负载均衡",
            "Web服务器×2",
            "应用服务器×2",
            "数据库服务器",
            "缓存服务器",
            "对象存储",
            "堡垒机",
            "数据备份",
            "异地备份",
        ] {
            assert!(
                text.contains(label),
                "`{label}` not on the figure's page ({})",
                style.name
            );
        }
    }
}

#[test]
fn pdftotext_reads_the_labels() {
    let doc = technical_plan(&common::example_profile());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.pdf");
    std::fs::write(&path, pdf_bytes(&doc, &StyleSheet::formal())).unwrap();
    let text = common::pdftotext(&path, &[]);
    for label in [
        "互联网接入区",
        "运维管理区",
        "Web 服务器 ×2",
        "浙江省杭州市 · 公有云",
    ] {
        assert!(text.contains(label), "pdftotext lacks `{label}`");
    }
}

#[test]
fn labels_follow_the_profile_in_both_formats() {
    let (_guard, path) = modified_example(&[
        ("杭州星垣数据服务有限公司", "宁波澜舟云计算有限公司"),
        (
            "role: 缓存服务器, model: 云数据库 Redis 7.0, count: 1",
            "role: 会话缓存集群, model: 云数据库 Redis 7.0, count: 3",
        ),
    ]);
    let doc = technical_plan(&path);

    // PDF: the new names are labels of the drawing (the header line under the provider
    // and the count suffix exist only in the diagram).
    let pdf = pdf_bytes(&doc, &StyleSheet::formal());
    let (text, _) = figure_page(&pdf);
    assert!(
        text.contains("宁波澜舟云计算有限公司浙江省杭州市·公有云"),
        "{text}"
    );
    assert!(text.contains("会话缓存集群×3"), "{text}");
    assert!(!text.contains("杭州星垣"));

    // DOCX: the picture changed, and its description names them.
    let entries = zip_entries(&docx_bytes(&doc));
    let original = zip_entries(&docx_bytes(&technical_plan(&common::example_profile())));
    let png = entry(&entries, "word/media/rIdImage1.png");
    assert_ne!(png, entry(&original, "word/media/rIdImage1.png"));
    let xml = String::from_utf8_lossy(entry(&entries, "word/document.xml")).into_owned();
    let descr_at = xml.find("descr=\"").expect("a picture description");
    let descr = &xml[descr_at..descr_at + xml[descr_at + 7..].find('"').unwrap() + 7];
    assert!(
        descr.contains("宁波澜舟云计算有限公司（浙江省杭州市 · 公有云）"),
        "{descr}"
    );
    assert!(descr.contains("会话缓存集群 ×3"), "{descr}");
}

#[test]
fn docx_with_a_figure_is_byte_identical_across_documents_in_one_process() {
    let plan = technical_plan(&common::example_profile());
    let first = docx_bytes(&plan);
    // Other pictures made in between must not shift the ids.
    let (_guard, other) =
        modified_example(&[("杭州星垣数据服务有限公司", "宁波澜舟云计算有限公司")]);
    let _ = docx_bytes(&technical_plan(&other));
    let second = docx_bytes(&plan);
    assert!(first == second, "the DOCX changed between two writes");
    let pdf_a = pdf_bytes(&plan, &StyleSheet::formal());
    let pdf_b = pdf_bytes(&plan, &StyleSheet::formal());
    assert!(pdf_a == pdf_b, "the PDF changed between two writes");
}
