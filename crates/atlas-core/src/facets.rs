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
    /// Incidents: how it started, what users saw, how it was noticed,
    /// which guarantees and mechanisms failed.
    Trigger,
    Impact,
    Detection,
    Factor,
}

impl FacetKind {
    pub const ALL: [FacetKind; 12] = [
        FacetKind::Category,
        FacetKind::Plane,
        FacetKind::Company,
        FacetKind::Guarantee,
        FacetKind::Mechanism,
        FacetKind::Pattern,
        FacetKind::Confidence,
        FacetKind::Year,
        FacetKind::Trigger,
        FacetKind::Impact,
        FacetKind::Detection,
        FacetKind::Factor,
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
            FacetKind::Trigger => "trigger",
            FacetKind::Impact => "impact",
            FacetKind::Detection => "detection",
            FacetKind::Factor => "factor",
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
            FacetKind::Trigger => "Incident trigger",
            FacetKind::Impact => "Incident impact",
            FacetKind::Detection => "Incident detection",
            FacetKind::Factor => "Contributing factor",
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
            FacetKind::Trigger => Some(Facet::Trigger),
            FacetKind::Impact => Some(Facet::Impact),
            FacetKind::Detection => Some(Facet::Detection),
            FacetKind::Confidence | FacetKind::Year | FacetKind::Factor => None,
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
        FacetKind::Trigger => record(entry, |r| r.trigger.iter().cloned().collect()),
        FacetKind::Impact => record(entry, |r| r.impact.clone()),
        FacetKind::Detection => record(entry, |r| r.detection.iter().cloned().collect()),
        FacetKind::Factor => record(entry, |r| r.contributing_factors.clone()),
    }
}

fn record(
    entry: &EntryMeta,
    f: impl Fn(&crate::model::IncidentRecord) -> Vec<String>,
) -> Vec<String> {
    entry.record.as_ref().map(f).unwrap_or_default()
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
}

/// One value of a facet as the panel shows it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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

/// Every entry's facet values as small integers, built once per index so
/// that counting a facet change is integer work, not string work.
#[derive(Debug, Clone)]
pub struct FacetTable {
    /// Per facet kind, the values present in the atlas (display order).
    present: Vec<Vec<String>>,
    /// Per entry, per facet kind, indices into `present`.
    entries: Vec<[Vec<u16>; FacetKind::ALL.len()]>,
}

impl FacetTable {
    pub fn new(index: &Index) -> Self {
        let present_map = present_values(index);
        let present: Vec<Vec<String>> = FacetKind::ALL
            .iter()
            .map(|k| present_map[k].clone())
            .collect();
        let lookup: Vec<std::collections::HashMap<&str, u16>> = present
            .iter()
            .map(|vals| {
                vals.iter()
                    .enumerate()
                    .map(|(i, v)| (v.as_str(), i as u16))
                    .collect()
            })
            .collect();
        let entries = index
            .entries
            .iter()
            .map(|e| {
                std::array::from_fn(|k| {
                    values(e, FacetKind::ALL[k])
                        .iter()
                        .filter_map(|v| lookup[k].get(v.as_str()).copied())
                        .collect()
                })
            })
            .collect();
        FacetTable { present, entries }
    }

    /// The selection as per-kind flags over `present` values.
    fn flags(&self, selection: &Selection) -> Vec<Option<Vec<bool>>> {
        FacetKind::ALL
            .iter()
            .enumerate()
            .map(|(k, kind)| {
                selection
                    .get(*kind)
                    .map(|wanted| self.present[k].iter().map(|v| wanted.contains(v)).collect())
            })
            .collect()
    }

    /// Kinds (indices) the entry fails, at most two.
    fn failing(&self, entry: usize, flags: &[Option<Vec<bool>>]) -> (usize, [usize; 2]) {
        let mut n = 0;
        let mut which = [0; 2];
        for (k, f) in flags.iter().enumerate() {
            if let Some(f) = f {
                if !self.entries[entry][k].iter().any(|&v| f[v as usize]) {
                    which[n] = k;
                    n += 1;
                    if n == 2 {
                        break;
                    }
                }
            }
        }
        (n, which)
    }

    /// Entries of `candidates` that pass the selection, in order.
    pub fn filter(&self, candidates: &[usize], selection: &Selection) -> Vec<usize> {
        let flags = self.flags(selection);
        candidates
            .iter()
            .copied()
            .filter(|&e| self.failing(e, &flags).0 == 0)
            .collect()
    }

    /// Live counts for every facet. `candidates` are the entries still in
    /// play (all of them, or the search hits); values that occur nowhere in
    /// the atlas are left out, values with no match now get count 0.
    pub fn counts(
        &self,
        index: &Index,
        candidates: &[usize],
        selection: &Selection,
    ) -> Vec<FacetCounts> {
        let flags = self.flags(selection);
        let mut tally: Vec<Vec<u32>> = self.present.iter().map(|v| vec![0; v.len()]).collect();
        for &e in candidates {
            // With no facet failing, the entry counts for every facet; failing
            // exactly one facet F, it counts only for F (its own values there
            // would rescue it); failing two, for nothing.
            match self.failing(e, &flags) {
                (0, _) => {
                    for (k, t) in tally.iter_mut().enumerate() {
                        for &v in &self.entries[e][k] {
                            t[v as usize] += 1;
                        }
                    }
                }
                (1, [k, _]) => {
                    for &v in &self.entries[e][k] {
                        tally[k][v as usize] += 1;
                    }
                }
                _ => {}
            }
        }
        FacetKind::ALL
            .iter()
            .enumerate()
            .map(|(k, &kind)| FacetCounts {
                kind,
                values: self.present[k]
                    .iter()
                    .enumerate()
                    .map(|(i, v)| ValueCount {
                        value: v.clone(),
                        label: label(index, kind, v),
                        count: tally[k][i],
                        selected: selection.contains(kind, v),
                    })
                    .collect(),
            })
            .collect()
    }
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
        None if kind == FacetKind::Factor => index
            .taxonomy
            .label(Facet::Guarantee, value)
            .or_else(|| index.taxonomy.label(Facet::Mechanism, value))
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
        None if kind == FacetKind::Factor => {
            index.taxonomy.contains(Facet::Guarantee, value)
                || index.taxonomy.contains(Facet::Mechanism, value)
        }
        None => value.len() == 4 && value.parse::<u16>().is_ok(),
    }
}
