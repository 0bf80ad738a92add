//! Findings placed at their line in the profile, printed like a compiler's (a source snippet
//! with a caret, via annotate-snippets) or as JSON for scripts.

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
#[derive(Debug, Clone)]
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
    pub fn render(&self, color: bool) -> String {
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let path = self.file.display().to_string();
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
            let mut range = d.span.start..d.span.end.max(d.span.start);
            if range.end > self.source.len() || !self.source.is_char_boundary(range.start) {
                range = 0..0;
            }
            let mut group = Group::with_title(level.primary_title(title).id(d.finding.rule));
            // A general note (no path) is about the application, not about one line.
            if d.located {
                group = group.element(
                    Snippet::source(self.source.as_str())
                        .path(path.as_str())
                        .fold(true)
                        .annotation(AnnotationKind::Primary.span(range)),
                );
            }
            let report = &[
                group,
                Group::with_title(Level::HELP.secondary_title(d.finding.hint.as_str())),
            ];
            out.push_str(&renderer.render(report));
            out.push_str("\n\n");
        }
        out.push_str(&self.summary());
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
