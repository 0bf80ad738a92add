//! List items as Word numbering (`numbering.xml`), so an item added in Word is numbered by
//! Word, while the page looks as the PDF sets it: the model's markers (1. （1） ①) at the
//! first-line indent, no tab after them, continuation lines at the margin.
//!
//! One abstract definition holds the three levels; each list gets its own instance
//! (`w:num`) whose start overrides restart it, since Word continues the count across
//! instances of one definition without them. A list whose markers Word would not
//! reproduce (a deeper level, a nested list not starting at 1, ㉑ and beyond) keeps its
//! markers as text.

use docx_rs::{
    AbstractNumbering, IndentLevel, Level, LevelJc, LevelOverride, LevelSuffixType, LevelText,
    NumberFormat, Numbering, NumberingId, Numberings, RunFonts, SpecialIndentType, Start,
};

use crate::document::{List, ListItem};

/// docx-rs writes a default definition and instance with id 1; ours follow it.
const ABSTRACT_ID: usize = 2;
const FIRST_NUM_ID: usize = 2;

/// Per level: the text Word prints (`%n` is the level's number) and the number format.
const LEVELS: [(&str, &str); 3] = [
    ("%1.", "decimal"),
    ("（%2）", "decimal"),
    ("%3", "decimalEnclosedCircleChinese"),
];

/// The enclosed numbers Word prints for `decimalEnclosedCircleChinese`; past ⑳ it falls
/// back to plain digits, which the model never prints at that level.
const CIRCLED: [char; 20] = [
    '①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧', '⑨', '⑩', '⑪', '⑫', '⑬', '⑭', '⑮', '⑯', '⑰', '⑱', '⑲',
    '⑳',
];

/// The instances of the document's lists, numbered in document order.
#[derive(Default)]
pub struct ListNumbering {
    instances: Vec<Numbering>,
}

impl ListNumbering {
    /// The instance id for `list`, or `None` if Word's numbering would print other markers
    /// than the model's (the caller then writes them as text).
    pub fn add(&mut self, list: &List) -> Option<NumberingId> {
        let first = first_number(&list.items)?;
        let id = FIRST_NUM_ID + self.instances.len();
        let overrides = (0..LEVELS.len())
            .map(|level| LevelOverride::new(level).start(if level == 0 { first } else { 1 }))
            .collect();
        self.instances
            .push(Numbering::new(id, ABSTRACT_ID).overrides(overrides));
        Some(NumberingId::new(id))
    }

    /// The numbering part: the one definition and an instance per list. `first_line` is
    /// the body's first-line indent in twips, `fonts` the body's.
    pub fn into_numberings(self, first_line: i32, fonts: RunFonts) -> Numberings {
        let mut definition = AbstractNumbering::new(ABSTRACT_ID);
        definition.multi_level_type = Some("multilevel".into());
        for (level, (text, format)) in LEVELS.into_iter().enumerate() {
            definition = definition.add_level(
                Level::new(
                    level,
                    Start::new(1),
                    NumberFormat::new(format),
                    LevelText::new(text),
                    LevelJc::new("left"),
                )
                .indent(
                    Some(0),
                    Some(SpecialIndentType::FirstLine(first_line)),
                    None,
                    None,
                )
                .suffix(LevelSuffixType::Nothing)
                .fonts(fonts.clone()),
            );
        }
        let mut numberings = Numberings::new().add_abstract_numbering(definition);
        for instance in self.instances {
            numberings = numberings.add_numbering(instance);
        }
        numberings
    }
}

/// Gives the levels of our definition the body's first-line indent in characters too
/// (`firstLineChars`, which docx-rs does not write), as `package.rs` gives the body style:
/// Word prefers it to the twips, so the two must agree.
pub fn indent_in_characters(part: &[u8], chars: f32) -> Vec<u8> {
    let text = String::from_utf8_lossy(part);
    let open = format!(r#"<w:abstractNum w:abstractNumId="{ABSTRACT_ID}""#);
    let Some(start) = text.find(&open) else {
        return part.to_vec();
    };
    let end = text[start..]
        .find("</w:abstractNum>")
        .map_or(text.len(), |e| start + e);
    let attribute = format!(
        r#"<w:ind w:firstLineChars="{}" "#,
        (chars * 100.0).round() as i32
    );
    let definition = text[start..end].replace("<w:ind ", &attribute);
    format!("{}{definition}{}", &text[..start], &text[end..]).into_bytes()
}

/// The level of an item in the definition.
pub fn level(item: &ListItem) -> IndentLevel {
    IndentLevel::new(usize::from(item.depth))
}

/// The marker Word prints for the `n`-th item of `level`.
fn word_marker(level: usize, n: usize) -> Option<String> {
    let (text, format) = LEVELS.get(level)?;
    let number = match *format {
        "decimal" => n.to_string(),
        _ => CIRCLED.get(n.checked_sub(1)?)?.to_string(),
    };
    Some(text.replace(&format!("%{}", level + 1), &number))
}

/// The number the list's first item carries, if Word, counting from it, prints every
/// item's marker as the model has it: each level counts up from its start and starts
/// again after an item of a higher level.
fn first_number(items: &[ListItem]) -> Option<usize> {
    let first = items.first()?;
    if first.depth != 0 {
        return None;
    }
    let start: usize = first.marker.strip_suffix('.')?.parse().ok()?;
    let mut counters: [Option<usize>; LEVELS.len()] = [None; LEVELS.len()];
    for item in items {
        let level = usize::from(item.depth);
        let starts_at = if level == 0 { start } else { 1 };
        let n = counters.get(level)?.map_or(starts_at, |n| n + 1);
        if word_marker(level, n).as_deref() != Some(item.marker.as_str()) {
            return None;
        }
        counters[level] = Some(n);
        counters[level + 1..].fill(None);
    }
    Some(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(depth: u8, marker: &str) -> ListItem {
        ListItem {
            depth,
            marker: marker.into(),
            runs: Vec::new(),
        }
    }

    #[test]
    fn nested_items_restart_under_each_parent() {
        let items = [
            item(0, "1."),
            item(1, "（1）"),
            item(1, "（2）"),
            item(2, "①"),
            item(0, "2."),
            item(1, "（1）"),
        ];
        assert_eq!(first_number(&items), Some(1));
        assert_eq!(first_number(&[item(0, "3."), item(0, "4.")]), Some(3));
    }

    #[test]
    fn markers_word_would_not_print_keep_their_text() {
        // A nested list starting at 3, a fourth level, a 21st circled item.
        assert_eq!(first_number(&[item(0, "1."), item(1, "（3）")]), None);
        assert_eq!(first_number(&[item(0, "1."), item(3, "①")]), None);
        let mut long = vec![item(0, "1.")];
        long.extend((1..=21).map(|n| item(2, &word_marker(2, n).unwrap_or("（21）".into()))));
        assert_eq!(first_number(&long[..]), None);
    }
}
