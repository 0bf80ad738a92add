//! Reading a profile file: size and encoding checks, YAML parsing with the location and YAML
//! path of every error, and a hint that says how to fix it.

use std::borrow::Cow;
use std::path::Path;

use super::model::Profile;
use super::spans::SourceMap;
use super::{yaml_guard, ProfileError};
use crate::files::{self, Follow, ReadError};

/// Larger than any real profile by far; refusing early keeps a wrong file from eating memory.
pub const MAX_PROFILE_BYTES: u64 = 1024 * 1024;

/// Loads and parses the profile at `path`; returns it with its text.
pub fn load_profile(path: &Path) -> Result<(Profile, String), ProfileError> {
    let text = read_profile_text(path)?;
    let profile = parse_profile(&text, path)?;
    Ok((profile, text))
}

/// Reads a profile's text: a regular file (a symlink to one is fine) of at most
/// [`MAX_PROFILE_BYTES`], in UTF-8. Line breaks come back as `\n`, whatever the file used.
pub fn read_profile_text(path: &Path) -> Result<String, ProfileError> {
    let io = |source| ProfileError::Io {
        file: path.to_path_buf(),
        source,
    };
    let bytes = match files::read_limited(path, MAX_PROFILE_BYTES, Follow::Symlinks) {
        Ok(bytes) => bytes,
        Err(ReadError::NotFound) => {
            return Err(io(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "it does not exist",
            )))
        }
        Err(ReadError::TooLarge { limit }) => {
            return Err(ProfileError::TooLarge {
                file: path.to_path_buf(),
                bytes: std::fs::metadata(path).map_or(limit + 1, |m| m.len()),
                limit,
            })
        }
        Err(ReadError::NotRegular { kind }) => {
            return Err(io(std::io::Error::other(format!(
                "it is {kind}, not a regular file"
            ))))
        }
        Err(ReadError::Io(source)) => return Err(io(source)),
    };
    let text = String::from_utf8(bytes).map_err(|err| {
        let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
        let valid = normalize_newlines(&String::from_utf8_lossy(valid)).into_owned();
        let (line, column) = line_column_at(&valid, valid.len());
        ProfileError::Syntax {
            file: path.to_path_buf(),
            line,
            column,
            path: String::new(),
            message: "the file is not valid UTF-8 text".to_string(),
            hint: "save the profile as UTF-8 (in Notepad: 另存为 → 编码 UTF-8; GBK/GB 2312 files must be converted)".to_string(),
        }
    })?;
    Ok(normalize_newlines(&text).into_owned())
}

/// `\r\n` and a lone `\r` (old Mac files) become `\n`, as YAML reads them, so that every
/// line count agrees with the parser's.
pub fn normalize_newlines(text: &str) -> Cow<'_, str> {
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// Parses profile text; `file` is only used in error messages.
pub fn parse_profile(text: &str, file: &Path) -> Result<Profile, ProfileError> {
    let text = normalize_newlines(text);
    let text = text.as_ref();
    let syntax = |(line, column): (usize, usize), path: String, message: String, hint: &str| {
        ProfileError::Syntax {
            file: file.to_path_buf(),
            line,
            column,
            path,
            message,
            hint: hint.to_string(),
        }
    };
    if text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Err(syntax(
            (1, 1),
            String::new(),
            "the profile is empty".to_string(),
            "start from profiles/example.yaml and replace its facts with your company's",
        ));
    }
    // Before any YAML parser sees the text: both limits are cheap to check, expensive to
    // find out the hard way.
    if let Some(at) = yaml_guard::too_deep(text) {
        return Err(syntax(
            line_column_at(text, at),
            String::new(),
            format!("the YAML nests more than {} levels deep here", yaml_guard::MAX_NESTING),
            "a profile nests a few levels: look for brackets that are never closed, or lists of lists",
        ));
    }
    if let Err(yaml_path) = yaml_guard::expansion_within_budget(text) {
        let span = SourceMap::new(text).locate(&yaml_path);
        return Err(syntax(
            span.map_or((1, 1), |s| (s.line.max(1), s.column.max(1))),
            yaml_path,
            format!(
                "with its aliases expanded the profile grows past {} bytes here",
                yaml_guard::MAX_EXPANDED_BYTES
            ),
            "each alias (*name) repeats the whole value of its anchor (&name): write the value where it is needed instead of aliasing it many times",
        ));
    }
    let deserializer = serde_yaml::Deserializer::from_str(text);
    serde_path_to_error::deserialize(deserializer).map_err(|err| {
        let yaml_path = err.path().to_string();
        let inner = err.into_inner();
        let located = locate_error(
            text,
            &yaml_path,
            &clean_message(&inner.to_string()),
            inner.location(),
        );
        syntax(
            (located.line, located.column),
            // A syntax error leaves serde's path at a key it never read (`company.?`).
            if yaml_path == "." || yaml_path.contains('?') {
                String::new()
            } else {
                located.path.unwrap_or(yaml_path)
            },
            located.message,
            &located.hint,
        )
    })
}

/// Where a serde error belongs and how to say it.
struct Located {
    line: usize,
    column: usize,
    /// A more precise path than serde's, when known.
    path: Option<String>,
    message: String,
    hint: String,
}

