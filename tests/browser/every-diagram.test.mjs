// Every diagram of every entry renders in Chromium with the bundled Mermaid:
// the strongest check that no entry ships a broken drawing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serve } from './static-server.mjs';
import { launch, watchedPage } from './browser.mjs';

const dist = process.env.ATLAS_DIST ?? 'dist';
const base = process.env.ATLAS_BASE ?? '/';
let server;
let browser;

before(async () => {
  server = await serve(dist, base);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('every diagram of every entry renders as SVG, none fails', async () => {
  const index = JSON.parse(await readFile(join(dist, 'index.json'), 'utf8'));
  const { page } = await watchedPage(browser, new URL(server.url).origin);
  // Start in the app, then navigate inside it (no full reloads).
  await page.goto(server.url);
  await page.getByRole('heading', { name: 'Coverage' }).waitFor();
  const failures = [];
  for (const entry of index.entries) {
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
    for (const e of errors) failures.push(`${entry.path}: ${e}`);
  }
  assert.deepEqual(failures, []);
});
