import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { autoArima } from './auto.js';
import { predictArima } from './predict.js';

// Real data with a driver: quarterly net income explained by revenue (SEC EDGAR via
// test/fixtures/arima/net-income-revenue.csv), in USD billions. Regression with ARIMA errors should find a
// net-margin-like coefficient and, given the actual future revenue (a scenario), forecast net income better
// than the same automatic ARIMA without the driver.
const rows = readFileSync(new URL('../../../test/fixtures/arima/net-income-revenue.csv', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split(','));
function company(name: string): { income: Float64Array; revenue: Float64Array } {
  const mine = rows.filter((r) => r[0] === name);
  return {
    income: Float64Array.from(mine, (r) => Number(r[2]) / 1e9),
    revenue: Float64Array.from(mine, (r) => Number(r[3]) / 1e9),
  };
}

test('MSFT: the revenue coefficient is a sensible net margin (between 0.2 and 0.5), with a standard error', () => {
  const { income, revenue } = company('MSFT');
  const r = autoArima(income, { seasonLength: 4, xreg: { revenue } });
  const i = r.fit.names.indexOf('revenue');
  assert.ok(i >= 0);
  const beta = r.fit.coef[i];
  assert.ok(beta > 0.2 && beta < 0.5, `revenue coefficient ${beta}`);
  assert.ok(r.fit.se[i] > 0 && r.fit.se[i] < beta / 5, `standard error ${r.fit.se[i]}`);
});

for (const name of ['MSFT', 'NVDA']) {
  test(`${name}: with revenue as driver, a rolling backtest beats the model without it`, () => {
    const { income, revenue } = company(name);
    const n = income.length;
    const h = 4;
    let withDriver = 0;
    let without = 0;
    // four origins, two quarters apart, over the last three years
    for (let origin = n - 10; origin <= n - h; origin += 2) {
      const past = income.subarray(0, origin);
      const a = autoArima(past, { seasonLength: 4, xreg: { revenue: revenue.subarray(0, origin) } });
      const b = autoArima(past, { seasonLength: 4 });
      const fa = predictArima(a.fit, h, { revenue: revenue.subarray(origin, origin + h) }, a.sigma2).mean;
      const fb = predictArima(b.fit, h, undefined, b.sigma2).mean;
      for (let k = 0; k < h; k++) {
        withDriver += Math.abs(income[origin + k] - fa[k]);
        without += Math.abs(income[origin + k] - fb[k]);
      }
    }
    // the driver must cut the mean absolute error by at least 20%
    assert.ok(withDriver < 0.8 * without, `MAE with revenue ${withDriver / 16}, without ${without / 16}`);
  });
}
