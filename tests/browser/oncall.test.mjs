// On call: a firing alert's runbook link opens its guide; a pasted error
// lands on its guide in the 3 AM mode (timed, figures printed); a message
// no guide covers is shown as "nearest", never as the answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import yaml from 'js-yaml';
import { siteUnderTest, watchedPage } from './browser.mjs';

const site = siteUnderTest();
const guidesFor = (name) => site.index.entries.filter((e) => (e.alerts ?? []).some((a) => a.toLowerCase() === name.toLowerCase()));

test('/alert/KubePodCrashLooping opens its guide, in any case (runbook URLs lowercase the name)', async () => {
  const { page, problems } = await watchedPage(site.browser, new URL(site.server.url).origin);
  const [guide] = guidesFor('KubePodCrashLooping');
  assert.ok(guide, 'a guide lists KubePodCrashLooping');
  for (const name of ['KubePodCrashLooping', 'kubepodcrashlooping']) {
    await page.goto(`${site.server.url}alert/${name}`);
    await page.getByRole('heading', { level: 1, name: guide.title }).waitFor();
    assert.equal(new URL(page.url()).pathname, `${site.base}e/${guide.id}`);
  }
  assert.deepEqual(problems, []);
});

test('every alert name a guide lists forwards to that guide (or a chooser when several do)', async () => {
  const names = [...new Set(site.index.entries.flatMap((e) => e.alerts ?? []))];
  assert.ok(names.length > 0);
  const wrong = [];
  for (const name of names) {
    for (const form of [name, name.toLowerCase()]) {
      const response = await fetch(new URL(`alert/${form}`, site.server.url));
      const html = await response.text();
      const guides = guidesFor(name);
      const refresh = html.match(/<meta http-equiv="refresh" content="0; url=([^"]+)"/)?.[1];
      const ok = response.status === 200 && (guides.length === 1
        ? refresh === `${site.base}e/${guides[0].id}/`
        : guides.every((g) => html.includes(`href="${site.base}e/${g.id}"`)));
      if (!ok) wrong.push(`${form}: ${response.status} ${refresh ?? 'no refresh'}`);
    }
  }
  assert.deepEqual(wrong, [], `${names.length} alert names`);
  // Several guides: the app's chooser lists them.
  const shared = names.find((n) => guidesFor(n).length > 1);
  if (shared) {
    const { page } = await watchedPage(site.browser, new URL(site.server.url).origin);
    await page.goto(`${site.server.url}alert/${shared}`);
    await page.getByRole('heading', { level: 1, name: `Alert ${shared}` }).waitFor();
    assert.equal(await page.locator('.entry-card').count(), guidesFor(shared).length);
  }
});

test('an alert no guide lists opens the 3 AM mode with its name and says no guide lists it', async () => {
  const { page } = await watchedPage(site.browser, new URL(site.server.url).origin);
  await page.goto(`${site.server.url}alert/TotallyUnknownAlertName`);
  await page.getByText('No guide lists the alert “TotallyUnknownAlertName” yet').waitFor();
  assert.equal(await page.locator('#search-input').inputValue(), 'TotallyUnknownAlertName');
});

test('pasted error messages land on their guide; the time from paste to answer is printed', async () => {
  const corpus = yaml.load(await readFile('tests/corpus/pastes.yaml', 'utf8'));
  const { page } = await watchedPage(site.browser, new URL(site.server.url).origin);
  await page.goto(`${site.server.url}3am`);
  const box = page.locator('#search-input');
  const times = [];
  const wrong = [];
  for (const { paste, guide } of corpus) {
    const title = site.index.entries.find((e) => e.id === guide).title;
    await box.fill('');
    const started = Date.now();
    await box.fill(paste);
    try {
      await page.waitForFunction((t) => document.querySelector('.result .result-title')?.textContent === t, title, { timeout: 5000 });
      times.push(Date.now() - started);
    } catch {
      wrong.push(`${paste} → ${await page.locator('.result .result-title').first().textContent().catch(() => 'nothing')}`);
    }
  }
  times.sort((a, b) => a - b);
  console.log(`3 AM paste → answer: ${times.length} of ${corpus.length} right; median ${times[times.length >> 1]} ms, max ${times.at(-1)} ms`);
  assert.deepEqual(wrong, []);
});

test('a message pasted with the log around it (a JSON record, a stack trace) still lands on its guide', async () => {
  const corpus = yaml.load(await readFile('tests/corpus/pastes.yaml', 'utf8'));
  const hikari = corpus.find((c) => c.guide === 'hikaricp-connection-timeout');
  const title = (id) => site.index.entries.find((e) => e.id === id).title;
  const { page } = await watchedPage(site.browser, new URL(site.server.url).origin);
  await page.goto(`${site.server.url}3am`);
  const box = page.locator('#search-input');
  for (const [paste, guide] of [
    [`${hikari.paste}\n\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)\n\tat java.base/java.lang.Thread.run(Thread.java:840)\n\t... 12 more`, hikari.guide],
    [JSON.stringify({ level: 'error', ts: 1733454847.1, msg: '[FIRING:1] KubePodCrashLooping (prod-eu-1 critical)' }), 'kubernetes-crashloopbackoff'],
  ]) {
    await box.fill(paste);
    await page.waitForFunction((t) => document.querySelector('.result .result-title')?.textContent === t, title(guide), { timeout: 5000 });
  }
});

