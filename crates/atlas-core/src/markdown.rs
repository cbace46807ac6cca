//! Markdown to HTML for entry pages, with pulldown-cmark.
//!
//! On top of CommonMark this adds what the atlas needs: heading anchors and a
//! table of contents, Mermaid blocks turned into diagram boxes, links between
//! entries resolved to app routes, and safety: raw HTML is shown as text and
//! only http(s), mailto and in-site links survive. Escaping raw HTML rather than
//! sanitising it (e.g. with ammonia) keeps an HTML parser out of the wasm
//! bundle; entries have no reason to carry raw HTML.

use std::collections::BTreeMap;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::diagram::{self, Kind};

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
}

/// What a link in an entry points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget<'a> {
    /// Another entry, by relative link to its file: `../incidents/x.md#frag`.
    Entry {
        file: &'a str,
        id: &'a str,
        fragment: Option<&'a str>,
    },
    /// A heading on the same page: `#frag`.
    Fragment(&'a str),
    /// http, https or mailto.
    External,
    /// Anything else (javascript:, data:, site-absolute paths, other files).
    Rejected(&'static str),
}

pub fn classify_link(dest: &str) -> LinkTarget<'_> {
    if let Some(fragment) = dest.strip_prefix('#') {
        return LinkTarget::Fragment(fragment);
    }
    let lower = dest.trim_start().to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")
    {
        return LinkTarget::External;
    }
    if lower.contains(':') && lower.find(':') < lower.find('/').or(Some(usize::MAX)) {
        return LinkTarget::Rejected("only http, https and mailto links are allowed");
    }
    if dest.starts_with('/') {
        return LinkTarget::Rejected(
            "site-absolute links break when the atlas is served under a sub-path; link to the entry's file, e.g. `../incidents/<id>.md`",
        );
    }
    let (file, fragment) = match dest.split_once('#') {
        Some((f, frag)) => (f, Some(frag)),
        None => (dest, None),
    };
    match file.strip_suffix(".md") {
        Some(stem) => {
            let id = stem.rsplit('/').next().unwrap_or(stem);
            LinkTarget::Entry { file, id, fragment }
        }
        None => LinkTarget::Rejected("links inside the atlas point at another entry's `.md` file"),
    }
}

/// Facts about a body the validator needs, with 1-based lines relative to the
/// body's first line.
#[derive(Debug, Default, PartialEq)]
pub struct BodyFacts {
    pub diagrams: Vec<(usize, String)>,
    pub links: Vec<(usize, String)>,
    pub headings: Vec<(u8, String)>,
}

pub fn scan(body: &str) -> BodyFacts {
    let line_at = LineIndex::new(body);
    let mut facts = BodyFacts::default();
    let mut in_mermaid: Option<(usize, String)> = None;
    let mut heading: Option<(u8, String)> = None;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) if is_mermaid(&lang) => {
                in_mermaid = Some((line_at.line(range.start), String::new()));
            }
            Event::Text(t) if in_mermaid.is_some() => in_mermaid.as_mut().unwrap().1.push_str(&t),
            Event::End(TagEnd::CodeBlock) => {
                if let Some(d) = in_mermaid.take() {
                    facts.diagrams.push(d);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                facts
                    .links
                    .push((line_at.line(range.start), dest_url.to_string()));
            }
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level as u8, String::new()))
            }
            Event::Text(t) | Event::Code(t) if heading.is_some() => {
                heading.as_mut().unwrap().1.push_str(&t)
            }
            Event::End(TagEnd::Heading(_)) => facts.headings.extend(heading.take()),
            _ => {}
        }
    }
    facts
}

fn is_mermaid(lang: &str) -> bool {
    lang.split_whitespace().next() == Some("mermaid")
}

struct LineIndex(Vec<usize>);

impl LineIndex {
    fn new(text: &str) -> Self {
        LineIndex(
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
        )
    }
    fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|&start| start <= offset)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TocItem {
    pub level: u8,
    pub anchor: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocItem>,
    /// Mermaid sources in order; the HTML holds one box per diagram with
    /// `data-diagram="<n>"`.
    pub diagrams: Vec<String>,
}

