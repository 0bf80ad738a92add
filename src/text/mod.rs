//! Text services beneath the typesetter and the diagrams: the embedded faces (parsed once
//! per process), measuring, Chinese line breaking (UAX #14 with 禁则) and the character
//! classes. Nothing here knows about documents, pages or output formats.

mod class;
mod fonts;
mod identifiers;
pub(crate) mod linebreak;
mod shape;

pub use class::{display_width, is_cjk, is_invisible};
pub use fonts::{Face, FaceId, Fonts, EM_BOX_ASCENT};
pub use identifiers::with_break_hints;
pub use shape::shape;
#[cfg(test)]
pub use shape::width;

#[derive(Debug, Clone, thiserror::Error)]
pub enum TextError {
    /// The text uses a character the embedded fonts cannot print; setting it would show
    /// an empty box, so it is refused instead.
    #[error(
        "the fonts have no glyph for “{ch}” (U+{code:04X}), in “{context}”; \
         replace or remove this character",
        code = u32::from(*.ch)
    )]
    MissingGlyph { ch: char, context: String },
    #[error("embedded font: {0}")]
    Font(String),
}

/// Whether the embedded fonts can print `ch`: every face has a glyph for it (they cover
/// the same characters), or typesetting drops it as invisible (a zero-width space, a soft
/// hyphen). `check` asks this of every character of the profile, so that it refuses
/// exactly what the writers would.
pub fn can_print(ch: char) -> bool {
    if ch == '\t' || is_invisible(ch) {
        return true;
    }
    // Printable ASCII is in every face (a test keeps it so).
    if (' '..='~').contains(&ch) {
        return true;
    }
    Fonts::embedded().is_ok_and(|fonts| {
        FaceId::ALL
            .iter()
            .all(|&face| fonts.face(face).glyph(ch).is_some())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn can_print_is_what_every_face_has() {
        let fonts = Fonts::embedded().expect("embedded fonts parse");
        for ch in ['青', '龘', 'A', '○', '◦', '😀', '\u{202E}', '①', '—'] {
            let all = FaceId::ALL
                .iter()
                .all(|&f| fonts.face(f).glyph(ch).is_some());
            assert_eq!(can_print(ch), all, "{ch:?}");
        }
        assert!(
            can_print('\u{200B}') && can_print('\t'),
            "invisible ones are dropped"
        );
        for ch in ' '..='~' {
            assert!(FaceId::ALL
                .iter()
                .all(|&f| fonts.face(f).glyph(ch).is_some()));
        }
    }

    #[test]
    fn shaping_names_a_missing_character() {
        let fonts = Fonts::embedded().expect("fonts");
        match shape(fonts, "王𪚥", FaceId::SerifRegular, 12.0) {
            Err(TextError::MissingGlyph { ch, context }) => {
                assert_eq!(ch, '𪚥');
                assert_eq!(context, "王𪚥");
            }
            other => panic!("expected a missing glyph, got {other:?}"),
        }
        let w = width(fonts, "中文", FaceId::SerifRegular, 10.0).expect("width");
        assert!((w - 20.0).abs() < 0.01, "{w}");
    }
}
