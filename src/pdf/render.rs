//! Turns laid-out pages into PDF bytes: printpdf writes the pages and the subset fonts,
//! then the lopdf document it builds is finished here (outline, links, metadata, file id)
//! because printpdf's bookmarks are flat and its ids random.

use std::collections::BTreeSet;

use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use printpdf::{
    Codepoint, Color, FontId, Greyscale, Line, LineDashPattern, LinePoint, Mm, Op, PaintMode,
    PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfParseErrorSeverity, PdfSaveOptions, Point,
    Polygon, PolygonRing, Pt, Rgb, TextItem, TextMatrix, WindingOrder,
};

use super::fonts::PdfFonts;
use super::layout::{Anchor, Item, Laid, TextRun};
use super::PdfError;
use crate::date::Date;
use crate::diagram::{self, Segment};
use crate::document::Document;
use crate::style::PdfFace;

const FACES: [PdfFace; 3] = [PdfFace::SerifRegular, PdfFace::SerifBold, PdfFace::SansBold];

/// Position of a face in `FACES` (the style's enum has no ordering to key a map with).
fn face_index(face: PdfFace) -> usize {
    match face {
        PdfFace::SerifRegular => 0,
        PdfFace::SerifBold => 1,
        PdfFace::SansBold => 2,
    }
}

/// The resource name of each face, `None` for faces the document does not use.
type FontIds = [Option<FontId>; 3];

/// A 32-byte all-zero file identifier written as hex, replaced after saving by a hash of
/// the file so identical input gives identical bytes.
const ID_PLACEHOLDER: &[u8] = b"<00000000000000000000000000000000>";

pub(crate) fn render(laid: &Laid, doc: &Document, fonts: &PdfFonts) -> Result<Vec<u8>, PdfError> {
    let font_ids = font_ids(laid, fonts);
    let mut pdf = PdfDocument::new(&doc.meta.title);
    for (face, id) in FACES.iter().zip(&font_ids) {
        if let Some(id) = id {
            pdf.resources
                .fonts
                .map
                .insert(id.clone(), PdfFont::new(fonts.face(*face).font.clone()));
        }
    }
    let width = Mm::from(Pt(laid.page_width));
    let height = Mm::from(Pt(laid.page_height));
    let pages = laid
        .pages
        .iter()
        .map(|page| {
            PdfPage::new(
                width,
                height,
                page_ops(&page.items, laid.page_height, &font_ids, fonts),
            )
        })
        .collect();
    pdf.with_pages(pages);

    let options = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&options, &mut warnings);
    if let Some(w) = warnings
        .iter()
        .find(|w| w.severity == PdfParseErrorSeverity::Error)
    {
        return Err(PdfError::Write(w.msg.clone()));
    }
    finish(&mut lo, laid, doc)?;
    lo.compress();
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    stamp_id(&mut bytes)?;
    Ok(bytes)
}

/// Resource names for the faces the pages use. The name doubles as the six-letter subset
/// tag, so it is derived from the face and its glyph set: deterministic, and distinct for
/// different subsets as the PDF specification asks.
fn font_ids(laid: &Laid, fonts: &PdfFonts) -> FontIds {
    let mut used: [BTreeSet<u16>; 3] = Default::default();
    for page in &laid.pages {
        for item in &page.items {
            if let Item::Text(run) = item {
                used[face_index(run.face)].extend(run.glyphs.iter().map(|g| g.gid));
            }
        }
    }
    let mut ids: FontIds = Default::default();
    for (i, face) in FACES.into_iter().enumerate() {
        if used[i].is_empty() {
            continue;
        }
        let mut bytes = fonts.face(face).name.as_bytes().to_vec();
        bytes.extend(used[i].iter().flat_map(|g| g.to_be_bytes()));
        let mut h = fnv1a(0xcbf2_9ce4_8422_2325, &bytes);
        loop {
            let tag = subset_tag(h);
            if !ids.iter().flatten().any(|id| id.0 == tag) {
                ids[i] = Some(FontId(tag));
                break;
            }
            h = h.wrapping_add(1);
        }
    }
    ids
}

fn subset_tag(mut h: u64) -> String {
    (0..6)
        .map(|_| {
            let c = char::from(b'A' + (h % 26) as u8);
            h /= 26;
            c
        })
        .collect()
}

