// Trunk post-build hook: bundles what the app loads besides its own wasm.
// - Mermaid's ES module build and @panzoom/panzoom (the entry and its chunks, without source maps)
//   from node_modules, installed by `npm ci` from package-lock.json: no CDN.
// - 404.html, a copy of index.html, so deep links work on GitHub Pages and
//   other static hosts that serve 404.html for unknown paths.
import { cpSync, copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('post-build: run me from Trunk (TRUNK_STAGING_DIR is not set)');
  process.exit(2);
}
const dist = 'node_modules/mermaid/dist';
if (!existsSync(join(dist, 'mermaid.esm.min.mjs'))) {
  console.error('post-build: Mermaid is not installed; run `npm ci` (cargo xtask does it for you)');
  process.exit(1);
}
const out = join(staging, 'vendor', 'mermaid');
mkdirSync(join(out, 'chunks', 'mermaid.esm.min'), { recursive: true });
copyFileSync(join(dist, 'mermaid.esm.min.mjs'), join(out, 'mermaid.esm.min.mjs'));
let chunks = 0;
for (const f of readdirSync(join(dist, 'chunks', 'mermaid.esm.min'))) {
  if (f.endsWith('.mjs')) {
    copyFileSync(join(dist, 'chunks', 'mermaid.esm.min', f), join(out, 'chunks', 'mermaid.esm.min', f));
    chunks++;
  }
}
const panzoom = 'node_modules/@panzoom/panzoom/dist/panzoom.es.js';
mkdirSync(join(staging, 'vendor', 'panzoom'), { recursive: true });
copyFileSync(panzoom, join(staging, 'vendor', 'panzoom', 'panzoom.es.js'));
cpSync(join(staging, 'index.html'), join(staging, '404.html'));
console.error(`post-build: Mermaid (${chunks} chunks) and panzoom vendored; 404.html written`);
