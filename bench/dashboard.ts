/**
 * `npm run bench -- dashboard [--screenshot docs/dashboard.png]`: what `npm start` costs. Starts the built CLI's
 * `foresight dashboard` on a new temporary database (first start: the bundled industry analysis is computed) and
 * again on the same database (later starts), timing each from spawn to the printed URL; then loads pages in
 * Debian's Chromium (playwright-core) on localhost and reports the time from navigation until the page is drawn
 * (`data-ready`), median of 5 loads with a fresh browser context each (no browser cache). The first load of a
 * page with charts also shows what drawing them costs: the server draws a run's charts on first request and
 * keeps them (src/server/chart-routes.ts), so later loads get them kept. Needs `npm run build` first.
 * Timings on a shared 2-core machine are noisy.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const CLI = 'dist/src/cli/main.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Starts the dashboard and resolves with the printed URL and the seconds it took. */
function startDashboard(db: string): Promise<{ child: ChildProcess; url: string; seconds: number }> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [CLI, 'dashboard', '--port', '0', '--db', db], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORESIGHT_TOKEN: '' },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no URL after 120 s: ${err}`)), 120_000);
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Dashboard: (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1], seconds: Number(process.hrtime.bigint() - started) / 1e9 });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`dashboard exited with ${code}: ${err}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  if (!existsSync(CLI) || !existsSync('dist/dashboard/index.html')) {
    process.stderr.write('bench dashboard: run `npm run build` first (dist/ and dist/dashboard)\n');
    process.exitCode = 1;
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'foresight-bench-dashboard-'));
  const db = join(dir, 'f.db');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox'],
  });
  try {
    const first = await startDashboard(db);
    await stop(first.child);
    const again = await startDashboard(db);
    process.stdout.write(`npm start to URL, first start (analysis computed): ${first.seconds.toFixed(1)} s\n`);
    process.stdout.write(`npm start to URL, later start: ${again.seconds.toFixed(1)} s\n`);
    const base = new URL(again.url);
    const token = base.hash.replace('#token=', '');
    const runs = (await (await fetch(`${base.origin}/v1/runs?limit=20`)).json()) as {
      runs: { id: string; kind: string }[];
    };
    const forecast = runs.runs.find((r) => r.kind === 'forecast')!;
    const pages: [string, string, string][] = [
      ['datasets', `#token=${token}`, 'datasets'],
      ['series (fan chart)', `#/run/${forecast.id}`, 'run'],
      ['scaling', '#/scaling', 'scaling'],
    ];
    for (const [label, hash, name] of pages) {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        if (!hash.startsWith('#token'))
          await page.addInitScript(`sessionStorage.setItem('foresight-token', '${token}')`);
        const t0 = Date.now();
        await page.goto(`${base.origin}/${hash}`);
        await page.waitForSelector(`.page[data-page="${name}"][data-ready="true"]`, { timeout: 30_000 });
        times.push(Date.now() - t0);
        if (i === 0 && name === 'run' && arg('--screenshot'))
          await page.screenshot({ path: arg('--screenshot')!, fullPage: false });
        await context.close();
      }
      process.stdout.write(
        `page load, ${label}: median ${median(times)} ms (first ${times[0]}, min ${Math.min(...times)}, max ${Math.max(...times)}, 5 loads)\n`,
      );
    }
    await stop(again.child);
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
