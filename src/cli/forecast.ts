/** `foresight forecast`: thin over `forecastFile`, `saveForecastCsv` and `buildReport`. */
import { writeFile } from 'node:fs/promises';
import type { CAC } from 'cac';
import { ForesightError } from '../core/errors.js';
import { buildReport, forecastFile, saveForecastCsv } from '../pipeline/run-forecast.js';
import { forecastFileToFiles, type ForecastRunSummary } from '../pipeline/forecast-to-files.js';
import { openQueue } from '../queue/producer.js';
import { forecastHierarchyFile, hierarchyReport, saveHierarchyCsv } from '../pipeline/hierarchy.js';
import { MAX_HORIZON, MAX_PATHS } from '../data/limits.js';
import {
  maxWorkers,
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
  checkWritable,
} from './options.js';
import { datasetReliability, reliabilityReport, reliabilitySummary } from '../pipeline/reliability.js';
import { forecastScenariosFile, scenarioCsv, scenarioReport } from '../pipeline/scenarios.js';
import { batchWarnings } from '../pipeline/warnings.js';
import { progressBar } from './progress.js';
import { databasePath } from '../store/data-dir.js';
import { saveForecastRun } from '../store/save-run.js';
import { Store } from '../store/store.js';

/** Default model of `forecast` and `backtest`. */
export const DEFAULT_MODEL = 'auto';

