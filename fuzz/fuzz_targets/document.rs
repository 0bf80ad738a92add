//! Markdown → document model → PDF and DOCX, as `icp-docs render` does. A character the
//! fonts lack is an expected error; a panic is a bug. The PDF writer must also always give
//! as many heading page numbers as the document has headings (the DOCX contents need them).
#![no_main]

use icp_docs::document::{parse_markdown, Block, Meta};
use icp_docs::style::{StyleName, StyleSheet};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&style, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let meta = Meta {
        title: "标题".to_string(),
        cover: style & 2 != 0,
        author: (style & 4 != 0).then(|| "作者".to_string()),
        ..Meta::default()
    };
    let Ok(document) = parse_markdown(text, meta) else {
        return;
    };
    let name = if style & 1 == 0 {
        StyleName::Formal
    } else {
        StyleName::Compact
    };
    let sheet = StyleSheet::get(name);
    let written = icp_docs::typeset::typeset(&document, &sheet)
        .map_err(|e| e.to_string())
        .and_then(|layout| {
            let bytes = icp_docs::pdf::write_pdf(&layout, &document).map_err(|e| e.to_string())?;
            Ok((bytes, layout.heading_pages()))
        });
    let pages = match written {
        Ok((bytes, pages)) => {
            assert!(bytes.starts_with(b"%PDF-"));
            let headings = document
                .blocks
                .iter()
                .filter(|b| matches!(b, Block::Heading(_)))
                .count();
            assert!(
                pages.len() <= headings,
                "{} pages for {headings} headings",
                pages.len()
            );
            Some(pages)
        }
        Err(_) => None,
    };
    if let Ok(bytes) = icp_docs::docx::write_docx(&document, &sheet, pages.as_deref()) {
        assert!(bytes.starts_with(b"PK"));
    }
});
