//! Where each value of a profile sits in its file, by YAML path (`company.shareholders[1].share`).
//!
//! serde_yaml reports positions only for its own errors; checks that run on the parsed profile
//! need to point at a line too, so we walk the YAML events once (yaml-rust2 gives each event's
//! position) and record the position of every key's value and every sequence item.

use std::cell::Cell;
use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// A position in the profile: 1-based line and column (in characters), and the byte range of
/// the value's first line (for underlining).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub line: usize,
    pub column: usize,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    positions: HashMap<String, Span>,
    duplicates: Vec<Duplicate>,
    /// Every recorded start, sorted: where the value after a position begins.
    starts: Vec<usize>,
}

/// A key given twice in one mapping: serde reports the mapping, this says where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// YAML path of the repeated key (`company.credit_code`).
    pub path: String,
    pub key: String,
    /// The second occurrence.
    pub span: Span,
    /// Line of the first occurrence.
    pub first_line: usize,
}

impl SourceMap {
    /// Indexes `text`; a text that does not parse gives an empty map (serde reports the error).
    pub fn new(text: &str) -> SourceMap {
        let mut builder = SpanIndexer {
            text,
            line_starts: line_starts(text),
            stack: Vec::new(),
            positions: HashMap::new(),
            duplicates: Vec::new(),
            cursor: Cell::new((0, 0, 0)),
        };
        let mut parser = Parser::new_from_str(text);
        let _ = parser.load(&mut builder, false);
        let mut starts: Vec<usize> = builder.positions.values().map(|s| s.start).collect();
        starts.sort_unstable();
        starts.dedup();
        SourceMap {
            positions: builder.positions,
            duplicates: builder.duplicates,
            starts,
        }
    }

    /// Where the next value after byte `offset` starts: the end of the text a value at
    /// `offset` can occupy.
    pub fn next_start_after(&self, offset: usize) -> Option<usize> {
        let index = self.starts.partition_point(|&s| s <= offset);
        self.starts.get(index).copied()
    }

    /// Keys repeated within a mapping, in the order of the file.
    pub fn duplicates(&self) -> &[Duplicate] {
        &self.duplicates
    }

    /// The position of exactly `path`, if it is in the file.
    pub fn locate_exact(&self, path: &str) -> Option<Span> {
        self.positions.get(path).copied()
    }

    /// The position of `path`, or of its nearest recorded ancestor.
    pub fn locate(&self, path: &str) -> Option<Span> {
        let mut current = path.to_string();
        loop {
            if let Some(span) = self.positions.get(&current) {
                return Some(*span);
            }
            let cut = current.rfind(['.', '['])?;
            current.truncate(cut);
        }
    }
}

enum Frame {
    Mapping {
        path: String,
        /// The key just read, waiting for its value.
        key: Option<String>,
        /// Keys seen so far, with their lines.
        seen: HashMap<String, usize>,
    },
    Sequence {
        path: String,
        index: usize,
    },
}

/// Walks the YAML events once and records the position of every value by its path.
struct SpanIndexer<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    stack: Vec<Frame>,
    positions: HashMap<String, Span>,
    duplicates: Vec<Duplicate>,
    /// The last position converted: (line, column in characters, byte offset).
    cursor: Cell<(usize, usize, usize)>,
}