fn fnv1a(seed: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(seed, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Drawing operations of one page (PDF coordinates grow upwards, ours downwards).
fn page_ops(items: &[Item], page_h: f32, font_ids: &FontIds, fonts: &PdfFonts) -> Vec<Op> {
    let mut ops = Vec::new();
    let rules: Vec<&Item> = items
        .iter()
        .filter(|i| matches!(i, Item::Rule { .. }))
        .collect();
    if !rules.is_empty() {
        ops.push(Op::SaveGraphicsState);
        ops.push(Op::SetOutlineColor {
            col: Color::Greyscale(Greyscale {
                percent: 0.0,
                icc_profile: None,
            }),
        });
        let mut current_width = f32::NAN;
        for rule in rules {
            if let Item::Rule {
                x1,
                y1,
                x2,
                y2,
                width,
            } = *rule
            {
                if width != current_width {
                    ops.push(Op::SetOutlineThickness { pt: Pt(width) });
                    current_width = width;
                }
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![point(x1, page_h - y1), point(x2, page_h - y2)],
                        is_closed: false,
                    },
                });
            }
        }
        ops.push(Op::RestoreGraphicsState);
    }
    for item in items {
        if let Item::Path(path) = item {
            path_ops(&mut ops, path, page_h);
        }
    }
    let runs: Vec<&TextRun> = items
        .iter()
        .filter_map(|i| match i {
            Item::Text(run) if !run.glyphs.is_empty() => Some(run),
            _ => None,
        })
        .collect();
    if !runs.is_empty() {
        ops.push(Op::StartTextSection);
        let mut current: Option<(PdfFace, f32)> = None;
        let mut color: Option<diagram::Color> = None;
        for run in runs {
            let Some(id) = &font_ids[face_index(run.face)] else {
                continue;
            };
            if run.color != color {
                ops.push(Op::SetFillColor {
                    col: rgb(run.color.unwrap_or(diagram::Color::hex(0))),
                });
                color = run.color;
            }
            if current != Some((run.face, run.size)) {
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(id.clone()),
                    size: Pt(run.size),
                });
                current = Some((run.face, run.size));
            }
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(run.x + run.glyphs[0].x), Pt(page_h - run.y)),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::GlyphIds(codepoints(run, fonts))],
            });
        }
        ops.push(Op::EndTextSection);
    }
    ops
}

fn rgb(color: diagram::Color) -> Color {
    let [r, g, b] = color.unit();
    Color::Rgb(Rgb {
        r,
        g,
        b,
        icc_profile: None,
    })
}

/// A figure's shape as PDF path operators: closed shapes as filled and/or stroked
/// polygons (curves kept as Bézier segments), open lines stroked, each in its own
/// graphics state so colours and dashes do not leak.
fn path_ops(ops: &mut Vec<Op>, path: &diagram::Path, page_h: f32) {
    let stroke = path.stroke.as_ref().filter(|s| s.width > 0.0);
    let mode = match (path.fill, stroke) {
        (Some(_), Some(_)) => PaintMode::FillStroke,
        (Some(_), None) => PaintMode::Fill,
        (None, Some(_)) => PaintMode::Stroke,
        (None, None) => return,
    };
    let mut rings: Vec<Vec<LinePoint>> = Vec::new();
    for segment in &path.segments {
        let flip = |p: diagram::Point| (p.x, page_h - p.y);
        match *segment {
            Segment::MoveTo(p) => {
                let (x, y) = flip(p);
                rings.push(vec![point(x, y)]);
            }
            Segment::LineTo(p) => {
                let (x, y) = flip(p);
                if let Some(ring) = rings.last_mut() {
                    ring.push(point(x, y));
                }
            }
            Segment::CubicTo(a, b, c) => {
                if let Some(ring) = rings.last_mut() {
                    for (p, control) in [(a, true), (b, true), (c, false)] {
                        let (x, y) = flip(p);
                        ring.push(LinePoint {
                            p: Point { x: Pt(x), y: Pt(y) },
                            bezier: control,
                        });
                    }
                }
            }
            Segment::Close => {}
        }
    }
    rings.retain(|r| r.len() >= 2);
    if rings.is_empty() {
        return;
    }
    ops.push(Op::SaveGraphicsState);
    if let Some(fill) = path.fill {
        ops.push(Op::SetFillColor { col: rgb(fill) });
    }
    if let Some(stroke) = stroke {
        ops.push(Op::SetOutlineColor {
            col: rgb(stroke.color),
        });
        ops.push(Op::SetOutlineThickness {
            pt: Pt(stroke.width),
        });
        if let Some(dash) = stroke.dash {
            ops.push(Op::SetLineDashPattern {
                dash: LineDashPattern::new(0.0, &dash),
            });
        }
    }
    if path.is_closed() {
        ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: rings
                    .into_iter()
                    .map(|points| PolygonRing { points })
                    .collect(),
                mode,
                winding_order: WindingOrder::NonZero,
            },
        });
    } else {
        for points in rings {
            ops.push(Op::DrawLine {
                line: Line {
                    points,
                    is_closed: false,
                },
            });
        }
    }
    ops.push(Op::RestoreGraphicsState);
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: false,
    }
}

