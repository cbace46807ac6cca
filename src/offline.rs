//! "Make the whole atlas available offline": fetches every file of the build
//! that no cache holds yet, four at a time; the service worker keeps each
//! one. Files already cached count as done, so starting again resumes;
//! cancelling keeps what arrived.

use std::cell::Cell;
use std::rc::Rc;

use serde::Deserialize;
use wasm_bindgen_futures::JsFuture;

/// Files done and total, bytes done and total.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Progress {
    pub files: u32,
    pub total_files: u32,
    pub bytes: f64,
    pub total_bytes: f64,
}

/// How a download ended, with the message the reader sees.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Complete(String),
    Cancelled(String),
    Failed(String),
    /// No service worker controls the page yet: nothing would be kept.
    Unavailable(String),
}

#[derive(Deserialize)]
struct FileList {
    files: Vec<ListedFile>,
}

#[derive(Deserialize)]
struct ListedFile {
    url: String,
    bytes: u64,
}

/// A running download; `cancel` stops it.
#[derive(Clone)]
pub struct Download {
    abort: Option<web_sys::AbortController>,
    cancelled: Rc<Cell<bool>>,
}

impl Download {
    pub fn cancel(&self) {
        self.cancelled.set(true);
        if let Some(a) = &self.abort {
            a.abort();
        }
    }
}

const WORKERS: usize = 4;

/// Starts downloading every file listed at `list_url`.
pub fn start(
    list_url: String,
    on_progress: impl Fn(Progress) + 'static,
    on_done: impl Fn(Outcome) + 'static,
) -> Download {
    let download = Download {
        abort: web_sys::AbortController::new().ok(),
        cancelled: Rc::new(Cell::new(false)),
    };
    let running = download.clone();
    leptos::task::spawn_local(async move {
        on_done(run(&list_url, &running, &on_progress).await);
    });
    download
}

fn controlled() -> bool {
    web_sys::window()
        .map(|w| w.navigator().service_worker())
        .and_then(|sw| sw.controller())
        .is_some()
}

async fn cached(caches: &web_sys::CacheStorage, url: &str) -> bool {
    match JsFuture::from(caches.match_with_str(url)).await {
        Ok(v) => !v.is_undefined(),
        Err(_) => false,
    }
}

async fn run(list_url: &str, dl: &Download, on_progress: &impl Fn(Progress)) -> Outcome {
    let caches = web_sys::window().and_then(|w| w.caches().ok());
    let (Some(caches), true) = (caches, controlled()) else {
        return Outcome::Unavailable("This browser has not installed the atlas for offline use yet; reload the page once and try again.".into());
    };
    let list: FileList = match crate::data::json(list_url).await {
        Ok(l) => l,
        Err(e) => return Outcome::Failed(format!("The list of files did not load: {e}.")),
    };
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    let total = Progress {
        files: 0,
        total_files: list.files.len() as u32,
        bytes: 0.0,
        total_bytes: list.files.iter().map(|f| f.bytes as f64).sum(),
    };
    let progress = Rc::new(Cell::new(total));
    let next = Rc::new(Cell::new(0usize));
    let failed: Rc<std::cell::RefCell<Vec<String>>> = Rc::default();
    on_progress(total);
    let signal = dl.abort.as_ref().map(|a| a.signal());
    let worker = || async {
        while !dl.cancelled.get() {
            let i = next.get();
            let Some(f) = list.files.get(i) else { break };
            next.set(i + 1);
            let url = web_sys::Url::new_with_base(&f.url, &base)
                .map(|u| u.href())
                .unwrap_or_else(|_| f.url.clone());
            let fetched = if cached(&caches, &url).await {
                Ok(())
            } else {
                fetch_one(&url, signal.as_ref()).await
            };
            match fetched {
                Ok(()) => {
                    let mut p = progress.get();
                    p.files += 1;
                    p.bytes += f.bytes as f64;
                    progress.set(p);
                    on_progress(p);
                }
                Err(_) if dl.cancelled.get() => return,
                Err(e) => failed.borrow_mut().push(format!("{} ({e})", f.url)),
            }
        }
    };
    futures::future::join_all((0..WORKERS).map(|_| worker())).await;
    let p = progress.get();
    let failed = failed.borrow();
    if dl.cancelled.get() {
        Outcome::Cancelled(format!(
            "Stopped: {} of {} files are kept; start again to resume.",
            p.files, p.total_files
        ))
    } else if let Some(first) = failed.first() {
        Outcome::Failed(format!(
            "{} files did not download (first: {first}); {} of {} are kept; start again to retry.",
            failed.len(),
            p.files,
            p.total_files
        ))
    } else {
        Outcome::Complete(format!(
            "The whole atlas is available offline: {} files, {:.1} MiB.",
            p.total_files,
            p.total_bytes / 1_048_576.0
        ))
    }
}

/// Fetches one file through the service worker (which keeps it) and reads
/// it to the end.
async fn fetch_one(url: &str, signal: Option<&web_sys::AbortSignal>) -> Result<(), String> {
    let response = gloo_net::http::Request::get(url)
        .abort_signal(signal)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !response.ok() {
        return Err(format!("{}", response.status()));
    }
    response
        .binary()
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
}
