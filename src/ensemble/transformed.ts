/**
 * `boxcox:<lambda>[,biasadj]/<model>`: any model fitted to the Box–Cox transform of the series and its forecast
 * transformed back (models/box-cox.ts), as R's `forecast(..., lambda =, biasadj =)`. The lambda is a number
 * (0 is the log), `guerrero` (Guerrero's method on [-1, 2] as R; the series must be positive) or `auto`
 * (Guerrero's lambda restricted to [0, 1], between the log and no transform, when the series is positive and
 * long enough for two seasons, else the model on the series as it is). Why [0, 1] for `auto`: a lambda above 1
 * makes intervals narrow as the level rises and one below 0 makes them grow faster than the level, neither of
 * which business series show; Guerrero's criterion, read on a few seasons, lands there by noise. The point
 * forecast is the back-transformed median unless `biasadj` asks for the mean; interval bounds and sample paths
 * are transformed back one by one, so a bound keeps its probability. The CLI's `--transform` wraps the
 * requested models in this family.
 */
import { ForesightError } from '../core/errors.js';
import type { Rng } from '../core/random.js';
import { biasAdjusted, boxCox, guerreroLambda, invBoxCox } from '../models/box-cox.js';
import type { ResolvedModel } from '../models/registry.js';
import type { Fit, Forecast, FutureData, ModelDefinition, ModelSpec, SeriesData } from '../models/types.js';
import { normalQuantile } from '../core/stats/normal.js';
import { intervalPaths } from '../models/interval-paths.js';

/** Spec of `boxcox`. */
export interface TransformSpec extends ModelSpec {
  lambda: number | 'guerrero' | 'auto';
  biasadj: boolean;
  /** The registry name of the model fitted to the transformed series. */
  model: string;
}

/** What a `boxcox` fit holds: the lambda used and the model's fit on the transformed scale. */
export interface TransformState {
  lambda: number;
  fit: Fit;
}

/** The transforms the CLI offers (`--transform`). */
export const TRANSFORMS = ['none', 'log', 'boxcox', 'auto'] as const;
export type TransformName = (typeof TRANSFORMS)[number];

/**
 * The registry name that fits `model` under `transform` (the name itself for 'none').
 *
 * @example
 * transformedName('ets', 'log') // 'boxcox:0/ets'
 * transformedName('auto', 'auto', true) // 'boxcox:auto,biasadj/auto'
 */
export function transformedName(model: string, transform: TransformName, biasadj = false): string {
  if (transform === 'none') return model;
  const lambda = transform === 'log' ? '0' : transform === 'boxcox' ? 'guerrero' : 'auto';
  return `boxcox:${lambda}${biasadj ? ',biasadj' : ''}/${model}`;
}

function parseTransform(option: string | undefined): TransformSpec {
  const slash = option?.indexOf('/') ?? -1;
  if (option === undefined || slash < 0)
    throw new ForesightError(
      'invalid_argument',
      `boxcox needs a lambda and a model, as in boxcox:auto/ets or boxcox:0.5,biasadj/auto (got "${option ?? ''}")`,
      { value: option ?? '' },
    );
  const [lambdaText, ...flags] = option.slice(0, slash).split(',');
  const model = option.slice(slash + 1).trim();
  for (const f of flags)
    if (f.trim() !== 'biasadj')
      throw new ForesightError('invalid_argument', `boxcox: unknown option "${f}" (only biasadj)`, { value: f });
  const text = lambdaText.trim();
  let lambda: TransformSpec['lambda'];
  if (text === 'auto' || text === 'guerrero') lambda = text;
  else {
    lambda = Number(text);
    if (text === '' || !Number.isFinite(lambda) || lambda < -1 || lambda > 2)
      throw new ForesightError(
        'invalid_argument',
        `boxcox: lambda "${text}" is not auto, guerrero or a number in [-1, 2]`,
        {
          value: text,
        },
      );
  }
  if (model === '') throw new ForesightError('invalid_argument', 'boxcox: no model after "/"', { value: option });
  return { lambda, biasadj: flags.length > 0, model };
}

/** The lambda for this series, or null for none (`auto` on a series that is not positive or too short). */
function chooseLambda(y: Float64Array, m: number, spec: TransformSpec): number | null {
  const positive = y.every((v) => v > 0);
  if (spec.lambda === 'auto') {
    if (!positive || y.length < 2 * Math.max(2, m)) return null;
    // between the log and no transform: spread that grows with the level, at most in proportion to it
    return guerreroLambda(y, m, 0, 1);
  }
  if (spec.lambda === 'guerrero') return guerreroLambda(y, m);
  if (spec.lambda <= 0 && !positive) {
    const i = y.findIndex((v) => !(v > 0));
    throw new ForesightError(
      'invalid_input',
      `a Box–Cox lambda of ${spec.lambda} needs positive values; observation ${i + 1} is ${y[i]}`,
      { value: String(y[i]) },
    );
  }
  return spec.lambda;
}

