/**
 * Generic column mapping for training-run tables: which column holds parameters N, tokens D, compute C and
 * loss L, so users can bring their own runs. Missing D or C is derived with the standard dense-transformer
 * approximation C = 6·N·D (Kaplan et al. 2020; Hoffmann et al. 2022).
 */
import { ForesightError } from '../core/errors.js';

/** The largest parameter count, token count, compute or loss a run may have (see runsFromRows). */
export const MAX_MAGNITUDE = 1e100;

/** Training runs as columns; `line[i]` is the 1-based line in the source file (for messages). */
export interface ScalingRuns {
  /** Parameters N. */
  parameters: Float64Array;
  /** Training tokens D. */
  tokens: Float64Array;
  /** Training compute C in FLOP. */
  compute: Float64Array;
  /** Final loss L. */
  loss: Float64Array;
  /** Source line of each run (1-based, header = line 1). */
  line: number[];
}

/** Column names for each quantity; give at least loss and two of parameters, tokens, compute. */
export interface ColumnMapping {
  parameters?: string;
  tokens?: string;
  compute?: string;
  loss?: string;
}

/** Names tried, in order, when a quantity has no explicit column (case-insensitive). */
export const COLUMN_ALIASES: Readonly<Record<keyof ColumnMapping, readonly string[]>> = {
  parameters: ['parameters', 'params', 'n', 'model size', 'model_size', 'n_params'],
  tokens: ['tokens', 'd', 'training tokens', 'training_tokens', 'n_tokens', 'dataset_size'],
  compute: ['compute', 'c', 'flop', 'flops', 'training flop', 'training_flop', 'compute_flops'],
  loss: ['loss', 'l', 'final loss', 'final_loss'],
};

/**
 * Parses `--columns` text like `parameters=Model Size,compute=Training FLOP,loss=loss`.
 * Throws ForesightError('invalid_argument') naming an unknown key or a pair without `=`.
 *
 * @example
 * parseColumnMapping('parameters=N,loss=L') // { parameters: 'N', loss: 'L' }
 */
export function parseColumnMapping(text: string): ColumnMapping {
  const out: ColumnMapping = {};
  for (const part of text.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0)
      throw new ForesightError('invalid_argument', `--columns: "${part}" is not of the form key=column`, {
        value: part,
      });
    const key = part.slice(0, eq).trim();
    if (!(key in COLUMN_ALIASES)) {
      throw new ForesightError(
        'invalid_argument',
        `--columns: unknown key "${key}"; use parameters, tokens, compute or loss`,
        { value: key },
      );
    }
    out[key as keyof ColumnMapping] = part.slice(eq + 1).trim();
  }
  return out;
}

function findColumn(header: readonly string[], key: keyof ColumnMapping, mapping: ColumnMapping, file: string): number {
  const explicit = mapping[key];
  if (explicit !== undefined) {
    const i = header.indexOf(explicit);
    if (i < 0) {
      throw new ForesightError(
        'invalid_input',
        `${file}: column "${explicit}" (for ${key}) not found; columns are ${header.join(', ')}`,
        { file, line: 1, value: explicit },
      );
    }
    return i;
  }
  const lower = header.map((h) => h.trim().toLowerCase());
  for (const alias of COLUMN_ALIASES[key]) {
    const i = lower.indexOf(alias);
    if (i >= 0) return i;
  }
  return -1;
}

/**
 * Turns parsed CSV rows into runs. `rows[i]` came from source line `lines[i]`. Values must be positive
 * finite numbers; tokens are derived as C/(6N), compute as 6ND when absent. Parameters, tokens and compute
 * (given or derived) must lie in [1, MAX_MAGNITUDE] and the loss in (0, MAX_MAGNITUDE].
 * Throws ForesightError('invalid_input') naming file, line, column and value for a bad cell, a missing
 * column, or fewer than two of parameters/tokens/compute.
 *
 * @example
 * runsFromRows(['N', 'C', 'loss'], [['1e9', '6e19', '2.5']], [2], {}, 'runs.csv').tokens // Float64Array [1e10]
 */