export function registerForecastCommand(cli: CAC): void {
  withTransformOptions(withInputOptions(cli.command('forecast', 'Forecast every series of a file')))
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
    .option('--scenario <name=file>', 'A named future of the drivers, repeatable: forecasts side by side (with --exog)')
    .option('--driver-model <name>', 'With --exog and no future: the model forecasting and simulating the drivers', {
      default: DEFAULT_MODEL,
    })
    .option('--paths <n>', 'Driver paths simulated for the unconditional forecast', { default: 1000 })
    .option(
      '--reliability [reference]',
      'Backtest each series (20 origins) and mark steps beyond its reliability horizon against naive (or the reference given)',
    )
    .option('--workers <n>', 'Worker threads (default: every core for 50 series or more, else 1)')
    .option('--chunk <n>', 'Series read, forecast and written at a time (default 500; chunks hold n to 2n-1)')
    .option('--queue <url>', 'Run on the workers of a Redis queue (redis://host:port; see foresight worker)')
    .option('--keys <list>', 'Grouped series: key columns naming the bottom series (e.g. state,region,purpose)')
    .option(
      '--hierarchy <spec>',
      'Grouped series: levels like "state/region * purpose", a CSV of parent links unique_id,parent, or ids (ids name their parents: a/b/c)',
    )
    .option('--total <value>', 'Grouped series: the known total of all series (shares: 100)')
    .option(
      '--reconcile <method>',
      'Reconcile: bu, td, middle_out:LEVEL, ols, wls_struct, wls_var, mint_sample, mint_shrink (:nonnegative)',
    )
    .option(
      '--weights <from>',
      'Reconcile: estimate wls_var/mint weights from in-sample "residuals" (default) or multi-step "validation" errors',
    )
    .option('--save', 'Store the run in the database (see foresight runs)')
    .option('--db <file>', 'Database file for --save (default: FORESIGHT_DB, else the data directory)')
    .action(async (options) => {
      const scenarioFiles = (Array.isArray(options.scenario) ? options.scenario : [options.scenario])
        .filter((v: unknown) => typeof v === 'string')
        .map((v: string) => v.slice(v.indexOf('=') + 1));
      checkOutputs(
        {
          '--input': options.input,
          '--future': options.future,
          '--scenario': scenarioFiles,
          '--hierarchy': options.hierarchy,
        },
        { '--output': options.output, '--report': options.report },
      );
      if (
        options.keys !== undefined ||
        options.hierarchy !== undefined ||
        options.total !== undefined ||
        options.reconcile !== undefined
      ) {
        await forecastGrouped(options);
        return;
      }
      const models = modelNames(options);
      const levels = parseLevels(options.level, '--level', (note) => process.stderr.write(`note: ${note}\n`));
      const horizon = parsePositiveInt(options.horizon, '--horizon', MAX_HORIZON);
      const input = required(options.input, '--input');
      const read = readOptions(options);
      const workers =
        options.workers === undefined ? undefined : parsePositiveInt(options.workers, '--workers', maxWorkers());
      const exog = parseList(options.exog, '--exog');
      if (options.scenario !== undefined || (exog.length > 0 && options.future === undefined)) {
        // drivers' futures side by side: named scenarios, or the drivers forecast (conditional and unconditional)
        if (options.reliability !== undefined)
          throw new ForesightError(
            'invalid_argument',
            '--reliability does not combine with --scenario or simulated drivers; give --future',
          );
        const { data, scenarios } = await forecastScenariosFile({
          input,
          models,
          horizon,
          levels,
          exog,
          scenarios: (Array.isArray(options.scenario)
            ? options.scenario
            : options.scenario === undefined
              ? []
              : [options.scenario]
          ).map(String),
          seasonLengths: options.season === undefined ? undefined : parseIntList(options.season, '--season'),
          strict: Boolean(options.strict),
          driverModel: String(options.driverModel),
          paths: parsePositiveInt(options.paths, '--paths', MAX_PATHS),
        });
        await writeText(options.output, scenarioCsv(scenarios, models, levels));
        if (options.report)
          await writeText(
            options.report,
            JSON.stringify(scenarioReport(data, scenarios, { horizon, levels }), null, 2),
          );
        for (const s of scenarios) process.stderr.write(`scenario ${s.name}: ${s.label}\n`);
        for (const { id, warnings } of batchWarnings(scenarios[0].results, horizon))
          for (const w of warnings) process.stderr.write(`warning: ${id} ${w.model}: ${w.message}\n`);
        return;
      }
      const progress = progressBar('forecast');
      const seasonLengths = options.season === undefined ? undefined : parseIntList(options.season, '--season');
      // what both runs below read and compute: the streaming one adds its output files, chunks and queue
      const run = {
        input,
        read,
        horizon,
        models,
        levels,
        seasonLengths,
        exog,
        future: options.future,
        strict: Boolean(options.strict),
        workers,
        nonNegative: !options.allowNegative,
        onProgress: progress.update,
      };
      if (options.reliability === undefined && !options.save) {
        // the streaming run: memory follows the chunk, not the file (--reliability and --save need every result)
        const queue = options.queue === undefined ? null : await openQueue(String(options.queue));
        try {
          const summary = await forecastFileToFiles({
            ...run,
            output: options.output,
            report: options.report,
            chunkSize: options.chunk === undefined ? undefined : parsePositiveInt(options.chunk, '--chunk', 1_000_000),
            forecastChunk: queue?.forecastChunk,
          });
          progress.stop();
          reportSummary(summary);
        } finally {
          progress.stop();
          await queue?.close();
        }
        return;
      }
      if (options.queue !== undefined)
        throw new ForesightError('invalid_argument', '--queue does not combine with --reliability or --save');
      // a store that cannot be opened (not SQLite, read-only, a folder) fails before the forecast, not after it
      if (options.save) Store.open(databasePath(options.db)).close();
      const started = new Date();
      const { data, results } = await forecastFile(run);
      progress.stop();
      const reliability =
        options.reliability === undefined
          ? null
          : datasetReliability(data, {
              models,
              horizon,
              reference: options.reliability === true ? 'naive' : String(options.reliability),
              exog,
            });
      await saveForecastCsv(
        results,
        models,
        levels,
        options.output,
        reliability ? { reliableSteps: (id, model) => reliability.get(id)?.get(model)?.reliableSteps ?? null } : {},
      );
      if (reliability) process.stderr.write(reliabilitySummary(reliability, horizon));
      if (options.report) {
        const report = buildReport(data, results, { horizon, levels });
        if (reliability) report.reliability = reliabilityReport(reliability);
        await writeFile(options.report, JSON.stringify(report, null, 2)).catch((e: Error) => {
          throw new ForesightError('io_error', `${options.report}: cannot write (${e.message})`, {
            file: options.report,
          });
        });
      }
      if (options.save) {
        const id = saveForecastRun(
          databasePath(options.db),
          results,
          {
            input: String(options.input),
            horizon,
            models,
            levels,
            season: options.season === undefined ? null : String(options.season),
          },
          started,
        );
        process.stderr.write(`saved run ${id} (foresight runs show ${id})\n`);
      }
      for (const note of data.notes ?? []) process.stderr.write(`note: ${note}\n`);
      const skipped = results.filter((r) => r.invalid);
      for (const bad of skipped.slice(0, 20))
        process.stderr.write(`warning: series "${bad.id}" skipped: ${bad.invalid!.reason}\n`);
      if (skipped.length > 20)
        process.stderr.write(`warning: ${skipped.length - 20} more series skipped (see --report)\n`);
      const fallbacks = results.flatMap((r) =>
        r.runs.filter((x) => x.fallbackReason).map((x) => `${r.id} ${x.model} -> ${x.used}: ${x.fallbackReason}`),
      );
      for (const { id, warnings } of batchWarnings(results, horizon))
        for (const w of warnings)
          if (w.code !== 'fallback') process.stderr.write(`warning: ${id} ${w.model}: ${w.message}\n`);
      if (fallbacks.length)
        process.stderr.write(
          `note: ${fallbacks.length} fallback${fallbacks.length > 1 ? 's' : ''} (see --report)${fallbacks.length <= 5 ? ':\n  ' + fallbacks.join('\n  ') : ''}\n`,
        );
      if (results.length > 0 && skipped.length === results.length) {
        // the output still lists every series, but a run that forecast nothing is a data error
        throw new ForesightError(
          'invalid_input',
          `${data.file}: none of the ${results.length} series could be read (see the warnings above)`,
          { file: data.file },
        );
      }
    });
}

