//! Page content streams, written directly and compactly.
//!
//! Text is the bulk of a page: a 28-page document holds some 20,000 glyphs. Each line is
//! one `Td` (relative move, so most are `0 -28 Td`) and one `TJ`; justification spreads
//! the same extra space between most characters of a line, so that amount is set once as
//! character spacing (`Tc`) and only the exceptions (inside Latin words, around forced
//! gaps) get a number in the `TJ` array. Numbers are written with the precision that
//! matters (0.01 pt for positions) and no trailing zeros.

use crate::graphics::{self, Segment};
use crate::text::Face;
use crate::typeset::{Item, TextRun};

/// Codes of the glyphs of one face in the PDF: subset glyph (and CID) numbers by source
/// glyph id, 0 for glyphs the document does not use.
pub(crate) struct FontUse<'a> {
    pub face: &'a Face,
    /// Resource name, e.g. `F1`.
    pub resource: String,
    pub codes: Vec<u16>,
}

/// Writes `v` rounded to `decimals` places, without trailing zeros or a negative zero.
pub(crate) fn push_num(buf: &mut Vec<u8>, v: f64, decimals: u32) {
    let scale = 10i64.pow(decimals);
    let n = (v * scale as f64).round() as i64;
    if n < 0 {
        buf.push(b'-');
    }
    let a = n.unsigned_abs();
    let scale = scale.unsigned_abs();
    push_u64(buf, a / scale);
    let mut frac = a % scale;
    if frac != 0 {
        buf.push(b'.');
        let mut digits = decimals;
        while frac.is_multiple_of(10) {
            frac /= 10;
            digits -= 1;
        }
        let s = frac.to_string();
        buf.extend(std::iter::repeat_n(b'0', digits as usize - s.len()));
        buf.extend_from_slice(s.as_bytes());
    }
}

fn push_u64(buf: &mut Vec<u8>, v: u64) {
    buf.extend_from_slice(v.to_string().as_bytes());
}

fn hex4(buf: &mut Vec<u8>, code: u16) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for shift in [12, 8, 4, 0] {
        buf.push(HEX[usize::from((code >> shift) & 0xF)]);
    }
}

/// Positions in hundredths of a point: relative moves are exact differences of these, so
/// rounding never accumulates along a page.
fn centi(v: f32) -> i64 {
    (f64::from(v) * 100.0).round() as i64
}

fn push_centi(buf: &mut Vec<u8>, v: i64) {
    push_num(buf, v as f64 / 100.0, 2);
}

