/** `foresight runs` and `foresight runs show ID`: the stored runs, thin over the store. */
import type { CAC } from 'cac';
import { ForesightError } from '../core/errors.js';
import { fmt, formatTable } from '../pipeline/format.js';
import { writeForecastCsv } from '../pipeline/run-forecast.js';
import { databasePath } from '../store/data-dir.js';
import { Store, type RunRecord } from '../store/store.js';
import { parsePositiveInt } from './options.js';

function seconds(run: RunRecord): string {
  if (!run.startedAt || !run.finishedAt) return '-';
  return fmt((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000, 3);
}

export function registerRunsCommand(cli: CAC): void {
  cli
    .command('runs [action] [id]', 'List stored runs; `foresight runs show ID` prints one')
    .option('--db <file>', 'Database file (default: FORESIGHT_DB, else the data directory)')
    .option('--limit <n>', 'Most runs listed', { default: 50 })
    .option('--csv', "With show: print the forecasts as CSV (the forecast command's format)")
    .option('--json', 'Print JSON')
    .action(async (action: string | undefined, id: string | undefined, options) => {
      if (action !== undefined && action !== 'show')
        throw new ForesightError(
          'invalid_argument',
          `runs: unknown action "${action}" (use: foresight runs, foresight runs show ID)`,
          { value: action },
        );
      if (action === 'show' && !id)
        throw new ForesightError('invalid_argument', 'runs show needs a run id (see foresight runs)');
      const store = Store.open(databasePath(options.db));
      try {
        if (action === undefined) {
          const runs = store.listRuns(parsePositiveInt(options.limit, '--limit'));
          if (options.json) {
            process.stdout.write(JSON.stringify(runs, null, 2) + '\n');
            return;
          }
          process.stdout.write(
            formatTable(
              ['id', 'kind', 'status', 'source', 'created', 'series', 'seconds'],
              runs.map((r) => [
                r.id,
                r.kind,
                r.status,
                r.source,
                r.createdAt,
                `${r.progress.done}/${r.progress.total}`,
                seconds(r),
              ]),
            ) + '\n',
          );
          return;
        }
        const run = store.getRun(id!);
        if (!run) throw new ForesightError('invalid_argument', `no run ${id} in ${store.path}`, { value: id });
        const forecasts = run.kind === 'forecast' ? store.getForecasts(run.id) : null;
        if (options.csv) {
          if (!forecasts)
            throw new ForesightError('invalid_argument', `run ${run.id} has no forecasts (${run.kind}, ${run.status})`);
          await writeForecastCsv(
            forecasts,
            (run.spec.models as string[]) ?? [],
            (run.spec.levels as number[]) ?? [],
            process.stdout,
          );
          return;
        }
        if (options.json) {
          const extra =
            run.kind === 'backtest'
              ? { backtest: store.getBacktest(run.id) }
              : run.kind === 'scaling-fit'
                ? { scaling: store.getScalingFit(run.id) }
                : {};
          process.stdout.write(
            JSON.stringify(
              {
                run,
                ...extra,
                forecasts: forecasts?.map((f) => ({
                  unique_id: f.id,
                  ds: f.ds,
                  invalid: f.invalid?.reason ?? null,
                  runs: f.runs,
                })),
              },
              (_k, v: unknown) => (v instanceof Float64Array ? Array.from(v) : v),
              2,
            ) + '\n',
          );
          return;
        }
        const lines = [
          `run ${run.id}: ${run.kind}, ${run.status} (${run.source})`,
          `created ${run.createdAt}; started ${run.startedAt ?? '-'}; finished ${run.finishedAt ?? '-'}; ${seconds(run)} s`,
          `progress ${run.progress.done}/${run.progress.total}`,
          `spec ${JSON.stringify(run.spec)}`,
        ];
        if (run.error) lines.push(`error (${run.error.code}): ${run.error.message}`);
        if (forecasts) {
          lines.push(
            '',
            formatTable(
              ['unique_id', 'model', 'used', 'steps', 'first', 'last', 'note'],
              forecasts.flatMap((f) =>
                f.runs.length === 0
                  ? [[f.id, '-', '-', '0', '-', '-', f.invalid?.reason ?? '']]
                  : f.runs.map((r) => [
                      f.id,
                      r.model,
                      r.used,
                      String(r.forecast?.mean.length ?? 0),
                      fmt(r.forecast?.mean[0]),
                      fmt(r.forecast?.mean[r.forecast.mean.length - 1]),
                      r.fallbackReason ?? '',
                    ]),
              ),
            ),
          );
        }
        process.stdout.write(lines.join('\n') + '\n');
      } finally {
        store.close();
      }
    });
}
