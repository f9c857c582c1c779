import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSeriesCsv } from '../data/read-csv.js';
import { backtestDataset } from './backtest.js';

const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} vs ${b}`);

test('backtest of naive and drift on the line 1..10, two origins of two steps (hand-computed)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'backtest-'));
  const rows = [
    'unique_id,ds,y',
    ...Array.from({ length: 10 }, (_, t) => `a,${t + 1},${t + 1}`),
    'b,1,5',
    'b,2,6',
    'b,3,7',
  ];
  writeFileSync(join(dir, 'line.csv'), rows.join('\n') + '\n');
  const data = await readSeriesCsv(join(dir, 'line.csv'));
  const r = backtestDataset(data, { models: ['naive', 'drift'], horizon: 2, windows: 2 });
  // origins after 6 and 8 observations; b (3 observations) has none
  assert.equal(r.origins, 2);
  assert.deepEqual(r.skipped, [{ id: 'b', reason: 'too short for a 2-step backtest (3 observations)' }]);
  const [naive, drift] = r.models;
  // naive forecasts 6, 6 for 7, 8 and 8, 8 for 9, 10: errors 1 and 2 at both origins; the MASE scale is 1
  close(naive.mae, 1.5, 'naive MAE');
  close(naive.rmse, Math.sqrt(2.5), 'naive RMSE');
  const smape = ((200 / 13 + 400 / 14) / 2 + (200 / 17 + 400 / 18) / 2) / 2;
  close(naive.smape, smape, 'naive sMAPE');
  close(naive.mase, 1.5, 'naive MASE');
  close(naive.byStep[0].mase, 1, 'naive step-1 MASE');
  close(naive.byStep[1].mase, 2, 'naive step-2 MASE');
  close(naive.byStep[1].smape, (400 / 14 + 400 / 18) / 2, 'naive step-2 sMAPE');
  // naive2 is naive on a non-seasonal series, so naive's OWA is 1; drift continues the line exactly
  close(naive.owa!, 1, 'naive OWA');
  close(drift.mae, 0, 'drift MAE');
  close(drift.owa!, 0, 'drift OWA');
  assert.deepEqual(r.fallbacks, { naive: 0, drift: 0 });
});
