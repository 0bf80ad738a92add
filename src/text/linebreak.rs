//! Line breaking and justification for Chinese text with embedded Latin words.
//!
//! Break opportunities come from UAX #14 (so Latin words and numbers stay whole),
//! tightened by the Chinese line-breaking rules (禁则): closing punctuation never starts a
//! line and opening punctuation never ends one; identifiers (domains, e-mail addresses,
//! 备案号, licence numbers, dates: `identifiers.rs`) are never broken inside. Lines are filled greedily, which
//! is what Chinese typesetting expects on a character grid; a character that would violate
//! 禁则 is pushed to the next line together with its neighbour and the slack is spread by
//! justification.
//!
//! Between two characters of a line there may also be a fixed *gap* (see [`gaps`]): a
//! sixth of an em between Chinese and Latin letters or digits, as word processors set
//! them (CLREQ asks for at most a quarter),
//! and minus half an em between two full-width punctuation marks whose blank halves meet
//! (`），` `。”` `（《`), so such pairs take one and a half ems instead of two (CLREQ
//! 标点挤压). A gap only exists inside a line: at a line break both characters keep their
//! full width.

use unicode_linebreak::{linebreaks, BreakOpportunity};

// Gaps next to CJK characters may stretch when justifying; gaps inside a Latin word may not.
use super::class::is_cjk;

/// What may happen before a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Break {
    Never,
    Allowed,
    Mandatory,
}

/// Characters that must not start a line (行首禁则).
const NO_START: &[char] = &[
    '!', '%', ')', ',', '.', ':', ';', '?', ']', '}', '¢', '°', '·', '’', '”', '‰', '′', '″', '›',
    '℃', '∶', '、', '。', '〃', '々', '〆', '〉', '》', '」', '』', '】', '〕', '〗', '〙', '〛',
    '〞', '〟', '〻', 'ー', 'ぁ', 'ぃ', 'ぅ', 'ぇ', 'ぉ', 'っ', 'ゃ', 'ゅ', 'ょ', 'ゎ', 'ァ', 'ィ',
    'ゥ', 'ェ', 'ォ', 'ッ', 'ャ', 'ュ', 'ョ', 'ヮ', 'ヵ', 'ヶ', '！', '％', '）', '，', '．', '：',
    '；', '？', '］', '｝', '｡', '､', '～', '…', '‥', '—', '–',
];

/// Characters that must not end a line (行尾禁则).
const NO_END: &[char] = &[
    '$', '(', '£', '¥', '‘', '“', '〈', '《', '「', '『', '【', '〔', '〖', '〘', '〚', '〝', '（',
    '［', '｛', '￡', '￥', '[', '{',
];

/// Tolerance for floating point widths, in points.
const EPS: f32 = 0.01;

/// Unified ideographs and ASCII letters and digits, most of any text, are in neither list.
fn plain_letter(ch: char) -> bool {
    ch.is_ascii_alphanumeric() || ('\u{4E00}'..='\u{9FFF}').contains(&ch)
}

pub(crate) fn no_start(ch: char) -> bool {
    !plain_letter(ch) && NO_START.contains(&ch)
}

pub(crate) fn no_end(ch: char) -> bool {
    !plain_letter(ch) && NO_END.contains(&ch)
}

/// Space that disappears at a line edge.
pub(crate) fn is_space(ch: char) -> bool {
    matches!(ch, ' ' | '\t' | '\n' | '\u{3000}')
}

/// Full-width punctuation whose ink sits in the left half of the em box (stops, pauses
/// and closing marks in Simplified Chinese fonts; checked for the three embedded faces).
const INK_LEFT: &[char] = &[
    '，', '。', '、', '；', '：', '？', '！', '）', '》', '」', '』', '】', '〕', '〗', '〙', '〛',
    '”', '’',
];

/// Full-width punctuation whose ink sits in the right half (opening marks).
const INK_RIGHT: &[char] = &[
    '（', '《', '「', '『', '【', '〔', '〖', '〘', '〚', '“', '‘',
];

