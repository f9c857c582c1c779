/** `foresight forecast`: thin over `forecastFile`, `saveForecastCsv` and `buildReport`. */
import { splitModelList } from '../ensemble/registry.js';
import { writeFile } from 'node:fs/promises';
import type { CAC } from 'cac';
import { ForesightError } from '../core/errors.js';
import { buildReport, forecastFile, saveForecastCsv } from '../pipeline/run-forecast.js';
import { parseIntList, parseLevels, parseList, parsePositiveInt, required } from './options.js';
import { progressBar } from './progress.js';
import { databasePath } from '../store/data-dir.js';
import { saveForecastRun } from '../store/save-run.js';

/** Default model of `forecast` and `backtest`. */
export const DEFAULT_MODEL = 'auto';

export function registerForecastCommand(cli: CAC): void {
  cli
    .command('forecast', 'Forecast every series of a long CSV file')
    .option('--input <file>', 'Long CSV: unique_id,ds,y[,extra numeric columns]')
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
    .option('--save', 'Store the run in the database (see foresight runs)')
    .option('--db <file>', 'Database file for --save (default: FORESIGHT_DB, else the data directory)')
    .action(async (options) => {
      const models = splitModelList(String(options.model));
      const levels = parseLevels(options.level);
      const horizon = parsePositiveInt(options.horizon, '--horizon');
      const progress = progressBar('forecast');
      const { data, results } = await forecastFile({
        input: required(options.input, '--input'),
        horizon,
        models,
        levels,
        seasonLengths: options.season === undefined ? undefined : parseIntList(options.season, '--season'),
        exog: parseList(options.exog, '--exog'),
        future: options.future,
        strict: Boolean(options.strict),
        workers: options.workers === undefined ? undefined : parsePositiveInt(options.workers, '--workers'),
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
      if (options.save) {
        const id = saveForecastRun(databasePath(options.db), results, { input: String(options.input), horizon, models, levels, season: options.season === undefined ? null : String(options.season) });
        process.stderr.write(`saved run ${id} (foresight runs show ${id})\n`);
      }
      for (const bad of data.invalid) process.stderr.write(`warning: series "${bad.id}" skipped: ${bad.reason}\n`);
      const fallbacks = results.flatMap((r) => r.runs.filter((x) => x.fallbackReason).map((x) => `${r.id} ${x.model} -> ${x.used}: ${x.fallbackReason}`));
      if (fallbacks.length) process.stderr.write(`note: ${fallbacks.length} fallback${fallbacks.length > 1 ? 's' : ''} (see --report)${fallbacks.length <= 5 ? ':\n  ' + fallbacks.join('\n  ') : ''}\n`);
    });
}
