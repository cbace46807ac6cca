// At 3 AM on a phone (390 × 844, dark, touch): no page scrolls sideways,
// the header is one line, search comes first and the filters fold, a
// guide's "Check first" is on the first screen. And an entry prints clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appReady, siteUnderTest } from './browser.mjs';

const site = siteUnderTest();
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, colorScheme: 'dark' };

test('no page type is wider than a 390 px phone, and the header is one line', async () => {
  const context = await site.browser.newContext(PHONE);
  const page = await context.newPage();
  const entry = site.index.entries.find((e) => e.category === 'architecture' && e.diagrams > 1);
  const guide = site.index.entries.find((e) => e.category === 'debugging');
  const paths = ['', 'c/incident', `e/${entry.id}`, `e/${guide.id}`, 'explore?q=replication', '3am?q=timeout', 'progress', 'incidents/stats', `embed/e/${entry.id}`, 'embed/explore?category=incident'];
  const wide = [];
  for (const path of paths) {
    await page.goto(`${site.server.url}${path}`);
    await appReady(page);
    await page.locator('main > *').first().waitFor();
    if (path.startsWith('e/')) {
      await page.locator('figure.diagram').first().scrollIntoViewIfNeeded();
      await page.locator('figure.diagram[data-state="rendered"] svg').first().waitFor({ timeout: 20000 });
    }
    const { scroll, header } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      header: document.querySelector('.site-header')?.getBoundingClientRect().height ?? 0,
    }));
    if (scroll > 390) wide.push(`${path || 'home'}: ${scroll} px wide`);
    if (header > 56) wide.push(`${path || 'home'}: header ${header} px high`);
  }
  await context.close();
  assert.deepEqual(wide, []);
});

test('on a phone the search box comes first and the filters fold behind a button that counts ticks', async () => {
  const context = await site.browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(`${site.server.url}explore?q=replication&plane=state`);
  await appReady(page);
  const box = await page.locator('#search-input').boundingBox();
  const toggle = page.getByRole('button', { name: 'Filters (1 ticked)' });
  assert.ok(box.y < (await toggle.boundingBox()).y, 'search above filters');
  assert.equal(await page.locator('.facet').first().isVisible(), false, 'facets folded');
  await toggle.tap();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  await page.locator('.facet').first().waitFor();
  await context.close();
});

test('a debugging guide shows "Check first" on the first screen of a phone', async () => {
  const context = await site.browser.newContext(PHONE);
  const page = await context.newPage();
  const guide = site.index.entries.find((e) => e.category === 'debugging' && e.first_check);
  await page.goto(`${site.server.url}e/${guide.id}`);
  await appReady(page);
  const line = page.locator('.entry-head .first-check');
  const box = await line.boundingBox();
  assert.ok(box && box.y + box.height <= 844, `“Check first” ends at ${box && box.y + box.height} px`);
  await context.close();
});

test('an entry prints without site chrome, with every diagram drawn and source URLs shown', async () => {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => { window.print = () => { window.__printed = true; }; });
  const entry = site.index.entries.find((e) => e.category === 'incident' && e.diagrams > 1);
  await page.goto(`${site.server.url}e/${entry.id}`);
  await appReady(page);
  await page.getByRole('button', { name: 'Print' }).click();
  await page.waitForFunction(() => window.__printed === true, null, { timeout: 30000 });
  assert.equal(await page.locator('figure.diagram[data-state="rendered"]').count(), entry.diagrams, 'all diagrams drawn before printing');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.site-header').isVisible(), false);
  assert.equal(await page.locator('.diagram-toolbar').first().isVisible(), false);
  const after = await page.locator('.sources a').first().evaluate((a) => getComputedStyle(a, '::after').content);
  assert.match(after, /https?:\/\//);
  await context.close();
});
