//! The theme in the browser: the reader's stored choice (localStorage), the
//! operating system's preference and its changes (`matchMedia` with a
//! `gloo-events` listener), and the `data-theme` the stylesheet reads.
//!
//! Storage is reached through web-sys, not `gloo-storage`: gloo's
//! `LocalStorage` panics where the browser blocks storage (an embed in a
//! wiki's iframe), and the theme must simply not be remembered there.

const KEY: &str = "atlas-theme";
const DARK_QUERY: &str = "(prefers-color-scheme: dark)";

/// localStorage, if the browser lets this page have it.
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn stored() -> Option<bool> {
    // Storage may be blocked (an iframe, a privacy setting): then the
    // operating system decides.
    match storage()?.get_item(KEY).ok().flatten()?.as_str() {
        "dark" => Some(true),
        "light" => Some(false),
        _ => None,
    }
}

fn dark_query() -> Option<web_sys::MediaQueryList> {
    web_sys::window()?.match_media(DARK_QUERY).ok().flatten()
}

/// The reader's stored choice, else the operating system's.
pub fn initial_is_dark() -> bool {
    stored().unwrap_or_else(|| dark_query().is_some_and(|q| q.matches()))
}

/// Shows the theme, and remembers it when the reader chose it.
pub fn apply(dark: bool, remember: bool) {
    let name = if dark { "dark" } else { "light" };
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-theme", name);
    }
    if remember {
        // Not fatal: the choice then lasts for this page only.
        if let Some(s) = storage() {
            let _ = s.set_item(KEY, name);
        }
    }
}

/// Calls `f` when the operating system switches theme, unless the reader
/// chose one. The listener lives as long as the page.
pub fn on_system_change(f: impl Fn(bool) + 'static) {
    let Some(query) = dark_query() else { return };
    let watched = query.clone();
    gloo_events::EventListener::new(&query, "change", move |_| {
        if stored().is_none() {
            f(watched.matches());
        }
    })
    .forget();
}
