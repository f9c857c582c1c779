/** `foresight demo` (what `npm start` runs): forecast the bundled industry data and print a summary. */
import { splitModelList } from '../ensemble/registry.js';
import type { CAC } from 'cac';
import { forecastFile } from '../pipeline/run-forecast.js';
import { forecastSummary } from '../pipeline/summary.js';
import { DEFAULT_MODEL } from './forecast.js';
import { parseLevels, parsePositiveInt } from './options.js';
import { examplePath } from './paths.js';

export function registerDemoCommand(cli: CAC): void {
  cli
    .command('demo', 'Forecast the bundled industry data (quarterly revenue and capex) and print a summary')
    .option('--horizon <h>', 'Quarters ahead', { default: 4 })
    .option('--model <list>', 'Comma list of registry models', { default: DEFAULT_MODEL })
    .option('--level <list>', 'Interval levels in percent', { default: '80,95' })
    .action(async (options) => {
      const input = examplePath('industry.csv');
      const { results } = await forecastFile({
        input,
        horizon: parsePositiveInt(options.horizon, '--horizon'),
        models: splitModelList(String(options.model)),
        levels: parseLevels(options.level),
      });
      process.stdout.write(`Foresight: the next quarters of AI-industry revenue and capex (${input})\n\n`);
      process.stdout.write(forecastSummary(results));
    });
}
