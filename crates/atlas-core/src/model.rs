//! The compiled content model: what the build hands to the app.

use serde::{Deserialize, Serialize};

use crate::taxonomy::Taxonomy;

/// How well the sources support an entry (spec §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Confidence {
    /// Definitive primary source.
    A,
    /// Strong inference from sources.
    B,
    /// Partial information.
    C,
}

impl Confidence {
    pub fn describe(self) -> &'static str {
        match self {
            Confidence::A => "A: definitive primary source",
            Confidence::B => "B: strong inference from sources",
            Confidence::C => "C: partial information",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub title: String,
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// ISO date of publication, as the source dates itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// ISO date the source was read: what an undated page (a price list)
    /// said on that day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read: Option<String>,
}

/// One entry as lists, filters and search results see it: its front matter
/// plus what the build derived from the body. What only the entry page needs
/// (body, sources, symptoms, technologies, links both ways) is an [`EntryDetail`] in a separate static file,
/// fetched when the entry is opened, so the first load stays small.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntryMeta {
    pub id: String,
    pub title: String,
    pub category: String,
    pub summary: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub companies: Vec<String>,
    pub planes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub guarantees: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mechanisms: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub patterns: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system_view: Option<String>,
    /// For guarantee, mechanism and pattern entries: the taxonomy id described.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concept: Option<String>,
    /// Incidents and debugging guides: the one thing to check first, shown
    /// in the 3 AM mode's results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_check: Option<String>,
    pub confidence: Confidence,
    /// Number of Mermaid diagrams in the body.
    pub diagrams: u32,
    /// Quality gates this entry does not pass yet (warnings), by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// Path of the [`EntryDetail`] file relative to the site root,
    /// content-hashed so it can be cached forever.
    pub detail: String,
    /// Entries of the 3 AM categories: their exact messages, which pasted
    /// errors are matched against (elsewhere only in the entry file).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub symptoms: Vec<String>,
    /// Debugging guides: the first command of their runbook, shown with a
    /// Copy button in the 3 AM mode's results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_move: Option<crate::runbook::FirstMove>,
    /// Comparison entries: the technology ids they compare (the decision
    /// page lists the comparisons that cover its technologies).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub compares: Vec<String>,
    /// Debugging guides: alert names that open this guide (`/alert/<name>`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alerts: Vec<String>,
    /// Incidents: the timeline and classification, for the statistics.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<IncidentRecord>,
}

/// An incident's published timeline (UTC, `YYYY-MM-DDTHH:MMZ` or a day
/// `YYYY-MM-DD`; None where not published) and its classification.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IncidentRecord {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detected: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mitigated: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub impact: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detection: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contributing_factors: Vec<String>,
}

impl EntryMeta {
    /// The name of the entry's category, and of its system view if it has
    /// one, as the entry's header shows them.
    pub fn category_and_view(&self, taxonomy: &crate::Taxonomy) -> (String, Option<String>) {
        use crate::taxonomy::Facet;
        let category = taxonomy
            .label(Facet::Category, &self.category)
            .unwrap_or_else(|| self.category.clone());
        let view = self
            .system_view
            .as_deref()
            .and_then(|v| taxonomy.label(Facet::SystemView, v));
        (category, view)
    }

    /// The year of the event, for entries that have a date.
    pub fn year(&self) -> Option<u16> {
        self.date.as_deref()?.get(..4)?.parse().ok()
    }
}

/// The part of an entry only its own page needs (kept out of the index so
/// the first load stays small as the atlas grows).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntryDetail {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub technologies: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<String>,
    /// Ids of entries that link here (by Markdown link, `related` or `links`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub backlinks: Vec<String>,
    /// Path of the source file in the repository.
    pub path: String,
    /// Exact messages and metric names the entry covers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub symptoms: Vec<String>,
    pub sources: Vec<Source>,
    /// Flowchart node id → entry id the node opens.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub links: std::collections::BTreeMap<String, String>,
    /// The Markdown body, front matter removed.
    pub body: String,
    /// Capacity and cost entries: the model a reader can change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<crate::model_calc::ModelSpec>,
    /// Comparison entries: the technologies side by side.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compare: Option<crate::compare::CompareSpec>,
}

/// The one small file the app reads first (`manifest.json`): the
/// content-hashed names of everything else, so an old index is never paired
/// with a new search file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// The [`Index`] file.
    pub index: String,
    pub search: SearchManifest,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchManifest {
    /// The vocabulary (an FST).
    pub terms: String,
    /// The documents' field lengths.
    pub docs: String,
    /// Postings shards: the ordinal of each shard's first term and its file.
    pub shards: Vec<(u32, String)>,
}

