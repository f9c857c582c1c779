/** `foresight forecast`: thin over `forecastFile`, `saveForecastCsv` and `buildReport`. */
import { splitModelList } from '../ensemble/registry.js';
import { writeFile } from 'node:fs/promises';
import type { CAC } from 'cac';
import { ForesightError } from '../core/errors.js';
import { buildReport, forecastFile, saveForecastCsv } from '../pipeline/run-forecast.js';
import { datasetReliability, reliabilityReport, reliabilitySummary } from '../pipeline/reliability.js';
import { forecastScenariosFile, scenarioCsv, scenarioReport } from '../pipeline/scenarios.js';
import { batchWarnings } from '../pipeline/warnings.js';
import { parseIntList, parseLevels, parseList, parsePositiveInt, required } from './options.js';
import { progressBar } from './progress.js';

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
    .option('--scenario <name=file>', 'A named future of the drivers, repeatable: forecasts side by side (with --exog)')
    .option('--driver-model <name>', 'With --exog and no future: the model forecasting and simulating the drivers', { default: DEFAULT_MODEL })
    .option('--paths <n>', 'Driver paths simulated for the unconditional forecast', { default: 1000 })
    .option('--reliability [reference]', 'Backtest each series (20 origins) and mark steps beyond its reliability horizon against naive (or the reference given)')
    .option('--workers <n>', 'Worker threads (default: every core for 50 series or more, else 1)')
    .action(async (options) => {
      const models = splitModelList(String(options.model));
      const levels = parseLevels(options.level);
      const horizon = parsePositiveInt(options.horizon, '--horizon');
      const exog = parseList(options.exog, '--exog');
      if (options.scenario !== undefined || (exog.length > 0 && options.future === undefined)) {
        // drivers' futures side by side: named scenarios, or the drivers forecast (conditional and unconditional)
        if (options.reliability !== undefined) throw new ForesightError('invalid_argument', '--reliability does not combine with --scenario or simulated drivers; give --future');
        const { data, scenarios } = await forecastScenariosFile({
          input: required(options.input, '--input'), models, horizon, levels, exog,
          scenarios: (Array.isArray(options.scenario) ? options.scenario : options.scenario === undefined ? [] : [options.scenario]).map(String),
          seasonLengths: options.season === undefined ? undefined : parseIntList(options.season, '--season'),
          strict: Boolean(options.strict), driverModel: String(options.driverModel), paths: parsePositiveInt(options.paths, '--paths'),
        });
        await writeText(options.output, scenarioCsv(scenarios, models, levels));
        if (options.report) await writeText(options.report, JSON.stringify(scenarioReport(data, scenarios, { horizon, levels }), null, 2));
        for (const s of scenarios) process.stderr.write(`scenario ${s.name}: ${s.label}\n`);
        for (const { id, warnings } of batchWarnings(scenarios[0].results, horizon)) for (const w of warnings) process.stderr.write(`warning: ${id} ${w.model}: ${w.message}\n`);
        return;
      }
      const progress = progressBar('forecast');
      const { data, results } = await forecastFile({
        input: required(options.input, '--input'),
        horizon,
        models,
        levels,
        seasonLengths: options.season === undefined ? undefined : parseIntList(options.season, '--season'),
        exog,
        future: options.future,
        strict: Boolean(options.strict),
        workers: options.workers === undefined ? undefined : parsePositiveInt(options.workers, '--workers'),
        onProgress: progress.update,
      });
      progress.stop();
      const reliability = options.reliability === undefined ? null : datasetReliability(data, { models, horizon, reference: options.reliability === true ? 'naive' : String(options.reliability), exog });
      await saveForecastCsv(results, models, levels, options.output, reliability ? { reliableSteps: (id, model) => reliability.get(id)?.get(model)?.reliableSteps ?? null } : {});
      if (reliability) process.stderr.write(reliabilitySummary(reliability, horizon));
      if (options.report) {
        const report = buildReport(data, results, { horizon, levels });
        if (reliability) report.reliability = reliabilityReport(reliability);
        await writeFile(options.report, JSON.stringify(report, null, 2)).catch((e: Error) => {
          throw new ForesightError('io_error', `${options.report}: cannot write (${e.message})`, { file: options.report });
        });
      }
      for (const bad of data.invalid) process.stderr.write(`warning: series "${bad.id}" skipped: ${bad.reason}\n`);
      const fallbacks = results.flatMap((r) => r.runs.filter((x) => x.fallbackReason).map((x) => `${r.id} ${x.model} -> ${x.used}: ${x.fallbackReason}`));
      for (const { id, warnings } of batchWarnings(results, horizon)) for (const w of warnings) if (w.code !== 'fallback') process.stderr.write(`warning: ${id} ${w.model}: ${w.message}\n`);
      if (fallbacks.length) process.stderr.write(`note: ${fallbacks.length} fallback${fallbacks.length > 1 ? 's' : ''} (see --report)${fallbacks.length <= 5 ? ':\n  ' + fallbacks.join('\n  ') : ''}\n`);
    });
}

/** Writes text to a file, or to stdout when `path` is undefined. */
async function writeText(path: string | undefined, text: string): Promise<void> {
  if (path === undefined) {
    process.stdout.write(text);
    return;
  }
  await writeFile(path, text).catch((e: Error) => {
    throw new ForesightError('io_error', `${path}: cannot write (${e.message})`, { file: path });
  });
}