export function runsFromRows(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  lines: readonly number[],
  mapping: ColumnMapping,
  file: string,
): ScalingRuns {
  const iN = findColumn(header, 'parameters', mapping, file);
  const iD = findColumn(header, 'tokens', mapping, file);
  const iC = findColumn(header, 'compute', mapping, file);
  const iL = findColumn(header, 'loss', mapping, file);
  if (iL < 0)
    throw new ForesightError(
      'invalid_input',
      `${file}: no loss column (tried ${COLUMN_ALIASES.loss.join(', ')}); pass --columns loss=NAME`,
      { file, line: 1 },
    );
  if ([iN, iD, iC].filter((i) => i >= 0).length < 2) {
    throw new ForesightError(
      'invalid_input',
      `${file}: need two of parameters, tokens, compute columns; pass --columns parameters=NAME,compute=NAME`,
      { file, line: 1 },
    );
  }
  const n = rows.length;
  const runs: ScalingRuns = {
    parameters: new Float64Array(n),
    tokens: new Float64Array(n),
    compute: new Float64Array(n),
    loss: new Float64Array(n),
    line: [...lines],
  };
  const cell = (row: readonly string[], col: number, r: number): number => {
    const text = (row[col] ?? '').trim();
    const v = Number(text);
    if (text === '' || !Number.isFinite(v) || v <= 0) {
      throw new ForesightError(
        'invalid_input',
        `${file} line ${lines[r]}: ${header[col]} "${text}" is not a positive number`,
        { file, line: lines[r], value: text },
      );
    }
    return v;
  };
  // counts of weights, tokens and FLOP are at least 1, and no run comes near 1e100: within these bounds the
  // fits' logs, squares and C = 6ND stay finite (1e300 tokens overflowed C to Infinity, a loss of 1e300 the
  // least-squares fit of the compute forms)
  const inRange = (col: number, derived: string, v: number, r: number, low: number) => {
    if (v >= low && v <= MAX_MAGNITUDE) return;
    const what =
      col >= 0 ? `${header[col]} "${(rows[r][col] ?? '').trim()}"` : `${derived} ${Number(v.toPrecision(6))}`;
    throw new ForesightError(
      'invalid_input',
      `${file} line ${lines[r]}: ${what} is outside the range a training run can have (${low === 1 ? 'at least 1' : 'above 0'}, at most ${MAX_MAGNITUDE})`,
      { file, line: lines[r], value: col >= 0 ? (rows[r][col] ?? '').trim() : String(v) },
    );
  };
  for (let r = 0; r < n; r++) {
    const row = rows[r];
    const N = iN >= 0 ? cell(row, iN, r) : NaN;
    const D = iD >= 0 ? cell(row, iD, r) : NaN;
    const C = iC >= 0 ? cell(row, iC, r) : NaN;
    runs.loss[r] = cell(row, iL, r);
    runs.parameters[r] = iN >= 0 ? N : C / (6 * D);
    runs.tokens[r] = iD >= 0 ? D : C / (6 * N);
    runs.compute[r] = iC >= 0 ? C : 6 * N * D;
    inRange(iN, 'parameters C/(6D) =', runs.parameters[r], r, 1);
    inRange(iD, 'tokens C/(6N) =', runs.tokens[r], r, 1);
    inRange(iC, 'compute 6ND =', runs.compute[r], r, 1);
    inRange(iL, '', runs.loss[r], r, 0);
  }
  return runs;
}

/**
 * The subset of runs at the given indices (repeats allowed, as in a bootstrap resample).
 *
 * @example
 * selectRuns(runs, [0, 0]).loss.length // 2
 */
export function selectRuns(runs: ScalingRuns, indices: ArrayLike<number>): ScalingRuns {
  const n = indices.length;
  const out: ScalingRuns = {
    parameters: new Float64Array(n),
    tokens: new Float64Array(n),
    compute: new Float64Array(n),
    loss: new Float64Array(n),
    line: [],
  };
  for (let i = 0; i < n; i++) {
    const j = indices[i];
    out.parameters[i] = runs.parameters[j];
    out.tokens[i] = runs.tokens[j];
    out.compute[i] = runs.compute[j];
    out.loss[i] = runs.loss[j];
    out.line.push(runs.line[j]);
  }
  return out;
}

/**
 * Indices of the runs kept after dropping the `count` runs with the fewest tokens per parameter (D/N).
 * Besiroglu et al. (2024) drop the five such runs of the Chinchilla data (2–7B parameters trained on
 * under one token per parameter), which sit far off every fitted surface.
 *
 * @example
 * dropFewestTokensPerParameter(runs, 5).length // runs.loss.length - 5
 */
export function dropFewestTokensPerParameter(runs: ScalingRuns, count: number): number[] {
  const n = runs.loss.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => runs.tokens[a] / runs.parameters[a] - runs.tokens[b] / runs.parameters[b],
  );
  const dropped = new Set(order.slice(0, Math.max(0, count)));
  return order.filter((i) => !dropped.has(i)).sort((a, b) => a - b);
}
