import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRng } from '../core/random.js';
import {
  featureWeights,
  memberFeatureWeights,
  SHIPPED_FEATURE_WEIGHTS,
  trainFeatureWeights,
  type FeatureWeightModel,
} from './feature-weights.js';
import { FEATURE_NAMES, seriesFeatures } from './features.js';
import { resolveModel } from './registry.js';
import { combineForecasts } from './combine.js';

test('training recovers which member is better where (two regimes of one feature)', () => {
  // member a errs little when x < 0, member b when x > 0; a noise feature carries nothing
  const rng = createRng(3);
  const examples = Array.from({ length: 200 }, () => {
    const x = rng.normal();
    const noise = rng.normal();
    return { features: Float64Array.of(x, noise), losses: Float64Array.of(x < 0 ? 0.5 : 1.5, x < 0 ? 1.5 : 0.5) };
  });
  const model = trainFeatureWeights(examples, { members: ['a', 'b'], featureNames: ['x', 'noise'], lambda: 0.001 });
  assert.ok(featureWeights(model, Float64Array.of(-1.5, 0))[0] > 0.9);
  assert.ok(featureWeights(model, Float64Array.of(1.5, 0))[1] > 0.9);
  assert.ok(
    Math.abs(model.coefficients[0][2]) < 0.2 * Math.abs(model.coefficients[0][1]),
    'the noise feature gets a small coefficient',
  );
  // a strong penalty shrinks toward the equal weights (the member mean)
  const shrunk = trainFeatureWeights(examples, { members: ['a', 'b'], featureNames: ['x', 'noise'], lambda: 100 });
  const w = featureWeights(shrunk, Float64Array.of(-1.5, 0));
  assert.ok(Math.abs(w[0] - 0.5) < 0.01, `${w[0]}`);
  // JSON round trip keeps the weights
  const again = featureWeights(JSON.parse(JSON.stringify(model)) as FeatureWeightModel, Float64Array.of(-1.5, 0));
  assert.deepEqual(Array.from(again), Array.from(featureWeights(model, Float64Array.of(-1.5, 0))));
});

test('training and weights: bad arguments name the fault', () => {
  const ok = { features: Float64Array.of(1), losses: Float64Array.of(1, 2) };
  const options = { members: ['a', 'b'], featureNames: ['x'] };
  assert.throws(() => trainFeatureWeights([], options), /no training examples/);
  assert.throws(() => trainFeatureWeights([ok], { ...options, members: ['a'] }), /at least 2 needed/);
  assert.throws(
    () => trainFeatureWeights([ok, { features: Float64Array.of(1), losses: Float64Array.of(NaN, 1) }], options),
    /example 1 has a non-finite/,
  );
  assert.throws(
    () => trainFeatureWeights([ok, { features: Float64Array.of(1, 2), losses: Float64Array.of(1, 1) }], options),
    /example 1 has 2 features/,
  );
  assert.throws(
    () => featureWeights(SHIPPED_FEATURE_WEIGHTS, Float64Array.of(1, 2)),
    /2 features given; the model expects 16/,
  );
  assert.throws(
    () => memberFeatureWeights(SHIPPED_FEATURE_WEIGHTS, ['ets', 'ses'], new Float64Array(16)),
    /member "ses" is not one of the trained members/,
  );
});

