//! The one rule by which names are matched to catalogue entries.
//!
//! Names are normalised (lower case, half-width, no spaces, no parenthesised asides), then
//! every alias occurring in the name is a candidate; the alias that ends last wins, and on a
//! tie the longer one. Chinese noun phrases put their head last, so this reads 附近商家推荐 as a
//! 推荐 and 数据库备份服务器 as a 备份, where "first match wins" chains got them wrong. Latin
//! aliases match whole words only, so `es` finds Elasticsearch in `ES 集群` but not in `ECS`.

/// Aliases of one vocabulary, each pointing at an entry (`T`, usually an index). An alias
/// written `主机+安全` is a sequence: its parts must occur in that order, with anything
/// between them (青藤万相主机自适应安全平台), so vendors' product names are found by what they
/// say, not only by the exact words of the catalogue.
#[derive(Debug, Clone)]
pub struct Vocabulary<T> {
    aliases: Vec<(String, bool, T)>,
    sequences: Vec<(Vec<String>, T)>,
}

impl<T: Copy> Vocabulary<T> {
    pub fn new() -> Self {
        Vocabulary {
            aliases: Vec::new(),
            sequences: Vec::new(),
        }
    }

    pub fn add(&mut self, alias: &str, value: T) {
        if alias.contains('+') {
            let parts: Vec<String> = alias
                .split('+')
                .map(normalise)
                .filter(|p| !p.is_empty())
                .collect();
            if parts.len() > 1 {
                self.sequences.push((parts, value));
                return;
            }
        }
        let alias = normalise(alias);
        if alias.is_empty() {
            return;
        }
        let latin = alias.chars().all(|c| c.is_ascii_alphanumeric());
        self.aliases.push((alias, latin, value));
    }

    /// The entry whose alias ends last in `text` (the longer on a tie), if any. Asides in
    /// parentheses are ignored unless nothing else matches (齐治运维安全管理系统（堡垒机）).
    pub fn best(&self, text: &str) -> Option<T> {
        self.best_normalised(&normalise(&strip_asides(text)))
            .or_else(|| self.best_normalised(&normalise(text)))
    }

    fn best_normalised(&self, text: &str) -> Option<T> {
        let mut best: Option<(usize, usize, T)> = None;
        let mut consider = |end: usize, len: usize, value: T| {
            let better = match best {
                None => true,
                Some((best_end, best_len, _)) => {
                    end > best_end || (end == best_end && len > best_len)
                }
            };
            if better {
                best = Some((end, len, value));
            }
        };
        for (alias, latin, value) in &self.aliases {
            for (start, _) in text.match_indices(alias.as_str()) {
                let end = start + alias.len();
                if *latin && !word_bounded(text, start, end) {
                    continue;
                }
                consider(end, alias.len(), *value);
            }
        }
        for (parts, value) in &self.sequences {
            if let Some(end) = sequence_end(text, parts) {
                consider(end, parts.iter().map(String::len).sum(), *value);
            }
        }
        best.map(|(_, _, value)| value)
    }

    /// Whether any alias occurs in `text` (asides included: a keyword search, not a name).
    pub fn occurs_in(&self, text: &str) -> Vec<(String, T)> {
        let text = normalise(text);
        let mut found = Vec::new();
        for (alias, latin, value) in &self.aliases {
            let hit = text
                .match_indices(alias.as_str())
                .any(|(start, _)| !*latin || word_bounded(&text, start, start + alias.len()));
            if hit {
                found.push((alias.clone(), *value));
            }
        }
        for (parts, value) in &self.sequences {
            if sequence_end(&text, parts).is_some() {
                found.push((parts.join("…"), *value));
            }
        }
        found
    }

    /// One match per part of a compound name (`会员与支付` → 会员, 支付); `None` for a part
    /// that matches nothing.
    pub fn parts(&self, name: &str) -> Vec<(String, Option<T>)> {
        let stripped = strip_asides(name);
        let source = if stripped.trim().is_empty() {
            name.to_string()
        } else {
            stripped
        };
        source
            .split(is_conjunction)
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .map(|part| (part.to_string(), self.best_normalised(&normalise(part))))
            .collect()
    }
}

impl<T: Copy> Default for Vocabulary<T> {
    fn default() -> Self {
        Vocabulary::new()
    }
}

