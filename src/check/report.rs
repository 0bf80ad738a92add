//! Findings placed at their line in the profile, printed like a compiler's (a source snippet
//! with a caret, via annotate-snippets) or as JSON for scripts. Nothing is echoed raw: a
//! control or bidirectional-control character from the profile is shown as `\u{202E}`.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use crate::check::{Finding, Severity};
use crate::profile::spans::{SourceMap, Span};

/// A finding with its place in the file.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    #[serde(flatten)]
    pub finding: Finding,
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    #[serde(skip)]
    pub span: Span,
    /// Whether the finding is about one place in the file (general notes are not).
    #[serde(skip)]
    pub located: bool,
}

/// The findings of one profile, ready to print.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub file: PathBuf,
    pub source: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn new(file: &Path, source: String, findings: Vec<Finding>) -> Report {
        let map = SourceMap::new(&source);
        let diagnostics = findings
            .into_iter()
            .map(|finding| {
                let located = !finding.path.is_empty();
                let span = map.locate(&finding.path).unwrap_or_default();
                Diagnostic {
                    located,
                    file: file.to_path_buf(),
                    line: span.line.max(1),
                    column: span.column.max(1),
                    span,
                    finding,
                }
            })
            .collect();
        Report {
            file: file.to_path_buf(),
            source,
            diagnostics,
        }
    }

    /// A report of findings located by YAML path and of findings placed at a byte offset
    /// of `source` (a character), sorted by severity.
    pub fn with_placed(
        file: &Path,
        source: String,
        findings: Vec<Finding>,
        placed: Vec<(Finding, Option<usize>)>,
    ) -> Report {
        let mut report = Report::new(file, source, findings);
        for (finding, offset) in placed {
            let diagnostic = match offset {
                Some(offset) => {
                    let (line, column) = line_column(&report.source, offset);
                    let end = report.source[offset..]
                        .chars()
                        .next()
                        .map_or(offset, |c| offset + c.len_utf8());
                    Diagnostic {
                        file: file.to_path_buf(),
                        line,
                        column,
                        span: Span {
                            line,
                            column,
                            start: offset,
                            end,
                        },
                        located: true,
                        finding,
                    }
                }
                None => {
                    let mut located = Report::new(file, String::new(), vec![finding]);
                    located.diagnostics.remove(0)
                }
            };
            report.diagnostics.push(diagnostic);
        }
        report.diagnostics.sort_by_key(|d| d.finding.severity);
        report
    }

    /// A report for a finding whose position is known (YAML syntax and type errors).
    pub fn at(file: &Path, source: String, finding: Finding, line: usize, column: usize) -> Report {
        let span = span_at(&source, line, column);
        Report {
            file: file.to_path_buf(),
            diagnostics: vec![Diagnostic {
                file: file.to_path_buf(),
                line,
                column,
                span,
                located: true,
                finding,
            }],
            source,
        }
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.finding.severity == severity)
            .count()
    }

    /// The same report without notes (what `generate` shows; `check` shows everything).
    pub fn without_notes(&self) -> Report {
        let mut report = self.clone();
        report
            .diagnostics
            .retain(|d| d.finding.severity != Severity::Note);
        report
    }

    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }

    /// Human-readable text: each finding with its source line and a caret, then a summary.
    pub fn to_text(&self, color: bool) -> String {
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let path = escape_for_terminal(&self.file.display().to_string()).into_owned();
        let mut out = String::new();
        for d in &self.diagnostics {
            let level = match d.finding.severity {
                Severity::Error => Level::ERROR,
                Severity::Warning => Level::WARNING,
                Severity::Note => Level::NOTE,
            };
            let title = if d.finding.path.is_empty() {
                d.finding.message.clone()
            } else {
                format!("{} (`{}`)", d.finding.message, d.finding.path)
            };
            let title = escape_for_terminal(&title).into_owned();
            let hint = escape_for_terminal(&d.finding.hint).into_owned();
            let mut range = d.span.start..d.span.end.max(d.span.start);
            if range.end > self.source.len()
                || !self.source.is_char_boundary(range.start)
                || !self.source.is_char_boundary(range.end)
            {
                range = 0..0;
            }
            // Only the line of the finding, up to a little after it: a profile of one long
            // line must not print (or be searched) whole for each finding.
            let line_start = self.source[..range.start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = self.source[range.start..]
                .find('\n')
                .map_or(self.source.len(), |i| range.start + i);
            let range = range.start..ceil_boundary(&self.source, range.end.min(range.start + 240));
            let cut = ceil_boundary(&self.source, (range.end + 120).min(line_end));
            let window = &self.source[line_start..cut];
            let (window, shift) = escape_source(window);
            let range = shift(range.start - line_start)..shift(range.end.min(cut) - line_start);
            let line_number = self.source[..line_start].matches('\n').count() + 1;
            let mut group = Group::with_title(level.primary_title(title).id(d.finding.rule));
            // A general note (no path) is about the application, not about one line.
            if d.located {
                group = group.element(
                    Snippet::source(window.as_ref())
                        .line_start(line_number)
                        .path(path.as_str())
                        .annotation(AnnotationKind::Primary.span(range)),
                );
            }
            let report = &[
                group,
                Group::with_title(Level::HELP.secondary_title(hint.as_str())),
            ];
            out.push_str(&renderer.render(report));
            out.push_str("\n\n");
        }
        out.push_str(&escape_for_terminal(&self.summary()));
        out
    }

    pub fn summary(&self) -> String {
        let (errors, warnings, notes) = (
            self.count(Severity::Error),
            self.count(Severity::Warning),
            self.count(Severity::Note),
        );
        if errors + warnings + notes == 0 {
            format!("{}: no problems found", self.file.display())
        } else {
            format!(
                "{}: {errors} error(s), {warnings} warning(s), {notes} note(s)",
                self.file.display()
            )
        }
    }

    /// The JSON of a check that could not look at the profile at all (a missing file, an
    /// unknown province on the command line …): the shape of [`Report::to_json`], with one
    /// error that is about no line.
    pub fn error_json(file: &Path, rule: &str, message: &str, hint: &str) -> serde_json::Value {
        serde_json::json!({
            "file": file,
            "errors": 1,
            "warnings": 0,
            "notes": 0,
            "findings": [{
                "severity": "error",
                "rule": rule,
                "path": "",
                "message": message,
                "hint": hint,
                "file": file,
                "line": null,
                "column": null,
            }],
        })
    }

    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "file": self.file,
            "errors": self.count(Severity::Error),
            "warnings": self.count(Severity::Warning),
            "notes": self.count(Severity::Note),
            "findings": self.diagnostics,
        })
    }
}

