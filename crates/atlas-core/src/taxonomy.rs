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
        };
        name
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    pub fn plane(&self, id: &str) -> Option<&Plane> {
        self.planes.iter().find(|p| p.id == id)
    }

    /// Problems in the taxonomy itself: duplicate ids, malformed colours.
    /// Returned as plain messages; the loader adds the file name.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
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
                    out.push(format!("duplicate id `{id}` in `{}`", facet.field()));
                }
            }
        }
        for p in &self.planes {
            let hex = p.colour.strip_prefix('#').unwrap_or("");
            if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
                out.push(format!(
                    "plane `{}` has colour `{}`; write it as #RRGGBB",
                    p.id, p.colour
                ));
            }
        }
        out
    }
}