/// Glyph ids with the TJ adjustments that move each glyph from its natural position to
/// the laid-out one (justification, tab stops, leader dots).
fn codepoints(run: &TextRun, fonts: &PdfFonts) -> Vec<Codepoint> {
    let face = fonts.face(run.face);
    let glyphs = &run.glyphs;
    glyphs
        .iter()
        .enumerate()
        .map(|(k, g)| {
            let offset = match glyphs.get(k + 1) {
                Some(next) => {
                    let natural = face.advance_em(g.gid) * run.size;
                    let gap = next.x - g.x - natural;
                    // TJ numbers are thousandths of an em, positive moving left.
                    let thousandths = -gap * 1000.0 / run.size;
                    let rounded = (thousandths * 100.0).round() / 100.0;
                    if rounded.abs() < 0.01 {
                        0.0
                    } else {
                        rounded
                    }
                }
                None => 0.0,
            };
            Codepoint {
                gid: g.gid,
                offset,
                cid: Some(g.ch.to_string()),
            }
        })
        .collect()
}

/// Adds what printpdf does not write: document information, a nested outline, links
/// from the contents page, catalog hints, and a placeholder file id.
fn finish(lo: &mut lopdf::Document, laid: &Laid, doc: &Document) -> Result<(), PdfError> {
    lo.version = "1.7".to_string();
    let page_ids: Vec<ObjectId> = lo.get_pages().values().copied().collect();
    if page_ids.len() != laid.pages.len() {
        return Err(PdfError::Write(format!(
            "expected {} pages, printpdf wrote {}",
            laid.pages.len(),
            page_ids.len()
        )));
    }

    // Links from the contents entries to their headings.
    for (index, page) in laid.pages.iter().enumerate() {
        let links: Vec<Object> = page
            .items
            .iter()
            .filter_map(|item| match *item {
                Item::Link {
                    x1,
                    y1,
                    x2,
                    y2,
                    target,
                } => {
                    let anchor = laid.anchors.get(target)?;
                    let mut d = Dictionary::new();
                    d.set("Type", Object::Name(b"Annot".to_vec()));
                    d.set("Subtype", Object::Name(b"Link".to_vec()));
                    d.set(
                        "Rect",
                        Object::Array(
                            [x1, laid.page_height - y2, x2, laid.page_height - y1]
                                .into_iter()
                                .map(real)
                                .collect(),
                        ),
                    );
                    d.set("Border", Object::Array(vec![0.into(), 0.into(), 0.into()]));
                    d.set("Dest", destination(&page_ids, anchor, laid.page_height));
                    Some(Object::Dictionary(d))
                }
                _ => None,
            })
            .collect();
        if links.is_empty() {
            continue;
        }
        let refs: Vec<Object> = links
            .into_iter()
            .map(|l| Object::Reference(lo.add_object(l)))
            .collect();
        let page = lo
            .get_object_mut(page_ids[index])
            .and_then(Object::as_dict_mut)
            .map_err(|e| PdfError::Write(e.to_string()))?;
        page.set("Annots", Object::Array(refs));
    }

    let outline = add_outline(lo, &laid.anchors, &page_ids, laid.page_height);

    let info = info_dictionary(doc);
    let info_id = lo.add_object(Object::Dictionary(info));
    lo.trailer.set("Info", Object::Reference(info_id));
    let placeholder = Object::String(vec![0u8; 16], StringFormat::Hexadecimal);
    lo.trailer
        .set("ID", Object::Array(vec![placeholder.clone(), placeholder]));

    let catalog = lo
        .catalog_mut()
        .map_err(|e| PdfError::Write(e.to_string()))?;
    catalog.set(
        "Lang",
        Object::String(b"zh-CN".to_vec(), StringFormat::Literal),
    );
    let mut prefs = Dictionary::new();
    prefs.set("DisplayDocTitle", Object::Boolean(true));
    catalog.set("ViewerPreferences", Object::Dictionary(prefs));
    match outline {
        Some(id) => {
            catalog.set("Outlines", Object::Reference(id));
            catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        }
        None => catalog.set("PageMode", Object::Name(b"UseNone".to_vec())),
    }
    Ok(())
}

