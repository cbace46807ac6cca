//! The explorer: full-text search and facets together, all of it in the URL.

use atlas_core::facets::FacetKind;
use atlas_core::url_state::ExploreState;
use leptos::prelude::*;

use crate::components::explorer_state::{go_to, open_entry, run_query, use_explorer};
use crate::components::facet_panel::FacetPanel;
use crate::components::results::{result_views, ResultList, SearchBox};
use crate::state::{Atlas, Search};

/// Rows rendered at once; the count says how many more match.
const SHOWN: usize = 100;

#[component]
pub fn ExplorePage() -> impl IntoView {
    let atlas = expect_context::<Atlas>();
    crate::interop::set_title("Explore · Atlas");
    let ex = use_explorer(|_, _| {}, run_query);
    let (parsed, state, outcome) = (ex.parsed, ex.state, ex.outcome);
    let results = {
        let atlas = atlas.clone();
        Signal::from(Memo::new(move |_| {
            outcome.with(|o| ex.snippets.with(|sn| result_views(&atlas, o, sn, SHOWN)))
        }))
    };
    let total = Signal::from(Memo::new(move |_| outcome.with(|o| o.rows.len())));
    let counts = Signal::from(Memo::new(move |_| outcome.with(|o| o.counts.clone())));
    let active = RwSignal::new(None::<usize>);

    // Typing replaces the history entry; ticking a facet adds one, so back
    // steps through filter changes, not keystrokes.
    let go = {
        let (replace, push) = (go_to(true), go_to(false));
        move |next: ExploreState, replacing: bool| {
            let href = atlas.paths.explore(&next.to_query());
            if replacing {
                replace(href)
            } else {
                push(href)
            }
        }
    };
    let on_query = {
        let go = go.clone();
        Callback::new(move |q: String| {
            let mut next = state.get_untracked();
            next.query = q;
            go(next, true);
        })
    };
    let on_toggle = {
        let go = go.clone();
        Callback::new(move |(kind, value): (FacetKind, String)| {
            let mut next = state.get_untracked();
            next.selection.toggle(kind, &value);
            go(next, false);
        })
    };
    let on_clear = Callback::new(move |kind: Option<FacetKind>| {
        let mut next = state.get_untracked();
        match kind {
            Some(k) => next.selection.clear(k),
            None => next.selection = Default::default(),
        }
        go(next, false);
    });
    let on_open = open_entry();
    let search = expect_context::<Search>();

    view! {
        <h1>"Explore the atlas"</h1>
        <Notices notices=Signal::derive(move || parsed.with(|p| p.1.clone())) />
        <div class="explorer">
            <div class="explorer-search">
                <SearchBox
                    value=Signal::derive(move || state.with(|s| s.query.clone()))
                    label="Search the atlas"
                    placeholder="Search titles, symptoms, technologies, text…  ( / )"
                    on_change=on_query
                    results=results
                    active=active
                    on_open=on_open
                />
                {move || search.error().map(|e| view! { <p class="notice" role="status">{format!("Search is updating: reload the page ({e}).")}</p> })}
            </div>
            <FacetPanel
                counts=counts
                any_selected=Signal::derive(move || state.with(|s| !s.selection.is_empty()))
                on_toggle=on_toggle
                on_clear=on_clear
            />
            <section class="explorer-main" aria-label="Search results">
                <ResultList results=results active=active total=total />
            </section>
        </div>
    }
}

/// What the URL held that the page could not use.
#[component]
pub fn Notices(notices: Signal<Vec<String>>) -> impl IntoView {
    move || {
        let list = notices.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="notice" role="status">
                    <ul>{list.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                </div>
            }
        })
    }
}
