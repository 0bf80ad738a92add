//! The PDFs `generate` writes for the example profiles and every fixture, read back the way
//! a viewer reads them: glyph runs positioned from the content streams with the fonts' `/W`
//! widths and decoded through their ToUnicode maps, then grouped into lines by baseline.
//! The checks are those of a reviewer: headings in order with the profile's facts, Chinese
//! line-breaking rules, text inside the GB/T 9704 margins, contents page numbers that match
//! the page footers, embedded subset fonts, metadata, size and reproducibility.
//!
//! The reader (`common::pdf_reader`) needs no outside tool; `poppler_and_qpdf_accept_the_files`
//! adds poppler's and qpdf's checks, and fails when they are not installed.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::OnceLock;

use common::pdf_reader::*;
use common::squeeze;
use icp_docs::document::{Block, Document};
use icp_docs::profile::Profile;
use lopdf::{Object, ObjectId};

/// GB/T 9704 margins of the formal style (the default), in millimetres.
const MARGIN_LEFT_MM: f64 = 28.0;
const MARGIN_RIGHT_MM: f64 = 26.0;
const MARGIN_TOP_MM: f64 = 37.0;
const MARGIN_BOTTOM_MM: f64 = 35.0;
/// Slack for rounding in the content stream, in points.
const EPS: f64 = 0.1;
/// Noto CJK's ideographic em box runs from -0.12 em to 0.88 em around the baseline.
const EM_ASCENT: f64 = 0.88;
const EM_DESCENT: f64 = 0.12;
const MAX_BYTES: usize = 300 * 1024;

/// Characters that must not start a line (行首禁则), and not end one (行尾禁则).
const NO_START: &str = "，。、；：？！）》」』】〕〗〙〉”’…％‰℃,.;:?!)]}%";
const NO_END: &str = "（《「『【〔〖〘〈“‘([{";

fn mm(v: f64) -> f64 {
    v * 72.0 / 25.4
}

// ---------------------------------------------------------------------------------------
// Generating every profile once per test binary.

struct Output {
    profile_name: String,
    profile: Profile,
    /// Document id, its model and the PDF bytes, in `DOCUMENTS` order.
    documents: Vec<(&'static str, Document, Vec<u8>)>,
}

/// Runs `generate` (default formats and style) and reads every PDF it wrote.
fn generate_pdfs(path: &Path) -> BTreeMap<&'static str, Vec<u8>> {
    let (_guard, dir) = common::generate(path, &[]);
    // Commitments only some profiles call for are absent for the others; every rendered
    // document must have its PDF (`outputs` asks for each).
    icp_docs::context::documents::DOCUMENTS
        .iter()
        .filter_map(|spec| {
            let file = dir.join(format!("{}.pdf", spec.file_stem));
            std::fs::read(&file).ok().map(|bytes| (spec.id, bytes))
        })
        .collect()
}

fn outputs() -> &'static [Output] {
    static OUTPUTS: OnceLock<Vec<Output>> = OnceLock::new();
    OUTPUTS.get_or_init(|| {
        common::all_profiles()
            .iter()
            .map(|path| {
                let pipeline = icp_docs::Pipeline::new(None).expect("templates");
                let application = pipeline.prepare(path, None).expect("the profile checks");
                let rendered = pipeline
                    .documents(&application, None)
                    .expect("documents render");
                let profile = application.profile;
                let mut pdfs = generate_pdfs(path);
                let documents = rendered
                    .into_iter()
                    .map(|r| {
                        let bytes = pdfs.remove(r.spec.id).expect("a PDF per document");
                        (r.spec.id, r.document, bytes)
                    })
                    .collect();
                Output {
                    profile_name: path.file_name().unwrap().to_string_lossy().into_owned(),
                    profile,
                    documents,
                }
            })
            .collect()
    })
}

