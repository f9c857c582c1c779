// The dashboard's browser bundle imports src/charts/index.ts: nothing it reaches may need Node. Follows every
// relative import from the entry (type-only imports excluded: they vanish when compiled) and checks the bare ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const IMPORT = /^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;

function reach(entry: string): { files: Set<string>; bare: Map<string, string> } {
  const files = new Set<string>();
  const bare = new Map<string, string>();
  const todo = [entry];
  while (todo.length) {
    const file = todo.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (m[1]) continue; // import type
      const spec = m[2];
      if (spec.startsWith('.')) todo.push(join(dirname(file), spec.replace(/\.js$/, '.ts')));
      else bare.set(spec, relative(root, file));
    }
  }
  return { files, bare };
}

test('the chart builders reach no Node module and no Node-only package', () => {
  const { files, bare } = reach(join(root, 'src/charts/index.ts'));
  assert.ok(files.size > 10);
  const node = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
  for (const [spec, file] of bare) {
    assert.ok(!node.has(spec) && !spec.startsWith('node:'), `${file} imports ${spec}`);
    assert.notEqual(spec, 'vega', `${file} imports vega: rendering belongs in render-svg.ts`);
  }
  assert.ok(![...files].some((f) => f.endsWith('render-svg.ts') || f.endsWith('forecast-report.ts')));
});
