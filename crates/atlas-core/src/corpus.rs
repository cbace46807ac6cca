//! Reading `content/`, checking every entry and compiling the [`Index`].
//!
//! All problems are collected, never just the first: a contributor fixes a
//! whole file (or a whole atlas) in one pass.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::diagram;
use crate::frontmatter::{self, FrontMatter};
use crate::gates;
use crate::markdown::{self, LinkTarget};
use crate::model::{Confidence, EntryDetail, EntryMeta, Index, Source};
use crate::problem::{Problem, Severity};
use crate::search::{SearchData, SearchDoc};
use crate::taxonomy::{ConceptKind, Facet, Taxonomy};

pub const TAXONOMY_FILE: &str = "taxonomy.yaml";
const MAX_SYMPTOM: usize = 300;
const MAX_FIRST_CHECK: usize = 240;

/// One file of the content tree.
#[derive(Debug, Clone)]
pub struct ContentFile {
    /// Path relative to the content root, with `/` separators.
    pub rel: String,
    /// Path as problems show it, e.g. `content/incidents/x.md`.
    pub shown: String,
    pub text: String,
}

impl ContentFile {
    pub fn new(root_shown: &str, rel: impl Into<String>, text: impl Into<String>) -> Self {
        let rel = rel.into();
        let shown = if root_shown.is_empty() {
            rel.clone()
        } else {
            format!("{root_shown}/{rel}")
        };
        ContentFile {
            rel,
            shown,
            text: text.into(),
        }
    }
}

/// The compiled atlas: the index, the body of every entry, and the text
/// search reads (in index order).
#[derive(Debug)]
pub struct Corpus {
    pub index: Index,
    /// (site path of the detail file, detail), one per entry.
    pub details: Vec<(String, EntryDetail)>,
    pub search: SearchData,
    /// Quality-gate warnings: advice that does not fail the build.
    pub warnings: Vec<Problem>,
}

/// Reads and checks the content tree at `dir`. Problems name files as
/// `<dir>/<rel>`, so they are clickable from where the command ran.
pub fn load_dir(dir: &Path) -> Result<Corpus, Vec<Problem>> {
    let shown = dir.display().to_string();
    let shown = shown.trim_end_matches('/');
    let taxonomy_path = dir.join(TAXONOMY_FILE);
    let taxonomy = match std::fs::read_to_string(&taxonomy_path) {
        Ok(text) => ContentFile::new(shown, TAXONOMY_FILE, text),
        Err(e) => {
            return Err(vec![Problem::new(
                format!("{shown}/{TAXONOMY_FILE}"),
                1,
                format!("cannot read the taxonomy: {e}"),
            )])
        }
    };
    let mut files = Vec::new();
    let mut problems = Vec::new();
    walk(shown, dir, dir, &mut files, &mut problems);
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    match compile(&taxonomy, &files) {
        Ok(corpus) if problems.is_empty() => Ok(corpus),
        Ok(corpus) => {
            problems.extend(corpus.warnings);
            problems.sort();
            Err(problems)
        }
        Err(more) => {
            problems.extend(more);
            problems.sort();
            Err(problems)
        }
    }
}

fn walk(
    shown: &str,
    root: &Path,
    dir: &Path,
    files: &mut Vec<ContentFile>,
    problems: &mut Vec<Problem>,
) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            problems.push(
                Problem::new(
                    dir.display().to_string(),
                    1,
                    format!("cannot read folder: {e}"),
                )
                .rule("io"),
            );
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(shown, root, &path, files, problems);
        } else if path.extension().is_some_and(|e| e == "md") && path.parent() != Some(root) {
            // Markdown directly in content/ (a README) is not an entry.
            match std::fs::read_to_string(&path) {
                Ok(text) => files.push(ContentFile::new(shown, rel_of(root, &path), text)),
                Err(e) => problems.push(
                    Problem::new(
                        path.display().to_string(),
                        1,
                        format!("cannot read file: {e}"),
                    )
                    .rule("io"),
                ),
            }
        }
    }
}

