// Every diagram of every entry renders in Chromium with the bundled Mermaid:
// the strongest check that no entry ships a broken drawing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { siteUnderTest, watchedPage } from './browser.mjs';

const site = siteUnderTest();
const { base } = site;

test('every diagram of every entry renders as SVG, none fails', async () => {
  const { page } = await watchedPage(site.browser, new URL(site.server.url).origin);
  // Start in the app, then navigate inside it (no full reloads).
  await page.goto(site.server.url);
  await page.getByRole('heading', { name: 'Coverage' }).waitFor();
  const failures = [];
  for (const entry of site.index.entries) {
    await page.evaluate((href) => {
      history.pushState({}, '', href);
      dispatchEvent(new PopStateEvent('popstate'));
    }, `${base}e/${entry.id}`);
    await page.locator(`article.entry[data-entry="${entry.id}"] .prose`).waitFor({ timeout: 15000 });
    // Drawn as they scroll into view: bring each one in and wait for it.
    const figures = page.locator('figure.diagram');
    for (let i = 0; i < entry.diagrams; i++) {
      await figures.nth(i).scrollIntoViewIfNeeded();
      await figures.nth(i).locator('.diagram-render svg, .diagram-error').first().waitFor({ timeout: 20000 });
    }
    const errors = await page.locator('figure.diagram[data-state="error"] .diagram-error').allTextContents();
    for (const e of errors) failures.push(`${entry.id}: ${e}`);
  }
  assert.deepEqual(failures, []);
});