impl Manifest {
    /// Every file the manifest names (entry files are named by the index).
    pub fn files(&self) -> Vec<&str> {
        let mut out = vec![
            self.index.as_str(),
            self.search.terms.as_str(),
            self.search.docs.as_str(),
        ];
        out.extend(self.search.shards.iter().map(|(_, f)| f.as_str()));
        out
    }
}

/// Everything the app needs to list, filter and open entries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Index {
    pub taxonomy: Taxonomy,
    /// Sorted by category (taxonomy order), then title.
    pub entries: Vec<EntryMeta>,
}

/// Entries and diagrams of one category against its target.
#[derive(Debug, Clone, PartialEq)]
pub struct Coverage<'a> {
    pub category: &'a crate::taxonomy::Category,
    pub entries: u32,
    pub diagrams: u32,
}

impl Coverage<'_> {
    /// Share of the target reached, 0–100 (capped).
    pub fn percent(&self) -> u32 {
        percent_of(self.entries, self.category.target)
    }
}

/// `count` as a share of `target`, 0–100 (capped; an empty target is met).
pub fn percent_of(count: u32, target: u32) -> u32 {
    (count * 100)
        .checked_div(target)
        .map_or(100, |p| p.min(100))
}

impl Index {
    pub fn entry(&self, id: &str) -> Option<&EntryMeta> {
        self.entries.iter().find(|e| e.id == id)
    }

    pub fn in_category<'a>(
        &'a self,
        category: &'a str,
    ) -> impl Iterator<Item = &'a EntryMeta> + 'a {
        self.entries.iter().filter(move |e| e.category == category)
    }

    /// Coverage per category, in taxonomy order.
    pub fn coverage(&self) -> Vec<Coverage<'_>> {
        self.taxonomy
            .categories
            .iter()
            .map(|category| {
                let (entries, diagrams) = self
                    .in_category(&category.id)
                    .fold((0, 0), |(n, d), e| (n + 1, d + e.diagrams));
                Coverage {
                    category,
                    entries,
                    diagrams,
                }
            })
            .collect()
    }

    /// Entries tagged with a guarantee, mechanism or pattern id, grouped by
    /// category in taxonomy order (for the concept entry's cross-references).
    pub fn tagged_with<'a>(
        &'a self,
        taxonomy_id: &str,
    ) -> Vec<(&'a crate::taxonomy::Category, Vec<&'a EntryMeta>)> {
        let tagged = |e: &&EntryMeta| {
            e.concept.as_deref() != Some(taxonomy_id)
                && [&e.guarantees, &e.mechanisms, &e.patterns]
                    .iter()
                    .any(|l| l.iter().any(|x| x == taxonomy_id))
        };
        self.taxonomy
            .categories
            .iter()
            .map(|c| {
                (
                    c,
                    self.in_category(&c.id).filter(tagged).collect::<Vec<_>>(),
                )
            })
            .filter(|(_, list)| !list.is_empty())
            .collect()
    }

    /// The concept entry describing a taxonomy id, e.g. the page for `G-LIN`.
    /// The entries the home page lists for 3 AM, and the list's heading
    /// ("At 3 AM: debugging guides and incident anatomies").
    pub fn first_aid(&self) -> (String, Vec<&EntryMeta>) {
        let categories = self.taxonomy.first_aid_categories();
        let entries = self
            .entries
            .iter()
            .filter(|e| categories.iter().any(|c| c.id == e.category))
            .collect();
        let heading = format!(
            "At 3 AM: {}",
            categories
                .iter()
                .map(|c| c.name.to_lowercase())
                .collect::<Vec<_>>()
                .join(" and ")
        );
        (heading, entries)
    }

    /// The category whose entries carry incident records (taxonomy.yaml
    /// makes a category require them), for links to the filtered list.
    pub fn incident_category(&self) -> Option<&str> {
        self.entries
            .iter()
            .find(|e| e.record.is_some())
            .map(|e| e.category.as_str())
    }

    /// The guides an alert opens. Case does not matter: alerting tools
    /// often lowercase the name in runbook URLs (kubernetes-mixin does).
    pub fn entries_for_alert(&self, name: &str) -> Vec<&EntryMeta> {
        self.entries
            .iter()
            .filter(|e| e.alerts.iter().any(|a| a.eq_ignore_ascii_case(name)))
            .collect()
    }

    pub fn concept_entry(&self, taxonomy_id: &str) -> Option<&EntryMeta> {
        self.entries
            .iter()
            .find(|e| e.concept.as_deref() == Some(taxonomy_id))
    }
}
