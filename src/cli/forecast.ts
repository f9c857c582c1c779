/** `foresight forecast`: thin over `forecastFile`, `saveForecastCsv` and `buildReport`. */
import { splitModelList } from '../ensemble/registry.js';
import { writeFile } from 'node:fs/promises';
import type { CAC } from 'cac';
import { ForesightError } from '../core/errors.js';
import { buildReport, forecastFile, saveForecastCsv } from '../pipeline/run-forecast.js';
import { MAX_HORIZON } from '../data/limits.js';
import { maxWorkers, parseIntList, parseLevels, parseList, parsePositiveInt, readOptions, required, withInputOptions } from './options.js';
import { progressBar } from './progress.js';

/** Default model of `forecast` and `backtest`. */
export const DEFAULT_MODEL = 'auto';

export function registerForecastCommand(cli: CAC): void {
  withInputOptions(cli.command('forecast', 'Forecast every series of a file'))
    .option('--input <file>', 'CSV (long unique_id,ds,y, one series, or --wide), .xlsx, .parquet, or - for stdin')
    .option('--horizon <h>', 'Number of steps to forecast')
    .option('--season <m>', 'Season length(s), overriding the inferred one (e.g. 12 or 24,168)')
    .option('--model <list>', 'Comma list of registry models (see `foresight models`)', { default: DEFAULT_MODEL })
    .option('--level <list>', 'Prediction interval levels in percent', { default: '80,95' })
    .option('--output <file>', 'Write the forecast CSV here instead of stdout')
    .option('--report <file>', 'Write per-series details (model form, parameters, fallbacks) as JSON')
    .option('--exog <list>', 'Extra columns to use as regressors (models that take them)')
    .option('--future <file>', 'Future values of the regressors, same long format')
    .option('--strict', 'Fail on the first invalid series instead of recording it')
    .option('--workers <n>', 'Worker threads (default: every core for 50 series or more, else 1)')
    .action(async (options) => {
      const models = splitModelList(String(options.model));
      const levels = parseLevels(options.level, '--level', (note) => process.stderr.write(`note: ${note}\n`));
      const horizon = parsePositiveInt(options.horizon, '--horizon', MAX_HORIZON);
      const input = required(options.input, '--input');
      const read = readOptions(options);
      const workers = options.workers === undefined ? undefined : parsePositiveInt(options.workers, '--workers', maxWorkers());
      const progress = progressBar('forecast');
      const { data, results } = await forecastFile({
        input,
        read,
        horizon,
        models,
        levels,
        seasonLengths: options.season === undefined ? undefined : parseIntList(options.season, '--season'),
        exog: parseList(options.exog, '--exog'),
        future: options.future,
        strict: Boolean(options.strict),
        workers,
        onProgress: progress.update,
      });
      progress.stop();
      await saveForecastCsv(results, models, levels, options.output);
      if (options.report) {
        const report = buildReport(data, results, { horizon, levels });
        await writeFile(options.report, JSON.stringify(report, null, 2)).catch((e: Error) => {
          throw new ForesightError('io_error', `${options.report}: cannot write (${e.message})`, { file: options.report });
        });
      }
      for (const note of data.notes ?? []) process.stderr.write(`note: ${note}\n`);
      const skipped = results.filter((r) => r.invalid);
      for (const bad of skipped.slice(0, 20)) process.stderr.write(`warning: series "${bad.id}" skipped: ${bad.invalid!.reason}\n`);
      if (skipped.length > 20) process.stderr.write(`warning: ${skipped.length - 20} more series skipped (see --report)\n`);
      const fallbacks = results.flatMap((r) => r.runs.filter((x) => x.fallbackReason).map((x) => `${r.id} ${x.model} -> ${x.used}: ${x.fallbackReason}`));
      if (fallbacks.length) process.stderr.write(`note: ${fallbacks.length} fallback${fallbacks.length > 1 ? 's' : ''} (see --report)${fallbacks.length <= 5 ? ':\n  ' + fallbacks.join('\n  ') : ''}\n`);
      if (results.length > 0 && skipped.length === results.length) {
        // the output still lists every series, but a run that forecast nothing is a data error
        throw new ForesightError('invalid_input', `${data.file}: none of the ${results.length} series could be read (see the warnings above)`, { file: data.file });
      }
    });
}