fn rel_of(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Parses the taxonomy file.
pub fn parse_taxonomy(file: &ContentFile) -> Result<Taxonomy, Vec<Problem>> {
    let taxonomy: Taxonomy = serde_yaml_ng::from_str(&file.text).map_err(|e| {
        let line = e.location().map_or(1, |l| l.line());
        vec![Problem::new(
            &file.shown,
            line,
            format!("malformed taxonomy: {e}"),
        )]
    })?;
    let problems: Vec<Problem> = taxonomy
        .problems()
        .into_iter()
        .map(|m| Problem::new(&file.shown, 1, m))
        .collect();
    if problems.is_empty() {
        Ok(taxonomy)
    } else {
        Err(problems)
    }
}

/// An entry that passed its own checks, waiting for the cross-file ones.
struct Draft {
    meta: EntryMeta,
    rel: String,
    shown: String,
    id_line: usize,
    concept_line: usize,
    detail: EntryDetail,
    /// (line, resolved target file relative to the content root, written link)
    entry_links: Vec<(usize, Option<String>, String)>,
    related_lines: Vec<(usize, String)>,
    node_link_lines: Vec<(usize, String)>,
    headings: Vec<String>,
}

/// Checks every file and compiles the index, or returns every problem found.
pub fn compile(taxonomy_file: &ContentFile, files: &[ContentFile]) -> Result<Corpus, Vec<Problem>> {
    let taxonomy = parse_taxonomy(taxonomy_file)?;
    let mut problems = Vec::new();
    let drafts: Vec<Draft> = files
        .iter()
        .filter_map(|f| check_file(&taxonomy, f, &mut problems))
        .collect();
    check_across(&drafts, &mut problems);
    problems.sort();
    if problems.iter().any(Problem::is_error) {
        return Err(problems);
    }
    Ok(assemble(taxonomy, drafts, problems))
}

fn check_file(
    taxonomy: &Taxonomy,
    file: &ContentFile,
    problems: &mut Vec<Problem>,
) -> Option<Draft> {
    let path = file.rel.as_str();
    let before = problems.len();
    let mut report = |rule: &'static str, line: usize, msg: String| {
        problems.push(Problem::new(&file.shown, line, msg).rule(rule))
    };
    let mut gate_findings: Vec<Problem> = Vec::new();

    let split = match frontmatter::split(&file.text) {
        Ok(s) => s,
        Err((line, msg)) => {
            report("front-matter", line, msg);
            return None;
        }
    };
    let fm = match frontmatter::parse(&split) {
        Ok(fm) => fm,
        Err((line, msg)) => {
            report("front-matter", line, msg);
            return None;
        }
    };
    let line = |key: &str, value: Option<&str>| frontmatter::line_of(&split, key, value);

    // Required fields, all reported together.
    let required = [
        ("id", fm.id.is_none()),
        (
            "title",
            fm.title.as_deref().is_none_or(|t| t.trim().is_empty()),
        ),
        ("category", fm.category.is_none()),
        (
            "summary",
            fm.summary.as_deref().is_none_or(|t| t.trim().is_empty()),
        ),
        ("planes", fm.planes.is_empty()),
        ("confidence", fm.confidence.is_none()),
    ];
    for (field, missing) in required {
        if missing {
            report(
                "required-field",
                split.yaml_line,
                format!("missing required field `{field}`{}", hint_for(field)),
            );
        }
    }

    let file_stem = path
        .rsplit('/')
        .next()
        .unwrap_or(path)
        .trim_end_matches(".md");
    let folder = path.split('/').next().unwrap_or("");
    if let Some(id) = &fm.id {
        if !is_kebab(id) {
            report(
                "id",
                line("id", None),
                format!(
                    "id `{id}` is not kebab-case: use lowercase letters, digits and single hyphens"
                ),
            );
        } else if id != file_stem {
            report("id", line("id", None), format!("id `{id}` differs from the file name; rename the file to `{id}.md` or change the id"));
        }
    }

    let category = fm.category.as_deref().and_then(|c| {
        let found = taxonomy.category(c);
        if found.is_none() {
            report(
                "taxonomy",
                line("category", None),
                unknown(taxonomy, Facet::Category, c),
            );
        }
        found
    });
    if let Some(cat) = category {
        if folder != cat.dir {
            report(
                "category",
                line("category", None),
                format!(
                    "entries of category `{}` belong in `{}/`, not `{folder}/`",
                    cat.id, cat.dir
                ),
            );
        }
        if cat.id == "incident" && fm.date.is_none() {
            report(
                "required-field",
                split.yaml_line,
                "missing required field `date`: incidents carry the ISO date of the event".into(),
            );
        }
        if cat.id == "architecture" {
            if fm.system_view.is_none() {
                report(
                    "required-field",
                    split.yaml_line,
                    format!(
                        "missing required field `system_view`: one of {}",
                        taxonomy.ids(Facet::SystemView).join(", ")
                    ),
                );
            }
            if fm.companies.is_empty() {
                report(
                    "required-field",
                    split.yaml_line,
                    "missing required field `companies`: the system this view describes".into(),
                );
            }
        }
        match (cat.concept, &fm.concept) {
            (Some(kind), None) => report(
                "required-field",
                split.yaml_line,
                format!(
                    "missing required field `concept`: the {} id this entry describes",
                    concept_field(kind)
                ),
            ),
            (Some(kind), Some(c)) => {
                let facet = concept_facet(kind);
                if !taxonomy.contains(facet, c) {
                    report(
                        "taxonomy",
                        line("concept", None),
                        unknown(taxonomy, facet, c),
                    );
                }
            }
            (None, Some(_)) => report(
                "taxonomy",
                line("concept", None),
                format!(
                    "`concept` is only for guarantee, mechanism and pattern entries, not `{}`",
                    cat.id
                ),
            ),
            (None, None) => {}
        }
    }

    for (facet, values) in [
        (Facet::Plane, &fm.planes),
        (Facet::Company, &fm.companies),
        (Facet::Guarantee, &fm.guarantees),
        (Facet::Mechanism, &fm.mechanisms),
        (Facet::Pattern, &fm.patterns),
    ] {
        for v in values {
            if !taxonomy.contains(facet, v) {
                report(
                    "taxonomy",
                    line(facet.field(), Some(v)),
                    unknown(taxonomy, facet, v),
                );
            }
        }
    }
    if let Some(v) = &fm.system_view {
        if !taxonomy.contains(Facet::SystemView, v) {
            report(
                "taxonomy",
                line("system_view", None),
                unknown(taxonomy, Facet::SystemView, v),
            );
        }
    }
    if let Some(d) = &fm.date {
        if !is_iso_date(d, false) {
            report(
                "date",
                line("date", None),
                format!("date `{d}` is not an ISO date; write YYYY-MM-DD"),
            );
        }
    }
    let confidence = fm.confidence.as_deref().and_then(|c| {
        let parsed = match c {
            "A" => Some(Confidence::A),
            "B" => Some(Confidence::B),
            "C" => Some(Confidence::C),
            _ => None,
        };
        if parsed.is_none() {
            report(
                "confidence",
                line("confidence", None),
                format!("confidence `{c}` must be A, B or C (see CONTRIBUTING.md)"),
            );
        }
        parsed
    });

    // The 3 AM fields: what the entry covers, and what to check first.
    for (i, s) in fm.symptoms.iter().enumerate() {
        let at = frontmatter::item_line(&split, "symptoms", i);
        if s.trim().is_empty() {
            report("symptoms", at, format!("symptom {} is empty", i + 1));
        } else if s.contains('\n') {
            report(
                "symptoms",
                at,
                format!(
                    "symptom {} spans lines; write each message or metric as its own item",
                    i + 1
                ),
            );
        } else if s.chars().count() > MAX_SYMPTOM {
            report("symptoms", at, format!("symptom {} is longer than {MAX_SYMPTOM} characters; quote the distinctive part of the message", i + 1));
        } else if fm.symptoms[..i].contains(s) {
            report(
                "symptoms",
                at,
                format!("symptom {} repeats an earlier one", i + 1),
            );
        }
    }
    let needs_first_check = category.is_some_and(|c| c.id == "incident" || c.id == "debugging");
    match &fm.first_check {
        None if needs_first_check => report("required-field", 
            split.yaml_line,
            "missing required field `first_check`: one line on what an on-call engineer should check first".into(),
        ),
        Some(f) if f.trim().is_empty() || f.contains('\n') || f.chars().count() > MAX_FIRST_CHECK => report("first-check", 
            line("first_check", None),
            format!("`first_check` must be one line of at most {MAX_FIRST_CHECK} characters"),
        ),
        _ => {}
    }

    if fm.sources.is_empty() {
        report(
            "sources",
            line("sources", None),
            "no sources: list at least one, the primary source first, each with `title` and `url`"
                .into(),
        );
    }
    let mut sources = Vec::new();
    for (i, s) in fm.sources.iter().enumerate() {
        let at = frontmatter::item_line(&split, "sources", i);
        match &s.url {
            None => report(
                "sources",
                at,
                format!(
                    "source {} has no `url`; every source needs a public link",
                    i + 1
                ),
            ),
            Some(u) if !(u.starts_with("https://") || u.starts_with("http://")) => report(
                "sources",
                at,
                format!(
                    "source {} has url `{u}`; it must start with https:// or http://",
                    i + 1
                ),
            ),
            Some(_) => {}
        }
        if s.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
            report("sources", at, format!("source {} has no `title`", i + 1));
        }
        if let Some(d) = &s.date {
            if !is_iso_date(d, true) {
                report(
                    "sources",
                    at,
                    format!(
                        "source {} has date `{d}`; write YYYY-MM-DD (or YYYY-MM, YYYY)",
                        i + 1
                    ),
                );
            }
        }
        sources.push(Source {
            title: s.title.clone().unwrap_or_default(),
            url: s.url.clone().unwrap_or_default(),
            publisher: s.publisher.clone(),
            date: s.date.clone(),
        });
    }

    // The body.
    let facts = markdown::scan(split.body);
    let body_line = |l: usize| split.body_line + l - 1;
    if facts.diagrams.is_empty() {
        report(
            "diagram",
            split.body_line,
            "no ```mermaid block: every entry carries at least one diagram".into(),
        );
    }
    let planes: Vec<(String, String)> = taxonomy
        .planes
        .iter()
        .map(|p| (p.id.clone(), p.colour.clone()))
        .collect();
    for (i, (l, src)) in facts.diagrams.iter().enumerate() {
        if src.trim().is_empty() {
            report(
                "diagram",
                body_line(*l),
                format!("diagram {} is empty", i + 1),
            );
        }
        for (line, message) in plane_problems(src, &planes) {
            // `l` is the fence line; diagram lines start after it.
            report("planes", body_line(*l) + line, message);
        }
    }
    // Linked nodes: each names a node of one of this entry's flowcharts.
    let node_ids: Vec<String> = facts
        .diagrams
        .iter()
        .filter(|(_, src)| diagram::kind(src) == diagram::Kind::Flowchart)
        .flat_map(|(_, src)| {
            diagram::parse_flowchart(src)
                .nodes
                .into_iter()
                .map(|n| n.id)
        })
        .collect();
    for node in fm.links.keys() {
        if !node_ids.contains(node) {
            report(
                "links",
                line("links", Some(node)),
                format!("`links` names node `{node}`, which no flowchart in this entry has"),
            );
        }
    }
    let mut entry_links = Vec::new();
    for (l, dest) in &facts.links {
        match markdown::classify_link(dest) {
            LinkTarget::Entry { file, .. } => {
                entry_links.push((body_line(*l), resolve_rel(path, file), dest.clone()))
            }
            LinkTarget::Rejected(why) => {
                report("links", body_line(*l), format!("link `{dest}`: {why}"))
            }
            LinkTarget::External | LinkTarget::Fragment(_) => {}
        }
    }

    // Quality gates (errors and warnings).
    if let Some(cat) = category {
        let title_text = fm.title.as_deref().unwrap_or("");
        let summary_text = fm.summary.as_deref().unwrap_or("");
        for (l, rule, severity, msg) in gates::check(
            &cat.id,
            &facts.headings,
            title_text,
            summary_text,
            split.body,
        ) {
            let at = if l == 0 {
                line("title", None)
            } else {
                body_line(l)
            };
            let p = Problem::new(&file.shown, at, msg).rule(rule);
            gate_findings.push(if severity == Severity::Warning {
                p.warning()
            } else {
                p
            });
        }
    }

    // A file with problems of its own still takes part in the cross-file
    // checks (as long as it has an id), so links to it are not reported too.
    problems.extend(gate_findings);
    if problems.len() > before && fm.id.is_none() {
        return None;
    }
    let fm_concept = fm.concept.clone();
    let FrontMatter {
        id,
        title,
        category: cat,
        summary,
        companies,
        planes,
        mut guarantees,
        mut mechanisms,
        mut patterns,
        technologies,
        date,
        system_view,
        symptoms,
        first_check,
        related,
        ..
    } = fm;
    // A concept entry is about its own id, whether or not it lists it.
    if let (Some(kind), Some(c)) = (category.and_then(|c| c.concept), &fm_concept) {
        let list = match kind {
            ConceptKind::Guarantees => &mut guarantees,
            ConceptKind::Mechanisms => &mut mechanisms,
            ConceptKind::Patterns => &mut patterns,
        };
        if !list.contains(c) {
            list.insert(0, c.clone());
        }
    }
    let id = id.unwrap_or_default();
    let node_link_lines: Vec<(usize, String)> = fm
        .links
        .iter()
        .map(|(node, id)| (line("links", Some(node)), id.clone()))
        .collect();
    let related_lines = related
        .iter()
        .map(|r| (line("related", Some(r)), r.clone()))
        .collect();
    let detail = EntryDetail {
        technologies,
        related,
        backlinks: Vec::new(),
        path: format!("content/{path}"),
        symptoms,
        sources,
        links: fm.links.clone(),
        body: split.body.to_string(),
    };
    let meta = EntryMeta {
        // Named by content hash once backlinks are known (see `assemble`).
        detail: String::new(),
        id,
        title: title.unwrap_or_default().trim().to_string(),
        category: cat.unwrap_or_default(),
        summary: summary.unwrap_or_default().trim().to_string(),
        companies,
        planes,
        guarantees,
        mechanisms,
        patterns,
        date,
        system_view,
        concept: fm_concept,
        first_check: first_check.map(|f| f.trim().to_string()),
        confidence: confidence.unwrap_or(Confidence::C),
        diagrams: facts.diagrams.len() as u32,
        warnings: Vec::new(),
    };
    Some(Draft {
        meta,
        rel: path.to_string(),
        shown: file.shown.clone(),
        id_line: line("id", None),
        concept_line: line("concept", None),
        detail,
        entry_links,
        related_lines,
        node_link_lines,
        headings: facts.headings.into_iter().map(|(_, h)| h).collect(),
    })
}

