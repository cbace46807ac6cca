// Diagrams: drawn by Mermaid when they scroll into view, then made
// interactive: zoom and pan (@panzoom/panzoom), full screen, plane focus,
// linked nodes, export. Both libraries come from npm, are copied into the
// site at build time and are loaded on the first diagram only.
//
// Why @panzoom/panzoom: small (27 KB), no dependencies, handles mouse, touch
// and pinch with focal-point zoom, and leaves wheel events to us so a plain
// wheel still scrolls the page.

let mermaidModule = null;
let panzoomModule = null;
let renderSeq = 0;
let navigateTo = (href) => { location.href = href; };

/** The app's router, so linked nodes navigate without a page load. */
export function setNavigator(fn) {
  navigateTo = fn;
}

function load(url, which) {
  const cached = which === 'mermaid' ? mermaidModule : panzoomModule;
  if (cached) return cached;
  const p = import(url).then((m) => m.default).catch((e) => {
    if (which === 'mermaid') mermaidModule = null; else panzoomModule = null;
    throw new Error(`could not load the diagram renderer (${e.message})`);
  });
  if (which === 'mermaid') mermaidModule = p; else panzoomModule = p;
  return p;
}

/**
 * Draws the diagrams under `root` as they come into view, in the given theme.
 * Calling it again (theme change) redraws what was drawn. `opts`:
 * { mermaidUrl, panzoomUrl, dark, planes: [{id, name, colour}], fileStem }.
 */
export function setupDiagrams(root, opts) {
  root.__atlasObserver?.disconnect();
  const figures = Array.from(root.querySelectorAll('figure.diagram'));
  if (figures.length === 0) return;
  const draw = (fig) => drawFigure(fig, opts).catch((e) => showError(fig, e.message));
  // Printing draws every diagram not drawn yet (see printPage).
  root.__atlasDrawAll = () => Promise.all(figures
    .filter((fig) => fig.dataset.state !== 'rendered' && fig.dataset.state !== 'error')
    .map((fig) => { root.__atlasObserver?.unobserve(fig); return draw(fig); }));
  if (!('IntersectionObserver' in window)) {
    figures.forEach(draw);
    return;
  }
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) {
        observer.unobserve(entry.target);
        draw(entry.target);
      }
    }
  }, { rootMargin: '300px 0px' });
  root.__atlasObserver = observer;
  for (const fig of figures) {
    if (fig.dataset.state) fig.dataset.state = 'stale';
    observer.observe(fig);
  }
}

/**
 * A "Copy" button on every code block under `root` (runbook commands above
 * all), copying the block's text exactly; says "Copied" for a moment.
 */
export function addCopyButtons(root) {
  for (const pre of root.querySelectorAll('pre')) {
    if (pre.closest('figure.diagram') || pre.parentElement?.classList.contains('code-block')) continue;
    const wrap = document.createElement('div');
    wrap.className = 'code-block';
    pre.replaceWith(wrap);
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy-code';
    button.textContent = 'Copy';
    button.addEventListener('click', async () => {
      await copyText(pre.textContent.replace(/\n$/, ''));
      flash(button, 'Copied');
    });
    wrap.append(pre, button);
  }
}

/** Copies `text` and says so on `button` for a moment. */
export async function copyWithButton(button, text) {
  await copyText(text);
  flash(button, 'Copied');
}

/** Draws every diagram on the page, then opens the print dialog. */
export async function printPage() {
  const roots = Array.from(document.querySelectorAll('.prose')).filter((r) => r.__atlasDrawAll);
  await Promise.all(roots.map((r) => r.__atlasDrawAll()));
  window.print();
}

// Ctrl+P gives no time to wait, but starts the drawing for the next try.
window.addEventListener('beforeprint', () => {
  for (const r of document.querySelectorAll('.prose')) r.__atlasDrawAll?.();
});