/** The streaming run's notes and warnings on stderr; a run that could read no series is a data error. */
function reportSummary(summary: ForecastRunSummary): void {
  for (const note of summary.notes) process.stderr.write(`note: ${note}\n`);
  for (const bad of summary.skipped) process.stderr.write(`warning: series "${bad.id}" skipped: ${bad.reason}\n`);
  if (summary.invalidCount > summary.skipped.length)
    process.stderr.write(
      `warning: ${summary.invalidCount - summary.skipped.length} more series skipped (see --report)\n`,
    );
  for (const w of summary.warnings) process.stderr.write(`warning: ${w.id} ${w.model}: ${w.message}\n`);
  if (summary.warningCount > summary.warnings.length)
    process.stderr.write(`warning: ${summary.warningCount - summary.warnings.length} more warnings (see --report)\n`);
  const n = summary.fallbackCount;
  if (n)
    process.stderr.write(
      `note: ${n} fallback${n > 1 ? 's' : ''} (see --report)${n <= 5 ? ':\n  ' + summary.fallbacks.join('\n  ') : ''}\n`,
    );
  if (summary.seriesCount > 0 && summary.invalidCount === summary.seriesCount)
    throw new ForesightError(
      'invalid_input',
      `${summary.file}: none of the ${summary.seriesCount} series could be read (see the warnings above)`,
      { file: summary.file },
    );
}

/** `forecast` for grouped series: read, forecast, reconcile, write (all logic in src/pipeline/hierarchy.ts). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- cac hands the parsed flags over untyped
async function forecastGrouped(options: Record<string, any>): Promise<void> {
  // what the grouped run does not do is refused rather than ignored (a --save that stored nothing)
  for (const flag of ['save', 'queue', 'reliability', 'exog', 'future', 'scenario'] as const)
    if (options[flag] !== undefined && options[flag] !== false)
      throw new ForesightError(
        'invalid_argument',
        `--${flag} does not combine with --keys, --hierarchy, --total or --reconcile (grouped series)`,
        { value: flag },
      );
  if (options.output) checkWritable(String(options.output), '--output');
  if (options.report) checkWritable(String(options.report), '--report');
  const models = modelNames(options);
  if (models.length !== 1)
    throw new ForesightError(
      'invalid_argument',
      `--reconcile takes one base model, got ${models.length} (${models.join(', ')})`,
      { value: String(options.model) },
    );
  const total = options.total === undefined ? undefined : Number(options.total);
  if (total !== undefined && !Number.isFinite(total))
    throw new ForesightError('invalid_argument', `--total "${options.total}" is not a number`, {
      value: String(options.total),
    });
  const progress = progressBar('forecast');
  const result = await forecastHierarchyFile({
    input: required(options.input, '--input'),
    keys: parseList(options.keys, '--keys'),
    hierarchy: options.hierarchy === undefined ? undefined : String(options.hierarchy),
    total,
    time: options.time,
    value: options.value,
    seasonLengths: options.season === undefined ? undefined : parseIntList(options.season, '--season'),
    model: models[0],
    horizon: parsePositiveInt(options.horizon, '--horizon'),
    levels: parseLevels(options.level),
    method: options.reconcile === undefined ? 'mint_shrink' : String(options.reconcile),
    weights: parseWeights(options.weights),
    validationWindows: options.report ? 2 : 0,
    workers: options.workers === undefined ? undefined : parsePositiveInt(options.workers, '--workers', maxWorkers()),
    onProgress: progress.update,
  });
  progress.stop();
  await saveHierarchyCsv(result, options.output);
  if (options.report) {
    await writeFile(options.report, JSON.stringify(hierarchyReport(result, String(options.input)), null, 2)).catch(
      (e: Error) => {
        throw new ForesightError('io_error', `${options.report}: cannot write (${e.message})`, {
          file: options.report,
        });
      },
    );
  }
  for (const note of result.notes.slice(0, 20)) process.stderr.write(`note: ${note}\n`);
  if (result.notes.length > 20)
    process.stderr.write(`note: ${result.notes.length - 20} more notes${options.report ? ' in the report' : ''}\n`);
  process.stderr.write(
    `reconciled ${result.ids.length} series with ${result.model} + ${result.method}: coherence error ${result.coherenceBefore.toPrecision(3)} -> ${result.coherenceAfter.toPrecision(3)}\n`,
  );
}

function parseWeights(value: unknown): 'residuals' | 'validation' | undefined {
  if (value === undefined) return undefined;
  if (value === 'residuals' || value === 'validation') return value;
  throw new ForesightError('invalid_argument', `--weights "${String(value)}" is not residuals or validation`, {
    value: String(value),
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
