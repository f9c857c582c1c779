/**
 * The one conformance suite, run by src/models/conformance.test.ts over the model families and by
 * src/ensemble/conformance.test.ts over the fusion models (each test file stays inside its own layer; the
 * checks live here once). For a registry name and a fixture series it asserts: a forecast of length h at the
 * requested levels; finite means and bounds; bounds ordered (95% outside 80%) and not narrowing from any step to
 * the next; the same numbers from a second fit (determinism); the same forecast from a JSON copy of the Fit;
 * and, for models with `simulate`, that the same seed gives the same paths and that the paths' per-step
 * quantiles match the 80% and 95% bounds.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRng } from '../src/core/random.js';
import { quantileSorted } from '../src/core/stats/summary.js';
import type { ResolvedModel } from '../src/models/registry.js';
import type { Fit, SeriesData } from '../src/models/types.js';

const industry = readFileSync(new URL('../examples/industry.csv', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split(','));
const realSeries = (id: string) =>
  Float64Array.from(industry.filter((r) => r[0] === id).map((r) => Number(r[2]) / 1e9));

/**
 * The standard fixtures: two real quarterly series, a synthetic monthly one with trend and season, and a
 * non-seasonal random walk with drift (fixed pseudo-random steps).
 */
export const FIXTURES: Readonly<Record<string, SeriesData>> = {
  'AMD revenue (quarterly, m = 4)': { y: realSeries('AMD:revenue'), seasonLength: 4, seasonLengths: [4] },
  'MSFT capex (quarterly, m = 4)': { y: realSeries('MSFT:capex'), seasonLength: 4, seasonLengths: [4] },
  'synthetic trend + season (m = 12)': {
    y: Float64Array.from(
      { length: 60 },
      (_, t) => 50 + 0.5 * t + 8 * Math.sin((2 * Math.PI * t) / 12) + ((t * 7919) % 13) / 6.5,
    ),
    seasonLength: 12,
    seasonLengths: [12],
  },
  'walk with drift (m = 1)': { y: randomWalk(40), seasonLength: 1, seasonLengths: [1] },
};

function randomWalk(n: number): Float64Array {
  const rng = createRng(5);
  const y = new Float64Array(n);
  for (let t = 0; t < n; t++) y[t] = (t === 0 ? 100 : y[t - 1]) + 0.8 + 2 * (rng.uniform() - 0.5);
  return y;
}

/** Interval levels of the suite. */
export const LEVELS = [80, 95];

/** Forecast horizon for a fixture: two seasons, at least 8 steps. */
export function horizonFor(series: SeriesData): number {
  return Math.max(8, 2 * series.seasonLength);
}

/** Sample paths drawn for the quantile check. */
const PATHS = 2000;
/**
 * How far a path quantile may sit from the matching bound, as a fraction of the 95% interval's width at that
 * step. With 2000 normal paths the sampling error of the 2.5% quantile is about 1.5% of that width; 10% leaves
 * room for models whose analytic intervals approximate their own simulation (multiplicative ETS).
 */
const QUANTILE_TOLERANCE = 0.1;
/**
 * The same for multiplicative-error ETS (alone or inside MSTL): its bounds are the normal approximation that R's
 * forecast.ets gives from the forecast variance, while its paths are skewed, more so with the horizon (up to
 * 18% of the 95% width at step 8 on the quarterly fixtures).
 */
const MULTIPLICATIVE_TOLERANCE = 0.25;

/**
 * Monte Carlo standard error of the p-quantile of n sorted draws, sqrt(p (1 - p) / n) / f, with the density f at
 * the quantile read from the spacing of the draws sqrt(n) ranks either side. Heavy-tailed fused distributions (a
 * large scale drift) have a low density in their tails, where 2000 paths place the 2.5% quantile within several
 * percent of the interval's width only; four standard errors then bound the check instead of the fixed share.
 */
function quantileError(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  const k = Math.max(1, Math.round(Math.sqrt(n)));
  const i = Math.round(p * (n - 1));
  const [a, b] = [Math.max(0, i - k), Math.min(n - 1, i + k)];
  return b > a ? Math.sqrt((p * (1 - p)) / n) * ((sorted[b] - sorted[a]) / ((b - a) / n)) : 0;
}

/** True for a multiplicative-error ETS fit, or a fit whose state wraps one (MSTL's trend model). */
function multiplicativeError(fit: Fit): boolean {
  const inner = (fit.state as { inner?: { model?: unknown } } | null)?.inner?.model;
  return /^ets:M/.test(fit.model) || (typeof inner === 'string' && /^ets:M/.test(inner));
}

/**
 * Runs every check on one model and one fixture; an assertion failure names the model, the fixture and the step.
 */