fn check_across(drafts: &[Draft], problems: &mut Vec<Problem>) {
    let mut by_id: HashMap<&str, &Draft> = HashMap::new();
    let mut by_concept: HashMap<&str, &Draft> = HashMap::new();
    for d in drafts {
        if let Some(first) = by_id.get(d.meta.id.as_str()) {
            problems.push(
                Problem::new(
                    &d.shown,
                    d.id_line,
                    format!(
                        "duplicate id `{}`: already used by {}",
                        d.meta.id, first.shown
                    ),
                )
                .rule("id"),
            );
        } else {
            by_id.insert(&d.meta.id, d);
        }
        if let Some(c) = &d.meta.concept {
            if let Some(first) = by_concept.get(c.as_str()) {
                problems.push(
                    Problem::new(
                        &d.shown,
                        d.concept_line,
                        format!("`{c}` already has a concept entry: {}", first.shown),
                    )
                    .rule("concept"),
                );
            } else {
                by_concept.insert(c, d);
            }
        }
    }
    let by_rel: HashMap<&str, &Draft> = drafts.iter().map(|d| (d.rel.as_str(), d)).collect();
    for d in drafts {
        for (line, target, written) in &d.entry_links {
            if target.as_deref().is_some_and(|t| by_rel.contains_key(t)) {
                continue;
            }
            let stem = written
                .split('#')
                .next()
                .unwrap_or("")
                .rsplit('/')
                .next()
                .unwrap_or("")
                .trim_end_matches(".md");
            let hint = match by_id.get(stem) {
                Some(found) => format!(
                    "; the entry `{stem}` is {}",
                    relative_link(&d.rel, &found.rel)
                ),
                None => String::new(),
            };
            problems.push(
                Problem::new(
                    &d.shown,
                    *line,
                    format!("link `{written}` points to no entry{hint}"),
                )
                .rule("links"),
            );
        }
        for (line, id) in &d.node_link_lines {
            if !by_id.contains_key(id.as_str()) {
                problems.push(
                    Problem::new(
                        &d.shown,
                        *line,
                        format!("`links` points a node at entry `{id}`, which does not exist"),
                    )
                    .rule("links"),
                );
            }
        }
        for (line, id) in &d.related_lines {
            if !by_id.contains_key(id.as_str()) {
                problems.push(
                    Problem::new(
                        &d.shown,
                        *line,
                        format!("related entry `{id}` does not exist"),
                    )
                    .rule("links"),
                );
            }
        }
    }
}

