// The import-boundary rule, checked through ESLint's Node API with the repository's own config: a file in a
// lower layer that imports from a higher one is an error, the same import the other way round is not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { LAYERS, forbiddenFor } from '../layers.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${file}` });
  return result.messages.filter((m) => m.ruleId === 'import-x/no-restricted-paths').map((m) => m.message);
}

test('a core file importing from pipeline fails the lint, naming both folders', async () => {
  const errors = await boundaryErrors(
    'src/core/layer-check.ts',
    "import { formatTable } from '../pipeline/format.js';\nexport const t = formatTable;\n",
  );
  assert.equal(errors.length, 1);
  assert.match(errors[0], /src\/core is in a lower layer than src\/pipeline/);
});

test('evaluate importing from pipeline fails; pipeline importing from evaluate passes', async () => {
  const up = await boundaryErrors(
    'src/evaluate/layer-check.ts',
    "import { accuracyTable } from '../pipeline/format-accuracy.js';\nexport const t = accuracyTable;\n",
  );
  assert.equal(up.length, 1);
  const down = await boundaryErrors(
    'src/pipeline/layer-check.ts',
    "import { evaluateFiles } from '../evaluate/evaluate.js';\nexport const e = evaluateFiles;\n",
  );
  assert.deepEqual(down, []);
});

test('siblings of one layer may not import each other: select and ensemble', async () => {
  const errors = await boundaryErrors(
    'src/select/layer-check.ts',
    "import { ENSEMBLE_MODEL } from '../ensemble/ensemble.js';\nexport const m = ENSEMBLE_MODEL;\n",
  );
  assert.equal(errors.length, 1);
});

test('the layer table covers the folders still to come and orders them as the README says', () => {
  assert.deepEqual(LAYERS.flat(), [
    'core',
    'data',
    'models',
    'select',
    'ensemble',
    'evaluate',
    'reconcile',
    'pipeline',
    'scaling',
    'charts',
    'store',
    'queue',
    'server',
    'cli',
    'web',
  ]);
  assert.deepEqual(forbiddenFor('store'), ['charts', 'queue', 'server', 'cli', 'web']);
  assert.deepEqual(forbiddenFor('server'), ['cli', 'web']);
  assert.deepEqual(forbiddenFor('cli'), ['web']);
  assert.deepEqual(forbiddenFor('core').length, 14);
  assert.throws(() => forbiddenFor('nowhere'), /no layer for src\/nowhere/);
});
