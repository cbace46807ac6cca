//! What every page reads: the compiled index, the site's paths, the theme.

use std::sync::Arc;

use atlas_core::facets::FacetTable;
use atlas_core::search::{SearchData, SearchIndex};
use atlas_core::{Index, SitePaths};
use leptos::prelude::*;

#[derive(Clone)]
pub struct Atlas {
    pub index: Arc<Index>,
    /// Facet values as integers, for fast live counts.
    pub facets: Arc<FacetTable>,
    pub paths: SitePaths,
}

impl Atlas {
    /// URL of the Mermaid ES module, copied into the site at build time.
    pub fn mermaid_url(&self) -> String {
        self.paths.asset("vendor/mermaid/mermaid.esm.min.mjs")
    }
}

/// Light or dark; follows the OS until the reader toggles it.
#[derive(Clone, Copy)]
pub struct Theme {
    pub dark: RwSignal<bool>,
}

impl Theme {
    pub fn init() -> Self {
        let dark = RwSignal::new(crate::interop::initial_theme_is_dark());
        crate::interop::apply_theme(dark.get_untracked(), false);
        crate::interop::on_system_theme(move |is_dark| {
            dark.set(is_dark);
            crate::interop::apply_theme(is_dark, false);
        });
        Theme { dark }
    }

    pub fn toggle(&self) {
        let next = !self.dark.get_untracked();
        self.dark.set(next);
        crate::interop::apply_theme(next, true);
    }
}

/// The full-text index, fetched and built the first time a page asks for it
/// (not at start-up: the first load stays small).
#[derive(Clone, Copy)]
pub struct Search {
    wanted: RwSignal<bool>,
    pub loaded: LocalResource<Result<Arc<Searcher>, String>>,
}

pub struct Searcher {
    pub index: SearchIndex,
    pub data: SearchData,
}

impl Search {
    pub fn new(url: String) -> Self {
        let wanted = RwSignal::new(false);
        let loaded = LocalResource::new(move || {
            let url = url.clone();
            let go = wanted.get();
            async move {
                if !go {
                    return Err("not requested".to_string());
                }
                let data: SearchData = crate::interop::fetch_json(&url).await?;
                let index = SearchIndex::new(&data.docs);
                Ok(Arc::new(Searcher { index, data }))
            }
        });
        Search { wanted, loaded }
    }

    /// Starts loading, once.
    pub fn want(&self) {
        if !self.wanted.get_untracked() {
            self.wanted.set(true);
        }
    }

    /// The searcher if it is ready.
    pub fn ready(&self) -> Option<Arc<Searcher>> {
        self.loaded.get().and_then(|r| r.ok())
    }

    /// A load error worth showing (not the "not requested yet" placeholder).
    pub fn error(&self) -> Option<String> {
        match self.loaded.get() {
            Some(Err(e)) if self.wanted.get() && e != "not requested" => Some(e),
            _ => None,
        }
    }
}

/// Asks the search box on the current page to take focus (the `/` key).
#[derive(Clone, Copy)]
pub struct FocusSearch(pub RwSignal<u32>);

/// A new version of the site is installed and waiting for a reload.
#[derive(Clone, Copy)]
pub struct UpdateReady(pub RwSignal<bool>);
