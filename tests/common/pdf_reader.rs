//! Reading a PDF back the way a viewer does: glyph runs positioned from the content
//! streams with the fonts' `/W` widths and decoded through their ToUnicode maps, then
//! grouped into lines by baseline. Independent of the writer's code on purpose.
#![allow(dead_code)]

use std::collections::BTreeMap;

use lopdf::{Object, ObjectId};

use super::squeeze;

/// One text-showing operation: its decoded text and where its glyphs landed.
#[derive(Debug, Clone)]
pub struct Run {
    pub text: String,
    /// Origin of the first glyph and end of the last glyph's advance, in points.
    pub x0: f64,
    pub x1: f64,
    /// Baseline, PDF coordinates (y grows upwards).
    pub y: f64,
    pub size: f64,
    /// Character spacing (`Tc`) in effect, in points: the extra space after each glyph.
    pub char_spacing: f64,
    /// Glyphs shown.
    pub glyphs: usize,
}

/// Runs on one baseline that belong together (not separated by a table rule or a wide
/// gap): a line of a paragraph, of a table cell, a header item.
#[derive(Debug, Clone)]
pub struct Line {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
    pub y: f64,
    pub size: f64,
}

#[derive(Debug)]
pub struct PdfPage {
    pub width: f64,
    pub height: f64,
    /// In content stream order.
    pub runs: Vec<Run>,
    /// Vertical rules: x, lower y, upper y.
    pub vertical_rules: Vec<(f64, f64, f64)>,
}

impl PdfPage {
    /// Text in content stream order, whitespace removed.
    pub fn text(&self) -> String {
        squeeze(
            &self
                .runs
                .iter()
                .map(|r| r.text.as_str())
                .collect::<String>(),
        )
    }

    /// Lines top to bottom, each left to right. Leader dots (runs of dots only) are left
    /// out: they separate a contents entry from its page number.
    pub fn lines(&self) -> Vec<Line> {
        let mut runs: Vec<&Run> = self
            .runs
            .iter()
            .filter(|r| !(r.text.chars().count() >= 3 && r.text.chars().all(|c| c == '.')))
            .filter(|r| !r.text.trim().is_empty())
            .collect();
        runs.sort_by(|a, b| {
            b.y.partial_cmp(&a.y)
                .unwrap()
                .then(a.x0.partial_cmp(&b.x0).unwrap())
        });
        let mut lines: Vec<Line> = Vec::new();
        let mut prev: Option<&Run> = None;
        for run in runs {
            let joins = prev.is_some_and(|p| {
                (p.y - run.y).abs() < 0.5
                    && run.x0 - p.x1 < 2.0 * p.size.max(run.size)
                    && !self.vertical_rules.iter().any(|&(x, lo, hi)| {
                        x > p.x1 - 0.5 && x < run.x0 + 0.5 && lo <= run.y && run.y <= hi
                    })
            });
            match lines.last_mut() {
                Some(line) if joins => {
                    line.text.push_str(&run.text);
                    line.x1 = line.x1.max(run.x1);
                    line.size = line.size.max(run.size);
                }
                _ => lines.push(Line {
                    text: run.text.clone(),
                    x0: run.x0,
                    x1: run.x1,
                    y: run.y,
                    size: run.size,
                }),
            }
            prev = Some(run);
        }
        lines
    }
}

/// What a font resource needs for reading text: widths and the ToUnicode map.
pub struct FontInfo {
    pub default_width: f64,
    pub widths: BTreeMap<u32, f64>,
    pub to_unicode: BTreeMap<u32, String>,
}

pub struct Pdf {
    pub doc: lopdf::Document,
    pub pages: Vec<PdfPage>,
}

#[derive(Clone, Copy)]
pub struct Matrix(pub [f64; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    pub fn then(self, o: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = o.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    pub fn apply(self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }

    pub fn translate(x: f64, y: f64) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }
}

pub fn number(o: &Object) -> f64 {
    match o {
        Object::Integer(i) => *i as f64,
        Object::Real(r) => f64::from(*r),
        other => panic!("not a number: {other:?}"),
    }
}

pub fn resolve<'a>(doc: &'a lopdf::Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).expect("reference resolves"),
        other => other,
    }
}

pub fn dict<'a>(doc: &'a lopdf::Document, o: &'a Object) -> &'a lopdf::Dictionary {
    resolve(doc, o).as_dict().expect("a dictionary")
}

pub fn stream_bytes(doc: &lopdf::Document, o: &Object) -> Vec<u8> {
    let s = resolve(doc, o).as_stream().expect("a stream");
    s.decompressed_content()
        .unwrap_or_else(|_| s.content.clone())
}

