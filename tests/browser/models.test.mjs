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

test('decide: a constraint rules a technology out with its reason, follows to a comparison, and the URL keeps both', async () => {
  const { page, problems } = await watchedPage(site.browser, new URL(site.server.url).origin);
  const techs = site.index.taxonomy.technologies ?? [];
  const selfHosted = techs.find((t) => t.hosting === 'self-hosted' && (t.offers ?? []).length > 0);
  assert.ok(selfHosted, 'the taxonomy has a self-hosted technology that offers a guarantee');
  const g = selfHosted.offers[0].guarantee;
  await page.goto(`${site.server.url}decide?g=${g}`);
  const offered = page.locator('#tech-h + ul > li', { hasText: selfHosted.name });
  await offered.first().waitFor();
  assert.ok((await offered.first().textContent()).includes(selfHosted.offers[0].when.slice(0, 20)), 'the configuration that gives it is shown');
  await page.getByRole('checkbox', { name: 'available as a managed service' }).check();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('c') === 'managed');
  const why = page.locator('.why-not li', { hasText: selfHosted.name });
  await why.waitFor();
  assert.match(await why.textContent(), /not as a managed service/);
  await page.reload();
  await why.waitFor();
  assert.equal(await page.getByRole('checkbox', { name: 'available as a managed service' }).isChecked(), true);
  // A comparison that covers a listed technology is one click away.
  await page.getByRole('checkbox', { name: 'available as a managed service' }).uncheck();
  const comparisons = site.index.entries.filter((e) => (e.compares ?? []).includes(selfHosted.id));
  if (comparisons.length > 0) {
    await page.locator('#cmp-h + ul a', { hasText: comparisons[0].title }).click();
    await page.waitForURL((u) => u.pathname.endsWith(`/e/${comparisons[0].id}`));
    await page.locator('table.compare').waitFor();
  }
  await page.goto(`${site.server.url}decide?g=${g}&c=cheap`);
  await page.getByText('“cheap” is not a constraint the atlas knows').waitFor();
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
