//! Packs docx-rs's XML parts into a reproducible ZIP and adds what docx-rs does not write.

use std::io::{Cursor, Write};

use docx_rs::XMLDocx;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::fonts::FONT_TABLE;
use super::{order, DocxError};
use crate::document::{Block, Document};

/// Word XML is mostly repeated tags, which the fast levels compress almost as well: on the
/// example's DOCX set, level 2 writes 6% more bytes than the default 6 (286 against 270 KB)
/// and takes a cold DOCX run from 85 to 80 ms, as the PDF writer's level does.
const DEFLATE_LEVEL: i64 = 2;

/// `indent_chars` is the body's first-line indent in characters (written as `firstLineChars`).
pub fn pack(xml: XMLDocx, doc: &Document, indent_chars: f32) -> Result<Vec<u8>, DocxError> {
    let date = crate::zh::date::file_date(doc.meta.date);
    let time =
        DateTime::from_date_and_time(date.year, date.month, date.day, 0, 0, 0).unwrap_or_default();
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(DEFLATE_LEVEL))
        .last_modified_time(time)
        .unix_permissions(0o644);

    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), xml.content_type),
        ("_rels/.rels".into(), xml.rels),
        ("docProps/app.xml".into(), xml.doc_props.app),
        (
            "docProps/core.xml".into(),
            core_properties(doc, &date).into_bytes(),
        ),
        ("docProps/custom.xml".into(), xml.doc_props.custom),
        ("word/_rels/document.xml.rels".into(), xml.document_rels),
        (
            "word/document.xml".into(),
            describe_pictures(&repeat_header_rows(&xml.document), doc),
        ),
        (
            "word/styles.xml".into(),
            fix_styles(&xml.styles, indent_chars),
        ),
        ("word/settings.xml".into(), settings(&xml.settings)),
        ("word/fontTable.xml".into(), FONT_TABLE.as_bytes().to_vec()),
        ("word/comments.xml".into(), xml.comments),
        (
            "word/numbering.xml".into(),
            super::numbering::indent_in_characters(&xml.numberings, indent_chars),
        ),
        ("word/commentsExtended.xml".into(), xml.comments_extended),
        ("word/footnotes.xml".into(), xml.footnotes),
    ];
    for (i, header) in xml.headers.into_iter().enumerate() {
        parts.push((format!("word/header{}.xml", i + 1), header));
        if let Some(rels) = xml.header_rels.get(i) {
            parts.push((format!("word/_rels/header{}.xml.rels", i + 1), rels.clone()));
        }
    }
    for (i, footer) in xml.footers.into_iter().enumerate() {
        parts.push((format!("word/footer{}.xml", i + 1), footer));
        if let Some(rels) = xml.footer_rels.get(i) {
            parts.push((format!("word/_rels/footer{}.xml.rels", i + 1), rels.clone()));
        }
    }
    for (name, bytes) in xml.media {
        parts.push((format!("word/media/{name}.png"), bytes));
    }
    for (name, bytes) in parts.iter_mut() {
        if doc.copied_from && name.starts_with("word/") && name.ends_with(".xml") {
            *bytes = without_break_hints(bytes);
        }
        if name.starts_with("word/") && name.ends_with(".xml") {
            *bytes = order::schema_order(bytes)
                .map_err(|e| DocxError::Package(format!("{name}: {e}")))?;
        }
    }
    renumber_paragraph_ids(&mut parts);

    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    // The PNG is compressed already: deflating it again costs time and saves nothing.
    let stored = options
        .compression_method(CompressionMethod::Stored)
        .compression_level(None);
    for (name, bytes) in parts {
        let options = if name.ends_with(".png") {
            stored
        } else {
            options
        };
        zip.start_file(name, options)
            .map_err(|e| DocxError::Package(e.to_string()))?;
        zip.write_all(&bytes)
            .map_err(|e| DocxError::Package(e.to_string()))?;
    }
    let cursor = zip
        .finish()
        .map_err(|e| DocxError::Package(e.to_string()))?;
    Ok(cursor.into_inner())
}

/// docx-rs writes "unknown" author and the Unix epoch; we write the document's own facts.
fn core_properties(doc: &Document, date: &crate::zh::date::Date) -> String {
    let stamp = format!("{date}T00:00:00Z");
    let title = xml_escape(&doc.meta.title);
    let author = xml_escape(doc.meta.author.as_deref().unwrap_or(""));
    let subject = xml_escape(doc.meta.subject.as_deref().unwrap_or(""));
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject><dc:creator>{author}</dc:creator>",
            "<cp:lastModifiedBy>icp-docs {version}</cp:lastModifiedBy><dc:language>zh-CN</dc:language>",
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>"#,
            "<cp:revision>1</cp:revision></cp:coreProperties>"
        ),
        title = title,
        subject = subject,
        author = author,
        version = env!("CARGO_PKG_VERSION"),
        stamp = stamp,
    )
}

/// Marks the first row of every table as a header row repeated on each page (`w:tblHeader`),
/// which docx-rs cannot express.
fn repeat_header_rows(document: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(document);
    let mut out = String::with_capacity(text.len() + 256);
    let mut rest: &str = &text;
    while let Some(table_start) = rest.find("<w:tbl>") {
        let (before, after) = rest.split_at(table_start);
        out.push_str(before);
        match after.find("<w:trPr>") {
            Some(row_props) if after[..row_props].matches("<w:tr>").count() == 1 => {
                let insert_at = row_props + "<w:trPr>".len();
                out.push_str(&after[..insert_at]);
                out.push_str("<w:tblHeader />");
                rest = &after[insert_at..];
            }
            _ => {
                out.push_str("<w:tbl>");
                rest = &after["<w:tbl>".len()..];
            }
        }
    }
    out.push_str(rest);
    out.into_bytes()
}

