//! Document model → DOCX (docx-rs), with real named Word styles so users can restyle it.
//!
//! docx-rs builds the XML parts; we pack them ourselves (`package.rs`) so the archive is
//! reproducible (fixed entry order and times) and so we can add what docx-rs lacks: document
//! properties, repeating table header rows, and children in schema order (`order.rs`).

mod fonts;
mod numbering;
mod order;
mod package;
mod tables;

use docx_rs::{
    AlignmentType, BorderType, BreakType, Docx, FieldCharType, Footer, Header, Hyperlink,
    HyperlinkType, InstrPAGEREF, InstrText, LineSpacing, LineSpacingType, NumPages, NumberingId,
    PageMargin, PageNum, PageNumType, Paragraph, ParagraphBorder, ParagraphBorderPosition,
    ParagraphBorders, Pic, RunFonts, SectionProperty, SpecialIndentType, Style, StyleType, Tab,
    TabLeaderType, TabValueType,
};

use crate::document::{Block, Contents, Cover, Document, Figure, Heading, ListItem, Run};
use crate::graphics::{self, RasterError};
use crate::style::{mm_to_pt, PageNumberStyle, StyleSheet, TextStyle};
use crate::typeset::TableColumns;

#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("cannot assemble the DOCX package: {0}")]
    Package(String),
    #[error(transparent)]
    Figure(#[from] RasterError),
}

/// Resolution of figure images: what an office printer and a screen at 150% zoom show. The
/// smallest labels (7 pt) get ~15 pixels per em, still clear. The drawing is anti-aliased
/// line art, so 200 dpi looked no better, while the cost (drawing and compressing the
/// pixels) grows with the square of the resolution: it was a fifth of a cold run.
const FIGURE_DPI: f32 = 150.0;

/// Style ids (the names Word shows are set on the styles).
mod ids {
    pub const BODY: &str = "Normal";
    pub const TITLE: &str = "Title";
    pub const COVER_TITLE: &str = "CoverTitle";
    pub const SUBTITLE: &str = "Subtitle";
    pub const COVER: &str = "CoverLine";
    pub const TOC_HEADING: &str = "TOCHeading";
    pub const TOC: [&str; 2] = ["TOC1", "TOC2"];
    pub const HEADINGS: [&str; 4] = ["Heading1", "Heading2", "Heading3", "Heading4"];
    pub const TABLE_TEXT: &str = "TableText";
    pub const CAPTION: &str = "Caption";
    pub const FIGURE: &str = "Figure";
    pub const SIGNATURE: &str = "Signature";
    pub const HEADER: &str = "Header";
    pub const FOOTER: &str = "Footer";
}

/// The printed page of every heading, in document order, from the typesetting stage: they
/// pre-fill the contents' page fields, which Word, WPS and LibreOffice then recompute from
/// their own page flow.
pub type TocPages<'a> = &'a [u32];

/// What the DOCX takes from the typesetting stage.
pub struct FromLayout<'a> {
    pub toc_pages: TocPages<'a>,
    /// Whether the footer shows the page number (a one-page letter has none).
    pub page_numbers: bool,
    /// The PDF's columns of every table, in document order: the DOCX's tables get the same
    /// widths, measured with the same text service, so no column is narrower than a word.
    pub table_columns: &'a [TableColumns],
    /// Each figure the PDF floated past the text after it: its block and the block it is
    /// set before (see `Layout::figures_moved`).
    pub figures_moved: &'a [(usize, usize)],
}

