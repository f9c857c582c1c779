/**
 * The dashboard in a real browser: Debian's Chromium (/usr/bin/chromium) driven by playwright-core, against the
 * real server on a free loopback port with a temporary database, serving a fresh `vite build` of web/. The
 * test uploads a CSV, runs a forecast, reads the fan chart's SVG (history, forecast and both bands with the
 * right number of points), asks an event probability, opens the scaling page, and reloads the runs page to
 * find the run. Screenshots of each page go to test-results/.
 */
import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { markPaths, pathVertices } from '../../src/charts/svg-marks.js';
import { seedScaling } from '../../src/cli/dashboard-seed.js';
import { startServer, type RunningServer } from '../../src/server/server.js';

const CHROMIUM = '/usr/bin/chromium';
const TOKEN = 'browser-test-token';
const SHOTS = 'test-results';
const SERIES = ['NVDA:revenue', 'MSFT:capex'];

/** Newest modification time of the files under `root`. */
function newest(root: string): number {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((m, e) => Math.max(m, statSync(join(e.parentPath, e.name)).mtimeMs), 0);
}

/**
 * The built dashboard: dist/dashboard when it is newer than every source of it (after `npm ci` or `npm run
 * build`), else a fresh `vite build` into the temporary folder, so the test never drives a stale page.
 */
async function dashboardBuild(tmp: string): Promise<string> {
  const built = 'dist/dashboard/index.html';
  if (existsSync(built) && statSync(built).mtimeMs > Math.max(newest('web'), newest('src/charts')))
    return 'dist/dashboard';
  await build({ configFile: 'web/vite.config.ts', logLevel: 'error', build: { outDir: join(tmp, 'web') } });
  return join(tmp, 'web');
}

let dir: string;
let server: RunningServer;
let browser: Browser;
let page: Page;
let csvPath: string;
let observations: Map<string, number>;

