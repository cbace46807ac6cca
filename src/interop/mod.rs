//! Every binding to JavaScript lives here; the rest of the app is Rust that
//! renders. The JS side is `atlas.js` beside this file.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/interop/atlas.js")]
extern "C" {
    #[wasm_bindgen(js_name = basePath)]
    fn base_path_js() -> String;

    #[wasm_bindgen(js_name = fetchText, catch)]
    async fn fetch_text_js(url: &str) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_name = setTitle)]
    fn set_title_js(title: &str);

    #[wasm_bindgen(js_name = initialTheme)]
    fn initial_theme_js() -> String;

    #[wasm_bindgen(js_name = applyTheme)]
    fn apply_theme_js(theme: &str, remember: bool);

    #[wasm_bindgen(js_name = onSystemTheme)]
    fn on_system_theme_js(callback: &Closure<dyn Fn(String)>);

    #[wasm_bindgen(js_name = renderDiagrams, catch)]
    async fn render_diagrams_js(
        root: &web_sys::Element,
        module_url: &str,
        dark: bool,
    ) -> Result<JsValue, JsValue>;
}

/// The document's base path (`/` or `/atlas/`), from `<base href>`.
pub fn base_path() -> String {
    base_path_js()
}

pub async fn fetch_text(url: &str) -> Result<String, String> {
    match fetch_text_js(url).await {
        Ok(text) => text
            .as_string()
            .ok_or_else(|| format!("{url} did not return text")),
        Err(e) => Err(js_message(&e)),
    }
}

/// GET a JSON file of the site and decode it.
pub async fn fetch_json<T: serde::de::DeserializeOwned>(url: &str) -> Result<T, String> {
    let text = fetch_text(url).await?;
    serde_json::from_str(&text)
        .map_err(|e| format!("{url} is not in the format this version of the app reads ({e})"))
}

pub fn set_title(title: &str) {
    set_title_js(title);
}

pub fn initial_theme_is_dark() -> bool {
    initial_theme_js() == "dark"
}

pub fn apply_theme(dark: bool, remember: bool) {
    apply_theme_js(if dark { "dark" } else { "light" }, remember);
}

/// Calls `f(dark)` when the OS theme changes and the reader has not chosen.
pub fn on_system_theme(f: impl Fn(bool) + 'static) {
    let closure = Closure::<dyn Fn(String)>::new(move |theme: String| f(theme == "dark"));
    on_system_theme_js(&closure);
    // The listener lives as long as the page.
    closure.forget();
}

/// Renders the Mermaid diagrams under `root`; loads Mermaid on first use.
pub async fn render_diagrams(root: web_sys::Element, mermaid_url: String, dark: bool) {
    if let Err(e) = render_diagrams_js(&root, &mermaid_url, dark).await {
        leptos::logging::error!("diagrams: {}", js_message(&e));
    }
}

fn js_message(e: &JsValue) -> String {
    js_sys::Reflect::get(e, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into())
}
