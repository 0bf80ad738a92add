//! Character classes shared by the escaping, parsing, typesetting and terminal-table steps.

/// Ideographs, kana, CJK and full-width punctuation, and the punctuation Chinese fonts set
/// full width (quotes, dashes, ellipsis, middle dot).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF      // radicals
        | 0x3000..=0x303F    // CJK symbols and punctuation
        | 0x3040..=0x30FF    // kana
        | 0x3100..=0x312F    // bopomofo
        | 0x31C0..=0x31EF    // strokes
        | 0x3200..=0x33FF    // enclosed CJK, compatibility
        | 0x3400..=0x4DBF    // extension A
        | 0x4E00..=0x9FFF    // unified ideographs
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFE10..=0xFE1F    // vertical forms
        | 0xFE30..=0xFE4F    // compatibility forms
        | 0xFF00..=0xFFEF    // full-width forms
        | 0x20000..=0x3FFFF) // extensions B..
        || matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}

/// Characters that print nothing and take no room (line feeds, zero-width marks).
pub fn is_invisible(ch: char) -> bool {
    matches!(
        ch,
        '\n' | '\r' | '\u{00AD}' | '\u{200B}'
            ..='\u{200F}' | '\u{2060}' | '\u{FE0E}' | '\u{FE0F}' | '\u{FEFF}'
    )
}

/// Terminal columns of `text` (CJK characters take two), so plain-text tables line up.
pub fn display_width(text: &str) -> usize {
    text.chars().map(|c| if is_cjk(c) { 2 } else { 1 }).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_and_widths() {
        assert!(is_cjk('青') && is_cjk('，') && is_cjk('“') && is_cjk('𪚥'));
        assert!(!is_cjk('A') && !is_cjk('1') && !is_cjk(' '));
        assert_eq!(display_width("浙江 B2"), 7);
    }
}
