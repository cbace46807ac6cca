// The browser half of `cargo xtask bench`: the atlas and the same content as
// MkDocs Material (and Zensical, where it builds), served on localhost and
// measured in Debian's chromium in one run, alternating, several times.
// Prints a Markdown table and writes it to bench/results.md.
import { gzipSync } from 'node:zlib';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { serve } from '../tests/browser/static-server.mjs';
import { launch } from '../tests/browser/browser.mjs';

const REPS = Number(process.env.BENCH_REPS ?? 5);
const sites = JSON.parse(process.env.BENCH_SITES); // [{name, dist, base, kind}]
// The atlas at scale: [{name, dist, distV2, base, entries, build_s}], real first.
const scale = process.env.BENCH_SCALE ? JSON.parse(process.env.BENCH_SCALE) : [];
const SCALE_REPS = Number(process.env.BENCH_SCALE_REPS ?? 3);
const notes = JSON.parse(process.env.BENCH_NOTES ?? '[]');
const QUERIES = ['kafka', 'github', 'FATAL: sorry, too many clients already', 'replica lag', 'linearizabilty',
  'mvcc: database space exceeded', 'circuit breaker', 'connection pool', 'cloudflare', 'etcd defrag'];

const manifest = JSON.parse(readFileSync(`${sites[0].dist}/manifest.json`, 'utf8'));
const index = JSON.parse(readFileSync(`${sites[0].dist}/${manifest.index}`, 'utf8'));
const entry = [...index.entries].sort((a, b) => b.diagrams - a.diagrams || a.id.localeCompare(b.id))[0];
const dirOf = Object.fromEntries(index.taxonomy.categories.map((c) => [c.id, c.dir]));
const entryPath = (site) => (site.kind === 'atlas' ? `e/${entry.id}` : `${dirOf[entry.category]}/${entry.id}/`);

const browser = await launch();
const servers = {};
for (const s of [...sites, ...scale]) servers[s.name] = await serve(s.dist, s.base, { gzip: true });
// Each scale site's own first entry, for the returning reader's visit.
for (const s of scale) {
  s.kind = 'atlas';
  const m = JSON.parse(readFileSync(`${s.dist}/manifest.json`, 'utf8'));
  s.entryId = JSON.parse(readFileSync(`${s.dist}/${m.index}`, 'utf8')).entries[0].id;
}

/** A fresh browser profile; service workers blocked so every byte is the page's own. */
async function freshPage() {
  // A very tall viewport: the atlas draws diagrams as they scroll into view,
  // MkDocs draws them all at once; this way both draw every diagram at once.
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 16000 } });
  const page = await context.newPage();
  const origin = 'http://127.0.0.1';
  const log = { raw: 0, gzip: 0, count: 0, offsite: 0 };
  await page.route('**/*', (route) => (route.request().url().startsWith(origin) ? route.continue() : (log.offsite++, route.abort())));
  page.on('response', async (r) => {
    try {
      const body = await r.body();
      log.raw += body.length;
      log.gzip += gzipSync(body, { level: 6 }).length;
      log.count++;
    } catch { /* redirects and 304s have no body */ }
  });
  return { context, page, log, reset() { Object.assign(log, { raw: 0, gzip: 0, count: 0 }); } };
}

const usable = {
  atlas: () => document.querySelector('table.coverage') && performance.now(),
  mkdocs: () => document.readyState === 'complete' && document.querySelector('.md-content') && performance.now(),
};
const diagramsDone = {
  atlas: (n) => document.querySelectorAll('figure.diagram .diagram-render svg').length >= n && performance.now(),
  mkdocs: (n) => [...document.querySelectorAll('div.mermaid')].filter((d) => d.offsetHeight > 0).length >= n && performance.now(),
};

async function loadHome(site, p) {
  if (process.env.BENCH_DEBUG) console.error('home', site.name);
  const url = servers[site.name].url;
  await p.page.goto(url, { waitUntil: 'commit' });
  const ms = await (await p.page.waitForFunction(usable[site.kind], null, { timeout: 60000, polling: 10 })).jsonValue();
  await p.page.waitForLoadState('networkidle');
  return ms;
}

async function loadEntry(site, p) {
  if (process.env.BENCH_DEBUG) console.error('entry', site.name);
  await p.page.goto(servers[site.name].url + entryPath(site), { waitUntil: 'commit' });
  const ms = await (await p.page.waitForFunction(diagramsDone[site.kind], entry.diagrams, { timeout: 60000, polling: 10 })).jsonValue();
  await p.page.waitForLoadState('networkidle');
  return ms;
}

