//! CFF subsetting for the embedded CID-keyed Noto CJK faces.
//!
//! A PDF embeds only the glyphs a document prints. The source fonts are subroutinized:
//! charstrings call shared subroutines (14,000 local ones in the ideograph FD alone) that
//! were chosen for the whole font. In a subset of a few hundred glyphs most of them go
//! unused, and even the used ones save little: copying them with the subset made the
//! embedded fonts a quarter larger than inlining them. So the subset here is
//! *desubroutinized*: every call is replaced by the subroutine's body, and the result has
//! no subroutines at all. It is also renumbered: subset glyph `k` (CID `k`, with the
//! `.notdef` glyph first) is the `k`-th glyph of the sorted glyph set, so the content
//! stream codes are small and the PDF's `/W` and ToUnicode tables are dense.
//!
//! Hand-written because the Rust subsetters we could use (the `subsetter` crate, allsorts
//! through printpdf) keep the used subroutines rather than inlining them, which is what
//! costs the size here.
//!
//! Only what these fonts use is supported (CFF 1, CID-keyed, Type 2 charstrings without
//! the deprecated arithmetic operators); anything else is reported as an error rather
//! than written wrongly. A unit test subsets every glyph of every embedded face.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::PdfError;

/// A parsed source `CFF ` table: the parts a subset copies from.
pub(crate) struct Cff {
    data: &'static [u8],
    name: Vec<u8>,
    font_bbox: Vec<u8>,
    charstrings: Index,
    global_subrs: Index,
    /// FD index of every glyph.
    fd_select: Vec<u8>,
    fds: Vec<FontDict>,
    /// Desubroutinized charstrings by glyph id, kept for the process: the documents of a
    /// run share most of their characters, and expanding them was a tenth of a cold run.
    flat: Mutex<HashMap<u16, Arc<[u8]>>>,
}

struct FontDict {
    /// The Private DICT's entries without `Subrs`, as raw DICT bytes.
    private: Vec<u8>,
    local_subrs: Index,
}

/// An INDEX structure in the table: where its offsets and data are.
#[derive(Clone, Copy)]
struct Index {
    count: usize,
    off_size: usize,
    /// Position of the offset array.
    offsets: usize,
    /// Position just before the first data byte (offsets are 1-based).
    data_base: usize,
    /// Position just after the INDEX.
    end: usize,
}

fn err(what: &str) -> PdfError {
    PdfError::Font(format!("CFF table: {what}"))
}

fn byte(data: &[u8], pos: usize) -> Result<u8, PdfError> {
    data.get(pos).copied().ok_or_else(|| err("truncated"))
}

fn u16_at(data: &[u8], pos: usize) -> Result<usize, PdfError> {
    Ok(usize::from(byte(data, pos)?) << 8 | usize::from(byte(data, pos + 1)?))
}

fn offset_at(data: &[u8], pos: usize, size: usize) -> Result<usize, PdfError> {
    (0..size).try_fold(0usize, |acc, k| {
        Ok(acc << 8 | usize::from(byte(data, pos + k)?))
    })
}

impl Index {
    fn parse(data: &[u8], pos: usize) -> Result<Index, PdfError> {
        let count = u16_at(data, pos)?;
        if count == 0 {
            return Ok(Index {
                count,
                off_size: 1,
                offsets: pos + 2,
                data_base: pos + 2,
                end: pos + 2,
            });
        }
        let off_size = usize::from(byte(data, pos + 2)?);
        if !(1..=4).contains(&off_size) {
            return Err(err("bad INDEX offset size"));
        }
        let offsets = pos + 3;
        let data_base = offsets + (count + 1) * off_size - 1;
        let last = offset_at(data, offsets + count * off_size, off_size)?;
        let end = data_base + last;
        if end > data.len() {
            return Err(err("INDEX runs past the table"));
        }
        Ok(Index {
            count,
            off_size,
            offsets,
            data_base,
            end,
        })
    }

