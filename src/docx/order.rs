//! Puts the children of property elements in the order the OOXML schema gives them.
//!
//! docx-rs writes `w:pPr`, `w:rPr`, `w:style`, `w:sectPr` … with their children in its own
//! order (run properties before the paragraph style, section headers after the margins).
//! The schema defines these as sequences, and Word's strict reader reports such files as
//! damaged, so every part is passed through here once: the children of each listed element
//! are sorted (stably) by their place in the sequence, and empty `w:rPr` elements, which
//! say nothing, are dropped. All other bytes are copied as they are.

use quick_xml::events::Event;
use quick_xml::Reader;

/// Paragraph properties (CT_PPr), including the paragraph mark's `rPr` and the section.
const PARAGRAPH: &[&str] = &[
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
];

/// Run properties (CT_RPr; a paragraph mark's also open with the revision marks).
const RUN: &[&str] = &[
    "ins",
    "del",
    "moveFrom",
    "moveTo",
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
    "rPrChange",
];

/// A style definition (CT_Style).
const STYLE: &[&str] = &[
    "name",
    "aliases",
    "basedOn",
    "next",
    "link",
    "autoRedefine",
    "hidden",
    "uiPriority",
    "semiHidden",
    "unhideWhenUsed",
    "qFormat",
    "locked",
    "personal",
    "personalCompose",
    "personalReply",
    "rsid",
    "pPr",
    "rPr",
    "tblPr",
    "trPr",
    "tcPr",
    "tblStylePr",
];

/// Section properties (CT_SectPr). Header and footer references are one choice group, so
/// they share a place and keep their order.
const SECTION: &[&str] = &[
    "headerReference footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
    "sectPrChange",
];

/// Table cell properties (CT_TcPr).
const CELL: &[&str] = &[
    "cnfStyle",
    "tcW",
    "gridSpan",
    "hMerge",
    "vMerge",
    "tcBorders",
    "shd",
    "noWrap",
    "tcMar",
    "textDirection",
    "tcFitText",
    "vAlign",
    "hideMark",
    "headers",
    "cellIns",
    "cellDel",
    "cellMerge",
    "tcPrChange",
];

/// Document settings (CT_Settings), as far as a generated document can carry them.
const SETTINGS: &[&str] = &[
    "writeProtection",
    "view",
    "zoom",
    "removePersonalInformation",
    "removeDateAndTime",
    "doNotDisplayPageBoundaries",
    "displayBackgroundShape",
    "printPostScriptOverText",
    "printFractionalCharacterWidth",
    "printFormsData",
    "embedTrueTypeFonts",
    "embedSystemFonts",
    "saveSubsetFonts",
    "saveFormsData",
    "mirrorMargins",
    "alignBordersAndEdges",
    "bordersDoNotSurroundHeader",
    "bordersDoNotSurroundFooter",
    "gutterAtTop",
    "hideSpellingErrors",
    "hideGrammaticalErrors",
    "activeWritingStyle",
    "proofState",
    "formsDesign",
    "attachedTemplate",
    "linkStyles",
    "stylePaneFormatFilter",
    "stylePaneSortMethod",
    "documentType",
    "mailMerge",
    "revisionView",
    "trackRevisions",
    "doNotTrackMoves",
    "doNotTrackFormatting",
    "documentProtection",
    "autoFormatOverride",
    "styleLockTheme",
    "styleLockQFSet",
    "defaultTabStop",
    "autoHyphenation",
    "consecutiveHyphenLimit",
    "hyphenationZone",
    "doNotHyphenateCaps",
    "showEnvelope",
    "summaryLength",
    "clickAndTypeStyle",
    "defaultTableStyle",
    "evenAndOddHeaders",
    "bookFoldRevPrinting",
    "bookFoldPrinting",
    "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing",
    "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery",
    "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin",
    "drawingGridHorizontalOrigin",
    "drawingGridVerticalOrigin",
    "doNotShadeFormData",
    "noPunctuationKerning",
    "characterSpacingControl",
    "printTwoOnOne",
    "strictFirstAndLastChars",
    "noLineBreaksAfter",
    "noLineBreaksBefore",
    "savePreviewPicture",
    "doNotValidateAgainstSchema",
    "saveInvalidXml",
    "ignoreMixedContent",
    "alwaysShowPlaceholderText",
    "doNotDemarcateInvalidXml",
    "saveXmlDataOnly",
    "useXSLTWhenSaving",
    "saveThroughXslt",
    "showXMLTags",
    "alwaysMergeEmptyNamespace",
    "updateFields",
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
];

