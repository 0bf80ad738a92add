//! Turns laid-out pages into PDF bytes.
//!
//! The file is assembled here with lopdf's object model: page content streams (see
//! `content.rs`), the fonts as desubroutinized CFF subsets (`cff.rs`) with their widths
//! and ToUnicode maps, the nested outline, links, metadata and a file id that is a hash
//! of the file, so the same input always gives the same bytes.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};

use std::sync::OnceLock;

use super::cff::Cff;
use super::content::{self, FontUse};
use super::PdfError;
use crate::document::Document;
use crate::text::{Face, FaceId, Fonts};
use crate::typeset::{Anchor, Item, Layout};
use crate::zh::date::Date;

/// The CFF programs of the embedded faces, parsed once per process, for subsetting.
fn programs() -> Result<&'static [Cff], PdfError> {
    static PROGRAMS: OnceLock<Result<Vec<Cff>, String>> = OnceLock::new();
    PROGRAMS
        .get_or_init(|| {
            let fonts = Fonts::embedded().map_err(|e| e.to_string())?;
            FaceId::ALL
                .iter()
                .map(|&id| {
                    let face = fonts.face(id);
                    let table = face
                        .table(b"CFF ")
                        .ok_or_else(|| format!("{}: no CFF outlines", face.name))?;
                    let cff = Cff::parse(table).map_err(|e| format!("{}: {e}", face.name))?;
                    if cff.glyph_count() != usize::from(face.glyph_count()) {
                        return Err(format!(
                            "{}: hmtx and CFF disagree on the number of glyphs",
                            face.name
                        ));
                    }
                    Ok(cff)
                })
                .collect()
        })
        .as_ref()
        .map(Vec::as_slice)
        .map_err(|message| PdfError::Font(message.clone()))
}

/// A 32-byte all-zero file identifier written as hex, replaced after saving by a hash of
/// the file so identical input gives identical bytes.
const ID_PLACEHOLDER: &[u8] = b"<00000000000000000000000000000000>";

pub(crate) fn assemble(laid: &Layout, doc: &Document) -> Result<Vec<u8>, PdfError> {
    let fonts = Fonts::embedded().map_err(|e| PdfError::Font(e.to_string()))?;
    let programs = programs()?;
    let mut lo = lopdf::Document::with_version("1.7");

    // Glyphs used per face, with the character each stands for (the first one seen).
    let mut used: [BTreeMap<u16, char>; 3] = Default::default();
    for page in &laid.pages {
        for item in &page.items {
            if let Item::Text(run) = item {
                let map = &mut used[run.face.index()];
                for g in &run.glyphs {
                    map.entry(g.gid).or_insert(g.ch);
                }
            }
        }
    }

    let mut font_uses: Vec<Option<FontUse<'_>>> = Vec::with_capacity(FaceId::ALL.len());
    let mut font_resources = Dictionary::new();
    let mut tags: Vec<String> = Vec::new();
    for (i, face) in FaceId::ALL.into_iter().enumerate() {
        if used[i].is_empty() {
            font_uses.push(None);
            continue;
        }
        let face = fonts.face(face);
        let tag = subset_tag_for(face, &used[i], &tags);
        tags.push(tag.clone());
        let (font_id, codes) = add_font(&mut lo, face, &programs[i], &used[i], &tag)?;
        let resource = format!("F{}", i + 1);
        font_resources.set(resource.as_bytes(), Object::Reference(font_id));
        font_uses.push(Some(FontUse {
            face,
            resource,
            codes,
        }));
    }
    let mut resources = Dictionary::new();
    resources.set("Font", Object::Dictionary(font_resources));
    let resources_id = lo.add_object(Object::Dictionary(resources));

    let pages_id = lo.new_object_id();
    let media_box = Object::Array(vec![
        0.into(),
        0.into(),
        real(laid.page_width),
        real(laid.page_height),
    ]);
    let mut kids = Vec::with_capacity(laid.pages.len());
    for page in &laid.pages {
        let bytes = content::page_content(&page.items, laid.page_height, &font_uses);
        let content_id = lo.add_object(compressed(Dictionary::new(), bytes)?);
        let mut d = Dictionary::new();
        d.set("Type", Object::Name(b"Page".to_vec()));
        d.set("Parent", Object::Reference(pages_id));
        d.set("MediaBox", media_box.clone());
        d.set("Resources", Object::Reference(resources_id));
        d.set("Contents", Object::Reference(content_id));
        kids.push(Object::Reference(lo.add_object(Object::Dictionary(d))));
    }
    page_tree(&mut lo, pages_id, kids);

    finish(&mut lo, laid, doc)?;
    let mut bytes = Vec::new();
    // Object streams pack the many small dictionaries (pages, outline items, links)
    // into compressed streams; readers have handled them since PDF 1.5 (2003).
    let options = lopdf::SaveOptions::builder()
        .use_object_streams(true)
        .use_xref_streams(true)
        .max_objects_per_stream(500)
        .compression_level(DEFLATE_LEVEL)
        .build();
    lo.save_with_options(&mut bytes, options)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    stamp_id(&mut bytes)?;
    Ok(bytes)
}