/// Full-width opening brackets (the opening marks but the quotes, whose breaks follow
/// the text around them), before which Chinese text may always break.
fn is_full_width_opening_bracket(ch: char) -> bool {
    INK_RIGHT.contains(&ch) && !matches!(ch, '“' | '‘')
}

/// Chinese characters proper (ideographs, kana, 〇), as opposed to punctuation.
fn is_han(ch: char) -> bool {
    matches!(ch as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
        || ch == '〇'
}

/// Letters and digits of Latin text.
fn is_latin(ch: char) -> bool {
    ch.is_ascii_alphanumeric() || (ch.is_alphabetic() && (ch as u32) < 0x0250)
}

/// Fixed space before each character (relative to the one before it on the same line),
/// for text set at `em` points: `+em/6` between Chinese and Latin letters or digits,
/// `-em/2` where two full-width punctuation marks meet with their blank halves.
pub(crate) fn gaps(chars: &[char], em: f32) -> Vec<f32> {
    let mut out = vec![0.0; chars.len()];
    for i in 1..chars.len() {
        let (a, b) = (chars[i - 1], chars[i]);
        out[i] = if (is_han(a) && is_latin(b)) || (is_latin(a) && is_han(b)) {
            em / 6.0
        } else if (INK_LEFT.contains(&a) && (INK_LEFT.contains(&b) || INK_RIGHT.contains(&b)))
            || (INK_RIGHT.contains(&a) && INK_RIGHT.contains(&b))
        {
            -em * 0.5
        } else {
            0.0
        };
    }
    out
}

/// Break status before each character; the result has one more entry than `chars`
/// (the end of the text, always `Mandatory` when the text is not empty).
pub(crate) fn break_opportunities(chars: &[char]) -> Vec<Break> {
    let n = chars.len();
    let mut out = vec![Break::Never; n + 1];
    if n == 0 {
        return out;
    }
    let text: String = chars.iter().collect();
    // Byte offset -> char index.
    let mut char_at_byte = vec![0usize; text.len() + 1];
    for (ci, (bi, _)) in text.char_indices().enumerate() {
        char_at_byte[bi] = ci;
    }
    char_at_byte[text.len()] = n;
    for (byte, opportunity) in linebreaks(&text) {
        let i = char_at_byte[byte];
        out[i] = match opportunity {
            BreakOpportunity::Mandatory => Break::Mandatory,
            BreakOpportunity::Allowed => Break::Allowed,
        };
    }
    out[n] = Break::Mandatory;
    for i in 1..n {
        if out[i] == Break::Mandatory {
            continue;
        }
        let (prev, next) = (chars[i - 1], chars[i]);
        // UAX #14 glues quotation marks to both neighbours; Chinese text may break before
        // an opening quote and after a closing one when the other side is Chinese.
        if out[i] == Break::Never
            && ((matches!(next, '“' | '‘') && is_cjk(prev) && !no_end(prev))
                || (matches!(prev, '”' | '’') && is_cjk(next) && !no_start(next)))
        {
            out[i] = Break::Allowed;
        }
        // UAX #14 keeps an opening bracket with a digit before it (LB30, meant for `f(x)`);
        // a full-width bracket after a number or a phone number opens a new phrase.
        if out[i] == Break::Never && is_full_width_opening_bracket(next) && !is_space(prev) {
            out[i] = Break::Allowed;
        }
        if no_start(next) || no_end(prev) {
            out[i] = Break::Never;
        }
    }
    for span in super::identifiers::unbreakable_spans(chars) {
        for b in &mut out[span.start + 1..span.end] {
            if *b != Break::Mandatory {
                *b = Break::Never;
            }
        }
    }
    out
}

/// One line of a paragraph as a range of character indices.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LineSpan {
    pub start: usize,
    /// Exclusive, with trailing spaces removed.
    pub end: usize,
    /// Natural width of `start..end`.
    pub width: f32,
    /// Last line of the paragraph or followed by a forced break: not justified.
    pub last: bool,
}

