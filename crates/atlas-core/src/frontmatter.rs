//! Finding and parsing the YAML front matter of one entry file.
//!
//! Every field is optional at this layer so that one file can report all of
//! its missing fields at once; [`crate::corpus`] decides what is required.

use serde::Deserialize;

/// The front matter as written. Unknown fields are an error, which catches
/// typos such as `sumary:`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub id: Option<String>,
    pub title: Option<String>,
    pub category: Option<String>,
    pub summary: Option<String>,
    #[serde(default)]
    pub companies: Vec<String>,
    #[serde(default)]
    pub planes: Vec<String>,
    #[serde(default)]
    pub guarantees: Vec<String>,
    #[serde(default)]
    pub mechanisms: Vec<String>,
    #[serde(default)]
    pub patterns: Vec<String>,
    #[serde(default)]
    pub technologies: Vec<String>,
    pub date: Option<String>,
    pub system_view: Option<String>,
    pub concept: Option<String>,
    #[serde(default)]
    pub symptoms: Vec<String>,
    pub first_check: Option<String>,
    pub confidence: Option<String>,
    #[serde(default)]
    pub sources: Vec<RawSource>,
    #[serde(default)]
    pub related: Vec<String>,
    /// Flowchart node id → id of the entry that node opens.
    #[serde(default)]
    pub links: std::collections::BTreeMap<String, String>,
    /// Structured blocks (a capacity or cost model, a comparison table);
    /// allowed where the category declares them in taxonomy.yaml.
    pub model: Option<serde_yaml_ng::Value>,
    pub compare: Option<serde_yaml_ng::Value>,
    /// Debugging guides: the alert names that open them.
    pub alerts: Option<Vec<RawAlert>>,
    /// Incidents: the published timeline (UTC) and classification.
    pub started: Option<String>,
    pub detected: Option<String>,
    pub mitigated: Option<String>,
    pub resolved: Option<String>,
    pub trigger: Option<String>,
    pub impact: Option<Vec<String>>,
    pub detection: Option<String>,
    pub contributing_factors: Option<Vec<String>>,
    /// Incidents: what someone building a similar system should learn.
    pub lesson: Option<String>,
}

/// An alert name and the index (1-based) of the source that defines it.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAlert {
    pub name: Option<String>,
    pub source: Option<usize>,
}

impl FrontMatter {
    /// Whether an optional field is given (a list counts when not empty).
    pub fn has(&self, field: crate::taxonomy::Field) -> bool {
        use crate::taxonomy::Field;
        let text = |s: &Option<String>| s.as_deref().is_some_and(|t| !t.trim().is_empty());
        match field {
            Field::Companies => !self.companies.is_empty(),
            Field::Guarantees => !self.guarantees.is_empty(),
            Field::Mechanisms => !self.mechanisms.is_empty(),
            Field::Patterns => !self.patterns.is_empty(),
            Field::Technologies => !self.technologies.is_empty(),
            Field::Date => text(&self.date),
            Field::SystemView => text(&self.system_view),
            Field::Symptoms => !self.symptoms.is_empty(),
            Field::FirstCheck => self.first_check.is_some(),
            Field::Related => !self.related.is_empty(),
            // Present counts, even empty: "no standard alert" is a statement.
            Field::Alerts => self.alerts.is_some(),
            Field::Started => text(&self.started),
            Field::Detected => text(&self.detected),
            Field::Mitigated => text(&self.mitigated),
            Field::Resolved => text(&self.resolved),
            Field::Trigger => text(&self.trigger),
            Field::Impact => self.impact.as_ref().is_some_and(|i| !i.is_empty()),
            Field::Detection => text(&self.detection),
            Field::ContributingFactors => self.contributing_factors.is_some(),
            Field::Lesson => self.lesson.is_some(),
        }
    }

