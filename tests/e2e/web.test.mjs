// Browser tests of the web app: Debian's chromium driven by playwright-core (from web/'s
// devDependencies). Without VV_E2E_BASE_URL the app is served from web/dist by server.mjs with
// fixture API answers; with it, the same tests run against a real `vv serve` (checks of exact
// fixture values are skipped there).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(ROOT, 'web/package.json'));
const { chromium } = require('playwright-core');

const FIXTURES = !process.env.VV_E2E_BASE_URL;
let base = process.env.VV_E2E_BASE_URL?.replace(/\/$/, '');
let server, context, page, profile;
const pageErrors = [];
const foreign = [];

before(async () => {
  if (FIXTURES) {
    server = await startServer(path.join(ROOT, 'web/dist'));
    base = `http://127.0.0.1:${server.address().port}`;
  }
  profile = mkdtempSync(path.join(os.tmpdir(), 'vv-e2e-profile-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.VV_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15000);
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) foreign.push(r.url()); });
});

after(async () => {
  await context?.close();
  server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

// Waits for the new page, not the one before it: a hash change renders asynchronously, so the
// old page's data-ready is dropped first and only the new render sets it again.
// (The same URL again fires no hashchange: that is a reload.)
async function open(hash) {
  const url = `${base}/#${hash}`;
  await page.evaluate(() => document.getElementById('main')?.removeAttribute('data-ready')).catch(() => {});
  if (page.url() === url) await page.reload();
  else await page.goto(url);
  await page.waitForSelector('main[data-ready]');
}
const h1 = () => page.locator('main h1').first().innerText();

test('landing page renders with the navigation and the server status', async () => {
  await open('/');
  assert.match(await h1(), /Know how a video will do/);
  assert.equal(await page.locator('#nav a').count(), 6);
  assert.equal(await page.locator('.grid3 article').count(), 6);
  await page.waitForFunction(() => !/Checking/.test(document.querySelector('.readiness')?.textContent ?? 'Checking'));
  if (FIXTURES) assert.match(await page.locator('.readiness').innerText(), /ready: 6 models loaded/);
  assert.match(await page.title(), /Home · ViralVelocity/);
});

test('every page renders and the navigation marks the current page', async () => {
  await open('/');
  const pages = [['Predict', /Live predictions/], ['Videos', /Videos/], ['Models', /Models/],
    ['Performance', /Model performance/], ['Features', /Feature analysis/], ['Drift', /Drift/]];
  for (const [link, title] of pages) {
    await page.locator('#nav a', { hasText: link }).click();
    await page.waitForFunction((t) => document.querySelector('main h1')?.textContent?.match(new RegExp(t)), title.source);
    await page.waitForSelector('main[data-ready]');
    assert.equal(await page.locator('#nav a[aria-current="page"]').innerText(), link);
    assert.equal(await page.locator('main .loading').count(), 0, `${link} still loading`);
  }
  await page.goBack();
  await page.waitForFunction(() => /Feature analysis/.test(document.querySelector('main h1')?.textContent ?? ''));
  await open('/no/such/page');
  assert.equal(await h1(), 'Page not found');
});

test('the prediction form posts and shows the six answers', async () => {
  await open('/predict');
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.url().endsWith('/v1/predict') && r.method() === 'POST'),
    page.getByRole('button', { name: 'Predict' }).click(),
  ]);
  const sent = request.postDataJSON();
  assert.equal(sent.title, 'I tried 100 days of coding');
  assert.equal(sent.duration_s, 612);
  assert.deepEqual(sent.tags, ['coding', 'programming']);
  assert.equal(sent.snapshots.length, 2);
  assert.equal(sent.snapshots[1].views, 4200);
  await page.waitForSelector('#results .prediction');
  assert.equal(await page.locator('#results .prediction').count(), 6);
  if (FIXTURES) {
    const card = (m) => page.locator(`#results .prediction[data-model="${m}"]`);
    assert.match(await card('viral').innerText(), /73\.0 %/);
    assert.match(await card('viral').innerText(), /v3/);
    assert.equal(await card('velocity').locator('tbody tr').count(), 3);
    assert.match(await card('velocity').innerText(), /1 d[\s\S]*5,100[\s\S]*4,300 – 6,400/);
    assert.ok(await card('velocity').locator('.chart svg').count() > 0, 'velocity chart drawn');
    assert.ok(await card('viral').locator('.chart svg').count() > 0, 'contribution chart drawn');
    assert.match(await card('clickbait').innerText(), /81\.0 %[\s\S]*starts_with_number/);
    assert.equal(await card('genre').locator('ol li').count(), 3);
    assert.match(await card('genre').innerText(), /Science & Technology \(28\)[\s\S]*62\.0 %/);
    assert.deepEqual(await card('tags').locator('li').allInnerTexts(), ['programming', 'coding challenge', 'python']);
    assert.match(await card('anomaly').innerText(), /normal/);
  }
});