/// The page tree of `kids` under `pages_id`, and the catalog naming it as the root.
pub(super) fn page_tree(lo: &mut lopdf::Document, pages_id: ObjectId, kids: Vec<Object>) {
    let mut pages = Dictionary::new();
    pages.set("Type", Object::Name(b"Pages".to_vec()));
    pages.set("Count", Object::Integer(kids.len() as i64));
    pages.set("Kids", Object::Array(kids));
    lo.objects.insert(pages_id, Object::Dictionary(pages));
    let mut catalog = Dictionary::new();
    catalog.set("Type", Object::Name(b"Catalog".to_vec()));
    catalog.set("Pages", Object::Reference(pages_id));
    let catalog_id = lo.add_object(Object::Dictionary(catalog));
    lo.trailer.set("Root", Object::Reference(catalog_id));
}

/// A Flate-compressed stream (left plain in the rare case compression does not pay).
fn compressed(mut dict: Dictionary, bytes: Vec<u8>) -> Result<Object, PdfError> {
    let packed = deflate(&bytes)?;
    // Same rule as lopdf's own `Stream::compress`: the filter entry costs about 19 bytes.
    if packed.len() + 19 < bytes.len() {
        dict.set("Filter", "FlateDecode");
        Ok(Object::Stream(
            Stream::new(dict, packed).with_compression(false),
        ))
    } else {
        Ok(Object::Stream(
            Stream::new(dict, bytes).with_compression(false),
        ))
    }
}

/// Deflate level of every stream and object stream, chosen by measurement on the example
/// set (eight PDFs, mostly font programs): level 9 spent half of a cold run in the
/// compressor; against it, level 6 gives files 0.8% larger, 3 1.7%, 2 2.6% for a quarter
/// less compressing than 6, and 1 (a different algorithm) 19%.
const DEFLATE_LEVEL: u32 = 2;

/// Zlib-wraps `bytes` with one compressor per thread, reset between streams: a document
/// has hundreds of streams and setting a compressor up costs more than a small stream.
fn deflate(bytes: &[u8]) -> Result<Vec<u8>, PdfError> {
    use flate2::{Compress, Compression, FlushCompress, Status};
    use std::cell::RefCell;
    thread_local! {
        static COMPRESSOR: RefCell<Compress> =
            RefCell::new(Compress::new(Compression::new(DEFLATE_LEVEL), true));
    }
    COMPRESSOR.with(|cell| {
        let mut compressor = cell.borrow_mut();
        compressor.reset();
        let mut out = Vec::with_capacity(bytes.len() / 2 + 64);
        loop {
            let consumed = compressor.total_in() as usize;
            let input = bytes.get(consumed..).unwrap_or_default();
            let status = compressor
                .compress_vec(input, &mut out, FlushCompress::Finish)
                .map_err(|e| PdfError::Write(e.to_string()))?;
            match status {
                Status::StreamEnd => return Ok(out),
                Status::Ok | Status::BufError => out.reserve(out.capacity().max(1024)),
            }
        }
    })
}

