//! The network topology diagram in the technical plan: present in both formats (a PNG
//! picture in the DOCX, vector paths and real text in the PDF), drawn from the profile.

mod common;

use icp_docs::document::Block;
use icp_docs::graphics::{Scene, Shape};
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

// Many servers in one tier: the figure wraps or groups them and stays inside its zones,
// its frame and a page.

/// The example's application servers, as its profile lists them.
const APP_SERVERS: &str = "    - { role: 应用服务器, model: 云服务器 ECS g7, count: 2, cpu: 8 核, memory_gb: 32, disk_gb: 200, os: Alibaba Cloud Linux 3, software: \"OpenJDK 17、Spring Boot 3\" }\n";

/// Thirty services of a platform, each on its own instance.
const SERVICES: &str =
    "用户中心 订单 支付结算 商品目录 库存 购物车 商品检索 推荐 评价 优惠券 消息推送 \
    短信通知 会员积分 物流跟踪 售后工单 内容审核 直播 课程 题库 考试 作业批改 报表 数据同步 权限 \
    开放平台 定时任务 营销活动 文件转码 风控 客服";

fn services() -> Vec<&'static str> {
    SERVICES.split_whitespace().collect()
}

/// The example with its application servers listed as `n` lines of one instance each,
/// as a cloud console exports them: alike (`distinct` false) or one per service.
fn application_servers(n: usize, distinct: bool) -> (tempfile::TempDir, std::path::PathBuf) {
    let services = services();
    assert!(n <= services.len());
    let lines: String = (0..n)
        .map(|i| {
            let role = if distinct {
                format!("{}服务器, tier: application", services[i])
            } else {
                "应用服务器".to_string()
            };
            format!(
                "    - {{ role: {role}, model: 云服务器 ECS g7, count: 1, cpu: 8 核, memory_gb: 32, \
                 disk_gb: 200, os: Alibaba Cloud Linux 3, software: \"OpenJDK 17、Spring Boot 3\" }}\n"
            )
        })
        .collect();
    modified_example(&[(APP_SERVERS, &lines)])
}

/// (left, top, right, bottom).
type Bounds = (f32, f32, f32, f32);

/// The figure as a reader sees it: boxes (closed, filled, solid outline) with the labels
/// printed in them, zones (dashed outline) with their titles, and the frame (the one
/// outline drawn without a fill).
struct Drawn {
    boxes: Vec<(Bounds, Vec<String>)>,
    zones: Vec<(Bounds, String)>,
    frame: Bounds,
}

fn bounds(path: &icp_docs::graphics::Path) -> Bounds {
    path.points().fold(
        (
            f32::INFINITY,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NEG_INFINITY,
        ),
        |(l, t, r, b), p| (l.min(p.x), t.min(p.y), r.max(p.x), b.max(p.y)),
    )
}

fn inside(inner: Bounds, outer: Bounds) -> bool {
    inner.0 >= outer.0 - 0.01
        && inner.1 >= outer.1 - 0.01
        && inner.2 <= outer.2 + 0.01
        && inner.3 <= outer.3 + 0.01
}

fn intersect(a: Bounds, b: Bounds) -> bool {
    a.0 < b.2 - 0.01 && b.0 < a.2 - 0.01 && a.1 < b.3 - 0.01 && b.1 < a.3 - 0.01
}

fn drawn(scene: &Scene) -> Drawn {
    let mut boxes = Vec::new();
    let mut zones = Vec::new();
    let mut frames = Vec::new();
    for shape in &scene.shapes {
        let Shape::Path(path) = shape else { continue };
        if !path.is_closed() {
            continue;
        }
        match (&path.fill, &path.stroke) {
            (_, Some(stroke)) if stroke.dash.is_some() => zones.push((bounds(path), String::new())),
            (Some(_), Some(_)) => boxes.push((bounds(path), Vec::new())),
            (None, Some(_)) => frames.push(bounds(path)),
            _ => {}
        }
    }
    // A label belongs to the box it is printed in; a zone's title is its topmost label
    // outside any box.
    let mut zone_titles: Vec<Option<(f32, String)>> = vec![None; zones.len()];
    for shape in &scene.shapes {
        let Shape::Text(label) = shape else { continue };
        let (x, y) = (label.x + label.width / 2.0, label.y);
        let at = |b: &Bounds| x > b.0 && x < b.2 && y > b.1 && y < b.3;
        if let Some((_, texts)) = boxes.iter_mut().rev().find(|(b, _)| at(b)) {
            texts.push(label.text.clone());
        } else if let Some(i) = zones.iter().position(|(b, _)| at(b)) {
            if zone_titles[i].as_ref().is_none_or(|(top, _)| y < *top) {
                zone_titles[i] = Some((y, label.text.clone()));
            }
        }
    }
    for ((_, title), found) in zones.iter_mut().zip(zone_titles) {
        *title = found.map(|(_, t)| t).unwrap_or_default();
    }
    assert_eq!(frames.len(), 1, "one frame: {frames:?}");
    Drawn {
        boxes,
        zones,
        frame: frames[0],
    }
}