test('an API error appears beside the field its path names', async () => {
  await open('/predict');
  await page.fill('#f-duration_s', '-5');
  await page.getByRole('button', { name: 'Predict' }).click();
  const err = page.locator('#f-duration_s-error');
  await err.filter({ hasText: /\S/ }).waitFor();
  assert.match(await err.innerText(), /\$\.duration_s/);
  assert.equal(await page.getAttribute('#f-duration_s', 'aria-invalid'), 'true');
  assert.equal(await page.locator('#results .prediction').count(), 0);
  assert.equal(await page.locator('#f-title-error').innerText(), '');

  // A nested path: the second snapshot's views -> the snapshots box.
  await page.fill('#f-duration_s', '612');
  await page.fill('#f-snapshots', '2024-05-01T18:00:00Z, 1500, 90, 12\n2024-05-02T00:00:00Z, -4200, 210, 31');
  await page.getByRole('button', { name: 'Predict' }).click();
  const snapErr = page.locator('#f-snapshots-error');
  await snapErr.filter({ hasText: /\S/ }).waitFor();
  assert.match(await snapErr.innerText(), /\$\.snapshots\[1\]\.views/);
  assert.equal(await page.locator('#f-duration_s-error').innerText(), '', 'old error cleared');
  assert.equal(await page.getAttribute('#f-duration_s', 'aria-invalid'), null);
});

test('videos: search, paging and a video page with its chart and predictions', async () => {
  await open('/videos');
  await page.waitForSelector('table.videos tbody tr, .empty');
  const rows = await page.locator('table.videos tbody tr').count();
  if (FIXTURES) {
    assert.equal(rows, 20);
    await page.getByRole('button', { name: 'Next →' }).click();
    await page.waitForFunction(() => /offset=20/.test(location.hash));
    // The hash changes before the page redraws: wait for the second page's caption itself.
    await page.waitForFunction(() => /Videos 21–40/.test(document.querySelector('main[data-ready] table.videos caption')?.textContent ?? ''));
    await page.fill('#v-query', 'coding');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForFunction(() => document.querySelectorAll('table.videos tbody tr').length === 1);
    assert.match(location(), /query=coding/);
  }
  if (rows === 0) return;
  await page.locator('table.videos tbody a').first().click();
  await page.waitForSelector('.predictions .prediction');
  assert.equal(await page.locator('.predictions .prediction').count(), 6);
  if (FIXTURES) {
    assert.equal(await h1(), 'I tried 100 days of coding');
    assert.ok(await page.locator('section.card .chart svg').count() > 0, 'snapshot chart drawn');
    assert.match(await page.locator('.prediction[data-model="anomaly"]').innerText(), /needs two snapshots/);
  }
});

function location() { return page.url(); }

test('an unknown video shows the API error', async () => {
  await open('/videos/does-not-exist');
  const err = page.locator('.error[role="alert"]');
  await err.waitFor();
  assert.match(await err.innerText(), /does-not-exist/);
  assert.equal(await err.getAttribute('data-code'), 'not_found');
});

test('models: registry table, a model with metrics beside baselines and its schema', async () => {
  await open('/models');
  await page.waitForSelector('table.data tbody tr, .empty');
  if (!FIXTURES) return;
  assert.equal(await page.locator('table.data tbody tr').count(), 6);
  await page.locator('table.data a', { hasText: 'viral' }).click();
  await page.waitForSelector('table.metrics');
  const metrics = await page.locator('table.metrics').innerText();
  assert.match(metrics, /logistic_regression/);
  assert.match(metrics, /roc_auc ↑\s+0\.91 ✓\s+0\.84/);
  assert.match(metrics, /brier ↓\s+0\.09 ✓\s+0\.12/);
  assert.ok(await page.locator('.chart svg').count() > 0);
  assert.equal(await page.locator('ol.schema li').count(), 8);
});

test('performance: a table and a bar chart per champion', async () => {
  await open('/performance');
  await page.waitForSelector('main[data-ready]');
  if (!FIXTURES) return;
  for (const m of ['velocity', 'viral', 'clickbait', 'genre', 'tags', 'anomaly']) {
    const s = page.locator(`section[data-model="${m}"]`);
    assert.equal(await s.locator('table.metrics').count(), 1, m);
    assert.equal(await s.locator('.chart svg').count() > 0, true, `${m} chart`);
  }
  const velocity = await page.locator('section[data-model="velocity"]').innerText();
  assert.match(velocity, /mrse ↓\s+0\.41 ✓\s+0\.66\s+0\.52/);
  assert.match(velocity, /median_ape ↓\s+0\.2 ✓\s+0\.3\s+0\.25/, 'median APE: lower is better');
  assert.match(velocity, /coverage_80 → 0\.80\s+0\.81/, 'coverage: best at its nominal level');
});

