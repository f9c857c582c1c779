/** `foresight serve`: thin over `startServer` (with the built dashboard at `/`); stops cleanly on SIGINT and SIGTERM. */
import type { CAC } from 'cac';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../server/server.js';
import { dashboardRoot } from './dashboard.js';
import { databasePath } from '../store/data-dir.js';
import { maxWorkers, parsePositiveInt } from './options.js';

export function registerServeCommand(cli: CAC): void {
  cli
    .command('serve', 'Serve the HTTP API (writes need FORESIGHT_TOKEN or a token from `foresight tokens create`)')
    .option('--host <host>', 'Address to bind', { default: '127.0.0.1' })
    .option('--port <port>', 'Port (0: any free port)', { default: 8080 })
    .option('--db <file>', 'Database file (default: FORESIGHT_DB, else the data directory)')
    .option('--workers <n>', 'Worker threads of a long run (default: every core)')
    .option('--redis <url>', 'Send long forecast runs to the workers of this Redis queue (see foresight worker)')
    .action(async (options) => {
      const port = options.port === 0 || options.port === '0' ? 0 : parsePositiveInt(options.port, '--port', 65535);
      const dbPath = databasePath(options.db);
      // the dashboard is served when it was built (npm ci / npm run build write dist/dashboard)
      const dashboard = existsSync(join(dashboardRoot(), 'index.html')) ? dashboardRoot() : undefined;
      const server = await startServer({
        dashboard,
        dbPath,
        host: String(options.host),
        port,
        token: process.env.FORESIGHT_TOKEN || undefined,
        redis: options.redis === undefined ? undefined : String(options.redis),
        runner: {
          workers:
            options.workers === undefined ? undefined : parsePositiveInt(options.workers, '--workers', maxWorkers()),
        },
      });
      if (server.recovered.length)
        process.stderr.write(
          `note: ${server.recovered.length} unfinished run${server.recovered.length > 1 ? 's' : ''} of a stopped server marked failed\n`,
        );
      if (!process.env.FORESIGHT_TOKEN && server.store.tokenCount() === 0) {
        process.stderr.write(
          'note: no FORESIGHT_TOKEN and no stored token: writes will be refused (create one with `foresight tokens create`)\n',
        );
      }
      if (!/^(127\.|::1$|localhost$)/.test(String(options.host))) {
        process.stderr.write(`warning: bound to ${options.host}, reachable from other machines; reads need no token\n`);
      }
      process.stderr.write(`foresight: listening on ${server.url} (database ${dbPath})\n`);
      const stop = () => {
        server.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