/// Writes `doc` as a DOCX package.
pub fn write_docx(
    doc: &Document,
    style: &StyleSheet,
    layout: &FromLayout<'_>,
) -> Result<Vec<u8>, DocxError> {
    let (toc_pages, page_numbers) = (layout.toc_pages, layout.page_numbers);
    let mut docx = Docx::new()
        .page_size(
            mm_to_twips(style.page_width_mm),
            mm_to_twips(style.page_height_mm),
        )
        .page_margin(page_margin(style))
        .default_fonts(fonts(&style.body))
        .default_size(half_points(style.body.size_pt));
    for s in styles(style) {
        docx = docx.add_style(s);
    }
    docx = add_front_matter(docx, doc, style, toc_pages);
    docx = add_body(docx, doc, style, layout)?;
    docx = add_signature(docx, doc, style);
    if doc.running_header.is_some() {
        docx = docx.header(running_header(doc, style));
    }
    if page_numbers {
        if style.two_sided {
            docx = docx
                .footer(page_number_footer(style, Some(AlignmentType::Right)))
                .even_footer(page_number_footer(style, Some(AlignmentType::Left)));
        } else {
            docx = docx.footer(page_number_footer(style, None));
        }
        docx = docx.page_num_type(PageNumType::new().start(1));
    }

    package::pack(docx.build(), doc, style.first_line_indent_chars)
}

/// The cover and the table of contents, in a section of their own: no header, no page
/// number. The section break sits on the last paragraph of the front matter, and is the
/// only break there: a page break before a next-page section break gives Word a blank page.
fn add_front_matter(
    mut docx: Docx,
    doc: &Document,
    style: &StyleSheet,
    toc_pages: TocPages<'_>,
) -> Docx {
    let mut front = doc.cover.as_ref().map(cover).unwrap_or_default();
    if let Some(contents) = &doc.contents {
        // The contents open a page of their own.
        if let Some(last) = front.pop() {
            front.push(last.add_run(docx_rs::Run::new().add_break(BreakType::Page)));
        }
        front.extend(table_of_contents(contents, style, toc_pages));
    }
    let Some(last) = front.pop() else {
        return docx;
    };
    let section = SectionProperty::new()
        .page_size(
            docx_rs::PageSize::new()
                .width(mm_to_twips(style.page_width_mm))
                .height(mm_to_twips(style.page_height_mm)),
        )
        .page_margin(page_margin(style));
    front.push(last.section_property(section));
    for paragraph in front {
        docx = docx.add_paragraph(paragraph);
    }
    docx
}

/// The title, then every block of the document in order.
fn add_body(
    mut docx: Docx,
    doc: &Document,
    style: &StyleSheet,
    layout: &FromLayout<'_>,
) -> Result<Docx, DocxError> {
    // The body opens with the title, as the PDF does (and as documents without a cover need).
    docx = docx.add_paragraph(
        Paragraph::new()
            .style(ids::TITLE)
            .add_run(text_run(&doc.meta.title)),
    );
    let mut figures = 0usize;
    let mut headings = 0usize;
    let mut columns = layout.table_columns.iter();
    let mut lists = numbering::ListNumbering::default();
    for block in block_order(doc.blocks.len(), layout.figures_moved)
        .into_iter()
        .map(|i| &doc.blocks[i])
    {
        match block {
            Block::Heading(heading) => {
                docx = docx.add_paragraph(heading_paragraph(heading, headings));
                headings += 1;
            }
            Block::Paragraph(runs) => {
                docx = docx.add_paragraph(add_runs(Paragraph::new().style(ids::BODY), runs))
            }
            Block::Addressee(runs) => {
                let flush = Paragraph::new().style(ids::BODY).indent(
                    Some(0),
                    Some(SpecialIndentType::FirstLine(0)),
                    None,
                    None,
                );
                docx = docx.add_paragraph(add_runs(flush, runs))
            }
            Block::List(list) => {
                let numbered = lists.add(list);
                for item in &list.items {
                    docx = docx.add_paragraph(list_item_paragraph(item, numbered.as_ref()));
                }
            }
            Block::Table(table) => {
                if let Some(caption) = &table.caption {
                    docx = docx.add_paragraph(
                        Paragraph::new()
                            .style(ids::CAPTION)
                            .keep_next(true)
                            .add_run(text_run(caption)),
                    );
                }
                docx = docx.add_table(tables::table_element(table, style, columns.next()));
            }
            Block::Figure(figure) => {
                if let Some(paragraphs) = figure_paragraphs(figure, style, figures + 1)? {
                    figures += 1;
                    for paragraph in paragraphs {
                        docx = docx.add_paragraph(paragraph);
                    }
                }
            }
            Block::PageBreak => {
                docx = docx.add_paragraph(
                    Paragraph::new().add_run(docx_rs::Run::new().add_break(BreakType::Page)),
                )
            }
        }
    }
    let first_line = points_to_twips(style.first_line_indent_pt());
    Ok(docx.numberings(lists.into_numberings(first_line, fonts(&style.body))))
}