async function drawFigure(fig, opts) {
  const mermaid = await load(opts.mermaidUrl, 'mermaid');
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    suppressErrorRendering: true,
    theme: opts.dark ? 'dark' : 'default',
    // Plain SVG text (no HTML labels in foreignObject), so PNG export can
    // draw it to a canvas without tainting it.
    htmlLabels: false,
    flowchart: { htmlLabels: false },
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  });
  const source = fig.querySelector('.diagram-source')?.textContent ?? '';
  const id = `atlas-diagram-${++renderSeq}`;
  const target = fig.querySelector('.diagram-render');
  try {
    const { svg, bindFunctions } = await mermaid.render(id, source);
    fig.__panzoom?.destroy();
    target.innerHTML = svg;
    if (bindFunctions) bindFunctions(target);
    fig.dataset.state = 'rendered';
  } catch (e) {
    // Mermaid may leave its scratch element behind on a parse error.
    document.getElementById(`d${id}`)?.remove();
    document.getElementById(id)?.remove();
    showError(fig, e?.message ?? String(e));
    return;
  }
  await enhance(fig, opts);
}

function showError(fig, message) {
  fig.dataset.state = 'error';
  const note = document.createElement('p');
  note.className = 'diagram-error';
  note.setAttribute('role', 'alert');
  note.textContent = `This diagram could not be drawn: ${message}`;
  fig.querySelector('.diagram-render').replaceChildren(note);
}

async function enhance(fig, opts) {
  const viewport = fig.querySelector('.diagram-viewport');
  const render = fig.querySelector('.diagram-render');
  const svg = render.querySelector('svg');
  const Panzoom = await load(opts.panzoomUrl, 'panzoom');
  const pz = Panzoom(render, { maxScale: 8, minScale: 0.25, step: 0.3, cursor: 'grab' });
  fig.__panzoom = pz;

  if (!fig.__wired) {
    fig.__wired = true;
    viewport.addEventListener('wheel', (e) => {
      // Plain wheel scrolls the page; Ctrl/⌘ + wheel zooms at the pointer.
      if (!(e.ctrlKey || e.metaKey)) return;
      e.preventDefault();
      fig.__panzoom.zoomWithWheel(e);
    }, { passive: false });
    viewport.addEventListener('dblclick', () => fig.__panzoom.reset());
    viewport.addEventListener('keydown', (e) => onKey(e, fig));
    fig.prepend(toolbar(fig, opts));
  }
  if (fig.dataset.kind === 'flowchart') legend(fig, opts.planes);
  linkNodes(fig, svg);
  // Re-apply a focused plane after a redraw.
  if (fig.dataset.plane) focusPlane(fig, fig.dataset.plane);
}

function onKey(e, fig) {
  const pz = fig.__panzoom;
  const step = 60;
  const moves = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
  if (e.key === '+' || e.key === '=') pz.zoomIn();
  else if (e.key === '-' || e.key === '_') pz.zoomOut();
  else if (e.key === '0') pz.reset();
  else if (e.key === 'f' || e.key === 'F') toggleFullscreen(fig);
  else if (moves[e.key] && e.target === e.currentTarget) {
    const [dx, dy] = moves[e.key];
    pz.pan(dx / pz.getScale(), dy / pz.getScale(), { relative: true });
  } else return;
  e.preventDefault();
}

function toggleFullscreen(fig) {
  if (document.fullscreenElement === fig) document.exitFullscreen();
  else fig.requestFullscreen?.().catch(() => {});
}

function button(label, title, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.title = title;
  b.setAttribute('aria-label', title);
  b.addEventListener('click', onClick);
  return b;
}

function toolbar(fig, opts) {
  const bar = document.createElement('div');
  bar.className = 'diagram-toolbar';
  const n = Number(fig.dataset.diagram) + 1;
  const stem = `${opts.fileStem}-diagram-${n}`;
  bar.append(
    button('+', 'Zoom in', () => fig.__panzoom.zoomIn()),
    button('−', 'Zoom out', () => fig.__panzoom.zoomOut()),
    button('Reset', 'Reset zoom and position', () => fig.__panzoom.reset()),
    button('Full screen', 'Full screen', () => toggleFullscreen(fig)),
    button('Copy source', 'Copy source (Mermaid)', async (e) => {
      const b = e.currentTarget;
      await copyText(fig.querySelector('.diagram-source').textContent);
      flash(b, 'Copied');
    }),
    button('SVG', 'Download as SVG', () => download(svgBlob(fig), `${stem}.svg`)),
    button('PNG', 'Download as PNG', async () => download(await pngBlob(fig), `${stem}.png`)),
  );
  return bar;
}

function flash(el, text) {
  const old = el.textContent;
  el.textContent = text;
  setTimeout(() => { el.textContent = old; }, 1200);
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}

