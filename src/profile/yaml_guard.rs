//! Limits a profile's YAML must keep before the full parse: how deeply it nests (a cheap
//! scan of the text, because libyaml's scanner slows down quadratically with nesting and
//! its parser recurses) and how large it becomes once its aliases are expanded (a counting
//! pass through the same parser that refuses as soon as the budget is spent, because a
//! small file can alias a long string a hundred thousand times).

use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// Far deeper than any profile (which nests six levels) and well within what the parsers
/// handle quickly.
pub const MAX_NESTING: usize = 64;
/// What a profile may grow to through aliases: four times the largest file.
pub const MAX_EXPANDED_BYTES: u64 = 4 * 1024 * 1024;
/// What a value costs beyond its text, so that aliasing many tiny values counts too.
const NODE_COST: u64 = 16;

/// The byte offset of the first place that nests deeper than [`MAX_NESTING`], if any.
///
/// Block nesting is counted from indentation and from indicators stacked on one line
/// (`- - - x`), flow nesting from brackets outside quotes, comments and block scalars. The
/// count may exceed the parser's on contrived text (a plain scalar continued on a line that
/// starts with `[`), never fall short of it.
pub fn too_deep(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut scan = Scan {
        bytes,
        i: 0,
        flow: 0,
        indents: Vec::new(),
        block_scalar: None,
        value_start: true,
    };
    while scan.i < bytes.len() {
        if let Some(at) = scan.line() {
            return Some(at);
        }
    }
    None
}

struct Scan<'a> {
    bytes: &'a [u8],
    i: usize,
    /// Open flow collections (`[` / `{`).
    flow: usize,
    /// Indentation of the open block levels.
    indents: Vec<usize>,
    /// Inside a block scalar (`|`, `>`): the indentation of the line that opened it.
    block_scalar: Option<usize>,
    /// At the start of a value, where a quote or a bracket opens something (elsewhere they
    /// are part of a plain scalar).
    value_start: bool,
}

impl Scan<'_> {
    fn peek(&self, at: usize) -> u8 {
        self.bytes.get(at).copied().unwrap_or(b'\n')
    }

    fn skip_to_line_end(&mut self) {
        while self.i < self.bytes.len() && self.bytes[self.i] != b'\n' {
            self.i += 1;
        }
    }

    fn depth(&self) -> usize {
        self.indents.len() + self.flow
    }

    /// Scans one line (from its start) and leaves `i` at the next line's start.
    fn line(&mut self) -> Option<usize> {
        let start = self.i;
        while self.peek(self.i) == b' ' {
            self.i += 1;
        }
        let indent = self.i - start;
        let blank = matches!(self.peek(self.i), b'\n' | b'#');
        if let Some(opened) = self.block_scalar {
            if blank || indent > opened {
                self.skip_to_line_end();
                self.i += 1;
                return None;
            }
            self.block_scalar = None;
        }
        if self.flow == 0 && !blank {
            while self.indents.last().is_some_and(|&top| top >= indent) {
                self.indents.pop();
            }
            self.indents.push(indent);
            if self.depth() > MAX_NESTING {
                return Some(self.i);
            }
            self.value_start = true;
        }
        let deep = self.rest_of_line(indent);
        self.i += 1;
        deep
    }

    /// Scans to the end of the line.
    fn rest_of_line(&mut self, indent: usize) -> Option<usize> {
        // Block indicators stacked on this line (`- - x`, `? - x`).
        let mut stacked = 0;
        while self.i < self.bytes.len() {
            let c = self.bytes[self.i];
            let spaced = matches!(self.peek(self.i + 1), b' ' | b'\n' | b'\t' | b'\r');
            let after_space = self.i == 0 || matches!(self.bytes[self.i - 1], b' ' | b'\t');
            match c {
                b'\n' => return None,
                b' ' | b'\t' | b'\r' => {}
                b'#' if after_space => {
                    self.skip_to_line_end();
                    return None;
                }
                b'\'' | b'"' if self.value_start => {
                    self.skip_quoted(c);
                    self.value_start = false;
                    continue;
                }
                b'[' | b'{' if self.value_start || self.flow > 0 => {
                    self.flow += 1;
                    if self.depth() + stacked > MAX_NESTING {
                        return Some(self.i);
                    }
                    self.value_start = true;
                }
                b']' | b'}' if self.flow > 0 => {
                    self.flow -= 1;
                    self.value_start = false;
                }
                b',' if self.flow > 0 => self.value_start = true,
                b'-' | b'?' if self.value_start && spaced => {
                    stacked += 1;
                    if self.depth() + stacked > MAX_NESTING {
                        return Some(self.i);
                    }
                }
                b':' if spaced => self.value_start = true,
                b'|' | b'>' if self.value_start && self.flow == 0 => {
                    self.block_scalar = Some(indent);
                    self.skip_to_line_end();
                    return None;
                }
                b'&' | b'!' | b'*' if self.value_start => {
                    while !matches!(self.peek(self.i), b' ' | b'\n' | b'\t' | b',' | b']' | b'}') {
                        self.i += 1;
                    }
                    continue;
                }
                _ => self.value_start = false,
            }
            self.i += 1;
        }
        None
    }

    /// Skips a quoted scalar from its opening quote (it may span lines).
    fn skip_quoted(&mut self, quote: u8) {
        self.i += 1;
        while self.i < self.bytes.len() {
            let c = self.bytes[self.i];
            if quote == b'"' && c == b'\\' {
                self.i += 2;
                continue;
            }
            if c == quote {
                if quote == b'\'' && self.peek(self.i + 1) == b'\'' {
                    self.i += 2;
                    continue;
                }
                self.i += 1;
                return;
            }
            self.i += 1;
        }
    }
}