/// A list item: a body paragraph that starts with its number, as the PDF sets it. Word
/// prints the number of a numbered list; a list Word cannot number alike carries it as text.
fn list_item_paragraph(item: &ListItem, numbered: Option<&NumberingId>) -> Paragraph {
    let paragraph = Paragraph::new().style(ids::BODY);
    let paragraph = match numbered {
        Some(id) => paragraph.numbering(id.clone(), numbering::level(item)),
        None => add_runs(paragraph, &[Run::plain(item.marker.clone())]),
    };
    add_runs(paragraph, &item.runs)
}

/// The signature lines, two body lines below the text.
fn add_signature(mut docx: Docx, doc: &Document, style: &StyleSheet) -> Docx {
    for (index, line) in doc.signature.iter().enumerate() {
        let mut paragraph = Paragraph::new().style(ids::SIGNATURE);
        if index == 0 {
            let gap = points_to_twips(style.body_line_pitch_pt * 2.0).max(0) as u32;
            paragraph = paragraph.line_spacing(LineSpacing::new().before(gap));
        }
        docx = docx.add_paragraph(paragraph.add_run(text_run(line)));
    }
    docx
}

/// The paragraphs of a figure: the drawing as an inline PNG, then its caption (a figure's
/// caption goes under it in Chinese practice). `None` for a figure without a drawing.
///
/// docx-rs names pictures from a process-wide counter; we name them by their position in
/// the document (`rIdImage1`, …) so the bytes do not depend on what ran before.
fn figure_paragraphs(
    figure: &Figure,
    style: &StyleSheet,
    number: usize,
) -> Result<Option<Vec<Paragraph>>, DocxError> {
    let Some(d) = &figure.diagram else {
        return Ok(None);
    };
    if d.width <= 0.0 || d.height <= 0.0 {
        return Ok(None);
    }
    // As in the PDF: the text width, or narrower if the page could not hold it with the
    // caption.
    let frame_h = mm_to_pt(style.page_height_mm - style.margin_top_mm - style.margin_bottom_mm);
    let room = frame_h - 2.0 * style.body_line_pitch_pt;
    let width_pt = style.text_width_pt().min(room * d.width / d.height);
    let png = graphics::rasterize(d, width_pt, FIGURE_DPI)?;
    let height_pt = width_pt * png.height_px as f32 / png.width_px as f32;
    let emu = |pt: f32| (pt * 12_700.0).round().max(1.0) as u32;
    let pic = Pic::new_with_dimensions(png.bytes, png.width_px, png.height_px)
        .id(format!("rIdImage{number}"))
        .size(emu(width_pt), emu(height_pt));
    let mut out = vec![Paragraph::new()
        .style(ids::FIGURE)
        .keep_next(figure.caption.is_some())
        .add_run(docx_rs::Run::new().add_image(pic))];
    if let Some(caption) = &figure.caption {
        out.push(
            Paragraph::new()
                .style(ids::CAPTION)
                .add_run(text_run(caption)),
        );
    }
    Ok(Some(out))
}

/// The cover as the model gives it: the title, the line under it, then the lower block.
fn cover(cover: &Cover) -> Vec<Paragraph> {
    let line = |style: &str, text: &str| Paragraph::new().style(style).add_run(text_run(text));
    let mut out = vec![Paragraph::new().style(ids::COVER); 3];
    out.push(line(ids::COVER_TITLE, &cover.title));
    if let Some(subtitle) = &cover.subtitle {
        out.push(line(ids::SUBTITLE, subtitle));
    }
    out.extend(vec![Paragraph::new().style(ids::COVER); 6]);
    for entry in &cover.lines {
        out.push(line(ids::COVER, &entry.full_text()));
    }
    out
}

