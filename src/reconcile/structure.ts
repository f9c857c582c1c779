/**
 * The aggregation structure of grouped series (Hyndman & Athanasopoulos, "Forecasting: Principles and
 * Practice", 3rd ed., ch. 11): which aggregate series each bottom series belongs to. It is kept sparse: for each
 * bottom series the list of aggregates it adds into, and for each aggregate the list of its bottom series; the
 * summing matrix S (n x m) is never stored densely.
 *
 * Series are ordered aggregates first (level by level, the grand total first) and bottom series last, so node
 * `na + j` is bottom series `j`. A structure comes from key columns and a spec of nested levels and crossed
 * groupings (`state/region * purpose`, as fable's `aggregate_key((State/Region) * Purpose)`), or from explicit
 * parent links (`structureFromParents`).
 */
import { ForesightError } from '../core/errors.js';

/** One level of the structure: the key columns that identify its series. */
export interface HierarchyLevel {
  /** Display name: `total`, `state`, `state/region`, `state/region * purpose`. */
  name: string;
  /** Key columns of this level (empty for the total). */
  keys: string[];
}

/** The aggregation structure, sparse. */
export interface Hierarchy {
  /** Key columns, in input order (empty for a structure given by parent links). */
  keys: string[];
  /** Levels, the total first and the bottom level last. */
  levels: HierarchyLevel[];
  /** Series ids: aggregates first, bottom series last. */
  ids: string[];
  /** Level index of each series. */
  level: Int32Array;
  /** Number of aggregate series (na). */
  aggregateCount: number;
  /** Number of bottom series (m). */
  bottomCount: number;
  /** CSR: the bottom series of aggregate i are `bottomsIndex[bottomsStart[i] .. bottomsStart[i+1])`. */
  bottomsStart: Int32Array;
  bottomsIndex: Int32Array;
  /** CSR: the aggregates that bottom series j adds into are `aggregatesIndex[aggregatesStart[j] .. aggregatesStart[j+1])`. */
  aggregatesStart: Int32Array;
  aggregatesIndex: Int32Array;
  /** Parent of each series when the structure is a tree (one nested chain, or parent links), -1 at the root; else null. */
  parent: Int32Array | null;
}

/** A parsed spec: crossed groupings, each a chain of nested key columns. */
export type HierarchySpec = string[][];

/** Where a spec or key came from, for error messages. */
export interface Origin {
  file?: string;
  line?: number;
}

/**
 * Parses a spec like `state/region * purpose` (or fable's `(state/region)*purpose`): `*` separates crossed
 * groupings, `/` nests a key inside the one before it. Throws ForesightError('invalid_argument') for an empty
 * term or a key that appears twice (a cycle: `state/region/state` would make state its own ancestor).
 *
 * @example
 * parseHierarchySpec('state/region * purpose') // [['state', 'region'], ['purpose']]
 */
export function parseHierarchySpec(text: string): HierarchySpec {
  const terms = text.split('*').map((t) =>
    t
      .trim()
      .replace(/^\(+|\)+$/g, '')
      .trim(),
  );
  const seen = new Map<string, string>();
  return terms.map((term) => {
    if (term === '')
      throw new ForesightError('invalid_argument', `hierarchy spec "${text}": empty grouping`, { value: text });
    const chain = term.split('/').map((k) => k.trim());
    for (const key of chain) {
      if (key === '')
        throw new ForesightError('invalid_argument', `hierarchy spec "${text}": empty key in "${term}"`, {
          value: text,
        });
      const where = seen.get(key);
      if (where !== undefined) {
        throw new ForesightError(
          'invalid_argument',
          `hierarchy spec "${text}": key "${key}" appears twice (in "${where}" and "${term}"), a cycle`,
          { value: key },
        );
      }
      seen.set(key, term);
    }
    return chain;
  });
}

