//! The atlas's progress, from the compiled index: entries and diagrams per
//! category against the targets, the systems × views grid, and how
//! many entries pass each quality gate. `atlas stats` prints it; the
//! progress page shows it.

use serde::Serialize;

use crate::model::Index;

/// Gates reported as warnings (see `gates`); hard rules always pass in a
/// compiled index, since bad content does not compile.
pub const WARNING_GATES: [&str; 3] = ["gate/sections", "gate/placeholder", "gate/estimates"];

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub entries: u32,
    pub diagrams: u32,
    pub target: u32,
    pub categories: Vec<CategoryStat>,
    pub systems: Vec<SystemRow>,
    /// System view ids, in order (the grid's columns).
    pub views: Vec<String>,
    pub gates: Vec<GateStat>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryStat {
    pub id: String,
    pub name: String,
    pub entries: u32,
    pub diagrams: u32,
    pub target: u32,
}

impl CategoryStat {
    /// Share of the target reached, 0–100.
    pub fn percent(&self) -> u32 {
        crate::model::percent_of(self.entries, self.target)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SystemRow {
    pub company: String,
    pub name: String,
    pub tier: u8,
    /// Per view (in `Stats::views` order), the entry id covering it.
    pub views: Vec<Option<String>>,
}

impl SystemRow {
    pub fn present(&self) -> usize {
        self.views.iter().filter(|v| v.is_some()).count()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GateStat {
    pub id: String,
    pub passing: u32,
    pub total: u32,
}

impl GateStat {
    pub fn percent(&self) -> u32 {
        crate::model::percent_of(self.passing, self.total)
    }
}

impl Stats {
    /// Systems with all eight views.
    pub fn complete_systems(&self) -> usize {
        self.systems
            .iter()
            .filter(|r| r.present() == self.views.len())
            .count()
    }

    pub fn from_index(index: &Index) -> Stats {
        let categories: Vec<CategoryStat> = index
            .coverage()
            .into_iter()
            .map(|c| CategoryStat {
                id: c.category.id.clone(),
                name: c.category.name.clone(),
                entries: c.entries,
                diagrams: c.diagrams,
                target: c.category.target,
            })
            .collect();
        let views: Vec<String> = index
            .taxonomy
            .system_views
            .iter()
            .map(|v| v.id.clone())
            .collect();
        let systems = index
            .taxonomy
            .companies
            .iter()
            .filter(|c| (1..=3).contains(&c.tier))
            .map(|c| SystemRow {
                company: c.id.clone(),
                name: c.name.clone(),
                tier: c.tier,
                views: views
                    .iter()
                    .map(|v| {
                        index
                            .entries
                            .iter()
                            .find(|e| {
                                e.system_view.as_deref() == Some(v)
                                    && e.companies.first() == Some(&c.id)
                            })
                            .map(|e| e.id.clone())
                    })
                    .collect(),
            })
            .collect();
        let total = index.entries.len() as u32;
        let gates = WARNING_GATES
            .iter()
            .map(|g| GateStat {
                id: g.to_string(),
                passing: total
                    - index
                        .entries
                        .iter()
                        .filter(|e| e.warnings.iter().any(|w| w == g))
                        .count() as u32,
                total,
            })
            .collect();
        Stats {
            entries: categories.iter().map(|c| c.entries).sum(),
            diagrams: categories.iter().map(|c| c.diagrams).sum(),
            target: categories.iter().map(|c| c.target).sum(),
            categories,
            systems,
            views,
            gates,
        }
    }
}
