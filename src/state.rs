//! What every page reads: the compiled index, the site's paths, the theme.

use std::sync::{Arc, OnceLock};

use atlas_core::facets::FacetTable;
use atlas_core::first_aid;
use std::collections::{HashMap, HashSet};

use atlas_core::model::Manifest;
use atlas_core::search::{SearchDoc, SearchIndex};
use atlas_core::{Index, SitePaths};
use leptos::prelude::*;

#[derive(Clone)]
pub struct Atlas {
    pub index: Arc<Index>,
    /// Entry files loaded so far (see `data`).
    pub entries: crate::data::Entries,
    /// Facet values as integers, for fast live counts.
    pub facets: Arc<FacetTable>,
    /// Guides' and incidents' messages read into words, for the 3 AM page:
    /// built on its first paste, not on every page's start.
    pub messages: Arc<OnceLock<first_aid::Messages>>,
    pub paths: SitePaths,
}

impl Atlas {
    pub fn messages(&self) -> &first_aid::Messages {
        self.messages
            .get_or_init(|| first_aid::Messages::new(&self.index))
    }

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
        let dark = RwSignal::new(crate::theme::initial_is_dark());
        crate::theme::apply(dark.get_untracked(), false);
        crate::theme::on_system_change(move |is_dark| {
            dark.set(is_dark);
            crate::theme::apply(is_dark, false);
        });
        Theme { dark }
    }

    pub fn toggle(&self) {
        let next = !self.dark.get_untracked();
        self.dark.set(next);
        crate::theme::apply(next, true);
    }
}

/// The full-text index, opened from the build's files the first time a page
/// asks for it (not at start-up: the first load stays small). Postings
/// shards and the entry text for snippets are fetched as queries need them.
#[derive(Clone, Copy)]
pub struct Search {
    manifest: StoredValue<Arc<Manifest>>,
    index: StoredValue<Option<SearchIndex>, LocalStorage>,
    texts: StoredValue<HashMap<usize, SearchDoc>, LocalStorage>,
    requested: StoredValue<HashSet<String>, LocalStorage>,
    /// Changes when the index opens or a shard arrives (search reruns).
    shards_version: RwSignal<u32>,
    /// Changes when snippet text arrives (only snippets recompute).
    texts_version: RwSignal<u32>,
    error: RwSignal<Option<String>>,
}

impl Search {
    pub fn new(manifest: Arc<Manifest>) -> Self {
        Search {
            manifest: StoredValue::new(manifest),
            index: StoredValue::new_local(None),
            texts: StoredValue::new_local(HashMap::new()),
            requested: StoredValue::new_local(HashSet::new()),
            shards_version: RwSignal::new(0),
            texts_version: RwSignal::new(0),
            error: RwSignal::new(None),
        }
    }

    /// Starts opening the index, once.
    pub fn want(&self, paths: &SitePaths) {
        if !self.first_request("open") {
            return;
        }
        let this = *self;
        let m = self.manifest.get_value();
        let (terms_url, docs_url) = (paths.asset(&m.search.terms), paths.asset(&m.search.docs));
        let starts: Vec<u32> = m.search.shards.iter().map(|(s, _)| *s).collect();
        leptos::task::spawn_local(async move {
            let opened = async {
                let terms = crate::data::bytes(&terms_url)
                    .await
                    .map_err(|e| e.to_string())?;
                let docs = crate::data::bytes(&docs_url)
                    .await
                    .map_err(|e| e.to_string())?;
                SearchIndex::open(terms, &docs, starts).map_err(|e| e.0)
            }
            .await;
            match opened {
                Ok(index) => {
                    this.index.set_value(Some(index));
                    this.shards_version.update(|v| *v += 1);
                }
                Err(e) => this.fail(e),
            }
        });
    }

    fn first_request(&self, key: &str) -> bool {
        let mut fresh = false;
        self.requested
            .update_value(|r| fresh = r.insert(key.to_string()));
        fresh
    }

    fn fail(&self, e: String) {
        self.error.set(Some(e));
    }

    /// Fetches postings shards a query needs.
    pub fn load_shards(&self, paths: &SitePaths, shards: &[usize]) {
        for &k in shards {
            if !self.first_request(&format!("shard {k}")) {
                continue;
            }
            let Some(file) = self
                .manifest
                .with_value(|m| m.search.shards.get(k).map(|s| s.1.clone()))
            else {
                continue;
            };
            let (url, this) = (paths.asset(&file), *self);
            leptos::task::spawn_local(async move {
                let added = match crate::data::bytes(&url).await.map_err(|e| e.to_string()) {
                    Ok(bytes) => {
                        let mut result = Err("the search index is not open".to_string());
                        this.index.update_value(|i| {
                            if let Some(i) = i {
                                result = i.add_shard(k, &bytes).map_err(|e| e.0);
                            }
                        });
                        result
                    }
                    Err(e) => Err(e),
                };
                match added {
                    Ok(()) => this.shards_version.update(|v| *v += 1),
                    Err(e) => this.fail(e),
                }
            });
        }
    }

    /// Fetches the entry files of result rows, for their snippets.
    pub fn load_texts(&self, atlas: &Atlas, entries: &[usize]) {
        for &e in entries {
            let Some(meta) = atlas.index.entries.get(e).cloned() else {
                continue;
            };
            if !self.first_request(&meta.detail) {
                continue;
            }
            let (entries, paths, this) = (atlas.entries, atlas.paths.clone(), *self);
            leptos::task::spawn_local(async move {
                if let Ok(detail) = entries.detail(&paths, &meta).await {
                    let doc = SearchDoc::for_snippets(&meta, &detail);
                    this.texts.update_value(|t| {
                        t.insert(e, doc);
                    });
                    this.texts_version.update(|v| *v += 1);
                }
            });
        }
    }

    /// Runs `f` with the index (None until open); reruns when shards arrive.
    pub fn with<R>(&self, f: impl FnOnce(Option<&SearchIndex>) -> R) -> R {
        self.shards_version.track();
        self.index.with_value(|i| f(i.as_ref()))
    }

    /// Runs `f` with the index and the snippet texts at hand; reruns when
    /// either changes.
    pub fn with_texts<R>(
        &self,
        f: impl FnOnce(Option<&SearchIndex>, &HashMap<usize, SearchDoc>) -> R,
    ) -> R {
        self.shards_version.track();
        self.texts_version.track();
        self.index
            .with_value(|i| self.texts.with_value(|t| f(i.as_ref(), t)))
    }

    /// A load failure worth showing: a missing or corrupt search file (a
    /// deploy in progress, most often).
    pub fn error(&self) -> Option<String> {
        self.error.get()
    }
}

/// Asks the search box on the current page to take focus (the `/` key).
#[derive(Clone, Copy)]
pub struct FocusSearch(pub RwSignal<u32>);

/// A new version of the site is installed and waiting for a reload.
#[derive(Clone, Copy)]
pub struct UpdateReady(pub RwSignal<bool>);