    fn get<'a>(&self, data: &'a [u8], i: usize) -> Result<&'a [u8], PdfError> {
        if i >= self.count {
            return Err(err("INDEX entry out of range"));
        }
        let a = offset_at(data, self.offsets + i * self.off_size, self.off_size)?;
        let b = offset_at(data, self.offsets + (i + 1) * self.off_size, self.off_size)?;
        if a == 0 || b < a || self.data_base + b > self.end {
            return Err(err("bad INDEX offsets"));
        }
        Ok(&data[self.data_base + a..self.data_base + b])
    }

    /// Subroutine number bias of Type 2 charstrings.
    fn bias(&self) -> i32 {
        match self.count {
            0..1240 => 107,
            1240..33900 => 1131,
            _ => 32768,
        }
    }
}

/// One DICT entry: operator (escaped ones as `1200 + b1`) and its operands' raw bytes.
struct DictEntry<'a> {
    op: u16,
    raw: &'a [u8],
    operands: Vec<f64>,
}

fn parse_dict(d: &[u8]) -> Result<Vec<DictEntry<'_>>, PdfError> {
    let mut entries = Vec::new();
    let mut operands = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < d.len() {
        let b0 = d[i];
        match b0 {
            0..=21 => {
                let (op, len) = if b0 == 12 {
                    (1200 + u16::from(byte(d, i + 1)?), 2)
                } else {
                    (u16::from(b0), 1)
                };
                entries.push(DictEntry {
                    op,
                    raw: &d[start..i],
                    operands: std::mem::take(&mut operands),
                });
                i += len;
                start = i;
            }
            28 => {
                operands.push(f64::from(i16::from_be_bytes([
                    byte(d, i + 1)?,
                    byte(d, i + 2)?,
                ])));
                i += 3;
            }
            29 => {
                let v = i32::from_be_bytes([
                    byte(d, i + 1)?,
                    byte(d, i + 2)?,
                    byte(d, i + 3)?,
                    byte(d, i + 4)?,
                ]);
                operands.push(f64::from(v));
                i += 5;
            }
            30 => {
                // Real number: nibbles up to an 0xF nibble. Only its extent matters here.
                i += 1;
                loop {
                    let b = byte(d, i)?;
                    i += 1;
                    if b & 0x0F == 0x0F || b >> 4 == 0x0F {
                        break;
                    }
                }
                operands.push(0.0);
            }
            32..=246 => {
                operands.push(f64::from(i32::from(b0) - 139));
                i += 1;
            }
            247..=250 => {
                let v = (i32::from(b0) - 247) * 256 + i32::from(byte(d, i + 1)?) + 108;
                operands.push(f64::from(v));
                i += 2;
            }
            251..=254 => {
                let v = -(i32::from(b0) - 251) * 256 - i32::from(byte(d, i + 1)?) - 108;
                operands.push(f64::from(v));
                i += 2;
            }
            _ => return Err(err("bad DICT byte")),
        }
    }
    Ok(entries)
}

