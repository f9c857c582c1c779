/** `foresight report`: thin over `writeForecastReport` (src/charts/forecast-report.ts). */
import type { CAC } from 'cac';
import { writeForecastReport } from '../charts/forecast-report.js';
import { MAX_HORIZON } from '../data/limits.js';
import { splitModelList } from '../ensemble/registry.js';
import { DEFAULT_MODEL } from './forecast.js';
import {
  parseIntList,
  parseLevels,
  parseNumber,
  parsePositiveInt,
  readOptions,
  required,
  withInputOptions,
  checkOutputs,
  checkWritable,
} from './options.js';
import { progressBar } from './progress.js';

/** Registers `foresight report`. */
export function registerReportCommand(cli: CAC): void {
  withInputOptions(
    cli.command('report', 'One self-contained HTML report: forecasts, fan charts, fused members, backtest, warnings'),
  )
    .option('--input <file>', 'CSV (long unique_id,ds,y, or --wide), .xlsx, .parquet')
    .option('--horizon <h>', 'Steps to forecast')
    .option('--model <list>', 'Comma list of registry models', { default: DEFAULT_MODEL })
    .option('--level <list>', 'Interval levels in percent', { default: '80,95' })
    .option('--backtest <windows>', 'Rolling origins per series for skill and reliability (0: none)', { default: 10 })
    .option('--step <s>', 'Steps between backtest origins', { default: 1 })
    .option('--reference <model>', 'Naive reference of the reliability horizon (snaive for seasonal data)', {
      default: 'naive',
    })
    .option('--season <m>', 'Season length(s), overriding the inferred one')
    .option('--history <n>', 'Observations drawn before the forecast in the fan charts (default max(40, 12 x horizon))')
    .option('--seed <n>', 'Seed of the reliability bootstrap', { default: 1 })
    .option('--output <file>', 'The HTML file to write')
    .action(async (options) => {
      const output = required(options.output, '--output');
      const input = required(options.input, '--input');
      checkOutputs({ '--input': input }, { '--output': output });
      checkWritable(output, '--output');
      const forecastBar = progressBar('forecast');
      const backtestBar = progressBar('backtest');
      const result = await writeForecastReport({
        input,
        output,
        horizon: parsePositiveInt(required(options.horizon, '--horizon'), '--horizon', MAX_HORIZON),
        models: splitModelList(String(options.model)),
        levels: parseLevels(options.level, '--level', (note) => process.stderr.write(`note: ${note}\n`)),
        backtestWindows: parseNumber(options.backtest, '--backtest', { atLeast: 0, atMost: 10_000, integer: true }),
        backtestStep: parsePositiveInt(options.step, '--step', 1_000_000),
        reference: String(options.reference),
        seasonLengths: options.season === undefined ? undefined : parseIntList(options.season, '--season'),
        historyLength: options.history === undefined ? undefined : parsePositiveInt(options.history, '--history'),
        seed: parsePositiveInt(options.seed, '--seed'),
        read: readOptions(options),
        onProgress: (stage, done, total) => {
          if (stage === 'forecast') forecastBar.update(done, total);
          else {
            forecastBar.stop();
            backtestBar.update(done, total);
          }
        },
      });
      forecastBar.stop();
      backtestBar.stop();
      process.stderr.write(
        `wrote ${result.output}: ${result.report.results.length} series, ${result.charts} charts, ${Math.round(result.bytes / 1024)} kB\n`,
      );
    });
}
