//! The taxonomy of spec §3–4, as data: it is read from `content/taxonomy.yaml`
//! at build time and travels to the app inside the index.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Taxonomy {
    pub planes: Vec<Plane>,
    pub guarantees: Vec<Term>,
    pub mechanisms: Vec<Term>,
    pub patterns: Vec<Pattern>,
    pub companies: Vec<Company>,
    pub categories: Vec<Category>,
    pub system_views: Vec<SystemView>,
    /// How an incident started (the Google SRE workbook's trigger classes).
    #[serde(default)]
    pub triggers: Vec<Term>,
    /// What an incident did to its users.
    #[serde(default)]
    pub impacts: Vec<Term>,
    /// How an incident was first noticed.
    #[serde(default)]
    pub detections: Vec<Term>,
    /// Technologies the comparisons and the decision page name: what each
    /// guarantees in which configuration, and how it can be run.
    #[serde(default)]
    pub technologies: Vec<Technology>,
    /// Which runbook commands change state or destroy something (the
    /// checker's business only: not shipped to the app).
    #[serde(default, skip_serializing)]
    pub commands: crate::commands::CommandRules,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plane {
    pub id: String,
    pub name: String,
    /// Fill colour every diagram uses for nodes of this plane, `#RRGGBB`.
    pub colour: String,
    pub holds: String,
}

/// A guarantee or a mechanism: an id such as `G-LIN` or `M6` and its name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PatternKind {
    Micro,
    System,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pattern {
    pub id: String,
    pub name: String,
    pub kind: PatternKind,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Company {
    pub id: String,
    pub name: String,
    /// 1–3 for the thirty systems documented in depth, 0 for companies that
    /// other entries name.
    pub tier: u8,
}

/// Which taxonomy list a concept category describes, one entry per item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConceptKind {
    Guarantees,
    Mechanisms,
    Patterns,
}

/// A content category and its rules, all read from `taxonomy.yaml`: the
/// checker, `atlas new`, the stats and the app follow this data, so adding a
/// category is an edit of that file, not of code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: String,
    /// Folder under `content/` that holds this category's entries.
    pub dir: String,
    pub name: String,
    pub target: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concept: Option<ConceptKind>,
    /// Shown in the 3 AM mode (and the home page's 3 AM list), in this
    /// rank: 1 first. Absent for categories an on-call engineer does not need.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_aid: Option<u8>,
    /// Front-matter fields this category requires beyond the ones every
    /// entry carries.
    #[serde(default, skip_serializing)]
    pub fields: Vec<Field>,
    /// The sections an entry must (or should) have, in template order.
    #[serde(default, skip_serializing)]
    pub sections: Vec<Section>,
    /// Structured front-matter blocks the category may or must carry.
    #[serde(default, skip_serializing)]
    pub blocks: Vec<BlockRule>,
    /// The structural contract the checker holds its entries to.
    #[serde(default, skip_serializing)]
    pub contract: Option<Contract>,
    /// Every source says when its figures held: `date` (published) or
    /// `read` (the day an undated page such as a price list was read).
    #[serde(default, skip_serializing)]
    pub dated_sources: bool,
}

/// A technology (spec §6): comparisons, architecture entries and the
/// decision page meet on its id. Every claim carries the URL of the
/// documentation that states it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Technology {
    pub id: String,
    pub name: String,
    /// What it is: `log`, `queue`, `database`, `cache`, `coordination`,
    /// `proxy`, `object store`…
    pub kind: String,
    /// Who runs it: `self-hosted`, `managed`, or `both`.
    pub hosting: Hosting,
    /// How one deployment survives losing a region, if it can (with the
    /// source); absent when it cannot or the docs do not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multi_region: Option<Offer>,
    /// The guarantees it offers, each in the configuration that gives it.
    #[serde(default)]
    pub offers: Vec<Offer>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mechanisms: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Hosting {
    SelfHosted,
    Managed,
    Both,
}

