import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seasonalStrength } from './seasonal-strength.js';

test('seasonal strength: 1 for a pure pattern, near 0 for a trend with noise, 0 when undefined', () => {
  assert.ok(
    Math.abs(
      seasonalStrength(
        Float64Array.from({ length: 48 }, (_, t) => [1, 2, 3, 4][t % 4]),
        4,
      ) - 1,
    ) < 1e-12,
  );
  // trending series with pseudo-random noise and no season: high lag-m autocorrelation, low strength
  const trend = Float64Array.from({ length: 300 }, (_, t) => 100 + t + 3 * (((t * 7919) % 101) / 101 - 0.5));
  assert.ok(seasonalStrength(trend, 52) < 0.3);
  const seasonal = Float64Array.from(
    { length: 300 },
    (_, t) => (100 + t) * (1 + 0.2 * Math.sin((2 * Math.PI * t) / 52)) + 3 * (((t * 7919) % 101) / 101 - 0.5),
  );
  assert.ok(seasonalStrength(seasonal, 52) > 0.9);
  assert.equal(seasonalStrength(Float64Array.of(1, 2, 3), 4), 0);
  assert.equal(
    seasonalStrength(
      Float64Array.from({ length: 20 }, (_, t) => t - 5),
      4,
    ),
    0,
  );
});