pub fn hex_code(s: &str) -> u32 {
    u32::from_str_radix(s, 16).expect("hex")
}

pub fn utf16_hex(s: &str) -> String {
    let units: Vec<u16> = (0..s.len() / 4)
        .map(|k| u16::from_str_radix(&s[k * 4..k * 4 + 4], 16).expect("hex"))
        .collect();
    String::from_utf16(&units).expect("UTF-16")
}

/// The `bfchar` and `bfrange` entries of a ToUnicode CMap (2-byte codes).
pub fn parse_to_unicode(cmap: &str) -> BTreeMap<u32, String> {
    let mut map = BTreeMap::new();
    let tokens: Vec<&str> = cmap.split_whitespace().collect();
    let hex = |t: &str| t.strip_prefix('<')?.strip_suffix('>').map(str::to_string);
    let mut i = 0;
    while i < tokens.len() {
        match tokens[i] {
            "beginbfchar" => {
                i += 1;
                while tokens[i] != "endbfchar" {
                    let (src, dst) = (hex(tokens[i]).unwrap(), hex(tokens[i + 1]).unwrap());
                    map.insert(hex_code(&src), utf16_hex(&dst));
                    i += 2;
                }
            }
            "beginbfrange" => {
                i += 1;
                while tokens[i] != "endbfrange" {
                    let lo = hex_code(&hex(tokens[i]).unwrap());
                    let hi = hex_code(&hex(tokens[i + 1]).unwrap());
                    let dst = hex(tokens[i + 2]).expect("bfrange to a single string");
                    let first = utf16_hex(&dst).chars().next().unwrap();
                    for (k, code) in (lo..=hi).enumerate() {
                        let ch = char::from_u32(first as u32 + k as u32).unwrap();
                        map.insert(code, ch.to_string());
                    }
                    i += 3;
                }
            }
            _ => {}
        }
        i += 1;
    }
    map
}

pub fn font_info(doc: &lopdf::Document, font: &lopdf::Dictionary) -> FontInfo {
    assert_eq!(
        font.get(b"Subtype").unwrap().as_name().unwrap(),
        b"Type0",
        "only Type 0 (CID) fonts are expected"
    );
    let descendants = resolve(doc, font.get(b"DescendantFonts").unwrap())
        .as_array()
        .unwrap();
    let cid = dict(doc, &descendants[0]);
    let default_width = cid.get(b"DW").map(number).unwrap_or(1000.0);
    let mut widths = BTreeMap::new();
    if let Ok(w) = cid.get(b"W") {
        let w = resolve(doc, w).as_array().unwrap();
        let mut i = 0;
        while i < w.len() {
            let first = number(&w[i]) as u32;
            match resolve(doc, &w[i + 1]) {
                Object::Array(list) => {
                    for (k, v) in list.iter().enumerate() {
                        widths.insert(first + k as u32, number(v));
                    }
                    i += 2;
                }
                last => {
                    for code in first..=number(last) as u32 {
                        widths.insert(code, number(&w[i + 2]));
                    }
                    i += 3;
                }
            }
        }
    }
    let cmap = stream_bytes(doc, font.get(b"ToUnicode").expect("ToUnicode"));
    FontInfo {
        default_width,
        widths,
        to_unicode: parse_to_unicode(&String::from_utf8_lossy(&cmap)),
    }
}

impl Pdf {
    pub fn read(bytes: &[u8]) -> Pdf {
        let doc = lopdf::Document::load_mem(bytes).expect("the PDF parses");
        let mut pages = Vec::new();
        for (_, page_id) in doc.get_pages() {
            pages.push(read_page(&doc, page_id));
        }
        Pdf { doc, pages }
    }

    pub fn info(&self, key: &str) -> Option<String> {
        let info = self.doc.trailer.get(b"Info").ok()?;
        let value = dict(&self.doc, info).get(key.as_bytes()).ok()?;
        lopdf::decode_text_string(resolve(&self.doc, value)).ok()
    }
}

