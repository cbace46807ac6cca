// Accessibility as a test: axe-core (from npm, locked) on every page type,
// in light and dark, after the app has rendered; any violation fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { appReady, siteUnderTest } from './browser.mjs';

const site = siteUnderTest();
const AXE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Page types, each with what to wait for once the app has rendered it. */
function pageTypes() {
  const withDiagrams = site.index.entries.find((e) => e.category === 'incident' && e.diagrams > 0);
  const concept = site.index.entries.find((e) => e.concept);
  const guide = site.index.entries.find((e) => e.category === 'debugging');
  const timed = site.index.entries.filter((e) => /T\d\d:\d\dZ$/.test(e.record?.started ?? '') && /T\d\d:\d\dZ$/.test(e.record?.resolved ?? ''));
  const names = site.index.entries.flatMap((e) => e.alerts ?? []);
  const shared = names.find((n, i) => names.indexOf(n) !== i) ?? names[0];
  return [
    ['home', '', '.coverage'],
    ['category', 'c/incident', '.entry-card'],
    ['entry with diagrams', `e/${withDiagrams.id}`, 'figure.diagram[data-state="rendered"] svg'],
    ['concept', `e/${concept.id}`, '.tagged'],
    ['debugging guide', `e/${guide.id}`, '#sources-h'],
    ['explore with results and facets ticked', 'explore?q=replication&plane=state&category=incident', '.result'],
    ['3 AM with results', '3am?q=timeout', '.result'],
    ['progress', 'progress', '.systems-grid'],
    ['capacity model', 'e/s3-request-rate-prefixes', '.model-input input'],
    ['decide', 'decide?g=G-LIN,G-DUR', '#mech-h'],
    ['incident statistics', 'incidents/stats', 'svg.strip'],
    ['incident timeline', `incidents/timeline?ids=${timed[0].id},${timed[1].id}`, 'svg.aligned'],
    ['alert chooser', `alert/${shared}`, '.entry-card'],
    ['embedded entry', `embed/e/${withDiagrams.id}`, 'figure.diagram[data-state="rendered"] svg'],
    ['embedded list', 'embed/explore?category=incident', '.embed-results li'],
    ['not found', 'e/no-such-entry', '.not-found'],
  ];
}

async function violations(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const result = await globalThis.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id} (${v.impact}, ${v.nodes.length} nodes): ${v.help}\n    e.g. ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
}

for (const scheme of ['light', 'dark']) {
  test(`axe finds no violation on any page type (${scheme})`, async () => {
    const context = await site.browser.newContext({ colorScheme: scheme, bypassCSP: true });
    const page = await context.newPage();
    const found = [];
    for (const [name, path, ready] of pageTypes()) {
      await page.goto(`${site.server.url}${path}`);
      await appReady(page);
      // Diagrams are drawn as they scroll into view.
      if (ready.startsWith('figure.diagram')) await page.locator('figure.diagram').first().scrollIntoViewIfNeeded();
      await page.locator(ready).first().waitFor({ timeout: 20000 });
      for (const v of await violations(page)) found.push(`${name}: ${v}`);
    }
    await context.close();
    assert.deepEqual(found, [], `\n${found.join('\n')}`);
  });
}
