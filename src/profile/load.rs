//! Reading a profile file: size and encoding checks, YAML parsing with the location and YAML
//! path of every error, and a hint that says how to fix it.

use std::borrow::Cow;
use std::path::Path;

use super::model::Profile;
use super::ProfileError;
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
            return Err(io(std::io::Error::from(std::io::ErrorKind::NotFound)))
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
    if text
        .trim()
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Err(ProfileError::Syntax {
            file: file.to_path_buf(),
            line: 1,
            column: 1,
            path: String::new(),
            message: "the profile is empty".to_string(),
            hint: "start from profiles/example.yaml and replace its facts with your company's"
                .to_string(),
        });
    }
    let deserializer = serde_yaml::Deserializer::from_str(text);
    serde_path_to_error::deserialize(deserializer).map_err(|err| {
        let yaml_path = err.path().to_string();
        let inner = err.into_inner();
        // serde_yaml places some errors (e.g. a custom type's) at the enclosing mapping; the
        // value's own position is more useful when the path leads to it.
        let message = clean_message(&inner.to_string());
        let serde_location = inner.location().map(|l| (l.line(), l.column()));
        let value_location = if message.starts_with("unknown field") {
            None // serde points at the key itself, which is what is wrong
        } else {
            super::spans::SourceMap::new(text)
                .locate_exact(&yaml_path)
                .map(|s| (s.line, s.column))
        };
        let (line, column) = value_location.or(serde_location).unwrap_or((1, 1));
        let hint = hint_for(&message, &yaml_path);
        ProfileError::Syntax {
            file: file.to_path_buf(),
            line,
            column,
            // A syntax error leaves serde's path at a key it never read (`company.?`).
            path: if yaml_path == "." || yaml_path.contains('?') {
                String::new()
            } else {
                yaml_path
            },
            message,
            hint,
        }
    })
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