/// Fills lines greedily. `avail(k)` is the width available to line `k` (the first line
/// may be shorter because of the indent).
pub(crate) fn fit_lines(
    chars: &[char],
    widths: &[f32],
    breaks: &[Break],
    avail: impl Fn(usize) -> f32,
) -> Vec<LineSpan> {
    fit_lines_with_gaps(chars, widths, &vec![0.0; chars.len()], breaks, avail)
}

/// [`fit_lines`] with fixed gaps between characters (see [`gaps`]).
pub(crate) fn fit_lines_with_gaps(
    chars: &[char],
    widths: &[f32],
    gaps: &[f32],
    breaks: &[Break],
    avail: impl Fn(usize) -> f32,
) -> Vec<LineSpan> {
    let spacing = Spacing {
        widths,
        gaps,
        shrinks: &[],
    };
    fit_lines_squeezing(chars, &spacing, breaks, avail, f32::INFINITY)
}

/// How a line's characters are spaced: advances, the fixed gaps of [`gaps`], and how much
/// each character's blank can give up when a line is squeezed ([`shrinks`]; empty for
/// text that is never squeezed).
pub(crate) struct Spacing<'a> {
    pub widths: &'a [f32],
    pub gaps: &'a [f32],
    pub shrinks: &'a [f32],
}

impl Spacing<'_> {
    fn gap(&self, i: usize) -> f32 {
        self.gaps.get(i).copied().unwrap_or(0.0)
    }

    fn shrink(&self, i: usize) -> f32 {
        self.shrinks.get(i).copied().unwrap_or(0.0)
    }
}

/// Fills lines greedily; a line that would end `loose` (in points) or more short of its
/// measure, because what follows cannot be broken, is squeezed instead when the
/// punctuation and gaps of the line can give up the room the next piece needs (CLREQ's
/// 先挤后推: compress first, push down only when compressing does not suffice).
pub(crate) fn fit_lines_squeezing(
    chars: &[char],
    spacing: &Spacing<'_>,
    breaks: &[Break],
    avail: impl Fn(usize) -> f32,
    loose: f32,
) -> Vec<LineSpan> {
    let n = chars.len();
    let mut lines = Vec::new();
    let mut start = 0;
    while start < n {
        if !lines.is_empty() {
            // Spaces at the start of a continuation line are swallowed by the break.
            while start < n && is_space(chars[start]) && chars[start] != '\n' {
                start += 1;
            }
            if start >= n {
                break;
            }
        }
        let limit = avail(lines.len());
        let (mut line, mut end) = fit_one(chars, spacing, breaks, start, limit, false);
        if !line.last && limit - line.width >= loose && !spacing.shrinks.is_empty() {
            let (squeezed, squeezed_end) = fit_one(chars, spacing, breaks, start, limit, true);
            if squeezed.end > line.end {
                (line, end) = (squeezed, squeezed_end);
            }
        }
        lines.push(line);
        start = end;
    }
    lines
}
/// One line from `start` within `limit`: the line and where the next one starts. With
/// `squeeze`, the characters may overrun the measure by what their blanks can give up.
fn fit_one(
    chars: &[char],
    spacing: &Spacing<'_>,
    breaks: &[Break],
    start: usize,
    limit: f32,
    squeeze: bool,
) -> (LineSpan, usize) {
    let n = chars.len();
    let mut width = 0.0f32;
    let mut give = 0.0f32;
    let mut last_break: Option<usize> = None;
    let mut i = start;
    let (end, last) = loop {
        if i == n {
            break (n, true);
        }
        if i > start {
            match breaks[i] {
                Break::Mandatory => break (i, true),
                Break::Allowed => last_break = Some(i),
                Break::Never => {}
            }
        }
        let w = spacing.widths[i] + if i > start { spacing.gap(i) } else { 0.0 };
        if squeeze {
            give += spacing.shrink(i);
        }
        if i > start && !is_space(chars[i]) && width + w > limit + give + EPS {
            match last_break {
                Some(b) => break (b, false),
                None => break (overlong_cut(chars, start, i), false),
            }
        }
        width += w;
        i += 1;
    };
    let mut visible_end = end;
    while visible_end > start && is_space(chars[visible_end - 1]) {
        visible_end -= 1;
    }
    let width = spacing.widths[start..visible_end].iter().sum::<f32>()
        + (start + 1..visible_end)
            .map(|k| spacing.gap(k))
            .sum::<f32>();
    let line = LineSpan {
        start,
        end: visible_end,
        width,
        last,
    };
    (line, end)
}