/// A guarantee (or ability) offered in a configuration, as its docs state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Offer {
    /// A guarantee id (absent for `multi_region`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guarantee: Option<String>,
    /// The configuration that gives it: "acks=all, min.insync.replicas=2".
    pub when: String,
    /// The documentation page that says so.
    pub source: String,
}

/// A contract beyond sections: `runbook` for debugging guides (impact,
/// match, variables, steps, mitigate with undo, verify, escalate; see
/// CONTRIBUTING.md), `dependents` for incidents (the "If you depend on"
/// section; no source left unread).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Contract {
    Runbook,
    Dependents,
}

impl Category {
    pub fn requires_field(&self, field: Field) -> bool {
        self.fields.contains(&field)
    }

    pub fn block(&self, kind: BlockKind) -> Option<&BlockRule> {
        self.blocks.iter().find(|b| b.kind == kind)
    }
}

/// An optional front-matter field a category can require. The base fields
/// (id, title, category, summary, planes, confidence, sources) are required
/// of every entry and are not listed here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Companies,
    Guarantees,
    Mechanisms,
    Patterns,
    Technologies,
    Date,
    SystemView,
    Symptoms,
    FirstCheck,
    Related,
    Alerts,
    Started,
    Detected,
    Mitigated,
    Resolved,
    Trigger,
    Impact,
    Detection,
    ContributingFactors,
    Lesson,
}

impl Field {
    /// The name as written in front matter.
    pub fn name(self) -> &'static str {
        match self {
            Field::Companies => "companies",
            Field::Guarantees => "guarantees",
            Field::Mechanisms => "mechanisms",
            Field::Patterns => "patterns",
            Field::Technologies => "technologies",
            Field::Date => "date",
            Field::SystemView => "system_view",
            Field::Symptoms => "symptoms",
            Field::FirstCheck => "first_check",
            Field::Related => "related",
            Field::Alerts => "alerts",
            Field::Started => "started",
            Field::Detected => "detected",
            Field::Mitigated => "mitigated",
            Field::Resolved => "resolved",
            Field::Trigger => "trigger",
            Field::Impact => "impact",
            Field::Detection => "detection",
            Field::ContributingFactors => "contributing_factors",
            Field::Lesson => "lesson",
        }
    }

    /// What to write, for the "missing required field" message.
    pub fn hint(self) -> &'static str {
        match self {
            Field::Companies => "the companies the entry is about (the described system first)",
            Field::Guarantees => "the guarantee ids the entry is about",
            Field::Mechanisms => "the mechanism ids the entry is about",
            Field::Patterns => "the pattern ids the entry is about",
            Field::Technologies => "named technologies, versioned where known: \"Kafka 3.5\"",
            Field::Date => "the ISO date (YYYY-MM-DD) of the event",
            Field::SystemView => "one of the system view ids in taxonomy.yaml",
            Field::Symptoms => "the exact error messages and metric names, one per item",
            Field::FirstCheck => "one line on what an on-call engineer should check first",
            Field::Related => "ids of related entries",
            Field::Alerts => "the alert names that should open this guide, each with the source that defines it: `- { name: KubePodCrashLooping, source: 2 }` (or `alerts: []` where no standard alert exists)",
            Field::Started
            | Field::Detected
            | Field::Mitigated
            | Field::Resolved => "a UTC time YYYY-MM-DDTHH:MMZ (or the day YYYY-MM-DD) from the sources, or \"not published\"",
            Field::Trigger => "one of the trigger ids in taxonomy.yaml, or \"not published\"",
            Field::Impact => "impact ids from taxonomy.yaml",
            Field::Detection => "one of the detection ids in taxonomy.yaml",
            Field::ContributingFactors => "the mechanism and guarantee ids that failed or were missing (may be [])",
            Field::Lesson => "one line on what someone building a similar system should learn",
        }
    }

    /// The line `atlas new` writes for this field.
    pub fn template(self) -> &'static str {
        match self {
            Field::Companies => "companies: []       # ids from content/taxonomy.yaml, the described system first\n",
            Field::Guarantees => "guarantees: []\n",
            Field::Mechanisms => "mechanisms: []\n",
            Field::Patterns => "patterns: []\n",
            Field::Technologies => "technologies: []    # versioned where known: \"Kafka 3.5\"\n",
            Field::Date => "date: TODO          # the event's date, YYYY-MM-DD\n",
            Field::SystemView => "system_view: TODO   # one of the system view ids in content/taxonomy.yaml\n",
            Field::Symptoms => "symptoms:\n  - \"TODO: the exact error message or metric, as the tool prints it\"\n",
            Field::FirstCheck => "first_check: \"TODO: the first thing an on-call engineer should look at\"\n",
            Field::Related => "related: []         # ids of related entries\n",
            Field::Alerts => "alerts: []          # - { name: AlertName, source: N }: the sources entry that defines the alert\n",
            Field::Started => "started: TODO       # UTC, YYYY-MM-DDTHH:MMZ, or \"not published\"\n",
            Field::Detected => "detected: TODO\n",
            Field::Mitigated => "mitigated: TODO\n",
            Field::Resolved => "resolved: TODO\n",
            Field::Trigger => "trigger: TODO       # a trigger id from content/taxonomy.yaml\n",
            Field::Impact => "impact: []          # impact ids from content/taxonomy.yaml\n",
            Field::Detection => "detection: TODO     # a detection id from content/taxonomy.yaml\n",
            Field::ContributingFactors => "contributing_factors: []   # mechanism / guarantee ids that failed\n",
            Field::Lesson => "lesson: \"TODO: what someone building a similar system should learn, one line\"\n",
        }
    }
}

