//! The `compare:` block of comparison entries: technologies (taxonomy ids)
//! side by side on named dimensions, each cell a published value with its
//! unit, the conditions it was measured under and the source that states it,
//! or "not published".
//!
//! ```yaml
//! compare:
//!   technologies: [kafka, kinesis]
//!   dimensions:
//!     - id: write-per-shard
//!       label: "Write throughput per partition or shard"
//!       unit: MB/s
//!       cells:
//!         kinesis: { value: 1, conditions: "per shard, service limit", source: 2 }
//!         kafka: not published
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::units::Unit;

/// What a cell says when the record is silent.
pub const NOT_PUBLISHED: &str = "not published";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompareSpec {
    /// Taxonomy technology ids, in column order.
    pub technologies: Vec<String>,
    pub dimensions: Vec<Dimension>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    pub id: String,
    pub label: String,
    /// The unit every number on this row is shown in (cells may give a
    /// unit of the same dimension); none for a row of words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Technology id → cell.
    pub cells: BTreeMap<String, Cell>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Cell {
    /// "not published"
    Silent(String),
    Value(Measured),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measured {
    pub value: Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Load, hardware, version, configuration: what the number holds for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditions: Option<String>,
    /// The entry's source (1-based) that states it.
    pub source: usize,
    /// The vendor's own claim, shown as such.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub vendor_claim: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Number(f64),
    Text(String),
}

/// A problem with a comparison, at the dimension (or `technologies`) it is about.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareProblem {
    /// The dimension id, or "technologies".
    pub at: String,
    pub message: String,
}

impl CompareSpec {
    /// Checks ids, units and sources; `known` are the taxonomy's
    /// technology ids.
    pub fn problems(&self, known: &[&str], sources: usize) -> Vec<CompareProblem> {
        let mut out = Vec::new();
        let mut push = |at: &str, message: String| {
            out.push(CompareProblem {
                at: at.to_string(),
                message,
            })
        };
        if self.technologies.len() < 2 {
            push(
                "technologies",
                "a comparison names at least two technologies".into(),
            );
        }
        for (i, t) in self.technologies.iter().enumerate() {
            if !known.contains(&t.as_str()) {
                push(
                    "technologies",
                    format!("`{t}` is not a technology id in taxonomy.yaml (`technologies:`)"),
                );
            }
            if self.technologies[..i].contains(t) {
                push("technologies", format!("`{t}` is listed twice"));
            }
        }
        if self.dimensions.is_empty() {
            push(
                "technologies",
                "a comparison needs at least one dimension".into(),
            );
        }
        for (i, d) in self.dimensions.iter().enumerate() {
            let at = d.id.as_str();
            if self.dimensions[..i].iter().any(|o| o.id == d.id) {
                push(at, format!("dimension `{at}` is listed twice"));
            }
            let row_unit = match d.unit.as_deref().map(Unit::parse) {
                Some(Err(e)) => {
                    push(at, format!("dimension `{at}`: unit {e}"));
                    continue;
                }
                Some(Ok(u)) => Some(u),
                None => None,
            };
            for t in &self.technologies {
                if !d.cells.contains_key(t) {
                    push(at, format!("dimension `{at}` has no cell for `{t}`: give its value or \"{NOT_PUBLISHED}\""));
                }
            }
            for (t, cell) in &d.cells {
                if !self.technologies.contains(t) {
                    push(at, format!("dimension `{at}` has a cell for `{t}`, which the comparison does not list"));
                }
                let m = match cell {
                    Cell::Silent(s) if s.trim() == NOT_PUBLISHED => continue,
                    Cell::Silent(s) => {
                        push(at, format!("`{at}` / `{t}`: `{s}` is neither a cell ({{ value, source, … }}) nor \"{NOT_PUBLISHED}\""));
                        continue;
                    }
                    Cell::Value(m) => m,
                };
                if m.source == 0 || m.source > sources {
                    push(
                        at,
                        format!(
                            "`{at}` / `{t}` cites source {}, but the entry has {sources}",
                            m.source
                        ),
                    );
                }
                if let Value::Number(_) = m.value {
                    let unit = m.unit.as_deref().or(d.unit.as_deref());
                    match (unit.map(Unit::parse), &row_unit) {
                        (None, _) => push(at, format!("`{at}` / `{t}`: a number needs its unit (on the cell or the dimension)")),
                        (Some(Err(e)), _) => push(at, format!("`{at}` / `{t}`: unit {e}")),
                        (Some(Ok(u)), Some(row)) if !u.same_dims(row) => push(
                            at,
                            format!("`{at}` / `{t}`: `{}` cannot be compared with the row's `{}`", unit.unwrap_or(""), d.unit.as_deref().unwrap_or("")),
                        ),
                        _ => {}
                    }
                    if m.conditions.as_deref().is_none_or(|c| c.trim().is_empty()) {
                        push(at, format!("`{at}` / `{t}`: say what the number was measured under (`conditions`)"));
                    }
                }
            }
            // Numbers on one row share one dimension even without a row unit.
            if row_unit.is_none() {
                let units: Vec<Unit> = d
                    .cells
                    .values()
                    .filter_map(|c| match c {
                        Cell::Value(Measured {
                            value: Value::Number(_),
                            unit: Some(u),
                            ..
                        }) => Unit::parse(u).ok(),
                        _ => None,
                    })
                    .collect();
                if units.windows(2).any(|w| !w[0].same_dims(&w[1])) {
                    push(at, format!("dimension `{at}` mixes numbers of different units: give the row a `unit`"));
                }
            }
        }
        out
    }

    /// The cell of one technology on one dimension, as text: `1 MB/s`.
    pub fn shown(d: &Dimension, m: &Measured) -> String {
        match &m.value {
            Value::Number(n) => {
                let unit = m.unit.as_deref().or(d.unit.as_deref()).unwrap_or("");
                format!("{} {unit}", crate::model_calc::format_number(*n))
                    .trim()
                    .to_string()
            }
            Value::Text(t) => t.clone(),
        }
    }
}

/// The comparison as an HTML table, the same in the app and the
/// prerendered page: a row per dimension, a column per technology (named by
/// `name_of`), each cell its value, the conditions it holds for, and a link
/// to its source in the page's list (`#source-N`).
pub fn table_html(spec: &CompareSpec, name_of: &dyn Fn(&str) -> String) -> String {
    use crate::markdown::escape;
    let mut h = String::from("<div class=\"compare-wrap\"><table class=\"compare\"><caption>Side by side, as published</caption><thead><tr><th scope=\"col\">Dimension</th>");
    for t in &spec.technologies {
        h.push_str(&format!("<th scope=\"col\">{}</th>", escape(&name_of(t))));
    }
    h.push_str("</tr></thead><tbody>");
    for d in &spec.dimensions {
        h.push_str(&format!(
            "<tr id=\"dim-{}\"><th scope=\"row\">{}</th>",
            escape(&d.id),
            escape(&d.label)
        ));
        for t in &spec.technologies {
            match d.cells.get(t) {
                Some(Cell::Value(m)) => {
                    h.push_str(&format!(
                        "<td><span class=\"cell-value\">{}</span>",
                        escape(&CompareSpec::shown(d, m))
                    ));
                    if m.vendor_claim {
                        h.push_str(" <span class=\"vendor-claim\">(vendor's claim)</span>");
                    }
                    if let Some(c) = &m.conditions {
                        h.push_str(&format!(
                            "<span class=\"cell-conditions\">{}</span>",
                            escape(c)
                        ));
                    }
                    h.push_str(&format!(
                        " <a class=\"cell-source\" href=\"#source-{n}\" aria-label=\"Source {n}\">[{n}]</a></td>",
                        n = m.source
                    ));
                }
                _ => h.push_str("<td class=\"not-published\">not published</td>"),
            }
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table></div>");
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(yaml: &str) -> CompareSpec {
        serde_yaml_ng::from_str(yaml).unwrap()
    }

    #[test]
    fn a_sound_comparison_has_no_problems() {
        let s = spec(
            "technologies: [kafka, kinesis]\ndimensions:\n  - id: w\n    label: Writes\n    unit: MB/s\n    cells:\n      kinesis: { value: 1, conditions: per shard, source: 1 }\n      kafka: not published\n  - id: order\n    label: Ordering\n    cells:\n      kinesis: { value: per shard, source: 1 }\n      kafka: { value: per partition, source: 2 }\n",
        );
        assert_eq!(s.problems(&["kafka", "kinesis"], 2), vec![]);
        let d = &s.dimensions[0];
        let Cell::Value(m) = &d.cells["kinesis"] else {
            panic!()
        };
        assert_eq!(CompareSpec::shown(d, m), "1 MB/s");
        let html = table_html(&s, &|t: &str| t.to_uppercase());
        assert!(html.contains("<th scope=\"col\">KINESIS</th>"));
        assert!(html.contains("1 MB/s</span><span class=\"cell-conditions\">per shard</span> <a class=\"cell-source\" href=\"#source-1\""));
        assert!(html.contains("<td class=\"not-published\">not published</td>"));
    }

    #[test]
    fn ids_units_sources_and_conditions_are_checked() {
        let s = spec(
            "technologies: [kafka, pulsr]\ndimensions:\n  - id: w\n    label: Writes\n    unit: MB/s\n    cells:\n      kafka: { value: 5, unit: req/s, conditions: x, source: 3 }\n      pulsr: { value: 2, source: 1 }\n  - id: lat\n    label: Latency\n    cells:\n      kafka: { value: 5, unit: ms, conditions: x, source: 1 }\n      pulsr: { value: 2, unit: MB, conditions: y, source: 1 }\n",
        );
        let p: Vec<String> = s
            .problems(&["kafka", "pulsar"], 1)
            .into_iter()
            .map(|p| p.message)
            .collect();
        let has = |f: &str| p.iter().any(|m| m.contains(f));
        assert!(has("`pulsr` is not a technology id"), "{p:?}");
        assert!(has("cites source 3, but the entry has 1"), "{p:?}");
        assert!(
            has("`req/s` cannot be compared with the row's `MB/s`"),
            "{p:?}"
        );
        assert!(has("say what the number was measured under"), "{p:?}");
        assert!(has("mixes numbers of different units"), "{p:?}");
    }
}
