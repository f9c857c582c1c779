/**
 * The study behind the fused forecast's defaults, on every development collection at once (M1 yearly,
 * quarterly and monthly, M4 weekly and hourly):
 *
 *   node --import tsx bench/fusion-study.ts dump <set> [--limit N] [--shard i/n]
 *   node --import tsx bench/fusion-study.ts eval [set,set,...] [--rules a,b]   (a rule whose name contains a; =a: named a)
 *
 * `dump` fits every candidate member to each training series (its forecast of the test period with 80% and 95%
 * intervals) and runs the ensemble's validation step (`validationOrigins`: the product's origins and fixed
 * validation horizon) with each member's chosen form refitted at every origin; one JSON line per series in
 * .bench-out/fusion-<set>[.<shard>].jsonl. `eval` replays fusion rules on the dumps through the product's own
 * functions (`fuseValidation`, `fuseForecasts`) and prints, per collection, sMAPE, MASE, OWA against naive2, the
 * coverage of the 80% and 95% intervals and MSIS at 95% for each rule and for each member alone.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA, arg, benchSeasons, readLong } from './m4-data.js';
import {
  fuseForecasts,
  fuseValidation,
  fusedCentre,
  parseEnsemble,
  seriesMembers,
  validationHorizon,
  validationOrigins,
  type EnsembleSpec,
  type Fusion,
  type MemberValidation,
} from '../src/ensemble/ensemble.js';
import {
  conformalQuantile,
  mixtureQuantile,
  pooledCalibration,
  scoreScale,
  type StepCalibration,
} from '../src/ensemble/conformal.js';
import { type ResolvedModel } from '../src/models/registry.js';
import { resolveModel } from '../src/ensemble/registry.js';
import { runModel } from '../src/models/run-model.js';
import type { Forecast } from '../src/models/types.js';
import { smape } from '../src/evaluate/metrics/smape.js';
import { mase, maseScale } from '../src/evaluate/metrics/mase.js';

const OUT = '.bench-out';
const LEVELS = [80, 95];
const CANDIDATES = ['ets', 'arima', 'theta', 'damped', 'snaive', 'naive', 'drift'];
const SETS = ['m1-yearly', 'm1-quarterly', 'm1-monthly', 'm4-weekly', 'm4-hourly'];

interface Plain {
  mean: number[];
  lower: number[][];
  upper: number[][];
}

interface SeriesRecord {
  id: string;
  y: number[];
  m: number;
  names: string[];
  forms: string[];
  /** Oldest first; actual values available (may be fewer than the validation horizon). */
  windows: { origin: number; actual: number[]; members: Plain[] }[];
  test: { actual: number[]; members: Plain[] };
}

interface Meta {
  season: number;
  horizon: number;
  mase_m: number;
}

const plain = (f: Forecast): Plain => ({
  mean: Array.from(f.mean),
  lower: f.lower.map((a) => Array.from(a)),
  upper: f.upper.map((a) => Array.from(a)),
});
const typed = (f: Plain, h?: number): Forecast => {
  const n = h ?? f.mean.length;
  return {
    mean: Float64Array.from(f.mean.slice(0, n)),
    levels: LEVELS,
    lower: f.lower.map((a) => Float64Array.from(a.slice(0, n))),
    upper: f.upper.map((a) => Float64Array.from(a.slice(0, n))),
  };
};

function readMeta(set: string): Meta {
  // a dump made with --reselect is read as the set `reselect-<set>`; its meta is the set's own
  const name = set.replace(/^reselect-/, '');
  return JSON.parse(readFileSync(join(DATA, name, 'meta.json'), 'utf8')) as Meta;
}

function refit(form: string | undefined, requested: ResolvedModel): ResolvedModel {
  if (form && form !== requested.name && form.includes(':')) {
    try {
      return resolveModel(form);
    } catch {
      return requested;
    }
  }
  return requested;
}