fn operand(entries: &[DictEntry<'_>], op: u16, k: usize) -> Option<usize> {
    let v = *entries.iter().find(|e| e.op == op)?.operands.get(k)?;
    (v >= 0.0).then_some(v as usize)
}

const OP_CHARSET: u16 = 15;
const OP_CHARSTRINGS: u16 = 17;
const OP_PRIVATE: u16 = 18;
const OP_SUBRS: u16 = 19;
const OP_FONT_BBOX: u16 = 5;
const OP_ROS: u16 = 1230;
const OP_CID_COUNT: u16 = 1234;
const OP_FD_ARRAY: u16 = 1236;
const OP_FD_SELECT: u16 = 1237;

impl Cff {
    /// Reads the structure of a CID-keyed `CFF ` table; errors name what is unsupported.
    pub(crate) fn parse(data: &'static [u8]) -> Result<Cff, PdfError> {
        let header_size = usize::from(byte(data, 2)?);
        if byte(data, 0)? != 1 {
            return Err(err("not CFF version 1"));
        }
        let names = Index::parse(data, header_size)?;
        let name = names.get(data, 0)?.to_vec();
        let tops = Index::parse(data, names.end)?;
        let strings = Index::parse(data, tops.end)?;
        let global_subrs = Index::parse(data, strings.end)?;
        let top = parse_dict(tops.get(data, 0)?)?;
        if !top.iter().any(|e| e.op == OP_ROS) {
            return Err(err("not a CID-keyed font"));
        }
        let font_bbox = top
            .iter()
            .find(|e| e.op == OP_FONT_BBOX)
            .map(|e| e.raw.to_vec())
            .unwrap_or_default();
        let charstrings = Index::parse(
            data,
            operand(&top, OP_CHARSTRINGS, 0).ok_or_else(|| err("no CharStrings"))?,
        )?;
        let glyphs = charstrings.count;
        let fd_array = Index::parse(
            data,
            operand(&top, OP_FD_ARRAY, 0).ok_or_else(|| err("no FDArray"))?,
        )?;
        let mut fds = Vec::with_capacity(fd_array.count);
        for i in 0..fd_array.count {
            let fd = parse_dict(fd_array.get(data, i)?)?;
            let size = operand(&fd, OP_PRIVATE, 0).ok_or_else(|| err("FD without Private"))?;
            let at = operand(&fd, OP_PRIVATE, 1).ok_or_else(|| err("FD without Private"))?;
            let private_bytes = data
                .get(at..at + size)
                .ok_or_else(|| err("Private DICT out of range"))?;
            let private = parse_dict(private_bytes)?;
            let local_subrs = match operand(&private, OP_SUBRS, 0) {
                Some(rel) => Index::parse(data, at + rel)?,
                None => Index::parse(&[0, 0], 0)?,
            };
            let mut kept = Vec::new();
            for e in private.iter().filter(|e| e.op != OP_SUBRS) {
                kept.extend_from_slice(e.raw);
                push_op(&mut kept, e.op);
            }
            fds.push(FontDict {
                private: kept,
                local_subrs,
            });
        }
        let fd_select = parse_fd_select(
            data,
            operand(&top, OP_FD_SELECT, 0).ok_or_else(|| err("no FDSelect"))?,
            glyphs,
        )?;
        if fd_select.iter().any(|&fd| usize::from(fd) >= fds.len()) {
            return Err(err("FDSelect names a missing FD"));
        }
        Ok(Cff {
            data,
            name,
            font_bbox,
            charstrings,
            global_subrs,
            fd_select,
            fds,
            flat: Mutex::default(),
        })
    }

    /// Glyph `g`'s charstring without subroutine calls.
    fn flat_charstring(&self, g: u16, fd: usize) -> Result<Arc<[u8]>, PdfError> {
        let cached = self.flat.lock().ok().and_then(|m| m.get(&g).cloned());
        if let Some(flat) = cached {
            return Ok(flat);
        }
        let mut out = Vec::with_capacity(256);
        let mut state = Charstring::default();
        let local = &self.fds[fd].local_subrs;
        state.run(
            self,
            local,
            self.charstrings.get(self.data, usize::from(g))?,
            &mut out,
            0,
        )?;
        let flat: Arc<[u8]> = out.into();
        if let Ok(mut map) = self.flat.lock() {
            map.insert(g, Arc::clone(&flat));
        }
        Ok(flat)
    }

    pub(crate) fn glyph_count(&self) -> usize {
        self.charstrings.count
    }

    /// A CID-keyed CFF holding `.notdef` and then `glyphs` (sorted, without 0) as
    /// glyphs and CIDs 1, 2, …, desubroutinized.
    pub(crate) fn subset(&self, glyphs: &[u16]) -> Result<Vec<u8>, PdfError> {
        let all: Vec<u16> = std::iter::once(0)
            .chain(glyphs.iter().copied().filter(|&g| g != 0))
            .collect();
        let n = all.len();
        if n > 0xFFFF {
            return Err(err("too many glyphs"));
        }
        // FDs used, renumbered in order of first use.
        let mut fd_map = vec![None; self.fds.len()];
        let mut used_fds = Vec::new();
        let mut select = Vec::with_capacity(n);
        let mut charstrings = Vec::with_capacity(n);
        for &g in &all {
            let fd = usize::from(
                *self
                    .fd_select
                    .get(usize::from(g))
                    .ok_or_else(|| err("glyph id out of range"))?,
            );
            let new_fd = *fd_map[fd].get_or_insert_with(|| {
                used_fds.push(fd);
                used_fds.len() - 1
            });
            select.push(new_fd as u8);
            charstrings.push(self.flat_charstring(g, fd)?);
        }

        // Fixed-size pieces first; the Top DICT uses 5-byte offsets so its size is known.
        let mut strings = Vec::new();
        write_index(&mut strings, &[b"Adobe".as_slice(), b"Identity".as_slice()]);
        let charset: Vec<u8> = if n >= 2 {
            let mut c = vec![2, 0, 1];
            c.extend_from_slice(&((n - 2) as u16).to_be_bytes());
            c
        } else {
            vec![0]
        };
        let mut fd_select = vec![3, 0, 0];
        let mut ranges = 0u16;
        for (g, &fd) in select.iter().enumerate() {
            if g == 0 || select[g - 1] != fd {
                fd_select.extend_from_slice(&(g as u16).to_be_bytes());
                fd_select.push(fd);
                ranges += 1;
            }
        }
        fd_select[1..3].copy_from_slice(&ranges.to_be_bytes());
        fd_select.extend_from_slice(&(n as u16).to_be_bytes());
        let mut cs_index = Vec::new();
        write_index(&mut cs_index, &charstrings);

        let top_len = {
            let mut t = Vec::new();
            top_dict(&mut t, &self.font_bbox, n, [0; 4]);
            t.len()
        };
        let mut name_index = Vec::new();
        write_index(&mut name_index, &[self.name.as_slice()]);
        let mut top_index_len = Vec::new();
        write_index(&mut top_index_len, &[vec![0u8; top_len]]);
        let global_subrs = [0u8, 0];

        let charset_at = 4 + name_index.len() + top_index_len.len() + strings.len() + 2;
        let fd_select_at = charset_at + charset.len();
        let charstrings_at = fd_select_at + fd_select.len();
        let fd_array_at = charstrings_at + cs_index.len();
        // FD dicts hold the size and offset of their Private DICTs, which follow the
        // FDArray; again 5-byte integers keep the sizes fixed.
        let fd_dict_len = 5 + 5 + 1;
        let fd_index_len = {
            let mut t = Vec::new();
            let dummy: Vec<Vec<u8>> = used_fds.iter().map(|_| vec![0u8; fd_dict_len]).collect();
            write_index(&mut t, &dummy);
            t.len()
        };
        let mut private_at = fd_array_at + fd_index_len;
        let mut fd_dicts = Vec::with_capacity(used_fds.len());
        let mut privates = Vec::new();
        for &fd in &used_fds {
            let private = &self.fds[fd].private;
            let mut d = Vec::with_capacity(fd_dict_len);
            push_int5(&mut d, private.len());
            push_int5(&mut d, private_at);
            push_op(&mut d, OP_PRIVATE);
            fd_dicts.push(d);
            privates.extend_from_slice(private);
            private_at += private.len();
        }

        let mut out = Vec::with_capacity(private_at);
        out.extend_from_slice(&[1, 0, 4, 4]);
        out.extend_from_slice(&name_index);
        let mut top = Vec::with_capacity(top_len);
        top_dict(
            &mut top,
            &self.font_bbox,
            n,
            [charset_at, fd_select_at, charstrings_at, fd_array_at],
        );
        write_index(&mut out, &[top]);
        out.extend_from_slice(&strings);
        out.extend_from_slice(&global_subrs);
        debug_assert_eq!(out.len(), charset_at);
        out.extend_from_slice(&charset);
        out.extend_from_slice(&fd_select);
        out.extend_from_slice(&cs_index);
        write_index(&mut out, &fd_dicts);
        out.extend_from_slice(&privates);
        debug_assert_eq!(out.len(), private_at);
        Ok(out)
    }
}

fn parse_fd_select(data: &[u8], at: usize, glyphs: usize) -> Result<Vec<u8>, PdfError> {
    match byte(data, at)? {
        0 => data
            .get(at + 1..at + 1 + glyphs)
            .map(<[u8]>::to_vec)
            .ok_or_else(|| err("FDSelect truncated")),
        3 => {
            let ranges = u16_at(data, at + 1)?;
            let mut out = vec![0u8; glyphs];
            for r in 0..ranges {
                let p = at + 3 + r * 3;
                let first = u16_at(data, p)?;
                let fd = byte(data, p + 2)?;
                let next = u16_at(data, p + 3)?;
                if first > next || next > glyphs {
                    return Err(err("bad FDSelect range"));
                }
                out[first..next].fill(fd);
            }
            Ok(out)
        }
        _ => Err(err("unsupported FDSelect format")),
    }
}

fn top_dict(out: &mut Vec<u8>, bbox: &[u8], glyphs: usize, offsets: [usize; 4]) {
    // ROS: Adobe-Identity-0 (the two strings are SIDs 391 and 392).
    push_int5(out, 391);
    push_int5(out, 392);
    push_int5(out, 0);
    push_op(out, OP_ROS);
    push_int5(out, glyphs);
    push_op(out, OP_CID_COUNT);
    if !bbox.is_empty() {
        out.extend_from_slice(bbox);
        push_op(out, OP_FONT_BBOX);
    }
    let [charset, fd_select, charstrings, fd_array] = offsets;
    push_int5(out, charset);
    push_op(out, OP_CHARSET);
    push_int5(out, fd_select);
    push_op(out, OP_FD_SELECT);
    push_int5(out, charstrings);
    push_op(out, OP_CHARSTRINGS);
    push_int5(out, fd_array);
    push_op(out, OP_FD_ARRAY);
}

fn push_int5(out: &mut Vec<u8>, v: usize) {
    out.push(29);
    out.extend_from_slice(&(v as u32).to_be_bytes());
}

fn push_op(out: &mut Vec<u8>, op: u16) {
    if op >= 1200 {
        out.push(12);
        out.push((op - 1200) as u8);
    } else {
        out.push(op as u8);
    }
}

fn write_index<T: AsRef<[u8]>>(out: &mut Vec<u8>, items: &[T]) {
    out.extend_from_slice(&(items.len() as u16).to_be_bytes());
    if items.is_empty() {
        return;
    }
    let total: usize = items.iter().map(|i| i.as_ref().len()).sum::<usize>() + 1;
    let off_size = match total {
        0..=0xFF => 1,
        0x100..=0xFFFF => 2,
        0x1_0000..=0xFF_FFFF => 3,
        _ => 4,
    };
    out.push(off_size as u8);
    let mut offset = 1usize;
    let push = |out: &mut Vec<u8>, v: usize| {
        out.extend_from_slice(&(v as u32).to_be_bytes()[4 - off_size..]);
    };
    push(out, offset);
    for item in items {
        offset += item.as_ref().len();
        push(out, offset);
    }
    for item in items {
        out.extend_from_slice(item.as_ref());
    }
}

/// Type 2 charstring interpreter state for inlining subroutines: only what is needed to
/// find the subroutine numbers and the hint mask lengths.
#[derive(Default)]
struct Charstring {
    /// Number of operands on the stack.
    stack: usize,
    /// Value and output position of the last operand, when it is an integer.
    last: Option<(i32, usize)>,
    /// Stem hints declared so far (hint masks have one bit per stem).
    stems: usize,
    /// `endchar` was copied: the glyph is complete.
    done: bool,
}

/// Subroutine nesting limit of the Type 2 format.
const MAX_DEPTH: usize = 10;

impl Charstring {
    fn run(
        &mut self,
        cff: &Cff,
        local: &Index,
        code: &[u8],
        out: &mut Vec<u8>,
        depth: usize,
    ) -> Result<(), PdfError> {
        if depth > MAX_DEPTH {
            return Err(err("subroutines nested too deep"));
        }
        let mut i = 0;
        while i < code.len() && !self.done {
            let b0 = code[i];
            let start = out.len();
            match b0 {
                // Operands.
                28 | 32..=255 => {
                    let len = match b0 {
                        28 => 3,
                        32..=246 => 1,
                        247..=254 => 2,
                        _ => 5,
                    };
                    let bytes = code
                        .get(i..i + len)
                        .ok_or_else(|| err("charstring truncated"))?;
                    let value = match b0 {
                        28 => Some(i32::from(i16::from_be_bytes([bytes[1], bytes[2]]))),
                        32..=246 => Some(i32::from(b0) - 139),
                        247..=250 => Some((i32::from(b0) - 247) * 256 + i32::from(bytes[1]) + 108),
                        251..=254 => Some(-(i32::from(b0) - 251) * 256 - i32::from(bytes[1]) - 108),
                        _ => None,
                    };
                    out.extend_from_slice(bytes);
                    self.stack += 1;
                    self.last = value.map(|v| (v, start));
                    i += len;
                }
                // callsubr, callgsubr: the subroutine number is the last operand.
                10 | 29 => {
                    let (number, at) = self
                        .last
                        .take()
                        .ok_or_else(|| err("subroutine number is not an integer"))?;
                    out.truncate(at);
                    self.stack -= 1;
                    let index = if b0 == 10 { local } else { &cff.global_subrs };
                    let k = usize::try_from(number + index.bias())
                        .map_err(|_| err("negative subroutine number"))?;
                    let body = index.get(cff.data, k)?;
                    self.run(cff, local, body, out, depth + 1)?;
                    i += 1;
                }
                // return: the end of this subroutine's body.
                11 => return Ok(()),
                // endchar
                14 => {
                    out.push(14);
                    self.done = true;
                    return Ok(());
                }
                // hintmask, cntrmask: an implicit vstem, then one bit per stem.
                19 | 20 => {
                    self.stems += self.stack / 2;
                    let len = 1 + self.stems.div_ceil(8);
                    let bytes = code
                        .get(i..i + len)
                        .ok_or_else(|| err("charstring truncated"))?;
                    out.extend_from_slice(bytes);
                    self.clear();
                    i += len;
                }
                // hstem, vstem, hstemhm, vstemhm
                1 | 3 | 18 | 23 => {
                    self.stems += self.stack / 2;
                    out.push(b0);
                    self.clear();
                    i += 1;
                }
                12 => {
                    let b1 = byte(code, i + 1)?;
                    // Only the flex operators are stack-clearing path operators; the
                    // deprecated arithmetic and storage ones would need a real stack.
                    if !(34..=37).contains(&b1) {
                        return Err(err("unsupported charstring operator"));
                    }
                    out.extend_from_slice(&[12, b1]);
                    self.clear();
                    i += 2;
                }
                _ => {
                    out.push(b0);
                    self.clear();
                    i += 1;
                }
            }
        }
        Ok(())
    }

    fn clear(&mut self) {
        self.stack = 0;
        self.last = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{FaceId, Fonts};

    fn cff(face: FaceId) -> Cff {
        let fonts = Fonts::embedded().unwrap();
        Cff::parse(fonts.face(face).table(b"CFF ").unwrap()).unwrap()
    }

    #[test]
    fn every_glyph_of_every_face_desubroutinizes() {
        for face in FaceId::ALL {
            let cff = cff(face);
            let all: Vec<u16> = (1..cff.glyph_count() as u16).collect();
            let out = cff.subset(&all).unwrap();
            let parsed = Cff::parse(Box::leak(out.into_boxed_slice())).unwrap();
            assert_eq!(parsed.glyph_count(), cff.glyph_count());
            assert_eq!(parsed.global_subrs.count, 0);
            assert!(parsed.fds.iter().all(|fd| fd.local_subrs.count == 0));
            for g in 0..parsed.glyph_count() {
                let cs = parsed.charstrings.get(parsed.data, g).unwrap();
                assert_eq!(cs.last(), Some(&14), "glyph {g} ends with endchar");
            }
        }
    }

    #[test]
    fn subset_keeps_the_fd_of_each_glyph() {
        let cff = cff(FaceId::SerifRegular);
        // A digit, an ideograph and a full-width comma come from different FDs.
        let glyphs: Vec<u16> = {
            let face = Fonts::embedded().unwrap().face(FaceId::SerifRegular);
            let mut g: Vec<u16> = ['1', '中', '，']
                .iter()
                .map(|&c| face.glyph(c).unwrap())
                .collect();
            g.sort_unstable();
            g
        };
        let out = cff.subset(&glyphs).unwrap();
        let parsed = Cff::parse(Box::leak(out.into_boxed_slice())).unwrap();
        assert_eq!(parsed.glyph_count(), 4);
        for (k, &g) in glyphs.iter().enumerate() {
            let src_fd = &cff.fds[usize::from(cff.fd_select[usize::from(g)])];
            let new_fd = &parsed.fds[usize::from(parsed.fd_select[k + 1])];
            assert_eq!(src_fd.private, new_fd.private, "glyph {g}");
        }
    }
}