fn assemble(taxonomy: Taxonomy, mut drafts: Vec<Draft>, warnings: Vec<Problem>) -> Corpus {
    let id_of_rel: HashMap<&str, &str> = drafts
        .iter()
        .map(|d| (d.rel.as_str(), d.meta.id.as_str()))
        .collect();
    let mut backlinks: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for d in &drafts {
        let targets = d
            .entry_links
            .iter()
            .filter_map(|(_, t, _)| {
                t.as_deref()
                    .and_then(|t| id_of_rel.get(t))
                    .map(|s| s.to_string())
            })
            .chain(d.detail.related.iter().cloned())
            .chain(d.detail.links.values().cloned());
        for t in targets {
            let list = backlinks.entry(t).or_default();
            if !list.contains(&d.meta.id) {
                list.push(d.meta.id.clone());
            }
        }
    }
    let order: HashMap<&str, usize> = taxonomy
        .categories
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    drafts.sort_by(|a, b| {
        order[a.meta.category.as_str()]
            .cmp(&order[b.meta.category.as_str()])
            .then_with(|| a.meta.title.cmp(&b.meta.title))
    });
    let mut entries = Vec::with_capacity(drafts.len());
    let mut details = Vec::with_capacity(drafts.len());
    let mut docs = Vec::with_capacity(drafts.len());
    for d in drafts {
        let mut meta = d.meta;
        let mut detail = d.detail;
        detail.backlinks = backlinks.remove(&meta.id).unwrap_or_default();
        detail.backlinks.retain(|b| *b != meta.id);
        detail.backlinks.sort();
        meta.detail = format!("entries/{}.{}.json", meta.id, short_hash(&detail));
        meta.warnings = warnings
            .iter()
            .filter(|w| w.path == d.shown)
            .map(|w| w.rule.to_string())
            .collect();
        meta.warnings.dedup();
        docs.push(search_doc(&taxonomy, &meta, &d.headings, &detail));
        details.push((meta.detail.clone(), detail));
        entries.push(meta);
    }
    Corpus {
        index: Index { taxonomy, entries },
        details,
        search: SearchData { docs },
        warnings,
    }
}

