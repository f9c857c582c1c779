/** `foresight backtest`: thin over `backtestDataset`. */
import type { CAC } from 'cac';
import { readSeriesCsv } from '../data/read-csv.js';
import { backtestDataset } from '../evaluate/backtest.js';
import { writeFile } from 'node:fs/promises';
import { accuracyTable, byStepTable } from '../pipeline/format-accuracy.js';
import {
  backtestForecastCsv,
  decileTables,
  eventScoreTable,
  perSeriesTable,
  reliabilityTable,
} from '../pipeline/format-backtest.js';
import { RELIABILITY_EXPLANATION } from '../evaluate/reliability-horizon.js';
import { checkDriverModels } from '../pipeline/drivers.js';
import { eventOptions } from './events-option.js';
import { DEFAULT_MODEL } from './forecast.js';
import { ForesightError } from '../core/errors.js';
import { MAX_HORIZON, MAX_PATHS } from '../data/limits.js';
import {
  modelNames,
  parseIntList,
  parseLevels,
  parseList,
  parsePositiveInt,
  readOptions,
  required,
  withInputOptions,
  withTransformOptions,
  checkOutputs,
} from './options.js';
import { progressBar } from './progress.js';

export function registerBacktestCommand(cli: CAC): void {
  withTransformOptions(withInputOptions(cli.command('backtest', 'Rolling-origin evaluation of models on one file')))
    .option('--input <file>', 'CSV (long unique_id,ds,y, one series, or --wide), .xlsx, .parquet, or - for stdin')
    .option('--horizon <h>', 'Steps forecast from each origin')
    .option('--windows <k>', 'Forecast origins per series', { default: 3 })
    .option('--step <s>', 'Steps between origins (default: the horizon)')
    .option('--model <list>', 'Comma list of registry models', { default: DEFAULT_MODEL })
    .option('--season <m>', 'Season length(s), overriding the inferred one')
    .option('--level <list>', 'Interval levels scored for coverage', { default: '80,95' })
    .option('--exog <list>', 'Extra columns to use as regressors (their actual values: an oracle for drivers)')
    .option('--per-series', 'Accuracy of each series')
    .option('--output <file>', 'Save every backtest forecast as CSV')
    .option(
      '--score-events',
      'Score the standard events (growth above 0 and above the median growth, each step): Brier, skill, deciles',
    )
    .option('--event <event>', 'An event to score, repeatable (syntax of `foresight probability`)')
    .option('--events <file>', 'Events CSV (unique_id, event) to score')
    .option('--paths <n>', 'Sample paths per origin for event probabilities', { default: 1000 })
    .option(
      '--reliability [reference]',
      'Reliability horizon per series and model against naive (or the given reference, e.g. snaive)',
    )
    .option('--seed <n>', 'Seed of sample paths and bootstrap', { default: 1 })
    .option('--json', 'Machine-readable output')
    .action(async (options) => {
      checkOutputs({ '--input': options.input, '--events': options.events }, { '--output': options.output });
      const horizon = parsePositiveInt(options.horizon, '--horizon', MAX_HORIZON);
      const levels = parseLevels(options.level, '--level', (note) => process.stderr.write(`note: ${note}\n`));
      const windows = parsePositiveInt(options.windows, '--windows', 10_000);
      const step = options.step === undefined ? horizon : parsePositiveInt(options.step, '--step', 1_000_000);
      const data = await readSeriesCsv(required(options.input, '--input'), {
        ...readOptions(options),
        seasonLengths: options.season === undefined ? undefined : parseIntList(options.season, '--season'),
      });
      checkDriverModels(modelNames(options), parseList(options.exog, '--exog'));
      const events = await eventOptions(options.event, options.events);
      const progress = progressBar('backtest');
      const result = backtestDataset(data, {
        models: modelNames(options),
        nonNegative: !options.allowNegative,
        horizon,
        windows,
        step,
        levels,
        exog: parseList(options.exog, '--exog'),
        perSeries: Boolean(options.perSeries),
        keepForecasts: options.output !== undefined,
        standardEvents: Boolean(options.scoreEvents),
        events,
        paths: parsePositiveInt(options.paths, '--paths', MAX_PATHS),
        seed: parsePositiveInt(options.seed, '--seed'),
        reliability:
          options.reliability === undefined
            ? undefined
            : { reference: options.reliability === true ? 'naive' : String(options.reliability) },
        onProgress: progress.update,
      });
      progress.stop();
      for (const note of data.notes ?? []) process.stderr.write(`note: ${note}\n`);
      if (result.origins === 0) {
        const why = result.skipped
          .slice(0, 3)
          .map((s) => `${s.id}: ${s.reason}`)
          .join('; ');
        throw new ForesightError('invalid_input', `${data.file}: no series could be backtested (${why})`, {
          file: data.file,
        });
      }
      if (options.output !== undefined) {
        const file = required(options.output, '--output');
        await writeFile(file, backtestForecastCsv(result.forecasts ?? [], levels)).catch((e: Error) => {
          throw new ForesightError('io_error', `${file}: cannot write (${e.message})`, { file });
        });
      }
      for (const note of result.notes) process.stderr.write(`note: ${note}\n`);
      if (options.json) {
        process.stdout.write(JSON.stringify(result, null, 2) + '\n');
        return;
      }
      process.stdout.write(`${result.origins} forecast origins over ${data.series.length} series\n\n`);
      process.stdout.write(accuracyTable(result.models) + '\n\nBy horizon step:\n' + byStepTable(result.models) + '\n');
      for (const [model, count] of Object.entries(result.fallbacks))
        if (count) process.stdout.write(`${model}: fallback used at ${count} origins\n`);
      for (const f of result.fallbackReasons.slice(0, 5)) process.stdout.write(`  ${f.id} ${f.model}: ${f.reason}\n`);
      for (const s of result.skipped) process.stdout.write(`skipped ${s.id}: ${s.reason}\n`);
      for (const note of result.notes) process.stdout.write(`note: ${note}\n`);
      if (options.perSeries && result.series)
        process.stdout.write('\nPer series:\n' + perSeriesTable(result.series) + '\n');
      if (result.events?.length)
        process.stdout.write(
          '\nEvent probabilities (Brier skill against climatology):\n' +
            eventScoreTable(result.events) +
            '\n\nReliability by decile:\n' +
            decileTables(result.events) +
            '\n',
        );
      if (options.reliability !== undefined && result.series)
        process.stdout.write(
          `\nReliability horizon (MAE ratio to ${result.series[0]?.reliability[0]?.reference ?? 'naive'} by step, ${result.series[0]?.reliability.find((r) => r.horizon)?.horizon?.level ?? 90}% bootstrap band):\n` +
            reliabilityTable(result.series) +
            '\n' +
            RELIABILITY_EXPLANATION +
            '\n',
        );
    });
}
