/**
 * How the ensemble's defaults were chosen, reproducibly and without looking at the M4 test periods:
 *
 *   node --import tsx bench/ensemble-study.ts dump weekly|hourly [--windows 4] [--limit N] [--shard i/n]
 *   node --import tsx bench/ensemble-study.ts eval weekly|hourly [--test]
 *
 * `dump` runs the ensemble's own validation step (`memberValidation`, default members, the bench's season
 * lengths: hourly series get 24 and 168 and so the MSTL member) with `--windows` rolling windows of the M4
 * horizon on every training series, plus the members' forecasts of the test period from their fits on the
 * whole training series, and writes one JSON line per series to .bench-out/ensemble-<set>[.<shard>].jsonl.
 * It is the slow part (every member refitted once per window; hourly takes about 8 minutes on two shards).
 *
 * `eval` replays fusion rules on the dump through the product's own `fuseValidation` / `fuseForecasts`.
 * Without `--test` the target is a pseudo-test: the last validation window, with the windows before it as
 * validation, so that choices see training data only. With `--test` the target is the real test period with
 * the last windows as validation (to confirm a choice once). Each row: sMAPE, MASE, OWA (against naive2 on
 * the same target) and the coverage of the 80% / 95% intervals.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA, arg, benchSeasons, readLong, readMeta } from './m4-data.js';
import {
  MULTI_SEASON_MEMBER,
  fuseForecasts,
  fuseValidation,
  memberForecasts,
  memberValidation,
  parseEnsemble,
  type EnsembleSpec,
  type MemberValidation,
} from '../src/ensemble/ensemble.js';
import { impliedSe, mixtureQuantile, scoreScale } from '../src/ensemble/conformal.js';
import { resolveModel } from '../src/models/registry.js';
import { runModel } from '../src/models/run-model.js';
import type { Forecast } from '../src/models/types.js';
import { smape } from '../src/evaluate/metrics/smape.js';
import { mase } from '../src/evaluate/metrics/mase.js';
import { normalQuantile } from '../src/core/stats/normal.js';
import { studentTQuantile } from '../src/core/stats/student-t.js';
import { logGamma } from '../src/core/stats/gamma.js';

const OUT = '.bench-out';
const LEVELS = [80, 95];

interface MemberForecast {
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
  /** Oldest first; member forecasts carry the 95% interval. */
  windows: { actual: number[]; members: MemberForecast[] }[];
  /** Member forecasts of the test period with 80% and 95% intervals. */
  test: { actual: number[]; members: MemberForecast[] };
}

const plain = (f: Forecast): MemberForecast => ({ mean: Array.from(f.mean), lower: f.lower.map((a) => Array.from(a)), upper: f.upper.map((a) => Array.from(a)) });
const typed = (f: MemberForecast, levels: number[]): Forecast => ({
  mean: Float64Array.from(f.mean),
  levels,
  lower: f.lower.map((a) => Float64Array.from(a)),
  upper: f.upper.map((a) => Float64Array.from(a)),
});