/// What full-text search reads of an entry, field by field (see
/// [`crate::search::FIELDS`]): names from the taxonomy, not only ids, so
/// "linearizability" finds entries tagged G-LIN.
fn search_doc(
    taxonomy: &Taxonomy,
    meta: &EntryMeta,
    headings: &[String],
    detail: &EntryDetail,
) -> SearchDoc {
    let mut tags: Vec<String> = detail.technologies.clone();
    let labelled = [
        (Facet::Company, &meta.companies),
        (Facet::Guarantee, &meta.guarantees),
        (Facet::Mechanism, &meta.mechanisms),
        (Facet::Pattern, &meta.patterns),
        (Facet::Plane, &meta.planes),
    ];
    for (facet, ids) in labelled {
        tags.extend(ids.iter().filter_map(|id| taxonomy.label(facet, id)));
    }
    tags.extend(taxonomy.label(Facet::Category, &meta.category));
    if let Some(v) = &meta.system_view {
        tags.extend(taxonomy.label(Facet::SystemView, v));
    }
    SearchDoc([
        meta.title.clone(),
        detail.symptoms.join("\n"),
        meta.summary.clone(),
        tags.join(" · "),
        headings.join("\n"),
        crate::text::markdown_to_plain(&detail.body),
    ])
}

/// Every flowchart node sits in one of the four planes, through a class
/// whose fill is exactly the plane's colour; a class named after a plane
/// carries that plane's colour. Other diagram types are exempt.
fn plane_problems(source: &str, planes: &[(String, String)]) -> Vec<(usize, String)> {
    if diagram::kind(source) != diagram::Kind::Flowchart {
        return Vec::new();
    }
    let chart = diagram::parse_flowchart(source);
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

fn hint_for(field: &str) -> &'static str {
    match field {
        "id" => ": a kebab-case id, the same as the file name",
        "category" => ": one of the category ids in content/taxonomy.yaml",
        "planes" => ": a list of edge, service, state, control",
        "confidence" => ": A, B or C",
        "summary" => ": one or two sentences for lists and search results",
        _ => "",
    }
}

