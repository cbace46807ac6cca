// The explorer and the 3 AM mode in real Chromium: typing, facets, counts,
// the URL as the state, and keyboard-only use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { siteUnderTest, watchedPage } from './browser.mjs';

const site = siteUnderTest();

const countOf = async (page, facet, label) => {
  const row = page.locator(`fieldset[data-facet="${facet}"] li`, { hasText: label });
  return Number((await row.locator('.count').textContent()).trim());
};

test('type a query, tick facets, check results and counts, reload the URL and get the same view', async () => {
  const { page } = await watchedPage(site.browser, new URL(site.server.url).origin);
  await page.goto(site.server.url);
  await page.getByRole('heading', { name: 'Coverage' }).waitFor();
  await page.keyboard.press('/');
  await page.locator('#search-input').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'search-input', '/ focuses the search box');

  await page.keyboard.type('github');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'github');
  const githubEntries = site.index.entries.filter((e) => (e.companies ?? []).includes('github'));
  await page.locator('.result').first().waitFor();
  assert.ok((await page.locator('.result').count()) >= githubEntries.length);
  // Snippets (and their highlights) arrive with each entry's text, after the first rows.
  await page.locator('.result mark').first().waitFor({ timeout: 10000 });
  assert.ok((await page.locator('.result mark').count()) > 0, 'matched words are highlighted');

  // Tick a category: results and the URL follow, and the results are exactly as many as the
  // facet's live count promised (the query also matches incidents that only mention GitHub).
  const incidentsWithGithub = githubEntries.filter((e) => e.category === 'incident');
  const promised = await countOf(page, 'category', 'Incident anatomies');
  assert.ok(promised >= incidentsWithGithub.length, `${promised} incidents match "github"`);
  await page.locator('fieldset[data-facet="category"] li', { hasText: 'Incident anatomies' }).locator('input').check();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('category') === 'incident');
  await page.waitForFunction((n) => document.querySelectorAll('.result').length === n, promised);
  for (const e of incidentsWithGithub) await page.getByRole('link', { name: e.title }).waitFor();
  // Within the ticked facet, other categories keep their own counts (OR within a facet).
  assert.ok((await countOf(page, 'category', 'Architecture deep-dives')) >= 1);

  // Tick a plane nothing matches together with the rest: zero results, value dimmed not hidden.
  const planeRow = page.locator('fieldset[data-facet="plane"] li', { hasText: 'Edge' });
  await planeRow.waitFor();

  // Reload: the same view comes back from the URL alone.
  const url = page.url();
  await page.reload();
  await page.locator('.result').first().waitFor();
  assert.equal(page.url(), url);
  assert.equal(await page.locator('#search-input').inputValue(), 'github');
  assert.equal(await page.locator('fieldset[data-facet="category"] li', { hasText: 'Incident anatomies' }).locator('input').isChecked(), true);
  await page.waitForFunction((n) => document.querySelectorAll('.result').length === n, promised);

  // Back restores the view before the facet was ticked; "Clear all" clears it.
  await page.goBack();
  await page.waitForFunction(() => !new URL(location.href).searchParams.has('category'));
  await page.goForward();
  await page.getByRole('button', { name: 'Clear all' }).click();
  await page.waitForFunction(() => !new URL(location.href).searchParams.has('category'));

  // Escape clears the query.
  await page.locator('#search-input').focus();
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !new URL(location.href).searchParams.has('q'));
  await page.waitForFunction((n) => document.querySelectorAll('.result').length === Math.min(n, 100), site.index.entries.length);
});

test('typos and prefixes still find entries; arrow keys and Enter open one', async () => {
  const { page } = await watchedPage(site.browser, new URL(site.server.url).origin);
  await page.goto(`${site.server.url}explore`);
  await page.locator('#search-input').waitFor();
  await page.locator('#search-input').focus();
  await page.keyboard.type('orchestartor');
  await page.getByRole('link', { name: /GitHub 2018-10-21/ }).first().waitFor();
  await page.locator('#search-input').fill('');
  await page.keyboard.type('linea');
  const first = page.locator('.result').first();
  await first.waitFor();
  assert.match(await first.textContent(), /Linearizability/i);
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.locator('.result.active').count(), 1);
  await page.keyboard.press('Enter');
  await page.locator('article.entry').waitFor();
  assert.match(new URL(page.url()).pathname, /\/e\//);
});

test('malformed parameters show a notice, never a blank page', async () => {
  const { page } = await watchedPage(site.browser, new URL(site.server.url).origin);
  await page.goto(`${site.server.url}explore?plane=storage,edge&utm_source=x&year=19x9&q=%E0%A4%A`);
  await page.locator('.notice').waitFor();
  const text = await page.locator('.notice').textContent();
  assert.match(text, /unknown parameter “utm_source”/);
  assert.match(text, /“storage”: not a known plane/);
  assert.equal(await page.locator('fieldset[data-facet="plane"] li', { hasText: 'Edge' }).locator('input').isChecked(), true);
  await page.locator('.result-count').waitFor();
});

test('3 AM mode with the keyboard alone: ! from anywhere, paste, arrows, Enter', async () => {
  const { page } = await watchedPage(site.browser, new URL(site.server.url).origin);
  await page.goto(site.server.url);
  await page.getByRole('heading', { name: 'Coverage' }).waitFor();
  await page.keyboard.press('!');
  await page.getByRole('heading', { name: /3 AM/ }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'search-input');
  await page.keyboard.type('FATAL: sorry, too many clients already');
  const guide = site.index.entries.find((e) => e.id === 'postgresql-too-many-clients');
  const first = page.locator('.result').first();
  await page.waitForFunction((t) => document.querySelector('.result .result-title')?.textContent === t, guide.title);
  assert.match(await first.locator('.first-check').textContent(), /Check first/);
  const kinds = await page.locator('.result-kind').allTextContents();
  assert.ok(kinds.every((k) => /Debugging guides|Incident anatomies/.test(k)), kinds.join());
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: guide.title }).waitFor();
});

test('a concept entry lists every entry tagged with it, grouped by category', async () => {
  const { page } = await watchedPage(site.browser, new URL(site.server.url).origin);
  const concept = site.index.entries.find((e) => e.concept === 'G-LIN');
  const tagged = site.index.entries.filter((e) => e.id !== concept.id && (e.guarantees ?? []).includes('G-LIN'));
  await page.goto(`${site.server.url}e/${concept.id}`);
  await page.locator('#tagged-h').waitFor();
  for (const e of tagged) {
    await page.locator('section.tagged').getByRole('link', { name: e.title }).waitFor();
  }
});

test('search fetches only the index shards a query needs; a two-word query needs two', async () => {
  const { page } = await watchedPage(site.browser, new URL(site.server.url).origin);
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto(`${site.server.url}explore`);
  await page.locator('#search-input').waitFor();
  const shards = () => new Set(fetched.filter((p) => /\/data\/search\/shard-/.test(p)));
  // Words at both ends of the alphabet live in different shards.
  await page.locator('#search-input').fill('aurora zookeeper');
  await page.locator('.result').first().waitFor();
  const used = shards();
  assert.ok(used.size >= 2, `fetched shards: ${[...used].join(', ')}`);
  assert.ok(used.size < site.manifest.search.shards.length, 'not every shard');
  assert.ok(!fetched.some((p) => p.endsWith('search.json')), 'no whole-text search file');
  // Snippets come from the entries' own files.
  await page.locator('.result mark').first().waitFor();
  assert.ok(fetched.some((p) => /\/entries\//.test(p)));
});