/// A section a category asks for: a `##` heading whose text contains
/// `heading` (case-insensitive).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Lowercase fragment a heading must contain, e.g. `decision tree`.
    pub heading: String,
    /// The heading `atlas new` writes; the fragment, capitalised, if absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `error` fails the check, `warning` is advice, `template` only puts
    /// the heading in new entries.
    #[serde(default)]
    pub level: SectionLevel,
}

impl Section {
    pub fn template_title(&self) -> String {
        match &self.title {
            Some(t) => t.clone(),
            None => {
                let mut c = self.heading.chars();
                c.next()
                    .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
            }
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionLevel {
    Error,
    #[default]
    Warning,
    Template,
}

/// A structured block in front matter (`model:` for capacity and cost
/// models, `compare:` for comparisons).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Model,
    Compare,
}

impl BlockKind {
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Model => "model",
            BlockKind::Compare => "compare",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlockRule {
    pub kind: BlockKind,
    #[serde(default)]
    pub required: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SystemView {
    pub id: String,
    pub n: u8,
    pub name: String,
    pub about: String,
}

/// The kinds of taxonomy id an entry can refer to, for lookups and messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    Plane,
    Guarantee,
    Mechanism,
    Pattern,
    Company,
    Category,
    SystemView,
    Trigger,
    Impact,
    Detection,
}

impl Facet {
    /// The singular noun, for messages: "unknown company id".
    pub fn noun(self) -> &'static str {
        match self {
            Facet::Plane => "plane",
            Facet::Guarantee => "guarantee",
            Facet::Mechanism => "mechanism",
            Facet::Pattern => "pattern",
            Facet::Company => "company",
            Facet::Category => "category",
            Facet::SystemView => "system view",
            Facet::Trigger => "trigger",
            Facet::Impact => "impact",
            Facet::Detection => "detection",
        }
    }

    /// The front matter field that holds ids of this facet.
    pub fn field(self) -> &'static str {
        match self {
            Facet::Plane => "planes",
            Facet::Guarantee => "guarantees",
            Facet::Mechanism => "mechanisms",
            Facet::Pattern => "patterns",
            Facet::Company => "companies",
            Facet::Category => "category",
            Facet::SystemView => "system_view",
            Facet::Trigger => "trigger",
            Facet::Impact => "impact",
            Facet::Detection => "detection",
        }
    }
}

impl Taxonomy {
    /// Every id of one facet, in taxonomy order.
    pub fn ids(&self, facet: Facet) -> Vec<&str> {
        match facet {
            Facet::Plane => self.planes.iter().map(|p| p.id.as_str()).collect(),
            Facet::Guarantee => self.guarantees.iter().map(|t| t.id.as_str()).collect(),
            Facet::Mechanism => self.mechanisms.iter().map(|t| t.id.as_str()).collect(),
            Facet::Pattern => self.patterns.iter().map(|p| p.id.as_str()).collect(),
            Facet::Company => self.companies.iter().map(|c| c.id.as_str()).collect(),
            Facet::Category => self.categories.iter().map(|c| c.id.as_str()).collect(),
            Facet::SystemView => self.system_views.iter().map(|v| v.id.as_str()).collect(),
            Facet::Trigger => self.triggers.iter().map(|t| t.id.as_str()).collect(),
            Facet::Impact => self.impacts.iter().map(|t| t.id.as_str()).collect(),
            Facet::Detection => self.detections.iter().map(|t| t.id.as_str()).collect(),
        }
    }

