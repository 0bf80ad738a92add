//! PDF writer: a small Chinese typesetting engine that writes the PDF itself.
//!
//! We lay out text ourselves (line breaking with 禁则, justification, tables, pagination,
//! contents page) because general PDF libraries lay out HTML-like text and know nothing
//! of Chinese line-breaking rules or of the grid a formal document is set on. We also
//! write the pages and fonts ourselves (on lopdf's object model): content streams with
//! one text operator per line, and fonts as desubroutinized CFF subsets, which is what
//! keeps a 30-page document under 300 KB and its writing in milliseconds.

mod cff;
mod content;
mod fonts;
mod layout;
pub(crate) mod linebreak;
mod render;

pub(crate) use fonts::embedded_bytes as fonts_embedded_bytes;
pub use fonts::PdfFonts;

use crate::document::Document;
use crate::style::StyleSheet;

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The text uses a character the embedded fonts cannot print; writing it would show
    /// an empty box, so the document is refused instead.
    #[error(
        "the PDF fonts have no glyph for “{ch}” (U+{code:04X}), in “{context}”; \
         replace or remove this character",
        code = u32::from(*.ch)
    )]
    MissingGlyph { ch: char, context: String },
    #[error("PDF font: {0}")]
    Font(String),
    #[error("cannot write the PDF: {0}")]
    Write(String),
}

/// Whether the PDF writer can print `ch`: every embedded face has a glyph for it (they
/// cover the same characters), or the layout drops it as invisible (a zero-width space, a
/// soft hyphen). `check` asks this of every character of the profile, so that it refuses
/// exactly what the writer would.
pub fn can_print(ch: char) -> bool {
    if ch == '\t' || layout::is_invisible(ch) {
        return true;
    }
    // Printable ASCII is in every face (a test keeps it so); anything else is looked up in
    // the cmaps alone: `check` must not pay for parsing the fonts' outlines.
    if (' '..='~').contains(&ch) {
        return true;
    }
    fonts::cmaps()
        .iter()
        .all(|face| face.glyph_index(ch).is_some_and(|g| g.0 != 0))
}

/// Lays out `doc` with `style` and returns the bytes of the PDF file.
///
/// The output depends only on the arguments (and `SOURCE_DATE_EPOCH`, which overrides
/// the file date), so the same input always gives the same bytes.
pub fn write_pdf(
    doc: &Document,
    style: &StyleSheet,
    fonts: &PdfFonts,
) -> Result<Vec<u8>, PdfError> {
    write_pdf_with_pages(doc, style, fonts).map(|(bytes, _)| bytes)
}

/// Like [`write_pdf`], and also returns the printed page number of every heading, in
/// document order, so the DOCX table of contents can show the same numbers.
pub fn write_pdf_with_pages(
    doc: &Document,
    style: &StyleSheet,
    fonts: &PdfFonts,
) -> Result<(Vec<u8>, Vec<u32>), PdfError> {
    let laid = layout::lay_out(doc, style, fonts)?;
    let pages = laid
        .anchors
        .iter()
        .map(|a| u32::try_from(a.page.saturating_sub(laid.first_body_page) + 1).unwrap_or(0))
        .collect();
    let bytes = render::render(&laid, doc, fonts)?;
    Ok((bytes, pages))
}

