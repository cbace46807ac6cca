// Trunk post-build hook (one hook, so the steps run in order):
// 1. Copy Mermaid's ES module build and @panzoom/panzoom from node_modules
//    (installed by `npm ci` from package-lock.json): no CDN.
// 2. Content-Security-Policy: allow nothing beyond the site's own files; the
//    inline scripts Trunk's page carries are allowed by their hashes.
// 3. The app's shell (index.html as Trunk wrote it) is kept as shell.html and
//    404.html: 404.html answers unknown paths on GitHub Pages and other
//    static hosts; the service worker answers navigations with shell.html.
// 4. `atlas build`: check content/ and write manifest.json, data/ (index,
//    search files), entries/, and a prerendered page for every route
//    (index.html, e/<id>/index.html, …) from the shell, plus sitemap.xml
//    (when ATLAS_SITE_URL is set) and robots.txt. Bad content fails here.
// 5. Release builds: a service worker precaching the shell, for offline use
//    and clean updates.
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

// 1. Vendored JavaScript.
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

// 2. Content-Security-Policy, in release builds (`trunk serve` rewrites the
//    page's inline scripts for live reload, which no fixed hash can allow).
//    Framing is allowed on purpose (embed mode).
const release = process.env.TRUNK_PROFILE === 'release';
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
if (release) {
  html = html.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${csp}" />`);
}

// 3. The shell, for unknown paths and for the service worker.
writeFileSync(join(staging, 'shell.html'), html);
writeFileSync(join(staging, '404.html'), html);

// 4. Content and the prerendered pages (index.html becomes the home page).
const atlas = spawnSync('cargo', ['run', '-q', '-p', 'atlas-cli', '--', 'build', '--out', staging, '--shell', join(staging, 'shell.html')], { stdio: 'inherit' });
if (atlas.status !== 0) process.exit(atlas.status ?? 1);

// 5. Offline: in release builds only (a service worker would get in the way
//    of `trunk serve` reloads).
//    - The shell (shell.html, JS, wasm, CSS, icons, manifest.json and the
//      index it names) is precached in a cache per build; a new build waits until the
//      page asks it to take over, so an open page never mixes two versions.
//      Files whose names carry a content hash are copied from the previous
//      build's cache instead of downloaded again.
//    - Data files (data/, entries/: content-hashed) are cached when first
//      used, in one cache kept across deploys; vendor/ (Mermaid, panzoom)
//      when first used, per build.
//    - offline-files.json lists every file, for "Make the whole atlas
//      available offline".
//    - Prerendered pages (every index.html) are for first visits, crawlers
//      and link previews: offline, every address is answered with the shell.
//    Hand-written rather than Workbox: workbox-build pulls in rollup, whose
//    platform packages npm cannot lock reproducibly here.
if ((process.env.TRUNK_PROFILE === 'release' || process.env.ATLAS_SW === '1') && process.env.ATLAS_NO_SW !== '1') {
  const all = [];
  const walk = (dir, rel) => {
    for (const f of readdirSync(dir, { withFileTypes: true })) {
      const r = rel ? `${rel}/${f.name}` : f.name;
      if (f.isDirectory()) walk(join(dir, f.name), r);
      else if (!['sw.js', '404.html', 'offline-files.json', 'sitemap.xml', 'robots.txt'].includes(r) && !/(^|\/)index\.html$/.test(r)) all.push(r);
    }
  };
  walk(staging, '');
  all.sort();
  const manifest = JSON.parse(readFileSync(join(staging, 'manifest.json'), 'utf8'));
  const onUse = (f) => /^(data|entries|vendor)\//.test(f);
  const shell = all.filter((f) => !onUse(f) || f === manifest.index);
  const digest = createHash('sha256');
  let shellBytes = 0;
  let allBytes = 0;
  const listed = [];
  for (const f of all) {
    const body = readFileSync(join(staging, f));
    allBytes += body.length;
    listed.push({ url: f, bytes: body.length });
    if (shell.includes(f)) {
      shellBytes += body.length;
      digest.update(f).update(body);
    }
  }
  const version = digest.digest('hex').slice(0, 16);
  writeFileSync(join(staging, 'offline-files.json'), JSON.stringify({ version, files: listed }));
  writeFileSync(join(staging, 'sw.js'), serviceWorker(version, shell));
  console.error(`post-build: service worker ${version} precaches ${shell.length} shell files (${(shellBytes / 1024).toFixed(0)} KiB); the whole atlas is ${all.length} files, ${(allBytes / 1024 / 1024).toFixed(1)} MiB`);
}

/** The service worker (see step 5). */
function serviceWorker(version, files) {
  return `// Generated by scripts/post-build.mjs for build ${version}.
const SHELL = 'atlas-shell-${version}';
// Content-hashed files: one cache for every build, so a deploy keeps them.
const DATA = 'atlas-data';
const FILES = ${JSON.stringify(files)};
const HASHED = /(^(data|entries)\\/)|([-.][0-9a-f]{10,}([-._/]|$))/;
const scope = new URL(self.registration.scope);
const rel = (url) => url.pathname.startsWith(scope.pathname) ? url.pathname.slice(scope.pathname.length) : null;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => Promise.all(FILES.map(async (f) => {
    const url = new URL(f, scope).href;
    // A hashed name is the same bytes in any build: reuse what is cached.
    const old = HASHED.test(f) ? await caches.match(url) : undefined;
    if (old) return cache.put(url, old);
    const response = await fetch(new Request(url, { cache: 'reload' }));
    if (!response.ok) throw new Error(\`\${f}: \${response.status}\`);
    return cache.put(url, response);
  }))));
});
self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(
    keys.filter((k) => k.startsWith('atlas-') && k !== SHELL && k !== DATA).map((k) => caches.delete(k)))));
});
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});
self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  // Every in-app address is the app: answer navigations with its shell.
  if (request.mode === 'navigate') {
    event.respondWith(caches.open(SHELL)
      .then((cache) => cache.match(new URL('shell.html', scope).href))
      .then((hit) => hit || fetch(request)));
    return;
  }
  const path = rel(url);
  const onUse = path !== null && /^(data|entries|vendor)\\//.test(path);
  event.respondWith((async () => {
    const shell = await caches.open(SHELL);
    const hit = (await shell.match(request)) || (onUse ? await caches.match(request) : undefined);
    if (hit) return hit;
    const response = await fetch(request);
    if (onUse && response.ok) {
      const store = await caches.open(/^(data|entries)\\//.test(path) ? DATA : SHELL);
      await store.put(request, response.clone());
    }
    return response;
  })());
});
`;
}
console.error(`post-build: Mermaid (${chunks} chunks) and panzoom vendored; ${release ? 'CSP set; ' : ''}shell.html and 404.html written`);