/// The content stream of one page. `fonts` is indexed like `render::FACES`.
pub(crate) fn page_content(items: &[Item], page_h: f32, fonts: &[Option<FontUse<'_>>]) -> Vec<u8> {
    let mut buf = Vec::with_capacity(8 * 1024);
    rules(&mut buf, items, page_h);
    for item in items {
        if let Item::Path(path) = item {
            path_ops(&mut buf, path, page_h);
        }
    }
    text(&mut buf, items, page_h, fonts);
    buf
}

/// Table and header rules: one path per line width, stroked once.
fn rules(buf: &mut Vec<u8>, items: &[Item], page_h: f32) {
    let mut widths: Vec<f32> = Vec::new();
    for item in items {
        if let Item::Rule { width, .. } = *item {
            if !widths.contains(&width) {
                widths.push(width);
            }
        }
    }
    if widths.is_empty() {
        return;
    }
    buf.extend_from_slice(b"q 0 G\n");
    for w in widths {
        push_num(buf, f64::from(w), 3);
        buf.extend_from_slice(b" w\n");
        for item in items {
            if let Item::Rule {
                x1,
                y1,
                x2,
                y2,
                width,
            } = *item
            {
                if width == w {
                    point(buf, x1, page_h - y1);
                    buf.extend_from_slice(b"m ");
                    point(buf, x2, page_h - y2);
                    buf.extend_from_slice(b"l\n");
                }
            }
        }
        buf.extend_from_slice(b"S\n");
    }
    buf.extend_from_slice(b"Q\n");
}

fn point(buf: &mut Vec<u8>, x: f32, y: f32) {
    push_centi(buf, centi(x));
    buf.push(b' ');
    push_centi(buf, centi(y));
    buf.push(b' ');
}

fn color(buf: &mut Vec<u8>, c: graphics::Color, op: &[u8]) {
    for v in c.unit() {
        push_num(buf, f64::from(v), 3);
        buf.push(b' ');
    }
    buf.extend_from_slice(op);
    buf.push(b'\n');
}

/// A figure's shape: closed shapes filled and/or stroked, open lines stroked, each in its
/// own graphics state so colours and dashes do not leak.
fn path_ops(buf: &mut Vec<u8>, path: &graphics::Path, page_h: f32) {
    let stroke = path.stroke.as_ref().filter(|s| s.width > 0.0);
    let closed = path.is_closed();
    let paint: &[u8] = match (path.fill, stroke, closed) {
        (Some(_), Some(_), true) => b"b",
        (Some(_), None, true) => b"f",
        (Some(_), Some(_), false) => b"B",
        (Some(_), None, false) => b"f",
        (None, Some(_), true) => b"s",
        (None, Some(_), false) => b"S",
        (None, None, _) => return,
    };
    if !path
        .segments
        .iter()
        .any(|s| matches!(s, Segment::LineTo(_) | Segment::CubicTo(..)))
    {
        return;
    }
    buf.extend_from_slice(b"q\n");
    if let Some(fill) = path.fill {
        color(buf, fill, b"rg");
    }
    if let Some(stroke) = stroke {
        color(buf, stroke.color, b"RG");
        push_num(buf, f64::from(stroke.width), 3);
        buf.extend_from_slice(b" w\n");
        if let Some([on, off]) = stroke.dash {
            buf.push(b'[');
            push_num(buf, f64::from(on), 2);
            buf.push(b' ');
            push_num(buf, f64::from(off), 2);
            buf.extend_from_slice(b"] 0 d\n");
        }
    }
    let last = path.segments.len().saturating_sub(1);
    for (k, segment) in path.segments.iter().enumerate() {
        match *segment {
            Segment::MoveTo(p) => {
                point(buf, p.x, page_h - p.y);
                buf.extend_from_slice(b"m\n");
            }
            Segment::LineTo(p) => {
                point(buf, p.x, page_h - p.y);
                buf.extend_from_slice(b"l\n");
            }
            Segment::CubicTo(a, b, c) => {
                for p in [a, b, c] {
                    point(buf, p.x, page_h - p.y);
                }
                buf.extend_from_slice(b"c\n");
            }
            // The closing operator of the last subpath is part of `b`/`s`.
            Segment::Close if k != last => buf.extend_from_slice(b"h\n"),
            Segment::Close => {}
        }
    }
    buf.extend_from_slice(paint);
    buf.extend_from_slice(b"\nQ\n");
}

/// Text state of the stream, to write only what changes.
struct TextState {
    /// Start of the current line, in hundredths of a point.
    x: i64,
    y: i64,
    font: Option<(usize, i64)>,
    color: Option<graphics::Color>,
    /// Character spacing in thousandths of a point.
    tc: i64,
}

fn text(buf: &mut Vec<u8>, items: &[Item], page_h: f32, fonts: &[Option<FontUse<'_>>]) {
    let mut state: Option<TextState> = None;
    // Text runs left in the open `ActualText` span.
    let mut in_span = 0usize;
    for item in items {
        match item {
            Item::ActualText { text, runs } if *runs > 0 && in_span == 0 => {
                begin_text(buf, &mut state);
                actual_text(buf, text);
                in_span = *runs;
            }
            Item::Text(run) => {
                text_run(buf, run, page_h, fonts, &mut state);
                if in_span > 0 {
                    in_span -= 1;
                    if in_span == 0 {
                        buf.extend_from_slice(b"EMC\n");
                    }
                }
            }
            _ => {}
        }
    }
    if in_span > 0 {
        buf.extend_from_slice(b"EMC\n");
    }
    if state.is_some() {
        buf.extend_from_slice(b"ET\n");
    }
}

/// Opens the page's text object on first use.
fn begin_text<'s>(buf: &mut Vec<u8>, state: &'s mut Option<TextState>) -> &'s mut TextState {
    state.get_or_insert_with(|| {
        buf.extend_from_slice(b"BT\n");
        TextState {
            x: 0,
            y: 0,
            font: None,
            color: None,
            tc: 0,
        }
    })
}

/// Opens a marked-content span whose glyphs copy out as `text` (ISO 32000-1, 14.9.4),
/// written as a UTF-16BE string with its byte order mark.
fn actual_text(buf: &mut Vec<u8>, text: &str) {
    buf.extend_from_slice(b"/Span<</ActualText<FEFF");
    for unit in text.encode_utf16() {
        hex4(buf, unit);
    }
    buf.extend_from_slice(b">>>BDC\n");
}

