//! Faceted filtering with live counts: AND across facets, OR within one.
//! A value's count is how many entries would match if it were the only value
//! ticked in its facet, given the other facets' selections (the usual
//! "disjunctive" counts), so ticking a value never makes its own count lie.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Confidence, EntryMeta, Index};
use crate::taxonomy::Facet;

/// The facets the explorer filters by, in the order the panel shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FacetKind {
    Category,
    Plane,
    Company,
    Guarantee,
    Mechanism,
    Pattern,
    Confidence,
    Year,
}

impl FacetKind {
    pub const ALL: [FacetKind; 8] = [
        FacetKind::Category,
        FacetKind::Plane,
        FacetKind::Company,
        FacetKind::Guarantee,
        FacetKind::Mechanism,
        FacetKind::Pattern,
        FacetKind::Confidence,
        FacetKind::Year,
    ];

    /// The URL parameter name.
    pub fn key(self) -> &'static str {
        match self {
            FacetKind::Category => "category",
            FacetKind::Plane => "plane",
            FacetKind::Company => "company",
            FacetKind::Guarantee => "guarantee",
            FacetKind::Mechanism => "mechanism",
            FacetKind::Pattern => "pattern",
            FacetKind::Confidence => "confidence",
            FacetKind::Year => "year",
        }
    }

    pub fn from_key(key: &str) -> Option<FacetKind> {
        FacetKind::ALL.into_iter().find(|k| k.key() == key)
    }

    pub fn title(self) -> &'static str {
        match self {
            FacetKind::Category => "Category",
            FacetKind::Plane => "Plane",
            FacetKind::Company => "Company",
            FacetKind::Guarantee => "Guarantee",
            FacetKind::Mechanism => "Mechanism",
            FacetKind::Pattern => "Pattern",
            FacetKind::Confidence => "Confidence",
            FacetKind::Year => "Year",
        }
    }

    fn taxonomy_facet(self) -> Option<Facet> {
        match self {
            FacetKind::Category => Some(Facet::Category),
            FacetKind::Plane => Some(Facet::Plane),
            FacetKind::Company => Some(Facet::Company),
            FacetKind::Guarantee => Some(Facet::Guarantee),
            FacetKind::Mechanism => Some(Facet::Mechanism),
            FacetKind::Pattern => Some(Facet::Pattern),
            FacetKind::Confidence | FacetKind::Year => None,
        }
    }
}

/// An entry's values for one facet.
pub fn values(entry: &EntryMeta, kind: FacetKind) -> Vec<String> {
    match kind {
        FacetKind::Category => vec![entry.category.clone()],
        FacetKind::Plane => entry.planes.clone(),
        FacetKind::Company => entry.companies.clone(),
        FacetKind::Guarantee => entry.guarantees.clone(),
        FacetKind::Mechanism => entry.mechanisms.clone(),
        FacetKind::Pattern => entry.patterns.clone(),
        FacetKind::Confidence => vec![format!("{:?}", entry.confidence)],
        FacetKind::Year => entry.year().map(|y| y.to_string()).into_iter().collect(),
    }
}

/// The ticked values, per facet. Empty facets are absent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection(BTreeMap<FacetKind, BTreeSet<String>>);

impl Selection {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, kind: FacetKind) -> Option<&BTreeSet<String>> {
        self.0.get(&kind)
    }

    pub fn contains(&self, kind: FacetKind, value: &str) -> bool {
        self.0.get(&kind).is_some_and(|s| s.contains(value))
    }

    pub fn iter(&self) -> impl Iterator<Item = (FacetKind, &BTreeSet<String>)> {
        self.0.iter().map(|(k, v)| (*k, v))
    }

    pub fn insert(&mut self, kind: FacetKind, value: impl Into<String>) {
        self.0.entry(kind).or_default().insert(value.into());
    }

    /// Ticks or unticks one value.
    pub fn toggle(&mut self, kind: FacetKind, value: &str) {
        let set = self.0.entry(kind).or_default();
        if !set.remove(value) {
            set.insert(value.to_string());
        }
        if set.is_empty() {
            self.0.remove(&kind);
        }
    }

    pub fn clear(&mut self, kind: FacetKind) {
        self.0.remove(&kind);
    }

    /// Does the entry pass every facet (ignoring `except`)?
    pub fn matches(&self, entry: &EntryMeta, except: Option<FacetKind>) -> bool {
        self.0.iter().all(|(kind, wanted)| {
            Some(*kind) == except || values(entry, *kind).iter().any(|v| wanted.contains(v))
        })
    }
}