/// The six-letter subset tag: derived from the face and its glyph set, so it is
/// deterministic and, as the PDF specification asks, differs between different subsets.
fn subset_tag_for(face: &Face, glyphs: &BTreeMap<u16, char>, taken: &[String]) -> String {
    let mut bytes = face.name.as_bytes().to_vec();
    bytes.extend(glyphs.keys().flat_map(|g| g.to_be_bytes()));
    let mut h = fnv1a(0xcbf2_9ce4_8422_2325, &bytes);
    loop {
        let tag = subset_tag(h);
        if !taken.contains(&tag) {
            return tag;
        }
        h = h.wrapping_add(1);
    }
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

/// Embeds the subset of `face` holding `glyphs` as a Type 0 font (CIDFontType0 with a
/// CFF font program, Identity-H). Returns the font's id and the code of each source glyph.
fn add_font(
    lo: &mut lopdf::Document,
    face: &Face,
    cff: &Cff,
    glyphs: &BTreeMap<u16, char>,
    tag: &str,
) -> Result<(ObjectId, Vec<u16>), PdfError> {
    let gids: Vec<u16> = glyphs.keys().copied().filter(|&g| g != 0).collect();
    let mut codes = vec![0u16; cff.glyph_count()];
    for (k, &g) in gids.iter().enumerate() {
        if let Some(c) = codes.get_mut(usize::from(g)) {
            *c = (k + 1) as u16;
        }
    }
    let program = cff.subset(&gids)?;
    let mut file_dict = Dictionary::new();
    file_dict.set("Subtype", Object::Name(b"CIDFontType0C".to_vec()));
    let file_id = lo.add_object(compressed(file_dict, program)?);

    let base_font = format!("{tag}+{}", face.postscript_name);
    let m = &face.metrics;
    let mut descriptor = Dictionary::new();
    descriptor.set("Type", Object::Name(b"FontDescriptor".to_vec()));
    descriptor.set("FontName", Object::Name(base_font.clone().into_bytes()));
    // Symbolic: the glyphs are addressed by CID, not through a standard encoding.
    descriptor.set("Flags", Object::Integer(4));
    descriptor.set(
        "FontBBox",
        Object::Array(m.bbox.iter().map(|&v| Object::Integer(v.into())).collect()),
    );
    descriptor.set("ItalicAngle", real(m.italic_angle));
    descriptor.set("Ascent", Object::Integer(m.ascent.into()));
    descriptor.set("Descent", Object::Integer(m.descent.into()));
    descriptor.set("CapHeight", Object::Integer(m.cap_height.into()));
    descriptor.set("StemV", Object::Integer(m.stem_v.into()));
    descriptor.set("FontFile3", Object::Reference(file_id));
    let descriptor_id = lo.add_object(Object::Dictionary(descriptor));

    let mut cid_font = Dictionary::new();
    cid_font.set("Type", Object::Name(b"Font".to_vec()));
    cid_font.set("Subtype", Object::Name(b"CIDFontType0".to_vec()));
    cid_font.set("BaseFont", Object::Name(base_font.clone().into_bytes()));
    let mut system = Dictionary::new();
    system.set("Registry", Object::string_literal("Adobe"));
    system.set("Ordering", Object::string_literal("Identity"));
    system.set("Supplement", Object::Integer(0));
    cid_font.set("CIDSystemInfo", Object::Dictionary(system));
    cid_font.set("FontDescriptor", Object::Reference(descriptor_id));
    cid_font.set("DW", Object::Integer(1000));
    cid_font.set("W", widths(face, &gids));
    let cid_font_id = lo.add_object(Object::Dictionary(cid_font));

    let cmap = to_unicode(glyphs, &codes);
    let cmap_id = lo.add_object(compressed(Dictionary::new(), cmap)?);

    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    font.set("Subtype", Object::Name(b"Type0".to_vec()));
    font.set("BaseFont", Object::Name(base_font.into_bytes()));
    font.set("Encoding", Object::Name(b"Identity-H".to_vec()));
    font.set(
        "DescendantFonts",
        Object::Array(vec![Object::Reference(cid_font_id)]),
    );
    font.set("ToUnicode", Object::Reference(cmap_id));
    Ok((lo.add_object(Object::Dictionary(font)), codes))
}

/// `/W`: the widths that differ from the default 1000 (ideographs and full-width
/// punctuation are 1000), as `first [w w …]` groups of consecutive CIDs.
fn widths(face: &Face, gids: &[u16]) -> Object {
    let mut out = Vec::new();
    let mut group: Vec<Object> = Vec::new();
    let mut first = 0usize;
    for (k, &g) in gids.iter().enumerate() {
        let cid = k + 1;
        let w = face.advance_units(g);
        if w == 1000 {
            continue;
        }
        if !group.is_empty() && first + group.len() != cid {
            out.push(Object::Integer(first as i64));
            out.push(Object::Array(std::mem::take(&mut group)));
        }
        if group.is_empty() {
            first = cid;
        }
        group.push(Object::Integer(w.into()));
    }
    if !group.is_empty() {
        out.push(Object::Integer(first as i64));
        out.push(Object::Array(group));
    }
    Object::Array(out)
}

/// The ToUnicode CMap: code → character, in `bfrange` runs where both go up together
/// (digits, letters) and `bfchar` entries otherwise, at most 100 per block.
fn to_unicode(glyphs: &BTreeMap<u16, char>, codes: &[u16]) -> Vec<u8> {
    let mut pairs: Vec<(u16, char)> = glyphs
        .iter()
        .filter_map(|(&g, &ch)| {
            let code = *codes.get(usize::from(g))?;
            (code != 0).then_some((code, ch))
        })
        .collect();
    pairs.sort_unstable();
    let mut ranges: Vec<(u16, u16, char)> = Vec::new();
    let mut singles: Vec<(u16, char)> = Vec::new();
    let mut i = 0;
    while i < pairs.len() {
        let (code, ch) = pairs[i];
        let mut j = i + 1;
        while j < pairs.len()
            && pairs[j].0 == code + (j - i) as u16
            && u32::from(pairs[j].1) == u32::from(ch) + (j - i) as u32
            && pairs[j].0 >> 8 == code >> 8
            && u32::from(ch) < 0xD800
            && u32::from(pairs[j].1) < 0xD800
        {
            j += 1;
        }
        if j - i >= 3 {
            ranges.push((code, pairs[j - 1].0, ch));
        } else {
            singles.extend_from_slice(&pairs[i..j]);
        }
        i = j;
    }
    let mut out = Vec::with_capacity(64 + pairs.len() * 16);
    out.extend_from_slice(
        b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let utf16 = |out: &mut Vec<u8>, ch: char| {
        let mut units = [0u16; 2];
        out.push(b'<');
        for u in ch.encode_utf16(&mut units) {
            out.extend_from_slice(format!("{u:04X}").as_bytes());
        }
        out.push(b'>');
    };
    for block in singles.chunks(100) {
        out.extend_from_slice(format!("{} beginbfchar\n", block.len()).as_bytes());
        for &(code, ch) in block {
            out.extend_from_slice(format!("<{code:04X}> ").as_bytes());
            utf16(&mut out, ch);
            out.push(b'\n');
        }
        out.extend_from_slice(b"endbfchar\n");
    }
    for block in ranges.chunks(100) {
        out.extend_from_slice(format!("{} beginbfrange\n", block.len()).as_bytes());
        for &(a, b, ch) in block {
            out.extend_from_slice(format!("<{a:04X}> <{b:04X}> ").as_bytes());
            utf16(&mut out, ch);
            out.push(b'\n');
        }
        out.extend_from_slice(b"endbfrange\n");
    }
    out.extend_from_slice(b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}

/// Adds document information, a nested outline, links from the contents page, catalog
/// hints, and a placeholder file id.
fn finish(lo: &mut lopdf::Document, laid: &Layout, doc: &Document) -> Result<(), PdfError> {
    let page_ids: Vec<ObjectId> = lo.get_pages().values().copied().collect();
    if page_ids.len() != laid.pages.len() {
        return Err(PdfError::Write(format!(
            "expected {} pages, wrote {}",
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
    if let Some(labels) = page_labels(laid) {
        catalog.set("PageLabels", labels);
    }
    match outline {
        Some(id) => {
            catalog.set("Outlines", Object::Reference(id));
            catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        }
        None => catalog.set("PageMode", Object::Name(b"UseNone".to_vec())),
    }
    Ok(())
}

/// The page labels a viewer's page box shows (ISO 32000-1, 12.4.2): the printed numbers,
/// counting from the first body page, with the cover and contents as i, ii …, so that
/// 「go to page 5」 finds the page printed 「— 5 —」. Without front matter or page numbers
/// the default labels are already right.
fn page_labels(laid: &Layout) -> Option<Object> {
    if laid.first_body_page == 0 || !laid.page_numbers {
        return None;
    }
    let style = |name: &[u8]| {
        let mut d = Dictionary::new();
        d.set("S", Object::Name(name.to_vec()));
        d
    };
    let mut body = style(b"D");
    body.set("St", Object::Integer(1));
    let first_body = i64::try_from(laid.first_body_page).ok()?;
    let nums = vec![
        Object::Integer(0),
        Object::Dictionary(style(b"r")),
        Object::Integer(first_body),
        Object::Dictionary(body),
    ];
    let mut labels = Dictionary::new();
    labels.set("Nums", Object::Array(nums));
    Some(Object::Dictionary(labels))
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
    if let Some(subject) = &meta.subject {
        d.set("Subject", text_string(subject));
    }
    let creator = format!("icp-docs {}", env!("CARGO_PKG_VERSION"));
    d.set("Creator", text_string(&creator));
    d.set("Producer", text_string(&creator));
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

/// The file's date by the policy of [`crate::zh::date::file_date`], with the time of day:
/// `SOURCE_DATE_EPOCH`'s own time, or midnight China time on the document's date.
fn pdf_date(date: Option<Date>) -> Option<String> {
    if let Some(secs) = crate::zh::date::source_date_epoch() {
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
    // SHA-256 rather than a byte-at-a-time hash: the processor hashes a megabyte in well
    // under a millisecond. The identifier is its first 16 bytes, as PDF files usually have.
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(&*bytes);
    let hex: String = digest[..16].iter().map(|b| format!("{b:02X}")).collect();
    let id = format!("<{hex}>");
    // The trailer entries are in the trailer or in the dictionary of the cross-reference
    // stream, the last object of the file.
    let trailer = find_last(bytes, b"trailer")
        .or_else(|| find_last(bytes, b" obj"))
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
