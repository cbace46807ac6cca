// The real built site in real Chromium, served under a sub-path like a
// GitHub Pages project site: home → category → entry, diagrams drawn.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { siteUnderTest, watchedPage } from './browser.mjs';

const site = siteUnderTest();
const { base } = site;

test('home → category → entry, and the entry diagram becomes an SVG with no Mermaid error', async () => {
  const { page, problems } = await watchedPage(site.browser, new URL(site.server.url).origin);
  await page.goto(site.server.url);
  await page.getByRole('heading', { name: 'Coverage' }).waitFor();
  const incidents = site.index.entries.filter((e) => e.category === 'incident').length;
  const row = page.locator('table.coverage tr', { has: page.getByRole('link', { name: 'Incident anatomies' }) });
  assert.equal((await row.locator('td').first().textContent()).trim(), String(incidents));
  const pageLoaded = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name));
  assert.equal(pageLoaded.some((u) => u.includes('/vendor/mermaid/')), false, 'Mermaid must not load on start-up');

  await page.getByRole('link', { name: 'Incident anatomies' }).click();
  await page.getByRole('heading', { level: 1, name: 'Incident anatomies' }).waitFor();
  assert.equal(new URL(page.url()).pathname, `${base}c/incident`);

  const first = site.index.entries.find((e) => e.category === 'incident');
  await page.getByRole('link', { name: first.title }).click();
  await page.getByRole('heading', { level: 1, name: first.title }).waitFor();
  assert.equal(new URL(page.url()).pathname, `${base}e/${first.id}`);

  // Diagrams are drawn as they scroll into view.
  const figures = page.locator('figure.diagram');
  await figures.first().waitFor();
  assert.equal(await figures.count(), first.diagrams);
  for (let i = 0; i < first.diagrams; i++) {
    await figures.nth(i).scrollIntoViewIfNeeded();
    await figures.nth(i).locator('.diagram-render svg, .diagram-error').first().waitFor({ timeout: 20000 });
  }
  const rendered = page.locator('figure.diagram[data-state="rendered"] svg');
  assert.equal(await page.locator('figure.diagram[data-state="error"]').count(), 0, 'a diagram failed to render');
  assert.equal(await rendered.count(), first.diagrams);
  assert.deepEqual(problems, []);
});

test('a deep link to an entry works when opened directly (and after reload)', async () => {
  const { page, problems } = await watchedPage(site.browser, new URL(site.server.url).origin);
  const entry = site.index.entries.find((e) => e.category === 'guarantee');
  await page.goto(`${site.server.url}e/${entry.id}`);
  await page.getByRole('heading', { level: 1, name: entry.title }).waitFor();
  await page.reload();
  await page.getByRole('heading', { level: 1, name: entry.title }).waitFor();
  await page.locator('#sources-h').waitFor();
  // Problems from the 404 status of the fallback page are expected; nothing else.
  assert.deepEqual(problems.filter((p) => !p.includes('404')), []);
});

test('unknown entries and routes show a clear not-found page', async () => {
  const { page } = await watchedPage(site.browser, new URL(site.server.url).origin);
  await page.goto(`${site.server.url}e/no-such-entry`);
  await page.getByRole('heading', { name: 'Not found' }).waitFor();
  assert.match(await page.locator('.not-found').textContent(), /no entry “no-such-entry”/);
  await page.goto(`${site.server.url}c/no-such-category`);
  await page.getByRole('heading', { name: 'Not found' }).waitFor();
  await page.goto(`${site.server.url}some/where/else`);
  await page.getByRole('heading', { name: 'Not found' }).waitFor();
});

test('the theme toggle switches to dark and redraws diagrams', async () => {
  const { page } = await watchedPage(site.browser, new URL(site.server.url).origin);
  const entry = site.index.entries.find((e) => e.category === 'mechanism');
  await page.goto(`${site.server.url}e/${entry.id}`);
  await page.locator('figure.diagram').first().scrollIntoViewIfNeeded();
  const svg = page.locator('figure.diagram[data-state="rendered"] svg').first();
  await svg.waitFor({ timeout: 20000 });
  const firstId = await svg.getAttribute('id');
  const before = await page.evaluate(() => document.documentElement.dataset.theme);
  await page.getByRole('button', { name: /theme/ }).click();
  const afterTheme = await page.evaluate(() => document.documentElement.dataset.theme);
  assert.notEqual(before, afterTheme);
  // Redrawn: Mermaid gives every render a fresh id.
  await page.waitForFunction((id) => {
    const now = document.querySelector('figure.diagram[data-state="rendered"] svg');
    return now && now.id !== id;
  }, firstId);
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.theme !== undefined);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), afterTheme, 'the choice is remembered');
});

test('the progress dashboard shows categories, the 30 × 8 grid and the gates', async () => {
  const { page } = await watchedPage(site.browser, new URL(site.server.url).origin);
  await page.goto(site.server.url);
  await page.getByRole('link', { name: /Progress dashboard/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Progress' }).waitFor();
  assert.equal(await page.locator('table.systems-grid tbody tr').count(), 30);
  const withViews = site.index.entries.filter((e) => e.category === 'architecture').length;
  assert.equal(await page.locator('table.systems-grid td.have').count(), withViews);
  assert.equal(await page.locator('#gates-h ~ table tbody tr').count(), 3);
});

test('a long category renders its cards a page at a time', async () => {
  const { page } = await watchedPage(site.browser, new URL(site.server.url).origin);
  const byCategory = {};
  for (const e of site.index.entries) byCategory[e.category] = (byCategory[e.category] ?? 0) + 1;
  const [category, total] = Object.entries(byCategory).sort((a, b) => b[1] - a[1])[0];
  await page.goto(`${site.server.url}c/${category}`);
  await page.locator('.entry-card').first().waitFor();
  const first = Math.min(total, 40);
  assert.equal(await page.locator('.entry-card').count(), first);
  if (total > first) {
    await page.getByRole('button', { name: /^Show \d+ more of \d+$/ }).click();
    await page.waitForFunction((n) => document.querySelectorAll('.entry-card').length === n, Math.min(total, 80));
  }
});