/// Every generated PDF, read back: (profile file, document id, model, bytes, reading).
fn all_pdfs() -> Vec<(
    &'static str,
    &'static str,
    &'static Document,
    &'static [u8],
    Pdf,
)> {
    outputs()
        .iter()
        .flat_map(|o| {
            o.documents.iter().map(move |(id, doc, bytes)| {
                (
                    o.profile_name.as_str(),
                    *id,
                    doc,
                    bytes.as_slice(),
                    Pdf::read(bytes),
                )
            })
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Reading a PDF back: `common::pdf_reader`, with what these tests add.

impl PdfPage {
    /// The footer's page number (`— 3 —`), if the page has one.
    fn footer_number(&self) -> Option<u32> {
        self.lines()
            .iter()
            .filter(|l| l.y < mm(MARGIN_BOTTOM_MM))
            .find_map(|l| {
                squeeze(&l.text)
                    .strip_prefix('—')?
                    .strip_suffix('—')?
                    .parse()
                    .ok()
            })
    }
}

impl Pdf {
    /// Index of the first page with a page number in its footer (0 for a one-page letter,
    /// which has none: its only page is the body).
    fn first_body_page(&self) -> usize {
        let numbered = self.pages.iter().position(|p| p.footer_number().is_some());
        match numbered {
            Some(page) => page,
            None if self.pages.len() == 1 => 0,
            None => panic!("a document of several pages without page numbers"),
        }
    }
}

/// Headings of levels 1 and 2 (those the contents page lists), full text.
fn contents_headings(doc: &Document) -> Vec<String> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) if h.level <= 2 => Some(squeeze(&h.full_text())),
            _ => None,
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// The checks.

#[test]
fn headings_appear_in_order_and_the_profile_facts_are_printed() {
    for (profile_name, id, doc, _, pdf) in all_pdfs() {
        let output = outputs()
            .iter()
            .find(|o| o.profile_name == profile_name)
            .unwrap();
        let p = &output.profile;
        let body: String = pdf.pages[pdf.first_body_page()..]
            .iter()
            .map(PdfPage::text)
            .collect();
        let mut from = 0;
        for block in &doc.blocks {
            if let Block::Heading(h) = block {
                let heading = squeeze(&h.full_text());
                match body[from..].find(&heading) {
                    Some(at) => from += at + heading.len(),
                    None => {
                        panic!("{profile_name} {id}: heading `{heading}` missing or out of order")
                    }
                }
            }
        }

        let all: String = pdf.pages.iter().map(PdfPage::text).collect();
        let mut facts = vec![p.company.name.clone()];
        match id {
            "company_overview" => {
                facts.push(p.company.credit_code.clone());
                facts.push(p.company.legal_representative.name.clone());
                facts.extend(p.company.shareholders.iter().map(|s| s.name.clone()));
            }
            "technical_plan" => {
                facts.extend(p.infrastructure.servers.iter().map(|s| s.model.clone()));
                facts.extend(p.infrastructure.servers.iter().map(|s| s.role.clone()));
                facts.extend(p.infrastructure.ips.iter().cloned());
                facts.push(
                    p.infrastructure
                        .all_sites()
                        .next()
                        .expect("a site")
                        .provider
                        .clone(),
                );
            }
            "business_plan" => {
                facts.push(p.company.credit_code.clone());
                facts.push(p.service.name.clone());
            }
            _ => {}
        }
        for fact in facts {
            assert!(
                all.contains(&squeeze(&fact)),
                "{profile_name} {id}: `{fact}` missing from the PDF text"
            );
        }
    }
}

#[test]
fn no_line_starts_with_closing_or_ends_with_opening_punctuation() {
    let mut checked = 0;
    for (profile_name, id, _, _, pdf) in all_pdfs() {
        for (n, page) in pdf.pages.iter().enumerate() {
            for line in page.lines() {
                let text = line.text.trim();
                // The footer's page number is not running text.
                if line.y < mm(MARGIN_BOTTOM_MM) {
                    continue;
                }
                let (Some(first), Some(last)) = (text.chars().next(), text.chars().last()) else {
                    continue;
                };
                assert!(
                    !NO_START.contains(first),
                    "{profile_name} {id} page {}: line starts with `{first}`: {text}",
                    n + 1
                );
                assert!(
                    !NO_END.contains(last),
                    "{profile_name} {id} page {}: line ends with `{last}`: {text}",
                    n + 1
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 1000, "only {checked} lines read");
}

#[test]
fn text_stays_inside_the_margins_and_header_and_footer_on_the_page() {
    for (profile_name, id, doc, _, pdf) in all_pdfs() {
        let header_texts = [
            squeeze(doc.meta.author.as_deref().unwrap_or_default()),
            squeeze(&doc.meta.title),
        ];
        for (n, page) in pdf.pages.iter().enumerate() {
            let (left, right) = (mm(MARGIN_LEFT_MM), page.width - mm(MARGIN_RIGHT_MM));
            let (bottom, top) = (mm(MARGIN_BOTTOM_MM), page.height - mm(MARGIN_TOP_MM));
            let at = format!("{profile_name} {id} page {}", n + 1);
            for line in page.lines() {
                let text = squeeze(&line.text);
                let (low, high) = (
                    line.y - EM_DESCENT * line.size,
                    line.y + EM_ASCENT * line.size,
                );
                assert!(
                    line.x0 >= 0.0 && line.x1 <= page.width && low >= 0.0 && high <= page.height,
                    "{at}: `{text}` is off the page"
                );
                if high > top + EPS {
                    assert!(
                        header_texts.contains(&text) && low > top,
                        "{at}: `{text}` reaches into the top margin ({high:.2} > {top:.2})"
                    );
                    continue;
                }
                if low < bottom - EPS {
                    assert!(
                        text.starts_with('—') && text.ends_with('—') && high < bottom,
                        "{at}: `{text}` reaches into the bottom margin ({low:.2} < {bottom:.2})"
                    );
                    continue;
                }
                let opening_blank = if text.starts_with(['（', '“', '《', '【']) {
                    0.5 * line.size
                } else {
                    0.0
                };
                assert!(
                    line.x0 >= left - opening_blank - EPS,
                    "{at}: `{text}` starts in the left margin ({:.2} < {left:.2})",
                    line.x0
                );
                // A squeezed line may end with a stop or closing mark whose blank half
                // hangs past the measure; its ink stays inside.
                let closing = ['，', '。', '、', '；', '：', '）', '”', '》', '？', '！'];
                let blank_half = if text.ends_with(closing) {
                    0.5 * line.size
                } else {
                    0.0
                };
                assert!(
                    line.x1 <= right + blank_half + EPS,
                    "{at}: `{text}` runs into the right margin ({:.2} > {right:.2})",
                    line.x1
                );
            }
        }
    }
}

#[test]
fn contents_page_numbers_match_the_footers_of_the_heading_pages() {
    let mut entries_checked = 0;
    for (profile_name, id, doc, _, pdf) in all_pdfs() {
        let first_body = pdf.first_body_page();
        // Footers count from 1 on the first body page, one per page; a letter of one page
        // has none.
        let letter = doc.cover.is_none() && pdf.pages.len() == 1;
        for (k, page) in pdf.pages[first_body..].iter().enumerate() {
            assert_eq!(
                page.footer_number(),
                (!letter).then_some(k as u32 + 1),
                "{profile_name} {id}: footer of body page {}",
                k + 1
            );
        }
        if doc.cover.is_none() {
            assert_eq!(
                first_body, 0,
                "{profile_name} {id}: front matter without a cover"
            );
            continue;
        }
        // Cover, then the contents pages.
        let mut entries: Vec<(String, u32)> = Vec::new();
        let mut pending = String::new();
        let right = pdf.pages[1].width - mm(MARGIN_RIGHT_MM);
        for page in &pdf.pages[1..first_body] {
            for line in page.lines() {
                let text = squeeze(&line.text);
                if text == "目录" {
                    continue;
                }
                let is_number = text.chars().all(|c| c.is_ascii_digit());
                if is_number && (line.x1 - right).abs() < 1.0 {
                    entries.push((std::mem::take(&mut pending), text.parse().unwrap()));
                } else {
                    pending.push_str(&text);
                }
            }
        }
        assert!(
            pending.is_empty(),
            "{profile_name} {id}: entry without a page number: {pending}"
        );
        let titles: Vec<&String> = entries.iter().map(|(t, _)| t).collect();
        let expected = contents_headings(doc);
        assert_eq!(
            titles,
            expected.iter().collect::<Vec<_>>(),
            "{profile_name} {id}: contents entries"
        );
        // Body lines in reading order, with their page; each heading is searched after the
        // previous one, as the same title can occur under several headings.
        let lines: Vec<(usize, String)> = pdf.pages[first_body..]
            .iter()
            .enumerate()
            .flat_map(|(k, page)| page.lines().into_iter().map(move |l| (k, squeeze(&l.text))))
            .collect();
        let mut from = 0;
        for (title, number) in &entries {
            let found = (from..lines.len())
                .find(|&j| {
                    let mut text = String::new();
                    for (_, line) in &lines[j..] {
                        text.push_str(line);
                        if text.len() >= title.len() {
                            break;
                        }
                    }
                    text.starts_with(title.as_str())
                })
                .unwrap_or_else(|| panic!("{profile_name} {id}: `{title}` not found in order"));
            from = found + 1;
            let page = &pdf.pages[first_body + lines[found].0];
            assert_eq!(
                page.footer_number(),
                Some(*number),
                "{profile_name} {id}: contents say `{title}` is on page {number}"
            );
            entries_checked += 1;
        }
    }
    assert!(
        entries_checked >= 40,
        "only {entries_checked} entries checked"
    );
}

/// The charstring count of a CFF font program (Top DICT operator 17 → INDEX count).
fn cff_glyph_count(cff: &[u8]) -> usize {
    let index_end = |pos: usize| -> usize {
        let count = usize::from(u16::from_be_bytes([cff[pos], cff[pos + 1]]));
        if count == 0 {
            return pos + 2;
        }
        let size = usize::from(cff[pos + 2]);
        let off = |k: usize| {
            (0..size).fold(0usize, |acc, b| {
                acc << 8 | usize::from(cff[pos + 3 + k * size + b])
            })
        };
        pos + 3 + (count + 1) * size - 1 + off(count)
    };
    let names = usize::from(cff[2]);
    let tops = index_end(names);
    // The Top DICT is the single entry of the INDEX at `tops`.
    let size = usize::from(cff[tops + 2]);
    let start = tops + 3 + 2 * size;
    let end = index_end(tops);
    let top = &cff[start..end];
    let mut operands: Vec<i64> = Vec::new();
    let mut i = 0;
    let mut charstrings = None;
    while i < top.len() {
        let b = top[i];
        match b {
            0..=21 => {
                if b == 17 {
                    charstrings = operands.last().copied();
                }
                operands.clear();
                i += if b == 12 { 2 } else { 1 };
            }
            28 => {
                operands.push(i64::from(i16::from_be_bytes([top[i + 1], top[i + 2]])));
                i += 3;
            }
            29 => {
                operands.push(i64::from(i32::from_be_bytes([
                    top[i + 1],
                    top[i + 2],
                    top[i + 3],
                    top[i + 4],
                ])));
                i += 5;
            }
            30 => {
                i += 1;
                while top[i] & 0x0F != 0x0F && top[i] >> 4 != 0x0F {
                    i += 1;
                }
                i += 1;
                operands.push(0);
            }
            32..=246 => {
                operands.push(i64::from(b) - 139);
                i += 1;
            }
            247..=250 => {
                operands.push((i64::from(b) - 247) * 256 + i64::from(top[i + 1]) + 108);
                i += 2;
            }
            _ => {
                operands.push(-(i64::from(b) - 251) * 256 - i64::from(top[i + 1]) - 108);
                i += 2;
            }
        }
    }
    let at = charstrings.expect("CharStrings offset") as usize;
    usize::from(u16::from_be_bytes([cff[at], cff[at + 1]]))
}

#[test]
fn fonts_are_embedded_once_as_subsets_of_the_used_glyphs_with_tounicode() {
    for (profile_name, id, _, _, pdf) in all_pdfs() {
        let doc = &pdf.doc;
        let mut fonts: BTreeMap<ObjectId, Vec<u8>> = BTreeMap::new();
        let mut used: BTreeMap<Vec<u8>, BTreeSet<u32>> = BTreeMap::new();
        for (_, page_id) in doc.get_pages() {
            let resources = doc.get_page_fonts(page_id).unwrap();
            let page = doc.get_dictionary(page_id).unwrap();
            let font_dict = dict(
                doc,
                dict(doc, page.get(b"Resources").unwrap())
                    .get(b"Font")
                    .unwrap(),
            );
            for (name, value) in font_dict.iter() {
                if let Object::Reference(r) = value {
                    fonts.insert(*r, name.clone());
                }
            }
            assert!(!resources.is_empty() || doc.get_page_content(page_id).is_empty());
            // Codes shown with each font on this page.
            let content = lopdf::content::Content::decode(&doc.get_page_content(page_id)).unwrap();
            let mut current = Vec::new();
            for op in content.operations {
                match op.operator.as_str() {
                    "Tf" => current = op.operands[0].as_name().unwrap().to_vec(),
                    "Tj" | "TJ" => {
                        let strings: Vec<Object> = match &op.operands[0] {
                            Object::Array(a) => a.clone(),
                            s => vec![s.clone()],
                        };
                        for s in strings {
                            if let Object::String(bytes, _) = s {
                                used.entry(current.clone()).or_default().extend(
                                    bytes
                                        .chunks(2)
                                        .map(|p| u32::from(p[0]) << 8 | u32::from(p[1])),
                                );
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        let mut base_names = BTreeSet::new();
        let mut programs = BTreeSet::new();
        for (font_id, resource) in &fonts {
            let font = doc.get_dictionary(*font_id).unwrap();
            let at = format!(
                "{profile_name} {id} font {}",
                String::from_utf8_lossy(resource)
            );
            let base =
                String::from_utf8(font.get(b"BaseFont").unwrap().as_name().unwrap().to_vec())
                    .unwrap();
            let (tag, name) = base
                .split_once('+')
                .unwrap_or_else(|| panic!("{at}: {base} has no subset tag"));
            assert!(
                tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
                "{at}: subset tag {tag}"
            );
            assert!(
                base_names.insert(name.to_string()),
                "{at}: {name} embedded twice"
            );
            assert!(
                resolve(doc, font.get(b"ToUnicode").expect("ToUnicode"))
                    .as_stream()
                    .is_ok(),
                "{at}: ToUnicode is not a stream"
            );
            let descendants = resolve(doc, font.get(b"DescendantFonts").unwrap())
                .as_array()
                .unwrap();
            let cid = dict(doc, &descendants[0]);
            let descriptor = dict(doc, cid.get(b"FontDescriptor").unwrap());
            let file = descriptor
                .get(b"FontFile3")
                .or_else(|_| descriptor.get(b"FontFile2"))
                .unwrap_or_else(|_| panic!("{at}: no embedded font program"));
            let Object::Reference(file_id) = file else {
                panic!("{at}: font file inline")
            };
            assert!(programs.insert(*file_id), "{at}: font program shared");
            let program = stream_bytes(doc, file);
            let info = font_info(doc, font);
            let codes = used.get(resource).cloned().unwrap_or_default();
            // Every code shown maps to text, and the map holds nothing unused.
            assert_eq!(
                info.to_unicode.keys().copied().collect::<BTreeSet<_>>(),
                codes,
                "{at}: ToUnicode covers exactly the codes shown"
            );
            if descriptor.get(b"FontFile3").is_ok() {
                assert_eq!(
                    cff_glyph_count(&program),
                    codes.len() + 1,
                    "{at}: the font program holds the used glyphs and .notdef only"
                );
            }
        }
        assert!(!fonts.is_empty(), "{profile_name} {id}: no fonts");
    }
}

#[test]
fn metadata_names_the_document_the_company_and_the_program() {
    for (profile_name, id, doc, _, pdf) in all_pdfs() {
        let at = format!("{profile_name} {id}");
        assert_eq!(
            pdf.info("Title").as_deref(),
            Some(doc.meta.title.as_str()),
            "{at}"
        );
        let company = outputs()
            .iter()
            .find(|o| o.profile_name == profile_name)
            .unwrap()
            .profile
            .company
            .name
            .clone();
        assert_eq!(pdf.info("Author"), Some(company), "{at}");
        let creator = pdf.info("Creator").unwrap_or_default();
        assert!(creator.starts_with("icp-docs"), "{at}: Creator {creator}");
        let date = pdf.info("CreationDate").unwrap_or_default();
        assert!(date.starts_with("D:20"), "{at}: CreationDate {date}");
    }
}

#[test]
fn every_pdf_is_at_most_300_kb() {
    for (profile_name, id, _, bytes, pdf) in all_pdfs() {
        assert!(
            bytes.len() <= MAX_BYTES,
            "{profile_name} {id}: {} bytes for {} pages",
            bytes.len(),
            pdf.pages.len()
        );
    }
}

#[test]
fn a_second_run_writes_the_same_bytes() {
    for (o, path) in outputs().iter().zip(common::all_profiles()) {
        let again = generate_pdfs(&path);
        for (id, _, bytes) in &o.documents {
            assert!(
                again.get(id) == Some(bytes),
                "{} {id}: output differs between runs",
                o.profile_name
            );
        }
    }
}

/// Runs `tool` with `args` if it is installed; `None` when it is not.
#[test]
fn poppler_and_qpdf_accept_the_files() {
    let dir = tempfile::tempdir().unwrap();
    for (profile_name, id, doc, bytes, _) in all_pdfs() {
        let path = dir.path().join(format!(
            "{}-{id}.pdf",
            profile_name.trim_end_matches(".yaml")
        ));
        std::fs::write(&path, bytes).unwrap();
        let file = path.to_str().unwrap();
        let at = format!("{profile_name} {id}");
        let out = common::tool("qpdf", &["--check", file]);
        assert!(
            out.status.success(),
            "{at}: qpdf --check: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        {
            let out = common::tool("pdffonts", &[file]);
            let listing = String::from_utf8_lossy(&out.stdout);
            let rows: Vec<&str> = listing.lines().skip(2).collect();
            assert!(!rows.is_empty(), "{at}: pdffonts lists no fonts");
            for row in rows {
                let cols: Vec<&str> = row.split_whitespace().collect();
                // name, type (2–3 words), encoding, emb, sub, uni, object number, generation
                let flags = &cols[cols.len() - 5..cols.len() - 2];
                assert_eq!(flags, ["yes", "yes", "yes"], "{at}: pdffonts: {row}");
            }
        }
        {
            let text = squeeze(&common::pdftotext(&path, &[]));
            assert!(
                text.contains(&squeeze(&doc.meta.title)),
                "{at}: pdftotext lacks the title"
            );
            if let Some(company) = &doc.meta.author {
                assert!(
                    text.contains(&squeeze(company)),
                    "{at}: pdftotext lacks the company"
                );
            }
        }
    }
}

#[test]
fn no_identifier_of_the_profile_is_broken_across_lines() {
    let mut checked = 0;
    for (path, output) in common::all_profiles().iter().zip(outputs()) {
        let identifiers = common::profile_identifiers(path);
        assert!(identifiers.len() >= 5, "{identifiers:?}");
        for (id, _, bytes) in &output.documents {
            let pdf = Pdf::read(bytes);
            let lines: Vec<String> = pdf
                .pages
                .iter()
                .flat_map(|p| p.lines())
                .map(|l| squeeze(&l.text))
                .collect();
            let whole = lines.concat();
            for identifier in &identifiers {
                let printed = whole.matches(identifier.as_str()).count();
                let on_one_line: usize = lines
                    .iter()
                    .map(|l| l.matches(identifier.as_str()).count())
                    .sum();
                assert_eq!(
                    printed, on_one_line,
                    "{} {id}: `{identifier}` is broken across lines",
                    output.profile_name
                );
                checked += printed;
            }
        }
    }
    assert!(checked > 20, "only {checked} identifiers printed");
}

/// Justification spreads a line by at most a sixth of an em between characters (the body
/// text's `Tc`); a line short by an unbreakable word squeezes its punctuation instead, and
/// what is left stays at the line end. The contents title 「目 录」 (two glyphs) and the
/// figure's small labels are set on purpose and left out.
#[test]
fn no_line_is_letter_spaced() {
    let mut runs = 0;
    for (profile, id, _, _, pdf) in all_pdfs() {
        for (n, page) in pdf.pages.iter().enumerate() {
            for run in page.runs.iter().filter(|r| r.glyphs >= 4 && r.size >= 9.0) {
                runs += 1;
                let em = run.char_spacing / run.size;
                assert!(
                    em <= 0.2,
                    "{profile} {id} p.{}: `{}` is letter-spaced by {em:.2} em",
                    n + 1,
                    run.text
                );
            }
        }
    }
    assert!(runs > 2000, "only {runs} runs looked at");
}

/// A viewer's page box shows the printed numbers: the catalog's page labels start the
/// decimal numbers at the page whose footer reads 「— 1 —」 and label the cover and
/// contents i, ii …; one-page letters keep the default labels.
#[test]
fn page_labels_follow_the_printed_page_numbers() {
    let mut labelled = 0;
    for (profile, id, _, _, pdf) in all_pdfs() {
        let catalog = pdf.doc.catalog().expect("a catalog");
        let Ok(labels) = catalog.get(b"PageLabels") else {
            assert!(
                pdf.pages.iter().all(|p| p.footer_number().is_none()) || pdf.first_body_page() == 0,
                "{profile} {id}: front matter but no page labels"
            );
            continue;
        };
        let nums = dict(&pdf.doc, labels)
            .get(b"Nums")
            .and_then(|n| n.as_array())
            .expect("Nums");
        let start = |k: usize| nums[k].as_i64().expect("a page index") as usize;
        let style = |k: usize| {
            let d = dict(&pdf.doc, &nums[k]);
            let s = d.get(b"S").and_then(|s| s.as_name()).expect("S");
            String::from_utf8_lossy(s).into_owned()
        };
        assert_eq!(nums.len(), 4, "{profile} {id}: {nums:?}");
        assert_eq!((start(0), style(1).as_str()), (0, "r"), "{profile} {id}");
        assert_eq!(start(2), pdf.first_body_page(), "{profile} {id}");
        assert_eq!(style(3), "D", "{profile} {id}");
        let first = dict(&pdf.doc, &nums[3]).get(b"St").and_then(|s| s.as_i64());
        assert_eq!(first.ok(), Some(1), "{profile} {id}");
        labelled += 1;
    }
    assert!(labelled >= 8, "only {labelled} documents have page labels");
}
