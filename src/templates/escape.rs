//! Markdown escaping of profile values, so no value can change a document's structure.
//!
//! Every ASCII punctuation character that Markdown gives a meaning is backslash-escaped
//! (CommonMark allows escaping any ASCII punctuation), and a line break becomes a space: a value
//! is always inline text. YAML folding (`>-`) turns a line break between two Chinese characters
//! into a space that Chinese text must not have, so whitespace between two CJK characters is
//! dropped (an ideographic space U+3000 is kept).

use std::io::Write;

use crate::text::is_cjk;

/// Escapes `input` for use as inline Markdown text.
pub fn escape_markdown(input: &str) -> String {
    let mut out = Vec::with_capacity(input.len() + 8);
    // Writing into a Vec cannot fail.
    let _ = escape_markdown_to(input, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Tera escape function (signature fixed by `tera::EscapeFn`).
pub fn escape_markdown_to(input: &str, out: &mut dyn Write) -> std::io::Result<()> {
    let chars: Vec<char> = input.chars().collect();
    let mut buffer = [0u8; 4];
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index];
        if c.is_whitespace() {
            let start = index;
            while index < chars.len() && chars[index].is_whitespace() {
                index += 1;
            }
            let before = start.checked_sub(1).map(|i| chars[i]);
            let after = chars.get(index).copied();
            let between_cjk = before.is_some_and(is_cjk) && after.is_some_and(is_cjk);
            let ideographic = chars[start..index].iter().all(|c| *c == '\u{3000}');
            if before.is_none() || after.is_none() || (between_cjk && !ideographic) {
                continue;
            }
            if ideographic {
                out.write_all("\u{3000}".as_bytes())?;
            } else {
                out.write_all(b" ")?;
            }
            continue;
        }
        if is_markdown_punctuation(c) {
            out.write_all(b"\\")?;
        }
        out.write_all(c.encode_utf8(&mut buffer).as_bytes())?;
        index += 1;
    }
    Ok(())
}

fn is_markdown_punctuation(c: char) -> bool {
    matches!(
        c,
        '\\' | '`'
            | '*'
            | '_'
            | '{'
            | '}'
            | '['
            | ']'
            | '<'
            | '>'
            | '('
            | ')'
            | '#'
            | '+'
            | '-'
            | '.'
            | '!'
            | '|'
            | '~'
            | '&'
            | '"'
            | '='
            | ':'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_structure_characters() {
        assert_eq!(escape_markdown("a*b_c"), "a\\*b\\_c");
        assert_eq!(escape_markdown("# 标题 | 表"), "\\# 标题 \\| 表");
        assert_eq!(
            escape_markdown("<b>[x](y)</b>"),
            "\\<b\\>\\[x\\]\\(y\\)\\</b\\>"
        );
        assert_eq!(escape_markdown("`code`"), "\\`code\\`");
    }

    #[test]
    fn line_breaks_become_inline() {
        assert_eq!(escape_markdown("第一行\n# 第二行"), "第一行 \\# 第二行");
        assert_eq!(escape_markdown("检索、\n在线讲座"), "检索、在线讲座");
        assert_eq!(escape_markdown("检索、 在线讲座"), "检索、在线讲座");
        assert_eq!(escape_markdown("文三路 478 号"), "文三路 478 号");
        assert_eq!(escape_markdown("  前后空白  "), "前后空白");
    }
}
