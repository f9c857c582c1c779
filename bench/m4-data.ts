/**
 * What every benchmark script needs from the M4 sets: where the data and R's reference outputs are
 * (../shared beside the repository, or $FORESIGHT_DATA / $FORESIGHT_REFERENCE), meta.json, long CSV files as
 * value lists per series, R's reference forecasts, flags, and whether Rscript is installed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Folder holding m4-weekly/ and m4-hourly/. */
export const DATA = process.env.FORESIGHT_DATA ?? resolve(ROOT, '../shared/data');
/** Folder holding R's reference outputs. */
export const REFERENCE = process.env.FORESIGHT_REFERENCE ?? resolve(ROOT, '../shared/reference');

/** meta.json of a set. */
export interface Meta {
  season: number;
  horizon: number;
  mase_m: number;
}

/** Reads `<DATA>/m4-<set>/meta.json` (set: 'weekly' or 'hourly'). */
export function readMeta(set: string): Meta {
  return JSON.parse(readFileSync(join(DATA, `m4-${set}`, 'meta.json'), 'utf8')) as Meta;
}

/** The value after `--name` on the command line, or the fallback. */
export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

/** A long CSV `unique_id,ds,y` (rows in time order, as the M4 files are) as value lists per series. */
export function readLong(path: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const lines = readFileSync(path, 'utf8').split('\n');
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const a = line.indexOf(',');
    const b = line.indexOf(',', a + 1);
    const id = line.slice(0, a);
    let values = out.get(id);
    if (!values) out.set(id, (values = []));
    values.push(Number(line.slice(b + 1)));
  }
  return out;
}

/** R's reference forecasts of one method on a set, per series (empty when the file is absent). */
export function readReference(set: string, method: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const path = join(REFERENCE, `m4-${set}-forecasts.csv.gz`);
  if (!existsSync(path)) return out;
  const text = gunzipSync(readFileSync(path)).toString('utf8');
  for (const line of text.split('\n').slice(1)) {
    if (!line) continue;
    const [id, , m, yhat] = line.split(',');
    if (m !== method) continue;
    let values = out.get(id);
    if (!values) out.set(id, (values = []));
    values.push(Number(yhat));
  }
  return out;
}

/** True when Rscript can be run (for side-by-side timings). */
export function hasRscript(): boolean {
  if (['/usr/bin/Rscript', '/usr/local/bin/Rscript'].some((p) => existsSync(p))) return true;
  try {
    execFileSync('Rscript', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Season lengths the benchmarks give a set's series: meta.json's season first, and for hourly data also the
 * weekly cycle (168), as an analyst passes `--season 24,168` and as the CLI does by default for timestamped
 * hourly data (M4's `ds` is a plain index, so nothing is inferred). Single-season models use the first only.
 * `--season a,b` on the command line overrides.
 */
export function benchSeasons(set: string, meta: Meta): number[] {
  const given = arg('season', '');
  if (given) {
    const parts = given.split(',').map((s) => s.trim());
    const bad = parts.find((s) => !(Number.isInteger(Number(s)) && Number(s) >= 1));
    if (bad !== undefined) throw new Error(`--season ${given}: "${bad}" is not a positive whole number of steps`);
    return parts.map(Number);
  }
  return set.includes('hourly') ? [meta.season, 168] : [meta.season];
}
