// Every diagram of every entry renders in Chromium with the bundled Mermaid:
// the strongest check that no entry ships a broken drawing. The diagrams
// are the ones the atlas's Rust reader finds (`atlas diagrams`), drawn in
// one page in batches, so the test's time grows with the drawing alone, not
// with a page load per entry. (diagrams.test.mjs drives a real entry page.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { siteUnderTest, watchedPage } from './browser.mjs';

const site = siteUnderTest();
const { base } = site;

function diagramList() {
  const out = execFileSync('cargo', ['run', '-q', '-p', 'atlas-cli', '--', 'diagrams'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(out);
}

test('every diagram of every entry renders as SVG with the bundled Mermaid, none fails', async () => {
  const blocks = diagramList();
  assert.ok(blocks.length > 0, 'no diagrams found');
  const { page } = await watchedPage(site.browser, new URL(site.server.url).origin);
  await page.goto(site.server.url);
  await page.getByRole('heading', { name: 'Coverage' }).waitFor();
  const started = Date.now();
  const failures = [];
  const batch = 100;
  for (let i = 0; i < blocks.length; i += batch) {
    const slice = blocks.slice(i, i + batch).map((b) => ({ at: `${b.path}:${b.line}`, source: b.source }));
    failures.push(...await page.evaluate(async ({ slice, url, offset }) => {
      const { default: mermaid } = await import(url);
      mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', htmlLabels: false, flowchart: { htmlLabels: false } });
      const host = document.createElement('div');
      document.body.append(host);
      const failed = [];
      for (const [k, b] of slice.entries()) {
        try {
          const { svg } = await mermaid.render(`every-${offset + k}`, b.source, host);
          if (!svg.startsWith('<svg')) failed.push(`${b.at}: no SVG`);
        } catch (e) {
          failed.push(`${b.at}: ${String(e?.message ?? e).split('\n')[0]}`);
        }
        host.replaceChildren();
      }
      host.remove();
      return failed;
    }, { slice, url: `${base}vendor/mermaid/mermaid.esm.min.mjs`, offset: i }));
  }
  console.log(`# drew ${blocks.length} diagrams in ${Date.now() - started} ms`);
  assert.deepEqual(failures, []);
});
