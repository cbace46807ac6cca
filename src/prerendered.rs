//! The prerendered page `atlas build` wrote for this address (see
//! crates/atlas-cli/src/pages.rs): the app reads the entry file it carries
//! instead of fetching it again, and removes the static markup once its own
//! rendering of the same route is on screen. Until then the stylesheet hides
//! the app (`#prerendered ~ *`), so the reader never sees a blank or
//! "Loading" page in between; if the app cannot start, the static page stays.

use atlas_core::EntryDetail;

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// The entry file inlined in the page, as (its site path, its content).
pub fn entry_seed() -> Option<(String, EntryDetail)> {
    #[derive(serde::Deserialize)]
    struct Inline {
        path: String,
        detail: EntryDetail,
    }
    let script = document()?.get_element_by_id("atlas-entry")?;
    let text = script.text_content()?;
    script.remove();
    // A page from another build: the app fetches the entry as usual.
    let inline: Inline = serde_json::from_str(&text).ok()?;
    Some((inline.path, inline.detail))
}

/// Removes the static page, after the app's next two frames (its route and
/// any entry already seeded have rendered by then).
pub fn hand_over() {
    if document()
        .and_then(|d| d.get_element_by_id("prerendered"))
        .is_none()
    {
        return;
    }
    leptos::prelude::request_animation_frame(|| {
        leptos::prelude::request_animation_frame(|| {
            if let Some(el) = document().and_then(|d| d.get_element_by_id("prerendered")) {
                el.remove();
            }
        })
    });
}

/// Static hosts answer `/e/<id>` with a redirect to `/e/<id>/` (the page is
/// `e/<id>/index.html`); the router's addresses have no trailing slash.
pub fn drop_trailing_slash(base: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let Ok(path) = location.pathname() else {
        return;
    };
    let home = format!("{}/", base.trim_end_matches('/'));
    if path.len() > 1 && path.ends_with('/') && path != home {
        let trimmed = path.trim_end_matches('/');
        let rest = format!(
            "{trimmed}{}{}",
            location.search().unwrap_or_default(),
            location.hash().unwrap_or_default()
        );
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&rest));
        }
    }
}
