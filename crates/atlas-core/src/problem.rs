//! A problem found in the content, reported as `path:line: message`.

use std::fmt;

/// Errors fail the check and the build; warnings are advice (quality gates)
/// that `atlas check` shows and `atlas stats` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// Path as the contributor knows it, e.g. `content/incidents/x.md`.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    pub message: String,
    /// The rule's id, e.g. `sources` or `gate/sections` (see CONTRIBUTING.md).
    pub rule: &'static str,
    pub severity: Severity,
}

impl Problem {
    pub fn new(path: impl Into<String>, line: usize, message: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            line: line.max(1),
            message: message.into(),
            rule: "content",
            severity: Severity::Error,
        }
    }

    pub fn rule(mut self, rule: &'static str) -> Self {
        self.rule = rule;
        self
    }

    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "",
            Severity::Warning => "warning: ",
        };
        write!(
            f,
            "{}:{}: {level}{} [{}]",
            self.path, self.line, self.message, self.rule
        )
    }
}