/// The contents as plain entries: each a link to its heading with the number as a
/// `PAGEREF` field. Not a `TOC` field: LibreOffice imports a TOC field's result as a
/// static index and keeps the cached numbers of the `PAGEREF`s inside it (the PDF's pages,
/// not its own), while standalone `PAGEREF`s it recomputes on layout, as Word and WPS do.
fn table_of_contents(
    contents: &Contents,
    style: &StyleSheet,
    pages: TocPages<'_>,
) -> Vec<Paragraph> {
    let mut out = vec![Paragraph::new()
        .style(ids::TOC_HEADING)
        .add_run(text_run(spaced(&contents.title)))];
    let right_edge = points_to_twips(style.text_width_pt()).max(0) as usize;
    for entry in &contents.entries {
        // `pages` has one entry per heading of any level, in document order.
        let page = pages.get(entry.heading).copied();
        let link = Hyperlink::new(bookmark_name(entry.heading), HyperlinkType::Anchor)
            .add_run(text_run(&entry.text).add_tab());
        out.push(
            Paragraph::new()
                .style(ids::TOC[usize::from(entry.level.clamp(1, 2)) - 1])
                .add_tab(
                    Tab::new()
                        .val(TabValueType::Right)
                        .leader(TabLeaderType::Dot)
                        .pos(right_edge),
                )
                .add_hyperlink(page_reference(link, entry.heading, page)),
        );
    }
    out
}

/// The number of a contents entry as a `PAGEREF` field to its heading's bookmark, its
/// result pre-filled with the layout's page: Word, WPS and LibreOffice recompute it from
/// their own flow (the settings ask Word to on opening), so it is the page the heading
/// lands on there, while a reader that does not update fields still shows the PDF's page.
fn page_reference(link: Hyperlink, heading: usize, page: Option<u32>) -> Hyperlink {
    let mut result = docx_rs::Run::new();
    if let Some(page) = page {
        result = result.add_text(page.to_string());
    }
    link.add_run(docx_rs::Run::new().add_field_char(FieldCharType::Begin, false))
        .add_run(docx_rs::Run::new().add_instr_text(InstrText::PAGEREF(
            InstrPAGEREF::new(bookmark_name(heading)).hyperlink(),
        )))
        .add_run(docx_rs::Run::new().add_field_char(FieldCharType::Separate, false))
        .add_run(result)
        .add_run(docx_rs::Run::new().add_field_char(FieldCharType::End, false))
}

/// The bookmark around the `index`-th heading (counting every level, as the contents
/// entries do). A leading underscore keeps it out of Word's list of bookmarks.
fn bookmark_name(index: usize) -> String {
    format!("_Toc_h{index}")
}

/// A two-character title spread by two ideographic spaces (目　　录), as customary.
fn spaced(title: &str) -> String {
    let chars: Vec<char> = title.chars().collect();
    match chars.as_slice() {
        [a, b] => format!("{a}　　{b}"),
        _ => title.to_string(),
    }
}

/// The `index`-th heading of the document, inside the bookmark its contents entry refers to.
fn heading_paragraph(heading: &Heading, index: usize) -> Paragraph {
    let level = usize::from(heading.level.clamp(1, 4));
    // A heading never ends a page: it stays with the paragraph that follows.
    Paragraph::new()
        .style(ids::HEADINGS[level - 1])
        .keep_next(true)
        .add_bookmark_start(index, bookmark_name(index))
        .add_run(text_run(heading.full_text()))
        .add_bookmark_end(index)
}

