//! Checking the content, one rule family per module:
//!
//! | module | rules |
//! |---|---|
//! | [`fields`] | `front-matter`, `required-field`, `id`, `category`, `date`, `confidence`, `symptoms`, `first-check`, `blocks` |
//! | [`oncall`] | `alerts`, `incident-record`, `steps` |
//! | [`models`] | `model` |
//! | [`compares`] | `compare` |
//! | [`contract`] | `runbook/*`, `dependents`, `read-in-full` |
//! | [`taxonomy_ids`] | `taxonomy` |
//! | [`sources`] | `sources` |
//! | [`diagrams`] | `diagram`, `diagram/unread`, `planes`, node `links` |
//! | [`links`] | `links` in the body, resolved across files |
//! | [`gates`] | `gate/sections`, `gate/placeholder`, `gate/estimates` |
//! | [`across`] | duplicate `id` and `concept`, links between entries |
//!
//! Each family adds what it finds to one [`Ctx`]; every problem of a file is
//! reported at once, never just the first. Rule ids, severities and docs
//! live in [`crate::rules`].

pub(crate) mod across;
pub(crate) mod compares;
pub(crate) mod contract;
pub(crate) mod diagrams;
pub(crate) mod fields;
pub mod gates;
pub(crate) mod links;
pub(crate) mod models;
pub mod oncall;
pub(crate) mod sources;
pub(crate) mod taxonomy_ids;

use crate::corpus::ContentFile;
use crate::frontmatter::{self, FrontMatter, Split};
use crate::markdown;
use crate::model::{Confidence, EntryDetail, EntryMeta};
use crate::problem::{Problem, Severity};
use crate::rules::Rule;
use crate::runbook;
use crate::taxonomy::{Category, ConceptKind, Contract, Taxonomy};

/// What the rule families share while checking one file.
pub(crate) struct Ctx<'a> {
    pub taxonomy: &'a Taxonomy,
    pub file: &'a ContentFile,
    pub split: &'a Split<'a>,
    pub problems: Vec<Problem>,
    /// Where the decision tree was drawn into the body.
    pub drawn: Option<Inserted>,
}

impl Ctx<'_> {
    pub fn report(&mut self, rule: Rule, line: usize, message: impl Into<String>) {
        self.problems
            .push(Problem::new(rule, &self.file.shown, line, message));
    }

    pub fn report_as(&mut self, rule: Rule, severity: Severity, line: usize, message: String) {
        self.problems
            .push(Problem::new(rule, &self.file.shown, line, message).with_severity(severity));
    }

    /// The file line of a front-matter key (and one of its values).
    pub fn line(&self, key: &str, value: Option<&str>) -> usize {
        frontmatter::line_of(self.split, key, value)
    }

    pub fn item_line(&self, key: &str, n: usize) -> usize {
        frontmatter::item_line(self.split, key, n)
    }

    /// A body-relative line (1-based) as a file line.
    pub fn body_line(&self, l: usize) -> usize {
        self.split.body_line + l - 1
    }

    /// A line of the body as drawn (with the decision tree the atlas draws
    /// from the steps) as a file line; the tree's own lines are the Steps'.
    pub fn drawn_line(&self, l: usize) -> usize {
        self.body_line(self.drawn.map_or(l, |d| d.original(l)))
    }
}

/// An entry that passed its own checks, waiting for the cross-file ones.
pub(crate) struct Draft {
    pub meta: EntryMeta,
    pub rel: String,
    pub shown: String,
    pub id_line: usize,
    pub concept_line: usize,
    pub detail: EntryDetail,
    pub entry_links: Vec<links::EntryLink>,
    pub related_lines: Vec<(usize, String)>,
    pub node_link_lines: Vec<(usize, String)>,
    pub headings: Vec<String>,
    /// The `id`s its headings get on the page, for `#fragment` links.
    pub anchors: Vec<String>,
}