test('a message no guide covers is shown under "no guide matches closely"', async () => {
  const { page } = await watchedPage(site.browser, new URL(site.server.url).origin);
  await page.goto(`${site.server.url}3am?q=${encodeURIComponent('ORA-01555: snapshot too old: rollback segment number 10 with name "_SYSSMU10$" too small')}`);
  await page.getByText('No guide matches this message closely').waitFor();
});

const incidents = () => site.index.entries.filter((e) => e.category === 'incident');
const minuteTime = (t) => (t && /T\d\d:\d\dZ$|T\d\d:\d\d:\d\dZ$/.test(t) ? Date.parse(t) : null);

test('incident statistics: trigger × plane adds up, cells open the filtered list, charts hold every timed incident', async () => {
  const { page, problems } = await watchedPage(site.browser, new URL(site.server.url).origin);
  await page.goto(`${site.server.url}incidents/stats`);
  await page.getByRole('heading', { level: 1, name: /Incidents: what starts them/ }).waitFor();
  const totals = await page.locator('.trigger-table tbody tr td:last-child').allTextContents();
  assert.equal(totals.reduce((a, b) => a + Number(b), 0), incidents().length, 'every incident in one trigger row');
  const timed = incidents().filter((e) => {
    const s = minuteTime(e.record?.started);
    const r = minuteTime(e.record?.resolved);
    return s !== null && r !== null && r >= s;
  });
  assert.equal(await page.locator('#duration-h ~ svg .dot').count(), timed.length);
  const link = page.locator('.trigger-table tbody td a').first();
  const href = await link.getAttribute('href');
  await link.click();
  await page.waitForFunction(() => new URL(location.href).searchParams.has('trigger'));
  const params = new URL(href, site.server.url).searchParams;
  const want = incidents().filter((e) => e.record?.trigger === params.get('trigger') && e.planes.includes(params.get('plane'))).length;
  await page.waitForFunction((n) => document.querySelectorAll('.result').length === n, want);
  assert.deepEqual(problems, []);
});

test('the aligned timeline draws the chosen incidents from their start and keeps the choice in the address', async () => {
  const { page } = await watchedPage(site.browser, new URL(site.server.url).origin);
  const timed = incidents().filter((e) => minuteTime(e.record?.started) !== null && minuteTime(e.record?.resolved) !== null);
  assert.ok(timed.length >= 3);
  await page.goto(`${site.server.url}incidents/timeline?ids=${timed[0].id},${timed[1].id}`);
  await page.locator('svg.aligned').waitFor();
  assert.equal(await page.locator('svg.aligned .span-bar').count(), 2);
  assert.equal(await page.locator('svg.aligned ~ table tbody tr').count(), 2);
  const hours = (minuteTime(timed[0].record.resolved) - minuteTime(timed[0].record.started)) / 60000;
  assert.ok((await page.locator('svg.aligned ~ table tbody tr').first().textContent()).length > 0, `${hours} min`);
  await page.getByRole('checkbox', { name: timed[2].title }).check();
  await page.waitForFunction((id) => new URL(location.href).searchParams.get('ids')?.split(',').includes(id), timed[2].id);
  await page.waitForFunction(() => document.querySelectorAll('svg.aligned .span-bar').length === 3);
  await page.reload();
  await page.waitForFunction(() => document.querySelectorAll('svg.aligned .span-bar').length === 3);
  await page.goto(`${site.server.url}incidents/timeline?ids=no-such-incident`);
  await page.getByText('There is no incident “no-such-incident”.').waitFor();
});

test("a guide's first move sits in its 3 AM result: the command with a Copy button, and where each outcome leads", async () => {
  const context = await site.browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  const guide = site.index.entries.find((e) => e.id === 'postgresql-too-many-clients');
  assert.ok(guide.first_move, 'the index carries the first move');
  const { command, branches } = guide.first_move;
  await page.goto(`${site.server.url}3am?q=${encodeURIComponent('FATAL: sorry, too many clients already')}`);
  const first = page.locator('.result').first();
  await first.locator('.first-move code').waitFor();
  assert.equal((await first.locator('.first-move code').textContent()).trim(), command.trim());
  await first.getByRole('button', { name: /Copy/ }).click();
  assert.equal((await page.evaluate(() => navigator.clipboard.readText())).trim(), command.trim());
  const outcomes = first.locator('.first-move-outcomes li');
  assert.ok(branches.length >= 2);
  assert.equal(await outcomes.count(), branches.filter((b) => b.when).length);
  // An outcome that leads to a step opens the guide at that step.
  const toStep = branches.find((b) => b.to.startsWith('#step-'));
  assert.ok(toStep, 'step 1 leads to another step');
  await first.locator('.first-move-outcomes a', { hasText: toStep.label }).first().click();
  await page.waitForURL((u) => u.pathname.endsWith(`/e/${guide.id}`) && u.hash === toStep.to);
  await page.locator(toStep.to).waitFor();
  await context.close();
});

test('a guide shows the decision tree drawn from its steps, and a node opens its step', async () => {
  const { page, problems } = await watchedPage(site.browser, new URL(site.server.url).origin);
  await page.goto(`${site.server.url}e/kafka-under-replicated-partitions`);
  // Diagrams are drawn when they come into view.
  await page.getByRole('heading', { name: 'Decision tree' }).scrollIntoViewIfNeeded();
  const step3 = page.locator('[data-links*="#step-1"] svg [data-href="#step-3"]').first();
  await step3.waitFor();
  assert.match(await step3.getAttribute('aria-label'), /goes there on this page/);
  await step3.click();
  await page.waitForFunction(() => location.hash === '#step-3');
  assert.deepEqual(problems, []);
  await page.close();
});
