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
use serde::{Deserialize, Serialize};

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

/// A fenced block: its language and text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Block {
    /// Body line (1-based) of the opening fence.
    pub line: usize,
    pub lang: String,
    pub text: String,
}

/// A paragraph or list item, with the links in it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Para {
    pub line: usize,
    pub text: String,
    /// The text before its first link: the outcome a branch names.
    pub lead: String,
    /// (destination, link text)
    pub links: Vec<(String, String)>,
    /// Has "Warning" in bold or a quote.
    pub warning: bool,
    pub item: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Block(Block),
    Para(Para),
}

/// A `##` section (or a `###` part of one) and what it holds, in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Part {
    pub line: usize,
    pub title: String,
    pub pieces: Vec<Piece>,
    pub subs: Vec<Part>,
}

impl Part {
    pub fn blocks(&self) -> impl Iterator<Item = &Block> {
        self.pieces.iter().filter_map(|p| match p {
            Piece::Block(b) if b.lang != "mermaid" => Some(b),
            _ => None,
        })
    }

    pub fn paras(&self) -> impl Iterator<Item = &Para> {
        self.pieces.iter().filter_map(|p| match p {
            Piece::Para(x) => Some(x),
            _ => None,
        })
    }

    /// Its blocks and those of its parts.
    pub fn all_blocks(&self) -> Vec<&Block> {
        let mut out: Vec<&Block> = self.blocks().collect();
        for s in &self.subs {
            out.extend(s.all_blocks());
        }
        out
    }

    fn is(&self, name: &str) -> bool {
        self.title.trim().to_lowercase().starts_with(name)
    }
}

/// A body as sections: what comes before the first `##` has an empty title.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Guide {
    pub parts: Vec<Part>,
}

impl Guide {
    /// The first `##` section whose title starts with `name` (lowercase).
    pub fn section(&self, name: &str) -> Option<&Part> {
        self.parts.iter().skip(1).find(|p| p.is(name))
    }

    /// Body line of the `##` section that follows `name` (None when `name`
    /// is missing or last): where whatever comes after it starts.
    pub fn after(&self, name: &str) -> Option<usize> {
        let i = self.parts.iter().skip(1).position(|p| p.is(name))?;
        self.parts.get(i + 2).map(|p| p.line)
    }
}

