/**
 * Where the store lives. The database path is, in order: the `--db` flag, the `FORESIGHT_DB` environment
 * variable, else `foresight.db` in the data directory: `$XDG_DATA_HOME/foresight` when XDG_DATA_HOME is set,
 * else `~/.local/share/foresight` (the XDG default).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The data directory for an environment.
 *
 * @example
 * dataDirectory({ XDG_DATA_HOME: '/data' }) // '/data/foresight'
 */
export function dataDirectory(env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  const xdg = env.XDG_DATA_HOME;
  return xdg && xdg.startsWith('/') ? join(xdg, 'foresight') : join(home, '.local', 'share', 'foresight');
}

/**
 * The database path: the explicit one, else FORESIGHT_DB, else foresight.db in {@link dataDirectory}.
 *
 * @example
 * databasePath(undefined, { FORESIGHT_DB: '/tmp/x.db' }) // '/tmp/x.db'
 */
export function databasePath(explicit?: string, env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  if (explicit) return explicit;
  if (env.FORESIGHT_DB) return env.FORESIGHT_DB;
  return join(dataDirectory(env, home), 'foresight.db');
}
