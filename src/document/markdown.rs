//! Markdown (CommonMark + GFM tables) → [`Document`], with Chinese heading numbers.
//!
//! Numbering happens here, once, so every writer prints the same 一、（一）1.（1）.

use pulldown_cmark::{Alignment, Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use super::model::*;
use super::structure::{column_alignments, resolve_figure_references, unnumber_lone_subheadings};
use crate::zh::numerals::chinese_number;

#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("metadata block: {0}")]
    Metadata(String),
    #[error("the document has no title (add `title:` to its metadata block)")]
    NoTitle,
}

/// The metadata block a template or a user's Markdown file may start with, read as pandoc
/// reads it: `title`, `subtitle`, `author` (one name or a list), `date`, `toc-title` (the
/// contents page's title), `abstract` (set before the body), `lang` and `keywords` (accepted;
/// the documents are Chinese and have no keyword field), and ours, `recipient` and
/// `applicant`. Other keys are listed in [`Parsed::ignored_keys`] rather than refused, so a
/// file written for pandoc renders as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    /// The authority a file is addressed to (the cover's 报送单位).
    pub recipient: Option<String>,
    /// The applicant company (the cover's 申请单位, with its seal).
    pub applicant: Option<String>,
    pub toc_title: Option<String>,
    pub abstract_text: Option<String>,
    pub lang: Option<String>,
    pub keywords: Vec<String>,
}

impl Metadata {
    /// Reads a metadata block's YAML; keys it does not know are returned.
    fn read(text: &str) -> Result<(Metadata, Vec<String>), DocumentError> {
        let value: serde_yaml::Value =
            serde_yaml::from_str(text).map_err(|e| DocumentError::Metadata(e.to_string()))?;
        let serde_yaml::Value::Mapping(map) = value else {
            return Err(DocumentError::Metadata(
                "the metadata block is not a list of `key: value` lines".to_string(),
            ));
        };
        let mut m = Metadata::default();
        let mut ignored = Vec::new();
        for (key, value) in map {
            let key = match key {
                serde_yaml::Value::String(key) => key,
                other => format!("{other:?}"),
            };
            let text = || Some(unescape_inline(&value_text(&value, "\n")));
            match key.as_str() {
                "title" => m.title = text(),
                "subtitle" => m.subtitle = text(),
                "author" => m.author = Some(unescape_inline(&value_text(&value, "、"))),
                "date" => m.date = text(),
                "recipient" => m.recipient = text(),
                "applicant" => m.applicant = text(),
                "toc-title" => m.toc_title = text(),
                "abstract" => m.abstract_text = text(),
                "lang" => m.lang = text(),
                "keywords" => {
                    m.keywords = match &value {
                        serde_yaml::Value::Sequence(items) => items
                            .iter()
                            .map(|v| unescape_inline(&value_text(v, " ")))
                            .collect(),
                        other => unescape_inline(&value_text(other, " "))
                            .split([',', '，', '、'])
                            .map(|k| k.trim().to_string())
                            .filter(|k| !k.is_empty())
                            .collect(),
                    }
                }
                _ => ignored.push(key),
            }
        }
        Ok((m, ignored))
    }
}

/// A metadata value as text: a list (pandoc allows several authors) joined with `separator`,
/// a mapping (`author: {name: …}`) by its `name`.
fn value_text(value: &serde_yaml::Value, separator: &str) -> String {
    match value {
        serde_yaml::Value::String(s) => s.clone(),
        serde_yaml::Value::Number(n) => n.to_string(),
        serde_yaml::Value::Bool(b) => b.to_string(),
        serde_yaml::Value::Sequence(items) => items
            .iter()
            .map(|v| value_text(v, separator))
            .collect::<Vec<_>>()
            .join(separator),
        serde_yaml::Value::Mapping(map) => map
            .get("name")
            .map(|v| value_text(v, separator))
            .unwrap_or_default(),
        _ => String::new(),
    }
}

/// A parsed Markdown file: its metadata and its blocks, before composition.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub metadata: Metadata,
    pub blocks: Vec<Block>,
    /// Metadata keys that were not used (to warn about, not to refuse).
    pub ignored_keys: Vec<String>,
}