/// How links are written in the output. The app passes its router paths.
pub struct Links<'a> {
    /// The current page's path, so `#anchor` links work under a `<base>` tag.
    pub page: &'a str,
    /// Path of another entry's page.
    pub entry: &'a dyn Fn(&str) -> String,
    /// Flowchart node id → entry id, from the entry's `links:` front matter.
    pub nodes: &'a BTreeMap<String, String>,
    /// (plane id, colour), to name each node's plane in the text alternative.
    pub planes: &'a [(String, String)],
}

pub fn render(body: &str, links: &Links<'_>) -> Rendered {
    let mut toc = Vec::new();
    let mut diagrams = Vec::new();
    let mut anchors = Anchors::default();
    let mut footnotes: Vec<String> = Vec::new();
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut parser = Parser::new_ext(body, options());
    let mut last_heading = String::new();

    while let Some(event) = parser.next() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let inner: Vec<Event<'_>> = parser
                    .by_ref()
                    .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))))
                    .map(|e| safe_event(e, links))
                    .collect();
                let text = plain_text(&inner);
                let anchor = anchors.unique(&text);
                last_heading = text.clone();
                let n = heading_number(level);
                if (2..=3).contains(&n) {
                    toc.push(TocItem {
                        level: n,
                        anchor: anchor.clone(),
                        text: text.clone(),
                    });
                }
                let mut inner_html = String::new();
                pulldown_cmark::html::push_html(&mut inner_html, inner.into_iter());
                // A runbook step: its kind as a badge instead of "(read-only)".
                if let (Some(_), title, Some(kind)) = crate::runbook::parse_heading(&text) {
                    if anchor.starts_with("step-") {
                        let n = anchor.trim_start_matches("step-");
                        inner_html = format!(
                            "Step {n}: {} <span class=\"step-kind step-{}\">{}</span>",
                            escape(&title),
                            kind.label().replace(' ', "-"),
                            kind.label()
                        );
                    }
                }
                events.push(Event::Html(CowStr::from(format!(
                    "<h{n} id=\"{a}\">{inner_html}<a class=\"anchor\" href=\"{p}#{a}\" aria-label=\"Link to this section\">#</a></h{n}>\n",
                    a = escape(&anchor),
                    p = escape(links.page),
                ))));
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) if is_mermaid(&lang) => {
                let mut source = String::new();
                for e in parser.by_ref() {
                    match e {
                        Event::Text(t) => source.push_str(&t),
                        Event::End(TagEnd::CodeBlock) => break,
                        _ => {}
                    }
                }
                events.push(Event::Html(CowStr::from(figure(
                    &source,
                    diagrams.len(),
                    &last_heading,
                    links,
                ))));
                diagrams.push(source);
            }
            Event::FootnoteReference(name) => {
                let n = footnote_number(&mut footnotes, &name);
                events.push(Event::InlineHtml(CowStr::from(format!(
                    "<sup class=\"footnote-reference\"><a id=\"fnref-{a}\" href=\"{p}#fn-{a}\">{n}</a></sup>",
                    a = escape(&slug(&name)),
                    p = escape(links.page),
                ))));
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                let n = footnote_number(&mut footnotes, &name);
                events.push(Event::Html(CowStr::from(format!(
                    "<div class=\"footnote-definition\" id=\"fn-{a}\"><sup class=\"footnote-definition-label\"><a href=\"{p}#fnref-{a}\">{n}</a></sup>",
                    a = escape(&slug(&name)),
                    p = escape(links.page),
                ))));
            }
            Event::End(TagEnd::FootnoteDefinition) => events.push(Event::Html("</div>\n".into())),
            other => events.push(safe_event(other, links)),
        }
    }

    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    Rendered {
        html,
        toc,
        diagrams,
    }
}

/// Where a link kept as `runbook::link_target` writes it opens: an anchor
/// (`#step-3`) on `page` ("" for the page it is on), an entry (`id` or
/// `id#anchor`, through `entry`), or a web address as it is.
pub fn link_href(to: &str, page: &str, entry: &dyn Fn(&str) -> String) -> String {
    if to.starts_with('#') {
        return format!("{page}{to}");
    }
    if to.contains("://") {
        return to.to_string();
    }
    match to.split_once('#') {
        Some((id, frag)) => format!("{}#{frag}", entry(id)),
        None => entry(to),
    }
}