/** Time from the last keystroke to the last change of the results on screen
 *  (snippets filled in); the first change is pushed to `firstPaint`. */
async function searchLatencies(site, page, firstPaint = []) {
  if (process.env.BENCH_DEBUG) console.error('search', site.name);
  const input = site.kind === 'atlas' ? '#search-input' : '.md-search__input';
  const results = site.kind === 'atlas' ? '.explorer-main' : '.md-search__output';
  if (site.kind === 'atlas') {
    await page.goto(servers[site.name].url + 'explore');
  } else {
    await page.goto(servers[site.name].url);
  }
  await page.locator(input).waitFor({ state: 'attached' });
  await page.locator(input).focus();
  const out = [];
  for (const q of QUERIES) {
    await page.locator(input).fill(q.slice(0, -1));
    await page.waitForTimeout(700);
    await page.evaluate(([sel]) => {
      const target = document.querySelector(sel);
      window.__bench = { t0: 0, first: 0, last: 0 };
      const obs = new MutationObserver(() => {
        const now = performance.now();
        if (window.__bench.t0 && !window.__bench.first) window.__bench.first = now;
        window.__bench.last = now;
      });
      obs.observe(target, { subtree: true, childList: true, characterData: true, attributes: true });
      window.__benchObs?.disconnect();
      window.__benchObs = obs;
      document.addEventListener('keydown', () => { window.__bench.t0 = performance.now(); }, { once: true, capture: true });
    }, [results]);
    await page.keyboard.press(q.slice(-1) === ' ' ? 'Space' : q.slice(-1));
    // Wait until the results have been quiet for 400 ms.
    await page.waitForFunction(() => window.__bench.t0 && performance.now() - Math.max(window.__bench.last, window.__bench.t0) > 400, null, { polling: 20, timeout: 30000 });
    const { t0, first, last } = await page.evaluate(() => window.__bench);
    if (last > t0) out.push(last - t0);
    if (first > t0) firstPaint.push(first - t0);
  }
  return out;
}

const samples = {};
const add = (site, key, v) => { ((samples[site] ??= {})[key] ??= []).push(v); };
const started = Date.now();
for (let rep = 0; rep < REPS; rep++) {
  for (const site of (rep % 2 ? [...sites].reverse() : sites)) {
    // First visit: home page, cold.
    const p = await freshPage();
    add(site.name, 'home_ms_cold', await loadHome(site, p));
    add(site.name, 'home_raw', p.log.raw); add(site.name, 'home_gzip', p.log.gzip); add(site.name, 'offsite', p.log.offsite);
    // Then the entry with the most diagrams, in the same visit.
    p.reset();
    add(site.name, 'entry_ms_after_home', await loadEntry(site, p));
    add(site.name, 'entry_raw', p.log.raw); add(site.name, 'entry_gzip', p.log.gzip);
    // Warm: the same pages again with a filled HTTP cache.
    add(site.name, 'home_ms_warm', await loadHome(site, p));
    add(site.name, 'entry_ms_warm', await loadEntry(site, p));
    await p.context.close();
    // Cold entry: straight to the entry from an empty cache.
    const q = await freshPage();
    add(site.name, 'entry_ms_cold', await loadEntry(site, q));
    await q.context.close();
    // Search, from a loaded page.
    if (site.search === false) continue;
    const s = await freshPage();
    for (const ms of await searchLatencies(site, s.page)) add(site.name, 'search_ms', ms);
    await s.context.close();
  }
  console.error(`rep ${rep + 1}/${REPS} done after ${((Date.now() - started) / 1000).toFixed(0)} s`);
}


/** From an empty cache: open the explorer, type a query, until the first
 *  result is on screen: the bytes that took and the time. */
async function firstSearch(site) {
  const p = await freshPage();
  await p.page.goto(servers[site.name].url + 'explore');
  await p.page.locator('#search-input').waitFor();
  await p.page.waitForLoadState('networkidle');
  p.reset();
  const t0 = Date.now();
  await p.page.locator('#search-input').fill('replication lag');
  await p.page.locator('.result mark').first().waitFor({ timeout: 60000 });
  const ms = Date.now() - t0;
  await p.page.waitForLoadState('networkidle');
  const out = { ms, gzip: p.log.gzip, raw: p.log.raw };
  await p.context.close();
  return out;
}