/** Variance on the transformed scale implied by the widest central interval of a forecast, by step. */
function impliedVariance(f: Forecast, t: number): number {
  const i = f.levels.indexOf(Math.max(...f.levels));
  if (i < 0) return 0;
  const z = normalQuantile(0.5 + f.levels[i] / 200);
  return ((f.upper[i][t] - f.lower[i][t]) / (2 * z)) ** 2;
}

/** Whether a fit was made on the transformed scale (else it is the wrapped model's own fit). */
function isTransformed(fit: Fit): boolean {
  return fit.model.startsWith('boxcox:');
}

/**
 * The `boxcox` family, built on a resolver of registry names (the full registry, which lists this family, so it
 * is handed in rather than imported).
 */
export function transformFamily(resolve: (name: string) => ResolvedModel): ModelDefinition<TransformSpec, Fit> {
  const inner = (fit: Fit) => {
    const state = fit.state as TransformState;
    return { state, definition: resolve(state.fit.model).definition };
  };
  return {
    name: 'boxcox',
    description: 'boxcox:<lambda|guerrero|auto>[,biasadj]/<model>: the model on the Box-Cox transformed series',
    parse: parseTransform,
    minLength(spec, m) {
      const r = resolve(spec.model);
      return r.definition.minLength(r.spec, m);
    },
    fit(series: SeriesData, spec: TransformSpec): Fit {
      const r = resolve(spec.model);
      const lambda = chooseLambda(series.y, series.seasonLength, spec);
      if (lambda === null) return r.definition.fit(series, r.spec);
      const z = series.y.map((v) => boxCox(v, lambda));
      const fit = r.definition.fit({ ...series, y: z }, r.spec);
      const fitted = fit.fitted.map((w) => invBoxCox(w, lambda));
      const flags = spec.biasadj ? ',biasadj' : '';
      return {
        model: `boxcox:${lambda}${flags}/${fit.model}`,
        spec: { lambda, biasadj: spec.biasadj, model: fit.model },
        nobs: fit.nobs,
        params: { lambda, ...fit.params },
        state: { lambda, fit } satisfies TransformState as unknown as Fit['state'],
        fitted,
        residuals: fitted.map((f, i) => series.y[i] - f),
        sigma2: fit.sigma2,
        // likelihoods on the transformed scale are not comparable with untransformed fits
        loglik: null,
        aic: null,
        aicc: null,
        bic: null,
        details: { lambda, transformed: fit.model, ...(fit.details ?? {}) },
      };
    },
    forecast(fit: Fit, horizon: number, levels: readonly number[], future?: FutureData): Forecast {
      // a fit left untransformed (auto on a series that is not positive) is the model's own
      if (!isTransformed(fit)) return resolve(fit.model).definition.forecast(fit, horizon, levels, future);
      const { state, definition } = inner(fit);
      const biasadj = (fit.spec as TransformSpec).biasadj;
      const asked = biasadj && levels.length === 0 ? [80] : levels;
      const f = definition.forecast(state.fit, horizon, asked, future);
      const mean = new Float64Array(horizon);
      for (let t = 0; t < horizon; t++)
        mean[t] = biasadj
          ? biasAdjusted(f.mean[t], impliedVariance(f, t), state.lambda)
          : invBoxCox(f.mean[t], state.lambda);
      const back = (a: Float64Array) => a.map((w) => invBoxCox(w, state.lambda));
      const keep = levels.map((l) => f.levels.indexOf(l));
      return {
        mean,
        levels: [...levels],
        lower: keep.map((i) => back(f.lower[i])),
        upper: keep.map((i) => back(f.upper[i])),
      };
    },
    simulate(fit: Fit, horizon: number, count: number, rng: Rng, future?: FutureData): Float64Array[] {
      // a fit left untransformed is simulated by its own model; a transformed one on its scale, then back
      const own = isTransformed(fit) ? (fit.state as TransformState).fit : fit;
      const definition = resolve(own.model).definition;
      // a model without a simulator (naive, theta:stm, croston): the Gaussian paths of its intervals, on its scale
      const paths = definition.simulate
        ? definition.simulate(own, horizon, count, rng, future)
        : intervalPaths(definition.forecast(own, horizon, [95], future), horizon, count, rng);
      if (own === fit) return paths;
      const { lambda } = fit.state as TransformState;
      return paths.map((p) => p.map((w) => invBoxCox(w, lambda)));
    },
  };
}
