/** `foresight evaluate`: thin over `evaluateFiles`. */
import type { CAC } from 'cac';
import { evaluateFiles } from '../evaluate/evaluate.js';
import { accuracyTable } from '../pipeline/format-accuracy.js';
import { parsePositiveInt, readOptions, required, withInputOptions } from './options.js';

export function registerEvaluateCommand(cli: CAC): void {
  withInputOptions(cli.command('evaluate', 'Score a forecast file against held-out values'))
    .option('--train <file>', 'Training data (long CSV)')
    .option('--test <file>', 'Held-out data (long CSV)')
    .option('--forecast <file>', 'Forecast CSV written by `foresight forecast`')
    .option('--season <m>', 'Season length of the MASE scale (default: mase_m of a meta.json beside --train)')
    .option('--json', 'Machine-readable output')
    .action(async (options) => {
      const result = await evaluateFiles({
        train: required(options.train, '--train'),
        test: required(options.test, '--test'),
        forecast: required(options.forecast, '--forecast'),
        season: options.season === undefined ? undefined : parsePositiveInt(options.season, '--season', 100_000),
        read: readOptions(options),
      });
      if (options.json) {
        process.stdout.write(JSON.stringify(result, null, 2) + '\n');
        return;
      }
      process.stdout.write(accuracyTable(result.models) + '\n');
      process.stdout.write(
        `\nMASE scale: seasonal differences at lag ${result.maseSeason}; OWA against naive2 (${result.naive2Source}).\n`,
      );
      for (const [model, ids] of Object.entries(result.missing)) {
        if (ids.length)
          process.stdout.write(
            `${model}: no forecast for ${ids.length} test series (${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', ...' : ''})\n`,
          );
      }
    });
}
