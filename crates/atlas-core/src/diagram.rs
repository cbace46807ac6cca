//! Reading Mermaid sources without Mermaid: which kind of diagram it is, and
//! for flowcharts the nodes, edges and plane classes. The checker uses it to
//! hold every node to a plane; the page uses it for the text alternative.
//! Mermaid itself still does the drawing (and the real syntax check, see
//! `scripts/check-diagrams.mjs`); this covers the flowchart statements the
//! atlas uses, and says so when it meets one it does not understand.

use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Flowchart,
    Other(String),
}

/// The diagram type from its first statement (`flowchart LR`, `sequenceDiagram`, …).
pub fn kind(source: &str) -> Kind {
    match statements(source)
        .next()
        .map(|(_, s)| s.split_whitespace().next().unwrap_or("").to_string())
    {
        Some(k) if k == "flowchart" || k == "graph" => Kind::Flowchart,
        Some(k) => Kind::Other(k),
        None => Kind::Other(String::new()),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub id: String,
    /// The label as shown (line breaks as spaces); the id when none is given.
    pub label: String,
    /// Classes assigned with `class` lines or `:::`.
    pub classes: Vec<String>,
    /// 1-based line within the diagram source where the node first appears.
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    pub from: String,
    pub to: String,
    pub label: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Flowchart {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// classDef name → its `fill` colour, as written.
    pub class_fills: BTreeMap<String, String>,
    /// Statements the parser could not read, with their lines.
    pub unread: Vec<(usize, String)>,
}

impl Flowchart {
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }

    /// The plane of a node: the first of its classes whose classDef fill is
    /// one of the plane colours given (`(plane id, #RRGGBB)`).
    pub fn plane_of<'a>(&self, node: &Node, planes: &'a [(String, String)]) -> Option<&'a str> {
        node.classes.iter().find_map(|c| {
            let fill = self.class_fills.get(c)?;
            planes
                .iter()
                .find(|(_, colour)| colour.eq_ignore_ascii_case(fill))
                .map(|(id, _)| id.as_str())
        })
    }
}

/// Statements with their 1-based lines: no blank lines, comments, or a
/// leading `---` front-matter block.
fn statements(source: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut in_front = false;
    let mut seen_any = false;
    source.lines().enumerate().filter_map(move |(i, raw)| {
        let line = raw.trim();
        if line == "---" && (!seen_any || in_front) {
            in_front = !in_front;
            seen_any = true;
            return None;
        }
        seen_any = true;
        if in_front || line.is_empty() || line.starts_with("%%") {
            return None;
        }
        Some((i + 1, line.trim_end_matches(';')))
    })
}

pub fn parse_flowchart(source: &str) -> Flowchart {
    let mut chart = Flowchart::default();
    for (line_no, stmt) in statements(source).skip(1) {
        let first = stmt.split_whitespace().next().unwrap_or("");
        match first {
            "classDef" => {
                let mut parts = stmt.split_whitespace().skip(1);
                if let (Some(names), Some(props)) = (parts.next(), parts.next()) {
                    let fill = props
                        .split(',')
                        .find_map(|p| p.trim().strip_prefix("fill:"))
                        .map(|f| f.trim().to_string());
                    for name in names.split(',') {
                        chart
                            .class_fills
                            .insert(name.to_string(), fill.clone().unwrap_or_default());
                    }
                }
            }
            "class" => {
                let mut parts = stmt.split_whitespace().skip(1);
                if let (Some(ids), Some(class)) = (parts.next(), parts.next()) {
                    for id in ids.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                        let n = chart.upsert(id, None, line_no);
                        if !n.classes.iter().any(|c| c == class) {
                            n.classes.push(class.to_string());
                        }
                    }
                }
            }
            "style" | "linkStyle" | "click" | "direction" | "end" | "accTitle:" | "accDescr:"
            | "accTitle" | "accDescr" => {}
            "subgraph" => {}
            _ => {
                if !parse_chain(&mut chart, stmt, line_no) {
                    chart.unread.push((line_no, stmt.to_string()));
                }
            }
        }
    }
    chart
}