/// Text of each page of a PDF we wrote, for tests: proves the text is extractable
/// (ToUnicode maps present) and lets tests check what landed on which page.
#[cfg(test)]
pub(crate) fn extract_text(pdf: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(pdf).expect("a PDF we wrote parses");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    pages
        .iter()
        .map(|&n| doc.extract_text(&[n]).unwrap_or_default())
        .collect()
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use super::*;
    use crate::date::Date;
    use crate::document::{Align, Block, Heading, List, ListItem, Meta, Run, Table};

    fn fonts() -> &'static PdfFonts {
        static FONTS: OnceLock<PdfFonts> = OnceLock::new();
        FONTS.get_or_init(|| PdfFonts::load_embedded().expect("embedded fonts parse"))
    }

    fn heading(level: u8, number: &str, text: &str) -> Block {
        Block::Heading(Heading {
            level,
            number: number.into(),
            text: text.into(),
        })
    }

    fn para(text: &str) -> Block {
        Block::Paragraph(vec![Run::plain(text)])
    }

    fn sample(cover: bool) -> Document {
        let long = "本公司拟通过自有网站开展互联网信息服务，服务器部署于杭州，使用Nginx 1.24作为Web服务器，\
                    公网地址为203.0.113.18。我们建立了完善的信息安全管理制度（包括《网络与信息安全管理办法》），\
                    并配备专职人员负责日常巡检、应急处置和用户投诉处理。"
            .repeat(3);
        let mut blocks = vec![
            heading(1, "一、", "公司基本情况"),
            para(&long),
            heading(2, "（一）", "股权结构"),
            Block::Table(Table {
                caption: Some("表1 股权结构".into()),
                header: vec![vec![Run::plain("股东")], vec![Run::plain("比例")]],
                rows: (0..40)
                    .map(|i| {
                        vec![
                            vec![Run::plain(format!("股东{i}"))],
                            vec![Run::plain("10%")],
                        ]
                    })
                    .collect(),
                align: vec![Align::Left, Align::Right],
            }),
            heading(1, "二、", "业务发展计划"),
            Block::List(List {
                ordered: true,
                items: vec![ListItem {
                    depth: 0,
                    marker: "1.".into(),
                    runs: vec![Run::plain("第一项")],
                }],
            }),
            para(&long),
        ];
        blocks.insert(2, Block::PageBreak);
        Document {
            meta: Meta {
                title: "业务发展和实施计划".into(),
                subtitle: Some("增值电信业务经营许可证申请材料".into()),
                author: Some("青禾网络科技（杭州）有限公司".into()),
                recipient: Some("浙江省通信管理局".into()),
                date_text: Some("2026年12月8日".into()),
                date: Date::new(2026, 12, 8),
                cover,
                signature: vec![
                    "青禾网络科技（杭州）有限公司（盖章）".into(),
                    "2026年12月8日".into(),
                ],
            },
            blocks,
        }
    }

    #[test]
    fn writes_extractable_text_in_order() {
        let pdf = write_pdf(&sample(true), &StyleSheet::formal(), fonts()).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        let pages = extract_text(&pdf);
        let all: String = pages.concat();
        let squeezed: String = all.chars().filter(|c| !c.is_whitespace()).collect();
        let a = squeezed
            .find("一、公司基本情况")
            .expect("heading 1 extractable");
        let b = squeezed
            .rfind("二、业务发展计划")
            .expect("heading 2 extractable");
        assert!(a < b);
        assert!(squeezed.contains("203.0.113.18"));
        assert!(squeezed.contains("目录"), "contents page: {}", pages[1]);
        assert!(squeezed.contains("—1—"), "page number");
    }

    #[test]
    fn output_is_reproducible() {
        let a = write_pdf(&sample(true), &StyleSheet::compact(), fonts()).unwrap();
        let b = write_pdf(&sample(true), &StyleSheet::compact(), fonts()).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn contents_page_numbers_match_the_footer() {
        let pdf = write_pdf(&sample(true), &StyleSheet::formal(), fonts()).unwrap();
        let pages = extract_text(&pdf);
        // Cover, contents, then body pages numbered from 1.
        let contents: String = pages[1].chars().filter(|c| !c.is_whitespace()).collect();
        for title in ["一、公司基本情况", "（一）股权结构", "二、业务发展计划"]
        {
            let at = contents.find(title).expect("entry present");
            let rest = &contents[at + title.len()..];
            let digits: String = rest
                .trim_start_matches('.')
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let number: usize = digits.parse().expect("page number after leaders");
            let page = &pages[1 + number];
            let squeezed: String = page.chars().filter(|c| !c.is_whitespace()).collect();
            assert!(
                squeezed.contains(title),
                "{title} not on body page {number}"
            );
            assert!(squeezed.contains(&format!("—{number}—")));
        }
    }

    #[test]
    fn long_table_repeats_its_header() {
        let pdf = write_pdf(&sample(false), &StyleSheet::formal(), fonts()).unwrap();
        let pages = extract_text(&pdf);
        let with_rows: Vec<&String> = pages.iter().filter(|p| p.contains("股东3")).collect();
        assert!(!with_rows.is_empty());
        let spanned = pages.iter().filter(|p| p.contains("股东")).count();
        assert!(spanned >= 2, "the 40-row table should span pages");
        for page in pages.iter().filter(|p| p.contains("10%")) {
            assert!(
                page.contains("比例"),
                "header missing on a table page: {page}"
            );
        }
    }

    #[test]
    fn heading_is_never_alone_at_the_foot_of_a_page() {
        let style = StyleSheet::formal();
        for before in 10..30 {
            let mut blocks: Vec<Block> = (0..before).map(|_| para("一行。")).collect();
            blocks.push(heading(1, "一、", "标题"));
            blocks.push(para(&"正文内容。".repeat(20)));
            let doc = Document {
                meta: Meta::default(),
                blocks,
            };
            let laid = layout::lay_out(&doc, &style, fonts()).unwrap();
            let anchor = &laid.anchors[0];
            let below = laid.pages[anchor.page].items.iter().any(|item| {
                matches!(item, layout::Item::Text(run)
                    if run.y > anchor.y + style.body_line_pitch_pt
                        && run.y < laid.page_height - 100.0)
            });
            assert!(below, "heading alone at the foot after {before} lines");
        }
    }

    #[test]
    fn oversized_content_does_not_break_the_writer() {
        let huge = "超长单元格内容，".repeat(400);
        let doc = Document {
            meta: Meta::default(),
            blocks: vec![
                Block::Table(Table {
                    caption: None,
                    header: vec![vec![Run::plain("项目")], vec![Run::plain("说明")]],
                    rows: vec![vec![
                        vec![Run::plain("https://www.example.com/a/very/long/path/without/spaces")],
                        vec![Run::plain(huge)],
                    ]],
                    align: Vec::new(),
                }),
                para("https://www.example.com/an/extremely/long/address/that/cannot/possibly/fit/on/one/line/of/text"),
                para("第一行\n第二行\tTab"),
            ],
        };
        let pdf = write_pdf(&doc, &StyleSheet::formal(), fonts()).unwrap();
        let pages = extract_text(&pdf);
        assert!(pages.len() >= 3, "a cell taller than a page is split");
        assert!(pages.concat().contains("第二行"));
    }

    #[test]
    fn empty_document_is_one_blank_page() {
        let pdf = write_pdf(&Document::default(), &StyleSheet::formal(), fonts()).unwrap();
        assert_eq!(extract_text(&pdf).len(), 1);
    }

    #[test]
    fn can_print_is_what_every_face_has() {
        let fonts = fonts();
        for ch in ['青', '龘', 'A', '○', '◦', '😀', '\u{202E}', '①', '—'] {
            let all = [&fonts.serif_regular, &fonts.serif_bold, &fonts.sans_bold]
                .iter()
                .all(|face| face.glyph(ch).is_some());
            assert_eq!(can_print(ch), all, "{ch:?}");
        }
        assert!(
            can_print('\u{200B}') && can_print('\t'),
            "invisible ones are dropped"
        );
    }

    #[test]
    fn missing_glyph_is_an_error_naming_the_character() {
        let mut doc = sample(false);
        doc.blocks.push(para("法定代表人：王𪚥先生"));
        let err = write_pdf(&doc, &StyleSheet::formal(), fonts()).unwrap_err();
        match &err {
            PdfError::MissingGlyph { ch, context } => {
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
            let laid = layout::lay_out(&doc, &style, fonts()).unwrap();
            let last = laid.pages.last().unwrap();
            let texts: Vec<String> = last
                .items
                .iter()
                .filter_map(|item| match item {
                    layout::Item::Text(run) => Some(run.glyphs.iter().map(|g| g.ch).collect()),
                    _ => None,
                })
                .collect();
            assert!(
                texts.iter().any(|t| t.contains("一行文字")),
                "{lines} lines: the signature page has no text: {texts:?}"
            );
        }
    }

    #[test]
    fn contents_spilling_a_few_entries_is_set_closer_on_one_page() {
        let style = StyleSheet::formal();
        let mut doc = sample(true);
        doc.blocks = (0..22)
            .flat_map(|i| [heading(1, &format!("{}、", i + 1), "标题"), para("正文。")])
            .collect();
        let laid = layout::lay_out(&doc, &style, fonts()).unwrap();
        assert_eq!(laid.first_body_page, 2, "cover and one contents page");
        doc.blocks = (0..40)
            .flat_map(|i| [heading(1, &format!("{}、", i + 1), "标题"), para("正文。")])
            .collect();
        let laid = layout::lay_out(&doc, &style, fonts()).unwrap();
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
        let doc = Document {
            meta: Meta::default(),
            blocks: vec![Block::Table(table)],
        };
        let laid = layout::lay_out(&doc, &StyleSheet::formal(), fonts()).unwrap();
        // Lines of the duty column: the runs starting where the first duty starts.
        let runs: Vec<&layout::TextRun> = laid.pages[0]
            .items
            .iter()
            .filter_map(|item| match item {
                layout::Item::Text(run) => Some(run),
                _ => None,
            })
            .collect();
        let text = |run: &layout::TextRun| run.glyphs.iter().map(|g| g.ch).collect::<String>();
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
}
