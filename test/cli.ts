/**
 * The CLI as a user runs it, for tests: `src/cli/main.ts` in a child process from the repository's root, with its
 * exit code, stdout and stderr. Every run is checked for a stack trace on stderr (bad input must never print one).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root. */
export const ROOT = fileURLToPath(new URL('../', import.meta.url));

/**
 * Runs `foresight <args>`: `input` is written to its stdin (stdin ignored without it), `stdout` may redirect its
 * output to a file descriptor, `timeout` bounds the run in milliseconds (none by default), `env` replaces the
 * environment.
 *
 * @example
 * runCli(['forecast', '--input', 'examples/industry.csv', '--horizon', '2']).code // 0
 */
export function runCli(
  args: string[],
  options: { input?: string; stdout?: number; timeout?: number; env?: NodeJS.ProcessEnv } = {},
): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input: options.input,
    stdio: [options.input === undefined ? 'ignore' : 'pipe', options.stdout ?? 'pipe', 'pipe'],
    timeout: options.timeout,
    env: options.env ?? process.env,
  });
  assert.doesNotMatch(r.stderr, /^\s+at /m, 'no stack trace');
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr };
}

/** A function writing `text` to the file `name` in `dir` and returning its path. */
export function fileWriter(dir: string): (name: string, text: string) => string {
  return (name, text) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
}
