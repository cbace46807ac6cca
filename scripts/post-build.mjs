// Trunk post-build hook (one hook, so the steps run in order):
// 1. `atlas build`: check content/ and write index.json, search.json and
//    entries/ into the site (bad content fails the build here).
// 2. Copy Mermaid's ES module build and @panzoom/panzoom from node_modules
//    (installed by `npm ci` from package-lock.json): no CDN.
// 3. Content-Security-Policy: allow nothing beyond the site's own files; the
//    one inline script Trunk writes is allowed by its hash.
// 4. 404.html, a copy of index.html, so deep links work on GitHub Pages and
//    other static hosts that serve 404.html for unknown paths.
// 5. Release builds: a Workbox service worker precaching every file with its
//    revision, for offline use and clean updates.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('post-build: run me from Trunk (TRUNK_STAGING_DIR is not set)');
  process.exit(2);
}
const fail = (msg) => { console.error(`post-build: ${msg}`); process.exit(1); };

// 1. Content.
const atlas = spawnSync('cargo', ['run', '-q', '-p', 'atlas-cli', '--', 'build', '--out', staging], { stdio: 'inherit' });
if (atlas.status !== 0) process.exit(atlas.status ?? 1);

// 2. Vendored JavaScript.
const dist = 'node_modules/mermaid/dist';
if (!existsSync(join(dist, 'mermaid.esm.min.mjs'))) fail('Mermaid is not installed; run `npm ci` (cargo xtask does it for you)');
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
mkdirSync(join(staging, 'vendor', 'panzoom'), { recursive: true });
copyFileSync('node_modules/@panzoom/panzoom/dist/panzoom.es.js', join(staging, 'vendor', 'panzoom', 'panzoom.es.js'));

// 3. Content-Security-Policy. Framing is allowed on purpose (embed mode).
const indexPath = join(staging, 'index.html');
let html = readFileSync(indexPath, 'utf8');
const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
  .map((m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`);
const csp = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`,
  // Mermaid writes <style> into each SVG; the app sets a few style attributes.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');
html = html.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${csp}" />`);
writeFileSync(indexPath, html);

// 4. Deep links on static hosts.
writeFileSync(join(staging, '404.html'), html);

// 5. Offline: precache everything, revisioned, in release builds only (a
//    service worker would get in the way of `trunk serve` reloads).
if (process.env.TRUNK_PROFILE === 'release' || process.env.ATLAS_SW === '1') {
  const { generateSW } = await import('workbox-build');
  const { count, size, warnings } = await generateSW({
    globDirectory: staging,
    globPatterns: ['**/*.{html,js,mjs,wasm,css,json,svg,png,webmanifest}'],
    globIgnores: ['sw.js', '404.html'],
    swDest: join(staging, 'sw.js'),
    // Trunk's file names carry content hashes; the rest get revisions.
    dontCacheBustURLsMatching: /-[0-9a-f]{16}(_bg)?\.(js|wasm|css|svg)$/,
    maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
    navigateFallback: 'index.html',
    inlineWorkboxRuntime: true,
    mode: 'production',
    sourcemap: false,
    // The page asks before switching versions ("New version available").
    skipWaiting: false,
    clientsClaim: false,
    cleanupOutdatedCaches: true,
  });
  for (const w of warnings) console.error(`post-build: workbox: ${w}`);
  console.error(`post-build: service worker precaches ${count} files, ${(size / 1024 / 1024).toFixed(1)} MiB`);
}
console.error(`post-build: Mermaid (${chunks} chunks) and panzoom vendored; CSP set; 404.html written`);
