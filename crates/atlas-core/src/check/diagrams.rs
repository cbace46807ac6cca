//! Diagrams: at least one Mermaid block, none empty; every flowchart node
//! in one of the four planes with the exact plane colours; `links:` names
//! real nodes; flowchart statements the reader cannot follow are named.

use super::Ctx;
use crate::diagram;
use crate::frontmatter::FrontMatter;
use crate::markdown::BodyFacts;
use crate::rules::Rule;

pub(crate) fn check(ctx: &mut Ctx<'_>, fm: &FrontMatter, facts: &BodyFacts) {
    if facts.diagrams.is_empty() {
        // Point at the body's first line of text, not past its end.
        let first = ctx
            .split
            .body
            .lines()
            .position(|l| !l.trim().is_empty())
            .map_or(1, |i| i + 1);
        ctx.report(
            Rule::Diagram,
            ctx.drawn_line(first),
            "no ```mermaid block: every entry carries at least one diagram",
        );
    }
    let planes = ctx.taxonomy.plane_colours();
    let mut node_ids: Vec<String> = Vec::new();
    for (i, (l, src)) in facts.diagrams.iter().enumerate() {
        // `l` is the fence line; diagram line n is file line fence + n.
        let fence = ctx.drawn_line(*l);
        if src.trim().is_empty() {
            ctx.report(Rule::Diagram, fence, format!("diagram {} is empty", i + 1));
            continue;
        }
        if diagram::kind(src) != diagram::Kind::Flowchart {
            continue;
        }
        let chart = diagram::parse_flowchart(src);
        for (line, message) in plane_problems(&chart, src, &planes) {
            ctx.report(Rule::Planes, fence + line, message);
        }
        for (line, stmt) in &chart.unread {
            ctx.report(
                Rule::DiagramUnread,
                fence + line,
                format!("the atlas cannot read the flowchart statement `{}`; its nodes get no plane check or links (write one node or edge per line)", shorten(stmt)),
            );
        }
        node_ids.extend(chart.nodes.into_iter().map(|n| n.id));
    }
    for node in fm.links.keys() {
        if !node_ids.contains(node) {
            ctx.report(
                Rule::Links,
                ctx.line("links", Some(node)),
                format!("`links` names node `{node}`, which no flowchart in this entry has"),
            );
        }
    }
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s.to_string()
    }
}

/// Every flowchart node sits in one of the four planes, through a class
/// whose fill is exactly the plane's colour; a class named after a plane
/// carries that plane's colour.
fn plane_problems(
    chart: &diagram::Flowchart,
    source: &str,
    planes: &[(String, String)],
) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (id, colour) in planes {
        if let Some(fill) = chart.class_fills.get(id) {
            if !fill.eq_ignore_ascii_case(colour) {
                let line = source
                    .lines()
                    .position(|l| l.trim_start().starts_with(&format!("classDef {id} ")))
                    .map_or(0, |i| i + 1);
                out.push((
                    line,
                    format!(
                        "classDef `{id}` has fill `{fill}`; the {id} plane's colour is {colour}"
                    ),
                ));
            }
        }
    }
    let unplaced: Vec<&diagram::Node> = chart
        .nodes
        .iter()
        .filter(|n| chart.plane_of(n, planes).is_none())
        .collect();
    if let Some(first) = unplaced.first() {
        let ids: Vec<&str> = unplaced.iter().map(|n| n.id.as_str()).collect();
        out.push((
            first.line,
            format!(
                "flowchart node{} {} not in any plane: add `class {} <edge|service|state|control>` with the plane classDefs from CONTRIBUTING.md",
                if ids.len() == 1 { "" } else { "s" },
                ids.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", "),
                ids.join(","),
            ),
        ));
    }
    out
}
