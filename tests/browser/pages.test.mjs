// Every page a real page: the prerendered HTML `atlas build` writes is
// answered with status 200 and the right title by a GitHub-Pages-like host,
// reads without JavaScript, and hands over to the app without a second fetch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { siteUnderTest, watchedPage } from './browser.mjs';

const site = siteUnderTest();

/** GET `path` under the site as a crawler would (following redirects). */
async function get(path) {
  const response = await fetch(new URL(path, site.server.url));
  return { status: response.status, html: await response.text(), url: response.url };
}

const title = (html) => html.match(/<title>([^<]*)<\/title>/)?.[1]
  .replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>');

test('every route answers 200 with its own title; unknown paths 404', async () => {
  const routes = [
    ['', 'Atlas of production distributed systems'],
    ['explore', 'Explore · Atlas'],
    ['3am', '3 AM · Atlas'],
    ['progress', 'Progress · Atlas'],
    ['incidents/stats', 'Incident statistics · Atlas'],
    ['incidents/timeline', 'Incident timelines · Atlas'],
    ['decide', 'Decide · Atlas'],
    ...site.index.taxonomy.categories.map((c) => [`c/${c.id}`, `${c.name} · Atlas`]),
    ...site.index.entries.map((e) => [`e/${e.id}`, `${e.title} · Atlas`]),
  ];
  const wrong = [];
  for (const [path, expected] of routes) {
    const { status, html } = await get(path);
    if (status !== 200 || title(html) !== expected) wrong.push(`${path}: ${status} “${title(html)}”`);
  }
  assert.deepEqual(wrong, [], `${wrong.length} of ${routes.length} routes`);
  const missing = await get('e/no-such-entry');
  assert.equal(missing.status, 404);
});

test('an entry page carries its description and link-preview tags', async () => {
  const entry = site.index.entries.find((e) => e.category === 'incident');
  const { html } = await get(`e/${entry.id}`);
  const meta = (attr, name) => html.match(new RegExp(`<meta ${attr}="${name}" content="([^"]*)"`))?.[1];
  assert.ok(meta('name', 'description')?.length > 40);
  assert.ok(meta('property', 'og:title'));
  assert.equal(meta('property', 'og:type'), 'article');
  assert.equal(meta('name', 'twitter:card'), 'summary');
  assert.equal((html.match(/<meta name="description"/g) ?? []).length, 1, 'one description');
});

test('without JavaScript an entry reads in full: text, diagram sources, sources', async () => {
  const context = await site.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const entry = site.index.entries.find((e) => e.category === 'incident' && e.diagrams > 0);
  await page.goto(`${site.server.url}e/${entry.id}`);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), entry.title);
  assert.ok(await page.locator('#sources-h + ol li').count() > 0);
  assert.equal(await page.locator('figure.diagram').count(), entry.diagrams);
  assert.ok(await page.getByRole('link', { name: 'Explore /' }).isVisible());
  await context.close();
});

test('the app takes over an entry page without fetching the entry again', async () => {
  const { page, problems } = await watchedPage(site.browser, new URL(site.server.url).origin);
  const entry = site.index.entries.find((e) => e.category === 'debugging' && e.diagrams > 0);
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.goto(`${site.server.url}e/${entry.id}`);
  await page.locator('figure.diagram').first().scrollIntoViewIfNeeded();
  await page.locator('figure.diagram[data-state="rendered"] svg').first().waitFor({ timeout: 20000 });
  assert.equal(await page.locator('article.entry').count(), 1, 'one page on screen');
  assert.equal(await page.locator('#main').count(), 1);
  assert.equal(requested.filter((p) => p.includes(entry.detail)).length, 0, 'the entry file was inline');
  assert.deepEqual(problems, []);
});

test('a folder address with its slash (how GitHub Pages redirects) shows the entry at the address without it', async () => {
  const { page } = await watchedPage(site.browser, new URL(site.server.url).origin);
  const entry = site.index.entries.find((e) => e.category === 'guarantee');
  await page.goto(`${site.server.url}e/${entry.id}/#sources-h`);
  await page.getByRole('heading', { level: 1, name: entry.title }).waitFor();
  const url = new URL(page.url());
  assert.equal(url.pathname, `${site.base}e/${entry.id}`);
  assert.equal(url.hash, '#sources-h');
});