pub fn read_page(doc: &lopdf::Document, page_id: ObjectId) -> PdfPage {
    let page = doc.get_dictionary(page_id).unwrap();
    let media = resolve(doc, page.get(b"MediaBox").expect("MediaBox"))
        .as_array()
        .unwrap()
        .iter()
        .map(number)
        .collect::<Vec<_>>();
    let fonts: BTreeMap<Vec<u8>, FontInfo> = doc
        .get_page_fonts(page_id)
        .unwrap()
        .into_iter()
        .map(|(name, font)| (name, font_info(doc, font)))
        .collect();
    let content = doc.get_page_content(page_id);
    let ops = lopdf::content::Content::decode(&content)
        .expect("content decodes")
        .operations;

    let mut runs = Vec::new();
    let mut vertical_rules = Vec::new();
    let mut ctm = Matrix::IDENTITY;
    let mut stack = Vec::new();
    let mut tm = Matrix::IDENTITY;
    let mut tlm = Matrix::IDENTITY;
    let (mut font, mut size, mut tc, mut tw, mut th, mut leading) =
        (None::<&FontInfo>, 0.0, 0.0, 0.0, 1.0, 0.0);
    let mut current = (0.0, 0.0);
    for op in &ops {
        let o = &op.operands;
        match op.operator.as_str() {
            "q" => stack.push(ctm),
            "Q" => ctm = stack.pop().expect("balanced q/Q"),
            "cm" => {
                let m = Matrix([0, 1, 2, 3, 4, 5].map(|k| number(&o[k])));
                ctm = m.then(ctm);
            }
            "m" => current = ctm.apply(number(&o[0]), number(&o[1])),
            "l" => {
                let to = ctm.apply(number(&o[0]), number(&o[1]));
                if (to.0 - current.0).abs() < 0.01 {
                    vertical_rules.push((to.0, to.1.min(current.1), to.1.max(current.1)));
                }
                current = to;
            }
            "BT" => {
                tm = Matrix::IDENTITY;
                tlm = Matrix::IDENTITY;
            }
            "Tf" => {
                let name = o[0].as_name().unwrap();
                font = Some(fonts.get(name).expect("font resource exists"));
                size = number(&o[1]);
            }
            "Tc" => tc = number(&o[0]),
            "Tw" => tw = number(&o[0]),
            "Tz" => th = number(&o[0]) / 100.0,
            "TL" => leading = number(&o[0]),
            "Td" | "TD" => {
                if op.operator == "TD" {
                    leading = -number(&o[1]);
                }
                tlm = Matrix::translate(number(&o[0]), number(&o[1])).then(tlm);
                tm = tlm;
            }
            "Tm" => {
                tlm = Matrix([0, 1, 2, 3, 4, 5].map(|k| number(&o[k])));
                tm = tlm;
            }
            "T*" => {
                tlm = Matrix::translate(0.0, -leading).then(tlm);
                tm = tlm;
            }
            "Tj" | "TJ" | "'" | "\"" => {
                if op.operator == "'" || op.operator == "\"" {
                    tlm = Matrix::translate(0.0, -leading).then(tlm);
                    tm = tlm;
                }
                let font = font.expect("a font is set before text");
                let items: Vec<&Object> = match op.operator.as_str() {
                    "TJ" => o[0].as_array().unwrap().iter().collect(),
                    "\"" => vec![&o[2]],
                    _ => vec![&o[0]],
                };
                let mut text = String::new();
                let mut glyphs = 0usize;
                let mut start = None;
                let mut end = 0.0f64;
                let mut y = 0.0;
                for item in items {
                    match item {
                        Object::String(bytes, _) => {
                            for pair in bytes.chunks(2) {
                                let code =
                                    u32::from(pair[0]) << 8 | u32::from(*pair.get(1).unwrap_or(&0));
                                let w = font
                                    .widths
                                    .get(&code)
                                    .copied()
                                    .unwrap_or(font.default_width);
                                let (x, yy) = tm.then(ctm).apply(0.0, 0.0);
                                start.get_or_insert(x);
                                glyphs += 1;
                                y = yy;
                                let advance = w / 1000.0 * size * th;
                                end = tm.then(ctm).apply(advance, 0.0).0;
                                text.push_str(
                                    font.to_unicode
                                        .get(&code)
                                        .map(String::as_str)
                                        .unwrap_or("\u{FFFD}"),
                                );
                                let space = if bytes.len() == 1 && code == 32 {
                                    tw
                                } else {
                                    0.0
                                };
                                tm = Matrix::translate(advance + (tc + space) * th, 0.0).then(tm);
                            }
                        }
                        adjust => {
                            let tx = -number(adjust) / 1000.0 * size * th;
                            tm = Matrix::translate(tx, 0.0).then(tm);
                        }
                    }
                }
                if let Some(x0) = start {
                    runs.push(Run {
                        text,
                        x0,
                        x1: end,
                        y,
                        size,
                        char_spacing: tc,
                        glyphs,
                    });
                }
            }
            _ => {}
        }
    }
    PdfPage {
        width: media[2] - media[0],
        height: media[3] - media[1],
        runs,
        vertical_rules,
    }
}
