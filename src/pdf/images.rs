//! JPEG scans gathered into one PDF, a page each (the upload system takes at most ten single
//! images; more go into one PDF). The JPEG data is embedded as it is (DCTDecode), so nothing
//! is recompressed and the output is deterministic.

use lopdf::{Dictionary, Object, Stream};

use super::PdfError;

/// A4 in points, and the margin around each image.
const PAGE: (f32, f32) = (595.28, 841.89);
const MARGIN: f32 = 28.35;

/// Width, height and colour components of a baseline or progressive JPEG, read from its
/// start-of-frame marker; `None` when the data has none.
pub fn jpeg_size(data: &[u8]) -> Option<(u32, u32, u8)> {
    if !data.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut at = 2;
    while at + 4 <= data.len() {
        if data[at] != 0xFF {
            return None;
        }
        let marker = data[at + 1];
        if marker == 0xFF {
            at += 1;
            continue;
        }
        // Markers without a length: TEM, RSTn, SOI, EOI.
        if marker == 0x01 || (0xD0..=0xD9).contains(&marker) {
            at += 2;
            continue;
        }
        let length = usize::from(u16::from_be_bytes([data[at + 2], data[at + 3]]));
        let is_frame = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_frame {
            let frame = data.get(at + 4..at + 2 + length)?;
            if frame.len() < 6 {
                return None;
            }
            let height = u16::from_be_bytes([frame[1], frame[2]]);
            let width = u16::from_be_bytes([frame[3], frame[4]]);
            return (width > 0 && height > 0).then_some((
                u32::from(width),
                u32::from(height),
                frame[5],
            ));
        }
        at += 2 + length;
    }
    None
}

/// One PDF with each JPEG on a page of its own, scaled to fit A4 with a margin.
pub fn jpegs_to_pdf(images: &[Vec<u8>]) -> Result<Vec<u8>, PdfError> {
    let mut lo = lopdf::Document::with_version("1.7");
    let pages_id = lo.new_object_id();
    let mut kids = Vec::with_capacity(images.len());
    for (i, data) in images.iter().enumerate() {
        let (w, h, components) = jpeg_size(data)
            .ok_or_else(|| PdfError::Write(format!("image {} is not a readable JPEG", i + 1)))?;
        let space = match components {
            1 => "DeviceGray",
            4 => "DeviceCMYK",
            _ => "DeviceRGB",
        };
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"XObject".to_vec()));
        dict.set("Subtype", Object::Name(b"Image".to_vec()));
        dict.set("Width", Object::Integer(i64::from(w)));
        dict.set("Height", Object::Integer(i64::from(h)));
        dict.set("ColorSpace", Object::Name(space.as_bytes().to_vec()));
        dict.set("BitsPerComponent", Object::Integer(8));
        dict.set("Filter", Object::Name(b"DCTDecode".to_vec()));
        if components == 4 {
            // Adobe CMYK JPEGs are stored inverted.
            let decode = [1, 0, 1, 0, 1, 0, 1, 0].map(Object::Integer).to_vec();
            dict.set("Decode", Object::Array(decode));
        }
        let image_id = lo.add_object(Object::Stream(Stream::new(dict, data.clone())));
        let (box_w, box_h) = (PAGE.0 - 2.0 * MARGIN, PAGE.1 - 2.0 * MARGIN);
        let scale = (box_w / w as f32).min(box_h / h as f32);
        let (draw_w, draw_h) = (w as f32 * scale, h as f32 * scale);
        let (x, y) = ((PAGE.0 - draw_w) / 2.0, (PAGE.1 - draw_h) / 2.0);
        let content = format!("q {draw_w:.2} 0 0 {draw_h:.2} {x:.2} {y:.2} cm /Im0 Do Q\n");
        let content_id = lo.add_object(Object::Stream(Stream::new(
            Dictionary::new(),
            content.into_bytes(),
        )));
        let mut xobjects = Dictionary::new();
        xobjects.set("Im0", Object::Reference(image_id));
        let mut resources = Dictionary::new();
        resources.set("XObject", Object::Dictionary(xobjects));
        let mut page = Dictionary::new();
        page.set("Type", Object::Name(b"Page".to_vec()));
        page.set("Parent", Object::Reference(pages_id));
        page.set(
            "MediaBox",
            Object::Array(vec![
                0.into(),
                0.into(),
                Object::Real(PAGE.0),
                Object::Real(PAGE.1),
            ]),
        );
        page.set("Resources", Object::Dictionary(resources));
        page.set("Contents", Object::Reference(content_id));
        kids.push(Object::Reference(lo.add_object(Object::Dictionary(page))));
    }
    super::assemble::page_tree(&mut lo, pages_id, kids);
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A JPEG header with a baseline frame of `w` × `h`, 3 components.
    pub(crate) fn tiny_jpeg(w: u16, h: u16) -> Vec<u8> {
        let mut data = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x4A, 0x46];
        data.extend_from_slice(&[0xFF, 0xC0, 0x00, 0x11, 0x08]);
        data.extend_from_slice(&h.to_be_bytes());
        data.extend_from_slice(&w.to_be_bytes());
        data.extend_from_slice(&[0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
        data.extend_from_slice(&[0xFF, 0xD9]);
        data
    }

    #[test]
    fn reads_the_frame_and_writes_a_page_per_image() {
        assert_eq!(jpeg_size(&tiny_jpeg(640, 480)), Some((640, 480, 3)));
        assert_eq!(jpeg_size(b"\xFF\xD8\xFF\xE0\x00\x02"), None);
        let pdf = jpegs_to_pdf(&[tiny_jpeg(640, 480), tiny_jpeg(100, 900)])
            .unwrap_or_else(|e| panic!("{e}"));
        let doc = lopdf::Document::load_mem(&pdf).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc.get_pages().len(), 2);
        let again = jpegs_to_pdf(&[tiny_jpeg(640, 480), tiny_jpeg(100, 900)])
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(pdf, again);
    }
}
