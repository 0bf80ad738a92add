//! Markdown → composed document model → typeset pages → PDF and DOCX, as `icp-docs render`
//! does. A character the fonts lack is an expected error; a panic is a bug. Typesetting must
//! also always give as many heading page numbers as the document has headings (the DOCX
//! contents need them).
#![no_main]

use icp_docs::document::{compose_file, parse_markdown, Block};
use icp_docs::style::{StyleName, StyleSheet};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&style, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let Ok(mut parsed) = parse_markdown(text) else {
        return;
    };
    if style & 2 != 0 {
        parsed.metadata.subtitle = Some("副标题".to_string());
    }
    if style & 4 != 0 {
        parsed.metadata.author = Some("作者".to_string());
    }
    let document = compose_file(parsed, "标题");
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
    if let Ok(bytes) = icp_docs::docx::write_docx(&document, &sheet, &pages.unwrap_or_default(), true) {
        assert!(bytes.starts_with(b"PK"));
    }
});
