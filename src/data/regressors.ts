/**
 * The check every command taking `--exog` makes before it fits anything: a driver that is not a column of the
 * data would otherwise reach a model as a missing array and end the run with a TypeError.
 */
import { ForesightError } from '../core/errors.js';
import type { Dataset } from './series.js';

/**
 * Throws ForesightError('invalid_argument') when a name of `exog` is not one of the data's extra columns (the
 * message names the file and lists the columns there are) or is given twice (the same driver twice makes the
 * regression singular).
 *
 * @example
 * checkRegressors({ file: 'x.csv', exogColumns: ['price'] } as Dataset, ['cost'])
 * // throws: regressor "cost" is not a column of x.csv (extra columns: price)
 */
export function checkRegressors(data: Pick<Dataset, 'file' | 'exogColumns'>, exog: readonly string[]): void {
  const seen = new Set<string>();
  for (const column of exog) {
    if (!data.exogColumns.includes(column)) {
      throw new ForesightError(
        'invalid_argument',
        `regressor "${column}" is not a column of ${data.file} (extra columns: ${data.exogColumns.join(', ') || 'none'})`,
        { value: column },
      );
    }
    if (seen.has(column))
      throw new ForesightError('invalid_argument', `regressor "${column}" is given twice`, { value: column });
    seen.add(column);
  }
}
