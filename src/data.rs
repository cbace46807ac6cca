//! Every fetch of the site's data goes through here: the manifest, the
//! index, the search files and the entry files, with `gloo-net`, typed errors
//! that carry the message a reader sees, and one cache of entry files (the
//! entry page, the embed and the search snippets share it).

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use atlas_core::{EntryDetail, EntryMeta, SitePaths};
use leptos::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataError {
    /// The server has no such file: most often a deploy in progress.
    NotFound { url: String },
    /// The request did not complete (offline, server down) or failed.
    Network { url: String, detail: String },
    /// The file arrived but is not what this version of the app reads.
    Corrupt { url: String, detail: String },
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DataError::NotFound { url } => write!(
                f,
                "{url} is not on the server (the atlas may be being updated); reload the page"
            ),
            DataError::Network { url, detail } => write!(
                f,
                "could not reach {url} ({detail}); check your connection and reload"
            ),
            DataError::Corrupt { url, detail } => write!(
                f,
                "{url} is not in the format this version of the app reads ({detail}); reload the page"
            ),
        }
    }
}

async fn get(url: &str) -> Result<gloo_net::http::Response, DataError> {
    let response = gloo_net::http::Request::get(url)
        .send()
        .await
        .map_err(|e| DataError::Network {
            url: url.to_string(),
            detail: e.to_string(),
        })?;
    match response.status() {
        200..=299 => Ok(response),
        404 => Err(DataError::NotFound {
            url: url.to_string(),
        }),
        status => Err(DataError::Network {
            url: url.to_string(),
            detail: format!("the server answered {status} {}", response.status_text()),
        }),
    }
}

/// Whether `url` answers with JavaScript (not cached: the service worker
/// check must see what the server has now).
pub async fn is_javascript(url: &str) -> bool {
    let response = gloo_net::http::Request::get(url)
        .method(gloo_net::http::Method::HEAD)
        .cache(web_sys::RequestCache::NoStore)
        .send()
        .await;
    response.is_ok_and(|r| {
        r.ok()
            && r.headers()
                .get("content-type")
                .is_some_and(|t| t.contains("javascript"))
    })
}

/// A binary file of the site (the search files).
pub async fn bytes(url: &str) -> Result<Vec<u8>, DataError> {
    get(url)
        .await?
        .binary()
        .await
        .map_err(|e| DataError::Network {
            url: url.to_string(),
            detail: e.to_string(),
        })
}

/// A JSON file of the site, decoded.
pub async fn json<T: serde::de::DeserializeOwned>(url: &str) -> Result<T, DataError> {
    let text = get(url)
        .await?
        .text()
        .await
        .map_err(|e| DataError::Network {
            url: url.to_string(),
            detail: e.to_string(),
        })?;
    serde_json::from_str(&text).map_err(|e| DataError::Corrupt {
        url: url.to_string(),
        detail: e.to_string(),
    })
}

/// Entry files already loaded, by their (content-hashed) path.
#[derive(Clone, Copy)]
pub struct Entries {
    loaded: StoredValue<HashMap<String, Arc<EntryDetail>>, LocalStorage>,
}

impl Entries {
    pub fn new() -> Self {
        Entries {
            loaded: StoredValue::new_local(HashMap::new()),
        }
    }

    /// Adds an entry file the page already carried (a prerendered page).
    pub fn seed(&self, path: String, detail: EntryDetail) {
        self.loaded.update_value(|m| {
            m.insert(path, Arc::new(detail));
        });
    }

    /// The entry's file: from the cache, or fetched once and kept.
    pub async fn detail(
        &self,
        paths: &SitePaths,
        meta: &EntryMeta,
    ) -> Result<Arc<EntryDetail>, DataError> {
        if let Some(hit) = self.loaded.with_value(|m| m.get(&meta.detail).cloned()) {
            return Ok(hit);
        }
        let detail: Arc<EntryDetail> = Arc::new(json(&paths.asset(&meta.detail)).await?);
        self.loaded.update_value(|m| {
            m.insert(meta.detail.clone(), detail.clone());
        });
        Ok(detail)
    }
}

impl Default for Entries {
    fn default() -> Self {
        Self::new()
    }
}