fn unknown(taxonomy: &Taxonomy, facet: Facet, value: &str) -> String {
    let ids = taxonomy.ids(facet);
    let near: Vec<&str> = ids
        .iter()
        .copied()
        .filter(|id| id.eq_ignore_ascii_case(value) || close(id, value))
        .collect();
    let suggestion = match near.first() {
        Some(n) => format!("; did you mean `{n}`?"),
        None if ids.len() <= 13 => format!("; known: {}", ids.join(", ")),
        None => "; see content/taxonomy.yaml (add it there if it is new)".to_string(),
    };
    format!("unknown {} id `{value}`{suggestion}", facet.noun())
}

/// One edit apart (substitution, insertion or deletion), ignoring case.
fn close(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (
        a.to_lowercase().chars().collect(),
        b.to_lowercase().chars().collect(),
    );
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 || long.len() < 3 {
        return false;
    }
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if short.len() == long.len() {
        short[prefix + 1..] == long[prefix + 1..]
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

fn concept_field(kind: ConceptKind) -> &'static str {
    match kind {
        ConceptKind::Guarantees => "guarantee",
        ConceptKind::Mechanisms => "mechanism",
        ConceptKind::Patterns => "pattern",
    }
}

fn concept_facet(kind: ConceptKind) -> Facet {
    match kind {
        ConceptKind::Guarantees => Facet::Guarantee,
        ConceptKind::Mechanisms => Facet::Mechanism,
        ConceptKind::Patterns => Facet::Pattern,
    }
}

fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// YYYY-MM-DD with a real month and day; with `partial`, YYYY and YYYY-MM too.
fn is_iso_date(s: &str, partial: bool) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| p.len() == len && p.chars().all(|c| c.is_ascii_digit());
    let ok_len = if partial {
        (1..=3).contains(&parts.len())
    } else {
        parts.len() == 3
    };
    if !ok_len || !num(parts[0], 4) {
        return false;
    }
    let month_ok = parts
        .get(1)
        .is_none_or(|m| num(m, 2) && (1..=12).contains(&m.parse::<u32>().unwrap_or(0)));
    let day_ok = parts
        .get(2)
        .is_none_or(|d| num(d, 2) && (1..=31).contains(&d.parse::<u32>().unwrap_or(0)));
    month_ok && day_ok
}

/// `from` is `incidents/a.md`, `link` is `../guarantees/b.md`: gives
/// `guarantees/b.md`, or None if the link leaves the content tree.
fn resolve_rel(from: &str, link: &str) -> Option<String> {
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

fn short_hash(detail: &EntryDetail) -> String {
    let bytes = serde_json::to_vec(detail).unwrap_or_default();
    let digest = Sha256::digest(&bytes);
    digest.iter().take(5).map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(is_iso_date("2018-10-21", false));
        assert!(!is_iso_date("2018-13-01", false));
        assert!(!is_iso_date("21/10/2018", false));
        assert!(!is_iso_date("2018-10", false));
        assert!(is_iso_date("2018-10", true));
    }

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

    #[test]
    fn near_misses() {
        assert!(close("G-LIN", "G-LIM"));
        assert!(close("github", "githb"));
        assert!(!close("M1", "M2x"));
    }
}