impl Flowchart {
    fn upsert(&mut self, id: &str, label: Option<String>, line: usize) -> &mut Node {
        let i = match self.nodes.iter().position(|n| n.id == id) {
            Some(i) => i,
            None => {
                self.nodes.push(Node {
                    id: id.to_string(),
                    label: id.to_string(),
                    classes: Vec::new(),
                    line,
                });
                self.nodes.len() - 1
            }
        };
        if let Some(l) = label {
            self.nodes[i].label = l;
        }
        &mut self.nodes[i]
    }
}

/// `A["x"] & B --> |t| C:::state -- text --> D`. Returns false if unread.
fn parse_chain(chart: &mut Flowchart, stmt: &str, line: usize) -> bool {
    let mut s = Scanner { rest: stmt };
    let Some(mut left) = s.node_group() else {
        return false;
    };
    for (id, label, class) in &left {
        add(chart, id, label.clone(), class.as_deref(), line);
    }
    loop {
        s.skip_ws();
        if s.rest.is_empty() {
            return true;
        }
        let Some(label) = s.link() else { return false };
        let Some(right) = s.node_group() else {
            return false;
        };
        for (id, l, class) in &right {
            add(chart, id, l.clone(), class.as_deref(), line);
        }
        for (from, _, _) in &left {
            for (to, _, _) in &right {
                chart.edges.push(Edge {
                    from: from.clone(),
                    to: to.clone(),
                    label: label.clone(),
                });
            }
        }
        left = right;
    }
}

fn add(chart: &mut Flowchart, id: &str, label: Option<String>, class: Option<&str>, line: usize) {
    let n = chart.upsert(id, label, line);
    if let Some(c) = class {
        if !n.classes.iter().any(|x| x == c) {
            n.classes.push(c.to_string());
        }
    }
}

struct Scanner<'a> {
    rest: &'a str,
}

type NodeRef = (String, Option<String>, Option<String>);

impl<'a> Scanner<'a> {
    fn skip_ws(&mut self) {
        self.rest = self.rest.trim_start();
    }

    fn node_group(&mut self) -> Option<Vec<NodeRef>> {
        let mut out = vec![self.node()?];
        loop {
            self.skip_ws();
            match self.rest.strip_prefix('&') {
                Some(r) => {
                    self.rest = r;
                    self.skip_ws();
                    out.push(self.node()?);
                }
                None => return Some(out),
            }
        }
    }

    fn node(&mut self) -> Option<NodeRef> {
        self.skip_ws();
        let end = self
            .rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(self.rest.len());
        if end == 0 {
            return None;
        }
        let id = self.rest[..end].to_string();
        self.rest = &self.rest[end..];
        let label = self.shape()?;
        let class = self.rest.strip_prefix(":::").map(|r| {
            let end = r
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
                .unwrap_or(r.len());
            self.rest = &r[end..];
            r[..end].to_string()
        });
        Some((id, label, class))
    }

    /// The bracketed label after a node id, if any. Some(None) when there is
    /// no shape; None when a shape is opened but never closed.
    fn shape(&mut self) -> Option<Option<String>> {
        let open_len = self
            .rest
            .find(|c: char| !matches!(c, '[' | '(' | '{' | '>' | '/' | '\\'))
            .unwrap_or(self.rest.len());
        if open_len == 0 || !self.rest.starts_with(['[', '(', '{', '>']) {
            return Some(None);
        }
        let body = &self.rest[open_len..];
        let (label, after) = if let Some(q) = body.strip_prefix('"') {
            let close = q.find('"')?;
            (&q[..close], &q[close + 1..])
        } else {
            let close = body.find([']', ')', '}'])?;
            (body[..close].trim_end_matches(['/', '\\']), &body[close..])
        };
        let closers = after
            .find(|c: char| !matches!(c, ']' | ')' | '}' | '/' | '\\'))
            .unwrap_or(after.len());
        self.rest = &after[closers..];
        Some(Some(clean_label(label)))
    }

