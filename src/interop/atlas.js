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
