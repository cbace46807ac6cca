use atlas_core::EntryMeta;
use leptos::prelude::*;

use crate::components::chips::{CompanyChips, PlaneChips};
use crate::state::Atlas;

/// Entries as cards: title, summary, companies, date, planes, confidence.
#[component]
pub fn EntryList(entries: Vec<EntryMeta>) -> impl IntoView {
    let atlas = expect_context::<Atlas>();
    view! {
        <ul class="entry-list">
            {entries
                .into_iter()
                .map(|e| {
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
                })
                .collect_view()}
        </ul>
    }
}
