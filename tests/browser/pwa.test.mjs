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

/** The page, controlled by the installed service worker. */
async function controlled(context, url) {
  const page = await installed(context, url);
  await page.reload();
  await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller));
  await page.getByRole('heading', { name: 'Coverage' }).waitFor();
  return page;
}

test('after one visit the app shell works offline; a page never opened says so clearly', async () => {
  const server = await serve(dist, base);
  const context = await browser.newContext();
  try {
    const page = await controlled(context, server.url);
    await context.setOffline(true);
    const started = Date.now();
    await page.reload();
    await page.getByRole('heading', { name: 'Coverage' }).waitFor();
    console.log(`offline reload to home page: ${Date.now() - started} ms`);
    const manifest = JSON.parse(await readFile(join(dist, 'manifest.json'), 'utf8'));
    const index = JSON.parse(await readFile(join(dist, manifest.index), 'utf8'));
    const other = index.entries.find((e) => e.category === 'debugging');
    await page.goto(`${server.url}e/${other.id}`);
    await page.getByRole('heading', { level: 1, name: other.title }).waitFor();
    await page.getByText(/could not reach|check your connection/i).first().waitFor();
  } finally {
    await context.close();
    await server.close();
  }
});

test('the whole atlas on purpose: progress, cancel, resume, then everything offline', async () => {
  const server = await serve(dist, base);
  const context = await browser.newContext();
  try {
    const page = await controlled(context, server.url);
    const start = page.getByRole('button', { name: 'Make the whole atlas available offline' });
    await start.click();
    await page.locator('.offline-progress').waitFor();
    await page.locator('.offline-progress').getByRole('button', { name: 'Cancel' }).click();
    const status = page.locator('.offline [role="status"]');
    await page.waitForFunction(() => /Stopped|available offline/.test(document.querySelector('.offline [role="status"]')?.textContent ?? ''));
    if (/Stopped/.test(await status.textContent())) {
      assert.match(await status.textContent(), /files are kept; start again to resume/);
      await start.click();
    }
    await page.getByText(/The whole atlas is available offline: \d+ files/).waitFor({ timeout: 120000 });

    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: 'Coverage' }).waitFor();
    // Search (every shard is there now), an entry never opened, and its diagram.
    await page.keyboard.press('/');
    await page.locator('#search-input').waitFor();
    await page.keyboard.type('linearizability');
    await page.locator('.result').first().waitFor();
    await page.locator('.result mark').first().waitFor();
    const manifest = JSON.parse(await readFile(join(dist, 'manifest.json'), 'utf8'));
    const index = JSON.parse(await readFile(join(dist, manifest.index), 'utf8'));
    const other = index.entries.filter((e) => e.category === 'debugging').at(-1);
    await page.goto(`${server.url}e/${other.id}`);
    await page.getByRole('heading', { level: 1, name: other.title }).waitFor();
    const fig = page.locator('figure.diagram').first();
    await fig.scrollIntoViewIfNeeded();
    await fig.locator('.diagram-render svg').waitFor({ timeout: 20000 });
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
    const before = server.requests.length;
    await page.reload();
    const banner = page.locator('.update-banner');
    await banner.waitFor({ timeout: 30000 });
    assert.match(await banner.textContent(), /New version available/);
    // The old version keeps serving until the reader says so.
    const v1Manifest = await page.evaluate(() => fetch('manifest.json').then((r) => r.text()));
    assert.equal(v1Manifest, await readFile(join(dist, 'manifest.json'), 'utf8'));

    // Listen before clicking: from the cache the reload can finish first.
    await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: 'reload' }).click()]);
    await page.getByRole('heading', { name: 'Coverage' }).waitFor();
    const v2Manifest = await page.evaluate(() => fetch('manifest.json').then((r) => r.text()));
    assert.equal(v2Manifest, await readFile(join(distV2, 'manifest.json'), 'utf8'));
    // A one-entry change costs the returning reader the manifest, the new
    // index and the unhashed shell files, not the site: the wasm, the JS and
    // every other entry are kept from the previous version.
    const after = server.requests.slice(before);
    console.log(`after a one-entry deploy the reader fetched ${after.length} files: ${after.join(' ')}`);
    assert.ok(!after.some((p) => p.endsWith('.wasm')), 'the wasm is not downloaded again');
    assert.ok(!after.some((p) => /\/entries\//.test(p)), 'no entry file is downloaded until opened');
    assert.ok(!after.some((p) => /\/vendor\//.test(p)), 'Mermaid is not downloaded again');
    assert.ok(after.length < 20, `${after.length} requests`);
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
