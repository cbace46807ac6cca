//! Every binding to JavaScript lives here; the rest of the app is Rust that
//! renders. The JS side is `atlas.js` beside this file.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/interop/atlas.js")]
extern "C" {
    #[wasm_bindgen(js_name = basePath)]
    fn base_path_js() -> String;

    #[wasm_bindgen(js_name = fetchBytes, catch)]
    async fn fetch_bytes_js(url: &str) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_name = fetchText, catch)]
    async fn fetch_text_js(url: &str) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_name = setTitle)]
    fn set_title_js(title: &str);

    #[wasm_bindgen(js_name = initialTheme)]
    fn initial_theme_js() -> String;

    #[wasm_bindgen(js_name = applyTheme)]
    fn apply_theme_js(theme: &str, remember: bool);

    #[wasm_bindgen(js_name = registerServiceWorker)]
    fn register_service_worker_js(sw_url: &str, scope: &str, on_update: &Closure<dyn Fn()>);

    #[wasm_bindgen(js_name = applyUpdate)]
    pub fn apply_update();

    /// The handle `startOfflineDownload` returns.
    pub type OfflineDownload;

    #[wasm_bindgen(js_name = startOfflineDownload)]
    fn start_offline_download_js(
        list_url: &str,
        on_progress: &Closure<dyn Fn(u32, u32, f64, f64)>,
        on_done: &Closure<dyn Fn(String, String)>,
    ) -> OfflineDownload;

    #[wasm_bindgen(method)]
    pub fn cancel(this: &OfflineDownload);

    #[wasm_bindgen(js_name = startEmbed)]
    pub fn start_embed();

    #[wasm_bindgen(js_name = onSystemTheme)]
    fn on_system_theme_js(callback: &Closure<dyn Fn(String)>);

}

#[wasm_bindgen(module = "/src/interop/diagrams.js")]
extern "C" {
    #[wasm_bindgen(js_name = setupDiagrams)]
    fn setup_diagrams_js(root: &web_sys::Element, opts: JsValue);

    #[wasm_bindgen(js_name = setNavigator)]
    fn set_navigator_js(navigate: &Closure<dyn Fn(String)>);
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

/// GET a binary file of the site.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    match fetch_bytes_js(url).await {
        Ok(v) => Ok(js_sys::Uint8Array::new(&v).to_vec()),
        Err(e) => Err(js_message(&e)),
    }
}

/// GET a JSON file of the site and decode it.
pub async fn fetch_json<T: serde::de::DeserializeOwned>(url: &str) -> Result<T, String> {
    let text = fetch_text(url).await?;
    serde_json::from_str(&text)
        .map_err(|e| format!("{url} is not in the format this version of the app reads ({e})"))
}

/// Progress of the whole-atlas download: files done and total, bytes done
/// and total.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct DownloadProgress {
    pub files: u32,
    pub total_files: u32,
    pub bytes: f64,
    pub total_bytes: f64,
}

/// Starts downloading every file of the site into the offline cache.
/// `on_done` gets the status (`complete`, `cancelled`, `failed`,
/// `unavailable`) and a message for the reader.
pub fn start_offline_download(
    list_url: &str,
    on_progress: impl Fn(DownloadProgress) + 'static,
    on_done: impl Fn(String, String) + 'static,
) -> OfflineDownload {
    let progress = Closure::<dyn Fn(u32, u32, f64, f64)>::new(
        move |files, total_files, bytes, total_bytes| {
            on_progress(DownloadProgress {
                files,
                total_files,
                bytes,
                total_bytes,
            })
        },
    );
    let done = Closure::<dyn Fn(String, String)>::new(on_done);
    let handle = start_offline_download_js(list_url, &progress, &done);
    // The download outlives this call; the closures live as long as the page.
    progress.forget();
    done.forget();
    handle
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

/// Registers the service worker; `on_update` runs when a new version waits.
pub fn register_service_worker(sw_url: &str, scope: &str, on_update: impl Fn() + 'static) {
    let closure = Closure::<dyn Fn()>::new(on_update);
    register_service_worker_js(sw_url, scope, &closure);
    // Lives as long as the page.
    closure.forget();
}

/// Calls `f(dark)` when the OS theme changes and the reader has not chosen.
pub fn on_system_theme(f: impl Fn(bool) + 'static) {
    let closure = Closure::<dyn Fn(String)>::new(move |theme: String| f(theme == "dark"));
    on_system_theme_js(&closure);
    // The listener lives as long as the page.
    closure.forget();
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

fn js_message(e: &JsValue) -> String {
    js_sys::Reflect::get(e, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into())
}
