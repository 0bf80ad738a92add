//! Where each value of a profile sits in its file, by YAML path (`company.shareholders[1].share`).
//!
//! serde_yaml reports positions only for its own errors; checks that run on the parsed profile
//! need to point at a line too, so we walk the YAML events once (yaml-rust2 gives each event's
//! position) and record the position of every key's value and every sequence item.

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
}

impl SourceMap {
    /// Indexes `text`; a text that does not parse gives an empty map (serde reports the error).
    pub fn new(text: &str) -> SourceMap {
        let mut builder = Builder {
            text,
            line_starts: line_starts(text),
            stack: Vec::new(),
            positions: HashMap::new(),
        };
        let mut parser = Parser::new_from_str(text);
        let _ = parser.load(&mut builder, false);
        SourceMap {
            positions: builder.positions,
        }
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
    },
    Sequence {
        path: String,
        index: usize,
    },
}

struct Builder<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    stack: Vec<Frame>,
    positions: HashMap<String, Span>,
}

impl Builder<'_> {
    /// The path of the value that starts now, advancing the parent's state; `None` for a key.
    fn value_path(&mut self, scalar: Option<&str>) -> Option<String> {
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Mapping { path, key }) => match key.take() {
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

    fn span(&self, mark: &Marker) -> Span {
        // yaml-rust2 lines are 1-based, columns 0-based character offsets.
        let line = mark.line().max(1);
        let line_start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let line_text = &self.text[line_start..];
        let line_text = line_text.split('\n').next().unwrap_or_default();
        let start = line_start
            + line_text
                .char_indices()
                .nth(mark.col())
                .map_or(line_text.len(), |(i, _)| i);
        let value_text = &self.text[start..line_start + line_text.len()];
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

impl MarkedEventReceiver for Builder<'_> {
    fn on_event(&mut self, event: Event, mark: Marker) {
        match event {
            Event::Scalar(value, ..) => {
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
                        Frame::Mapping { path, key: None }
                    } else {
                        Frame::Sequence { path, index: 0 }
                    });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            Event::Alias(_) => {
                let _ = self.value_path(None);
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
    }
}