/// Checks one file. Returns its draft (none when the front matter cannot
/// be read or the file has no id) and every problem found in it.
pub(crate) fn check_file(taxonomy: &Taxonomy, file: &ContentFile) -> (Option<Draft>, Vec<Problem>) {
    let split = match frontmatter::split(&file.text) {
        Ok(s) => s,
        Err((line, msg)) => {
            return (
                None,
                vec![Problem::new(Rule::FrontMatter, &file.shown, line, msg)],
            )
        }
    };
    let fm = match frontmatter::parse(&split) {
        Ok(fm) => fm,
        Err((line, msg)) => {
            return (
                None,
                vec![Problem::new(Rule::FrontMatter, &file.shown, line, msg)],
            )
        }
    };
    let category_data = fm
        .category
        .as_deref()
        .and_then(|c| taxonomy.categories.iter().find(|x| x.id == c));
    let contract = category_data.and_then(|c| c.contract);
    // Read once: the steps, the contract and the drawn tree all use it.
    let guide = runbook::parse_guide(split.body);
    let book = runbook::Runbook::from_guide(&guide);
    let drawn = match (contract, &book) {
        (Some(Contract::Runbook), Some(book)) => {
            Some(draw_tree(taxonomy, &fm, split.body, &guide, book))
        }
        _ => None,
    };
    let body: &str = drawn
        .as_ref()
        .map(|d| d.body.as_str())
        .unwrap_or(split.body);
    let mut ctx = Ctx {
        taxonomy,
        file,
        split: &split,
        problems: Vec::new(),
        drawn: drawn.as_ref().map(|d| d.inserted),
    };
    let category = taxonomy_ids::category(&mut ctx, &fm);
    let confidence = fields::check(&mut ctx, &fm, category);
    let oncall = oncall::check(&mut ctx, &fm, book.as_ref());
    match contract {
        Some(Contract::Runbook) => contract::runbook(&mut ctx, &fm, &guide, book.as_ref()),
        Some(Contract::Dependents) => contract::dependents(&mut ctx, &fm, &guide),
        None => {}
    }
    let model = models::check(&mut ctx, &fm);
    let compare = compares::check(&mut ctx, &fm);
    taxonomy_ids::check(&mut ctx, &fm, category);
    let sources = sources::check(&mut ctx, &fm, category);
    let facts = markdown::scan(body);
    diagrams::check(&mut ctx, &fm, &facts);
    let entry_links = links::check_body(&mut ctx, &facts);
    if let Some(cat) = category {
        gates::check(&mut ctx, cat, &fm, &facts);
    }
    let problems = std::mem::take(&mut ctx.problems);
    if fm.id.is_none() {
        return (None, problems);
    }
    let mut draft = draft(&ctx, fm, category, confidence, sources, facts, entry_links);
    draft.meta.alerts = oncall.alerts;
    draft.meta.record = oncall.record;
    draft.meta.first_move = oncall.first_move;
    draft.detail.model = model;
    if let Some(c) = &compare {
        draft.meta.compares = c.technologies.clone();
    }
    draft.detail.compare = compare;
    if let Some(d) = drawn {
        draft.detail.body = d.body;
        draft.detail.links.extend(d.tree.links);
    }
    (Some(draft), problems)
}

/// An entry's body as the site shows it: with its decision tree drawn,
/// when its category's contract is `runbook` (None: the body as written).
pub(crate) fn drawn_body(taxonomy: &Taxonomy, split: &Split<'_>) -> Option<Drawn> {
    let fm = frontmatter::parse(split).ok()?;
    let cat = taxonomy
        .categories
        .iter()
        .find(|c| Some(c.id.as_str()) == fm.category.as_deref())?;
    if cat.contract != Some(Contract::Runbook) {
        return None;
    }
    let guide = runbook::parse_guide(split.body);
    let book = runbook::Runbook::from_guide(&guide)?;
    Some(draw_tree(taxonomy, &fm, split.body, &guide, &book))
}

/// A body with the decision tree drawn from its steps.
pub(crate) struct Drawn {
    pub body: String,
    pub inserted: Inserted,
    pub tree: runbook::Tree,
}

/// Where lines were inserted into a body, so lines of the new body map
/// back to the body as written.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Inserted {
    /// Body line where the insertion starts, and its number of lines.
    pub at: usize,
    pub lines: usize,
    /// The line the inserted lines count as (the `## Steps` heading).
    pub owner: usize,
}

impl Inserted {
    /// A line of the new body as a line of the body as written.
    pub fn original(self, l: usize) -> usize {
        if l >= self.at + self.lines {
            l - self.lines
        } else if l >= self.at {
            self.owner
        } else {
            l
        }
    }
}

