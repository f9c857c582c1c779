/** `foresight probability`: thin over `datasetEventProbabilities`. */
import type { CAC } from 'cac';
import { ForesightError } from '../core/errors.js';
import { MAX_HORIZON, MAX_PATHS } from '../data/limits.js';
import { readSeriesCsv } from '../data/read-csv.js';
import { probabilityTable } from '../pipeline/format-probabilities.js';
import { datasetEventProbabilities, DEFAULT_PATHS } from '../evaluate/probabilities.js';
import { eventOptions } from './events-option.js';
import { DEFAULT_MODEL } from './forecast.js';
import {
  modelNames,
  parseIntList,
  parsePositiveInt,
  readOptions,
  required,
  withInputOptions,
  withTransformOptions,
} from './options.js';
import { progressBar } from './progress.js';

/** Registers `foresight probability`. */
export function registerProbabilityCommand(cli: CAC): void {
  withTransformOptions(
    withInputOptions(
      cli.command('probability', 'Event probabilities from calibrated sample paths (e.g. --event "y[1] > 90B")'),
    ),
  )
    .option('--input <file>', 'CSV (long unique_id,ds,y, one series, or --wide), .xlsx, .parquet, or - for stdin')
    .option(
      '--event <event>',
      'An event for every series, repeatable: y[h] > x, a <= y[h] <= b, max(y[1..H]) > x, min(...) < x, sum(y[1..H]) > x, growth(k) > g%',
    )
    .option('--events <file>', 'CSV with columns unique_id (empty or * = every series) and event')
    .option('--model <name>', 'Registry model', { default: DEFAULT_MODEL })
    .option('--horizon <h>', 'Steps simulated (default: the furthest step an event needs)')
    .option('--paths <n>', 'Sample paths per series', { default: DEFAULT_PATHS })
    .option('--seed <n>', 'Seed of the path generator', { default: 1 })
    .option('--season <m>', 'Season length(s), overriding the inferred one')
    .option('--json', 'Machine-readable output')
    .action(async (options) => {
      const input = required(options.input, '--input');
      const events = await eventOptions(options.event, options.events);
      if (events.length === 0)
        throw new ForesightError('invalid_argument', 'give at least one --event or an --events file');
      const data = await readSeriesCsv(input, {
        ...readOptions(options),
        seasonLengths: options.season === undefined ? undefined : parseIntList(options.season, '--season'),
      });
      const models = modelNames(options);
      if (models.length !== 1)
        throw new ForesightError('invalid_argument', `--model takes one model here, got ${models.join(', ')}`, {
          value: String(options.model),
        });
      const progress = progressBar('probability');
      const rows = datasetEventProbabilities(data, {
        model: models[0],
        nonNegative: !options.allowNegative,
        events,
        horizon:
          options.horizon === undefined ? undefined : parsePositiveInt(options.horizon, '--horizon', MAX_HORIZON),
        paths: parsePositiveInt(options.paths, '--paths', MAX_PATHS),
        seed: parsePositiveInt(options.seed, '--seed'),
        onProgress: progress.update,
      });
      progress.stop();
      if (options.json) {
        process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
      } else {
        process.stdout.write(probabilityTable(rows) + '\n');
      }
      for (const row of rows)
        if (!row.result) process.stderr.write(`warning: series "${row.id}": no probabilities: ${row.reason}\n`);
    });
}