/// No box on another, every box of the data centre inside one zone, zones inside the
/// frame, everything inside the figure, and the figure as wide as the text and no taller
/// than the page's text block, or at most shrunk to `min_scale` to fit it (the writers
/// shrink a taller figure to the page, and its labels with it).
fn assert_fits(scene: &Scene, min_scale: f32) -> Drawn {
    let d = drawn(scene);
    let style = StyleSheet::formal();
    assert!(
        (scene.width - style.text_width_pt()).abs() < 0.01,
        "width {}",
        scene.width
    );
    let page = icp_docs::style::mm_to_pt(
        style.page_height_mm - style.margin_top_mm - style.margin_bottom_mm,
    );
    let scale = (page / scene.height).min(1.0);
    assert!(
        scale >= min_scale,
        "the figure is {} pt tall, the page holds {page}",
        scene.height
    );
    let figure = (0.0, 0.0, scene.width, scene.height);
    for shape in &scene.shapes {
        match shape {
            Shape::Path(p) => assert!(inside(bounds(p), figure), "{:?} outside", bounds(p)),
            Shape::Text(l) => assert!(
                inside((l.x, l.y - l.size, l.x + l.width, l.y), figure),
                "`{}` outside",
                l.text
            ),
        }
    }
    for (i, (a, la)) in d.boxes.iter().enumerate() {
        for (b, lb) in &d.boxes[i + 1..] {
            assert!(!intersect(*a, *b), "{la:?} {a:?} overlaps {lb:?} {b:?}");
        }
    }
    for (zone, title) in &d.zones {
        assert!(inside(*zone, d.frame), "zone {title} crosses the frame");
        assert!(!title.is_empty(), "a zone without a title at {zone:?}");
    }
    for (b, labels) in &d.boxes {
        let within: Vec<&String> = d
            .zones
            .iter()
            .filter(|(z, _)| inside(*b, *z))
            .map(|(_, t)| t)
            .collect();
        let touched = d.zones.iter().filter(|(z, _)| intersect(*b, *z)).count();
        if intersect(*b, d.frame) {
            assert_eq!(
                within.len(),
                1,
                "{labels:?} {b:?} is in no zone, or crosses one"
            );
        } else {
            assert_eq!(touched, 0, "{labels:?} {b:?} crosses a zone");
        }
    }
    d
}

/// The boxes whose labels include `text`, with the title of the zone each lies in.
fn boxes_labelled<'d>(d: &'d Drawn, text: &str) -> Vec<(&'d [String], &'d str)> {
    d.boxes
        .iter()
        .filter(|(_, labels)| labels.iter().any(|l| l.contains(text)))
        .map(|(b, labels)| {
            let zone = d
                .zones
                .iter()
                .find(|(z, _)| inside(*b, *z))
                .map_or("", |(_, t)| t.as_str());
            (labels.as_slice(), zone)
        })
        .collect()
}

fn topology_scene(path: &Path) -> Scene {
    technical_plan(path)
        .document
        .blocks
        .into_iter()
        .find_map(|b| match b {
            Block::Figure(f) => f.diagram,
            _ => None,
        })
        .expect("the technical plan draws its topology figure")
}