function dump(set: string): void {
  const meta = readMeta(set);
  const train = readLong(join(DATA, `m4-${set}`, 'train.csv'));
  const test = readLong(join(DATA, `m4-${set}`, 'test.csv'));
  const limit = Number(arg('limit', '0')) || Infinity;
  const [shard, shards] = arg('shard', '0/1').split('/').map(Number);
  const seasonLengths = benchSeasons(set, meta);
  const spec: EnsembleSpec = { ...parseEnsemble(undefined), windows: Number(arg('windows', '4')), horizon: meta.horizon };
  mkdirSync(OUT, { recursive: true });
  const path = join(OUT, `ensemble-${set}${shards > 1 ? `.${shard}` : ''}.jsonl`);
  const lines: string[] = [];
  let index = 0;
  const started = Date.now();
  for (const [id, values] of train) {
    if (index >= limit) break;
    if (index++ % shards !== shard) continue;
    const series = { y: Float64Array.from(values), seasonLength: meta.season, seasonLengths };
    const v = memberValidation(series, spec);
    const testForecasts = memberForecasts(v.members, meta.horizon, LEVELS);
    const record: SeriesRecord = {
      id,
      y: values,
      m: meta.season,
      names: v.members.map((mem) => mem.name),
      forms: v.members.map((mem) => mem.form),
      windows: v.windows.map((w) => ({ actual: Array.from(w.actual), members: w.forecasts.map(plain) })),
      test: { actual: test.get(id)!, members: testForecasts.map(plain) },
    };
    lines.push(JSON.stringify(record));
    if (lines.length % 20 === 0) process.stderr.write(`${lines.length} series, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  }
  writeFileSync(path, lines.join('\n') + '\n');
  process.stderr.write(`wrote ${path}\n`);
}

function readDump(set: string): SeriesRecord[] {
  const files = [join(OUT, `ensemble-${set}.jsonl`)];
  for (let s = 0; existsSync(join(OUT, `ensemble-${set}.${s}.jsonl`)); s++) files.push(join(OUT, `ensemble-${set}.${s}.jsonl`));
  const records: SeriesRecord[] = [];
  for (const f of files) {
    if (!existsSync(f)) continue;
    for (const line of readFileSync(f, 'utf8').split('\n')) if (line) records.push(JSON.parse(line) as SeriesRecord);
  }
  if (records.length === 0) throw new Error(`no dump for ${set} in ${OUT}: run the dump command first`);
  return records;
}

/** A fusion rule to replay. */
interface Rule {
  name: string;
  /** Validation windows used (the most recent ones before the target). */
  windows: number;
  spec?: Partial<EnsembleSpec>;
  /** Interval rule: the product's, or an alternative replayed here. */
  calibration?: { kind: 'moment-t' } | { kind: 'fixed-t'; df: number } | { kind: 'drift'; variance: number; weight: number };
  /** Score only this member's point forecast. */
  member?: string;
  /** Members left out. */
  drop?: string[];
}

interface Case {
  actual: Float64Array;
  y: Float64Array;
  fused: Forecast;
  /** Standard error implied by the combined 95% interval before calibration. */
  se: Float64Array;
  /** Cross-fitted scores per validation window. */
  scores: number[][];
}

function evaluate(records: SeriesRecord[], rule: Rule, onTest: boolean, meta: { mase_m: number; season: number }) {
  const base = parseEnsemble(undefined);
  const cases: Case[] = [];
  for (const r of records) {
    const keep = r.names.map((_, j) => j).filter((j) => !rule.drop?.includes(r.names[j]));
    const spec: EnsembleSpec = { ...base, ...rule.spec, members: keep.map((j) => r.names[j]), multiSeason: false };
    const targetWindow = onTest ? null : r.windows[r.windows.length - 1];
    if (!onTest && !targetWindow) continue;
    const pool = onTest ? r.windows : r.windows.slice(0, -1);
    const used = pool.slice(Math.max(0, pool.length - rule.windows));
    const h = (onTest ? r.test.actual : targetWindow!.actual).length;
    const validation: MemberValidation = {
      members: keep.map((j) => ({ name: r.names[j], form: r.forms[j], fit: null, fallbackReason: null })),
      horizon: h,
      errors: keep.map((j) => used.flatMap((w) => w.actual.map((a, t) => a - w.members[j].mean[t]))),
      windows: used.map((w) => ({ actual: Float64Array.from(w.actual), forecasts: keep.map((j) => typed(w.members[j], [95])) })),
    };
    const yAll = Float64Array.from(r.y);
    const y = onTest ? yAll : yAll.subarray(0, yAll.length - h);
    const fusion = fuseValidation(validation, spec, y, r.m);
    const memberForecasts = onTest ? keep.map((j) => typed(r.test.members[j], LEVELS)) : keep.map((j) => typed(targetWindow!.members[j], [95]));
    const fused = fuseForecasts(memberForecasts, LEVELS, spec, fusion);
    const raw = fuseForecasts(memberForecasts, [95], { ...spec, conformal: false }, fusion);
    const se = Float64Array.from(raw.mean, (_, t) => impliedSe(raw.lower[0][t], raw.upper[0][t], 95));
    if (rule.member !== undefined) fused.mean = memberForecasts[keep.indexOf(r.names.indexOf(rule.member))].mean;
    cases.push({ actual: Float64Array.from(onTest ? r.test.actual : targetWindow!.actual), y, fused, se, scores: fusion.scores });
  }
  if (rule.calibration) for (const c of cases) recalibrate(c, rule.calibration);
  return score(cases, meta);
}

/** Replaces the intervals of a case by an alternative calibration rule (no scores: left as they are). */
function recalibrate(c: Case, rule: NonNullable<Rule['calibration']>): void {
  const all = c.scores.flat();
  if (all.length === 0) return;
  const { scale } = scoreScale(c.scores);
  const drift = rule.kind === 'drift' ? scoreScale(c.scores, { variance: rule.variance, windows: rule.weight }).logVariance : 0;
  LEVELS.forEach((level, i) => {
    const p = 0.5 + level / 200;
    let shape: number;
    if (rule.kind === 'fixed-t') shape = studentTQuantile(p, rule.df) * Math.sqrt((rule.df - 2) / rule.df);
    else if (rule.kind === 'moment-t') shape = momentShape(all, p);
    else shape = mixtureQuantile(level, drift);
    const q = scale * shape;
    for (let t = 0; t < c.se.length; t++) {
      c.fused.lower[i][t] = c.fused.mean[t] - q * c.se[t];
      c.fused.upper[i][t] = c.fused.mean[t] + q * c.se[t];
    }
  });
}

/**
 * The previous rule: a unit-variance Student t whose degrees of freedom (>= 4) match the scores' ratio
 * mean|s| / rms(s), shrunk toward t(4)'s with 10 pseudo-scores.
 */
function momentShape(scores: number[], p: number): number {
  const ratioOf = (df: number) => (Number.isFinite(df) ? (2 * Math.sqrt(df) * Math.exp(logGamma((df + 1) / 2) - logGamma(df / 2))) / (Math.sqrt(Math.PI) * (df - 1)) / Math.sqrt(df / (df - 2)) : Math.sqrt(2 / Math.PI));
  const n = scores.length;
  const observed = scores.reduce((s, x) => s + Math.abs(x), 0) / n / Math.sqrt(scores.reduce((s, x) => s + x * x, 0) / n);
  const ratio = (n * observed + 10 * ratioOf(4)) / (n + 10);
  let df: number;
  if (ratio >= ratioOf(Infinity) - 1e-6) df = Infinity;
  else if (ratio <= ratioOf(4)) df = 4;
  else {
    let lo = Math.log(4), hi = Math.log(1e4);
    for (let i = 0; i < 60; i++) {
      const mid = (lo + hi) / 2;
      if (ratioOf(Math.exp(mid)) < ratio) lo = mid;
      else hi = mid;
    }
    df = Math.exp((lo + hi) / 2);
  }
  return Number.isFinite(df) ? studentTQuantile(p, df) * Math.sqrt((df - 2) / df) : normalQuantile(p);
}

function score(cases: Case[], meta: { mase_m: number; season: number }) {
  let sm = 0, ms = 0, sm2 = 0, ms2 = 0;
  const inside = LEVELS.map(() => 0);
  let points = 0;
  const naive2 = resolveModel('naive2');
  for (const c of cases) {
    const h = c.actual.length;
    const n2 = runModel({ y: c.y, seasonLength: meta.season }, naive2, h, []).forecast!.mean;
    sm += smape(c.actual, c.fused.mean);
    ms += mase(c.actual, c.fused.mean, c.y, meta.mase_m);
    sm2 += smape(c.actual, n2);
    ms2 += mase(c.actual, n2, c.y, meta.mase_m);
    for (let t = 0; t < h; t++) {
      points++;
      LEVELS.forEach((_, i) => {
        if (c.actual[t] >= c.fused.lower[i][t] && c.actual[t] <= c.fused.upper[i][t]) inside[i]++;
      });
    }
  }
  return { series: cases.length, smape: sm / cases.length, mase: ms / cases.length, owa: (sm / sm2 + ms / ms2) / 2, coverage: inside.map((x) => (100 * x) / points) };
}

function evalAll(set: string): void {
  const meta = readMeta(set);
  const records = readDump(set);
  const onTest = process.argv.includes('--test');
  const names = [...new Set(records.flatMap((r) => r.names))];
  const W = parseEnsemble(undefined).windows;
  const rules: Rule[] = [
    ...names.map((name) => ({ name: `member ${name}`, windows: W, member: name })),
    { name: 'ensemble (default)', windows: W },
    { name: '2 windows', windows: 2 },
    ...(names.includes(MULTI_SEASON_MEMBER) ? [{ name: `without ${MULTI_SEASON_MEMBER}`, windows: W, drop: [MULTI_SEASON_MEMBER] }] : []),
    { name: 'no serial correction', windows: W, spec: { serial: false } },
    { name: 'intervals: moment t (old)', windows: W, calibration: { kind: 'moment-t' } },
    { name: 'intervals: fixed t(4)', windows: W, calibration: { kind: 'fixed-t', df: 4 } },
    { name: 'intervals: drift 0/0.5', windows: W, calibration: { kind: 'drift', variance: 0, weight: 0.5 } },
    { name: 'intervals: drift .02/.5', windows: W, calibration: { kind: 'drift', variance: 0.02, weight: 0.5 } },
    { name: 'intervals: drift .02/2', windows: W, calibration: { kind: 'drift', variance: 0.02, weight: 2 } },
    { name: 'intervals: drift .1/1', windows: W, calibration: { kind: 'drift', variance: 0.1, weight: 1 } },
  ];
  process.stdout.write(`${set}: ${records.length} series, members ${names.join(', ')}; target ${onTest ? 'TEST period' : 'last validation window (pseudo-test)'}\n`);
  process.stdout.write('rule                          series   sMAPE    MASE     OWA   cov80  cov95\n');
  for (const rule of rules) {
    const r = evaluate(records, rule, onTest, meta);
    const cov = rule.member ? ['', ''] : r.coverage.map((x) => x.toFixed(1));
    process.stdout.write(`${rule.name.padEnd(29)} ${String(r.series).padStart(6)} ${r.smape.toFixed(3).padStart(7)} ${r.mase.toFixed(3).padStart(7)} ${r.owa.toFixed(4).padStart(7)} ${cov[0].padStart(6)} ${cov[1].padStart(6)}\n`);
  }
}

const [command, set] = process.argv.slice(2);
if (!['weekly', 'hourly'].includes(set)) throw new Error('usage: ensemble-study.ts dump|eval weekly|hourly');
if (command === 'dump') dump(set);
else if (command === 'eval') evalAll(set);
else throw new Error(`unknown command ${command}`);
