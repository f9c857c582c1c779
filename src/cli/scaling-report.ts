/** `foresight scaling report`: thin over `writeScalingReport` (src/charts/scaling-report.ts). */
import { writeScalingReport } from '../charts/scaling-report.js';
import { readScalingFit } from '../scaling/fit-file.js';
import { checkOutputs, checkWritable, parseLevel, parseNumber, required } from './options.js';
import { examplePath } from './paths.js';
import type { ScalingFlags } from './scaling.js';

const POSITIVE = { above: 0 } as const;
const COUNT = { atLeast: 0, integer: true } as const;

/**
 * Parses the flags of `scaling report`, writes the HTML file and returns the line to print. Throws
 * ForesightError('invalid_argument') naming a bad flag, and what the report throws (files, fits).
 *
 * @example
 * await runScalingReport({ output: 'scaling.html', quickGrid: true }) // 'wrote scaling.html: 2 charts, ...'
 */
export async function runScalingReport(o: ScalingFlags): Promise<string> {
  const output = required(o.output, '--output');
  // before the fit: the HTML must not overwrite a file the report reads, and must be writable
  checkOutputs({ '--input': o.input, '--notable': o.notable, '--fit': o.fit }, { '--output': output });
  checkWritable(output, '--output');
  const result = await writeScalingReport({
    output,
    runs: o.input === undefined ? examplePath('scaling/chinchilla_runs.csv') : String(o.input),
    notable: o.notable === undefined ? examplePath('scaling/notable_models.csv') : String(o.notable),
    fit: o.fit === undefined ? undefined : readScalingFit(required(o.fit, '--fit')),
    exclude: parseNumber(o.exclude, '--exclude', COUNT, 5),
    resamples: parseNumber(o.bootstrap, '--bootstrap', COUNT, 200),
    seed: parseNumber(o.seed, '--seed', COUNT, 1),
    level: parseLevel(o.level, '--level', 95),
    quickGrid: o.quickGrid === true,
    paramsMultiplier: parseNumber(o.paramsMultiplier, '--params-multiplier', POSITIVE, 2),
    multiplier: parseNumber(o.spendMultiplier ?? o.computeMultiplier, '--spend-multiplier', POSITIVE, 2),
    atCompute: parseNumber(o.atCompute, '--at-compute', POSITIVE, 5.76e23),
    budgetUsd: parseNumber(o.budgetUsd, '--budget-usd', { above: 0, atMost: 1e15 }, 1e8),
    hardware: o.hardware === undefined ? undefined : String(o.hardware),
    days: parseNumber(o.days, '--days', { above: 0, atMost: 36_500 }, 90),
    kneeLoss: parseNumber(o.kneeLoss, '--knee-loss', POSITIVE, 0.01),
    fraction: parseNumber(o.fraction, '--fraction', { above: 0, below: 1 }, 0.5),
  });
  return `wrote ${result.output}: ${result.charts} charts, ${Math.round(result.bytes / 1024)} kB\n`;
}
