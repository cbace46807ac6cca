// The app's only JavaScript: what Rust cannot reach directly or should not
// carry in the wasm. Bound in `interop/mod.rs`.

/** The site's base path from <base href>, e.g. "/atlas/" or "/". */
export function basePath() {
  return new URL(document.baseURI).pathname;
}

/** GET a file of the site, with a message the reader can act on. */
async function get(url) {
  let response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new Error(`could not reach ${url} (${e.message}); check your connection and reload`);
  }
  if (!response.ok) {
    throw new Error(`${url} answered ${response.status} ${response.statusText}`);
  }
  return response;
}

/** A binary file of the site as bytes (search files). */
export async function fetchBytes(url) {
  return new Uint8Array(await (await get(url)).arrayBuffer());
}

export async function fetchText(url) {
  return (await get(url)).text();
}

export function setTitle(title) {
  document.title = title;
}

const THEME_KEY = 'atlas-theme';
const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

/** The reader's stored choice, else the operating system's. */
export function initialTheme() {
  try {
    const stored = localStorage.getItem(THEME_KEY);
    if (stored === 'light' || stored === 'dark') return stored;
  } catch (_) { /* storage may be blocked in an iframe */ }
  return darkQuery().matches ? 'dark' : 'light';
}

export function applyTheme(theme, remember) {
  document.documentElement.dataset.theme = theme;
  if (remember) {
    try { localStorage.setItem(THEME_KEY, theme); } catch (_) { /* not fatal */ }
  }
}

/** Calls back when the OS switches theme, unless the reader chose one. */
export function onSystemTheme(callback) {
  darkQuery().addEventListener('change', (e) => {
    let stored = null;
    try { stored = localStorage.getItem(THEME_KEY); } catch (_) { /* ignore */ }
    if (!stored) callback(e.matches ? 'dark' : 'light');
  });
}

/**
 * Registers the service worker (release builds have one). Calls `onUpdate`
 * when a new version is installed and waiting; the page then offers a
 * reload, and the old version keeps serving until the reader accepts, so
 * files of two versions never mix.
 */
export async function registerServiceWorker(swUrl, scope, onUpdate) {
  if (!('serviceWorker' in navigator)) return;
  // Development builds have no service worker (the server answers with the app).
  try {
    const probe = await fetch(swUrl, { method: 'HEAD', cache: 'no-store' });
    if (!probe.ok || !(probe.headers.get('content-type') ?? '').includes('javascript')) return;
  } catch { return; }
  navigator.serviceWorker.register(swUrl, { scope }).then((reg) => {
    const notify = () => { if (reg.waiting && navigator.serviceWorker.controller) onUpdate(); };
    notify();
    reg.addEventListener('updatefound', () => {
      const worker = reg.installing;
      worker?.addEventListener('statechange', () => { if (worker.state === 'installed') notify(); });
    });
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') reg.update().catch(() => {});
    });
  }).catch(() => { /* no service worker here (development build): fine */ });
}

/** Switches to the waiting version and reloads once it controls the page. */
export function applyUpdate() {
  navigator.serviceWorker?.getRegistration().then((reg) => {
    if (!reg?.waiting) { location.reload(); return; }
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
    reg.waiting.postMessage({ type: 'SKIP_WAITING' });
  });
}

/**
 * Embed mode: marks the page and, inside an iframe, tells the parent page
 * the content height whenever it changes, so a wiki can size the frame:
 * { type: 'atlas:height', height }.
 */
export function startEmbed() {
  document.documentElement.dataset.embed = '';
  if (window.parent === window) return;
  let last = 0;
  const send = () => {
    const height = Math.ceil(document.documentElement.scrollHeight);
    if (height !== last) {
      last = height;
      window.parent.postMessage({ type: 'atlas:height', height }, '*');
    }
  };
  new ResizeObserver(send).observe(document.body);
  send();
}

/**
 * "Make the whole atlas available offline": fetches every file of the build
 * that is not cached yet (the service worker keeps each one), four at a
 * time, reporting progress as (doneFiles, totalFiles, doneBytes, totalBytes).
 * Files already cached count as done, so a second start resumes. Resolves
 * to { status: 'complete' | 'cancelled' | 'failed' | 'unavailable', message }.
 * `cancel()` on the returned handle stops it; what arrived stays cached.
 */
export function startOfflineDownload(listUrl, onProgress, onDone) {
  const controller = new AbortController();
  const run = async () => {
    if (!('caches' in window) || !navigator.serviceWorker?.controller) {
      return { status: 'unavailable', message: 'This browser has not installed the atlas for offline use yet; reload the page once and try again.' };
    }
    let list;
    try {
      list = JSON.parse(await fetchText(listUrl));
    } catch (e) {
      return { status: 'failed', message: `the list of files did not load (${e.message})` };
    }
    const files = list.files;
    const totalBytes = files.reduce((n, f) => n + f.bytes, 0);
    let doneFiles = 0;
    let doneBytes = 0;
    const failed = [];
    const report = () => onProgress(doneFiles, files.length, doneBytes, totalBytes);
    report();
    let next = 0;
    const worker = async () => {
      while (next < files.length && !controller.signal.aborted) {
        const f = files[next++];
        const url = new URL(f.url, document.baseURI).href;
        try {
          if (!(await caches.match(url))) {
            const response = await fetch(url, { signal: controller.signal });
            if (!response.ok) throw new Error(`${response.status}`);
            await response.arrayBuffer();
          }
          doneFiles++;
          doneBytes += f.bytes;
          report();
        } catch (e) {
          if (controller.signal.aborted) return;
          failed.push(`${f.url} (${e.message})`);
        }
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    const mib = (totalBytes / 1048576).toFixed(1);
    if (controller.signal.aborted) {
      return { status: 'cancelled', message: `Stopped: ${doneFiles} of ${files.length} files are kept; start again to resume.` };
    }
    if (failed.length) {
      return { status: 'failed', message: `${failed.length} files did not download (first: ${failed[0]}); ${doneFiles} of ${files.length} are kept; start again to retry.` };
    }
    return { status: 'complete', message: `The whole atlas is available offline: ${files.length} files, ${mib} MiB.` };
  };
  run().then((r) => onDone(r.status, r.message), (e) => onDone('failed', String(e?.message ?? e)));
  return { cancel: () => controller.abort() };
}
