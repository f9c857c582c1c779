/** Every command's `--help` lists each option once (two registrations of one flag print two lines). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cac } from 'cac';
import { registerBacktestCommand } from './backtest.js';
import { registerDashboardCommand } from './dashboard.js';
import { registerDemoCommand } from './demo.js';
import { registerEvaluateCommand } from './evaluate.js';
import { registerForecastCommand } from './forecast.js';
import { registerModelsCommand } from './models.js';
import { registerProbabilityCommand } from './probability.js';
import { registerReportCommand } from './report.js';
import { registerRunsCommand } from './runs.js';
import { registerScalingCommands } from './scaling.js';
import { registerServeCommand } from './serve.js';
import { registerTokensCommand } from './tokens.js';
import { registerWorkerCommand } from './worker.js';

test('no command registers an option twice', () => {
  const cli = cac('foresight');
  for (const register of [
    registerForecastCommand,
    registerEvaluateCommand,
    registerBacktestCommand,
    registerProbabilityCommand,
    registerModelsCommand,
    registerDemoCommand,
    registerReportCommand,
    registerScalingCommands,
    registerServeCommand,
    registerDashboardCommand,
    registerRunsCommand,
    registerTokensCommand,
    registerWorkerCommand,
  ])
    register(cli);
  assert.ok(cli.commands.length >= 13);
  for (const command of cli.commands) {
    const names = command.options.map((o) => o.name);
    const twice = names.filter((name, i) => names.indexOf(name) !== i);
    assert.deepEqual(twice, [], `${command.name}: ${twice.join(', ')}`);
  }
  const forecast = cli.commands.find((c) => c.name === 'forecast')!;
  assert.ok(['time', 'value', 'keys', 'hierarchy'].every((n) => forecast.options.some((o) => o.name === n)));
});
