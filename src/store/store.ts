/**
 * The embedded store: one SQLite file (better-sqlite3, WAL journal) holding datasets and their series, runs
 * with their spec, status, progress, timings and error, forecasts with intervals and fits (fused-member details
 * included), backtests, event probabilities, scaling fits and API tokens. This module is the only one that
 * knows SQL; it maps the library's plain data to rows and back. Numbered migrations in `migrations/` are
 * applied, in order and each in a transaction, when the store is opened.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ForesightError, type ForesightErrorCode } from '../core/errors.js';
import type { Dataset, InvalidSeries, Series } from '../data/series.js';
import type { FrequencyName, TimeKind } from '../data/time.js';
import type { BacktestResult } from '../evaluate/backtest.js';
import type { ModelRun } from '../models/run-model.js';
import type { Fit, JsonValue } from '../models/types.js';
import type { SeriesForecast } from '../pipeline/forecast-batch.js';
import { decodeFloats, decodeMatrix, encodeFloats, encodeMatrix, fromJson, toJson } from './codec.js';
import { hashToken, newToken } from './token-hash.js';

/** What a run computes. */
export type RunKind = 'forecast' | 'backtest' | 'probabilities' | 'scaling-fit';
/** Life cycle of a run: queued -> running -> succeeded | failed | cancelled. */
export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** A stored dataset, without its values. */
export interface DatasetRecord {
  id: string;
  name: string;
  createdAt: string;
  bytes: number;
  seriesCount: number;
  invalidCount: number;
  exogColumns: string[];
}

/** A stored run. */
export interface RunRecord {
  id: string;
  kind: RunKind;
  datasetId: string | null;
  spec: { [key: string]: JsonValue };
  status: RunStatus;
  progress: { done: number; total: number };
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: { code: string; message: string } | null;
  ownerPid: number | null;
  source: 'cli' | 'api';
}

/** One event probability of a series under a model (the rows the probabilities library produces). */
export interface EventProbabilityRow {
  uniqueId: string;
  model: string;
  event: JsonValue;
  probability: number | null;
  details?: JsonValue;
}

/** A stored API token (never the token itself). */
export interface TokenRecord {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

interface RunRow {
  id: string;
  kind: RunKind;
  dataset_id: string | null;
  spec: string;
  status: RunStatus;
  progress_done: number;
  progress_total: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
  owner_pid: number | null;
  source: 'cli' | 'api';
}

interface DatasetRow {
  id: string;
  name: string;
  created_at: string;
  bytes: number;
  series_count: number;
  invalid_count: number;
  exog_columns: string;
}

interface SeriesRow {
  position: number;
  unique_id: string;
  kind: TimeKind | null;
  frequency: FrequencyName | null;
  season_lengths: string | null;
  y: Buffer | null;
  times: Buffer | null;
  exog: string | null;
  row_exog: string | null;
  filled: number | null;
  notes: string | null;
  invalid: string | null;
}

interface ForecastRow {
  position: number;
  model_index: number;
  unique_id: string;
  model: string;
  used: string | null;
  ds: string;
  levels: string;
  mean: Buffer | null;
  lower: Buffer | null;
  upper: Buffer | null;
  fit: string | null;
  fallback_reason: string | null;
  invalid_reason: string | null;
}

const now = (): string => new Date().toISOString();

/** The folder of numbered migrations: beside this module in the sources, or in the sources from dist/. */
function migrationsFolder(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'migrations'), join(here, '..', '..', '..', 'src', 'store', 'migrations')];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new ForesightError('internal', `store migrations not found (looked in ${candidates.join(', ')})`);
  return found;
}

/**
 * The numbered migrations, in order: files `NNN-name.sql`.
 *
 * @example
 * listMigrations()[0] // { version: 1, name: '001-initial.sql', sql: 'CREATE TABLE ...' }
 */
