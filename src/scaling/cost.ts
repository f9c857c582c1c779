/**
 * Training cost: chip-hours, dollars and energy for a compute budget, the compute a dollar budget buys on a
 * cluster whose utilisation falls with size, and the cost-efficiency knee — the spend beyond which each
 * further doubling buys less than a chosen loss reduction (fitted law combined with the cluster model).
 * Effective compute = chips × peak FLOP/s × utilisation(chips) × seconds (Epoch AI's training-cost method,
 * Cottier et al. 2024 "The rising costs of training frontier AI models").
 */
import { ForesightError } from '../core/errors.js';
import { utilisation, type UtilisationCurve } from './cluster.js';

/** A chip type: peak dense BF16 FLOP/s, board power and a price per chip-hour. */
export interface Hardware {
  name: string;
  peakFlops: number;
  powerW: number;
  /** US dollars per chip-hour. */
  pricePerChipHour: number;
}

/**
 * Defaults. Peak FLOP/s and power: vendor datasheets (dense BF16, no sparsity; SXM boards). Prices: median
 * on-demand cloud price per chip-hour in Epoch AI's hardware-prices data (examples/scaling/hw_prices.csv):
 * H100 SXM5 80GB $4.40 (29 records), A100 SXM4 80 GB $2.93 (47), V100 DGXS 32 GB $3.90 (13), TPU v4 $3.22 (5).
 */
export const HARDWARE: Readonly<Record<string, Hardware>> = {
  h100: { name: 'NVIDIA H100 SXM5 80GB', peakFlops: 989.4e12, powerW: 700, pricePerChipHour: 4.4 },
  a100: { name: 'NVIDIA A100 SXM4 80 GB', peakFlops: 312e12, powerW: 400, pricePerChipHour: 2.93 },
  v100: { name: 'NVIDIA Tesla V100 DGXS 32 GB', peakFlops: 125e12, powerW: 300, pricePerChipHour: 3.9 },
  'tpu-v4': { name: 'Google TPU v4', peakFlops: 275e12, powerW: 192, pricePerChipHour: 3.22 },
};

/**
 * Looks up a hardware preset by key (h100, a100, v100, tpu-v4).
 * Throws ForesightError('invalid_argument') naming the known keys.
 *
 * @example
 * hardwarePreset('h100').peakFlops // 989.4e12
 */
export function hardwarePreset(key: string): Hardware {
  const h = HARDWARE[key.toLowerCase()];
  if (!h)
    throw new ForesightError(
      'invalid_argument',
      `unknown hardware "${key}"; known: ${Object.keys(HARDWARE).join(', ')}`,
      { value: key },
    );
  return h;
}

/**
 * Median of the positive finite prices listed for hardware whose name contains `nameContains`
 * (case-insensitive); NaN when there is none.
 *
 * @example
 * medianPrice(prices.hardware, prices.onDemand, 'H100 SXM5') // 4.4 on examples/scaling/hw_prices.csv
 */
export function medianPrice(hardware: readonly string[], price: ArrayLike<number>, nameContains: string): number {
  const needle = nameContains.toLowerCase();
  const v: number[] = [];
  for (let i = 0; i < hardware.length; i++)
    if (hardware[i].toLowerCase().includes(needle) && price[i] > 0) v.push(price[i]);
  if (v.length === 0) return NaN;
  v.sort((a, b) => a - b);
  const h = v.length / 2;
  return v.length % 2 ? v[Math.floor(h)] : (v[h - 1] + v[h]) / 2;
}

/** Cost of a training run. */
export interface TrainingCost {
  compute: number;
  chips: number;
  utilisation: number;
  chipHours: number;
  wallClockDays: number;
  usd: number;
  /** Facility energy, kWh (chip power × PUE). */
  energyKWh: number;
}

/** How a run is executed: the chip, how many, the utilisation curve and the facility overhead. */
export interface ClusterPlan {
  hardware: Hardware;
  chips: number;
  curve: UtilisationCurve;
  /** Power usage effectiveness (facility / IT power). Default 1.2. */
  pue?: number;
}

function positive(v: number, what: string): void {
  if (!(v > 0) || !Number.isFinite(v))
    throw new ForesightError('invalid_argument', `${what} ${v} must be a positive number`);
}