fn real(v: f32) -> Object {
    Object::Real((v * 100.0).round() / 100.0)
}

/// Jump to the top of a heading's line.
fn destination(page_ids: &[ObjectId], anchor: &Anchor, page_h: f32) -> Object {
    let page = page_ids
        .get(anchor.page)
        .or(page_ids.first())
        .copied()
        .unwrap_or((0, 0));
    Object::Array(vec![
        Object::Reference(page),
        Object::Name(b"XYZ".to_vec()),
        Object::Null,
        real(page_h - anchor.y + 4.0),
        Object::Null,
    ])
}

/// Outline of level 1 headings with their level 2 headings nested, in document order.
fn add_outline(
    lo: &mut lopdf::Document,
    anchors: &[Anchor],
    page_ids: &[ObjectId],
    page_h: f32,
) -> Option<ObjectId> {
    let mut tree: Vec<(&Anchor, Vec<&Anchor>)> = Vec::new();
    for a in anchors {
        match a.level {
            1 => tree.push((a, Vec::new())),
            2 => match tree.last_mut() {
                Some((_, children)) => children.push(a),
                None => tree.push((a, Vec::new())),
            },
            _ => {}
        }
    }
    if tree.is_empty() {
        return None;
    }
    let root = lo.new_object_id();
    let top_ids: Vec<ObjectId> = tree.iter().map(|_| lo.new_object_id()).collect();
    let mut total = top_ids.len();
    for (i, (anchor, children)) in tree.iter().enumerate() {
        let child_ids: Vec<ObjectId> = children.iter().map(|_| lo.new_object_id()).collect();
        for (j, child) in children.iter().enumerate() {
            let mut d = outline_item(child, top_ids[i], page_ids, page_h);
            if j > 0 {
                d.set("Prev", Object::Reference(child_ids[j - 1]));
            }
            if j + 1 < child_ids.len() {
                d.set("Next", Object::Reference(child_ids[j + 1]));
            }
            lo.objects.insert(child_ids[j], Object::Dictionary(d));
        }
        let mut d = outline_item(anchor, root, page_ids, page_h);
        if i > 0 {
            d.set("Prev", Object::Reference(top_ids[i - 1]));
        }
        if i + 1 < top_ids.len() {
            d.set("Next", Object::Reference(top_ids[i + 1]));
        }
        if let (Some(first), Some(last)) = (child_ids.first(), child_ids.last()) {
            d.set("First", Object::Reference(*first));
            d.set("Last", Object::Reference(*last));
            // Positive: open, showing the level 2 headings.
            d.set("Count", Object::Integer(child_ids.len() as i64));
            total += child_ids.len();
        }
        lo.objects.insert(top_ids[i], Object::Dictionary(d));
    }
    let mut d = Dictionary::new();
    d.set("Type", Object::Name(b"Outlines".to_vec()));
    d.set("First", Object::Reference(top_ids[0]));
    d.set("Last", Object::Reference(top_ids[top_ids.len() - 1]));
    d.set("Count", Object::Integer(total as i64));
    lo.objects.insert(root, Object::Dictionary(d));
    Some(root)
}