    pub fn block(&self, kind: crate::taxonomy::BlockKind) -> Option<&serde_yaml_ng::Value> {
        match kind {
            crate::taxonomy::BlockKind::Model => self.model.as_ref(),
            crate::taxonomy::BlockKind::Compare => self.compare.as_ref(),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub title: Option<String>,
    pub url: Option<String>,
    pub publisher: Option<String>,
    pub date: Option<String>,
    pub read: Option<String>,
}

/// A file split into its front matter and body.
#[derive(Debug)]
pub struct Split<'a> {
    /// The YAML between the `---` fences.
    pub yaml: &'a str,
    /// 1-based line of the first YAML line.
    pub yaml_line: usize,
    pub body: &'a str,
    /// 1-based line of the first body line.
    pub body_line: usize,
}

/// Splits `---\n<yaml>\n---\n<body>`. The error says how to fix the file.
pub fn split(text: &str) -> Result<Split<'_>, (usize, String)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_end].trim_end() != "---" {
        return Err((
            1,
            "no front matter: the file must start with a `---` line, then YAML, then another `---` line".into(),
        ));
    }
    let mut offset = first_end;
    for (line, l) in (2..).zip(text[first_end..].split_inclusive('\n')) {
        if l.trim_end() == "---" {
            let yaml = &text[first_end..offset];
            let body = &text[offset + l.len()..];
            return Ok(Split {
                yaml,
                yaml_line: 2,
                body,
                body_line: line + 1,
            });
        }
        offset += l.len();
    }
    Err((
        1,
        "the front matter is never closed: add a `---` line after the YAML".into(),
    ))
}

/// Parses the YAML; on failure returns the 1-based file line and a message.
pub fn parse(split: &Split<'_>) -> Result<FrontMatter, (usize, String)> {
    if split.yaml.trim().is_empty() {
        return Err((split.yaml_line, "the front matter is empty".into()));
    }
    serde_yaml_ng::from_str::<FrontMatter>(split.yaml).map_err(|e| {
        let line = e.location().map_or(0, |l| l.line().saturating_sub(1)) + split.yaml_line;
        // serde_yaml_ng appends "at line X column Y" in YAML coordinates; we
        // report file lines ourselves.
        let msg = e.to_string();
        let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
        (
            line,
            format!("malformed front matter: {}", with_suggestion(msg)),
        )
    })
}

/// "unknown field `sumary`, expected one of …" becomes "unknown field
/// `sumary`; did you mean `summary`?" when one field is a typo away.
fn with_suggestion(msg: String) -> String {
    let Some(rest) = msg.strip_prefix("unknown field `") else {
        return msg;
    };
    let Some((field, expected)) = rest.split_once('`') else {
        return msg;
    };
    let near = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .find(|known| crate::check::taxonomy_ids::close(known, field));
    match near {
        Some(n) => format!("unknown field `{field}`; did you mean `{n}`?"),
        None => msg,
    }
}

/// Finds where a field (and optionally one of its values) is written, so a
/// problem can point at the right line. Falls back to the first YAML line.
pub fn line_of(split: &Split<'_>, key: &str, value: Option<&str>) -> usize {
    let lines: Vec<&str> = split.yaml.lines().collect();
    let key_at = lines.iter().position(|l| {
        l.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    });
    let Some(key_at) = key_at else {
        return split.yaml_line;
    };
    if let Some(value) = value {
        // The value is on the key's line (flow list) or on a following
        // indented line (block list), before the next top-level key.
        for (i, l) in lines.iter().enumerate().skip(key_at) {
            if i > key_at && !l.starts_with([' ', '\t', '-']) && !l.trim().is_empty() {
                break;
            }
            if l.contains(value) {
                return split.yaml_line + i;
            }
        }
    }
    split.yaml_line + key_at
}

/// Line of the n-th item (0-based) of a block list (`- ` items) under `key`;
/// for a flow list (`key: [a, b]`) or a missing key, the key's line.
pub fn item_line(split: &Split<'_>, key: &str, n: usize) -> usize {
    let start = line_of(split, key, None);
    let mut seen = 0;
    for (i, l) in split
        .yaml
        .lines()
        .enumerate()
        .skip(start - split.yaml_line + 1)
    {
        if !l.starts_with([' ', '-', '\t']) && !l.trim().is_empty() {
            break;
        }
        let item = l.trim_start();
        if item.starts_with("- ") || item == "-" {
            if seen == n {
                return split.yaml_line + i;
            }
            seen += 1;
        }
    }
    start
}