/// The order the blocks are written in: as in the document, but with each figure the PDF
/// floated set where the PDF set it, before a later block (Word cannot float an inline
/// picture, and would leave the page before a figure that does not fit empty).
fn block_order(blocks: usize, moved: &[(usize, usize)]) -> Vec<usize> {
    let mut set_before: Vec<Vec<usize>> = vec![Vec::new(); blocks + 1];
    let mut moves = vec![false; blocks];
    for &(figure, before) in moved {
        if figure + 1 < before && before <= blocks {
            set_before[before].push(figure);
            moves[figure] = true;
        }
    }
    let mut order = Vec::with_capacity(blocks);
    for (i, figures) in set_before.into_iter().enumerate() {
        order.extend(figures);
        if i < blocks && !moves[i] {
            order.push(i);
        }
    }
    order
}

/// A run of `text`, with the East Asian hint if its punctuation needs it.
fn text_run(text: impl Into<String>) -> docx_rs::Run {
    let text = crate::text::with_break_hints(&text.into());
    let run = docx_rs::Run::new();
    let run = if fonts::needs_east_asian_hint(&text) {
        run.fonts(RunFonts::new().hint("eastAsia"))
    } else {
        run
    };
    run.add_text(text)
}

fn add_runs(mut paragraph: Paragraph, runs: &[Run]) -> Paragraph {
    for run in runs {
        for (index, line) in run.text.split('\n').enumerate() {
            let mut element = docx_rs::Run::new();
            if index > 0 {
                element = element.add_break(BreakType::TextWrapping);
            }
            element = element.add_text(crate::text::with_break_hints(line));
            if fonts::needs_east_asian_hint(line) {
                element = element.fonts(RunFonts::new().hint("eastAsia"));
            }
            if run.bold {
                element = element.bold();
            }
            if run.italic {
                element = element.italic();
            }
            paragraph = paragraph.add_run(element);
        }
    }
    paragraph
}

/// The running header as the PDF sets it: the company at the left margin, the document's
/// title at the right one (a right tab stop at the text width), a thin rule under both.
fn running_header(doc: &Document, style: &StyleSheet) -> Header {
    let (left, right) = doc
        .running_header
        .as_ref()
        .map_or(("", ""), |h| (h.left.as_str(), h.right.as_str()));
    let width = points_to_twips(style.text_width_pt()).max(0) as usize;
    let mut paragraph = Paragraph::new()
        .style(ids::HEADER)
        .add_tab(Tab::new().val(TabValueType::Right).pos(width))
        .add_run(text_run(left).add_tab())
        .add_run(text_run(right));
    // Only the bottom border: docx-rs's default set draws a box.
    let rule = ParagraphBorder::new(ParagraphBorderPosition::Bottom)
        .val(BorderType::Single)
        // Border widths are in eighths of a point.
        .size((style.header_rule_pt * 8.0).round() as usize)
        .space(1)
        .color("000000");
    paragraph.property = paragraph
        .property
        .set_borders(ParagraphBorders::with_empty().set(rule));
    Header::new().add_paragraph(paragraph)
}

/// The page number footer: centred, or on the outer edge one character in (`edge`) when
/// the style prints on both sides, as the PDF sets it.
fn page_number_footer(style: &StyleSheet, edge: Option<AlignmentType>) -> Footer {
    let text = |t: &str| text_run(t);
    let mut paragraph = Paragraph::new().style(ids::FOOTER);
    if let Some(edge) = edge {
        let one_char = Some(points_to_twips(style.header_footer.size_pt));
        let (left, right) = match edge {
            AlignmentType::Left => (one_char, None),
            _ => (None, one_char),
        };
        paragraph = paragraph.align(edge).indent(left, None, right, None);
    }
    let paragraph = match style.page_numbers {
        PageNumberStyle::Dashes => paragraph
            .add_run(text("— "))
            .add_page_num(PageNum::new())
            .add_run(text(" —")),
        PageNumberStyle::OfTotal => paragraph
            .add_run(text("第 "))
            .add_page_num(PageNum::new())
            .add_run(text(" 页 共 "))
            .add_num_pages(NumPages::new())
            .add_run(text(" 页")),
    };
    Footer::new().add_paragraph(paragraph)
}

/// The named styles, in the order Word lists them.
fn styles(sheet: &StyleSheet) -> Vec<Style> {
    let mut styles = title_and_cover_styles(sheet);
    styles.extend(contents_and_heading_styles(sheet));
    styles.extend(table_figure_and_signature_styles(sheet));
    styles.extend(header_and_footer_styles(sheet));
    styles
}