    pub fn contains(&self, facet: Facet, id: &str) -> bool {
        self.ids(facet).contains(&id)
    }

    /// Human label for an id: "G-LIN Linearizability", "GitHub", "Edge".
    pub fn label(&self, facet: Facet, id: &str) -> Option<String> {
        let name = match facet {
            Facet::Plane => self
                .planes
                .iter()
                .find(|p| p.id == id)
                .map(|p| p.name.clone()),
            Facet::Guarantee => self
                .guarantees
                .iter()
                .find(|t| t.id == id)
                .map(|t| format!("{id} {}", t.name)),
            Facet::Mechanism => self
                .mechanisms
                .iter()
                .find(|t| t.id == id)
                .map(|t| format!("{id} {}", t.name)),
            Facet::Pattern => self
                .patterns
                .iter()
                .find(|p| p.id == id)
                .map(|p| format!("{id} {}", p.name)),
            Facet::Company => self
                .companies
                .iter()
                .find(|c| c.id == id)
                .map(|c| c.name.clone()),
            Facet::Category => self
                .categories
                .iter()
                .find(|c| c.id == id)
                .map(|c| c.name.clone()),
            Facet::SystemView => self
                .system_views
                .iter()
                .find(|v| v.id == id)
                .map(|v| v.name.clone()),
            Facet::Trigger | Facet::Impact | Facet::Detection => {
                let list = match facet {
                    Facet::Trigger => &self.triggers,
                    Facet::Impact => &self.impacts,
                    _ => &self.detections,
                };
                list.iter().find(|t| t.id == id).map(|t| t.name.clone())
            }
        };
        name
    }