fn locate_error(
    text: &str,
    yaml_path: &str,
    message: &str,
    serde_location: Option<serde_yaml::Location>,
) -> Located {
    let map = SourceMap::new(text);
    // serde reports a repeated key at its mapping; the repetition is what is wrong.
    let repeated = message
        .strip_prefix("duplicate field `")
        .or_else(|| message.strip_prefix("duplicate entry with key \""))
        .and_then(|rest| rest.split(['`', '"']).next());
    if let Some(key) = repeated {
        if let Some(dup) = map.duplicates().iter().find(|d| d.key == key) {
            return Located {
                line: dup.span.line,
                column: dup.span.column,
                path: Some(dup.path.clone()),
                message: format!(
                    "the key `{key}` is given twice (first at line {})",
                    dup.first_line
                ),
                hint: "remove one of them: a mapping holds each key once".to_string(),
            };
        }
    }
    let serde_location = serde_location.map(|l| (l.line(), l.column()));
    // serde_yaml places some errors (e.g. a custom type's) at the enclosing mapping; the
    // value's own position is more useful when the path leads to it.
    let value_span = if message.starts_with("unknown field") {
        None // serde points at the key itself, which is what is wrong
    } else {
        map.locate_exact(yaml_path)
    };
    let (line, column) = value_span
        .map(|s| (s.line, s.column))
        .or(serde_location)
        .unwrap_or((1, 1));
    // A tag (`!!int "1000000"`) makes serde_yaml's message contradict itself.
    if let Some(tag) = value_span.and_then(|s| tag_before(text, s.start)) {
        return Located {
            line,
            column,
            path: None,
            message: format!("the YAML tag `{tag}` is not supported in a profile"),
            hint: "write the value without a tag; numbers without quotes, e.g. 400000".to_string(),
        };
    }
    Located {
        line,
        column,
        path: None,
        hint: hint_for(message, yaml_path),
        message: message.to_string(),
    }
}

/// The tag (`!!int`) written just before the value that starts at byte `start`, if any.
fn tag_before(text: &str, start: usize) -> Option<&str> {
    let line_start = text.get(..start)?.rfind('\n').map_or(0, |i| i + 1);
    let before = text.get(line_start..start)?.trim_end();
    let token = before.rsplit([' ', '\t', '[', '{', ',']).next()?;
    token.starts_with('!').then_some(token)
}

/// serde_yaml's text repeats the path and the position, which we print separately.
fn clean_message(raw: &str) -> String {
    let without_positions = strip_positions(raw);
    let message = without_positions.as_str();
    // serde_yaml prefixes the path of the enclosing mapping; we print the full path ourselves.
    let message = match message.split_once(": ") {
        Some((prefix, rest))
            if !prefix.is_empty()
                && prefix
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '[' | ']')) =>
        {
            rest
        }
        _ => message,
    };
    if message.starts_with("data did not match any variant of untagged enum OneOrMany") {
        return "expected one value or a list of values".to_string();
    }
    message.to_string()
}

/// Removes every ` at line N column M` (libyaml repeats them inside its messages).
fn strip_positions(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(index) = rest.find(" at line ") {
        out.push_str(&rest[..index]);
        let after = &rest[index + " at line ".len()..];
        let digits = |t: &str| t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let line_len = digits(after);
        match after[line_len..].strip_prefix(" column ") {
            Some(tail) if line_len > 0 && digits(tail) > 0 => rest = &tail[digits(tail)..],
            _ => {
                out.push_str(" at line ");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn hint_for(message: &str, yaml_path: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let unknown = rest.split('`').next().unwrap_or_default();
        let expected: Vec<&str> = rest
            .split_once("expected")
            .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        return match nearest(unknown, &expected) {
            Some(name) => format!("did you mean `{name}`? 是否应为 `{name}`？"),
            None => format!("remove `{unknown}` or move it to the section where it belongs; the known keys here are listed above"),
        };
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or_default();
        let within = if yaml_path.is_empty() || yaml_path == "." {
            "at the top level".to_string()
        } else {
            format!("under `{yaml_path}`")
        };
        return format!("add `{field}:` {within} (see profiles/example.yaml for its form)");
    }
    if message.contains("invalid date") {
        return "write dates as YYYY-MM-DD, e.g. 2026-12-08".to_string();
    }
    if message.contains("expected u64") || message.contains("expected u32") {
        return "write a whole number without units or separators: money in yuan (1000000 = 100万元), counts as plain numbers".to_string();
    }
    if message.contains("expected f64") {
        return "write a number without the % sign, e.g. 60 or 33.33".to_string();
    }
    if message.contains("expected a boolean") {
        return "write true or false".to_string();
    }
    if message.contains("unknown variant") {
        return "use one of the values listed above".to_string();
    }
    if message.contains("expected a string") || message.contains("invalid type") {
        return "check the value's form against profiles/example.yaml; quote numbers that are really text (phone numbers, ID numbers) like \"0571…\"".to_string();
    }
    "check the YAML syntax near this position: indentation with spaces, `key: value` pairs, lists with `- `".to_string()
}

/// The closest known name, if it is close enough to be a likely typo.
pub fn nearest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), *c))
        .filter(|(distance, c)| *distance <= 2.max(c.len() / 3))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

/// 1-based line and column (in characters) of byte `offset` of `text`.
fn line_column_at(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_removed_from_messages() {
        assert_eq!(
            strip_positions("did not find expected key at line 24 column 14, while parsing a block mapping at line 13 column 3"),
            "did not find expected key, while parsing a block mapping"
        );
        assert_eq!(strip_positions("seen at line noon"), "seen at line noon");
        assert_eq!(
            clean_message("company: unknown field `x`, expected `name` at line 3 column 1"),
            "unknown field `x`, expected `name`"
        );
    }
}