/// `part` without the word joiners and zero-width spaces the run text carries as line-break
/// hints (`crate::text::with_break_hints`), for a document whose values are copied into a
/// form, where an invisible character inside a domain would make it another domain. The
/// hints are added where run text is written, in many places; taking them out of the one
/// such document here, once, is simpler than passing a flag to each of those places.
fn without_break_hints(part: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(part)
        .replace(['\u{2060}', '\u{200B}'], "")
        .into_bytes()
}

/// docx-rs numbers paragraphs (`w14:paraId`) from a per-thread counter that earlier
/// documents of the same process have advanced, so a document written twice would differ.
/// We renumber them in the order they appear across the body, headers and footers, which
/// keeps them unique and makes them depend on the document alone.
fn renumber_paragraph_ids(parts: &mut [(String, Vec<u8>)]) {
    const ATTR: &str = "w14:paraId=\"";
    let mut next = 1u32;
    for (name, bytes) in parts.iter_mut() {
        let is_story = name == "word/document.xml"
            || (name.starts_with("word/header") || name.starts_with("word/footer"))
                && name.ends_with(".xml");
        if !is_story {
            continue;
        }
        let text = String::from_utf8_lossy(bytes);
        if !text.contains(ATTR) {
            continue;
        }
        let mut out = String::with_capacity(text.len());
        let mut rest: &str = &text;
        while let Some(at) = rest.find(ATTR) {
            let value_start = at + ATTR.len();
            let Some(len) = rest[value_start..].find('"') else {
                break;
            };
            out.push_str(&rest[..value_start]);
            out.push_str(&format!("{next:08X}"));
            next += 1;
            rest = &rest[value_start + len..];
        }
        out.push_str(rest);
        *bytes = out.into_bytes();
    }
}

/// docx-rs gives every picture `id="1" name="Figure"`. Word wants the ids unique, and the
/// description is what a screen reader says for the picture, so each figure gets its number
/// and its diagram's alternative text.
fn describe_pictures(document: &[u8], doc: &Document) -> Vec<u8> {
    const DOC_PR: &str = r#"<wp:docPr id="1" name="Figure" />"#;
    let text = String::from_utf8_lossy(document);
    if !text.contains(DOC_PR) {
        return document.to_vec();
    }
    let alts: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Figure(f) => f.diagram.as_ref().map(|d| d.alt_text.as_str()),
            _ => None,
        })
        .collect();
    let mut out = String::with_capacity(text.len() + 256);
    let mut rest: &str = &text;
    let mut n = 0usize;
    while let Some(at) = rest.find(DOC_PR) {
        out.push_str(&rest[..at]);
        n += 1;
        let alt = alts.get(n - 1).copied().unwrap_or_default();
        out.push_str(&format!(
            r#"<wp:docPr id="{n}" name="图{n}" descr="{}" />"#,
            xml_escape(alt)
        ));
        rest = &rest[at + DOC_PR.len()..];
    }
    out.push_str(rest);
    out.into_bytes()
}

/// docx-rs always writes an empty `Normal` style before ours, no language, and drops the
/// character-based first-line indent it accepts. We drop its empty style (two styles with one
/// id confuse Word), give the body style `firstLineChars` (so the indent stays two characters
/// when the user changes the font size), and declare Simplified Chinese as the East Asian
/// language, so Word applies Chinese line-breaking rules and proofing.
fn fix_styles(styles: &[u8], indent_chars: f32) -> Vec<u8> {
    const EMPTY_NORMAL: &str = r#"<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal" /><w:rPr /><w:pPr><w:rPr /></w:pPr><w:qFormat /></w:style>"#;
    let mut text = String::from_utf8_lossy(styles).replacen(EMPTY_NORMAL, "", 1);
    if let Some(start) = text.find(r#"w:styleId="Normal""#) {
        let end = text[start..]
            .find("</w:style>")
            .map_or(text.len(), |e| start + e);
        if let Some(ind) = text[start..end]
            .find("<w:ind ")
            .map(|i| start + i + "<w:ind ".len())
        {
            let chars = format!(
                r#"w:firstLineChars="{}" "#,
                (indent_chars * 100.0).round() as i32
            );
            text.insert_str(ind, &chars);
        }
    }
    let lang = r#"<w:lang w:val="en-US" w:eastAsia="zh-CN" />"#;
    match text.find("<w:rPrDefault><w:rPr>") {
        Some(index) => {
            let at = index + "<w:rPrDefault><w:rPr>".len();
            format!("{}{lang}{}", &text[..at], &text[at..]).into_bytes()
        }
        None => text.into_bytes(),
    }
}

/// Adds to docx-rs's settings: updating fields on opening (`w:updateFields`), so the
/// contents' `PAGEREF` numbers follow the application's own page flow instead of the PDF's;
/// and compressing punctuation (`w:characterSpacingControl`), so consecutive full-width
/// marks such as `。”` close up as in Chinese typesetting. (docx-rs can write the latter,
/// but inside `w:compat`, where it does not belong.) `order.rs` puts them in place.
fn settings(settings: &[u8]) -> Vec<u8> {
    const ADDED: &str = concat!(
        r#"<w:characterSpacingControl w:val="compressPunctuation" />"#,
        r#"<w:updateFields w:val="true" />"#
    );
    let text = String::from_utf8_lossy(settings);
    match text.find("<w:compat>") {
        Some(at) => format!("{}{ADDED}{}", &text[..at], &text[at..]).into_bytes(),
        None => text.into_owned().into_bytes(),
    }
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
