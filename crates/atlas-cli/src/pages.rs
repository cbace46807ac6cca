//! Prerendered pages: one real HTML file for every address a link can reach
//! (home, explore, 3 AM, progress, each category, each entry),
//! so a static host answers 200 with the page's text, title and link-preview
//! tags before (and without) the wasm. The markup mirrors the app's
//! components, so when the app takes over (it removes `#prerendered` once it
//! has rendered the same route) nothing jumps. Entry pages carry their entry
//! file inline (`#atlas-entry`), so the app does not fetch it again.
//!
//! Templates are maud: compile-time checked HTML with escaping by default.

use std::path::Path;

use atlas_core::markdown::{self, Links};
use atlas_core::stats::Stats;
use atlas_core::taxonomy::Facet;
use atlas_core::{EntryDetail, EntryMeta, Index, SitePaths};
use maud::{html, Markup, PreEscaped};

/// Where the site is published, for canonical URLs, link previews and the
/// sitemap: e.g. `https://atlas.example.org/` (with the base path, if any).
pub struct Site {
    pub paths: SitePaths,
    /// Absolute URL of the site root, ending in `/`; None when not configured.
    pub url: Option<String>,
}

impl Site {
    /// `base` is the shell's `<base href>`; `url` the configured public URL.
    pub fn new(base: &str, url: Option<&str>) -> Self {
        let url = url
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .map(|u| format!("{}/", u.trim_end_matches('/')));
        Site {
            paths: SitePaths::new(base),
            url,
        }
    }

    /// The absolute URL of a site path (as `SitePaths` builds them). Pages
    /// get their folder form (`e/<id>/`): the address a static host answers
    /// with 200, where `e/<id>` is redirected to it.
    fn absolute(&self, path: &str) -> Option<String> {
        let url = self.url.as_ref()?;
        let rel = self.paths.route(path).trim_start_matches('/');
        let folder = !rel.is_empty() && !rel.contains('.') && !rel.ends_with('/');
        Some(format!("{url}{rel}{}", if folder { "/" } else { "" }))
    }
}

/// What goes into a page's `<head>` beyond the shell's.
struct Head {
    title: String,
    description: String,
    /// Site path of the page.
    path: String,
    article: bool,
}

/// The shell Trunk wrote (scripts, styles, CSP), split where a page's own
/// parts go.
pub struct Shell {
    before_title: String,
    head_rest: String,
    body_rest: String,
    pub base: String,
}

impl Shell {
    pub fn parse(html: &str) -> Result<Shell, String> {
        let cut = |s: &str, at: &str| -> Result<(String, String), String> {
            s.split_once(at)
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .ok_or_else(|| format!("the app's index.html has no `{at}`"))
        };
        let (before_title, rest) = cut(html, "<title>")?;
        let (_, rest) = cut(&rest, "</title>")?;
        let (head, rest) = cut(&rest, "</head>")?;
        let (_, body) = cut(&rest, "<body>")?;
        // Trunk's description is replaced by each page's own.
        let head = drop_tag(&head, "<meta name=\"description\"");
        let before_title = drop_tag(&before_title, "<meta name=\"description\"");
        let base = html
            .split_once("<base href=\"")
            .and_then(|(_, r)| r.split_once('"'))
            .map(|(b, _)| b.to_string())
            .unwrap_or_else(|| "/".into());
        Ok(Shell {
            before_title,
            head_rest: head,
            body_rest: body,
            base,
        })
    }

