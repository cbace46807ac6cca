//! Small labelled links for taxonomy ids: planes in their colours,
//! guarantees, mechanisms and patterns linking to their concept entries.

use atlas_core::taxonomy::Facet;
use atlas_core::EntryMeta;
use leptos::prelude::*;

use crate::state::Atlas;

#[component]
pub fn PlaneChips(planes: Vec<String>) -> impl IntoView {
    let atlas = expect_context::<Atlas>();
    planes
        .into_iter()
        .map(|id| {
            let plane = atlas.index.taxonomy.plane(&id).cloned();
            let (name, colour) = plane
                .map(|p| (p.name, p.colour))
                .unwrap_or((id.clone(), "#888".into()));
            view! {
                <span class="chip plane" style=format!("--plane:{colour}")>{name}</span>
            }
        })
        .collect_view()
}

/// Guarantee, mechanism and pattern ids with names; linked when the atlas
/// has the concept entry.
#[component]
pub fn ConceptChips(meta: EntryMeta) -> impl IntoView {
    let atlas = expect_context::<Atlas>();
    let groups = [
        (Facet::Guarantee, meta.guarantees.clone()),
        (Facet::Mechanism, meta.mechanisms.clone()),
        (Facet::Pattern, meta.patterns.clone()),
    ];
    groups
        .into_iter()
        .flat_map(|(facet, ids)| ids.into_iter().map(move |id| (facet, id)))
        .filter(|(_, id)| meta.concept.as_deref() != Some(id.as_str()))
        .map(|(facet, id)| {
            let label = atlas
                .index
                .taxonomy
                .label(facet, &id)
                .unwrap_or_else(|| id.clone());
            match atlas.index.concept_entry(&id) {
                Some(e) => {
                    view! { <a class="chip concept" href=atlas.paths.entry(&e.id)>{label}</a> }
                        .into_any()
                }
                None => view! { <span class="chip concept">{label}</span> }.into_any(),
            }
        })
        .collect_view()
}

#[component]
pub fn CompanyChips(companies: Vec<String>) -> impl IntoView {
    let atlas = expect_context::<Atlas>();
    companies
        .into_iter()
        .map(|id| {
            let name = atlas
                .index
                .taxonomy
                .label(Facet::Company, &id)
                .unwrap_or(id);
            view! { <span class="chip company">{name}</span> }
        })
        .collect_view()
}