/// One value of a facet as the panel shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueCount {
    pub value: String,
    /// "G-LIN Linearizability", "GitHub", "2018".
    pub label: String,
    pub count: u32,
    pub selected: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCounts {
    pub kind: FacetKind,
    pub values: Vec<ValueCount>,
}

/// Live counts for every facet. `candidates` are the entries still in play
/// (all of them, or the search hits); values that occur nowhere in the atlas
/// are left out, values with no match in the current view get count 0.
pub fn counts(index: &Index, candidates: &[usize], selection: &Selection) -> Vec<FacetCounts> {
    let mut tallies: BTreeMap<FacetKind, BTreeMap<String, u32>> = BTreeMap::new();
    for &i in candidates {
        let entry = &index.entries[i];
        // Which facets does the entry fail? With none failing it counts for
        // every facet; failing exactly one facet F, it counts only for F (its
        // own values there would rescue it); failing two, for nothing.
        let failed: Vec<FacetKind> = selection
            .iter()
            .filter(|(kind, wanted)| !values(entry, *kind).iter().any(|v| wanted.contains(v)))
            .map(|(k, _)| k)
            .take(2)
            .collect();
        let kinds: Vec<FacetKind> = match failed.as_slice() {
            [] => FacetKind::ALL.to_vec(),
            [only] => vec![*only],
            _ => continue,
        };
        for kind in kinds {
            let t = tallies.entry(kind).or_default();
            for v in values(entry, kind) {
                *t.entry(v).or_default() += 1;
            }
        }
    }
    let present = present_values(index);
    FacetKind::ALL
        .into_iter()
        .map(|kind| {
            let tally = tallies.get(&kind);
            let values = present[&kind]
                .iter()
                .map(|v| ValueCount {
                    value: v.clone(),
                    label: label(index, kind, v),
                    count: tally.and_then(|t| t.get(v)).copied().unwrap_or(0),
                    selected: selection.contains(kind, v),
                })
                .collect();
            FacetCounts { kind, values }
        })
        .collect()
}

/// Values that occur in at least one entry, in taxonomy order (years newest
/// first, confidence A–C).
pub fn present_values(index: &Index) -> BTreeMap<FacetKind, Vec<String>> {
    let mut out = BTreeMap::new();
    for kind in FacetKind::ALL {
        let seen: BTreeSet<String> = index.entries.iter().flat_map(|e| values(e, kind)).collect();
        let ordered: Vec<String> = match kind.taxonomy_facet() {
            Some(f) => index
                .taxonomy
                .ids(f)
                .into_iter()
                .filter(|id| seen.contains(*id))
                .map(str::to_string)
                .collect(),
            None if kind == FacetKind::Year => seen.into_iter().rev().collect(),
            None => seen.into_iter().collect(),
        };
        out.insert(kind, ordered);
    }
    out
}

pub fn label(index: &Index, kind: FacetKind, value: &str) -> String {
    match kind.taxonomy_facet() {
        Some(f) => index
            .taxonomy
            .label(f, value)
            .unwrap_or_else(|| value.to_string()),
        None if kind == FacetKind::Confidence => match value {
            "A" => Confidence::A.describe().to_string(),
            "B" => Confidence::B.describe().to_string(),
            "C" => Confidence::C.describe().to_string(),
            other => other.to_string(),
        },
        None => value.to_string(),
    }
}

/// Is `value` a possible value of `kind` in this atlas?
pub fn is_known(index: &Index, kind: FacetKind, value: &str) -> bool {
    match kind.taxonomy_facet() {
        Some(f) => index.taxonomy.contains(f, value),
        None if kind == FacetKind::Confidence => matches!(value, "A" | "B" | "C"),
        None => value.len() == 4 && value.parse::<u16>().is_ok(),
    }
}
