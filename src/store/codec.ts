/**
 * How the store keeps numeric vectors and plain data in SQLite: float64 vectors as little-endian BLOBs (8 bytes a
 * value, NaN kept), everything else as JSON text with non-finite numbers written as null.
 */

/**
 * A float64 vector as a BLOB.
 *
 * @example
 * decodeFloats(encodeFloats(Float64Array.of(1, NaN))) // Float64Array [1, NaN]
 */
export function encodeFloats(values: ArrayLike<number>): Buffer {
  const array = values instanceof Float64Array ? values : Float64Array.from(values);
  const out = Buffer.alloc(array.length * 8);
  for (let i = 0; i < array.length; i++) out.writeDoubleLE(array[i], i * 8);
  return out;
}

/** The vector stored by {@link encodeFloats} (a copy, safe to keep). */
export function decodeFloats(blob: Uint8Array): Float64Array {
  const out = new Float64Array(blob.byteLength / 8);
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(i * 8, true);
  return out;
}

/**
 * Several vectors of the same length, concatenated (the bounds of each interval level).
 *
 * @example
 * decodeMatrix(encodeMatrix([Float64Array.of(1, 2), Float64Array.of(3, 4)]), 2) // [[1, 2], [3, 4]]
 */
export function encodeMatrix(rows: readonly ArrayLike<number>[]): Buffer {
  return Buffer.concat(rows.map((r) => encodeFloats(r)));
}

/** The rows stored by {@link encodeMatrix}, each of length `width`. */
export function decodeMatrix(blob: Uint8Array, width: number): Float64Array[] {
  const all = decodeFloats(blob);
  const rows: Float64Array[] = [];
  for (let start = 0; width > 0 && start < all.length; start += width) rows.push(all.slice(start, start + width));
  return rows;
}

/**
 * JSON text of plain data; typed arrays become arrays and non-finite numbers null (as JSON.stringify does).
 *
 * @example
 * toJson({ y: Float64Array.of(1, NaN) }) // '{"y":[1,null]}'
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as Float64Array) : v,
  );
}

/** Parses JSON text written by {@link toJson}; null stays null. */
export function fromJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}
