/**
 * Errors as RFC 9457 problem documents (`application/problem+json`) carrying the library's error code, and the
 * one table mapping ForesightError codes to HTTP statuses.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** An error of the HTTP layer itself (not found, unauthorized, too large), with its status and code. */
export class HttpProblem extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    /** The fields at fault (`events.1`), as the request validator names them. */
    readonly errors?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'HttpProblem';
  }
}

const STATUS: Record<string, ContentfulStatusCode> = {
  invalid_input: 422,
  invalid_argument: 422,
  unknown_model: 422,
  too_short: 422,
  not_converged: 422,
  io_error: 500,
  internal: 500,
};

const TITLES: Partial<Record<number, string>> = {
  400: 'Bad request',
  401: 'Unauthorized',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Content too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  500: 'Internal error',
};

/**
 * The HTTP status of a library error code.
 *
 * @example
 * statusOfCode('invalid_input') // 422
 */
export function statusOfCode(code: string): ContentfulStatusCode {
  return STATUS[code] ?? 500;
}

/** Sends a problem document. */
export function problem(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  detail: string,
  errors?: { path: string; message: string }[],
): Response {
  const body = {
    type: `urn:foresight:problem:${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    instance: c.req.path,
    ...(errors ? { errors } : {}),
  };
  return c.body(JSON.stringify(body), status, { 'content-type': 'application/problem+json' });
}

/**
 * The methods the routes of `routes` answer for `path` (hono patterns such as `/v1/runs/:id`; a `*` matches
 * the rest), sorted, without the middleware entries (`ALL`) and catch-all routes (path `*`). Used to tell a wrong method (405, with
 * an Allow header) from an unknown path (404).
 *
 * @example
 * allowedMethods([{ method: 'GET', path: '/v1/runs/:id' }, { method: 'DELETE', path: '/v1/runs/:id' }], '/v1/runs/x') // ['DELETE', 'GET']
 */
export function allowedMethods(routes: readonly { method: string; path: string }[], path: string): string[] {
  const methods = new Set<string>();
  for (const route of routes) {
    // middleware, and the dashboard's catch-all for its files (app.ts adds GET and HEAD for a path that is a file)
    if (route.method === 'ALL' || route.path === '*' || route.path === '/*') continue;
    const pattern = route.path
      .split('/')
      .map((part) =>
        part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('/');
    if (new RegExp(`^${pattern}/?$`).test(path)) methods.add(route.method);
  }
  return [...methods].sort();
}
