// Embed mode inside an iframe: minimal chrome, height reported to the parent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { siteUnderTest, watchedPage } from './browser.mjs';

const site = siteUnderTest();

async function wikiPage(src) {
  const page = await site.browser.newPage();
  // The snippet the README tells a wiki to paste.
  await page.setContent(`<!doctype html><body>
    <iframe id="atlas" src="${src}" style="width:100%;border:0" height="200" title="Atlas"></iframe>
    <script>
      window.heights = [];
      window.addEventListener('message', (e) => {
        if (e.data && e.data.type === 'atlas:height') {
          window.heights.push(e.data.height);
          document.getElementById('atlas').height = e.data.height;
        }
      });
    </script></body>`);
  return page;
}

test('an embedded entry has no header, links back to the atlas, and reports its height', async () => {
  const page = await wikiPage(`${site.server.url}embed/e/github-2018-10-21-partition`);
  const frame = page.frameLocator('#atlas');
  await frame.locator('h1.embed-title').waitFor();
  assert.equal(await frame.locator('header.site-header').count(), 0);
  const open = frame.getByRole('link', { name: /Open in Atlas/ });
  assert.match(await open.getAttribute('href'), /\/e\/github-2018-10-21-partition$/);
  await page.waitForFunction(() => window.heights.some((h) => h > 400));
  const height = await page.locator('#atlas').getAttribute('height');
  assert.ok(Number(height) > 400, `iframe sized to ${height}`);
});

test('one diagram and one filtered list can be embedded', async () => {
  const { page } = await watchedPage(site.browser, new URL(site.server.url).origin);
  await page.goto(`${site.server.url}embed/e/github-2018-10-21-partition?diagram=1`);
  await page.locator('figure.diagram .diagram-render svg').waitFor({ timeout: 20000 });
  assert.equal(await page.locator('figure.diagram').count(), 1);
  await page.goto(`${site.server.url}embed/e/github-2018-10-21-partition?diagram=99`);
  await page.getByText('diagram=99 does not exist').waitFor();

  await page.goto(`${site.server.url}embed/explore?category=incident`);
  await page.locator('.embed-results li').first().waitFor();
  assert.equal(await page.locator('header.site-header').count(), 0);
  const kinds = await page.locator('.embed-results .result-kind').allTextContents();
  assert.ok(kinds.length > 0 && kinds.every((k) => k.startsWith('Incident anatomies')));
});

test('the page allows framing and its CSP allows only its own files', async () => {
  const response = await fetch(site.server.url);
  assert.equal(response.headers.get('x-frame-options'), null);
  const html = await response.text();
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
  assert.ok(csp, 'a CSP is set');
  assert.match(csp, /default-src 'self'/);
  assert.doesNotMatch(csp, /https?:|\*/);
  assert.doesNotMatch(csp, /frame-ancestors/);
});

test("the decision page's answer can be embedded, with its choice in the address and a link to change it", async () => {
  const page = await site.browser.newPage();
  await page.goto(`${site.server.url}embed/decide?g=G-DUR&c=managed`);
  await page.locator('#mech-h').waitFor();
  assert.equal(await page.locator('header.site-header').count(), 0, 'no site header in an embed');
  await page.locator('.why-not li').first().waitFor();
  const open = page.locator('.open-in-atlas a');
  assert.match(await open.getAttribute('href'), /decide\?g=G-DUR&c=managed$/);
  await page.close();
});