/// Reads a body into sections, parts, blocks and paragraphs.
pub fn parse_guide(body: &str) -> Guide {
    let line_of = |offset: usize| body[..offset].matches('\n').count() + 1;
    let mut guide = Guide {
        parts: vec![Part::default()],
    };
    let mut heading: Option<(HeadingLevel, usize, String)> = None;
    let mut code: Option<Block> = None;
    let mut open: Vec<Para> = Vec::new();
    let mut strong_or_quote = 0usize;
    let mut link_text: Option<String> = None;
    fn target(guide: &mut Guide) -> &mut Part {
        let part = guide.parts.last_mut().expect("a part");
        if part.subs.is_empty() {
            part
        } else {
            part.subs.last_mut().expect("a sub-part")
        }
    }
    for (event, range) in Parser::new(body).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level, line_of(range.start), String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some((level, line, title)) = heading.take() else {
                    continue;
                };
                let part = Part {
                    line,
                    title: title.trim().to_string(),
                    ..Part::default()
                };
                match level {
                    HeadingLevel::H2 => guide.parts.push(part),
                    HeadingLevel::H3 if guide.parts.len() > 1 => {
                        guide.parts.last_mut().expect("a part").subs.push(part)
                    }
                    _ => {}
                }
            }
            Event::Text(t) | Event::Code(t) if heading.is_some() => {
                heading.as_mut().expect("a heading").2.push_str(&t);
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match &kind {
                    CodeBlockKind::Fenced(l) => {
                        l.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some(Block {
                    line: line_of(range.start),
                    lang,
                    text: String::new(),
                });
            }
            Event::Text(t) if code.is_some() => code.as_mut().expect("a block").text.push_str(&t),
            Event::End(TagEnd::CodeBlock) => {
                if let Some(b) = code.take() {
                    target(&mut guide).pieces.push(Piece::Block(b));
                }
            }
            Event::Start(Tag::Item) => open.push(Para {
                line: line_of(range.start),
                item: true,
                ..Para::default()
            }),
            Event::Start(Tag::Paragraph) if open.is_empty() => open.push(Para {
                line: line_of(range.start),
                ..Para::default()
            }),
            Event::End(TagEnd::Item) => {
                if let Some(p) = open.pop() {
                    target(&mut guide).pieces.push(Piece::Para(p));
                }
            }
            Event::End(TagEnd::Paragraph) if open.last().is_some_and(|p| !p.item) => {
                let p = open.pop().expect("a paragraph");
                target(&mut guide).pieces.push(Piece::Para(p));
            }
            Event::Start(Tag::Strong) | Event::Start(Tag::BlockQuote(_)) => strong_or_quote += 1,
            Event::End(TagEnd::Strong) | Event::End(TagEnd::BlockQuote(_)) => {
                strong_or_quote = strong_or_quote.saturating_sub(1)
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(p) = open.last_mut() {
                    if p.links.is_empty() {
                        p.lead = p.text.clone();
                    }
                    p.links.push((dest_url.to_string(), String::new()));
                    link_text = Some(String::new());
                }
            }
            Event::End(TagEnd::Link) => {
                if let (Some(p), Some(t)) = (open.last_mut(), link_text.take()) {
                    if let Some(l) = p.links.last_mut() {
                        l.1 = t;
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(p) = open.last_mut() {
                    p.text.push_str(&t);
                    if strong_or_quote > 0 && t.to_lowercase().contains("warning") {
                        p.warning = true;
                    }
                }
                if let Some(l) = link_text.as_mut() {
                    l.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(p) = open.last_mut() {
                    p.text.push(' ');
                }
            }
            _ => {}
        }
    }
    guide
}

/// One outcome of a step: the output pattern it names, and where it leads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Branch {
    /// "`Leader: none` listed" (may be empty for "Then go to …").
    pub when: String,
    /// The link: `#step-2`, `#verify`, `../debugging/x.md`.
    pub to: String,
    /// The link's text.
    pub label: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The number in the heading ("Step 3: …"), if it has one.
    pub number: Option<usize>,
    /// Body line (1-based) of the heading.
    pub line: usize,
    pub title: String,
    pub kind: Option<StepKind>,
    /// The plane named after the kind: `(read-only, state)`.
    pub plane: Option<String>,
    /// Code blocks (not diagrams) in the step.
    pub commands: usize,
    /// Link targets in the step.
    pub links: Vec<String>,
    /// A warning ("Warning" in bold or a quote) comes before the first command.
    pub warned_first: bool,
    /// The text of the step's first command.
    pub first_command: Option<String>,
    pub branches: Vec<Branch>,
    pub part: Part,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Runbook {
    /// Body line of `## Steps`.
    pub line: usize,
    pub steps: Vec<Step>,
}

/// `Step 3: Read the logs (read-only)` → (3, "Read the logs", read-only).
pub fn parse_heading(text: &str) -> (Option<usize>, String, Option<StepKind>) {
    let (n, title, kind, _) = parse_step_heading(text);
    (n, title, kind)
}

/// Like [`parse_heading`], with the plane: `(read-only, state)`.
pub fn parse_step_heading(text: &str) -> (Option<usize>, String, Option<StepKind>, Option<String>) {
    let text = text.trim();
    let rest = text
        .strip_prefix("Step ")
        .or_else(|| text.strip_prefix("step "));
    let Some(rest) = rest else {
        return (None, text.to_string(), None, None);
    };
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let number = digits.parse().ok();
    let title = rest[digits.len()..]
        .trim_start_matches([':', '.', ' '])
        .trim();
    if let Some((t, k)) = title.strip_suffix(')').and_then(|t| t.rsplit_once('(')) {
        let (kind, plane) = match k.split_once(',') {
            Some((k, p)) => (k.trim(), Some(p.trim().to_string())),
            None => (k.trim(), None),
        };
        if let Some((_, kind)) = StepKind::ALL.iter().find(|(name, _)| *name == kind) {
            return (number, t.trim().to_string(), Some(*kind), plane);
        }
    }
    (number, title.to_string(), None, None)
}

/// The anchor of a step heading: `step-3`.
pub fn step_anchor(text: &str) -> Option<String> {
    match parse_heading(text) {
        (Some(n), _, _) => Some(format!("step-{n}")),
        _ => None,
    }
}

/// What to run first, and what its output means: step 1 as data, for the
/// 3 AM mode.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FirstMove {
    pub command: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub branches: Vec<Branch>,
}

/// A link as the index keeps it: `#anchor` on the same page, `id` or
/// `id#anchor` for another entry (from `../debugging/id.md#anchor`), a web
/// address as it is.
pub fn link_target(dest: &str) -> String {
    if dest.starts_with('#') || dest.contains("://") || dest.starts_with("mailto:") {
        return dest.to_string();
    }
    let (path, frag) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    let id = path
        .rsplit('/')
        .next()
        .unwrap_or(path)
        .trim_end_matches(".md");
    match frag {
        Some(f) => format!("{id}#{f}"),
        None => id.to_string(),
    }
}

impl Runbook {
    /// Step 1's first command and outcomes (the 3 AM mode shows them).
    pub fn first_move(&self) -> Option<FirstMove> {
        let step = self.steps.first()?;
        let cmd = step.first_command.as_deref()?.trim_end();
        (!cmd.is_empty()).then(|| FirstMove {
            command: cmd.to_string(),
            branches: step
                .branches
                .iter()
                .map(|b| Branch {
                    to: link_target(&b.to),
                    ..b.clone()
                })
                .collect(),
        })
    }

    pub fn from_guide(guide: &Guide) -> Option<Runbook> {
        let section = guide.section("steps")?;
        let steps = section
            .subs
            .iter()
            .map(|part| {
                let (number, title, kind, plane) = parse_step_heading(&part.title);
                let blocks: Vec<&Block> = part.blocks().collect();
                let first_block = part
                    .pieces
                    .iter()
                    .position(|p| matches!(p, Piece::Block(b) if b.lang != "mermaid"));
                let warned_first = part.pieces[..first_block.unwrap_or(part.pieces.len())]
                    .iter()
                    .any(|p| matches!(p, Piece::Para(x) if x.warning));
                let links = part
                    .paras()
                    .flat_map(|p| p.links.iter().map(|l| l.0.clone()))
                    .collect();
                let branches = part
                    .paras()
                    .filter_map(|p| {
                        let (to, label) = p.links.first()?;
                        Some(Branch {
                            when: outcome(&p.lead),
                            to: to.clone(),
                            label: label.clone(),
                        })
                    })
                    .collect();
                Step {
                    number,
                    line: part.line,
                    title,
                    kind,
                    plane,
                    commands: blocks.len(),
                    links,
                    warned_first,
                    first_command: blocks.first().map(|b| b.text.clone()),
                    branches,
                    part: part.clone(),
                }
            })
            .collect();
        Some(Runbook {
            line: section.line,
            steps,
        })
    }
}

/// "`Leader: none` listed: go to " → "`Leader: none` listed".
fn outcome(lead: &str) -> String {
    let mut s = lead.trim().to_string();
    loop {
        let before = s.clone();
        for tail in [
            "go to",
            "go back to",
            "see",
            "then",
            "and",
            "continue with",
            "in",
            "run",
            "follow",
        ] {
            if s.to_lowercase().ends_with(tail)
                && s[..s.len() - tail.len()]
                    .chars()
                    .last()
                    .is_none_or(|c| !c.is_alphanumeric())
            {
                s.truncate(s.len() - tail.len());
            }
        }
        s = s
            .trim_end_matches(|c: char| {
                c.is_whitespace() || matches!(c, ':' | ',' | ';' | '—' | '-' | '(' | '.')
            })
            .to_string();
        if s == before {
            return s;
        }
    }
}

/// The `## Steps` section of a body, if it has one.
pub fn parse(body: &str) -> Option<Runbook> {
    Runbook::from_guide(&parse_guide(body))
}

/// The decision tree drawn from the steps: Mermaid source, and the step or
/// section (or entry id) each node opens.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tree {
    pub source: String,
    pub links: std::collections::BTreeMap<String, String>,
}