/// Whether printing `c` raw could change what a terminal shows: control characters
/// (escape sequences start with one), bidirectional controls, line and paragraph separators.
fn is_unsafe_for_terminal(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || crate::check::input::is_bidi_control(c)
        || matches!(c, '\u{2028}' | '\u{2029}')
}

/// `text` with every character that could change what a terminal shows written as
/// `\u{XXXX}`.
pub fn escape_for_terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe_for_terminal) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_unsafe_for_terminal(c) {
            out.push_str(&format!("\\u{{{:04X}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// JSON text with the same characters as `\uXXXX` escapes (they only occur inside strings,
/// so the result is the same JSON).
pub fn escape_json_for_terminal(json: &str) -> Cow<'_, str> {
    if !json.chars().any(is_unsafe_for_terminal) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_unsafe_for_terminal(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The source as shown in snippets (escaped), and the map from a byte offset of the
/// original to one of the shown text.
fn escape_source(source: &str) -> (Cow<'_, str>, impl Fn(usize) -> usize) {
    let escaped = escape_for_terminal(source);
    // Offsets of escaped characters and the bytes added up to and including each.
    let mut added: Vec<(usize, usize)> = Vec::new();
    if matches!(escaped, Cow::Owned(_)) {
        let mut total = 0;
        for (i, c) in source
            .char_indices()
            .filter(|(_, c)| is_unsafe_for_terminal(*c))
        {
            total += format!("\\u{{{:04X}}}", u32::from(c)).len() - c.len_utf8();
            added.push((i, total));
        }
    }
    let shift = move |offset: usize| {
        let before = added.partition_point(|&(i, _)| i < offset);
        offset + before.checked_sub(1).map_or(0, |k| added[k].1)
    };
    (escaped, shift)
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// 1-based line and column (in characters) of byte `offset` of `source`.
fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let before = &source[..offset.min(source.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The byte range of the rest of `line` from `column` (both 1-based).
fn span_at(source: &str, line: usize, column: usize) -> Span {
    let line_start: usize = source
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let text = source[line_start.min(source.len())..]
        .split('\n')
        .next()
        .unwrap_or_default();
    let start = line_start
        + text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(text.len(), |(i, _)| i);
    let end = (line_start + text.len()).max(start);
    Span {
        line,
        column,
        start,
        end: if end == start { start } else { end },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_raw_reaches_the_terminal() {
        assert_eq!(
            escape_for_terminal("a\u{202E}b\u{1b}[2J\u{9b}"),
            "a\\u{202E}b\\u{001B}[2J\\u{009B}"
        );
        assert_eq!(escape_for_terminal("青禾\n"), "青禾\n");
        let json = serde_json::json!({"m": "x\u{202E}\u{85}"}).to_string();
        let escaped = escape_json_for_terminal(&json);
        assert_eq!(escaped, r#"{"m":"x\u202e\u0085"}"#);
        let back: serde_json::Value = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back["m"], "x\u{202E}\u{85}");
    }

    #[test]
    fn snippets_point_at_the_escaped_character() {
        let source = "a: x\u{202E}y\u{7}z\n".to_string();
        let offset = source.find('\u{7}').unwrap();
        let finding = Finding {
            severity: Severity::Error,
            rule: "control-character",
            path: "a".into(),
            message: "control character U+0007 cannot be printed".into(),
            hint: "remove it".into(),
        };
        let report = Report::with_placed(
            Path::new("p.yaml"),
            source,
            Vec::new(),
            vec![(finding, Some(offset))],
        );
        assert_eq!(
            (report.diagnostics[0].line, report.diagnostics[0].column),
            (1, 7)
        );
        let text = report.to_text(false);
        assert!(text.contains("a: x\\u{202E}y\\u{0007}z"), "{text}");
        assert!(
            !text.contains('\u{202E}') && !text.contains('\u{7}'),
            "{text}"
        );
        // The caret sits under the escaped control character.
        let caret_line = text.lines().find(|l| l.contains('^')).unwrap();
        let source_line = text.lines().find(|l| l.contains("a: x")).unwrap();
        let column = source_line.find("\\u{0007}").unwrap();
        assert_eq!(caret_line.find('^'), Some(column), "{text}");
    }
}
