//! The shell: loads the index once, then routes.

use std::sync::Arc;

use atlas_core::facets::FacetTable;
use atlas_core::model::Manifest;
use atlas_core::{Index, SitePaths};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::header::Header;
use crate::routes::embed::{EmbedEntryPage, EmbedExplorePage};
use crate::routes::{
    category::CategoryPage, entry::EntryPage, explore::ExplorePage, first_aid::FirstAidPage,
    home::HomePage, not_found::NotFound,
};
use crate::state::{Atlas, FocusSearch, Search, Theme, UpdateReady};

#[component]
pub fn App() -> impl IntoView {
    let paths = SitePaths::new(&crate::interop::base_path());
    provide_context(Theme::init());
    provide_context(FocusSearch(RwSignal::new(0)));
    let update = RwSignal::new(false);
    provide_context(UpdateReady(update));
    crate::interop::register_service_worker(&paths.asset("sw.js"), &paths.home(), move || {
        update.set(true)
    });
    let index = {
        let paths = paths.clone();
        LocalResource::new(move || load_index(paths.clone()))
    };
    let base = paths.base().to_string();
    let home = paths.home();

    view! {
        <Router base=base>
            <Header home=home />
            <main id="main">
                {move || match index.get() {
                    None => view! { <p class="loading" aria-live="polite">"Loading the atlas…"</p> }.into_any(),
                    Some(Err(message)) => view! {
                        <section class="problem" role="alert">
                            <h1>"The atlas could not start"</h1>
                            <p>{message}</p>
                            <p>"Reload the page to try again."</p>
                        </section>
                    }.into_any(),
                    Some(Ok((manifest, index))) => {
                        let facets = Arc::new(FacetTable::new(&index));
                        let entries = crate::data::Entries::new();
                        if let Some((path, detail)) = crate::prerendered::entry_seed() {
                            entries.seed(path, detail);
                        }
                        let atlas = Atlas { index, entries, facets, messages: Default::default(), paths: paths.clone() };
                        view! { <Loaded atlas=atlas manifest=manifest /> }.into_any()
                    }
                }}
            </main>
        </Router>
    }
}

/// The manifest, then the index it names (content-hashed, so the two always
/// belong to the same build).
async fn load_index(paths: SitePaths) -> Result<(Arc<Manifest>, Arc<Index>), String> {
    let manifest: Manifest = crate::data::json(&paths.asset("manifest.json"))
        .await
        .map_err(|e| format!("The atlas's manifest did not load: {e}."))?;
    let index: Index = crate::data::json(&paths.asset(&manifest.index))
        .await
        .map_err(|e| format!("The index did not load: {e}."))?;
    Ok((Arc::new(manifest), Arc::new(index)))
}

#[component]
fn Loaded(atlas: Atlas, manifest: Arc<Manifest>) -> impl IntoView {
    provide_context(Search::new(manifest));
    let paths = atlas.paths.clone();
    provide_context(atlas);
    crate::components::keys::global_shortcuts();
    // Effects run after the first render of the route below.
    Effect::new(|_| crate::prerendered::hand_over());
    {
        let navigate = leptos_router::hooks::use_navigate();
        crate::interop::set_navigator(move |href| navigate(paths.route(&href), Default::default()));
    }
    view! {
        <Routes fallback=|| view! { <NotFound message="There is no page at this address.".to_string() /> }>
            <Route path=path!("/") view=HomePage />
            <Route path=path!("/explore") view=ExplorePage />
            <Route path=path!("/3am") view=FirstAidPage />
            <Route path=path!("/progress") view=crate::routes::progress::ProgressPage />
            <Route path=path!("/decide") view=crate::routes::decide::DecidePage />
            <Route path=path!("/incidents/stats") view=crate::routes::incidents::IncidentStatsPage />
            <Route path=path!("/incidents/timeline") view=crate::routes::incidents::IncidentTimelinePage />
            <Route path=path!("/c/:category") view=CategoryPage />
            <Route path=path!("/e/:id") view=EntryPage />
            <Route path=path!("/alert/:name") view=crate::routes::alert::AlertPage />
            <Route path=path!("/embed/e/:id") view=EmbedEntryPage />
            <Route path=path!("/embed/explore") view=EmbedExplorePage />
            <Route path=path!("/embed/decide") view=crate::routes::decide::EmbedDecidePage />
        </Routes>
    }
}