/// The box a diagram is drawn in: an accessible name from the section it
/// sits in, a viewport the browser draws into, a text alternative generated
/// from the source, and the source itself (shown until drawn, and on error).
fn figure(source: &str, n: usize, heading: &str, links: &Links<'_>) -> String {
    let name = if heading.is_empty() {
        format!("Diagram {}", n + 1)
    } else {
        format!("Diagram: {heading}")
    };
    let (kind, text, link_attr) = match diagram::kind(source) {
        Kind::Flowchart => {
            let chart = diagram::parse_flowchart(source);
            let hrefs: BTreeMap<&str, String> = chart
                .nodes
                .iter()
                .filter_map(|node| {
                    links
                        .nodes
                        .get(&node.id)
                        .map(|to| (node.id.as_str(), link_href(to, "", links.entry)))
                })
                .collect();
            let mut attr = if hrefs.is_empty() {
                String::new()
            } else {
                format!(
                    " data-links=\"{}\"",
                    escape(&serde_json::to_string(&hrefs).unwrap_or_default())
                )
            };
            // Each node's plane, decided here once: the page's plane focus
            // reads it instead of guessing from class names.
            let planes: BTreeMap<&str, &str> = chart
                .nodes
                .iter()
                .filter_map(|node| Some((node.id.as_str(), chart.plane_of(node, links.planes)?)))
                .collect();
            if !planes.is_empty() {
                attr.push_str(&format!(
                    " data-planes=\"{}\"",
                    escape(&serde_json::to_string(&planes).unwrap_or_default())
                ));
            }
            ("flowchart", flowchart_text(&chart, links.planes), attr)
        }
        Kind::Other(k) => (
            "other",
            format!(
                "<p>This {} is described by its source:</p><pre><code>{}</code></pre>",
                escape(if k.is_empty() { "diagram" } else { &k }),
                escape(source)
            ),
            String::new(),
        ),
    };
    format!(
        "<figure class=\"diagram\" data-diagram=\"{n}\" data-kind=\"{kind}\" aria-label=\"{name}\"{link_attr}>\
<div class=\"diagram-viewport\" tabindex=\"0\" role=\"group\" aria-label=\"{name}. Plus and minus zoom, arrow keys pan, 0 resets, F for full screen.\"><div class=\"diagram-render\"></div></div>\
<details class=\"diagram-text\"><summary>Show as text</summary>{text}</details>\
<pre class=\"diagram-source\"><code>{src}</code></pre></figure>\n",
        name = escape(&name),
        src = escape(source),
    )
}

/// Nodes grouped by plane, then every connection, as HTML lists.
fn flowchart_text(chart: &diagram::Flowchart, planes: &[(String, String)]) -> String {
    let mut out = String::from("<p>Nodes by plane:</p><ul>");
    let label_of = |id: &str| chart.node(id).map_or(id.to_string(), |n| n.label.clone());
    let mut groups: Vec<(String, Vec<&str>)> = planes
        .iter()
        .map(|(p, _)| (p.clone(), Vec::new()))
        .collect();
    let mut other = Vec::new();
    for node in &chart.nodes {
        match chart.plane_of(node, planes) {
            Some(p) => groups
                .iter_mut()
                .find(|(g, _)| g == p)
                .unwrap()
                .1
                .push(&node.label),
            None => other.push(node.label.as_str()),
        }
    }
    groups.push(("no plane".into(), other));
    for (plane, labels) in groups.iter().filter(|(_, l)| !l.is_empty()) {
        out.push_str(&format!(
            "<li><strong>{}</strong>: {}</li>",
            escape(&capitalise(plane)),
            escape(&labels.join("; "))
        ));
    }
    out.push_str("</ul>");
    if !chart.edges.is_empty() {
        out.push_str("<p>Connections:</p><ul>");
        for e in &chart.edges {
            let label = e
                .label
                .as_deref()
                .map(|l| format!(" ({})", escape(l)))
                .unwrap_or_default();
            out.push_str(&format!(
                "<li>{} → {}{label}</li>",
                escape(&label_of(&e.from)),
                escape(&label_of(&e.to))
            ));
        }
        out.push_str("</ul>");
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

fn heading_number(level: HeadingLevel) -> u8 {
    level as u8
}

fn footnote_number(seen: &mut Vec<String>, name: &str) -> usize {
    match seen.iter().position(|n| n == name) {
        Some(i) => i + 1,
        None => {
            seen.push(name.to_string());
            seen.len()
        }
    }
}

/// Raw HTML becomes text; links and images are rewritten or neutralised.
fn safe_event<'a>(event: Event<'a>, links: &Links<'_>) -> Event<'a> {
    match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest = resolve(&dest_url, links);
            Event::Start(Tag::Link {
                link_type,
                dest_url: dest.into(),
                title,
                id,
            })
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest = match classify_link(&dest_url) {
                LinkTarget::External => dest_url,
                _ => CowStr::from(""),
            };
            Event::Start(Tag::Image {
                link_type,
                dest_url: dest,
                title,
                id,
            })
        }
        other => other,
    }
}

