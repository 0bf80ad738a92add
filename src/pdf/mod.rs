//! PDF writer: serialises a typeset layout (`crate::typeset`) as a PDF file.
//!
//! We write the pages and fonts ourselves on lopdf's object model: content streams with
//! one text operator per line (`content.rs`), and fonts as desubroutinized CFF subsets
//! with ToUnicode maps (`cff.rs`), which is what keeps a 30-page document under 300 KB and
//! its writing in milliseconds; the outline, links, metadata and file id are assembled in
//! `assemble.rs`.

mod assemble;
mod cff;
mod content;
mod images;

pub use images::{jpeg_size, jpegs_to_pdf};

use crate::document::Document;
use crate::typeset::Layout;

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("PDF font: {0}")]
    Font(String),
    #[error("cannot write the PDF: {0}")]
    Write(String),
}

/// The bytes of the PDF file of `doc`, set as `layout`.
///
/// The output depends only on the arguments (and `SOURCE_DATE_EPOCH`, which overrides
/// the file date), so the same input always gives the same bytes.
pub fn write_pdf(layout: &Layout, doc: &Document) -> Result<Vec<u8>, PdfError> {
    assemble::assemble(layout, doc)
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
    use super::*;
    use crate::document::samples::{bare, para, sample};
    use crate::document::{Block, Run, Table};
    use crate::style::StyleSheet;

    fn pdf(doc: &Document, style: &StyleSheet) -> Result<Vec<u8>, PdfError> {
        let layout = crate::typeset::typeset(doc, style).expect("typesets");
        write_pdf(&layout, doc)
    }

    #[test]
    fn writes_extractable_text_in_order() {
        let pdf = pdf(&sample(true), &StyleSheet::formal()).unwrap();
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
        let a = pdf(&sample(true), &StyleSheet::compact()).unwrap();
        let b = pdf(&sample(true), &StyleSheet::compact()).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn contents_page_numbers_match_the_footer() {
        let pdf = pdf(&sample(true), &StyleSheet::formal()).unwrap();
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
        let pdf = pdf(&sample(false), &StyleSheet::formal()).unwrap();
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
    fn oversized_content_does_not_break_the_writer() {
        let huge = "超长单元格内容，".repeat(400);
        let doc = bare(vec![
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
            ]);
        let pdf = pdf(&doc, &StyleSheet::formal()).unwrap();
        let pages = extract_text(&pdf);
        assert!(pages.len() >= 3, "a cell taller than a page is split");
        assert!(pages.concat().contains("第二行"));
    }

    #[test]
    fn empty_document_is_one_blank_page() {
        let pdf = pdf(&Document::default(), &StyleSheet::formal()).unwrap();
        assert_eq!(extract_text(&pdf).len(), 1);
    }
}
