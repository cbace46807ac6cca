//! Every binding to JavaScript lives here; the rest of the app is Rust that
//! renders. The JS side is `atlas.js` beside this file.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/interop/atlas.js")]
extern "C" {
    #[wasm_bindgen(js_name = basePath)]
    fn base_path_js() -> String;

    #[wasm_bindgen(js_name = setTitle)]
    fn set_title_js(title: &str);

    #[wasm_bindgen(js_name = registerServiceWorker)]
    fn register_service_worker_js(sw_url: &str, scope: &str, on_update: &Closure<dyn Fn()>);

    #[wasm_bindgen(js_name = applyUpdate)]
    pub fn apply_update();

    #[wasm_bindgen(js_name = startEmbed)]
    pub fn start_embed();

}

#[wasm_bindgen(module = "/src/interop/diagrams.js")]
extern "C" {
    #[wasm_bindgen(js_name = setupDiagrams)]
    fn setup_diagrams_js(root: &web_sys::Element, opts: JsValue);

    /// Copies `text`, saying "Copied" on `button`.
    #[wasm_bindgen(js_name = copyWithButton)]
    pub fn copy_with_button(button: &web_sys::Element, text: &str);

    /// A Copy button on every code block under `root`.
    #[wasm_bindgen(js_name = addCopyButtons)]
    pub fn add_copy_buttons(root: &web_sys::Element);

    /// Draws every diagram of the page, then opens the print dialog.
    #[wasm_bindgen(js_name = printPage)]
    pub fn print_page();

    #[wasm_bindgen(js_name = setNavigator)]
    fn set_navigator_js(navigate: &Closure<dyn Fn(String)>);
}

/// The document's base path (`/` or `/atlas/`), from `<base href>`.
pub fn base_path() -> String {
    base_path_js()
}

pub fn set_title(title: &str) {
    set_title_js(title);
}

/// Registers the service worker; `on_update` runs when a new version waits.
pub fn register_service_worker(sw_url: &str, scope: &str, on_update: impl Fn() + 'static) {
    let (sw_url, scope) = (sw_url.to_string(), scope.to_string());
    leptos::task::spawn_local(async move {
        // Development builds have no service worker (the server answers
        // with the app), so only a JavaScript file is registered.
        if !crate::data::is_javascript(&sw_url).await {
            return;
        }
        let closure = Closure::<dyn Fn()>::new(on_update);
        register_service_worker_js(&sw_url, &scope, &closure);
        // Lives as long as the page.
        closure.forget();
    });
}

/// What the diagram code needs to know, passed as one object.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DiagramOptions {
    pub mermaid_url: String,
    pub panzoom_url: String,
    pub dark: bool,
    pub planes: Vec<PlaneInfo>,
    /// Start of downloaded file names: the entry id.
    pub file_stem: String,
}

#[derive(serde::Serialize)]
pub struct PlaneInfo {
    pub id: String,
    pub name: String,
    pub colour: String,
}

/// Draws the diagrams under `root` as they scroll into view (again, in the
/// new theme, when called again); Mermaid and pan/zoom load on first use.
pub fn setup_diagrams(root: &web_sys::Element, opts: &DiagramOptions) {
    let json = serde_json::to_string(opts).unwrap_or_default();
    setup_diagrams_js(root, js_sys::JSON::parse(&json).unwrap_or(JsValue::NULL));
}

/// Lets linked diagram nodes navigate through the app's router.
pub fn set_navigator(f: impl Fn(String) + 'static) {
    let closure = Closure::<dyn Fn(String)>::new(f);
    set_navigator_js(&closure);
    // One navigator for the life of the page.
    closure.forget();
}