export function checkConformance(resolved: ResolvedModel, label: string, series: SeriesData): void {
  const { definition } = resolved;
  const where = `${resolved.name} on ${label}`;
  const H = horizonFor(series);
  const m = Math.max(1, series.seasonLength);
  const spec = definition.withHorizon ? definition.withHorizon(resolved.spec, H) : resolved.spec;
  const fit = definition.fit(series, spec);
  const fc = definition.forecast(fit, H, LEVELS);
  assert.equal(fc.mean.length, H, `${where}: length`);
  assert.deepEqual(fc.levels, LEVELS, `${where}: levels`);
  assert.equal(fit.fitted.length, series.y.length, `${where}: fitted length`);
  const width = (i: number, h: number) => fc.upper[i][h] - fc.lower[i][h];
  for (let h = 0; h < H; h++) {
    assert.ok(Number.isFinite(fc.mean[h]), `${where}: mean[${h}] = ${fc.mean[h]}`);
    const [lo80, lo95, hi80, hi95] = [fc.lower[0][h], fc.lower[1][h], fc.upper[0][h], fc.upper[1][h]];
    assert.ok([lo80, lo95, hi80, hi95].every(Number.isFinite), `${where}: bounds finite at step ${h + 1}`);
    assert.ok(
      lo95 <= lo80 + 1e-9 && lo80 <= fc.mean[h] + 1e-9 && fc.mean[h] <= hi80 + 1e-9 && hi80 <= hi95 + 1e-9,
      `${where}: bounds ordered at step ${h + 1}`,
    );
    // Widening: every step against the step before on non-seasonal data; on seasonal data against the same
    // season one cycle earlier, since a multiplicative season (M4 and thetaf adjustment, ETS *M) scales the
    // bounds of each step by its seasonal index.
    if (h >= m) {
      for (let i = 0; i < LEVELS.length; i++) {
        const [before, now] = [width(i, h - m), width(i, h)];
        assert.ok(
          now >= before * (1 - 1e-9) - 1e-12,
          `${where}: ${LEVELS[i]}% interval narrows from step ${h + 1 - m} to ${h + 1} (${before} -> ${now})`,
        );
      }
    }
  }

  const again = definition.forecast(definition.fit(series, spec), H, LEVELS);
  assert.deepEqual(Array.from(again.mean), Array.from(fc.mean), `${where}: deterministic mean`);
  assert.deepEqual(Array.from(again.upper[1]), Array.from(fc.upper[1]), `${where}: deterministic bounds`);

  const copy = JSON.parse(JSON.stringify(fit));
  const fromJson = definition.forecast(copy, H, LEVELS);
  assert.deepEqual(Array.from(fromJson.mean), Array.from(fc.mean), `${where}: Fit survives JSON (mean)`);
  assert.deepEqual(Array.from(fromJson.lower[0]), Array.from(fc.lower[0]), `${where}: Fit survives JSON (bounds)`);

  if (!definition.simulate) return;
  const paths = definition.simulate(copy, H, PATHS, createRng(11));
  assert.equal(paths.length, PATHS, `${where}: path count`);
  const [first, second] = [
    definition.simulate(fit, H, 20, createRng(3)),
    definition.simulate(copy, H, 20, createRng(3)),
  ];
  assert.deepEqual(
    first.map((p) => Array.from(p)),
    second.map((p) => Array.from(p)),
    `${where}: seeded paths repeat`,
  );
  const column = new Float64Array(PATHS);
  for (let h = 0; h < H; h++) {
    for (let k = 0; k < PATHS; k++) column[k] = paths[k][h];
    assert.ok(column.every(Number.isFinite), `${where}: paths finite at step ${h + 1}`);
    column.sort();
    const tolerance = (multiplicativeError(fit) ? MULTIPLICATIVE_TOLERANCE : QUANTILE_TOLERANCE) * width(1, h) + 1e-9;
    LEVELS.forEach((level, i) => {
      const [pLo, pHi] = [0.5 - level / 200, 0.5 + level / 200];
      const lo = quantileSorted(column, pLo);
      const hi = quantileSorted(column, pHi);
      assert.ok(
        Math.abs(lo - fc.lower[i][h]) <= Math.max(tolerance, 4 * quantileError(column, pLo)),
        `${where}: ${level}% lower bound ${fc.lower[i][h]} vs path quantile ${lo} at step ${h + 1}`,
      );
      assert.ok(
        Math.abs(hi - fc.upper[i][h]) <= Math.max(tolerance, 4 * quantileError(column, pHi)),
        `${where}: ${level}% upper bound ${fc.upper[i][h]} vs path quantile ${hi} at step ${h + 1}`,
      );
    });
  }
}
