use atlas_core::EntryMeta;
use leptos::prelude::*;

use crate::components::chips::{CompanyChips, PlaneChips};
use crate::state::Atlas;

/// Cards rendered at first, and added per "Show more": a category of
/// hundreds of entries does not build hundreds of cards up front.
const PAGE: usize = 40;

/// Entries as cards: title, summary, companies, date, planes, confidence;
/// the first [`PAGE`], then more on request.
#[component]
pub fn EntryList(entries: Vec<EntryMeta>) -> impl IntoView {
    let atlas = expect_context::<Atlas>();
    let total = entries.len();
    let entries = StoredValue::new(entries);
    let shown = RwSignal::new(PAGE.min(total));
    view! {
        <ul class="entry-list">
            <For
                each=move || entries.with_value(|all| all[..shown.get()].to_vec())
                key=|e| e.id.clone()
                children=move |e| {
                    let href = atlas.paths.entry(&e.id);
                    view! {
                        <li class="entry-card">
                            <a class="entry-title" href=href>{e.title.clone()}</a>
                            <p class="entry-summary">{e.summary.clone()}</p>
                            <p class="entry-facts">
                                {e.date.clone().map(|d| view! { <span class="date">{d}</span> })}
                                <CompanyChips companies=e.companies.clone() />
                                <PlaneChips planes=e.planes.clone() />
                                <span class="confidence" title=e.confidence.describe()>
                                    {format!("Confidence {:?}", e.confidence)}
                                </span>
                            </p>
                        </li>
                    }
                }
            />
        </ul>
        <Show when=move || { shown.get() < total }>
            <button type="button" class="show-more" on:click=move |_| shown.update(|n| *n = (*n + PAGE).min(total))>
                {move || format!("Show {} more of {}", PAGE.min(total - shown.get()), total - shown.get())}
            </button>
        </Show>
    }
}
