//! Pagination, keeps, front matter and table widths, checked on the layout itself.

use super::*;
use crate::document::samples::{bare, composed, heading, para, sample};
use crate::document::{Run, Table};

/// The text of each glyph run on `page`, in drawing order.
fn page_texts(page: &Page) -> Vec<String> {
    page.items
        .iter()
        .filter_map(|item| match item {
            Item::Text(run) => Some(run.glyphs.iter().map(|g| g.ch).collect()),
            _ => None,
        })
        .collect()
}

/// The index of the first page that draws a path (the test figures are paths).
fn figure_page(laid: &Layout) -> usize {
    laid.pages
        .iter()
        .position(|p| p.items.iter().any(|i| matches!(i, Item::Path(_))))
        .expect("the figure is placed")
}

#[test]
fn heading_is_never_alone_at_the_foot_of_a_page() {
    let style = StyleSheet::formal();
    for before in 10..30 {
        let mut blocks: Vec<Block> = (0..before).map(|_| para("一行。")).collect();
        blocks.push(heading(1, "一、", "标题"));
        blocks.push(para(&"正文内容。".repeat(20)));
        let doc = bare(blocks);
        let laid = typeset(&doc, &style).unwrap();
        let anchor = &laid.anchors[0];
        let below = laid.pages[anchor.page].items.iter().any(|item| {
            matches!(item, Item::Text(run)
                if run.y > anchor.y + style.body_line_pitch_pt
                    && run.y < laid.page_height - 100.0)
        });
        assert!(below, "heading alone at the foot after {before} lines");
    }
}

#[test]
fn missing_glyph_is_an_error_naming_the_character() {
    let mut doc = sample(false);
    doc.blocks.push(para("法定代表人：王𪚥先生"));
    let err = typeset(&doc, &StyleSheet::formal()).unwrap_err();
    match &err {
        TypesetError::MissingGlyph { ch, context } => {
            assert_eq!(*ch, '𪚥');
            assert!(context.contains("法定代表人"));
        }
        other => panic!("unexpected error {other}"),
    }
    assert!(err.to_string().contains("U+2A6A5"), "{err}");
}

#[test]
fn the_seal_line_never_stands_alone_on_a_page() {
    let style = StyleSheet::formal();
    for lines in 15..30 {
        let mut doc = sample(false);
        doc.blocks = (0..lines).map(|_| para("一行文字。")).collect();
        let laid = typeset(&doc, &style).unwrap();
        let last = laid.pages.last().unwrap();
        let texts = page_texts(last);
        assert!(
            texts.iter().any(|t| t.contains("一行文字")),
            "{lines} lines: the signature page has no text: {texts:?}"
        );
    }
}

#[test]
fn contents_spilling_a_few_entries_is_set_closer_on_one_page() {
    let style = StyleSheet::formal();
    let headings = |n: usize| {
        (0..n)
            .flat_map(|i| [heading(1, &format!("{}、", i + 1), "标题"), para("正文。")])
            .collect()
    };
    let doc = composed(headings(22), true);
    let laid = typeset(&doc, &style).unwrap();
    assert_eq!(laid.first_body_page, 2, "cover and one contents page");
    let doc = composed(headings(40), true);
    let laid = typeset(&doc, &style).unwrap();
    assert_eq!(laid.first_body_page, 3, "a long contents keeps its pitch");
}

#[test]
fn table_columns_go_where_they_save_lines() {
    // A column of long duties next to one long only once: the duties must not be
    // squeezed into a few characters per line.
    let cell = |t: &str| vec![Run::plain(t)];
    let table = Table {
        caption: None,
        header: ["姓名", "职务", "主要职责", "职称/学历", "联系电话"]
            .map(cell)
            .to_vec(),
        rows: [
            [
                "陈明远",
                "总经理",
                "全面负责公司经营与信息安全第一责任",
                "—",
                "13805712345",
            ],
            [
                "周航",
                "技术负责人",
                "系统架构、研发与运维",
                "高级工程师，计算机科学与技术硕士",
                "13606810023",
            ],
            [
                "林晓",
                "信息安全负责人",
                "信息安全管理、内容审核与应急处置",
                "信息安全工程师",
                "13905718899",
            ],
            [
                "赵一帆",
                "客服负责人",
                "用户服务、投诉受理",
                "—",
                "13735810456",
            ],
        ]
        .iter()
        .map(|r| r.map(cell).to_vec())
        .collect(),
        align: Vec::new(),
    };
    let doc = bare(vec![Block::Table(table)]);
    let laid = typeset(&doc, &StyleSheet::formal()).unwrap();
    // Lines of the duty column: the runs starting where the first duty starts.
    let runs: Vec<&TextRun> = laid.pages[0]
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Text(run) => Some(run),
            _ => None,
        })
        .collect();
    let text = |run: &TextRun| run.glyphs.iter().map(|g| g.ch).collect::<String>();
    let column_x = runs
        .iter()
        .find(|r| text(r).starts_with("全面负责"))
        .expect("the first duty")
        .x;
    let duty_lines = runs
        .iter()
        .filter(|r| (r.x - column_x).abs() < 0.01 && text(r) != "主要职责")
        .count();
    assert!(duty_lines <= 10, "{duty_lines} lines of duties");
}

