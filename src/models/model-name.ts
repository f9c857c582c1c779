/**
 * Registry names, parsed in one place: `family:option`, where the family is the text before the first `:` and
 * the option (handed to the family's `parse`) everything after it, as in `ets:AAdM`, `arima:0,1,1:0,1,1`,
 * `mstl:24,168,trend=theta:otm`.
 */
import { ForesightError } from '../core/errors.js';
import type { ModelDefinition, ModelSpec } from './types.js';

/** A registry name split into its family and option. */
export interface ModelName {
  /** The name as given, trimmed. */
  name: string;
  family: string;
  /** The text after the first `:`, or undefined when there is none. */
  option: string | undefined;
}

/**
 * Splits a registry name at its first `:`.
 *
 * @example
 * parseModelName(' arima:0,1,1:0,1,1 ') // { name: 'arima:0,1,1:0,1,1', family: 'arima', option: '0,1,1:0,1,1' }
 */
export function parseModelName(text: string): ModelName {
  const name = text.trim();
  const colon = name.indexOf(':');
  return colon < 0
    ? { name, family: name, option: undefined }
    : { name, family: name.slice(0, colon), option: name.slice(colon + 1) };
}

/** A registry name resolved to its definition and spec. */
export interface ResolvedModel {
  /** The name as given, e.g. `ets:AAdM`. */
  name: string;
  definition: ModelDefinition;
  spec: ModelSpec;
}

/**
 * Resolves `text` among `definitions` by family name and parses its option. Throws what the family's `parse`
 * throws, and ForesightError(`code`, default 'unknown_model') naming the name and the known families when no
 * family matches; `what` prefixes that message (e.g. `mstl: trend model`).
 *
 * @example
 * resolveAmong([NAIVE], 'naive').definition.name // 'naive'
 */
export function resolveAmong(
  definitions: readonly ModelDefinition[],
  text: string,
  unknown: { code?: 'unknown_model' | 'invalid_argument'; what?: string } = {},
): ResolvedModel {
  const { name, family, option } = parseModelName(text);
  const definition = definitions.find((d) => d.name === family);
  if (!definition) {
    const known = definitions.map((d) => d.name).join(', ');
    throw new ForesightError(
      unknown.code ?? 'unknown_model',
      `${unknown.what ?? 'unknown model'} "${name}"${unknown.what ? ' is not available' : ''}; known models: ${known}`,
      { value: name },
    );
  }
  return { name, definition, spec: definition.parse(option) };
}
