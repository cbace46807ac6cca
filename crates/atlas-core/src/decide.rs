//! The decision engine, from the index alone: for the guarantees an
//! architect needs, the mechanisms and patterns whose concept entries say
//! they provide them, the production systems whose views are tagged with
//! them, and the incidents where they (or those mechanisms) failed.

use crate::model::Index;
use crate::taxonomy::Facet;

/// A mechanism or pattern that provides some of the chosen guarantees.
#[derive(Debug, Clone, PartialEq)]
pub struct Provider {
    /// Taxonomy id (`M5`, `MP8`).
    pub id: String,
    pub label: String,
    /// Its concept entry.
    pub entry: usize,
    /// The chosen guarantees it provides.
    pub covers: Vec<String>,
}

/// A production system's view (an entry with a `system_view`) tagged with
/// some of the chosen guarantees.
#[derive(Debug, Clone, PartialEq)]
pub struct SystemUse {
    pub entry: usize,
    pub covers: Vec<String>,
    /// The providing mechanisms the view is tagged with.
    pub mechanisms: Vec<String>,
}

/// An incident where a chosen guarantee or a providing mechanism failed.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub entry: usize,
    pub factors: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Decision {
    pub guarantees: Vec<String>,
    pub mechanisms: Vec<Provider>,
    pub patterns: Vec<Provider>,
    pub systems: Vec<SystemUse>,
    pub failures: Vec<Failure>,
}

/// The decision for the chosen guarantee ids; unknown ids become notices.
pub fn decide(index: &Index, chosen: &[String]) -> (Decision, Vec<String>) {
    let taxonomy = &index.taxonomy;
    let mut notices = Vec::new();
    let mut guarantees: Vec<String> = Vec::new();
    for g in chosen {
        if taxonomy.contains(Facet::Guarantee, g) {
            if !guarantees.contains(g) {
                guarantees.push(g.clone());
            }
        } else {
            notices.push(format!(
                "“{g}” is not a guarantee id of the atlas; it was left out."
            ));
        }
    }
    if guarantees.is_empty() {
        return (Decision::default(), notices);
    }
    let covers = |list: &[String]| -> Vec<String> {
        guarantees
            .iter()
            .filter(|g| list.contains(g))
            .cloned()
            .collect()
    };
    let providers = |facet: Facet| -> Vec<Provider> {
        let mut out: Vec<Provider> = index
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| {
                let id = e.concept.as_ref()?;
                if !taxonomy.contains(facet, id) {
                    return None;
                }
                let c = covers(&e.guarantees);
                (!c.is_empty()).then(|| Provider {
                    id: id.clone(),
                    label: taxonomy.label(facet, id).unwrap_or_else(|| id.clone()),
                    entry: i,
                    covers: c,
                })
            })
            .collect();
        out.sort_by(|a, b| b.covers.len().cmp(&a.covers.len()).then(a.id.cmp(&b.id)));
        out
    };
    let mechanisms = providers(Facet::Mechanism);
    let patterns = providers(Facet::Pattern);
    let providing: Vec<&String> = mechanisms.iter().map(|m| &m.id).collect();
    let mut systems: Vec<SystemUse> = index
        .entries
        .iter()
        .enumerate()
        // A system's views are the entries with a system view.
        .filter(|(_, e)| e.system_view.is_some())
        .filter_map(|(i, e)| {
            let c = covers(&e.guarantees);
            (!c.is_empty()).then(|| SystemUse {
                entry: i,
                covers: c,
                mechanisms: e
                    .mechanisms
                    .iter()
                    .filter(|m| providing.contains(m))
                    .cloned()
                    .collect(),
            })
        })
        .collect();
    systems.sort_by(|a, b| {
        b.covers
            .len()
            .cmp(&a.covers.len())
            .then(b.mechanisms.len().cmp(&a.mechanisms.len()))
            .then(a.entry.cmp(&b.entry))
    });
    let failures: Vec<Failure> = index
        .entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let record = e.record.as_ref()?;
            let factors: Vec<String> = record
                .contributing_factors
                .iter()
                .filter(|f| guarantees.contains(f) || providing.contains(f))
                .cloned()
                .collect();
            (!factors.is_empty()).then_some(Failure { entry: i, factors })
        })
        .collect();
    (
        Decision {
            guarantees,
            mechanisms,
            patterns,
            systems,
            failures,
        },
        notices,
    )
}
