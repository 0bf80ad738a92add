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
/// there is none, at the measure. In an address the cut goes where a reader expects one,
/// if that leaves the line at least half full: after a dot, `@`, `/` or `_`, else after a
/// hyphen (`birdwatch-⏎community.com.cn`, not `comm⏎unity`).
fn overlong_cut(chars: &[char], start: usize, i: usize) -> usize {
    let keeps_rules = |c: usize| {
        // Spaces at a break vanish: look past them on both sides.
        let before = chars[start..c].iter().rev().find(|&&ch| !is_space(ch));
        !is_space(chars[c]) && !no_start(chars[c]) && before.is_some_and(|&ch| !no_end(ch))
    };
    let half = start + (i - start).div_ceil(2);
    let separator = |c: usize| matches!(chars[c - 1], '.' | '@' | '/' | '_');
    let hyphen = |c: usize| chars[c - 1] == '-';
    let last = |accept: &dyn Fn(usize) -> bool| {
        (half.max(start + 1)..=i)
            .rev()
            .find(|&c| accept(c) && keeps_rules(c))
    };
    last(&separator)
        .or_else(|| last(&hyphen))
        .or_else(|| (start + 1..=i).rev().find(|&c| keeps_rules(c)))
        .unwrap_or(i)
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
mod tests;
