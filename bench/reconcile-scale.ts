/**
 * Reconciliation at scale: `npm run bench -- reconcile-scale [--bottom 10000] [--horizon 8] [--methods a,b]`.
 *
 * A synthetic grouped structure `region/store * category` with 10,000 bottom series (20 regions x 25 stores x
 * 20 categories by default; 1 + 20 + 20 + 500 + 400 = 941 aggregates), 60 periods of residuals with a common
 * factor per region and per category, base forecasts = a coherent truth plus noise. Each method runs in its own
 * child process so the peak resident memory is its own; printed: seconds (structure built beforehand),
 * solver, coherence error after, and the peak RSS.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRng } from '../src/core/random.js';
import { fmt, formatTable } from '../src/pipeline/format.js';
import { parseReconcileMethod, reconcile } from '../src/reconcile/reconcile.js';
import { buildHierarchy, summingMultiply } from '../src/reconcile/structure.js';

const DEFAULT_METHODS = ['bu', 'ols', 'wls_struct', 'wls_var', 'mint_shrink', 'mint_shrink:nonnegative'];

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

function runOne(method: string, bottomTarget: number, horizon: number): Record<string, number | string> {
  const regions = 20,
    categories = 20;
  const stores = Math.max(1, Math.round(bottomTarget / (regions * categories)));
  const keys: string[][] = [];
  for (let r = 0; r < regions; r++)
    for (let s = 0; s < stores; s++) for (let c = 0; c < categories; c++) keys.push([`r${r}`, `s${s}`, `c${c}`]);
  const t0 = performance.now();
  const h = buildHierarchy(['region', 'store', 'category'], keys, [['region', 'store'], ['category']]);
  const buildSeconds = (performance.now() - t0) / 1000;
  const n = h.ids.length,
    m = h.bottomCount,
    T = 60;
  const rng = createRng(42);
  // bottom truth and residuals with region and category factors
  // one bottom series in 20 is nearly zero, so noisy base forecasts go negative there (work for :nonnegative)
  const truth = Float64Array.from({ length: m * horizon }, (_, k) =>
    Math.floor(k / horizon) % 20 === 7 ? 0.3 : 20 + 5 * rng.uniform(),
  );
  const coherent = summingMultiply(h, truth, horizon);
  const bottomResiduals = new Float64Array(T * m);
  for (let t = 0; t < T; t++) {
    const regionFactor = Array.from({ length: regions }, () => rng.normal());
    const categoryFactor = Array.from({ length: categories }, () => rng.normal());
    for (let j = 0; j < m; j++)
      bottomResiduals[t * m + j] =
        rng.normal() + 0.5 * regionFactor[Math.floor(j / (stores * categories))] + 0.5 * categoryFactor[j % categories];
  }
  // residuals of every series: aggregates' residuals are the sums of the bottoms' plus their own noise
  const residualValues = new Float64Array(T * n);
  for (let t = 0; t < T; t++) {
    const row = summingMultiply(h, bottomResiduals.subarray(t * m, (t + 1) * m), 1);
    for (let i = 0; i < n; i++)
      residualValues[t * n + i] =
        row[i] + (i < h.aggregateCount ? Math.sqrt(h.bottomsStart[i + 1] - h.bottomsStart[i]) * rng.normal() : 0);
  }
  const base = Float64Array.from(coherent, (v) => v + 3 * Math.sqrt(Math.max(v, 1) / 20) * rng.normal());
  const t1 = performance.now();
  const out = reconcile(h, base, horizon, parseReconcileMethod(method), {
    residuals: { n, T, values: residualValues },
  });
  const seconds = (performance.now() - t1) / 1000;
  return {
    method,
    bottom: m,
    series: n,
    aggregates: h.aggregateCount,
    buildSeconds,
    seconds,
    coherenceAfter: out.coherenceAfter,
    negativeBottoms: out.values.subarray(h.aggregateCount * horizon).filter((v) => v < 0).length,
    peakMb: process.resourceUsage().maxRSS / 1024,
  };
}

function main(): void {
  const bottom = Number(arg('--bottom', '10000'));
  const horizon = Number(arg('--horizon', '8'));
  if (process.argv.includes('--child')) {
    process.stdout.write(JSON.stringify(runOne(arg('--method', 'ols'), bottom, horizon)));
    return;
  }
  const methods = arg('--methods', DEFAULT_METHODS.join(',')).split(',');
  const rows: string[][] = [];
  for (const method of methods) {
    const child = spawnSync(
      process.execPath,
      [
        ...process.execArgv,
        fileURLToPath(import.meta.url),
        'reconcile-scale',
        '--child',
        '--method',
        method,
        '--bottom',
        String(bottom),
        '--horizon',
        String(horizon),
      ],
      { encoding: 'utf8', maxBuffer: 1 << 24 },
    );
    if (child.status !== 0) {
      process.stderr.write(`${method}: failed\n${child.stderr}\n`);
      rows.push([method, 'failed', '', '', '', '', '', '']);
      continue;
    }
    const r = JSON.parse(child.stdout) as Record<string, number>;
    rows.push([
      method,
      String(r.bottom),
      String(r.series),
      fmt(r.buildSeconds, 3),
      fmt(r.seconds, 3),
      r.coherenceAfter.toExponential(1),
      String(r.negativeBottoms),
      fmt(r.peakMb, 3),
    ]);
    process.stderr.write(`${method}: ${fmt(r.seconds, 3)} s\n`);
  }
  process.stdout.write(`reconciliation of ${bottom} bottom series, horizon ${horizon}, one thread\n`);
  process.stdout.write(
    formatTable(
      [
        'method',
        'bottom',
        'series',
        'structure s',
        'reconcile s',
        'coherence after',
        'negative bottom values',
        'peak MB',
      ],
      rows,
    ) + '\n',
  );
}

main();