/// Marks the error that [`expansion_within_budget`] raises (any other error of the counting
/// pass is left for the real parse to report).
const OVER_BUDGET: &str = "icp-docs: expanded size over budget";

/// `Err(path)` when the document, with every alias expanded, exceeds
/// [`MAX_EXPANDED_BYTES`]; `path` is the YAML path where the budget ran out.
pub fn expansion_within_budget(text: &str) -> Result<(), String> {
    let remaining = Cell::new(MAX_EXPANDED_BYTES);
    let deserializer = serde_yaml::Deserializer::from_str(text);
    let mut track = serde_path_to_error::Track::new();
    let tracked = serde_path_to_error::Deserializer::new(deserializer, &mut track);
    match (Budget {
        remaining: &remaining,
    })
    .deserialize(tracked)
    {
        Err(err) if err.to_string().contains(OVER_BUDGET) => Err(track.path().to_string()),
        _ => Ok(()),
    }
}

#[derive(Clone, Copy)]
struct Budget<'a> {
    remaining: &'a Cell<u64>,
}

impl Budget<'_> {
    fn spend<E: de::Error>(&self, bytes: usize) -> Result<(), E> {
        let cost = (bytes as u64).saturating_add(NODE_COST);
        match self.remaining.get().checked_sub(cost) {
            Some(left) => {
                self.remaining.set(left);
                Ok(())
            }
            None => Err(E::custom(OVER_BUDGET)),
        }
    }
}

impl<'de> DeserializeSeed<'de> for Budget<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Budget<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_i128<E: de::Error>(self, _: i128) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_u128<E: de::Error>(self, _: u128) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.spend(v.len())
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<(), E> {
        self.spend(v.len())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.deserialize(d)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.spend(0)?;
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.spend(0)?;
        while map.next_key_seed(self)?.is_some() {
            map.next_value_seed(self)?;
        }
        Ok(())
    }
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        use de::VariantAccess;
        let ((), variant) = data.variant_seed(self)?;
        variant.newtype_variant_seed(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_nesting_passes() {
        let example = include_str!("../../profiles/example.yaml");
        assert_eq!(too_deep(example), None);
        assert_eq!(too_deep("a: [1, [2, {b: [3]}]]\nc: |\n  [[[[[[\n"), None);
        assert_eq!(too_deep(&format!("a: '{}'\n", "[".repeat(500))), None);
        assert_eq!(too_deep(&format!("a: x{}\n", "[".repeat(500))), None);
        assert_eq!(too_deep(&format!("a: \"{}\"\n", "{".repeat(500))), None);
        assert_eq!(too_deep(&format!("# {}\n", "[".repeat(500))), None);
    }

    #[test]
    fn deep_nesting_is_found() {
        let flow = format!("a: {}", "[".repeat(100));
        assert_eq!(too_deep(&flow), Some(3 + MAX_NESTING - 1));
        let dashes = format!("{}x\n", "- ".repeat(100));
        assert!(too_deep(&dashes).is_some());
        let mut indented = String::new();
        for n in 0..100 {
            indented.push_str(&format!("{}k:\n", " ".repeat(n)));
        }
        let at = too_deep(&indented).unwrap();
        assert_eq!(indented[..at].matches('\n').count(), MAX_NESTING);
        // Flow collections continue over lines.
        let multi = format!("a: [\n{}", "[\n".repeat(100));
        assert!(too_deep(&multi).is_some());
    }

    #[test]
    fn every_megabyte_scans_quickly() {
        let start = std::time::Instant::now();
        for text in [
            "[".repeat(1 << 20),
            "- ".repeat(1 << 19),
            "a: 'x'\n".repeat(1 << 17),
            "\"".repeat(1 << 20),
        ] {
            let _ = too_deep(&text);
        }
        assert!(start.elapsed() < std::time::Duration::from_secs(1));
    }

    #[test]
    fn alias_expansion_is_bounded() {
        let long = "x".repeat(100_000);
        let mut text = format!("a: &big {long}\nb: [");
        for _ in 0..100 {
            text.push_str("*big, ");
        }
        text.push_str("]\n");
        assert_eq!(expansion_within_budget(&text), Err("b[40]".to_string()));
        assert_eq!(
            expansion_within_budget("a: &x [1, 2]\nb: *x\nc: *x\n"),
            Ok(())
        );
        // Not YAML: left for the real parse to report.
        assert_eq!(expansion_within_budget("a: [\n"), Ok(()));
    }
}
