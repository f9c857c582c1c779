import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { autoEts } from './auto.js';
import { forecastEts, R_MAX_EVALUATIONS } from './ets.js';
import { simulateEts } from './simulate.js';
import { createRng } from '../../core/random.js';
import { isForesightError } from '../../core/errors.js';

// R forecast 8.20 `ets(y)` (model "ZZZ", defaults) on M4 series, from test/fixtures/ets/make-fixtures.R.
// Same candidates and same fits, so the same form wins and AICc agrees to rounding (relative 1e-9).
const AICC_REL_TOL = 1e-9;
const cases = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/ets/ets-reference.json', import.meta.url), 'utf8'),
).filter((c: { model: string }) => c.model === 'ZZZ');

const rForm = (components: string[]): string =>
  `ets:${components[0]}${components[1]}${components[3] === 'TRUE' ? 'd' : ''}${components[2]}`;

for (const c of cases) {
  test(`autoEts selects R's form with R's AICc: ${c.name}`, () => {
    const fit = autoEts(Float64Array.from(c.y), { seasonLength: c.m });
    assert.equal(fit.model, rForm(c.components));
    assert.ok(Math.abs(fit.aicc! - c.aicc) <= AICC_REL_TOL * Math.abs(c.aicc), `aicc ${fit.aicc} vs R ${c.aicc}`);
    const fc = forecastEts(fit, 12, [95]);
    for (let h = 0; h < 12; h++)
      assert.ok(Math.abs(fc.mean[h] - c.mean[h]) <= 1e-7 * Math.abs(c.mean[h]), `mean[${h}]`);
  });
}

const weekly = cases.find((c: { m: number }) => c.m === 1).y as number[];

test('damped and seasonal options restrict the candidates', () => {
  const y = Float64Array.from(weekly.slice(0, 400));
  const damped = autoEts(y, { seasonLength: 1, damped: true, error: 'A' });
  assert.equal(damped.model, 'ets:AAdN');
  const candidates = damped.details!.candidates as { form: string }[];
  assert.deepEqual(
    candidates.map((c) => c.form),
    ['AAdN'],
  );
  const hourly = Float64Array.from(cases.find((c: { m: number }) => c.m === 24).y as number[]);
  const nonSeasonal = autoEts(hourly, { seasonLength: 24, seasonal: false });
  assert.ok((nonSeasonal.details!.candidates as { form: string }[]).every((c) => c.form.endsWith('N')));
});

test('degenerate series follow the documented rules', () => {
  const constant = autoEts(Float64Array.of(4, 4, 4, 4, 4, 4, 4, 4, 4, 4), { seasonLength: 4 });
  assert.equal(constant.model, 'ets:ANN');
  assert.match(String(constant.details!.rule), /constant/);
  assert.deepEqual(Array.from(forecastEts(constant, 3, [95]).mean), [4, 4, 4]);
  const short = autoEts(Float64Array.of(1, 3, 2), { seasonLength: 12 });
  assert.match(String(short.details!.rule), /only 3 observations/);
  assert.ok(forecastEts(short, 2, [80]).mean.every(Number.isFinite));
  // zeros: multiplicative candidates are skipped, additive ones still compete
  const zeros = Float64Array.from({ length: 50 }, (_, t) => (t % 7 === 0 ? 0 : 5 + (t % 3)));
  const fit = autoEts(zeros, { seasonLength: 1 });
  assert.ok((fit.details!.candidates as { form: string }[]).every((c) => c.form.startsWith('A')));
  // seasonal data shorter than two seasons: seasonal forms drop out by the degrees-of-freedom rule, no crash
  const tooShortSeasonal = autoEts(
    Float64Array.from({ length: 30 }, (_, t) => 10 + (t % 24)),
    { seasonLength: 24 },
  );
  assert.ok(Number.isFinite(forecastEts(tooShortSeasonal, 24, [95]).upper[0][23]));
  assert.throws(
    () => autoEts(new Float64Array(0), { seasonLength: 1 }),
    (e) => isForesightError(e, 'invalid_input'),
  );
});

