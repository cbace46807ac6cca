// A capacity model in the page: change an input, the results follow; the
// published example is shown with what the model gives for it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { siteUnderTest, watchedPage } from './browser.mjs';

const site = siteUnderTest();

test('a capacity model recomputes as the reader types, and shows its published example', async () => {
  const { page, problems } = await watchedPage(site.browser, new URL(site.server.url).origin);
  const entry = site.index.entries.find((e) => e.id === 's3-request-rate-prefixes');
  assert.ok(entry, 'the S3 request-rate model is in the atlas');
  await page.goto(`${site.server.url}e/${entry.id}`);
  const results = page.locator('.model-outputs').first();
  await results.waitFor();
  const prefixes = () => results.locator('tr', { hasText: 'Prefixes to spread the keys over' }).locator('td').first().textContent();
  await page.getByLabel('Peak GET/HEAD requests (req/s)').fill('55000');
  await page.getByLabel('Peak PUT/COPY/POST/DELETE requests (req/s)').fill('0');
  await page.waitForFunction(() => /^10$/.test(document.querySelector('.model-outputs tr td')?.textContent ?? ''));
  assert.equal(await prefixes(), '10');
  assert.match(await results.textContent(), /55,000/);
  // The numbers are in the address: a reload (or a shared link) keeps them.
  await page.waitForFunction(() => new URL(location.href).searchParams.get('get_rate') === '55000');
  await page.reload();
  await page.locator('.model-outputs').first().waitFor();
  assert.equal(await page.getByLabel('Peak GET/HEAD requests (req/s)').inputValue(), '55000');
  assert.equal(await prefixes(), '10');
  await page.getByLabel('Highest share of the per-prefix rate to plan for (%)').fill('50');
  await page.waitForFunction(() => document.querySelector('.model-outputs tr td')?.textContent === '20');
  await page.getByRole('button', { name: 'Back to the defaults' }).click();
  await page.waitForFunction(() => !new URL(location.href).search);
  assert.match(await page.locator('.model-example').textContent(), /the model gives 10, the source states 10/);
  assert.match(await page.locator('.model-input .origin').nth(2).textContent(), /default from source 2/);
  assert.deepEqual(problems, []);
});

test('decide: ticking guarantees lists the mechanisms that provide them, the systems that run them, and where they failed', async () => {
  const { page, problems } = await watchedPage(site.browser, new URL(site.server.url).origin);
  await page.goto(`${site.server.url}decide`);
  await page.getByRole('checkbox', { name: /^G-LIN / }).check();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('g') === 'G-LIN');
  const providing = site.index.entries.filter((e) => e.category === 'mechanism' && (e.guarantees ?? []).includes('G-LIN'));
  assert.ok(providing.length > 0);
  await page.locator('#mech-h').waitFor();
  assert.equal(await page.locator('#mech-h + ul li').count(), providing.length);
  const systems = site.index.entries.filter((e) => e.category === 'architecture' && (e.guarantees ?? []).includes('G-LIN'));
  assert.match(await page.locator('#sys-h').textContent(), new RegExp(`\\(${systems.length}\\)`));
  await page.reload();
  assert.equal(await page.getByRole('checkbox', { name: /^G-LIN / }).isChecked(), true);
  await page.goto(`${site.server.url}decide?g=G-NOPE`);
  await page.getByText('“G-NOPE” is not a guarantee id').waitFor();
  assert.deepEqual(problems, []);
});
