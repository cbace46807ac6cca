//! Quality gates from spec §5, per category. Each gate has an id, a message
//! that says how to fix it, and a fixture in `tests/fixtures/broken/`.
//!
//! | id | severity | what |
//! |---|---|---|
//! | `gate/sections` | error for incidents and debugging guides, warning otherwise | the sections the category requires |
//! | `gate/placeholder` | error | placeholder names: "Service A", "Database B", foo, lorem, TODO |
//! | `gate/estimates` | warning | money figures neither sourced nor marked as estimates |
//!
//! Plane colours, sources with URLs and the rest are hard rules of the
//! checker itself (see `corpus`).

use crate::problem::Severity;

/// One gate finding: (line within the body, gate id, severity, message).
pub type Finding = (usize, &'static str, Severity, String);

/// The section headings a category requires, as lowercase fragments that
/// a heading must contain.
pub fn required_sections(category: &str) -> &'static [&'static str] {
    match category {
        "incident" => &[
            "timeline",
            "trigger",
            "cascade",
            "detection",
            "response",
            "resolution",
            "prevention",
        ],
        "debugging" => &["symptoms", "where to look", "decision tree", "fix"],
        "architecture" => &["public record"],
        "guarantee" | "mechanism" | "pattern" => {
            &["what it", "failure modes", "cost", "how it relates"]
        }
        _ => &[],
    }
}

/// Runs every gate on one entry. `headings` are (level, text); `body` is the
/// Markdown body; `first_body_line` is the file line the body starts on.
pub fn check(
    category: &str,
    headings: &[(u8, String)],
    title: &str,
    summary: &str,
    body: &str,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let missing: Vec<&str> = required_sections(category)
        .iter()
        .copied()
        .filter(|want| {
            !headings
                .iter()
                .any(|(_, h)| h.to_lowercase().contains(want))
        })
        .collect();
    if !missing.is_empty() {
        let severity = if matches!(category, "incident" | "debugging") {
            Severity::Error
        } else {
            Severity::Warning
        };
        out.push((
            1,
            "gate/sections",
            severity,
            format!(
                "a {category} entry needs sections on: {}; add a `## ` heading for each (see CONTRIBUTING.md)",
                missing.iter().map(|m| if *m == "what it" { "what it promises or does" } else { m }).collect::<Vec<_>>().join(", ")
            ),
        ));
    }
    for (text, line) in [(title, 0), (summary, 0)] {
        if let Some(p) = placeholder(text) {
            out.push((
                line,
                "gate/placeholder",
                Severity::Error,
                placeholder_message(p),
            ));
        }
    }
    for (i, l) in body.lines().enumerate() {
        if let Some(p) = placeholder(l) {
            out.push((
                i + 1,
                "gate/placeholder",
                Severity::Error,
                placeholder_message(p),
            ));
        }
        if let Some(fig) = unmarked_money(l) {
            out.push((
                i + 1,
                "gate/estimates",
                Severity::Warning,
                format!("`{fig}`: say where this figure is published, or mark it as an estimate (~, est.) with its arithmetic"),
            ));
        }
    }
    out
}

fn placeholder_message(found: String) -> String {
    format!("placeholder `{found}`: name the real component, company or value (or write \"not published\")")
}

/// "Service A", "Database B", foo, lorem ipsum, TODO/TBD.
fn placeholder(line: &str) -> Option<String> {
    let words: Vec<&str> = line
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    for pair in words.windows(2) {
        let generic = matches!(
            pair[0].to_lowercase().as_str(),
            "service" | "database" | "server" | "company" | "team" | "system"
        );
        let letter = pair[1].len() == 1 && pair[1].chars().all(|c| matches!(c, 'A'..='D'));
        if generic && letter && pair[0].chars().next().is_some_and(char::is_uppercase) {
            return Some(format!("{} {}", pair[0], pair[1]));
        }
    }
    words
        .iter()
        .find(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "foo" | "foobar" | "lorem" | "ipsum"
            ) || matches!(**w, "TODO" | "TBD" | "FIXME")
        })
        .map(|w| w.to_string())
}

/// A dollar figure on a line that neither names its source nor marks it as
/// an estimate. Code spans (`$1`, `$HOME`) are not money.
fn unmarked_money(line: &str) -> Option<String> {
    let prose: String = line.split('`').step_by(2).collect::<Vec<_>>().join(" ");
    let line = prose.as_str();
    let at = line.find('$')?;
    let rest = &line[at + 1..];
    let digits: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '.'))
        .collect();
    if digits.is_empty() || !digits.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let lower = line.to_lowercase();
    const MARKERS: [&str; 14] = [
        "~",
        "≈",
        "est",
        "assum",
        "published",
        "reported",
        "report",
        "according",
        "price",
        "pricing",
        "sla",
        "source",
        "said",
        "states",
    ];
    if MARKERS.iter().any(|m| lower.contains(m)) {
        return None;
    }
    Some(format!("${digits}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders() {
        assert_eq!(
            placeholder("calls Service A then"),
            Some("Service A".into())
        );
        assert_eq!(
            placeholder("node A and node B"),
            None,
            "lowercase prose is not a name"
        );
        assert_eq!(placeholder("see foo.bar"), Some("foo".into()));
        assert_eq!(placeholder("TODO: fill in"), Some("TODO".into()));
        assert_eq!(placeholder("Service Control in Google"), None);
    }

    #[test]
    fn money() {
        assert_eq!(
            unmarked_money("It cost $2,000,000 a month."),
            Some("$2,000,000".into())
        );
        assert_eq!(
            unmarked_money("~$2,000 a month (est.: 10 nodes × $200)"),
            None
        );
        assert_eq!(unmarked_money("AWS reported $5M in credits"), None);
        assert_eq!(unmarked_money("use $HOME"), None);
        assert_eq!(unmarked_money("SET balance = `balance - $1`"), None);
    }

    #[test]
    fn sections() {
        let h = vec![(2, "Timeline".to_string()), (2, "Trigger".to_string())];
        let f = check("incident", &h, "t", "s", "");
        assert_eq!(f[0].1, "gate/sections");
        assert_eq!(f[0].2, Severity::Error);
        assert!(f[0]
            .3
            .contains("cascade, detection, response, resolution, prevention"));
    }
}