test('season length above 24: seasonal adjustment when the ACF test says seasonal, R behaviour on request', () => {
  const m = 52;
  const y = Float64Array.from(
    { length: 5 * m },
    (_, t) => (100 + 0.1 * t) * (1 + 0.3 * Math.sin((2 * Math.PI * t) / m)) + ((t * 7919) % 13) / 13,
  );
  const adjusted = autoEts(y, { seasonLength: m });
  assert.match(String(adjusted.details!.rule), /multiplicative classical adjustment/);
  const fc = forecastEts(adjusted, m, [95]);
  // the forecast carries the season: its peak-to-trough swing is close to the data's last season
  const swing = Math.max(...fc.mean) - Math.min(...fc.mean);
  assert.ok(swing > 40, `seasonal swing ${swing}`);
  const ignored = autoEts(y, { seasonLength: m, longSeason: 'ignore' });
  assert.match(String(ignored.details!.rule), /season ignored/);
  assert.equal((ignored.state as { future?: number[] }).future, undefined);
  assert.ok(adjusted.aicc !== ignored.aicc);
});

test('simulated paths are seeded, cover the analytic 95% interval and carry the adjustment', () => {
  const fit = autoEts(Float64Array.from(weekly.slice(0, 300)), { seasonLength: 1 });
  const a = simulateEts(fit, 6, 2000, createRng(7));
  const b = simulateEts(fit, 6, 2000, createRng(7));
  assert.deepEqual(Array.from(a[10]), Array.from(b[10]));
  const fc = forecastEts(fit, 6, [95]);
  const inside = a.filter((p) => p[5] >= fc.lower[0][5] && p[5] <= fc.upper[0][5]).length / a.length;
  // analytic and simulated distributions agree: 95% nominal, Monte Carlo sd ≈ 0.5%
  assert.ok(inside > 0.93 && inside < 0.97, `inside ${inside}`);
});

test('a form whose likelihood is not finite at its start is skipped, not the end of the selection (seventh hostile sweep)', () => {
  // 1e-10 and 1e10 alternating, quarterly: ETS(M,N,A) and ETS(M,A,A) start at an infinite likelihood; the error
  // (invalid_argument from Nelder-Mead) ended the whole selection and ets fell back to naive
  const y = Float64Array.from({ length: 24 }, (_, t) => (t % 2 ? 1e10 : 1e-10));
  const fit = autoEts(y, { seasonLength: 4 });
  const candidates = fit.details!.candidates as { form: string; error?: string }[];
  const failed = candidates.filter((c) => c.error !== undefined).map((c) => c.form);
  assert.deepEqual(failed, ['MNA', 'MAdA', 'MAA']);
  assert.match(candidates.find((c) => c.form === 'MNA')!.error!, /likelihood is not finite at the starting values/);
  assert.equal(fit.details!.rule, 'automatic selection');
  const f = forecastEts(fit, 4, [95]);
  assert.ok([...f.mean, ...f.lower[0], ...f.upper[0]].every(Number.isFinite));
});

test('maxEvaluations bounds the Nelder–Mead evaluations of every form searched (the fusion member sets it)', () => {
  const c = cases.find((x: { m: number }) => x.m > 1) ?? cases[0];
  const y = Float64Array.from(c.y as number[]);
  const full = autoEts(y, { seasonLength: c.m });
  const capped = autoEts(y, { seasonLength: c.m, maxEvaluations: 40 });
  // the budget is checked once per iteration, and one iteration (a shrink) evaluates every vertex
  const vertices = c.m + 5;
  assert.ok(Number(capped.details?.evaluations) <= 40 + vertices, `evaluations ${String(capped.details?.evaluations)}`);
  assert.ok(Number(full.details?.evaluations) > 40 + vertices, `evaluations ${String(full.details?.evaluations)}`);
  // R's budget, given explicitly, is the default
  assert.deepEqual(autoEts(y, { seasonLength: c.m, maxEvaluations: R_MAX_EVALUATIONS }).params, full.params);
});