/**
 * Chip-hours, wall-clock days, dollars and energy to train with `compute` FLOP on the planned cluster.
 * Throws ForesightError('invalid_argument') naming a non-positive input.
 *
 * @example
 * trainingCost(3.8e25, { hardware: HARDWARE.h100, chips: 16384, curve: { peakUtilisation: 0.4, bandwidthCost: 0, latencyCost: 0 } }).wallClockDays // ≈ 68
 */
export function trainingCost(compute: number, plan: ClusterPlan): TrainingCost {
  positive(compute, 'compute');
  positive(plan.chips, 'chips');
  const u = utilisation(plan.curve, plan.chips);
  const chipHours = compute / (plan.hardware.peakFlops * u * 3600);
  return {
    compute,
    chips: plan.chips,
    utilisation: u,
    chipHours,
    wallClockDays: chipHours / plan.chips / 24,
    usd: chipHours * plan.hardware.pricePerChipHour,
    energyKWh: (chipHours * plan.hardware.powerW * (plan.pue ?? 1.2)) / 1000,
  };
}

/** What a dollar budget buys in a fixed wall-clock time. */
export interface SpendCompute {
  usd: number;
  chips: number;
  utilisation: number;
  compute: number;
}

/**
 * The effective compute a spend buys when the run must finish in `days`: chips = usd / (price × hours), compute =
 * chips × peak × u(chips) × seconds. More money means more chips, so utilisation (and compute per dollar) falls.
 * Throws ForesightError('invalid_argument') naming a non-positive input.
 *
 * @example
 * computeForSpend(1e8, HARDWARE.h100, { peakUtilisation: 0.4, bandwidthCost: 0, latencyCost: 0 }, 90).compute // ≈ 3.2e25
 */
export function computeForSpend(usd: number, hardware: Hardware, curve: UtilisationCurve, days: number): SpendCompute {
  positive(usd, 'spend (USD)');
  positive(days, 'training days');
  const hours = days * 24;
  const chips = usd / (hardware.pricePerChipHour * hours);
  const u = utilisation(curve, Math.max(1, chips));
  return { usd, chips, utilisation: u, compute: chips * hardware.peakFlops * u * hours * 3600 };
}

/** One doubling of spend in {@link costKnee}. */
export interface SpendStep {
  usd: number;
  chips: number;
  utilisation: number;
  compute: number;
  loss: number;
  /** Loss reduction bought by doubling from the previous step (NaN for the first). */
  lossReduction: number;
}

/** Result of {@link costKnee}. */
export interface CostKnee {
  /** The spend from which one more doubling buys less than the threshold (null when not reached). */
  kneeUsd: number | null;
  threshold: number;
  steps: SpendStep[];
}

/**
 * Doubles the spend from `startUsd` and reports, at each step, the effective compute (via `computeAt`, e.g.
 * {@link computeForSpend} with a utilisation curve) and the loss under the fitted law (`lossAt`). The knee is
 * the first spend S whose doubling to 2S lowers the loss by less than `minLossReduction`.
 * Throws ForesightError('invalid_argument') for non-positive start, threshold or doubling count.
 *
 * @example
 * costKnee(1e6, (usd) => 1e17 * usd, (c) => powerLawLoss(law, c), 0.01).kneeUsd
 */
export function costKnee(
  startUsd: number,
  computeAt: (usd: number) => SpendCompute | { compute: number; chips?: number; utilisation?: number },
  lossAt: (compute: number) => number,
  minLossReduction: number,
  maxDoublings = 40,
): CostKnee {
  positive(startUsd, 'start spend (USD)');
  positive(minLossReduction, 'minimum loss reduction');
  positive(maxDoublings, 'doublings');
  const steps: SpendStep[] = [];
  let kneeUsd: number | null = null;
  for (let i = 0; i <= maxDoublings; i++) {
    const usd = startUsd * 2 ** i;
    const c = computeAt(usd);
    const loss = lossAt(c.compute);
    const prev = steps[steps.length - 1];
    const lossReduction = prev ? prev.loss - loss : NaN;
    steps.push({
      usd,
      chips: c.chips ?? NaN,
      utilisation: c.utilisation ?? NaN,
      compute: c.compute,
      loss,
      lossReduction,
    });
    if (prev && lossReduction < minLossReduction) {
      kneeUsd = prev.usd;
      break;
    }
  }
  return { kneeUsd, threshold: minLossReduction, steps };
}