/// Where to cut a word longer than the line that reaches `i`: at the last place that keeps
/// 禁则 (not before a run of closing marks such as `.，`, not after an opening one); where
/// there is none, at the measure.
fn overlong_cut(chars: &[char], start: usize, i: usize) -> usize {
    let keeps_rules = |c: usize| {
        // Spaces at a break vanish: look past them on both sides.
        let before = chars[start..c].iter().rev().find(|&&ch| !is_space(ch));
        !is_space(chars[c]) && !no_start(chars[c]) && before.is_some_and(|&ch| !no_end(ch))
    };
    (start + 1..=i).rev().find(|&c| keeps_rules(c)).unwrap_or(i)
}

/// Horizontal position of each character of a line, relative to the line start.
/// With `justify`, the slack `avail - natural width` is spread over the gaps next to
/// Chinese characters and over spaces, never inside a Latin word unless the line has no
/// other gap, and never before closing or after opening punctuation (which would detach
/// the mark from the word it belongs to). `max_gap` caps the extra space per gap (a line
/// that would look gappy is left ragged instead). `gaps` are the fixed gaps of [`gaps`].
pub(crate) fn positions(
    chars: &[char],
    widths: &[f32],
    gaps: &[f32],
    span: &LineSpan,
    avail: f32,
    justify: bool,
    max_gap: f32,
) -> Vec<f32> {
    let spacing = Spacing {
        widths,
        gaps,
        shrinks: &[],
    };
    place(chars, &spacing, span, avail, justify, max_gap)
}

/// [`positions`] for a line that may have been squeezed: when the line is wider than
/// `avail`, every blank of [`shrinks`] on it gives up the same share of its room (an
/// opening mark loses space before the character, other marks after it). Stretching is capped at `max_gap` per gap; past it the rest of the slack
/// stays at the line end, since spread-out letters read worse than a short line.
pub(crate) fn place(
    chars: &[char],
    spacing: &Spacing<'_>,
    span: &LineSpan,
    avail: f32,
    justify: bool,
    max_gap: f32,
) -> Vec<f32> {
    let len = span.end - span.start;
    let mut xs = Vec::with_capacity(len);
    let slack = avail - span.width;
    let mut weights = vec![0u8; len];
    let mut total = 0usize;
    if justify && !span.last && slack > EPS && len > 1 {
        for k in 0..len - 1 {
            let (a, b) = (chars[span.start + k], chars[span.start + k + 1]);
            if (is_cjk(a) || is_cjk(b) || a == ' ') && !no_start(b) && !no_end(a) {
                weights[k] = 1;
                total += 1;
            }
        }
        if total == 0 {
            weights[..len - 1].iter_mut().for_each(|w| *w = 1);
            total = len - 1;
        }
    }
    let extra = if total > 0 { slack / total as f32 } else { 0.0 };
    let extra = extra.min(max_gap);
    let give: f32 = (span.start..span.end).map(|i| spacing.shrink(i)).sum();
    let squeeze = if slack < -EPS && give > 0.0 {
        (-slack / give).min(1.0)
    } else {
        0.0
    };
    let mut x = 0.0;
    for (k, &weight) in weights.iter().enumerate() {
        let i = span.start + k;
        let shrink = spacing.shrink(i) * squeeze;
        let before = INK_RIGHT.contains(&chars[i]);
        if before {
            x -= shrink;
        }
        xs.push(x);
        x += spacing.widths[i] + spacing.gap(i + 1) + extra * f32::from(weight);
        if !before {
            x -= shrink;
        }
    }
    xs
}