/// Exact line spacing: every line takes `pt`, as in the PDF.
fn exact_spacing(pt: f32) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(points_to_twips(pt))
}

/// A quick-format paragraph style with the fonts, size and weight of `text`.
fn paragraph_style(id: &str, name: &str, text: &TextStyle) -> Style {
    let mut s = Style::new(id, StyleType::Paragraph)
        .name(name)
        .q_format(true)
        .fonts(fonts(text))
        .size(half_points(text.size_pt));
    if text.docx_bold {
        s = s.bold();
    }
    s
}

/// The body (Normal), the title, and the cover's subtitle and lines.
fn title_and_cover_styles(sheet: &StyleSheet) -> Vec<Style> {
    let body = paragraph_style(ids::BODY, "Normal", &sheet.body)
        .indent(
            None,
            Some(SpecialIndentType::FirstLine(points_to_twips(
                sheet.first_line_indent_pt(),
            ))),
            None,
            None,
        )
        .line_spacing(exact_spacing(sheet.body_line_pitch_pt))
        .align(AlignmentType::Both)
        .snap_to_grid(false);
    let mut styles = vec![body];
    styles.push(
        paragraph_style(ids::TITLE, "Title", &sheet.title)
            .based_on(ids::BODY)
            .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None)
            .align(AlignmentType::Center)
            .line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Auto)
                    .line(360)
                    .after(points_to_twips(sheet.title.size_pt) as u32),
            ),
    );
    let cover_title = sheet.cover_title();
    styles.push(
        paragraph_style(ids::COVER_TITLE, "Cover Title", &cover_title)
            .based_on(ids::TITLE)
            .line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Auto)
                    .line(360)
                    .after(points_to_twips(cover_title.size_pt) as u32),
            ),
    );
    for (id, name) in [(ids::SUBTITLE, "Subtitle"), (ids::COVER, "Cover Line")] {
        let mut s = paragraph_style(id, name, &sheet.cover)
            .based_on(ids::BODY)
            .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None)
            .line_spacing(exact_spacing(sheet.body_line_pitch_pt * 1.2));
        s = if id == ids::SUBTITLE {
            s.align(AlignmentType::Center)
        } else {
            s.indent(
                Some(points_to_twips(sheet.cover.size_pt * 4.0)),
                Some(SpecialIndentType::FirstLine(0)),
                None,
                None,
            )
            .align(AlignmentType::Left)
        };
        styles.push(s);
    }
    styles
}

/// The contents' heading and entries, and the four heading levels.
fn contents_and_heading_styles(sheet: &StyleSheet) -> Vec<Style> {
    let mut styles = vec![
        paragraph_style(ids::TOC_HEADING, "TOC Heading", &sheet.headings[0])
            .based_on(ids::BODY)
            .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None)
            .align(AlignmentType::Center)
            .line_spacing(
                exact_spacing(sheet.body_line_pitch_pt)
                    .after(points_to_twips(sheet.body_line_pitch_pt) as u32),
            ),
    ];
    for (level, id) in ids::TOC.iter().enumerate() {
        let entry = sheet.contents_entry(level as u8 + 1);
        styles.push(
            paragraph_style(id, &format!("toc {}", level + 1), &entry)
                .based_on(ids::BODY)
                .next(ids::BODY)
                .indent(
                    Some(points_to_twips(sheet.body.size_pt * level as f32)),
                    Some(SpecialIndentType::FirstLine(0)),
                    None,
                    None,
                ),
        );
    }
    for (level, id) in ids::HEADINGS.iter().enumerate() {
        let text = &sheet.headings[level];
        styles.push(
            paragraph_style(id, &format!("heading {}", level + 1), text)
                .based_on(ids::BODY)
                .next(ids::BODY)
                .outline_lvl(level)
                .line_spacing(exact_spacing(sheet.body_line_pitch_pt))
                .align(AlignmentType::Left),
        );
    }
    styles
}

