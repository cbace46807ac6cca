//! The state both search pages share: the explorer state read from the URL,
//! the outcome of running it against the atlas, and how to open a result.

use atlas_core::explore::{snippets, Outcome, Snippets};
use atlas_core::search::SearchIndex;
use atlas_core::taxonomy::Taxonomy;
use atlas_core::url_state::{comma_list, list_query, ExploreState};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
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
pub type Run = fn(&Atlas, Option<&SearchIndex>, &ExploreState) -> Outcome;

/// [`Run`] for a query (the explorer and its embed).
pub fn run_query(a: &Atlas, search: Option<&SearchIndex>, state: &ExploreState) -> Outcome {
    atlas_core::explore::explore(&a.index, &a.facets, search, state)
}

/// [`Run`] for a pasted message (the 3 AM page).
pub fn run_pasted(a: &Atlas, search: Option<&SearchIndex>, state: &ExploreState) -> Outcome {
    atlas_core::explore::explore_pasted(&a.index, &a.facets, a.messages(), search, state)
}

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
        Memo::new(move |_| state.with(|s| search.with(|si| run(&atlas, si, s))))
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

/// The address of `page` with `items` as a comma list in parameter `key`.
pub fn list_href(atlas: &Atlas, page: &str, key: &str, items: &[String]) -> String {
    match list_query(key, items) {
        q if q.is_empty() => atlas.paths.asset(page),
        q => atlas.paths.asset(&format!("{page}?{q}")),
    }
}

/// A list of ids kept in one query parameter of `page` (`/decide?g=…`,
/// `/incidents/timeline?ids=…`), and a toggle that adds or removes one
/// item as a new history entry.
pub fn use_list_in_url(
    key: &'static str,
    page: &'static str,
) -> (Memo<Vec<String>>, impl Fn(String) + Clone + 'static) {
    let atlas = expect_context::<Atlas>();
    let query = use_query_map();
    let items = Memo::new(move |_| {
        query
            .read()
            .get(key)
            .map(|v| comma_list(&v))
            .unwrap_or_default()
    });
    let go = go_to(false);
    let toggle = move |item: String| {
        let mut next = items.get_untracked();
        match next.iter().position(|x| *x == item) {
            Some(p) => {
                next.remove(p);
            }
            None => next.push(item),
        }
        // Other lists on the page (the decision page's constraints) stay.
        let current = query.get_untracked();
        let pairs: Vec<(&str, &str)> = current
            .latest_values()
            .map(|(k, v)| (k.as_ref(), v))
            .collect();
        let q = atlas_core::url_state::set_list(&pairs, key, &next);
        go(if q.is_empty() {
            atlas.paths.asset(page)
        } else {
            atlas.paths.asset(&format!("{page}?{q}"))
        });
    };
    (items, toggle)
}