/// Parses Markdown into blocks and the metadata block's values (inline Markdown, unescaped).
pub fn parse_markdown(text: &str) -> Result<Parsed, DocumentError> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_STRIKETHROUGH;
    let mut builder = BlockReader::default();
    let mut metadata_text = String::new();
    let mut in_metadata = false;
    for event in Parser::new_ext(text, options) {
        match event {
            Event::Start(Tag::MetadataBlock(MetadataBlockKind::YamlStyle)) => in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_metadata = false,
            Event::Text(t) if in_metadata => metadata_text.push_str(&t),
            other => builder.event(other),
        }
    }
    let (metadata, ignored_keys) = if metadata_text.trim().is_empty() {
        (Metadata::default(), Vec::new())
    } else {
        Metadata::read(&metadata_text)?
    };
    Ok(Parsed {
        metadata,
        blocks: builder.finish(),
        ignored_keys,
    })
}

/// Removes Markdown backslash escapes from a metadata value (its text is inline Markdown).
fn unescape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&next) = chars.peek() {
                if next.is_ascii_punctuation() {
                    out.push(next);
                    chars.next();
                    continue;
                }
            }
        }
        out.push(c);
    }
    out.trim().to_string()
}

/// Reads pulldown-cmark events into model blocks, one open block at a time.
#[derive(Default)]
struct BlockReader {
    blocks: Vec<Block>,
    /// Runs of the paragraph, heading, item or cell being read.
    runs: Vec<Run>,
    bold: u32,
    italic: u32,
    heading_counters: [u32; 4],
    heading_level: Option<u8>,
    /// Open lists: the next number of each (ordered or not: formal documents number both).
    lists: Vec<u64>,
    list_items: Vec<ListItem>,
    /// The depth and marker of the item whose text is being read.
    item_marker: Option<(u8, String)>,
    table: Option<TableReader>,
    table_count: u32,
    /// Set by `<!-- addressee -->`: the next paragraph is a letter's addressee line.
    addressee_next: bool,
    figure_count: u32,
}

struct TableReader {
    caption: Option<String>,
    /// `None` where the Markdown gives no alignment: decided from the column's content.
    align: Vec<Option<Align>>,
    header: Vec<Cell>,
    rows: Vec<Vec<Cell>>,
    row: Vec<Cell>,
    in_head: bool,
}

const CAPTION_PREFIXES: [&str; 3] = ["Table:", "表：", "表:"];
const FIGURE_CAPTION_PREFIXES: [&str; 3] = ["Figure:", "图：", "图:"];

/// The name in a figure marker `<!-- figure: NAME -->`, if `html` is one.
fn figure_marker(html: &str) -> Option<&str> {
    let inner = html
        .trim()
        .strip_prefix("<!--")?
        .strip_suffix("-->")?
        .trim();
    let name = inner.strip_prefix("figure:")?.trim();
    (!name.is_empty() && !name.contains(char::is_whitespace)).then_some(name)
}