fn resolve(dest: &str, links: &Links<'_>) -> String {
    match classify_link(dest) {
        LinkTarget::Entry { id, fragment, .. } => {
            let mut href = (links.entry)(id);
            if let Some(f) = fragment {
                href.push('#');
                href.push_str(f);
            }
            href
        }
        LinkTarget::Fragment(f) => format!("{}#{f}", links.page),
        LinkTarget::External => dest.to_string(),
        LinkTarget::Rejected(_) => "#".to_string(),
    }
}

fn plain_text(events: &[Event<'_>]) -> String {
    let mut s = String::new();
    for e in events {
        if let Event::Text(t) | Event::Code(t) = e {
            s.push_str(t);
        }
    }
    s
}

/// The anchors the page gives these headings, in order (what `#fragment`
/// links may point at).
pub fn heading_anchors(headings: &[(u8, String)]) -> Vec<String> {
    let mut anchors = Anchors::default();
    headings.iter().map(|(_, h)| anchors.unique(h)).collect()
}

/// Heading slugs, made unique within one page (`timeline`, `timeline-1`, …).
#[derive(Default)]
struct Anchors(Vec<String>);

impl Anchors {
    fn unique(&mut self, text: &str) -> String {
        // "Step 3: …" is `#step-3`, so a runbook's branches can link to it.
        if let Some(a) = crate::runbook::step_anchor(text).filter(|a| !self.0.contains(a)) {
            self.0.push(a.clone());
            return a;
        }
        let base = match slug(text) {
            s if s.is_empty() => "section".to_string(),
            s => s,
        };
        let mut candidate = base.clone();
        let mut n = 0;
        while self.0.contains(&candidate) {
            n += 1;
            candidate = format!("{base}-{n}");
        }
        self.0.push(candidate.clone());
        candidate
    }
}

/// Lowercase words joined by `-`: "What to check (3 AM)" → "what-to-check-3-am".
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_')
            && !out.ends_with('-')
            && !out.is_empty()
        {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Escapes text for HTML element content and double-quoted attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry_href(id: &str) -> String {
        format!("/atlas/e/{id}")
    }

    fn html(md: &str) -> Rendered {
        let nodes = BTreeMap::from([("DB".to_string(), "github-storage".to_string())]);
        let planes = vec![("state".to_string(), "#FF8800".to_string())];
        render(
            md,
            &Links {
                page: "/atlas/e/here",
                entry: &entry_href,
                nodes: &nodes,
                planes: &planes,
            },
        )
    }

    #[test]
    fn links_open_a_step_an_entry_or_a_web_page() {
        let entry = |id: &str| format!("/atlas/e/{id}");
        assert_eq!(link_href("#step-3", "", &entry), "#step-3");
        assert_eq!(
            link_href("#step-3", "/atlas/e/g", &entry),
            "/atlas/e/g#step-3"
        );
        assert_eq!(
            link_href("kafka-lag#step-2", "", &entry),
            "/atlas/e/kafka-lag#step-2"
        );
        assert_eq!(link_href("kafka-lag", "", &entry), "/atlas/e/kafka-lag");
        assert_eq!(
            link_href("https://x.org/a#b", "", &entry),
            "https://x.org/a#b"
        );
    }

    #[test]
    fn diagrams_get_a_name_a_text_alternative_and_node_links() {
        let r = html("## Cascade\n\n```mermaid\nflowchart LR\n  App --> DB[(MySQL)]\n  classDef state fill:#FF8800\n  class DB state\n```\n");
        assert!(
            r.html.contains("aria-label=\"Diagram: Cascade\""),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<li><strong>State</strong>: MySQL</li>"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<li><strong>No plane</strong>: App</li>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<li>App → MySQL</li>"), "{}", r.html);
        assert!(
            r.html
                .contains("data-links=\"{&quot;DB&quot;:&quot;/atlas/e/github-storage&quot;}\""),
            "{}",
            r.html
        );
    }

    #[test]
    fn raw_html_is_shown_as_text_never_run() {
        let r = html("<script>alert(1)</script>\n\nHi <img src=x onerror=alert(1)> there\n");
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("<img"), "{}", r.html);
        assert!(r.html.contains("&lt;script&gt;"));
    }

    #[test]
    fn dangerous_link_schemes_are_neutralised() {
        let r = html("[x](javascript:alert(1)) [y](data:text/html,hi) [z](JaVaScRiPt:alert(1))");
        assert!(!r.html.to_lowercase().contains("javascript:"), "{}", r.html);
        assert!(!r.html.contains("data:"), "{}", r.html);
    }

    #[test]
    fn entry_links_become_routes_with_fragment() {
        let r = html("See [the partition](../incidents/github-2018.md#timeline).");
        assert!(
            r.html.contains("href=\"/atlas/e/github-2018#timeline\""),
            "{}",
            r.html
        );
    }

    #[test]
    fn headings_get_unique_anchors_and_a_toc() {
        let r = html("## Timeline\n\ntext\n\n### Detail `x`\n\n## Timeline\n");
        let anchors: Vec<_> = r.toc.iter().map(|t| t.anchor.as_str()).collect();
        assert_eq!(anchors, ["timeline", "detail-x", "timeline-1"]);
        assert!(
            r.html.contains(
                "<h2 id=\"timeline\">Timeline<a class=\"anchor\" href=\"/atlas/e/here#timeline\""
            ),
            "{}",
            r.html
        );
    }

    #[test]
    fn mermaid_blocks_become_diagram_boxes_with_escaped_source() {
        let r = html(
            "```mermaid\nflowchart LR\n  A[\"<b>x</b>\"] --> B\n```\n\n```yaml\nkey: 1\n```\n",
        );
        assert_eq!(r.diagrams.len(), 1);
        assert!(r.diagrams[0].starts_with("flowchart LR"));
        assert!(r.html.contains("data-diagram=\"0\""));
        assert!(r.html.contains("&lt;b&gt;"), "{}", r.html);
        assert!(r.html.contains("language-yaml"));
    }

    #[test]
    fn tables_footnotes_strikethrough_and_tasks() {
        let r = html("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~\n\n- [x] done\n\nNote[^1].\n\n[^1]: The source.\n");
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<del>old</del>"));
        assert!(r.html.contains("type=\"checkbox\""));
        assert!(r.html.contains("href=\"/atlas/e/here#fn-1\""), "{}", r.html);
        assert!(r.html.contains("id=\"fn-1\""));
    }

    #[test]
    fn scan_reports_lines_of_diagrams_and_links() {
        let facts = scan("# T\n\n[a](x.md)\n\n```mermaid\ngraph LR\n```\n");
        assert_eq!(facts.links, vec![(3, "x.md".to_string())]);
        assert_eq!(facts.diagrams.len(), 1);
        assert_eq!(facts.diagrams[0].0, 5);
    }

    #[test]
    fn classify_links() {
        assert!(matches!(
            classify_link("../a/b-c.md"),
            LinkTarget::Entry { id: "b-c", .. }
        ));
        assert!(matches!(
            classify_link("https://x.org/a:b"),
            LinkTarget::External
        ));
        assert!(matches!(classify_link("/e/x"), LinkTarget::Rejected(_)));
        assert!(matches!(
            classify_link("vbscript:x"),
            LinkTarget::Rejected(_)
        ));
        assert!(matches!(classify_link("#top"), LinkTarget::Fragment("top")));
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("What to check (3 AM)"), "what-to-check-3-am");
        assert_eq!(slug("  --  "), "");
        assert_eq!(slug("Décision tree"), "décision-tree");
    }
}
