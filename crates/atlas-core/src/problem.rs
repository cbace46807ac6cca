//! A problem found in the content, reported as `path:line: message [rule]`.

use std::fmt;

use crate::rules::Rule;

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
    pub rule: Rule,
    pub severity: Severity,
}

impl Problem {
    /// A finding of `rule`, with the rule's own severity.
    pub fn new(
        rule: Rule,
        path: impl Into<String>,
        line: usize,
        message: impl Into<String>,
    ) -> Self {
        Problem {
            path: path.into(),
            line: line.max(1),
            message: message.into(),
            rule,
            severity: rule.severity(),
        }
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
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
            self.path,
            self.line,
            self.message,
            self.rule.id()
        )
    }
}
