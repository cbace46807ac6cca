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
const synthetic = process.env.BENCH_SYNTHETIC ? JSON.parse(process.env.BENCH_SYNTHETIC) : null;
const notes = JSON.parse(process.env.BENCH_NOTES ?? '[]');
const QUERIES = ['kafka', 'github', 'FATAL: sorry, too many clients already', 'replica lag', 'linearizabilty',
  'mvcc: database space exceeded', 'circuit breaker', 'connection pool', 'cloudflare', 'etcd defrag'];

const index = JSON.parse(readFileSync(`${sites[0].dist}/index.json`, 'utf8'));
const entry = [...index.entries].sort((a, b) => b.diagrams - a.diagrams || a.id.localeCompare(b.id))[0];
const dirOf = Object.fromEntries(index.taxonomy.categories.map((c) => [c.id, c.dir]));
const entryPath = (site) => (site.kind === 'atlas' ? `e/${entry.id}` : `${dirOf[entry.category]}/${entry.id}/`);

const browser = await launch();
const servers = {};
for (const s of [...sites, ...(synthetic ? [synthetic] : [])]) servers[s.name] = await serve(s.dist, s.base);

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

/** Time from the last keystroke to the last change of the results on screen. */
async function searchLatencies(site, page) {
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
      window.__bench = { t0: 0, last: 0 };
      const obs = new MutationObserver(() => { window.__bench.last = performance.now(); });
      obs.observe(target, { subtree: true, childList: true, characterData: true, attributes: true });
      window.__benchObs?.disconnect();
      window.__benchObs = obs;
      document.addEventListener('keydown', () => { window.__bench.t0 = performance.now(); }, { once: true, capture: true });
    }, [results]);
    await page.keyboard.press(q.slice(-1) === ' ' ? 'Space' : q.slice(-1));
    // Wait until the results have been quiet for 400 ms.
    await page.waitForFunction(() => window.__bench.t0 && performance.now() - Math.max(window.__bench.last, window.__bench.t0) > 400, null, { polling: 20, timeout: 30000 });
    const { t0, last } = await page.evaluate(() => window.__bench);
    if (last > t0) out.push(last - t0);
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
  if (synthetic) {
    const p = await freshPage();
    add(synthetic.name, 'home_ms_cold', await loadHome(synthetic, p));
    add(synthetic.name, 'home_raw', p.log.raw); add(synthetic.name, 'home_gzip', p.log.gzip);
    await p.context.close();
    const s = await freshPage();
    const t = Date.now();
    const lat = await searchLatencies(synthetic, s.page);
    add(synthetic.name, 'search_total_s', (Date.now() - t) / 1000);
    for (const ms of lat) add(synthetic.name, 'search_ms', ms);
    await s.context.close();
  }
  console.error(`rep ${rep + 1}/${REPS} done after ${((Date.now() - started) / 1000).toFixed(0)} s`);
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
if (synthetic) {
  const s = samples[synthetic.name];
  md += `\n## Synthetic atlas, ${synthetic.entries} entries (atlas only)\n\n| figure | value |\n|---|---|\n`;
  md += `| First visit, home page: bytes (raw / gzip) | ${kb(med(s.home_raw))} / ${kb(med(s.home_gzip))} |\n`;
  md += `| First visit, home page: time to usable, cold | ${fmt(synthetic.name, 'home_ms_cold', 'ms')} |\n`;
  md += `| Search, last keystroke to results on screen: p50 / p95 | ${ms(pct(s.search_ms, 50))} / ${ms(pct(s.search_ms, 95))} |\n`;
  md += `| Whole search run (loads search data, builds the index, ${QUERIES.length} queries) | ${med(s.search_total_s).toFixed(1)} s |\n`;
}
if (notes.length) md += `\n${notes.map((n) => `- ${n}`).join('\n')}\n`;
console.log(md);
writeFileSync('bench/results.md', md);
await browser.close();
for (const s of Object.values(servers)) await s.close();