impl SpanIndexer<'_> {
    /// Records a key at `mark`, noting it if the mapping already has it.
    fn note_key(&mut self, key: &str, mark: &Marker) {
        let span = self.span(mark);
        if let Some(Frame::Mapping { path, seen, .. }) = self.stack.last_mut() {
            match seen.get(key) {
                Some(&first_line) => self.duplicates.push(Duplicate {
                    path: join(path, key),
                    key: key.to_string(),
                    span,
                    first_line,
                }),
                None => {
                    seen.insert(key.to_string(), span.line);
                }
            }
        }
    }

    fn at_key(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Mapping { key: None, .. }))
    }

    /// The path of the value that starts now, advancing the parent's state; `None` for a key.
    fn value_path(&mut self, scalar: Option<&str>) -> Option<String> {
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Mapping { path, key, .. }) => match key.take() {
                Some(k) => Some(join(path, &k)),
                None => {
                    *key = Some(scalar.unwrap_or_default().to_string());
                    None
                }
            },
            Some(Frame::Sequence { path, index }) => {
                let p = format!("{path}[{index}]");
                *index += 1;
                Some(p)
            }
        }
    }

    /// The byte offset of `mark`, from its line and column (yaml-rust2's character index
    /// drifts after a block scalar holding multi-byte characters). Walks on from the
    /// previous event's position when it is on the same line: events come in file order,
    /// so a file of one long line stays linear.
    fn byte_at(&self, mark: &Marker) -> usize {
        let line = mark.line().max(1);
        let (cursor_line, mut col, mut bytes) = self.cursor.get();
        if cursor_line != line || mark.col() < col {
            col = 0;
            bytes = self
                .line_starts
                .get(line - 1)
                .copied()
                .unwrap_or(self.text.len());
        }
        let rest = self.text.get(bytes..).unwrap_or_default();
        let offset = rest
            .char_indices()
            .take_while(|&(_, c)| c != '\n')
            .nth(mark.col() - col)
            .map_or_else(|| rest.find('\n').unwrap_or(rest.len()), |(i, _)| i);
        self.cursor.set((line, mark.col(), bytes + offset));
        bytes + offset
    }

    fn span(&self, mark: &Marker) -> Span {
        // yaml-rust2 lines are 1-based, columns 0-based character offsets, indexes bytes.
        let line = mark.line().max(1);
        let line_end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |next| next.saturating_sub(1));
        let start = self.byte_at(mark).min(line_end);
        // Underline the value's first line, up to a comment; a bounded look keeps a file of
        // one long line linear.
        let limit = floor_boundary(self.text, line_end.min(start + UNDERLINE_MAX));
        let value_text = &self.text[start..limit];
        let value_len = value_text
            .find(" #")
            .unwrap_or(value_text.len())
            .max(1)
            .min(value_text.len());
        Span {
            line,
            column: mark.col() + 1,
            start,
            end: start + value_len,
        }
    }
}

/// The longest underline, in bytes.
const UNDERLINE_MAX: usize = 240;

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

impl MarkedEventReceiver for SpanIndexer<'_> {
    fn on_event(&mut self, event: Event, mark: Marker) {
        match event {
            Event::Scalar(value, ..) => {
                if self.at_key() {
                    self.note_key(&value, &mark);
                }
                if let Some(path) = self.value_path(Some(&value)) {
                    let span = self.span(&mark);
                    self.positions.insert(path, span);
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let path = self.value_path(None).unwrap_or_default();
                let span = self.span(&mark);
                self.positions.entry(path.clone()).or_insert(span);
                self.stack
                    .push(if matches!(event, Event::MappingStart(..)) {
                        Frame::Mapping {
                            path,
                            key: None,
                            seen: HashMap::new(),
                        }
                    } else {
                        Frame::Sequence { path, index: 0 }
                    });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            Event::Alias(_) => {
                // An alias as a value is located like any value (an alias budget error
                // points at it).
                if let Some(path) = self.value_path(None) {
                    let span = self.span(&mark);
                    self.positions.entry(path).or_insert(span);
                }
            }
            _ => {}
        }
    }
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_values() {
        let text = "a: 1\nb:\n  c: [x, y]\n  d:\n    - e: 甲\n      f: 2 # note\n";
        let map = SourceMap::new(text);
        assert_eq!(map.locate("a").map(|s| (s.line, s.column)), Some((1, 4)));
        assert_eq!(
            map.locate("b.c[1]").map(|s| (s.line, s.column)),
            Some((3, 10))
        );
        let f = map.locate("b.d[0].f").unwrap();
        assert_eq!((f.line, f.column), (6, 10));
        assert_eq!(&text[f.start..f.end], "2");
        let e = map.locate("b.d[0].e").unwrap();
        assert_eq!(&text[e.start..e.end], "甲");
        // An unknown child falls back to its parent.
        assert_eq!(map.locate("b.d[0].zzz").map(|s| s.line), Some(5));
        assert!(map.duplicates().is_empty());
    }

    #[test]
    fn finds_repeated_keys_and_aliases() {
        let text =
            "a: &x 1\nb:\n  c: 2\n  d: 3\n  c: 4\ne: *x\nf: >-\n  面向中小学、\n  在线\ng: 全国\n";
        let map = SourceMap::new(text);
        let dup = &map.duplicates()[0];
        assert_eq!((dup.path.as_str(), dup.key.as_str()), ("b.c", "c"));
        assert_eq!((dup.span.line, dup.span.column, dup.first_line), (5, 3, 3));
        assert_eq!(
            map.locate_exact("e").map(|s| (s.line, s.column)),
            Some((6, 4))
        );
    }
}