    fn page(&self, site: &Site, head: &Head, main: Markup, inline: Option<String>) -> String {
        let canonical = site.absolute(&head.path);
        let icon = site.absolute(&site.paths.asset("icon-512.png"));
        let extra = html! {
            meta name="description" content=(head.description);
            @if let Some(url) = &canonical { link rel="canonical" href=(url); }
            meta property="og:site_name" content="Atlas of production distributed systems";
            meta property="og:title" content=(head.title);
            meta property="og:description" content=(head.description);
            meta property="og:type" content=(if head.article { "article" } else { "website" });
            @if let Some(url) = &canonical { meta property="og:url" content=(url); }
            @if let Some(icon) = &icon { meta property="og:image" content=(icon); }
            meta name="twitter:card" content="summary";
            meta name="twitter:title" content=(head.title);
            meta name="twitter:description" content=(head.description);
        };
        let title = if head.path == site.paths.home() {
            head.title.clone()
        } else {
            format!("{} · Atlas", head.title)
        };
        let body = html! {
            div #prerendered {
                (header(&site.paths))
                main #main { (main) }
            }
            @if let Some(json) = inline {
                script #atlas-entry type="application/json" { (PreEscaped(json)) }
            }
        };
        format!(
            "{}<title>{}</title>{}\n{}</head>\n<body>\n{}{}",
            self.before_title,
            html! { (title) }.into_string(),
            extra.into_string(),
            self.head_rest,
            body.into_string(),
            self.body_rest
        )
    }
}

/// `s` without the first tag starting with `start` (up to its `>`).
fn drop_tag(s: &str, start: &str) -> String {
    match s.find(start) {
        Some(i) => match s[i..].find('>') {
            Some(j) => format!("{}{}", &s[..i], &s[i + j + 1..]),
            None => s.to_string(),
        },
        None => s.to_string(),
    }
}

fn header(paths: &SitePaths) -> Markup {
    html! {
        a.skip href="#main" { "Skip to content" }
        header.site-header {
            a.brand href=(paths.home()) {
                span.brand-mark aria-hidden="true" {}
                "Atlas"
                span.brand-sub { "of production distributed systems" }
            }
            nav.site-nav aria-label="Main" {
                a href=(paths.explore("")) { "Explore " kbd { "/" } }
                a.first-aid-link href=(paths.first_aid("")) { "3 AM " kbd { "!" } }
            }
        }
    }
}

/// Cards a prerendered home or 3 AM page shows, as the app's first page.
const FIRST_CARDS: usize = 40;

/// A page to write: its file under the site folder and its HTML.
pub struct Page {
    pub file: String,
    pub html: String,
}

/// Every page of the site, plus `sitemap.xml` (when the public URL is known)
/// and `robots.txt`.
pub fn all(
    index: &Index,
    details: &[(String, EntryDetail)],
    shell: &Shell,
    site: &Site,
) -> Vec<Page> {
    let r = Renderer { index, site };
    let mut pages = vec![
        r.home(shell),
        r.explore(shell),
        r.first_aid(shell),
        r.progress(shell),
        r.incidents(shell),
        r.timeline(shell),
        r.decide(shell),
    ];
    for c in &index.taxonomy.categories {
        pages.push(r.category(shell, c));
    }
    for (path, detail) in details {
        if let Some(meta) = index.entries.iter().find(|e| &e.detail == path) {
            pages.push(r.entry(shell, meta, detail, path));
        }
    }
    let mut routes: Vec<String> = pages
        .iter()
        .map(|p| p.file.trim_end_matches("index.html").to_string())
        .collect();
    routes.sort();
    // Alert addresses only forward to guides: not in the sitemap.
    pages.extend(r.alerts(shell));
    let mut robots = String::from("User-agent: *\nAllow: /\n");
    if let Some(url) = &site.url {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for route in &routes {
            xml.push_str(&format!(
                "  <url><loc>{}</loc></url>\n",
                html! { (format!("{url}{route}")) }.into_string()
            ));
        }
        xml.push_str("</urlset>\n");
        pages.push(Page {
            file: "sitemap.xml".into(),
            html: xml,
        });
        robots.push_str(&format!("Sitemap: {url}sitemap.xml\n"));
    }
    pages.push(Page {
        file: "robots.txt".into(),
        html: robots,
    });
    pages
}

/// Writes the pages under `out`; returns how many.
pub fn write(pages: &[Page], out: &Path) -> std::io::Result<usize> {
    for p in pages {
        let file = out.join(&p.file);
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(file, &p.html)?;
    }
    Ok(pages.len())
}

struct Renderer<'a> {
    index: &'a Index,
    site: &'a Site,
}

