/** Locations inside the installed package (works from src/ under tsx and from dist/ after the build). */
import { existsSync, readFileSync } from 'node:fs';
import { ForesightError } from '../core/errors.js';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding package.json. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir)
      throw new ForesightError('internal', `package.json not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return dir;
}

/** A bundled example file. */
export function examplePath(name: string): string {
  return join(packageRoot(), 'examples', name);
}

/** The package version, read from package.json (what `foresight --version` prints). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
