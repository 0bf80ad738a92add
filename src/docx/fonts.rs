//! The fonts the DOCX names, declared so a reader without them substitutes a Chinese face
//! of the same kind, and the East Asian hint for punctuation Word would set in Latin.

/// `word/fontTable.xml`. docx-rs declares only Times New Roman, Symbol and Arial; a reader
/// that lacks 仿宋 then knows nothing of it and may fall back to a Latin or sans face. Each
/// Chinese font is declared with the English name it has on Windows (`altName`), the GB2312
/// character set (`86`), its kind and pitch, and the PANOSE numbers Windows' copies carry,
/// which is what Word, WPS and LibreOffice match a substitute on.
pub const FONT_TABLE: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
    r#"<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304" /><w:charset w:val="00" /><w:family w:val="roman" /><w:pitch w:val="variable" /></w:font>"#,
    r#"<w:font w:name="Symbol"><w:panose1 w:val="05050102010706020507" /><w:charset w:val="02" /><w:family w:val="roman" /><w:pitch w:val="variable" /></w:font>"#,
    r#"<w:font w:name="Arial"><w:panose1 w:val="020B0604020202020204" /><w:charset w:val="00" /><w:family w:val="swiss" /><w:pitch w:val="variable" /></w:font>"#,
    // 宋体: the Song (Ming) serif of titles.
    r#"<w:font w:name="宋体"><w:altName w:val="SimSun" /><w:panose1 w:val="02010600030101010101" /><w:charset w:val="86" /><w:family w:val="roman" /><w:pitch w:val="variable" /></w:font>"#,
    // 仿宋: the body face, a Song-derived serif of even stroke.
    r#"<w:font w:name="仿宋"><w:altName w:val="FangSong" /><w:panose1 w:val="02010609060101010101" /><w:charset w:val="86" /><w:family w:val="roman" /><w:pitch w:val="fixed" /></w:font>"#,
    // 黑体: the first-level headings' sans (Windows declares it `modern`, fixed pitch).
    r#"<w:font w:name="黑体"><w:altName w:val="SimHei" /><w:panose1 w:val="02010609060101010101" /><w:charset w:val="86" /><w:family w:val="modern" /><w:pitch w:val="fixed" /></w:font>"#,
    // 楷体: the second-level headings' brush-written face.
    r#"<w:font w:name="楷体"><w:altName w:val="KaiTi" /><w:panose1 w:val="02010609060101010101" /><w:charset w:val="86" /><w:family w:val="script" /><w:pitch w:val="fixed" /></w:font>"#,
    "</w:fonts>"
);

/// Whether a run of `text` needs `w:hint="eastAsia"`. Word sets characters that both
/// scripts use — curly quotes, the dash and ellipsis of Chinese punctuation — in the Latin
/// font unless told otherwise, so “青禾学堂” got half-width Times New Roman quotes in the
/// middle of 仿宋. With the hint they come from the East Asian font, full width, as in the
/// PDF. Runs with CJK punctuation carry it too, as Word's own runs do.
pub fn needs_east_asian_hint(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c,
            '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' // ‘ ’ “ ”
            | '\u{2014}' | '\u{2026}'                          // — …
            | '\u{3000}'..='\u{303F}'                          // 、。〈〉《》「」【】…
            | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' // ！（），．／：；？
            | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FF65}')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curly_quotes_and_chinese_punctuation_take_the_hint() {
        for text in [
            "“青禾学堂”",
            "‘a’",
            "公司。",
            "（一）",
            "见下——",
            "等……",
            "目　录",
        ] {
            assert!(needs_east_asian_hint(text), "{text}");
        }
        for text in [
            "青禾学堂",
            "qinghe-edu.cn",
            "100Mbps",
            "2026年12月8日",
            "\"x\"",
        ] {
            assert!(!needs_east_asian_hint(text), "{text}");
        }
    }

    #[test]
    fn every_chinese_face_of_the_style_sheet_is_declared() {
        for (name, alt) in [
            ("宋体", "SimSun"),
            ("仿宋", "FangSong"),
            ("黑体", "SimHei"),
            ("楷体", "KaiTi"),
        ] {
            let entry = format!(r#"<w:font w:name="{name}"><w:altName w:val="{alt}" />"#);
            assert!(FONT_TABLE.contains(&entry), "{name}");
        }
    }
}
