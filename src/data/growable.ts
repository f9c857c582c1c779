/**
 * An append-only Float64Array that doubles its capacity: the streaming reader keeps every column of every
 * series in these, 8 bytes a value, instead of one JavaScript object per row.
 */
export class GrowableArray {
  private data: Float64Array;
  length = 0;

  constructor(capacity = 16) {
    this.data = new Float64Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  /** Replaces every value by `fn(value)` in place. */
  mapInPlace(fn: (value: number) => number): void {
    for (let i = 0; i < this.length; i++) this.data[i] = fn(this.data[i]);
  }

  /** A copy of the values, trimmed to length. */
  toArray(): Float64Array {
    return this.data.slice(0, this.length);
  }
}