export function listMigrations(folder = migrationsFolder()): { version: number; name: string; sql: string }[] {
  return readdirSync(folder)
    .filter((f) => /^\d+-[\w-]+\.sql$/.test(f))
    .map((name) => ({ version: Number(name.split('-')[0]), name, sql: readFileSync(join(folder, name), 'utf8') }))
    .sort((a, b) => a.version - b.version);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The store. Open it with {@link Store.open}, close it with `close()`. Every write is a transaction, so a
 * process killed at any moment leaves a readable database holding whatever was committed.
 *
 * @example
 * const store = Store.open('/tmp/f.db');
 * store.listRuns().length // 0 on a new file
 */
export class Store {
  /** Prepared statements by SQL text: preparing costs more than running the small queries of a request. */
  private readonly statements = new Map<string, Database.Statement>();

  private constructor(
    readonly path: string,
    private readonly db: Database.Database,
  ) {}

  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  /**
   * Opens (creating when needed, with its folder) the database at `path` and applies pending migrations.
   * Throws ForesightError('io_error') naming the path when the file cannot be opened or is not a database.
   */
  static open(path: string): Store {
    let db: Database.Database;
    try {
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
      db = new Database(path);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
    } catch (e) {
      throw new ForesightError('io_error', `${path}: cannot open the database (${(e as Error).message})`, {
        file: path,
      });
    }
    const store = new Store(path, db);
    try {
      store.migrate();
    } catch (e) {
      db.close();
      if (e instanceof ForesightError) throw e;
      throw new ForesightError('io_error', `${path}: cannot apply the store migrations (${(e as Error).message})`, {
        file: path,
      });
    }
    return store;
  }

  private migrate(): void {
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    const applied = new Set(
      (this.sql('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version),
    );
    const insert = this.sql('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const m of listMigrations()) {
      if (applied.has(m.version)) continue;
      this.db.transaction(() => {
        this.db.exec(m.sql);
        insert.run(m.version, m.name, now());
      })();
    }
  }

  /** Versions of the migrations applied, in order. */
  schemaVersions(): number[] {
    return (this.sql('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map(
      (r) => r.version,
    );
  }

  /** Closes the database (checkpointing the WAL). */
  close(): void {
    if (this.db.open) this.db.close();
  }

  // ---- datasets -------------------------------------------------------------------------------------------

  /** Stores a dataset as read (every unique_id, readable or not) and returns its record. */
  saveDataset(data: Dataset, meta: { name: string; bytes: number }): DatasetRecord {
    const record: DatasetRecord = {
      id: randomUUID(),
      name: meta.name,
      createdAt: now(),
      bytes: meta.bytes,
      seriesCount: data.ids.length,
      invalidCount: data.invalid.length,
      exogColumns: [...data.exogColumns],
    };
    const byId = new Map<string, Series>(data.series.map((s) => [s.id, s]));
    const invalidById = new Map<string, InvalidSeries>(data.invalid.map((s) => [s.id, s]));
    const insertSeries = this.sql(
      `INSERT INTO dataset_series (dataset_id, position, unique_id, kind, frequency, season_lengths, y, times, exog, row_exog, filled, notes, invalid)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      this.sql(
        'INSERT INTO datasets (id, name, created_at, bytes, series_count, invalid_count, exog_columns) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(
        record.id,
        record.name,
        record.createdAt,
        record.bytes,
        record.seriesCount,
        record.invalidCount,
        toJson(record.exogColumns),
      );
      data.ids.forEach((id, position) => {
        const s = byId.get(id);
        if (s) {
          insertSeries.run(
            record.id,
            position,
            id,
            s.kind,
            s.frequency,
            toJson(s.seasonLengths),
            encodeFloats(s.y),
            encodeFloats(s.times),
            toJson(s.exog),
            toJson(s.rowExog),
            s.filled,
            toJson(s.notes),
            null,
          );
        } else {
          const bad = invalidById.get(id) ?? { id, reason: 'not read', file: data.file, line: 0 };
          insertSeries.run(record.id, position, id, null, null, null, null, null, null, null, null, null, toJson(bad));
        }
      });
    })();
    return record;
  }

  /** Every dataset, newest first. */
  listDatasets(limit = 100): DatasetRecord[] {
    return (
      this.sql('SELECT * FROM datasets ORDER BY created_at DESC, rowid DESC LIMIT ?').all(limit) as DatasetRow[]
    ).map(datasetRecord);
  }

  /** One dataset's record, or null. */
  getDataset(id: string): DatasetRecord | null {
    const row = this.sql('SELECT * FROM datasets WHERE id = ?').get(id) as DatasetRow | undefined;
    return row ? datasetRecord(row) : null;
  }

  /**
   * The dataset as the library reads it (the same `Dataset` the reader returned), or null when absent.
   * `seasonLengths` overrides the stored season lengths of every series.
   */
  loadDataset(id: string, seasonLengths?: readonly number[]): Dataset | null {
    const record = this.getDataset(id);
    if (!record) return null;
    const rows = this.sql('SELECT * FROM dataset_series WHERE dataset_id = ? ORDER BY position').all(id) as SeriesRow[];
    const data: Dataset = { file: record.name, exogColumns: record.exogColumns, ids: [], series: [], invalid: [] };
    const floats = (o: Record<string, number[]> | null) =>
      Object.fromEntries(Object.entries(o ?? {}).map(([k, v]) => [k, Float64Array.from(v, (x) => x ?? NaN)]));
    for (const row of rows) {
      data.ids.push(row.unique_id);
      if (row.invalid !== null) {
        data.invalid.push(fromJson<InvalidSeries>(row.invalid)!);
        continue;
      }
      data.series.push({
        id: row.unique_id,
        kind: row.kind!,
        frequency: row.frequency!,
        seasonLengths: seasonLengths?.length ? [...seasonLengths] : fromJson<number[]>(row.season_lengths)!,
        y: decodeFloats(row.y!),
        times: decodeFloats(row.times!),
        exog: floats(fromJson(row.exog)),
        rowExog: floats(fromJson(row.row_exog)),
        filled: row.filled ?? 0,
        notes: fromJson<string[]>(row.notes) ?? [],
      });
    }
    return data;
  }

  // ---- runs -----------------------------------------------------------------------------------------------

  /**
   * Records a new run (status `queued` unless given) owned by this process. `startedAt` (an ISO time) dates a run
   * that was already computing before it was recorded, as `forecast --save` stores its run once it is done.
   */
  createRun(run: {
    kind: RunKind;
    spec: { [key: string]: JsonValue };
    datasetId?: string | null;
    total?: number;
    source: 'cli' | 'api';
    status?: RunStatus;
    startedAt?: string;
  }): RunRecord {
    const id = randomUUID();
    const status = run.status ?? 'queued';
    const created = run.startedAt ?? now();
    this.sql(
      `INSERT INTO runs (id, kind, dataset_id, spec, status, progress_total, created_at, started_at, owner_pid, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      run.kind,
      run.datasetId ?? null,
      toJson(run.spec),
      status,
      run.total ?? 0,
      created,
      status === 'running' ? created : null,
      process.pid,
      run.source,
    );
    return this.getRun(id)!;
  }

  /** Marks a queued run running. */
  startRun(id: string): void {
    this.sql(
      `UPDATE runs SET status = 'running', started_at = ?, owner_pid = ? WHERE id = ? AND status = 'queued'`,
    ).run(now(), process.pid, id);
  }

  /** Records progress (series done of total). */
  updateProgress(id: string, done: number, total: number): void {
    this.sql('UPDATE runs SET progress_done = ?, progress_total = ? WHERE id = ?').run(done, total, id);
  }

  /**
   * Marks a run failed with the error's code and message (ForesightError codes are kept, anything else is
   * `internal`). A run already finished is left as it is.
   */
  failRun(id: string, error: unknown): void {
    const code: ForesightErrorCode | string = error instanceof ForesightError ? error.code : 'internal';
    const message = error instanceof Error ? error.message : String(error);
    this.sql(
      `UPDATE runs SET status = 'failed', finished_at = ?, error = ? WHERE id = ? AND status IN ('queued', 'running')`,
    ).run(now(), toJson({ code, message }), id);
  }

  /** Marks a queued or running run cancelled; returns whether it was. */
  cancelRun(id: string): boolean {
    const r = this.sql(
      `UPDATE runs SET status = 'cancelled', finished_at = ? WHERE id = ? AND status IN ('queued', 'running')`,
    ).run(now(), id);
    return r.changes > 0;
  }

  /**
   * Stores a forecast run's results (one row per series x model), and the probabilities of the events asked
   * with it, and marks the run succeeded, in one transaction. Does nothing when the run was cancelled or deleted meanwhile (returns false).
   */
  completeForecastRun(
    id: string,
    results: readonly SeriesForecast[],
    models: readonly string[],
    levels: readonly number[],
    probabilities?: readonly EventProbabilityRow[],
  ): boolean {
    const insert = this.sql(
      `INSERT INTO forecasts (run_id, position, model_index, unique_id, model, used, ds, levels, mean, lower, upper, fit, fallback_reason, invalid_reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    return this.db.transaction(() => {
      if (!this.isActive(id)) return false;
      const levelsJson = toJson(levels);
      results.forEach((r, position) => {
        const ds = toJson(r.ds);
        if (r.runs.length === 0) {
          const reason = r.invalid?.reason ?? 'no forecast';
          models.forEach((model, k) =>
            insert.run(id, position, k, r.id, model, null, ds, levelsJson, null, null, null, null, null, reason),
          );
          return;
        }
        r.runs.forEach((run, k) => {
          const f = run.forecast;
          insert.run(
            id,
            position,
            k,
            r.id,
            run.model,
            run.used,
            ds,
            levelsJson,
            f ? encodeFloats(f.mean) : null,
            f ? encodeMatrix(f.lower) : null,
            f ? encodeMatrix(f.upper) : null,
            run.fit ? toJson(run.fit) : null,
            run.fallbackReason,
            null,
          );
        });
      });
      if (probabilities) this.insertProbabilities(id, probabilities);
      this.finish(id, results.length);
      return true;
    })();
  }

  /** Stores a backtest's result and marks the run succeeded (false when it was cancelled meanwhile). */
  completeBacktestRun(id: string, result: BacktestResult): boolean {
    return this.db.transaction(() => {
      if (!this.isActive(id)) return false;
      this.sql('INSERT INTO backtests (run_id, result) VALUES (?, ?)').run(id, toJson(result));
      this.finish(id);
      return true;
    })();
  }

  /** Stores event probabilities and marks the run succeeded (false when it was cancelled meanwhile). */
  completeProbabilitiesRun(id: string, rows: readonly EventProbabilityRow[]): boolean {
    return this.db.transaction(() => {
      if (!this.isActive(id)) return false;
      this.finish(id, this.insertProbabilities(id, rows));
      return true;
    })();
  }

  /** Stores a scaling fit (plain JSON) and marks the run succeeded (false when it was cancelled meanwhile). */
  completeScalingRun(id: string, forms: readonly string[], fit: JsonValue): boolean {
    return this.db.transaction(() => {
      if (!this.isActive(id)) return false;
      this.sql('INSERT INTO scaling_fits (run_id, forms, fit) VALUES (?, ?, ?)').run(id, toJson(forms), toJson(fit));
      this.finish(id);
      return true;
    })();
  }

  private isActive(id: string): boolean {
    const row = this.sql('SELECT status FROM runs WHERE id = ?').get(id) as { status: RunStatus } | undefined;
    return row !== undefined && (row.status === 'running' || row.status === 'queued');
  }

  private finish(id: string, total?: number): void {
    if (total === undefined)
      this.sql(
        `UPDATE runs SET status = 'succeeded', finished_at = ?, progress_done = progress_total WHERE id = ?`,
      ).run(now(), id);
    else
      this.sql(
        `UPDATE runs SET status = 'succeeded', finished_at = ?, progress_done = ?, progress_total = ? WHERE id = ?`,
      ).run(now(), total, total, id);
  }

  /** One run, or null. */
  getRun(id: string): RunRecord | null {
    const row = this.sql('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
    return row ? runRecord(row) : null;
  }

  /** Runs, newest first. */
  listRuns(limit = 50): RunRecord[] {
    return (this.sql('SELECT * FROM runs ORDER BY created_at DESC, rowid DESC LIMIT ?').all(limit) as RunRow[]).map(
      runRecord,
    );
  }

  /** Deletes a run and everything computed for it; returns whether it existed. */
  deleteRun(id: string): boolean {
    return this.sql('DELETE FROM runs WHERE id = ?').run(id).changes > 0;
  }

  /**
   * Marks failed, with `reason`, every queued or running run whose owning process is gone (a server killed
   * mid-run). Runs of live processes are left alone. Returns the ids marked.
   */
  recoverInterrupted(reason: string): string[] {
    const rows = this.sql(`SELECT id, owner_pid FROM runs WHERE status IN ('queued', 'running')`).all() as {
      id: string;
      owner_pid: number | null;
    }[];
    const dead = rows.filter((r) => r.owner_pid === null || (r.owner_pid !== process.pid && !isAlive(r.owner_pid)));
    const mark = this.sql(`UPDATE runs SET status = 'failed', finished_at = ?, error = ? WHERE id = ?`);
    this.db.transaction(() => {
      for (const r of dead)
        mark.run(
          now(),
          toJson({
            code: 'interrupted',
            message: `${reason} (process ${r.owner_pid ?? '?'} stopped before the run finished)`,
          }),
          r.id,
        );
    })();
    return dead.map((r) => r.id);
  }

  /**
   * A forecast run's results in the library's shape (`SeriesForecast` per input series, in input order), or
   * null when the run has none. Unreadable series come back with `invalid` set and no runs.
   */
  getForecasts(runId: string): SeriesForecast[] | null {
    const rows = this.sql('SELECT * FROM forecasts WHERE run_id = ? ORDER BY position, model_index').all(
      runId,
    ) as ForecastRow[];
    if (rows.length === 0) return null;
    const out: SeriesForecast[] = [];
    let current: SeriesForecast | null = null;
    let currentPosition = -1;
    for (const row of rows) {
      if (row.position !== currentPosition) {
        current = { id: row.unique_id, ds: fromJson<string[]>(row.ds)!, runs: [], invalid: null, series: null };
        currentPosition = row.position;
        out.push(current);
      }
      if (row.invalid_reason !== null) {
        current!.invalid = { id: row.unique_id, reason: row.invalid_reason, file: '', line: 0 };
        continue;
      }
      const levels = fromJson<number[]>(row.levels)!;
      const mean = row.mean ? decodeFloats(row.mean) : null;
      const run: ModelRun = {
        model: row.model,
        used: row.used ?? row.model,
        forecast: mean
          ? { mean, levels, lower: decodeMatrix(row.lower!, mean.length), upper: decodeMatrix(row.upper!, mean.length) }
          : null,
        fit: fromJson<Fit>(row.fit),
        fallbackReason: row.fallback_reason,
      };
      current!.runs.push(run);
    }
    return out;
  }

  /** A backtest run's result, or null. */
  getBacktest(runId: string): BacktestResult | null {
    const row = this.sql('SELECT result FROM backtests WHERE run_id = ?').get(runId) as { result: string } | undefined;
    return row ? fromJson<BacktestResult>(row.result) : null;
  }

  /** A run's event probabilities, in the order stored. */
  getEventProbabilities(runId: string): EventProbabilityRow[] {
    const rows = this.sql(
      'SELECT * FROM event_probabilities WHERE run_id = ? ORDER BY position, model, event_index',
    ).all(runId) as {
      unique_id: string;
      model: string;
      event: string;
      probability: number | null;
      details: string | null;
    }[];
    return rows.map((r) => ({
      uniqueId: r.unique_id,
      model: r.model,
      event: fromJson<JsonValue>(r.event)!,
      probability: r.probability,
      details: fromJson<JsonValue>(r.details) ?? undefined,
    }));
  }

  /** Inserts a run's event probabilities (in a transaction of the caller); returns the number of series. */
  private insertProbabilities(id: string, rows: readonly EventProbabilityRow[]): number {
    const insert = this.sql(
      'INSERT INTO event_probabilities (run_id, position, unique_id, model, event_index, event, probability, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const positions = new Map<string, number>();
    const counts = new Map<string, number>();
    for (const row of rows) {
      if (!positions.has(row.uniqueId)) positions.set(row.uniqueId, positions.size);
      const key = `${row.uniqueId}\u0000${row.model}`;
      const k = counts.get(key) ?? 0;
      counts.set(key, k + 1);
      insert.run(
        id,
        positions.get(row.uniqueId),
        row.uniqueId,
        row.model,
        k,
        toJson(row.event),
        row.probability,
        row.details === undefined ? null : toJson(row.details),
      );
    }
    return positions.size;
  }

  /** A scaling fit stored by a `scaling-fit` run, or null. */
  getScalingFit(runId: string): { forms: string[]; fit: JsonValue } | null {
    const row = this.sql('SELECT forms, fit FROM scaling_fits WHERE run_id = ?').get(runId) as
      { forms: string; fit: string } | undefined;
    return row ? { forms: fromJson<string[]>(row.forms)!, fit: fromJson<JsonValue>(row.fit)! } : null;
  }

  // ---- tokens ---------------------------------------------------------------------------------------------

  /** Creates an API token; the token is returned once and only its hash is stored. */
  createToken(name: string): { record: TokenRecord; token: string } {
    const token = newToken();
    const record: TokenRecord = { id: randomUUID(), name, createdAt: now(), lastUsedAt: null };
    this.sql('INSERT INTO tokens (id, name, hash, created_at) VALUES (?, ?, ?, ?)').run(
      record.id,
      name,
      hashToken(token),
      record.createdAt,
    );
    return { record, token };
  }

  /** The token's record when `token` is a stored token (its last use is recorded), else null. */
  findToken(token: string): TokenRecord | null {
    return this.findTokenByHash(hashToken(token));
  }

  /** As {@link findToken}, given the token's hash (`hashToken`), for callers that hashed it already. */
  findTokenByHash(hash: string): TokenRecord | null {
    const row = this.sql('SELECT id, name, created_at, last_used_at FROM tokens WHERE hash = ?').get(hash) as
      { id: string; name: string; created_at: string; last_used_at: string | null } | undefined;
    if (!row) return null;
    const used = now();
    this.sql('UPDATE tokens SET last_used_at = ? WHERE id = ?').run(used, row.id);
    return { id: row.id, name: row.name, createdAt: row.created_at, lastUsedAt: used };
  }

  /** Number of stored tokens. */
  tokenCount(): number {
    return (this.sql('SELECT count(*) AS n FROM tokens').get() as { n: number }).n;
  }
}

function datasetRecord(row: DatasetRow): DatasetRecord {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    bytes: row.bytes,
    seriesCount: row.series_count,
    invalidCount: row.invalid_count,
    exogColumns: fromJson<string[]>(row.exog_columns)!,
  };
}

function runRecord(row: RunRow): RunRecord {
  return {
    id: row.id,
    kind: row.kind,
    datasetId: row.dataset_id,
    spec: fromJson<{ [key: string]: JsonValue }>(row.spec)!,
    status: row.status,
    progress: { done: row.progress_done, total: row.progress_total },
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    error: fromJson<{ code: string; message: string }>(row.error),
    ownerPid: row.owner_pid,
    source: row.source,
  };
}
