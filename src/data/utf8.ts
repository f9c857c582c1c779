/**
 * UTF-8 validation of a byte stream: text that is not UTF-8 (a Latin-1 export, a binary file) would otherwise
 * be decoded with replacement characters, and two ids that differ only in such bytes would merge silently.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { isUtf8 } from 'node:buffer';
import { ForesightError } from '../core/errors.js';

/**
 * Offset of the first byte that breaks UTF-8 in `bytes`, or -1 when all of it is valid. A sequence cut off by
 * the end of `bytes` counts as valid when `partialEnd` (more bytes follow), and its start is returned as
 * `cut` so the caller can carry it to the next chunk.
 *
 * @example
 * firstInvalidUtf8(Buffer.from([0x61, 0xe9, 0x62])) // { invalid: 1, cut: -1 }
 */
export function firstInvalidUtf8(bytes: Uint8Array, partialEnd = false): { invalid: number; cut: number } {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return { invalid: i, cut: -1 };
    if (i + need >= bytes.length) {
      // the sequence runs past the end of this chunk
      for (let k = i + 1; k < bytes.length; k++) if ((bytes[k] & 0xc0) !== 0x80) return { invalid: i, cut: -1 };
      return partialEnd ? { invalid: -1, cut: i } : { invalid: i, cut: -1 };
    }
    let code = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return { invalid: i, cut: -1 };
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return { invalid: i, cut: -1 };
    i += need + 1;
  }
  return { invalid: -1, cut: -1 };
}

/**
 * A pass-through transform that fails with ForesightError('invalid_input') naming the file, the line and the
 * offending byte at the first byte that is not UTF-8.
 */
export function utf8Guard(file: string): Transform {
  let carry: Buffer = Buffer.alloc(0);
  let line = 1;
  let offset = 0;
  const check = (chunk: Buffer, last: boolean, push: (b: Buffer) => void): ForesightError | null => {
    const bytes = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    if (isUtf8(bytes)) {
      carry = Buffer.alloc(0);
      countLines(bytes, bytes.length);
      offset += bytes.length;
      push(bytes);
      return null;
    }
    const { invalid, cut } = firstInvalidUtf8(bytes, !last);
    if (invalid < 0) {
      const whole = cut < 0 ? bytes : bytes.subarray(0, cut);
      carry = cut < 0 ? Buffer.alloc(0) : Buffer.from(bytes.subarray(cut));
      countLines(whole, whole.length);
      offset += whole.length;
      push(whole);
      return null;
    }
    countLines(bytes, invalid);
    const hex = bytes[invalid].toString(16).toUpperCase().padStart(2, '0');
    return new ForesightError(
      'invalid_input',
      `${file} line ${line}: the text is not UTF-8 (byte 0x${hex} at byte ${offset + invalid + 1}); save the file as UTF-8, or give --encoding latin1`,
      { file, line, value: `0x${hex}` },
    );
  };
  function countLines(bytes: Uint8Array, end: number): void {
    for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) line++;
  }
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      callback(check(chunk, false, (b) => this.push(b)));
    },
    flush(callback: TransformCallback) {
      if (carry.length === 0) return callback();
      const rest = carry;
      carry = Buffer.alloc(0);
      callback(check(rest, true, (b) => this.push(b)));
    },
  });
}