/// Draws the runbook's decision tree (see [`runbook::decision_tree`]) and
/// puts it, as `## Decision tree`, right after the `## Steps` section.
pub(crate) fn draw_tree(
    taxonomy: &Taxonomy,
    fm: &FrontMatter,
    body: &str,
    guide: &runbook::Guide,
    book: &runbook::Runbook,
) -> Drawn {
    let facts = markdown::scan(body);
    let anchors = markdown::heading_anchors(&facts.headings);
    let headings: Vec<(String, String)> = anchors
        .into_iter()
        .zip(facts.headings.iter().map(|(_, h)| h.clone()))
        .collect();
    let planes = taxonomy.plane_colours();
    let default_plane = fm
        .planes
        .first()
        .cloned()
        .unwrap_or_else(|| "service".to_string());
    let tree = runbook::decision_tree(book, &headings, &planes, &default_plane);
    let text = format!("## Decision tree\n\n```mermaid\n{}```\n\n", tree.source);
    // After the Steps section: where the next `##` section starts, or at the end.
    let lines: Vec<&str> = body.split_inclusive('\n').collect();
    let at = guide.after("steps").unwrap_or(lines.len() + 1);
    let mut out = String::with_capacity(body.len() + text.len());
    for l in &lines[..at - 1] {
        out.push_str(l);
    }
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&text);
    for l in &lines[at - 1..] {
        out.push_str(l);
    }
    Drawn {
        body: out,
        inserted: Inserted {
            at,
            lines: text.matches('\n').count(),
            owner: book.line,
        },
        tree,
    }
}

fn draft(
    ctx: &Ctx<'_>,
    fm: FrontMatter,
    category: Option<&Category>,
    confidence: Option<Confidence>,
    sources: Vec<crate::model::Source>,
    facts: markdown::BodyFacts,
    entry_links: Vec<links::EntryLink>,
) -> Draft {
    let node_link_lines = fm
        .links
        .iter()
        .map(|(node, id)| (ctx.line("links", Some(node)), id.clone()))
        .collect();
    let related_lines = fm
        .related
        .iter()
        .map(|r| (ctx.line("related", Some(r)), r.clone()))
        .collect();
    let id_line = ctx.line("id", None);
    let concept_line = ctx.line("concept", None);
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
        concept,
        symptoms,
        first_check,
        related,
        links,
        ..
    } = fm;
    // A concept entry is about its own id, whether or not it lists it.
    if let (Some(kind), Some(c)) = (category.and_then(|c| c.concept), &concept) {
        let list = match kind {
            ConceptKind::Guarantees => &mut guarantees,
            ConceptKind::Mechanisms => &mut mechanisms,
            ConceptKind::Patterns => &mut patterns,
        };
        if !list.contains(c) {
            list.insert(0, c.clone());
        }
    }
    let anchors = markdown::heading_anchors(&facts.headings);
    let detail = EntryDetail {
        technologies,
        related,
        backlinks: Vec::new(),
        path: format!("content/{}", ctx.file.rel),
        symptoms,
        sources,
        links,
        body: ctx.split.body.to_string(),
        model: None,
        compare: None,
    };
    let meta = EntryMeta {
        // Named by content hash once backlinks are known (see `corpus`).
        detail: String::new(),
        id: id.unwrap_or_default(),
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
        concept,
        first_check: first_check.map(|f| f.trim().to_string()),
        confidence: confidence.unwrap_or(Confidence::C),
        diagrams: facts.diagrams.len() as u32,
        warnings: Vec::new(),
        alerts: Vec::new(),
        record: None,
        symptoms: Vec::new(),
        first_move: None,
        compares: Vec::new(),
    };
    Draft {
        meta,
        rel: ctx.file.rel.clone(),
        shown: ctx.file.shown.clone(),
        id_line,
        concept_line,
        detail,
        entry_links,
        related_lines,
        node_link_lines,
        headings: facts.headings.into_iter().map(|(_, h)| h).collect(),
        anchors,
    }
}

/// The file name without `.md`: an entry's id, and the id links use for a
/// file whose front matter cannot be read.
pub(crate) fn file_stem(rel: &str) -> &str {
    rel.rsplit('/')
        .next()
        .unwrap_or(rel)
        .trim_end_matches(".md")
}