    /// A link operator with its optional text. None if there is no link here.
    fn link(&mut self) -> Option<Option<String>> {
        let op_len = self
            .rest
            .find(|c: char| !matches!(c, '-' | '=' | '.' | '<' | '>' | '~'))
            .unwrap_or(self.rest.len());
        if op_len < 2 {
            return None;
        }
        let mut op_end = op_len;
        // `--o` / `--x` endings.
        if let Some(c) = self.rest[op_len..].chars().next() {
            if (c == 'o' || c == 'x') && self.rest[op_len + 1..].starts_with(char::is_whitespace) {
                op_end += 1;
            }
        }
        let op = &self.rest[..op_len];
        self.rest = &self.rest[op_end..];
        let mut label = None;
        // `A -- text --> B` / `A == text ==> B` / `A -. text .-> B`
        if !op.contains('>') && op_end == op_len && matches!(op, "--" | "==" | "-.") {
            let ends = ["-->", "==>", ".->", "---", "===", "--o", "--x"];
            let (pos, end_len) = ends
                .iter()
                .filter_map(|e| self.rest.find(e).map(|p| (p, e.len())))
                .min()?;
            label = Some(clean_label(self.rest[..pos].trim()));
            let after = &self.rest[pos + end_len..];
            let more = after
                .find(|c: char| !matches!(c, '-' | '=' | '.' | '>'))
                .unwrap_or(after.len());
            self.rest = &after[more..];
        }
        self.skip_ws();
        if let Some(r) = self.rest.strip_prefix('|') {
            let close = r.find('|')?;
            label = Some(clean_label(&r[..close]));
            self.rest = &r[close + 1..];
        }
        Some(label.filter(|l| !l.is_empty()))
    }
}

/// Quotes off, `<br/>` as a space, Mermaid's `#quot;` entities decoded.
fn clean_label(raw: &str) -> String {
    let s = raw.trim().trim_matches('"');
    let s = s
        .replace("<br/>", " ")
        .replace("<br>", " ")
        .replace("<br />", " ")
        .replace("#quot;", "\"")
        .replace("#35;", "#");
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(kind("flowchart LR\n a-->b"), Kind::Flowchart);
        assert_eq!(kind("%% note\n\ngraph TD\n"), Kind::Flowchart);
        assert_eq!(kind("---\ntitle: x\n---\nflowchart TD\n"), Kind::Flowchart);
        assert_eq!(
            kind("sequenceDiagram\n A->>B: hi"),
            Kind::Other("sequenceDiagram".into())
        );
    }

    #[test]
    fn nodes_edges_and_classes() {
        let src = r#"flowchart LR
  GLB["GLB<br/>anycast"] --> App(Rails app) -->|writes| DB[(MySQL primary)]
  App -- "reads (replica)" --> R1[MySQL replica] & R2
  Orc{orchestrator}:::control -.-> DB
  classDef edge fill:#0066CC,stroke:#004C99,color:#fff
  classDef state fill:#FF8800,stroke:#CC6600
  classDef control fill:#CC0000
  class GLB edge
  class DB,R1,R2 state
"#;
        let c = parse_flowchart(src);
        assert!(c.unread.is_empty(), "{:?}", c.unread);
        let labels: Vec<_> = c
            .nodes
            .iter()
            .map(|n| (n.id.as_str(), n.label.as_str()))
            .collect();
        assert_eq!(
            labels,
            [
                ("GLB", "GLB anycast"),
                ("App", "Rails app"),
                ("DB", "MySQL primary"),
                ("R1", "MySQL replica"),
                ("R2", "R2"),
                ("Orc", "orchestrator")
            ]
        );
        assert_eq!(c.edges.len(), 5);
        assert_eq!(c.edges[1].label.as_deref(), Some("writes"));
        assert_eq!(
            c.edges[2],
            Edge {
                from: "App".into(),
                to: "R1".into(),
                label: Some("reads (replica)".into())
            }
        );
        let planes = vec![
            ("edge".to_string(), "#0066CC".to_string()),
            ("state".to_string(), "#FF8800".to_string()),
            ("control".to_string(), "#CC0000".to_string()),
        ];
        assert_eq!(c.plane_of(c.node("DB").unwrap(), &planes), Some("state"));
        assert_eq!(c.plane_of(c.node("Orc").unwrap(), &planes), Some("control"));
        assert_eq!(
            c.plane_of(c.node("App").unwrap(), &planes),
            None,
            "App has no plane"
        );
    }

    #[test]
    fn unreadable_statements_are_reported_not_guessed() {
        let c = parse_flowchart("flowchart LR\n A[unclosed --> B\n");
        assert_eq!(c.unread.len(), 1);
    }
}
