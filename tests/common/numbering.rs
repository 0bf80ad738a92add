//! Word's list numbering as a reader of the DOCX sees it: the marker `numbering.xml` gives
//! each numbered paragraph, counted as Word counts (each instance from its start override
//! or its level's start, a level starting again after an item of a higher level).

use std::collections::HashMap;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};

/// One level of an abstract definition.
#[derive(Debug, Clone, Default)]
struct Level {
    start: usize,
    format: String,
    text: String,
}

/// An instance (`w:num`): its definition and the starts it overrides.
#[derive(Debug, Clone, Default)]
struct Instance {
    definition: String,
    starts: HashMap<usize, usize>,
}

/// The definitions and instances of a DOCX, and the count of each instance so far.
#[derive(Debug, Default)]
pub struct Numbering {
    definitions: HashMap<String, HashMap<usize, Level>>,
    instances: HashMap<String, Instance>,
    counters: HashMap<String, Vec<Option<usize>>>,
}

fn attribute(tag: &BytesStart<'_>, name: &str) -> Option<String> {
    tag.try_get_attribute(name)
        .expect("well-formed attributes")
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

impl Numbering {
    pub fn of_docx(path: &Path) -> Numbering {
        Numbering::parse(&super::docx_part(path, "word/numbering.xml"))
    }

    pub fn parse(xml: &str) -> Numbering {
        let mut out = Numbering::default();
        let mut reader = quick_xml::Reader::from_str(xml);
        let (mut definition, mut level, mut instance, mut overridden) = (None, None, None, None);
        loop {
            let event = reader.read_event().expect("well-formed numbering.xml");
            let tag = match &event {
                Event::Start(tag) | Event::Empty(tag) => tag,
                Event::End(end) => {
                    match end.name().as_ref() {
                        b"w:abstractNum" => definition = None,
                        b"w:lvl" => level = None,
                        b"w:num" => instance = None,
                        b"w:lvlOverride" => overridden = None,
                        _ => {}
                    }
                    continue;
                }
                Event::Eof => break,
                _ => continue,
            };
            let val = || attribute(tag, "w:val").expect("a w:val");
            let number = |v: String| v.parse::<usize>().expect("a number");
            match tag.name().as_ref() {
                b"w:abstractNum" => definition = attribute(tag, "w:abstractNumId"),
                b"w:num" => {
                    let id = attribute(tag, "w:numId").expect("a numId");
                    out.instances.insert(id.clone(), Instance::default());
                    instance = Some(id);
                }
                b"w:lvlOverride" => overridden = attribute(tag, "w:ilvl").map(number),
                b"w:lvl" => {
                    assert!(overridden.is_none(), "level overrides are not read");
                    level = attribute(tag, "w:ilvl").map(number);
                }
                b"w:startOverride" => {
                    let (Some(id), Some(l)) = (&instance, overridden) else {
                        panic!("a startOverride outside a lvlOverride");
                    };
                    let start = number(val());
                    if let Some(i) = out.instances.get_mut(id) {
                        i.starts.insert(l, start);
                    }
                }
                b"w:abstractNumId" => {
                    if let Some(i) = instance.as_ref().and_then(|id| out.instances.get_mut(id)) {
                        i.definition = val();
                    }
                }
                name @ (b"w:start" | b"w:numFmt" | b"w:lvlText") => {
                    let (Some(d), Some(l)) = (&definition, level) else {
                        continue;
                    };
                    let entry = out
                        .definitions
                        .entry(d.clone())
                        .or_default()
                        .entry(l)
                        .or_default();
                    match name {
                        b"w:start" => entry.start = number(val()),
                        b"w:numFmt" => entry.format = val(),
                        _ => entry.text = val(),
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// The marker Word prints before the next paragraph of instance `num` at `level`.
    pub fn next_marker(&mut self, num: &str, level: usize) -> String {
        let instance = self
            .instances
            .get(num)
            .unwrap_or_else(|| panic!("no w:num {num}"));
        let levels = self
            .definitions
            .get(&instance.definition)
            .unwrap_or_else(|| panic!("no w:abstractNum {}", instance.definition));
        let start = |l: usize| {
            instance
                .starts
                .get(&l)
                .copied()
                .unwrap_or_else(|| levels.get(&l).map_or(1, |v| v.start))
        };
        let counters = self.counters.entry(num.to_owned()).or_default();
        counters.resize(counters.len().max(level + 1), None);
        let n = counters[level].map_or_else(|| start(level), |n| n + 1);
        counters[level] = Some(n);
        counters.truncate(level + 1);
        let definition = levels
            .get(&level)
            .unwrap_or_else(|| panic!("w:num {num} has no level {level}"));
        let mut marker = definition.text.clone();
        for (l, count) in counters.iter().enumerate() {
            let format = levels.get(&l).map_or("decimal", |v| v.format.as_str());
            let shown = count.map_or_else(|| start(l), |c| c);
            marker = marker.replace(&format!("%{}", l + 1), &formatted(shown, format));
        }
        marker
    }
}

/// `n` in Word's number format `format` (those the documents use).
fn formatted(n: usize, format: &str) -> String {
    match format {
        "decimal" => n.to_string(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n as u32 - 1)
                .expect("a circled number")
                .to_string()
        }
        _ => panic!("number {n} in format {format} is not known to this reader"),
    }
}

/// The instance and level of a paragraph's `w:numPr`, if it is numbered.
pub fn paragraph_numbering(paragraph: &str) -> Option<(String, usize)> {
    let numbering = paragraph
        .split_once("<w:numPr>")?
        .1
        .split_once("</w:numPr>")?
        .0;
    let value = |name: &str| {
        numbering
            .split_once(&format!(r#"<w:{name} w:val=""#))
            .and_then(|(_, rest)| rest.split_once('"'))
            .map(|(v, _)| v.to_owned())
    };
    let level = value("ilvl").map_or(0, |l| l.parse().expect("a level"));
    // Instance 0 means "not numbered".
    value("numId").filter(|id| id != "0").map(|id| (id, level))
}

/// The text of each paragraph of a DOCX as a reader sees it: a numbered paragraph starts
/// with the marker its numbering gives. Empty paragraphs are left out.
pub fn docx_paragraphs_with_markers(path: &Path) -> Vec<String> {
    let mut numbering = Numbering::of_docx(path);
    let xml = super::docx_part(path, "word/document.xml");
    paragraph_chunks(&xml)
        .filter_map(|paragraph| {
            let text = super::docx_paragraphs_of_xml(paragraph).concat();
            let marker = paragraph_numbering(paragraph)
                .map(|(num, level)| numbering.next_marker(&num, level))
                .unwrap_or_default();
            let text = marker + &text;
            (!text.is_empty()).then_some(text)
        })
        .collect()
}

/// Each `w:p` element of `xml`, from its opening tag to its end.
pub fn paragraph_chunks(xml: &str) -> impl Iterator<Item = &str> {
    xml.split("</w:p>").filter_map(|chunk| {
        let start = chunk.rfind("<w:p>").or_else(|| chunk.rfind("<w:p "))?;
        Some(&chunk[start..])
    })
}
