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

// Mermaid is loaded on the first diagram, never at start-up.
let mermaidModule = null;
let renderSeq = 0;

async function loadMermaid(moduleUrl) {
  if (!mermaidModule) {
    mermaidModule = import(moduleUrl).then((m) => m.default).catch((e) => {
      mermaidModule = null;
      throw new Error(`could not load the diagram renderer (${e.message})`);
    });
  }
  return mermaidModule;
}

/**
 * Renders every `figure.diagram` under `root` in the given theme. A diagram
 * Mermaid cannot parse shows Mermaid's message and its source in its own box;
 * the others still render. Resolves to the number of failed diagrams.
 */
export async function renderDiagrams(root, moduleUrl, dark) {
  const boxes = Array.from(root.querySelectorAll('figure.diagram'));
  if (boxes.length === 0) return 0;
  let mermaid;
  try {
    mermaid = await loadMermaid(moduleUrl);
  } catch (e) {
    for (const box of boxes) showError(box, e.message);
    return boxes.length;
  }
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    suppressErrorRendering: true,
    theme: dark ? 'dark' : 'default',
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  });
  let failures = 0;
  for (const box of boxes) {
    const source = box.querySelector('.diagram-source')?.textContent ?? '';
    const id = `atlas-diagram-${++renderSeq}`;
    try {
      const { svg, bindFunctions } = await mermaid.render(id, source);
      const target = box.querySelector('.diagram-render');
      target.innerHTML = svg;
      if (bindFunctions) bindFunctions(target);
      box.dataset.state = 'rendered';
    } catch (e) {
      failures++;
      // Mermaid may leave its scratch element behind on a parse error.
      document.getElementById(`d${id}`)?.remove();
      document.getElementById(id)?.remove();
      showError(box, e?.message ?? String(e));
    }
  }
  return failures;
}

function showError(box, message) {
  box.dataset.state = 'error';
  const note = document.createElement('p');
  note.className = 'diagram-error';
  note.setAttribute('role', 'alert');
  note.textContent = `This diagram could not be drawn: ${message}`;
  box.querySelector('.diagram-render').replaceChildren(note);
}
