/**
 * Which models use drivers (regressors given with `--exog`): a model that would ignore them is an error that
 * names it, instead of a forecast that silently leaves the drivers out.
 */
import { ForesightError } from '../core/errors.js';
import { resolveModel, type ResolvedModel } from '../ensemble/registry.js';
import { parseModelName } from '../models/model-name.js';

/** Model families that estimate regressor coefficients. */
const DRIVER_FAMILIES = ['arima'];

/**
 * Whether a model uses drivers: a family that estimates regressor coefficients, or a fusion (`ensemble`,
 * `auto`) with such a member (only those members use them).
 *
 * @example
 * usesDrivers(resolveModel('ets')) // false
 */
export function usesDrivers(model: ResolvedModel): boolean {
  const base = model.definition.name;
  if (DRIVER_FAMILIES.includes(base)) return true;
  const spec = model.spec as { members?: unknown; ensemble?: { members?: unknown } };
  const members = Array.isArray(spec.members)
    ? spec.members
    : Array.isArray(spec.ensemble?.members)
      ? (spec.ensemble!.members as unknown[])
      : [];
  return members.some((m) => typeof m === 'string' && DRIVER_FAMILIES.includes(parseModelName(m).family));
}

/**
 * Throws ForesightError('invalid_argument') naming the first model that cannot use the drivers `exog` (none
 * when `exog` is empty).
 *
 * @example
 * checkDriverModels(['ets'], ['revenue']) // throws: model "ets" cannot use drivers (revenue) ...
 */
export function checkDriverModels(models: readonly string[], exog: readonly string[] | undefined): void {
  if (!exog?.length) return;
  for (const name of models) {
    if (!usesDrivers(resolveModel(name))) {
      throw new ForesightError(
        'invalid_argument',
        `model "${name}" cannot use drivers (${exog.join(', ')}): models that estimate driver coefficients are ${DRIVER_FAMILIES.join(', ')}, and ensemble/auto with such a member`,
        { value: name },
      );
    }
  }
}