impl Renderer<'_> {
    fn paths(&self) -> &SitePaths {
        &self.site.paths
    }

    fn page(&self, shell: &Shell, file: String, head: Head, main: Markup) -> Page {
        Page {
            file,
            html: shell.page(self.site, &head, main, None),
        }
    }

    fn home(&self, shell: &Shell) -> Page {
        let index = self.index;
        let coverage = index.coverage();
        let total: u32 = coverage.iter().map(|c| c.entries).sum();
        let diagrams: u32 = coverage.iter().map(|c| c.diagrams).sum();
        let target: u32 = coverage.iter().map(|c| c.category.target).sum();
        let (heading, first_aid) = index.first_aid();
        let main = html! {
            section.hero {
                h1 { "Atlas of production distributed systems" }
                p.lede {
                    "Real architectures, incidents, debugging guides and costs, drawn in four planes: "
                    @for p in &index.taxonomy.planes {
                        span.chip.plane style=(format!("--plane:{}", p.colour)) title=(p.holds) { (p.name) }
                    }
                }
                p.totals { (format!("{total} entries and {diagrams} diagrams of {target} planned.")) }
            }
            section aria-labelledby="coverage-h" {
                h2 #coverage-h { "Coverage" }
                p { a href=(self.paths().asset("progress")) { "Progress dashboard: systems × views and the quality gates" } }
                table.coverage {
                    thead { tr { th scope="col" { "Category" } th scope="col" { "Entries" } th scope="col" { "Target" } th scope="col" { "Diagrams" } th scope="col" { "Progress" } } }
                    tbody {
                        @for c in &coverage {
                            @let pct = c.percent();
                            tr {
                                th scope="row" { a href=(self.paths().category(&c.category.id)) { (c.category.name) } }
                                td { (c.entries) } td { (c.category.target) } td { (c.diagrams) }
                                td { progress max="100" value=(pct) aria-label=(format!("{pct}% of target")) { (pct) "%" } }
                            }
                        }
                    }
                }
            }
            section aria-labelledby="first-aid-h" {
                h2 #first-aid-h { (heading) }
                (self.first_of(&first_aid))
            }
        };
        self.page(
            shell,
            "index.html".into(),
            Head {
                title: "Atlas of production distributed systems".into(),
                description: format!("Real production distributed systems: architectures, incidents, debugging guides and costs, drawn as diagrams. {total} entries and {diagrams} diagrams."),
                path: self.paths().home(),
                article: false,
            },
            main,
        )
    }

    fn explore(&self, shell: &Shell) -> Page {
        let main = html! {
            h1 { "Explore the atlas" }
            p.lede { "Search and filters run in your browser once the app has loaded. Browse by category:" }
            ul {
                @for c in self.index.coverage() {
                    li { a href=(self.paths().category(&c.category.id)) { (c.category.name) } " (" (c.entries) ")" }
                }
            }
        };
        self.page(
            shell,
            "explore/index.html".into(),
            Head {
                title: "Explore".into(),
                description: "Search every entry of the atlas and filter by category, company, plane, guarantee, mechanism and pattern.".into(),
                path: self.paths().explore(""),
                article: false,
            },
            main,
        )
    }

    fn first_aid(&self, shell: &Shell) -> Page {
        let index = self.index;
        let mut list: Vec<&EntryMeta> = index
            .entries
            .iter()
            .filter(|e| {
                index
                    .taxonomy
                    .category(&e.category)
                    .is_some_and(|c| c.first_aid.is_some())
            })
            .collect();
        list.sort_by_key(|e| {
            index
                .taxonomy
                .category(&e.category)
                .and_then(|c| c.first_aid)
        });
        let main = html! {
            section.first-aid {
                h1 { "3 AM: what is failing?" }
                p.lede { "Paste the error message or describe the symptom. Debugging guides and incidents only; ↑ ↓ to choose, Enter to open, Esc to clear." }
                (self.first_of(&list))
            }
        };
        self.page(
            shell,
            "3am/index.html".into(),
            Head {
                title: "3 AM".into(),
                description: "Paste an error message or describe the symptom: the debugging guides and incidents that cover it, each with what to check first.".into(),
                path: self.paths().first_aid(""),
                article: false,
            },
            main,
        )
    }

    fn progress(&self, shell: &Shell) -> Page {
        let stats = Stats::from_index(self.index);
        let views: Vec<&str> = self
            .index
            .taxonomy
            .system_views
            .iter()
            .map(|v| v.name.as_str())
            .collect();
        let complete = stats.complete_systems();
        let main = html! {
            h1 { "Progress" }
            p.totals { (format!("{} entries and {} diagrams of {} planned.", stats.entries, stats.diagrams, stats.target)) }
            section aria-labelledby="cat-h" {
                h2 #cat-h { "Entries per category" }
                table.coverage {
                    thead { tr { th scope="col" { "Category" } th scope="col" { "Entries" } th scope="col" { "Target" } th scope="col" { "Diagrams" } th scope="col" { "Progress" } } }
                    tbody {
                        @for c in &stats.categories {
                            tr {
                                th scope="row" { a href=(self.paths().category(&c.id)) { (c.name) } }
                                td { (c.entries) } td { (c.target) } td { (c.diagrams) }
                                td { progress max="100" value=(c.percent()) { (c.percent()) "%" } }
                            }
                        }
                    }
                }
            }
            section aria-labelledby="grid-h" {
                h2 #grid-h { (format!("The {} systems × {} views ({complete} complete)", stats.systems.len(), stats.views.len())) }
                div.grid-scroll {
                    table.systems-grid {
                        thead { tr { th scope="col" { "System" } @for v in &views { th scope="col" { (v) } } th scope="col" { "Views" } } }
                        tbody {
                            @for row in &stats.systems {
                                tr {
                                    th scope="row" { (row.name) span.tier { (format!(" tier {}", row.tier)) } }
                                    @for v in &row.views {
                                        @match v {
                                            Some(id) => td.have { a href=(self.paths().entry(id)) aria-label="present" { "✓" } },
                                            None => td.gap aria-label="missing" { "·" },
                                        }
                                    }
                                    td { (format!("{}/{}", row.present(), row.views.len())) }
                                }
                            }
                        }
                    }
                }
            }
        };
        self.page(
            shell,
            "progress/index.html".into(),
            Head {
                title: "Progress".into(),
                description: format!(
                    "{} entries and {} diagrams of {} planned; {complete} systems with all views.",
                    stats.entries, stats.diagrams, stats.target
                ),
                path: self.paths().asset("progress"),
                article: false,
            },
            main,
        )
    }

    /// The statistics page: its figures drawn by the app; here the totals
    /// and the trigger table, which read without it.
    fn incidents(&self, shell: &Shell) -> Page {
        use atlas_core::incident_stats::IncidentStats;
        let stats = IncidentStats::from_index(self.index);
        let main = html! {
            h1 { "Incidents: what starts them, how long they last" }
            p.lede { (format!("{} incidents, from their records: {} with start and end to the minute, {} with the time they were detected.", stats.incidents, stats.durations.len(), stats.to_detect.len())) }
            section aria-labelledby="trigger-h" {
                h2 #trigger-h { "Trigger × plane" }
                div.grid-scroll {
                    table.coverage.trigger-table {
                        thead { tr { th scope="col" { "Trigger" } @for (_, name) in &stats.planes { th scope="col" { (name) } } th scope="col" { "Incidents" } } }
                        tbody {
                            @for row in &stats.by_trigger {
                                tr { th scope="row" { (row.label) } @for n in &row.counts { td { @if *n == 0 { "·" } @else { (n) } } } td { (row.total) } }
                            }
                        }
                    }
                }
            }
        };
        self.page(
            shell,
            "incidents/stats/index.html".into(),
            Head {
                title: "Incident statistics".into(),
                description: format!("{} production incidents by trigger and plane, how long they lasted and how fast they were detected.", stats.incidents),
                path: self.paths().asset("incidents/stats"),
                article: false,
            },
            main,
        )
    }

    fn decide(&self, shell: &Shell) -> Page {
        let main = html! {
            h1 { "Decide: what gives the guarantees you need" }
            p.lede { "Tick the guarantees your system must keep (once the app has loaded): the mechanisms and patterns that provide them, the production systems that run them, and the incidents where they failed." }
            ul {
                @for g in &self.index.taxonomy.guarantees {
                    @if let Some(e) = self.index.concept_entry(&g.id) {
                        li { a href=(self.paths().entry(&e.id)) { (g.id) " " (g.name) } }
                    }
                }
            }
        };
        self.page(
            shell,
            "decide/index.html".into(),
            Head {
                title: "Decide".into(),
                description: "Pick the guarantees you need: the mechanisms and patterns that provide them, the production systems that run them, and where they failed.".into(),
                path: self.paths().asset("decide"),
                article: false,
            },
            main,
        )
    }

    fn timeline(&self, shell: &Shell) -> Page {
        let main = html! {
            h1 { "Incidents on one timeline" }
            p.lede { "Up to six incidents, each from its own start: when it was detected, mitigated and resolved, as published. The chart is drawn once the app has loaded." }
        };
        self.page(
            shell,
            "incidents/timeline/index.html".into(),
            Head {
                title: "Incident timelines".into(),
                description: "Production incidents laid on one axis from their start: detection, mitigation and resolution times as published.".into(),
                path: self.paths().asset("incidents/timeline"),
                article: false,
            },
            main,
        )
    }

    fn category(&self, shell: &Shell, category: &atlas_core::taxonomy::Category) -> Page {
        let entries: Vec<&EntryMeta> = self.index.in_category(&category.id).collect();
        let count = entries.len();
        let main = html! {
            nav.crumbs aria-label="Breadcrumb" { a href=(self.paths().home()) { "Atlas" } " / " }
            h1 { (category.name) }
            p.category-about {
                (format!("{count} of {} planned. ", category.target))
                @if let Some(r) = &category.requires { (format!("Each carries: {r}.")) }
            }
            @if count == 0 {
                p.empty { "No entries yet. See CONTRIBUTING.md to write the first." }
            } @else {
                (self.entry_list(&entries))
            }
        };
        self.page(
            shell,
            format!("c/{}/index.html", category.id),
            Head {
                title: category.name.clone(),
                description: format!(
                    "{}: {count} entries in the atlas of production distributed systems.",
                    category.name
                ),
                path: self.paths().category(&category.id),
                article: false,
            },
            main,
        )
    }

    fn entry(
        &self,
        shell: &Shell,
        meta: &EntryMeta,
        detail: &EntryDetail,
        detail_path: &str,
    ) -> Page {
        let paths = self.paths();
        let taxonomy = &self.index.taxonomy;
        let (category_name, view_name) = meta.category_and_view(taxonomy);
        let page = paths.entry(&meta.id);
        let planes = taxonomy.plane_colours();
        let entry_path = |id: &str| paths.entry(id);
        let doc = markdown::render(
            &detail.body,
            &Links {
                page: &page,
                entry: &entry_path,
                nodes: &detail.links,
                planes: &planes,
            },
        );
        let link_list = |ids: &[String]| {
            html! {
                @for e in ids.iter().filter_map(|id| self.index.entry(id)) {
                    li { a href=(paths.entry(&e.id)) { (e.title) } }
                }
            }
        };
        let tagged = meta
            .concept
            .as_deref()
            .map(|c| self.index.tagged_with(c))
            .unwrap_or_default();
        let body = html! {
            @if !detail.technologies.is_empty() {
                p.technologies { span.label { "Technologies: " } (detail.technologies.join(" · ")) }
            }
            @if !detail.symptoms.is_empty() {
                section.symptoms aria-labelledby="symptoms-h" {
                    h2 #symptoms-h { "Symptoms this entry covers" }
                    ul { @for s in &detail.symptoms { li { code { (s) } } } }
                }
            }
            @if let Some(spec) = &detail.model {
                (self.model(spec, detail.sources.len()))
            }
            @if let Some(spec) = &detail.compare {
                section.comparison aria-labelledby="compare-h" {
                    h2 #compare-h { "Side by side" }
                    (PreEscaped(atlas_core::compare::table_html(spec, &|t| self.index.taxonomy.technology_name(t))))
                }
            }
            div.entry-body {
                @if doc.toc.len() > 1 {
                    nav.toc aria-label="On this page" {
                        p.toc-title { "On this page" }
                        ol {
                            @for item in &doc.toc {
                                li class=(if item.level > 2 { "toc-sub" } else { "" }) {
                                    a href=(format!("{page}#{}", item.anchor)) { (item.text) }
                                }
                            }
                        }
                    }
                }
                div.prose { (PreEscaped(&doc.html)) }
            }
            section.sources aria-labelledby="sources-h" {
                h2 #sources-h { "Sources" }
                ol {
                    @for (n, s) in detail.sources.iter().enumerate() {
                        li id=(format!("source-{}", n + 1)) {
                            a href=(s.url) rel="noopener noreferrer" { (s.title) }
                            @if let Some(p) = &s.publisher { (format!(" · {p}")) }
                            @if let Some(d) = &s.date { (format!(" · {d}")) }
                            @if let Some(d) = &s.read { (format!(" · read {d}")) }
                        }
                    }
                }
            }
            @if !detail.related.is_empty() {
                section.related { h2 { "Related" } ul { (link_list(&detail.related)) } }
            }
            @if !detail.backlinks.is_empty() {
                section.backlinks { h2 { "Linked from" } ul { (link_list(&detail.backlinks)) } }
            }
            p.edit { (format!("Source file: {}", detail.path)) }
        };
        let main = {
            html! {
                article.entry data-entry=(meta.id) {
                    nav.crumbs aria-label="Breadcrumb" {
                        a href=(paths.home()) { "Atlas" } " / "
                        a href=(paths.category(&meta.category)) { (category_name) }
                    }
                    header.entry-head {
                        h1 { (meta.title) }
                        @if let Some(c) = &meta.first_check { p.first-check { strong { "Check first: " } (c) } }
                        p.summary { (meta.summary) }
                        p.entry-facts {
                            @if let Some(d) = &meta.date { span.date { (d) } }
                            @if let Some(v) = &view_name { span.chip.view { (format!("View: {v}")) } }
                            (self.company_chips(&meta.companies))
                            (self.plane_chips(&meta.planes))
                            (self.concept_chips(meta))
                            span.confidence title=(meta.confidence.describe()) { (format!("Confidence {:?}", meta.confidence)) }
                        }
                    }
                    (body)
                    @if !tagged.is_empty() {
                        section.tagged aria-labelledby="tagged-h" {
                            h2 #tagged-h { (format!("Entries tagged {}", meta.concept.as_deref().unwrap_or_default())) }
                            @for (cat, list) in &tagged {
                                h3 { (cat.name) }
                                ul { @for e in list { li { a href=(paths.entry(&e.id)) { (e.title) } } } }
                            }
                        }
                    }
                }
            }
        };
        // The entry file as the app would fetch it, so it is not fetched
        // again; `<` escaped so no text in it can close the script element.
        let inline = serde_json::json!({ "path": detail_path, "detail": detail })
            .to_string()
            .replace('<', "\\u003c");
        Page {
            file: format!("e/{}/index.html", meta.id),
            html: shell.page(
                self.site,
                &Head {
                    title: meta.title.clone(),
                    description: meta.summary.clone(),
                    path: page.clone(),
                    article: true,
                },
                main,
                Some(inline),
            ),
        }
    }

    /// `alert/<name>/index.html` for every alert a guide lists, as written
    /// and lowercased (kubernetes-mixin lowercases names in runbook URLs):
    /// one guide → straight to it (a refresh, so no script is needed);
    /// several → a chooser. Unlisted names fall to 404.html and the app.
    fn alerts(&self, shell: &Shell) -> Vec<Page> {
        let mut names: Vec<String> = self
            .index
            .entries
            .iter()
            .flat_map(|e| e.alerts.iter())
            .flat_map(|a| [a.clone(), a.to_ascii_lowercase()])
            .collect();
        names.sort();
        names.dedup();
        names
            .into_iter()
            .map(|name| {
                let guides = self.index.entries_for_alert(&name);
                let path = self.paths().alert(&name);
                let main = html! {
                    section.alert-chooser {
                        h1 { "Alert " (name) }
                        @if let [only] = guides.as_slice() {
                            p.lede { "Opening the guide for this alert: " a href=(self.paths().entry(&only.id)) { (only.title) } }
                        } @else {
                            p.lede { (guides.len()) " guides list this alert. Pick the one that matches what you see." }
                            (self.entry_list(&guides))
                        }
                    }
                };
                let mut html = shell.page(
                    self.site,
                    &Head {
                        title: name.clone(),
                        description: format!("What to do when the alert {name} fires: the debugging guides that cover it."),
                        path,
                        article: false,
                    },
                    main,
                    None,
                );
                if let [only] = guides.as_slice() {
                    let to = format!("{}/", self.paths().entry(&only.id));
                    let refresh = html! { meta http-equiv="refresh" content=(format!("0; url={to}")); };
                    html = html.replacen("</head>", &format!("{}</head>", refresh.into_string()), 1);
                }
                Page {
                    file: format!("alert/{name}/index.html"),
                    html,
                }
            })
            .collect()
    }

    /// A model at its defaults (the app makes the inputs editable).
    fn model(&self, spec: &atlas_core::model_calc::ModelSpec, sources: usize) -> Markup {
        use atlas_core::model_calc::format_number;
        let Ok(compiled) = spec.compile(sources) else {
            return html! {};
        };
        let Ok(values) = compiled.run(&compiled.defaults()) else {
            return html! {};
        };
        html! {
            section.model aria-labelledby="model-h" {
                h2 #model-h { "Try it with your numbers" }
                p.note { "At the defaults below; the inputs can be changed once the app has loaded." }
                table.model-outputs {
                    caption { "Inputs" }
                    tbody {
                        @for i in &spec.inputs {
                            tr { th scope="row" { (i.label) } td { (format_number(i.default)) } td { (i.unit) } }
                        }
                    }
                }
                table.model-outputs {
                    caption { "Results" }
                    tbody {
                        @for id in &spec.outputs {
                            tr { th scope="row" { (spec.label_of(id)) } td { (format_number(values.get(id).copied().unwrap_or(f64::NAN))) } td { (spec.unit_of(id)) } }
                        }
                    }
                }
            }
        }
    }

    /// The first cards of a long list, as the app shows them (its "Show
    /// more" needs the app); category pages list every entry.
    fn first_of(&self, entries: &[&EntryMeta]) -> Markup {
        let shown = entries.len().min(FIRST_CARDS);
        html! {
            (self.entry_list(&entries[..shown]))
            @if entries.len() > shown {
                p.note { (format!("{} more: see each category's page.", entries.len() - shown)) }
            }
        }
    }

    fn entry_list(&self, entries: &[&EntryMeta]) -> Markup {
        html! {
            ul.entry-list {
                @for e in entries {
                    li.entry-card {
                        a.entry-title href=(self.paths().entry(&e.id)) { (e.title) }
                        p.entry-summary { (e.summary) }
                        p.entry-facts {
                            @if let Some(d) = &e.date { span.date { (d) } }
                            (self.company_chips(&e.companies))
                            (self.plane_chips(&e.planes))
                            span.confidence title=(e.confidence.describe()) { (format!("Confidence {:?}", e.confidence)) }
                        }
                    }
                }
            }
        }
    }

    fn company_chips(&self, companies: &[String]) -> Markup {
        html! {
            @for id in companies {
                span.chip.company { (self.index.taxonomy.label(Facet::Company, id).unwrap_or_else(|| id.clone())) }
            }
        }
    }

    fn plane_chips(&self, planes: &[String]) -> Markup {
        html! {
            @for id in planes {
                @let (name, colour) = self.index.taxonomy.plane(id).map(|p| (p.name.clone(), p.colour.clone())).unwrap_or((id.clone(), "#888".into()));
                span.chip.plane style=(format!("--plane:{colour}")) { (name) }
            }
        }
    }

    fn concept_chips(&self, meta: &EntryMeta) -> Markup {
        let groups = [
            (Facet::Guarantee, &meta.guarantees),
            (Facet::Mechanism, &meta.mechanisms),
            (Facet::Pattern, &meta.patterns),
        ];
        html! {
            @for (facet, ids) in groups {
                @for id in ids.iter().filter(|id| meta.concept.as_deref() != Some(id.as_str())) {
                    @let label = self.index.taxonomy.label(facet, id).unwrap_or_else(|| id.clone());
                    @match self.index.concept_entry(id) {
                        Some(e) => a.chip.concept href=(self.paths().entry(&e.id)) { (label) },
                        None => span.chip.concept { (label) },
                    }
                }
            }
        }
    }
}
