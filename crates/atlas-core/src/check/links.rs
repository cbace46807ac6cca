//! Links in the body: only http, https and mailto leave the atlas; links
//! inside it point at another entry's file (resolved across files in
//! [`super::across`]) or at a heading of this page.

use super::Ctx;
use crate::markdown::{self, BodyFacts, LinkTarget};
use crate::rules::Rule;

/// A link to another entry, waiting for the cross-file check.
pub(crate) struct EntryLink {
    pub line: usize,
    /// The target file relative to the content root; None if the link
    /// leaves the content tree.
    pub target: Option<String>,
    pub fragment: Option<String>,
    /// As written, for messages.
    pub written: String,
}

pub(crate) fn check_body(ctx: &mut Ctx<'_>, facts: &BodyFacts) -> Vec<EntryLink> {
    let anchors = markdown::heading_anchors(&facts.headings);
    let mut out = Vec::new();
    for (l, dest) in &facts.links {
        let line = ctx.drawn_line(*l);
        match markdown::classify_link(dest) {
            LinkTarget::Entry { file, fragment, .. } => out.push(EntryLink {
                line,
                target: resolve_rel(&ctx.file.rel, file),
                fragment: fragment.map(str::to_string),
                written: dest.clone(),
            }),
            LinkTarget::Fragment(f) => {
                if !f.is_empty() && !anchors.iter().any(|a| a == f) && !is_footnote(f) {
                    ctx.report(
                        Rule::Links,
                        line,
                        format!(
                            "link `{dest}`: this entry has no heading with that anchor{}",
                            anchor_hint(&anchors)
                        ),
                    );
                }
            }
            LinkTarget::Rejected(why) => {
                ctx.report(Rule::Links, line, format!("link `{dest}`: {why}"))
            }
            LinkTarget::External => {}
        }
    }
    out
}

fn is_footnote(fragment: &str) -> bool {
    fragment.starts_with("fn-") || fragment.starts_with("fnref-")
}

/// "; its headings' anchors are: a, b, c" (the first few).
pub(crate) fn anchor_hint(anchors: &[String]) -> String {
    if anchors.is_empty() {
        return String::new();
    }
    let shown: Vec<&str> = anchors.iter().take(8).map(String::as_str).collect();
    format!(
        "; anchors there: {}{}",
        shown.join(", "),
        if anchors.len() > 8 { ", …" } else { "" }
    )
}

/// `from` is `incidents/a.md`, `link` is `../guarantees/b.md`: gives
/// `guarantees/b.md`, or None if the link leaves the content tree.
pub(crate) fn resolve_rel(from: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in link.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        assert_eq!(
            resolve_rel("incidents/a.md", "../guarantees/b.md").as_deref(),
            Some("guarantees/b.md")
        );
        assert_eq!(
            resolve_rel("incidents/a.md", "b.md").as_deref(),
            Some("incidents/b.md")
        );
        assert_eq!(resolve_rel("incidents/a.md", "../../x.md"), None);
    }
}
