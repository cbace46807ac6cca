//! Checks across files: unique ids and concept entries, and every link
//! between entries (Markdown links with their `#fragment`, `related`,
//! `links:`) pointing at an entry that exists. A file whose front matter
//! could not be read still counts, by its file name, so a link to it is not
//! a second error.

use std::collections::{HashMap, HashSet};

use super::links::anchor_hint;
use super::{file_stem, Draft};
use crate::problem::Problem;
use crate::rules::Rule;

/// `unreadable` holds the paths (relative to the content root) of files
/// that produced no draft.
pub(crate) fn check_across(drafts: &[Draft], unreadable: &[String], problems: &mut Vec<Problem>) {
    let mut by_id: HashMap<&str, &Draft> = HashMap::new();
    let mut by_concept: HashMap<&str, &Draft> = HashMap::new();
    for d in drafts {
        if let Some(first) = by_id.get(d.meta.id.as_str()) {
            problems.push(Problem::new(
                Rule::Id,
                &d.shown,
                d.id_line,
                format!(
                    "duplicate id `{}`: already used by {}",
                    d.meta.id, first.shown
                ),
            ));
        } else {
            by_id.insert(&d.meta.id, d);
        }
        if let Some(c) = &d.meta.concept {
            if let Some(first) = by_concept.get(c.as_str()) {
                problems.push(Problem::new(
                    Rule::Concept,
                    &d.shown,
                    d.concept_line,
                    format!("`{c}` already has a concept entry: {}", first.shown),
                ));
            } else {
                by_concept.insert(c, d);
            }
        }
    }
    let by_rel: HashMap<&str, &Draft> = drafts.iter().map(|d| (d.rel.as_str(), d)).collect();
    let unreadable_rels: HashSet<&str> = unreadable.iter().map(String::as_str).collect();
    let unreadable_ids: HashSet<&str> = unreadable.iter().map(|r| file_stem(r)).collect();
    let exists = |id: &str| by_id.contains_key(id) || unreadable_ids.contains(id);
    for d in drafts {
        let mut report = |line: usize, message: String| {
            problems.push(Problem::new(Rule::Links, &d.shown, line, message))
        };
        for link in &d.entry_links {
            let target = link.target.as_deref();
            if target.is_some_and(|t| unreadable_rels.contains(t)) {
                continue;
            }
            match target.and_then(|t| by_rel.get(t)) {
                Some(found) => {
                    if let Some(f) = &link.fragment {
                        if !found.anchors.iter().any(|a| a == f) {
                            report(
                                link.line,
                                format!(
                                    "link `{}`: `{}` has no heading with the anchor `{f}`{}",
                                    link.written,
                                    found.meta.id,
                                    anchor_hint(&found.anchors)
                                ),
                            );
                        }
                    }
                }
                None => {
                    let stem = file_stem(link.written.split('#').next().unwrap_or(""));
                    let hint = match by_id.get(stem) {
                        Some(found) => format!(
                            "; the entry `{stem}` is {}",
                            relative_link(&d.rel, &found.rel)
                        ),
                        None => String::new(),
                    };
                    report(
                        link.line,
                        format!("link `{}` points to no entry{hint}", link.written),
                    );
                }
            }
        }
        for (line, id) in &d.node_link_lines {
            if !exists(id) {
                report(
                    *line,
                    format!("`links` points a node at entry `{id}`, which does not exist"),
                );
            }
        }
        for (line, id) in &d.related_lines {
            if !exists(id) {
                report(*line, format!("related entry `{id}` does not exist"));
            }
        }
    }
}

/// The relative link from one entry file to another, for hints.
fn relative_link(from: &str, to: &str) -> String {
    let from_dir = from.rsplit_once('/').map_or("", |(d, _)| d);
    let to_dir = to.rsplit_once('/').map_or("", |(d, _)| d);
    if from_dir == to_dir {
        format!("`{}`", to.rsplit('/').next().unwrap_or(to))
    } else {
        format!("`../{to}`")
    }
}