fn text_run(
    buf: &mut Vec<u8>,
    run: &TextRun,
    page_h: f32,
    fonts: &[Option<FontUse<'_>>],
    state: &mut Option<TextState>,
) {
    let Some(first) = run.glyphs.first() else {
        return;
    };
    let index = run.face.index();
    let Some(font) = fonts.get(index).and_then(Option::as_ref) else {
        return;
    };
    let st = begin_text(buf, state);
    if run.color != st.color {
        match run.color {
            Some(c) => color(buf, c, b"rg"),
            None => buf.extend_from_slice(b"0 g\n"),
        }
        st.color = run.color;
    }
    let size = centi(run.size);
    if st.font != Some((index, size)) {
        buf.push(b'/');
        buf.extend_from_slice(font.resource.as_bytes());
        buf.push(b' ');
        push_centi(buf, size);
        buf.extend_from_slice(b" Tf\n");
        st.font = Some((index, size));
    }
    let x = centi(run.x + first.x);
    let y = centi(page_h - run.y);
    push_centi(buf, x - st.x);
    buf.push(b' ');
    push_centi(buf, y - st.y);
    buf.extend_from_slice(b" Td\n");
    st.x = x;
    st.y = y;
    show(buf, run, font, st);
}

/// The glyphs of a run at their laid-out positions: `Tc` for the most common extra space
/// between glyphs, `TJ` numbers (thousandths of an em, positive moving left) for the rest.
fn show(buf: &mut Vec<u8>, run: &TextRun, font: &FontUse<'_>, st: &mut TextState) {
    let glyphs = &run.glyphs;
    let size = f64::from(run.size);
    let advance = |gid: u16| f64::from(font.face.advance_units(gid)) * size / 1000.0;
    // Extra space after each glyph but the last, in thousandths of a point.
    let extra: Vec<i64> = glyphs
        .windows(2)
        .map(|w| {
            let gap = f64::from(w[1].x - w[0].x) - advance(w[0].gid);
            (gap * 1000.0).round() as i64
        })
        .collect();
    let tc = most_common(&extra);
    if tc != st.tc {
        push_num(buf, tc as f64 / 1000.0, 3);
        buf.extend_from_slice(b" Tc\n");
        st.tc = tc;
    }
    let x0 = f64::from(glyphs[0].x);
    let mut pen = 0.0f64;
    let mut body = Vec::with_capacity(glyphs.len() * 5 + 4);
    let mut adjusted = false;
    let mut open = false;
    for (k, g) in glyphs.iter().enumerate() {
        if !open {
            body.push(b'<');
            open = true;
        }
        hex4(
            &mut body,
            font.codes.get(usize::from(g.gid)).copied().unwrap_or(0),
        );
        pen += advance(g.gid) + tc as f64 / 1000.0;
        let Some(next) = glyphs.get(k + 1) else {
            break;
        };
        // Drift below 0.01 pt (a 7200th of an inch) is left alone; it never adds up
        // because the pen position tracks exactly what a viewer computes.
        let diff = f64::from(next.x) - x0 - pen;
        let adjust = (-diff * 1000.0 / size * 100.0).round() / 100.0;
        if diff.abs() >= 0.01 && adjust != 0.0 {
            body.push(b'>');
            open = false;
            push_num(&mut body, adjust, 2);
            pen -= adjust * size / 1000.0;
            adjusted = true;
        }
    }
    if open {
        body.push(b'>');
    }
    if adjusted {
        buf.push(b'[');
        buf.extend_from_slice(&body);
        buf.extend_from_slice(b"]TJ\n");
    } else {
        buf.extend_from_slice(&body);
        buf.extend_from_slice(b"Tj\n");
    }
}

/// The most frequent value (the smallest of equally frequent ones), 0 for none.
fn most_common(values: &[i64]) -> i64 {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let mut best = (0usize, 0i64);
    let mut i = 0;
    while i < sorted.len() {
        let j = sorted[i..].iter().take_while(|&&v| v == sorted[i]).count();
        if j > best.0 {
            best = (j, sorted[i]);
        }
        i += j;
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(v: f64, d: u32) -> String {
        let mut b = Vec::new();
        push_num(&mut b, v, d);
        String::from_utf8(b).unwrap()
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(0.0, 2), "0");
        assert_eq!(num(-0.001, 2), "0");
        assert_eq!(num(28.0, 2), "28");
        assert_eq!(num(-28.0, 2), "-28");
        assert_eq!(num(79.37008, 2), "79.37");
        assert_eq!(num(0.5, 3), "0.5");
        assert_eq!(num(-24.534, 2), "-24.53");
        assert_eq!(num(0.05, 2), "0.05");
        assert_eq!(num(1.005, 3), "1.005");
    }

    #[test]
    fn most_common_value() {
        assert_eq!(most_common(&[]), 0);
        assert_eq!(most_common(&[5, 0, 5, 3]), 5);
        assert_eq!(most_common(&[0, 0, 5]), 0);
    }
}
