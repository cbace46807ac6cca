// Interactive diagrams in real Chromium: zoom, pan, planes, linked nodes,
// export, text alternative, and a broken diagram reported in its own box.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { appReady, siteUnderTest, watchedPage } from './browser.mjs';

const ENTRY = 'github-2018-10-21-partition';
const site = siteUnderTest();

async function openEntry(page, id = ENTRY) {
  await page.goto(`${site.server.url}e/${id}`);
  await appReady(page);
  const fig = page.locator('figure.diagram[data-kind="flowchart"]').first();
  await fig.scrollIntoViewIfNeeded();
  await fig.locator('.diagram-render svg').waitFor({ timeout: 20000 });
  await fig.locator('.diagram-toolbar').waitFor();
  return fig;
}

const scaleOf = (fig) => fig.locator('.diagram-render').evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);
const offsetOf = (fig) => fig.locator('.diagram-render').evaluate((el) => {
  const m = new DOMMatrix(getComputedStyle(el).transform);
  return [m.e, m.f];
});

test('zoom with keys, buttons and Ctrl+wheel; plain wheel scrolls the page; drag pans; 0 resets', async () => {
  const { page } = await watchedPage(site.browser, new URL(site.server.url).origin);
  await page.setViewportSize({ width: 1200, height: 800 });
  const fig = await openEntry(page);
  const viewport = fig.locator('.diagram-viewport');
  await viewport.focus();
  await page.keyboard.press('+');
  await page.waitForTimeout(400);
  assert.ok((await scaleOf(fig)) > 1, 'the + key zooms in');
  await page.keyboard.press('0');
  await page.waitForTimeout(400);
  assert.equal(Math.round((await scaleOf(fig)) * 100) / 100, 1, '0 resets');
  await fig.getByRole('button', { name: 'Zoom in' }).click();
  await page.waitForTimeout(400);
  assert.ok((await scaleOf(fig)) > 1, 'the button zooms in');
  await fig.getByRole('button', { name: 'Reset zoom and position' }).click();
  await page.waitForTimeout(400);

  const box = await viewport.boundingBox();
  const scrollBefore = await page.evaluate(() => scrollY);
  await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 200));
  await page.mouse.wheel(0, 200);
  await page.waitForTimeout(300);
  assert.ok((await page.evaluate(() => scrollY)) > scrollBefore, 'plain wheel scrolls the page');
  assert.equal(Math.round((await scaleOf(fig)) * 100) / 100, 1, 'plain wheel does not zoom');

  const box2 = await viewport.boundingBox();
  await page.mouse.move(box2.x + box2.width / 2, box2.y + Math.min(box2.height / 2, 200));
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -300);
  await page.keyboard.up('Control');
  await page.waitForTimeout(300);
  assert.ok((await scaleOf(fig)) > 1, 'Ctrl+wheel zooms');

  const [x0, y0] = await offsetOf(fig);
  const b = await viewport.boundingBox();
  await page.mouse.move(b.x + 30, b.y + 30);
  await page.mouse.down();
  await page.mouse.move(b.x + 130, b.y + 80, { steps: 5 });
  await page.mouse.up();
  const [x1, y1] = await offsetOf(fig);
  assert.ok(Math.abs(x1 - x0) > 20 || Math.abs(y1 - y0) > 20, 'dragging pans');
  await viewport.dblclick();
  await page.waitForTimeout(400);
  assert.equal(Math.round((await scaleOf(fig)) * 100) / 100, 1, 'double-click resets');
});

test('full screen with f, and out again', async () => {
  const { page } = await watchedPage(site.browser, new URL(site.server.url).origin);
  const fig = await openEntry(page);
  await fig.locator('.diagram-viewport').focus();
  await page.keyboard.press('f');
  await page.waitForFunction(() => document.fullscreenElement?.matches('figure.diagram'));
  await page.keyboard.press('f');
  await page.waitForFunction(() => !document.fullscreenElement);
});

test('clicking a plane dims the other planes, clicking again restores', async () => {
  const { page } = await watchedPage(site.browser, new URL(site.server.url).origin);
  const fig = await openEntry(page);
  const state = fig.locator('.plane-legend button[data-plane="state"]');
  await state.click();
  const counts = await fig.evaluate((f) => {
    const nodes = [...f.querySelectorAll('g.node')];
    return {
      dimmedState: nodes.filter((n) => n.classList.contains('state') && n.classList.contains('atlas-dimmed')).length,
      dimmedOther: nodes.filter((n) => !n.classList.contains('state') && n.classList.contains('atlas-dimmed')).length,
      other: nodes.filter((n) => !n.classList.contains('state')).length,
    };
  });
  assert.equal(counts.dimmedState, 0);
  assert.ok(counts.other > 0);
  assert.equal(counts.dimmedOther, counts.other);
  assert.equal(await state.getAttribute('aria-pressed'), 'true');
  await state.click();
  assert.equal(await fig.locator('g.node.atlas-dimmed').count(), 0);
});