/// Draws the steps as a flowchart: a diamond per read-only step (a
/// question), a box per step that changes state (an action), a rounded node
/// per section a step leads to (Mitigate, Verify, Fix: stop here), a hexagon
/// for Escalate, a subroutine box for another guide. Fills are the planes
/// (`planes`: id → colour; a step's own plane, else `default_plane`).
pub fn decision_tree(
    book: &Runbook,
    headings: &[(String, String)],
    planes: &[(String, String)],
    default_plane: &str,
) -> Tree {
    use std::fmt::Write;
    let mut tree = Tree::default();
    let mut src = String::from("flowchart TD\n");
    let mut classes: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    let mut terminals: Vec<String> = Vec::new();
    let known_plane = |p: &str| planes.iter().any(|(id, _)| id == p);
    let plane_for = |p: Option<&String>| match p {
        Some(p) if known_plane(p) => p.clone(),
        _ => default_plane.to_string(),
    };
    for step in &book.steps {
        let Some(n) = step.number else { continue };
        let id = format!("rb_s{n}");
        let label = mermaid_text(&format!("{n}. {}", step.title), 70);
        let shape = match step.kind {
            Some(StepKind::ReadOnly) | None => format!("{id}{{\"{label}\"}}"),
            Some(_) => format!("{id}[\"{label}\"]"),
        };
        let _ = writeln!(src, "  {shape}");
        tree.links.insert(id.clone(), format!("#step-{n}"));
        classes
            .entry(plane_for(step.plane.as_ref()))
            .or_default()
            .push(id);
    }
    let mut edges: Vec<(String, String)> = Vec::new();
    for step in &book.steps {
        let Some(n) = step.number else { continue };
        let from = format!("rb_s{n}");
        for b in &step.branches {
            let Some((to, shape)) = node_for(&b.to, &b.label, headings, &book.steps) else {
                continue;
            };
            if edges.contains(&(from.clone(), to.clone())) {
                continue;
            }
            edges.push((from.clone(), to.clone()));
            if let Some(shape) = shape {
                if !terminals.contains(&to) {
                    terminals.push(to.clone());
                    let _ = writeln!(src, "  {shape}");
                    tree.links.insert(to.clone(), link_target(&b.to));
                    classes
                        .entry(default_plane.to_string())
                        .or_default()
                        .push(to.clone());
                }
            }
            let when = mermaid_text(&b.when, 60);
            if when.is_empty() {
                let _ = writeln!(src, "  {from} --> {to}");
            } else {
                let _ = writeln!(src, "  {from} -->|\"{when}\"| {to}");
            }
        }
    }
    for (plane, colour) in planes {
        if classes.contains_key(plane) {
            let _ = writeln!(
                src,
                "  classDef {plane} fill:{colour},stroke:{colour},color:#fff"
            );
        }
    }
    for (plane, ids) in &classes {
        let _ = writeln!(src, "  class {} {plane}", ids.join(","));
    }
    tree.source = src;
    tree
}

