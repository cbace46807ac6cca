// Offline use and updates through the service worker, in real Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serve } from './static-server.mjs';
import { launch } from './browser.mjs';

const dist = process.env.ATLAS_DIST ?? 'dist';
const distV2 = process.env.ATLAS_DIST_V2;
const base = process.env.ATLAS_BASE ?? '/';
let browser;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Visit once online and wait until the service worker has precached the site. */
async function installed(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('heading', { name: 'Coverage' }).waitFor();
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  return page;
}

test('after one online visit the whole atlas works offline', async () => {
  const server = await serve(dist, base);
  const context = await browser.newContext();
  try {
    const page = await installed(context, server.url);
    await context.setOffline(true);
    const started = Date.now();
    await page.reload();
    await page.getByRole('heading', { name: 'Coverage' }).waitFor();
    console.log(`offline reload to home page: ${Date.now() - started} ms`);

    // Search, offline.
    await page.keyboard.press('/');
    await page.locator('#search-input').waitFor();
    await page.keyboard.type('linearizability');
    await page.locator('.result').first().waitFor();
    await page.locator('.result .result-title').first().click();
    await page.locator('article.entry').waitFor();
    // An entry and its diagram, offline, including one never opened online.
    const fig = page.locator('figure.diagram').first();
    await fig.scrollIntoViewIfNeeded();
    await fig.locator('.diagram-render svg').waitFor({ timeout: 20000 });
    const manifest = JSON.parse(await readFile(join(dist, 'manifest.json'), 'utf8'));
    const index = JSON.parse(await readFile(join(dist, manifest.index), 'utf8'));
    const other = index.entries.find((e) => e.category === 'debugging');
    await page.goto(`${server.url}e/${other.id}`);
    await page.getByRole('heading', { level: 1, name: other.title }).waitFor();
    const fig2 = page.locator('figure.diagram').first();
    await fig2.scrollIntoViewIfNeeded();
    await fig2.locator('.diagram-render svg').waitFor({ timeout: 20000 });
  } finally {
    await context.close();
    await server.close();
  }
});

test('a new deploy shows "New version available", and reload switches to it', { skip: !distV2 && 'set ATLAS_DIST_V2 to a second build' }, async () => {
  const server = await serve(dist, base);
  const context = await browser.newContext();
  try {
    const page = await installed(context, server.url);
    await page.reload();
    await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller));
    assert.equal(await page.locator('.update-banner').count(), 0);

    server.setDist(distV2);
    await page.reload();
    const banner = page.locator('.update-banner');
    await banner.waitFor({ timeout: 30000 });
    assert.match(await banner.textContent(), /New version available/);
    // The old version keeps serving until the reader says so.
    const v1Manifest = await page.evaluate(() => fetch('manifest.json').then((r) => r.text()));
    assert.equal(v1Manifest, await readFile(join(dist, 'manifest.json'), 'utf8'));

    await banner.getByRole('button', { name: 'reload' }).click();
    await page.waitForEvent('load');
    await page.getByRole('heading', { name: 'Coverage' }).waitFor();
    const v2Manifest = await page.evaluate(() => fetch('manifest.json').then((r) => r.text()));
    assert.equal(v2Manifest, await readFile(join(distV2, 'manifest.json'), 'utf8'));
    assert.equal(await page.locator('.update-banner').count(), 0);
  } finally {
    await context.close();
    await server.close();
  }
});

test('the manifest names the app and its icons', async () => {
  const manifest = JSON.parse(await readFile(join(dist, 'manifest.webmanifest'), 'utf8'));
  assert.equal(manifest.short_name, 'Atlas');
  for (const icon of manifest.icons) {
    const bytes = await readFile(join(dist, icon.src));
    assert.ok(bytes.length > 200, icon.src);
  }
  assert.ok(manifest.icons.some((i) => i.sizes === '512x512'));
  assert.ok(manifest.icons.some((i) => i.sizes === '192x192'));
});
