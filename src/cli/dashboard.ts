/**
 * `foresight dashboard` (what `npm start` runs): serves the API and the browser dashboard on 127.0.0.1 from the
 * store in the data directory, with the bundled industry analysis computed on first start, and prints the URL.
 *
 * The token: writes need a bearer token. Unless FORESIGHT_TOKEN is set, the command makes a random one for this
 * process only (never stored, gone at exit) and prints it inside the URL's fragment (`/#token=...`). A fragment
 * is never sent to a server or written to logs; the page moves it to sessionStorage (this tab only) and removes
 * it from the address bar. Only the terminal that started the server sees it, so other local users and other web
 * pages (which cannot read this origin: the server sends no CORS headers) cannot write. Without the fragment
 * the page asks for a token.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { CAC } from 'cac';
import { startServer, type RunningServer } from '../server/server.js';
import { databasePath } from '../store/data-dir.js';
import { drawFirstCharts } from './dashboard-charts.js';
import { seedAnalysis } from './dashboard-seed.js';
import { parsePositiveInt } from './options.js';
import { examplePath, packageRoot } from './paths.js';

/** The built dashboard folder inside the package (written by `vite build` during `npm ci`). */
export function dashboardRoot(): string {
  return join(packageRoot(), 'dist', 'dashboard');
}

export function registerDashboardCommand(cli: CAC): void {
  cli
    .command('dashboard', 'Serve the browser dashboard and the API on 127.0.0.1 (what npm start runs)')
    .option('--port <port>', 'Port (0: any free port; when 8080 is taken, another one is used)', { default: 8080 })
    .option('--db <file>', 'Database file (default: FORESIGHT_DB, else the data directory)')
    .option('--no-seed', 'Do not compute the bundled industry analysis on first start')
    .action(async (options) => {
      const started = Date.now();
      const asked = options.port === 0 || options.port === '0' ? 0 : parsePositiveInt(options.port, '--port', 65535);
      const dbPath = databasePath(options.db);
      const token = process.env.FORESIGHT_TOKEN || randomBytes(24).toString('base64url');
      const start = (port: number) =>
        startServer({ dbPath, port, token, host: '127.0.0.1', dashboard: dashboardRoot() });
      let server: RunningServer;
      try {
        server = await start(asked);
      } catch (e) {
        const cause = (e as Error).cause as NodeJS.ErrnoException | undefined;
        if (cause?.code !== 'EADDRINUSE' || options.port !== 8080) throw e;
        process.stderr.write(`note: port ${asked} is taken; using a free one\n`);
        server = await start(0);
      }
      const stop = () => {
        server.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      if (options.seed !== false) {
        process.stderr.write('foresight: checking the bundled industry analysis (computed on first start)...\n');
        const seeded = await seedAnalysis(server.url, token, {
          industry: examplePath('industry.csv'),
          chinchilla: examplePath('scaling/chinchilla_runs.csv'),
          drivers: examplePath('net-income.csv'),
        });
        if (seeded) process.stderr.write(`foresight: stored the industry forecast (run ${seeded.forecastRunId})\n`);
      }
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stderr.write(`foresight: database ${dbPath}; ready in ${seconds} s; Ctrl-C stops\n`);
      const fragment = process.env.FORESIGHT_TOKEN ? '' : `#token=${token}`;
      process.stdout.write(`Dashboard: ${server.url}/${fragment}\n`);
      // while the browser opens: the newest charts of the pages with charts, so their first view does not draw
      void drawFirstCharts(server.url);
    });
}