/// The node a branch leads to: (id, its declaration if it is not a step).
fn node_for(
    to: &str,
    label: &str,
    headings: &[(String, String)],
    steps: &[Step],
) -> Option<(String, Option<String>)> {
    if let Some(n) = to
        .strip_prefix("#step-")
        .and_then(|n| n.parse::<usize>().ok())
    {
        return steps
            .iter()
            .any(|s| s.number == Some(n))
            .then(|| (format!("rb_s{n}"), None));
    }
    if to.starts_with("http:") || to.starts_with("https:") || to.starts_with("mailto:") {
        return None;
    }
    let key: String = to
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if let Some(anchor) = to.strip_prefix('#') {
        let title = headings
            .iter()
            .find(|(a, _)| a == anchor)
            .map(|(_, t)| t.as_str())
            .unwrap_or(label);
        let id = format!("rb_x{key}");
        let text = mermaid_text(title, 60);
        let escalate = ["escalate", "stop"]
            .iter()
            .any(|w| anchor.starts_with(w) || title.to_lowercase().starts_with(w));
        let shape = if escalate {
            format!("{id}{{{{\"{text}\"}}}}")
        } else {
            format!("{id}([\"{text}\"])")
        };
        return Some((id, Some(shape)));
    }
    let id = format!("rb_g{key}");
    let text = mermaid_text(&format!("Guide: {label}"), 60);
    let shape = format!("{id}[[\"{text}\"]]");
    Some((id, Some(shape)))
}

/// Text safe inside a quoted Mermaid label, at most `max` characters.
fn mermaid_text(s: &str, max: usize) -> String {
    let clean: String = s
        .chars()
        .filter(|c| !matches!(c, '`' | '*'))
        .map(|c| match c {
            '"' => '\'',
            '\n' => ' ',
            c => c,
        })
        .collect();
    let clean = clean.replace('#', "").replace('<', "‹").replace('>', "›");
    let clean = clean.split_whitespace().collect::<Vec<_>>().join(" ");
    if clean.chars().count() <= max {
        return clean;
    }
    let cut: String = clean.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map(|(a, _)| a).unwrap_or(&cut);
    format!("{}…", cut.trim_end_matches([',', ';', ':']))
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