before(async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
  dir = mkdtempSync(join(tmpdir(), 'foresight-browser-'));
  const web = await dashboardBuild(dir);
  // two series of the bundled industry data, as an analyst would upload them
  const lines = readFileSync('examples/industry.csv', 'utf8').trim().split('\n');
  const rows = lines.slice(1).filter((l) => SERIES.some((s) => l.startsWith(s + ',')));
  observations = new Map(SERIES.map((s) => [s, rows.filter((l) => l.startsWith(s + ',')).length]));
  csvPath = join(dir, 'two-series.csv');
  writeFileSync(csvPath, [lines[0], ...rows].join('\n') + '\n');
  server = await startServer({
    dbPath: join(dir, 'f.db'),
    port: 0,
    token: TOKEN,
    dashboard: web,
    runner: { workers: 1, quickThreads: 1 },
  });
  await seedScaling(server.url, TOKEN, 'examples/scaling/chinchilla_runs.csv');
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(30_000);
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const ready = (name: string) => page.waitForSelector(`.page[data-page="${name}"][data-ready="true"]`);
const shoot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

test('upload, forecast, fan chart, event probability, scaling page, runs history', async () => {
  // the token travels in the fragment, is kept in sessionStorage and leaves the address bar
  await page.goto(`${server.url}/#token=${TOKEN}`);
  await ready('datasets');
  assert.equal(new URL(page.url()).hash, '#/datasets');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('foresight-token')), TOKEN);
  assert.equal(await page.isVisible('#token-form'), false);

  await page.setInputFiles('#upload-file', csvPath);
  await page.fill('#upload-name', 'two-series.csv');
  await page.click('#upload-form button[type=submit]');
  await ready('dataset');
  assert.equal(await page.locator('#series tbody tr').count(), 2);
  assert.equal(await page.locator('#series svg.spark polyline').count(), 2);
  await shoot('dataset');

  await page.fill('#forecast-horizon', '4');
  await page.fill('#forecast-models', 'auto');
  await page.click('#forecast-form button[type=submit]');
  await ready('run');
  const runId = new URL(page.url()).hash.replace('#/run/', '');
  await page.waitForSelector('#fan-chart[data-drawn="true"] svg');
  const svg = await page.$eval('#fan-chart svg', (el) => el.outerHTML);
  const shown = (await page.$eval('#series-select', (el) => (el as HTMLSelectElement).value)) as string;
  const history = markPaths(svg, 'history');
  const forecast = markPaths(svg, 'forecast');
  const outer = markPaths(svg, 'band_outer');
  const inner = markPaths(svg, 'band_inner');
  assert.equal(history.paths.length, 1, 'one history line');
  assert.equal(pathVertices(history.paths[0]), Math.min(40, observations.get(shown)!), 'history points');
  assert.equal(forecast.paths.length, 1, 'one forecast line');
  assert.equal(pathVertices(forecast.paths[0]), 4, 'forecast points');
  // an area's path runs along the upper bound and back along the lower one: 2 vertices per step
  assert.equal(outer.paths.length, 1, 'the 95% band');
  assert.equal(pathVertices(outer.paths[0]), 8, '95% band points');
  assert.equal(inner.paths.length, 1, 'the 80% band');
  assert.equal(pathVertices(inner.paths[0]), 8, '80% band points');
  assert.ok((await page.locator('#members tbody tr').count()) >= 2, 'the fused members are listed');
  assert.match(
    (await page.getAttribute('#download-csv', 'href'))!,
    new RegExp(`/v1/runs/${runId}/forecasts\\?format=csv`),
  );
  await shoot('series');

  // what is the chance: the answer is the server's probability for this series
  await page.fill('#chance-step', '2');
  await page.selectOption('#chance-op', '>');
  await page.fill('#chance-threshold', '1B');
  await page.click('#chance-form button[type=submit]');
  const answer = await page.waitForSelector('#chance-probability');
  const text = (await answer.textContent())!;
  assert.match(text, /^\d{1,3}\.\d%$/);
  await page.waitForSelector('#chance-chart[data-drawn="true"] svg');
  const chance = await page.$eval('#chance-chart svg', (el) => el.outerHTML);
  assert.ok(markPaths(chance, 'distribution').items > 5, 'the histogram of the paths');
  assert.equal(markPaths(chance, 'threshold').items, 1, 'one threshold rule');
  const stored = (await (await fetch(`${server.url}/v1/runs?limit=5`)).json()) as {
    runs: { id: string; kind: string; spec: { events: string[] } }[];
  };
  const probabilityRun = stored.runs.find((r) => r.kind === 'probabilities')!;
  assert.deepEqual(probabilityRun.spec.events, ['y[2] > 1B']);
  const result = (await (await fetch(`${server.url}/v1/runs/${probabilityRun.id}`)).json()) as {
    result: { uniqueId: string; probability: number }[];
  };
  assert.equal(result.result[0].uniqueId, shown);
  assert.equal(text, `${(result.result[0].probability * 100).toFixed(1)}%`);
  await shoot('chance');

  await page.click('nav a[href="#/scaling"]');
  await ready('scaling');
  await page.waitForSelector('#frontier-chart[data-drawn="true"] svg');
  await page.waitForSelector('#claim3 tbody tr');
  assert.deepEqual(
    await page.locator('#forms tbody th').allTextContents(),
    ['power', 'log'],
    'the compute forms compared',
  );
  const frontier = await page.$eval('#frontier-chart svg', (el) => el.outerHTML);
  assert.ok(markPaths(frontier, 'frontier_points').items > 0, 'frontier points drawn');
  await shoot('scaling');

  // scenarios: two driver paths for a dataset with a driver, compared side by side
  const rows = Array.from({ length: 30 }, (_, i) => `s,${i + 1},${3 * (10 + ((i * 7) % 11))},${10 + ((i * 7) % 11)}`);
  const drivers = await fetch(`${server.url}/v1/datasets?name=drivers.csv`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' },
    body: ['unique_id,ds,y,x', ...rows].join('\n'),
  });
  const { id: driversId } = (await drivers.json()) as { id: string };
  await page.goto(`${server.url}/#/dataset/${driversId}`);
  await ready('dataset');
  await page.click('#scenarios-link');
  await ready('scenarios');
  await page.fill('#scenario-horizon', '2');
  await page.press('#scenario-horizon', 'Tab');
  await page.waitForSelector('#scenario-1-x-2');
  assert.equal(await page.locator('#scenario-1-x-3').count(), 0, 'two steps per scenario');
  await page.fill('#scenario-1-x-1', '30');
  await page.fill('#scenario-1-x-2', '30');
  await page.click('#scenario-form button[type=submit]');
  await page.waitForSelector('#scenario-chart[data-drawn="true"] svg, #scenario-answer .error').catch(async (e) => {
    await shoot('scenarios-failed');
    throw e;
  });
  assert.equal(
    await page.locator('#scenario-answer .error').count(),
    0,
    await page.locator('#scenario-answer').innerText(),
  );
  assert.deepEqual(await page.locator('#scenario-outcomes tbody th').allTextContents(), ['base', 'high']);
  const scenarioSvg = await page.$eval('#scenario-chart svg', (el) => el.outerHTML);
  assert.equal(markPaths(scenarioSvg, 'scenario_lines').paths.length, 2, 'one line per scenario');
  await shoot('scenarios');

  await page.goto(`${server.url}/#/runs`);
  await page.reload();
  await ready('runs');
  assert.equal(await page.locator(`#runs tr[data-run="${runId}"]`).count(), 1, 'the forecast run is in the history');
  await shoot('runs');
});