/// How much of its blank each character may give up when its line is squeezed: half an
/// em for full-width punctuation whose blank half [`gaps`] has not already taken. (The
/// Chinese–Latin gaps are left alone: a line starting with Latin has none to give.)
pub(crate) fn shrinks(chars: &[char], gaps: &[f32], em: f32) -> Vec<f32> {
    let gap = |i: usize| gaps.get(i).copied().unwrap_or(0.0);
    (0..chars.len())
        .map(|i| {
            let ch = chars[i];
            let blank_free = (INK_LEFT.contains(&ch) && gap(i + 1) >= 0.0)
                || (INK_RIGHT.contains(&ch) && gap(i) >= 0.0);
            if blank_free {
                em * 0.5
            } else {
                0.0
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Chinese characters and full-width punctuation 1.0 wide, everything else 0.5.
    fn widths(chars: &[char]) -> Vec<f32> {
        chars
            .iter()
            .map(|&c| if is_cjk(c) { 1.0 } else { 0.5 })
            .collect()
    }

    fn lines_of(text: &str, width: f32) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let w = widths(&chars);
        let b = break_opportunities(&chars);
        fit_lines(&chars, &w, &b, |_| width)
            .iter()
            .map(|l| chars[l.start..l.end].iter().collect())
            .collect()
    }

    #[test]
    fn an_overlong_word_is_not_cut_before_a_run_of_closing_marks() {
        // Found by the property test below: the cut moved back past one closing mark only.
        let lines = lines_of("（NNNNNNNNNN.，后", 6.96);
        assert_eq!(lines, ["（NNNNNNNNN", "N.，后"]);
    }

    #[test]
    fn a_line_may_break_before_a_full_width_bracket_and_after_a_full_width_colon() {
        let chars: Vec<char> = "热线：0571-86901234（工作日）".chars().collect();
        let b = break_opportunities(&chars);
        assert_eq!(b[3], Break::Allowed, "after ：");
        assert_eq!(b[16], Break::Allowed, "before （");
        assert!(b[4..16].iter().all(|&x| x == Break::Never), "{b:?}");
    }

    #[test]
    fn a_line_short_of_an_unbreakable_word_squeezes_its_punctuation_to_take_it() {
        // 9 ems wide: 「一，二。三、四：」 is 8 ems with four marks; 「ABCD」 (2 ems)
        // does not fit after it. Squeezed by a quarter em each, the marks make room.
        let chars: Vec<char> = "一，二。三、四：ABCD".chars().collect();
        let w = widths(&chars);
        let g = vec![0.0; chars.len()];
        let sh = shrinks(&chars, &g, 1.0);
        let b = break_opportunities(&chars);
        let spacing = Spacing {
            widths: &w,
            gaps: &g,
            shrinks: &sh,
        };
        let plain = fit_lines_with_gaps(&chars, &w, &g, &b, |_| 9.0);
        assert_eq!(plain[0].end, 8, "{plain:?}");
        let lines = fit_lines_squeezing(&chars, &spacing, &b, |_| 9.0, 1.0);
        assert_eq!(lines.len(), 1, "{lines:?}");
        let xs = place(&chars, &spacing, &lines[0], 9.0, true, 0.2);
        let right = xs[11] + w[11];
        assert!(
            (right - 9.0).abs() < 0.01,
            "the line ends at the measure: {xs:?}"
        );
        // The marks lost half of their blank: 二 follows ， by half an em.
        assert!((xs[2] - xs[1] - 0.75).abs() < 0.01, "{xs:?}");
    }

    #[test]
    fn stretching_is_capped_and_the_rest_stays_at_the_line_end() {
        let chars: Vec<char> = "一二三四".chars().collect();
        let w = widths(&chars);
        let span = LineSpan {
            start: 0,
            end: 4,
            width: 4.0,
            last: false,
        };
        let xs = positions(&chars, &w, &[], &span, 10.0, true, 0.2);
        assert_eq!(xs.len(), 4);
        for k in 1..4 {
            assert!((xs[k] - xs[k - 1] - 1.2).abs() < 1e-4, "{xs:?}");
        }
    }

    #[test]
    fn plain_chinese_fills_lines() {
        assert_eq!(
            lines_of("一二三四五六七八九十", 4.0),
            ["一二三四", "五六七八", "九十"]
        );
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        // The comma would start line 2: 四 moves down with it.
        assert_eq!(
            lines_of("一二三四，五六七八", 4.0),
            ["一二三", "四，五六", "七八"]
        );
        for punct in [
            '。', '、', '；', '：', '？', '！', '）', '》', '」', '”', '…', '—', '%',
        ] {
            let text = format!("一二三四{punct}五六七八");
            for line in lines_of(&text, 4.0) {
                let first = line.chars().next().unwrap();
                assert!(!no_start(first), "{text:?}: line starts with {first}");
            }
        }
    }

    #[test]
    fn opening_punctuation_never_ends_a_line() {
        for punct in ['（', '《', '「', '『', '【', '〈', '“', '‘'] {
            let text = format!("一二三{punct}四五六七八");
            let lines = lines_of(&text, 4.0);
            for line in &lines {
                let last = line.chars().last().unwrap();
                assert!(!no_end(last), "{text:?}: line ends with {last}: {lines:?}");
            }
        }
    }

    #[test]
    fn double_em_dash_and_ellipsis_stay_together() {
        let lines = lines_of("一二三——四五六七八", 4.0);
        assert!(lines.iter().all(|l| !l.starts_with('—')), "{lines:?}");
        let lines = lines_of("一二三……四五六七八", 4.0);
        assert!(lines.iter().all(|l| !l.starts_with('…')), "{lines:?}");
    }

    #[test]
    fn quotes_may_break_on_the_chinese_side() {
        // Break allowed before an opening quote preceded by Chinese.
        let chars: Vec<char> = "一二“三四”五六".chars().collect();
        let b = break_opportunities(&chars);
        assert_eq!(b[2], Break::Allowed, "before “");
        assert_eq!(b[3], Break::Never, "after “");
        assert_eq!(b[5], Break::Never, "before ”");
        assert_eq!(b[6], Break::Allowed, "after ”");
    }

    #[test]
    fn latin_words_and_numbers_are_not_split() {
        let lines = lines_of("服务器使用Nginx 1.24，地址为203.0.113.18，已备案。", 8.0);
        let joined = lines.join("|");
        for word in ["Nginx", "1.24", "203.0.113.18"] {
            assert!(
                lines.iter().any(|l| l.contains(word)),
                "{word} split: {joined}"
            );
        }
        for line in &lines {
            assert!(!line.starts_with(' ') && !line.ends_with(' '), "{joined}");
        }
    }

    #[test]
    fn overlong_word_is_cut_rather_than_overflowing() {
        let lines = lines_of("abcdefghijklmnop", 4.0);
        assert_eq!(lines, ["abcdefgh", "ijklmnop"]);
    }

    #[test]
    fn forced_line_break() {
        let lines = lines_of("一二\n三四", 10.0);
        assert_eq!(lines, ["一二", "三四"]);
    }

    #[test]
    fn first_line_indent_shortens_first_line() {
        let chars: Vec<char> = "一二三四五六七八九十".chars().collect();
        let w = widths(&chars);
        let b = break_opportunities(&chars);
        let lines = fit_lines(&chars, &w, &b, |k| if k == 0 { 2.0 } else { 4.0 });
        let texts: Vec<String> = lines
            .iter()
            .map(|l| chars[l.start..l.end].iter().collect())
            .collect();
        assert_eq!(texts, ["一二", "三四五六", "七八九十"]);
    }

    #[test]
    fn justified_line_reaches_the_right_edge() {
        let chars: Vec<char> = "一二三四，五六七八".chars().collect();
        let w = widths(&chars);
        let b = break_opportunities(&chars);
        let lines = fit_lines(&chars, &w, &b, |_| 4.0);
        let first = &lines[0];
        assert_eq!(first.width, 3.0);
        let xs = positions(&chars, &w, &[], first, 4.0, true, 1.0);
        let right = xs.last().unwrap() + w[first.end - 1];
        assert!((right - 4.0).abs() < 1e-4, "right edge {right}");
        // Evenly spread: 1 pt of slack over 2 gaps.
        assert!((xs[1] - 1.5).abs() < 1e-4);
        // The last line is not stretched.
        let last = lines.last().unwrap();
        let xs = positions(&chars, &w, &[], last, 4.0, true, 1.0);
        assert_eq!(xs, [0.0, 1.0]);
    }

    #[test]
    fn justification_does_not_letterspace_latin_words() {
        let chars: Vec<char> = "用Nginx和MySQL部署".chars().collect();
        let w = widths(&chars);
        let span = LineSpan {
            start: 0,
            end: chars.len(),
            width: w.iter().sum(),
            last: false,
        };
        let xs = positions(&chars, &w, &[], &span, span.width + 4.0, true, 2.0);
        // Inside "Nginx" letters keep their natural advance.
        for k in 2..5 {
            assert!((xs[k + 1] - xs[k] - 0.5).abs() < 1e-4, "gap {k} stretched");
        }
        let right = xs.last().unwrap() + w.last().unwrap();
        assert!((right - (span.width + 4.0)).abs() < 1e-4);
    }

    #[test]
    fn gaps_space_latin_and_compress_punctuation_pairs() {
        let chars: Vec<char> = "用Nginx和100，（一）。”《《".chars().collect();
        let g = gaps(&chars, 12.0);
        assert_eq!(g[0], 0.0);
        assert_eq!(g[1], 2.0, "Han before Latin");
        assert_eq!(g[2], 0.0, "inside a word");
        assert_eq!(g[6], 2.0, "Latin before Han");
        assert_eq!(g[7], 2.0, "Han before digits");
        assert_eq!(g[10], 0.0, "digit before comma");
        assert_eq!(g[11], -6.0, "，（ meet with their blank halves");
        assert_eq!(g[12], 0.0, "（ before a character");
        assert_eq!(g[14], -6.0, "）。");
        assert_eq!(g[15], -6.0, "。”");
        assert_eq!(g[16], -6.0, "”《");
        assert_eq!(g[17], -6.0, "《《");
    }

    #[test]
    fn a_gap_exists_only_inside_a_line() {
        // ）（ may break; on one line the pair takes 1.5 ems, split each keeps its em.
        let chars: Vec<char> = "一二）（三四".chars().collect();
        let w = widths(&chars);
        let g = gaps(&chars, 1.0);
        let b = break_opportunities(&chars);
        let one = fit_lines_with_gaps(&chars, &w, &g, &b, |_| 10.0);
        assert_eq!(one.len(), 1);
        assert!((one[0].width - 5.5).abs() < 1e-4, "{}", one[0].width);
        let two = fit_lines_with_gaps(&chars, &w, &g, &b, |_| 3.2);
        let texts: Vec<String> = two
            .iter()
            .map(|l| chars[l.start..l.end].iter().collect())
            .collect();
        assert_eq!(texts, ["一二）", "（三四"]);
        assert_eq!(two[0].width, 3.0);
        let xs = positions(&chars, &w, &g, &one[0], 5.5, false, 0.0);
        assert_eq!(xs[3], 2.5, "（ moved half an em closer to ）");
    }

    #[test]
    fn justification_never_detaches_punctuation() {
        let chars: Vec<char> = "一“二”三，四".chars().collect();
        let w = widths(&chars);
        let span = LineSpan {
            start: 0,
            end: chars.len(),
            width: w.iter().sum(),
            last: false,
        };
        let xs = positions(&chars, &w, &[], &span, span.width + 3.0, true, 2.0);
        // After “, before ” and before ， the gap stays natural.
        assert_eq!(xs[2] - xs[1], 1.0);
        assert_eq!(xs[3] - xs[2], 1.0);
        assert_eq!(xs[5] - xs[4], 1.0);
        assert!(xs[1] - xs[0] > 1.0 && xs[4] - xs[3] > 1.0);
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Text as a document has it: words of ideographs and Latin letters or digits,
        /// spaces, and punctuation that follows (closing) or precedes (opening) a word.
        fn text() -> impl Strategy<Value = Vec<char>> {
            let word = prop_oneof![
                prop::collection::vec(
                    prop::sample::select(
                        "青禾网络科技有限公司服务平台".chars().collect::<Vec<_>>()
                    ),
                    1..6
                ),
                prop::collection::vec(
                    prop::sample::select("Nginx203.0.113abc".chars().collect::<Vec<_>>()),
                    1..12
                ),
            ];
            let piece = (
                prop::sample::select(vec!["", "（", "“", "《", "["]),
                word,
                prop::sample::select(vec![
                    "", "，", "。", "、", "）", "”", "》", "；", "：", "！", "……", "——", " ", ")",
                    "%",
                ]),
            );
            prop::collection::vec(piece, 1..40).prop_map(|pieces| {
                pieces
                    .into_iter()
                    .flat_map(|(open, word, close)| {
                        open.chars()
                            .chain(word)
                            .chain(close.chars())
                            .collect::<Vec<_>>()
                    })
                    .collect()
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(3000))]

            /// 禁则 hold, no line is wider than the measure, and every character is set
            /// exactly once and in order (only spaces at a break may go). The measure is at
            /// least five ems: in less, a one-character word with its brackets and an
            /// ellipsis may not fit at all, and then one of the rules must give.
            #[test]
            fn line_breaking_invariants(chars in text(), measure in 5.0f32..30.0, gapped in any::<bool>()) {
                let w = widths(&chars);
                // A character with more opening and closing marks around it than fit on a
                // line (「青…….……」, 「（N……..，」 in five ems) cannot be set without
                // breaking a rule: not a case for this property.
                let glued = (0..chars.len()).map(|i| {
                    let run = chars[i + 1..].iter().take_while(|&&c| no_start(c)).count();
                    let lead = chars[..i].iter().rev().take_while(|&&c| no_end(c)).count();
                    w[i - lead..=i + run].iter().sum::<f32>()
                });
                prop_assume!(glued.fold(0.0f32, f32::max) <= measure);
                let b = break_opportunities(&chars);
                let g = if gapped { gaps(&chars, 1.0) } else { vec![0.0; chars.len()] };
                let lines = fit_lines_with_gaps(&chars, &w, &g, &b, |_| measure);
                let mut next = 0;
                for (k, line) in lines.iter().enumerate() {
                    prop_assert!(line.start >= next && line.end >= line.start);
                    prop_assert!(chars[next..line.start].iter().all(|&c| is_space(c)));
                    prop_assert!(line.width <= measure + EPS, "line {k} is {} wide", line.width);
                    if k > 0 {
                        let first = chars[line.start];
                        prop_assert!(!no_start(first), "line {k} starts with {first:?}");
                    }
                    if k + 1 < lines.len() {
                        let last = chars[line.end - 1];
                        prop_assert!(!no_end(last), "line {k} ends with {last:?}");
                    }
                    next = line.end;
                }
                prop_assert!(chars[next..].iter().all(|&c| is_space(c)));
                let set: String = lines.iter().flat_map(|l| &chars[l.start..l.end]).collect();
                let given: String = chars.iter().collect();
                let visible = |s: &str| s.chars().filter(|&c| !is_space(c)).collect::<String>();
                prop_assert_eq!(visible(&set), visible(&given));
            }
        }
    }
}