test('a linked node is reachable with Tab and opens its entry', async () => {
  const { page } = await watchedPage(site.browser, new URL(site.server.url).origin);
  const fig = await openEntry(page);
  const linked = fig.locator('g.node.atlas-linked');
  assert.equal(await linked.count(), 3);
  assert.equal(await linked.first().getAttribute('tabindex'), '0');
  await fig.locator('g.node.atlas-linked[data-href$="/e/m5-consensus"]').focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/e\/m5-consensus$/);
  await page.getByRole('heading', { level: 1, name: /M5 Consensus/ }).waitFor();
  // And with the mouse.
  const fig2 = await openEntry(page);
  await fig2.locator('g.node.atlas-linked[data-href$="/e/m14-snapshot"]').click();
  await page.waitForURL(/\/e\/m14-snapshot$/);
});

test('export: copy source, download SVG and PNG (non-empty, valid)', async () => {
  const context = await site.browser.newContext({ acceptDownloads: true, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  const fig = await openEntry(page);
  await fig.getByRole('button', { name: 'Copy source (Mermaid)' }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /^flowchart/);

  const [svgDownload] = await Promise.all([page.waitForEvent('download'), fig.getByRole('button', { name: 'Download as SVG' }).click()]);
  assert.match(svgDownload.suggestedFilename(), /\.svg$/);
  const svg = await readFile(await svgDownload.path(), 'utf8');
  assert.ok(svg.length > 1000);
  const valid = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return !doc.querySelector('parsererror') && doc.documentElement.nodeName === 'svg';
  }, svg);
  assert.ok(valid, 'the SVG parses');

  const [pngDownload] = await Promise.all([page.waitForEvent('download'), fig.getByRole('button', { name: 'Download as PNG' }).click()]);
  const png = await readFile(await pngDownload.path());
  assert.ok(png.length > 1000, `PNG of ${png.length} bytes`);
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  await context.close();
});

test('each diagram has a name and a text alternative', async () => {
  const { page } = await watchedPage(site.browser, new URL(site.server.url).origin);
  const fig = await openEntry(page);
  assert.match(await fig.getAttribute('aria-label'), /^Diagram: /);
  await fig.getByText('Show as text').click();
  const text = await fig.locator('.diagram-text').textContent();
  assert.match(text, /Nodes by plane/);
  assert.match(text, /Connections/);
});

test('a diagram Mermaid cannot parse shows its error and source in its box; the page still works', async () => {
  const { page } = await watchedPage(site.browser, new URL(site.server.url).origin);
  const entry = site.index.entries.find((e) => e.id === ENTRY);
  // The prerendered page carries the entry inline: drop it, so the app
  // fetches the (broken) entry file below.
  await page.route((url) => url.pathname.startsWith(`${site.base}e/${ENTRY}`), async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(/<script id="atlas-entry"[\s\S]*?<\/script>/, '');
    await route.fulfill({ response, body: html });
  });
  await page.route(`**/${entry.detail}`, async (route) => {
    const response = await route.fetch();
    const detail = await response.json();
    detail.body = '## Broken\n\n```mermaid\nflowchart LR\n  A -->> [B\n```\n\n' + detail.body;
    await route.fulfill({ response, json: detail });
  });
  await page.goto(`${site.server.url}e/${ENTRY}`);
  const broken = page.locator('figure.diagram').first();
  await broken.locator('.diagram-error').waitFor({ timeout: 20000 });
  assert.match(await broken.locator('.diagram-error').textContent(), /could not be drawn/);
  assert.ok(await broken.locator('.diagram-source').isVisible(), 'the source is shown');
  // The next diagram still renders.
  const next = page.locator('figure.diagram').nth(1);
  await next.scrollIntoViewIfNeeded();
  await next.locator('.diagram-render svg').waitFor({ timeout: 20000 });
  await page.getByRole('link', { name: 'Atlas', exact: true }).first().click();
  await page.getByRole('heading', { name: 'Coverage' }).waitFor();
});
