//! The state both search pages share: the explorer state read from the URL,
//! the outcome of running it against the atlas, and how to open a result.

use atlas_core::explore::{snippets, Outcome, Snippets};
use atlas_core::facets::FacetTable;
use atlas_core::search::SearchIndex;
use atlas_core::taxonomy::Taxonomy;
use atlas_core::url_state::ExploreState;
use atlas_core::Index;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::state::{Atlas, Search};

#[derive(Clone, Copy)]
pub struct Explorer {
    /// The state and the notices about what the URL held that was ignored.
    pub parsed: Memo<(ExploreState, Vec<String>)>,
    pub state: Memo<ExploreState>,
    pub outcome: Memo<Outcome>,
    /// Snippets of the first rows, filled in as their text arrives.
    pub snippets: Memo<Snippets>,
}

/// How a page runs its state: `explore` (a query) or `explore_pasted` (a
/// pasted error message, read as evidence).
pub type Run = fn(&Index, &FacetTable, Option<&SearchIndex>, &ExploreState) -> Outcome;

/// Reads the URL into an [`ExploreState`], `adjust`ed by the page (the 3 AM
/// page fixes the categories), and runs it; loads full-text search.
pub fn use_explorer(adjust: fn(&Taxonomy, &mut ExploreState), run: Run) -> Explorer {
    let atlas = expect_context::<Atlas>();
    let search = expect_context::<Search>();
    search.want(&atlas.paths);
    let location = use_location();
    let parsed = {
        let atlas = atlas.clone();
        Memo::new(move |_| {
            let (mut state, notices) = ExploreState::parse(&location.search.get(), &atlas.index);
            adjust(&atlas.index.taxonomy, &mut state);
            (state, notices)
        })
    };
    let state = Memo::new(move |_| parsed.with(|p| p.0.clone()));
    let outcome = {
        let atlas = atlas.clone();
        Memo::new(move |_| {
            state.with(|s| search.with(|si| run(&atlas.index, &atlas.facets, si, s)))
        })
    };
    let snippets = Memo::new(move |_| {
        outcome.with(|o| {
            search.with_texts(|si, texts| match si {
                Some(si) => snippets(si, o, &|d: usize| texts.get(&d)),
                None => Snippets::default(),
            })
        })
    });
    // Fetch what the results lack: postings shards, then snippet text.
    let paths = atlas.paths.clone();
    Effect::new(move |_| outcome.with(|o| search.load_shards(&paths, &o.missing_shards)));
    Effect::new(move |_| snippets.with(|s| search.load_texts(&atlas, &s.wants_text)));
    Explorer {
        parsed,
        state,
        outcome,
        snippets,
    }
}

/// Navigates within the app to a site path (with base), replacing the
/// history entry or not, keeping the scroll position.
pub fn go_to(replace: bool) -> impl Fn(String) + Clone + 'static {
    let atlas = expect_context::<Atlas>();
    let navigate = use_navigate();
    move |href: String| {
        navigate(
            atlas.paths.route(&href),
            NavigateOptions {
                replace,
                scroll: false,
                ..Default::default()
            },
        )
    }
}

/// Opens an entry by id.
pub fn open_entry() -> Callback<String> {
    let atlas = expect_context::<Atlas>();
    let go = go_to(false);
    Callback::new(move |id: String| go(atlas.paths.entry(&id)))
}