/** The wasm's linear memory after 50 queries typed one key at a time. */
async function memoryAfterQueries(site) {
  const p = await freshPage();
  await p.page.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; });
  });
  await p.page.goto(servers[site.name].url + 'explore');
  await p.page.locator('#search-input').waitFor();
  for (let i = 0; i < 50; i++) {
    const q = QUERIES[i % QUERIES.length];
    await p.page.locator('#search-input').fill(q);
    await p.page.waitForTimeout(30);
  }
  await p.page.waitForLoadState('networkidle');
  const bytes = await p.page.evaluate(() => window.__wasm?.memory?.buffer?.byteLength ?? 0);
  await p.context.close();
  return bytes;
}

/** A returning reader (service worker on) after a deploy that changed one
 *  entry: what the server sends between the reload and the new version
 *  being on screen. */
async function returningAfterDeploy(site) {
  const server = servers[site.name];
  server.setDist(site.dist);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url);
  await page.locator('table.coverage').waitFor({ timeout: 60000 });
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.reload();
  await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller));
  // A typical visit: one search, one entry.
  await page.goto(server.url + 'explore?q=replication');
  await page.locator('.result').first().waitFor({ timeout: 60000 });
  await page.goto(`${server.url}e/${site.entryId}`);
  await page.locator('article.entry .prose').waitFor({ timeout: 60000 });
  await page.goto(server.url);
  await page.locator('table.coverage').waitFor();
  server.setDist(site.distV2);
  const before = { ...server.sent };
  await page.reload();
  const banner = page.locator('.update-banner');
  await banner.waitFor({ timeout: 60000 });
  await banner.getByRole('button', { name: 'reload' }).click();
  await page.waitForEvent('load');
  await page.locator('table.coverage').waitFor({ timeout: 60000 });
  await page.waitForLoadState('networkidle');
  const out = { gzip: server.sent.gzip - before.gzip, raw: server.sent.raw - before.raw, files: server.sent.files - before.files };
  server.setDist(site.dist);
  await context.close();
  return out;
}

