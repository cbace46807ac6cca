//! Reading `content/`, checking every entry and compiling the [`Index`].
//!
//! All problems are collected, never just the first: a contributor fixes a
//! whole file (or a whole atlas) in one pass.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::check::{self, Draft};
use crate::model::{EntryDetail, EntryMeta, Index};
use crate::problem::Problem;
use crate::rules::Rule;
use crate::search::{SearchData, SearchDoc};
use crate::taxonomy::{Facet, Taxonomy};

pub const TAXONOMY_FILE: &str = "taxonomy.yaml";

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
                Rule::Io,
                format!("{shown}/{TAXONOMY_FILE}"),
                1,
                format!("cannot read the taxonomy: {e}"),
            )])
        }
    };
    let (files, mut problems) = read_dir(dir);
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
            problems.push(Problem::new(
                Rule::Io,
                dir.display().to_string(),
                1,
                format!("cannot read folder: {e}"),
            ));
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
                Err(e) => problems.push(Problem::new(
                    Rule::Io,
                    path.display().to_string(),
                    1,
                    format!("cannot read file: {e}"),
                )),
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

/// One Mermaid block as written in a file, for tools that check diagrams
/// outside Rust (the Mermaid parse check, the every-diagram browser test).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DiagramBlock {
    /// Path as problems show it.
    pub path: String,
    /// File line of the opening fence; diagram line n is file line `line + n`.
    pub line: usize,
    /// The entry's id (its file name).
    pub entry: String,
    /// 1-based position among the entry's diagrams (as `?diagram=n` counts).
    pub n: usize,
    pub source: String,
}

/// Every Mermaid block of every entry, found by the same Markdown reader the
/// checker and the page use. Files whose front matter cannot be split are
/// skipped (the checker reports them).
/// Decision trees the atlas draws from runbook steps are included (at the
/// line of their `## Steps`), so `?diagram=n` counts as the page does.
pub fn diagram_blocks(taxonomy: Option<&Taxonomy>, files: &[ContentFile]) -> Vec<DiagramBlock> {
    let mut out = Vec::new();
    for f in files {
        let Ok(split) = crate::frontmatter::split(&f.text) else {
            continue;
        };
        let drawn = taxonomy.and_then(|t| check::drawn_body(t, &split));
        let body = drawn.as_ref().map_or(split.body, |d| d.body.as_str());
        for (i, (l, source)) in crate::markdown::scan(body).diagrams.into_iter().enumerate() {
            // Diagrams as written keep their lines; the drawn tree takes the Steps'.
            let line = drawn.as_ref().map_or(l, |d| d.inserted.original(l));
            out.push(DiagramBlock {
                path: f.shown.clone(),
                line: split.body_line + line - 1,
                entry: check::file_stem(&f.rel).to_string(),
                n: i + 1,
                source,
            });
        }
    }
    out
}

/// The entry files under `dir` (sorted), with any problem reading them.
pub fn read_dir(dir: &Path) -> (Vec<ContentFile>, Vec<Problem>) {
    let shown = dir.display().to_string();
    let shown = shown.trim_end_matches('/');
    let mut files = Vec::new();
    let mut problems = Vec::new();
    walk(shown, dir, dir, &mut files, &mut problems);
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    (files, problems)
}

/// The taxonomy of a content folder, if it reads (for tools that do not
/// check the content, such as `atlas diagrams`).
pub fn read_taxonomy(dir: &Path) -> Option<Taxonomy> {
    let path = dir.join(TAXONOMY_FILE);
    let text = std::fs::read_to_string(&path).ok()?;
    serde_yaml_ng::from_str(&text).ok()
}

/// Parses the taxonomy file; problems point at the line they are about.
pub fn parse_taxonomy(file: &ContentFile) -> Result<Taxonomy, Vec<Problem>> {
    let taxonomy: Taxonomy = serde_yaml_ng::from_str(&file.text).map_err(|e| {
        let line = e.location().map_or(1, |l| l.line());
        let msg = e.to_string();
        let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
        vec![Problem::new(
            Rule::TaxonomyFile,
            &file.shown,
            line,
            format!("malformed taxonomy: {msg}"),
        )]
    })?;
    let problems: Vec<Problem> = taxonomy
        .problems()
        .into_iter()
        .map(|p| {
            let line = file
                .text
                .lines()
                .enumerate()
                .filter(|(_, l)| mentions(l, &p.at))
                .nth(p.nth)
                .map_or(1, |(i, _)| i + 1);
            Problem::new(Rule::TaxonomyFile, &file.shown, line, p.message)
        })
        .collect();
    if problems.is_empty() {
        Ok(taxonomy)
    } else {
        Err(problems)
    }
}

/// Whether a YAML line names `id` as a whole value (`id: x`, `{ id: x,`).
fn mentions(line: &str, id: &str) -> bool {
    line.match_indices(id).any(|(i, _)| {
        let before = line[..i].trim_end();
        let after = &line[i + id.len()..];
        (before.ends_with(':') || before.ends_with('"'))
            && (after.is_empty() || after.starts_with([',', ' ', '}', '"']))
    })
}

/// Checks every file and compiles the index, or returns every problem found.
pub fn compile(taxonomy_file: &ContentFile, files: &[ContentFile]) -> Result<Corpus, Vec<Problem>> {
    let taxonomy = parse_taxonomy(taxonomy_file)?;
    let mut problems = Vec::new();
    let mut drafts = Vec::with_capacity(files.len());
    let mut unreadable = Vec::new();
    for f in files {
        let (draft, found) = check::check_file(&taxonomy, f);
        problems.extend(found);
        match draft {
            Some(d) => drafts.push(d),
            None => unreadable.push(f.rel.clone()),
        }
    }
    check::across::check_across(&drafts, &unreadable, &mut problems);
    problems.sort();
    if problems.iter().any(Problem::is_error) {
        return Err(problems);
    }
    Ok(assemble(taxonomy, drafts, problems))
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
            .filter_map(|l| {
                l.target
                    .as_deref()
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
            .map(|w| w.rule.id().to_string())
            .collect();
        meta.warnings.dedup();
        // The 3 AM mode matches pasted messages against these in the browser.
        if taxonomy
            .category(&meta.category)
            .is_some_and(|c| c.first_aid.is_some())
        {
            meta.symptoms = detail.symptoms.clone();
        }
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
        crate::search::symptoms_and_alerts(meta, detail),
        meta.summary.clone(),
        tags.join(" · "),
        headings.join("\n"),
        crate::text::markdown_to_plain(&detail.body),
    ])
}

fn short_hash(detail: &EntryDetail) -> String {
    let bytes = serde_json::to_vec(detail).unwrap_or_default();
    let digest = Sha256::digest(&bytes);
    digest.iter().take(5).map(|b| format!("{b:02x}")).collect()
}