/// A numbering level (CT_Lvl): docx-rs writes the suffix and restart after the properties.
const LEVEL: &[&str] = &[
    "start",
    "numFmt",
    "lvlRestart",
    "pStyle",
    "isLgl",
    "suff",
    "lvlText",
    "lvlPicBulletId",
    "legacy",
    "lvlJc",
    "pPr",
    "rPr",
];

/// Table properties (CT_TblPr): docx-rs writes the cell margins before the layout.
const TABLE: &[&str] = &[
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
];

/// A paragraph's numbering (CT_NumPr): docx-rs writes the instance before the level.
const NUMBERING: &[&str] = &["ilvl", "numId", "numberingChange", "ins"];

/// A numbering instance's override of a level (CT_NumLvl).
const LEVEL_OVERRIDE: &[&str] = &["startOverride", "lvl"];

/// The sequence of `element`'s children, if it is one we order.
fn sequence(element: &[u8]) -> Option<&'static [&'static str]> {
    Some(match element {
        b"w:pPr" => PARAGRAPH,
        b"w:rPr" => RUN,
        b"w:style" => STYLE,
        b"w:sectPr" => SECTION,
        b"w:tcPr" => CELL,
        b"w:settings" => SETTINGS,
        b"w:numPr" => NUMBERING,
        b"w:tblPr" => TABLE,
        b"w:lvl" => LEVEL,
        b"w:lvlOverride" => LEVEL_OVERRIDE,
        _ => return None,
    })
}

/// The place of `child` in `sequence`; children we do not know go last, in their order.
fn rank(sequence: &[&str], child: &[u8]) -> usize {
    let local = child.strip_prefix(b"w:").unwrap_or(b"");
    sequence
        .iter()
        .position(|names| names.split(' ').any(|n| n.as_bytes() == local))
        .unwrap_or(usize::MAX)
}

/// An element as byte offsets into the part: `start..end` in all, `inner` its content.
struct Node {
    name: Vec<u8>,
    start: usize,
    inner: std::ops::Range<usize>,
    end: usize,
    children: Vec<Node>,
}

impl Node {
    fn is_empty_run_properties(&self) -> bool {
        self.name == b"w:rPr" && self.children.is_empty() && self.inner.is_empty()
    }
}

/// `part` with the children of the listed elements in schema order and empty `w:rPr`
/// dropped. Fails only on XML quick-xml cannot read.
pub fn schema_order(part: &[u8]) -> Result<Vec<u8>, String> {
    let root = parse(part)?;
    let mut out = Vec::with_capacity(part.len());
    emit_children(part, &root, &mut out);
    Ok(out)
}

