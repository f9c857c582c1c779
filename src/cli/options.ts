/**
 * Parsing of CLI option values into typed arguments, with errors that name the flag and the value.
 */
import { ForesightError } from '../core/errors.js';

/**
 * A comma list of names: 'a, b,c' -> ['a', 'b', 'c'].
 *
 * @example
 * parseList('ets, naive2', '--model') // ['ets', 'naive2']
 */
export function parseList(value: unknown, flag: string): string[] {
  if (value === undefined || value === null || value === '') return [];
  const items = String(value).split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (items.length === 0) throw new ForesightError('invalid_argument', `${flag} "${value}" lists nothing`, { value: String(value) });
  return items;
}

/**
 * A positive integer. Throws ForesightError('invalid_argument') naming the flag.
 *
 * @example
 * parsePositiveInt('8', '--horizon') // 8
 */
export function parsePositiveInt(value: unknown, flag: string): number {
  const n = Number(value);
  if (value === undefined || value === true || !Number.isInteger(n) || n < 1) {
    throw new ForesightError('invalid_argument', `${flag} "${value ?? ''}" is not a positive integer`, { value: String(value ?? '') });
  }
  return n;
}

/**
 * A comma list of positive integers (season lengths): '24,168' -> [24, 168].
 *
 * @example
 * parseIntList('24,168', '--season') // [24, 168]
 */
export function parseIntList(value: unknown, flag: string): number[] {
  return parseList(value, flag).map((v) => parsePositiveInt(v, flag));
}

/**
 * Interval levels in percent, each strictly between 0 and 100: '80,95' -> [80, 95].
 *
 * @example
 * parseLevels('80,95') // [80, 95]
 */
export function parseLevels(value: unknown, flag = '--level'): number[] {
  return parseList(value, flag).map((v) => {
    const level = Number(v);
    if (!(level > 0 && level < 100)) throw new ForesightError('invalid_argument', `${flag} "${v}" is not a percentage strictly between 0 and 100`, { value: v });
    return level;
  });
}

/** A required option: throws ForesightError('invalid_argument') when absent. */
export function required(value: unknown, flag: string): string {
  if (value === undefined || value === null || value === '' || value === true) {
    throw new ForesightError('invalid_argument', `${flag} is required`);
  }
  return String(value);
}