function svgText(fig) {
  const svg = fig.querySelector('.diagram-render svg');
  const clone = svg.cloneNode(true);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.removeAttribute('style');
  const box = svg.viewBox.baseVal;
  if (box && box.width) {
    clone.setAttribute('width', box.width);
    clone.setAttribute('height', box.height);
  }
  return new XMLSerializer().serializeToString(clone);
}

function svgBlob(fig) {
  return new Blob([svgText(fig)], { type: 'image/svg+xml' });
}

/** Rendered in the browser: the SVG drawn onto a canvas at twice its size. */
async function pngBlob(fig) {
  const svg = fig.querySelector('.diagram-render svg');
  const box = svg.viewBox.baseVal;
  const scale = 2;
  // A data: URL, not a blob: URL, so the canvas stays exportable.
  const bytes = new TextEncoder().encode(svgText(fig));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  const url = `data:image/svg+xml;base64,${btoa(binary)}`;
  {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil((box.width || img.width) * scale);
    canvas.height = Math.ceil((box.height || img.height) * scale);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = getComputedStyle(fig).backgroundColor || '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
  }
}

function download(blob, name) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

/** Nodes of a flowchart, keyed by the id written in the source. */
function nodesById(svg) {
  const out = new Map();
  for (const g of svg.querySelectorAll('g.node')) {
    // Mermaid names node groups "<svgId>-flowchart-<NodeId>-<n>" or "flowchart-<NodeId>-<n>".
    const m = /flowchart-(.+)-\d+$/.exec(g.id);
    if (m) out.set(m[1], g);
  }
  return out;
}

/** Node id -> plane id, as the atlas's Rust diagram reader decided it. */
function planesOf(fig) {
  try { return JSON.parse(fig.dataset.planes || '{}'); } catch { return {}; }
}

function legend(fig, planes) {
  fig.querySelector('.plane-legend')?.remove();
  const inUse = new Set(Object.values(planesOf(fig)));
  const present = planes.filter((p) => inUse.has(p.id));
  if (present.length === 0) return;
  const box = document.createElement('div');
  box.className = 'plane-legend';
  box.setAttribute('role', 'group');
  box.setAttribute('aria-label', 'Show one plane at a time');
  for (const p of present) {
    const b = button(p.name, `Show only the ${p.name.toLowerCase()} plane (click again for all)`, () => {
      focusPlane(fig, fig.dataset.plane === p.id ? '' : p.id);
    });
    b.dataset.plane = p.id;
    b.style.setProperty('--plane', p.colour);
    b.setAttribute('aria-pressed', String(fig.dataset.plane === p.id));
    box.append(b);
  }
  fig.querySelector('.diagram-viewport').after(box);
}

function focusPlane(fig, plane) {
  if (plane) fig.dataset.plane = plane; else delete fig.dataset.plane;
  const svg = fig.querySelector('.diagram-render svg');
  const planeOf = planesOf(fig);
  for (const [id, g] of nodesById(svg)) {
    g.classList.toggle('atlas-dimmed', Boolean(plane) && planeOf[id] !== plane);
  }
  svg.classList.toggle('atlas-plane-focus', Boolean(plane));
  for (const b of fig.querySelectorAll('.plane-legend button')) {
    b.setAttribute('aria-pressed', String(b.dataset.plane === plane));
  }
}

function linkNodes(fig, svg) {
  if (!fig.dataset.links) return;
  let links;
  try { links = JSON.parse(fig.dataset.links); } catch { return; }
  const nodes = nodesById(svg);
  for (const [id, href] of Object.entries(links)) {
    const g = nodes.get(id);
    if (!g) continue;
    g.classList.add('atlas-linked');
    g.setAttribute('tabindex', '0');
    g.setAttribute('role', 'link');
    const where = href.startsWith('#') ? 'goes there on this page' : 'opens the entry';
    g.setAttribute('aria-label', `${g.textContent.trim()} (${where})`);
    g.dataset.href = href;
    const go = (e) => { e.preventDefault(); e.stopPropagation(); navigateTo(href); };
    g.addEventListener('click', go);
    // Panzoom starts a drag on pointerdown; a click on a link is not a drag.
    g.addEventListener('pointerdown', (e) => e.stopPropagation());
    g.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') go(e); });
  }
}
