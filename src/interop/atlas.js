// The app's only JavaScript: what Rust cannot reach directly or should not
// carry in the wasm. Bound in `interop/mod.rs`.

/** The site's base path from <base href>, e.g. "/atlas/" or "/". */
export function basePath() {
  return new URL(document.baseURI).pathname;
}

/** GET a same-origin text file; rejects with a message a reader understands. */
export async function fetchText(url) {
  let response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new Error(`could not reach ${url} (${e.message}); check your connection and reload`);
  }
  if (!response.ok) {
    throw new Error(`${url} answered ${response.status} ${response.statusText}`);
  }
  return response.text();
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
