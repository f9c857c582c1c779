#!/usr/bin/env node
/**
 * The `foresight` command line. Each command is registered from its own file and calls library functions; the
 * CLI holds no logic. Errors print as `error: <message>` on stderr with exit code 1 (2 for usage errors).
 */
import { cac } from 'cac';
import { ForesightError, isForesightError } from '../core/errors.js';
import { registerBacktestCommand } from './backtest.js';
import { registerDashboardCommand } from './dashboard.js';
import { registerDemoCommand } from './demo.js';
import { registerEvaluateCommand } from './evaluate.js';
import { registerForecastCommand } from './forecast.js';
import { registerModelsCommand } from './models.js';
import { packageVersion } from './paths.js';
import { registerProbabilityCommand } from './probability.js';
import { registerReportCommand } from './report.js';
import { registerRunsCommand } from './runs.js';
import { registerScalingCommands } from './scaling.js';
import { registerServeCommand } from './serve.js';
import { registerTokensCommand } from './tokens.js';
import { registerWorkerCommand } from './worker.js';

const cli = cac('foresight');
registerForecastCommand(cli);
registerEvaluateCommand(cli);
registerBacktestCommand(cli);
registerProbabilityCommand(cli);
registerModelsCommand(cli);
registerDemoCommand(cli);
registerReportCommand(cli);
registerScalingCommands(cli);
registerServeCommand(cli);
registerDashboardCommand(cli);
registerRunsCommand(cli);
registerTokensCommand(cli);
registerWorkerCommand(cli);
cli.help();
cli.version(packageVersion());

// a closed pipe (`foresight forecast ... | head`) ends the run quietly, as Unix tools do; any other write error
// (a full disk, /dev/full) is an I/O error with a message, never a stack trace
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  process.stderr.write(`error: cannot write to stdout (${e.code ?? e.message})\n`);
  process.exit(1);
});
// the last line of defence: whatever escapes prints one line, not a trace (FORESIGHT_DEBUG=1 shows the trace)
const crash = (e: unknown) => {
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`error: ${message}\n`);
  if (process.env.FORESIGHT_DEBUG && e instanceof Error && e.stack) process.stderr.write(e.stack + '\n');
  process.exit(isForesightError(e, 'invalid_argument') || isForesightError(e, 'unknown_model') ? 2 : 1);
};
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

/**
 * The command line as the argument parser should see it. The parser takes any word starting with `-` for a flag,
 * so three kinds of value are attached to their flag (`--flag=value`) first:
 * - `--input -` (stdin, also `--train`, `--test`, `--forecast`, `--future`);
 * - a negative number (`--horizon -1`, `--seed -5`), which would otherwise be refused as "Unknown option `-1`"
 *   instead of by the flag's own check naming the value;
 * - an empty value (`--level ""`), which the parser would read as the number 0 and the checks then quote as "0".
 * `valueFlags` are the flags that take a value (`--horizon`, ...).
 */
export function attachValues(argv: readonly string[], valueFlags: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const next = argv[i + 1];
    const attach =
      next !== undefined &&
      ((/^--(input|train|test|forecast|future)$/.test(argv[i]) && next === '-') ||
        (valueFlags.has(argv[i]) && (/^-(\d|\.\d)/.test(next) || next === '')));
    if (attach) out.push(`${argv[i++]}=${next}`);
    else out.push(argv[i]);
  }
  return out;
}

const valueFlags = new Set(
  [cli.globalCommand, ...cli.commands]
    .flatMap((c) => c.options)
    .filter((o) => o.required === true)
    .flatMap((o) => o.rawName.match(/--[\w-]+/g) ?? []),
);

/** The flags that may be given more than once; the parser collects them into a list. */
const REPEATABLE = new Set(['scenario', 'event']);

/**
 * Refuses a single-valued flag given more than once (`--db a.db --db b.db` reached the store as a list) for
 * every command, as the number and file checks already do for theirs. Throws ForesightError('invalid_argument').
 */
export function refuseRepeated(
  options: readonly { name: string; rawName: string; isBoolean?: boolean }[],
  values: Record<string, unknown>,
): void {
  for (const option of options) {
    const value = values[option.name];
    if (!Array.isArray(value) || option.isBoolean || REPEATABLE.has(option.name)) continue;
    const flag = option.rawName.match(/--[\w-]+/)?.[0] ?? option.name;
    throw new ForesightError(
      'invalid_argument',
      `${flag} is given ${value.length} times (${value.join(', ')}); give it once`,
      { value: value.join(',') },
    );
  }
}

async function main(): Promise<void> {
  try {
    cli.parse(attachValues(process.argv, valueFlags), { run: false });
    // `foresight scaling fit --help`: the parser printed the help and let go of the command
    if (cli.options.help || cli.options.version) return;
    if (!cli.matchedCommand && cli.args.length > 0) {
      process.stderr.write(`error: unknown command "${cli.args[0]}" (see foresight --help)\n`);
      process.exitCode = 2;
      return;
    }
    if (!cli.matchedCommand && !cli.options.help && !cli.options.version) {
      cli.outputHelp();
      return;
    }
    if (cli.matchedCommand) refuseRepeated([...cli.globalCommand.options, ...cli.matchedCommand.options], cli.options);
    await cli.runMatchedCommand();
  } catch (e) {
    const usage =
      isForesightError(e, 'invalid_argument') ||
      isForesightError(e, 'unknown_model') ||
      (e as Error)?.name === 'CACError';
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.FORESIGHT_DEBUG && e instanceof Error && e.stack) process.stderr.write(e.stack + '\n');
    process.exitCode = usage ? 2 : 1;
  }
}

await main();