function dump(set: string): void {
  const meta = readMeta(set);
  const train = readLong(join(DATA, set, 'train.csv'));
  const test = readLong(join(DATA, set, 'test.csv'));
  const limit = Number(arg('limit', '0')) || Infinity;
  const [shard, shards] = arg('shard', '0/1').split('/').map(Number);
  const seasonLengths = benchSeasons(set, { season: meta.season, horizon: meta.horizon, mase_m: meta.mase_m });
  const names = seasonLengths.length > 1 ? [...CANDIDATES, 'mstl'] : CANDIDATES;
  const resolved = names.map((n) => resolveModel(n));
  mkdirSync(OUT, { recursive: true });
  const tag = process.argv.includes('--reselect') ? 'reselect-' : '';
  const path = join(OUT, `fusion-${tag}${set}${shards > 1 ? `.${shard}` : ''}.jsonl`);
  const lines: string[] = [];
  writeFileSync(path, '');
  let index = 0;
  const started = Date.now();
  const spec = parseEnsemble(undefined);
  for (const [id, values] of train) {
    if (index >= limit) break;
    if (index++ % shards !== shard) continue;
    const series = { y: Float64Array.from(values), seasonLength: meta.season, seasonLengths };
    const h = meta.horizon;
    const full = resolved.map((r) => runModel(series, r, h, LEVELS));
    const forms = full.map((run, j) => refit(run.fit?.model, resolved[j]));
    const vh = validationHorizon(spec, meta.season);
    const windows = validationOrigins(
      values.length,
      vh,
      spec.windows,
      Math.max(...forms.map((f) => f.definition.minLength(f.spec, meta.season))),
      meta.season,
    ).map((origin) => {
      const sub = { ...series, y: series.y.subarray(0, origin) };
      const actual = values.slice(origin, origin + vh);
      const used = process.argv.includes('--reselect') ? resolved : forms;
      return { origin, actual, members: used.map((f) => plain(runModel(sub, f, vh, LEVELS).forecast!)) };
    });
    const record: SeriesRecord = {
      id,
      y: values,
      m: meta.season,
      names,
      forms: full.map((run) => run.fit?.model ?? run.used),
      windows,
      test: { actual: test.get(id)!, members: full.map((run) => plain(run.forecast!)) },
    };
    lines.push(JSON.stringify(record));
    appendFileSync(path, JSON.stringify(record) + '\n');
    if (lines.length % 50 === 0)
      process.stderr.write(`${set}: ${lines.length} series, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  }
  process.stderr.write(`wrote ${path} (${lines.length} series, ${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
}

/**
 * `dump <set> --extra a,b`: fits further candidate members at the origins of the existing dump of the set and writes
 * them to .bench-out/fusion-extra-<set>.jsonl, which `eval` appends to the records (same windows, so the rules see
 * the extra members as if dumped with the others).
 */
function dumpExtra(set: string, extra: string[]): void {
  const meta = readMeta(set);
  const test = readLong(join(DATA, set, 'test.csv'));
  const seasonLengths = benchSeasons(set, { season: meta.season, horizon: meta.horizon, mase_m: meta.mase_m });
  const resolved = extra.map((n) => resolveModel(n));
  const path = join(OUT, `fusion-extra-${set}.jsonl`);
  writeFileSync(path, '');
  const started = Date.now();
  let count = 0;
  for (const record of readDump(set, false)) {
    const series = { y: Float64Array.from(record.y), seasonLength: meta.season, seasonLengths };
    const full = resolved.map((r) => runModel(series, r, meta.horizon, LEVELS));
    const forms = full.map((run, j) => refit(run.fit?.model, resolved[j]));
    const windows = record.windows.map((w) => {
      const sub = { ...series, y: series.y.subarray(0, w.origin) };
      return {
        origin: w.origin,
        actual: w.actual,
        members: forms.map((f) => plain(runModel(sub, f, w.actual.length, LEVELS).forecast!)),
      };
    });
    const out: SeriesRecord = {
      id: record.id,
      y: [],
      m: record.m,
      names: extra,
      forms: full.map((run) => run.fit?.model ?? run.used),
      windows,
      test: { actual: test.get(record.id)!, members: full.map((run) => plain(run.forecast!)) },
    };
    appendFileSync(path, JSON.stringify(out) + '\n');
    if (++count % 100 === 0)
      process.stderr.write(`${set}: ${count} series, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  }
  process.stderr.write(`wrote ${path} (${count} series)\n`);
}

function readDump(set: string, withExtra = true): SeriesRecord[] {
  const files = [join(OUT, `fusion-${set}.jsonl`)];
  for (let s = 0; s < 8; s++) files.push(join(OUT, `fusion-${set}.${s}.jsonl`));
  const records: SeriesRecord[] = [];
  for (const f of files) {
    if (!existsSync(f)) continue;
    for (const line of readFileSync(f, 'utf8').split('\n')) if (line) records.push(JSON.parse(line) as SeriesRecord);
  }
  const extraPath = join(OUT, `fusion-extra-${set}.jsonl`);
  if (withExtra && existsSync(extraPath)) {
    const extras = new Map<string, SeriesRecord>();
    for (const line of readFileSync(extraPath, 'utf8').split('\n'))
      if (line) {
        const e = JSON.parse(line) as SeriesRecord;
        extras.set(e.id, e);
      }
    for (const r of records) {
      const e = extras.get(r.id);
      if (!e) continue;
      r.names = [...r.names, ...e.names];
      r.forms = [...r.forms, ...e.forms];
      r.windows.forEach((w, k) => w.members.push(...e.windows[k].members));
      r.test.members.push(...e.test.members);
    }
  }
  return records;
}

/** A fusion rule to replay: members and spec overrides; `member` scores one member alone (its own intervals). */
interface Rule {
  name: string;
  members?: string[];
  spec?: Partial<EnsembleSpec>;
  member?: string;
  /** Members added to the product's members of each series (from a `dump --extra`). */
  add?: string[];
  /** Interval rule replayed here instead of the product's per-series calibration. */
  calibration?: Calibration;
}

interface Case {
  id: string;
  y: Float64Array;
  actual: Float64Array;
  fc: Forecast;
  /** Spread before calibration (fusedCentre). */
  se: Float64Array;
  scores: (number | null)[][];
  /** What the fused forecast was made from (absent for a member alone), so a calibration can be replayed. */
  fused?: { members: Forecast[]; spec: EnsembleSpec; fusion: Fusion };
}

function cases(records: SeriesRecord[], rule: Rule): Case[] {
  const base = parseEnsemble(undefined);
  const out: Case[] = [];
  for (const r of records) {
    const actual = Float64Array.from(r.test.actual);
    const y = Float64Array.from(r.y);
    if (rule.member) {
      const j = r.names.indexOf(rule.member);
      if (j < 0) continue;
      out.push({ id: r.id, y, actual, fc: typed(r.test.members[j]), se: new Float64Array(actual.length), scores: [] });
      continue;
    }
    const seasonLengths = r.names.includes('mstl') ? [r.m, 168] : [r.m];
    const wanted = rule.members ?? [
      ...seriesMembers(base, { y, seasonLength: r.m, seasonLengths }),
      ...(rule.add ?? []),
    ];
    const keep = wanted.map((n) => r.names.indexOf(n)).filter((j) => j >= 0);
    const spec: EnsembleSpec = { ...base, ...rule.spec, members: keep.map((j) => r.names[j]), multiSeason: false };
    const validation: MemberValidation = {
      members: keep.map((j) => ({ name: r.names[j], form: r.forms[j], fit: null, fallbackReason: null })),
      horizon: validationHorizon(spec, r.m),
      origins: r.windows.map((w) => w.origin),
      errors: keep.map((j) => r.windows.flatMap((w) => w.actual.map((a, s) => a - w.members[j].mean[s]))),
      windows: r.windows.map((w) => ({
        origin: w.origin,
        actual: Float64Array.from(w.actual),
        forecasts: keep.map((j) => typed(w.members[j], w.actual.length)),
      })),
    };
    const fusion = fuseValidation(validation, spec, y, r.m);
    const members = keep.map((j) => typed(r.test.members[j]));
    const fc = fuseForecasts(members, LEVELS, spec, fusion);
    const { se } = fusedCentre(members, spec, fusion);
    out.push({ id: r.id, y, actual, fc, se, scores: fusion.scores, fused: { members, spec, fusion } });
  }
  return out;
}

/**
 * Replaces the intervals: 'pooled-step' replays the product's batch calibration (`pooledCalibration` through
 * `fuseForecasts`); 'hybrid', a variant the product did not take, pools by step with neighbours and multiplies by
 * a per-series relative scale.
 */
type Calibration =
  | 'pooled-step'
  | 'pooled-score'
  | 'hybrid'
  | 'naive-scale'
  | 'blend'
  | 'length-matched'
  | 'signed'
  | 'length-trend'
  | 'final-se'
  | 'relative-scale'
  | `recent-${number}`
  | 'lone-floor'
  | 'lone-windows';

/**
 * Each series calibrated on its own scores, as a lone series is (the product's `calibratedMultiplier`), with the
 * scale c changed: 'lone-floor' never below 1 (the calibration only widens the members' own spread), 'lone-windows'
 * estimated with each window as one piece of evidence (c^2 = (W · mean s^2 + 1) / (W + 1): one window's worth of
 * prior at c = 1) instead of each score, since a window's errors move together.
 */
function recalibrateLone(all: Case[], kind: 'lone-floor' | 'lone-windows'): void {
  for (const c of all) {
    if (!c.fused || c.scores.length === 0) continue;
    const { scale, logVariance, windows } = scoreScale(c.scores);
    let k = scale;
    if (kind === 'lone-floor') k = Math.max(1, scale);
    else {
      let ss = 0,
        n = 0;
      for (const w of c.scores)
        for (const x of w)
          if (x !== null && Number.isFinite(x)) {
            ss += x * x;
            n++;
          }
      k = n > 0 ? Math.sqrt((windows * (ss / n) + 1) / (windows + 1)) : 1;
    }
    LEVELS.forEach((level, i) => {
      const q = k * mixtureQuantile(level, logVariance);
      for (let t = 0; t < c.actual.length; t++) {
        c.fc.lower[i][t] = c.fc.mean[t] - q * c.se[t];
        c.fc.upper[i][t] = c.fc.mean[t] + q * c.se[t];
      }
    });
  }
}

/**
 * Level at origin o (mean of the last max(m, 1) observations before it) times the series' relative volatility
 * (mean |y_t - y_{t-k}| / |y_{t-k}| over the whole history, k = m when two seasons fit): a normalizer in the
 * units of the window's own level, so that a growing series' errors are measured against its level then.
 */
function relativeNorm(y: Float64Array, origin: number, m: number): number {
  const k = m > 1 && y.length > 2 * m ? m : 1;
  let sum = 0,
    n = 0;
  for (let t = k; t < y.length; t++) {
    if (y[t - k] !== 0) {
      sum += Math.abs(y[t] - y[t - k]) / Math.abs(y[t - k]);
      n++;
    }
  }
  const span = Math.max(1, m);
  let level = 0,
    c = 0;
  for (let t = Math.max(0, origin - span); t < origin; t++) {
    level += Math.abs(y[t]);
    c++;
  }
  return n > 0 && c > 0 ? (sum / n) * (level / c) : NaN;
}

function recalibrateRelative(all: Case[], m: number): void {
  const sets = all.map((c) =>
    (c.fused!.fusion.errors ?? []).map((w) => {
      const d = relativeNorm(c.y, w.origin, m); // one normalizer per window
      return w.error.map((e) => (e === null || !(d > 0) ? null : Math.abs(e) / d));
    }),
  );
  const cal = pooledCalibration(sets, 50, 'series');
  if (!cal) return;
  for (const c of all) {
    const d = relativeNorm(c.y, c.y.length, m);
    LEVELS.forEach((level, i) => {
      const q = mixtureQuantile(level, cal.logVariance);
      for (let t = 0; t < c.actual.length; t++) {
        const half = cal.scale[Math.min(t, cal.scale.length - 1)] * q * d;
        c.fc.lower[i][t] = c.fc.mean[t] - half;
        c.fc.upper[i][t] = c.fc.mean[t] + half;
      }
    });
  }
}

/** Makes every fused case's forecast again with the pooled `calibration` (as the product's batch calibration does). */
function applyPooled(all: Case[], calibration: StepCalibration | null): void {
  for (const c of all)
    if (c.fused) c.fc = fuseForecasts(c.fused.members, LEVELS, c.fused.spec, { ...c.fused.fusion, calibration });
}

/**
 * Pooled by step as 'pooled-step', but each validation error is divided by the spread of the forecast to be
 * calibrated (the fused se at the last origin, step by step) instead of the spread at the window's own origin:
 * the scores then say how large errors are against the se that the interval will multiply.
 */
function recalibrateFinalSe(all: Case[]): void {
  const sets = all.map((c) =>
    (c.fused!.fusion.errors ?? []).map((w) =>
      w.error.map((e, t) => {
        const se = c.se[Math.min(t, c.se.length - 1)];
        return e === null || !(se > 0) ? null : Math.abs(e) / se;
      }),
    ),
  );
  applyPooled(all, pooledCalibration(sets, 50, 'series'));
}

/**
 * Pooled by step as 'pooled-step', after each score is carried to the history length of the forecast: the batch's
 * within-series slope b of log score on log origin (series and step held fixed) gives s · (n / origin)^b.
 */
function recalibrateLengthTrend(all: Case[]): void {
  let sxy = 0,
    sxx = 0;
  for (const c of all) {
    const errs = c.fused!.fusion.errors ?? [];
    const steps = Math.max(0, ...c.scores.map((w) => w.length));
    for (let t = 0; t < steps; t++) {
      const pts: { x: number; y: number }[] = [];
      c.scores.forEach((w, k) => {
        const s = w[t];
        if (s !== null && s !== undefined && Number.isFinite(s))
          pts.push({ x: Math.log(errs[k].origin), y: Math.log(Math.max(s, 1e-3)) });
      });
      if (pts.length < 2) continue;
      const mx = pts.reduce((a, p) => a + p.x, 0) / pts.length;
      const my = pts.reduce((a, p) => a + p.y, 0) / pts.length;
      for (const p of pts) {
        sxy += (p.x - mx) * (p.y - my);
        sxx += (p.x - mx) ** 2;
      }
    }
  }
  const b = sxx > 0 ? sxy / sxx : 0;
  process.stdout.write(`   length trend b = ${b.toFixed(3)}\n`);
  const carried = all.map((c) => {
    const errs = c.fused!.fusion.errors ?? [];
    return c.scores.map((w, k) => w.map((s) => (s === null ? null : s * (c.y.length / errs[k].origin) ** b)));
  });
  applyPooled(all, pooledCalibration(carried, 50, 'series'));
}

/** In-sample mean absolute difference at lag k of y[0 .. n) (the MASE scale), k = m when two seasons fit, else 1. */
function naiveScale(y: Float64Array, n: number, m: number): number {
  const k = m > 1 && n > 2 * m ? m : 1;
  let sum = 0;
  for (let t = k; t < n; t++) sum += Math.abs(y[t] - y[t - k]);
  return n > k ? sum / (n - k) : NaN;
}

/**
 * Pooled by step as 'pooled-step', but the errors are divided by a normalizer that means the same at every
 * origin: the series' naive scale up to the origin ('naive-scale'), or the geometric mean of it and the members'
 * se ('blend').
 */
function recalibrateScaled(all: Case[], kind: 'naive-scale' | 'blend', m: number): void {
  const norm = (c: Case, origin: number, se: number): number => {
    const s = naiveScale(c.y, origin, m);
    return kind === 'naive-scale' ? s : Math.sqrt(s * se);
  };
  const sets = all.map((c) =>
    (c.fused!.fusion.errors ?? []).map((w) =>
      w.error.map((e, t) => {
        const se = w.se[t];
        if (e === null || se === null) return null;
        const d = norm(c, w.origin, se);
        return d > 0 ? Math.abs(e) / d : null;
      }),
    ),
  );
  const cal = pooledCalibration(sets, 50, 'series');
  if (!cal) return;
  for (const c of all) {
    LEVELS.forEach((level, i) => {
      const q = mixtureQuantile(level, cal.logVariance);
      for (let t = 0; t < c.actual.length; t++) {
        const d = norm(c, c.y.length, c.se[t]);
        const half = cal.scale[Math.min(t, cal.scale.length - 1)] * q * d;
        c.fc.lower[i][t] = c.fc.mean[t] - half;
        c.fc.upper[i][t] = c.fc.mean[t] + half;
      }
    });
  }
}

/**
 * Pooled by step as 'pooled-step', but each series is calibrated from the validation windows whose origin left a
 * history of about its own length (within a factor r = 1.25, widened by 1.25 until the windows come from 50
 * series): the scores of fits on a history like the one the forecast is made from.
 */
function recalibrateLengthMatched(all: Case[]): void {
  const windows = all.flatMap((c) =>
    (c.fused!.fusion.errors ?? []).map((w, k) => ({ series: c, origin: w.origin, scores: c.fused!.fusion.scores[k] })),
  );
  for (const c of all) {
    const n = c.y.length;
    let picked: typeof windows = [];
    for (let r = 1.25; r < 100; r *= 1.25) {
      picked = windows.filter((w) => w.origin >= n / r && w.origin <= n * r);
      const seriesCount = new Set(picked.map((w) => w.series)).size;
      if (seriesCount >= 50 || picked.length >= windows.length) break;
    }
    const bySeries = new Map<Case, (number | null)[][]>();
    for (const w of picked) {
      const list = bySeries.get(w.series) ?? [];
      list.push(w.scores);
      bySeries.set(w.series, list);
    }
    const cal = pooledCalibration([...bySeries.values()], Math.min(50, picked.length), 'series');
    if (!cal) continue;
    c.fc = fuseForecasts(c.fused!.members, LEVELS, c.fused!.spec, { ...c.fused!.fusion, calibration: cal });
  }
}

/**
 * Split-conformal on the signed scores (y - yhat) / se pooled by step (series weighted, steps short of 50 scores
 * borrow their neighbours'): the interval at level L runs from the (1 - L)/2 to the (1 + L)/2 quantile, so a
 * centre that is biased in the validation windows is corrected in the interval (not in the point forecast).
 */
function recalibrateSigned(all: Case[]): void {
  const byStep: { z: number; w: number }[][] = [];
  for (const c of all) {
    const errs = c.fused!.fusion.errors ?? [];
    const counts: number[] = [];
    for (const w of errs)
      w.error.forEach((e, t) => e !== null && w.se[t] !== null && (counts[t] = (counts[t] ?? 0) + 1));
    for (const w of errs)
      w.error.forEach((e, t) => {
        const se = w.se[t];
        if (e !== null && se !== null) (byStep[t] ??= []).push({ z: e / se, w: 1 / counts[t] });
      });
  }
  const quantile = (xs: { z: number; w: number }[], p: number): number => {
    const total = xs.reduce((a, x) => a + x.w, 0);
    let cum = 0;
    for (const x of xs) {
      cum += x.w;
      if (cum >= p * (total + 1)) return x.z;
    }
    return xs[xs.length - 1].z;
  };
  const bounds = byStep.map((_, t) => {
    const pooled = [...(byStep[t] ?? [])];
    for (let r = 1; pooled.length < 50 && (t - r >= 0 || t + r < byStep.length); r++)
      pooled.push(...(byStep[t - r] ?? []), ...(byStep[t + r] ?? []));
    pooled.sort((a, b) => a.z - b.z);
    const neg = pooled.map((x) => ({ z: -x.z, w: x.w })).reverse();
    return LEVELS.map((level) => {
      const a = (1 - level / 100) / 2;
      return [-quantile(neg, 1 - a), quantile(pooled, 1 - a)];
    });
  });
  for (const c of all) {
    LEVELS.forEach((_, i) => {
      for (let t = 0; t < c.actual.length; t++) {
        const [lo, hi] = bounds[Math.min(t, bounds.length - 1)][i];
        c.fc.lower[i][t] = c.fc.mean[t] + lo * c.se[t];
        c.fc.upper[i][t] = c.fc.mean[t] + hi * c.se[t];
      }
    });
  }
}

function recalibrate(all: Case[], kind: Calibration, m = 1): void {
  if (kind === 'signed') return recalibrateSigned(all);
  if (kind === 'final-se') return recalibrateFinalSe(all);
  if (kind === 'lone-floor' || kind === 'lone-windows') return recalibrateLone(all, kind);
  if (kind === 'relative-scale') return recalibrateRelative(all, m);
  if (kind === 'length-trend') return recalibrateLengthTrend(all);
  if (kind === 'length-matched') return recalibrateLengthMatched(all);
  if (kind === 'naive-scale' || kind === 'blend') return recalibrateScaled(all, kind, m);
  if (kind === 'pooled-step' || kind === 'pooled-score' || kind.startsWith('recent-')) {
    // recent-r: pooled by step with the windows weighing r^age instead of the product's WINDOW_RECENCY
    const recency = kind.startsWith('recent-') ? Number(kind.slice('recent-'.length)) : undefined;
    const weighting = kind === 'pooled-score' ? 'score' : 'series';
    return applyPooled(
      all,
      pooledCalibration(
        all.map((c) => c.scores),
        50,
        weighting,
        recency,
      ),
    );
  }
  const steps = Math.max(...all.map((c) => c.actual.length));
  const byStep: number[][] = Array.from({ length: steps }, () => []);
  for (const c of all) for (const w of c.scores) w.forEach((s, t) => s !== null && t < steps && byStep[t].push(s));
  // neighbours pooled so that long steps with few scores borrow from the next shorter ones
  const pooled = byStep.map((_, t) =>
    [...(byStep[t - 1] ?? []), ...byStep[t], ...(byStep[t + 1] ?? [])].sort((a, b) => a - b),
  );
  let last = pooled[0];
  const usable = pooled.map((p) => (p.length >= 20 ? (last = p) : last));
  const rms = usable.map((p) => Math.sqrt(p.reduce((a, b) => a + b * b, 0) / Math.max(1, p.length)));
  for (const c of all) {
    let ss = 0,
      n = 0;
    for (const w of c.scores)
      w.forEach((s, t) => {
        if (s !== null && t < steps && rms[t] > 0) {
          ss += (s / rms[t]) ** 2;
          n++;
        }
      });
    const relative = Math.sqrt((ss + 10) / (n + 10));
    LEVELS.forEach((level, i) => {
      for (let t = 0; t < c.actual.length; t++) {
        const q = conformalQuantile(usable[Math.min(t, steps - 1)], level / 100) * relative;
        c.fc.lower[i][t] = c.fc.mean[t] - q * c.se[t];
        c.fc.upper[i][t] = c.fc.mean[t] + q * c.se[t];
      }
    });
  }
}

function score(all: Case[], meta: Meta, naive2: Map<string, Float64Array>): Totals {
  const t: Totals = {
    series: 0,
    smape: 0,
    mase: 0,
    n2smape: 0,
    n2mase: 0,
    inside: LEVELS.map(() => 0),
    points: 0,
    msis: 0,
  };
  for (const c of all) {
    const { actual, y, fc } = c;
    const scale = maseScale(y, meta.mase_m);
    const n2 = naive2.get(c.id)!;
    t.series++;
    t.smape += smape(actual, fc.mean);
    t.mase += mase(actual, fc.mean, y, meta.mase_m);
    t.n2smape += smape(actual, n2);
    t.n2mase += mase(actual, n2, y, meta.mase_m);
    const a = 0.05;
    let msis = 0;
    for (let s = 0; s < actual.length; s++) {
      t.points++;
      LEVELS.forEach((_, i) => {
        if (actual[s] >= fc.lower[i][s] && actual[s] <= fc.upper[i][s]) t.inside[i]++;
      });
      const lo = fc.lower[1][s],
        hi = fc.upper[1][s];
      msis += hi - lo + (2 / a) * Math.max(0, lo - actual[s]) + (2 / a) * Math.max(0, actual[s] - hi);
    }
    t.msis += msis / actual.length / scale;
  }
  return t;
}

interface Totals {
  series: number;
  smape: number;
  mase: number;
  n2smape: number;
  n2mase: number;
  inside: number[];
  points: number;
  msis: number;
}

const FIVE = ['ets', 'arima', 'theta', 'damped', 'snaive'];
const RULES: Rule[] = [
  ...['ets', 'arima', 'theta', 'damped', 'snaive', 'naive', 'drift', 'mstl'].map((member) => ({
    name: `member ${member}`,
    member,
  })),
  { name: 'default' },
  { name: 'default, pooled-step', calibration: 'pooled-step' },
  { name: 'default, pooled-score', calibration: 'pooled-score' },
  { name: 'default, hybrid', calibration: 'hybrid' },
  { name: 'default, naive-scale', calibration: 'naive-scale' },
  { name: 'default, blend', calibration: 'blend' },
  { name: 'default, length-matched', calibration: 'length-matched' },
  { name: 'default, signed', calibration: 'signed' },
  { name: 'default, length-trend', calibration: 'length-trend' },
  { name: 'default, final-se', calibration: 'final-se' },
  { name: 'default, relative-scale', calibration: 'relative-scale' },
  ...[1, 0.7, 0.5, 0.3, 0].map((r): Rule => ({ name: `default, recent-${r}`, calibration: `recent-${r}` })),
  { name: '+ log theta, pooled-step', add: ['boxcox:auto/theta'], calibration: 'pooled-step' },
  { name: 'mean + log theta', add: ['boxcox:auto/theta'], spec: { combination: 'mean' } },
  { name: 'member boxcox:auto/theta', member: 'boxcox:auto/theta' },
  { name: '+ log damped, pooled-step', add: ['boxcox:auto/damped'], calibration: 'pooled-step' },
  {
    name: '+ log theta + log damped, pooled-step',
    add: ['boxcox:auto/theta', 'boxcox:auto/damped'],
    calibration: 'pooled-step',
  },
  { name: 'default, lone-floor', calibration: 'lone-floor' },
  { name: 'default, lone-windows', calibration: 'lone-windows' },
  { name: 'default, quantile pooling', spec: { pooling: 'quantile' } },
  { name: 'quantile pooling, pooled-step', spec: { pooling: 'quantile' }, calibration: 'pooled-step' },
  { name: 'quantile pooling, length-trend', spec: { pooling: 'quantile' }, calibration: 'length-trend' },
  { name: 'default + serial correction', spec: { serial: true } },
  { name: 'optimized', spec: { combination: 'optimized' } },
  { name: 'pool', spec: { combination: 'pool' } },
  { name: 'mean', spec: { combination: 'mean' } },
  { name: 'median', spec: { combination: 'median' } },
  { name: 'inverse, five (snaive on m = 1)', members: FIVE },
  { name: 'mean, five (snaive on m = 1)', members: FIVE, spec: { combination: 'mean' } },
  { name: 'inverse, five + drift', members: [...FIVE, 'drift'] },
  {
    name: 'previous default (optimized, serial, quantile)',
    members: FIVE,
    spec: { combination: 'optimized', serial: true, pooling: 'quantile' },
  },
];

function evalAll(): void {
  const sets = (process.argv[3] && !process.argv[3].startsWith('--') ? process.argv[3].split(',') : SETS).filter(
    (s) => readDump(s).length > 0,
  );
  const only = arg('rules', '');
  const chosen = only
    ? RULES.filter((r) => only.split(',').some((o) => (o.startsWith('=') ? r.name === o.slice(1) : r.name.includes(o))))
    : RULES;
  for (const set of sets) {
    const meta = readMeta(set);
    const records = readDump(set);
    const n2 = resolveModel('naive2');
    const naive2 = new Map(
      records.map((r) => [
        r.id,
        runModel({ y: Float64Array.from(r.y), seasonLength: meta.season }, n2, meta.horizon, []).forecast!.mean,
      ]),
    );
    process.stdout.write(
      `\n${set}: ${records.length} series\nrule                            sMAPE    MASE     OWA   cov80  cov95   MSIS\n`,
    );
    for (const rule of chosen) {
      const all = cases(records, rule);
      if (all.length === 0) continue;
      if (rule.calibration) recalibrate(all, rule.calibration, meta.season);
      const t = score(all, meta, naive2);
      const owa = (t.smape / t.n2smape + t.mase / t.n2mase) / 2;
      if (process.argv.includes('--centre')) {
        let above = 0,
          n = 0,
          aboveVal = 0,
          nVal = 0;
        for (const c of all) {
          c.actual.forEach((a, s) => {
            n++;
            if (a > c.fc.mean[s]) above++;
          });
          for (const w of c.fused?.fusion.errors ?? [])
            for (const e of w.error)
              if (e !== null) {
                nVal++;
                if (e > 0) aboveVal++;
              }
        }
        process.stdout.write(
          `   actual above the centre: test ${((100 * above) / n).toFixed(1)}%, validation ${nVal ? ((100 * aboveVal) / nVal).toFixed(1) : '-'}%\n`,
        );
      }
      const cov = t.inside.map((x) => ((100 * x) / t.points).toFixed(1));
      if (process.argv.includes('--by-step')) {
        const h = Math.max(...all.map((c) => c.actual.length));
        const by = Array.from({ length: h }, (_, t) => {
          let inside = 0,
            n = 0;
          for (const c of all)
            if (t < c.actual.length) {
              n++;
              if (c.actual[t] >= c.fc.lower[0][t] && c.actual[t] <= c.fc.upper[0][t]) inside++;
            }
          return ((100 * inside) / n).toFixed(0);
        });
        process.stdout.write(`   cov80 by step: ${by.join(' ')}\n`);
        if (rule.calibration === 'pooled-step') {
          // how the test's scores compare with the validation scores the calibration read, by step
          const cal = pooledCalibration(all.map((c) => c.scores))!;
          const ratio = Array.from({ length: h }, (_, t) => {
            const test = all
              .filter((c) => t < c.actual.length && c.se[t] > 0)
              .map((c) => Math.abs(c.actual[t] - c.fc.mean[t]) / c.se[t])
              .sort((a, b) => a - b);
            const val = all
              .flatMap((c) => c.scores.map((w) => w[t]))
              .filter((s): s is number => s !== null && s !== undefined && Number.isFinite(s))
              .sort((a, b) => a - b);
            return `${(conformalQuantile(test, 0.8) / conformalQuantile(val, 0.8)).toFixed(2)}(${val.length})`;
          });
          process.stdout.write(
            `   test/validation q80 by step: ${ratio.join(' ')} drift ${cal.logVariance.toFixed(3)}\n`,
          );
          const rho = Array.from({ length: h }, (_, t) => {
            const last: number[] = [];
            const older: number[] = [];
            for (const c of all) {
              const w = c.scores.length;
              c.scores.forEach((sc, k) => {
                const s = sc[t];
                if (s === null || s === undefined || !Number.isFinite(s)) return;
                (k === w - 1 ? last : older).push(s);
              });
            }
            last.sort((a, b) => a - b);
            older.sort((a, b) => a - b);
            return `${(conformalQuantile(last, 0.8) / conformalQuantile(older, 0.8)).toFixed(2)}(${last.length}/${older.length})`;
          });
          process.stdout.write(`   newest/older windows q80 by step: ${rho.join(' ')}\n`);
          // selection: the test scores of the series that gave validation scores at the step and of those that did not
          const split = Array.from({ length: h }, (_, t) => {
            const has: number[] = [];
            const lacks: number[] = [];
            for (const c of all) {
              if (!(t < c.actual.length && c.se[t] > 0)) continue;
              const s = Math.abs(c.actual[t] - c.fc.mean[t]) / c.se[t];
              const gave = c.scores.some((w) => w[t] !== null && w[t] !== undefined && Number.isFinite(w[t]!));
              (gave ? has : lacks).push(s);
            }
            has.sort((a, b) => a - b);
            lacks.sort((a, b) => a - b);
            return `${conformalQuantile(has, 0.8).toFixed(2)}(${has.length})/${conformalQuantile(lacks, 0.8).toFixed(2)}(${lacks.length})`;
          });
          process.stdout.write(`   test q80 with/without validation scores at the step: ${split.join(' ')}\n`);
          // the validation scores of the early steps, for the series that reach the last step and those that do not
          const reaches = (c: (typeof all)[number]) =>
            c.scores.some((w) => w[h - 1] !== null && w[h - 1] !== undefined && Number.isFinite(w[h - 1]!));
          const early = Array.from({ length: h }, (_, t) => {
            const a: number[] = [];
            const b: number[] = [];
            const ta: number[] = [];
            const tb: number[] = [];
            for (const c of all) {
              const r = reaches(c);
              for (const w of c.scores) {
                const v = w[t];
                if (v !== null && v !== undefined && Number.isFinite(v)) (r ? a : b).push(v);
              }
              if (t < c.actual.length && c.se[t] > 0)
                (r ? ta : tb).push(Math.abs(c.actual[t] - c.fc.mean[t]) / c.se[t]);
            }
            for (const x of [a, b, ta, tb]) x.sort((u, v) => u - v);
            return `${conformalQuantile(a, 0.8).toFixed(2)}/${conformalQuantile(b, 0.8).toFixed(2)}(${b.length}) test ${conformalQuantile(ta, 0.8).toFixed(2)}/${conformalQuantile(tb, 0.8).toFixed(2)}`;
          });
          process.stdout.write(`   validation q80, reaching / not reaching the last step: ${early.join(' | ')}\n`);
        }
      }
      process.stdout.write(
        `${rule.name.padEnd(30)} ${(t.smape / t.series).toFixed(3).padStart(7)} ${(t.mase / t.series).toFixed(3).padStart(7)} ${owa.toFixed(4).padStart(7)} ${cov[0].padStart(6)} ${cov[1].padStart(6)} ${(t.msis / t.series).toFixed(2).padStart(7)}\n`,
      );
    }
  }
}

const [command, set] = process.argv.slice(2);
if (command === 'dump') {
  if (!SETS.includes(set)) throw new Error(`usage: fusion-study.ts dump ${SETS.join('|')}`);
  const extra = arg('extra', '');
  if (extra) dumpExtra(set, extra.split(','));
  else dump(set);
} else if (command === 'eval') evalAll();
else throw new Error('usage: fusion-study.ts dump <set> | eval [sets]');