/// Characters that join two names into one (`A与B`, `A、B`, `A/B`). 及 is left out: it
/// also begins 及时.
fn is_conjunction(c: char) -> bool {
    matches!(
        c,
        '与' | '和' | '、' | '/' | '／' | '&' | '＆' | '+' | '＋' | ',' | '，' | ';' | '；'
    )
}

/// Where the last part of `parts` ends when they occur in order in `text`.
fn sequence_end(text: &str, parts: &[String]) -> Option<usize> {
    let mut from = 0;
    for part in parts {
        let at = text[from..].find(part.as_str())?;
        from += at + part.len();
    }
    Some(from)
}

fn word_bounded(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(|c| c.is_ascii_alphanumeric())
        && !after.is_some_and(|c| c.is_ascii_alphanumeric())
}

/// Lower case, full-width forms folded to ASCII, whitespace removed except one space
/// between two Latin words (`RDS MySQL` → `rds mysql`, `Web 应用防火墙` → `web应用防火墙`).
pub fn normalise(text: &str) -> String {
    let folded: Vec<char> = text
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in folded {
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space
            && c.is_ascii_alphanumeric()
            && out
                .chars()
                .next_back()
                .is_some_and(|p| p.is_ascii_alphanumeric())
        {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    out
}

/// Drops parenthesised asides: `主机安全（入侵检测与防病毒）` is a 主机安全.
fn strip_asides(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary(entries: &[(&str, u8)]) -> Vocabulary<u8> {
        let mut v = Vocabulary::new();
        for (alias, value) in entries {
            v.add(alias, *value);
        }
        v
    }

    #[test]
    fn the_head_of_a_phrase_decides() {
        let v = vocabulary(&[
            ("商家", 1),
            ("推荐", 2),
            ("直播", 3),
            ("预约", 4),
            ("入驻", 5),
        ]);
        assert_eq!(v.best("附近商家推荐"), Some(2));
        assert_eq!(v.best("直播预约"), Some(4));
        assert_eq!(v.best("商家入驻"), Some(5));
    }

    #[test]
    fn a_longer_alias_ending_at_the_same_place_wins() {
        let v = vocabulary(&[("存储", 1), ("日志存储", 2), ("审计", 3), ("数据库审计", 4)]);
        assert_eq!(v.best("日志存储"), Some(2));
        assert_eq!(v.best("数据库审计系统"), Some(4));
        assert_eq!(v.best("对象存储"), Some(1));
    }

    #[test]
    fn latin_aliases_match_whole_words_in_any_case() {
        let v = vocabulary(&[("es", 1), ("sql", 2), ("mysql", 3), ("web", 4)]);
        assert_eq!(v.best("ES 集群"), Some(1));
        assert_eq!(v.best("云服务器 ECS"), None);
        assert_eq!(v.best("RDS MySQL"), Some(3));
        assert_eq!(v.best("Ｗｅｂ 服务器"), Some(4));
        assert_eq!(v.best("WebSocket"), None);
    }

    #[test]
    fn sequences_find_vendors_product_names() {
        let v = vocabulary(&[("主机+安全", 1), ("日志+审计", 2), ("防火墙", 3)]);
        assert_eq!(v.best("青藤万相主机自适应安全平台"), Some(1));
        assert_eq!(v.best("安恒明御综合日志审计平台"), Some(2));
        assert_eq!(v.best("安全主机"), None, "the parts keep their order");
        assert_eq!(
            v.best("齐治运维管理系统（防火墙）"),
            Some(3),
            "asides when nothing else"
        );
    }

    #[test]
    fn asides_are_ignored_and_compound_names_split() {
        let v = vocabulary(&[("主机安全", 1), ("入侵检测", 2), ("会员", 3), ("支付", 4)]);
        assert_eq!(v.best("主机安全（入侵检测与防病毒）"), Some(1));
        let parts = v.parts("会员与支付");
        assert_eq!(
            parts,
            vec![("会员".to_string(), Some(3)), ("支付".to_string(), Some(4))]
        );
        assert_eq!(v.parts("积分兑换")[0].1, None);
        assert_eq!(v.parts("及时通知").len(), 1, "及 does not split");
    }
}
