//! Text copied out of the PDF is the text that was written: for every document of several
//! profiles, each paragraph of the DOCX (body text, headings, table cells, cover and
//! signature lines) occurs verbatim in what poppler extracts from the PDF's text frame,
//! its lines joined. Without `ActualText`, a Chinese–Latin gap extracts as a space
//! (「成立于 2021 年」), a justified line as spaced letters, a compressed 「”）」 pair as
//! two lines, and a table cell of two lines interleaved with the cell beside it. List items
//! are numbered paragraphs in both formats (the DOCX's numbers are Word numbering, read
//! here as a reader sees them), with no bullet anywhere, and no section has a
//! single sub-heading.

mod common;

use std::path::{Path, PathBuf};

use common::numbering::{paragraph_chunks, paragraph_numbering, Numbering};
use icp_docs::style::{mm_to_pt, StyleSheet};

/// Bullets of Western lists, which formal Chinese documents do not use.
const BULLETS: [char; 5] = ['•', '○', '◦', '▪', '●'];

/// A paragraph of a DOCX: its style id, its text, whether Word numbers it.
type Styled = (String, String, bool);

/// The paragraphs of a DOCX with their style ids, as a reader sees them: a numbered
/// paragraph starts with the marker Word's numbering gives it.
fn styled_paragraphs(docx: &Path) -> Vec<Styled> {
    let xml = common::docx_part(docx, "word/document.xml");
    let mut numbering = Numbering::of_docx(docx);
    let mut out = Vec::new();
    for paragraph in paragraph_chunks(&xml) {
        let style = paragraph
            .split_once(r#"<w:pStyle w:val=""#)
            .and_then(|(_, rest)| rest.split_once('"'))
            .map_or(String::new(), |(style, _)| style.to_owned());
        let marker =
            paragraph_numbering(paragraph).map(|(num, level)| numbering.next_marker(&num, level));
        let numbered = marker.is_some();
        let text = marker.unwrap_or_default() + &common::docx_paragraphs_of_xml(paragraph).concat();
        if !text.trim().is_empty() {
            out.push((style, text, numbered));
        }
    }
    out
}

/// What pdftotext gives for the text frame of every page (running header and page number
/// cropped off), with the line breaks removed.
fn frame_text(pdf: &Path, style: &StyleSheet) -> String {
    // pdftotext crops in pixels of 72 dpi, i.e. points, from the top-left corner.
    let top = mm_to_pt(style.margin_top_mm) - 4.0;
    let height = mm_to_pt(style.page_height_mm - style.margin_bottom_mm) + 4.0 - top;
    let width = mm_to_pt(style.page_width_mm);
    let crop = [
        "-x".to_owned(),
        "0".to_owned(),
        "-y".to_owned(),
        format!("{top:.0}"),
        "-W".to_owned(),
        format!("{width:.0}"),
        "-H".to_owned(),
        format!("{height:.0}"),
    ];
    let args: Vec<&str> = crop.iter().map(String::as_str).collect();
    common::pdftotext(pdf, &args).replace(['\n', '\u{c}'], "")
}

/// Whether `paragraph` is in `text` split in two by a figure that floated to the top of
/// the page it runs on to: its head, the drawing's labels and one of `captions`, then
/// its tail after the caption and at most the few words of the drawing's legend.
fn split_by_figure(text: &str, paragraph: &str, captions: &[String]) -> bool {
    captions.iter().any(|caption| {
        text.match_indices(caption.as_str()).any(|(at, _)| {
            let (before, after) = (&text[..at], &text[at + caption.len()..]);
            paragraph.char_indices().skip(1).any(|(m, _)| {
                let (head, tail) = paragraph.split_at(m);
                let legend = after
                    .find(tail)
                    .filter(|&gap| after[..gap].chars().count() <= 40);
                legend.is_some() && before.contains(head)
            })
        })
    })
}

/// The first heading that is the only one of its level under its parent (a lone 「（一）」).
fn lone_subheading(paragraphs: &[Styled]) -> Option<String> {
    let headings: Vec<(u8, &str)> = paragraphs
        .iter()
        .filter_map(|(style, text, _)| {
            let level = style.strip_prefix("Heading")?.parse().ok()?;
            Some((level, text.as_str()))
        })
        .collect();
    headings.iter().enumerate().find_map(|(k, &(level, _))| {
        let children: Vec<&str> = headings[k + 1..]
            .iter()
            .take_while(|&&(l, _)| l > level)
            .filter(|&&(l, _)| l == level + 1)
            .map(|&(_, text)| text)
            .collect();
        (children.len() == 1).then(|| children[0].to_owned())
    })
}

#[test]
fn every_docx_paragraph_copies_out_of_the_pdf_exactly() {
    let style = StyleSheet::formal();
    let mut checked = 0usize;
    let mut numbered = 0usize;
    let mut missing = Vec::new();
    for profile in common::all_profiles() {
        let (_guard, dir) = common::generate(&profile, &[]);
        let mut docs: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("output folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "docx"))
            .collect();
        docs.sort();
        assert!(docs.len() >= 8, "{}: {docs:?}", profile.display());
        for docx in docs {
            let text = frame_text(&docx.with_extension("pdf"), &style);
            let name = docx.file_name().unwrap_or_default().to_string_lossy();
            // Items are numbered (1. （1） ①) in both formats, never bulleted.
            assert!(
                !text.contains(BULLETS),
                "{name}: a bullet in the PDF text: {text}"
            );
            let paragraphs = styled_paragraphs(&docx);
            if let Some(lone) = lone_subheading(&paragraphs) {
                panic!("{name}: 「{lone}」 is the only heading of its level in its section");
            }
            let captions: Vec<String> = paragraphs
                .iter()
                .filter(|(style_id, text, _)| style_id.contains("aption") && text.starts_with('图'))
                .map(|(_, text, _)| text.clone())
                .collect();
            for (style_id, paragraph, is_numbered) in paragraphs {
                assert!(
                    !paragraph.starts_with(BULLETS),
                    "{name}: a bulleted DOCX paragraph: {paragraph}"
                );
                // Contents entries carry dot leaders in the PDF and a tab in the DOCX.
                if style_id.to_ascii_lowercase().starts_with("toc") {
                    continue;
                }
                checked += 1;
                numbered += usize::from(is_numbered);
                if !text.contains(&paragraph) && !split_by_figure(&text, &paragraph, &captions) {
                    missing.push(format!(
                        "{} {} [{style_id}] {paragraph:?}",
                        profile.file_stem().unwrap_or_default().to_string_lossy(),
                        docx.file_name().unwrap_or_default().to_string_lossy(),
                    ));
                }
            }
        }
    }
    assert!(checked > 5000, "only {checked} paragraphs checked");
    // List items are Word numbering, compared with their markers.
    assert!(
        numbered > 500,
        "only {numbered} numbered paragraphs checked"
    );
    assert!(
        missing.is_empty(),
        "{} of {checked} paragraphs do not copy out of the PDF as written:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

#[test]
fn a_line_with_chinese_latin_gaps_extracts_without_spaces() {
    let (_guard, dir) = common::generate(&common::example_profile(), &["--format", "pdf"]);
    let text = common::pdftotext_of(&dir.join("业务发展和实施计划.pdf"));
    assert!(text.contains("成立于2021年3月15日"), "{text}");
    assert!(!text.contains("成立于 2021 年"), "{text}");
    // The compressed 「”）」 pair stays on its line.
    assert!(text.contains("（以下简称“公司”）是依法设"), "{text}");
}
