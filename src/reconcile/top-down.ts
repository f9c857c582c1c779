/**
 * Top-down and middle-out reconciliation with forecast proportions (Athanasopoulos, Ahmed & Hyndman 2009; FPP3
 * section 11.2): going down the tree, each child's forecast is its parent's reconciled forecast times the
 * child's share of the base forecasts of its siblings, ỹ_c = ỹ_p · ŷ_c / Σ_{s ∈ children(p)} ŷ_s. Middle-out
 * keeps the base forecasts of one level, splits them down the same way and sums them up bottom-up. Both need a
 * tree (one nested chain of keys, or parent links): crossed groupings have no single parent to split from.
 */
import { ForesightError } from '../core/errors.js';
import { summingMultiply, type Hierarchy } from './structure.js';

function requireTree(h: Hierarchy, method: string): Int32Array {
  if (!h.parent) {
    throw new ForesightError(
      'invalid_argument',
      `${method} needs a strictly nested hierarchy (a tree); this structure has crossed groupings (levels ${h.levels.map((l) => l.name).join(', ')}); use bu, ols, wls_struct, wls_var or mint_shrink`,
    );
  }
  return h.parent;
}

/** Splits the values of `start` nodes down to the bottom by forecast proportions; returns bottom rows (m x width). */
function splitDown(
  h: Hierarchy,
  parent: Int32Array,
  base: Float64Array,
  width: number,
  keep: (node: number) => boolean,
): Float64Array {
  const n = h.aggregateCount + h.bottomCount;
  const children: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) if (parent[i] >= 0) children[parent[i]].push(i);
  const out = new Float64Array(n * width);
  // nodes are ordered coarse to fine within a tree, so parents come before children when walking from the roots
  const order: number[] = [];
  for (let i = 0; i < n; i++) if (keep(i)) order.push(i);
  for (const i of order) for (let c = 0; c < width; c++) out[i * width + c] = base[i * width + c];
  for (let q = 0; q < order.length; q++) {
    const p = order[q];
    const kids = children[p];
    if (kids.length === 0) continue;
    for (let c = 0; c < width; c++) {
      let total = 0;
      for (const k of kids) total += base[k * width + c];
      for (const k of kids) {
        // all-zero siblings: split equally
        const share = total !== 0 ? base[k * width + c] / total : 1 / kids.length;
        out[k * width + c] = out[p * width + c] * share;
      }
    }
    order.push(...kids);
  }
  return out.slice(h.aggregateCount * width);
}

/**
 * Top-down reconciliation from the root with forecast proportions, for all n series (n x `width`, row-major).
 * Throws ForesightError('invalid_argument') when the structure is not a tree.
 *
 * @example
 * const h = buildHierarchy(['k'], [['a'], ['b']], [['k']]);
 * topDown(h, Float64Array.of(12, 1, 2), 1) // Float64Array [12, 4, 8]
 */
export function topDown(h: Hierarchy, base: Float64Array, width: number): Float64Array {
  const parent = requireTree(h, 'top-down');
  return summingMultiply(
    h,
    splitDown(h, parent, base, width, (i) => parent[i] < 0),
    width,
  );
}

/**
 * Middle-out reconciliation from level `level` (an index into `h.levels`, or its name): that level keeps its
 * base forecasts, the levels below get forecast proportions, the levels above the sums. Throws
 * ForesightError('invalid_argument') for an unknown level or a structure that is not a tree.
 *
 * @example
 * const h = buildHierarchy(['s', 'c'], [['A', 'a1'], ['A', 'a2'], ['B', 'b1']], [['s', 'c']]);
 * middleOut(h, Float64Array.of(0, 6, 5, 1, 2, 0), 1, 's') // Float64Array [11, 6, 5, 2, 4, 5]
 */
export function middleOut(h: Hierarchy, base: Float64Array, width: number, level: number | string): Float64Array {
  const parent = requireTree(h, 'middle-out');
  const index = typeof level === 'number' ? level : h.levels.findIndex((l) => l.name === level);
  if (!(index >= 0 && index < h.levels.length)) {
    throw new ForesightError(
      'invalid_argument',
      `middle-out level "${level}" is not a level of the structure (${h.levels.map((l) => l.name).join(', ')})`,
      { value: String(level) },
    );
  }
  // leaves shallower than the middle level keep their own base forecasts
  const isLeaf = (i: number) => i >= h.aggregateCount;
  const bottom = splitDown(
    h,
    parent,
    base,
    width,
    (i) => h.level[i] === index || (isLeaf(i) && !hasAncestorAt(h, parent, i, index)),
  );
  return summingMultiply(h, bottom, width);
}

function hasAncestorAt(h: Hierarchy, parent: Int32Array, i: number, level: number): boolean {
  for (let p = i; p >= 0; p = parent[p]) if (h.level[p] === level) return true;
  return false;
}