/**
 * Infers the spec from the bottom series' key values: a key is nested in another when each of its values occurs
 * with one value of the other only (every region lies in one state). Keys are chained from the coarsest (fewest
 * values) to the finest; keys nested in none start their own crossed grouping.
 *
 * @example
 * inferHierarchySpec(['state', 'region', 'purpose'], [['A', 'a1', 'x'], ['A', 'a2', 'y'], ['B', 'b1', 'x'], ['B', 'b1', 'y']])
 * // [['state', 'region'], ['purpose']]
 */
export function inferHierarchySpec(keys: readonly string[], bottoms: readonly (readonly string[])[]): HierarchySpec {
  const distinct = keys.map((_, k) => new Set(bottoms.map((b) => b[k])).size);
  const order = keys.map((_, k) => k).sort((a, b) => distinct[a] - distinct[b] || a - b);
  const nestedIn = (child: number, parent: number) => {
    const seen = new Map<string, string>();
    for (const b of bottoms) {
      const p = seen.get(b[child]);
      if (p === undefined) seen.set(b[child], b[parent]);
      else if (p !== b[parent]) return false;
    }
    return true;
  };
  const chains: number[][] = [];
  for (const k of order) {
    // the finest chain end this key nests in (a strictly coarser key)
    let best: number[] | null = null;
    for (const chain of chains) {
      const last = chain[chain.length - 1];
      if (
        distinct[last] < distinct[k] &&
        nestedIn(k, last) &&
        (!best || distinct[best[best.length - 1]] < distinct[last])
      )
        best = chain;
    }
    if (best) best.push(k);
    else chains.push([k]);
  }
  chains.sort((a, b) => a[0] - b[0]);
  return chains.map((c) => c.map((k) => keys[k]));
}

/** Formats a spec back to text: `state/region * purpose`. */
export function formatHierarchySpec(spec: HierarchySpec): string {
  return spec.map((c) => c.join('/')).join(' * ');
}

/**
 * Builds the structure of bottom series identified by key values. `bottoms[j]` holds the values of `keys` for
 * bottom series j. Levels are every combination of a prefix of each chain of the spec (a chain of length L
 * gives L + 1 choices); a series of a level is one distinct combination of its keys' values. Ids join the
 * values of the level's keys with `/` in the order of `keys`; the total is `total`.
 * Throws ForesightError('invalid_input') for an empty key value, two bottom series with the same keys or two
 * series of different levels with the same id, and ('invalid_argument') when the spec names a key that is not
 * among `keys` or leaves a key out. `origins[j]`, when given, names the file and line of bottom series j.
 *
 * @example
 * const h = buildHierarchy(['state', 'city'], [['A', 'a1'], ['A', 'a2'], ['B', 'b1']], [['state', 'city']]);
 * h.ids // ['total', 'A', 'B', 'A/a1', 'A/a2', 'B/b1']
 */