    /// A technology's name, or its id when the taxonomy has none.
    pub fn technology_name(&self, id: &str) -> String {
        self.technologies
            .iter()
            .find(|t| t.id == id)
            .map(|t| t.name.clone())
            .unwrap_or_else(|| id.to_string())
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    pub fn plane(&self, id: &str) -> Option<&Plane> {
        self.planes.iter().find(|p| p.id == id)
    }

    /// (plane id, fill colour) pairs, as the diagram reader takes them.
    pub fn plane_colours(&self) -> Vec<(String, String)> {
        self.planes
            .iter()
            .map(|p| (p.id.clone(), p.colour.clone()))
            .collect()
    }

    /// The categories the 3 AM mode shows, in their rank order.
    pub fn first_aid_categories(&self) -> Vec<&Category> {
        let mut out: Vec<&Category> = self
            .categories
            .iter()
            .filter(|c| c.first_aid.is_some())
            .collect();
        out.sort_by_key(|c| c.first_aid);
        out
    }

    /// Problems in the taxonomy itself: duplicate ids and folders, malformed
    /// colours, unusable section rules. Each names the text to find on the
    /// line it is about (`at`, its `nth` occurrence, 0-based) so the loader
    /// can point at the line.
    pub fn problems(&self) -> Vec<TaxonomyProblem> {
        let mut out = Vec::new();
        let mut push = |at: &str, nth: usize, message: String| {
            out.push(TaxonomyProblem {
                at: at.to_string(),
                nth,
                message,
            })
        };
        for facet in [
            Facet::Plane,
            Facet::Guarantee,
            Facet::Mechanism,
            Facet::Pattern,
            Facet::Company,
            Facet::Category,
            Facet::SystemView,
        ] {
            let ids = self.ids(facet);
            for (i, id) in ids.iter().enumerate() {
                if ids[..i].contains(id) {
                    let nth = ids[..i].iter().filter(|x| *x == id).count();
                    push(
                        id,
                        nth,
                        format!("duplicate id `{id}` in `{}`", facet.field()),
                    );
                }
            }
        }
        for (i, t) in self.technologies.iter().enumerate() {
            if self.technologies[..i].iter().any(|o| o.id == t.id) {
                push(
                    &t.id,
                    1,
                    format!("duplicate id `{}` in `technologies`", t.id),
                );
            }
            for o in t.offers.iter().chain(t.multi_region.iter()) {
                if let Some(g) = &o.guarantee {
                    if !self.guarantees.iter().any(|x| &x.id == g) {
                        push(
                            &t.id,
                            0,
                            format!(
                                "technology `{}` offers `{g}`, which is not a guarantee id",
                                t.id
                            ),
                        );
                    }
                }
                if !o.source.starts_with("https://") {
                    push(&t.id, 0, format!("technology `{}`: each offer cites its documentation as an https:// URL (`source`)", t.id));
                } else if let Some(branch) = crate::source_url::moving_ref(&o.source) {
                    push(&t.id, 0, format!("technology `{}`: an offer's source links `{branch}` of a GitHub repository, which moves on: cite the commit you read", t.id));
                }
            }
            if t.offers.iter().any(|o| o.guarantee.is_none()) {
                push(
                    &t.id,
                    0,
                    format!(
                        "technology `{}`: each of `offers` names its `guarantee`",
                        t.id
                    ),
                );
            }
            for m in &t.mechanisms {
                if !self.mechanisms.iter().any(|x| &x.id == m) {
                    push(
                        &t.id,
                        0,
                        format!(
                            "technology `{}` uses `{m}`, which is not a mechanism id",
                            t.id
                        ),
                    );
                }
            }
        }
        for p in &self.planes {
            let hex = p.colour.strip_prefix('#').unwrap_or("");
            if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
                push(
                    &p.colour,
                    0,
                    format!(
                        "plane `{}` has colour `{}`; write it as #RRGGBB",
                        p.id, p.colour
                    ),
                );
            }
        }
        for (i, c) in self.categories.iter().enumerate() {
            if let Some(first) = self.categories[..i].iter().find(|o| o.dir == c.dir) {
                push(
                    &c.id,
                    0,
                    format!(
                        "categories `{}` and `{}` share the folder `{}`; give each its own `dir`",
                        first.id, c.id, c.dir
                    ),
                );
            }
            for s in &c.sections {
                if s.heading.trim().is_empty() || s.heading != s.heading.to_lowercase() {
                    push(
                        &c.id,
                        0,
                        format!(
                            "category `{}`: section heading `{}` must be a non-empty lowercase fragment of the heading text",
                            c.id, s.heading
                        ),
                    );
                }
            }
            if c.first_aid == Some(0) {
                push(
                    &c.id,
                    0,
                    format!("category `{}`: `first_aid` ranks start at 1", c.id),
                );
            }
        }
        out
    }
}

/// One problem in `taxonomy.yaml`, see [`Taxonomy::problems`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxonomyProblem {
    pub at: String,
    pub nth: usize,
    pub message: String,
}