impl BlockReader {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) | Event::Code(text) => self.text(&text),
            Event::SoftBreak => self.soft_break(),
            Event::HardBreak => self.text("\n"),
            Event::Html(html) | Event::InlineHtml(html) if html.trim() == "<!-- addressee -->" => {
                self.flush_paragraph();
                self.addressee_next = true;
            }
            Event::Html(html) | Event::InlineHtml(html) if html.trim() == "<!-- pagebreak -->" => {
                self.flush_paragraph();
                self.blocks.push(Block::PageBreak);
            }
            Event::Html(html) | Event::InlineHtml(html) if figure_marker(&html).is_some() => {
                self.flush_paragraph();
                let name = figure_marker(&html).unwrap_or_default().to_string();
                let caption = self.take_figure_caption();
                self.blocks.push(Block::Figure(Figure {
                    caption,
                    name,
                    diagram: None,
                }));
            }
            Event::Rule => {}
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Heading { level, .. } => {
                self.flush_paragraph();
                self.heading_level = Some((level as u8).min(4));
            }
            Tag::Paragraph => {}
            Tag::Strong => self.bold += 1,
            Tag::Emphasis => self.italic += 1,
            Tag::List(start) => {
                self.flush_item();
                if self.lists.is_empty() {
                    self.flush_paragraph();
                }
                self.lists.push(start.unwrap_or(1));
            }
            Tag::Item => {
                self.flush_item();
                let depth = self.lists.len().saturating_sub(1);
                // Formal Chinese documents number items rather than bullet them: an
                // unordered list is numbered like an ordered one.
                if let Some(next) = self.lists.last_mut() {
                    let marker = list_number(*next, depth);
                    *next += 1;
                    self.item_marker = Some((u8::try_from(depth).unwrap_or(u8::MAX), marker));
                }
            }
            Tag::Table(alignments) => {
                self.flush_paragraph();
                let caption = self.take_caption();
                self.table = Some(TableReader {
                    caption,
                    align: alignments.iter().map(convert_alignment).collect(),
                    header: Vec::new(),
                    rows: Vec::new(),
                    row: Vec::new(),
                    in_head: false,
                });
            }
            Tag::TableHead => {
                if let Some(table) = &mut self.table {
                    table.in_head = true;
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) => {
                let text = plain_text(&std::mem::take(&mut self.runs))
                    .trim()
                    .to_string();
                if let Some(level) = self.heading_level.take() {
                    let number = self.number_heading(level);
                    self.blocks.push(Block::Heading(Heading {
                        level,
                        number,
                        text,
                    }));
                }
            }
            TagEnd::Paragraph if self.item_marker.is_none() && self.table.is_none() => {
                self.flush_paragraph();
            }
            TagEnd::Strong => self.bold = self.bold.saturating_sub(1),
            TagEnd::Emphasis => self.italic = self.italic.saturating_sub(1),
            TagEnd::Item => self.flush_item(),
            TagEnd::List(_) => {
                self.flush_item();
                self.lists.pop();
                if self.lists.is_empty() && !self.list_items.is_empty() {
                    self.blocks.push(Block::List(List {
                        items: std::mem::take(&mut self.list_items),
                    }));
                }
            }
            TagEnd::TableCell => {
                let cell = trim_runs(std::mem::take(&mut self.runs));
                if let Some(table) = &mut self.table {
                    table.row.push(cell);
                }
            }
            TagEnd::TableHead => {
                if let Some(table) = &mut self.table {
                    table.header = std::mem::take(&mut table.row);
                    table.in_head = false;
                }
            }
            TagEnd::TableRow => {
                if let Some(table) = &mut self.table {
                    let row = std::mem::take(&mut table.row);
                    if !table.in_head {
                        table.rows.push(row);
                    }
                }
            }
            TagEnd::Table => {
                if let Some(table) = self.table.take() {
                    let align = column_alignments(&table.align, &table.header, &table.rows);
                    self.blocks.push(Block::Table(Table {
                        caption: table.caption,
                        header: table.header,
                        rows: table.rows,
                        align,
                    }));
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        let bold = self.bold > 0;
        let italic = self.italic > 0;
        if let Some(last) = self.runs.last_mut() {
            if last.bold == bold && last.italic == italic {
                last.text.push_str(text);
                return;
            }
        }
        self.runs.push(Run {
            text: text.to_string(),
            bold,
            italic,
        });
    }

    /// A line break in the Markdown source: a space between Latin words, nothing in Chinese.
    fn soft_break(&mut self) {
        let previous = self.runs.last().and_then(|r| r.text.chars().last());
        if previous.is_some_and(|c| !crate::text::is_cjk(c)) {
            self.text(" ");
        } else {
            self.text("\u{0}");
        }
    }

    fn number_heading(&mut self, level: u8) -> String {
        let index = usize::from(level.clamp(1, 4)) - 1;
        self.heading_counters[index] += 1;
        for deeper in &mut self.heading_counters[index + 1..] {
            *deeper = 0;
        }
        let n = self.heading_counters[index];
        match level {
            1 => format!("{}、", chinese_number(u64::from(n))),
            2 => format!("（{}）", chinese_number(u64::from(n))),
            3 => format!("{n}."),
            _ => format!("（{n}）"),
        }
    }

    fn flush_paragraph(&mut self) {
        let runs = trim_runs(std::mem::take(&mut self.runs));
        if runs.is_empty() {
            return;
        }
        if std::mem::take(&mut self.addressee_next) {
            self.blocks.push(Block::Addressee(runs));
        } else {
            self.blocks.push(Block::Paragraph(runs));
        }
    }

    fn flush_item(&mut self) {
        let runs = trim_runs(std::mem::take(&mut self.runs));
        if let Some((depth, marker)) = self.item_marker.take() {
            self.list_items.push(ListItem {
                depth,
                marker,
                runs,
            });
        }
    }

    /// Turns a preceding `Table: 标题` paragraph into the numbered caption of the next table.
    fn take_caption(&mut self) -> Option<String> {
        self.table_count += 1;
        self.take_numbered_caption(&CAPTION_PREFIXES, "表", self.table_count)
    }

    /// Turns a preceding `Figure: 标题` paragraph into the numbered caption of the next
    /// figure (`图1 标题`), as `Table:` does for tables.
    fn take_figure_caption(&mut self) -> Option<String> {
        self.figure_count += 1;
        self.take_numbered_caption(&FIGURE_CAPTION_PREFIXES, "图", self.figure_count)
    }

    /// If the last block is a paragraph starting with one of `prefixes`, removes it and
    /// returns its text as `{label}{number} 标题`.
    fn take_numbered_caption(
        &mut self,
        prefixes: &[&str],
        label: &str,
        number: u32,
    ) -> Option<String> {
        let Some(Block::Paragraph(runs)) = self.blocks.last() else {
            return None;
        };
        let text = plain_text(runs);
        let title = prefixes
            .iter()
            .find_map(|prefix| text.trim().strip_prefix(prefix))?
            .trim()
            .to_string();
        self.blocks.pop();
        Some(format!("{label}{number} {title}"))
    }

    fn finish(mut self) -> Vec<Block> {
        self.flush_paragraph();
        unnumber_lone_subheadings(&mut self.blocks);
        resolve_figure_references(&mut self.blocks);
        self.blocks
    }
}

/// Resolves the placeholder left by soft breaks: nothing between Chinese characters.
fn trim_runs(runs: Vec<Run>) -> Vec<Run> {
    let mut runs: Vec<Run> = runs
        .into_iter()
        .map(|mut r| {
            r.text = r.text.replace('\u{0}', "");
            r
        })
        .filter(|r| !r.text.is_empty())
        .collect();
    if let Some(first) = runs.first_mut() {
        first.text = first.text.trim_start().to_string();
    }
    if let Some(last) = runs.last_mut() {
        last.text = last.text.trim_end().to_string();
    }
    runs.retain(|r| !r.text.is_empty());
    runs
}

/// The marker of item `n` at `depth`: the levels that follow the headings' 一、（一） in
/// GB/T 9704's order, 1. then （1） then ①, so a list reads as the next level of its section.
fn list_number(n: u64, depth: usize) -> String {
    const CIRCLED: [char; 20] = [
        '①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧', '⑨', '⑩', '⑪', '⑫', '⑬', '⑭', '⑮', '⑯', '⑰', '⑱',
        '⑲', '⑳',
    ];
    match depth {
        0 => format!("{n}."),
        1 => format!("（{n}）"),
        _ => usize::try_from(n)
            .ok()
            .and_then(|i| CIRCLED.get(i.wrapping_sub(1)))
            .map_or_else(|| format!("（{n}）"), |c| c.to_string()),
    }
}

fn convert_alignment(alignment: &Alignment) -> Option<Align> {
    match alignment {
        Alignment::Center => Some(Align::Center),
        Alignment::Right => Some(Align::Right),
        Alignment::Left => Some(Align::Left),
        Alignment::None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every marker a list can get, at every depth, is in the PDF fonts: a missing one made
    /// nested lists fail in the PDF.
    #[test]
    fn every_list_marker_can_be_printed() {
        let mut markdown = String::from("---\ntitle: 列表\n---\n");
        for ordered in [false, true] {
            for depth in 0..6 {
                for n in 1..=22 {
                    let marker = if ordered { format!("{n}.") } else { "-".into() };
                    markdown.push_str(&format!("{}{marker} 项\n", "    ".repeat(depth)));
                }
            }
            markdown.push_str("\n段落\n\n");
        }
        let mut markers = std::collections::BTreeSet::new();
        for block in parse(&markdown).blocks {
            if let Block::List(list) = block {
                markers.extend(list.items.into_iter().map(|i| i.marker));
            }
        }
        assert!(markers.len() > 40, "{markers:?}");
        assert!(
            markers.contains("1.") && markers.contains("（1）"),
            "{markers:?}"
        );
        assert!(
            markers.contains("⑳") && markers.contains("（21）"),
            "{markers:?}"
        );
        assert!(
            !markers.iter().any(|m| m.contains(['•', '○', '-'])),
            "no list is bulleted: {markers:?}"
        );
        for marker in &markers {
            for c in marker.chars() {
                assert!(
                    crate::text::can_print(c),
                    "marker {marker:?}: {c:?} is not in the fonts"
                );
            }
        }
    }

    fn parse(text: &str) -> Parsed {
        parse_markdown(text).unwrap()
    }

    /// The numbered headings of `doc`, number and text.
    fn heading_texts(doc: &Parsed) -> Vec<String> {
        doc.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading(h) => Some(h.full_text()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn numbers_headings_in_chinese() {
        let doc =
            parse("---\ntitle: 测试\n---\n# 甲\n## 乙\n### 丙\n#### 丁\n#### 子\n### 丑\n## 戊\n# 己\n## 庚\n## 辛\n");
        assert_eq!(
            heading_texts(&doc),
            [
                "一、甲",
                "（一）乙",
                "1.丙",
                "（1）丁",
                "（2）子",
                "2.丑",
                "（二）戊",
                "二、己",
                "（一）庚",
                "（二）辛"
            ]
        );
        assert_eq!(doc.metadata.title.as_deref(), Some("测试"));
    }

    #[test]
    fn joins_chinese_lines_without_space() {
        let doc = parse("---\ntitle: t\n---\n第一行，\n第二行 and\nmore\n");
        assert_eq!(
            doc.blocks,
            vec![Block::Paragraph(vec![Run::plain(
                "第一行，第二行 and more"
            )])]
        );
    }

    #[test]
    fn tables_get_numbered_captions() {
        let doc = parse(
            "---\ntitle: t\n---\nTable: 股权结构\n\n| 股东 | 比例 |\n|---|--:|\n| 甲 | 60% |\n| 乙 | 40% |\n",
        );
        let Block::Table(table) = &doc.blocks[0] else {
            panic!("expected a table, got {:?}", doc.blocks);
        };
        assert_eq!(table.caption.as_deref(), Some("表1 股权结构"));
        assert_eq!(
            table.header,
            vec![vec![Run::plain("股东")], vec![Run::plain("比例")]]
        );
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.align, vec![Align::Left, Align::Right]);
    }

    #[test]
    fn unaligned_number_columns_are_right_aligned() {
        let doc = parse(
            "---\ntitle: t\n---\n| 序号 | 股东 | 出资额（万元） | 比例 | 日期 |\n|---|---|---|---|:-|\n\
             | 1 | 甲 | 1,060.5 | 60% | 3 |\n| 2 | 乙 | 40 | — | 4 |\n",
        );
        let Block::Table(table) = &doc.blocks[0] else {
            panic!("expected a table, got {:?}", doc.blocks);
        };
        use Align::*;
        assert_eq!(table.align, vec![Center, Left, Right, Right, Left]);
    }

    #[test]
    fn escaped_characters_stay_literal() {
        let doc = parse("---\ntitle: t\n---\n公司 \\*星\\* \\# \\| \\<b\\>\n");
        assert_eq!(
            doc.blocks,
            vec![Block::Paragraph(vec![Run::plain("公司 *星* # | <b>")])]
        );
    }

    #[test]
    fn a_lone_sub_heading_becomes_an_unnumbered_lead_paragraph() {
        let doc = parse(
            "---\ntitle: t\n---\n# 甲\n\n正文\n\n## 唯一\n\n文\n\n# 乙\n\n## 子一\n\n## 子二\n",
        );
        assert_eq!(
            heading_texts(&doc),
            ["一、甲", "二、乙", "（一）子一", "（二）子二"]
        );
        assert!(doc.blocks.contains(&Block::Paragraph(vec![Run {
            text: "唯一".into(),
            bold: true,
            italic: false,
        }])));
    }

    #[test]
    fn lists_and_page_breaks() {
        let doc = parse("---\ntitle: t\n---\n- 甲\n- 乙\n  1. 子\n\n<!-- pagebreak -->\n\n正文\n");
        let Block::List(list) = &doc.blocks[0] else {
            panic!("{:?}", doc.blocks)
        };
        let markers: Vec<_> = list
            .items
            .iter()
            .map(|i| (i.depth, i.marker.as_str()))
            .collect();
        assert_eq!(markers, [(0, "1."), (0, "2."), (1, "（1）")]);
        assert_eq!(doc.blocks[1], Block::PageBreak);
    }

    #[test]
    fn figure_markers_become_numbered_figures() {
        let doc = parse(
            "---\ntitle: t\n---\n正文\n\nFigure: 网络拓扑图\n<!-- figure: topology -->\n\n\
             图：第二张\n\n<!--   figure:   other   -->\n\n<!-- figure: -->\n",
        );
        let figures: Vec<&Figure> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Figure(f) => Some(f),
                _ => None,
            })
            .collect();
        assert_eq!(figures.len(), 2, "{:?}", doc.blocks);
        assert_eq!(figures[0].name, "topology");
        assert_eq!(figures[0].caption.as_deref(), Some("图1 网络拓扑图"));
        assert_eq!(figures[1].name, "other");
        assert_eq!(figures[1].caption.as_deref(), Some("图2 第二张"));
        assert!(figures.iter().all(|f| f.diagram.is_none()));
        // The caption paragraphs are consumed; the body paragraph stays.
        assert_eq!(doc.blocks[0], Block::Paragraph(vec![Run::plain("正文")]));
        assert_eq!(doc.blocks.len(), 3);
    }

    #[test]
    fn figure_references_take_the_number_their_figure_was_given() {
        let doc = parse(
            "---\ntitle: t\n---\n股权结构如@fig:ownership所示，拓扑如@fig:topology所示，\
             @fig:missing不变。\n\n<!-- figure: ownership -->\n\n\
             - 见@fig:topology。\n\n<!-- figure: topology -->\n",
        );
        assert_eq!(
            doc.blocks[0],
            Block::Paragraph(vec![Run::plain(
                "股权结构如图1所示，拓扑如图2所示，@fig:missing不变。"
            )])
        );
        let Block::List(list) = &doc.blocks[2] else {
            panic!("{:?}", doc.blocks)
        };
        assert_eq!(plain_text(&list.items[0].runs), "见图2。");
    }

    #[test]
    fn addressee_marker_makes_a_flush_paragraph() {
        let doc = parse("---\ntitle: t\n---\n<!-- addressee -->\n浙江省通信管理局：\n\n正文\n");
        assert_eq!(
            doc.blocks,
            vec![
                Block::Addressee(vec![Run::plain("浙江省通信管理局：")]),
                Block::Paragraph(vec![Run::plain("正文")])
            ]
        );
    }

    #[test]
    fn missing_title_is_an_error() {
        let parsed = parse_markdown("正文").unwrap();
        assert!(matches!(
            super::super::compose::compose_application(parsed, &application()),
            Err(DocumentError::NoTitle)
        ));
    }

    fn application() -> super::super::compose::Application<'static> {
        super::super::compose::Application {
            licence: "增值电信业务经营许可证申请材料",
            company: "青禾网络科技（杭州）有限公司",
            authority: "浙江省通信管理局",
            date_text: "2026年12月8日",
            signature_date: "2026年12月8日",
            date: crate::zh::date::Date::new(2026, 12, 8).unwrap(),
            cover: true,
            closing: super::super::compose::Closing::Company,
            copied_from: false,
        }
    }
}