test('features and drift pages show their figures with status colours', async () => {
  await open('/features');
  await page.waitForSelector('main[data-ready]');
  if (FIXTURES) {
    assert.ok(await page.locator('.chart svg').count() > 0, 'importance chart');
    assert.equal(await page.locator('ol.schema li').count(), 8);
    await page.fill('#explain-id', 'vid001');
    await page.getByRole('button', { name: 'Explain' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.chart svg').length >= 2);
  }
  await open('/drift');
  if (!FIXTURES) return;
  const rows = page.locator('table.drift').first().locator('tbody tr');
  assert.equal(await rows.count(), 4);
  assert.equal(await rows.nth(2).locator('.badge').getAttribute('class'), 'badge status-drift');
  assert.equal(await rows.nth(1).locator('.badge').getAttribute('class'), 'badge status-warn');
  assert.equal(await rows.nth(0).locator('.badge').getAttribute('class'), 'badge status-ok');
  assert.match(await rows.nth(2).innerText(), /like_view_ratio\s+0\.41\s+1e-12\s+0\.27/);
  const green = await rows.nth(0).locator('.badge').evaluate((el) => getComputedStyle(el).backgroundColor);
  const red = await rows.nth(2).locator('.badge').evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.notEqual(green, red);
  assert.match(await page.locator('.summary').innerText(), /400 live rows/);
});

// Analysis by URL (POST /v1/analyze) at a desktop and a phone width. Against a real server the
// same ids exist in the fake YouTube API it is pointed at (fake_youtube_server analyze).
const noSideScroll = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

for (const [width, height] of [[1366, 900], [390, 844]]) {
  test(`home page: a pasted video URL shows the six predictions and links to the video page (${width} px)`, async () => {
    await page.setViewportSize({ width, height });
    await open('/');
    const box = page.locator('#analyze');
    assert.ok(await box.isVisible());
    const url = 'https://youtu.be/vvDemoVid01?si=e2e';
    await page.fill('#analyze-url', url);
    const [request] = await Promise.all([
      page.waitForRequest((r) => r.url().endsWith('/v1/analyze') && r.method() === 'POST'),
      box.getByRole('button', { name: 'Analyze' }).click(),
    ]);
    assert.deepEqual(request.postDataJSON(), { url });
    await page.waitForSelector('#analyze .analyze-result .prediction');
    assert.equal(await page.locator('#analyze .analyze-result .prediction').count(), 6);
    assert.equal(await page.locator('#analyze .analyze-result').getAttribute('data-kind'), 'video');
    assert.match(await page.locator('#analyze .analyze-result h2').innerText(), /I tried 100 days of coding/);
    assert.match(await page.locator('#analyze .tracking').innerText(), /next snapshot .*every 1 h for the first 48 h/);
    assert.match(await page.locator('#analyze .fetched').innerText(), /fetched from YouTube|fresh in the store/);
    assert.ok(await noSideScroll(), `no horizontal scrolling at ${width} px`);
    await page.locator('#analyze a.video-link').click();
    await page.waitForFunction(() => /videos\/vvDemoVid01/.test(location.hash));
    await page.waitForSelector('main[data-ready] .predictions .prediction');
    assert.equal(await h1(), 'I tried 100 days of coding');
    assert.equal(await page.locator('.predictions .prediction').count(), 6);
    assert.match(await page.locator('dd.tracking').innerText(), /tracked since .*next snapshot/);
    assert.ok(await noSideScroll(), `video page: no horizontal scrolling at ${width} px`);
  });

  test(`predict page: a bad URL, a private video and a channel (${width} px)`, async () => {
    await page.setViewportSize({ width, height });
    await open('/predict');
    const box = page.locator('#analyze');
    const go = async (text) => {
      await page.fill('#analyze-url', text);
      await box.getByRole('button', { name: 'Analyze' }).click();
    };
    await go('https://vimeo.com/123');
    await page.locator('#analyze-error').filter({ hasText: /\S/ }).waitFor();
    assert.match(await page.locator('#analyze-error').innerText(), /youtu\.be\/ID/);
    assert.equal(await page.getAttribute('#analyze-url', 'aria-invalid'), 'true');

    await go('https://www.youtube.com/watch?v=vvPrivate01');
    const err = page.locator('#analyze .analyze-result .error[role="alert"]');
    await err.waitFor();
    assert.equal(await err.getAttribute('data-code'), 'not_found');
    assert.match(await err.innerText(), /private, deleted or never existed/);
    assert.equal(await page.locator('#analyze-error').innerText(), '', 'the old field error is gone');
    assert.equal(await page.getAttribute('#analyze-url', 'aria-invalid'), null);

    await go('https://www.youtube.com/@vvdemo');
    await page.waitForSelector('#analyze .analyze-result table.recent tbody tr');
    assert.match(await page.locator('#analyze .analyze-result h2').innerText(), /ViralVelocity Demo/);
    assert.ok(await page.locator('#analyze table.recent a', { hasText: 'I tried 100 days of coding' }).count() >= 1);
    assert.ok(await noSideScroll(), `no horizontal scrolling at ${width} px`);
    // The hand-written form is still there below.
    assert.equal(await page.getByRole('button', { name: 'Predict' }).count(), 1);
  });
}

test('no script error and no request leaves the server (no CDN)', async () => {
  await page.setViewportSize({ width: 1280, height: 900 });
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(foreign, []);
});
