/**
 * The full registry: the model families of `models/registry.ts` plus the fusion models (`ensemble`, `auto`),
 * which live in this higher layer because they combine the others. Everything right of `ensemble/` (evaluate,
 * pipeline, CLI) resolves names here.
 */
import { ForesightError } from '../core/errors.js';
import * as families from '../models/registry.js';
import type { ModelDefinition } from '../models/types.js';
import { AUTO_MODEL } from './auto.js';
import { ENSEMBLE_MODEL } from './ensemble.js';
import { parseModelName } from '../models/model-name.js';
import { transformFamily } from './transformed.js';

export type { ResolvedModel } from '../models/registry.js';

// the transform family resolves its inner model through this registry (function declarations are hoisted)
const FUSION: readonly ModelDefinition[] = [ENSEMBLE_MODEL, AUTO_MODEL, transformFamily(resolveModel)];

/**
 * Resolves any registry name, fusion models included. Throws ForesightError('unknown_model') naming the known
 * models.
 *
 * @example
 * resolveModel('ensemble:mean/ets+theta').definition.name // 'ensemble'
 */
export function resolveModel(name: string): families.ResolvedModel {
  const { name: trimmed, family, option } = parseModelName(name);
  const fusion = FUSION.find((d) => d.name === family);
  if (fusion) return { name: trimmed, definition: fusion, spec: fusion.parse(option) };
  try {
    return families.resolveModel(trimmed);
  } catch (e) {
    if (e instanceof ForesightError && e.code === 'unknown_model') {
      throw new ForesightError(
        'unknown_model',
        `unknown model "${trimmed}"; known models: ${listModels()
          .map((d) => d.name)
          .join(', ')}`,
        { value: trimmed },
      );
    }
    throw e;
  }
}

/** Every model, families first, then the fusion models. */
export function listModels(): readonly ModelDefinition[] {
  return [...families.listModels(), ...FUSION];
}

/**
 * Splits a comma list of registry names where the names themselves may hold commas (`arima:1,1,1`,
 * `mstl:24,168`): a comma starts a new name only when what follows begins with a known model family.
 * Throws ForesightError('invalid_argument') for an empty list.
 *
 * @example
 * splitModelList('ets,arima:1,1,1,mstl:24,168') // ['ets', 'arima:1,1,1', 'mstl:24,168']
 */
export function splitModelList(text: string): string[] {
  const known = new Set(listModels().map((d) => d.name));
  const names: string[] = [];
  for (const raw of text.split(',')) {
    const part = raw.trim();
    if (part === '') continue;
    const base = parseModelName(part).family;
    if (names.length === 0 || known.has(base)) names.push(part);
    else names[names.length - 1] += `,${part}`;
  }
  if (names.length === 0)
    throw new ForesightError('invalid_argument', `model list "${text}" names no model`, { value: text });
  return names;
}