#[test]
fn one_application_server_is_one_box_in_its_zone() {
    let (_guard, path) = application_servers(1, false);
    let d = assert_fits(&topology_scene(&path), 1.0);
    assert_eq!(
        boxes_labelled(&d, "应用服务器"),
        [(
            &["应用服务器".to_string(), "云服务器 ECS g7".to_string()][..],
            "应用服务区"
        )]
    );
}

#[test]
fn alike_servers_are_one_box_with_their_count() {
    for n in [9, 30] {
        let (_guard, path) = application_servers(n, false);
        let d = assert_fits(&topology_scene(&path), 1.0);
        let title = format!("应用服务器 ×{n}");
        assert_eq!(
            boxes_labelled(&d, "应用服务器"),
            [(&[title, "云服务器 ECS g7".to_string()][..], "应用服务区")],
            "{n} alike servers"
        );
    }
}

#[test]
fn thirty_different_servers_wrap_into_lines_inside_their_zone() {
    let (_guard, path) = application_servers(30, true);
    let scene = topology_scene(&path);
    let d = assert_fits(&scene, 0.8);
    // Each service is one box of its own in the application zone; the model they share
    // is printed once under them, not in each box.
    let mut tops: Vec<i32> = Vec::new();
    for service in services() {
        let name = format!("{service}服务器");
        let found: Vec<_> = d
            .boxes
            .iter()
            .filter(|(_, labels)| labels.concat() == name)
            .collect();
        assert_eq!(found.len(), 1, "one box for {name}");
        let (b, _) = found[0];
        assert!(
            d.zones
                .iter()
                .any(|(z, t)| t == "应用服务区" && inside(*b, *z)),
            "{name} is not in 应用服务区"
        );
        tops.push(b.1.round() as i32);
    }
    tops.sort_unstable();
    tops.dedup();
    assert!(tops.len() >= 4, "30 boxes on {} lines", tops.len());
    let models = scene.labels().filter(|l| *l == "云服务器 ECS g7").count();
    assert_eq!(
        models, 2,
        "in the Web servers' box, and once under the thirty"
    );
}

#[test]
fn the_group_count_is_text_in_the_generated_pdf() {
    let (guard, path) = application_servers(9, false);
    let out = guard.path().join("out");
    let run = common::run(&[
        "generate",
        path.to_str().expect("a UTF-8 path"),
        "--province",
        "zhejiang",
        "--out",
        out.to_str().expect("a UTF-8 path"),
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let plan = walk(&out)
        .into_iter()
        .find(|p| p.file_name().is_some_and(|n| n == "技术方案.pdf"))
        .expect("技术方案.pdf is written");
    let text = common::pdftotext(&plan, &[]);
    assert!(
        text.contains("应用服务器 ×9"),
        "pdftotext lacks 应用服务器 ×9"
    );
    assert!(!text.contains("应用服务器 ×2"));
}

/// A label wraps between words, never inside a model name: no two lines of a box join
/// into a Latin word the profile writes (「FusionServ」⏎「er」), on the examples and on a
/// fixture whose tiers hold many narrow boxes.
#[test]
fn labels_never_cut_a_model_name() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut joins = 0;
    for profile in [
        root.join("profiles/example.yaml"),
        root.join("tests/fixtures/large-media.yaml"),
        root.join("tests/fixtures/iot-platform.yaml"),
    ] {
        let text = std::fs::read_to_string(&profile).expect("the profile reads");
        let d = drawn(&topology_scene(&profile));
        for (_, labels) in &d.boxes {
            for pair in labels.windows(2) {
                let tail = pair[0].rsplit(|c: char| !c.is_ascii_alphanumeric()).next();
                let head = pair[1].split(|c: char| !c.is_ascii_alphanumeric()).next();
                let (Some(tail), Some(head)) = (tail, head) else {
                    continue;
                };
                if tail.is_empty() || head.is_empty() {
                    continue;
                }
                joins += 1;
                assert!(
                    !text.contains(&format!("{tail}{head}")),
                    "{:?}: `{tail}` ⏎ `{head}` cuts a word in {labels:?}",
                    profile.file_name().unwrap_or_default()
                );
            }
        }
    }
    // Lines that end and start with Latin text (2288H ⏎ V6 …) were looked at.
    assert!(joins > 0, "no box wraps between two Latin words");
}

/// Every file under `dir`.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}