/// The element tree of `part` under a root that spans all of it.
fn parse(part: &[u8]) -> Result<Node, String> {
    let mut reader = Reader::from_reader(part);
    let mut stack = vec![Node {
        name: Vec::new(),
        start: 0,
        inner: 0..part.len(),
        end: part.len(),
        children: Vec::new(),
    }];
    loop {
        let before = offset(reader.buffer_position());
        let event = reader
            .read_event()
            .map_err(|e| format!("at byte {before}: {e}"))?;
        let after = offset(reader.buffer_position());
        match event {
            Event::Start(tag) => stack.push(Node {
                name: tag.name().as_ref().to_vec(),
                start: before,
                inner: after..after,
                end: after,
                children: Vec::new(),
            }),
            Event::Empty(tag) => {
                let leaf = Node {
                    name: tag.name().as_ref().to_vec(),
                    start: before,
                    inner: after..after,
                    end: after,
                    children: Vec::new(),
                };
                if let Some(parent) = stack.last_mut() {
                    parent.children.push(leaf);
                }
            }
            Event::End(_) => {
                if stack.len() < 2 {
                    return Err(format!("unbalanced end tag at byte {before}"));
                }
                if let Some(mut node) = stack.pop() {
                    node.inner.end = before;
                    node.end = after;
                    if let Some(parent) = stack.last_mut() {
                        parent.children.push(node);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    match (stack.pop(), stack.is_empty()) {
        (Some(root), true) => Ok(root),
        _ => Err("an element is not closed".to_string()),
    }
}

fn offset(position: u64) -> usize {
    usize::try_from(position).unwrap_or(usize::MAX)
}

fn emit(part: &[u8], node: &Node, out: &mut Vec<u8>) {
    if node.children.is_empty() {
        out.extend_from_slice(&part[node.start..node.end]);
        return;
    }
    out.extend_from_slice(&part[node.start..node.inner.start]);
    emit_children(part, node, out);
    out.extend_from_slice(&part[node.inner.end..node.end]);
}

/// The content of `node`: its children sorted if it is an ordered element whose content
/// is elements only, otherwise as it was (text between children included).
fn emit_children(part: &[u8], node: &Node, out: &mut Vec<u8>) {
    let kept = node
        .children
        .iter()
        .filter(|c| !c.is_empty_run_properties());
    let only_elements = || {
        let mut at = node.inner.start;
        node.children.iter().all(|c| {
            let gap = &part[at..c.start];
            at = c.end;
            gap.iter().all(u8::is_ascii_whitespace)
        }) && part[at..node.inner.end].iter().all(u8::is_ascii_whitespace)
    };
    match sequence(&node.name) {
        Some(sequence) if only_elements() => {
            let mut children: Vec<&Node> = kept.collect();
            children.sort_by_key(|c| rank(sequence, &c.name));
            for child in children {
                emit(part, child, out);
            }
        }
        _ => {
            let mut at = node.inner.start;
            for child in &node.children {
                out.extend_from_slice(&part[at..child.start]);
                at = child.end;
                if !child.is_empty_run_properties() {
                    emit(part, child, out);
                }
            }
            out.extend_from_slice(&part[at..node.inner.end]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ordered(xml: &str) -> String {
        String::from_utf8(schema_order(xml.as_bytes()).expect("parses")).expect("utf-8")
    }

    #[test]
    fn paragraph_style_comes_first_and_empty_run_properties_go() {
        assert_eq!(
            ordered(
                r#"<w:p><w:pPr><w:rPr /><w:jc w:val="both" /><w:pStyle w:val="A" /><w:keepNext /></w:pPr><w:r><w:rPr /><w:t>x</w:t></w:r></w:p>"#
            ),
            r#"<w:p><w:pPr><w:pStyle w:val="A" /><w:keepNext /><w:jc w:val="both" /></w:pPr><w:r><w:t>x</w:t></w:r></w:p>"#
        );
    }

    #[test]
    fn nested_elements_are_ordered_and_unknown_children_go_last() {
        assert_eq!(
            ordered(
                r#"<w:style><w:rPr><w:sz w:val="2" /><w:rFonts w:ascii="A" /></w:rPr><w:pPr><w:ind /></w:pPr><w:x /><w:qFormat /><w:name w:val="n" /></w:style>"#
            ),
            r#"<w:style><w:name w:val="n" /><w:qFormat /><w:pPr><w:ind /></w:pPr><w:rPr><w:rFonts w:ascii="A" /><w:sz w:val="2" /></w:rPr><w:x /></w:style>"#
        );
    }

    #[test]
    fn header_and_footer_references_keep_their_order_before_the_page_size() {
        assert_eq!(
            ordered(
                r#"<w:sectPr><w:pgSz /><w:footerReference r:id="f" /><w:pgNumType /><w:headerReference r:id="h" /></w:sectPr>"#
            ),
            r#"<w:sectPr><w:footerReference r:id="f" /><w:headerReference r:id="h" /><w:pgSz /><w:pgNumType /></w:sectPr>"#
        );
    }

    #[test]
    fn a_numbering_level_gets_its_suffix_before_its_text() {
        assert_eq!(
            ordered(
                r#"<w:lvl w:ilvl="0"><w:start w:val="1" /><w:lvlText w:val="%1." /><w:pPr><w:ind /></w:pPr><w:suff w:val="nothing" /></w:lvl>"#
            ),
            r#"<w:lvl w:ilvl="0"><w:start w:val="1" /><w:suff w:val="nothing" /><w:lvlText w:val="%1." /><w:pPr><w:ind /></w:pPr></w:lvl>"#
        );
    }

    #[test]
    fn text_and_other_elements_are_copied_as_they_are() {
        let xml = r#"<?xml version="1.0"?><w:document><w:t xml:space="preserve"> a &amp; b </w:t><w:pPr>text<w:jc /><w:pStyle /></w:pPr></w:document>"#;
        assert_eq!(ordered(xml), xml);
    }
}
