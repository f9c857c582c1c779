// ESLint flat config: typescript-eslint's recommended rules (no stylistic rules: formatting is Prettier's job)
// and the import boundaries between the folders of src/ (layers.js).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { layerZones } from './layers.js';

// The dashboard (web/) talks only to the HTTP API: from src/ it may import the chart builders (src/charts, shared
// with the reports) and, for types, the API's schemas and the results they carry; no engine code.
const WEB_ZONES = [
  {
    target: './web',
    from: './src',
    except: [
      './charts',
      './server/schemas.ts',
      './evaluate/accuracy.ts',
      './evaluate/reliability-horizon.ts',
      './pipeline/reliability.ts',
      './scaling/fit-file.ts',
    ],
    message: 'web/ holds no forecasting logic: it calls the HTTP API and draws specs from src/charts.',
  },
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.bench-out/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      // The layer rule: an import from a folder to the right of the importer's is an error.
      'import-x/no-restricted-paths': ['error', { zones: [...layerZones(), ...WEB_ZONES] }],
      // tsc reports unused names (noUnusedLocals / noUnusedParameters); one report is enough.
      '@typescript-eslint/no-unused-vars': 'off',
      // Flags the last `par[k++]` of an index counter, the way the kernels unpack parameter vectors.
      'no-useless-assignment': 'off',
    },
  },
);
