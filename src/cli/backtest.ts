/** `foresight backtest`: thin over `backtestDataset`. */
import { splitModelList } from '../ensemble/registry.js';
import type { CAC } from 'cac';
import { readSeriesCsv } from '../data/read-csv.js';
import { backtestDataset } from '../evaluate/backtest.js';
import { accuracyTable, byStepTable } from '../pipeline/format-accuracy.js';
import { DEFAULT_MODEL } from './forecast.js';
import { ForesightError } from '../core/errors.js';
import { MAX_HORIZON } from '../data/limits.js';
import { parseIntList, parseLevels, parseList, parsePositiveInt, readOptions, required, withInputOptions } from './options.js';
import { progressBar } from './progress.js';

export function registerBacktestCommand(cli: CAC): void {
  withInputOptions(cli.command('backtest', 'Rolling-origin evaluation of models on one file'))
    .option('--input <file>', 'CSV (long unique_id,ds,y, one series, or --wide), .xlsx, .parquet, or - for stdin')
    .option('--horizon <h>', 'Steps forecast from each origin')
    .option('--windows <k>', 'Forecast origins per series', { default: 3 })
    .option('--step <s>', 'Steps between origins (default: the horizon)')
    .option('--model <list>', 'Comma list of registry models', { default: DEFAULT_MODEL })
    .option('--season <m>', 'Season length(s), overriding the inferred one')
    .option('--level <list>', 'Interval levels scored for coverage', { default: '80,95' })
    .option('--exog <list>', 'Extra columns to use as regressors (their actual values: an oracle for drivers)')
    .option('--json', 'Machine-readable output')
    .action(async (options) => {
      const horizon = parsePositiveInt(options.horizon, '--horizon', MAX_HORIZON);
      const levels = parseLevels(options.level, '--level', (note) => process.stderr.write(`note: ${note}\n`));
      const windows = parsePositiveInt(options.windows, '--windows', 10_000);
      const step = options.step === undefined ? horizon : parsePositiveInt(options.step, '--step', 1_000_000);
      const data = await readSeriesCsv(required(options.input, '--input'), {
        ...readOptions(options),
        seasonLengths: options.season === undefined ? undefined : parseIntList(options.season, '--season'),
      });
      const progress = progressBar('backtest');
      const result = backtestDataset(data, {
        models: splitModelList(String(options.model)),
        horizon,
        windows,
        step,
        levels,
        exog: parseList(options.exog, '--exog'),
        onProgress: progress.update,
      });
      progress.stop();
      for (const note of data.notes ?? []) process.stderr.write(`note: ${note}\n`);
      if (result.origins === 0) {
        const why = result.skipped.slice(0, 3).map((s) => `${s.id}: ${s.reason}`).join('; ');
        throw new ForesightError('invalid_input', `${data.file}: no series could be backtested (${why})`, { file: data.file });
      }
      if (options.json) {
        process.stdout.write(JSON.stringify(result, null, 2) + '\n');
        return;
      }
      process.stdout.write(`${result.origins} forecast origins over ${data.series.length} series\n\n`);
      process.stdout.write(accuracyTable(result.models) + '\n\nBy horizon step:\n' + byStepTable(result.models) + '\n');
      for (const [model, count] of Object.entries(result.fallbacks)) if (count) process.stdout.write(`${model}: fallback used at ${count} origins\n`);
      for (const f of result.fallbackReasons.slice(0, 5)) process.stdout.write(`  ${f.id} ${f.model}: ${f.reason}\n`);
      for (const s of result.skipped) process.stdout.write(`skipped ${s.id}: ${s.reason}\n`);
    });
}