for (let rep = 0; rep < SCALE_REPS; rep++) {
  for (const site of scale) {
    const p = await freshPage();
    add(site.name, 'home_ms_cold', await loadHome(site, p));
    add(site.name, 'home_gzip', p.log.gzip);
    add(site.name, 'home_ms_warm', await loadHome(site, p));
    await p.context.close();
    const f = await firstSearch(site);
    add(site.name, 'first_search_ms', f.ms);
    add(site.name, 'first_search_gzip', f.gzip);
    const s = await freshPage();
    const firstPaint = [];
    for (const ms of await searchLatencies(site, s.page, firstPaint)) add(site.name, 'search_ms', ms);
    for (const ms of firstPaint) add(site.name, 'search_first_ms', ms);
    await s.context.close();
    if (rep === 0) {
      add(site.name, 'wasm_memory', await memoryAfterQueries(site));
      if (site.distV2) {
        const r = await returningAfterDeploy(site);
        add(site.name, 'deploy_gzip', r.gzip);
        add(site.name, 'deploy_files', r.files);
      }
    }
  }
  console.error(`scale rep ${rep + 1}/${SCALE_REPS} done after ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const pct = (xs, p) => { const s = sorted(xs); return s[Math.min(s.length - 1, Math.round((p / 100) * (s.length - 1)))]; };
const med = (xs) => pct(xs, 50);
const kb = (b) => `${(b / 1024).toFixed(0)} KB`;
const ms = (m) => `${m.toFixed(m < 10 ? 1 : 0)} ms`;
const fmt = (site, key, unit) => {
  const xs = samples[site]?.[key];
  if (!xs?.length) return 'n/a';
  const f = unit === 'kb' ? kb : ms;
  if (unit === 'kb') return f(med(xs));
  return `${f(med(xs))} (${f(Math.min(...xs))}–${f(Math.max(...xs))})`;
};
const ratio = (key, lower = true) => {
  const a = samples[sites[0].name]?.[key]; const b = samples[sites[1]?.name]?.[key];
  if (!a?.length || !b?.length) return 'n/a';
  const r = med(b) / med(a);
  return `${r.toFixed(1)}× ${r >= 1 === lower ? 'atlas better' : 'MkDocs better'}`;
};

const rows = [
  ['First visit, home page: bytes (raw)', 'home_raw', 'kb'],
  ['First visit, home page: bytes (gzip)', 'home_gzip', 'kb'],
  ['First visit, home page: time to usable, cold', 'home_ms_cold', 'ms'],
  ['Home page again: time to usable, warm', 'home_ms_warm', 'ms'],
  [`Then open the entry (${entry.diagrams} diagrams): bytes (raw)`, 'entry_raw', 'kb'],
  [`Then open the entry: bytes (gzip)`, 'entry_gzip', 'kb'],
  ['Entry opened after the home page: all diagrams drawn', 'entry_ms_after_home', 'ms'],
  ['Entry, cold (empty cache): all diagrams drawn', 'entry_ms_cold', 'ms'],
  ['Entry, warm (reload): all diagrams drawn', 'entry_ms_warm', 'ms'],
];
const names = sites.map((s) => s.name);
let md = `# Atlas vs MkDocs Material, same content\n\n`;
md += `Run ${new Date().toISOString().slice(0, 16)}Z on ${os.cpus().length} × ${os.cpus()[0].model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}; Chromium ${browser.version()} headless; ${REPS} repetitions, alternating; median (min–max). Service workers blocked, so bytes are the pages' own; viewport 1280×16000 so every diagram is in view at once. Entry: \`${entry.id}\`.\n\n`;
md += `| figure | ${names.join(' | ')} | ratio (MkDocs ÷ atlas) |\n|---|${names.map(() => '---').join('|')}|---|\n`;
for (const [label, key, unit] of rows) md += `| ${label} | ${names.map((n) => fmt(n, key, unit)).join(' | ')} | ${ratio(key)} |\n`;
md += `| Search, last keystroke to results on screen: p50 | ${names.map((n) => (samples[n]?.search_ms?.length ? ms(pct(samples[n].search_ms, 50)) : 'n/a')).join(' | ')} | |\n`;
md += `| Search, last keystroke to results on screen: p95 | ${names.map((n) => (samples[n]?.search_ms?.length ? ms(pct(samples[n].search_ms, 95)) : 'n/a')).join(' | ')} | |\n`;
md += `| Requests that tried to leave localhost | ${names.map((n) => String(Math.max(...(samples[n]?.offsite ?? [0])))).join(' | ')} | |\n`;
md += `\nSearch queries: ${QUERIES.map((q) => `\`${q}\``).join(', ')}.\n`;
if (scale.length) {
  const names2 = scale.map((x) => x.name);
  const cell = (n, key, f) => (samples[n]?.[key]?.length ? f(samples[n][key]) : 'n/a');
  const mib = (b) => `${(b / 1048576).toFixed(1)} MiB`;
  md += `\n## The atlas at scale\n\nSynthetic corpora: real entry bodies (sections, tables, code, diagrams) with the prose reworded, so sizes follow the real ones. Median of ${SCALE_REPS} runs for times; keystrokes pooled.\n\n`;
  md += `| figure | ${names2.join(' | ')} |\n|---|${names2.map(() => '---').join('|')}|\n`;
  const line = (label, f) => { md += `| ${label} | ${names2.map(f).join(' | ')} |\n`; };
  line('First visit, home page: bytes (gzip)', (n) => cell(n, 'home_gzip', (x) => kb(med(x))));
  line('Home page usable: cold / warm', (n) => `${cell(n, 'home_ms_cold', (x) => ms(med(x)))} / ${cell(n, 'home_ms_warm', (x) => ms(med(x)))}`);
  line('First search from an empty cache: bytes (gzip) / time to results', (n) => `${cell(n, 'first_search_gzip', (x) => kb(med(x)))} / ${cell(n, 'first_search_ms', (x) => ms(med(x)))}`);
  line('Search, last keystroke to first results painted: p50 / p95', (n) => cell(n, 'search_first_ms', (x) => `${ms(pct(x, 50))} / ${ms(pct(x, 95))}`));
  line('Search, last keystroke to results settled (snippets filled): p50 / p95', (n) => cell(n, 'search_ms', (x) => `${ms(pct(x, 50))} / ${ms(pct(x, 95))}`));
  line('wasm memory after 50 queries', (n) => cell(n, 'wasm_memory', (x) => mib(med(x))));
  line('Returning reader after a one-entry deploy: bytes (gzip) / files', (n) => `${cell(n, 'deploy_gzip', (x) => kb(med(x)))} / ${cell(n, 'deploy_files', (x) => String(med(x)))}`);
  line('`atlas build` (check + compile, release)', (n) => { const x = scale.find((y) => y.name === n); return x?.build_s ? `${x.build_s.toFixed(1)} s` : 'n/a'; });
}
if (notes.length) md += `\n${notes.map((n) => `- ${n}`).join('\n')}\n`;
console.log(md);
writeFileSync('bench/results.md', md);
await browser.close();
for (const s of Object.values(servers)) await s.close();