fn outline_item(
    anchor: &Anchor,
    parent: ObjectId,
    page_ids: &[ObjectId],
    page_h: f32,
) -> Dictionary {
    let mut d = Dictionary::new();
    d.set("Title", text_string(&anchor.title));
    d.set("Parent", Object::Reference(parent));
    d.set("Dest", destination(page_ids, anchor, page_h));
    d
}

/// A PDF text string in UTF-16BE with a byte order mark (needed for Chinese).
fn text_string(text: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(bytes, StringFormat::Hexadecimal)
}

fn info_dictionary(doc: &Document) -> Dictionary {
    let meta = &doc.meta;
    let mut d = Dictionary::new();
    d.set("Title", text_string(&meta.title));
    if let Some(author) = &meta.author {
        d.set("Author", text_string(author));
    }
    if let Some(subject) = &meta.subtitle {
        d.set("Subject", text_string(subject));
    }
    let creator = format!("icp-docs {}", env!("CARGO_PKG_VERSION"));
    d.set("Creator", text_string(&creator));
    d.set("Producer", text_string(&format!("{creator} (printpdf)")));
    if let Some(date) = pdf_date(meta.date) {
        d.set(
            "CreationDate",
            Object::String(date.clone().into_bytes(), StringFormat::Literal),
        );
        d.set(
            "ModDate",
            Object::String(date.into_bytes(), StringFormat::Literal),
        );
    }
    d
}

/// The file's date: `SOURCE_DATE_EPOCH` when set (reproducible builds ask for it to win),
/// else the document's own date at midnight China time; never the clock.
fn pdf_date(date: Option<Date>) -> Option<String> {
    if let Some(secs) = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
    {
        if let Some(day) = Date::from_unix_seconds(secs) {
            let rem = secs.rem_euclid(86_400);
            return Some(format!(
                "D:{:04}{:02}{:02}{:02}{:02}{:02}Z",
                day.year,
                day.month,
                day.day,
                rem / 3600,
                rem % 3600 / 60,
                rem % 60
            ));
        }
    }
    date.map(|d| format!("D:{:04}{:02}{:02}000000+08'00'", d.year, d.month, d.day))
}

/// Replaces the placeholder file identifier with a hash of the whole file (same length,
/// so the cross-reference offsets stay valid).
fn stamp_id(bytes: &mut [u8]) -> Result<(), PdfError> {
    let h1 = fnv1a(0xcbf2_9ce4_8422_2325, bytes);
    let h2 = fnv1a(h1 ^ 0x9e37_79b9_7f4a_7c15, bytes);
    let hex: String = h1
        .to_be_bytes()
        .iter()
        .chain(h2.to_be_bytes().iter())
        .map(|b| format!("{b:02X}"))
        .collect();
    let id = format!("<{hex}>");
    let trailer = find_last(bytes, b"trailer")
        .ok_or_else(|| PdfError::Write("no trailer in the saved PDF".into()))?;
    let mut from = trailer;
    let mut count = 0;
    while let Some(pos) = find_from(bytes, ID_PLACEHOLDER, from) {
        bytes[pos..pos + ID_PLACEHOLDER.len()].copy_from_slice(id.as_bytes());
        from = pos + ID_PLACEHOLDER.len();
        count += 1;
    }
    if count == 2 {
        Ok(())
    } else {
        Err(PdfError::Write(
            "file identifier not found in the trailer".into(),
        ))
    }
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

fn find_from(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subset_tags_are_six_capitals() {
        for h in [0u64, 1, u64::MAX, 0x1234_5678_9abc_def0] {
            let tag = subset_tag(h);
            assert_eq!(tag.len(), 6);
            assert!(tag.chars().all(|c| c.is_ascii_uppercase()));
        }
    }

    #[test]
    fn id_is_stamped_twice_in_the_trailer() {
        let mut bytes = b"%PDF-1.7\n<00000000000000000000000000000000>\ntrailer\n<</ID[<00000000000000000000000000000000><00000000000000000000000000000000>]>>".to_vec();
        stamp_id(&mut bytes).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        // The one before the trailer (e.g. inside a content stream) stays untouched.
        assert_eq!(
            text.matches("<00000000000000000000000000000000>").count(),
            1
        );
    }
}