test('the shipped model: trained on the default members and the feature list, weights on the simplex', () => {
  assert.deepEqual(SHIPPED_FEATURE_WEIGHTS.members, ['ets', 'arima', 'theta', 'damped', 'snaive']);
  assert.deepEqual(SHIPPED_FEATURE_WEIGHTS.featureNames, FEATURE_NAMES);
  const y = Float64Array.from({ length: 120 }, (_, t) => 50 + t / 4 + 5 * Math.sin((2 * Math.PI * t) / 12));
  const w = featureWeights(SHIPPED_FEATURE_WEIGHTS, seriesFeatures(y, 12));
  assert.ok(w.every((v) => v >= 0) && Math.abs(w.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  const sub = memberFeatureWeights(SHIPPED_FEATURE_WEIGHTS, ['snaive', 'theta'], seriesFeatures(y, 12));
  assert.ok(Math.abs(sub[0] / sub[1] - w[4] / w[2]) < 1e-12, 'a subset keeps the ratios of the weights');
});

interface HeldOutSeries {
  set: string;
  id: string;
  scale: number;
  features: number[];
  actual: number[];
  forecasts: number[][];
  naive2: number[];
}
const heldOut = JSON.parse(
  readFileSync(new URL('../../test/fixtures/ensemble/heldout-members.json', import.meta.url), 'utf8'),
) as {
  members: string[];
  series: HeldOutSeries[];
};

/** OWA (M4: sMAPE and MASE each relative to naive2 on the same series, averaged) per set, then over the sets. */
function heldOutOwa(weightsOf: (s: HeldOutSeries) => ArrayLike<number>): number {
  const sets = [...new Set(heldOut.series.map((s) => s.set))];
  let total = 0;
  for (const set of sets) {
    let smape = 0,
      smape2 = 0,
      mase = 0,
      mase2 = 0;
    for (const s of heldOut.series.filter((x) => x.set === set)) {
      const w = weightsOf(s);
      s.actual.forEach((y, t) => {
        const f = s.forecasts.reduce((acc, fc, j) => acc + w[j] * fc[t], 0);
        const n = s.naive2[t];
        smape += (200 * Math.abs(y - f)) / (Math.abs(y) + Math.abs(f)) / s.actual.length;
        smape2 += (200 * Math.abs(y - n)) / (Math.abs(y) + Math.abs(n)) / s.actual.length;
        mase += Math.abs(y - f) / s.scale / s.actual.length;
        mase2 += Math.abs(y - n) / s.scale / s.actual.length;
      });
    }
    total += (smape / smape2 + mase / mase2) / 2 / sets.length;
  }
  return total;
}

test('feature weights are not worse than the member mean on the held-out M4 series (OWA)', () => {
  assert.deepEqual(heldOut.members, SHIPPED_FEATURE_WEIGHTS.members);
  assert.ok(heldOut.series.length >= 100, `${heldOut.series.length} held-out series`);
  const k = heldOut.members.length;
  const mean = heldOutOwa(() => new Array(k).fill(1 / k));
  const fused = heldOutOwa((s) => featureWeights(SHIPPED_FEATURE_WEIGHTS, Float64Array.from(s.features)));
  assert.ok(fused <= mean, `feature-weighted OWA ${fused} vs member mean ${mean}`);
  // the comparison can fail: all weight on one member (snaive) is clearly worse than the mean here
  const snaive = heldOutOwa(() => heldOut.members.map((m) => (m === 'snaive' ? 1 : 0)));
  assert.ok(snaive > mean, `snaive ${snaive} vs member mean ${mean}`);
});

test('ensemble:features: members checked at parse time, weights from the features, calibrated intervals', () => {
  assert.throws(
    () => resolveModel('ensemble:features/ets+ses'),
    /member "ses" is not one of the trained members ets, arima, theta, damped, snaive/,
  );
  assert.deepEqual(resolveModel('ensemble:features').spec.members, ['ets', 'arima', 'theta', 'damped', 'snaive']);
  const r = resolveModel('ensemble:features/theta+damped+snaive');
  const y = Float64Array.from(
    { length: 96 },
    (_, t) => 100 + t / 2 + 8 * Math.sin((2 * Math.PI * t) / 12) + 3 * Math.cos(t * 1.7),
  );
  const fit = r.definition.fit({ y, seasonLength: 12 }, r.spec);
  const expected = memberFeatureWeights(SHIPPED_FEATURE_WEIGHTS, ['theta', 'damped', 'snaive'], seriesFeatures(y, 12));
  assert.deepEqual(Object.values(fit.params), Array.from(expected));
  assert.ok((fit.details!.conformalScores as number) > 0);
  const fc = r.definition.forecast(fit, 12, [80, 95]);
  // the point forecast is the feature-weighted member mean, plus the serial correction when it was accepted
  const members = ['theta', 'damped', 'snaive'].map((name) => {
    const m = resolveModel(name);
    return m.definition.forecast(m.definition.fit({ y, seasonLength: 12 }, m.spec), 12, [95]);
  });
  const plain = combineForecasts(members, 'features', expected);
  const bias = (fit.state as unknown as { bias: number[] | null }).bias;
  for (let t = 0; t < 12; t++) {
    assert.ok(Math.abs(fc.mean[t] - (plain.mean[t] + (bias ? bias[t] : 0))) < 1e-9);
    assert.ok(
      fc.lower[1][t] < fc.lower[0][t] &&
        fc.lower[0][t] < fc.mean[t] &&
        fc.mean[t] < fc.upper[0][t] &&
        fc.upper[0][t] < fc.upper[1][t],
    );
  }
});
