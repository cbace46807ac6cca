// The app's only JavaScript: what Rust cannot reach directly or should not
// carry in the wasm. Bound in `interop/mod.rs`.

/** The site's base path from <base href>, e.g. "/atlas/" or "/". */
export function basePath() {
  return new URL(document.baseURI).pathname;
}

export function setTitle(title) {
  document.title = title;
}

/**
 * Registers the service worker (release builds have one). Calls `onUpdate`
 * when a new version is installed and waiting; the page then offers a
 * reload, and the old version keeps serving until the reader accepts, so
 * files of two versions never mix.
 */
export function registerServiceWorker(swUrl, scope, onUpdate) {
  if (!('serviceWorker' in navigator)) return;
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
