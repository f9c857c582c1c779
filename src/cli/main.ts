#!/usr/bin/env node
/**
 * The `foresight` command line. Each command is registered from its own file and calls library functions; the
 * CLI holds no logic. Errors print as `error: <message>` on stderr with exit code 1 (2 for usage errors).
 */
import { cac } from 'cac';
import { isForesightError } from '../core/errors.js';
import { registerBacktestCommand } from './backtest.js';
import { registerDemoCommand } from './demo.js';
import { registerEvaluateCommand } from './evaluate.js';
import { registerForecastCommand } from './forecast.js';
import { registerModelsCommand } from './models.js';
import { registerRunsCommand } from './runs.js';
import { registerScalingCommands } from './scaling.js';
import { registerServeCommand } from './serve.js';
import { registerTokensCommand } from './tokens.js';

const cli = cac('foresight');
registerForecastCommand(cli);
registerEvaluateCommand(cli);
registerBacktestCommand(cli);
registerModelsCommand(cli);
registerDemoCommand(cli);
registerScalingCommands(cli);
registerServeCommand(cli);
registerRunsCommand(cli);
registerTokensCommand(cli);
cli.help();
cli.version('0.1.0');

// a closed pipe (`foresight forecast ... | head`) ends the run quietly, as Unix tools do
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

async function main(): Promise<void> {
  try {
    cli.parse(process.argv, { run: false });
    if (!cli.matchedCommand && cli.args.length > 0) {
      process.stderr.write(`error: unknown command "${cli.args[0]}" (see foresight --help)\n`);
      process.exitCode = 2;
      return;
    }
    if (!cli.matchedCommand && !cli.options.help && !cli.options.version) {
      cli.outputHelp();
      return;
    }
    await cli.runMatchedCommand();
  } catch (e) {
    const usage = isForesightError(e, 'invalid_argument') || isForesightError(e, 'unknown_model') || (e as Error)?.name === 'CACError';
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = usage ? 2 : 1;
  }
}

await main();
