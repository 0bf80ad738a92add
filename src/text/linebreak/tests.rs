//! Line breaking: the rules on small cases, and their invariants as properties.

use super::*;

/// Chinese characters and full-width punctuation 1.0 wide, everything else 0.5.
fn widths(chars: &[char]) -> Vec<f32> {
    chars
        .iter()
        .map(|&c| if is_cjk(c) { 1.0 } else { 0.5 })
        .collect()
}

/// The text of each line of `chars`.
fn texts(chars: &[char], lines: &[LineSpan]) -> Vec<String> {
    lines
        .iter()
        .map(|l| chars[l.start..l.end].iter().collect())
        .collect()
}

/// `text` set in lines of `width(k)` for line `k`.
fn lines_with(text: &str, width: impl Fn(usize) -> f32) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let w = widths(&chars);
    let b = break_opportunities(&chars);
    texts(&chars, &fit_lines(&chars, &w, &b, width))
}

fn lines_of(text: &str, width: f32) -> Vec<String> {
    lines_with(text, |_| width)
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
fn an_overlong_address_is_cut_where_a_reader_expects_it() {
    // 30 characters a line: after the last hyphen that fills half of it, not at 30.
    let lines = lines_of("xubowen@ningbo-coastal-birdwatch-community.com.cn", 15.0);
    assert_eq!(
        lines,
        ["xubowen@ningbo-coastal-", "birdwatch-community.com.cn"]
    );
    // After a dot rather than after a hyphen.
    let lines = lines_of("www.ningbo-coastal.birdwatch-community.com.cn", 12.0);
    assert_eq!(
        lines,
        ["www.ningbo-coastal.", "birdwatch-community.com.", "cn"]
    );
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
    let lines = lines_with("一二三四五六七八九十", |k| {
        if k == 0 {
            2.0
        } else {
            4.0
        }
    });
    assert_eq!(lines, ["一二", "三四五六", "七八九十"]);
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
    assert_eq!(texts(&chars, &two), ["一二）", "（三四"]);
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
                prop::sample::select("青禾网络科技有限公司服务平台".chars().collect::<Vec<_>>()),
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
                "", "，", "。", "、", "）", "”", "》", "；", "：", "！", "……", "——", " ", ")", "%",
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
