//! A debugging guide's runbook: the `## Steps` section, written as numbered
//! steps a tired person can follow without thinking:
//!
//! ````text
//! ## Steps
//!
//! ### Step 1: Is the container restarting? (read-only)
//!
//! ```sh
//! kubectl get pod "$POD" -n "$NS"
//! ```
//!
//! - `CrashLoopBackOff` in STATUS: go to [step 2](#step-2).
//! - `OOMKilled` in the last state: see [the OOMKilled guide](oomkilled.md).
//! ````
//!
//! Each step is titled `Step N: … (kind)`, kind being `read-only`, `changes
//! state` or `destructive`; it has a command, and says where each outcome
//! leads (another step, a section, another entry). A destructive step warns
//! before its command. Step headings get the anchor `step-N`.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Parser, Tag, TagEnd};

/// What running a step's commands does to the system.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    ReadOnly,
    ChangesState,
    Destructive,
}

impl StepKind {
    pub const ALL: [(&'static str, StepKind); 3] = [
        ("read-only", StepKind::ReadOnly),
        ("changes state", StepKind::ChangesState),
        ("destructive", StepKind::Destructive),
    ];

    pub fn label(self) -> &'static str {
        match self {
            StepKind::ReadOnly => "read-only",
            StepKind::ChangesState => "changes state",
            StepKind::Destructive => "destructive",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The number in the heading ("Step 3: …"), if it has one.
    pub number: Option<usize>,
    /// Body line (1-based) of the heading.
    pub line: usize,
    pub title: String,
    pub kind: Option<StepKind>,
    /// Code blocks (not diagrams) in the step.
    pub commands: usize,
    /// Link targets in the step.
    pub links: Vec<String>,
    /// A warning ("Warning" in bold or a quote) comes before the first command.
    pub warned_first: bool,
    /// The text of the step's first command.
    pub first_command: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Runbook {
    /// Body line of `## Steps`.
    pub line: usize,
    pub steps: Vec<Step>,
}

/// `Step 3: Read the logs (read-only)` → (3, "Read the logs", read-only).
pub fn parse_heading(text: &str) -> (Option<usize>, String, Option<StepKind>) {
    let text = text.trim();
    let rest = text
        .strip_prefix("Step ")
        .or_else(|| text.strip_prefix("step "));
    let Some(rest) = rest else {
        return (None, text.to_string(), None);
    };
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let number = digits.parse().ok();
    let title = rest[digits.len()..]
        .trim_start_matches([':', '.', ' '])
        .trim();
    let (title, kind) = match title.strip_suffix(')').and_then(|t| t.rsplit_once('(')) {
        Some((t, k)) => match StepKind::ALL.iter().find(|(name, _)| *name == k.trim()) {
            Some((_, kind)) => (t.trim(), Some(*kind)),
            None => (title, None),
        },
        None => (title, None),
    };
    (number, title.to_string(), kind)
}

/// The anchor of a step heading: `step-3`.
pub fn step_anchor(text: &str) -> Option<String> {
    match parse_heading(text) {
        (Some(n), _, _) => Some(format!("step-{n}")),
        _ => None,
    }
}

impl Runbook {
    /// What to run first: step 1's first command (the 3 AM mode shows it).
    pub fn first_move(&self) -> Option<String> {
        let cmd = self.steps.first()?.first_command.as_deref()?.trim_end();
        (!cmd.is_empty()).then(|| cmd.to_string())
    }
}

/// The `## Steps` section of a body, if it has one.
pub fn parse(body: &str) -> Option<Runbook> {
    let line_of = |offset: usize| body[..offset].matches('\n').count() + 1;
    let mut runbook: Option<Runbook> = None;
    let mut heading: Option<(HeadingLevel, usize, String)> = None;
    let mut in_section = false;
    let mut in_code = false;
    let mut in_strong_or_quote = 0usize;
    for (event, range) in Parser::new(body).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level, line_of(range.start), String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some((level, line, text)) = heading.take() else {
                    continue;
                };
                if level == HeadingLevel::H2 {
                    in_section = text.trim().eq_ignore_ascii_case("steps");
                    if in_section && runbook.is_none() {
                        runbook = Some(Runbook {
                            line,
                            steps: Vec::new(),
                        });
                    }
                } else if level == HeadingLevel::H3 && in_section {
                    let (number, title, kind) = parse_heading(&text);
                    if let Some(r) = runbook.as_mut() {
                        r.steps.push(Step {
                            number,
                            line,
                            title,
                            kind,
                            commands: 0,
                            links: Vec::new(),
                            warned_first: false,
                            first_command: None,
                        });
                    }
                }
            }
            Event::Text(t) | Event::Code(t) if heading.is_some() => {
                heading.as_mut().unwrap().2.push_str(&t);
            }
            _ if !in_section => {}
            Event::Start(Tag::CodeBlock(kind)) => {
                in_code = true;
                let mermaid = matches!(&kind, CodeBlockKind::Fenced(l) if l.split_whitespace().next() == Some("mermaid"));
                if let Some(step) = current(&mut runbook) {
                    if !mermaid {
                        step.commands += 1;
                    }
                }
            }
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(t) if in_code => {
                if let Some(step) = current(&mut runbook) {
                    if step.commands == 1 {
                        step.first_command
                            .get_or_insert_with(String::new)
                            .push_str(&t);
                    }
                }
            }
            Event::Start(Tag::Strong) | Event::Start(Tag::BlockQuote(_)) => in_strong_or_quote += 1,
            Event::End(TagEnd::Strong) | Event::End(TagEnd::BlockQuote(_)) => {
                in_strong_or_quote = in_strong_or_quote.saturating_sub(1)
            }
            Event::Text(t) if !in_code && in_strong_or_quote > 0 => {
                if let Some(step) = current(&mut runbook) {
                    if step.commands == 0 && t.to_lowercase().contains("warning") {
                        step.warned_first = true;
                    }
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(step) = current(&mut runbook) {
                    step.links.push(dest_url.to_string());
                }
            }
            _ => {}
        }
    }
    runbook
}

fn current(runbook: &mut Option<Runbook>) -> Option<&mut Step> {
    runbook.as_mut()?.steps.last_mut()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "## Symptoms\n\ntext\n\n## Steps\n\n### Step 1: Is it restarting? (read-only)\n\n```sh\nkubectl get pod\n```\n\n- Restarting: go to [step 2](#step-2).\n\n### Step 2: Delete the pod (destructive)\n\n**Warning:** this drops its in-flight requests.\n\n```sh\nkubectl delete pod x\n```\n\nThen [verify](#verify).\n\n## Verify\n\nok\n";

    #[test]
    fn steps_are_read_with_numbers_kinds_commands_links_and_warnings() {
        let r = parse(BODY).unwrap();
        assert_eq!(r.line, 5);
        assert_eq!(r.steps.len(), 2);
        let (a, b) = (&r.steps[0], &r.steps[1]);
        assert_eq!(
            (a.number, a.title.as_str(), a.kind),
            (Some(1), "Is it restarting?", Some(StepKind::ReadOnly))
        );
        assert_eq!(
            (a.commands, a.links.clone(), a.line),
            (1, vec!["#step-2".to_string()], 7)
        );
        assert_eq!(
            (b.number, b.kind, b.warned_first),
            (Some(2), Some(StepKind::Destructive), true)
        );
        assert_eq!(b.links, ["#verify"]);
        assert!(parse("## Symptoms\n\nno steps\n").is_none());
    }

    #[test]
    fn headings() {
        assert_eq!(
            parse_heading("Step 12. Check the lag (changes state)"),
            (
                Some(12),
                "Check the lag".into(),
                Some(StepKind::ChangesState)
            )
        );
        assert_eq!(
            parse_heading("Step 3: Look (maybe)"),
            (Some(3), "Look (maybe)".into(), None)
        );
        assert_eq!(step_anchor("Step 3: Look"), Some("step-3".into()));
        assert_eq!(step_anchor("Timeline"), None);
    }
}