/// Table text, captions, figures and the signature.
fn table_figure_and_signature_styles(sheet: &StyleSheet) -> Vec<Style> {
    vec![
        paragraph_style(ids::TABLE_TEXT, "Table Text", &sheet.table)
            .based_on(ids::BODY)
            .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None)
            .line_spacing(exact_spacing(sheet.table_line_pitch_pt))
            .align(AlignmentType::Left),
        paragraph_style(ids::CAPTION, "caption", &sheet.table)
            .based_on(ids::BODY)
            .bold()
            .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None)
            .align(AlignmentType::Center)
            .line_spacing(exact_spacing(sheet.body_line_pitch_pt)),
        // Single (auto) line spacing: the body's exact spacing would clip an inline picture
        // to one line's height.
        paragraph_style(ids::FIGURE, "Figure", &sheet.body)
            .based_on(ids::BODY)
            .next(ids::CAPTION)
            .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None)
            .align(AlignmentType::Center)
            .line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Auto)
                    .line(240)
                    .before(points_to_twips(sheet.body_line_pitch_pt * 0.25) as u32),
            ),
        paragraph_style(ids::SIGNATURE, "Signature", &sheet.body)
            .based_on(ids::BODY)
            .indent(
                None,
                Some(SpecialIndentType::FirstLine(0)),
                Some(points_to_twips(sheet.body.size_pt * 2.0)),
                None,
            )
            .align(AlignmentType::Right),
    ]
}

/// The running header (its tab stop and rule are the paragraph's) and the page number
/// footer (centred).
fn header_and_footer_styles(sheet: &StyleSheet) -> Vec<Style> {
    [(ids::HEADER, "header"), (ids::FOOTER, "footer")]
        .into_iter()
        .map(|(id, name)| {
            paragraph_style(id, name, &sheet.header_footer)
                .based_on(ids::BODY)
                .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None)
                .line_spacing(
                    LineSpacing::new()
                        .line_rule(LineSpacingType::Auto)
                        .line(240),
                )
                .align(if id == ids::HEADER {
                    AlignmentType::Left
                } else {
                    AlignmentType::Center
                })
        })
        .collect()
}

fn fonts(text: &TextStyle) -> RunFonts {
    RunFonts::new()
        .east_asia(text.docx_east_asia)
        .ascii(text.docx_latin)
        .hi_ansi(text.docx_latin)
        .cs(text.docx_latin)
}

fn page_margin(style: &StyleSheet) -> PageMargin {
    PageMargin {
        top: mm_to_twips(style.margin_top_mm) as i32,
        bottom: mm_to_twips(style.margin_bottom_mm) as i32,
        left: mm_to_twips(style.margin_left_mm) as i32,
        right: mm_to_twips(style.margin_right_mm) as i32,
        header: mm_to_twips(style.margin_top_mm * 0.6) as i32,
        footer: mm_to_twips(style.margin_bottom_mm * 0.6) as i32,
        gutter: 0,
    }
}

fn half_points(pt: f32) -> usize {
    (pt * 2.0).round() as usize
}

fn points_to_twips(pt: f32) -> i32 {
    (pt * 20.0).round() as i32
}

fn mm_to_twips(mm: f32) -> u32 {
    (mm * 1440.0 / 25.4).round() as u32
}

#[cfg(test)]
mod tests {
    use super::block_order;

    #[test]
    fn a_floated_figure_moves_before_the_block_the_pdf_set_it_before() {
        assert_eq!(block_order(5, &[]), [0, 1, 2, 3, 4]);
        assert_eq!(block_order(5, &[(1, 4)]), [0, 2, 3, 1, 4]);
        assert_eq!(block_order(5, &[(1, 5)]), [0, 2, 3, 4, 1], "at the end");
        assert_eq!(block_order(5, &[(1, 2)]), [0, 1, 2, 3, 4], "in its place");
        assert_eq!(
            block_order(5, &[(1, 9)]),
            [0, 1, 2, 3, 4],
            "nowhere: in its place"
        );
    }
}
