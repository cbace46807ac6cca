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

/// A technology that offers some of the chosen guarantees, each in the
/// configuration its documentation names.
#[derive(Debug, Clone, PartialEq)]
pub struct TechOption {
    pub id: String,
    pub name: String,
    pub kind: String,
    /// (guarantee, configuration, documentation URL), for the chosen ones.
    pub offers: Vec<(String, String, String)>,
    /// Chosen guarantees it does not offer (by the taxonomy's data).
    pub missing: Vec<String>,
    /// With "multi-region": how it survives a region loss, and the source.
    pub multi_region: Option<(String, String)>,
    /// Why a constraint excludes it (the "why not?" line).
    pub why_not: Option<String>,
}

/// Constraints beyond the guarantees, from `?c=managed,multi-region`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Constraints {
    /// Offered as a managed service.
    pub managed: bool,
    /// Can be run by yourself.
    pub self_hosted: bool,
    /// Survives the loss of a region, in some documented configuration.
    pub multi_region: bool,
}

impl Constraints {
    /// The ids the URL and the page use, with what each means.
    pub const ALL: [(&'static str, &'static str); 3] = [
        ("managed", "available as a managed service"),
        ("self-hosted", "can be run yourself"),
        ("multi-region", "survives the loss of a region"),
    ];

    /// From the ids in the URL; unknown ones become notices.
    pub fn parse(ids: &[String]) -> (Constraints, Vec<String>) {
        let mut c = Constraints::default();
        let mut notices = Vec::new();
        for id in ids {
            match id.as_str() {
                "managed" => c.managed = true,
                "self-hosted" => c.self_hosted = true,
                "multi-region" => c.multi_region = true,
                other => notices.push(format!(
                    "“{other}” is not a constraint the atlas knows; it was left out."
                )),
            }
        }
        (c, notices)
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Decision {
    pub guarantees: Vec<String>,
    pub mechanisms: Vec<Provider>,
    pub patterns: Vec<Provider>,
    pub systems: Vec<SystemUse>,
    pub failures: Vec<Failure>,
    /// Technologies that offer chosen guarantees and meet the constraints.
    pub technologies: Vec<TechOption>,
    /// Those a constraint excludes, each with its "why not?".
    pub excluded: Vec<TechOption>,
    /// Comparison entries that cover a listed technology.
    pub comparisons: Vec<usize>,
}

/// The technologies offering some chosen guarantees, split by the constraints.
fn technologies(
    index: &Index,
    guarantees: &[String],
    constraints: Constraints,
) -> (Vec<TechOption>, Vec<TechOption>) {
    use crate::taxonomy::Hosting;
    let (mut kept, mut excluded) = (Vec::new(), Vec::new());
    for t in &index.taxonomy.technologies {
        let offers: Vec<(String, String, String)> = t
            .offers
            .iter()
            .filter_map(|o| {
                let g = o.guarantee.as_ref()?;
                guarantees
                    .contains(g)
                    .then(|| (g.clone(), o.when.clone(), o.source.clone()))
            })
            .collect();
        if offers.is_empty() {
            continue;
        }
        let missing = guarantees
            .iter()
            .filter(|g| !offers.iter().any(|o| &o.0 == *g))
            .cloned()
            .collect();
        let mut why = Vec::new();
        if constraints.managed && t.hosting == Hosting::SelfHosted {
            why.push(
                "the atlas knows it only as software you run yourself, not as a managed service",
            );
        }
        if constraints.self_hosted && t.hosting == Hosting::Managed {
            why.push("it exists only as a managed service");
        }
        if constraints.multi_region && t.multi_region.is_none() {
            why.push("its documentation (as the atlas records it) names no configuration that survives the loss of a region");
        }
        let option = TechOption {
            id: t.id.clone(),
            name: t.name.clone(),
            kind: t.kind.clone(),
            offers,
            missing,
            multi_region: t
                .multi_region
                .as_ref()
                .map(|o| (o.when.clone(), o.source.clone())),
            why_not: (!why.is_empty()).then(|| why.join("; ")),
        };
        if option.why_not.is_some() {
            excluded.push(option);
        } else {
            kept.push(option);
        }
    }
    let order = |a: &TechOption, b: &TechOption| {
        b.offers
            .len()
            .cmp(&a.offers.len())
            .then(a.name.cmp(&b.name))
    };
    kept.sort_by(order);
    excluded.sort_by(order);
    (kept, excluded)
}

/// The decision for the chosen guarantee ids; unknown ids become notices.
pub fn decide(index: &Index, chosen: &[String]) -> (Decision, Vec<String>) {
    decide_with(index, chosen, Constraints::default())
}

/// [`decide`] under constraints on how the technologies can be run.
pub fn decide_with(
    index: &Index,
    chosen: &[String],
    constraints: Constraints,
) -> (Decision, Vec<String>) {
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
    let (technologies, excluded) = technologies(index, &guarantees, constraints);
    let listed: Vec<&String> = technologies.iter().map(|t| &t.id).collect();
    let comparisons = index
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.compares.iter().any(|t| listed.contains(&t)))
        .map(|(i, _)| i)
        .collect();
    (
        Decision {
            guarantees,
            mechanisms,
            patterns,
            systems,
            failures,
            technologies,
            excluded,
            comparisons,
        },
        notices,
    )
}
