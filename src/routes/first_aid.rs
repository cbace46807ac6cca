//! The 3 AM mode: paste an error message or describe the symptom, get the
//! debugging guides and incidents that cover it, each with what to check
//! first. Reached with `!` from anywhere; keyboard only.

use atlas_core::explore::explore;
use atlas_core::facets::FacetKind;
use atlas_core::url_state::ExploreState;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::components::results::{result_views, ResultList, SearchBox};
use crate::routes::explore::Notices;
use crate::state::{Atlas, Search};

/// The categories an on-call engineer needs first.
const FIRST_AID: [&str; 2] = ["debugging", "incident"];

#[component]
pub fn FirstAidPage() -> impl IntoView {
    let atlas = expect_context::<Atlas>();
    let search = expect_context::<Search>();
    search.want();
    crate::interop::set_title("3 AM · Atlas");
    let location = use_location();
    let navigate = use_navigate();

    let parsed = {
        let atlas = atlas.clone();
        Memo::new(move |_| {
            let (mut state, notices) = ExploreState::parse(&location.search.get(), &atlas.index);
            // Only the text is taken from the URL here; the page picks the categories.
            state.selection = Default::default();
            for c in FIRST_AID {
                state.selection.insert(FacetKind::Category, c);
            }
            (state, notices)
        })
    };
    let state = Memo::new(move |_| parsed.with(|p| p.0.clone()));
    let outcome = {
        let atlas = atlas.clone();
        Memo::new(move |_| {
            let searcher = search.ready();
            state.with(|s| {
                explore(
                    &atlas.index,
                    &atlas.facets,
                    searcher.as_ref().map(|s| (&s.index, &s.data)),
                    s,
                )
            })
        })
    };
    let results = {
        let atlas = atlas.clone();
        Signal::derive(move || {
            outcome.with(|o| {
                let mut views = result_views(&atlas, o, 50);
                // Guides before incidents when nothing is typed.
                if state.with(|s| s.query.trim().is_empty()) {
                    views.sort_by_key(|v| v.kind != "Debugging guides");
                }
                views
            })
        })
    };
    let total = Signal::derive(move || outcome.with(|o| o.rows.len()));
    let active = RwSignal::new(None::<usize>);
    let on_query = {
        let atlas = atlas.clone();
        let navigate = navigate.clone();
        Callback::new(move |q: String| {
            let next = ExploreState {
                query: q,
                selection: Default::default(),
            };
            let href = atlas.paths.first_aid(&next.to_query());
            navigate(
                atlas.paths.route(&href),
                NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..Default::default()
                },
            );
        })
    };
    let on_open = {
        let atlas = atlas.clone();
        Callback::new(move |id: String| {
            navigate(
                atlas.paths.route(&atlas.paths.entry(&id)),
                Default::default(),
            )
        })
    };

    view! {
        <section class="first-aid">
            <h1>"3 AM: what is failing?"</h1>
            <p class="lede">"Paste the error message or describe the symptom. Debugging guides and incidents only; ↑ ↓ to choose, Enter to open, Esc to clear."</p>
            <Notices notices=Signal::derive(move || parsed.with(|p| p.1.clone())) />
            <SearchBox
                value=Signal::derive(move || state.with(|s| s.query.clone()))
                label="Error message or symptom"
                placeholder="e.g. too many clients already, consumer lag, OOMKilled"
                on_change=on_query
                results=results
                active=active
                on_open=on_open
            />
            <ResultList results=results active=active total=total />
        </section>
    }
}
