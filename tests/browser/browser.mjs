// Launches Debian's chromium through playwright-core; never a downloaded browser.
import { after, before } from 'node:test';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from './static-server.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

/**
 * Waits until the app has taken over from the prerendered page (it removes
 * #prerendered), so a test drives the app, not the static copy.
 */
export async function appReady(page) {
  await page.waitForFunction(() => !document.getElementById('prerendered'), null, { timeout: 20000 });
}

/**
 * A page that records console errors, failed requests and off-site requests;
 * its goto and reload return once the app has taken over.
 */
export async function watchedPage(browser, origin) {
  const page = await browser.newPage();
  for (const name of ['goto', 'reload']) {
    const original = page[name].bind(page);
    page[name] = async (...args) => {
      const response = await original(...args);
      await appReady(page);
      return response;
    };
  }
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin)) return route.continue();
    problems.push(`request left the site: ${url}`);
    return route.abort();
  });
  return { page, problems };
}

/**
 * The built site under test, served like GitHub Pages, and a browser: the
 * set-up every browser test file shares. Fields are filled in `before`.
 */
export function siteUnderTest() {
  const site = {
    dist: process.env.ATLAS_DIST ?? 'dist',
    base: process.env.ATLAS_BASE ?? '/',
    server: null,
    browser: null,
    index: null,
    manifest: null,
  };
  before(async () => {
    site.manifest = JSON.parse(await readFile(join(site.dist, 'manifest.json'), 'utf8'));
    site.index = JSON.parse(await readFile(join(site.dist, site.manifest.index), 'utf8'));
    site.server = await serve(site.dist, site.base);
    site.browser = await launch();
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}
