import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateFiles } from './evaluate.js';

const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} vs ${b}`);

test('evaluateFiles scores a forecast file against the test file (hand-computed)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'evaluate-'));
  const write = (name: string, lines: string[]) => writeFileSync(join(dir, name), lines.join('\n') + '\n');
  // training 2, 4, 6, 8: the MASE scale (season 1) is 2; the test values are 10 and 12
  write('train.csv', ['unique_id,ds,y', 'a,1,2', 'a,2,4', 'a,3,6', 'a,4,8']);
  write('test.csv', ['unique_id,ds,y', 'a,5,10', 'a,6,12']);
  write('fc.csv', ['unique_id,ds,model,yhat,lo-80,hi-80', 'a,5,m,9,8,11', 'a,6,m,13,12.5,14']);
  const r = await evaluateFiles({
    train: join(dir, 'train.csv'),
    test: join(dir, 'test.csv'),
    forecast: join(dir, 'fc.csv'),
    season: 1,
  });
  assert.equal(r.maseSeason, 1);
  assert.equal(r.naive2Source, 'computed from the training data');
  const m = r.models.find((x) => x.model === 'm')!;
  assert.equal(m.cases, 1);
  close(m.mae, 1, 'MAE');
  close(m.rmse, 1, 'RMSE');
  close(m.smape, (200 / 19 + 200 / 25) / 2, 'sMAPE');
  close(m.mase, 0.5, 'MASE');
  // naive2 = naive: forecasts 8, 8, errors 2 and 4, MASE 1.5, sMAPE (400/18 + 800/20) / 2
  close(m.owa!, (m.smape / ((400 / 18 + 800 / 20) / 2) + 0.5 / 1.5) / 2, 'OWA');
  // 10 is inside [8, 11], 12 is below 12.5: coverage 50%
  assert.equal(m.intervals[0].coverage, 50);
  // pinball at 10% and 90%: lower 0.1·2 and 0.9·0.5, upper 0.1·1 and 0.1·2; mean over steps, halved, scaled by 2
  close(m.intervals[0].scaledPinball, ((0.2 + 0.45) / 2 + (0.1 + 0.2) / 2) / 2 / 2, 'scaled pinball');
});
