/**
 * What the browser dashboard needs from the server besides the API: its built files (the Vite output), served
 * from memory, and one read-only route with the series values it draws.
 *
 * The files are read once at start into a table keyed by URL path, so no part of a request's path ever reaches
 * the file system: a path not in the table (`/../package.json`, `/%2e%2e/`, `/assets/x\0`) is simply not found.
 * `index.html` is sent with `no-cache` and a Content-Security-Policy that allows only this origin; the hashed
 * files under `assets/` are immutable.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { ForesightError } from '../core/errors.js';
import type { Store } from '../store/store.js';
import { seriesHistory } from './history.js';
import { HttpProblem } from './problem.js';
import { IdParamsSchema, ProblemSchema } from './schemas.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

// vega compiles its expressions with the Function constructor, hence 'unsafe-eval'; vega-embed sets inline styles
const CSP =
  "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** A built file held in memory. */
interface DashboardFile {
  body: Uint8Array;
  type: string;
  cache: string;
}

/** The dashboard's files by URL path (`/`, `/index.html`, `/assets/index-abc.js`). */
export type DashboardFiles = Map<string, DashboardFile>;

/**
 * Reads a built dashboard folder (the output of `vite build`) into memory. Throws ForesightError('io_error')
 * naming the folder when it has no index.html (the build did not run).
 *
 * @example
 * loadDashboard('dist/dashboard').has('/') // true
 */
export function loadDashboard(root: string): DashboardFiles {
  const files: DashboardFiles = new Map();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        walk(path);
        continue;
      }
      const url = '/' + relative(root, path).split(sep).join('/');
      const immutable = url.startsWith('/assets/');
      files.set(url, {
        body: readFileSync(path),
        type: TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream',
        cache: immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
    }
  };
  try {
    walk(root);
  } catch (e) {
    throw new ForesightError('io_error', `dashboard: cannot read ${root} (${(e as Error).message})`, { value: root });
  }
  const index = files.get('/index.html');
  if (!index)
    throw new ForesightError('io_error', `dashboard: ${root} has no index.html (run \`npm run build\`)`, {
      value: root,
    });
  files.set('/', index);
  return files;
}

const HistorySchema = z
  .object({
    datasetId: z.string(),
    series: z.array(
      z.object({
        unique_id: z.string(),
        frequency: z.string(),
        ds: z.array(z.string()),
        y: z.array(z.number().nullable()),
      }),
    ),
  })
  .openapi('DatasetValues');

/**
 * Registers `GET /v1/datasets/{id}/values` (the observed values of a dataset's readable series, at most 500
 * series) and, with `files`, the dashboard's static files for GET and HEAD of any other path.
 */
export function addDashboard(app: OpenAPIHono, store: Store, files?: DashboardFiles): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/datasets/{id}/values',
      summary: 'The observed values of a dataset (at most 500 series), for charts',
      request: { params: IdParamsSchema },
      responses: {
        200: { description: 'The values', content: { 'application/json': { schema: HistorySchema } } },
        404: {
          description: 'No such dataset',
          content: { 'application/problem+json': { schema: ProblemSchema } },
        },
      },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const data = store.loadDataset(id);
      if (!data) throw new HttpProblem(404, 'not_found', `no dataset ${id}`);
      return c.json({ datasetId: id, series: data.series.slice(0, 500).map(seriesHistory) }, 200);
    },
  );
  if (!files) return;
  app.on(['GET', 'HEAD'], '*', async (c, next) => {
    const file = files.get(c.req.path);
    if (!file) return next();
    c.header('content-type', file.type);
    c.header('cache-control', file.cache);
    c.header('x-content-type-options', 'nosniff');
    if (file.type.startsWith('text/html')) {
      c.header('content-security-policy', CSP);
      c.header('referrer-policy', 'no-referrer');
    }
    if (c.req.method === 'HEAD') return c.body(null, 200);
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200);
  });
}
