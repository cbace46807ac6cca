//! The 3 AM mode: paste an error message or describe the symptom, get the
//! debugging guides and incidents that cover it, each with what to check
//! first. Reached with `!` from anywhere; keyboard only.

use atlas_core::first_aid::Closeness;
use atlas_core::taxonomy::Taxonomy;
use atlas_core::url_state::ExploreState;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::explorer_state::{go_to, open_entry, run_pasted, use_explorer};
use crate::components::results::{result_views, ResultList, SearchBox};
use crate::routes::explore::Notices;
use crate::state::Atlas;

/// Only the text is taken from the URL here; the page picks the categories
/// (those taxonomy.yaml marks `first_aid`).
fn first_aid_only(taxonomy: &Taxonomy, state: &mut ExploreState) {
    state.only_first_aid(taxonomy);
}

#[component]
pub fn FirstAidPage() -> impl IntoView {
    let atlas = expect_context::<Atlas>();
    crate::interop::set_title("3 AM · Atlas");
    let ex = use_explorer(first_aid_only, run_pasted);
    let state = ex.state;
    let results = {
        let atlas = atlas.clone();
        Signal::from(Memo::new(move |_| {
            ex.outcome.with(|o| {
                let mut views = ex.snippets.with(|sn| result_views(&atlas, o, sn, 50));
                // With nothing typed, in the categories' first-aid rank
                // (guides before incidents).
                if state.with(|s| s.query.trim().is_empty()) {
                    let taxonomy = &atlas.index.taxonomy;
                    views.sort_by_key(|v| taxonomy.category(&v.category).and_then(|c| c.first_aid));
                }
                views
            })
        }))
    };
    let total = Signal::from(Memo::new(move |_| ex.outcome.with(|o| o.rows.len())));
    let active = RwSignal::new(None::<usize>);
    let on_query = {
        let go = go_to(true);
        Callback::new(move |q: String| {
            let next = ExploreState {
                query: q,
                selection: Default::default(),
            };
            go(atlas.paths.first_aid(&next.to_query()));
        })
    };

    // Sent here by /alert/<name> when no guide lists that alert.
    let query_map = use_query_map();
    let unlisted_alert = move || query_map.read().get("alert");
    view! {
        <section class="first-aid">
            <h1>"3 AM: what is failing?"</h1>
            {move || unlisted_alert().map(|name| view! {
                <div class="notice" role="status">
                    <p>{format!("No guide lists the alert “{name}” yet. The results below only share words with its name: they are not an answer.")}</p>
                    <p>"To close the gap, add the alert to the "<code>"alerts:"</code>" of the guide that covers it (see CONTRIBUTING.md)."</p>
                </div>
            })}
            <p class="lede">"Paste the error message or describe the symptom. Debugging guides and incidents only; ↑ ↓ to choose, Enter to open, Esc to clear."</p>
            <Notices notices=Signal::derive(move || ex.parsed.with(|p| p.1.clone())) />
            <SearchBox
                value=Signal::derive(move || state.with(|s| s.query.clone()))
                label="Error message or symptom"
                placeholder="e.g. too many clients already, consumer lag, OOMKilled"
                on_change=on_query
                results=results
                active=active
                on_open=open_entry()
            />
            {move || (ex.outcome.with(|o| o.closeness) == Some(Closeness::Nearest) && total.get() > 0).then(|| view! {
                <p class="no-close-match" role="status">"No guide matches this message closely. The nearest entries, which may not be about your problem:"</p>
            })}
            <ResultList results=results active=active total=total />
        </section>
    }
}