export function buildHierarchy(
  keys: readonly string[],
  bottoms: readonly (readonly string[])[],
  spec: HierarchySpec = inferHierarchySpec(keys, bottoms),
  origins?: readonly Origin[],
): Hierarchy {
  const used = spec.flat();
  for (const key of used) {
    if (!keys.includes(key))
      throw new ForesightError(
        'invalid_argument',
        `hierarchy spec key "${key}" is not a key column (keys: ${keys.join(', ')})`,
        { value: key },
      );
  }
  const missing = keys.filter((k) => !used.includes(k));
  if (missing.length)
    throw new ForesightError(
      'invalid_argument',
      `hierarchy spec "${formatHierarchySpec(spec)}" leaves out key column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
      { value: missing[0] },
    );
  const where = (j: number) => {
    const o = origins?.[j];
    return o?.file ? `${o.file}${o.line ? ` line ${o.line}` : ''}: ` : '';
  };
  bottoms.forEach((b, j) => {
    keys.forEach((k, i) => {
      if (b[i] === undefined || b[i].trim() === '') {
        throw new ForesightError(
          'invalid_input',
          `${where(j)}key "${k}" is missing (bottom series ${j + 1}: ${keys.map((c, t) => `${c}="${b[t] ?? ''}"`).join(', ')})`,
          { file: origins?.[j]?.file, line: origins?.[j]?.line, value: b[i] ?? '' },
        );
      }
    });
  });
  // every combination of chain prefixes, ordered by number of keys then by spec order
  let combos: number[][] = [[]];
  for (const chain of spec)
    combos = combos.flatMap((c) => Array.from({ length: chain.length + 1 }, (_, p) => [...c, p]));
  const sum = (c: number[]) => c.reduce((s, x) => s + x, 0);
  // fewer keys first; among equals, the level that goes deeper into an earlier grouping first
  combos.sort(
    (a, b) =>
      sum(a) - sum(b) ||
      (a.findIndex((x, t) => x !== b[t]) < 0
        ? 0
        : b[a.findIndex((x, t) => x !== b[t])] - a[a.findIndex((x, t) => x !== b[t])]),
  );
  const levels: HierarchyLevel[] = combos.map((c) => {
    const parts = c.map((p, t) => spec[t].slice(0, p)).filter((p) => p.length > 0);
    const set = new Set(parts.flat());
    return {
      name: parts.length ? parts.map((p) => p.join('/')).join(' * ') : 'total',
      keys: keys.filter((k) => set.has(k)),
    };
  });
  const m = bottoms.length;
  const bottomLevel = levels.length - 1;
  const idOf = (b: readonly string[], levelKeys: readonly string[]) =>
    levelKeys.length ? levelKeys.map((k) => b[keys.indexOf(k)]).join('/') : 'total';
  const ids: string[] = [];
  const levelOf: number[] = [];
  const nodeOf = new Map<string, number>();
  const membership: number[][] = Array.from({ length: m }, () => []);
  for (let l = 0; l < bottomLevel; l++) {
    const level = levels[l];
    bottoms.forEach((b, j) => {
      const id = idOf(b, level.keys);
      let node = nodeOf.get(id);
      if (node === undefined) {
        node = ids.length;
        nodeOf.set(id, node);
        ids.push(id);
        levelOf.push(l);
      } else if (levelOf[node] !== l) {
        throw new ForesightError(
          'invalid_input',
          `${where(j)}series id "${id}" names both a ${levels[levelOf[node]].name} and a ${level.name} series; rename one key value`,
          { file: origins?.[j]?.file, line: origins?.[j]?.line, value: id },
        );
      }
      membership[j].push(node);
    });
  }
  const na = ids.length;
  const bottomIds = new Map<string, number>();
  bottoms.forEach((b, j) => {
    const id = idOf(b, levels[bottomLevel].keys);
    const earlier = bottomIds.get(id);
    if (earlier !== undefined)
      throw new ForesightError(
        'invalid_input',
        `${where(j)}bottom series "${id}" appears twice (also bottom series ${earlier + 1}${origins?.[earlier]?.line ? `, line ${origins[earlier].line}` : ''})`,
        { file: origins?.[j]?.file, line: origins?.[j]?.line, value: id },
      );
    if (nodeOf.has(id))
      throw new ForesightError(
        'invalid_input',
        `${where(j)}series id "${id}" names both an aggregate and a bottom series; rename one key value`,
        { file: origins?.[j]?.file, line: origins?.[j]?.line, value: id },
      );
    bottomIds.set(id, j);
    ids.push(id);
    levelOf.push(bottomLevel);
  });
  let parent: Int32Array | null = null;
  if (spec.length === 1) {
    parent = new Int32Array(ids.length).fill(-1);
    for (let j = 0; j < m; j++) {
      const chain = [...membership[j], na + j]; // one node per level, coarse to fine
      for (let t = 1; t < chain.length; t++) parent[chain[t]] = chain[t - 1];
    }
  }
  return finish(keys, levels, ids, levelOf, na, membership, parent);
}

/** One parent link: `child` adds into `parent`; `line` locates it in its file. */
export interface ParentLink {
  child: string;
  parent: string;
  line?: number;
}

/**
 * Builds a tree from parent links (series whose ids name their parents): the leaves are the bottom series and
 * every other series is the sum of the leaves below it. Levels are depths (`depth 0` is the root); leaves form
 * the last level whatever their depth. Throws ForesightError('invalid_input') naming the file, line and id for
 * a series with two parents, a link to itself, a cycle, or several roots.
 *
 * @example
 * structureFromParents([{ child: 'a', parent: 'T' }, { child: 'b', parent: 'T' }]).ids // ['T', 'a', 'b']
 */
export function structureFromParents(links: readonly ParentLink[], file?: string): Hierarchy {
  const at = (line?: number) => `${file ?? 'hierarchy'}${line ? ` line ${line}` : ''}`;
  const parentOf = new Map<string, ParentLink>();
  const order: string[] = [];
  const note = (id: string) => {
    if (!order.includes(id)) order.push(id);
  };
  for (const link of links) {
    if (link.child === link.parent)
      throw new ForesightError('invalid_input', `${at(link.line)}: series "${link.child}" is its own parent, a cycle`, {
        file,
        line: link.line,
        value: link.child,
      });
    const earlier = parentOf.get(link.child);
    if (earlier && earlier.parent !== link.parent) {
      throw new ForesightError(
        'invalid_input',
        `${at(link.line)}: series "${link.child}" has two parents, "${earlier.parent}"${earlier.line ? ` (line ${earlier.line})` : ''} and "${link.parent}"`,
        { file, line: link.line, value: link.child },
      );
    }
    parentOf.set(link.child, link);
    note(link.parent);
    note(link.child);
  }
  // a cycle: following parents from some series comes back to it
  for (const start of order) {
    const path = [start];
    let id = start;
    while (parentOf.has(id)) {
      id = parentOf.get(id)!.parent;
      if (id === start || path.includes(id)) {
        const link = parentOf.get(start)!;
        throw new ForesightError(
          'invalid_input',
          `${at(link.line)}: parent links form a cycle (${[...path, id].join(' -> ')})`,
          { file, line: link.line, value: start },
        );
      }
      path.push(id);
    }
  }
  const roots = order.filter((id) => !parentOf.has(id));
  if (roots.length !== 1)
    throw new ForesightError(
      'invalid_input',
      `${at()}: the parent links have ${roots.length} roots (${roots.slice(0, 5).join(', ')}); one series must be the total`,
      { file, value: roots[0] },
    );
  const children = new Map<string, string[]>();
  for (const id of order)
    if (parentOf.has(id)) {
      const p = parentOf.get(id)!.parent;
      if (!children.has(p)) children.set(p, []);
      children.get(p)!.push(id);
    }
  const depth = new Map<string, number>();
  const walk: string[] = [roots[0]];
  depth.set(roots[0], 0);
  for (let i = 0; i < walk.length; i++)
    for (const c of children.get(walk[i]) ?? []) {
      depth.set(c, depth.get(walk[i])! + 1);
      walk.push(c);
    }
  const leaves = walk.filter((id) => !children.has(id));
  const inner = walk.filter((id) => children.has(id)).sort((a, b) => depth.get(a)! - depth.get(b)!);
  const maxDepth = Math.max(...inner.map((id) => depth.get(id)!));
  const levels: HierarchyLevel[] = Array.from({ length: maxDepth + 1 }, (_, d) => ({ name: `depth ${d}`, keys: [] }));
  levels.push({ name: 'bottom', keys: [] });
  const ids = [...inner, ...leaves];
  const index = new Map(ids.map((id, i) => [id, i]));
  const levelOf = ids.map((id, i) => (i < inner.length ? depth.get(id)! : maxDepth + 1));
  const parent = new Int32Array(ids.length).fill(-1);
  ids.forEach((id, i) => {
    const link = parentOf.get(id);
    if (link) parent[i] = index.get(link.parent)!;
  });
  const membership = leaves.map((leaf) => {
    const up: number[] = [];
    for (let p = parent[index.get(leaf)!]; p >= 0; p = parent[p]) up.push(p);
    return up.reverse();
  });
  return finish([], levels, ids, levelOf, inner.length, membership, parent);
}

function finish(
  keys: readonly string[],
  levels: HierarchyLevel[],
  ids: string[],
  levelOf: number[],
  na: number,
  membership: number[][],
  parent: Int32Array | null,
): Hierarchy {
  const m = membership.length;
  const aggregatesStart = new Int32Array(m + 1);
  for (let j = 0; j < m; j++) aggregatesStart[j + 1] = aggregatesStart[j] + membership[j].length;
  const aggregatesIndex = new Int32Array(aggregatesStart[m]);
  const counts = new Int32Array(na);
  for (let j = 0; j < m; j++) {
    aggregatesIndex.set(membership[j], aggregatesStart[j]);
    for (const a of membership[j]) counts[a]++;
  }
  const bottomsStart = new Int32Array(na + 1);
  for (let i = 0; i < na; i++) bottomsStart[i + 1] = bottomsStart[i] + counts[i];
  const fill = bottomsStart.slice(0, na);
  const bottomsIndex = new Int32Array(bottomsStart[na]);
  for (let j = 0; j < m; j++) for (const a of membership[j]) bottomsIndex[fill[a]++] = j;
  return {
    keys: [...keys],
    levels,
    ids,
    level: Int32Array.from(levelOf),
    aggregateCount: na,
    bottomCount: m,
    bottomsStart,
    bottomsIndex,
    aggregatesStart,
    aggregatesIndex,
    parent,
  };
}

/** Total number of series n = na + m. */
export function seriesCount(h: Hierarchy): number {
  return h.aggregateCount + h.bottomCount;
}

/**
 * Multiplies by the summing matrix: given bottom values `bottom` (m rows x `width` columns, row-major),
 * returns all n series' values (aggregates are the sums of their bottom series).
 *
 * @example
 * const h = buildHierarchy(['k'], [['a'], ['b']], [['k']]);
 * summingMultiply(h, Float64Array.of(1, 2), 1) // Float64Array [3, 1, 2]
 */
export function summingMultiply(h: Hierarchy, bottom: Float64Array, width: number): Float64Array {
  const na = h.aggregateCount,
    m = h.bottomCount;
  if (bottom.length !== m * width)
    throw new ForesightError(
      'invalid_argument',
      `summingMultiply: ${bottom.length} values but ${m} bottom series x ${width} columns need ${m * width}`,
    );
  const out = new Float64Array((na + m) * width);
  out.set(bottom, na * width);
  for (let j = 0; j < m; j++) {
    for (let p = h.aggregatesStart[j]; p < h.aggregatesStart[j + 1]; p++) {
      const a = h.aggregatesIndex[p] * width;
      for (let c = 0; c < width; c++) out[a + c] += bottom[j * width + c];
    }
  }
  return out;
}

/**
 * Largest coherence error of all-series values (n rows x `width` columns): max over aggregates and columns of
 * |aggregate - sum of its bottom series|. Zero for coherent values.
 *
 * @example
 * const h = buildHierarchy(['k'], [['a'], ['b']], [['k']]);
 * coherenceError(h, Float64Array.of(4, 1, 2), 1) // 1
 */
export function coherenceError(h: Hierarchy, values: Float64Array, width: number): number {
  const sums = summingMultiply(h, values.slice(h.aggregateCount * width), width);
  let worst = 0;
  for (let i = 0; i < h.aggregateCount * width; i++) worst = Math.max(worst, Math.abs(values[i] - sums[i]));
  return worst;
}