/// A drawing `height` points tall: one filled rectangle.
fn drawing(height: f32) -> Block {
    use crate::graphics::{Color, Path, Point, Scene, Segment, Shape};
    let corner = |x: f32, y: f32| Point { x, y };
    let rect = Path {
        segments: vec![
            Segment::MoveTo(corner(0.0, 0.0)),
            Segment::LineTo(corner(400.0, 0.0)),
            Segment::LineTo(corner(400.0, height)),
            Segment::LineTo(corner(0.0, height)),
            Segment::Close,
        ],
        fill: Some(Color { r: 0, g: 0, b: 0 }),
        stroke: None,
    };
    Block::Figure(crate::document::Figure {
        caption: Some("图1 网络拓扑图".into()),
        name: "topology".into(),
        diagram: Some(Scene {
            width: 400.0,
            height,
            shapes: vec![Shape::Path(rect)],
            alt_text: String::new(),
        }),
    })
}

/// A figure that does not fit under the text before it floats to the top of the next
/// page and the text after it fills the page, instead of leaving the page half empty;
/// in a letter (no contents page) it stays in its place.
#[test]
fn a_figure_that_does_not_fit_floats_and_the_text_fills_the_page() {
    let style = StyleSheet::formal();
    let mut blocks = vec![heading(1, "一、", "网络结构")];
    blocks.extend((0..8).map(|_| para("平台网络拓扑如图1所示。")));
    blocks.push(drawing(450.0));
    blocks.extend((0..30).map(|k| para(&format!("其后第{k}段。"))));
    let laid = typeset(&composed(blocks.clone(), true), &style).unwrap();
    let text_of = |page: &Page| page_texts(page).concat();
    let before = &laid.pages[figure_page(&laid) - 1];
    assert!(text_of(before).contains("其后第0段"), "{}", text_of(before));
    let lowest = before
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(run) if run.y < laid.page_height - 80.0 => Some(run.y),
            _ => None,
        })
        .fold(0.0f32, f32::max);
    let bottom = laid.page_height - crate::style::mm_to_pt(style.margin_bottom_mm);
    assert!(
        lowest > bottom - 2.0 * style.body_line_pitch_pt,
        "the page before the figure ends at {lowest:.0} of {bottom:.0}"
    );

    // In a letter the figure keeps its place: nothing after it comes before it.
    let letter = typeset(&bare(blocks), &style).unwrap();
    let earlier: String = letter.pages[..figure_page(&letter)]
        .iter()
        .map(text_of)
        .collect();
    assert!(!earlier.contains("其后"), "{earlier}");
}

/// A figure waits for no more than the page it is cited on: a long paragraph that runs
/// on past that page's end is split by the figure, which takes the top of the next page,
/// instead of pushing the figure a page further.
#[test]
fn a_floating_figure_lands_on_the_next_page_even_inside_a_paragraph() {
    let style = StyleSheet::formal();
    let mut blocks = vec![heading(1, "一、", "网络结构")];
    blocks.extend((0..8).map(|_| para("平台网络拓扑如图1所示。")));
    blocks.push(drawing(500.0));
    blocks.push(para(&"平台的各项服务持续稳定运行。".repeat(90)));
    let laid = typeset(&composed(blocks, true), &style).unwrap();
    let has_text = |page: &Page, needle: &str| page_texts(page).iter().any(|t| t.contains(needle));
    let cited = laid
        .pages
        .iter()
        .position(|p| has_text(p, "如图1所示"))
        .expect("the citation is set");
    let figure = figure_page(&laid);
    assert_eq!(
        figure,
        cited + 1,
        "the figure is put off past the next page"
    );
    assert!(
        has_text(&laid.pages[cited], "持续稳定"),
        "the paragraph starts before it"
    );
    assert!(
        has_text(&laid.pages[figure], "持续稳定"),
        "and goes on after it"
    );
}

/// An address too long for any column is broken where a reader expects (after a hyphen
/// or a dot), and only it: the phone number beside it keeps its column, not a share of a
/// table scaled down as a whole.
#[test]
fn only_the_address_too_long_for_a_column_is_broken() {
    let cell = |t: &str| vec![Run::plain(t)];
    let email = "xubowen@ningbo-coastal-birdwatch-community.com.cn";
    let table = Table {
        caption: None,
        header: ["姓名", "职务", "手机", "电子邮箱"].map(cell).to_vec(),
        rows: vec![["徐博文", "技术负责人（兼安全）", "15990281176", email]
            .map(cell)
            .to_vec()],
        align: Vec::new(),
    };
    let laid = typeset(&bare(vec![Block::Table(table)]), &StyleSheet::formal()).unwrap();
    let texts = page_texts(&laid.pages[0]);
    assert!(texts.iter().any(|t| t == "15990281176"), "{texts:?}");
    let pieces: Vec<&String> = texts
        .iter()
        .filter(|t| email.contains(t.as_str()))
        .collect();
    assert!(pieces.len() > 1, "the address fits after all: {texts:?}");
    assert_eq!(pieces.iter().map(|t| t.as_str()).collect::<String>(), email);
    for piece in &pieces[..pieces.len() - 1] {
        assert!(
            piece.ends_with(['-', '.', '@']),
            "cut inside a word: {texts:?}"
        );
    }
}
